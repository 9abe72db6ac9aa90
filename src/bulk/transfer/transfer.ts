// Export and import of whole mailboxes as `.eml` files, the functions behind `msgraph-ts export` and
// `import`: in this process by default (shaped by a MemoryEngine, or the engine given), or spread over
// BullMQ workers with `redis` (one job per mailbox; this process works `workers` of them at once too and
// waits for the rest). Re-running resumes: an export skips the files that are there, an import the items
// its journal has as done, and reports (never resends) those whose answer was lost.
//
//   const summary = await exportMailboxes({ client, mailboxes, outDir: 'export', onProgress: draw });
import { resolve } from 'node:path';
import { createBulk } from '../bulk.js';
import type { ShapingEngine } from '../engine.js';
import { resolveLimits, type BulkLimits } from '../limits.js';
import { MemoryEngine } from '../memory-engine.js';
import type { RedisConnection } from '../redis/load.js';
import { FileJournal } from './journal.js';
import { failedSummary, workMailbox, type TransferKind } from './mailbox-work.js';
import { ProgressBoard, summarize, type TransferProgress, type TransferSummary } from './summary.js';

export interface TransferOptions {
  /** A client made by createClient() with app-only access to the mailboxes. Not needed with `redis` and `workers: 0`. */
  client?: unknown;
  /** User ids or principal names; repeats are worked once. */
  mailboxes: Iterable<string>;
  /** Graph's limits by default. With `redis`, every worker must use the same. */
  limits?: Partial<BulkLimits>;
  /** Where the counts live in one process. @default a MemoryEngine (ignored with `redis`, which shares them in Redis) */
  engine?: ShapingEngine;
  /** Spread the mailboxes over BullMQ workers through this Redis (needs `bullmq` and `ioredis` installed). */
  redis?: RedisConnection;
  /** Requests per `$batch` (createBulk's option). @default 4 */
  batchSize?: number;
  /** Mailboxes this process works at once; with `redis`, 0 only queues them and waits for other workers. @default 16 */
  workers?: number;
  /** Redis key and queue prefix: workers serve the runs queued under theirs. @default 'msgraph-ts' */
  prefix?: string;
  /** Per mailbox and overall, as items finish. */
  onProgress?: (progress: TransferProgress) => void;
  /**
   * Stops the run: no mailbox is started after it, requests not answered yet fail, and the run rejects with
   * the signal's reason. Files are only ever written whole, so running again resumes where this stopped.
   */
  signal?: AbortSignal;
}

export interface ExportOptions extends TransferOptions {
  /** Written as `<outDir>/<mailbox>/<folder>/<message id>.eml`. */
  outDir: string;
}

export interface ImportOptions extends TransferOptions {
  /** Read as `<inDir>/<mailbox>/<folder>/*.eml` (an export's layout); a folder the mailbox lacks is made. */
  inDir: string;
  /** Where one process keeps its checkpoints (with `redis`, they are in Redis). @default `<inDir>/.import-journal` */
  journalDir?: string;
}

/** Exports every message of every mailbox as MIME; resumable. */
export function exportMailboxes(options: ExportOptions): Promise<TransferSummary> {
  if (typeof options.outDir !== 'string' || options.outDir === '') throw new TypeError('exportMailboxes needs outDir, the directory to write <mailbox>/<folder>/<id>.eml under.');
  return transfer('export', resolve(options.outDir), options);
}

/** Imports the `.eml` files of every mailbox's directory; resumable, never creating a message twice. */
export function importMailboxes(options: ImportOptions): Promise<TransferSummary> {
  if (typeof options.inDir !== 'string' || options.inDir === '') throw new TypeError('importMailboxes needs inDir, the directory holding <mailbox>/<folder>/*.eml.');
  return transfer('import', resolve(options.inDir), options);
}

async function transfer(kind: TransferKind, dir: string, options: ExportOptions | ImportOptions): Promise<TransferSummary> {
  const mailboxes = [...new Set(options.mailboxes)];
  for (const m of mailboxes) if (typeof m !== 'string' || m === '') throw new TypeError(`mailboxes must be user ids or principal names, got ${JSON.stringify(m)}.`);
  const workers = options.workers ?? 16;
  if (!Number.isInteger(workers) || workers < (options.redis ? 0 : 1)) {
    throw new TypeError(`workers must be a whole number of at least ${options.redis ? '0 (with redis: only queue the work)' : '1'}, got ${String(workers)}.`);
  }
  const limits = resolveLimits(options.limits);
  const board = new ProgressBoard(mailboxes.length, options.onProgress);
  const { signal } = options;
  signal?.throwIfAborted();
  if (options.redis) {
    const { runOnQueue } = await import('../redis/queue.js');
    return runOnQueue({ ...options, redis: options.redis, workers, limits, kind, dir, mailboxes, board });
  }
  if (options.client === undefined) throw new TypeError(`${kind}Mailboxes needs client (a client made by createClient()).`);
  const engine = options.engine ?? new MemoryEngine(limits);
  const journal = new FileJournal((options as ImportOptions).journalDir ?? resolve(dir, '.import-journal'));
  const on = { client: options.client, engine, limits, ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(signal ? { signal } : {}) };
  const outcomes = await createBulk(options.client, { engine, limits, mailboxesInParallel: workers }).forEachMailbox(mailboxes, (mailbox) => {
    signal?.throwIfAborted();
    return workMailbox(kind, on, mailbox, dir, journal, (c) => board.update(c, 'working'));
  });
  // What was under way failed with the signal's reason: the run was stopped, not finished.
  signal?.throwIfAborted();
  const summaries = outcomes.map((o) => (o.ok ? o.value : { ...failedSummary(o.mailbox, o.error) }));
  for (const s of summaries) board.update(s, s.status);
  return summarize(summaries);
}
