// Two functions bound to a drive that list items from elsewhere in the store (python-o365's
// `drive.get_recent()` and `get_shared_with_me()`):
// - `recent()`: the drive's files, most recently modified first.
// - `sharedWithMe()`: items in other users' drives with a permission granted to the caller by name
//   (`grantedToV2`/`grantedTo`/`grantedToIdentitiesV2`), each as Graph lists them: the item's id and name
//   with a `remoteItem` facet saying which drive it lives in. Links (`createLink`) grant no one by name,
//   and `invite` is not emulated, so only seeded permissions can put an item here.
import { notFound } from '../errors.js';
import type { GraphResponse, RequestContext } from '../http/exchange.js';
import { readCollection } from '../handlers/collection.js';
import { parseQuery } from '../odata/query.js';
import type { OperationTarget } from '../routing/targets.js';
import { computedCollection } from '../store/collections.js';
import { driveItems, driveOf } from '../store/drive-tree.js';
import { entitySetCollection } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';

const DRIVE_ITEM = 'microsoft.graph.driveItem';

export function recentItems(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const drive = boundDrive(target);
  const modified = (i: EntityRecord): string => String(i.props['lastModifiedDateTime'] ?? '');
  return listing(ctx, target, () => driveItems(drive)
    .filter((i) => i.alive && i.props['file'] != null)
    .sort((a, b) => modified(b).localeCompare(modified(a))));
}

export function sharedWithMe(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const drive = boundDrive(target);
  const me = ctx.caller.user?.toLowerCase();
  const list = (): EntityRecord[] => {
    if (!me) return [];
    const users = entitySetCollection(ctx.service.store, 'users');
    const myId = String(users.find(me)?.props['id'] ?? me).toLowerCase();
    const out: EntityRecord[] = [];
    for (const other of ctx.service.store.entitySet('drives').values()) {
      if (other === drive) continue;
      for (const item of driveItems(other)) {
        if (item.alive && [...(item.contained.get('permissions')?.values() ?? [])].some((p) => grants(p, myId))) out.push(asRemote(item, other));
      }
    }
    return out;
  };
  return listing(ctx, target, list);
}

function boundDrive(target: OperationTarget): EntityRecord {
  const record = target.binding?.kind === 'entity' ? target.binding.record : undefined;
  if (!record) throw notFound('drive');
  return driveOf(record) ?? record;
}

function listing(ctx: RequestContext, target: OperationTarget, list: () => EntityRecord[]): GraphResponse {
  const collection = computedCollection({
    elementType: DRIVE_ITEM, contained: true, list,
    find: (key) => list().find((i) => i.props['id'] === key),
    insert: () => { throw notFound('drive'); },
  });
  return readCollection(ctx, {
    kind: 'collection', collection, type: DRIVE_ITEM, context: `Collection(${DRIVE_ITEM})`, prefix: ctx.path, scope: target.binding!.scope,
  }, parseQuery(ctx.params));
}

/** A permission naming the user (by id) among those it is granted to. */
function grants(permission: EntityRecord, userId: string): boolean {
  const p = permission.props as Record<string, any>;
  const ids = [p['grantedToV2']?.user?.id, p['grantedTo']?.user?.id,
    ...((p['grantedToIdentitiesV2'] ?? []) as any[]).map((g) => g?.user?.id)];
  return ids.some((id) => typeof id === 'string' && id.toLowerCase() === userId);
}

/** The shared item as a `sharedWithMe` member: its id and name, and where it really is. */
function asRemote(item: EntityRecord, drive: EntityRecord): EntityRecord {
  const { id, name, size, file, folder, webUrl, lastModifiedDateTime, createdBy } = item.props;
  const remoteItem = {
    id, name, size, webUrl, lastModifiedDateTime, createdBy, ...(file ? { file } : {}), ...(folder ? { folder } : {}),
    parentReference: { driveId: drive.props['id'], driveType: drive.props['driveType'] ?? 'business' },
  };
  return { ...item, props: { id, name, size, ...(file ? { file } : {}), ...(folder ? { folder } : {}), remoteItem } };
}
