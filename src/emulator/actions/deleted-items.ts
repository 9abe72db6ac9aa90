// Outlook's DELETE of a message is a move to Deleted Items (Exchange's soft delete); only a message that is
// already in Deleted Items (or a folder below it) is removed for good. Like any move, the message gets a
// new id unless the client asked for immutable ids, and delta reports it removed from the folder it left.
import type { RequestContext } from '../http/exchange.js';
import { fileMessage, ownerUser, wellKnownFolder } from '../store/mailbox.js';
import { ancestorsOf, type EntityRecord } from '../store/record.js';

/** Moves a message into `folder`, as `move` and a soft delete do, and records the move. */
export function relocateMessage(ctx: RequestContext, message: EntityRecord, folder: EntityRecord): void {
  const { store } = ctx.service;
  const fromId = String(message.props['id']);
  store.detach(message);
  // Exchange gives a moved item a new id unless the client asked for immutable ids.
  if (!/IdType\s*=\s*"?ImmutableId/i.test(ctx.headers['prefer'] ?? '')) message.props['id'] = store.ids.next(message.type);
  fileMessage(store, folder, message);
  ctx.record({ kind: 'moved', type: message.type, fromId, toId: String(message.props['id']), destination: String(folder.props['id']) });
}

/** True when the message went to Deleted Items; false when it must be removed for good. */
export function softDeleteMessage(ctx: RequestContext, message: EntityRecord): boolean {
  const owner = ownerUser(ctx.service.store, message);
  const deletedItems = owner ? wellKnownFolder(owner, 'deleteditems') : undefined;
  if (!deletedItems || ancestorsOf(message).includes(deletedItems)) return false;
  relocateMessage(ctx, message, deletedItems);
  return true;
}
