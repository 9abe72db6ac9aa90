// `export`, `import` and `worker`: whole mailboxes as `.eml` files through msgraph-ts/bulk, shaped to
// Graph's per-mailbox limits, in this process or spread over BullMQ workers with --redis. Both are
// resumable (run the same command again: what is done is skipped, a write whose answer was lost is
// reported, never redone); a run that leaves items undone prints its summary and exits 1.
import { readdir, readFile } from 'node:fs/promises';
import { Option } from 'commander';
import type { TransferProgress, TransferSummary } from '../../bulk/index.js';
import { Finished, type Register } from '../command.js';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { boardBars } from '../progress.js';

const SUMMARY_VIEW = 'mailboxes[].{mailbox: mailbox, status: status, total: total, ok: ok, skipped: skipped, failed: failed, unknown: unknown, error: error}';

interface TransferFlags {
  mailboxes: string;
  workers: string;
  redis?: string;
}

const loadBulk = () => import('../../bulk/index.js');

export const bulk: Register = (program, act) => {
  const common = (command: ReturnType<typeof program.command>) => command
    .requiredOption('--mailboxes <file|all>', 'a file with one mailbox (user id or principal name) per line, or `all`')
    .option('--workers <n>', 'mailboxes worked at once by this process (with --redis, 0 only queues them)', '16')
    .addOption(new Option('--redis <url>', 'spread the mailboxes over BullMQ workers through this Redis (needs bullmq and ioredis)').env('MSGRAPH_TS_REDIS'));

  common(program.command('export')
    .description('Every message of the mailboxes as <out>/<mailbox>/<folder>/<id>.eml; run again to resume'))
    .requiredOption('--out <dir>', 'where the .eml files go')
    .action(act(async (ctx, options: TransferFlags & { out: string }) => {
      const mailboxes = options.mailboxes === 'all' ? await everyMailbox(ctx) : await mailboxesFrom(options.mailboxes);
      const [{ exportMailboxes }, common] = await Promise.all([loadBulk(), transferOptions(ctx, options, mailboxes)]);
      return finish(ctx, 'export', await withBars(ctx, 'Exporting', (onProgress) => exportMailboxes({ ...common, outDir: options.out, onProgress })));
    }, SUMMARY_VIEW));

  common(program.command('import')
    .description('The .eml files of an export (<in>/<mailbox>/<folder>/*.eml) into the mailboxes; run again to resume, never creating one twice'))
    .requiredOption('--in <dir>', 'the export to read')
    .action(act(async (ctx, options: TransferFlags & { in: string }) => {
      const mailboxes = options.mailboxes === 'all' ? await exportedMailboxes(options.in) : await mailboxesFrom(options.mailboxes);
      const [{ importMailboxes }, common] = await Promise.all([loadBulk(), transferOptions(ctx, options, mailboxes)]);
      return finish(ctx, 'import', await withBars(ctx, 'Importing', (onProgress) => importMailboxes({ ...common, inDir: options.in, onProgress })));
    }, SUMMARY_VIEW));

  program.command('worker')
    .description('Work the export and import jobs queued in Redis by `export`/`import --redis`, until Ctrl+C')
    .addOption(new Option('--redis <url>', 'the Redis the jobs are queued in').env('MSGRAPH_TS_REDIS').makeOptionMandatory())
    .option('--workers <n>', 'mailboxes worked at once', '16')
    .action(act(async (ctx, options: { redis: string; workers: string }) => {
      const { startBulkWorker } = await loadBulk();
      const worker = await startBulkWorker({ client: await ctx.client(), redis: options.redis, concurrency: count(options.workers, 1), signal: ctx.signal });
      ctx.say(`Working the jobs queued in ${redacted(options.redis)}; Ctrl+C stops (the mailboxes under way go back to the queue).`);
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
      await worker.close();
      return undefined;
    }));
};

async function transferOptions(ctx: Context, options: TransferFlags, mailboxes: string[]) {
  return {
    client: await ctx.client(), mailboxes, workers: count(options.workers, options.redis ? 0 : 1), signal: ctx.signal,
    ...(options.redis ? { redis: options.redis } : {}),
  };
}

/** Draws the bars (on a terminal) while the run goes, and ends them however it ends. */
async function withBars(ctx: Context, label: string, run: (onProgress: (p: TransferProgress) => void) => Promise<TransferSummary>): Promise<TransferSummary> {
  const bars = boardBars(ctx.io.stderr as NodeJS.WritableStream & { isTTY?: boolean }, label);
  try {
    return await run((p) => bars.update(p));
  } finally {
    bars.stop();
  }
}

/** The summary as the answer; exit code 1, and what to do, when anything was left undone. */
function finish(ctx: Context, kind: 'export' | 'import', summary: TransferSummary): TransferSummary | Finished {
  const failedMailboxes = summary.mailboxes.filter((m) => m.status === 'failed');
  for (const m of summary.mailboxes) {
    if (m.status === 'failed') ctx.say(`${m.mailbox}: ${m.error ?? 'failed'}`);
    // The first of a mailbox's item errors (the summary has up to ten), enough to see what went wrong.
    for (const e of m.errors.slice(0, 3)) ctx.say(`${m.mailbox}: ${e}`);
  }
  if (summary.failed === 0 && summary.unknown === 0 && failedMailboxes.length === 0) return summary;
  const parts = [
    failedMailboxes.length ? `${failedMailboxes.length} mailbox(es) failed` : '',
    summary.failed ? `${summary.failed} item(s) failed (running the same command again retries them)` : '',
    summary.unknown ? `${summary.unknown} item(s) may have been ${kind === 'import' ? 'created' : 'written'}: their answer was lost; look before redoing them (a re-run does not resend them)` : '',
  ].filter(Boolean);
  ctx.say(`The ${kind} is not complete: ${parts.join('; ')}.`);
  return new Finished(summary, EXIT.failed);
}

/** `all` for an export: every user of the tenant with a mailbox (a mail address), by principal name. */
async function everyMailbox(ctx: Context): Promise<string[]> {
  const names: string[] = [];
  for await (const user of (await ctx.client()).users.list({ select: ['id', 'userPrincipalName', 'mail'], signal: ctx.signal })) {
    if (user.mail) names.push(user.userPrincipalName ?? user.id);
  }
  return names;
}

/** `all` for an import: the mailboxes an export wrote (its directories; the journal's is hidden). */
async function exportedMailboxes(dir: string): Promise<string[]> {
  const { fromSafeName } = await import('../../bulk/transfer/layout.js');
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--in ${dir}: cannot read it (${error.code}); give the directory an export wrote.`);
  });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => fromSafeName(e.name));
}

/** One mailbox per line; blank lines and `#` comments are skipped. */
async function mailboxesFrom(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--mailboxes ${file}: cannot read it (${error.code}); give a file with one mailbox per line, or \`all\`.`);
  });
  const mailboxes = text.split(/\r?\n/).map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
  if (mailboxes.length === 0) throw new UsageError(`--mailboxes ${file} names no mailbox: put one user id or principal name per line.`);
  return mailboxes;
}

function count(value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--workers must be a whole number of at least ${min}, got ${value}.`);
  return n;
}

/** A Redis URL without its password, for messages. */
const redacted = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
