// A fetch through an HTTP(S) proxy and/or trusting one more CA, for users behind corporate proxies and
// for tests against the emulator: `createClient({ fetch: proxied.fetch })`. Node's fetch reaches a proxy
// or a private CA only through an undici dispatcher, so undici is loaded here, on first use; and this is
// a function of its own, not a client option, so that programs without a proxy never bundle it. The
// Account (msgraph-ts/auth) uses it for its client when given `proxy` or `ca`.

/** A fetch for `ClientOptions.fetch`, and how to close the connections it opened. */
export interface ProxiedFetch {
  fetch: (request: Request) => Promise<Response>;
  /** Closes the connections this fetch opened (to the proxy, or to Graph with the CA); later requests open new ones. */
  close(): Promise<void>;
}

export interface ProxiedFetchOptions {
  /** `http://user:pass@proxy.corp:8080`: credentials go as `Proxy-Authorization: Basic …`, never into an error. */
  proxy?: string | URL;
  /** One more CA to trust (PEM), e.g. the emulator's; TLS stays verified, through the proxy's tunnel too. */
  ca?: string;
}

/**
 * A fetch that goes through `proxy` and/or trusts `ca`:
 *
 *   const proxied = proxiedFetch({ proxy: 'http://user:pass@proxy.corp:8080' });
 *   const client = createClient({ fetch: proxied.fetch });
 *   …
 *   await proxied.close();
 */
export function proxiedFetch(options: ProxiedFetchOptions): ProxiedFetch {
  const url = options.proxy === undefined ? undefined : new URL(options.proxy);
  if (url && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`The proxy must be an http:// or https:// URL, got one with ${url.protocol}`);
  }
  // Credentials leave the URL, which undici could print in an error, and travel as the proxy's token.
  const token = url && (url.username || url.password)
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  if (url) url.username = url.password = '';
  const tls = options.ca ? { ca: options.ca } : undefined;
  // A specifier bundlers cannot follow: undici is Node-only (as is Buffer above).
  const undici = 'undici';
  let dispatcher: Promise<import('undici').Dispatcher> | undefined;
  const connect = () => (import(undici) as Promise<typeof import('undici')>).then(({ Agent, ProxyAgent }) => (url
    ? new ProxyAgent({ uri: url.href, ...(token ? { token } : {}), ...(tls ? { requestTls: tls } : {}) })
    : new Agent({ connect: tls ?? {} })));
  return {
    // `dispatcher` is Node's extension of RequestInit, unknown to the standard types.
    fetch: async (request) => globalThis.fetch(request, { dispatcher: await (dispatcher ??= connect()) } as RequestInit),
    close: async () => {
      const opened = dispatcher;
      dispatcher = undefined;
      if (opened) await (await opened).close();
    },
  };
}
