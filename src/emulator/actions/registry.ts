// Which bound operations the emulator implements, keyed by binding type and name (`*` for every operation
// bound to a type). Anything else answers 501, so a missing behaviour is loud rather than faked.
import type { OperationDef } from '../../schema.js';
import type { GraphResponse, RequestContext } from '../http/exchange.js';
import type { OperationTarget, Resolved } from '../routing/targets.js';
import { createAttachmentUploadSession } from './attachment-uploads.js';
import { delta } from './delta.js';
import { cancelEvent } from './event-cancel.js';
import { copyDriveItem } from './drive-copy.js';
import { searchDrive } from './drive-search.js';
import { recentItems, sharedWithMe } from './drive-views.js';
import { copyMessage, createResponse, moveMessage, respond, sendDraft, sendMail } from './mail.js';
import { report } from './reports.js';
import { createLink } from './sharing.js';
import { createUploadSession } from './uploads.js';

export type OperationHandler = (ctx: RequestContext, target: OperationTarget, resolved: Resolved) => GraphResponse;

const BOUND: Record<string, OperationHandler> = {
  'microsoft.graph.user/sendMail': sendMail,
  'microsoft.graph.message/send': sendDraft,
  'microsoft.graph.message/reply': respond('reply'),
  'microsoft.graph.message/replyAll': respond('replyAll'),
  'microsoft.graph.message/forward': respond('forward'),
  'microsoft.graph.message/createReply': createResponse('reply'),
  'microsoft.graph.message/createReplyAll': createResponse('replyAll'),
  'microsoft.graph.message/createForward': createResponse('forward'),
  'microsoft.graph.message/move': moveMessage,
  'microsoft.graph.message/copy': copyMessage,
  'microsoft.graph.event/cancel': cancelEvent,
  'microsoft.graph.driveItem/createUploadSession': createUploadSession,
  'microsoft.graph.driveItem/createLink': createLink,
  'microsoft.graph.driveItem/copy': copyDriveItem,
  'microsoft.graph.driveItem/search': searchDrive,
  'microsoft.graph.drive/search': searchDrive,
  'microsoft.graph.drive/recent': recentItems,
  'microsoft.graph.drive/sharedWithMe': sharedWithMe,
  'microsoft.graph.attachment/createUploadSession': createAttachmentUploadSession,
  'microsoft.graph.reportRoot/*': report,
};

/** Operations implemented generically, whatever they are bound to. */
const ANY_BINDING: Record<string, OperationHandler> = {
  delta,
};

export function operationHandler(op: OperationDef): OperationHandler | undefined {
  const binding = op.bindingType?.type ?? '';
  return BOUND[`${binding}/${op.name}`] ?? BOUND[`${binding}/*`] ??
    (op.kind === 'function' ? ANY_BINDING[op.name] : undefined);
}
