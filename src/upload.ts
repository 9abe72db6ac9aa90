// Large file uploads: OneDrive/SharePoint files through `createUploadSession` and Outlook attachments
// through `attachments/createUploadSession`, with a single request when the file is small enough. The
// targets are typed by what is called on them, so any generated builder with `createUploadSession` and
// `content` (or `post`) fits, from any path (`me.drive.root.byPath(…)`, `sites.byId(…).drive.items.byId(…)`).
import { SENDER, type Sender } from './builder.js';
import { openSource, type ChunkReader, type UploadSource } from './upload-source.js';
import { runSession, UploadError, type UploadFetch } from './upload-session.js';
import type { BodyInit } from './fetch-types.js';

export { UploadError, type UploadErrorCode, type UploadFetch } from './upload-session.js';
export type { UploadSource } from './upload-source.js';

/** Drive fragments must be multiples of 320 KiB (327,680 bytes), except the last. */
export const FRAGMENT_MULTIPLE = 327_680;
/** Graph refuses fragments of 60 MiB or more. */
const MAX_DRIVE_CHUNK = 60 * 1024 * 1024;
/** At or below this, a drive file goes in one `PUT …/content` (Graph's long-documented simple-upload limit). */
export const SIMPLE_UPLOAD_MAX = 4 * 1024 * 1024;
/** Outlook takes one POST of a file attachment only below 3 MB; larger ones need a session. */
export const ATTACHMENT_POST_MAX = 3_000_000;
/** Outlook attachment chunks carry at most 4 MiB. */
const MAX_ATTACHMENT_CHUNK = 4 * 1024 * 1024;

/** What an upload session answers on creation (`UploadSession` in the generated model). */
export interface UploadSessionInfo {
  uploadUrl?: string | null;
  expirationDateTime?: string | null;
  nextExpectedRanges?: string[];
}

interface Signalled {
  signal?: AbortSignal;
}

/** A drive item builder, as uploadFile uses it: `client.me.drive.root.byPath('Docs/big.bin')`. */
export interface DriveUploadTarget {
  content: { upload(body: BodyInit, options?: Signalled & { contentType?: string }): Promise<unknown> };
  createUploadSession: {
    post(body: { item?: { '@microsoft.graph.conflictBehavior'?: string } | null }, options?: Signalled): Promise<UploadSessionInfo>;
  };
  /** Used only to find the file when the last chunk's answer was lost. */
  get?(options?: Signalled): Promise<unknown>;
}

/** An attachments collection builder: `client.me.messages.byId(id).attachments`. */
export interface AttachmentUploadTarget {
  post(body: Record<string, unknown>, options?: Signalled): Promise<unknown>;
  createUploadSession: {
    post(body: { attachmentItem: { attachmentType: 'file'; name: string; size: number; contentType?: string; isInline?: boolean; contentId?: string } }, options?: Signalled): Promise<UploadSessionInfo>;
  };
}

export interface UploadOptions {
  /** The fetch for the pre-authenticated uploadUrl; it never gets an Authorization header. @default the client's own (its `fetch` or `proxy`), without its token */
  fetch?: UploadFetch;
  /** Bytes per request: a multiple of 320 KiB (327,680 B), below 60 MiB; anything else is a TypeError. @default 10 × 320 KiB = 3,276,800 B (3.125 MiB) */
  chunkSize?: number;
  /** Called after each accepted chunk with the bytes the server has, never decreasing, ending at `total`. */
  onProgress?: (sent: number, total: number) => void;
  /** Required for a stream source (the total goes in every Content-Range); checked against other sources. */
  size?: number;
  /** Stops the upload and cancels its session; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Attempts per chunk after a transient failure (connection dropped, 5xx, 429, 416) before giving up. @default 5 */
  maxChunkRetries?: number;
}

export interface UploadFileOptions extends UploadOptions {
  /**
   * What happens when the name is taken. Only an upload session carries it, so a small file given one goes
   * through a session too. @default Graph's default ('replace' for a path that names the file)
   */
  conflictBehavior?: 'rename' | 'replace' | 'fail';
}

export interface UploadAttachmentOptions extends UploadOptions {
  /** The attachment's file name. */
  name: string;
  /** @default 'application/octet-stream' */
  contentType?: string;
  /** An inline attachment (an image in the HTML body, referenced by `contentId`). @default false */
  isInline?: boolean;
  contentId?: string;
  /** As for files, and at most 4 MiB. @default 12 × 320 KiB = 3,932,160 B (3.75 MiB) */
  chunkSize?: number;
}

/** The uploaded drive item, as Graph returned it. */
export interface UploadedItem {
  id?: string;
  name?: string;
  size?: number;
  [property: string]: unknown;
}

/** The new attachment: its id, and for a session upload the `Location` Outlook answered with. */
export interface UploadedAttachment {
  id: string | undefined;
  location?: string;
  [property: string]: unknown;
}

const DEFAULT_DRIVE_CHUNK = 10 * FRAGMENT_MULTIPLE;
const DEFAULT_ATTACHMENT_CHUNK = 12 * FRAGMENT_MULTIPLE;
const DEFAULT_MAX_CHUNK_RETRIES = 5;

/**
 * Uploads a file to OneDrive/SharePoint: one `PUT …/content` when it is at most 4 MiB (or smaller than one
 * chunk), otherwise an upload session whose chunks resume after dropped connections and server errors.
 */
export async function uploadFile(target: DriveUploadTarget, source: UploadSource, options: UploadFileOptions = {}): Promise<UploadedItem> {
  const chunkSize = checkChunkSize(options.chunkSize ?? DEFAULT_DRIVE_CHUNK, MAX_DRIVE_CHUNK - 1, 'below 60 MiB');
  const maxChunkRetries = checkRetries(options.maxChunkRetries);
  options.signal?.throwIfAborted();
  const reader = await openSource(source, options.size);
  try {
    const total = reader.size;
    const simple = (total <= SIMPLE_UPLOAD_MAX || total < chunkSize) && (options.conflictBehavior === undefined || total === 0);
    if (simple) {
      const bytes = await reader.read(0, total);
      const item = await target.content.upload(bytes as Uint8Array<ArrayBuffer>, signalled(options.signal));
      options.onProgress?.(total, total);
      return item as UploadedItem;
    }
    const body = options.conflictBehavior ? { item: { '@microsoft.graph.conflictBehavior': options.conflictBehavior } } : {};
    const session = await target.createUploadSession.post(body, signalled(options.signal));
    const result = await runSession({
      uploadUrl: uploadUrlOf(session), reader, chunkSize, maxChunkRetries, fetch: uploadFetch(options, target),
      signal: options.signal, onProgress: options.onProgress,
      recover: target.get ? () => findUploaded(target, total) : undefined,
    });
    return result.body as UploadedItem;
  } finally {
    await reader.close();
  }
}

/**
 * Attaches a file to a message (or event, or post): one POST with base64 `contentBytes` below 3 MB,
 * otherwise an attachment upload session, with the same resume rules as {@link uploadFile}.
 */
export async function uploadAttachment(target: AttachmentUploadTarget, source: UploadSource, options: UploadAttachmentOptions): Promise<UploadedAttachment> {
  if (!options?.name) throw new TypeError('uploadAttachment needs the attachment { name }.');
  const chunkSize = checkChunkSize(options.chunkSize ?? DEFAULT_ATTACHMENT_CHUNK, MAX_ATTACHMENT_CHUNK, 'at most 4 MiB');
  const maxChunkRetries = checkRetries(options.maxChunkRetries);
  options.signal?.throwIfAborted();
  const contentType = options.contentType ?? 'application/octet-stream';
  const reader = await openSource(source, options.size);
  try {
    const total = reader.size;
    const extra = { ...(options.isInline !== undefined ? { isInline: options.isInline } : {}), ...(options.contentId ? { contentId: options.contentId } : {}) };
    if (total < ATTACHMENT_POST_MAX) {
      const bytes = await reader.read(0, total);
      const created = (await target.post({
        '@odata.type': '#microsoft.graph.fileAttachment', name: options.name, contentType, contentBytes: Buffer.from(bytes).toString('base64'), ...extra,
      }, signalled(options.signal))) as Record<string, unknown> | undefined;
      options.onProgress?.(total, total);
      // The answer echoes contentBytes: do not hand a second copy of the file back.
      const { contentBytes: _, ...attachment } = created ?? {};
      return { ...attachment, id: typeof attachment['id'] === 'string' ? attachment['id'] : undefined };
    }
    const session = await target.createUploadSession.post(
      { attachmentItem: { attachmentType: 'file', name: options.name, size: total, contentType, ...extra } }, signalled(options.signal));
    const result = await runSession({
      uploadUrl: uploadUrlOf(session), reader, chunkSize, maxChunkRetries, fetch: uploadFetch(options, target),
      signal: options.signal, onProgress: options.onProgress,
    });
    return { id: attachmentIdOf(result.location), ...(result.location ? { location: result.location } : {}) };
  } finally {
    await reader.close();
  }
}

function checkChunkSize(size: number, max: number, limit: string): number {
  if (!Number.isSafeInteger(size) || size <= 0 || size % FRAGMENT_MULTIPLE !== 0 || size > max) {
    throw new TypeError(`chunkSize must be a multiple of 320 KiB (327,680 bytes) and ${limit}; got ${size}. For example ${10 * FRAGMENT_MULTIPLE} (10 × 320 KiB).`);
  }
  return size;
}

function checkRetries(retries: number | undefined): number {
  const value = retries ?? DEFAULT_MAX_CHUNK_RETRIES;
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`maxChunkRetries must be a whole number of attempts, 0 or more; got ${retries}.`);
  return value;
}

function uploadUrlOf(session: UploadSessionInfo): string {
  if (!session.uploadUrl) throw new UploadError('createUploadSession answered without an uploadUrl.', { code: 'protocol' });
  return session.uploadUrl;
}

/** The fetch for uploadUrls: the caller's, else the target client's way of connecting, without its token. */
function uploadFetch(options: UploadOptions, target: object): UploadFetch {
  if (options.fetch) return options.fetch;
  const connect = (target as { [SENDER]?: Sender })[SENDER]?.connect;
  if (!connect) return (request) => globalThis.fetch(request);
  return ({ method, url, headers, body, signal }) => connect(url, { method, headers, body, signal, duplex: 'half' } as RequestInit);
}

function signalled(signal: AbortSignal | undefined): Signalled {
  return signal ? { signal } : {};
}

/** The file after a lost final answer: it counts as uploaded only if it has the size we sent. */
async function findUploaded(target: DriveUploadTarget, total: number): Promise<unknown> {
  try {
    const item = (await target.get!()) as UploadedItem | undefined;
    return item?.size === total ? item : undefined;
  } catch {
    return undefined;
  }
}

/** `…/attachments/{id}` (Graph) or `…/Attachments('{id}')` (Outlook REST) → the id. */
function attachmentIdOf(location: string | null): string | undefined {
  if (!location) return undefined;
  const path = new URL(location, 'https://graph.microsoft.com').pathname;
  const quoted = /attachments\('([^']+)'\)\/?$/i.exec(path);
  if (quoted) return decodeURIComponent(quoted[1]!);
  const last = path.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : undefined;
}
