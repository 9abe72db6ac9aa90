// Redirects followed by the runtime: the token never follows a redirect to another origin (downloads
// go to a pre-authenticated storage host), methods change as fetch's rules say, loops end in an error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator } from 'msgraph-ts/emulator';

interface Seen { method: string; host: string; path: string; headers: IncomingHttpHeaders; body: string }
const seen: Seen[] = [];
let server: Server;
let port = 0;
/** The same server under two origins: `127.0.0.1` (Graph) and `localhost` (another host). */
const graph = (): string => `http://127.0.0.1:${port}`;
const other = (): string => `http://localhost:${port}`;

const ROUTES: Record<string, () => [number, string]> = {
  '/v1.0/me/drive/items/1/content': () => [302, `${other()}/blob?sig=abc`],
  '/v1.0/me/drive/items/2/content': () => [302, '/blob'],
  '/v1.0/me/sendMail': () => [303, '/v1.0/me'],
  '/v1.0/me/events': () => [307, '/v1.0/me/calendar/events'],
  '/v1.0/me/messages': () => [302, '/v1.0/me/messages'],
  '/v1.0/me/slowRedirect': () => [302, '/v1.0/me/slowTarget'],
};
/** Paths answered only after this many milliseconds. */
const SLOW = '/v1.0/me/slow';
const SLOW_MS = 150;

before(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '';
    seen.push({ method: req.method ?? '', host: req.headers.host ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString() });
    if (path.startsWith(SLOW)) await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    const route = ROUTES[path.split('?')[0]!];
    if (route) {
      const [status, location] = route();
      res.writeHead(status, { location }).end();
    } else if (path.startsWith('/blob')) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('bytes');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const client = () => createClient({ baseUrl: graph(), token: 'secret-token' });

test('Authorization is dropped on a redirect to another host and kept on the same host', async () => {
  seen.length = 0;
  assert.equal(await (await client().me.drive.items.byId('1').content.download()).text(), 'bytes');
  assert.deepEqual(seen.map((s) => [s.host.split(':')[0], s.headers.authorization]), [['127.0.0.1', 'Bearer secret-token'], ['localhost', undefined]]);
  seen.length = 0;
  await (await client().me.drive.items.byId('2').content.download()).text();
  assert.deepEqual(seen.map((s) => [s.host.split(':')[0], s.headers.authorization]), [['127.0.0.1', 'Bearer secret-token'], ['127.0.0.1', 'Bearer secret-token']]);
});

test('303 turns a POST into a GET without body; 307 resends method and body', async () => {
  seen.length = 0;
  await client().me.sendMail.post({ message: { subject: 'hi' } });
  assert.deepEqual(seen.map((s) => [s.method, s.path, s.body, s.headers['content-type']]), [
    ['POST', '/v1.0/me/sendMail', '{"message":{"subject":"hi"}}', 'application/json'],
    ['GET', '/v1.0/me', '', undefined],
  ]);
  seen.length = 0;
  await client().me.events.post({ subject: 'meet' });
  assert.deepEqual(seen.map((s) => [s.method, s.path, s.body]), [
    ['POST', '/v1.0/me/events', '{"subject":"meet"}'],
    ['POST', '/v1.0/me/calendar/events', '{"subject":"meet"}'],
  ]);
});

test('a redirect loop ends with a RedirectError after maxRedirects', async () => {
  seen.length = 0;
  const error = await createClient({ baseUrl: graph(), maxRedirects: 3 }).me.messages.get({ params: { q: 'private' } }).catch((e: unknown) => e);
  assert.ok(error instanceof Error && error.name === 'RedirectError', String(error));
  assert.equal(error.message, `GET ${graph()}/v1.0/me/messages?… was redirected more than 3 times.`);
  assert.equal(seen.length, 4, 'the first request and three redirects');
});

test('the hops of a redirect share the attempt\'s timeout', async () => {
  // `slowRedirect` is no Graph path, so the generated types do not know it; the builder writes any name.
  const slowRedirect = (timeoutMs: number, retry?: false): Promise<unknown> =>
    (createClient({ baseUrl: graph(), timeoutMs, retry }).me as unknown as { slowRedirect: { get(): Promise<unknown> } }).slowRedirect.get();
  seen.length = 0;
  // Each hop answers within the timeout; the two together do not.
  const error = await slowRedirect(SLOW_MS * 1.6, false).catch((e: unknown) => e);
  assert.ok(error instanceof Error && error.name === 'TimeoutError', String(error));
  assert.deepEqual(seen.map((s) => s.path), ['/v1.0/me/slowRedirect', '/v1.0/me/slowTarget']);
  // The same chain with room for both hops arrives.
  assert.deepEqual(await slowRedirect(SLOW_MS * 4), { ok: true });
});

test('a drive download from the emulator follows its 302 to the storage host', async () => {
  const emulator = await startEmulator({ tls: false, versions: ['v1.0'] });
  try {
    const c = createClient({ baseUrl: emulator.origin, token: 'not-for-storage' });
    const item = (await c.me.drive.root.byPath('/notes/redirect.txt').content.upload('hello storage', { contentType: 'text/plain' })) as { id: string };
    assert.equal(await (await c.me.drive.items.byId(item.id).content.download()).text(), 'hello storage');
  } finally {
    await emulator.stop();
  }
});
