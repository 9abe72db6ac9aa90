// The local end of the authorization code flow: a one-shot HTTP listener on 127.0.0.1 that the browser
// is redirected to after sign-in (RFC 8252 §7.3: loopback redirects are plain HTTP on any port). It only
// binds the loopback interface, so nothing outside this machine can send it a code.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError } from './errors.js';

export interface LoopbackListener {
  /** The redirect URI to send to Entra, with the port actually bound. */
  redirectUri: string;
  /** The query of the first request to the redirect path that carries `code` or `error`. */
  wait(options: { signal?: AbortSignal; timeoutMs: number }): Promise<URLSearchParams>;
  close(): Promise<void>;
}

const DONE_PAGE = '<!doctype html><meta charset="utf-8"><title>Signed in</title><p>You can close this window and return to the application.</p>';
const FAILED_PAGE = '<!doctype html><meta charset="utf-8"><title>Sign-in failed</title><p>The sign-in did not complete. Return to the application for details.</p>';

/** @param redirectUri `http://localhost` or `http://127.0.0.1`, with a port (else a free one) and a path. */
export async function startLoopback(redirectUri: string): Promise<LoopbackListener> {
  const uri = new URL(redirectUri);
  if (uri.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(uri.hostname)) {
    throw new AuthError('configuration_error', `The loopback redirect URI must be http://localhost or http://127.0.0.1 (got ${uri.origin}); for any other URI use the manual mode.`);
  }
  let deliver: (params: URLSearchParams) => void = () => {};
  const arrived = new Promise<URLSearchParams>((resolve) => (deliver = resolve));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', uri.origin);
    const params = url.searchParams;
    if (url.pathname !== uri.pathname || (!params.has('code') && !params.has('error'))) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(params.has('code') ? DONE_PAGE : FAILED_PAGE);
    deliver(params);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new AuthError('configuration_error', `Cannot listen for the sign-in redirect on 127.0.0.1:${uri.port || 'any port'}: ${error.code ?? error.message}.`)));
    server.listen(Number(uri.port || 0), '127.0.0.1', resolve);
  });
  uri.port = String((server.address() as AddressInfo).port);

  const close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return {
    redirectUri: uri.toString(),
    close,
    wait({ signal, timeoutMs }) {
      return new Promise<URLSearchParams>((resolve, reject) => {
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          void close();
          settle();
        };
        const timer = setTimeout(() => finish(() => reject(new AuthError('timeout', `No sign-in arrived at ${uri.toString()} within ${Math.round(timeoutMs / 1000)} s.`))), timeoutMs);
        const onAbort = () => finish(() => reject(new AuthError('cancelled', 'Signing in with the authorization code flow was cancelled.')));
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        void arrived.then((params) => finish(() => resolve(params)));
      });
    },
  };
}

/** Opens the system browser; false when there is none to open (a server, a container). */
export function openBrowser(url: string): Promise<boolean> {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replaceAll('&', '^&')]]
    : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
