// Outlook attachments: small files in one POST (more than 3 MB is a 413), large ones through an attachment
// upload session: a pre-authenticated uploadUrl, chunks of at most 4 MiB in order, resume with GET, cancel
// with DELETE, and the last chunk adding the file attachment to the message (201 with Location).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { GraphSchema } from '../../src/schema.js';
import { startEmulator } from '../../src/emulator/index.js';
import { hasGeneratedSchema, loadSchema } from '../../src/emulator/model/load-schema.js';
import { ALEX, graphError, startTestGraph, type TestGraph } from './helpers/graph-server.js';
import { miniSchema } from './helpers/mini-schema.js';

const MiB = 1024 * 1024;
const NS = 'microsoft.graph';

/** The mini schema plus `attachment/createUploadSession`, shaped as in the v1.0 metadata. */
function withAttachmentSessions(): GraphSchema {
  const schema = miniSchema();
  schema.enumTypes[`${NS}.attachmentType`] = {
    name: `${NS}.attachmentType`, flags: false, members: ['file', 'item', 'reference'].map((name, value) => ({ name, value })),
  };
  const prop = (name: string, type: string): GraphSchema['complexTypes'][string]['properties'][number] => ({ name, type, collection: false, nullable: true });
  schema.complexTypes[`${NS}.attachmentItem`] = {
    name: `${NS}.attachmentItem`, abstract: false, open: false,
    properties: [prop('attachmentType', `${NS}.attachmentType`), prop('contentId', 'Edm.String'), prop('contentType', 'Edm.String'),
      prop('isInline', 'Edm.Boolean'), prop('name', 'Edm.String'), prop('size', 'Edm.Int64')],
  };
  schema.operations.push({
    kind: 'action', name: 'createUploadSession', namespace: NS, bound: true,
    bindingType: { type: `${NS}.attachment`, collection: true, nullable: true },
    parameters: [{ name: 'AttachmentItem', type: `${NS}.attachmentItem`, collection: false, nullable: false, optional: false }],
    returnType: { type: `${NS}.uploadSession`, collection: false, nullable: true }, composable: false,
  });
  return schema;
}

const graph = await startTestGraph({ schema: withAttachmentSessions() });

async function draft(subject: string): Promise<string> {
  const r = await graph.call('POST', '/me/messages', { body: { subject, toRecipients: [{ emailAddress: { address: ALEX.upn } }] } });
  assert.equal(r.status, 201, r.text);
  return encodeURIComponent(r.body.id as string);
}

const openSession = (g: TestGraph, messageId: string, item: Record<string, unknown>) =>
  g.call('POST', `/me/messages/${messageId}/attachments/createUploadSession`, { body: { AttachmentItem: item } });

function putChunk(url: string, bytes: Buffer, start: number, end: number, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'PUT', body: Uint8Array.from(bytes.subarray(start, end + 1)),
    headers: { 'content-range': `bytes ${start}-${end}/${bytes.length}`, ...headers },
  });
}

const expected = async (url: string): Promise<string[]> => ((await (await fetch(url)).json()) as { nextExpectedRanges: string[] }).nextExpectedRanges;

test('an upload session takes chunks of at most 4 MiB in order, resumes, and adds the file to the message', async () => {
  const id = await draft('Big attachment');
  const bytes = randomBytes(5 * MiB + 123);
  const session = await openSession(graph, id, { attachmentType: 'file', name: 'video.mp4', size: bytes.length, contentType: 'video/mp4' });
  assert.equal(session.status, 201);
  const uploadUrl = session.body.uploadUrl as string;
  assert.equal(new URL(uploadUrl).hostname, 'localhost', 'the uploadUrl is on the storage host');
  assert.deepEqual(session.body.nextExpectedRanges, ['0-']);
  assert.ok(Date.parse(session.body.expirationDateTime) > Date.now());

  assert.equal((await putChunk(uploadUrl, bytes, 0, MiB - 1, { authorization: 'Bearer leaked' })).status, 401, 'pre-authenticated: Authorization is refused');
  const tooBig = await putChunk(uploadUrl, bytes, 0, 4 * MiB);
  assert.equal(tooBig.status, 413, 'a chunk of more than 4 MiB');
  assert.deepEqual(await expected(uploadUrl), ['0-'], 'refused chunks commit nothing');
  const first = await putChunk(uploadUrl, bytes, 0, 4 * MiB - 1);
  assert.equal(first.status, 200);
  assert.deepEqual(((await first.json()) as { nextExpectedRanges: string[] }).nextExpectedRanges, [`${4 * MiB}-`]);
  const outOfOrder = await putChunk(uploadUrl, bytes, 4 * MiB + 10, bytes.length - 1);
  assert.equal(outOfOrder.status, 416);
  assert.match(((await outOfOrder.json()) as { error: { message: string } }).error.message, new RegExp(`expected bytes ${4 * MiB}-`));
  assert.deepEqual(await expected(uploadUrl), [`${4 * MiB}-`], 'GET resumes where the upload stands');

  const last = await putChunk(uploadUrl, bytes, 4 * MiB, bytes.length - 1);
  assert.equal(last.status, 201);
  assert.equal(await last.text(), '', 'the last chunk answers with a Location and no body');
  const location = last.headers.get('location')!;
  assert.ok(location.startsWith(graph.emulator.graphUrl), location);
  const attachment = (await (await fetch(location)).json()) as Record<string, unknown>;
  assert.deepEqual([attachment['name'], attachment['size'], attachment['contentType'], attachment['@odata.type']],
    ['video.mp4', bytes.length, 'video/mp4', '#microsoft.graph.fileAttachment']);
  const content = Buffer.from(await (await fetch(`${location}/$value`)).arrayBuffer());
  assert.ok(content.equals(bytes), 'the bytes round-trip');
  assert.equal((await graph.get(`/me/messages/${id}?$select=hasAttachments`)).body.hasAttachments, true);
  assert.equal((await fetch(uploadUrl)).status, 404, 'a finished session is gone');
  const effects = graph.emulator.effects.filter((e) => e.kind === 'created' && e.type === 'microsoft.graph.fileAttachment');
  assert.equal(effects.length, 1);
});

test('bad input to createUploadSession is a Graph error and leaves the store as it was', async () => {
  const id = await draft('Refused sessions');
  const before = { effects: graph.emulator.effects.length, entities: graph.emulator.store.size.entities };
  const cases: Array<[Record<string, unknown> | undefined, number, string]> = [
    [{ attachmentType: 'reference', name: 'link', size: 4 * MiB }, 400, 'ErrorInvalidParameter'],
    [{ attachmentType: 'file', size: 4 * MiB }, 400, 'ErrorInvalidParameter'],
    [{ attachmentType: 'file', name: 'tiny.txt', size: 1000 }, 400, 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize'],
    [{ attachmentType: 'file', name: 'huge.iso', size: 200 * MiB }, 400, 'ErrorAttachmentSizeLimitExceeded'],
    [{ attachmentType: 'file', name: 'x', size: 'big' }, 400, 'RequestBodyRead'],
  ];
  for (const [item, status, code] of cases) {
    const r = await openSession(graph, id, item ?? {});
    assert.equal(r.status, status, `${JSON.stringify(item)}: ${r.text}`);
    assert.equal(graphError(r).code, code);
  }
  const missing = await graph.call('POST', `/me/messages/${id}/attachments/createUploadSession`, { body: {} });
  assert.match(graphError(missing).message, /'AttachmentItem' is required/);
  const nowhere = await openSession(graph, 'AAMkAGnothere', { attachmentType: 'file', name: 'a.bin', size: 4 * MiB });
  assert.equal(nowhere.status, 404);
  assert.deepEqual({ effects: graph.emulator.effects.length, entities: graph.emulator.store.size.entities }, before);
});

test('a chunk that disagrees with the declared size is refused; DELETE cancels the session and attaches nothing', async () => {
  const id = await draft('Cancelled upload');
  const bytes = randomBytes(3 * MiB);
  const url = (await openSession(graph, id, { attachmentType: 'file', name: 'c.bin', size: bytes.length })).body.uploadUrl as string;
  const wrongTotal = await fetch(url, { method: 'PUT', body: Uint8Array.from(bytes.subarray(0, 1000)), headers: { 'content-range': `bytes 0-999/${bytes.length + 1}` } });
  assert.equal(wrongTotal.status, 400);
  const noRange = await fetch(url, { method: 'PUT', body: Uint8Array.from(bytes.subarray(0, 1000)) });
  assert.equal(noRange.status, 400);
  assert.equal((await putChunk(url, bytes, 0, MiB - 1)).status, 200);
  assert.equal((await fetch(url, { method: 'DELETE' })).status, 204);
  assert.equal((await fetch(url)).status, 404);
  assert.equal((await putChunk(url, bytes, MiB, bytes.length - 1)).status, 404, 'nothing more can be uploaded');
  assert.deepEqual((await graph.get(`/me/messages/${id}/attachments`)).body.value, []);
});

test('small attachments go in one POST; more than 3 MB of contentBytes is a 413 that adds and sends nothing', async () => {
  const id = await draft('Inline attachments');
  const small = await graph.call('POST', `/me/messages/${id}/attachments`, {
    body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'notes.txt', contentBytes: Buffer.from('hello').toString('base64') },
  });
  assert.equal(small.status, 201);
  const big = randomBytes(3 * MiB + 1).toString('base64');
  const before = graph.emulator.effects.length;
  const refused = await graph.call('POST', `/me/messages/${id}/attachments`, {
    body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'big.bin', contentBytes: big },
  });
  assert.equal(refused.status, 413);
  assert.equal(graphError(refused).code, 'ErrorRequestEntityTooLarge');
  assert.match(graphError(refused).message, /upload session/);
  assert.deepEqual((await graph.get(`/me/messages/${id}/attachments?$select=name`)).body.value.map((a: { name: string }) => a.name), ['notes.txt']);
  const sent = await graph.call('POST', '/me/sendMail', {
    body: { message: { subject: 'Too big to send', toRecipients: [{ emailAddress: { address: ALEX.upn } }],
      attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'big.bin', contentBytes: big }] } },
  });
  assert.equal(sent.status, 413);
  assert.equal(graph.emulator.effects.length, before, 'neither request had a side effect');
});

test('on the real v1.0 model, createUploadSession and the upload work the same', { skip: hasGeneratedSchema('v1.0') ? false : 'run `npm run generate`' }, async (t) => {
  const emulator = await startEmulator({ tls: false, schema: loadSchema('v1.0') });
  t.after(() => emulator.stop());
  const post = (path: string, body: unknown) => fetch(`${emulator.graphUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const message = (await (await post('/me/messages', { subject: 'Real model upload' })).json()) as { id: string };
  const bytes = randomBytes(2 * MiB + 5);
  const session = await post(`/me/messages/${encodeURIComponent(message.id)}/attachments/createUploadSession`, {
    AttachmentItem: { attachmentType: 'file', name: 'r.bin', size: bytes.length },
  });
  assert.equal(session.status, 201);
  const url = ((await session.json()) as { uploadUrl: string }).uploadUrl;
  assert.equal((await putChunk(url, bytes, 0, bytes.length - 1)).status, 201);
});
