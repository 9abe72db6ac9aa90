// Creates the root builder of a generated client. The generated `createClient` of each API version
// calls this with its version and its small table of bare function parameters.
import { builder } from './builder.js';
import { Transport, type TokenProvider } from './transport.js';

export interface ClientOptions {
  /** Service root without the version. @default 'https://graph.microsoft.com' */
  baseUrl?: string;
  /** Bearer token source (a string is used as is, a function is called for each request). */
  token?: string | TokenProvider;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /** The fetch to send with (tests, proxies, instrumentation). @default globalThis.fetch */
  fetch?: (input: Request) => Promise<Response>;
}

export interface VersionOptions extends ClientOptions {
  version: string;
  bareParameters?: readonly string[];
}

export function createGraphClient(options: VersionOptions): unknown {
  const token = typeof options.token === 'string' ? constant(options.token) : options.token;
  const transport = new Transport({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(token ? { token } : {}),
  });
  const root = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  return builder({ transport, baseUrl: `${root}/${options.version}`, bareParameters: new Set(options.bareParameters ?? []) }, []);
}

function constant(value: string): TokenProvider {
  return () => value;
}
