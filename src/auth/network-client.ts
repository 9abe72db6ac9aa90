/**
 * An msal-node `INetworkModule` over node:https / node:http.
 *
 * msal-node's default client uses global `fetch`, which cannot be told to trust
 * one extra certificate authority without process-wide settings. The offline
 * emulator serves TLS from a CA minted at run time, so the client must trust
 * that CA explicitly; this module does exactly that (`ca`), with verification
 * always on. Without `ca`, node's bundled public roots are used, which is what
 * talking to the real login.microsoftonline.com needs.
 *
 * Errors name the method, origin and path only: request bodies carry client
 * secrets, assertions and refresh tokens, and response bodies carry tokens, so
 * neither ever reaches an error message.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { ServerError } from './msal.js';

export interface NetworkClientOptions {
  /** Extra trust anchor(s) in PEM; when given, only these CAs are trusted (node semantics). */
  ca?: string | Buffer;
  /**
   * An HTTP proxy (`http://user:pass@proxy:3128`): HTTPS goes through a CONNECT tunnel and TLS still
   * verifies the origin end to end (with `ca` when given); plain HTTP is sent to the proxy as an absolute URL.
   */
  proxy?: string | URL;
}

type Method = 'GET' | 'POST';

export function createNetworkClient(options: NetworkClientOptions = {}): INetworkModule {
  const agents = {
    // keepAlive: msal makes several calls per token acquisition to the same host.
    https: new https.Agent({ keepAlive: true, ...(options.ca === undefined ? {} : { ca: options.ca }) }),
    http: new http.Agent({ keepAlive: true }),
  };

  const proxy = options.proxy === undefined ? undefined : new URL(options.proxy);
  if (proxy && proxy.protocol !== 'http:') throw new TypeError(`Only http:// proxies are supported, not ${proxy.protocol}`);

  /** How a request reaches its origin: directly (pooled), or through the proxy (one tunnel per request). */
  async function route(url: URL): Promise<{ transport: typeof http | typeof https; target: URL; options: https.RequestOptions }> {
    const secure = url.protocol === 'https:';
    if (!proxy) return { transport: secure ? https : http, target: url, options: { agent: secure ? agents.https : agents.http } };
    const authorization: http.OutgoingHttpHeaders = proxy.username
      ? { 'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` }
      : {};
    if (!secure) {
      // Plain HTTP through a proxy: the request line carries the absolute URL.
      return { transport: http, target: proxy, options: { agent: agents.http, path: url.toString(), headers: { host: url.host, ...authorization } } };
    }
    const socket = await tunnel(proxy, url, authorization);
    // TLS to the origin inside the tunnel, verified like a direct connection: `host` is the name the
    // certificate must carry (node would check 'localhost' without it), SNI is sent for host names only.
    const tlsSocket = tls.connect({
      socket, host: url.hostname, ...(net.isIP(url.hostname) ? {} : { servername: url.hostname }), ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    // Plain http over the already-secured stream: https would try to add its own TLS layer.
    const inTunnel = new URL(`http://${url.host}${url.pathname}${url.search}`); // same Host header and path
    return { transport: http, target: inTunnel, options: { createConnection: () => tlsSocket } }; // no agent: Node then uses createConnection
  }

  function send<T>(method: Method, rawUrl: string, request: NetworkRequestOptions = {}, timeoutMs?: number) {
    const url = new URL(rawUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return Promise.reject(new Error(`Unsupported protocol for ${method} ${url.origin}${url.pathname}`));
    }
    const where = `${method} ${url.origin}${url.pathname}`;
    const body = method === 'POST' ? Buffer.from(request.body ?? '', 'utf8') : undefined;
    const headers: Record<string, string | number> = { ...request.headers };
    if (body) headers['content-length'] = body.length;

    return route(url).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`Network request ${where} failed: proxy ${error.code ?? error.message}`);
    }).then((via) => new Promise<NetworkResponse<T>>((resolve, reject) => {
      const requestOptions = { ...via.options, method, headers: { ...headers, ...via.options.headers } };
      const req = via.transport.request(via.target, requestOptions, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => reject(new Error(`Network response from ${where} was interrupted`)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text.trim() === '' ? {} : JSON.parse(text);
          } catch {
            reject(new Error(`Response from ${where} (HTTP ${status}) is not JSON`));
            return;
          }
          // msal reads the device code endpoint's answer without looking at its status, and polls with
          // the missing code: Entra's reason (a scope that does not exist, an unknown client) became a
          // bare bad_verification_code. Refused there, it is the ServerError msal gives for the token endpoint.
          const refusal = parsed as { error?: unknown; error_description?: unknown; error_codes?: unknown; suberror?: unknown; correlation_id?: unknown };
          if (status >= 400 && /\/devicecode$/.test(url.pathname) && typeof refusal.error === 'string') {
            const codes = Array.isArray(refusal.error_codes) ? refusal.error_codes : [];
            reject(new ServerError(refusal.error, String(refusal.correlation_id ?? ''), String(refusal.error_description ?? ''),
              typeof refusal.suberror === 'string' ? refusal.suberror : '', codes[0] === undefined ? undefined : String(codes[0]), status));
            return;
          }
          resolve({ status, headers: flattenHeaders(res.headers), body: parsed as T });
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        reject(new Error(`Network request ${where} failed: ${error.code ?? error.message}`));
      });
      if (timeoutMs !== undefined && timeoutMs > 0) {
        req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      }
      req.end(body);
    }));
  }

  return {
    sendGetRequestAsync<T>(url: string, request?: NetworkRequestOptions, timeout?: number) {
      return send<T>('GET', url, request, timeout);
    },
    sendPostRequestAsync<T>(url: string, request?: NetworkRequestOptions) {
      return send<T>('POST', url, request);
    },
  };
}

/** msal expects lower-case header names with single string values. */
function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Opens a CONNECT tunnel through the proxy to the origin's host and port. */
function tunnel(proxy: URL, url: URL, headers: http.OutgoingHttpHeaders): Promise<Duplex> {
  const authority = `${url.hostname}:${url.port || 443}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: proxy.hostname, port: proxy.port || 80, method: 'CONNECT', path: authority, headers: { host: authority, ...headers } });
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(Object.assign(new Error(`refused the tunnel with HTTP ${res.statusCode}`), { code: `HTTP ${res.statusCode}` }));
      }
    });
    req.once('error', reject);
    req.end();
  });
}
