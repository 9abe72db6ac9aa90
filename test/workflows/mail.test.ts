// The mail workflows against the emulator over real sockets: a 10 MB attachment through an upload session
// and exactly-once send, folders by name, reply/forward/move/copy/read/flag, MIME export → import, and the
// typed errors for a missing file, an attachment over 150 MB and a folder that does not exist.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { mailbox, WorkflowError } from 'msgraph-ts/workflows';
import { useWorkflowWorld } from './helpers.js';

const world = useWorkflowWorld('workflows');

test('newMessage() sends a 10 MB file attachment through an upload session, once, and it arrives byte for byte', { timeout: 60_000 }, async () => {
  const file = join(world.dir, 'big.bin');
  const bytes = randomBytes(10 * 1024 * 1024);
  await writeFile(file, bytes);
  const mb = mailbox(world.client);
  const m = mb.newMessage();
  m.to.push('Alex Wilber <alexw@contoso.com>');
  m.subject = 'Ten megabytes';
  m.body = '<p>attached</p>';
  m.attach(file, { contentType: 'application/octet-stream' });
  const progress: number[] = [];
  const sent = await m.send({ key: 'ten-mb', onProgress: (n) => progress.push(n) });
  assert.equal(sent.alreadySent, false);
  assert.equal(progress.at(-1), bytes.byteLength);
  assert.ok(world.emulator.requests.some((r) => r.method === 'POST' && /attachments\/createUploadSession$/.test(r.path)), 'the file went through an upload session');
  const again = await m.send({ key: 'ten-mb' });
  assert.equal(again.alreadySent, true, 'the same key sends nothing again');
  assert.equal(world.emulator.effects.filter((e) => e.kind === 'mailSent').length, 1);

  const alex = mailbox(world.client, 'alexw@contoso.com');
  const [received] = await alex.messages('inbox', { filter: `internetMessageId eq '${sent.internetMessageId}'`, select: ['id', 'subject'] });
  assert.equal(received?.subject, 'Ten megabytes');
  const attachments = await alex.message(received!.id!).builder.attachments.get({ select: ['name', 'size'] });
  assert.deepEqual(attachments.value.map((a) => [a.name, a.size]), [['big.bin', bytes.byteLength]]);
  const content = await alex.message(received!.id!).builder.attachments.byId(attachments.value[0]!.id!).$value.download();
  assert.deepEqual(Buffer.from(await content.arrayBuffer()), bytes);
});

test('small attachments go inline with the draft: two requests, then the mail is in the recipient’s inbox', async () => {
  const mb = mailbox(world.client);
  const m = mb.newMessage();
  m.to.push('alexw@contoso.com');
  m.subject = 'Small one';
  m.attach(new TextEncoder().encode('hello'), { name: 'hello.txt', contentType: 'text/plain' });
  const before = world.emulator.requests.length;
  await m.send();
  const made = world.emulator.requests.slice(before).filter((r) => r.method === 'POST');
  assert.deepEqual(made.map((r) => r.path.replace(/messages\/[^/]+/, 'messages/{id}')), ['/v1.0/me/messages', '/v1.0/me/messages/{id}/send']);
});

test('folders by well-known or display name; reply, forward, move, copy, mark read and flag act on the message', async () => {
  const mb = mailbox(world.client);
  const inbox = await mb.folder('Inbox');
  assert.equal(inbox.displayName, 'Inbox');
  const [first] = await mb.messages('inbox', { top: 1, select: ['id', 'subject'] });
  const item = mb.message(first!.id!);
  await item.markRead(false);
  await item.flag('flagged');
  const read = await item.get(['isRead', 'flag']);
  assert.equal(read.isRead, false);
  assert.equal(read.flag?.flagStatus, 'flagged');
  await item.markRead();
  assert.equal((await item.get(['isRead'])).isRead, true);
  const sends = () => world.emulator.effects.filter((e) => e.kind === 'mailSent').length;
  const before = sends();
  await item.reply('Thanks');
  await item.forward(['alexw@contoso.com'], 'FYI');
  assert.equal(sends(), before + 2);
  const copy = await item.copy('drafts');
  assert.notEqual(copy.id, item.id);
  const moved = await copy.move('deleteditems');
  const deleted = await mb.folder('deleteditems');
  assert.equal((await moved.get(['parentFolderId'])).parentFolderId, deleted.id);
});

test('a folder name that does not exist is a WorkflowError listing the folders there are', async () => {
  await assert.rejects(mailbox(world.client).folder('Invoices 2019'), (e: unknown) => {
    assert.ok(e instanceof WorkflowError);
    assert.equal(e.code, 'folderNotFound');
    assert.match(e.message, /no mail folder named "Invoices 2019".*Inbox/);
    return true;
  });
});

test('a missing file and an attachment over 150 MB are WorkflowErrors before any request', async () => {
  const m = mailbox(world.client).newMessage();
  m.to.push('alexw@contoso.com');
  m.attach(join(world.dir, 'nope.pdf'));
  const before = world.emulator.requests.length;
  await assert.rejects(m.send(), (e: unknown) => e instanceof WorkflowError && e.code === 'fileNotFound' && /no file at .*nope\.pdf/.test(e.message));
  const huge = join(world.dir, 'huge.bin');
  await writeFile(huge, '');
  await truncate(huge, 150 * 1024 * 1024 + 1); // sparse: no 150 MB written
  const big = mailbox(world.client).newMessage();
  big.to.push('alexw@contoso.com');
  big.attach(huge);
  await assert.rejects(big.send(), (e: unknown) => e instanceof WorkflowError && e.code === 'attachmentTooLarge' && /at most 150 MB.*sharing link/.test(e.message));
  assert.equal(world.emulator.requests.length, before, 'nothing was sent');
});

function sameBoundary(mime: string): string {
  const boundary = /boundary="([^"]+)"/.exec(mime)?.[1];
  return boundary ? mime.split(boundary).join('BOUNDARY') : mime;
}

test('MIME: a message exported as .eml and imported again exports the same bytes', async () => {
  const mb = mailbox(world.client);
  const m = mb.newMessage();
  m.to.push('alexw@contoso.com');
  m.cc.push('Megan Bowen <meganb@contoso.com>');
  m.subject = 'Round trip é';
  m.body = '<p>Body with <b>HTML</b></p>';
  m.attach(new Uint8Array(randomBytes(50_000)), { name: 'data.bin' });
  const id = await m.save();
  const eml = join(world.dir, 'message.eml');
  const written = await mb.message(id).saveMime(eml);
  const exported = await readFile(eml);
  assert.equal(written, exported.byteLength);
  assert.match(exported.toString('latin1'), /^Subject: /m);
  const imported = await mb.importMime(eml);
  assert.notEqual(imported.id, id);
  const again = Buffer.from(await imported.exportMime());
  // Byte for byte once the multipart boundary, which a MIME writer picks anew each time, is named the same.
  assert.equal(sameBoundary(again.toString('latin1')), sameBoundary(exported.toString('latin1')));
  assert.notEqual(sameBoundary(again.toString('latin1')), again.toString('latin1'), 'the message was multipart');
});

test('saveAttachments() writes each file attachment into the folder, never outside it and never over a file', async () => {
  const mb = mailbox(world.client);
  const m = mb.newMessage();
  m.to.push('adelev@contoso.com');
  m.subject = 'Files for you';
  const a = new Uint8Array(randomBytes(1000));
  m.attach(a, { name: 'a.bin' }).attach(new TextEncoder().encode('escape'), { name: '../../evil.txt' }).attach(new TextEncoder().encode('again'), { name: 'a.bin' });
  const sent = await m.send();
  const [arrived] = await mb.messages('inbox', { filter: `internetMessageId eq '${sent.internetMessageId}'`, select: ['id'] });
  const out = await mkdtemp(join(world.dir, 'attachments-'));
  const paths = await mb.message(arrived!.id!).saveAttachments(out);
  assert.deepEqual(paths.map((p) => p.slice(out.length + 1)).sort(), ['.._.._evil.txt', 'a (1).bin', 'a.bin']);
  const written = await Promise.all(paths.map((p) => readFile(p)));
  assert.ok(written.some((w) => Buffer.compare(w, Buffer.from(a)) === 0), 'a.bin has its bytes');
  await mb.message(arrived!.id!).delete();
  const deleted = await mb.messages('deleteditems', { filter: `internetMessageId eq '${sent.internetMessageId}'`, select: ['id'] });
  assert.equal(deleted.length, 1, 'delete() moved it to Deleted Items');
});

test('send() after an interrupted one (its draft left with a partial attachment) attaches everything again and sends one mail', { timeout: 60_000 }, async () => {
  const mb = mailbox(world.client);
  // What a call with this key leaves when it dies mid-upload: sendMailOnce's Message-ID on a draft, one stray attachment.
  const left = await world.client.me.messages.post({ subject: 'Resumed', internetMessageId: '<resume-1@msgraph-ts.invalid>', toRecipients: [{ emailAddress: { address: 'alexw@contoso.com' } }] });
  await world.client.me.messages.byId(left.id!).attachments.post({ '@odata.type': '#microsoft.graph.fileAttachment', name: 'partial.bin', contentBytes: 'AAAA' });
  const bytes = randomBytes(3 * 1024 * 1024);
  const m = mb.newMessage();
  m.to.push('alexw@contoso.com');
  m.subject = 'Resumed';
  m.attach(new Uint8Array(bytes), { name: 'whole.bin' });
  const sends = world.emulator.effects.filter((e) => e.kind === 'mailSent').length;
  const sent = await m.send({ key: 'resume-1' });
  assert.equal(sent.alreadySent, false);
  assert.equal(world.emulator.effects.filter((e) => e.kind === 'mailSent').length, sends + 1, 'one mail');
  const [received] = await mailbox(world.client, 'alexw@contoso.com').messages('inbox', { filter: `internetMessageId eq '${sent.internetMessageId}'`, select: ['id'] });
  const attachments = await world.client.users.byId('alexw@contoso.com').messages.byId(received!.id!).attachments.get({ select: ['name', 'size'] });
  assert.deepEqual(attachments.value.map((a) => [a.name, a.size]), [['whole.bin', bytes.byteLength]], 'the stray attachment is gone, the file is whole');
});
