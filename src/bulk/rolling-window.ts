// A rolling window counted in buckets (a twentieth of the window each), so a mailbox's 10,000-request
// window costs 20 numbers, not 10,000 timestamps. A bucket counts for as long as any part of it is
// inside the window: the count errs high, never low, so work shaped by it stays under a server that
// counts exactly (the emulator, and presumably Graph).

const BUCKETS = 20;

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
      if (excess <= 0) return this.starts[i]! + this.bucketMs + this.windowMs - now;
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

  /** A bucket leaves once its end is a whole window old. */
  private expire(now: number): void {
    while (this.starts.length > 0 && this.starts[0]! + this.bucketMs + this.windowMs <= now) {
      this.starts.shift();
      this.total -= this.amounts.shift()!;
    }
  }
}
