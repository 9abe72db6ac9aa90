// Bulk work spread over processes and machines with BullMQ: one job per mailbox, its id made from the
// run and the mailbox, so a mailbox is queued once and worked by one worker at a time (BullMQ locks an
// active job; a worker that dies stops renewing the lock, and the job goes back to the queue for another
// worker, which resumes from the files and the journal). Every worker shapes through one RedisEngine,
// so the limits hold across all of them. A run's queuer hears progress and results through QueueEvents.
//
//   // on each worker machine
//   const worker = await startBulkWorker({ client, redis: 'redis://queue-host:6379', concurrency: 16 });
//   // where the work is asked for
//   await exportMailboxes({ mailboxes, outDir: '/shared/export', redis: 'redis://queue-host:6379', workers: 0 });
import { createHash } from 'node:crypto';
import type { ConnectionOptions, Job } from 'bullmq';
import { GRAPH_LIMITS, resolveLimits, type BulkLimits } from '../limits.js';
import { RedisJournal } from '../transfer/journal.js';
import type { ProgressBoard, MailboxCount, MailboxSummary, TransferSummary } from '../transfer/summary.js';
import { summarize } from '../transfer/summary.js';
import { failedSummary, workMailbox, type TransferKind } from '../transfer/mailbox-work.js';
import type { RedisConnection } from './load.js';
import { connect, connectionOptions, loadBullMQ } from './peers.js';
import { RedisEngine } from './redis-engine.js';

const QUEUE = 'bulk';
const DEFAULT_PREFIX = 'msgraph-ts';
/** How often a job's progress goes to Redis at most: every item would be a write and an event each. */
const PROGRESS_MS = 250;

/** ioredis's options as BullMQ types them (its own copy of the shape). */
const bullConnection = (redis: RedisConnection, blocking = false): ConnectionOptions => connectionOptions(redis, blocking) as ConnectionOptions;

interface JobData {
  kind: TransferKind;
  dir: string;
  mailbox: string;
  run: string;
}

export interface BulkWorkerOptions {
  /** A client made by createClient() with app-only access to the mailboxes. */
  client: unknown;
  redis: RedisConnection;
  /** Mailboxes this worker works at once. @default 16 */
  concurrency?: number;
  /** Graph's limits by default; every worker must use the same. */
  limits?: Partial<BulkLimits>;
  /** The queuer's `prefix`. @default 'msgraph-ts' */
  prefix?: string;
  /** How soon a job whose worker died goes to another worker (BullMQ's lock). @default 30_000 */
  lockMs?: number;
  /** How soon a dead worker's mailbox slots come back. @default 30_000 */
  leaseMs?: number;
  /** Requests per `$batch` (createBulk's option). @default 4 */
  batchSize?: number;
  /** Fails the requests of the jobs under way (their mailboxes are resumed by the next run); call close() too. */
  signal?: AbortSignal;
}

export interface BulkWorker {
  /** Stops taking jobs, lets those under way finish, and disconnects. */
  close(): Promise<void>;
}

/** Starts a worker that serves the export and import jobs queued under `prefix`. Needs bullmq and ioredis. */
export async function startBulkWorker(options: BulkWorkerOptions): Promise<BulkWorker> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`concurrency must be a whole number of at least 1, got ${String(concurrency)}.`);
  const lockMs = options.lockMs ?? 30_000;
  if (!(lockMs >= 1000)) throw new TypeError(`lockMs must be at least 1000, got ${String(lockMs)}.`);
  const limits = resolveLimits(options.limits ?? GRAPH_LIMITS);
  const { Worker } = await loadBullMQ();
  const engine = await RedisEngine.connect(options.redis, { limits, prefix: `${prefix}:shaping:`, ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) });
  const redis = await connect(options.redis);
  const worker = new Worker<JobData, MailboxSummary>(QUEUE, async (job: Job<JobData>) => {
    const { kind, dir, mailbox, run } = job.data;
    let last = 0;
    const report = (count: MailboxCount): void => {
      const now = Date.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      job.updateProgress({ ...count }).catch(() => undefined);
    };
    return workMailbox(kind, { client: options.client, engine, limits, ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(options.signal ? { signal: options.signal } : {}) }, mailbox, dir, new RedisJournal(redis, `${prefix}:journal:${run}:`), report);
  }, {
    connection: bullConnection(options.redis, true), prefix, concurrency,
    lockDuration: lockMs, stalledInterval: lockMs,
    // A job is failed only after it stalled this often: a worker killed now and then is expected.
    maxStalledCount: 10,
  });
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await engine.close();
      await redis.quit().catch(() => undefined);
    },
  };
}

export interface QueueRun {
  kind: TransferKind;
  dir: string;
  mailboxes: string[];
  redis: RedisConnection;
  client?: unknown;
  workers: number;
  limits: BulkLimits;
  prefix?: string;
  batchSize?: number;
  board: ProgressBoard;
  signal?: AbortSignal;
}

/** Queues one job per mailbox, works `workers` of them here, and waits for every one (by any worker). */
export async function runOnQueue(run: QueueRun): Promise<TransferSummary> {
  if (run.workers > 0 && run.client === undefined) throw new TypeError(`${run.kind}Mailboxes needs client to work mailboxes here (or workers: 0).`);
  const prefix = run.prefix ?? DEFAULT_PREFIX;
  const { Queue, QueueEvents } = await loadBullMQ();
  // The run is the kind and the directory: the same export again resumes it, another is another run.
  const id = createHash('sha256').update(`${run.kind}\n${run.dir}`).digest('hex').slice(0, 16);
  const jobIds = new Map(run.mailboxes.map((m) => [`${run.kind}-${id}-${encodeURIComponent(m)}`, m]));
  const events = new QueueEvents(QUEUE, { connection: bullConnection(run.redis, true), prefix });
  const queue = new Queue<JobData>(QUEUE, { connection: bullConnection(run.redis), prefix });
  const worker = run.workers > 0
    ? await startBulkWorker({
      client: run.client, redis: run.redis, concurrency: run.workers, limits: run.limits, prefix,
      ...(run.batchSize ? { batchSize: run.batchSize } : {}), ...(run.signal ? { signal: run.signal } : {}),
    })
    : undefined;
  let stop: (() => void) | undefined;
  try {
    const summaries = new Map<string, MailboxSummary>();
    const done = new Promise<void>((resolve, reject) => {
      // Stopped: stop waiting; the jobs not finished stay queued for other workers or the next run.
      stop = () => reject(run.signal!.reason);
      run.signal?.addEventListener('abort', stop, { once: true });
      const finish = (jobId: string, summary: MailboxSummary): void => {
        const mailbox = jobIds.get(jobId);
        if (mailbox === undefined || summaries.has(mailbox)) return;
        summaries.set(mailbox, summary);
        run.board.update(summary, summary.status);
        if (summaries.size === jobIds.size) resolve();
      };
      events.on('progress', ({ jobId, data }) => {
        const mailbox = jobIds.get(jobId);
        if (mailbox !== undefined && !summaries.has(mailbox)) run.board.update(data as unknown as MailboxCount, 'working');
      });
      events.on('completed', ({ jobId, returnvalue }) => finish(jobId, (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as MailboxSummary));
      events.on('failed', ({ jobId, failedReason }) => {
        const mailbox = jobIds.get(jobId);
        if (mailbox !== undefined) finish(jobId, failedSummary(mailbox, new Error(failedReason)));
      });
      if (jobIds.size === 0) resolve();
    });
    // Stopped while the jobs are being queued: `await done` below still throws; nothing is left unhandled meanwhile.
    done.catch(() => {});
    await events.waitUntilReady();
    await queue.addBulk([...jobIds].map(([jobId, mailbox]) => ({
      name: run.kind, data: { kind: run.kind, dir: run.dir, mailbox, run: id },
      // Gone once finished, so running the same export again queues it again (and skips what is done).
      opts: { jobId, removeOnComplete: true, removeOnFail: true, attempts: 1 },
    })));
    await done;
    return summarize(run.mailboxes.map((m) => summaries.get(m)!));
  } finally {
    // A caller's signal outlives the run: the listener must not keep this run's state.
    if (stop) run.signal?.removeEventListener('abort', stop);
    await worker?.close();
    await Promise.allSettled([queue.close(), events.close()]);
  }
}
