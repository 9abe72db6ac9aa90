// sendMail with a MIME body: `Content-Type: text/plain` and the whole RFC 822 message base64-encoded, which
// Graph takes instead of JSON. Recipients, subject, body and attachments come from the MIME; the sender is
// the mailbox (a From naming anyone else is refused, as Exchange refuses send-as without the right), the
// Message-ID is kept, and the copy is always saved to Sent Items (there is no parameter to say otherwise).
import { GraphError } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import { parseMail, type MailAddress } from '../mime/parse.js';
import type { EntityRecord } from '../store/record.js';
import { deliver, requireRecipients, type OutgoingMessage } from './delivery.js';

/** Graph's limit on a request; MIME with large attachments goes through a draft and upload sessions. */
export const MAX_MIME_REQUEST = 4 * 1024 * 1024;

export function isMimeRequest(ctx: RequestContext): boolean {
  return /^\s*text\/plain\b/i.test(ctx.headers['content-type'] ?? '');
}

export function sendMimeMail(ctx: RequestContext, sender: EntityRecord): void {
  if (ctx.body.length > MAX_MIME_REQUEST) {
    throw new GraphError(413, 'ErrorRequestEntityTooLarge', `The request has ${ctx.body.length} bytes; Graph takes at most ${MAX_MIME_REQUEST}.`);
  }
  const text = ctx.body.toString('latin1').replace(/\s+/g, '');
  if (text === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new GraphError(400, 'ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.');
  }
  const mail = parseMail(Buffer.from(text, 'base64'));
  if (mail.from && !addressesOfMailbox(sender).includes(mail.from.address.toLowerCase())) {
    throw new GraphError(403, 'ErrorSendAsDenied',
      'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.');
  }
  const recipients = (list: MailAddress[]): unknown[] => list.map((a) => ({ emailAddress: a.name ? { name: a.name, address: a.address } : { address: a.address } }));
  const props: Record<string, unknown> = {
    subject: mail.subject, body: mail.body, toRecipients: recipients(mail.to), ccRecipients: recipients(mail.cc),
    bccRecipients: recipients(mail.bcc), replyTo: recipients(mail.replyTo),
  };
  requireRecipients(props);
  const message: OutgoingMessage = {
    props,
    attachments: mail.attachments.map((a) => ({
      type: 'microsoft.graph.fileAttachment',
      props: {
        name: a.name, contentType: a.contentType, contentBytes: a.bytes.toString('base64'), isInline: a.isInline,
        ...(a.contentId ? { contentId: a.contentId } : {}),
      },
    })),
    ...(mail.messageId ? { internetMessageId: mail.messageId } : {}),
  };
  deliver(ctx, sender, message, true);
}

/** POST of base64 MIME to a messages collection (Graph's "create a message from MIME"): the draft's JSON. */
export function mimeDraft(ctx: RequestContext): Record<string, unknown> {
  const text = ctx.body.toString('latin1').replace(/\s+/g, '');
  if (text === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw new GraphError(400, 'ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.');
  const mail = parseMail(Buffer.from(text, 'base64'));
  const recipients = (list: MailAddress[]): unknown[] => list.map((a) => ({ emailAddress: a.name ? { name: a.name, address: a.address } : { address: a.address } }));
  return {
    subject: mail.subject, body: mail.body, toRecipients: recipients(mail.to), ccRecipients: recipients(mail.cc), bccRecipients: recipients(mail.bcc), replyTo: recipients(mail.replyTo),
    ...(mail.messageId ? { internetMessageId: mail.messageId } : {}),
    // Exchange keeps the MIME's Date as the item's sent time, so an imported message exports the Date it came with.
    ...(mail.date ? { sentDateTime: mail.date } : {}),
    attachments: mail.attachments.map((a) => ({ '@odata.type': '#microsoft.graph.fileAttachment', name: a.name, contentType: a.contentType, contentBytes: a.bytes.toString('base64'), isInline: a.isInline, ...(a.contentId ? { contentId: a.contentId } : {}) })),
  };
}

function addressesOfMailbox(user: EntityRecord): string[] {
  const proxies = Array.isArray(user.props['proxyAddresses']) ? (user.props['proxyAddresses'] as string[]) : [];
  return [user.props['mail'], user.props['userPrincipalName'], ...proxies.map((p) => p.replace(/^smtp:/i, ''))]
    .filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase());
}
