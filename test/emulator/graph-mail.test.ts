// Mail end to end: sendMail delivers to in-tenant inboxes and Sent Items with attachments and logs one
// send; reply, forward, drafts, move, copy; and delta rounds that return only what changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailSentEffect } from '../../src/emulator/effects.js';
import { ALEX, MEGAN, SUPPORT, allPages, graphError, startTestGraph } from './helpers/graph-server.js';

const graph = await startTestGraph({ pageSize: 5 });
const q = encodeURIComponent;

async function inboxOf(upn: string, subject: string): Promise<Array<Record<string, any>>> {
  const r = await graph.get(`/users/${q(upn)}/mailFolders/inbox/messages?$filter=${q(`subject eq '${subject.replace(/'/g, "''")}'`)}&$expand=attachments`);
  assert.equal(r.status, 200, r.text);
  return r.body.value;
}

function sends(): MailSentEffect[] {
  return graph.emulator.effects.filter((e): e is MailSentEffect => e.kind === 'mailSent');
}

test('sendMail delivers to each in-tenant recipient’s Inbox and to Sent Items, with attachments, once', async () => {
  const before = sends().length;
  const r = await graph.call('POST', '/me/sendMail', {
    body: {
      message: {
        subject: 'Quarterly numbers', body: { contentType: 'text', content: 'See attached.' },
        toRecipients: [{ emailAddress: { address: ALEX.upn, name: 'Alex Wilber' } }],
        ccRecipients: [{ emailAddress: { address: MEGAN.upn } }],
        bccRecipients: [{ emailAddress: { address: 'auditor@fabrikam.com' } }],
        attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'numbers.csv', contentType: 'text/csv', contentBytes: Buffer.from('q,total\nQ3,42\n').toString('base64') }],
      },
      saveToSentItems: true,
    },
  });
  assert.equal(r.status, 202);
  assert.equal(r.text, '');
  const [alexCopy] = await inboxOf(ALEX.upn, 'Quarterly numbers');
  assert.ok(alexCopy, 'Alex received it');
  assert.equal(alexCopy.isRead, false);
  assert.equal(alexCopy.isDraft, false);
  assert.equal(alexCopy.from.emailAddress.address, 'adelev@contoso.com');
  assert.deepEqual(alexCopy.bccRecipients, [], 'Bcc is hidden from recipients');
  assert.equal(alexCopy.attachments[0].name, 'numbers.csv');
  assert.equal(Buffer.from(alexCopy.attachments[0].contentBytes, 'base64').toString(), 'q,total\nQ3,42\n');
  assert.equal((await inboxOf(MEGAN.upn, 'Quarterly numbers')).length, 1, 'Cc recipients receive it too');
  const sent = await graph.get(`/me/mailFolders/sentitems/messages?$filter=${q("subject eq 'Quarterly numbers'")}`);
  assert.equal(sent.body.value.length, 1);
  assert.equal(sent.body.value[0].isRead, true);
  assert.equal(sent.body.value[0].bccRecipients[0].emailAddress.address, 'auditor@fabrikam.com', 'the sender keeps the Bcc');
  assert.equal(sends().length, before + 1);
  const effect = sends().at(-1)!;
  assert.deepEqual(effect.deliveredTo.sort(), [ALEX.upn, MEGAN.upn]);
  assert.deepEqual(effect.bccRecipients, ['auditor@fabrikam.com']);
  assert.equal(effect.attachments, 1);
  assert.equal(effect.savedToSentItems, true);
  const logged = graph.emulator.requests.at(-4)!;
  assert.deepEqual([logged.method, logged.path, logged.status, logged.sideEffects], ['POST', '/v1.0/me/sendMail', 202, 1]);
});

test('saveToSentItems: false sends without a Sent Items copy; parameter names ignore case', async () => {
  const r = await graph.call('POST', '/me/sendMail', {
    body: { Message: { subject: 'Not saved', toRecipients: [{ emailAddress: { address: ALEX.upn } }] }, SaveToSentItems: false },
  });
  assert.equal(r.status, 202);
  assert.equal((await inboxOf(ALEX.upn, 'Not saved')).length, 1);
  const sent = await graph.get(`/me/mailFolders/sentitems/messages?$filter=${q("subject eq 'Not saved'")}`);
  assert.equal(sent.body.value.length, 0);
  assert.equal(sends().at(-1)!.savedToSentItems, false);
});

test('mail to a group address reaches its members', async () => {
  await graph.call('POST', '/me/sendMail', { body: { message: { subject: 'Team update', toRecipients: [{ emailAddress: { address: 'salesandmarketing@contoso.com' } }] } } });
  assert.deepEqual(sends().at(-1)!.deliveredTo.sort(), ['adelev@contoso.com', ALEX.upn, MEGAN.upn]);
});

test('sendMail without a message or without recipients is a 400 and sends nothing', async () => {
  const count = sends().length;
  const missing = await graph.call('POST', '/me/sendMail', { body: { saveToSentItems: true } });
  assert.equal(missing.status, 400);
  assert.match(graphError(missing).message, /'Message' is required/);
  const nobody = await graph.call('POST', '/me/sendMail', { body: { message: { subject: 'To nobody' } } });
  assert.equal(nobody.status, 400);
  const unknown = await graph.call('POST', '/me/sendMail', { body: { message: { subject: 'x', toRecipients: [] }, urgent: true } });
  assert.match(graphError(unknown).message, /'urgent' in the request payload is not a valid parameter/);
  assert.equal(sends().length, count);
});

test('a shared mailbox can send as itself through /users/{upn}/sendMail', async () => {
  const r = await graph.call('POST', `/users/${SUPPORT.upn}/sendMail`, { body: { message: { subject: 'Ticket #5530 received', toRecipients: [{ emailAddress: { address: ALEX.upn } }] } } });
  assert.equal(r.status, 202);
  const [copy] = await inboxOf(ALEX.upn, 'Ticket #5530 received');
  assert.equal(copy!.from.emailAddress.address, SUPPORT.upn);
  assert.equal((await graph.get(`/users/${SUPPORT.upn}/mailFolders/sentitems/messages?$filter=${q("subject eq 'Ticket #5530 received'")}`)).body.value.length, 1);
});

test('reply, replyAll and forward send the answer where it belongs', async () => {
  const lunch = (await graph.get(`/me/messages?$filter=${q("subject eq 'Lunch on Friday?'")}`)).body.value[0];
  const reply = await graph.call('POST', `/me/messages/${q(lunch.id)}/reply`, { body: { comment: 'Sounds great!' } });
  assert.equal(reply.status, 202);
  const [answer] = await inboxOf(ALEX.upn, 'RE: Lunch on Friday?');
  assert.match(answer!.body.content, /^<html><head>[\s\S]*<body>\r\nSounds great!<hr><b>From:<\/b> Alex Wilber<br><p>Pizza place on 5th, 12:30\?<\/p>\r\n<\/body>\r\n<\/html>/,
    'a whole document, the comment above the quoted original (one document, not one inside another)');
  const launch = (await graph.get(`/me/messages?$filter=${q("subject eq 'Re: Launch event logistics'")}`)).body.value[0];
  await graph.call('POST', `/me/messages/${q(launch.id)}/replyAll`, { body: { comment: 'Count me in.' } });
  assert.deepEqual(sends().at(-1)!.deliveredTo.sort(), [ALEX.upn, MEGAN.upn], 'sender and other recipients, not me');
  const invoice = (await graph.get(`/me/messages?$filter=${q("subject eq 'Your invoice INV-1042'")}`)).body.value[0];
  const fwd = await graph.call('POST', `/me/messages/${q(invoice.id)}/microsoft.graph.forward`, {
    body: { comment: 'FYI', toRecipients: [{ emailAddress: { address: MEGAN.upn } }] },
  });
  assert.equal(fwd.status, 202);
  const [forwarded] = await inboxOf(MEGAN.upn, 'FW: Your invoice INV-1042');
  assert.equal(forwarded!.attachments[0].name, 'invoice-1042.pdf', 'forward carries the attachments');
});

test('createReply makes a draft, which /send then delivers and removes from Drafts', async () => {
  const lunch = (await graph.get(`/me/messages?$filter=${q("subject eq 'Lunch on Friday?'")}`)).body.value[0];
  const draft = await graph.call('POST', `/me/messages/${q(lunch.id)}/createReply`, { body: { comment: 'Maybe 1pm?' } });
  assert.equal(draft.status, 201);
  assert.equal(draft.body.isDraft, true);
  assert.equal(draft.body.toRecipients[0].emailAddress.address, ALEX.upn);
  const id = q(draft.body.id);
  await graph.call('POST', `/me/messages/${id}/attachments`, { body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'map.txt', contentBytes: Buffer.from('5th avenue').toString('base64') } });
  assert.equal((await graph.call('POST', `/me/messages/${id}/send`)).status, 202);
  assert.equal((await graph.get(`/me/messages/${id}`)).status, 404, 'the draft left Drafts');
  const received = (await inboxOf(ALEX.upn, 'RE: Lunch on Friday?')).find((m) => /Maybe 1pm/.test(m['body'].content));
  assert.equal(received?.['attachments'][0].name, 'map.txt');
});

test('move gives the message a new id in the destination; with ImmutableId it keeps its id', async () => {
  const m = (await graph.get(`/me/messages?$filter=${q("subject eq 'Ticket #5521 updated'")}`)).body.value[0];
  const moved = await graph.call('POST', `/me/messages/${q(m.id)}/move`, { body: { destinationId: 'deleteditems' } });
  assert.equal(moved.status, 201);
  assert.notEqual(moved.body.id, m.id);
  assert.equal(moved.body.parentFolderId, (await graph.get('/me/mailFolders/deleteditems')).body.id);
  assert.equal((await graph.get(`/me/messages/${q(m.id)}`)).status, 404);
  const back = await graph.call('POST', `/me/messages/${q(moved.body.id)}/move`, { body: { destinationId: 'inbox' }, headers: { Prefer: 'IdType="ImmutableId"' } });
  assert.equal(back.body.id, moved.body.id);
  const nowhere = await graph.call('POST', `/me/messages/${q(moved.body.id)}/move`, { body: { destinationId: 'AAMkAGnothere' } });
  assert.equal(nowhere.status, 404);
});

test('copy leaves the original and files a copy with its attachments', async () => {
  const m = (await graph.get(`/me/messages?$filter=${q("subject eq 'Q3 marketing plan review'")}`)).body.value[0];
  const copied = await graph.call('POST', `/me/messages/${q(m.id)}/copy`, { body: { DestinationId: 'archive' } });
  assert.equal(copied.status, 201);
  assert.equal((await graph.get(`/me/messages/${q(m.id)}`)).status, 200);
  const archived = await graph.get(`/me/mailFolders/archive/messages/${q(copied.body.id)}/attachments`);
  assert.equal(archived.body.value[0].name, 'Q3-plan.pdf');
});

test('delta pages the first round, then returns only created, updated and removed messages', async () => {
  const folder = '/users/meganb@contoso.com/mailFolders/inbox/messages';
  let url: string | undefined = `${graph.emulator.graphUrl}${folder}/delta()?$select=subject,isRead`;
  let deltaLink: string | undefined;
  const first: Array<{ id: string }> = [];
  for (let pages = 0; url && pages < 20; pages++) {
    const body = (await (await fetch(url)).json()) as { value: Array<{ id: string }>; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    first.push(...body.value);
    url = body['@odata.nextLink'];
    deltaLink = body['@odata.deltaLink'] ?? deltaLink;
  }
  const everything = await allPages(graph, `${folder}?$select=id`);
  assert.equal(first.length, everything.values.length, 'the first round returns every message');
  assert.ok(first.length > 5, 'and needed more than one page');
  assert.ok(deltaLink?.includes('$deltatoken='), 'it ends with a deltaLink');

  const [toUpdate, toDelete, toMove] = first as [{ id: string }, { id: string }, { id: string }];
  await graph.call('PATCH', `/users/meganb@contoso.com/messages/${q(toUpdate.id)}`, { body: { isRead: true } });
  await graph.call('DELETE', `/users/meganb@contoso.com/messages/${q(toDelete.id)}`);
  await graph.call('POST', `/users/meganb@contoso.com/messages/${q(toMove.id)}/move`, { body: { destinationId: 'archive' } });
  await graph.call('POST', '/me/sendMail', { body: { message: { subject: 'Delta newcomer', toRecipients: [{ emailAddress: { address: MEGAN.upn } }] } } });

  const second = (await (await fetch(deltaLink!)).json()) as { value: Array<Record<string, any>>; '@odata.deltaLink': string };
  const changed = second.value.filter((v) => !v['@removed']).map((v) => v['subject'] ?? v['id']);
  const removed = second.value.filter((v) => v['@removed']).map((v) => v['id']);
  assert.equal(second.value.find((v) => v['id'] === toUpdate.id)?.['isRead'], true);
  assert.ok(changed.includes('Delta newcomer'));
  assert.equal(changed.length, 2, 'the update and the new message, nothing else');
  assert.deepEqual(removed.sort(), [toDelete.id, toMove.id].sort(), 'deleted and moved-away messages are @removed');
  assert.deepEqual(second.value.find((v) => v['@removed'])!['@removed'], { reason: 'deleted' });

  const third = (await (await fetch(second['@odata.deltaLink'])).json()) as { value: unknown[] };
  assert.deepEqual(third.value, [], 'nothing changed since');
});

test('delta on /me/messages spans folders, and a token for another path is refused', async () => {
  const r = await graph.get('/me/messages/delta?$select=subject');
  assert.equal(r.status, 200);
  const link = new URL(r.body['@odata.nextLink'] ?? r.body['@odata.deltaLink']);
  const token = link.searchParams.get('$skiptoken') ?? link.searchParams.get('$deltatoken');
  const misuse = await graph.get(`/me/mailFolders/inbox/messages/delta?$deltatoken=${q(token!)}`);
  assert.equal(misuse.status, 400);
});
