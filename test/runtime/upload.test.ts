// Large file uploads against the emulator over real HTTPS: drive upload sessions that survive dropped
// connections, small files in one PUT, streams, abort and give-up (sessions cancelled), and Outlook
// attachments through their own upload sessions.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { FRAGMENT_MULTIPLE, uploadAttachment, uploadFile, UploadError } from '../../src/upload.js';

const MiB = 1024 * 1024;
let emulator: Emulator;
let client: ReturnType<typeof createClient>;
let dir: string;

/** Requests the upload code sent to uploadUrls (method, URL, Content-Range), through the emulator's real fetch. */
let sent: { method: string; url: string; range: string | null; bytes: number }[] = [];
function recordingFetch(request: Request): Promise<Response> {
  const range = request.headers.get('content-range');
  const [, start, end] = /^bytes (\d+)-(\d+)\//.exec(range ?? '') ?? [];
  sent.push({ method: request.method, url: request.url, range, bytes: range ? Number(end) - Number(start) + 1 : 0 });
  assert.equal(request.headers.get('authorization'), null, 'an uploadUrl never gets the token');
  return emulator.fetch(request);
}

before(async () => {
  emulator = await startEmulator({ versions: ['v1.0'] });
  client = createClient({ baseUrl: emulator.origin, fetch: emulator.fetch, token: 'not-checked' });
  dir = await mkdtemp(join(tmpdir(), 'msgraph-upload-'));
});
after(async () => {
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emulator.setFaults(undefined);
  emulator.clearLogs();
  sent = [];
});

/** Seeded pseudo-random bytes (an AES-CTR key stream), written 1 MiB at a time; returns their sha256. */
async function writeRandomFile(path: string, size: number, seed: number): Promise<string> {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16));
  const hash = createHash('sha256');
  const file = await open(path, 'w');
  try {
    for (let written = 0; written < size; written += MiB) {
      const piece = cipher.update(Buffer.alloc(Math.min(MiB, size - written)));
      hash.update(piece);
      await file.write(piece);
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

function randomBytes(size: number, seed: number): Buffer {
  return createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16)).update(Buffer.alloc(size));
}

/** sha256 of a drive file's content, streamed (the 302 to the storage host is followed by the emulator's fetch). */
async function sha256OfDriveFile(path: string): Promise<string> {
  const response = await client.me.drive.root.byPath(path).content.download();
  const hash = createHash('sha256');
  const reader = response.body!.getReader();
  for (let i = 0; i < 1_000_000; i++) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  return hash.digest('hex');
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const isUploadUrl = (path: string): boolean => path.startsWith('/_storage/upload/');

test('a 50 MiB file survives connection resets mid-chunk and ends byte-identical', async () => {
  const size = 50 * MiB;
  const path = join(dir, 'big.bin');
  const expected = await writeRandomFile(path, size, 7);
  // The 4th chunk's connection drops while its body is sent (not committed); later one chunk's answer is cut
  // after the server committed it (so resending it would be wrong: the client must ask where to resume).
  let puts = 0;
  emulator.setFaults({ rate: 1, resets: ['midRequest'], match: (r) => r.method === 'PUT' && isUploadUrl(r.path) && ++puts === 4 });
  let switched = false;
  const progress: number[] = [];
  const item = await uploadFile(client.me.drive.root.byPath('Docs/big.bin'), path, {
    fetch: recordingFetch,
    onProgress: (done) => {
      progress.push(done);
      if (!switched && done >= 8 * 10 * FRAGMENT_MULTIPLE) {
        switched = true;
        emulator.setFaults({ rate: 1, resets: ['midResponse'], match: (r) => r.method === 'PUT' && isUploadUrl(r.path), limit: 1 });
      }
    },
  });
  assert.equal(item.name, 'big.bin');
  assert.equal(item.size, size);
  assert.equal(await sha256OfDriveFile('Docs/big.bin'), expected);

  const chunk = 10 * FRAGMENT_MULTIPLE;
  const log = emulator.requests.filter((r) => isUploadUrl(r.path));
  // midRequest: the PUT is logged with status 0, then the client asks the session (GET) and resends that range.
  const cut = log.findIndex((r) => r.reset === 'midRequest');
  assert.ok(cut >= 0, 'a chunk upload was reset while its body was sent');
  assert.equal(log[cut]!.status, 0);
  assert.deepEqual([log[cut + 1]?.method, log[cut + 1]?.status], ['GET', 200], 'the client asked the session where to resume');
  const puts1 = sent.filter((s) => s.method === 'PUT');
  const resent = puts1.map((s) => s.range).filter((r, i, all) => all.indexOf(r) !== i);
  assert.deepEqual(resent, [`bytes ${3 * chunk}-${4 * chunk - 1}/${size}`], 'only the chunk that was never received is sent again');
  // midResponse: the chunk was committed though its answer was lost; the resume skips past it.
  const lost = log.findIndex((r) => r.reset === 'midResponse');
  assert.ok(lost > cut, 'a committed chunk lost its answer');
  assert.deepEqual([log[lost + 1]?.method, log[lost + 1]?.status], ['GET', 200]);
  assert.ok(log.every((r) => r.status !== 416), 'no chunk was sent out of order');
  assert.ok(puts1.every((s) => s.bytes <= chunk), 'no request carried more than one chunk');
  assert.deepEqual(emulator.effects.filter((e) => e.kind === 'uploaded').map((e) => e.kind === 'uploaded' && e.bytes), [size]);
  assert.equal(progress.at(-1), size);
});

test('progress is reported after each chunk, never decreasing, ending at the total', async () => {
  const bytes = randomBytes(5 * MiB + 12_345, 3);
  const calls: [number, number][] = [];
  await uploadFile(client.me.drive.root.byPath('Docs/progress.bin'), bytes, {
    fetch: recordingFetch, chunkSize: 3 * FRAGMENT_MULTIPLE, onProgress: (s, t) => calls.push([s, t]),
  });
  assert.equal(calls.length, Math.ceil(bytes.length / (3 * FRAGMENT_MULTIPLE)));
  assert.ok(calls.every(([, t]) => t === bytes.length));
  assert.ok(calls.every(([s], i) => i === 0 || s > calls[i - 1]![0]), 'strictly increasing');
  assert.equal(calls.at(-1)![0], bytes.length);
  assert.equal(await sha256OfDriveFile('Docs/progress.bin'), sha256(bytes));
});

test('a chunkSize that is not a multiple of 320 KiB is a TypeError before any request', async () => {
  await assert.rejects(uploadFile(client.me.drive.root.byPath('Docs/x.bin'), randomBytes(8 * MiB, 1), { chunkSize: 1_000_000 }), TypeError);
  await assert.rejects(uploadFile(client.me.drive.root.byPath('Docs/x.bin'), randomBytes(8 * MiB, 1), { chunkSize: 192 * FRAGMENT_MULTIPLE }), TypeError, '60 MiB is too large');
  assert.equal(emulator.requests.length, 0);
});

test('a small file goes in one PUT to …/content', async () => {
  const bytes = randomBytes(100 * 1024, 4);
  const item = await uploadFile(client.me.drive.root.byPath('Docs/small.bin'), bytes, { fetch: recordingFetch });
  assert.equal(item.size, bytes.length);
  assert.deepEqual(emulator.requests.map((r) => [r.method, r.path]), [['PUT', '/v1.0/me/drive/root:/Docs/small.bin:/content']]);
  assert.equal(sent.length, 0, 'no upload session');
});

test('a Node stream of known size is uploaded chunk by chunk and resumes from its kept chunk', async () => {
  const bytes = randomBytes(6 * MiB + 777, 5);
  // Odd-sized pieces, so chunks straddle them.
  const pieces = function* (): Generator<Buffer> {
    for (let at = 0; at < bytes.length; at += 100_003) yield bytes.subarray(at, at + 100_003);
  };
  let puts = 0;
  emulator.setFaults({ rate: 1, resets: ['midRequest'], match: (r) => r.method === 'PUT' && isUploadUrl(r.path) && ++puts === 2 });
  const item = await uploadFile(client.me.drive.root.byPath('Docs/stream.bin'), Readable.from(pieces()), {
    fetch: recordingFetch, size: bytes.length, chunkSize: 4 * FRAGMENT_MULTIPLE,
  });
  assert.equal(item.size, bytes.length);
  assert.equal(await sha256OfDriveFile('Docs/stream.bin'), sha256(bytes));
  assert.ok(emulator.requests.some((r) => r.reset === 'midRequest'));
});

test('a web ReadableStream needs its size and uploads like a file', async () => {
  const bytes = randomBytes(5 * MiB, 6);
  const web = (): ReadableStream<Uint8Array> => new Blob([new Uint8Array(bytes)]).stream();
  await assert.rejects(uploadFile(client.me.drive.root.byPath('Docs/web.bin'), web()), /size/);
  await uploadFile(client.me.drive.root.byPath('Docs/web.bin'), web(), { fetch: recordingFetch, size: bytes.length });
  assert.equal(await sha256OfDriveFile('Docs/web.bin'), sha256(bytes));
});

test('aborting an upload rejects with the reason and deletes its session', async () => {
  const controller = new AbortController();
  const upload = uploadFile(client.me.drive.root.byPath('Docs/aborted.bin'), randomBytes(8 * MiB, 8), {
    fetch: recordingFetch, signal: controller.signal, onProgress: () => controller.abort(),
  });
  await assert.rejects(upload, { name: 'AbortError' });
  const uploadUrl = sent[0]!.url;
  assert.deepEqual(sent.map((s) => s.method), ['PUT', 'DELETE']);
  assert.equal((await emulator.fetch(uploadUrl)).status, 404, 'the session is gone');
  assert.equal(emulator.effects.filter((e) => e.kind === 'uploaded').length, 0);
});

test('a chunk that keeps failing gives up after maxChunkRetries and deletes the session', async () => {
  emulator.setFaults({ rate: 1, resets: ['midRequest'], match: (r) => r.method === 'PUT' && isUploadUrl(r.path) });
  const error = await uploadFile(client.me.drive.root.byPath('Docs/doomed.bin'), randomBytes(5 * MiB, 9), { fetch: recordingFetch, maxChunkRetries: 1 })
    .then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof UploadError);
  assert.equal(error.code, 'retriesExhausted');
  assert.match(error.message, /stopped at byte 0 of 5242880: 2 attempts in a row failed without progress, the last with fetch failed ← /);
  assert.deepEqual(sent.map((s) => s.method), ['PUT', 'GET', 'PUT', 'DELETE']);
});

test('answers lost while every chunk is stored do not end the upload: a resume that shows progress resets the count', async () => {
  // 10 chunks; the first 8 answers are all lost after the server stored the chunk: 8 failures, none in a row
  // without progress, so maxChunkRetries (5) is never reached.
  emulator.setFaults({ rate: 1, resets: ['midResponse'], match: (r) => r.method === 'PUT' && isUploadUrl(r.path), limit: 8 });
  const bytes = randomBytes(10 * 10 * FRAGMENT_MULTIPLE, 4);
  const progress: number[] = [];
  const item = await uploadFile(client.me.drive.root.byPath('Docs/lossy.bin'), bytes, { fetch: recordingFetch, onProgress: (n) => progress.push(n) });
  assert.equal(item.size, bytes.length);
  assert.equal(await sha256OfDriveFile('Docs/lossy.bin'), sha256(bytes));
  assert.equal(sent.filter((s) => s.method === 'PUT').length, 10, 'each chunk sent once: the resumes showed it was stored');
  assert.equal(emulator.requests.filter((r) => r.reset === 'midResponse').length, 8);
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
  assert.equal(progress.at(-1), bytes.length);
});

test("uploads go the way the client connects (its fetch, here the emulator's CA), never with its token", async () => {
  const tokens: (string | null)[] = [];
  const own = createClient({ baseUrl: emulator.origin, token: 'secret-token', fetch: (request) => {
    if (isUploadUrl(new URL(request.url).pathname)) tokens.push(request.headers.get('authorization'));
    return emulator.fetch(request);
  } });
  const bytes = randomBytes(5 * MiB, 5);
  const item = await uploadFile(own.me.drive.root.byPath('Docs/own-fetch.bin'), bytes);
  assert.equal(item.size, bytes.length);
  assert.ok(tokens.length >= 2 && tokens.every((t) => t === null), `chunks went through the client's fetch without the token (${tokens.length})`);
  // A fetch that does not trust the emulator's CA: the error says so at its top, not two causes down.
  const error = await uploadFile(own.me.drive.root.byPath('Docs/untrusted.bin'), bytes, { fetch: (r) => globalThis.fetch(r), maxChunkRetries: 0 }).catch((e: unknown) => e);
  assert.ok(error instanceof UploadError && error.code === 'retriesExhausted', String(error));
  assert.match(error.message, /certificate|CERT|SIGNATURE/i);
});

test('an expired session is a clear UploadError', async () => {
  let puts = 0;
  const error = await uploadFile(client.me.drive.root.byPath('Docs/expired.bin'), randomBytes(8 * MiB, 10), {
    // The session disappears after the first chunk, as when it expires.
    fetch: async (request) => {
      if (request.method === 'PUT' && ++puts === 2) await (await emulator.fetch(request.url, { method: 'DELETE' })).body?.cancel();
      return recordingFetch(request);
    },
  }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof UploadError);
  assert.equal(error.code, 'sessionExpired');
  assert.equal(error.status, 404);
  assert.match(error.message, /no longer exists.*upload the file again/);
  assert.deepEqual(sent.map((s) => s.method), ['PUT', 'PUT'], 'no retry against a session that is gone, and nothing to delete');
});

test('a 5 MB Outlook attachment goes through an upload session and ends as a fileAttachment with the same bytes', async () => {
  const page = await client.me.messages.get({ top: 1, select: ['id'] });
  const messageId = page.value[0]!.id!;
  const attachments = client.me.messages.byId(messageId).attachments;
  const bytes = randomBytes(5_000_000, 11);
  let puts = 0;
  emulator.setFaults({ rate: 1, resets: ['midRequest'], match: (r) => r.method === 'PUT' && r.path.startsWith('/_storage/attachment/') && ++puts === 2 });
  const progress: number[] = [];
  const created = await uploadAttachment(attachments, bytes, { name: 'report.bin', contentType: 'application/pdf', fetch: recordingFetch, onProgress: (s) => progress.push(s) });
  assert.ok(created.id);
  assert.ok(created.location?.endsWith(encodeURIComponent(created.id)));
  assert.ok(sent.filter((s) => s.method === 'PUT').every((s) => s.bytes <= 4 * MiB), 'chunks of at most 4 MiB');
  assert.ok(emulator.requests.some((r) => r.reset === 'midRequest'), 'a chunk was reset and resumed');
  assert.equal(progress.at(-1), bytes.length);

  const attachment = await attachments.byId(created.id).get();
  assert.equal(attachment['@odata.type'], '#microsoft.graph.fileAttachment');
  assert.equal(attachment.name, 'report.bin');
  const value = new Uint8Array(await (await attachments.byId(created.id).$value.download()).arrayBuffer());
  assert.equal(sha256(value), sha256(bytes));
});

test('a small attachment is one POST with base64 contentBytes', async () => {
  const page = await client.me.messages.get({ top: 1, select: ['id'] });
  const attachments = client.me.messages.byId(page.value[0]!.id!).attachments;
  emulator.clearLogs();
  const bytes = randomBytes(200_000, 12);
  const created = await uploadAttachment(attachments, bytes, { name: 'small.bin', fetch: recordingFetch });
  assert.ok(created.id);
  assert.equal(created['contentBytes'], undefined, 'the bytes are not handed back');
  assert.deepEqual(emulator.requests.map((r) => r.method), ['POST']);
  const value = new Uint8Array(await (await attachments.byId(created.id).$value.download()).arrayBuffer());
  assert.equal(sha256(value), sha256(bytes));
});
