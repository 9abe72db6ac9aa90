// The HTTP core: one transport per Graph client. Every request goes to fetch as a URL and a plain init
// (never a Request, which fetch would copy into another), once per call through the caller's openapi-fetch
// middleware (middleware.ts) and then through retries, the client's throttle, redirects and the timeout
// (retry.ts). The raw client (raw-client.ts) is openapi-fetch itself, sending through the same transport.
// Per-request cost matters (bench/README.md): the comments say what each choice saves.
import { GraphError, isCutOff, NetworkError, RequestError, type GraphErrorBody } from './errors.js';
import type { ClientMiddleware } from './middleware.js';
import { DEFAULT_MAX_REDIRECTS } from './redirect.js';
import { asOutcome, checkNumber, mayReread, resolveRetryPolicy, sendWithRetries, type Call, type Outgoing, type RetryPolicy } from './retry.js';
import { Throttle } from './throttle.js';
import { link, none, type SendFn } from './timeout.js';
import type { ClientOptions } from './client.js';
import type { BodyInit } from './fetch-types.js';

export const SDK_VERSION = 'msgraph-ts/0.1.0';

/** Returns a bearer token for a request; called for each request so a provider can refresh. */
export type TokenProvider = () => string | Promise<string>;

/** The client's options that concern sending (documented on `ClientOptions`), the token as a provider. */
export type TransportOptions = Omit<ClientOptions, 'protocol' | 'baseUrl' | 'resource' | 'token'> & { token?: TokenProvider };

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Return the raw Response (downloads) instead of parsed JSON. */
  raw?: boolean;
  /** Send the body as is (uploads) instead of as JSON. */
  rawBody?: boolean;
  /** This request's retry policy over the client's (`false`: one attempt). */
  retry?: Partial<RetryPolicy> | false;
  /** This request's per-attempt timeout over the client's. */
  timeoutMs?: number;
  /** Earlier requests of the same batch this one waits for (only inside `batch()`). */
  dependsOn?: readonly Promise<unknown>[];
}

export class Transport {
  /**
   * Sends one request as it is: the caller's fetch (given a Request; `proxiedFetch` for a proxy), or the global one (looked
   * up per call). Also how uploads reach pre-authenticated storage URLs, which get no token (upload.ts).
   */
  readonly connect: SendFn;
  readonly policy: RetryPolicy;
  readonly #timeoutMs: number | undefined;
  readonly #maxRedirects: number;
  readonly #throttle: Throttle;
  /** The client's own headers. */
  readonly #headers: Record<string, string>;
  readonly #token: TokenProvider | undefined;
  /** The caller's openapi-fetch middleware, run once per call (retries happen below it). */
  readonly middleware: ClientMiddleware | undefined;
  /** Set by `close()`: later requests are refused. */
  #closed = false;

  constructor(options: TransportOptions) {
    const user = options.fetch;
    this.connect = user
      ? async (url, init) => {
        // A caller's fetch takes a Request. Hold it until the response: undici links the Request fetch makes
        // from it to its signal through a WeakRef; collected mid-flight, a timeout would never arrive.
        const request = new Request(url, init);
        try {
          return await user(request);
        } finally {
          void request.url;
        }
      }
      : (url, init) => globalThis.fetch(url, init);
    this.policy = resolveRetryPolicy(options.retry);
    const { timeoutMs, maxRedirects = DEFAULT_MAX_REDIRECTS, maxConcurrency = Infinity } = options;
    if (timeoutMs !== undefined) checkNumber('timeoutMs', timeoutMs, false, 1);
    checkNumber('maxRedirects', maxRedirects, true);
    checkNumber('maxConcurrency', maxConcurrency, true, 1);
    this.#timeoutMs = timeoutMs;
    this.#maxRedirects = maxRedirects;
    this.#throttle = new Throttle(maxConcurrency);
    this.#headers = { ...options.headers };
    this.#token = options.token;
    if (Array.isArray(options.middleware)) throw new TypeError('middleware: use withMiddleware()');
    this.middleware = options.middleware;
  }

  /** Holds every request of this client for `ms` from now (Graph's Retry-After applies to all of them). */
  pause(ms: number): void {
    this.#throttle.pause(ms);
  }

  /** Refuses further requests (a `proxiedFetch` given as `fetch` is closed by its own `close()`). */
  async close(): Promise<void> {
    this.#closed = true;
  }

  async send(method: string, url: string, options: SendOptions = {}): Promise<unknown> {
    if (options.dependsOn) throw new RequestError(method, url, 'has dependsOn, which works only inside batch().');
    const call = this.call(options.signal, options);
    try {
      let token = this.bearer(method, url);
      try {
        if (typeof token === 'object') token = await token;
      } catch (cause) {
        throw tokenFailed(method, url, cause);
      }
      const headers = this.headers(options.headers, options.body !== undefined && !options.rawBody, token);
      // A JSON body is serialized here, once: every attempt sends the same text. A body under a content type
      // of its own (MIME mail as base64 text, OneNote HTML, a zip, XML) goes as given: as JSON it would be a quoted string.
      const body = options.body === undefined ? undefined : options.rawBody || !headers['content-type']!.includes('json') ? asGiven(method, url, options.body) : JSON.stringify(options.body);
      const out = { method, url, headers, body };
      for (;;) {
        const response = await (this.middleware ? this.middleware.run(out, (o) => this.dispatch(o, call)) : this.dispatch(out, call));
        if (!response.ok) {
          const note = call.streamNotResent ? 'not retried: a stream is sent once; give bytes or a Blob' : undefined;
          throw asOutcome(method, url, new GraphError(method, url, response, parseErrorBody(await response.text().catch(() => '')), note), response.status >= 502 && response.status <= 504, response.status);
        }
        if (options.raw) return response;
        // Read here rather than in a function of its own: one async step less on every request.
        if (response.status === 204 || response.status === 202) {
          // An empty body has arrived whole with the headers: nothing to read (reading an empty stream still
          // costs a reader and a few ticks). Any other is read, not cancelled: cancelling makes undici abort
          // the fetch and build a DOMException. The status is the answer: a body cut off after it changes nothing.
          if (response.headers.get('content-length') !== '0') await response.arrayBuffer().catch(none);
          return undefined;
        }
        try {
          return parse(method, url, response, await response.text());
        } catch (error) {
          // The answer was cut off (or did not parse: cut off without a length). A read is read again, within
          // the retry budget; a write was carried out (its status says so) but what it made is unknown.
          if (call.controller?.signal.aborted) throw error;
          const lost = isCutOff(error) ? new NetworkError(method, url, error) : error;
          // Past V8's string limit (about 512 MiB) JSON is not an answer to parse: a typed error, not a RangeError.
          if (!(lost instanceof RequestError)) throw error instanceof RangeError ? new RequestError(method, url, 'got an answer too large for JSON (use download()).', { cause: error }) : error;
          if (!(await mayReread(call, method))) throw asOutcome(method, url, lost, true, response.status);
        }
      }
    } finally {
      // A raw response's body is read by the caller later: the caller's signal must still cancel it.
      if (!options.raw) call.unlink();
    }
  }

  /** Sends one request of `call` (after any middleware): retries, throttle, redirects and timeouts. */
  dispatch(out: Outgoing, call: Call): Promise<Response> {
    return sendWithRetries(this.connect, out, call, this.#throttle);
  }

  /**
   * The bearer token for a request: at once when the provider has a string (most do), so that a request
   * need not wait a tick for it. The first step of every request: refuses it once the client is closed.
   */
  bearer(method: string, url: string): string | Promise<string> | undefined {
    if (this.#closed) throw new RequestError(method, url, 'was not sent: this client was closed; create a new one.');
    try {
      return this.#token?.();
    } catch (cause) {
      throw tokenFailed(method, url, cause);
    }
  }

  /**
   * A request's headers (names in lower case): what every request carries unless the request set it
   * itself (a `client-request-id`, the client's headers, the bearer `token`), the request's own, and the
   * SDK version.
   */
  headers(own: Record<string, string> | undefined, json: boolean, token: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'client-request-id': crypto.randomUUID() };
    if (json) headers['content-type'] = 'application/json';
    const client = this.#headers;
    for (const k in client) headers[k.toLowerCase()] = client[k]!;
    for (const k in own) headers[k.toLowerCase()] = own[k]!;
    headers['sdkversion'] = SDK_VERSION;
    if (token !== undefined && !headers['authorization']) headers['authorization'] = `Bearer ${token}`;
    return headers;
  }

  /**
   * What a call's attempts share. One controller per call (not per attempt), only when the call can be
   * cancelled: the caller's signal aborts it, and so does its timeout; every request of the call then
   * carries its signal. A call with neither sends without a signal (see timeout.ts).
   */
  call(signal: AbortSignal | null | undefined, options: SendOptions): Call & { unlink(): void } {
    if (options.timeoutMs !== undefined) checkNumber('timeoutMs', options.timeoutMs, false, 1);
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const controller = signal || timeoutMs !== undefined ? new AbortController() : undefined;
    return {
      controller,
      policy: options.retry === undefined ? this.policy : resolveRetryPolicy(options.retry, this.policy),
      timeoutMs,
      retries: 0,
      started: Date.now(),
      maxRedirects: this.#maxRedirects,
      // Stops following the caller's signal once the call is over.
      unlink: controller ? link(signal, controller) : none,
    };
  }
}

function asGiven(method: string, url: string, body: unknown): BodyInit {
  if ((body as object | null)?.constructor === Object || Array.isArray(body)) throw new RequestError(method, url, 'was not sent: a non-JSON body is text, bytes or a stream.');
  return body as BodyInit;
}

/** A successful response's body, read as `text`: nothing when empty, parsed JSON, or the text itself. */
function parse(method: string, url: string, response: Response, text: string): unknown {
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RequestError(method, url, `got a ${response.status} whose JSON does not parse (${text.length} bytes).`, { cause });
  }
}

/** The token provider failed: said with the request it was for, the provider's error as the cause. */
function tokenFailed(method: string, url: string, cause: unknown): RequestError {
  return new RequestError(method, url, `was not sent: the token provider failed (${(cause as Error)?.message ?? cause}).`, { cause });
}

function parseErrorBody(text: string): GraphErrorBody | undefined {
  try {
    return JSON.parse(text) as GraphErrorBody;
  } catch {
    return undefined;
  }
}
