// What a caller gets when the network misbehaves, against real sockets: a loopback server that cuts
// answers, refuses connections or redirects into a dead host. Reads are read again; writes whose answer was
// lost say so (OutcomeUnknownError); nothing comes back as an untyped error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { createClient } from 'msgraph-ts/v1.0';
import { GraphError, NetworkError, OutcomeUnknownError, RequestError, TimeoutError } from 'msgraph-ts/runtime';
import { serve } from '../helpers/loopback-server.js';

/** A port nothing listens on: connections to it are refused. */
async function deadPort(): Promise<number> {
  const s = await serve(() => {});
  const port = Number(new URL(s.origin).port);
  await s.close();
  return port;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
};
/** Headers announcing the whole body, then half of it, then the connection is cut. */
const cut = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.write(text.slice(0, text.length >> 1), () => res.socket?.destroy());
};
const FAST = { baseDelayMs: 5, maxDelayMs: 50 };

test('a GET whose body is cut off is read again, within the retry budget', async () => {
  const s = await serve((_req, res, n) => (n <= 2 ? cut(res, 200, { id: 'me', displayName: 'x'.repeat(500) }) : json(res, 200, { id: 'me' })));
  try {
    assert.deepEqual(await createClient({ baseUrl: s.origin, retry: FAST }).me.get(), { id: 'me' });
    assert.equal(s.arrivals.length, 3);
    const always = await serve((_req, res) => cut(res, 200, { id: 'me', displayName: 'x'.repeat(500) }));
    try {
      const error = await createClient({ baseUrl: always.origin, retry: { ...FAST, maxRetries: 2 } }).me.get().catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.equal(always.arrivals.length, 3, 'one attempt and two retries, shared with the request retries');
    } finally {
      await always.close();
    }
  } finally {
    await s.close();
  }
});

test('list() reads a cut-off page again and goes on from it: every item once', async () => {
  let cuts = 0;
  const s = await serve((req, res) => {
    const page = Number(new URL(req.url!, 'http://x').searchParams.get('page') ?? '0');
    const body = { value: [{ id: `a${page}` }, { id: `b${page}` }], ...(page < 5 ? { '@odata.nextLink': `${s.origin}/v1.0/me/messages?page=${page + 1}` } : {}) };
    // Pages 2 and 4 are cut off the first time they are asked for.
    if ((page === 2 || page === 4) && cuts < page / 2) {
      cuts++;
      return cut(res, 200, body);
    }
    json(res, 200, body);
  });
  try {
    const ids: string[] = [];
    for await (const m of createClient({ baseUrl: s.origin, retry: FAST }).me.messages.list()) ids.push(m.id!);
    assert.deepEqual(ids, [0, 1, 2, 3, 4, 5].flatMap((p) => [`a${p}`, `b${p}`]));
    assert.equal(s.arrivals.length, 8, 'six pages, two of them twice');
    assert.deepEqual(s.arrivals.filter((a) => a.url.endsWith('page=1')).length, 1, 'page 1 was not read again');
  } finally {
    await s.close();
  }
});

test('a POST whose success answer is cut off is OutcomeUnknownError with its status, and is not sent again', async () => {
  const s = await serve((_req, res) => cut(res, 201, { id: 'new', subject: 'x'.repeat(500) }));
  try {
    const error = await createClient({ baseUrl: s.origin, retry: FAST }).me.messages.post({ subject: 'draft' }).catch((e: unknown) => e);
    assert.ok(error instanceof OutcomeUnknownError && error.status === 201, String(error));
    assert.equal(s.arrivals.length, 1);
  } finally {
    await s.close();
  }
});

test('a POST that times out after it was sent is OutcomeUnknownError with the TimeoutError as cause; a GET stays a TimeoutError', async () => {
  const s = await serve(() => {}); // takes every request and never answers
  try {
    const client = createClient({ baseUrl: s.origin, retry: FAST });
    const post = await client.me.messages.post({ subject: 'slow' }, { timeoutMs: 100 }).catch((e: unknown) => e);
    assert.ok(post instanceof OutcomeUnknownError && post.cause instanceof TimeoutError, String(post));
    const get = await client.me.get({ timeoutMs: 100 }).catch((e: unknown) => e);
    assert.ok(get instanceof TimeoutError, String(get));
    assert.deepEqual(s.arrivals.map((a) => a.method), ['POST', 'GET'], 'neither was sent again');
  } finally {
    await s.close();
  }
});

test('a 429 on a POST is a refusal (GraphError), retried; a refused connection is a NetworkError, and retried for POST too', async () => {
  const s = await serve((_req, res, n) => (n === 1 ? json(res, 429, { error: { code: 'TooMany', message: 'wait' } }) : json(res, 202, {})));
  try {
    const error = await createClient({ baseUrl: s.origin, retry: { ...FAST, maxRetries: 0 } }).me.sendMail.post({ message: {} }).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError && !(error instanceof OutcomeUnknownError) && error.status === 429, String(error));
  } finally {
    await s.close();
  }
  const port = await deadPort();
  const started = Date.now();
  const refused = await createClient({ baseUrl: `http://127.0.0.1:${port}`, retry: { ...FAST, maxRetries: 2 } }).me.sendMail.post({ message: {} }).catch((e: unknown) => e);
  assert.ok(refused instanceof NetworkError, `nothing was sent, so nothing can have run: ${String(refused)}`);
  assert.match(String((refused.cause as Error).cause), /ECONNREFUSED/);
  assert.ok(Date.now() - started < 5000);
});

test('a redirect whose next hop fails on the network is retried, then fails typed, never as the spent 302', async () => {
  const port = await deadPort();
  let redirectToLive = false;
  const live = await serve((_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('file bytes'));
  const s = await serve((_req, res) => void res.writeHead(302, { location: redirectToLive ? `${live.origin}/file` : `http://127.0.0.1:${port}/file` }).end());
  try {
    const client = createClient({ baseUrl: s.origin, retry: { ...FAST, maxRetries: 2 } });
    const error = await client.me.photo.$value.download().catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(s.arrivals.length, 3, 'each attempt went back to Graph for a fresh redirect');
    redirectToLive = true;
    const response = await client.me.photo.$value.download();
    assert.equal(await response.text(), 'file bytes');
  } finally {
    await s.close();
    await live.close();
  }
});

test('bad options are a TypeError at createClient or at the call, naming the option', async () => {
  for (const [options, name] of [
    [{ maxConcurrency: 0 }, /maxConcurrency/], [{ maxConcurrency: 1.5 }, /maxConcurrency/], [{ timeoutMs: -1 }, /timeoutMs/], [{ timeoutMs: Number.NaN }, /timeoutMs/],
    [{ retry: { maxRetries: Number.NaN } }, /retry\.maxRetries/], [{ retry: { maxRetries: -1 } }, /retry\.maxRetries/], [{ retry: { baseDelayMs: '5' } }, /retry\.baseDelayMs/],
    [{ maxRedirects: -2 }, /maxRedirects/],
  ] as const) {
    assert.throws(() => createClient({ baseUrl: 'http://127.0.0.1:9', ...options } as never), (e: unknown) => e instanceof TypeError && name.test(e.message), JSON.stringify(options));
  }
  const client = createClient({ baseUrl: 'http://127.0.0.1:9' });
  await assert.rejects(client.me.get({ timeoutMs: 0 }), /timeoutMs must be a number ≥ 1, got 0/);
  await assert.rejects(client.me.get({ retry: { maxDelayMs: -5 } }), /retry\.maxDelayMs/);
  createClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: Infinity, maxConcurrency: Infinity, retry: { maxRetries: 0 } });
});

test('a call waiting out a client-wide Retry-After pause ends at its own timeoutMs or signal', async () => {
  const s = await serve((_req, res) => void res.writeHead(429, { 'retry-after': '20', 'content-type': 'application/json' }).end('{}'));
  try {
    const client = createClient({ baseUrl: s.origin });
    await client.me.get({ retry: false }).catch(() => {}); // the 429 pauses the whole client for 20 s
    const started = Date.now();
    const error = await client.me.get({ timeoutMs: 200 }).catch((e: unknown) => e);
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 2000, `ended at its timeout, not the 20 s pause (${Date.now() - started} ms)`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await assert.rejects(client.me.get({ signal: controller.signal }), /stop/);
    assert.equal(s.arrivals.length, 1, 'the paused calls were never sent');
  } finally {
    await s.close();
  }
});

test('a token provider that throws fails the call as a RequestError naming the request, never the token', async () => {
  const client = createClient({ baseUrl: 'http://127.0.0.1:9', token: () => { throw new Error('refresh failed'); } });
  const error = await client.me.messages.get({ filter: "subject eq 'secret'" }).catch((e: unknown) => e);
  assert.ok(error instanceof RequestError && error.name === 'RequestError', String(error));
  assert.match(error.message, /^GET http:\/\/127\.0\.0\.1:9\/v1\.0\/me\/messages\?… was not sent: the token provider failed \(refresh failed\)/);
  const rejecting = createClient({ baseUrl: 'http://127.0.0.1:9', token: () => Promise.reject(new Error('no account')) });
  await assert.rejects(rejecting.me.get(), (e: unknown) => e instanceof RequestError && /GET \S+\/me was not sent: the token provider failed \(no account\)/.test(e.message));
  assert.match(String(error), /^RequestError: GET/);
});

test('error messages leave the query string out', async () => {
  const s = await serve((_req, res) => json(res, 400, { error: { code: 'BadRequest', message: 'no' } }));
  try {
    const error = await createClient({ baseUrl: s.origin }).me.messages.get({ search: 'salary of alex', filter: "from/emailAddress/address eq 'ceo@contoso.com'" }).catch((e: unknown) => e);
    assert.ok(error instanceof GraphError, String(error));
    assert.match(error.message, /^GET http:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\/messages\?… failed with 400 BadRequest: no$/);
    assert.doesNotMatch(error.message + error.url, /salary|ceo@/);
    const port = await deadPort();
    const network = await createClient({ baseUrl: `http://127.0.0.1:${port}`, retry: false }).me.messages.get({ search: 'salary' }).catch((e: unknown) => e);
    assert.ok(network instanceof NetworkError);
    assert.doesNotMatch(network.message, /salary/);
    assert.match(network.message, /\/me\/messages\?… failed on the network/);
  } finally {
    await s.close();
  }
});
