// Export over BullMQ worker processes and a real redis-server, against the emulator's generated tenant
// with a response latency: two workers share a set of mailboxes and never work one mailbox at once, at
// full speed (4 in flight per mailbox) with no 429; and a worker killed (SIGKILL) mid-mailbox is taken
// over by another, which resumes from the files: the export equals the emulator's mail, nothing lost,
// nothing twice, and what was done before the kill is not fetched again (but for what was in flight).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEmulator, type Emulator } from 'msgraph-ts/emulator';
import { exportMailboxes, type TransferProgress } from 'msgraph-ts/bulk';
import { expectedFiles, filesUnder } from './helpers/export-truth.js';
import { peakInFlight } from './helpers/in-flight.js';
import { NO_REDIS, useRedis } from './helpers/use-redis.js';
import { startWorker, type WorkerProcess } from './helpers/worker-process.js';

const redis = await useRedis();
const skip = redis ? false : NO_REDIS;
let runs = 0;

async function setUp(latencyMs: number, messagesPerMailbox: number): Promise<{ emulator: Emulator; outDir: string; env: Record<string, string>; prefix: string }> {
  const emulator = await startEmulator({ tls: false, versions: ['v1.0'], latencyMs, tenant: { mailboxes: 1000, messagesPerMailbox } });
  const outDir = await mkdtemp(join(tmpdir(), 'bulk-workers-'));
  const prefix = `workers${runs++}`;
  return { emulator, outDir, prefix, env: { BULK_REDIS: redis!.url, BULK_GRAPH: emulator.origin, BULK_PREFIX: prefix, BULK_LOCK_MS: '1500', BULK_LEASE_MS: '1500', BULK_BATCH_SIZE: '1' } };
}

test('two worker processes share the mailboxes, never work one at once, run each at 4 in flight, and provoke no 429', { skip, timeout: 120_000 }, async () => {
  const { emulator, outDir, env, prefix } = await setUp(30, 40);
  const trace = `${outDir}.trace`;
  const workers: WorkerProcess[] = [];
  try {
    workers.push(...await Promise.all([1, 2].map(() => startWorker({ ...env, BULK_CONCURRENCY: '3', BULK_TRACE: trace }))));
    const mailboxes = emulator.tenant.mailboxes!.slice(0, 10);
    const summary = await exportMailboxes({ mailboxes, outDir, redis: redis!.url, prefix, workers: 0 });
    assert.deepEqual([summary.ok, summary.failed, summary.unknown], [400, 0, 0]);
    assert.deepEqual(await filesUnder(outDir), await expectedFiles(emulator, mailboxes));
    assert.equal(emulator.requests.filter((r) => r.status === 429).length, 0, 'no 429');

    const lines = (await readFile(trace, 'utf8')).trim().split('\n').map((l) => l.split('\t'));
    const byMailbox = new Map<string, { pid: string; start: number; end: number }[]>();
    for (const [pid, mailbox, start, end] of lines) byMailbox.set(mailbox!, [...(byMailbox.get(mailbox!) ?? []), { pid: pid!, start: +start!, end: +end! }]);
    assert.equal(new Set(lines.map(([pid]) => pid)).size, 2, 'both workers worked');
    const peaks: number[] = [];
    for (const [mailbox, spans] of byMailbox) {
      const pids = new Set(spans.map((s) => s.pid));
      assert.equal(pids.size, 1, `${mailbox} was worked by one worker`);
      peaks.push(peakInFlight(emulator, `/users/${mailbox}/`));
      assert.ok(peaks.at(-1)! <= 4, `${mailbox} ran at most 4 in flight`);
    }
    // At the limit, not under it; on a loaded machine one mailbox or another may not fill its four slots.
    assert.equal(Math.max(...peaks), 4, `peaks ${peaks.join(', ')}`);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await emulator.stop();
    await rm(outDir, { recursive: true, force: true });
    await rm(trace, { force: true });
  }
});

test('a worker killed mid-mailbox (SIGKILL): another resumes it, and the export equals the emulator\'s mail, 0 lost, 0 twice', { skip, timeout: 120_000 }, async () => {
  const { emulator, outDir, env, prefix } = await setUp(50, 100);
  const workers: WorkerProcess[] = [];
  try {
    const mailboxes = emulator.tenant.mailboxes!.slice(0, 4);
    let killedIn: string | undefined;
    let first!: WorkerProcess;
    let running!: Promise<Awaited<ReturnType<typeof exportMailboxes>>>;
    const midway = new Promise<string>((resolve) => {
      const onProgress = (p: TransferProgress): void => {
        if (p.mailbox.state === 'working' && p.mailbox.ok >= 10 && p.mailbox.ok + p.mailbox.skipped < p.mailbox.total - 20) resolve(p.mailbox.mailbox);
      };
      running = exportMailboxes({ mailboxes, outDir, redis: redis!.url, prefix, workers: 0, onProgress });
    });
    workers.push((first = await startWorker({ ...env, BULK_CONCURRENCY: '2' })));
    killedIn = await midway;
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const killedAt = emulator.requests.length;
    workers.push(await startWorker({ ...env, BULK_CONCURRENCY: '2' }));
    const summary = await running;

    assert.deepEqual([summary.failed, summary.unknown], [0, 0]);
    assert.deepEqual(summary.mailboxes.map((m) => [m.status, m.ok + m.skipped, m.total]), mailboxes.map(() => ['done', 100, 100]));
    const resumed = summary.mailboxes.find((m) => m.mailbox === killedIn)!;
    assert.ok(resumed.skipped >= 10, `the killed mailbox was resumed, not redone (${resumed.skipped} skipped)`);
    assert.deepEqual(await filesUnder(outDir), await expectedFiles(emulator, mailboxes), 'every message once, no part file left');

    // Fetched again after the kill: only what was in flight when it died (2 mailboxes x 4).
    const fetched = (from: number, to: number): string[] => emulator.requests.slice(from, to).filter((r) => r.path.endsWith('/$value') && r.status === 200).map((r) => r.path);
    const before = new Set(fetched(0, killedAt));
    const again = fetched(killedAt, emulator.requests.length).filter((p) => before.has(p));
    assert.ok(again.length <= 8, `${again.length} messages fetched twice`);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await emulator.stop();
    await rm(outDir, { recursive: true, force: true });
  }
});
