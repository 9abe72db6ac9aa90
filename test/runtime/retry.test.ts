// Retries and the shared throttle, against real sockets: a node:http server that scripts its answers
// (and records when each request arrived), and the emulator's seeded faults for the sendMail storm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator } from 'msgraph-ts/emulator';
import { GraphError, NetworkError, OutcomeUnknownError } from 'msgraph-ts/runtime';
import { Transport } from '../../src/transport.js';
import { serve as loopback } from '../helpers/loopback-server.js';

type Handler = (res: ServerResponse, n: number, req: IncomingMessage) => void;

/** A loopback server answering with `handler` (n counts arrivals from 1); `arrivals` says what came when. */
const serve = (handler: Handler) => loopback((req, res, n) => handler(res, n, req));

const ok = (res: ServerResponse): void => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
const fail = (res: ServerResponse, status: number, headers: Record<string, string> = {}): void =>
  void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(`{"error":{"code":"E${status}","message":"injected"}}`);
/** Fails the first `times` arrivals with `status`, then answers 200. */
const failing = (times: number, status: number, headers?: Record<string, string>): Handler => (res, n) => (n <= times ? fail(res, status, headers) : ok(res));
const FAST = { baseDelayMs: 5, maxDelayMs: 50 };

test('respects Retry-After in seconds, fractional, before retrying a 429', async () => {
  const s = await serve(failing(1, 429, { 'retry-after': '0.2' }));
  try {
    const client = createClient({ baseUrl: s.origin, token: 't' });
    assert.deepEqual(await client.me.get(), { id: '1' });
    assert.equal(s.arrivals.length, 2);
    assert.ok(s.arrivals[1]!.at - s.arrivals[0]!.at >= 190, `waited ${s.arrivals[1]!.at - s.arrivals[0]!.at} ms`);
  } finally {
    await s.close();
  }
});

test('respects Retry-After as an HTTP date', async () => {
  // HTTP dates have whole seconds: two seconds ahead is at least one second of waiting.
  const s = await serve((res, n) => (n === 1 ? fail(res, 429, { 'retry-after': new Date(Date.now() + 2000).toUTCString() }) : ok(res)));
  try {
    const client = createClient({ baseUrl: s.origin, token: 't' });
    await client.me.get();
    assert.equal(s.arrivals.length, 2);
    assert.ok(s.arrivals[1]!.at - s.arrivals[0]!.at >= 950, `waited ${s.arrivals[1]!.at - s.arrivals[0]!.at} ms`);
  } finally {
    await s.close();
  }
});

test('clamps a long Retry-After to maxDelayMs', async () => {
  const s = await serve(failing(1, 429, { 'retry-after': '30' }));
  try {
    // baseDelayMs 1: were Retry-After ignored, the backoff would retry within a millisecond or two.
    await createClient({ baseUrl: s.origin, retry: { maxDelayMs: 150, baseDelayMs: 1 } }).me.get();
    assert.equal(s.arrivals.length, 2);
    const waited = s.arrivals[1]!.at - s.arrivals[0]!.at;
    assert.ok(waited >= 140 && waited < 2000, `waited the clamped 150 ms, not the 30 s nor nothing (${waited} ms)`);
  } finally {
    await s.close();
  }
});

test('does not retry when the wait would exceed maxElapsedMs, and the error keeps retryAfter', async () => {
  const s = await serve(failing(5, 429, { 'retry-after': '10' }));
  try {
    const error = await createClient({ baseUrl: s.origin, retry: { maxElapsedMs: 1000 } }).me.get().catch((e: unknown) => e);
    assert.ok(error instanceof GraphError, String(error));
    assert.equal(error.status, 429);
    assert.equal(error.retryAfter, '10');
    assert.equal(s.arrivals.length, 1);
  } finally {
    await s.close();
  }
});

test('retries a GET after 503 and stops after maxRetries', async () => {
  const s = await serve(failing(1, 503));
  const always = await serve(failing(99, 503));
  try {
    assert.deepEqual(await createClient({ baseUrl: s.origin, retry: FAST }).me.get(), { id: '1' });
    assert.equal(s.arrivals.length, 2);
    const error = await createClient({ baseUrl: always.origin, retry: { ...FAST, maxRetries: 2 } }).me.get().catch((e: unknown) => e);
    assert.ok(error instanceof GraphError && error.status === 503, String(error));
    assert.equal(always.arrivals.length, 3, 'one attempt and two retries');
  } finally {
    await s.close();
    await always.close();
  }
});

test('does not replay a POST after 502, 503 or 504 unless retryNonIdempotent is set, and says its outcome is unknown; 429 is replayed', async () => {
  for (const status of [502, 503, 504]) {
    const s = await serve(failing(2, status));
    try {
      const error = await createClient({ baseUrl: s.origin, retry: FAST }).me.sendMail.post({ message: { subject: 'x' } }).catch((e: unknown) => e);
      assert.ok(error instanceof OutcomeUnknownError && error.status === status, `POST after ${status} must reach the caller as outcome unknown, got ${String(error)}`);
      assert.ok(error.cause instanceof GraphError && error.cause.status === status, 'the GraphError is its cause');
      assert.equal(s.arrivals.length, 1, `POST sent once after ${status}`);
      await createClient({ baseUrl: s.origin, retry: { ...FAST, retryNonIdempotent: true } }).me.sendMail.post({ message: { subject: 'y' } });
      assert.equal(s.arrivals.length, 3, `replayed with retryNonIdempotent after ${status}`);
      assert.equal(s.arrivals[2]!.body, s.arrivals[1]!.body, 'the replay carries the same body');
    } finally {
      await s.close();
    }
  }
  const throttled = await serve(failing(1, 429, { 'retry-after': '0' }));
  try {
    await createClient({ baseUrl: throttled.origin }).me.sendMail.post({ message: { subject: 'z' } });
    assert.equal(throttled.arrivals.length, 2);
    assert.match(throttled.arrivals[1]!.body, /"subject":"z"/);
  } finally {
    await throttled.close();
  }
});

test('a lost connection is retried for GET and surfaces as OutcomeUnknownError for POST, sent once', async () => {
  const s = await serve((res, n, req) => (n === 1 || req.method === 'POST' ? void req.socket.destroy() : ok(res)));
  try {
    const client = createClient({ baseUrl: s.origin, retry: FAST, token: 'secret-token' });
    assert.deepEqual(await client.me.get(), { id: '1' });
    const error = await client.me.sendMail.post({ message: {} }).catch((e: unknown) => e);
    assert.ok(error instanceof OutcomeUnknownError, String(error));
    assert.ok(error.cause instanceof NetworkError && error.cause.cause, 'keeps what fetch threw');
    assert.match(error.message, /^POST http:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\/sendMail may or may not have been carried out \(NetworkError\); check before sending it again\.$/);
    assert.doesNotMatch(error.message, /secret-token/);
    assert.equal(s.arrivals.filter((a) => a.method === 'POST').length, 1, 'the POST was not replayed');
  } finally {
    await s.close();
  }
});

test('retry: false turns retries off, per client and per request', async () => {
  const s = await serve(failing(99, 429, { 'retry-after': '0' }));
  try {
    await assert.rejects(createClient({ baseUrl: s.origin, retry: false }).me.get(), GraphError);
    assert.equal(s.arrivals.length, 1);
    const transport = new Transport({ retry: { maxRetries: 5 } });
    await assert.rejects(transport.send('GET', `${s.origin}/v1.0/me`, { retry: false }));
    assert.equal(s.arrivals.length, 2, 'the per-request false wins over the client policy');
    await assert.rejects(transport.send('GET', `${s.origin}/v1.0/me`, { retry: { maxRetries: 1 } }));
    assert.equal(s.arrivals.length, 4, 'a per-request policy overrides the client one');
    const fluent = createClient({ baseUrl: s.origin, retry: { maxRetries: 5, ...FAST } });
    await assert.rejects(fluent.me.messages.get({ retry: false }), GraphError);
    assert.equal(s.arrivals.length, 5, 'the fluent API passes a per-request retry: false through');
    await assert.rejects(fluent.me.sendMail.post({ message: {} }, { retry: { maxRetries: 1 } }), GraphError);
    assert.equal(s.arrivals.length, 7, 'and a per-request policy on an action');
  } finally {
    await s.close();
  }
});

test('a Retry-After on one request holds back the client’s other requests', async () => {
  const s = await serve(failing(1, 429, { 'retry-after': '0.3' }));
  try {
    const client = createClient({ baseUrl: s.origin });
    const first = client.me.get();
    for (let i = 0; i < 100 && s.arrivals.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50)); // the 429 has reached the client
    const second = client.users.get();
    await Promise.all([first, second]);
    assert.equal(s.arrivals.length, 3);
    const users = s.arrivals.find((a) => a.url.includes('/users'))!;
    assert.ok(users.at - s.arrivals[0]!.at >= 280, `the second request went out ${users.at - s.arrivals[0]!.at} ms after the 429`);
  } finally {
    await s.close();
  }
});

test('maxConcurrency bounds the requests in flight', async () => {
  let inFlight = 0;
  let most = 0;
  const s = await serve((res) => {
    most = Math.max(most, ++inFlight);
    setTimeout(() => (inFlight--, ok(res)), 30);
  });
  try {
    const client = createClient({ baseUrl: s.origin, maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => client.me.get()));
    assert.equal(s.arrivals.length, 8);
    assert.equal(most, 2);
  } finally {
    await s.close();
  }
});

test('no mail is sent twice under a 30 % storm of 429 and 503', async () => {
  const emulator = await startEmulator({
    tls: false, versions: ['v1.0'], limits: { sendsPerMinute: 0 },
    faults: { rate: 0.3, statuses: [429, 503], retryAfterSeconds: 0, seed: 7, match: /sendMail/ },
  });
  try {
    const client = createClient({ baseUrl: emulator.origin, retry: { maxRetries: 5 } });
    const outcomes: ('sent' | 'failed')[] = [];
    for (let i = 0; i < 40; i++) {
      const message = { subject: `storm ${i}`, toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] };
      outcomes.push(await client.me.sendMail.post({ message }).then(() => 'sent' as const, (e: unknown) => {
        assert.ok(e instanceof OutcomeUnknownError && e.status === 503, String(e)); // only 503 on POST reaches the caller, as outcome unknown
        return 'failed' as const;
      }));
    }
    const faults = emulator.requests.filter((r) => r.fault !== undefined);
    assert.ok(faults.some((r) => r.fault === 429) && faults.some((r) => r.fault === 503), 'the storm hit both statuses');
    assert.equal(outcomes.filter((o) => o === 'failed').length, faults.filter((r) => r.fault === 503).length, 'every 503 ended its call');
    outcomes.forEach((outcome, i) => {
      const sends = emulator.effects.filter((e) => e.kind === 'mailSent' && e.subject === `storm ${i}`).length;
      assert.equal(sends, outcome === 'sent' ? 1 : 0, `storm ${i} (${outcome}) sent ${sends} times`);
    });
  } finally {
    await emulator.stop();
  }
});

test('a streamed body is sent once: its 429 is the error, which says why it was not retried; bytes are retried', async () => {
  const s = await serve(failing(1, 429, { 'retry-after': '0' }));
  try {
    const client = createClient({ baseUrl: s.origin, token: 't' });
    const file = client.me.drive.root.byPath('notes/a.txt').content;
    const error = await file.upload(new Blob(['streamed']).stream()).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError && error.status === 429, String(error));
    assert.match(error.message, /\(not retried: a stream is sent once; give bytes or a Blob\)$/);
    assert.equal(error.retryAfter, '0');
    assert.deepEqual(s.arrivals.map((a) => [a.method, a.body]), [['PUT', 'streamed']]);
    await file.upload(new TextEncoder().encode('as bytes'));
    assert.deepEqual(s.arrivals.slice(1).map((a) => [a.method, a.body]), [['PUT', 'as bytes']], 'answered 200 the first time');
    // A 429 on bytes is retried, and its error (when retries run out) carries no such note.
    const again = await serve(failing(9, 429, { 'retry-after': '0' }));
    try {
      const spent = await createClient({ baseUrl: again.origin, retry: { maxRetries: 1 } }).me.drive.root.byPath('a.txt').content.upload('bytes').catch((e: unknown) => e);
      assert.ok(spent instanceof GraphError && !spent.message.includes('not retried'), String(spent));
      assert.equal(again.arrivals.length, 2);
    } finally {
      await again.close();
    }
  } finally {
    await s.close();
  }
});
