// Connection resets: `midResponse` sends the status, the headers and part of the body, then drops the
// socket (the request was processed); `midRequest` drops it while the request body arrives (nothing was
// processed: an upload chunk is not committed). Seeded like the other faults and logged per request.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { ALEX, startTestGraph, type TestGraph } from './helpers/graph-server.js';

/** A GET with node:http, to see exactly what arrived before the connection dropped. */
function rawGet(url: string): Promise<{ status: number; contentLength: number; received: number; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      let received = 0;
      const done = (error?: string): void => resolve({
        status: res.statusCode ?? 0, contentLength: Number(res.headers['content-length']), received, ...(error ? { error } : {}),
      });
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      res.on('end', () => done());
      res.on('aborted', () => done('aborted'));
      res.on('error', (e) => done(e.message));
    });
    req.on('error', (e) => resolve({ status: 0, contentLength: 0, received: 0, error: e.message }));
  });
}

const sendMail = (graph: TestGraph, subject: string) => fetch(`${graph.emulator.graphUrl}/me/sendMail`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: { subject, toRecipients: [{ emailAddress: { address: ALEX.upn } }] } }),
});

test('a midResponse reset sends the status, the headers and part of the body, then drops the connection', async () => {
  const graph = await startTestGraph({ faults: { rate: 1, resets: ['midResponse'], resetAfterBytes: 40, match: /\/me\/messages/, limit: 1 } });
  const cut = await rawGet(`${graph.emulator.graphUrl}/me/messages?$select=subject`);
  assert.equal(cut.status, 200);
  assert.ok(cut.contentLength > 40, 'the headers promise the whole body');
  assert.equal(cut.received, 40, 'exactly resetAfterBytes arrived');
  assert.ok(cut.error, 'and then the connection broke');
  const logged = graph.emulator.requests.at(-1)!;
  assert.deepEqual([logged.status, logged.reset, logged.sideEffects], [200, 'midResponse', 0]);
  const next = await fetch(`${graph.emulator.graphUrl}/me/messages?$select=subject`);
  assert.equal(next.status, 200, 'the fault limit is spent');
  assert.ok(((await next.json()) as { value: unknown[] }).value.length > 0);
});

test('fetch sees a midResponse reset as a body that fails to arrive', async () => {
  const graph = await startTestGraph({ faults: { rate: 1, resets: ['midResponse'], match: /\/me$/, limit: 1 } });
  const response = await fetch(`${graph.emulator.graphUrl}/me`);
  assert.equal(response.status, 200);
  await assert.rejects(response.text());
});

test('a POST reset in its response was processed: the mail went out, which is why a blind replay duplicates it', async () => {
  const graph = await startTestGraph({ faults: { rate: 1, resets: ['midResponse'], match: /sendMail/, limit: 1 } });
  await assert.rejects(sendMail(graph, 'Lost answer'), 'a 202 has no body: the connection drops before the status line');
  const logged = graph.emulator.requests.at(-1)!;
  assert.deepEqual([logged.status, logged.reset, logged.sideEffects], [202, 'midResponse', 1]);
  assert.equal(graph.emulator.effects.filter((e) => e.kind === 'mailSent').length, 1);
});

test('a midRequest reset drops an upload chunk while it arrives: nothing is committed, and the retry goes on', async () => {
  const graph = await startTestGraph();
  const session = await graph.call('POST', '/me/drive/root:/reset.bin:/createUploadSession', {});
  const url = session.body.uploadUrl as string;
  const bytes = Buffer.alloc(327_680 * 2, 7);
  const put = () => fetch(url, { method: 'PUT', body: Uint8Array.from(bytes.subarray(0, 327_680)), headers: { 'content-range': `bytes 0-327679/${bytes.length}` } });
  const ranges = async (): Promise<string[]> => ((await (await fetch(url)).json()) as { nextExpectedRanges: string[] }).nextExpectedRanges;
  graph.emulator.setFaults({ rate: 1, resets: ['midRequest'], match: (r) => r.method === 'PUT' && r.path.startsWith('/_storage/upload/'), limit: 1 });
  const effects = graph.emulator.effects.length;
  await assert.rejects(put());
  assert.deepEqual(await ranges(), ['0-'], 'the chunk was not committed');
  const logged = graph.emulator.requests.find((r) => r.reset === 'midRequest')!;
  assert.deepEqual([logged.method, logged.status, logged.sideEffects], ['PUT', 0, 0]);
  assert.match(logged.path, /^\/_storage\/upload\//);
  assert.equal(graph.emulator.effects.length, effects);
  assert.equal((await put()).status, 202);
  assert.deepEqual(await ranges(), ['327680-']);
});

test('resets are seeded: the same seed cuts the same requests, and they mix with statuses', async () => {
  const run = async (seed: number): Promise<string[]> => {
    const graph = await startTestGraph({ faults: { rate: 0.6, statuses: [429], resets: ['midResponse', 'midRequest'], seed, match: /\/me\?/ } });
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      try {
        const r = await fetch(`${graph.emulator.graphUrl}/me?$select=id`);
        await r.text();
        outcomes.push(String(r.status));
      } catch {
        outcomes.push('reset');
      }
    }
    const logged = graph.emulator.requests.map((r) => r.reset ?? String(r.status));
    assert.equal(logged.filter((o) => o !== '200' && o !== '429').length, outcomes.filter((o) => o === 'reset').length, 'every reset is logged');
    return outcomes;
  };
  const [a, b, c] = [await run(11), await run(11), await run(12)];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.includes('reset') && a.includes('429') && a.includes('200'), a.join(','));
});

test('status faults leave storage URLs alone, and $batch items are never reset', async () => {
  const graph = await startTestGraph();
  const url = (await graph.call('POST', '/me/drive/root:/keep.bin:/createUploadSession', {})).body.uploadUrl as string;
  graph.emulator.setFaults({ rate: 1, statuses: [503] });
  assert.equal((await fetch(url)).status, 200, 'the storage host answers');
  graph.emulator.setFaults({ rate: 1, resets: ['midResponse', 'midRequest'], match: (r) => r.path.includes('/me/contacts') });
  const batch = await graph.call('POST', '/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/me/contacts' }] } });
  assert.equal(batch.status, 200);
  assert.equal(batch.body.responses[0].status, 200);
});
