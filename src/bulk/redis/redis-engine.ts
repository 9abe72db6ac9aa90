// The shaping engine shared by every worker over Redis: the same limits as the in-process MemoryEngine
// (4 in flight per mailbox with batch items counted, 10,000 requests / 10 min, 30 sends / min, 150 MB /
// 5 min, the app-wide budget), checked and charged in one Lua script (scripts.ts), so two workers never
// both take the last slot. A Retry-After pause is a key every worker reads: a mailbox's 429 holds that
// mailbox everywhere, an app-wide 429 holds all. Slots are leases, renewed while held, so a worker killed
// mid-request gives its slots back when the lease runs out rather than never.
//
//   const engine = await RedisEngine.connect('redis://127.0.0.1:6379');
//   const bulk = createBulk(client, { engine });
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { abortable, sleep } from '../../timeout.js';
import type { Cost, Release, ShapingEngine } from '../engine.js';
import { resolveLimits, type BulkLimits } from '../limits.js';
import type { RedisConnection } from './load.js';
import { connect } from './peers.js';
import { ADMIT, PAUSE, RELEASE, RENEW } from './scripts.js';

export interface RedisEngineOptions {
  /** Graph's limits by default; every worker sharing a prefix must use the same. */
  limits?: Partial<BulkLimits>;
  /** Key prefix: engines with the same prefix share their counts. @default 'msgraph-ts:bulk:' */
  prefix?: string;
  /** How long a slot outlives a worker that stopped renewing it (killed). @default 30_000 */
  leaseMs?: number;
}

const SEND_WINDOW_MS = 60_000;
/** The in-process engine's margin for a server that sees a request later than it was admitted (rolling-window.ts). */
const SKEW_MS = 250;
/** How often a waiter looks again without being told of a release (a lease that ran out, a lost message). */
const POLL_MS = 100;

interface Scripts {
  admit(...args: (string | number)[]): Promise<number>;
  release(...args: (string | number)[]): Promise<number>;
  renew(...args: (string | number)[]): Promise<number>;
  pauseUntil(...args: (string | number)[]): Promise<number>;
}

export class RedisEngine implements ShapingEngine {
  readonly limits: BulkLimits;
  private readonly prefix: string;
  private readonly leaseMs: number;
  /** Leases this process holds, by slots key, for renewal. */
  private readonly held = new Map<string, Set<string>>();
  /** Admissions of this process waiting for a slot, by mailbox; a release anywhere wakes them. */
  private readonly waiting = new Map<string, Set<() => void>>();
  /** Pauses this process set, seen at once (Redis hears of them a round trip later). */
  private readonly localPauses = new Map<string | undefined, number>();
  private readonly renewer: NodeJS.Timeout;
  private readonly pending = new Set<Promise<unknown>>();

  private constructor(private readonly redis: Redis & Scripts, private readonly subscriber: Redis, options: RedisEngineOptions) {
    this.limits = resolveLimits(options.limits);
    this.prefix = options.prefix ?? 'msgraph-ts:bulk:';
    this.leaseMs = options.leaseMs ?? 30_000;
    this.renewer = setInterval(() => this.renew(), this.leaseMs / 3).unref();
    subscriber.on('message', (_channel: string, mailbox: string) => this.wake(mailbox));
  }

  /** Connects to Redis (two connections: commands, and release notices). Needs `ioredis` installed. */
  static async connect(connection: RedisConnection, options: RedisEngineOptions = {}): Promise<RedisEngine> {
    // Checked before connecting: a refused option must not leave a connection retrying behind it.
    resolveLimits(options.limits);
    if (options.leaseMs !== undefined && !(options.leaseMs >= 1000)) throw new TypeError(`leaseMs must be at least 1000 (a slot must outlive a request), got ${String(options.leaseMs)}.`);
    const redis = await connect(connection) as Redis & Scripts;
    const subscriber = redis.duplicate();
    redis.defineCommand('admit', { numberOfKeys: 7, lua: ADMIT });
    redis.defineCommand('release', { numberOfKeys: 1, lua: RELEASE });
    redis.defineCommand('renew', { numberOfKeys: 1, lua: RENEW });
    redis.defineCommand('pauseUntil', { numberOfKeys: 1, lua: PAUSE });
    const engine = new RedisEngine(redis, subscriber, options);
    await subscriber.subscribe(engine.channel);
    return engine;
  }

  private get channel(): string {
    return `${this.prefix}released`;
  }

  private key(mailbox: string | undefined, what: string): string {
    return mailbox === undefined ? `${this.prefix}app:${what}` : `${this.prefix}mailbox:${mailbox}:${what}`;
  }

  async admit(mailbox: string, cost: Cost, signal?: AbortSignal): Promise<Release> {
    const l = this.limits;
    const slots = Math.min(Math.max(1, cost.slots), l.mailboxConcurrency);
    const over = ([['requestsPerWindow', cost.requests], ['appRequestsPerWindow', cost.requests], ['sendsPerMinute', cost.sends], ['uploadBytesPerWindow', cost.uploadBytes]] as const)
      .find(([name, amount]) => amount > l[name]);
    if (over) throw new RangeError(`One request to ${mailbox} needs ${over[1]} of ${over[0]}, more than the whole limit (${l[over[0]]}): split it.`);
    const lim = (n: number): number => (n === Infinity ? -1 : n);
    const lease = randomUUID();
    const slotsKey = this.key(mailbox, 'slots');
    for (;;) {
      signal?.throwIfAborted();
      const local = Math.max(this.localPauses.get(mailbox) ?? 0, this.localPauses.get(undefined) ?? 0) - Date.now();
      const result = local > 0 ? local : Number(await this.redis.admit(
        slotsKey, this.key(mailbox, 'requests'), this.key(mailbox, 'sends'), this.key(mailbox, 'uploads'), this.key(undefined, 'requests'),
        this.key(mailbox, 'pause'), this.key(undefined, 'pause'),
        lease, slots, lim(l.mailboxConcurrency), this.leaseMs, SKEW_MS,
        cost.requests, lim(l.requestsPerWindow), l.requestWindowMs,
        cost.sends, lim(l.sendsPerMinute), SEND_WINDOW_MS,
        cost.uploadBytes, lim(l.uploadBytesPerWindow), l.uploadWindowMs,
        cost.requests, lim(l.appRequestsPerWindow), l.appWindowMs,
      ));
      if (result === 0) return this.hold(mailbox, slotsKey, `${lease}|${slots}`);
      // A window or a pause: sleep it out. No slot: wait for a release (told by any worker), or look again soon.
      await (result > 0 ? sleep(result, signal) : this.released(mailbox, signal));
    }
  }

  pause(mailbox: string | undefined, ms: number): void {
    this.localPauses.set(mailbox, Math.max(this.localPauses.get(mailbox) ?? 0, Date.now() + ms));
    this.track(this.redis.pauseUntil(this.key(mailbox, 'pause'), ms));
  }

  /** Closes both connections, once the pauses and releases under way have reached Redis. */
  async close(): Promise<void> {
    clearInterval(this.renewer);
    await Promise.allSettled([...this.pending]);
    await Promise.allSettled([this.subscriber.quit(), this.redis.quit()]);
  }

  private hold(mailbox: string, slotsKey: string, member: string): Release {
    const leases = this.held.get(slotsKey) ?? new Set<string>();
    this.held.set(slotsKey, leases.add(member));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      leases.delete(member);
      if (leases.size === 0) this.held.delete(slotsKey);
      this.wake(mailbox);
      this.track(this.redis.release(slotsKey, member, this.channel, mailbox));
    };
  }

  private released(mailbox: string, signal?: AbortSignal): Promise<void> {
    return abortable(signal, (done) => {
      let set = this.waiting.get(mailbox);
      if (!set) this.waiting.set(mailbox, (set = new Set()));
      const waiters = set;
      const timer = setTimeout(() => wake(), POLL_MS);
      const wake = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.waiting.get(mailbox) === waiters) this.waiting.delete(mailbox);
        done();
      };
      waiters.add(wake);
      return () => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
    });
  }

  private wake(mailbox: string): void {
    for (const wake of [...(this.waiting.get(mailbox) ?? [])]) wake();
  }

  private renew(): void {
    for (const [slotsKey, leases] of this.held) {
      if (leases.size > 0) this.track(this.redis.renew(slotsKey, this.leaseMs, ...leases));
    }
  }

  /** Commands sent without waiting (release, pause, renew): kept until settled, so close() can wait for them. */
  private track(command: Promise<unknown>): void {
    const p = command.catch(() => undefined).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}
