// One mailbox's export or import, as one worker does it (in this process, or as a BullMQ job): list,
// skip what an earlier run finished, do the rest through the shaped bulk operations, count every item.
// Export is idempotent (a message's file is written whole under its id, so redoing one is harmless);
// import is not, so it goes through the journal (journal.ts).
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createBulk, type Bulk } from '../bulk.js';
import type { ShapingEngine } from '../engine.js';
import type { BulkLimits } from '../limits.js';
import { emlPath } from '../mime.js';
import type { BulkResult } from '../run.js';
import { shapedClient } from '../shaped-client.js';
import type { Journal } from './journal.js';
import { folderDir, fromSafeName, mailboxDir } from './layout.js';
import { createFolder, listFolders, listMessageIds } from './listing.js';
import { emptyCount, MAX_ERRORS, type MailboxCount, type MailboxSummary } from './summary.js';

export type TransferKind = 'export' | 'import';

export interface MailboxWork {
  client: unknown;
  bulk: Bulk;
  engine: ShapingEngine;
  slotLimit: number;
  /** Called as the count changes (often: throttle before sending it anywhere). */
  report(count: MailboxCount): void;
}

/** One mailbox, in whichever process has it: the shared part of the in-process run and a BullMQ job. */
export function workMailbox(
  kind: TransferKind, on: { client: unknown; engine: ShapingEngine; limits: BulkLimits; batchSize?: number; signal?: AbortSignal }, mailbox: string, dir: string,
  journal: Journal, report: (count: MailboxCount) => void,
): Promise<MailboxSummary> {
  const slotLimit = on.limits.mailboxConcurrency === Infinity ? 20 : on.limits.mailboxConcurrency;
  const w: MailboxWork = { client: on.client, engine: on.engine, slotLimit, report, bulk: createBulk(on.client, { engine: on.engine, limits: on.limits, ...(on.batchSize ? { batchSize: on.batchSize } : {}), ...(on.signal ? { signal: on.signal } : {}) }) };
  return kind === 'export' ? exportMailbox(w, mailbox, dir) : importMailbox(w, mailbox, dir, journal);
}

export const failedSummary = (mailbox: string, error: unknown): MailboxSummary => ({
  mailbox, total: 0, ok: 0, skipped: 0, failed: 0, unknown: 0, status: 'failed', error: (error as Error)?.message ?? String(error), errors: [],
});

export async function exportMailbox(w: MailboxWork, mailbox: string, outDir: string): Promise<MailboxSummary> {
  const count = emptyCount(mailbox);
  const errors: string[] = [];
  try {
    const shaped = shapedClient(w.client, mailbox, w.engine, w.slotLimit);
    // The folders' listings side by side too (the engine keeps them to the mailbox's 4 in flight).
    const listed = await Promise.all((await listFolders(shaped, mailbox)).map(async (folder) => ({ folder, ids: await listMessageIds(shaped, mailbox, folder.id) })));
    const folders = [];
    for (const { folder, ids } of listed) {
      const dir = folderDir(outDir, mailbox, folder.path);
      await mkdir(dir, { recursive: true });
      const present = new Set<string>();
      for (const name of await readdir(dir)) {
        // A part is what a worker that died mid-write left; only one worker has this mailbox now.
        if (name.endsWith('.part')) await unlink(join(dir, name)).catch(() => undefined);
        else present.add(join(dir, name));
      }
      const todo = ids.filter((id) => !present.has(emlPath(dir, id)));
      count.total += ids.length;
      count.skipped += ids.length - todo.length;
      folders.push({ dir, todo });
    }
    w.report(count);
    // Every folder at once: the engine keeps the mailbox to its 4 in flight, and no folder's tail idles the rest.
    await Promise.all(folders.map(({ dir, todo }) => w.bulk.exportMime(mailbox, todo, dir, {
      onResult: (r) => tally(count, errors, r, todo[r.index]!, w),
    })));
    return { ...count, status: 'done', errors };
  } catch (error) {
    return { ...count, status: 'failed', error: (error as Error).message, errors };
  }
}

export async function importMailbox(w: MailboxWork, mailbox: string, inDir: string, journal: Journal): Promise<MailboxSummary> {
  const count = emptyCount(mailbox);
  const errors: string[] = [];
  try {
    const root = mailboxDir(inDir, mailbox);
    const byFolder = new Map<string, string[]>();
    for (const file of await emlFiles(root)) {
      const folder = relative(root, join(file, '..'));
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
    }
    const states = await journal.load(mailbox);
    const shaped = shapedClient(w.client, mailbox, w.engine, w.slotLimit);
    const existing = new Map((await listFolders(shaped, mailbox)).map((f) => [f.path.join('/'), f.id]));
    const work: { folderId: string; files: string[] }[] = [];
    for (const [folder, files] of byFolder) {
      const path = folder === '' ? [] : folder.split(sep).map(fromSafeName);
      const folderId = path.length === 0 ? undefined : await folderIdFor(shaped, mailbox, path, existing);
      const todo: string[] = [];
      for (const file of files) {
        const state = states.get(key(root, file));
        count.total++;
        if (state?.startsWith('ok ')) count.skipped++;
        // Sent before and never answered: doing it again could make the message twice.
        else if (state === 'sending' || state === 'unknown') {
          count.unknown++;
          if (errors.length < MAX_ERRORS) errors.push(`${key(root, file)}: a run before this one sent it and lost the answer; it may exist already (not sent again)`);
        } else todo.push(file);
      }
      if (todo.length > 0) work.push({ folderId: folderId ?? 'drafts', files: todo });
    }
    w.report(count);
    await Promise.all(work.map(({ folderId, files }) => w.bulk.importMime<{ id?: string }>(mailbox, files, {
      folderId,
      beforeSend: (indices) => journal.set(mailbox, indices.map((i) => [key(root, files[i]!), 'sending'] as const)),
      onResult: async (r) => {
        const state = r.status === 'ok' ? `ok ${r.value.id ?? ''}` as const : r.status;
        await journal.set(mailbox, [[key(root, files[r.index]!), state]]);
        tally(count, errors, r, key(root, files[r.index]!), w);
      },
    })));
    return { ...count, status: 'done', errors };
  } catch (error) {
    return { ...count, status: 'failed', error: (error as Error).message, errors };
  }
}

function tally(count: MailboxCount, errors: string[], r: BulkResult<unknown>, item: string, w: MailboxWork): void {
  count[r.status]++;
  if (r.status !== 'ok' && errors.length < MAX_ERRORS) errors.push(`${item}: ${r.error.message}`);
  w.report(count);
}

/** A file's name in the journal: its path under the mailbox's directory, with `/` on every system. */
const key = (root: string, file: string): string => relative(root, file).split(sep).join('/');

async function emlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new Error(`No directory ${dir} to import from: the import reads <inDir>/<mailbox>/<folder>/*.eml.`);
    throw error;
  });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.eml')).map((e) => join(e.parentPath, e.name)).sort();
}

/** The folder at `path`, made (and its parents) when the mailbox lacks it. */
async function folderIdFor(client: unknown, mailbox: string, path: string[], existing: Map<string, string>): Promise<string> {
  let parent: string | undefined;
  for (let depth = 1; depth <= path.length; depth++) {
    const name = path.slice(0, depth).join('/');
    let id = existing.get(name);
    if (id === undefined) existing.set(name, (id = await createFolder(client, mailbox, parent, path[depth - 1]!)));
    parent = id;
  }
  return parent!;
}
