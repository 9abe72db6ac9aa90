// GET, PATCH, PUT and DELETE on one entity (and PUT/PATCH into an empty single navigation). Directory
// objects answer PATCH with 204, Outlook and OneDrive with 200 and the entity, as Graph does; deleting a
// message moves it to Deleted Items first (see actions/deleted-items.ts).
import { softDeleteMessage } from '../actions/deleted-items.js';
import { badBody, GraphError } from '../errors.js';
import { json, noContent, type GraphResponse, type RequestContext } from '../http/exchange.js';
import { areaOf } from '../model/areas.js';
import { validateEntity, validateValue } from '../model/validate.js';
import type { QueryOptions } from '../odata/query.js';
import type { EmptySlotTarget, EntityTarget, PropertyTarget, Resolved } from '../routing/targets.js';
import { applyUpdate } from '../store/behaviours.js';
import { canonicalPath } from '../store/canonical.js';
import { childrenOf, driveOf } from '../store/drive-tree.js';
import { ownerUser } from '../store/mailbox.js';
import { entitySetCollection } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';
import { baseUrl } from '../service.js';
import { readJson } from './body.js';
import { outlookPreferences } from './outlook-prefer.js';
import { checkIfMatch } from './preconditions.js';
import { createEntity } from './create.js';
import { unlink } from './references.js';
import { checkProjection, contextWithSelect, createdResponse, serialize } from './serialize.js';
import { extensionNames } from '../store/extensions.js';

export function readEntity(ctx: RequestContext, target: EntityTarget, query: QueryOptions): GraphResponse {
  checkProjection(ctx.service.index, target.type, query, extensionNames(ctx.service.store));
  const { preferences, applied } = outlookPreferences(ctx.headers['prefer']);
  return json(200, {
    '@odata.context': `${baseUrl(ctx.service)}/$metadata#${contextWithSelect(target.context, query.select)}`,
    ...serialize(ctx.service.store, target.record, target.type, { ...query, outlook: preferences }),
  }, applied.length > 0 ? { 'preference-applied': applied.join(', ') } : {});
}

export function updateEntity(ctx: RequestContext, target: EntityTarget, replace: boolean): GraphResponse {
  const { store, index } = ctx.service;
  const record = target.record;
  const area = areaOf(index, record.type);
  checkIfMatch(ctx, record);
  const validated = validateEntity(index, record.type, readJson(ctx, area), replace ? 'replace' : 'update', { area, extensions: extensionNames(store) });
  if (validated.type !== record.type && !index.isA(record.type, validated.type)) {
    throw badBody(area, `The entity is a '${record.type}'; '@odata.type' cannot change it to '${validated.type}'.`);
  }
  checkDriveMove(ctx, record, validated.props);
  const keys = index.keyOf(record.type);
  const kept = Object.fromEntries(keys.map((k) => [k, record.props[k]]));
  // Keys never change through the body: Graph ignores or rejects an `id` in PATCH.
  for (const k of keys) delete validated.props[k];
  record.props = replace ? { ...kept, ...validated.props } : { ...record.props, ...validated.props };
  applyUpdate(index, record, { store, now: store.now() });
  store.touch(record);
  ctx.record({ kind: 'updated', type: record.type, id: String(record.props['id'] ?? ''), path: canonicalPath(store, record) });
  if (area === 'directory') return noContent();
  return json(200, {
    '@odata.context': `${baseUrl(ctx.service)}/$metadata#${target.context}`,
    ...serialize(store, record, target.type, { outlook: outlookPreferences(ctx.headers['prefer']).preferences }),
  });
}

/** PATCH on a complex property (`/me/mailboxSettings`): merges into it, as Graph does for settings. */
export function updateProperty(ctx: RequestContext, target: PropertyTarget): GraphResponse {
  const { store, index } = ctx.service;
  const { record, property } = target;
  const area = areaOf(index, record.type);
  if (!index.complexType(property.type) || property.collection) {
    throw badBody(area, `Only complex properties can be patched on their own; PATCH the entity to change '${property.name}'.`);
  }
  const patch = validateValue(index, property, readJson(ctx, area), property.name, area) as Record<string, unknown> | null;
  const current = record.props[property.name];
  record.props[property.name] = patch === null ? null : { ...(current && typeof current === 'object' ? current : {}), ...patch };
  store.touch(record);
  ctx.record({ kind: 'updated', type: record.type, id: String(record.props['id'] ?? ''), path: canonicalPath(store, record) });
  return json(200, { '@odata.context': `${baseUrl(ctx.service)}/$metadata#${target.context}`, ...(record.props[property.name] as object) });
}

/** PUT/PATCH into a single navigation that is empty creates its entity (`PUT /groups/{id}/team`). */
export function createInSlot(ctx: RequestContext, target: EmptySlotTarget, resolved: Resolved): GraphResponse {
  const { index } = ctx.service;
  const area = areaOf(index, target.type);
  const validated = validateEntity(index, target.type, readJson(ctx, area), 'create', { area, internal: ctx.internal, extensions: extensionNames(ctx.service.store) });
  const owner = ownerOfTrail(ctx, resolved);
  const record = createEntity(ctx, { validated, container: target.slot, scope: target.scope, ...(owner ? { owner } : {}) });
  return createdResponse(ctx, record, target.type, `${target.context}/$entity`);
}

export function deleteEntity(ctx: RequestContext, target: EntityTarget): GraphResponse {
  const { store, index } = ctx.service;
  const record = target.record;
  const container = target.container;
  if (container && !container.contained) {
    // A member reached through a reference (`/groups/{id}/members/{id}`): removing it unlinks it.
    unlink(container, record);
    ctx.record({ kind: 'unlinked', path: target.prefix, targetId: String(record.props['id']) });
    return noContent();
  }
  checkIfMatch(ctx, record);
  if (index.isA(record.type, 'microsoft.graph.message') && softDeleteMessage(ctx, record)) return noContent();
  const path = canonicalPath(store, record);
  const drive = index.isA(record.type, 'microsoft.graph.driveItem') ? driveOf(record) : undefined;
  if (drive && record.props['root'] != null) throw new GraphError(403, 'accessDenied', 'The root folder of a drive cannot be deleted.');
  const doomed = drive ? descendants(drive, record) : [];
  for (const r of [record, ...doomed]) store.remove(r);
  ctx.record({ kind: 'deleted', type: record.type, id: String(record.props['id'] ?? ''), path });
  return noContent();
}

function descendants(drive: EntityRecord, folder: EntityRecord): EntityRecord[] {
  const out: EntityRecord[] = [];
  const stack = [folder];
  while (stack.length > 0 && out.length < 100_000) {
    for (const child of childrenOf(drive, stack.pop()!)) {
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

/** PATCH `parentReference: { id }` moves a drive item; the target must be a folder of the same drive. */
function checkDriveMove(ctx: RequestContext, record: EntityRecord, props: Record<string, unknown>): void {
  const ref = props['parentReference'];
  if (!ctx.service.index.isA(record.type, 'microsoft.graph.driveItem') || !ref || typeof ref !== 'object') return;
  const drive = driveOf(record);
  const id = (ref as Record<string, unknown>)['id'];
  const folder = drive && typeof id === 'string' ? drive.contained.get('items')?.get(id) : undefined;
  if (!drive || !folder || folder.props['folder'] == null) {
    throw new GraphError(400, 'invalidRequest', 'The parentReference must name a folder in the same drive.');
  }
  let cursor: EntityRecord | undefined = folder;
  for (let i = 0; cursor && i < 256; i++) {
    if (cursor === record) throw new GraphError(400, 'invalidRequest', 'An item cannot be moved into itself.');
    const parentId: unknown = (cursor.props['parentReference'] as Record<string, unknown> | undefined)?.['id'];
    cursor = typeof parentId === 'string' ? drive.contained.get('items')?.get(parentId) : undefined;
  }
  props['parentReference'] = { ...(record.props['parentReference'] as object), id };
}

/**
 * The user a new entity belongs to: the mailbox or drive owner the URL goes through, else (a team's
 * channel, a group's drive) the signed-in user who creates it, as a message's `from` or an item's `createdBy`.
 */
export function ownerOfTrail(ctx: RequestContext, resolved: Resolved): EntityRecord | undefined {
  for (let i = resolved.trail.length - 1; i >= 0; i--) {
    const owner = ownerUser(ctx.service.store, resolved.trail[i]!);
    if (owner) return owner;
  }
  const caller = ctx.caller.kind !== 'application' && !ctx.internal ? ctx.caller.user : undefined;
  return caller ? entitySetCollection(ctx.service.store, 'users').find(caller) : undefined;
}
