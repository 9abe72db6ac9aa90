// `npm run bench:bulk` (a benchmark, not a test): exports the emulator's generated tenant (1,000 mailboxes
// × 100 messages by default) as .eml files with a 50 ms response latency, in one process and with 1, 2
// and 4 BullMQ worker processes over a local redis-server. Reports, per mode: throughput (requests per
// second: listings and message downloads) as a ratio of the limit-bound maximum (mailboxes worked at once
// × 4 in flight ÷ latency, capped by the per-mailbox and app-wide windows), the emulator's 429 count
// (goal 0) and peak memory (per worker process; in-process mode: the one process, emulator included).
// The emulator runs a $batch's items one after another, so exports use batches of 1 (4 requests in
// flight per mailbox); on Graph, batches of 4 run side by side. Mailboxes are generated (first touch)
// before the clock starts, and every mode exports the same mail into a fresh directory.
//   BULK_MAILBOXES=1000 BULK_MESSAGES=100 BULK_LATENCY_MS=50 BULK_PARALLEL=16 BULK_MODES=process,1,2,4 npm run bench:bulk
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator } from 'msgraph-ts/emulator';
import { exportMailboxes, GRAPH_LIMITS } from 'msgraph-ts/bulk';
import { startRedis } from '../test/bulk/helpers/redis-server.js';
import { startWorker } from '../test/bulk/helpers/worker-process.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const mailboxCount = env('BULK_MAILBOXES', 1000);
const messages = env('BULK_MESSAGES', 100);
const latencyMs = env('BULK_LATENCY_MS', 50);
const parallel = env('BULK_PARALLEL', 16);
const modes = (process.env['BULK_MODES'] ?? 'process,1,2,4').split(',');

const emulator = await startEmulator({ tls: false, versions: ['v1.0'], latencyMs, tenant: { mailboxes: Math.max(1000, mailboxCount), messagesPerMailbox: messages },
  // Every request kept, so that every 429 is counted.
  maxLoggedRequests: 10_000_000 });
const mailboxes = emulator.tenant.mailboxes!.slice(0, mailboxCount);
let t = performance.now();
for (const m of mailboxes) await fetch(`${emulator.graphUrl}/users/${m}/mailFolders?$top=1`);
console.error(`generated ${mailboxCount} mailboxes x ${messages} messages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const redis = modes.some((m) => m !== 'process') ? await startRedis() : undefined;
if (modes.some((m) => m !== 'process') && !redis) throw new Error('redis-server was not found: apt-get install -y redis-server (or BULK_MODES=process)');

/**
 * Requests per second the limits allow: each mailbox worked at once has 4 in flight; its window (10,000
 * per 10 minutes) binds only on a mailbox that needs more requests than that (an export of N messages
 * needs about N + 10); the app-wide budget caps the sum.
 */
function limitBound(atOnce: number): number {
  const l = GRAPH_LIMITS;
  const perMailbox = messages + 10 <= l.requestsPerWindow ? l.mailboxConcurrency / (latencyMs / 1000) : l.requestsPerWindow / (l.requestWindowMs / 1000);
  return Math.min(atOnce * perMailbox, l.appRequestsPerWindow / (l.appWindowMs / 1000));
}

const rows = [];
for (const [n, mode] of modes.entries()) {
  const outDir = await mkdtemp(join(tmpdir(), 'bench-bulk-'));
  emulator.clearLogs();
  const workers = mode === 'process' ? 0 : Number(mode);
  const prefix = `bench${n}`;
  const procs = await Promise.all(Array.from({ length: workers }, () => startWorker({
    BULK_REDIS: redis!.url, BULK_GRAPH: emulator.origin, BULK_PREFIX: prefix, BULK_CONCURRENCY: String(parallel), BULK_BATCH_SIZE: '1',
  })));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  t = performance.now();
  const summary = mode === 'process'
    ? await exportMailboxes({ client: createClient({ baseUrl: emulator.origin }), mailboxes, outDir, workers: parallel, batchSize: 1 })
    : await exportMailboxes({ mailboxes, outDir, redis: redis!.url, prefix, workers: 0 });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const words = await Promise.all(procs.map((p) => p.stop()));
  const workerPeaks = words.map((w) => Number(/peakRssMiB (\d+)/.exec(w)?.[1]));
  // Graph's requests: a $batch envelope (of 1 item here) is not one more.
  const requests = emulator.requests.filter((r) => !r.path.endsWith('/$batch')).length;
  const atOnce = Math.min(mailboxCount, parallel * Math.max(1, workers));
  const bound = limitBound(atOnce);
  const row = {
    mode: mode === 'process' ? 'in-process' : `${workers} worker${workers > 1 ? 's' : ''}`, mailboxes: mailboxCount, messages: summary.ok,
    failed: summary.failed + summary.unknown, seconds: +seconds.toFixed(1), requests, requestsPerSecond: +(requests / seconds).toFixed(0),
    mailboxesAtOnce: atOnce, limitBound: Math.round(bound), ratio: +(requests / seconds / bound).toFixed(3),
    emulator429s: emulator.requests.filter((r) => r.status === 429).length,
    peakRssMiB: mode === 'process' ? [Math.round(peak / 2 ** 20)] : workerPeaks,
  };
  rows.push(row);
  console.log(JSON.stringify(row));
  await rm(outDir, { recursive: true, force: true });
}
await redis?.stop();
await emulator.stop();
console.error(`latency ${latencyMs} ms, ${parallel} mailboxes at once per process; ratio = requests/s ÷ limit-bound maximum`);
