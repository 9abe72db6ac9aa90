// Creates the root builder of a generated client. The generated `createClient` of each API version
// calls this with its version and its small table of bare function parameters.
import { builder } from './builder.js';
import type { ClientMiddleware } from './middleware.js';
import type { Protocol } from './protocol.js';
import type { RetryPolicy } from './retry.js';
import { Transport, type TokenProvider } from './transport.js';

export interface ClientOptions {
  /** Cloud, service root and default resource (python-o365's protocol); its `apiVersion` must be this build's. */
  protocol?: Protocol;
  /** Service root without the version; wins over the protocol's. @default protocol.baseUrl, else 'https://graph.microsoft.com' */
  baseUrl?: string;
  /** What `client.resource()` addresses without an argument. @default protocol.defaultResource, else 'me' */
  resource?: string;
  /** Bearer token source (a string is used as is, a function is called for each request). */
  token?: string | TokenProvider;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /** The fetch to send with (tests, instrumentation; a proxy or a private CA: `proxiedFetch()`). @default globalThis.fetch */
  fetch?: (input: Request) => Promise<Response>;
  /** When to resend after 429, 503, 504 or a lost connection (see `RetryPolicy`); `false`: never. @default DEFAULT_RETRY_POLICY */
  retry?: Partial<RetryPolicy> | false;
  /**
   * Per attempt, until the response's headers (redirects included): the request is aborted and the call
   * fails with a `TimeoutError`. @default undefined: no timer of ours, as with fetch (Graph's gateway
   * answers 504 after 100 s; Node's fetch drops a connection that sends no headers for 300 s).
   */
  timeoutMs?: number;
  /** Requests in flight at once for this client (Outlook allows 4 per app and mailbox). @default Infinity */
  maxConcurrency?: number;
  /** Redirects followed per attempt; `Authorization` is dropped when one leaves the origin. @default 5 */
  maxRedirects?: number;
  /** openapi-fetch middleware (telemetry, logging, extra headers), `withMiddleware(a, b)`: run for every request, raw ones included, once per call (retries happen below it). */
  middleware?: ClientMiddleware;
}

export interface VersionOptions extends ClientOptions {
  version: string;
  /** Function parameters written as bare literals, space-separated: `date startDateTime -occurrencesView/startDateTime`. */
  bareParameters?: string;
}

export function createGraphClient(options: VersionOptions): unknown {
  const { protocol, version } = options;
  if (protocol && protocol.apiVersion !== version) {
    throw new TypeError(`This client is for Graph ${version}, its protocol for ${protocol.apiVersion}: import 'msgraph-ts/${protocol.apiVersion}'.`);
  }
  const transport = createTransport(options);
  const root = (options.baseUrl ?? protocol?.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  return builder({
    transport,
    baseUrl: `${root}/${version}`,
    bareParameters: bareSet(options.bareParameters),
    defaultResource: options.resource ?? protocol?.defaultResource ?? 'me',
  }, []);
}

/** The transport a client's options describe (shared by the fluent and the raw client). */
export function createTransport(options: ClientOptions): Transport {
  const token = typeof options.token === 'string' ? constant(options.token) : options.token;
  return new Transport({ ...options, token });
}

/**
 * The generated list (`date startDateTime -occurrencesView/startDateTime fn/param,param`) as the set
 * functionCall() looks in: names, `fn/param` pairs, and `-fn/param` for a name that is quoted there.
 */
function bareSet(list = ''): Set<string> {
  const set = new Set<string>();
  for (const entry of list.split(' ')) {
    const [name, params] = entry.split('/');
    if (params === undefined) set.add(name!);
    else for (const p of params.split(',')) set.add(`${name}/${p}`);
  }
  return set;
}

function constant(value: string): TokenProvider {
  return () => value;
}
