// python-o365's `mailbox.new_message()`: fill in to/cc/subject/body, attach files of any size, then send
// exactly once or save as a draft. Small mails go as one draft with the attachments inline; past 2 MB of
// attachments (a request is limited to 4 MB once base64 adds its third) the draft is made first and each
// file goes through uploadAttachment (one POST below 3 MB, an upload session above, up to Outlook's 150 MB).
import { readFile } from 'node:fs/promises';
import { sendMailOnce, type SentOnce } from '../send-once.js';
import { uploadAttachment } from '../upload.js';
import { WorkflowError } from './errors.js';
import { checkContent, type Content } from './source.js';
import type { Loose } from './types.js';

/** Outlook's limit on one attachment (an upload session refuses more). */
export const MAX_ATTACHMENT_BYTES = 150 * 1024 * 1024;
/** Attachments up to this many bytes in all go inline in the draft: base64 makes 2 MB about 2.7 MB, within Graph's 4 MB per request. */
const INLINE_TOTAL_MAX = 2 * 1024 * 1024;
/** sendMailOnce's Message-ID for a key (src/send-once.ts): a draft made here with it is the one sendMailOnce finds and sends. */
const messageIdOf = (key: string): string => `<${key}@msgraph-ts.invalid>`;

export interface AttachOptions {
  /** @default the file's name for a path; required for bytes */
  name?: string;
  /** @default 'application/octet-stream' */
  contentType?: string;
}

export interface SendOptions {
  /** sendMailOnce's key: calling send() again with it after any failure never sends a second mail. @default a random UUID */
  key?: string;
  /** Bytes of the attachments uploaded so far, for the ones that go through upload sessions. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

interface Pending extends AttachOptions {
  content: Content;
}

/** `Name <address>` or a bare address → Graph's recipient. */
function recipient(text: string): { emailAddress: { address: string; name?: string } } {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  const address = match ? match[2]! : text.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new WorkflowError('invalidArgument', `${JSON.stringify(text)} is not an e-mail address: write 'someone@contoso.com' or 'Some One <someone@contoso.com>'.`);
  return { emailAddress: match?.[1] ? { address, name: match[1].replace(/^"|"$/g, '') } : { address } };
}

export class MessageDraft {
  to: string[] = [];
  cc: string[] = [];
  bcc: string[] = [];
  subject = '';
  body = '';
  bodyType: 'html' | 'text' = 'html';
  readonly #mailbox: Loose;
  readonly #attachments: Pending[] = [];

  /** Made by `mailbox.newMessage()`. */
  constructor(mailbox: unknown) {
    this.#mailbox = mailbox;
  }

  /** Attaches a file (its path) or bytes (then `name` is needed). Checked when the mail is sent or saved. */
  attach(content: Content, options: AttachOptions = {}): this {
    if (content instanceof Uint8Array && !options.name) throw new WorkflowError('invalidArgument', 'Attaching bytes needs a name: attach(bytes, { name: "report.pdf" }).');
    this.#attachments.push({ ...options, content });
    return this;
  }

  /** The message as Graph's JSON, without attachments. */
  toJSON(): Record<string, unknown> {
    if (this.to.length + this.cc.length + this.bcc.length === 0) throw new WorkflowError('invalidArgument', 'The message has no recipient: add one to `to`, `cc` or `bcc`.');
    return {
      subject: this.subject, body: { contentType: this.bodyType, content: this.body },
      toRecipients: this.to.map(recipient), ccRecipients: this.cc.map(recipient), bccRecipients: this.bcc.map(recipient),
    };
  }

  /** Sends it at most once (sendMailOnce), whatever the size of its attachments. */
  async send(options: SendOptions = {}): Promise<SentOnce> {
    const message = this.toJSON();
    const files = await this.#checked();
    const total = files.reduce((n, f) => n + f.size, 0);
    const key = options.key ?? crypto.randomUUID();
    const once = { key, ...(options.signal ? { signal: options.signal } : {}) };
    if (total <= INLINE_TOTAL_MAX) return sendMailOnce(this.#mailbox, { ...message, attachments: await inline(files) }, once);
    // Large: a draft with sendMailOnce's Message-ID, filled, then sent by sendMailOnce, which finds it by that id.
    const messageId = messageIdOf(key);
    const existing = await this.#mailbox.messages.get({ filter: `internetMessageId eq '${messageId}'`, select: ['id', 'isDraft'] });
    const sent = existing.value.some((m: { isDraft?: boolean }) => m.isDraft === false);
    if (!sent) {
      // A draft left by an interrupted call may lack attachments: empty it and attach them all again, rather
      // than send it short. (Deleting it would leave a copy with the same Message-ID in Deleted Items.)
      const left: { id: string } | undefined = existing.value[0];
      const id: string = left?.id ?? (await this.#mailbox.messages.post({ ...message, internetMessageId: messageId })).id;
      if (left) {
        const attachments = this.#mailbox.messages.byId(id).attachments;
        for (const a of (await attachments.get({ select: ['id'] })).value) await attachments.byId(a.id).delete();
      }
      await this.#upload(id, files, total, options);
    }
    return sendMailOnce(this.#mailbox, message, once);
  }

  /** Saves it in Drafts (attachments included) and returns its id. */
  async save(options: Omit<SendOptions, 'key'> = {}): Promise<string> {
    const message = this.toJSON();
    const files = await this.#checked();
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total <= INLINE_TOTAL_MAX) return (await this.#mailbox.messages.post({ ...message, attachments: await inline(files) })).id;
    const draft = await this.#mailbox.messages.post(message);
    await this.#upload(draft.id, files, total, options);
    return draft.id;
  }

  async #checked(): Promise<Checked[]> {
    return Promise.all(this.#attachments.map(async (a) => {
      const checked = await checkContent(a.content, 'attach()');
      const name = a.name ?? checked.name!;
      if (checked.size > MAX_ATTACHMENT_BYTES) {
        throw new WorkflowError('attachmentTooLarge', `${name} has ${checked.size} bytes; Outlook takes attachments of at most 150 MB (${MAX_ATTACHMENT_BYTES} bytes). Upload it to OneDrive and send a sharing link instead (drive(client).share()).`);
      }
      return { ...checked, name, contentType: a.contentType ?? 'application/octet-stream' };
    }));
  }

  async #upload(id: string, files: Checked[], total: number, options: Omit<SendOptions, 'key'>): Promise<void> {
    let before = 0;
    for (const f of files) {
      await uploadAttachment(this.#mailbox.messages.byId(id).attachments, f.source, {
        name: f.name, contentType: f.contentType, ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (sent) => options.onProgress?.(before + sent, total),
      });
      before += f.size;
    }
  }
}

interface Checked {
  source: Content;
  size: number;
  name: string;
  contentType: string;
}

async function inline(files: Checked[]): Promise<Record<string, unknown>[]> {
  return Promise.all(files.map(async (f) => ({
    '@odata.type': '#microsoft.graph.fileAttachment', name: f.name, contentType: f.contentType,
    contentBytes: Buffer.from(typeof f.source === 'string' ? await readFile(f.source) : f.source).toString('base64'),
  })));
}
