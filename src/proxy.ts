// Sending through an HTTP(S) proxy, for users behind corporate proxies. Node's fetch reaches a proxy only
// through an undici dispatcher, so undici is loaded here, on first use: clients without a proxy never
// pay for it (cold start, bundle).
import type { SendFn } from './timeout.js';

export interface ProxiedFetch {
  fetch: SendFn;
  close(): Promise<void>;
}

/**
 * A fetch through `proxy` (`http://user:pass@proxy.corp:8080`). Credentials in the URL are sent as
 * `Proxy-Authorization: Basic …` and kept out of the URL that errors could print.
 */
export function proxiedFetch(proxy: string | URL): ProxiedFetch {
  const url = new URL(proxy);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`The proxy must be an http:// or https:// URL, got one with ${url.protocol}`);
  }
  const token = url.username || url.password
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  url.username = '';
  url.password = '';
  // A specifier bundlers cannot follow: undici is Node-only (as is Buffer above), and bundles for
  // browsers never use a proxy.
  const undici = 'undici';
  const agent = (import(undici) as Promise<typeof import('undici')>).then(({ ProxyAgent }) => new ProxyAgent({ uri: url.href, ...(token ? { token } : {}) }));
  return {
    // `dispatcher` is Node's fetch extension (undici); the DOM's RequestInit type does not know it.
    fetch: async (url, init) => globalThis.fetch(url, { ...init, dispatcher: await agent } as RequestInit),
    close: async () => (await agent).close(),
  };
}
