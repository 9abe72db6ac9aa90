// The socket side: an HTTP or HTTPS server on 127.0.0.1 that offers each request to the identity service
// first (it reads its own body), then hands Graph and storage requests to the pipeline. Faults are decided
// here, before the body is read, so that a connection can be reset while the body arrives or while the
// response leaves. Tracks its connections so `close` really closes, even with keep-alive clients connected.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { GraphResponse } from './http/exchange.js';
import type { GraphPipeline } from './http/pipeline.js';
import { resetWhileReading, writeThenReset } from './http/resets.js';
import type { Identity } from './identity/index.js';

/** Larger than Graph's 60 MiB upload fragment, small enough that a runaway client cannot fill memory. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
export const HOST = '127.0.0.1';

export interface ServerOptions {
  port: number;
  tls?: { keyPem: string; certPem: string };
  pipeline: () => GraphPipeline;
  identity: () => Identity | undefined;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void handle(req, res, options).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`emulator error: ${error instanceof Error ? error.message : String(error)}`);
      } else res.destroy();
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.keyPem, cert: options.tls.certPem }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ServerOptions): Promise<void> {
  const scheme = options.tls ? 'https' : 'http';
  // Concatenated rather than resolved, so a path starting with `//` stays a path and never becomes a host.
  const url = new URL(`${scheme}://${req.headers.host ?? HOST}${req.url?.startsWith('/') ? req.url : `/${req.url ?? ''}`}`);
  const identity = options.identity();
  if (identity && (await identity.handle(req, res, url))) return;
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const pipeline = options.pipeline();
  const fault = pipeline.decide(method, url);
  if (fault?.reset === 'midRequest') {
    await resetWhileReading(req);
    pipeline.logReset(method, url, started);
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'requestTooLarge', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` } }));
    req.destroy();
    return;
  }
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const response = await pipeline.handle({ method, url, headers, body }, { fault });
  const { status, headers: outHeaders, bytes } = serialize(response);
  if (fault?.reset === 'midResponse') writeThenReset(res, status, outHeaders, method === 'HEAD' ? undefined : bytes, fault.resetAfterBytes);
  else {
    res.writeHead(status, outHeaders);
    res.end(method === 'HEAD' ? undefined : bytes);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serialize(response: GraphResponse): { status: number; headers: Record<string, string>; bytes: Buffer | undefined } {
  const bytes = response.json !== undefined ? Buffer.from(JSON.stringify(response.json), 'utf8') : response.bytes;
  const headers: Record<string, string> = { ...response.headers };
  if (bytes) headers['content-length'] = String(bytes.length);
  else if (response.status !== 204 && response.status !== 304) headers['content-length'] = '0';
  return { status: response.status, headers, bytes };
}
