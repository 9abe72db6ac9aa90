// The request counts that the coordinator (run.mjs) and every driver (harness.mjs) must agree on, read once
// from the environment with one set of defaults: a driver forked by run.mjs inherits the same environment.
export const int = (name, fallback) => Number(process.env[name] ?? fallback);

/** GETs of each warm-up phase (sequential, then CONCURRENCY in flight). */
export const WARMUP = int('WARMUP', 500);
/** Sequential requests per block; the 16-in-flight block is twice that. */
export const BLOCK = int('BLOCK', 250);
export const CONCURRENCY = int('CONCURRENCY', 16);
/** What one warm-up sends: WARMUP GETs sequential and WARMUP in flight, and a fifth as many sendMail. */
export const WARMUP_REQUESTS = { get: 2 * WARMUP, sendMail: Math.floor(WARMUP / 5) };
