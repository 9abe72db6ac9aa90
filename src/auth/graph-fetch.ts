// The fetch an Account gives its client when it was told to trust a CA or use a proxy, so that one
// setting covers both the identity endpoint (msal's network client) and Graph. Node's fetch takes a CA or
// a proxy only through an undici dispatcher; undici is loaded on first use, and TLS verification stays on
// (through the proxy's tunnel too, against the same CA).
import type { Dispatcher } from 'undici';

export interface GraphFetch {
  fetch: (input: Request) => Promise<Response>;
  /** Closes the connections this fetch opened (to Graph or to the proxy). */
  close(): Promise<void>;
}

export function createGraphFetch(options: { ca?: string; proxy?: string }): GraphFetch | undefined {
  if (!options.ca && !options.proxy) return undefined;
  let dispatcher: Promise<Dispatcher> | undefined;
  const connect = () => import('undici').then(({ Agent, ProxyAgent }) => {
    const tls = options.ca ? { ca: options.ca } : undefined;
    return options.proxy ? new ProxyAgent({ uri: options.proxy, ...(tls ? { requestTls: tls } : {}) }) : new Agent({ connect: tls ?? {} });
  });
  return {
    // `dispatcher` is Node's extension of RequestInit, unknown to the DOM types.
    fetch: async (input) => fetch(input, { dispatcher: await (dispatcher ??= connect()) } as RequestInit),
    close: async () => {
      if (dispatcher) await (await dispatcher).close();
    },
  };
}
