// One BullMQ worker process for bulk export/import, as the tests and `npm run bench:bulk` start them
// (kill -9 included). Configured by environment:
//   BULK_REDIS=redis://127.0.0.1:6379 BULK_GRAPH=http://127.0.0.1:PORT [BULK_PREFIX=…] [BULK_CONCURRENCY=16]
//   [BULK_LOCK_MS=30000] [BULK_LEASE_MS=30000] [BULK_BATCH_SIZE=4: 1 against the emulator, which runs a
//   batch's items one after another] [BULK_TRACE=file: a line per request, for the tests]
// Prints `ready` once it takes jobs, and its peak RSS (`peakRssMiB <n>`) when told to stop (SIGTERM).
import { appendFileSync } from 'node:fs';
import { createClient } from 'msgraph-ts/v1.0';
import { startBulkWorker } from 'msgraph-ts/bulk';

const env = (name: string): string | undefined => process.env[name];
const number = (name: string): number | undefined => (env(name) ? Number(env(name)) : undefined);
const trace = env('BULK_TRACE');

/** Which mailbox a request is for: its path, or a $batch's first item (a batch holds one mailbox's items). */
async function mailboxOf(request: Request): Promise<string> {
  const path = new URL(request.url).pathname.endsWith('/$batch')
    ? ((await request.clone().json()) as { requests: { url: string }[] }).requests[0]!.url
    : new URL(request.url).pathname;
  return decodeURIComponent(/\/users\/([^/?]+)/.exec(path)?.[1] ?? '');
}

const tracingFetch = async (request: Request): Promise<Response> => {
  const mailbox = await mailboxOf(request);
  const started = Date.now();
  try {
    return await fetch(request);
  } finally {
    appendFileSync(trace!, `${process.pid}\t${mailbox}\t${started}\t${Date.now()}\n`);
  }
};

const client = createClient({ baseUrl: env('BULK_GRAPH')!, ...(trace ? { fetch: tracingFetch } : {}) });
const concurrency = number('BULK_CONCURRENCY');
const lockMs = number('BULK_LOCK_MS');
const leaseMs = number('BULK_LEASE_MS');
const batchSize = number('BULK_BATCH_SIZE');
const worker = await startBulkWorker({
  client, redis: env('BULK_REDIS')!, ...(env('BULK_PREFIX') ? { prefix: env('BULK_PREFIX')! } : {}),
  ...(concurrency ? { concurrency } : {}), ...(lockMs ? { lockMs } : {}), ...(leaseMs ? { leaseMs } : {}), ...(batchSize ? { batchSize } : {}),
});
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker.close().then(() => {
    clearInterval(sampler);
    process.stdout.write(`peakRssMiB ${Math.round(peak / 2 ** 20)}\n`);
    process.exit(0);
  });
});
