// importMailboxes resumes without creating a message twice: a file the journal has as done is skipped,
// one a run before sent and never heard back about (`sending`, as a killed worker leaves it) is reported
// outcome-unknown and not sent again, and the rest are created once in their folder (made when missing).
// In one process (a journal file) and over Redis (a hash per mailbox, worked by a BullMQ worker). The
// emulator does not create messages from MIME, so a small local server plays Graph here.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createClient } from 'msgraph-ts/v1.0';
import { importMailboxes, type ImportOptions } from 'msgraph-ts/bulk';
import { serve } from '../helpers/loopback-server.js';
import { NO_REDIS, useRedis } from './helpers/use-redis.js';
import { Redis } from 'ioredis';

const redis = await useRedis();
const MAILBOX = 'adelev@contoso.com';

// An item's non-JSON body is base64 inside the batch (Graph decodes it), and what it carries is base64 MIME: decoded twice.
interface Item { id: string; method: string; url: string; body?: unknown }

/** Graph enough for an import: a mailbox with an Inbox, folders made on POST, messages made from $batch items. */
async function fakeGraph(): Promise<{ origin: string; created: string[]; folders: string[]; close(): Promise<void> }> {
  const created: string[] = [];
  const folders = ['Inbox'];
  const server = await serve((req, res, n) => {
    const arrival = server.arrivals[n - 1]!;
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && /\/mailFolders\?/.test(req.url!)) {
      res.end(JSON.stringify({ value: folders.map((f) => ({ id: `folder-${f}`, displayName: f, childFolderCount: 0 })) }));
    } else if (req.method === 'POST' && req.url!.endsWith('/mailFolders')) {
      const name = (JSON.parse(arrival.body) as { displayName: string }).displayName;
      folders.push(name);
      res.statusCode = 201;
      res.end(JSON.stringify({ id: `folder-${name}`, displayName: name }));
    } else if (req.url!.endsWith('/$batch')) {
      const items = (JSON.parse(arrival.body) as { requests: Item[] }).requests;
      res.end(JSON.stringify({ responses: items.map((i) => {
        created.push(`${decodeURIComponent(i.url.split('/mailFolders/')[1]!.split('/')[0]!)}:${Buffer.from(Buffer.from(String(i.body), 'base64').toString(), 'base64').toString()}`);
        return { id: i.id, status: 201, headers: { 'content-type': 'application/json' }, body: { id: `m${created.length}` } };
      }) }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'NotFound', message: req.url } }));
    }
  });
  return { origin: server.origin, created, folders, close: () => server.close() };
}

for (const over of ['one process', 'Redis'] as const) {
  test(`importMailboxes (${over}) skips what is done, reports what may be done, and creates the rest once`, { skip: over === 'Redis' && !redis ? NO_REDIS : false }, async () => {
    const graph = await fakeGraph();
    const inDir = await mkdtemp(join(tmpdir(), 'bulk-import-'));
    const conn = over === 'Redis' ? new Redis(redis!.url) : undefined;
    try {
      for (const folder of ['Inbox', 'Projects%2FQ3']) {
        await mkdir(join(inDir, MAILBOX, folder), { recursive: true });
        for (let i = 0; i < 5; i++) await writeFile(join(inDir, MAILBOX, folder, `${i}.eml`), `Subject: ${decodeURIComponent(folder)} ${i}\r\n\r\nBody\r\n`);
      }
      const options: ImportOptions = {
        client: createClient({ baseUrl: graph.origin }), mailboxes: [MAILBOX], inDir, batchSize: 2,
        ...(over === 'Redis' ? { redis: redis!.url, prefix: 'import-test', workers: 1 } : {}),
      };
      // What a run killed mid-import left: two files done, one sent with its answer lost.
      const left: [string, string][] = [['Inbox/0.eml', 'ok m-old-0'], ['Inbox/1.eml', 'ok m-old-1'], ['Inbox/2.eml', 'sending']];
      const journalKey = async (): Promise<string> => {
        // Where a run keeps a mailbox's journal: the run is the hash of its kind and directory (redis/queue.ts).
        const { createHash } = await import('node:crypto');
        return `import-test:journal:${createHash('sha256').update(`import\n${inDir}`).digest('hex').slice(0, 16)}:${MAILBOX}`;
      };
      if (conn) await conn.hset(await journalKey(), Object.fromEntries(left));
      else {
        await mkdir(join(inDir, '.import-journal'));
        await writeFile(join(inDir, '.import-journal', `${MAILBOX}.jsonl`), left.map((e) => `${JSON.stringify(e)}\n`).join(''));
      }

      const first = await importMailboxes(options);
      assert.deepEqual([first.ok, first.skipped, first.unknown, first.failed], [7, 2, 1, 0]);
      assert.match(first.mailboxes[0]!.errors.join('\n'), /Inbox\/2\.eml: a run before this one sent it and lost the answer/);
      assert.deepEqual(graph.created.sort(), [
        ...[3, 4].map((i) => `folder-Inbox:Subject: Inbox ${i}\r\n\r\nBody\r\n`),
        ...[0, 1, 2, 3, 4].map((i) => `folder-Projects/Q3:Subject: Projects/Q3 ${i}\r\n\r\nBody\r\n`),
      ].sort(), 'the rest created once each, in its folder (made when missing)');
      assert.deepEqual(graph.folders, ['Inbox', 'Projects/Q3']);

      const again = await importMailboxes(options);
      assert.deepEqual([again.ok, again.skipped, again.unknown], [0, 9, 1]);
      assert.equal(graph.created.length, 7, 'nothing sent twice');
    } finally {
      await conn?.quit();
      await graph.close();
      await rm(inDir, { recursive: true, force: true });
    }
  });
}
