// The fetch an Account gives its client when it was told to trust a CA or use a proxy, so that one
// setting covers both the identity endpoint (msal's network client) and Graph. undici is Node's own
// fetch engine; its dispatchers are how Node's fetch takes a CA or a proxy, and TLS verification stays on.
import { Agent, ProxyAgent, type Dispatcher } from 'undici';

export function createGraphFetch(options: { ca?: string; proxy?: string }): ((input: Request) => Promise<Response>) | undefined {
  if (!options.ca && !options.proxy) return undefined;
  const tls = options.ca ? { ca: options.ca } : undefined;
  const dispatcher: Dispatcher = options.proxy
    ? new ProxyAgent({ uri: options.proxy, ...(tls ? { requestTls: tls } : {}) })
    : new Agent({ connect: tls ?? {} });
  // `dispatcher` is Node's extension of RequestInit, unknown to the DOM types.
  return (input: Request) => fetch(input, { dispatcher } as RequestInit);
}
