// MIME import on the wire: each .eml becomes a `$batch` item `POST /users/{id}/messages` (or a folder's
// messages) whose body is the file as base64 with Content-Type text/plain, as Graph documents. The
// emulator does not create messages from MIME, so a small local server answers the batches here.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { createClient } from 'msgraph-ts/v1.0';
import { createBulk } from 'msgraph-ts/bulk';

// An item's non-JSON body is base64 inside the batch (Graph decodes it), and what it carries is base64 MIME: decoded twice.
interface Item { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown }

test('importMime posts every .eml as base64 text/plain inside $batches, and a missing file fails alone', async () => {
  const seen: Item[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const items = (JSON.parse(body) as { requests: Item[] }).requests;
      seen.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ responses: items.map((i) => ({ id: i.id, status: 201, headers: { 'content-type': 'application/json' }, body: { id: `created-${seen.indexOf(i)}` } })) }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const dir = await mkdtemp(join(tmpdir(), 'bulk-import-'));
  try {
    const mimes = Array.from({ length: 5 }, (_, i) => `From: a@contoso.com\r\nSubject: Imported ${i}\r\n\r\nBody ${i}\r\n`);
    const files = await Promise.all(mimes.map(async (m, i) => {
      const file = join(dir, `${i}.eml`);
      await writeFile(file, m);
      return file;
    }));
    const client = createClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const results = await createBulk(client).importMime<{ id: string }>('adelev@contoso.com', [...files, join(dir, 'missing.eml')], { folderId: 'inbox' });
    assert.deepEqual(results.map((r) => r.status), ['ok', 'ok', 'ok', 'ok', 'ok', 'failed']);
    assert.match(String(results[5]!.status === 'failed' && results[5]!.error.message), /ENOENT/);
    assert.equal(seen.length, 5, 'the missing file sent nothing');
    for (const item of seen) {
      assert.equal(item.method, 'POST');
      assert.equal(item.url, '/users/adelev@contoso.com/mailFolders/inbox/messages');
      assert.equal(item.headers?.['Content-Type'], 'text/plain');
    }
    // Batches run side by side and may arrive in any order; each file arrives once.
    assert.deepEqual(seen.map((i) => Buffer.from(Buffer.from(String(i.body), 'base64').toString(), 'base64').toString()).sort(), [...mimes].sort());
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
