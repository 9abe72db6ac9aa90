// MIME export and import of messages: `GET …/messages/{id}/$value` is the message as RFC 822 text, saved
// as `<id>.eml`; an `.eml` goes back as base64 MIME in the body of `POST …/messages` with Content-Type
// text/plain, which Graph turns into a message (a draft unless the MIME says otherwise).
import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { at, type Node } from './run.js';

/** Where a message's export goes: its id, made safe as a file name (ids carry `/`, `+`, `=` at times). */
export function emlPath(dir: string, id: string): string {
  return join(dir, `${encodeURIComponent(id)}.eml`);
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/**
 * Downloads one message's MIME to its file; written under another name first, so a file is whole or absent.
 * The request is made before the first `await`, as batch() needs.
 */
export async function exportOne(mailbox: Node, id: string, dir: string): Promise<string> {
  const response = await at(at(mailbox, 'messages').byId(id), '$value').download();
  const bytes = new Uint8Array(await response.arrayBuffer());
  const path = emlPath(dir, id);
  // A name of this writer's own: a worker that died mid-write leaves its part behind, never half a file.
  const part = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
  await writeFile(part, bytes);
  await rename(part, path);
  return path;
}

/** An `.eml` file as the body Graph takes. */
export async function readEml(file: string): Promise<string> {
  return (await readFile(file)).toString('base64');
}

/** Creates a message from base64 MIME, in `folderId` or the Drafts folder. */
export function importOne(mailbox: Node, mime: string, folderId: string | undefined): Promise<unknown> {
  const messages = folderId ? at(at(mailbox, 'mailFolders').byId(folderId), 'messages') : at(mailbox, 'messages');
  return messages.post(mime, { headers: { 'Content-Type': 'text/plain' } });
}
