// python-o365's Storage/Drive: files by path, uploads and downloads of any size with progress, sharing
// links, and copy, whose 202 + monitor (Graph's asynchronous pattern) is waited for here.
import { downloadTo } from '../download.js';
import { SENDER, type Sender } from '../builder.js';
import { sleep } from '../timeout.js';
import { uploadFile, type UploadedItem } from '../upload.js';
import { WorkflowError } from './errors.js';
import { checkContent, type Content } from './source.js';
import type { Loose } from './types.js';
import type { ResourceClient } from './mail.js';

export interface TransferOptions {
  /** Bytes so far and in all (for a download, the total when the server announced it). */
  onProgress?: (done: number, total: number | undefined) => void;
  signal?: AbortSignal;
}

export interface CopyOptions {
  /** The folder to copy into, by path from the root ('' is the root). @default the source's folder */
  toFolder?: string;
  /** @default the source's name (then `toFolder` must be another folder) */
  name?: string;
  /** Longest time to wait for the copy to finish. @default 300000 (5 min) */
  timeoutMs?: number;
}

/** The generated driveItem builder `byPath` gives on this owner's drive. */
export type PathBuilder<U> = U extends { drive: { root: { byPath(path: string): infer B } } } ? B : never;

/** python-o365's `account.storage().get_default_drive()`: the drive of `me` or of a resource ('user:x@y.com', 'group:<id>', 'site:<id>'). */
export function drive<U>(client: ResourceClient<U>, resource?: string): Drive<U> {
  return new Drive(resource === undefined ? client.resource() : client.resource(resource));
}

export class Drive<U> {
  /** The generated builder of the drive's owner (`client.me`): `.builder.drive.items.byId(id)` for the rest. */
  readonly builder: U;

  constructor(owner: U) {
    this.builder = owner;
  }

  /** The generated builder of the item at `path` ('Documents/report.pdf'): `client.me.drive.root.byPath(path)`. */
  item(path: string): PathBuilder<U> {
    return (this.builder as Loose).drive.root.byPath(path);
  }

  /** Uploads a file (its path) or bytes to `path`: one PUT up to 4 MiB, else a resumable upload session. */
  async upload(content: Content, path: string, options: TransferOptions & { conflictBehavior?: 'rename' | 'replace' | 'fail' } = {}): Promise<UploadedItem> {
    const { source } = await checkContent(content, 'upload()');
    const { onProgress, ...rest } = options;
    return uploadFile(this.item(path) as Loose, source, { ...rest, ...(onProgress ? { onProgress } : {}) });
  }

  /** Downloads the file at `path` to the local file `to`, streamed (written beside it, renamed when complete). */
  download(path: string, to: string, options: TransferOptions = {}): Promise<number> {
    return downloadTo((this.item(path) as Loose).content, to, options);
  }

  /** A sharing link's URL for the item at `path` (Graph returns the existing one when asked again). */
  async share(path: string, options: { type?: 'view' | 'edit' | 'embed'; scope?: 'anonymous' | 'organization' | 'users' } = {}): Promise<string> {
    const permission = await (this.item(path) as Loose).createLink.post({ type: options.type ?? 'view', scope: options.scope ?? 'organization' });
    return permission.link.webUrl;
  }

  /**
   * Copies the item at `path` and waits for the copy: Graph answers 202 with a monitor URL (on another host,
   * without a token), which is polled until `completed`. Resolves with the new item's id.
   */
  async copy(path: string, options: CopyOptions = {}): Promise<string> {
    const source: Loose = this.item(path);
    const body: Record<string, unknown> = {};
    if (options.name !== undefined) body['name'] = options.name;
    if (options.toFolder !== undefined) {
      const folder = options.toFolder === '' ? await (this.builder as Loose).drive.root.get({ select: ['id'] }) : await (this.item(options.toFolder) as Loose).get({ select: ['id'] });
      body['parentReference'] = { id: folder.id };
    }
    // `raw`: the builder hands back the Response itself, whose Location a parsed answer would not carry.
    const accepted: Response = await source.copy.post(body, { raw: true });
    const monitor = accepted.headers.get('location');
    await accepted.body?.cancel();
    if (!monitor) throw new WorkflowError('copyFailed', `copy of ${path} answered ${accepted.status} without a monitor Location.`);
    const connect = (source as { [SENDER]?: Sender })[SENDER]?.connect ?? ((url: string, init: RequestInit) => fetch(url, init));
    const until = Date.now() + (options.timeoutMs ?? 300_000);
    for (let wait = 200; ; wait = Math.min(wait * 2, 5000)) {
      const status = await (await connect(monitor, { method: 'GET' })).json() as { status?: string; resourceId?: string; error?: { code?: string; message?: string } };
      if (status.status === 'completed' && status.resourceId) return status.resourceId;
      if (status.status === 'failed') throw new WorkflowError('copyFailed', `The copy of ${path} failed: ${status.error?.code ?? ''} ${status.error?.message ?? ''}`.trim());
      if (Date.now() + wait > until) throw new WorkflowError('copyFailed', `The copy of ${path} was still ${status.status} after ${options.timeoutMs ?? 300_000} ms; its monitor is ${monitor}.`);
      await sleep(wait);
    }
  }
}
