// Proxies and close(): requests go through a real CONNECT proxy on loopback that checks its
// credentials (through proxiedFetch, given as the client's fetch), and a closed client refuses to send.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { proxiedFetch } from 'msgraph-ts/runtime';
import { startProxy } from '../helpers/connect-proxy.js';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';

const PASSWORD = 'p@ss:w0rd-secret';

let target: RecordingServer;
let proxy: Awaited<ReturnType<typeof startProxy>>;
before(async () => {
  target = await startRecordingServer();
  proxy = await startProxy(`proxyuser:${PASSWORD}`);
});
after(async () => {
  await target.close();
  await proxy.close();
});

test('requests go through the proxy with its credentials, and the target sees the usual request', async () => {
  const withCredentials = proxy.url(`proxyuser:${encodeURIComponent(PASSWORD)}`);
  const proxied = proxiedFetch({ proxy: withCredentials });
  const client = createClient({ baseUrl: target.url, fetch: proxied.fetch, token: 't' });
  target.clear();
  await client.me.messages.get({ top: 2 });
  assert.deepEqual(proxy.tunnels, [{ target: new URL(target.url).host, authorized: true }]);
  assert.equal(target.requests[0]?.url, '/v1.0/me/messages?$top=2');
  assert.equal(target.requests[0]?.headers['authorization'], 'Bearer t');
  assert.equal(target.requests[0]?.headers['proxy-authorization'], undefined, 'the proxy credentials stay with the proxy');
  await proxied.close();
});

test('a proxy that refuses the credentials is an error that does not contain them', async () => {
  const wrong = proxy.url('proxyuser:not-the-secret-either');
  const proxied = proxiedFetch({ proxy: wrong });
  const client = createClient({ baseUrl: target.url, fetch: proxied.fetch, retry: false });
  const error = await client.me.get().then(() => assert.fail('expected a failure'), (e: unknown) => e);
  assert.equal((error as Error).name, 'NetworkError');
  const printed = inspect(error, { depth: 10 }) + String((error as Error).stack);
  assert.ok(!printed.includes('not-the-secret-either'), printed);
  await proxied.close();
});

test('a proxy that is not http(s) is refused', () => {
  assert.throws(() => proxiedFetch({ proxy: 'socks5://127.0.0.1:1080' }), /http:\/\/ or https:\/\/ URL, got one with socks5:/);
});

test('close() releases the proxy connection and a closed client rejects later requests without sending them', async () => {
  const proxied = proxiedFetch({ proxy: proxy.url(`proxyuser:${encodeURIComponent(PASSWORD)}`) });
  const client = createClient({ baseUrl: target.url, fetch: proxied.fetch });
  await client.me.get();
  target.clear();
  await proxied.close();
  await client.close();
  await client.close(); // twice is harmless
  await assert.rejects(client.me.messages.get(), /GET .*\/v1\.0\/me\/messages was not sent: this client was closed; create a new one\./);
  assert.equal(target.requests.length, 0);
});
