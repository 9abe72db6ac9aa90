// A rolling window counted in buckets (a twentieth of the window each), so a mailbox's 10,000-request
// window costs 20 numbers, not 10,000 timestamps. A bucket counts for as long as any part of it is
// inside the window, and a margin longer: the count errs high, never low, so work shaped by it stays
// under a server that counts exactly (the emulator, and presumably Graph) even though the server sees each
// request a little after it was admitted here, some later than others (a new connection, a batch's
// later items).

const BUCKETS = 20;
/**
 * How much later than here the server may see a request than one admitted before it: a new connection's
 * set-up (the first request of a run came ~40 ms late on loopback in shaping.test.ts; TLS far away costs more).
 */
const SKEW_MS = 250;

export class RollingWindow {
  private readonly bucketMs: number;
  /** Bucket start times (epoch ms) and their amounts, oldest first. */
  private readonly starts: number[] = [];
  private readonly amounts: number[] = [];
  private total = 0;

  constructor(readonly limit: number, readonly windowMs: number) {
    this.bucketMs = Math.max(1, windowMs / BUCKETS);
  }

  /** Milliseconds until `amount` more fits (0: it fits now). `amount` must be at most `limit`. */
  waitFor(amount: number, now: number): number {
    if (this.limit === Infinity) return 0;
    this.expire(now);
    let excess = this.total + amount - this.limit;
    for (let i = 0; excess > 0 && i < this.starts.length; i++) {
      excess -= this.amounts[i]!;
      if (excess <= 0) return this.leavesAt(this.starts[i]!) - now;
    }
    return 0;
  }

  add(amount: number, now: number): void {
    if (this.limit === Infinity || amount === 0) return;
    const start = now - (now % this.bucketMs);
    if (this.starts.at(-1) === start) this.amounts[this.amounts.length - 1]! += amount;
    else {
      this.starts.push(start);
      this.amounts.push(amount);
    }
    this.total += amount;
  }

  /** A bucket leaves once its end is a whole window old, and a margin for the server's skew. */
  private leavesAt(start: number): number {
    return start + this.bucketMs + this.windowMs + SKEW_MS;
  }

  private expire(now: number): void {
    while (this.starts.length > 0 && this.leavesAt(this.starts[0]!) <= now) {
      this.starts.shift();
      this.total -= this.amounts.shift()!;
    }
  }
}
