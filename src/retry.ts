// Retries, below the middleware (which sees a call once, however many attempts it takes). A
// request is replayed only when that cannot duplicate a write: 429 says Graph did not process it, and a
// connection refused before anything was sent did nothing, so any method is retried then; after a 502,
// 503, 504, a timeout or a connection lost once the request was out, the outcome is unknown, so only
// idempotent methods are (unless the policy says `retryNonIdempotent`), and a write that gives up there
// fails with `OutcomeUnknownError`, never as a plain refusal.
import type { Throttle } from './throttle.js';
import { NetworkError, OutcomeUnknownError, RequestError } from './errors.js';
import { followRedirects, isRedirect } from './redirect.js';
import { sleep, timed, type SendFn } from './timeout.js';
import { describeValue } from './url.js';
import type { BodyInit, HeadersInit } from './fetch-types.js';

/**
 * When and how long to retry. The wait before retry `n` (0-based) is the server's `Retry-After` when it
 * sent one, else a random time in `[0, min(maxDelayMs, baseDelayMs × 2ⁿ))` ("full jitter": clients that
 * failed together do not retry together); either way at most `maxDelayMs`.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (3 retries without Retry-After wait at most 1 + 2 + 4 s). @default 3 */
  maxRetries: number;
  /** Upper bound of the first backoff, doubled for each further retry. @default 1000 */
  baseDelayMs: number;
  /** Longest single wait, also for `Retry-After` (Graph's throttling waits are seconds to tens of seconds). @default 60000 */
  maxDelayMs: number;
  /** No retry whose wait would end later than this after the first attempt began: past two minutes a caller
   *  is better served by the error, which carries `retryAfter`, than by a longer silence. @default 120000 */
  maxElapsedMs: number;
  /** Replay POST and PATCH after 503, 504 or a lost connection, accepting that the write may happen twice. @default false */
  retryNonIdempotent: boolean;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 60_000, maxElapsedMs: 120_000, retryNonIdempotent: false,
};

/** Retryable statuses, and whether the request is known not to have been processed. */
const RETRY_STATUSES = new Map([
  [429, true], // Too Many Requests: not processed (Graph's promise), safe to replay any method
  [502, false], // Bad Gateway: the gateway lost the service's answer, not necessarily the request
  [503, false], // Service Unavailable: Graph does not promise the write did not happen
  [504, false], // Gateway Timeout: the service may well have completed the request
]);

/** Methods whose replay has the effect of one request (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Whether replaying `method` has the effect of sending it once. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method);
}

/**
 * What fetch's failure says happened before the request left: a refused connection, a name that did not
 * resolve, a TLS certificate refused. Such a request did nothing and may be sent again whatever its method.
 */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$|CERT|SIGNATURE/;

/** Whether a `NetworkError` happened before any byte of the request was sent (the `code` under fetch's `fetch failed`). */
export function notSent(error: NetworkError): boolean {
  return NOT_SENT.test(String((error.cause as { cause?: { code?: unknown } } | undefined)?.cause?.code));
}

/** `error`, or an `OutcomeUnknownError` around it when it leaves a write (a non-idempotent request) that may have run. */
export function asOutcome(method: string, url: string, error: unknown, ran = true, status?: number): unknown {
  return ran && !IDEMPOTENT.has(method) && error instanceof RequestError
    ? new OutcomeUnknownError(method, url, error, status)
    : error;
}

/** A policy from options: `false` turns retries off; a partial policy overrides `base`. Bad values are a TypeError. */
export function resolveRetryPolicy(options: Partial<RetryPolicy> | false | undefined, base: Readonly<RetryPolicy> = DEFAULT_RETRY_POLICY): RetryPolicy {
  if (options === false) return { ...base, maxRetries: 0 };
  // Every option but the flag is a number (a misspelt one is refused too, rather than ignored).
  for (const key in options) {
    const value = options[key as keyof RetryPolicy];
    if (key !== 'retryNonIdempotent' && value !== undefined) checkNumber(`retry.${key}`, value, key === 'maxRetries');
  }
  return { ...base, ...options };
}

/**
 * Refuses an option that would hang or misbehave silently (`maxConcurrency: 0`, `timeoutMs: -1`,
 * `maxRetries: NaN`): a number, not negative, whole where it counts things; `min` for the smallest allowed.
 */
export function checkNumber(name: string, value: unknown, whole: boolean, min = 0): void {
  // `!(value >= min)` is also true for NaN; `Infinity % 1` is NaN, so Infinity counts as whole.
  if (typeof value !== 'number' || !(value >= min) || (whole && value % 1)) {
    throw new TypeError(`${name} must be a ${whole ? 'whole ' : ''}number ≥ ${min}, got ${describeValue(value)}.`);
  }
}

/** What the attempts of one call share. */
export interface Call {
  /**
   * Aborted by the caller's signal or the timeout; every request of the call carries its signal. Absent
   * when the call has neither: fetch gets no signal (see timeout.ts).
   */
  readonly controller?: AbortController | undefined;
  readonly policy: RetryPolicy;
  /** Per attempt, until the response's headers; none when undefined. */
  readonly timeoutMs?: number | undefined;
  readonly maxRedirects: number;
  /** Set when an answer that asked for a retry was not retried because the body was a stream (sent once). */
  streamNotResent?: boolean;
  /** Retries spent so far: the attempts of the request and the re-reads of a cut-off body share `maxRetries`. */
  retries: number;
  /** When the call's first attempt began (epoch ms): `maxElapsedMs` counts from here. */
  readonly started: number;
}

/** One request as the transport sends it: never a Request, which fetch would copy into another. */
export interface Outgoing {
  method: string;
  url: string;
  /** A builder call's are a plain object (cheaper for fetch to read than a Headers). */
  headers: HeadersInit;
  /** Text, bytes or a Blob are sent again on a retry or a 307/308; a stream is sent once (see `isStream`). */
  body?: BodyInit | null | undefined;
}

/**
 * Sends a call's request, attempt after attempt, until a response that is not retried. One attempt is
 * the request and its redirects under the timeout, after the client's throttle lets it go.
 */
export async function sendWithRetries(send: SendFn, out: Outgoing, call: Call, throttle: Throttle): Promise<Response> {
  const { policy } = call;
  const { method, url, headers } = out;
  const signal = call.controller?.signal;
  const replayable = policy.retryNonIdempotent || IDEMPOTENT.has(method);
  const body = out.body ?? null;
  // A stream can be read once: the request goes once, and its 429 is the caller's error (with `retryAfter`).
  const stream = isStream(body);
  const kept = stream ? undefined : body ?? undefined;
  // Only the keys that differ from fetch's defaults: fetch converts every key present, per request.
  const init: RequestInit & { duplex?: 'half' } = { headers, redirect: 'manual' };
  if (method !== 'GET') init.method = method;
  if (body !== null) init.body = body;
  if (stream) init.duplex = 'half';
  if (signal) init.signal = signal;
  for (;; call.retries++) {
    // A wait for the throttle (a Retry-After pause, a full concurrency limit) counts against the timeout.
    const release = throttle.enter() ?? await timed(call, method, url, throttle.acquire(signal));
    const begun = Date.now();
    let response: Response | undefined;
    let answered = false;
    let wait: number | undefined;
    try {
      // One await per attempt that is not redirected: this loop is every request's path.
      response = await timed(call, method, url, send(url, init));
      if (isRedirect(response)) {
        answered = true;
        response = await followRedirects(response, hops(send, call, method, begun), url, init, kept, signal, call.maxRedirects);
      }
    } catch (caught) {
      // The 3xx already read must not be returned: the attempt failed.
      response = undefined;
      // Failures below HTTP become `NetworkError` (retried when that is safe); aborts surface as their reason.
      const error = failure(call.controller, method, url, caught);
      // A request refused before it went out did nothing; one that was answered with a redirect did run.
      const ran = answered || !(error instanceof NetworkError && notSent(error));
      wait = stream ? undefined : nextWait(call);
      if (wait === undefined || (ran && !replayable) || !(error instanceof NetworkError)) throw asOutcome(method, url, error, ran);
    } finally {
      release();
    }
    if (response) {
      if (!RETRY_STATUSES.has(response.status)) return response;
      const after = retryAfterMs(response.headers.get('retry-after'), policy.maxDelayMs);
      // The server's wait applies to every request of this client, not just this one.
      if (after !== undefined) throttle.pause(after);
      wait = mayResend(response.status, replayable) ? nextWait(call, after) : undefined;
      if (wait === undefined || stream) {
        call.streamNotResent = stream && wait !== undefined;
        return response;
      }
      await response.body?.cancel();
      if (after !== undefined) wait = 0; // the throttle's pause is the wait
    }
    await sleep(wait!, signal);
  }
}

/**
 * Whether a call whose answer was cut off (or did not parse) is read again from the start: only an
 * idempotent request, within the retry budget it shares with its attempts. Waits the backoff first.
 */
export async function mayReread(call: Call, method: string): Promise<boolean> {
  const wait = IDEMPOTENT.has(method) ? nextWait(call) : undefined;
  if (wait === undefined) return false;
  call.retries++;
  await sleep(wait, call.controller?.signal);
  return true;
}

/**
 * The wait before `call`'s next retry (the server's `after`, else the backoff), when its budget allows one:
 * fewer than `maxRetries` so far, and the wait ends within `maxElapsedMs` of the first attempt.
 */
function nextWait(call: Call, after?: number): number | undefined {
  const { policy, retries } = call;
  const wait = after ?? backoff(policy, retries);
  return retries < policy.maxRetries && Date.now() + wait - call.started <= policy.maxElapsedMs ? wait : undefined;
}

/** What a request's failure is to its caller: our own errors as they are, an abort as its reason, else a `NetworkError`. */
function failure(controller: AbortController | undefined, method: string, url: string, error: unknown): unknown {
  if (error instanceof RequestError) return error;
  if (controller?.signal.aborted) return controller.signal.reason;
  return new NetworkError(method, url, error);
}

/**
 * How an attempt that began at `begun` sends its redirect hops: under what is left of its timeout. A
 * function of its own: a closure in the retry loop would cost every attempt a context.
 */
function hops(send: SendFn, call: Call, method: string, begun: number): SendFn {
  return (to, next) => timed(call, method, to, send(to, next), call.timeoutMs && begun + call.timeoutMs - Date.now());
}

/** Bodies that can be read only once (web streams, Node streams, async iterables): sent once, never kept. */
export function isStream(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body instanceof ReadableStream || Symbol.asyncIterator in body || typeof (body as { pipe?: unknown }).pipe === 'function');
}

/**
 * Whether a request answered `status` may be sent again without risking a second write: after a 429
 * always; after a 502, 503 or 504 only when it is `replayable` (its method is idempotent, or the policy allows).
 */
export function mayResend(status: number, replayable: boolean): boolean {
  const notProcessed = RETRY_STATUSES.get(status);
  return notProcessed === true || (notProcessed === false && replayable);
}

/** The full-jitter wait before retry `attempt` when the server named none. */
export function backoff(policy: RetryPolicy, attempt: number): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

/** `Retry-After` in milliseconds: seconds (possibly fractional) or an HTTP date; clamped to `maxMs`. */
export function retryAfterMs(value: string | null, maxMs: number, now: number = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(0, ms), maxMs);
}
