// Timeouts and cancellation. A call of the transport that can be cancelled (a caller's signal, a
// `timeoutMs`) has one AbortController: the caller's signal aborts it, and so does the timeout, and every
// request of the call carries its signal. `timeoutMs` bounds each attempt, redirects included, until the
// response's headers arrive. The body is not timed: a download may rightly take longer than any timeout,
// and the caller's signal still cancels it.
//
// Without a `timeoutMs` or a signal, a request goes to fetch with neither a timer nor a signal. Graph's
// gateway ends a request itself after 100 s (it answers 504), and Node's fetch gives up on a connection
// that sends no headers for 300 s (undici's headersTimeout), so such a request still ends. What it saves
// is every request's: undici's per-request signal plumbing costs about 8 % of a GET's CPU with 16 in
// flight, and a timer of ours raced against fetch about 0.9 KB of garbage per GET (bench/README.md, "The
// timeout").
import { TimeoutError } from './errors.js';

/** A fetch that takes a ready Request: what a caller may pass as `ClientOptions.fetch`. */
export type FetchFn = (request: Request) => Promise<Response>;

/**
 * How the transport sends one request: a URL and init. Cheaper than handing fetch a Request, which it
 * copies into another (and whose body it pipes through one more stream).
 */
export type SendFn = (url: string, init: RequestInit) => Promise<Response>;

/** The longest wait a timer takes (Node fires a longer one at once): `timeoutMs: Infinity` waits this long, 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What `timed` needs of a call: its timeout, if any, and the controller that aborts its requests (one when it has a timeout). */
interface Timed {
  readonly timeoutMs?: number | undefined;
  readonly controller?: AbortController | undefined;
}

/**
 * `sent` (one request of an attempt, or its wait for the throttle), aborted with a `TimeoutError` when the
 * time left of the attempt's timeout, `ms`, runs out; a timed-out call is not retried. Without a timeout,
 * `sent` itself: no timer and no promise of ours on every request's path.
 */
export function timed<T>(call: Timed, method: string, url: string, sent: Promise<T>, ms = call.timeoutMs): Promise<T> {
  if (ms === undefined) return sent;
  const id = setTimeout(() => call.controller?.abort(new TimeoutError(method, url, call.timeoutMs!)), Math.min(ms, MAX_TIMER_MS));
  return sent.finally(() => clearTimeout(id));
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
