// What the workflows take as content: a file path or bytes. A path is checked before anything is sent, so
// a typo is a WorkflowError naming the path, not a half-made draft or an empty upload.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { WorkflowError } from './errors.js';

/** A local file's path, or the content itself. */
export type Content = string | Uint8Array;

export interface CheckedContent {
  source: Content;
  size: number;
  /** The file's own name for a path; undefined for bytes. */
  name: string | undefined;
}

export async function checkContent(content: Content, what: string): Promise<CheckedContent> {
  if (content instanceof Uint8Array) return { source: content, size: content.byteLength, name: undefined };
  if (typeof content !== 'string' || content === '') throw new WorkflowError('invalidArgument', `${what} needs a file path or bytes (a Uint8Array); got ${typeof content === 'string' ? 'an empty path' : typeof content}.`);
  const info = await stat(content).catch((error: NodeJS.ErrnoException) => {
    throw new WorkflowError('fileNotFound', `${what}: there is no file at ${content} (${error.code}). Check the path, relative to ${process.cwd()}.`, { cause: error });
  });
  if (!info.isFile()) throw new WorkflowError('fileNotFound', `${what}: ${content} is not a file. Give the path of a file, or its bytes.`);
  return { source: content, size: info.size, name: basename(content) };
}
