// Drive upload sessions. `createUploadSession` hands out a pre-authenticated `uploadUrl` on the storage
// host; fragments are PUT there with `Content-Range` (multiples of 320 KiB except the last, in order,
// under 60 MiB each), resumed with GET and cancelled with DELETE, exactly the rules Graph enforces.
import { GraphError, notFound } from '../errors.js';
import { json, noContent, type GraphResponse, type RequestContext } from '../http/exchange.js';
import type { DrivePathTarget, OperationTarget, Resolved } from '../routing/targets.js';
import { childNamed, driveOf, freeName, parentOf } from '../store/drive-tree.js';
import type { EntityRecord } from '../store/record.js';
import { baseUrl } from '../service.js';
import { UPLOAD_TTL_MS, type UploadSession } from '../transfers.js';
import { readJsonObject } from '../handlers/body.js';
import { createdResponse } from '../handlers/serialize.js';
import { ownerOfTrail } from '../handlers/entity.js';
import { createAtPath, writeFileContent } from '../handlers/streams.js';
import { contentRange, refuseAuthorization, sessionStatus } from './upload-url.js';

/** 320 KiB: fragment sizes must be multiples of this, except the last. */
export const FRAGMENT_MULTIPLE = 327_680;
/** Graph rejects fragments of 60 MiB or more. */
export const MAX_FRAGMENT = 60 * 1024 * 1024;

type Conflict = UploadSession['conflictBehavior'];

function conflictOf(ctx: RequestContext, fallback: Conflict): { behaviour: Conflict; name?: string } {
  const body = readJsonObject(ctx, 'drive', true);
  const item = (body['item'] ?? {}) as Record<string, unknown>;
  const raw = item['@microsoft.graph.conflictBehavior'];
  const behaviour = raw === 'rename' || raw === 'replace' || raw === 'fail' ? raw : fallback;
  return { behaviour, ...(typeof item['name'] === 'string' ? { name: item['name'] } : {}) };
}

/** Bound to an existing item: replace its content (or upload beside it, by conflict behaviour). */
export function createUploadSession(ctx: RequestContext, target: OperationTarget): GraphResponse {
  if (target.binding?.kind !== 'entity') throw notFound('drive');
  const item = target.binding.record;
  const drive = driveOf(item);
  if (!drive) throw notFound('drive');
  const { behaviour } = conflictOf(ctx, 'replace');
  const folder = item.props['folder'] != null ? item : parentOf(drive, item);
  if (!folder || item.props['folder'] != null) {
    throw new GraphError(400, 'invalidRequest', 'An upload session is created for a file path, such as items/{parent-id}:/{filename}:/createUploadSession.');
  }
  return openSession(ctx, drive, folder, String(item.props['name']), behaviour);
}

/** POST `root:/folder/new.bin:/createUploadSession` for a file that does not exist yet. */
export function createUploadSessionAtPath(ctx: RequestContext, target: DrivePathTarget, resolved: Resolved): GraphResponse {
  const { behaviour } = conflictOf(ctx, 'replace');
  const owner = ownerOfTrail(ctx, resolved);
  const folder = target.missing.length > 1
    ? createAtPath(ctx, { ...target, missing: target.missing.slice(0, -1) }, true, owner)
    : target.deepest;
  return openSession(ctx, target.drive, folder, target.missing[target.missing.length - 1]!, behaviour, owner);
}

function openSession(ctx: RequestContext, drive: EntityRecord, folder: EntityRecord, name: string, behaviour: Conflict, owner?: EntityRecord): GraphResponse {
  const { store } = ctx.service;
  if (behaviour === 'fail' && childNamed(drive, folder, name)) {
    throw new GraphError(409, 'nameAlreadyExists', `An item named '${name}' already exists in this folder.`);
  }
  const token = store.ids.token(32);
  const expires = new Date(Date.now() + UPLOAD_TTL_MS);
  ctx.service.transfers.openUpload({
    token, version: ctx.service.version, drive, folder, name, conflictBehavior: behaviour, chunks: [], received: 0, expires,
    ...(owner ? { owner } : {}),
  });
  return json(200, {
    '@odata.context': `${baseUrl(ctx.service)}/$metadata#microsoft.graph.uploadSession`,
    uploadUrl: `${ctx.service.endpoints.storageOrigin}/_storage/upload/${token}`,
    expirationDateTime: expires.toISOString(),
    nextExpectedRanges: ['0-'],
  });
}

function status(session: UploadSession): Record<string, unknown> {
  return sessionStatus(session.received, session.expires);
}

/** Requests to an `uploadUrl`. The URL itself is the credential: sending `Authorization` is refused. */
export function handleUploadUrl(ctx: RequestContext, session: UploadSession): GraphResponse {
  refuseAuthorization(ctx);
  const transfers = ctx.service.transfers;
  if (ctx.method === 'GET') return json(200, status(session));
  if (ctx.method === 'DELETE') {
    transfers.uploads.delete(session.token);
    return noContent();
  }
  if (ctx.method !== 'PUT') throw new GraphError(405, 'invalidRequest', `The HTTP method '${ctx.method}' is not allowed on an uploadUrl.`);

  const { start, total, length, last } = contentRange(ctx, 'invalidRequest');
  if (session.total !== undefined && session.total !== total) {
    throw new GraphError(400, 'invalidRequest', `The declared file size changed from ${session.total} to ${total}.`);
  }
  if (start !== session.received) {
    // Out of order or overlapping: the client should GET the uploadUrl and resume from nextExpectedRanges.
    throw new GraphError(416, 'invalidRange', `The uploaded fragment is not the next expected range; expected bytes ${session.received}-.`);
  }
  if (length >= MAX_FRAGMENT) throw new GraphError(413, 'requestTooLarge', 'Each fragment must be smaller than 60 MiB.');
  if (!last && length % FRAGMENT_MULTIPLE !== 0) {
    throw new GraphError(400, 'invalidRequest', `Fragment sizes must be a multiple of 320 KiB (327,680 bytes); got ${length}.`);
  }
  ctx.service.store.reserve(0, length);
  session.total = total;
  session.chunks.push(Buffer.from(ctx.body));
  session.received += length;
  session.expires = new Date(Date.now() + UPLOAD_TTL_MS);
  if (!last) return json(202, status(session));
  transfers.uploads.delete(session.token);
  return complete(ctx, session);
}

function complete(ctx: RequestContext, session: UploadSession): GraphResponse {
  let name = session.name;
  const existing = childNamed(session.drive, session.folder, name);
  if (existing && session.conflictBehavior === 'fail') throw new GraphError(409, 'nameAlreadyExists', `An item named '${name}' already exists.`);
  if (existing && session.conflictBehavior === 'rename') name = freeName(session.drive, session.folder, name);
  const replaced = session.conflictBehavior === 'replace' ? existing : undefined;
  const file = replaced ?? createAtPath(ctx, { kind: 'drivePath', drive: session.drive, deepest: session.folder, missing: [name] }, false, session.owner);
  writeFileContent(ctx, file, Buffer.concat(session.chunks));
  // The storage host answers the last fragment with the item as Graph would, context included.
  const context = `drives('${encodeURIComponent(String(session.drive.props['id']))}')/items/$entity`;
  return createdResponse(ctx, file, file.type, context, replaced !== undefined);
}
