// Timeouts and cancellation. Each call of the transport has one AbortController: the caller's signal
// aborts it, and so does a timeout, and every request of the call carries its signal; `timeoutMs` bounds
// each attempt, redirects included, until the response's headers arrive. The body is not timed: a
// download may rightly take longer than any timeout, and the caller's signal still cancels it.
import { NetworkError, RequestError, TimeoutError } from './errors.js';

/** A fetch that takes a ready Request: what a caller may pass as `ClientOptions.fetch`. */
export type FetchFn = (request: Request) => Promise<Response>;

/**
 * How the transport sends one request: a URL and init. Cheaper than handing fetch a Request, which it
 * copies into another (and whose body it pipes through one more stream).
 */
export type SendFn = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Graph's own gateway gives up on a request after 100 seconds (it answers 504), so waiting longer for
 * headers only waits for a response that will not come.
 */
export const DEFAULT_TIMEOUT_MS = 100_000;

/**
 * Runs one attempt under a timeout that aborts `controller` (which ends the call: a timed-out request is
 * not retried). Failures below HTTP become `NetworkError`; aborts surface as their reason.
 */
export async function timed(controller: AbortController, timeoutMs: number, method: string, url: string, attempt: () => Promise<Response>): Promise<Response> {
  const id = Number.isFinite(timeoutMs) ? setTimeout(() => controller.abort(new TimeoutError(method, url, timeoutMs)), timeoutMs) : undefined;
  try {
    return await attempt();
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason ?? error;
    if (error instanceof RequestError) throw error;
    throw new NetworkError(method, url, error);
  } finally {
    clearTimeout(id);
  }
}

/** Aborts `controller` when `signal` does; returns how to stop listening. */
export function link(signal: AbortSignal | null | undefined, controller: AbortController): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => {};
  }
  const forward = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  return () => signal.removeEventListener('abort', forward);
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
