// Timeouts and cancellation: a server that never answers must cost `timeoutMs`, not forever; the
// caller's signal cancels attempts and the waits between retries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator } from 'msgraph-ts/emulator';
import { Transport } from '../../src/transport.js';

// A garbage collection while a request waits once cut undici's weak link from our timeout to the
// connection (see fetchHolding): the timeout test forces one.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: Server;
let origin = '';
let arrivals = 0;
const slowAnswers: string[] = [];

before(async () => {
  // `/v1.0/me` never answers; `…/slow` answers after 400 ms, noting whether the client was still there;
  // anything else is a 429 asking for a long wait.
  server = createServer((req, res) => {
    arrivals++;
    if (req.url?.endsWith('/slow')) {
      res.on('close', () => slowAnswers.push(res.writableFinished ? 'delivered' : 'client gone'));
      setTimeout(() => res.destroyed || res.end('late'), 400);
      return;
    }
    if (!req.url?.startsWith('/v1.0/me?') && req.url !== '/v1.0/me') res.writeHead(429, { 'retry-after': '5' }).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

test('a server that never answers gives a TimeoutError naming the method and the URL without its query', { timeout: 5000 }, async () => {
  arrivals = 0;
  const started = Date.now();
  setTimeout(gc, 50);
  const error = await createClient({ baseUrl: origin, token: 'secret-token', timeoutMs: 200 }).me.get({ select: ['displayName'] }).catch((e: unknown) => e);
  const took = Date.now() - started;
  assert.ok(error instanceof Error && error.name === 'TimeoutError', String(error));
  assert.equal(error.message, `GET ${origin}/v1.0/me?… timed out after 200 ms without a response.`);
  assert.ok(took >= 190 && took < 3000, `took ${took} ms`);
  assert.equal(arrivals, 1, 'a timeout is not retried');
});

test('a request’s own timeoutMs overrides the client’s, both ways', { timeout: 5000 }, async () => {
  const slow = createClient({ baseUrl: origin, timeoutMs: 60_000 });
  const started = Date.now();
  const error = await slow.me.get({ timeoutMs: 150 }).catch((e: unknown) => e);
  assert.ok(error instanceof Error && error.name === 'TimeoutError', String(error));
  assert.match(error.message, /timed out after 150 ms/);
  assert.ok(Date.now() - started < 3000);
  const strict = createClient({ baseUrl: origin, timeoutMs: 1 });
  const patient = await strict.me.get({ timeoutMs: 300 }).catch((e: unknown) => e);
  assert.match(String(patient), /timed out after 300 ms/);
});

test('a caller’s own fetch gets the timeout too, also after a garbage collection mid-request', { timeout: 5000 }, async () => {
  setTimeout(gc, 50);
  const ownFetch = (request: Request): Promise<Response> => globalThis.fetch(request);
  const error = await createClient({ baseUrl: origin, fetch: ownFetch, timeoutMs: 200 }).me.get().catch((e: unknown) => e);
  assert.ok(error instanceof Error && error.name === 'TimeoutError', String(error));
});

test('the emulator’s delay fault runs into the timeout', { timeout: 5000 }, async () => {
  const emulator = await startEmulator({ tls: false, versions: ['v1.0'], faults: { rate: 1, statuses: [], delayMs: 2000 } });
  try {
    const error = await createClient({ baseUrl: emulator.origin, timeoutMs: 150 }).me.get().catch((e: unknown) => e);
    assert.ok(error instanceof Error && error.name === 'TimeoutError', String(error));
  } finally {
    await emulator.stop();
  }
});

test('an aborted signal rejects with the abort reason, before sending and while waiting to retry', async () => {
  arrivals = 0;
  const client = createClient({ baseUrl: origin });
  await assert.rejects(client.me.get({ signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(arrivals, 0, 'nothing sent');
  const controller = new AbortController();
  const started = Date.now();
  const pending = client.users.get({ signal: controller.signal }); // 429, Retry-After 5
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(pending, { name: 'AbortError' });
  assert.ok(Date.now() - started < 2000, 'did not sit out the Retry-After');
  assert.equal(arrivals, 1);
});

test('without a timeoutMs or a signal a request waits for its answer, unsignalled; with one it is aborted, its connection closed', { timeout: 5000 }, async () => {
  slowAnswers.length = 0;
  // Neither: no controller, so fetch gets no signal (undici's signal plumbing is a cost on every request).
  assert.equal(new Transport({}).call(undefined, {}).controller, undefined);
  assert.notEqual(new Transport({ timeoutMs: 60_000 }).call(undefined, {}).controller, undefined);
  const slow = (createClient({ baseUrl: origin }) as unknown as { slow: { get(o?: { timeoutMs?: number }): Promise<unknown> } }).slow;
  assert.equal(await slow.get(), 'late');
  const started = Date.now();
  const error = await slow.get({ timeoutMs: 100 }).catch((e: unknown) => e);
  assert.ok(error instanceof Error && error.name === 'TimeoutError', String(error));
  assert.ok(Date.now() - started < 350, 'the caller does not wait for the late answer');
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.deepEqual(slowAnswers.sort(), ['client gone', 'delivered'], 'the timed-out request’s connection closed; the patient one got its answer');
});
