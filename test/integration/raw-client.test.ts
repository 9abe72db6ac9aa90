// The raw client: openapi-fetch typed by openapi-typescript's output, on the fluent client's transport.
// The types come from a hand-written OpenAPI slice of Graph (test/fixtures/raw/); requests go to the
// emulator and to a recording server over real sockets.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import openapiTS, { astToString } from 'openapi-typescript';

import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { createRawClient, rawClient } from 'msgraph-ts/raw';
import { Protocol, withMiddleware } from 'msgraph-ts/runtime';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';
import type { paths } from '../fixtures/raw/mail.js';
import type { Middleware } from 'openapi-fetch';

const fixture = new URL('../fixtures/raw/', import.meta.url);
let emulator: Emulator;
let recorder: RecordingServer;

before(async () => {
  emulator = await startEmulator({ tls: false, versions: ['v1.0'] });
  recorder = await startRecordingServer();
});
after(async () => {
  await emulator.stop();
  await recorder.close();
});

test('the committed paths types are what openapi-typescript makes of the fixture today', async () => {
  const ast = await openapiTS(JSON.parse(await readFile(new URL('mail.openapi.json', fixture), 'utf8')));
  const committed = await readFile(new URL('mail.d.ts', fixture), 'utf8');
  // The CLI adds a banner comment; the API does not.
  assert.equal(committed.replace(/^\/\*\*[\s\S]*?\*\/\n\n/, ''), astToString(ast));
});

test('a raw request carries the fluent client’s token, headers and ids', async () => {
  const client = createClient({ baseUrl: recorder.url, token: async () => 'raw-token', headers: { 'X-Team': 'mail' } });
  recorder.clear();
  await rawClient<paths>(client).GET('/me', { params: { query: { $select: 'displayName' } } });
  const [r] = recorder.requests;
  assert.equal(r?.url, '/v1.0/me?$select=displayName');
  assert.equal(r?.headers['authorization'], 'Bearer raw-token');
  assert.equal(r?.headers['x-team'], 'mail');
  assert.match(String(r?.headers['client-request-id']), /^[0-9a-f-]{36}$/);
  assert.match(String(r?.headers['sdkversion']), /^msgraph-ts\//);
});

test('raw reads are typed and retried like the builders’ (429 with Retry-After)', async () => {
  const client = createClient({ baseUrl: emulator.origin });
  emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 0.05, limit: 1, match: /\/me\/messages/ });
  emulator.clearLogs();
  const { data, error, response } = await rawClient<paths>(client).GET('/me/messages', { params: { query: { $top: 2, $select: 'subject' } } });
  emulator.setFaults(undefined);
  assert.equal(error, undefined);
  assert.equal(response.status, 200);
  assert.equal(data?.value.length, 2);
  assert.equal(typeof data?.value[0]?.subject, 'string');
  assert.deepEqual(emulator.requests.map((r) => [r.status, r.fault]), [[429, 429], [200, undefined]]);
});

test('createRawClient on a protocol posts to its service URL; errors come back as data, the openapi-fetch way', async () => {
  const raw = createRawClient<paths>({ protocol: new Protocol({ baseUrl: emulator.origin }) });
  emulator.clearLogs();
  const sent = await raw.POST('/me/sendMail', { body: { message: { subject: 'Raw hello', toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] } } });
  assert.equal(sent.response.status, 202);
  assert.equal(emulator.effects.filter((e) => e.kind === 'mailSent' && e.subject === 'Raw hello').length, 1);
  const bad = await raw.POST('/me/sendMail', { body: {} as never });
  assert.equal(bad.response.status, 400);
  assert.equal(typeof bad.error?.error.code, 'string');
});

test('a closed client’s raw client refuses to send', async () => {
  const client = createClient({ baseUrl: recorder.url });
  const raw = rawClient<paths>(client);
  await client.close();
  recorder.clear();
  await assert.rejects(raw.GET('/me'), /GET .*\/v1\.0\/me was not sent: this client was closed/);
  assert.equal(recorder.requests.length, 0);
  assert.throws(() => createRawClient({}), /needs a baseUrl or a protocol/);
  assert.throws(() => rawClient({}), /needs a client made by createClient/);
});

test('a caller’s openapi-fetch middleware sees builder and raw requests once each, after our headers', async () => {
  const seen: string[] = [];
  const client = createClient({
    baseUrl: emulator.origin,
    middleware: withMiddleware({
      onRequest: ({ request }) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} id=${request.headers.has('client-request-id')}`);
        return request;
      },
      onResponse: ({ response }) => { seen.push(`status ${response.status}`); },
    }),
  });
  emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 0.01, limit: 1, match: /\/me$/ });
  await client.me.get({ select: ['displayName'] });
  emulator.setFaults(undefined);
  await rawClient<paths>(client).GET('/me/messages', { params: { query: { $top: 1 } } });
  assert.deepEqual(seen, ['GET /v1.0/me id=true', 'status 200', 'GET /v1.0/me/messages id=true', 'status 200'], 'the retried 429 stays below the middleware');
});

test('a middleware that replaces the request’s body is obeyed, also when the request is retried', async () => {
  const client = createClient({
    baseUrl: emulator.origin,
    middleware: withMiddleware({
      onRequest: async ({ request }) => {
        const body = await request.json() as { displayName: string };
        return new Request(request, { body: JSON.stringify({ displayName: `${body.displayName} (via middleware)` }) });
      },
    }),
  });
  emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 0.01, limit: 1, match: /\/me\/contacts$/ });
  emulator.clearLogs();
  const contact = await client.me.contacts.post({ displayName: 'Replaced' });
  emulator.setFaults(undefined);
  assert.equal(contact.displayName, 'Replaced (via middleware)');
  assert.deepEqual(emulator.requests.map((r) => r.status), [429, 201]);
});

test('builder calls run middleware as openapi-fetch runs it: the same hooks, in the same order, for the same cases', async () => {
  const seen: string[] = [];
  const tracer = (name: string): Middleware => ({
    onRequest: ({ request, id }) => { seen.push(`${name}.onRequest ${request.method} id=${id === request.headers.get('client-request-id') || 'random'}`); },
    onResponse: ({ response }) => { seen.push(`${name}.onResponse ${response.status}`); },
    onError: () => { seen.push(`${name}.onError`); return new Response('{"recovered":true}', { status: 200, headers: { 'content-type': 'application/json' } }); },
  });
  // Answers /me itself: nothing reaches the server, and no onResponse runs (openapi-fetch's rule).
  const cache: Middleware = { onRequest: ({ request }) => (request.url.endsWith('/me') ? Response.json({ displayName: 'cached' }) : undefined) };
  const trace = async (label: string, run: () => Promise<unknown>): Promise<string[]> => {
    seen.length = 0;
    seen.push(`${label}: ${JSON.stringify(await run())}`);
    return [...seen];
  };
  const fluent = createClient({ baseUrl: emulator.origin, middleware: withMiddleware(tracer('a'), tracer('b'), cache), retry: false });
  const raw = rawClient<paths>(fluent);
  emulator.clearLogs();
  const okFluent = await trace('ok', () => fluent.me.messages.get({ top: 1, select: ['subject'] }).then((p) => p.value.length));
  const okRaw = await trace('ok', () => raw.GET('/me/messages', { params: { query: { $top: 1, $select: 'subject' } } }).then((r) => r.data?.value.length));
  assert.deepEqual(okFluent, ['a.onRequest GET id=true', 'b.onRequest GET id=true', 'b.onResponse 200', 'a.onResponse 200', 'ok: 1']);
  // openapi-fetch's own id is random; ours is the client-request-id, so a trace and Graph's logs meet.
  assert.deepEqual(okRaw, okFluent.map((line) => line.replace('id=true', 'id=random')));
  const cachedFluent = await trace('cached', () => fluent.me.get());
  const cachedRaw = await trace('cached', () => raw.GET('/me').then((r) => r.data));
  assert.deepEqual(cachedFluent, ['a.onRequest GET id=true', 'b.onRequest GET id=true', 'cached: {"displayName":"cached"}']);
  assert.deepEqual(cachedRaw, cachedFluent.map((line) => line.replace('id=true', 'id=random')));
  assert.equal(emulator.requests.filter((r) => r.path.endsWith('/me')).length, 0, 'a Response from onRequest is the answer');
  // A refused connection: onError runs from the last middleware back; the first Response it gives is the answer.
  const down = createClient({ baseUrl: 'http://127.0.0.1:9', middleware: withMiddleware(tracer('a'), tracer('b')), retry: false });
  const recovered = await trace('recovered', () => down.me.messages.get());
  const recoveredRaw = await trace('recovered', () => rawClient<paths>(down).GET('/me/messages').then((r) => r.data));
  assert.deepEqual(recovered, ['a.onRequest GET id=true', 'b.onRequest GET id=true', 'b.onError', 'b.onResponse 200', 'a.onResponse 200', 'recovered: {"recovered":true}']);
  assert.deepEqual(recoveredRaw, recovered.map((line) => line.replace('id=true', 'id=random')));
});

test('through a middleware, a streamed upload is sent once and arrives whole; bytes are resent after a 429', async () => {
  const seen: string[] = [];
  const client = createClient({
    baseUrl: emulator.origin,
    middleware: withMiddleware({ onRequest: ({ request }) => { seen.push(`${request.method} ${request.headers.get('content-type')}`); } }),
  });
  const file = client.me.drive.root.byPath('notes/through-middleware.txt').content;
  const chunks = ['streamed ', 'through ', 'middleware'];
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(next));
    },
  });
  emulator.clearLogs();
  const item = (await file.upload(stream, { contentType: 'text/plain' })) as { id: string };
  assert.deepEqual(emulator.requests.map((r) => [r.method, r.status]), [['PUT', 201]]);
  assert.equal(await (await client.me.drive.items.byId(item.id).content.download()).text(), 'streamed through middleware');
  emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 0.01, limit: 1, match: /through-middleware/ });
  emulator.clearLogs();
  await file.upload(new TextEncoder().encode('bytes again'), { contentType: 'text/plain' });
  emulator.setFaults(undefined);
  assert.deepEqual(emulator.requests.map((r) => r.status), [429, 200]);
  assert.equal(await (await client.me.drive.items.byId(item.id).content.download()).text(), 'bytes again');
  assert.deepEqual(seen.slice(0, 1), ['PUT text/plain'], 'the middleware sees the upload with its own content type');
});
