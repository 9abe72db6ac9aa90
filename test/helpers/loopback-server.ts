// A loopback HTTP server for runtime tests over real sockets: it answers with the test's handler and records
// every arrival (when, method, URL, headers, body), so a test can say what was sent, how often and when.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  at: number;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers a request; `n` counts arrivals from 1. A handler that never answers leaves the request hanging. */
export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** Starts a server on 127.0.0.1; `close()` ends its connections too. */
export async function serve(handler: Handler): Promise<{ origin: string; arrivals: Arrival[]; close(): Promise<void> }> {
  const arrivals: Arrival[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    arrivals.push({ at: Date.now(), method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
    handler(req, res, arrivals.length);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = (): Promise<void> => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return { origin, arrivals, close };
}
