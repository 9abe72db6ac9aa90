// The HTTP core: one openapi-fetch client per Graph client. Its middleware adds what every request
// carries (auth, client-request-id, SDK version); status handling and body parsing are here, once.
// Under openapi-fetch, the `fetch` it is given runs one call: one AbortController (caller's signal and
// timeout), retries, redirects (retry.ts). Per-request cost matters (bench/README.md): a call builds as
// few Request objects, signals and body streams as it can; the comments say what each choice saves.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { GraphError, isCutOff, NetworkError, RequestError, type GraphErrorBody } from './errors.js';
import { proxiedFetch } from './proxy.js';
import { DEFAULT_MAX_REDIRECTS } from './redirect.js';
import { resolveRetryPolicy, sendWithRetries, type Call, type RetryPolicy } from './retry.js';
import { Throttle } from './throttle.js';
import { DEFAULT_TIMEOUT_MS, link, type SendFn } from './timeout.js';
import type { ClientOptions } from './client.js';

export const SDK_VERSION = 'msgraph-ts/0.1.0';

/** Where a call's fetch carries its Call, for our middleware to record the Request openapi-fetch built. */
const CALL = Symbol('call');

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
  private readonly client: Client<Record<string, Record<'get', {}>>>;
  /** Sends one request: the caller's fetch (given a Request), the proxy's, or the global one (looked up per call). */
  private readonly send1: SendFn;
  readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly throttle: Throttle;
  /** What every request of this client goes through: headers, auth, the closed check. Shared with raw clients. */
  private readonly middleware: readonly Middleware[];
  /** Set by `close()`: later requests are refused. */
  private closed = false;
  private readonly release: () => Promise<void>;

  constructor(options: TransportOptions) {
    if (options.proxy !== undefined && options.fetch) {
      throw new TypeError('Give either `proxy` or your own `fetch`, not both: a custom fetch decides itself how it connects.');
    }
    const proxied = options.proxy === undefined ? undefined : proxiedFetch(options.proxy);
    this.release = proxied ? proxied.close : async () => {};
    const user = options.fetch;
    this.send1 = user
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
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.throttle = new Throttle(options.maxConcurrency);
    // Ours first: a caller's middleware sees the request as it will be sent (ids, auth) and the response first.
    this.middleware = [headersMiddleware(options, () => this.closed), ...(options.middleware ?? [])];
    // URLs arrive with their query already written (url.ts): a serializer that adds nothing spares
    // openapi-fetch building a default one on every request.
    this.client = createClient({ baseUrl: '', querySerializer: () => '' });
    this.client.use(...this.middleware);
  }

  /**
   * An openapi-fetch client on this transport: same auth, headers, retries, throttle and timeouts as the
   * builders. Its paths are relative to `baseUrl`; `Paths` comes from openapi-typescript.
   */
  raw<Paths extends {}>(baseUrl: string): Client<Paths> {
    // A raw request arrives with its own signal: the call's controller follows it.
    const fetch = (request: Request): Promise<Response> => {
      const { call, unlink } = this.call(request.signal, {});
      return sendWithRetries(this.send1, request, call, this.throttle).finally(unlink);
    };
    const client = createClient<Paths>({ baseUrl, fetch });
    client.use(...this.middleware);
    return client;
  }

  /** Holds every request of this client for `ms` from now (Graph's Retry-After applies to all of them). */
  pause(ms: number): void {
    this.throttle.pause(ms);
  }

  /** Refuses further requests and closes the connections this client opened itself (its proxy's). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }

  async send(method: string, url: string, options: SendOptions = {}): Promise<unknown> {
    if (options.dependsOn) throw new TypeError(`${method} ${url.split('?')[0]}: dependsOn only means something inside batch().`);
    const { call, unlink } = this.call(options.signal, options);
    try {
      return await this.exchange(method, url, options, call);
    } catch (error) {
      if (!isCutOff(error) || call.controller.signal.aborted) throw error;
      throw new NetworkError(method, url, error);
    } finally {
      // A raw response's body is read by the caller later: the caller's signal must still cancel it.
      if (!options.raw) unlink();
    }
  }

  /**
   * What a call's attempts share. One controller per call (not per attempt): the caller's signal aborts
   * it, and so does a timeout; every request of the call carries its signal.
   */
  private call(signal: AbortSignal | null | undefined, options: SendOptions): { call: Call; unlink: () => void } {
    const controller = new AbortController();
    const unlink = link(signal, controller);
    const call: Call = {
      controller,
      policy: options.retry === undefined ? this.policy : resolveRetryPolicy(options.retry, this.policy),
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      maxRedirects: this.maxRedirects,
      keepBody: !(options.rawBody && isStream(options.body)),
    };
    return { call, unlink };
  }

  private async exchange(method: string, url: string, options: SendOptions, call: Call): Promise<unknown> {
    // A JSON body is serialized here, once, and kept as the text every attempt sends (see Call.json).
    const json = options.body !== undefined && !options.rawBody ? JSON.stringify(options.body) : undefined;
    call.json = json;
    // Only a kept JSON body needs our middleware to see which Request openapi-fetch built (see Call.original).
    const fetch = (request: Request): Promise<Response> => sendWithRetries(this.send1, request, call, this.throttle);
    if (json !== undefined) (fetch as { [CALL]?: Call })[CALL] = call;
    const { response, error } = await this.client.request(method.toLowerCase() as 'get', url as never, {
      body: (json ?? options.body) as never,
      headers: options.headers,
      parseAs: 'stream',
      // openapi-fetch takes a fetch per request: the way this call's controller and policy reach its attempts.
      fetch,
      bodySerializer: identity,
    } as never);
    if (!response.ok) {
      // openapi-fetch has already read an error body: parsed JSON, or the text when it was not JSON.
      throw new GraphError(method, url, response, typeof error === 'string' ? parseErrorBody(error) : (error as GraphErrorBody | undefined));
    }
    if (options.raw) return response;
    if (response.status === 204 || response.status === 202) {
      // Read, not cancelled: cancelling makes undici abort the fetch and build a DOMException, per request.
      await response.arrayBuffer();
      return undefined;
    }
    const text = await response.text();
    if (text.length === 0) return undefined;
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) return text;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new RequestError(method, url, `got a ${response.status} response whose JSON body does not parse (${text.length} bytes).`, { cause });
    }
  }
}

function headersMiddleware(options: TransportOptions, closed: () => boolean): Middleware {
  return {
    async onRequest({ request, options: o }) {
      if (closed()) throw new RequestError(request.method, request.url, 'was not sent: this client was closed with close(). Create a new client.');
      // The Request openapi-fetch built: if later middleware replaces it, the kept JSON no longer applies.
      const call = (o.fetch as { [CALL]?: Call })[CALL];
      if (call) call.original = request;
      const h = request.headers;
      if (!h.has('client-request-id')) h.set('client-request-id', crypto.randomUUID());
      h.set('SdkVersion', SDK_VERSION);
      for (const [k, v] of Object.entries(options.headers ?? {})) if (!h.has(k)) h.set(k, v);
      if (options.token && !h.has('authorization')) h.set('Authorization', `Bearer ${await options.token()}`);
      return request;
    },
  };
}

function parseErrorBody(text: string): GraphErrorBody | undefined {
  try {
    return JSON.parse(text) as GraphErrorBody;
  } catch {
    return undefined;
  }
}

/** Bodies that can be read only once (Node streams, web streams, async iterables): sent once, never kept. */
function isStream(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body instanceof ReadableStream || Symbol.asyncIterator in body || typeof (body as { pipe?: unknown }).pipe === 'function');
}

function identity<T>(value: T): T {
  return value;
}
