// Creating a message from MIME, as Graph does: POST of the base64 RFC 822 text with `Content-Type:
// text/plain` to a messages collection makes a draft there (recipients, subject, body, attachments and
// Message-ID from the MIME) and sends nothing; bad base64 is ErrorMimeContentInvalidBase64String.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphError, startTestGraph } from './helpers/graph-server.js';

const graph = await startTestGraph();

const MIME = [
  'From: adelev@contoso.com', 'To: "Alex Wilber" <alexw@contoso.com>', 'Subject: Imported draft', 'Message-ID: <imported-1@contoso.com>',
  'Date: Mon, 06 May 2024 09:00:00 +0200',
  'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '',
  '--b1', 'Content-Type: text/plain; charset="utf-8"', '', 'Hello from MIME', '',
  '--b1', 'Content-Type: text/csv; name="rows.csv"', 'Content-Disposition: attachment; filename="rows.csv"', 'Content-Transfer-Encoding: base64', '',
  Buffer.from('a,b\n1,2\n').toString('base64'), '--b1--', '',
].join('\r\n');

test('POST of base64 MIME to a folder’s messages makes a draft there with the MIME’s fields, and sends nothing', async () => {
  const sent = graph.emulator.effects.filter((e) => e.kind === 'mailSent').length;
  const r = await graph.call('POST', '/me/mailFolders/drafts/messages', { body: Buffer.from(MIME).toString('base64'), headers: { 'content-type': 'text/plain' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.subject, 'Imported draft');
  assert.equal(r.body.isDraft, true);
  assert.equal(r.body.internetMessageId, '<imported-1@contoso.com>');
  assert.equal(r.body.sentDateTime, '2024-05-06T07:00:00Z', 'the MIME’s Date is kept');
  const mime = await graph.call('GET', `/me/messages/${encodeURIComponent(r.body.id)}/$value`);
  assert.match(mime.text, /^Date: Mon, 06 May 2024 07:00:00 \+0000\r$/m, 'and exported again');
  assert.deepEqual(r.body.toRecipients, [{ emailAddress: { name: 'Alex Wilber', address: 'alexw@contoso.com' } }]);
  const attachments = await graph.get(`/me/messages/${encodeURIComponent(r.body.id)}/attachments`);
  assert.deepEqual(attachments.body.value.map((a: { name: string; contentBytes: string }) => [a.name, Buffer.from(a.contentBytes, 'base64').toString()]), [['rows.csv', 'a,b\n1,2\n']]);
  assert.equal(graph.emulator.effects.filter((e) => e.kind === 'mailSent').length, sent);
});

test('POST of text that is not base64 to messages is ErrorMimeContentInvalidBase64String', async () => {
  const r = await graph.call('POST', '/me/messages', { body: 'not base64!', headers: { 'content-type': 'text/plain' } });
  assert.equal(r.status, 400);
  assert.equal(graphError(r).code, 'ErrorMimeContentInvalidBase64String');
});
