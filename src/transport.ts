// The HTTP core: one transport per Graph client. Every request goes to fetch as a URL and a plain init
// (never a Request, which fetch would copy into another), once per call through the caller's openapi-fetch
// middleware (middleware.ts) and then through retries, the client's throttle, redirects and the timeout
// (retry.ts). The raw client (raw-client.ts) is openapi-fetch itself, sending through the same transport.
// Per-request cost matters (bench/README.md): the comments say what each choice saves.
import { GraphError, isCutOff, NetworkError, redact, RequestError, type GraphErrorBody } from './errors.js';
import { aroundCall, type Middleware } from './middleware.js';
import { proxiedFetch } from './proxy.js';
import { DEFAULT_MAX_REDIRECTS } from './redirect.js';
import { isStream, resolveRetryPolicy, sendWithRetries, type Call, type Outgoing, type RetryPolicy } from './retry.js';
import { Throttle } from './throttle.js';
import { link, none, type SendFn } from './timeout.js';
import type { ClientOptions } from './client.js';

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
  /** Sends one request: the caller's fetch (given a Request), the proxy's, or the global one (looked up per call). */
  readonly #send1: SendFn;
  readonly policy: RetryPolicy;
  readonly #timeoutMs: number | undefined;
  readonly #maxRedirects: number;
  readonly #throttle: Throttle;
  /** The client's own headers. */
  readonly #headers: Record<string, string>;
  readonly #token: TokenProvider | undefined;
  /** The caller's openapi-fetch middleware, run once per call (retries happen below it). */
  readonly middleware: readonly Middleware[];
  /** Set by `close()`: later requests are refused. */
  #closed = false;
  /** Closes what this client opened itself: its proxy's connections, when it has one. */
  readonly #release: (() => Promise<void>) | undefined;

  constructor(options: TransportOptions) {
    if (options.proxy !== undefined && options.fetch) {
      throw new TypeError('Give `proxy` or your own `fetch`, not both: your fetch decides how it connects.');
    }
    const proxied = options.proxy === undefined ? undefined : proxiedFetch(options.proxy);
    this.#release = proxied?.close;
    const user = options.fetch;
    this.#send1 = user
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
      : proxied?.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.policy = resolveRetryPolicy(options.retry);
    this.#timeoutMs = options.timeoutMs;
    this.#maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.#throttle = new Throttle(options.maxConcurrency);
    this.#headers = { ...options.headers };
    this.#token = options.token;
    this.middleware = options.middleware ?? [];
  }

  /** Holds every request of this client for `ms` from now (Graph's Retry-After applies to all of them). */
  pause(ms: number): void {
    this.#throttle.pause(ms);
  }

  /** Refuses further requests and closes the connections this client opened itself (its proxy's). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#release?.();
  }

  async send(method: string, url: string, options: SendOptions = {}): Promise<unknown> {
    if (options.dependsOn) throw new TypeError(`${method} ${redact(url)}: dependsOn only means something inside batch().`);
    const call = this.call(options.signal, options);
    try {
      let token = this.bearer(method, url);
      if (typeof token === 'object') token = await token;
      const headers = this.headers(options.headers, options.body !== undefined && !options.rawBody, token);
      // A JSON body is serialized here, once: every attempt sends the same text. A body under a content type
      // of its own (MIME mail as base64 text, OneNote HTML, a zip, XML) goes as given: as JSON it would be a quoted string.
      const body = options.body === undefined ? undefined : options.rawBody || !headers['content-type']!.includes('json') ? asGiven(method, url, options.body) : JSON.stringify(options.body);
      const out = { method, url, headers, body };
      const response = await (this.middleware.length === 0 ? this.dispatch(out, call) : throughMiddleware(this, out, call));
      if (!response.ok) {
        const note = call.streamNotResent ? 'not retried: a streamed body is sent once; give bytes or a Blob to have it retried' : undefined;
        throw new GraphError(method, url, response, parseErrorBody(await response.text()), note);
      }
      if (options.raw) return response;
      // Read here rather than in a function of its own: one async step less on every request.
      if (response.status === 204 || response.status === 202) {
        // An empty body has arrived whole with the headers: nothing to read (reading an empty stream still
        // costs a reader and a few ticks). Any other is read, not cancelled: cancelling makes undici abort
        // the fetch and build a DOMException.
        if (response.headers.get('content-length') !== '0') await response.arrayBuffer();
        return undefined;
      }
      return parse(method, url, response, await response.text());
    } catch (error) {
      if (!isCutOff(error) || call.controller?.signal.aborted) throw error;
      throw new NetworkError(method, url, error);
    } finally {
      // A raw response's body is read by the caller later: the caller's signal must still cancel it.
      if (!options.raw) call.unlink();
    }
  }

  /** Sends one request of `call` (after any middleware): retries, throttle, redirects and timeouts. */
  dispatch(out: Outgoing, call: Call): Promise<Response> {
    return sendWithRetries(this.#send1, out, call, this.#throttle);
  }

  /**
   * The bearer token for a request: at once when the provider has a string (most do), so that a request
   * need not wait a tick for it. The first step of every request: refuses it once the client is closed.
   */
  bearer(method: string, url: string): string | Promise<string> | undefined {
    if (this.#closed) throw new RequestError(method, url, 'was not sent: this client was closed with close(). Create a new client.');
    return this.#token?.();
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
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const controller = signal || timeoutMs !== undefined ? new AbortController() : undefined;
    return {
      controller,
      policy: options.retry === undefined ? this.policy : resolveRetryPolicy(options.retry, this.policy),
      timeoutMs,
      maxRedirects: this.#maxRedirects,
      // Stops following the caller's signal once the call is over.
      unlink: controller ? link(signal, controller) : none,
    };
  }
}

/**
 * Sends `out` through the caller's middleware, which sees (and may replace) a Request; what it passes on
 * is what is sent. A function of its own: a closure in `send` would cost every request a context.
 */
function throughMiddleware(transport: Transport, { method, url, headers, body }: Outgoing & { headers: Record<string, string> }, call: Call): Promise<Response> {
  return aroundCall(transport.middleware, new Request(url, { method, headers, body, duplex: 'half' } as RequestInit), headers['client-request-id']!, async (r) => transport.dispatch(await outgoing(r, !isStream(body)), call));
}

/** A Request as the transport sends it; `keep`: read its body into bytes, so that it can be sent again. */
export async function outgoing(request: Request, keep: boolean): Promise<Outgoing> {
  const { method, url, headers, body } = request;
  return { method, url, headers, body: body && keep ? await request.arrayBuffer() : body };
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
    throw new RequestError(method, url, `got a ${response.status} response whose JSON body does not parse (${text.length} bytes).`, { cause });
  }
}

function parseErrorBody(text: string): GraphErrorBody | undefined {
  try {
    return JSON.parse(text) as GraphErrorBody;
  } catch {
    return undefined;
  }
}
