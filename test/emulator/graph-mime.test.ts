// MIME: `GET /messages/{id}/$value` is the message as RFC 822 text (headers, quoted-printable body,
// attachments as base64 parts of a multipart/mixed), and `POST /sendMail` with `Content-Type: text/plain`
// takes a base64 MIME message and sends it; malformed MIME is refused and sends nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailSentEffect } from '../../src/emulator/effects.js';
import { ALEX, MEGAN, graphError, startTestGraph, type TestGraph } from './helpers/graph-server.js';

const graph = await startTestGraph();
const q = encodeURIComponent;

async function messageId(subject: string, folder = 'inbox', user = 'me'): Promise<string> {
  const base = user === 'me' ? '/me' : `/users/${user}`;
  const r = await graph.get(`${base}/mailFolders/${folder}/messages?$filter=${q(`subject eq '${subject}'`)}&$select=id`);
  assert.equal(r.body.value.length, 1, `one '${subject}' in ${folder}`);
  return q(r.body.value[0].id as string);
}

/** The unfolded value of a top-level header. */
function header(mime: string, name: string): string | undefined {
  const head = mime.slice(0, mime.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1];
}

const decodeWords = (value: string): string =>
  value.replace(/=\?utf-8\?B\?([^?]*)\?=\s*/gi, (_all, b64: string) => Buffer.from(b64, 'base64').toString('utf8')).trim();

const sendMime = (g: TestGraph, mime: string, path = '/me/sendMail') =>
  g.call('POST', path, { body: Buffer.from(mime, 'utf8').toString('base64'), headers: { 'content-type': 'text/plain' } });

const sends = (): MailSentEffect[] => graph.emulator.effects.filter((e): e is MailSentEffect => e.kind === 'mailSent');

test('$value is the message as MIME: its headers, its body, and its attachments as a multipart', async () => {
  const id = await messageId('Your invoice INV-1042');
  const r = await graph.get(`/me/messages/${id}/$value`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type')!, /^text\/plain/);
  const mime = r.text;
  assert.equal(header(mime, 'From'), '"Fabrikam Billing" <billing@fabrikam.com>');
  assert.equal(header(mime, 'To'), '"Adele Vance" <adelev@contoso.com>');
  assert.equal(header(mime, 'Subject'), 'Your invoice INV-1042');
  assert.equal(header(mime, 'Date'), 'Mon, 06 May 2024 03:00:00 +0000');
  assert.equal(header(mime, 'Message-ID'), '<YourinvoiceINV1042.6@contoso.com>');
  assert.equal(header(mime, 'MIME-Version'), '1.0');
  const boundary = /boundary="([^"]+)"/.exec(header(mime, 'Content-Type') ?? '')?.[1];
  assert.ok(boundary && header(mime, 'Content-Type')!.startsWith('multipart/mixed'));
  const parts = mime.split(`--${boundary}`).slice(1, -1);
  assert.equal(parts.length, 2, 'the body and one attachment');
  assert.match(parts[0]!, /Content-Type: text\/html; charset="utf-8"/);
  assert.match(parts[0]!, /Please find invoice INV-1042 attached/);
  assert.match(parts[1]!, /Content-Disposition: attachment; filename="invoice-1042.pdf"/);
  const attachment = (await graph.get(`/me/messages/${id}/attachments?$select=contentBytes`)).body.value[0];
  const encoded = parts[1]!.slice(parts[1]!.indexOf('\r\n\r\n') + 4).replace(/\s+/g, '');
  assert.equal(encoded, attachment.contentBytes, 'the attachment bytes, base64');
  assert.ok(mime.endsWith(`--${boundary}--\r\n`));
});

test('a message without attachments is one part; non-ASCII headers are encoded words and the body is quoted-printable', async () => {
  const draft = await graph.call('POST', '/me/messages', {
    body: { subject: 'Café ☕ meeting', body: { contentType: 'text', content: 'Grüße aus Zürich' }, toRecipients: [{ emailAddress: { name: 'Zoë Müller', address: 'zoe@fabrikam.com' } }] },
  });
  const mime = (await graph.get(`/me/messages/${q(draft.body.id)}/$value`)).text;
  assert.equal(decodeWords(header(mime, 'Subject')!), 'Café ☕ meeting');
  assert.match(header(mime, 'To')!, /^=\?utf-8\?B\?.+\?= <zoe@fabrikam\.com>$/);
  assert.equal(decodeWords(header(mime, 'To')!.replace(/<.*>/, '')), 'Zoë Müller');
  assert.equal(header(mime, 'Content-Type'), 'text/plain; charset="utf-8"');
  assert.equal(header(mime, 'Content-Transfer-Encoding'), 'quoted-printable');
  assert.match(mime, /\r\n\r\nGr=C3=BC=C3=9Fe aus Z=C3=BCrich\r\n$/);
});

test('sendMail takes a base64 MIME message: recipients, subject, HTML body, attachments and Message-ID come from it', async () => {
  const pdf = Buffer.from('%PDF-1.4 fake agenda');
  const mime = [
    'From: Adele Vance <adelev@contoso.com>',
    `To: "Wilber, Alex" <${ALEX.upn}>`,
    `Cc: ${MEGAN.upn}`,
    `Subject: =?utf-8?B?${Buffer.from('Agenda für Montag').toString('base64')}?=`,
    'Message-ID: <agenda-42@contoso.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Plain agenda',
    '--inner',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<p>Agenda f=C3=BCr Montag</p>',
    '--inner--',
    '--outer',
    'Content-Type: application/pdf; name="agenda.pdf"',
    'Content-Disposition: attachment; filename="agenda.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    pdf.toString('base64'),
    '--outer--',
    '',
  ].join('\r\n');
  const r = await sendMime(graph, mime);
  assert.equal(r.status, 202, r.text);
  const inbox = await graph.get(`/users/${ALEX.upn}/mailFolders/inbox/messages?$filter=${q("subject eq 'Agenda für Montag'")}&$expand=attachments`);
  const received = inbox.body.value[0];
  assert.ok(received, 'Alex received it');
  assert.equal(received.body.contentType, 'html');
  assert.match(received.body.content, /^<html><head>[\s\S]*<body>\r\n<p>Agenda für Montag<\/p>\r\n<\/body>\r\n<\/html>/, 'stored as Exchange does: a whole document');
  assert.equal(received.toRecipients[0].emailAddress.name, 'Wilber, Alex');
  assert.equal(received.from.emailAddress.address, 'adelev@contoso.com');
  assert.equal(received.internetMessageId, '<agenda-42@contoso.com>');
  assert.equal(received.attachments[0].name, 'agenda.pdf');
  assert.ok(Buffer.from(received.attachments[0].contentBytes, 'base64').equals(pdf));
  const effect = sends().at(-1)!;
  assert.deepEqual(effect.deliveredTo.sort(), [ALEX.upn, MEGAN.upn]);
  assert.equal(effect.savedToSentItems, true);
  assert.equal(effect.attachments, 1);
});

test('a message read as MIME can be sent as MIME again', async () => {
  const mime = (await graph.get(`/me/messages/${await messageId('Weekly retail report', 'sentitems')}/$value`)).text;
  assert.equal((await sendMime(graph, mime)).status, 202);
  const copies = await graph.get(`/users/${ALEX.upn}/mailFolders/inbox/messages?$filter=${q("subject eq 'Weekly retail report'")}`);
  assert.equal(copies.body.value.length, 2, 'the seeded copy and the resent one');
  assert.equal(sends().at(-1)!.subject, 'Weekly retail report');
});

test('MIME that is not base64, not MIME, without recipients or from someone else is refused and sends nothing', async () => {
  const before = { sends: sends().length, entities: graph.emulator.store.size.entities };
  const raw = (body: string) => graph.call('POST', '/me/sendMail', { body, headers: { 'content-type': 'text/plain' } });
  const notBase64 = await raw('From: adelev@contoso.com\r\nTo: x@y.com\r\n\r\nhi');
  assert.equal(notBase64.status, 400);
  assert.equal(graphError(notBase64).code, 'ErrorMimeContentInvalidBase64String');
  const notMime = await raw(Buffer.from('just some words').toString('base64'));
  assert.equal(graphError(notMime).code, 'ErrorMimeContentInvalid');
  const nobody = await sendMime(graph, 'Subject: To nobody\r\n\r\nHello');
  assert.equal(nobody.status, 400);
  assert.match(graphError(nobody).message, /recipient/);
  const brokenMultipart = await sendMime(graph, `To: ${ALEX.upn}\r\nContent-Type: multipart/mixed\r\n\r\nno boundary`);
  assert.equal(graphError(brokenMultipart).code, 'ErrorMimeContentInvalid');
  const sendAs = await sendMime(graph, `From: ${ALEX.upn}\r\nTo: ${MEGAN.upn}\r\nSubject: Pretending\r\n\r\nHi`);
  assert.equal(sendAs.status, 403);
  assert.equal(graphError(sendAs).code, 'ErrorSendAsDenied');
  assert.deepEqual({ sends: sends().length, entities: graph.emulator.store.size.entities }, before);
});
