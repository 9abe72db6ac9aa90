// Where exported mail goes: `<dir>/<mailbox>/<folder>/<subfolder>/<message id>.eml`, each name made safe
// for any file system by percent-encoding what some cannot hold (`/ \ : * ? " < > |`, `%`, control
// characters, a leading dot), so a name reads as itself and decodes back exactly for the import.
import { join } from 'node:path';

export function safeName(name: string): string {
  const encoded = name.replace(/[%/\\:*?"<>|\x00-\x1f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
  return encoded.startsWith('.') ? `%2E${encoded.slice(1)}` : encoded || '%20';
}

export function fromSafeName(name: string): string {
  return decodeURIComponent(name);
}

export const mailboxDir = (root: string, mailbox: string): string => join(root, safeName(mailbox));

/** A folder path (display names from the top) as directories. */
export const folderDir = (root: string, mailbox: string, path: readonly string[]): string => join(mailboxDir(root, mailbox), ...path.map(safeName));
