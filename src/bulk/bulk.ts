// Bulk work on Outlook items, for one mailbox and for many (exchangelib's bulk_create, bulk_update,
// bulk_delete, move, export and upload), shaped to Graph's per-mailbox limits so that it runs at the
// speed Graph allows without provoking 429s. The engine that keeps the counts is an option: in memory
// by default; one shared by several processes implements ShapingEngine.
//
//   const bulk = createBulk(client);
//   const results = await bulk.create('adelev@contoso.com', 'contacts', [{ displayName: 'Ann' }, …]);
//   const perMailbox = await bulk.forEachMailbox(upns, (m) => bulk.exportMime(m, ids[m], `out/${m}`));
import { mkdir } from 'node:fs/promises';
import type { ShapingEngine } from './engine.js';
import { resolveLimits, type BulkLimits } from './limits.js';
import { MemoryEngine } from './memory-engine.js';
import { emlPath, exists, exportOne, importOne, readEml } from './mime.js';
import { contextOf } from './shaped-client.js';
import { at, runForMailbox, type BulkResult, type ItemHooks, type RunContext } from './run.js';

/** The Outlook item collections bulk work covers. */
export type ItemKind = 'messages' | 'events' | 'contacts';
const KINDS: ReadonlySet<string> = new Set<ItemKind>(['messages', 'events', 'contacts']);

export interface BulkOptions {
  /** Graph's limits by default; the in-process engine uses them, and the batch size follows `mailboxConcurrency`. */
  limits?: Partial<BulkLimits>;
  /** Where the counts live. @default a MemoryEngine over `limits` */
  engine?: ShapingEngine;
  /** Independent requests per `$batch`, at most `mailboxConcurrency`. @default `mailboxConcurrency` (4) */
  batchSize?: number;
  /** Mailboxes `forEachMailbox` works at once. @default 16 */
  mailboxesInParallel?: number;
  /** Stops the work: requests not answered yet fail with the signal's reason. */
  signal?: AbortSignal;
}

/** What became of one mailbox's work in `forEachMailbox`. */
export type MailboxOutcome<T> = { mailbox: string; ok: true; value: T } | { mailbox: string; ok: false; error: Error };

export interface Bulk {
  create<T = unknown>(mailbox: string, kind: ItemKind, items: readonly object[]): Promise<BulkResult<T>[]>;
  update<T = unknown>(mailbox: string, kind: ItemKind, changes: readonly { id: string; changes: object }[]): Promise<BulkResult<T>[]>;
  delete(mailbox: string, kind: ItemKind, ids: readonly string[]): Promise<BulkResult<undefined>[]>;
  /** Moves messages to a folder (an id or a well-known name such as `archive`); the value is the moved message. */
  move<T = unknown>(mailbox: string, ids: readonly string[], destinationId: string): Promise<BulkResult<T>[]>;
  /** Saves each message's MIME as `<dir>/<id>.eml`; the value is the file. `skipExisting` resumes an export. */
  exportMime(mailbox: string, ids: readonly string[], dir: string, options?: { skipExisting?: boolean } & ItemHooks<string>): Promise<BulkResult<string>[]>;
  /**
   * Creates a message from each `.eml` file, in `folderId` (default: Drafts). `beforeSend` runs before each
   * batch leaves, for a journal that must know which files may have been created.
   */
  importMime<T = unknown>(mailbox: string, files: readonly string[], options?: { folderId?: string } & ItemHooks<T>): Promise<BulkResult<T>[]>;
  /** Runs `work` for every mailbox, `mailboxesInParallel` at once; a mailbox's failure does not stop the others. */
  forEachMailbox<T>(mailboxes: Iterable<string>, work: (mailbox: string) => Promise<T>): Promise<MailboxOutcome<T>[]>;
}

export function createBulk(client: unknown, options: BulkOptions = {}): Bulk {
  const limits = resolveLimits(options.limits);
  const slotLimit = limits.mailboxConcurrency === Infinity ? 20 : limits.mailboxConcurrency;
  const batchSize = options.batchSize ?? Math.min(slotLimit, 20);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > slotLimit) {
    throw new TypeError(`batchSize must be a whole number from 1 to ${slotLimit} (the mailbox's concurrency: more items of one batch would be throttled), got ${String(batchSize)}.`);
  }
  const parallel = options.mailboxesInParallel ?? 16;
  if (!Number.isInteger(parallel) || parallel < 1) throw new TypeError(`mailboxesInParallel must be a whole number of at least 1, got ${String(parallel)}.`);
  const ctx: RunContext = {
    client, engine: options.engine ?? new MemoryEngine(limits), slotLimit, batchSize, ...(options.signal ? { signal: options.signal } : {}),
  };
  contextOf(client);
  const kindOf = (kind: ItemKind): ItemKind => {
    if (!KINDS.has(kind)) throw new TypeError(`Bulk operations work on ${[...KINDS].join(', ')}, not ${JSON.stringify(kind)}.`);
    return kind;
  };

  return {
    async create(mailbox, kind, items) {
      const k = kindOf(kind);
      return runForMailbox(ctx, mailbox, items, (m, item) => at(m, k).post(item)) as never;
    },
    async update(mailbox, kind, changes) {
      const k = kindOf(kind);
      return runForMailbox(ctx, mailbox, changes, (m, c) => at(m, k).byId(c.id).patch(c.changes)) as never;
    },
    async delete(mailbox, kind, ids) {
      const k = kindOf(kind);
      return runForMailbox(ctx, mailbox, ids, (m, id) => at(m, k).byId(id).delete()) as never;
    },
    move: (mailbox, ids, destinationId) => runForMailbox(ctx, mailbox, ids, (m, id) => at(at(m, 'messages').byId(id), 'move').post({ destinationId })) as never,
    async exportMime(mailbox, ids, dir, o = {}) {
      await mkdir(dir, { recursive: true });
      // A resumed export skips what a finished run wrote; files appear whole (mime.ts), so one that exists is done.
      const done = o.skipExisting ? await Promise.all(ids.map((id) => exists(emlPath(dir, id)))) : ids.map(() => false);
      const todo = ids.flatMap((id, i) => (done[i] ? [] : [i]));
      const hooks = o.onResult ? { onResult: (r: BulkResult<string>) => o.onResult!({ ...r, index: todo[r.index]! }) } : {};
      const sent = await runForMailbox(ctx, mailbox, todo.map((i) => ids[i]!), (m, id) => exportOne(m, id, dir), undefined, hooks);
      const results: BulkResult<string>[] = ids.map((id, index) => ({ status: 'ok', index, value: emlPath(dir, id) }));
      sent.forEach((r, k) => (results[todo[k]!] = { ...r, index: todo[k]! }));
      return results;
    },
    importMime: (mailbox, files, o = {}) => runForMailbox(ctx, mailbox, files, (m, mime: string) => importOne(m, mime, o.folderId), readEml, o as ItemHooks<unknown>) as never,
    async forEachMailbox(mailboxes, work) {
      const list = [...mailboxes];
      const outcomes = new Array<MailboxOutcome<Awaited<ReturnType<typeof work>>>>(list.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < list.length) {
          const i = next++;
          const mailbox = list[i]!;
          outcomes[i] = await work(mailbox).then((value) => ({ mailbox, ok: true as const, value: value as Awaited<typeof value> }), (error: unknown) => ({ mailbox, ok: false as const, error: error as Error }));
        }
      };
      await Promise.all(Array.from({ length: Math.min(parallel, list.length) }, worker));
      return outcomes;
    },
  };
}
