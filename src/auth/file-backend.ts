// python-o365's FileSystemTokenBackend: the token cache in one file. The file holds refresh tokens, so it
// is created with mode 0600 (its folder 0700 when this creates it). It is never seen half-written: each
// write goes to a temporary file in the same folder, is flushed, and is renamed over the old one (rename
// is atomic), so a reader gets the old or the new cache, nothing in between. Writers in several processes
// take a lock file and merge with what is stored (see cache-merge.ts), so two processes signing in two
// users both keep their user.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { mergeCaches } from './cache-merge.js';
import { withFileLock, type LockOptions } from './file-lock.js';
import type { TokenBackend } from './token-backend.js';

export interface FileTokenBackendOptions extends LockOptions {
  /** The cache file. python-o365's default is `o365_token.txt` in the working folder. */
  path: string;
}

export class FileTokenBackend implements TokenBackend {
  readonly path: string;
  readonly #lockPath: string;
  readonly #lock: LockOptions;

  constructor(options: FileTokenBackendOptions | string) {
    const { path, ...lock } = typeof options === 'string' ? { path: options } : options;
    this.path = resolve(path);
    this.#lockPath = `${this.path}.lock`;
    this.#lock = lock;
  }

  async load(): Promise<string | undefined> {
    try {
      const text = await readFile(this.path, 'utf8');
      return text.trim() === '' ? undefined : text;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async save(cache: string, loaded: string | undefined): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await withFileLock(this.#lockPath, async () => {
      const current = await this.load();
      await this.#write(current === loaded ? cache : mergeCaches(loaded, cache, current));
    }, this.#lock);
  }

  async clear(): Promise<void> {
    await withFileLock(this.#lockPath, async () => {
      await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }, this.#lock).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // no folder: nothing to clear
    });
  }

  async #write(text: string): Promise<void> {
    const temporary = join(dirname(this.path), `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync(); // on disk before the rename makes it the cache
    } finally {
      await handle.close();
    }
    try {
      // The umask may have narrowed the mode further; it can never widen it, but make it exact.
      await chmod(temporary, 0o600);
      await rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
  }
}
