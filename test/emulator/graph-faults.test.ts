// Seeded fault injection: 429/503 with Retry-After before any processing (no side effects), 504 after
// processing (the write happened), reproducible sequences, delays, and reconfiguration at run time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALEX, graphError, startTestGraph, type TestGraph } from './helpers/graph-server.js';

const sendMail = (graph: TestGraph, subject: string) => graph.call('POST', '/me/sendMail', {
  body: { message: { subject, toRecipients: [{ emailAddress: { address: ALEX.upn } }] } },
});
const alexHas = async (graph: TestGraph, subject: string): Promise<number> =>
  (await graph.get(`/users/${ALEX.upn}/messages?$filter=${encodeURIComponent(`subject eq '${subject}'`)}`)).body.value.length;

test('a throttled sendMail answers 429 with Retry-After, sends nothing, and the retry goes through', async () => {
  const graph = await startTestGraph({ faults: { rate: 1, statuses: [429], retryAfterSeconds: 2, match: /\/sendMail$/, limit: 1 } });
  const throttled = await sendMail(graph, 'Throttled once');
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers.get('retry-after'), '2');
  assert.equal(graphError(throttled).code, 'TooManyRequests');
  assert.equal(await alexHas(graph, 'Throttled once'), 0, 'a 429 has no side effect');
  const logged = graph.emulator.requests.find((r) => r.status === 429)!;
  assert.deepEqual([logged.fault, logged.sideEffects], [429, 0]);
  assert.equal(graph.emulator.effects.length, 0);

  const retried = await sendMail(graph, 'Throttled once');
  assert.equal(retried.status, 202);
  assert.equal(await alexHas(graph, 'Throttled once'), 1);
  assert.equal(graph.emulator.effects.filter((e) => e.kind === 'mailSent').length, 1, 'exactly one mail went out');
});

test('the same seed gives the same faults; another seed gives others', async () => {
  const options = { rate: 0.5, statuses: [429, 503], retryAfterSeconds: 0.5, match: (r: { path: string }) => r.path.includes('/me') };
  const run = async (seed: number): Promise<number[]> => {
    const graph = await startTestGraph({ faults: { ...options, seed } });
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) statuses.push((await graph.get('/me?$select=id')).status);
    return statuses;
  };
  const [a, b, c] = [await run(42), await run(42), await run(7)];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.includes(200) && a.includes(429) && a.includes(503), `a mix: ${a.join(',')}`);
});

test('503 carries Retry-After (fractional seconds allowed) and has no side effect', async () => {
  const graph = await startTestGraph({ faults: { rate: 1, statuses: [503], retryAfterSeconds: 0.25, match: /sendMail/ } });
  const r = await sendMail(graph, 'Unavailable');
  assert.equal(r.status, 503);
  assert.equal(r.headers.get('retry-after'), '0.25');
  assert.equal(graph.emulator.requests.at(-1)!.sideEffects, 0);
  graph.emulator.setFaults(undefined);
  assert.equal(await alexHas(graph, 'Unavailable'), 0);
});

test('a 504 comes after processing: the mail was sent, which is why a blind retry duplicates it', async () => {
  const graph = await startTestGraph({ faults: { rate: 1, statuses: [504], match: /sendMail/, limit: 1 } });
  const r = await sendMail(graph, 'Gateway timeout');
  assert.equal(r.status, 504);
  assert.equal(graphError(r).code, 'gatewayTimeout');
  assert.equal(graph.emulator.requests.at(-1)!.sideEffects, 1, 'the request had a side effect');
  await sendMail(graph, 'Gateway timeout');
  assert.equal(await alexHas(graph, 'Gateway timeout'), 2);
});

test('faults can only slow requests down, and can be switched on and off at run time', async () => {
  const graph = await startTestGraph();
  graph.emulator.setFaults({ rate: 1, statuses: [], delayMs: 150 });
  const started = Date.now();
  const slow = await graph.get('/me');
  assert.equal(slow.status, 200);
  assert.ok(Date.now() - started >= 140, 'delayed');
  graph.emulator.setFaults({ rate: 1, statuses: [429] });
  assert.equal((await graph.get('/me')).status, 429);
  graph.emulator.setFaults(undefined);
  assert.equal((await graph.get('/me')).status, 200);
});

test('faults apply to $batch items one by one', async () => {
  const graph = await startTestGraph({ faults: { rate: 1, statuses: [429], retryAfterSeconds: 3, match: (r) => r.path.endsWith('/me/contacts'), limit: 1 } });
  const r = await graph.call('POST', '/$batch', {
    body: { requests: [{ id: '1', method: 'GET', url: '/me/contacts' }, { id: '2', method: 'GET', url: '/me' }] },
  });
  assert.equal(r.status, 200);
  const [first, second] = r.body.responses;
  assert.equal(first.status, 429);
  assert.equal(first.headers['Retry-After'], '3');
  assert.equal(second.status, 200);
});
