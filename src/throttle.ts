// Throttling shared by every request of one client. When Graph tells one request to wait (429 or 503
// with Retry-After), the others would be told the same: they wait too instead of stampeding and
// stretching the throttle. An optional concurrency limit suits bulk work against Outlook, which allows
// 4 concurrent requests per app and mailbox.
import { abortable, sleep } from './timeout.js';

export class Throttle {
  /** Epoch milliseconds before which no attempt starts. */
  #until = 0;
  #active = 0;
  readonly #waiting = new Set<() => void>();

  /** Attempts in flight at once (until their response headers). */
  readonly #maxConcurrency: number;

  /** @param maxConcurrency attempts in flight at once (until their response headers). @default Infinity */
  constructor(maxConcurrency = Infinity) {
    this.#maxConcurrency = maxConcurrency;
  }

  /** Holds every attempt of this client for `ms` from now; only ever extends the pause. */
  pause(ms: number): void {
    this.#until = Math.max(this.#until, Date.now() + ms);
  }

  /** Waits out any pause and for a free slot; call the returned function when the attempt has its response. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      const wait = this.#until - Date.now();
      if (wait > 0) {
        await sleep(wait, signal);
        continue; // the pause may have been extended meanwhile
      }
      if (this.#active < this.#maxConcurrency) {
        this.#active++;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          this.#active--;
          // Wake every waiter to re-check: one that was woken alone could abort and strand the slot.
          for (const wake of [...this.#waiting]) wake();
        };
      }
      await this.#slotFreed(signal);
    }
  }

  #slotFreed(signal?: AbortSignal): Promise<void> {
    return abortable(signal, (done) => {
      const wake = (): void => {
        this.#waiting.delete(wake);
        done();
      };
      this.#waiting.add(wake);
      return () => this.#waiting.delete(wake);
    });
  }
}
