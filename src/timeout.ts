// Timeouts and cancellation for one attempt of a request. The caller's `signal` cancels everything
// (attempts and the waits between them); `timeoutMs` bounds each attempt, redirects included, until the
// response's headers arrive. The body is not timed: a download may rightly take longer than any timeout,
// and the caller's signal still cancels it.
import { NetworkError, RedirectError, TimeoutError } from './errors.js';

/** A fetch: the request, and per-attempt overrides (signal, redirect) that spare building another Request. */
export type FetchFn = (request: Request, init?: RequestInit) => Promise<Response>;

/**
 * Graph's own gateway gives up on a request after 100 seconds (it answers 504), so waiting longer for
 * headers only waits for a response that will not come.
 */
export const DEFAULT_TIMEOUT_MS = 100_000;

/** `fetch` with a per-attempt timeout; failures below HTTP become `NetworkError`, aborts stay as they are. */
export function withTimeout(fetch: FetchFn, timeoutMs: number = DEFAULT_TIMEOUT_MS): FetchFn {
  return async (request) => {
    // Not AbortSignal.any, and no intermediate Request: undici links a Request to its signal's source
    // through a WeakRef, so an unreferenced combined signal or Request could be collected mid-request and
    // the timeout never arrive (seen on Node 20). This controller is held by the timer and by the listener
    // on the request's own signal.
    const controller = new AbortController();
    const forward = (): void => controller.abort(request.signal.reason);
    if (request.signal.aborted) forward();
    else request.signal.addEventListener('abort', forward, { once: true });
    const id = Number.isFinite(timeoutMs)
      ? setTimeout(() => controller.abort(new TimeoutError(request.method, request.url, timeoutMs)), timeoutMs)
      : undefined;
    try {
      // The attempt's signal travels in `init` (fetch builds its Request from it, once); `controller` stays
      // reachable through the timer and the listener above until the attempt settles.
      return await fetch(request, { signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason ?? error;
      if (error instanceof RedirectError || error instanceof NetworkError) throw error;
      throw new NetworkError(request.method, request.url, error);
    } finally {
      clearTimeout(id);
    }
  };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = (): void => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const id = setTimeout(done, ms);
    const abort = (): void => {
      clearTimeout(id);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
