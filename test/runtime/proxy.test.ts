// Proxies and close(): requests go through a real CONNECT proxy on loopback that checks its
// credentials, and a closed client refuses to send.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { after, before, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';

const PASSWORD = 'p@ss:w0rd-secret';

/** A CONNECT proxy that wants `Proxy-Authorization: Basic proxyuser:PASSWORD` and logs what it tunnels. */
async function startProxy(): Promise<{ url: string; tunnels: string[]; server: Server }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    const want = `Basic ${Buffer.from(`proxyuser:${PASSWORD}`).toString('base64')}`;
    if (req.headers['proxy-authorization'] !== want) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    const end = (): void => { upstream.destroy(); client.destroy(); };
    upstream.on('error', end);
    client.on('error', end);
  });
  server.on('close', () => { for (const s of sockets) s.destroy(); });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels, server };
}

let target: RecordingServer;
let proxy: Awaited<ReturnType<typeof startProxy>>;
before(async () => {
  target = await startRecordingServer();
  proxy = await startProxy();
});
after(async () => {
  await target.close();
  proxy.server.close();
});

test('requests go through the proxy with its credentials, and the target sees the usual request', async () => {
  const withCredentials = proxy.url.replace('http://', `http://proxyuser:${encodeURIComponent(PASSWORD)}@`);
  const client = createClient({ baseUrl: target.url, proxy: withCredentials, token: 't' });
  target.clear();
  await client.me.messages.get({ top: 2 });
  assert.deepEqual(proxy.tunnels, [new URL(target.url).host]);
  assert.equal(target.requests[0]?.url, '/v1.0/me/messages?$top=2');
  assert.equal(target.requests[0]?.headers['authorization'], 'Bearer t');
  assert.equal(target.requests[0]?.headers['proxy-authorization'], undefined, 'the proxy credentials stay with the proxy');
  await client.close();
});

test('a proxy that refuses the credentials is an error that does not contain them', async () => {
  const wrong = proxy.url.replace('http://', 'http://proxyuser:not-the-secret-either@');
  const client = createClient({ baseUrl: target.url, proxy: wrong, retry: false });
  const error = await client.me.get().then(() => assert.fail('expected a failure'), (e: unknown) => e);
  assert.equal((error as Error).name, 'NetworkError');
  const printed = inspect(error, { depth: 10 }) + String((error as Error).stack);
  assert.ok(!printed.includes('not-the-secret-either'), printed);
  await client.close();
});

test('a proxy and a custom fetch together are refused; so is a proxy that is not http(s)', () => {
  assert.throws(() => createClient({ proxy: 'http://127.0.0.1:1', fetch: (r) => fetch(r) }), /either `proxy` or your own `fetch`/);
  assert.throws(() => createClient({ proxy: 'socks5://127.0.0.1:1080' }), /http:\/\/ or https:\/\/ URL, got one with socks5:/);
});

test('close() releases the proxy connection and later requests reject without being sent', async () => {
  const client = createClient({ baseUrl: target.url, proxy: proxy.url.replace('http://', `http://proxyuser:${encodeURIComponent(PASSWORD)}@`) });
  await client.me.get();
  target.clear();
  await client.close();
  await client.close(); // twice is harmless
  await assert.rejects(client.me.messages.get(), /GET .*\/v1\.0\/me\/messages was not sent: this client was closed with close\(\)/);
  assert.equal(target.requests.length, 0);
});
