// State behind pre-authenticated storage URLs: drive and Outlook attachment upload sessions, download
// grants and copy monitors. The URLs carry an unguessable token instead of needing `Authorization`, exactly like Graph's
// `uploadUrl` and the `Location` of a `/content` redirect.
import type { EntityRecord } from './store/record.js';

export interface UploadSession {
  token: string;
  version: string;
  drive: EntityRecord;
  /** Folder the new file goes into. */
  folder: EntityRecord;
  name: string;
  /** The user the upload is for (the new file's createdBy). */
  owner?: EntityRecord;
  conflictBehavior: 'rename' | 'replace' | 'fail';
  /** Declared total size, learned from the first fragment's `Content-Range`. */
  total?: number;
  chunks: Buffer[];
  received: number;
  expires: Date;
}

/** An Outlook attachment on its way to a message or event (`attachments/createUploadSession`). */
export interface AttachmentUploadSession {
  token: string;
  /** The message or event the attachment is added to. */
  parent: EntityRecord;
  name: string;
  /** Declared by the client when creating the session; the last chunk must end there. */
  size: number;
  contentType: string;
  isInline: boolean;
  contentId?: string;
  chunks: Buffer[];
  received: number;
  expires: Date;
}

/** The monitor of an asynchronous driveItem copy (see actions/drive-copy.ts). */
export interface CopyMonitor {
  token: string;
  /** The new item, once copied. */
  resourceId?: string;
  error?: { code: string; message: string };
  polls: number;
  expires: Date;
}

export interface DownloadGrant {
  record: EntityRecord;
  /** The stream property served (`content`), or the media stream when absent. */
  property?: string;
  expires: number;
}

/** How long a download URL stays valid; Graph's are short-lived too (about an hour). */
export const DOWNLOAD_TTL_MS = 60 * 60 * 1000;
/** Upload sessions expire after a while of inactivity; Graph gives several days, tests need far less. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Bounded so abandoned sessions cannot pile up. */
export const MAX_OPEN_UPLOADS = 256;

export class TransferState {
  readonly uploads = new Map<string, UploadSession>();
  readonly attachmentUploads = new Map<string, AttachmentUploadSession>();
  readonly downloads = new Map<string, DownloadGrant>();
  readonly monitors = new Map<string, CopyMonitor>();

  grantDownload(token: string, grant: DownloadGrant): void {
    const now = Date.now();
    for (const [t, g] of this.downloads) if (g.expires < now) this.downloads.delete(t);
    this.downloads.set(token, grant);
  }

  openUpload(session: UploadSession): void {
    openBounded(this.uploads, session);
  }

  openAttachmentUpload(session: AttachmentUploadSession): void {
    openBounded(this.attachmentUploads, session);
  }

  openMonitor(monitor: CopyMonitor): void {
    openBounded(this.monitors, monitor);
  }
}

/** Adds a session after dropping expired ones, and the oldest when too many are open. */
function openBounded<T extends { token: string; expires: Date }>(sessions: Map<string, T>, session: T): void {
  const now = Date.now();
  for (const [t, s] of sessions) if (s.expires.getTime() < now) sessions.delete(t);
  if (sessions.size >= MAX_OPEN_UPLOADS) {
    const oldest = [...sessions.keys()][0];
    if (oldest) sessions.delete(oldest);
  }
  sessions.set(session.token, session);
}
