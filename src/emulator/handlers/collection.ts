// GET on a collection: $filter, $search, $orderby, $count, $skip, $top and server-driven paging, with the
// directory's rule that advanced queries need `ConsistencyLevel: eventual`. `$top` is the page size, as on
// Graph: `?$top=5` returns five and an `@odata.nextLink` to the rest.
import { badRequest, GraphError } from '../errors.js';
import { json, text, type GraphResponse, type RequestContext } from '../http/exchange.js';
import { isDirectoryType } from '../model/areas.js';
import { checkFilter } from '../odata/filter-check.js';
import { matchesFilter } from '../odata/filter-eval.js';
import { checkOrderBy, sortBy } from '../odata/orderby.js';
import { pageSizeFor } from '../odata/page-size.js';
import { parseQuery, type OrderKey, type QueryOptions } from '../odata/query.js';
import { matchesSearch, parseSearch } from '../odata/search.js';
import { decodeToken, encodeToken } from '../odata/skiptoken.js';
import { viewOf } from '../store/computed.js';
import type { EntityRecord } from '../store/record.js';
import { baseUrl } from '../service.js';
import type { CollectionTarget } from '../routing/targets.js';
import { outlookPreferences } from './outlook-prefer.js';
import { checkProjection, contextWithSelect, serialize } from './serialize.js';
import { extensionNames } from '../store/extensions.js';

/** Outlook lists mail newest first when the client gives no $orderby. */
const DEFAULT_ORDER: Record<string, OrderKey[]> = {
  'microsoft.graph.message': [{ path: ['receivedDateTime'], descending: true }],
};

/** Graph's largest page: 999 for directory objects, 1000 elsewhere. */
const MAX_PAGE_DIRECTORY = 999;
const MAX_PAGE = 1000;

/** The query in force and where the page starts: from the URL, or restored from a `$skiptoken`. */
export function effectiveQuery(ctx: RequestContext, query: QueryOptions): { query: QueryOptions; offset: number; original: string } {
  if (query.skiptoken === undefined) {
    const original = new URLSearchParams(ctx.params);
    original.delete('$skiptoken');
    return { query, offset: query.skip ?? 0, original: original.toString() };
  }
  const state = decodeToken(query.skiptoken, ctx.path);
  return { query: parseQuery(new URLSearchParams(state.query)), offset: state.offset, original: state.query };
}

/** Filters, searches and sorts the collection's members; gated like the directory gates them. */
export function selectMembers(ctx: RequestContext, target: CollectionTarget, query: QueryOptions, counting: boolean): EntityRecord[] {
  const index = ctx.service.index;
  const type = target.type;
  const eventual = (ctx.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
  const directory = isDirectoryType(index, type);
  if (directory && !eventual) {
    if (counting || query.count === true) {
      throw badRequest('$count is not currently supported without the ConsistencyLevel: eventual header.', 'Request_BadRequest');
    }
    if (query.search !== undefined) {
      throw badRequest("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'", 'Request_UnsupportedQuery');
    }
  }
  const advanced = query.filter ? checkFilter(index, type, query.filter.ast, extensionNames(ctx.service.store)) : new Set();
  if (directory && advanced.size > 0 && !(eventual && (query.count === true || counting))) {
    throw new GraphError(400, 'Request_UnsupportedQuery',
      `Operator '${[...advanced][0]}' is not supported because the required parameters might be missing. ` +
      "Try adding $count=true query parameter and ConsistencyLevel:eventual header.");
  }
  const orderby = query.orderby ? checkOrderBy(index, type, query.orderby) : undefined;
  const search = query.search !== undefined ? parseSearch(query.search) : undefined;

  let members = target.collection.list().filter((r) => r.alive && index.isA(r.type, type));
  if (query.filter || search) {
    members = members.filter((r) => {
      const view = viewOf(index, r);
      return (!query.filter || matchesFilter(query.filter.ast, view)) && (!search || matchesSearch(search, view, directory));
    });
  }
  const order = orderby ?? index.ancestors(type).map((t) => DEFAULT_ORDER[t]).find((o) => o !== undefined);
  if (order) members = sortBy(members, order, (r) => viewOf(index, r));
  return members;
}

export function readCollection(ctx: RequestContext, target: CollectionTarget, rawQuery: QueryOptions): GraphResponse {
  const { query, offset, original } = effectiveQuery(ctx, rawQuery);
  const index = ctx.service.index;
  checkProjection(index, target.type, query, extensionNames(ctx.service.store));
  const members = selectMembers(ctx, target, query, false);
  const directory = isDirectoryType(index, target.type);
  const maxPage = directory ? MAX_PAGE_DIRECTORY : MAX_PAGE;
  if (query.top !== undefined && directory && (query.top < 1 || query.top > maxPage)) {
    throw badRequest(`Invalid page size specified: '${query.top}'. Must be between 1 and ${maxPage} inclusive.`, 'Request_UnsupportedQuery');
  }
  const preferred = pageSizeFor(ctx, target.type, query.top);
  const pageSize = Math.min(preferred.size, maxPage);
  const page = members.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': `${baseUrl(ctx.service)}/$metadata#${contextWithSelect(target.context, query.select)}`,
  };
  if (query.count) body['@odata.count'] = members.length;
  if (offset + pageSize < members.length) {
    const token = encodeToken({ path: ctx.path, query: original, offset: offset + pageSize });
    body['@odata.nextLink'] = `${baseUrl(ctx.service)}${ctx.path}?$skiptoken=${token}`;
  }
  const { preferences, applied } = outlookPreferences(ctx.headers['prefer']);
  body['value'] = page.map((r) => serialize(ctx.service.store, r, target.type, { ...query, outlook: preferences }));
  if (preferred.applied) applied.push(preferred.applied);
  return json(200, body, applied.length > 0 ? { 'preference-applied': applied.join(', ') } : {});
}

/** `/users/$count`: a bare number as text/plain, after $filter and $search. */
export function readCount(ctx: RequestContext, target: CollectionTarget, query: QueryOptions): GraphResponse {
  return text(200, String(selectMembers(ctx, target, query, true).length));
}
