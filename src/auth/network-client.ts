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
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface NetworkClientOptions {
  /** Extra trust anchor(s) in PEM; when given, only these CAs are trusted (node semantics). */
  ca?: string | Buffer;
}

type Method = 'GET' | 'POST';

export function createNetworkClient(options: NetworkClientOptions = {}): INetworkModule {
  const agents = {
    // keepAlive: msal makes several calls per token acquisition to the same host.
    https: new https.Agent({ keepAlive: true, ...(options.ca === undefined ? {} : { ca: options.ca }) }),
    http: new http.Agent({ keepAlive: true }),
  };

  /**
   * The seam for outbound routing. A proxy (explicit URL or HTTPS_PROXY) plugs in
   * here by returning a CONNECT-tunnelling agent that still verifies the origin
   * with the same `ca`; nothing else in this module needs to change.
   */
  function agentFor(url: URL): http.Agent {
    return url.protocol === 'https:' ? agents.https : agents.http;
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

    return new Promise<NetworkResponse<T>>((resolve, reject) => {
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(url, { method, headers, agent: agentFor(url) }, (res) => {
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
    });
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
