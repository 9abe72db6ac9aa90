// Exchange's per-mailbox limits (GRAPH-NOTES): at most 4 requests in flight per app and mailbox, and at
// most 30 messages sent per minute per mailbox. A request over either limit is answered 429 before it
// does anything, so it is always safe to retry. The minute is measured on the emulator's clock, which
// tests can replace to cross it without sleeping.
import { GraphError } from '../errors.js';

export interface MailboxLimitOptions {
  /** Requests one app may have in flight against one mailbox; `0` or `Infinity` disables. @default 4 */
  mailboxConcurrency: number;
  /** Messages one mailbox may send in any 60 seconds; `0` or `Infinity` disables. @default 30 */
  sendsPerMinute: number;
}

export const DEFAULT_MAILBOX_LIMITS: MailboxLimitOptions = { mailboxConcurrency: 4, sendsPerMinute: 30 };

/** Exchange's message rate is per rolling minute. */
const SEND_WINDOW_MS = 60_000;
/** Graph suggests a second for concurrency throttling: a slot frees as soon as a request finishes. */
const CONCURRENCY_RETRY_AFTER_SECONDS = 1;

export type ThrottleReason = 'MailboxConcurrency' | 'MessageRate';

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

  constructor(options: Partial<MailboxLimitOptions>, clock: () => Date) {
    this.options = { ...DEFAULT_MAILBOX_LIMITS, ...options };
    this.clock = clock;
  }

  /** Takes one of the app's slots on the mailbox, or throws the 429 Graph answers when none is free. */
  enter(app: string, mailbox: string): MailboxSlot {
    const limit = this.options.mailboxConcurrency;
    if (!enabled(limit)) return { release: () => undefined };
    const key = `${app}\n${mailbox}`;
    const used = this.inFlight.get(key) ?? 0;
    if (used >= limit) {
      throw new ThrottledError('MailboxConcurrency', 'Application is over its MailboxConcurrency limit.', CONCURRENCY_RETRY_AFTER_SECONDS);
    }
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
