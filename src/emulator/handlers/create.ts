// Creating entities from validated payloads: POST to a collection, PUT into an empty single navigation,
// deep insert of contained children, `@odata.bind` links. Everything that can fail is checked before
// the first write, so a rejected request leaves no half-created entity behind.
import { GraphError } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import type { ValidatedEntity } from '../model/validate.js';
import { applyCreateDefaults } from '../store/behaviours.js';
import { canonicalPath } from '../store/canonical.js';
import type { Collection, Slot } from '../store/collections.js';
import { childNamed, driveOf, freeName } from '../store/drive-tree.js';
import { navigate, type BindingScope } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';
import { resolveReference } from './references.js';

export interface CreatePlan {
  validated: ValidatedEntity;
  container: Collection | Slot;
  scope: BindingScope;
  /** The user whose mailbox/drive this goes into (for organizer/createdBy defaults). */
  owner?: EntityRecord;
  /** The drive folder a new drive item goes into, for name conflicts. */
  folder?: EntityRecord;
}

export function createEntity(ctx: RequestContext, plan: CreatePlan): EntityRecord {
  const { store } = ctx.service;
  const binds = plan.validated.binds.map((b) => ({ nav: b.nav, targets: b.urls.map((u) => resolveReference(ctx, u, b.nav.type)) }));
  store.reserve(countEntities(plan.validated));
  const replaced = driveNameConflict(ctx, plan);
  if (replaced) store.remove(replaced);
  return materialize(ctx, plan.validated, plan.container, plan.scope, plan.owner, binds);
}

function materialize(
  ctx: RequestContext, v: ValidatedEntity, container: Collection | Slot, scope: BindingScope,
  owner: EntityRecord | undefined, binds: Array<{ nav: ValidatedEntity['binds'][number]['nav']; targets: EntityRecord[] }>,
): EntityRecord {
  const { store, index } = ctx.service;
  const props = { ...v.props };
  const givenId = props['id'];
  const keys = index.keyOf(v.type);
  if (keys.length === 1 && keys[0] === 'id' && !(ctx.internal && typeof props['id'] === 'string')) {
    props['id'] = store.ids.next(v.type);
  }
  applyCreateDefaults(index, v.type, props, { store, now: store.now(), givenId, ...(owner ? { owner } : {}) });
  const record = store.create(v.type, props);
  container.insert(record);
  applyAnnotations(ctx, record, v.annotations);
  for (const { nav, items } of v.nested) {
    const reached = navigate(store, record, nav, { root: scope.root, path: [...scope.path, nav.name] });
    for (const item of items) materialize(ctx, item, reached, scope, owner, []);
  }
  for (const { nav, targets } of binds) {
    const reached = navigate(store, record, nav, scope);
    for (const t of targets) reached.link?.(t);
  }
  ctx.record({ kind: 'created', type: record.type, id: String(props['id'] ?? store.keyOf(record)), path: canonicalPath(store, record) });
  return record;
}

function countEntities(v: ValidatedEntity): number {
  return 1 + v.nested.reduce((n, { items }) => n + items.reduce((m, i) => m + countEntities(i), 0), 0);
}

/**
 * OneDrive names are unique per folder: `@microsoft.graph.conflictBehavior` says whether a clash fails
 * (409 nameAlreadyExists, the default for POST), renames the new item or replaces the old one.
 */
function driveNameConflict(ctx: RequestContext, plan: CreatePlan): EntityRecord | undefined {
  const { index } = ctx.service;
  if (!plan.folder || !index.isA(plan.validated.type, 'microsoft.graph.driveItem')) return undefined;
  const drive = driveOf(plan.folder);
  const name = plan.validated.props['name'];
  if (!drive || typeof name !== 'string') return undefined;
  const existing = childNamed(drive, plan.folder, name);
  if (!existing) return undefined;
  const behaviour = String(plan.validated.annotations['@microsoft.graph.conflictBehavior'] ?? 'fail');
  if (behaviour === 'rename') {
    plan.validated.props['name'] = freeName(drive, plan.folder, name);
    return undefined;
  }
  if (behaviour === 'replace') return existing;
  throw new GraphError(409, 'nameAlreadyExists', `An item named '${name}' already exists in this folder.`);
}

/** Seeding annotations: well-known folder names, file content, private facts. */
function applyAnnotations(ctx: RequestContext, record: EntityRecord, annotations: Record<string, unknown>): void {
  const { store, index } = ctx.service;
  const wellKnown = annotations['@emulator.wellKnownName'];
  if (typeof wellKnown === 'string') record.meta['wellKnownName'] = wellKnown.toLowerCase();
  const meta = annotations['@emulator.meta'];
  if (meta && typeof meta === 'object') Object.assign(record.meta, meta);
  const textContent = annotations['@emulator.content'];
  const base64 = annotations['@emulator.contentBase64'];
  if (typeof textContent === 'string' || typeof base64 === 'string') {
    const bytes = typeof base64 === 'string' ? Buffer.from(base64, 'base64') : Buffer.from(String(textContent), 'utf8');
    const file = record.props['file'];
    const contentType = (file && typeof file === 'object' ? (file as Record<string, unknown>)['mimeType'] : undefined) ?? 'application/octet-stream';
    const content = { bytes, contentType: String(contentType) };
    if (index.properties(record.type).get('content')?.type === 'Edm.Stream') store.setStream(record, 'content', content);
    else store.setMedia(record, content);
  }
}
