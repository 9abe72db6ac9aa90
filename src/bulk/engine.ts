// The shaping engine: what bulk work asks before each request. The in-process default (MemoryEngine)
// keeps its counts in memory; an engine shared by several processes (e.g. over Redis) implements the
// same two calls, so the bulk operations never change with where the counts live.

/** What one request (or one `$batch` of items to one mailbox) costs against the limits. */
export interface Cost {
  /** Mailbox slots held while it is in flight: a `$batch` holds one per item of its widest wave, at most the limit. */
  slots: number;
  /** Requests charged to the mailbox's and the app's windows (a `$batch` counts its items). */
  requests: number;
  /** Messages it sends (sendMail, send). */
  sends: number;
  /** Request body bytes it uploads. */
  uploadBytes: number;
}

/** Gives back what an admission held (its slots); called once, when the response is in. */
export type Release = () => void;

export interface ShapingEngine {
  /** Waits until the mailbox (and the app) may take `cost` now, takes it, and returns how to give the slots back. */
  admit(mailbox: string, cost: Cost, signal?: AbortSignal): Promise<Release>;
  /** A Retry-After: holds the mailbox's requests for `ms`, or every request of the app when `mailbox` is undefined. */
  pause(mailbox: string | undefined, ms: number): void;
}
