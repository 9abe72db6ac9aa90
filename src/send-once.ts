// Exactly-once mail. Graph's sendMail has no idempotency key, and a send whose answer is lost (a reset
// after the request went out, a 504) may or may not have gone: sending again risks two mails, giving up
// risks none. So the mail goes as a draft with an internetMessageId of our choosing (writable while it is
// a draft, kept when it is sent), then `send`; whenever an answer is lost the mailbox is asked where that
// id is (Sent Items: sent; a draft: not yet; nowhere: not created) before anything is done again.
import { OutcomeUnknownError } from './errors.js';
import { sleep } from './timeout.js';

/** A mailbox builder: `client.me` or `client.users.byId('adele@contoso.com')` (any API version). */
export interface SendOnceMailbox {
  messages: {
    // Parameter types are loose on purpose: the generated builders of every version fit.
    post(body: never, options?: never): Promise<unknown>;
    get(query: never): Promise<unknown>;
    byId(id: string): { send: { post(body?: undefined, options?: never): Promise<unknown> } };
  };
  mailFolders: { byId(id: string): { messages: { get(query: never): Promise<unknown> } } };
}

export interface SendOnceOptions {
  /**
   * Your own key for this mail (letters, digits, `-`, `.`, `_`): call again with the same key after any
   * failure, even from another process, and the mail still goes at most once. @default a random UUID
   */
  key?: string;
  /** How long a sent draft may take to reach Sent Items before it counts as not sent (Exchange moves it asynchronously). @default 3000 */
  settleMs?: number;
  signal?: AbortSignal;
}

export interface SentOnce {
  /** The key the mail went with: a call with it again sends nothing. */
  key: string;
  /** The Message-ID the recipients see. */
  internetMessageId: string;
  /** True when an earlier call (or an earlier attempt of this one) had already sent it. */
  alreadySent: boolean;
}

interface Found {
  id?: string | null;
  isDraft?: boolean | null;
}

/** Domain of the Message-IDs we choose: `.invalid` is reserved (RFC 2606), so it never collides with a real host's. */
const ID_DOMAIN = 'msgraph-ts.invalid';
/** Lost answers in a row before the call gives up (each one was already retried by the transport where safe). */
const MAX_ROUNDS = 8;

/**
 * Sends `message` from `mailbox` at most once, and says so when it cannot be sure it went:
 *
 *   const { key } = await sendMailOnce(client.me, { subject: 'Hi', toRecipients: [...] }, { key: jobId });
 *
 * Costs two requests when nothing is lost (create the draft, send it). When an answer is lost it looks the
 * mail up by its Message-ID before doing anything again. Fails with `OutcomeUnknownError` only when the
 * mailbox could not be asked; calling again with the same `key` then finishes the job without a duplicate.
 */
export async function sendMailOnce(mailbox: SendOnceMailbox, message: Record<string, unknown>, options: SendOnceOptions = {}): Promise<SentOnce> {
  const key = options.key ?? crypto.randomUUID();
  if (!/^[\w.-]{1,100}$/.test(key)) throw new TypeError(`sendMailOnce() needs a key of 1-100 letters, digits, '-', '.' or '_'; got ${JSON.stringify(key)}.`);
  const internetMessageId = `<${key}@${ID_DOMAIN}>`;
  const { signal, settleMs = 3000 } = options;
  const opts = (signal ? { signal } : {}) as never;
  const done = (alreadySent: boolean): SentOnce => ({ key, internetMessageId, alreadySent });
  // A caller's own key may have been used before (a retry after a failure): look before creating.
  let state = options.key === undefined ? 'new' as const : await where(mailbox, internetMessageId, signal);
  let lost: unknown;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (state === 'sent') return done(round > 0 || options.key !== undefined);
    try {
      const id = typeof state === 'string' ? await create(mailbox, { ...message, internetMessageId }, opts) : state.id;
      await mailbox.messages.byId(id).send.post(undefined, opts);
      return done(false);
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error; // refused: nothing went out
      lost = error;
    }
    try {
      state = await settled(mailbox, internetMessageId, settleMs, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      // The mailbox could not be asked: only a later call with the same key can find out.
      throw unknown(key, error);
    }
  }
  throw unknown(key, lost);
}

function unknown(key: string, cause: unknown): OutcomeUnknownError {
  return new OutcomeUnknownError('POST', `sendMailOnce(key=${key}): call again with this key`, cause instanceof OutcomeUnknownError ? cause.cause : cause);
}

async function create(mailbox: SendOnceMailbox, draft: Record<string, unknown>, opts: never): Promise<string> {
  const created = (await mailbox.messages.post(draft as never, opts)) as Found | undefined;
  if (!created?.id) throw new TypeError('Creating the draft answered without an id.');
  return created.id;
}

/**
 * Where the mail with `internetMessageId` is after a lost answer. A draft still there may be one Exchange
 * is sending: it is asked again until `settleMs` passes before it counts as not sent.
 */
async function settled(mailbox: SendOnceMailbox, internetMessageId: string, settleMs: number, signal: AbortSignal | undefined): Promise<'sent' | 'new' | { id: string }> {
  const until = Date.now() + settleMs;
  for (let wait = 250; ; wait *= 2) {
    const state = await where(mailbox, internetMessageId, signal);
    if (typeof state === 'string' || Date.now() >= until) return state;
    await sleep(Math.min(wait, until - Date.now()), signal);
  }
}

/** Sent (in Sent Items), a draft not sent yet, or not created: one filtered GET each, by Message-ID. */
async function where(mailbox: SendOnceMailbox, internetMessageId: string, signal: AbortSignal | undefined): Promise<'sent' | 'new' | { id: string }> {
  const query = { filter: `internetMessageId eq '${internetMessageId.replace(/'/g, "''")}'`, select: ['id', 'isDraft'], top: 5, ...(signal ? { signal } : {}) } as never;
  const sent = (await mailbox.mailFolders.byId('sentitems').messages.get(query)) as { value: Found[] };
  if (sent.value.length > 0) return 'sent';
  const any = (await mailbox.messages.get(query)) as { value: Found[] };
  const draft = any.value.find((m) => m.isDraft !== false && m.id);
  if (draft) return { id: draft.id! };
  // Not a draft, not in Sent Items: sent, then moved by a rule or the user.
  return any.value.length > 0 ? 'sent' : 'new';
}
