// A lock file shared by processes on one machine: `open(path, 'wx')` creates it only if nobody holds it,
// which every OS and local file system makes atomic. A holder that died leaves its lock behind, so a lock
// whose process is gone, or that is older than any real holder could be (writes take milliseconds), is
// stale and broken. Breaking goes through a rename (atomic: only one waiter wins it) followed by a check
// that what was renamed is the stale lock that was judged, so a waiter never deletes a lock someone
// else took a moment earlier.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { AuthError } from './errors.js';

export interface LockOptions {
  /** Give up after this long. @default 10000 */
  timeoutMs?: number;
  /** A lock older than this is stale even if its process seems alive (pid reuse, another machine). @default 30000 */
  staleMs?: number;
}

/** Runs `work` while holding the lock at `path`. */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquire(path, options.timeoutMs ?? 10_000, options.staleMs ?? 30_000);
  try {
    return await work();
  } finally {
    await release();
  }
}

async function acquire(path: string, timeoutMs: number, staleMs: number): Promise<() => Promise<void>> {
  const owner = `${process.pid} ${Date.now()} ${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(owner);
      await handle.close();
      return async () => {
        // Only remove our own lock: if it was (wrongly) broken as stale, it is someone else's now.
        if ((await readFile(path, 'utf8').catch(() => '')) === owner) await unlink(path).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await breakIfStale(path, staleMs);
    if (Date.now() > deadline) {
      throw new AuthError('cache_locked', `The token cache lock ${path} has been held for over ${timeoutMs} ms: another process is using the cache, or remove the lock file if none is.`);
    }
    // Short, growing, jittered waits: holders keep the lock for a few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** Math.min(attempt, 5), 100) * (0.5 + Math.random())));
  }
}

async function breakIfStale(path: string, staleMs: number): Promise<void> {
  const seen = await readFile(path, 'utf8').catch(() => undefined);
  if (seen === undefined) return; // released meanwhile
  if (!(await isStale(path, seen, staleMs))) return;
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return; // another waiter broke it first, or it was released
  }
  const taken = await readFile(aside, 'utf8').catch(() => '');
  if (taken === seen) {
    await unlink(aside).catch(() => {});
    return;
  }
  // We moved a lock taken after our check: put it back (link fails if someone holds the path already).
  await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

async function isStale(path: string, content: string, staleMs: number): Promise<boolean> {
  const [pid, since] = content.split(' ').map(Number);
  // Half-written (its holder is between open and write, or died there): judge by the file's age.
  if (!Number.isFinite(since)) {
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > staleMs;
  }
  if (Date.now() - (since ?? 0) > staleMs) return true;
  return pid !== undefined && Number.isInteger(pid) && !processAlive(pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
