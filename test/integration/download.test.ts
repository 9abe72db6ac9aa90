// Streaming downloads from the emulator's drive (Graph answers `…/content` with a 302 to a storage host):
// to a file, a Node stream and a web stream, byte-identical; a connection cut mid-body leaves no file.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { downloadTo } from 'msgraph-ts/download';
import { NetworkError } from 'msgraph-ts/runtime';
import { uploadFile } from 'msgraph-ts/upload';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const bytes = randomBytes(3 * 1024 * 1024 + 17);
let emulator: Emulator;
let client: ReturnType<typeof createClient>;
let dir: string;
let itemId: string;

before(async () => {
  emulator = await startEmulator({ tls: false, versions: ['v1.0'] });
  client = createClient({ baseUrl: emulator.origin, retry: false });
  dir = await mkdtemp(join(tmpdir(), 'msgraph-ts-download-'));
  const item = await uploadFile(client.me.drive.root.byPath('Downloads/big.bin'), bytes) as { id: string };
  itemId = item.id;
});
after(async () => {
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});

test('a file download streams to disk byte-identical, with progress up to the total', async () => {
  const progress: number[] = [];
  const target = join(dir, 'big.bin');
  const n = await downloadTo(client.me.drive.items.byId(itemId).content, target, { onProgress: (got, total) => { progress.push(got); assert.equal(total, bytes.length); } });
  assert.equal(n, bytes.length);
  assert.equal(sha(await readFile(target)), sha(bytes));
  assert.ok(progress.length > 1 && progress.at(-1) === bytes.length);
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
});

test('Node and web writable streams receive the same bytes', async () => {
  const node = new PassThrough();
  const chunks: Buffer[] = [];
  node.on('data', (c: Buffer) => chunks.push(c));
  await downloadTo(client.me.drive.items.byId(itemId).content, node);
  assert.equal(sha(Buffer.concat(chunks)), sha(bytes));

  const webChunks: Uint8Array[] = [];
  await downloadTo(client.me.drive.items.byId(itemId).content, new WritableStream<Uint8Array>({ write: (c) => { webChunks.push(c); } }));
  assert.equal(sha(Buffer.concat(webChunks)), sha(bytes));
});

test('a connection cut mid-body is a NetworkError and leaves neither the file nor a partial one', async () => {
  emulator.setFaults({ rate: 1, resets: ['midResponse'], match: (r) => r.path.startsWith('/_storage/') });
  const target = join(dir, 'cut.bin');
  try {
    await assert.rejects(downloadTo(client.me.drive.items.byId(itemId).content, target), NetworkError);
  } finally {
    emulator.setFaults(undefined);
  }
  assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('cut.bin')), []);
});

test('an aborted download rejects with the reason and leaves no file', async () => {
  const controller = new AbortController();
  const target = join(dir, 'aborted.bin');
  const reason = new Error('user cancelled');
  await assert.rejects(downloadTo(client.me.drive.items.byId(itemId).content, target, {
    signal: controller.signal, onProgress: (got) => { if (got > 1_000_000) controller.abort(reason); },
  }), (e: unknown) => e === reason || (e as Error).name === 'AbortError');
  assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('aborted.bin')), []);
});
