// Exchange's per-mailbox limits (GRAPH-NOTES): per app and mailbox at most 4 requests in flight, 10,000
// requests per 10 minutes and 150 MB uploaded per 5 minutes; at most 30 messages sent per minute per
// mailbox. A request over a limit is answered 429 before it does anything, so it is always safe to retry.
// Windows roll (a request counts for exactly one window length after it arrived) and are measured on the
// emulator's clock, which tests can replace to cross them without sleeping.
import { GraphError } from '../errors.js';

export interface MailboxLimitOptions {
  /** Requests one app may have in flight against one mailbox; `0` or `Infinity` disables. @default 4 */
  mailboxConcurrency: number;
  /** Messages one mailbox may send in any 60 seconds; `0` or `Infinity` disables. @default 30 */
  sendsPerMinute: number;
  /** Requests one app may make against one mailbox in `requestWindowMs`; `0` or `Infinity` disables. @default 10_000 */
  requestsPerWindow: number;
  /** @default 600_000 (10 minutes) */
  requestWindowMs: number;
  /** Request body bytes one app may upload to one mailbox in `uploadWindowMs`; `0` or `Infinity` disables. @default 150 MB */
  uploadBytesPerWindow: number;
  /** @default 300_000 (5 minutes) */
  uploadWindowMs: number;
}

export const DEFAULT_MAILBOX_LIMITS: MailboxLimitOptions = {
  mailboxConcurrency: 4, sendsPerMinute: 30,
  requestsPerWindow: 10_000, requestWindowMs: 600_000,
  uploadBytesPerWindow: 150 * 1024 * 1024, uploadWindowMs: 300_000,
};

/** Exchange's message rate is per rolling minute. */
const SEND_WINDOW_MS = 60_000;
/** Graph suggests a second for concurrency throttling: a slot frees as soon as a request finishes. */
const CONCURRENCY_RETRY_AFTER_SECONDS = 1;

export type ThrottleReason = 'MailboxConcurrency' | 'MessageRate' | 'MailboxRequestRate' | 'MailboxUploadVolume';

/** A 429 from a mailbox limit; the pipeline logs its reason. */
export class ThrottledError extends GraphError {
  readonly reason: ThrottleReason;

  constructor(reason: ThrottleReason, message: string, retryAfterSeconds: number) {
    super(429, 'ApplicationThrottled', message, { 'retry-after': String(retryAfterSeconds) });
    this.reason = reason;
  }
}

export interface MailboxSlot {
  release(): void;
}

/** Slots kept until a `$batch` wave ends: Graph runs a wave's items side by side. */
export class SlotHolder {
  private readonly slots: MailboxSlot[] = [];

  keep(slot: MailboxSlot): void {
    this.slots.push(slot);
  }

  releaseAll(): void {
    for (const slot of this.slots.splice(0)) slot.release();
  }
}

const enabled = (limit: number): boolean => limit > 0 && Number.isFinite(limit);

export class MailboxLimits {
  private readonly options: MailboxLimitOptions;
  private readonly clock: () => Date;
  private readonly inFlight = new Map<string, number>();
  /** Send times per mailbox, oldest first, only those inside the current window. */
  private readonly sends = new Map<string, number[]>();
  /** Per app and mailbox: arrival times (and sizes) inside the rolling windows. */
  private readonly requests = new Map<string, RollingLog>();
  private readonly uploads = new Map<string, RollingLog>();

  constructor(options: Partial<MailboxLimitOptions>, clock: () => Date) {
    this.options = { ...DEFAULT_MAILBOX_LIMITS, ...options };
    this.clock = clock;
  }

  /**
   * Takes one of the app's slots on the mailbox, or throws the 429 Graph answers when none is free or a
   * window is spent. `uploadBytes` (the request body) counts against the upload volume.
   */
  enter(app: string, mailbox: string, uploadBytes = 0): MailboxSlot {
    const key = `${app}\n${mailbox}`;
    const limit = this.options.mailboxConcurrency;
    const used = this.inFlight.get(key) ?? 0;
    if (enabled(limit) && used >= limit) {
      throw new ThrottledError('MailboxConcurrency', 'Application is over its MailboxConcurrency limit.', CONCURRENCY_RETRY_AFTER_SECONDS);
    }
    // Only a request that gets its slot counts in the windows: a throttled one did nothing.
    this.checkWindows(key, uploadBytes);
    if (!enabled(limit)) return { release: () => undefined };
    this.inFlight.set(key, used + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
      },
    };
  }

  /** Charges the request to the rolling windows, or throws their 429 (nothing charged) when one is spent. */
  private checkWindows(key: string, uploadBytes: number): void {
    const now = this.clock().getTime();
    const o = this.options;
    const requests = enabled(o.requestsPerWindow) ? logOf(this.requests, key, o.requestWindowMs) : undefined;
    const uploads = enabled(o.uploadBytesPerWindow) && uploadBytes > 0 ? logOf(this.uploads, key, o.uploadWindowMs) : undefined;
    if (uploads && uploadBytes > o.uploadBytesPerWindow) {
      throw new GraphError(413, 'RequestEntityTooLarge',
        `The request uploads ${uploadBytes} bytes, more than the mailbox may take in ${o.uploadWindowMs / 1000} seconds (${o.uploadBytesPerWindow}).`);
    }
    const requestWait = requests?.waitFor(1, o.requestsPerWindow, now) ?? 0;
    if (requestWait > 0) {
      throw new ThrottledError('MailboxRequestRate',
        `Application is over its limit of ${o.requestsPerWindow} requests to this mailbox in ${o.requestWindowMs / 1000} seconds.`, seconds(requestWait));
    }
    const uploadWait = uploads?.waitFor(uploadBytes, o.uploadBytesPerWindow, now) ?? 0;
    if (uploadWait > 0) {
      throw new ThrottledError('MailboxUploadVolume',
        `Application is over its limit of ${o.uploadBytesPerWindow} bytes uploaded to this mailbox in ${o.uploadWindowMs / 1000} seconds.`, seconds(uploadWait));
    }
    requests?.add(1, now);
    uploads?.add(uploadBytes, now);
  }

  /** Throws 429 when the mailbox already sent its quota in the last minute; call before any side effect. */
  checkSend(mailbox: string): void {
    const limit = this.options.sendsPerMinute;
    if (!enabled(limit)) return;
    const recent = this.recentSends(mailbox);
    if (recent.length < limit) return;
    const waitMs = recent[0]! + SEND_WINDOW_MS - this.clock().getTime();
    throw new ThrottledError('MessageRate',
      `The mailbox has sent ${limit} messages in the last minute, Exchange Online's limit; the message was not sent.`,
      Math.max(1, Math.ceil(waitMs / 1000)));
  }

  recordSend(mailbox: string): void {
    if (!enabled(this.options.sendsPerMinute)) return;
    const recent = this.recentSends(mailbox);
    recent.push(this.clock().getTime());
    this.sends.set(mailbox, recent);
  }

  private recentSends(mailbox: string): number[] {
    const since = this.clock().getTime() - SEND_WINDOW_MS;
    return (this.sends.get(mailbox) ?? []).filter((t) => t > since);
  }
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

function logOf(logs: Map<string, RollingLog>, key: string, windowMs: number): RollingLog {
  let log = logs.get(key);
  if (!log) logs.set(key, (log = new RollingLog(windowMs)));
  return log;
}

/** Amounts with their arrival times, oldest first; entries leave once a window length old. */
class RollingLog {
  private readonly times: number[] = [];
  private readonly amounts: number[] = [];
  private head = 0;
  private total = 0;

  constructor(private readonly windowMs: number) {}

  /** Milliseconds until `amount` more fits under `limit` (0: it fits now); `amount` is at most `limit`. */
  waitFor(amount: number, limit: number, now: number): number {
    this.expire(now);
    let excess = this.total + amount - limit;
    for (let i = this.head; excess > 0 && i < this.times.length; i++) {
      excess -= this.amounts[i]!;
      if (excess <= 0) return this.times[i]! + this.windowMs - now;
    }
    return 0;
  }

  add(amount: number, now: number): void {
    this.times.push(now);
    this.amounts.push(amount);
    this.total += amount;
  }

  private expire(now: number): void {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.windowMs) {
      this.total -= this.amounts[this.head]!;
      this.head++;
    }
    // Drop the expired prefix now and then, so a long-lived log does not grow without end.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.amounts.splice(0, this.head);
      this.head = 0;
    }
  }
}
