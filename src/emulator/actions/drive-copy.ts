// driveItem `copy`: Graph's asynchronous pattern. The action answers 202 Accepted with no body and a
// `Location` to a monitor on the storage host (no token needed there); the monitor answers 202 with
// `status: inProgress` at the first poll and then `completed` with the new item's `resourceId` (or
// `failed` with the error), so a client's polling loop runs at least once, as it must on Graph.
import { GraphError, notFound } from '../errors.js';
import { json, type GraphResponse, type RequestContext } from '../http/exchange.js';
import type { OperationTarget } from '../routing/targets.js';
import { applyCreateDefaults } from '../store/behaviours.js';
import { childNamed, childrenOf, driveOf, parentOf, placeItem } from '../store/drive-tree.js';
import type { EntityRecord } from '../store/record.js';
import type { CopyMonitor } from '../transfers.js';
import { readActionParams } from './params.js';

const DRIVE_ITEM = 'microsoft.graph.driveItem';

export function copyDriveItem(ctx: RequestContext, target: OperationTarget): GraphResponse {
  if (target.binding?.kind !== 'entity') throw notFound('drive');
  const { store } = ctx.service;
  const source = target.binding.record;
  const sourceDrive = driveOf(source);
  if (!sourceDrive) throw notFound('drive');
  const params = readActionParams(ctx, target.op, 'drive');
  const reference = (params.values.get('parentreference') ?? {}) as { driveId?: string; id?: string };
  const drive = reference.driveId && reference.driveId !== sourceDrive.props['id'] ? store.entitySet('drives').get(reference.driveId) : sourceDrive;
  if (!drive) throw new GraphError(400, 'invalidRequest', `The destination drive '${reference.driveId}' does not exist.`);
  const folder = reference.id ? drive.contained.get('items')?.get(reference.id) : parentOf(sourceDrive, source);
  if (!folder || folder.props['folder'] == null) throw new GraphError(400, 'invalidRequest', 'parentReference must name a folder to copy into.');
  const name = String(params.values.get('name') ?? source.props['name'] ?? '');

  const monitor: CopyMonitor = { token: store.ids.token(32), polls: 0, expires: new Date(Date.now() + 60 * 60 * 1000) };
  if (childNamed(drive, folder, name)) {
    monitor.error = { code: 'nameAlreadyExists', message: `An item named '${name}' already exists in the destination folder.` };
  } else {
    monitor.resourceId = String(copyTree(ctx, sourceDrive, source, drive, folder, name).props['id']);
  }
  ctx.service.transfers.openMonitor(monitor);
  return { status: 202, headers: { location: `${ctx.service.endpoints.storageOrigin}/_storage/monitor/${monitor.token}` } };
}

/** GET on a monitor URL: in progress once, then the outcome. */
export function handleMonitor(ctx: RequestContext, monitor: CopyMonitor): GraphResponse {
  if (ctx.method !== 'GET') throw new GraphError(405, 'invalidRequest', 'A monitor URL takes GET.');
  monitor.polls++;
  if (monitor.polls === 1) return json(202, { operation: 'ItemCopy', status: 'inProgress', percentageComplete: 50 });
  if (monitor.error) return json(200, { operation: 'ItemCopy', status: 'failed', percentageComplete: 100, error: monitor.error });
  return json(200, { operation: 'ItemCopy', status: 'completed', percentageComplete: 100, resourceId: monitor.resourceId });
}

/** A new item (and, for a folder, its subtree) with fresh ids and the same content. */
function copyTree(ctx: RequestContext, fromDrive: EntityRecord, item: EntityRecord, drive: EntityRecord, folder: EntityRecord, name: string): EntityRecord {
  const { store, index } = ctx.service;
  const children = childrenOf(fromDrive, item);
  store.reserve(1 + children.length);
  const { id: _id, eTag: _e, cTag: _c, parentReference: _p, createdDateTime: _cd, lastModifiedDateTime: _lm, ...kept } = item.props;
  const props: Record<string, unknown> = { ...structuredClone(kept), id: store.ids.next(DRIVE_ITEM), name };
  applyCreateDefaults(index, DRIVE_ITEM, props, { store, now: store.now() });
  const copy = store.create(DRIVE_ITEM, props);
  placeItem(store, drive, folder, copy);
  for (const [stream, content] of item.streams) store.setStream(copy, stream, { ...content });
  ctx.record({ kind: 'created', type: DRIVE_ITEM, id: String(props['id']), path: `/drives/${String(drive.props['id'])}/items/${String(props['id'])}` });
  for (const child of children) copyTree(ctx, fromDrive, child, drive, copy, String(child.props['name'] ?? ''));
  return copy;
}
