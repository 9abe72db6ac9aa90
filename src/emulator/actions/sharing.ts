// OneDrive sharing links: `createLink` makes (or finds) a link permission on a drive item, `permissions`
// lists it, and `/shares/{shareId}` resolves the link back to the item, where the share id is the link's
// URL encoded as Graph documents it: `u!` + base64url(webUrl) without padding.
import { GraphError, notFound } from '../errors.js';
import { json, type GraphResponse, type RequestContext } from '../http/exchange.js';
import type { OperationTarget } from '../routing/targets.js';
import { baseUrl } from '../service.js';
import { canonicalPath } from '../store/canonical.js';
import { driveOf } from '../store/drive-tree.js';
import type { EntityRecord } from '../store/record.js';
import type { Store } from '../store/store.js';
import { serialize } from '../handlers/serialize.js';
import { readActionParams } from './params.js';

const PERMISSION = 'microsoft.graph.permission';
/** Link types and the role each grants. */
const LINK_ROLES: Record<string, string[]> = { view: ['read'], edit: ['write'], embed: ['read'] };
const LINK_SCOPES = ['anonymous', 'organization', 'users'];
/** Where links point: Graph's are on the tenant's SharePoint host, never on Graph itself. */
const LINK_ORIGIN = 'https://contoso-my.sharepoint.com';

/** Every link made in a store, by its webUrl, so `/shares/{id}` finds the item in one lookup. */
const LINKS = new WeakMap<Store, Map<string, { item: EntityRecord; permission: EntityRecord }>>();

export function createLink(ctx: RequestContext, target: OperationTarget): GraphResponse {
  if (target.binding?.kind !== 'entity') throw notFound('drive');
  const item = target.binding.record;
  const { store } = ctx.service;
  const params = readActionParams(ctx, target.op, 'drive');
  const type = String(params.values.get('type') ?? '').toLowerCase();
  const scope = String(params.values.get('scope') ?? 'organization').toLowerCase();
  if (!LINK_ROLES[type]) throw new GraphError(400, 'invalidRequest', `Invalid link type '${type}': use one of ${Object.keys(LINK_ROLES).join(', ')}.`);
  if (!LINK_SCOPES.includes(scope)) throw new GraphError(400, 'invalidRequest', `Invalid link scope '${scope}': use one of ${LINK_SCOPES.join(', ')}.`);

  const existing = [...(item.contained.get('permissions')?.values() ?? [])].find((p) => {
    const link = p.props['link'] as { type?: string; scope?: string } | undefined;
    return link?.type === type && link.scope === scope;
  });
  if (existing) return answer(ctx, 200, existing);

  const token = store.ids.token(22);
  const kind = item.props['folder'] != null ? 'f' : 'u';
  const webUrl = `${LINK_ORIGIN}/:${kind}:/g/personal/${token}`;
  const expiration = params.values.get('expirationdatetime');
  const permission = store.create(PERMISSION, {
    id: store.ids.token(16), roles: LINK_ROLES[type], shareId: shareIdOf(webUrl), hasPassword: params.values.get('password') != null,
    link: { type, scope, webUrl, preventsDownload: false },
    ...(typeof expiration === 'string' ? { expirationDateTime: expiration } : {}),
  });
  store.placeContained(item, 'permissions', permission);
  let links = LINKS.get(store);
  if (!links) LINKS.set(store, (links = new Map()));
  links.set(webUrl, { item, permission });
  ctx.record({ kind: 'created', type: PERMISSION, id: String(permission.props['id']), path: canonicalPath(store, permission) });
  return answer(ctx, 201, permission);
}

function answer(ctx: RequestContext, status: number, permission: EntityRecord): GraphResponse {
  return json(status, {
    '@odata.context': `${baseUrl(ctx.service)}/$metadata#microsoft.graph.permission`,
    ...serialize(ctx.service.store, permission, PERMISSION),
  });
}

/** `u!` + unpadded base64url of the URL: how Graph turns any sharing URL into a share id. */
export function shareIdOf(url: string): string {
  return `u!${Buffer.from(url, 'utf8').toString('base64url')}`;
}

/** The item a share id (`u!…`, or a link permission's own `shareId`) points at, if the link still exists. */
export function sharedItem(store: Store, shareId: string): { item: EntityRecord; permission: EntityRecord } | undefined {
  const links = LINKS.get(store);
  if (!links) return undefined;
  const url = shareId.startsWith('u!') ? Buffer.from(shareId.slice(2), 'base64url').toString('utf8').replace(/=+$/, '') : undefined;
  const found = url !== undefined ? links.get(url) : [...links.values()].find((l) => l.permission.props['shareId'] === shareId);
  return found && found.item.alive && found.permission.alive && driveOf(found.item) ? found : undefined;
}

/**
 * `/shares/{shareId}` as a `sharedDriveItem` made on the fly (it is a view of the link, never stored):
 * its `driveItem`, `root` and `permission` navigations lead to the item and the link.
 */
export function sharedDriveItem(store: Store, shareId: string): EntityRecord | undefined {
  const found = sharedItem(store, shareId);
  if (!found) return undefined;
  const { item, permission } = found;
  return {
    uid: -item.uid, type: 'microsoft.graph.sharedDriveItem', alive: true, changeSeq: item.changeSeq,
    props: { id: shareId, name: item.props['name'], webUrl: (permission.props['link'] as { webUrl: string }).webUrl, owner: driveOf(item)?.props['owner'] ?? null },
    contained: new Map(), single: new Map([['permission', permission]]), refs: new Map(), streams: new Map(), sets: new Set(),
    meta: { item },
  };
}
