// The Redis engine against a real redis-server: two engines (as two worker processes would hold) share
// one mailbox's 4 slots with batch items counted, a pause set by one holds the other, the windows are
// shared, and a worker that dies holding slots gives them back when its lease runs out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RedisEngine } from 'msgraph-ts/bulk';
import { NO_REDIS, useRedis } from './helpers/use-redis.js';

const redis = await useRedis();
const skip = redis ? false : NO_REDIS;
const cost = { slots: 1, requests: 1, sends: 0, uploadBytes: 0 };
let prefixes = 0;
const engines = async (n: number, options: Parameters<typeof RedisEngine.connect>[1] = {}): Promise<RedisEngine[]> => {
  const prefix = `test${prefixes++}:`;
  return Promise.all(Array.from({ length: n }, () => RedisEngine.connect(redis!.url, { prefix, ...options })));
};
const pending = async <T>(p: Promise<T>, ms = 60): Promise<boolean> => (await Promise.race([p.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]));

test('two engines share a mailbox\'s 4 slots, a batch counts its items, and a release in one wakes the other at once', { skip }, async () => {
  const [a, b] = await engines(2);
  try {
    const three = await a!.admit('m', { ...cost, slots: 3, requests: 3 });
    const one = await b!.admit('m', cost);
    const fifth = b!.admit('m', cost);
    assert.ok(await pending(fifth), 'no fifth slot, whichever engine asks');
    (await a!.admit('other', { ...cost, slots: 4 }))(); // another mailbox has its own
    const t = Date.now();
    one();
    (await fifth)();
    assert.ok(Date.now() - t < 60, `woken by the release, not by polling (${Date.now() - t} ms)`);
    three();
  } finally {
    await Promise.all([a!.close(), b!.close()]);
  }
});

test("a mailbox pause set by one engine holds that mailbox in the other; an app-wide pause holds all", { skip }, async () => {
  const [a, b] = await engines(2);
  try {
    a!.pause('m', 300);
    await new Promise((r) => setTimeout(r, 20));
    let t = Date.now();
    (await b!.admit('n', cost))();
    assert.ok(Date.now() - t < 150, 'another mailbox goes on, well before the pause ends');
    (await b!.admit('m', cost))();
    assert.ok(Date.now() - t >= 250, `the paused mailbox waited (${Date.now() - t} ms)`);
    a!.pause(undefined, 300);
    await new Promise((r) => setTimeout(r, 20));
    t = Date.now();
    (await b!.admit('n', cost))();
    assert.ok(Date.now() - t >= 250, `app-wide (${Date.now() - t} ms)`);
  } finally {
    await Promise.all([a!.close(), b!.close()]);
  }
});

test('the request window is shared: 10 per 500 ms across two engines, the eleventh waits for the window to roll', { skip }, async () => {
  const [a, b] = await engines(2, { limits: { requestsPerWindow: 10, requestWindowMs: 500 } });
  try {
    for (let i = 0; i < 5; i++) (await a!.admit('m', cost))();
    for (let i = 0; i < 5; i++) (await b!.admit('m', cost))();
    const t = Date.now();
    (await a!.admit('m', cost))();
    assert.ok(Date.now() - t >= 500, `waited for the window (${Date.now() - t} ms)`);
    await assert.rejects(() => b!.admit('m', { ...cost, requests: 11 }), /more than the whole limit/);
  } finally {
    await Promise.all([a!.close(), b!.close()]);
  }
});

test('a worker that dies holding slots gives them back when its lease runs out', { skip }, async () => {
  const [dying, live] = await engines(2, { leaseMs: 1000 });
  try {
    await dying!.admit('m', { ...cost, slots: 4 }); // never released
    await dying!.close(); // no renewals any more, as after a kill -9
    const t = Date.now();
    (await live!.admit('m', cost))();
    const waited = Date.now() - t;
    assert.ok(waited >= 800 && waited < 2000, `the slots came back with the lease (${waited} ms)`);
  } finally {
    await live!.close();
  }
});

test('a held lease is renewed, so a long request keeps its slots', { skip }, async () => {
  const [a, b] = await engines(2, { leaseMs: 1000 });
  try {
    const held = await a!.admit('m', { ...cost, slots: 4 });
    assert.ok(await pending(b!.admit('m', cost).then((r) => r()), 1800), 'still held after almost two leases');
    held();
  } finally {
    await Promise.all([a!.close(), b!.close()]);
  }
});

test('a Redis address that is not a redis:// URL is refused with what to give', async () => {
  await assert.rejects(() => RedisEngine.connect('localhost:6379'), /redis must be a redis:\/\/ or rediss:\/\/ URL/);
  await assert.rejects(() => RedisEngine.connect('redis://127.0.0.1:1', { leaseMs: 10 }), /leaseMs must be at least 1000/);
});
