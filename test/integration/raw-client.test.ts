// The raw client: openapi-fetch typed by openapi-typescript's output, on the fluent client's transport.
// The types come from a hand-written OpenAPI slice of Graph (test/fixtures/raw/); requests go to the
// emulator and to a recording server over real sockets.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import openapiTS, { astToString } from 'openapi-typescript';

import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { createRawClient, Protocol, rawClient } from 'msgraph-ts/runtime';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';
import type { paths } from '../fixtures/raw/mail.js';

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
    middleware: [{
      onRequest: ({ request }) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} id=${request.headers.has('client-request-id')}`);
        return request;
      },
      onResponse: ({ response }) => { seen.push(`status ${response.status}`); },
    }],
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
    middleware: [{
      onRequest: async ({ request }) => {
        const body = await request.json() as { displayName: string };
        return new Request(request, { body: JSON.stringify({ displayName: `${body.displayName} (via middleware)` }) });
      },
    }],
  });
  emulator.setFaults({ rate: 1, statuses: [429], retryAfterSeconds: 0.01, limit: 1, match: /\/me\/contacts$/ });
  emulator.clearLogs();
  const contact = await client.me.contacts.post({ displayName: 'Replaced' });
  emulator.setFaults(undefined);
  assert.equal(contact.displayName, 'Replaced (via middleware)');
  assert.deepEqual(emulator.requests.map((r) => r.status), [429, 201]);
});
