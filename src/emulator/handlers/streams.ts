// Binary content: `$value` of media entities (a file attachment's bytes, a message as MIME), drive item
// `content` (downloads redirect to a pre-authenticated storage URL on another host, as on Graph), and
// simple uploads with PUT, including to a path that does not exist yet (`root:/new/file.txt:/content`).
import { GraphError, notFound } from '../errors.js';
import { binary, json, noContent, type GraphResponse, type RequestContext } from '../http/exchange.js';
import type { DrivePathTarget, MediaSlotTarget, Resolved, StreamTarget } from '../routing/targets.js';
import { applyCreateDefaults, applyUpdate, mimeTypeOf } from '../store/behaviours.js';
import { canonicalPath } from '../store/canonical.js';
import { childNamed, placeItem } from '../store/drive-tree.js';
import { quickXorHash } from '../store/quick-xor-hash.js';
import type { EntityRecord } from '../store/record.js';
import { DOWNLOAD_TTL_MS } from '../transfers.js';
import { ownerOfTrail } from './entity.js';
import { messageMime } from '../mime/write.js';
import { describePhoto, imageNotFound, isProfilePhoto, photoContentType } from '../store/photos.js';
import { createdResponse, serialize } from './serialize.js';

export function readStream(ctx: RequestContext, target: StreamTarget): GraphResponse {
  const { store, index } = ctx.service;
  const record = target.record;
  if (target.property) {
    const content = record.streams.get(target.property.name);
    if (!content) throw notFound('drive');
    const token = store.ids.token(32);
    ctx.service.transfers.grantDownload(token, { record, property: target.property.name, expires: Date.now() + DOWNLOAD_TTL_MS });
    return { status: 302, headers: { location: `${ctx.service.endpoints.storageOrigin}/_storage/download/${token}` } };
  }
  if (index.isA(record.type, 'microsoft.graph.fileAttachment')) {
    const bytes = Buffer.from(String(record.props['contentBytes'] ?? ''), 'base64');
    return binary(200, bytes, String(record.props['contentType'] ?? 'application/octet-stream'));
  }
  if (index.isA(record.type, 'microsoft.graph.message') && !record.media) {
    return binary(200, Buffer.from(messageMime(store, record), 'utf8'), 'text/plain');
  }
  if (!record.media) throw isProfilePhoto(store, record.type) ? imageNotFound() : notFound('other', String(record.props['id'] ?? ''));
  return binary(200, record.media.bytes, record.media.contentType);
}

export function writeStream(ctx: RequestContext, target: StreamTarget): GraphResponse {
  const { store, index } = ctx.service;
  const record = target.record;
  const contentType = ctx.headers['content-type'] ?? 'application/octet-stream';
  if (!target.property) {
    setMedia(ctx, record, contentType);
    ctx.record({ kind: 'uploaded', itemId: String(record.props['id'] ?? ''), name: String(record.props['name'] ?? ''), bytes: ctx.body.length });
    return noContent();
  }
  if (record.props['folder'] != null) throw new GraphError(400, 'invalidRequest', 'Content cannot be written to a folder.');
  writeFileContent(ctx, record, ctx.body);
  applyUpdate(index, record, { store, now: store.now() });
  return json(200, serialize(store, record, record.type));
}

/** PUT `/me/photo/$value` when there is no photo yet: the entity is created with its content. */
export function createMedia(ctx: RequestContext, target: MediaSlotTarget): GraphResponse {
  const { store, index } = ctx.service;
  store.reserve(1, ctx.body.length);
  const props: Record<string, unknown> = { id: index.isA(target.type, 'microsoft.graph.profilePhoto') ? 'default' : store.ids.next(target.type) };
  applyCreateDefaults(index, target.type, props, { store, now: store.now() });
  const record = store.create(target.type, props);
  target.slot.insert(record);
  setMedia(ctx, record, ctx.headers['content-type'] ?? 'application/octet-stream');
  ctx.record({ kind: 'uploaded', itemId: String(props['id']), name: '', bytes: ctx.body.length });
  return noContent();
}

function setMedia(ctx: RequestContext, record: EntityRecord, contentType: string): void {
  const { store } = ctx.service;
  if (!isProfilePhoto(store, record.type)) {
    store.setMedia(record, { bytes: ctx.body, contentType });
    return;
  }
  describePhoto(record, ctx.body);
  store.setMedia(record, { bytes: ctx.body, contentType: photoContentType(ctx.body, contentType) });
}

/** PUT `…/root:/path/to/new.txt:/content`: creates missing folders, then the file. */
export function uploadToPath(ctx: RequestContext, target: DrivePathTarget, resolved: Resolved): GraphResponse {
  if (target.then?.toLowerCase() !== 'content' || ctx.method !== 'PUT') throw notFound('drive');
  const file = createAtPath(ctx, target, false, ownerOfTrail(ctx, resolved));
  writeFileContent(ctx, file, ctx.body);
  return createdResponse(ctx, file, file.type);
}

/** Creates the missing folders of a drive path and (unless `folderOnly`) an empty file at its end. */
export function createAtPath(ctx: RequestContext, target: DrivePathTarget, folderOnly: boolean, owner?: EntityRecord): EntityRecord {
  const { store } = ctx.service;
  const names = folderOnly ? target.missing : target.missing.slice(0, -1);
  store.reserve(target.missing.length);
  let folder = target.deepest;
  for (const name of names) {
    folder = childNamed(target.drive, folder, name) ?? newItem(ctx, target.drive, folder, { name, folder: {} }, owner);
  }
  if (folderOnly) return folder;
  const name = target.missing[target.missing.length - 1]!;
  return newItem(ctx, target.drive, folder, { name, file: { mimeType: mimeTypeOf(name) } }, owner);
}

function newItem(ctx: RequestContext, drive: EntityRecord, folder: EntityRecord, props: Record<string, unknown>, owner?: EntityRecord): EntityRecord {
  const { store, index } = ctx.service;
  const type = 'microsoft.graph.driveItem';
  const all = { id: store.ids.next(type), ...props };
  applyCreateDefaults(index, type, all, { store, now: store.now(), ...(owner ? { owner } : {}) });
  const record = store.create(type, all);
  placeItem(store, drive, folder, record);
  ctx.record({ kind: 'created', type, id: String(all.id), path: canonicalPath(store, record) });
  return record;
}

export function writeFileContent(ctx: RequestContext, file: EntityRecord, bytes: Buffer): void {
  const { store } = ctx.service;
  const mimeType = mimeTypeOf(String(file.props['name'] ?? ''));
  store.setStream(file, 'content', { bytes, contentType: mimeType });
  file.props['size'] = bytes.length;
  file.props['file'] = { mimeType, hashes: { quickXorHash: quickXorHash(bytes) } };
  ctx.record({ kind: 'uploaded', itemId: String(file.props['id']), name: String(file.props['name'] ?? ''), bytes: bytes.length });
}
