// Outlook's mail actions: sendMail, send (a draft), reply / replyAll / forward and their create* draft
// forms, move and copy. Parameters are checked before anything is written or sent.
import { GraphError, notFound } from '../errors.js';
import type { GraphResponse, RequestContext } from '../http/exchange.js';
import type { OperationTarget } from '../routing/targets.js';
import { findFolder, ownerUser, wellKnownFolder } from '../store/mailbox.js';
import type { EntityRecord } from '../store/record.js';
import { createdResponse } from '../handlers/serialize.js';
import { relocateMessage } from './deleted-items.js';
import { deliver, fileCopy, mailOf, recipientOf, requireRecipients, type OutgoingMessage, type Recipient } from './delivery.js';
import { isMimeRequest, sendMimeMail } from './mime-send.js';
import { readActionParams, type ActionParams } from './params.js';
import { bodyInner } from '../store/item-body.js';

const ACCEPTED: GraphResponse = { status: 202, headers: {} };

function bound(target: OperationTarget): EntityRecord {
  if (target.binding?.kind !== 'entity') throw new GraphError(400, 'BadRequest', `'${target.op.name}' must be bound to one entity.`);
  return target.binding.record;
}

function mailboxOf(ctx: RequestContext, record: EntityRecord): EntityRecord {
  const owner = ownerUser(ctx.service.store, record);
  if (!owner) throw notFound('outlook');
  return owner;
}

function outgoing(params: ActionParams, name = 'message'): OutgoingMessage | undefined {
  const v = params.entities.get(name);
  if (!v) return undefined;
  const attachments = v.nested.filter((n) => n.nav.name === 'attachments').flatMap((n) => n.items.map((i) => ({ type: i.type, props: i.props })));
  return { props: v.props, attachments };
}

function attachmentsOf(message: EntityRecord): OutgoingMessage['attachments'] {
  return [...(message.contained.get('attachments')?.values() ?? [])].map((a) => ({ type: a.type, props: a.props }));
}

export function sendMail(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const user = bound(target);
  if (isMimeRequest(ctx)) {
    sendMimeMail(ctx, user);
    return ACCEPTED;
  }
  const params = readActionParams(ctx, target.op, 'outlook');
  const message = outgoing(params)!;
  requireRecipients(message.props);
  deliver(ctx, user, message, params.values.get('savetosentitems') !== false);
  return ACCEPTED;
}

/** POST /messages/{id}/send: the draft leaves Drafts and goes out. */
export function sendDraft(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const draft = bound(target);
  if (draft.props['isDraft'] === false) throw new GraphError(400, 'ErrorInvalidOperation', 'Only a draft message can be sent.');
  requireRecipients(draft.props);
  // A draft's internetMessageId (writable while it is a draft) goes out as it is: Exchange keeps it.
  const chosen = draft.props['internetMessageId'];
  deliver(ctx, mailboxOf(ctx, draft), { props: draft.props, attachments: attachmentsOf(draft), ...(typeof chosen === 'string' && chosen ? { internetMessageId: chosen } : {}) }, true);
  ctx.service.store.remove(draft);
  return ACCEPTED;
}

type ResponseKind = 'reply' | 'replyAll' | 'forward';

function responseMessage(ctx: RequestContext, original: EntityRecord, kind: ResponseKind, params: ActionParams): OutgoingMessage {
  const me = mailboxOf(ctx, original);
  const given = outgoing(params);
  const comment = String(params.values.get('comment') ?? '');
  const p = original.props;
  const self = mailOf(me).toLowerCase();
  const from = (p['from'] ?? p['sender']) as Recipient | undefined;
  let to: Recipient[] = [];
  let cc: Recipient[] = [];
  if (kind === 'forward') to = (params.values.get('torecipients') as Recipient[] | undefined) ?? [];
  else {
    to = from ? [from] : [];
    if (kind === 'replyAll') {
      const others = (list: unknown): Recipient[] => (Array.isArray(list) ? (list as Recipient[]) : [])
        .filter((r) => (r.emailAddress?.address ?? '').toLowerCase() !== self);
      to = [...to, ...others(p['toRecipients'])];
      cc = others(p['ccRecipients']);
    }
  }
  const prefix = kind === 'forward' ? 'FW: ' : 'RE: ';
  const subject = String(p['subject'] ?? '');
  const body = p['body'] as { content?: string; contentType?: string } | undefined;
  const quoted = body?.contentType === 'text' ? String(body.content ?? '').replace(/\r?\n/g, '<br>') : bodyInner(String(body?.content ?? ''));
  const props: Record<string, unknown> = {
    subject: subject.toUpperCase().startsWith(prefix.trim()) ? subject : `${prefix}${subject}`,
    body: { contentType: 'html', content: `${comment}<hr><b>From:</b> ${from?.emailAddress?.name ?? ''}<br>${quoted}` },
    toRecipients: to, ccRecipients: cc, bccRecipients: [], conversationId: p['conversationId'],
    ...(given?.props ?? {}),
  };
  if (given?.props['toRecipients'] === undefined && kind === 'forward' && to.length === 0) props['toRecipients'] = [];
  const attachments = [...(kind === 'forward' ? attachmentsOf(original) : []), ...(given?.attachments ?? [])];
  return { props, attachments };
}

export function respond(kind: ResponseKind) {
  return (ctx: RequestContext, target: OperationTarget): GraphResponse => {
    const original = bound(target);
    const params = readActionParams(ctx, target.op, 'outlook');
    const message = responseMessage(ctx, original, kind, params);
    requireRecipients(message.props, ['toRecipients', 'ccRecipients']);
    deliver(ctx, mailboxOf(ctx, original), message, true);
    return ACCEPTED;
  };
}

/** createReply / createReplyAll / createForward: the response as a draft in Drafts. */
export function createResponse(kind: ResponseKind) {
  return (ctx: RequestContext, target: OperationTarget): GraphResponse => {
    const original = bound(target);
    const params = readActionParams(ctx, target.op, 'outlook');
    const message = responseMessage(ctx, original, kind, params);
    const owner = mailboxOf(ctx, original);
    const drafts = wellKnownFolder(owner, 'drafts');
    if (!drafts) throw notFound('outlook', 'drafts');
    ctx.service.store.reserve(1 + message.attachments.length);
    const draft = fileCopy(ctx, drafts, { ...message.props, isDraft: true, isRead: true, from: recipientOf(owner) }, message.attachments, owner);
    return created(ctx, draft);
  };
}

function destinationFolder(ctx: RequestContext, message: EntityRecord, params: ActionParams): EntityRecord {
  const destination = String(params.values.get('destinationid') ?? '');
  const folder = findFolder(mailboxOf(ctx, message), destination);
  if (!folder) throw new GraphError(404, 'ErrorItemNotFound', `The destination folder '${destination}' was not found in the store.`);
  return folder;
}

export function moveMessage(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const { index } = ctx.service;
  const message = bound(target);
  const folder = destinationFolder(ctx, message, readActionParams(ctx, target.op, 'outlook'));
  if (!index.isA(message.type, 'microsoft.graph.message')) throw notFound('outlook');
  relocateMessage(ctx, message, folder);
  return created(ctx, message);
}

export function copyMessage(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const { store } = ctx.service;
  const message = bound(target);
  const folder = destinationFolder(ctx, message, readActionParams(ctx, target.op, 'outlook'));
  const attachments = attachmentsOf(message);
  store.reserve(1 + attachments.length);
  const copy = fileCopy(ctx, folder, message.props, attachments, mailboxOf(ctx, message));
  ctx.record({ kind: 'copied', type: message.type, fromId: String(message.props['id']), toId: String(copy.props['id']), destination: String(folder.props['id']) });
  return created(ctx, copy);
}

function created(ctx: RequestContext, record: EntityRecord): GraphResponse {
  const owner = String(ownerUser(ctx.service.store, record)?.props['id'] ?? '');
  return createdResponse(ctx, record, 'microsoft.graph.message', `users('${owner}')/messages/$entity`);
}
