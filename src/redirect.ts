// Redirects, followed here rather than by fetch so that the rules are ours and tested: Graph downloads
// (`…/content`) answer 302 to a pre-authenticated storage URL on another host, which must never see the
// bearer token.
import { RedirectError, RequestError } from './errors.js';
import type { SendFn } from './timeout.js';
import type { BodyInit } from './fetch-types.js';

const REDIRECTS = new Set([
  301, // Moved Permanently: POST becomes GET (what every browser and fetch do)
  302, // Found: POST becomes GET, likewise; Graph's download redirect
  303, // See Other: always GET the new location
  307, // Temporary Redirect: same method and body
  308, // Permanent Redirect: same method and body
]);

/** Graph redirects once (download → storage); five leaves room for a proxy and still stops a loop quickly. */
export const DEFAULT_MAX_REDIRECTS = 5;


/** Whether `response` sends the client elsewhere: a redirect status with a `Location`. */
export function isRedirect(response: Response): boolean {
  return REDIRECTS.has(response.status) && response.headers.has('location');
}

/**
 * Follows the redirect `response` answered to a request (`init` with `redirect: 'manual'`), sending each
 * hop with `send`. `body` is the request body kept (text, bytes, a Blob) for a 307/308, which resend it;
 * a streamed body that was not kept cannot be sent twice.
 */
export async function followRedirects(response: Response, send: SendFn, url: string, init: RequestInit, body: BodyInit | undefined, signal: AbortSignal | undefined, maxRedirects: number): Promise<Response> {
  const firstUrl = url;
  const firstMethod = init.method ?? 'GET';
  let method = firstMethod;
  let headers = init.headers;
  let hasBody = init.body != null;
  for (let hops = 0; isRedirect(response); hops++) {
    await response.body?.cancel();
    if (hops >= maxRedirects) throw new RedirectError(firstMethod, firstUrl, maxRedirects);
    const next = new URL(response.headers.get('location')!, url);
    const toGet = response.status === 303 ? method !== 'HEAD' : response.status <= 302 && method === 'POST';
    if (!toGet && hasBody && body === undefined) {
      throw new RequestError(firstMethod, firstUrl, `was redirected (${response.status}) with a stream, which cannot be sent twice.`);
    }
    const nextHeaders = new Headers(headers);
    // Another origin is another party (a storage host, a downgrade to http): it gets no token.
    if (next.origin !== new URL(url).origin) nextHeaders.delete('authorization');
    // Headers that describe a body (`content-type`, `-length`, `-encoding`, …) go with the body when the request becomes a GET.
    if (toGet) for (const name of [...nextHeaders.keys()]) if (name.startsWith('content-')) nextHeaders.delete(name);
    headers = nextHeaders;
    url = next.href;
    method = toGet ? 'GET' : method;
    hasBody = hasBody && !toGet;
    response = await send(url, { method, headers, redirect: 'manual', body: hasBody ? body! : null, signal });
  }
  return response;
}
