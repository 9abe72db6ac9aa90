// The in-process shaping engine, after alcionai/corso's: a semaphore of 4 per mailbox, rolling windows
// for requests, sends and upload bytes per mailbox, one for the app, and a Retry-After fence per
// mailbox and for the app. The windows are hand-rolled (rolling-window.ts) rather than
// rate-limiter-flexible's memory limiters: those count fixed windows, which let through twice the limit
// across a window boundary, which a rolling count on the server answers with 429s. The semaphore counts
// items of a $batch, which p-limit and bottleneck (one job, one slot) do not express.
import { abortable, sleep } from '../timeout.js';
import type { Cost, Release, ShapingEngine } from './engine.js';
import { resolveLimits, type BulkLimits } from './limits.js';
import { RollingWindow } from './rolling-window.js';

interface MailboxState {
  inFlight: number;
  pausedUntil: number;
  requests: RollingWindow;
  sends: RollingWindow;
  uploads: RollingWindow;
  /** Admissions waiting for a slot; each re-checks when woken. */
  waiting: Set<() => void>;
}

const SEND_WINDOW_MS = 60_000;

export class MemoryEngine implements ShapingEngine {
  readonly limits: BulkLimits;
  private readonly mailboxes = new Map<string, MailboxState>();
  private readonly app: RollingWindow;
  private appPausedUntil = 0;

  constructor(limits: Partial<BulkLimits> = {}) {
    this.limits = resolveLimits(limits);
    this.app = new RollingWindow(this.limits.appRequestsPerWindow, this.limits.appWindowMs);
  }

  async admit(mailbox: string, cost: Cost, signal?: AbortSignal): Promise<Release> {
    const l = this.limits;
    const state = this.state(mailbox);
    const slots = Math.min(Math.max(1, cost.slots), l.mailboxConcurrency);
    const over = ([['requestsPerWindow', cost.requests], ['appRequestsPerWindow', cost.requests], ['sendsPerMinute', cost.sends], ['uploadBytesPerWindow', cost.uploadBytes]] as const)
      .find(([name, amount]) => amount > l[name]);
    if (over) throw new RangeError(`One request to ${mailbox} needs ${over[1]} of ${over[0]}, more than the whole limit (${l[over[0]]}): split it.`);
    for (;;) {
      const now = Date.now();
      const wait = Math.max(
        state.pausedUntil - now, this.appPausedUntil - now,
        state.requests.waitFor(cost.requests, now), this.app.waitFor(cost.requests, now),
        state.sends.waitFor(cost.sends, now), state.uploads.waitFor(cost.uploadBytes, now),
      );
      if (wait <= 0 && state.inFlight + slots <= l.mailboxConcurrency) {
        state.inFlight += slots;
        state.requests.add(cost.requests, now);
        this.app.add(cost.requests, now);
        state.sends.add(cost.sends, now);
        state.uploads.add(cost.uploadBytes, now);
        return once(() => {
          state.inFlight -= slots;
          for (const wake of state.waiting) wake();
        });
      }
      // A window or a pause: sleep it out. Slots: wait for a release (a pause may come meanwhile: re-check).
      await (wait > 0 ? sleep(wait, signal) : abortable(signal, (done) => {
        const wake = (): void => {
          state.waiting.delete(wake);
          done();
        };
        state.waiting.add(wake);
        return () => state.waiting.delete(wake);
      }));
    }
  }

  pause(mailbox: string | undefined, ms: number): void {
    const until = Date.now() + ms;
    if (mailbox === undefined) this.appPausedUntil = Math.max(this.appPausedUntil, until);
    else {
      const state = this.state(mailbox);
      state.pausedUntil = Math.max(state.pausedUntil, until);
    }
  }

  /** Slots the mailbox has in flight now (for progress displays and tests). */
  inFlight(mailbox: string): number {
    return this.mailboxes.get(mailbox)?.inFlight ?? 0;
  }

  private state(mailbox: string): MailboxState {
    let state = this.mailboxes.get(mailbox);
    if (!state) {
      const l = this.limits;
      state = {
        inFlight: 0, pausedUntil: 0, waiting: new Set(),
        requests: new RollingWindow(l.requestsPerWindow, l.requestWindowMs),
        sends: new RollingWindow(l.sendsPerMinute, SEND_WINDOW_MS),
        uploads: new RollingWindow(l.uploadBytesPerWindow, l.uploadWindowMs),
      };
      this.mailboxes.set(mailbox, state);
    }
    return state;
  }
}

function once(release: () => void): Release {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
