// Bulk operations shaped by the Redis engine, against the emulator: under its faults every input gets
// exactly one result that the store bears out (nothing lost, nothing twice), and a 429 on a whole $batch
// (app-wide) pauses the mailboxes of another client on another engine (as another worker process).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator } from 'msgraph-ts/emulator';
import { createBulk, RedisEngine } from 'msgraph-ts/bulk';
import { ALEX, MEGAN, NESTOR } from '../emulator/helpers/graph-server.js';
import { NO_REDIS, useRedis } from './helpers/use-redis.js';

const redis = await useRedis();
const skip = redis ? false : NO_REDIS;
const contacts = (prefix: string, n: number): { displayName: string }[] => Array.from({ length: n }, (_, i) => ({ displayName: `${prefix} ${i}` }));

test("with the Redis engine, under the emulator's faults every input gets one result the store bears out", { skip }, async () => {
  const emulator = await startEmulator({ tls: false, versions: ['v1.0'], latencyMs: 5 });
  const engine = await RedisEngine.connect(redis!.url, { prefix: 'faults:' });
  try {
    const client = createClient({ baseUrl: emulator.origin, retry: { baseDelayMs: 10 } });
    emulator.setFaults({ rate: 0.25, statuses: [429, 503, 504], resets: ['midResponse'], retryAfterSeconds: 0.05, seed: 11 });
    const inputs = contacts('Faulted', 60);
    const results = await createBulk(client, { engine }).create<{ id: string }>(NESTOR.upn, 'contacts', inputs);
    emulator.setFaults(undefined);
    assert.deepEqual(results.map((r) => r.index), inputs.map((_, i) => i), 'one result per input, in order');
    const stored = await client.users.byId(NESTOR.upn).contacts.get({ filter: "startswith(displayName,'Faulted ')", top: 999, select: ['id', 'displayName'] });
    const byName = new Map<string, string[]>();
    for (const c of stored.value) byName.set(c.displayName!, [...(byName.get(c.displayName!) ?? []), c.id!]);
    const counts = { ok: 0, failed: 0, unknown: 0 };
    for (const r of results) {
      counts[r.status]++;
      const found = byName.get(inputs[r.index]!.displayName) ?? [];
      if (r.status === 'ok') assert.deepEqual(found, [r.value.id], `ok ${r.index}: created once, the id reported`);
      else if (r.status === 'failed') assert.deepEqual(found, [], `failed ${r.index}: nothing created`);
      else assert.ok(found.length <= 1, `unknown ${r.index}: at most once`);
    }
    assert.ok(counts.ok > 0 && counts.failed + counts.unknown > 0, `the faults hit some items: ${JSON.stringify(counts)}`);
    assert.ok(emulator.requests.some((r) => r.fault === 429), 'throttled items were among them (and resent)');
  } finally {
    await engine.close();
    await emulator.stop();
  }
});

test('a 429 on a whole $batch pauses every mailbox, even those of another engine and client', { skip }, async () => {
  const emulator = await startEmulator({ tls: false, versions: ['v1.0'], latencyMs: 20 });
  const [a, b] = await Promise.all([RedisEngine.connect(redis!.url, { prefix: 'appwide:' }), RedisEngine.connect(redis!.url, { prefix: 'appwide:' })]);
  try {
    emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 1, limit: 1, match: (r) => r.path.endsWith('/$batch') });
    const one = createBulk(createClient({ baseUrl: emulator.origin }), { engine: a });
    const two = createBulk(createClient({ baseUrl: emulator.origin }), { engine: b });
    const started = Date.now();
    const first = one.create(ALEX.upn, 'contacts', contacts('App-wide A', 4));
    await new Promise((r) => setTimeout(r, 150));
    const second = await two.create(MEGAN.upn, 'contacts', contacts('App-wide M', 4));
    const secondDone = Date.now() - started;
    assert.ok((await first).every((r) => r.status === 'ok') && second.every((r) => r.status === 'ok'));
    assert.equal(emulator.requests.filter((r) => r.status === 429).length, 1);
    assert.ok(secondDone >= 1000, `the other engine's mailbox waited for the app-wide Retry-After (${secondDone} ms)`);
    assert.equal(emulator.effects.filter((e) => e.kind === 'created').length, 8, 'the refused batch was sent again, once');
  } finally {
    await Promise.all([a.close(), b.close()]);
    await emulator.stop();
  }
});
