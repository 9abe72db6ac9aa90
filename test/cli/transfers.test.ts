// Transfers through the executable: a mail with attachments (one past 3 MB, so it goes through an
// attachment upload session) delivered exactly once with the bytes intact; a drive upload (resumable
// session) and download that round-trip byte for byte; and Ctrl+C in the middle of a download, which must
// end with exit code 130 and no file at all, partial or complete.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { statSync, watch } from 'node:fs';
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { uploadFile } from 'msgraph-ts/upload';
import { collect, signedInWorld, type CliWorld } from './helpers.js';

let world: CliWorld;
before(async () => {
  world = await signedInWorld();
});
after(() => world?.close());

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

test('mail send --attach delivers one mail with every attachment byte-identical, a 3.5 MB one included', { timeout: 120_000 }, async () => {
  const big = randomBytes(3.5 * 1024 * 1024);
  const small = Buffer.from('a small note\n');
  await writeFile(join(world.dir, 'big.bin'), big);
  await writeFile(join(world.dir, 'note.txt'), small);
  const r = await world.cli(['mail', 'send', '--to', 'Alex Wilber <alexw@contoso.com>', '--subject', 'Files from the CLI', '--body', 'Two files.', '--attach', 'big.bin', 'note.txt']);
  assert.equal(r.code, 0, r.stderr);
  const sent = JSON.parse(r.stdout) as { internetMessageId: string; alreadySent: boolean };
  assert.equal(sent.alreadySent, false);
  assert.doesNotMatch(r.stderr, /\u001b/, 'no progress bar drawn on a pipe');

  const inbox = (await world.graph()).users.byId('alexw@contoso.com').messages;
  const found = await inbox.get({ filter: `internetMessageId eq '${sent.internetMessageId}'`, select: ['id', 'subject', 'body'] });
  assert.equal(found.value.length, 1, 'delivered to the recipient');
  const attachments = (await inbox.byId(found.value[0]!.id!).attachments.get()).value as { name: string; contentBytes: string }[];
  const byName = new Map(attachments.map((a) => [a.name, Buffer.from(a.contentBytes, 'base64')]));
  assert.deepEqual([...byName.keys()].sort(), ['big.bin', 'note.txt']);
  assert.equal(sha(byName.get('big.bin')!), sha(big));
  assert.deepEqual(byName.get('note.txt'), small);
  const mails = world.emulator.effects.filter((e) => e.kind === 'mailSent' && e.internetMessageId === sent.internetMessageId);
  assert.equal(mails.length, 1, 'sent exactly once');
});

test('mail send --key sends at most once: run again with the same key, nothing more goes out', { timeout: 60_000 }, async () => {
  const key = '6f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b';
  const args = ['mail', 'send', '--to', 'alexw@contoso.com', '--subject', 'Only once', '--key', key];
  const first = await world.cli(args);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(JSON.parse(first.stdout).alreadySent, false);
  const again = await world.cli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).alreadySent, true);
  assert.equal(world.emulator.effects.filter((e) => e.kind === 'mailSent' && e.subject === 'Only once').length, 1);
});

test('drive upload then download round-trips 9 MB byte for byte (a resumable upload session)', { timeout: 120_000 }, async () => {
  const content = randomBytes(9 * 1024 * 1024 + 123);
  await writeFile(join(world.dir, 'data.bin'), content);
  const up = await world.cli(['drive', 'upload', 'data.bin', 'CLI tests/']);
  assert.equal(up.code, 0, up.stderr);
  const item = JSON.parse(up.stdout) as { id: string; name: string; size: number };
  assert.equal(item.name, 'data.bin');
  assert.equal(item.size, content.length);
  assert.ok(world.emulator.requests.some((q) => q.method === 'POST' && q.path.includes('createUploadSession')), 'past 4 MiB it used an upload session');

  const ls = await world.cli(['drive', 'ls', '/CLI tests', '-o', 'text']);
  assert.match(ls.stdout, new RegExp(`^data\\.bin +file +${content.length} `, 'm'));

  await mkdir(join(world.dir, 'back'));
  const down = await world.cli(['drive', 'download', 'CLI tests/data.bin', 'back']);
  assert.equal(down.code, 0, down.stderr);
  assert.deepEqual(JSON.parse(down.stdout), { path: join(world.dir, 'back', 'data.bin'), bytes: content.length });
  assert.equal(sha(await readFile(join(world.dir, 'back', 'data.bin'))), sha(content));
  assert.deepEqual(await readdir(join(world.dir, 'back')), ['data.bin'], 'no temporary file left');

  const share = await world.cli(['drive', 'share', 'CLI tests/data.bin', '--type', 'edit', '--query', 'webUrl', '-o', 'text']);
  assert.equal(share.code, 0, share.stderr);
  assert.match(share.stdout, /^https:\/\/\S+\n$/);
});

test('Ctrl+C in the middle of a download exits 130 and leaves neither a partial nor a complete file', { timeout: 180_000 }, async (t) => {
  // Large enough that the download takes a while on loopback; stored in-process, not through the CLI.
  const size = 256 * 1024 * 1024;
  const graph = await world.graph();
  await uploadFile(graph.users.byId('adelev@contoso.com').drive.root.byPath('CLI tests/huge.bin'), new Uint8Array(size).fill(7));
  const target = join(world.dir, 'interrupted');
  await mkdir(target);

  const child = world.spawnCli(['drive', 'download', 'CLI tests/huge.bin', target]);
  const done = collect(child);
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  // SIGINT as soon as the partial file appears: the download is under way.
  const seen = await new Promise<string>((resolve) => {
    const watcher = watch(target, (_event, name) => {
      if (name && String(name).endsWith('.partial')) {
        watcher.close();
        resolve(String(name));
      }
    });
  });
  const partialSize = statSync(join(target, seen)).size;
  child.kill('SIGINT');
  const r = await done;
  assert.ok(partialSize < size, `interrupted mid-download (${partialSize} of ${size} bytes written)`);
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /Interrupted/);
  assert.equal(r.stdout, '');
  assert.match(seen, /^huge\.bin\.[0-9a-f]+\.partial$/);
  assert.deepEqual(await readdir(target), [], 'nothing left: no partial file, no truncated huge.bin');
});

test('Ctrl+C in the middle of an upload exits 130, cancels the upload session and leaves no item', { timeout: 180_000 }, async (t) => {
  const size = 120 * 1024 * 1024;
  await writeFile(join(world.dir, 'upload-me.bin'), new Uint8Array(size).fill(3));
  const storage = (method: string) => world.emulator.requests.filter((q) => q.method === method && q.path.includes('/_storage/upload/')).length;
  const [chunksBefore, cancelsBefore] = [storage('PUT'), storage('DELETE')];
  const child = world.spawnCli(['drive', 'upload', 'upload-me.bin', 'CLI tests/interrupted.bin']);
  const done = collect(child);
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  // SIGINT once its first chunk reached the upload session.
  while (storage('PUT') === chunksBefore && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
  child.kill('SIGINT');
  const r = await done;
  assert.equal(r.code, 130, r.stderr);
  assert.equal(storage('DELETE'), cancelsBefore + 1, 'the upload session was cancelled');
  const graph = await world.graph();
  await assert.rejects(graph.users.byId('adelev@contoso.com').drive.root.byPath('CLI tests/interrupted.bin').get(), (e: { status?: number }) => e.status === 404);
});
