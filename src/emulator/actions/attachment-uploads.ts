// Outlook attachment upload sessions (`POST …/messages/{id}/attachments/createUploadSession`), for files
// too large for one POST. They differ from OneDrive's: the session is created with 201, chunks have no
// 320 KiB rule but carry at most 4 MiB, a chunk is answered 200 with what is still expected, and the
// last one 201 with the new attachment's `Location` and no body. Same pre-authenticated uploadUrl rules.
import { GraphError, notFound } from '../errors.js';
import { json, noContent, type GraphResponse, type RequestContext } from '../http/exchange.js';
import type { OperationTarget } from '../routing/targets.js';
import { baseUrl } from '../service.js';
import { applyCreateDefaults } from '../store/behaviours.js';
import { canonicalPath } from '../store/canonical.js';
import { UPLOAD_TTL_MS, type AttachmentUploadSession } from '../transfers.js';
import { readActionParams } from './params.js';
import { contentRange, refuseAuthorization, sessionStatus } from './upload-url.js';

/**
 * Graph refuses a session for a small file, which belongs in one POST
 * (ErrorAttachmentSizeShouldNotBeLessThanMinimumSize); 2 MiB is the smallest size seen accepted, below
 * the documented 3 MB, so a client that switches to sessions at 3 MB is never refused here wrongly.
 */
export const MIN_SESSION_SIZE = 2 * 1024 * 1024;
/** Outlook's largest file attachment. */
export const MAX_ATTACHMENT_SIZE = 150 * 1024 * 1024;
/** Each PUT to an attachment uploadUrl carries at most 4 MiB. */
export const MAX_ATTACHMENT_CHUNK = 4 * 1024 * 1024;

const FILE_ATTACHMENT = 'microsoft.graph.fileAttachment';

export function createAttachmentUploadSession(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const parent = target.binding?.kind === 'collection' ? target.binding.parent : undefined;
  if (!parent) throw notFound('outlook');
  const params = readActionParams(ctx, target.op, 'outlook');
  const item = (params.values.get('attachmentitem') ?? {}) as Record<string, unknown>;
  const invalid = (message: string): GraphError => new GraphError(400, 'ErrorInvalidParameter', message);
  if (item['attachmentType'] !== 'file') {
    throw invalid(`An upload session takes attachmentType 'file'; got '${String(item['attachmentType'] ?? '')}'.`);
  }
  const name = item['name'];
  if (typeof name !== 'string' || name.trim() === '') throw invalid("The attachment needs a 'name'.");
  const size = item['size'];
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) throw invalid("The attachment needs its 'size' in bytes.");
  if (size < MIN_SESSION_SIZE) {
    throw new GraphError(400, 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize',
      'Attachment size must be greater than the minimum size; attach small files with a single POST to the attachments collection.');
  }
  if (size > MAX_ATTACHMENT_SIZE) {
    throw new GraphError(400, 'ErrorAttachmentSizeLimitExceeded', `Attachments are limited to ${MAX_ATTACHMENT_SIZE} bytes; this one declares ${size}.`);
  }
  const token = ctx.service.store.ids.token(32);
  const expires = new Date(Date.now() + UPLOAD_TTL_MS);
  const contentId = item['contentId'];
  ctx.service.transfers.openAttachmentUpload({
    token, parent, name, size, contentType: typeof item['contentType'] === 'string' ? item['contentType'] : 'application/octet-stream',
    isInline: item['isInline'] === true, ...(typeof contentId === 'string' ? { contentId } : {}), chunks: [], received: 0, expires,
  });
  return json(201, {
    '@odata.context': `${baseUrl(ctx.service)}/$metadata#microsoft.graph.uploadSession`,
    uploadUrl: `${ctx.service.endpoints.storageOrigin}/_storage/attachment/${token}`,
    ...sessionStatus(0, expires),
  });
}

/** Requests to an attachment `uploadUrl`: PUT a chunk, GET to resume, DELETE to cancel. */
export function handleAttachmentUploadUrl(ctx: RequestContext, session: AttachmentUploadSession): GraphResponse {
  refuseAuthorization(ctx);
  const transfers = ctx.service.transfers;
  if (ctx.method === 'GET') return json(200, sessionStatus(session.received, session.expires));
  if (ctx.method === 'DELETE') {
    transfers.attachmentUploads.delete(session.token);
    return noContent();
  }
  if (ctx.method !== 'PUT') throw new GraphError(405, 'ErrorInvalidRequest', `The HTTP method '${ctx.method}' is not allowed on an uploadUrl.`);

  const range = contentRange(ctx, 'ErrorInvalidRequest');
  if (range.total !== session.size) {
    throw new GraphError(400, 'ErrorInvalidRequest', `The Content-Range declares ${range.total} bytes, but the session was created for ${session.size}.`);
  }
  if (range.start !== session.received) {
    // Out of order or overlapping: the client should GET the uploadUrl and resume from nextExpectedRanges.
    throw new GraphError(416, 'ErrorInvalidRange', `The chunk is not the next expected range; expected bytes ${session.received}-.`);
  }
  if (range.length > MAX_ATTACHMENT_CHUNK) {
    throw new GraphError(413, 'ErrorRequestEntityTooLarge', `Each chunk must be at most ${MAX_ATTACHMENT_CHUNK} bytes (4 MiB); got ${range.length}.`);
  }
  if (!session.parent.alive) {
    transfers.attachmentUploads.delete(session.token);
    throw notFound('outlook');
  }
  ctx.service.store.reserve(0, range.length);
  session.chunks.push(Buffer.from(ctx.body));
  session.received += range.length;
  session.expires = new Date(Date.now() + UPLOAD_TTL_MS);
  if (!range.last) return json(200, sessionStatus(session.received, session.expires));
  transfers.attachmentUploads.delete(session.token);
  return attach(ctx, session);
}

/** The last chunk: the file attachment appears on the message (or event), as one created entity. */
function attach(ctx: RequestContext, session: AttachmentUploadSession): GraphResponse {
  const { store, index } = ctx.service;
  const bytes = Buffer.concat(session.chunks);
  store.reserve(1);
  const props: Record<string, unknown> = {
    id: store.ids.next(FILE_ATTACHMENT), name: session.name, contentType: session.contentType, isInline: session.isInline,
    ...(session.contentId ? { contentId: session.contentId } : {}), contentBytes: bytes.toString('base64'),
  };
  applyCreateDefaults(index, FILE_ATTACHMENT, props, { store, now: store.now() });
  const record = store.create(FILE_ATTACHMENT, props);
  store.placeContained(session.parent, 'attachments', record);
  store.touch(session.parent);
  const path = canonicalPath(store, record);
  ctx.record({ kind: 'created', type: FILE_ATTACHMENT, id: String(props['id']), path });
  ctx.record({ kind: 'uploaded', itemId: String(props['id']), name: session.name, bytes: bytes.length });
  return { status: 201, headers: { location: `${baseUrl(ctx.service)}${path}` } };
}
