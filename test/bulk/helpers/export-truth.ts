// What an export of the emulator's mailboxes must hold: a file per message, under its folder, and nothing
// else (no part files, nothing twice); read back from the emulator with a plain client.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createClient, type GraphClient } from 'msgraph-ts/v1.0';
import type { Emulator } from 'msgraph-ts/emulator';

const safe = (name: string): string => name.replace(/[%/\\:*?"<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);

/**
 * Every message of the mailboxes as the path its export must have, relative to the export's directory.
 * `client` is for an emulator that wants tokens; an open one is read without.
 */
export async function expectedFiles(emulator: Emulator, mailboxes: readonly string[], client: GraphClient = createClient({ baseUrl: emulator.origin, fetch: emulator.fetch })): Promise<string[]> {
  const files: string[] = [];
  for (const m of mailboxes) {
    for await (const f of client.users.byId(m).mailFolders.list({ select: ['id', 'displayName'] })) {
      for await (const msg of client.users.byId(m).mailFolders.byId(f.id!).messages.list({ select: ['id'], pageSize: 1000 })) {
        files.push(join(safe(m), safe(f.displayName!), `${encodeURIComponent(msg.id!)}.eml`));
      }
    }
  }
  return files.sort();
}

/** Every file under `dir` (dot-directories aside), relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && !relative(dir, e.parentPath).startsWith('.')).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}
