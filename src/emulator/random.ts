// A small seeded PRNG. Everything the emulator invents (ids, seeded faults) comes from one of these, so a
// run with the same seed produces the same ids and the same faults, and a failing test can be replayed.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    // Avoid the all-zero state, which mulberry32 would happily keep returning zeros from.
    this.state = (seed >>> 0) || 0x9e3779b9;
  }

  /** mulberry32: uniform in [0, 1). Good spread, 32-bit state, deterministic across platforms. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  bytes(count: number): Buffer {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i++) out[i] = this.int(256);
    return out;
  }

  /** An RFC 4122 version-4 shaped GUID (the shape directory object ids have). */
  guid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
