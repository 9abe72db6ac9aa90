// Turns records into Graph's JSON: `$select` (unknown names are a 400, as on Graph), one level of
// `$expand` with its own options, `@odata.type` on members more derived than the URL promised, and
// `@odata.etag` on Outlook items. Users get Graph's default property set when nothing is selected.
import { badRequest } from '../errors.js';
import type { SchemaIndex } from '../model/schema-index.js';
import { checkFilter } from '../odata/filter-check.js';
import { matchesFilter } from '../odata/filter-eval.js';
import { checkOrderBy, sortBy } from '../odata/orderby.js';
import type { ExpandItem } from '../odata/query.js';
import { viewOf } from '../store/computed.js';
import { navigate } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';
import type { Store } from '../store/store.js';
import { json, type GraphResponse, type RequestContext } from '../http/exchange.js';
import { baseUrl } from '../service.js';
import { applyOutlookPreferences, outlookPreferences, type OutlookPreferences } from './outlook-prefer.js';
import { canonicalPath } from '../store/canonical.js';
import { directoryExtensions, extensionNames, type ExtensionNames } from '../store/extensions.js';

export interface Projection {
  select?: string[];
  expand?: ExpandItem[];
  /** `Prefer: outlook.*` of the request; event times come back in UTC without it. */
  outlook?: OutlookPreferences;
}

/** Graph returns only these user properties unless `$select` asks for others. */
const DEFAULT_SELECT: Record<string, string[]> = {
  'microsoft.graph.user': [
    'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
    'preferredLanguage', 'surname', 'userPrincipalName', 'id',
  ],
};

/** Rejects `$select`/`$expand` names the type (or a derived type) does not have, before any work. */
export function checkProjection(index: SchemaIndex, type: string, projection: Projection, extensions: ExtensionNames = directoryExtensions(index)): void {
  const family = index.descendants(type);
  for (const name of projection.select ?? []) {
    if (name === '*' || name.startsWith('@')) continue;
    const bare = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    if (family.some((t) => extensions(t, bare))) continue;
    const known = family.some((t) => index.properties(t).has(bare) || index.navigations(t).has(bare));
    if (!known) throw badRequest(`Could not find a property named '${bare}' on type '${type}'.`);
  }
  for (const item of projection.expand ?? []) {
    const nav = family.map((t) => index.navigations(t).get(item.name)).find((n) => n !== undefined);
    if (!nav) throw badRequest(`Could not find a navigation property named '${item.name}' on type '${type}'.`);
    if (item.select) checkProjection(index, nav.type, { select: item.select });
    if (item.filter) checkFilter(index, nav.type, item.filter.ast);
    if (item.orderby) checkOrderBy(index, nav.type, item.orderby);
  }
}

export function serialize(store: Store, record: EntityRecord, declaredType: string, projection: Projection = {}): Record<string, unknown> {
  const index = store.index;
  const all = viewOf(index, record);
  const out: Record<string, unknown> = {};
  if (record.type !== declaredType) out['@odata.type'] = `#${record.type}`;
  if (typeof all['changeKey'] === 'string') out['@odata.etag'] = `W/"${all['changeKey']}"`;
  // A media entity says what its `$value` is (clients pick a file extension or decoder from it).
  if (record.media) out['@odata.mediaContentType'] = record.media.contentType;
  const keys = index.keyOf(record.type);
  const selected = projection.select && !projection.select.includes('*')
    ? projection.select.map((s) => (s.includes('/') ? s.slice(s.lastIndexOf('/') + 1) : s))
    : defaultSelection(index, record.type);
  const extensions = projection.select ? undefined : extensionNames(store);
  for (const [name, value] of Object.entries(all)) {
    if (selected && !selected.includes(name) && !keys.includes(name)) continue;
    // Extension data comes back only when `$select` names it, as Graph sends it.
    if (extensions && !index.properties(record.type).has(name) && extensions(record.type, name)) continue;
    out[name] = value;
  }
  for (const item of projection.expand ?? []) out[item.name] = expanded(store, record, item, projection.outlook);
  applyOutlookPreferences(index, record.type, out, projection.outlook);
  return out;
}

function defaultSelection(index: SchemaIndex, type: string): string[] | undefined {
  for (const t of index.ancestors(type)) if (DEFAULT_SELECT[t]) return DEFAULT_SELECT[t];
  return undefined;
}

function expanded(store: Store, record: EntityRecord, item: ExpandItem, outlook: OutlookPreferences | undefined): unknown {
  const nav = store.index.navigations(record.type).get(item.name);
  if (!nav) return undefined;
  const reached = navigate(store, record, nav, { path: [] });
  const projection = { ...(item.select ? { select: item.select } : {}), ...(outlook ? { outlook } : {}) };
  if (reached.kind === 'slot') {
    const target = reached.get();
    return target ? serialize(store, target, nav.type, projection) : null;
  }
  let members = reached.list();
  if (item.filter) {
    const ast = item.filter.ast;
    members = members.filter((m) => matchesFilter(ast, viewOf(store.index, m)));
  }
  if (item.orderby) members = sortBy(members, checkOrderBy(store.index, nav.type, item.orderby), (m) => viewOf(store.index, m));
  if (item.top !== undefined) members = members.slice(0, item.top);
  return members.map((m) => serialize(store, m, nav.type, projection));
}

/** 201 Created with the entity and a `Location` to read it back (200 without one when it replaced an entity). */
export function createdResponse(ctx: RequestContext, record: EntityRecord, declaredType: string, context?: string, replaced = false): GraphResponse {
  const { store } = ctx.service;
  const { preferences, applied } = outlookPreferences(ctx.headers['prefer']);
  const body = { ...(context ? { '@odata.context': `${baseUrl(ctx.service)}/$metadata#${context}` } : {}), ...serialize(store, record, declaredType, { outlook: preferences }) };
  const headers: Record<string, string> = applied.length > 0 ? { 'preference-applied': applied.join(', ') } : {};
  return replaced ? json(200, body, headers) : json(201, body, { location: `${baseUrl(ctx.service)}${canonicalPath(store, record)}`, ...headers });
}

/** `users(displayName,mail)`: Graph echoes the selection into `@odata.context`. */
export function contextWithSelect(context: string, select: string[] | undefined): string {
  if (!select || select.length === 0) return context;
  const suffix = context.endsWith('/$entity') ? '/$entity' : '';
  const base = suffix ? context.slice(0, -suffix.length) : context;
  return `${base}(${select.join(',')})${suffix}`;
}
