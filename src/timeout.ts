// Timeouts and cancellation. A call of the transport that can be cancelled (a caller's signal, a timeout
// shorter than the default) has one AbortController: the caller's signal aborts it, and so does the
// timeout, and every request of the call carries its signal. `timeoutMs` bounds each attempt, redirects
// included, until the response's headers arrive. The body is not timed: a download may rightly take
// longer than any timeout, and the caller's signal still cancels it.
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
 * headers only waits for a response that will not come. At this default, a request the caller cannot
 * cancel (no signal) goes to fetch without one: undici's per-request signal plumbing was about a tenth
 * of a GET's CPU (bench/requests/profile.mjs), and Graph ends such a request itself. If it still times out, it is let
 * go: the caller gets the `TimeoutError` at once, the connection is freed when the server answers or
 * undici's own headers timeout ends it. A shorter `timeoutMs`, or a caller's signal, aborts the request.
 */
export const DEFAULT_TIMEOUT_MS = 100_000;

/** What `timed` needs of a call: its timeout, and the controller that aborts its requests, if they carry one. */
interface Timed {
  readonly timeoutMs: number;
  readonly controller?: AbortController | undefined;
}

/**
 * Runs one attempt under the call's timeout, which rejects with a `TimeoutError` and aborts the call's
 * controller, when it has one (which ends the call: a timed-out request is not retried). Failures below
 * HTTP become `NetworkError`; aborts surface as their reason.
 */
export async function timed(call: Timed, method: string, url: string, attempt: () => Promise<Response>): Promise<Response> {
  const { timeoutMs, controller } = call;
  const sent = attempt();
  let id: ReturnType<typeof setTimeout> | undefined;
  try {
    return await (Number.isFinite(timeoutMs) ? Promise.race([sent, new Promise<never>((_, reject) => {
      id = setTimeout(() => {
        const error = new TimeoutError(method, url, timeoutMs);
        controller?.abort(error);
        reject(error);
        // Let go, not aborted: once it answers, its body is discarded so that the connection is reused.
        if (!controller) sent.then((response) => response.body?.cancel(), () => {});
      }, timeoutMs);
    })]) : sent);
  } catch (error) {
    if (error instanceof RequestError) throw error;
    if (controller?.signal.aborted) throw controller.signal.reason ?? error;
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
  return abortable(signal, (done) => {
    const id = setTimeout(done, ms);
    return () => clearTimeout(id);
  });
}

/**
 * A wait that `start` ends by calling `done`, or that rejects with the signal's reason as soon as it
 * aborts; `start` returns how to stop waiting.
 */
export function abortable(signal: AbortSignal | undefined, start: (done: () => void) => () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = (): void => {
      stop();
      reject(signal!.reason);
    };
    const stop = start(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    });
    signal?.addEventListener('abort', abort, { once: true });
  });
}
