// The HTTP core: one openapi-fetch client per Graph client. Its middleware adds what every request
// carries (auth, client-request-id, SDK version); status handling and body parsing are here, once.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { GraphError, NetworkError, RequestError, type GraphErrorBody } from './errors.js';
import { proxiedFetch } from './proxy.js';
import { followRedirects } from './redirect.js';
import { createRetryingFetch, resolveRetryPolicy, type RetryPolicy } from './retry.js';
import { Throttle } from './throttle.js';
import { withTimeout, type FetchFn } from './timeout.js';

export const SDK_VERSION = 'msgraph-ts/0.1.0';

/** Returns a bearer token for a request; called for each request so a provider can refresh. */
export type TokenProvider = () => string | Promise<string>;

export interface TransportOptions {
  fetch?: FetchFn;
  headers?: Record<string, string>;
  token?: TokenProvider;
  retry?: Partial<RetryPolicy> | false;
  timeoutMs?: number;
  maxConcurrency?: number;
  maxRedirects?: number;
  proxy?: string | URL;
  middleware?: readonly Middleware[];
}

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
  private readonly attempt: FetchFn;
  /** One attempt without its timeout, for requests that bring their own `timeoutMs`. */
  private readonly untimed: FetchFn;
  readonly policy: RetryPolicy;
  private readonly throttle: Throttle;
  /** What every request of this client goes through: headers, auth, the closed check. Shared with raw clients. */
  private readonly middleware: readonly Middleware[];
  private readonly fetch: FetchFn;
  /** Set by `close()`: later requests are refused. */
  private closed = false;
  private readonly release: () => Promise<void>;

  constructor(options: TransportOptions) {
    // One attempt: the caller's fetch (looked up per call, so a replaced global is honoured), redirects
    // followed by us, under a timeout; retries and the client's shared throttle wrap attempts.
    if (options.proxy !== undefined && options.fetch) {
      throw new TypeError('Give either `proxy` or your own `fetch`, not both: a custom fetch decides itself how it connects.');
    }
    const proxied = options.proxy === undefined ? undefined : proxiedFetch(options.proxy);
    this.release = proxied ? proxied.close : async () => {};
    const user = options.fetch;
    // A caller's fetch may take only a Request: hand it one that carries the attempt's signal and manual
    // redirects, and hold that Request until the response arrives. undici links a Request made from another
    // to its signal through a WeakRef; collected mid-flight, the timeout would never reach the connection.
    const inner: FetchFn = user
      ? async (request, init) => {
        if (!init) return user(request);
        const derived = new Request(request, init);
        try {
          return await user(derived);
        } finally {
          void derived.url; // kept reachable until here
        }
      }
      : proxied?.fetch ?? ((request, init) => globalThis.fetch(request, init));
    this.untimed = followRedirects(inner, options.maxRedirects);
    this.attempt = withTimeout(this.untimed, options.timeoutMs);
    this.policy = resolveRetryPolicy(options.retry);
    this.throttle = new Throttle(options.maxConcurrency);
    // Absolute URLs throughout: nextLinks and deltaLinks are followed exactly as Graph sent them.
    this.fetch = createRetryingFetch(this.attempt, this.policy, this.throttle);
    // Ours first: a caller's middleware sees the request as it will be sent (ids, auth) and the response first.
    this.middleware = [headersMiddleware(options, () => this.closed), ...(options.middleware ?? [])];
    // URLs arrive with their query already written (url.ts): a serializer that adds nothing spares
    // openapi-fetch building a default one on every request.
    this.client = createClient({ baseUrl: '', fetch: this.fetch, querySerializer: () => '' });
    this.client.use(...this.middleware);
  }

  /**
   * An openapi-fetch client on this transport: same auth, headers, retries, throttle and timeouts as the
   * builders. Its paths are relative to `baseUrl`; `Paths` comes from openapi-typescript.
   */
  raw<Paths extends {}>(baseUrl: string): Client<Paths> {
    const client = createClient<Paths>({ baseUrl, fetch: this.fetch });
    client.use(...this.middleware);
    return client;
  }

  /** Refuses further requests and closes the connections this client opened itself (its proxy's). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }

  async send(method: string, url: string, options: SendOptions = {}): Promise<unknown> {
    if (options.dependsOn) throw new TypeError(`${method} ${url.split('?')[0]}: dependsOn only means something inside batch().`);
    try {
      return await this.exchange(method, url, options);
    } catch (error) {
      // A body cut off after the headers surfaces from undici as a bare `TypeError: terminated`.
      if (!(error instanceof TypeError && error.message === 'terminated') || options.signal?.aborted) throw error;
      throw new NetworkError(method, url, error);
    }
  }

  private async exchange(method: string, url: string, options: SendOptions): Promise<unknown> {
    const { response, error } = await this.client.request(method.toLowerCase() as 'get', url as never, {
      body: options.body as never,
      headers: options.headers,
      signal: options.signal,
      parseAs: 'stream',
      // openapi-fetch takes a fetch per request: the way a per-request retry policy or timeout reaches the attempts.
      ...(options.retry !== undefined || options.timeoutMs !== undefined ? {
        fetch: createRetryingFetch(
          options.timeoutMs === undefined ? this.attempt : withTimeout(this.untimed, options.timeoutMs),
          resolveRetryPolicy(options.retry, this.policy),
          this.throttle,
        ),
      } : {}),
      ...(options.rawBody ? { bodySerializer: (b: unknown) => b } : {}),
    } as never);
    if (!response.ok) {
      // openapi-fetch has already read an error body: parsed JSON, or the text when it was not JSON.
      throw new GraphError(method, url, response, typeof error === 'string' ? parseErrorBody(error) : (error as GraphErrorBody | undefined));
    }
    if (options.raw) return response;
    if (response.status === 204 || response.status === 202) {
      await response.body?.cancel();
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
    async onRequest({ request }) {
      if (closed()) throw new RequestError(request.method, request.url, 'was not sent: this client was closed with close(). Create a new client.');
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
