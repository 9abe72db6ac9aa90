// Responses that break after their headers: what the caller gets must be a typed error naming the
// request, never undici's bare `TypeError: terminated` or a JSON SyntaxError.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { NetworkError, RequestError } from 'msgraph-ts/runtime';

const server = createServer((req, res) => {
  if (req.url?.includes('/cut')) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
    res.write('{"value": [');
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"value": [1, 2');
});
let base: string;
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => { server.closeAllConnections(); server.close(); });

test('a body cut off after the headers is a NetworkError naming the request', async () => {
  const client = createClient({ baseUrl: base, retry: false });
  const error = await client.users.byId('cut').get().catch((e: unknown) => e);
  assert.ok(error instanceof NetworkError, String(error));
  assert.match(error.message, /^GET http:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/cut failed on the network: other side closed/);
});

test('a JSON body that does not parse (after the re-reads of a GET) is a RequestError with the status and size, not a SyntaxError', async () => {
  const client = createClient({ baseUrl: base, retry: { baseDelayMs: 5 } });
  const error = await client.me.get().catch((e: unknown) => e);
  assert.ok(error instanceof RequestError && !(error instanceof NetworkError), String(error));
  assert.match(error.message, /GET .*\/v1\.0\/me got a 200 whose JSON does not parse \(15 bytes\)\./);
  assert.ok(error.cause instanceof SyntaxError);
});
