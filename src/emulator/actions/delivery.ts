// Mail delivery inside the tenant: a sent message lands in the sender's Sent Items (unless told not to)
// and in the Inbox of every in-tenant recipient (mail-enabled groups expand to their members), with its
// attachments. Bcc recipients receive it but are hidden from every copy. One `mailSent` effect records it.
// A mailbox over Exchange's message rate (30 a minute) gets a 429 before anything is written.
import { badBody } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import { applyCreateDefaults } from '../store/behaviours.js';
import { fileMessage, wellKnownFolder } from '../store/mailbox.js';
import { entitySetCollection } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';

export interface Recipient {
  emailAddress?: { name?: string; address?: string };
}

export interface OutgoingMessage {
  props: Record<string, unknown>;
  attachments: Array<{ type: string; props: Record<string, unknown> }>;
  /** Kept when the client chose it (a MIME message's Message-ID); otherwise Exchange makes one. */
  internetMessageId?: string;
}

export function addressesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return (value as Recipient[]).map((r) => r.emailAddress?.address ?? '').filter((a) => a !== '');
}

export function requireRecipients(props: Record<string, unknown>, fields = ['toRecipients', 'ccRecipients', 'bccRecipients']): void {
  if (fields.every((f) => addressesOf(props[f]).length === 0)) {
    throw badBody('outlook', 'At least one recipient is required, but none were found.');
  }
}

export function recipientOf(user: EntityRecord): Recipient {
  return { emailAddress: { name: String(user.props['displayName'] ?? ''), address: mailOf(user) } };
}

export function mailOf(user: EntityRecord): string {
  return String(user.props['mail'] ?? user.props['userPrincipalName'] ?? '');
}

/** Users (and members of mail-enabled groups) whose address matches, once each. */
export function mailboxesFor(ctx: RequestContext, addresses: string[]): EntityRecord[] {
  const { store, index } = ctx.service;
  const users = entitySetCollection(store, 'users').list();
  const groups = index.schema.entitySets['groups'] ? entitySetCollection(store, 'groups').list() : [];
  const matches = (r: EntityRecord, address: string): boolean => {
    const a = address.toLowerCase();
    const proxies = Array.isArray(r.props['proxyAddresses']) ? (r.props['proxyAddresses'] as string[]) : [];
    return String(r.props['mail'] ?? '').toLowerCase() === a || String(r.props['userPrincipalName'] ?? '').toLowerCase() === a ||
      proxies.some((p) => p.toLowerCase().replace(/^smtp:/, '') === a);
  };
  const out: EntityRecord[] = [];
  const add = (u: EntityRecord): void => {
    if (!out.includes(u)) out.push(u);
  };
  for (const address of addresses) {
    const user = users.find((u) => matches(u, address));
    if (user) {
      add(user);
      continue;
    }
    const group = groups.find((g) => g.props['mailEnabled'] === true && matches(g, address));
    for (const member of group?.refs.get('members') ?? []) {
      if (member.alive && index.isA(member.type, 'microsoft.graph.user')) add(member);
    }
  }
  return out;
}

/** Delivers `message` from `sender`'s mailbox; returns the Sent Items copy when one was saved. */
export function deliver(ctx: RequestContext, sender: EntityRecord, message: OutgoingMessage, saveToSentItems: boolean): EntityRecord | undefined {
  const { store } = ctx.service;
  const limits = ctx.internal ? undefined : ctx.service.mailboxLimits;
  limits?.checkSend(String(sender.props['id']));
  const now = store.now();
  const to = addressesOf(message.props['toRecipients']);
  const cc = addressesOf(message.props['ccRecipients']);
  const bcc = addressesOf(message.props['bccRecipients']);
  const mailboxes = mailboxesFor(ctx, [...to, ...cc, ...bcc]).filter((m) => wellKnownFolder(m, 'inbox'));
  const sentItems = saveToSentItems ? wellKnownFolder(sender, 'sentitems') : undefined;
  store.reserve((mailboxes.length + (sentItems ? 1 : 0)) * (1 + message.attachments.length));

  const domain = mailOf(sender).split('@')[1] ?? 'emulator.local';
  const internetMessageId = message.internetMessageId ?? `<${store.ids.token(18).replace(/[-_]/g, 'x')}@${domain}>`;
  const from = recipientOf(sender);
  const base = {
    ...message.props, from, sender: from, isDraft: false, sentDateTime: now, receivedDateTime: now, internetMessageId,
    conversationId: message.props['conversationId'] ?? `AAQkAG${store.ids.token(30)}`,
  };
  let sentCopy: EntityRecord | undefined;
  if (sentItems) sentCopy = fileCopy(ctx, sentItems, { ...base, isRead: true }, message.attachments, sender);
  for (const mailbox of mailboxes) {
    const inbox = wellKnownFolder(mailbox, 'inbox')!;
    fileCopy(ctx, inbox, { ...base, isRead: false, bccRecipients: [] }, message.attachments, mailbox);
  }
  ctx.record({
    kind: 'mailSent', from: mailOf(sender), subject: String(message.props['subject'] ?? ''), toRecipients: to,
    ccRecipients: cc, bccRecipients: bcc, deliveredTo: mailboxes.map(mailOf), attachments: message.attachments.length,
    internetMessageId, savedToSentItems: sentCopy !== undefined,
  });
  limits?.recordSend(String(sender.props['id']));
  return sentCopy;
}

/** A new message (with copies of the attachments) filed into `folder`. */
export function fileCopy(
  ctx: RequestContext, folder: EntityRecord, props: Record<string, unknown>,
  attachments: OutgoingMessage['attachments'], owner: EntityRecord,
): EntityRecord {
  const { store, index } = ctx.service;
  const now = store.now();
  const copy: Record<string, unknown> = { ...structuredClone(props), id: store.ids.next('microsoft.graph.message') };
  delete copy['changeKey'];
  delete copy['createdDateTime'];
  delete copy['lastModifiedDateTime'];
  applyCreateDefaults(index, 'microsoft.graph.message', copy, { store, now, owner });
  const record = store.create('microsoft.graph.message', copy);
  fileMessage(store, folder, record);
  for (const a of attachments) {
    const aProps: Record<string, unknown> = { ...structuredClone(a.props), id: store.ids.next(a.type) };
    applyCreateDefaults(index, a.type, aProps, { store, now });
    store.placeContained(record, 'attachments', store.create(a.type, aProps));
  }
  return record;
}
