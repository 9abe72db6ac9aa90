// Shaping against the emulator with a response latency, so its 4-in-flight limit binds: bulk work runs
// at the limit (4 items of a mailbox in flight at once) and provokes no 429; many mailboxes run side by
// side, each capped at 4; the request window is kept; a Retry-After from one mailbox holds that mailbox
// only; and under the emulator's faults every input gets exactly one result that the store bears out.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator, type RequestRecord } from 'msgraph-ts/emulator';
import { batch } from 'msgraph-ts/runtime';
import { createBulk, MemoryEngine } from 'msgraph-ts/bulk';
import { ADELE, ALEX, MEGAN, NESTOR, SUPPORT } from '../emulator/helpers/graph-server.js';
import { peakInFlight } from './helpers/in-flight.js';

const LATENCY_MS = 40;

async function withEmulator(options: Parameters<typeof startEmulator>[0], run: (e: Emulator, c: ReturnType<typeof createClient>) => Promise<void>): Promise<void> {
  const emulator = await startEmulator({ tls: false, versions: ['v1.0'], latencyMs: LATENCY_MS, ...options });
  try {
    await run(emulator, createClient({ baseUrl: emulator.origin, retry: { baseDelayMs: 10 } }));
  } finally {
    await emulator.stop();
  }
}

const throttled = (e: Emulator): RequestRecord[] => e.requests.filter((r) => r.status === 429);

const contacts = (prefix: string, n: number): { displayName: string }[] => Array.from({ length: n }, (_, i) => ({ displayName: `${prefix} ${i}` }));

test('unshaped, a $batch of 8 to one mailbox is throttled; shaped, 40 creates run 4 at a time with no 429', async () => {
  await withEmulator({}, async (emulator, client) => {
    await batch(client, (c) => contacts('Unshaped', 8).map((b) => c.users.byId(ALEX.upn).contacts.post(b)));
    assert.ok(throttled(emulator).length > 0, 'the emulator throttles what is over 4 in flight');
    emulator.clearLogs();

    const bulk = createBulk(client, { batchSize: 1 });
    const results = await bulk.create(ALEX.upn, 'contacts', contacts('Shaped', 40));
    assert.ok(results.every((r) => r.status === 'ok'));
    assert.deepEqual(throttled(emulator), []);
    assert.equal(peakInFlight(emulator, ALEX.upn), 4, 'at the limit, not under it');

    emulator.clearLogs();
    const batched = await createBulk(client).create(ALEX.upn, 'contacts', contacts('Batched', 20));
    assert.ok(batched.every((r) => r.status === 'ok'));
    assert.deepEqual(throttled(emulator), [], 'batches of 4 (the default) stay under the limit too');
  });
});

test('five mailboxes in parallel, two operations on each at once: each mailbox capped at 4 in flight, together more, and no 429', async () => {
  await withEmulator({}, async (emulator, client) => {
    const bulk = createBulk(client, { batchSize: 1 });
    const mailboxes = [ADELE, ALEX, MEGAN, NESTOR, SUPPORT].map((u) => u.upn);
    // Contacts and events of one mailbox at the same time: only the engine's count keeps them to 4 together.
    const outcomes = await bulk.forEachMailbox(mailboxes, (m) => Promise.all([
      bulk.create(m, 'contacts', contacts(`Parallel ${m}`, 12)),
      bulk.create(m, 'events', contacts(`Parallel ${m}`, 12).map((c) => ({ subject: c.displayName }))),
    ]));
    assert.ok(outcomes.every((o) => o.ok && o.value.flat().every((r) => r.status === 'ok')));
    assert.deepEqual(throttled(emulator), []);
    const peaks = mailboxes.map((m) => peakInFlight(emulator, `/users/${m}/`));
    assert.ok(peaks.every((p) => p <= 4), `no mailbox over 4 in flight: ${peaks.join(', ')}`);
    // At the limit, not under it; on a loaded machine one mailbox or another may not fill its four slots.
    assert.equal(Math.max(...peaks), 4, `peaks ${peaks.join(', ')}`);
    assert.ok(peakInFlight(emulator, '/users/') > 4, 'mailboxes run side by side');
  });
});

test("the mailbox's request window is kept: 25 requests over a window of 10 per 500 ms take three windows, with no 429", async () => {
  const limits = { requestsPerWindow: 10, requestWindowMs: 500 };
  await withEmulator({ latencyMs: 0, limits }, async (emulator, client) => {
    const bulk = createBulk(client, { limits });
    const started = Date.now();
    const results = await bulk.create(ALEX.upn, 'contacts', contacts('Windowed', 25));
    assert.ok(results.every((r) => r.status === 'ok'));
    assert.deepEqual(throttled(emulator), []);
    assert.ok(Date.now() - started >= 1000, 'the third ten waited for two windows to pass');
  });
});

test('a Retry-After from one mailbox holds that mailbox only; its item is resent once and created once', async () => {
  await withEmulator({}, async (emulator, client) => {
    emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 1.5, limit: 1, match: (r) => r.path.includes(ALEX.upn) });
    const bulk = createBulk(client, { batchSize: 1 });
    const finished: Record<string, number> = {};
    const started = Date.now();
    await bulk.forEachMailbox([ALEX.upn, MEGAN.upn], async (m) => {
      const results = await bulk.create(m, 'contacts', contacts(`Paused ${m}`, 8));
      finished[m] = Date.now() - started;
      assert.ok(results.every((r) => r.status === 'ok'));
    });
    assert.equal(throttled(emulator).length, 1);
    assert.ok(finished[ALEX.upn]! >= 1500, `the throttled mailbox waited out Retry-After (${finished[ALEX.upn]} ms)`);
    assert.ok(finished[MEGAN.upn]! < 1000, `the other mailbox did not wait (${finished[MEGAN.upn]} ms: 8 items, 4 at a time, ${LATENCY_MS} ms each)`);
    const names = emulator.effects.filter((e) => e.kind === 'created').length;
    assert.equal(names, 16, 'every contact created exactly once');
  });
});

test('the engine: a mailbox pause holds that mailbox, an app-wide pause holds all, and slots count batch items', async () => {
  const engine = new MemoryEngine();
  const cost = { slots: 1, requests: 1, sends: 0, uploadBytes: 0 };
  engine.pause('a', 200);
  let t = Date.now();
  (await engine.admit('b', cost))();
  assert.ok(Date.now() - t < 150, 'another mailbox goes on, well before the pause ends');
  (await engine.admit('a', cost))();
  assert.ok(Date.now() - t >= 190);
  engine.pause(undefined, 200);
  t = Date.now();
  (await engine.admit('b', cost))();
  assert.ok(Date.now() - t >= 190);
  const four = await engine.admit('c', { ...cost, slots: 20, requests: 20 });
  assert.equal(engine.inFlight('c'), 4, 'a batch of 20 holds min(20, 4) slots');
  let second = false;
  const next = engine.admit('c', cost).then((release) => { second = true; return release; });
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(second, false, 'no slot left');
  four();
  (await next)();
  assert.equal(engine.inFlight('c'), 0);
  await assert.rejects(() => new MemoryEngine({ sendsPerMinute: 30 }).admit('d', { ...cost, sends: 31 }), /more than the whole limit/);
});

test("under the emulator's faults every input gets exactly one result, and the store bears each out: nothing lost, nothing twice", async () => {
  await withEmulator({ latencyMs: 5 }, async (emulator, client) => {
    emulator.setFaults({ rate: 0.25, statuses: [429, 503, 504], resets: ['midResponse'], retryAfterSeconds: 0.05, seed: 11 });
    const bulk = createBulk(client);
    const inputs = contacts('Faulted', 60);
    const results = await bulk.create<{ id: string; displayName: string }>(NESTOR.upn, 'contacts', inputs);
    emulator.setFaults(undefined);
    assert.deepEqual(results.map((r) => r.index), inputs.map((_, i) => i), 'one result per input, in order');
    const stored = await client.users.byId(NESTOR.upn).contacts.get({ filter: "startswith(displayName,'Faulted ')", top: 999, select: ['id', 'displayName'] });
    const byName = new Map<string, string[]>();
    for (const c of stored.value) byName.set(c.displayName!, [...(byName.get(c.displayName!) ?? []), c.id!]);
    for (const r of results) {
      const found = byName.get(inputs[r.index]!.displayName) ?? [];
      if (r.status === 'ok') assert.deepEqual(found, [r.value.id], `ok ${r.index}: created once, the id reported`);
      else if (r.status === 'failed') assert.deepEqual(found, [], `failed ${r.index}: nothing created (${r.error.message})`);
      else assert.ok(found.length <= 1, `unknown ${r.index}: at most once`);
    }
    const counts = { ok: 0, failed: 0, unknown: 0 };
    for (const r of results) counts[r.status]++;
    assert.ok(counts.ok > 0 && counts.failed + counts.unknown > 0, `the faults hit some items: ${JSON.stringify(counts)}`);
    assert.ok(emulator.requests.some((r) => r.fault === 429), 'throttled items were among them (and resent)');
  });
});

test('a 429 on a whole $batch is app-wide: the shared engine pauses every mailbox, even those of another client', async () => {
  await withEmulator({}, async (emulator) => {
    emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 1, limit: 1, match: (r) => r.path.endsWith('/$batch') });
    // Two clients (two throttles), one engine: as two workers sharing their counts would be.
    const engine = new MemoryEngine();
    const one = createBulk(createClient({ baseUrl: emulator.origin }), { engine });
    const two = createBulk(createClient({ baseUrl: emulator.origin }), { engine });
    const started = Date.now();
    const first = one.create(ALEX.upn, 'contacts', contacts('App-wide A', 4));
    await new Promise((r) => setTimeout(r, 150));
    const second = await two.create(MEGAN.upn, 'contacts', contacts('App-wide M', 4));
    const secondDone = Date.now() - started;
    assert.ok((await first).every((r) => r.status === 'ok') && second.every((r) => r.status === 'ok'));
    assert.equal(throttled(emulator).length, 1);
    assert.ok(secondDone >= 1000, `the other client's mailbox waited for the app-wide Retry-After (${secondDone} ms)`);
    assert.equal(emulator.effects.filter((e) => e.kind === 'created').length, 8, 'the refused batch was sent again, once');
  });
});
