// The in-process engine and what a request costs: sends and upload bytes are held to their windows, a
// $batch costs its items and holds slots for its widest wave (dependsOn chains run one after another).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryEngine } from '../../src/bulk/memory-engine.js';
import { costOf } from '../../src/bulk/shaped-client.js';
import { RollingWindow } from '../../src/bulk/rolling-window.js';

const BASE = 'https://graph.microsoft.com/v1.0';

test('a $batch costs its items, its sends and its body bytes, and holds slots for its widest wave', () => {
  const requests = [
    { id: '1', method: 'POST', url: '/users/a/messages', body: { subject: 'x' } },
    { id: '2', method: 'POST', url: '/users/a/messages/1/send', dependsOn: ['1'] },
    { id: '3', method: 'POST', url: '/users/a/sendMail', body: 'QUJD' },
    { id: '4', method: 'GET', url: '/users/a/messages?$top=1' },
  ];
  assert.deepEqual(costOf(`${BASE}/$batch`, { body: { requests } }, 4), { slots: 3, requests: 4, sends: 2, uploadBytes: '{"subject":"x"}'.length + 'QUJD'.length });
  const chain = Array.from({ length: 10 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me', ...(i > 0 ? { dependsOn: [String(i - 1)] } : {}) }));
  assert.equal(costOf(`${BASE}/$batch`, { body: { requests: chain } }, 4).slots, 1, 'a chain runs one at a time');
  const wide = Array.from({ length: 20 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
  assert.equal(costOf(`${BASE}/$batch`, { body: { requests: wide } }, 4).slots, 4, 'min(n, 4)');
  assert.deepEqual(costOf(`${BASE}/users/a/sendMail`, { body: { message: {} } }, 4), { slots: 1, requests: 1, sends: 1, uploadBytes: 14 });
});

test('sends per minute and upload bytes hold a mailbox until its window has room', async () => {
  const engine = new MemoryEngine({ sendsPerMinute: 2, uploadBytesPerWindow: 100, uploadWindowMs: 300 });
  const cost = { slots: 1, requests: 1, sends: 0, uploadBytes: 0 };
  (await engine.admit('a', { ...cost, sends: 2 }))();
  const third = engine.admit('a', { ...cost, sends: 1 }).then((r) => { r(); return 'admitted'; });
  const timeout = new Promise((r) => setTimeout(() => r('held'), 100));
  assert.equal(await Promise.race([third, timeout]), 'held', 'a third send in the minute waits');
  (await engine.admit('b', { ...cost, sends: 1 }))(); // another mailbox has its own minute
  let t = Date.now();
  (await engine.admit('b', { ...cost, uploadBytes: 80 }))();
  (await engine.admit('b', { ...cost, uploadBytes: 20 }))();
  assert.ok(Date.now() - t < 150, 'admitted at once, well before the window rolls');
  t = Date.now();
  (await engine.admit('b', { ...cost, uploadBytes: 1 }))();
  assert.ok(Date.now() - t >= 290, `the upload window rolled first (${Date.now() - t} ms)`);
  await assert.rejects(() => engine.admit('b', { ...cost, uploadBytes: 101 }), /needs 101 of uploadBytesPerWindow, more than the whole limit/);
});

test('the rolling window errs high: a request leaves it only after a whole window and a margin', () => {
  const w = new RollingWindow(2, 1000);
  w.add(2, 10_000);
  assert.equal(w.waitFor(1, 10_000), 1000 + 50 + 250, 'window, one bucket, skew margin');
  assert.equal(w.waitFor(1, 11_300), 0);
  assert.equal(new RollingWindow(Infinity, 1000).waitFor(1e9, 0), 0);
});
