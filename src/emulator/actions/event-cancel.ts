// POST /events/{id}/cancel: the organizer cancels a meeting. Each attendee gets a cancellation message
// ("Canceled: <subject>", the comment as its body), and the event leaves the organizer's calendar, as Outlook
// does. Only the organizer may cancel (an attendee declines instead).
import { GraphError, notFound } from '../errors.js';
import type { GraphResponse, RequestContext } from '../http/exchange.js';
import type { OperationTarget } from '../routing/targets.js';
import { ownerUser } from '../store/mailbox.js';
import { deliver, type Recipient } from './delivery.js';
import { readActionParams } from './params.js';

export function cancelEvent(ctx: RequestContext, target: OperationTarget): GraphResponse {
  if (target.binding?.kind !== 'entity') throw new GraphError(400, 'BadRequest', "'cancel' must be bound to one event.");
  const event = target.binding.record;
  const owner = ownerUser(ctx.service.store, event);
  if (!owner) throw notFound('outlook');
  if (event.props['isOrganizer'] === false) {
    throw new GraphError(400, 'ErrorAccessDenied', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
  }
  const comment = String(readActionParams(ctx, target.op, 'outlook').values.get('comment') ?? '');
  const attendees = (Array.isArray(event.props['attendees']) ? event.props['attendees'] : []) as Recipient[];
  const toRecipients = attendees.filter((a) => a.emailAddress?.address).map((a) => ({ emailAddress: a.emailAddress }));
  if (toRecipients.length > 0) {
    deliver(ctx, owner, { props: { subject: `Canceled: ${String(event.props['subject'] ?? '')}`, body: { contentType: 'text', content: comment }, toRecipients }, attachments: [] }, true);
  }
  ctx.service.store.remove(event);
  return { status: 202, headers: {} };
}
