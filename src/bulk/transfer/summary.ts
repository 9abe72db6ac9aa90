// What an export or import reports: per mailbox, and as it goes (the CLI draws its bars from these).

/** One mailbox's count, final or so far. */
export interface MailboxCount {
  mailbox: string;
  /** Messages found (export) or files found (import); 0 until listed. */
  total: number;
  /** Done by this run. */
  ok: number;
  /** Done by an earlier run (the file is there; the journal says ok). */
  skipped: number;
  /** Not done; nothing happened (safe to run again). */
  failed: number;
  /** Maybe done: the answer was lost (look before doing it again; a re-run does not resend it). */
  unknown: number;
}

export interface MailboxSummary extends MailboxCount {
  /** `failed`: the mailbox itself could not be worked (not found, its listing failed); see `error`. */
  status: 'done' | 'failed';
  error?: string;
  /** The first few items' errors, `<item>: <message>`. */
  errors: string[];
}

export interface TransferSummary {
  mailboxes: MailboxSummary[];
  ok: number;
  skipped: number;
  failed: number;
  unknown: number;
}

export interface TransferProgress {
  /** The mailbox this report is about, as far as it has got. */
  mailbox: MailboxCount & { state: 'working' | 'done' | 'failed' };
  overall: { mailboxes: number; mailboxesDone: number; total: number; done: number };
}

export const emptyCount = (mailbox: string): MailboxCount => ({ mailbox, total: 0, ok: 0, skipped: 0, failed: 0, unknown: 0 });

export const MAX_ERRORS = 10;

export function summarize(mailboxes: MailboxSummary[]): TransferSummary {
  const sum = (k: 'ok' | 'skipped' | 'failed' | 'unknown'): number => mailboxes.reduce((n, m) => n + m[k], 0);
  return { mailboxes, ok: sum('ok'), skipped: sum('skipped'), failed: sum('failed'), unknown: sum('unknown') };
}

/** Overall progress from the latest count of every mailbox. */
export class ProgressBoard {
  private readonly counts = new Map<string, MailboxCount & { state: 'working' | 'done' | 'failed' }>();

  constructor(private readonly mailboxes: number, private readonly listener?: (p: TransferProgress) => void) {}

  update(count: MailboxCount, state: 'working' | 'done' | 'failed'): void {
    const mailbox = { ...count, state };
    this.counts.set(count.mailbox, mailbox);
    if (!this.listener) return;
    let total = 0;
    let done = 0;
    let mailboxesDone = 0;
    for (const c of this.counts.values()) {
      total += c.total;
      done += c.ok + c.skipped + c.failed + c.unknown;
      if (c.state !== 'working') mailboxesDone++;
    }
    this.listener({ mailbox, overall: { mailboxes: this.mailboxes, mailboxesDone, total, done } });
  }
}
