// The drive workflows against the emulator: a 50 MB upload through an upload session with progress and
// its download back, byte for byte; a sharing link that /shares resolves; a copy whose 202 + monitor is
// waited for; path addressing; a missing local file as a WorkflowError.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { drive, WorkflowError } from 'msgraph-ts/workflows';
import { useWorkflowWorld } from './helpers.js';

const world = useWorkflowWorld('files');

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('a 50 MB file goes up through an upload session with rising progress, and comes down identical', { timeout: 120_000 }, async () => {
  const local = join(world.dir, 'video.bin');
  const bytes = randomBytes(50 * 1024 * 1024);
  await writeFile(local, bytes);
  const d = drive(world.client);
  const up: number[] = [];
  const item = await d.upload(local, 'Videos/video.bin', { onProgress: (n) => up.push(n) });
  assert.equal(item.size, bytes.byteLength);
  assert.ok(up.length > 5, `progress was reported per chunk (${up.length} times)`);
  assert.ok(up.every((n, i) => i === 0 || n > up[i - 1]!), 'progress only rises');
  assert.equal(up.at(-1), bytes.byteLength);
  assert.ok(world.emulator.requests.some((r) => r.method === 'POST' && /createUploadSession$/.test(r.path)));

  const down: number[] = [];
  const copy = join(world.dir, 'video-copy.bin');
  assert.equal(await d.download('Videos/video.bin', copy, { onProgress: (n) => down.push(n) }), bytes.byteLength);
  assert.equal(down.at(-1), bytes.byteLength);
  assert.equal(sha(await readFile(copy)), sha(bytes));
});

test('share() gives a link that /shares resolves to the item; copy() waits for the monitor and returns the new item', async () => {
  const d = drive(world.client);
  await d.upload(new TextEncoder().encode('minutes'), 'Notes/minutes.txt');
  const url = await d.share('Notes/minutes.txt');
  const item = await d.item('Notes/minutes.txt').get({ select: ['id'] });
  const shared = await world.client.shares.byId(`u!${Buffer.from(url).toString('base64url')}`).driveItem.get({ select: ['id'] });
  assert.equal(shared.id, item.id);

  const copyId = await d.copy('Notes/minutes.txt', { name: 'minutes (copy).txt' });
  const copied = await world.client.me.drive.items.byId(copyId).get({ select: ['name'] });
  assert.equal(copied.name, 'minutes (copy).txt');
  const monitorPolls = world.emulator.requests.filter((r) => r.path.includes('/_storage/monitor/'));
  assert.ok(monitorPolls.length >= 2, 'the monitor was polled until it said completed');
  const text = await (await d.item('Notes/minutes (copy).txt').content.download()).text();
  assert.equal(text, 'minutes');

  await assert.rejects(d.copy('Notes/minutes.txt', { name: 'minutes (copy).txt' }), (e: unknown) => e instanceof WorkflowError && e.code === 'copyFailed' && /nameAlreadyExists/.test(e.message));
});

test('uploading a file that does not exist is a WorkflowError naming the path', async () => {
  await assert.rejects(drive(world.client).upload(join(world.dir, 'missing.docx'), 'Docs/missing.docx'), (e: unknown) => e instanceof WorkflowError && e.code === 'fileNotFound' && /missing\.docx/.test(e.message));
});
