// The import's per-item checkpoints: a file is marked `sending` before the batch holding it leaves, then
// `ok` (with the new message's id), `failed` (nothing was created: safe to send again) or `unknown`. A
// worker that died between the two leaves `sending`, which a resumed import reports as outcome-unknown
// instead of creating the message a second time. Kept in a JSON-lines file per mailbox in one process,
// in a Redis hash per mailbox across workers.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeName } from './layout.js';

export type ItemState = 'sending' | 'unknown' | 'failed' | `ok ${string}`;

export interface Journal {
  /** Each file's last state, by its path relative to the mailbox's directory. */
  load(mailbox: string): Promise<Map<string, ItemState>>;
  set(mailbox: string, entries: readonly (readonly [string, ItemState])[]): Promise<void>;
}

export class FileJournal implements Journal {
  constructor(private readonly dir: string) {}

  private file(mailbox: string): string {
    return join(this.dir, `${safeName(mailbox)}.jsonl`);
  }

  async load(mailbox: string): Promise<Map<string, ItemState>> {
    const text = await readFile(this.file(mailbox), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const states = new Map<string, ItemState>();
    for (const line of text.split('\n')) {
      // A line cut short by a crash is the last one; what it said never reached anyone else.
      try {
        const [file, state] = JSON.parse(line) as [string, ItemState];
        states.set(file, state);
      } catch { /* a torn or empty line */ }
    }
    return states;
  }

  async set(mailbox: string, entries: readonly (readonly [string, ItemState])[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file(mailbox), entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }
}

/** The two commands the journal uses (an ioredis client has them), so its type needs no ioredis installed. */
export interface HashCommands {
  hgetall(key: string): Promise<Record<string, string>>;
  hset(key: string, fields: Record<string, string>): Promise<unknown>;
}

export class RedisJournal implements Journal {
  constructor(private readonly redis: HashCommands, private readonly prefix: string) {}

  async load(mailbox: string): Promise<Map<string, ItemState>> {
    return new Map(Object.entries(await this.redis.hgetall(`${this.prefix}${mailbox}`)) as [string, ItemState][]);
  }

  async set(mailbox: string, entries: readonly (readonly [string, ItemState])[]): Promise<void> {
    if (entries.length > 0) await this.redis.hset(`${this.prefix}${mailbox}`, Object.fromEntries(entries));
  }
}
