// Throttling shared by every request of one client. When Graph tells one request to wait (429 or 503
// with Retry-After), the others would be told the same: they wait too instead of stampeding and
// stretching the throttle. An optional concurrency limit suits bulk work against Outlook, which allows
// 4 concurrent requests per app and mailbox.
import { abortable, none, sleep } from './timeout.js';

/** Ends an attempt's hold on its slot; called once. */
export type Release = () => void;

export class Throttle {
  /** Epoch milliseconds before which no attempt starts. */
  #until = 0;
  #active = 0;
  readonly #waiting = new Set<() => void>();

  /** Attempts in flight at once (until their response headers). */
  readonly #maxConcurrency: number;

  /** @param maxConcurrency attempts in flight at once (until their response headers): `Infinity` for no limit. */
  constructor(maxConcurrency: number) {
    this.#maxConcurrency = maxConcurrency;
  }

  /** Holds every attempt of this client for `ms` from now; only ever extends the pause. */
  pause(ms: number): void {
    this.#until = Math.max(this.#until, Date.now() + ms);
  }

  /**
   * A slot at once when nothing holds the attempt back (no pause, a free slot), else undefined and the
   * caller awaits `acquire`. Most attempts pass here: no promise, and without a concurrency limit
   * nothing is counted.
   */
  enter(): Release | undefined {
    if (this.#until > Date.now()) return undefined;
    if (this.#maxConcurrency === Infinity) return none; // nothing to release
    if (this.#active >= this.#maxConcurrency) return undefined;
    this.#active++;
    return () => {
      this.#active--;
      // Wake every waiter to re-check: one that was woken alone could abort and strand the slot. (A woken
      // waiter leaves the set as it is visited, which a Set's iteration allows.)
      for (const wake of this.#waiting) wake();
    };
  }

  /** Waits out any pause and for a free slot; call the returned function when the attempt has its response. */
  async acquire(signal?: AbortSignal): Promise<Release> {
    for (;;) {
      const release = this.enter();
      if (release) return release;
      const wait = this.#until - Date.now();
      // The pause may be extended meanwhile, or the slot taken by another: check again after either.
      await (wait > 0 ? sleep(wait, signal) : abortable(signal, (done) => {
        const wake = (): void => {
          this.#waiting.delete(wake);
          done();
        };
        this.#waiting.add(wake);
        return () => this.#waiting.delete(wake);
      }));
    }
  }
}
