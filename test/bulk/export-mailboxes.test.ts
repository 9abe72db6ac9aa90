// exportMailboxes in one process against the emulator's generated tenant: every message of every mailbox
// lands once as `<mailbox>/<folder>/<id>.eml` holding its MIME, progress is reported per mailbox and
// overall, no 429 is provoked, and a re-run skips what is there and redoes only what is missing.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator } from 'msgraph-ts/emulator';
import { exportMailboxes, type TransferProgress } from 'msgraph-ts/bulk';
import { expectedFiles, filesUnder } from './helpers/export-truth.js';

test('exportMailboxes writes every message once, reports progress, provokes no 429, and a re-run redoes only what is missing', async () => {
  const emulator = await startEmulator({ tls: false, versions: ['v1.0'], latencyMs: 10, tenant: { mailboxes: 1000, messagesPerMailbox: 25 } });
  const outDir = await mkdtemp(join(tmpdir(), 'bulk-export-'));
  try {
    const mailboxes = emulator.tenant.mailboxes!.slice(0, 6);
    const client = createClient({ baseUrl: emulator.origin });
    const seen: TransferProgress[] = [];
    const summary = await exportMailboxes({ client, mailboxes: [...mailboxes, mailboxes[0]!], outDir, workers: 3, onProgress: (p) => seen.push(p) });
    assert.deepEqual({ ok: summary.ok, skipped: summary.skipped, failed: summary.failed, unknown: summary.unknown }, { ok: 150, skipped: 0, failed: 0, unknown: 0 });
    assert.deepEqual(summary.mailboxes.map((m) => [m.mailbox, m.status, m.total]), mailboxes.map((m) => [m, 'done', 25]), 'a repeated mailbox is worked once');
    const expected = await expectedFiles(emulator, mailboxes);
    assert.deepEqual(await filesUnder(outDir), expected);
    assert.equal(emulator.requests.filter((r) => r.status === 429).length, 0);

    const [file] = expected;
    const id = decodeURIComponent(file!.split('/').at(-1)!.replace(/\.eml$/, ''));
    const mime = await (await fetch(`${emulator.graphUrl}/users/${mailboxes[0]}/messages/${encodeURIComponent(id)}/$value`)).text();
    assert.equal(await readFile(join(outDir, file!), 'utf8'), mime, 'the file is the message\'s MIME');

    const last = seen.at(-1)!;
    assert.deepEqual(last.overall, { mailboxes: 6, mailboxesDone: 6, total: 150, done: 150 });
    assert.ok(seen.some((p) => p.mailbox.state === 'working' && p.mailbox.ok > 0 && p.mailbox.ok < 25), 'a mailbox reported part-way');
    assert.ok(seen.some((p) => p.overall.mailboxesDone === 0 && p.overall.done > 0), 'overall reported part-way');

    await unlink(join(outDir, expected[3]!));
    await unlink(join(outDir, expected[40]!));
    const again = await exportMailboxes({ client, mailboxes, outDir });
    assert.deepEqual({ ok: again.ok, skipped: again.skipped }, { ok: 2, skipped: 148 });
    assert.deepEqual(await filesUnder(outDir), expected);

    const missing = await exportMailboxes({ client, mailboxes: ['nobody@contoso.com', mailboxes[1]!], outDir });
    assert.deepEqual(missing.mailboxes.map((m) => m.status), ['failed', 'done'], 'a mailbox that cannot be worked fails alone');
    assert.match(missing.mailboxes[0]!.error!, /nobody@contoso\.com|not found|NotFound/i);
  } finally {
    await emulator.stop();
    await rm(outDir, { recursive: true, force: true });
  }
});
