// python-o365's Mailbox and Message, and exchangelib's MIME export/upload, over the generated builders:
// `mailbox(client)` wraps `client.me` (or any resource), and every object keeps its builder in `.builder`
// so that anything not wrapped here is one property away (`mb.builder.messages.delta()`).
import { downloadTo } from '../download.js';
import { findFolder, type FolderRef } from './folders.js';
import { MessageDraft } from './draft.js';
import { checkContent, type Content } from './source.js';
import type { ItemBuilder, ItemModel, Loose } from './types.js';
import { access, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** What `mailbox()` needs of a client: `resource()`, as every generated client has. */
export interface ResourceClient<U> {
  resource(resource?: string): U;
}

export type FlagStatus = 'flagged' | 'complete' | 'notFlagged';

export interface MessageQuery {
  /** @default 25 */
  top?: number;
  /** An OData filter: `"isRead eq false"`. */
  filter?: string;
  /** @default ['receivedDateTime desc'] */
  orderby?: string[];
  select?: string[];
}

/** python-o365's `account.mailbox(resource)`: the mailbox of `me` (default) or of `resource` ('user:x@y.com', 'x@y.com'). */
export function mailbox<U>(client: ResourceClient<U>, resource?: string): Mailbox<U> {
  return new Mailbox(resource === undefined ? client.resource() : client.resource(resource));
}

export class Mailbox<U> {
  /** The generated builder: `client.me` or `client.users.byId(…)`. */
  readonly builder: U;

  constructor(builder: U) {
    this.builder = builder;
  }

  /** A folder by well-known name (`inbox`, `sentitems`, `drafts`, …) or display name; WorkflowError 'folderNotFound' if none. */
  folder(name: string): Promise<FolderRef<ItemBuilder<U, 'mailFolders'>>> {
    return findFolder(this.builder, name);
  }

  /** The newest messages of a folder (default: all folders), one request. */
  async messages(folder?: string, query: MessageQuery = {}): Promise<ItemModel<U, 'messages'>[]> {
    const where: Loose = folder === undefined ? this.builder : (await this.folder(folder)).builder;
    const page = await where.messages.get({ top: query.top ?? 25, orderby: query.orderby ?? ['receivedDateTime desc'], ...(query.filter ? { filter: query.filter } : {}), ...(query.select ? { select: query.select } : {}) });
    return page.value;
  }

  /** python-o365's `new_message()`. */
  newMessage(): MessageDraft {
    return new MessageDraft(this.builder);
  }

  /** A message by id, to act on. */
  message(id: string): MailItem<U> {
    return new MailItem(this.builder, id);
  }

  /**
   * exchangelib's `upload`: a MIME message (.eml file or bytes) into a folder (default Drafts), as Graph
   * takes it: POST of the base64 text with `Content-Type: text/plain`. Resolves with the new message.
   */
  async importMime(content: Content, options: { folder?: string } = {}): Promise<MailItem<U>> {
    const { source } = await checkContent(content, 'importMime()');
    const bytes = typeof source === 'string' ? await readFile(source) : source;
    const where: Loose = options.folder === undefined ? this.builder : (await this.folder(options.folder)).builder;
    const created = await where.messages.post(Buffer.from(bytes).toString('base64'), { headers: { 'Content-Type': 'text/plain' } });
    return new MailItem(this.builder, created.id);
  }
}

/** python-o365's Message, for one that exists: reply, forward, move, copy, read and flag state, MIME export. */
export class MailItem<U> {
  readonly id: string;
  /** The generated builder: `client.me.messages.byId(id)`. */
  readonly builder: ItemBuilder<U, 'messages'>;
  readonly #mailbox: Loose;

  constructor(mailbox: U, id: string) {
    this.#mailbox = mailbox;
    this.id = id;
    this.builder = (mailbox as Loose).messages.byId(id);
  }

  get(select?: string[]): Promise<ItemModel<U, 'messages'>> {
    return this.#b.get(select ? { select } : {});
  }

  reply(comment: string): Promise<void> {
    return this.#b.reply.post({ comment });
  }

  replyAll(comment: string): Promise<void> {
    return this.#b.replyAll.post({ comment });
  }

  forward(to: string[], comment = ''): Promise<void> {
    return this.#b.forward.post({ comment, toRecipients: to.map((address) => ({ emailAddress: { address } })) });
  }

  /** Moves it to a folder (well-known or display name); Outlook gives the moved message a new id. */
  async move(folder: string): Promise<MailItem<U>> {
    const target = await findFolder(this.#mailbox, folder);
    return new MailItem(this.#mailbox, (await this.#b.move.post({ destinationId: target.id })).id);
  }

  async copy(folder: string): Promise<MailItem<U>> {
    const target = await findFolder(this.#mailbox, folder);
    return new MailItem(this.#mailbox, (await this.#b.copy.post({ destinationId: target.id })).id);
  }

  async markRead(read = true): Promise<void> {
    await this.#b.patch({ isRead: read });
  }

  async flag(status: FlagStatus = 'flagged'): Promise<void> {
    await this.#b.patch({ flag: { flagStatus: status } });
  }

  /** Moves it to Deleted Items (a message already there is deleted for good), as Outlook's Delete does. */
  async delete(): Promise<void> {
    await this.#b.delete();
  }

  /**
   * python-o365's `attachments.download_attachments()` + `save()`: each file attachment streamed into `dir`
   * under its own name, reduced to a bare file name (a sender's '../x' cannot leave `dir`), never over an
   * existing file ('report (1).pdf'). Item and reference attachments are skipped. Resolves with the paths written.
   */
  async saveAttachments(dir: string): Promise<string[]> {
    const listed = await this.#b.attachments.get({ select: ['id', 'name'] });
    const written: string[] = [];
    for (const a of listed.value as { id: string; name?: string; '@odata.type'?: string }[]) {
      if (a['@odata.type'] && a['@odata.type'] !== '#microsoft.graph.fileAttachment') continue;
      const bare = basename((a.name ?? '').replace(/[\\/]/g, '_'));
      const path = await freePath(dir, bare === '' || bare === '.' || bare === '..' ? 'attachment' : bare);
      await downloadTo(this.#b.attachments.byId(a.id).$value, path);
      written.push(path);
    }
    return written;
  }

  /** exchangelib's `export`: the message as RFC 822 MIME (`GET …/$value`), the bytes of a .eml file. */
  async exportMime(): Promise<Uint8Array> {
    return new Uint8Array(await (await this.#b.$value.download()).arrayBuffer());
  }

  /** The MIME written to `path` (a .eml), streamed, never a half-written file. Resolves with the byte count. */
  saveMime(path: string): Promise<number> {
    return downloadTo(this.#b.$value, path);
  }

  get #b(): Loose {
    return this.builder;
  }
}

/** `dir/name`, or `dir/name (1).ext`, … when a file of that name is there already. */
async function freePath(dir: string, name: string): Promise<string> {
  const ext = extname(name);
  for (let n = 0; ; n++) {
    const path = join(dir, n === 0 ? name : `${name.slice(0, name.length - ext.length)} (${n})${ext}`);
    if (!(await access(path).then(() => true, () => false))) return path;
  }
}
