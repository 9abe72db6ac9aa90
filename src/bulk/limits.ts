// Graph's limits for Outlook work (GRAPH-NOTES, Microsoft's throttling docs) as options, with Graph's
// values as defaults. Bulk work shaped under them never provokes the 429s it would otherwise retry.

export interface BulkLimits {
  /** Requests (and `$batch` items) one app has in flight against one mailbox. @default 4 */
  mailboxConcurrency: number;
  /** Requests one app makes against one mailbox in `requestWindowMs`. @default 10_000 */
  requestsPerWindow: number;
  /** @default 600_000 (10 minutes) */
  requestWindowMs: number;
  /** Messages one mailbox sends in any minute (Exchange Online). @default 30 */
  sendsPerMinute: number;
  /** Request body bytes one app uploads to one mailbox in `uploadWindowMs`. @default 150 MB */
  uploadBytesPerWindow: number;
  /** @default 300_000 (5 minutes) */
  uploadWindowMs: number;
  /** Requests the whole app makes in `appWindowMs`, across mailboxes (Graph's global limit per app). @default 130_000 */
  appRequestsPerWindow: number;
  /** @default 10_000 (10 seconds) */
  appWindowMs: number;
}

export const GRAPH_LIMITS: Readonly<BulkLimits> = Object.freeze({
  mailboxConcurrency: 4,
  requestsPerWindow: 10_000,
  requestWindowMs: 600_000,
  sendsPerMinute: 30,
  uploadBytesPerWindow: 150 * 1024 * 1024,
  uploadWindowMs: 300_000,
  appRequestsPerWindow: 130_000,
  appWindowMs: 10_000,
});

/** Graph's limits with the given ones over them; a limit that is not a positive number is refused. */
export function resolveLimits(given: Partial<BulkLimits> = {}): BulkLimits {
  const limits = { ...GRAPH_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !(value > 0)) {
      throw new TypeError(`Bulk limit ${name} must be a positive number (Infinity for none), got ${String(value)}; leave it out for Graph's ${String(GRAPH_LIMITS[name as keyof BulkLimits])}.`);
    }
  }
  if (!Number.isInteger(limits.mailboxConcurrency) && limits.mailboxConcurrency !== Infinity) {
    throw new TypeError(`Bulk limit mailboxConcurrency must be a whole number, got ${limits.mailboxConcurrency}.`);
  }
  return limits;
}
