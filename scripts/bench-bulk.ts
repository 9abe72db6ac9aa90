// `npm run bench:bulk` (a benchmark, not a test): bulk creates against the emulator with a response
// latency, in one process, shaped by the in-memory engine. Reports throughput as a ratio of the
// limit-bound maximum (mailboxes in parallel × 4 in flight ÷ latency), the emulator's 429 count (goal 0)
// and peak memory. The emulator runs a $batch's items one after another, so batches of 1 item are what
// reach 4 in flight per mailbox here (on Graph, a batch's items run side by side).
//   BULK_MAILBOXES=50 BULK_ITEMS=40 BULK_LATENCY_MS=50 BULK_PARALLEL=50 npm run bench:bulk
// (the extra users are seeded eagerly; the lazily-made 1,000-mailbox tenant is not built yet)
import { createClient } from 'msgraph-ts/v1.0';
import { startEmulator } from 'msgraph-ts/emulator';
import { createBulk } from 'msgraph-ts/bulk';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const mailboxes = env('BULK_MAILBOXES', 50);
const items = env('BULK_ITEMS', 40);
const latencyMs = env('BULK_LATENCY_MS', 50);
const parallel = env('BULK_PARALLEL', mailboxes);

const upns = Array.from({ length: mailboxes }, (_, i) => `bulk${i}@contoso.com`);
const emulator = await startEmulator({
  tls: false, versions: ['v1.0'], latencyMs, limits: { maxEntities: 1_000_000 },
  seed: ['default', (api) => { for (const upn of upns) api.post('/users', { userPrincipalName: upn, displayName: upn, mailNickname: upn.split('@')[0] }); }],
});
const client = createClient({ baseUrl: emulator.origin });
const bulk = createBulk(client, { batchSize: 1, mailboxesInParallel: parallel });
emulator.clearLogs();
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const started = performance.now();
const outcomes = await bulk.forEachMailbox(upns, (m) => bulk.create(m, 'contacts', Array.from({ length: items }, (_, i) => ({ displayName: `Bench ${i}` }))));
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const ok = outcomes.flatMap((o) => (o.ok ? o.value : [])).filter((r) => r.status === 'ok').length;
const bound = Math.min(parallel, mailboxes) * 4 / (latencyMs / 1000);
const throughput = ok / seconds;
console.log(JSON.stringify({
  mailboxes, items, latencyMs, parallel, ok, of: mailboxes * items, seconds: +seconds.toFixed(2),
  requestsPerSecond: +throughput.toFixed(1), limitBound: bound, ratio: +(throughput / bound).toFixed(3),
  emulator429s: emulator.requests.filter((r) => r.status === 429).length, peakRssMiB: Math.round(peakRss / 2 ** 20),
}));
await emulator.stop();
