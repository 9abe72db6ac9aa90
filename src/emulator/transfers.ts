// State behind pre-authenticated storage URLs: drive upload sessions and download grants. The URLs carry
// an unguessable token instead of needing `Authorization`, exactly like Graph's `uploadUrl` and the
// `Location` of a `/content` redirect.
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
  readonly downloads = new Map<string, DownloadGrant>();

  grantDownload(token: string, grant: DownloadGrant): void {
    const now = Date.now();
    for (const [t, g] of this.downloads) if (g.expires < now) this.downloads.delete(t);
    this.downloads.set(token, grant);
  }

  openUpload(session: UploadSession): void {
    const now = Date.now();
    for (const [t, s] of this.uploads) if (s.expires.getTime() < now) this.uploads.delete(t);
    if (this.uploads.size >= MAX_OPEN_UPLOADS) {
      const oldest = [...this.uploads.keys()][0];
      if (oldest) this.uploads.delete(oldest);
    }
    this.uploads.set(session.token, session);
  }
}
