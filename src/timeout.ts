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

/** The longest wait a timer takes (Node fires a longer one at once): `timeoutMs: Infinity` waits this long, 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What `timed` needs of a call: its timeout, and the controller that aborts its requests, if they carry one. */
interface Timed {
  readonly timeoutMs: number;
  readonly controller?: AbortController | undefined;
}

/**
 * `sent` (one request of an attempt) under the time left of the attempt's timeout, `ms`: rejects with a
 * `TimeoutError` when it runs out, and aborts the call's controller, when it has one (which ends the
 * call: a timed-out request is not retried). Failures below HTTP become `NetworkError`; aborts surface as
 * their reason. Not an async function, and one promise: this is on every request's path.
 */
export function timed(call: Timed, method: string, url: string, sent: Promise<Response>, ms: number = call.timeoutMs): Promise<Response> {
  const { controller } = call;
  return new Promise((resolve, reject) => {
    const id = setTimeout(() => {
      const error = new TimeoutError(method, url, call.timeoutMs);
      controller?.abort(error);
      reject(error);
      // Let go, not aborted: once it answers, its body is discarded so that the connection is reused.
      if (!controller) sent.then((response) => response.body?.cancel(), () => {});
    }, Math.min(ms, MAX_TIMER_MS));
    sent.then((response) => {
      clearTimeout(id);
      resolve(response);
    }, (error) => {
      clearTimeout(id);
      reject(failure(controller, method, url, error));
    });
  });
}

/** What a request's failure is to its caller: our own errors as they are, an abort as its reason, else a `NetworkError`. */
function failure(controller: AbortController | undefined, method: string, url: string, error: unknown): unknown {
  if (error instanceof RequestError) return error;
  if (controller?.signal.aborted) return controller.signal.reason ?? error;
  return new NetworkError(method, url, error);
}

/** Does nothing: what is released or unlinked when nothing was taken or linked (one function, shared). */
export function none(): void {}

/** Aborts `controller` when `signal` does; returns how to stop listening. */
export function link(signal: AbortSignal | null | undefined, controller: AbortController): () => void {
  const forward = (): void => controller.abort(signal!.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  return () => signal?.removeEventListener('abort', forward);
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
