// The emulator's side of bulk work: the per-mailbox request window (10,000 / 10 minutes by default) on
// an injectable clock, the upload volume (150 MB / 5 minutes) of MailboxLimits, and a response latency
// that makes requests overlap so the 4-in-flight limit binds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MailboxLimits, ThrottledError } from '../../src/emulator/limits/mailbox-limits.js';
import { ALEX, graphError, startTestGraph } from '../emulator/helpers/graph-server.js';

test('a mailbox over its request window gets 429 MailboxRequestRate until the oldest request leaves the window; other mailboxes go on', async () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const graph = await startTestGraph({ clock: () => new Date(now), limits: { requestsPerWindow: 3, requestWindowMs: 60_000 } });
  for (let i = 0; i < 3; i++) {
    assert.equal((await graph.get('/me/messages?$top=1')).status, 200);
    now += 10_000;
  }
  const over = await graph.get('/me/messages?$top=1');
  assert.equal(over.status, 429);
  assert.match(graphError(over).message, /3 requests to this mailbox in 60 seconds/);
  assert.equal(over.headers.get('retry-after'), '30', 'the first request leaves the window 60 s after it came, 30 s from now');
  assert.equal(graph.emulator.requests.at(-1)?.throttled, 'MailboxRequestRate');
  assert.equal((await graph.get(`/users/${ALEX.upn}/messages?$top=1`)).status, 200, 'another mailbox has its own window');
  assert.equal((await graph.get('/me?$select=id')).status, 200, 'a directory request is not a mailbox request');
  now += 30_000;
  assert.equal((await graph.get('/me/messages?$top=1')).status, 200, 'the window rolled on');
});

test('the upload volume counts request bytes per app and mailbox in a rolling window; more than the whole volume is a 413', () => {
  let now = 0;
  const limits = new MailboxLimits({ uploadBytesPerWindow: 1000, uploadWindowMs: 5000, mailboxConcurrency: 0 }, () => new Date(now));
  limits.enter('app', 'box', 600).release();
  now = 1000;
  limits.enter('app', 'box', 400).release();
  now = 2000;
  assert.throws(() => limits.enter('app', 'box', 1), (e: unknown) => e instanceof ThrottledError && e.reason === 'MailboxUploadVolume' && /after 3/.test(`after ${e.headers['retry-after']}`));
  limits.enter('other-app', 'box', 1000).release();
  limits.enter('app', 'box', 0).release();
  assert.throws(() => limits.enter('app', 'box', 1001), /more than the mailbox may take/);
  now = 5000;
  limits.enter('app', 'box', 600).release();
});

test('latencyMs makes every mailbox request take that long inside its slot, so a fifth request in flight is throttled', async () => {
  const graph = await startTestGraph({ latencyMs: 200 });
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: 5 }, () => graph.get('/me/messages?$top=1')));
  assert.ok(Date.now() - started >= 190, 'the answers waited for the latency');
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 200, 429]);
});

test('a request refused for concurrency does not count in the request window', () => {
  const limits = new MailboxLimits({ mailboxConcurrency: 1, requestsPerWindow: 2, requestWindowMs: 60_000 }, () => new Date(0));
  const held = limits.enter('app', 'box');
  assert.throws(() => limits.enter('app', 'box'), (e: unknown) => e instanceof ThrottledError && e.reason === 'MailboxConcurrency');
  held.release();
  limits.enter('app', 'box').release();
  assert.throws(() => limits.enter('app', 'box'), (e: unknown) => e instanceof ThrottledError && e.reason === 'MailboxRequestRate');
});

test('request bodies to a mailbox count against its upload volume over HTTP: past it, 429 MailboxUploadVolume, other mailboxes go on', async () => {
  const graph = await startTestGraph({ limits: { uploadBytesPerWindow: 5000, uploadWindowMs: 60_000 } });
  const draft = (size: number) => ({ subject: 'upload volume', body: { contentType: 'text', content: 'x'.repeat(size) } });
  assert.equal((await graph.call('POST', '/me/messages', { body: draft(3000) })).status, 201);
  const over = await graph.call('POST', '/me/messages', { body: draft(3000) });
  assert.equal(over.status, 429);
  assert.equal(graph.emulator.requests.at(-1)?.throttled, 'MailboxUploadVolume');
  assert.equal((await graph.call('POST', `/users/${ALEX.upn}/messages`, { body: draft(3000) })).status, 201, 'another mailbox has its own volume');
});
