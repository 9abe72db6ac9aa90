// Redirects, followed here rather than by fetch so that the rules are ours and tested: Graph downloads
// (`…/content`) answer 302 to a pre-authenticated storage URL on another host, which must never see the
// bearer token.
import { RedirectError } from './errors.js';
import type { FetchFn } from './timeout.js';

const REDIRECTS = new Set([
  301, // Moved Permanently: POST becomes GET (what every browser and fetch do)
  302, // Found: POST becomes GET, likewise; Graph's download redirect
  303, // See Other: always GET the new location
  307, // Temporary Redirect: same method and body
  308, // Permanent Redirect: same method and body
]);

/** Graph redirects once (download → storage); five leaves room for a proxy and still stops a loop quickly. */
export const DEFAULT_MAX_REDIRECTS = 5;

/** Headers that describe a body, dropped with the body when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export function followRedirects(fetch: FetchFn, maxRedirects: number = DEFAULT_MAX_REDIRECTS): FetchFn {
  return async (request, init) => {
    let current = request;
    for (let hops = 0; ; hops++) {
      // A 307/308 resends the body, which a Request can send only once: keep a copy while one may follow.
      const spare = current.body && hops < maxRedirects ? current.clone() : undefined;
      // `init` (the attempt's signal) applies to the first hop; later hops carry it in their own Request.
      const response = await fetch(current, { ...(hops === 0 ? init : undefined), redirect: 'manual' });
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || location === null) return response;
      await response.body?.cancel();
      if (hops >= maxRedirects) throw new RedirectError(request.method, request.url, maxRedirects);
      const url = new URL(location, current.url);
      const toGet = response.status === 303 ? current.method !== 'HEAD' : response.status <= 302 && current.method === 'POST';
      const headers = new Headers(current.headers);
      // Another origin is another party (a storage host, a downgrade to http): it gets no token.
      if (url.origin !== new URL(current.url).origin) headers.delete('authorization');
      if (toGet) for (const name of BODY_HEADERS) headers.delete(name);
      const body = toGet ? null : spare?.body ?? null;
      const signal = hops === 0 && init?.signal ? init.signal : current.signal;
      current = new Request(url, { method: toGet ? 'GET' : current.method, headers, signal, body, ...(body ? { duplex: 'half' } : {}) } as RequestInit);
    }
  };
}
