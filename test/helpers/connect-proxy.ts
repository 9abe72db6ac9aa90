// A CONNECT proxy on loopback for tests: it checks Basic credentials, records each tunnel and can divert
// one elsewhere (an impostor), so a test proves what went through the proxy and what it was allowed.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A CONNECT proxy that records each tunnel and refuses requests without the expected credentials. */
export async function startProxy(credentials: string, options: { divertToPort?: () => number | undefined } = {}) {
  const tunnels: { target: string; authorized: boolean }[] = [];
  // Tunnelled sockets leave the HTTP server's bookkeeping, so closing it must end them by hand.
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    const authorized = req.headers['proxy-authorization'] === `Basic ${Buffer.from(credentials).toString('base64')}`;
    tunnels.push({ target: req.url ?? '', authorized });
    if (!authorized) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(options.divertToPort?.() ?? Number(port), host, () => {
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (userInfo: string) => `http://${userInfo}@127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    }),
  };
}
