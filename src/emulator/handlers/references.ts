// `$ref`: links between entities that live elsewhere (group members, a user's manager). Links are named
// by URL (`{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`); any host and either
// version is accepted, since clients build them from Graph's public address.
import { badBody, badRequest, GraphError, notFound } from '../errors.js';
import { json, noContent, type GraphResponse, type RequestContext } from '../http/exchange.js';
import { areaOf } from '../model/areas.js';
import { parsePath } from '../odata/path.js';
import { currentUser } from '../routing/me.js';
import { resolvePath } from '../routing/resolve.js';
import type { RefTarget } from '../routing/targets.js';
import { canonicalPath } from '../store/canonical.js';
import type { Collection, Slot } from '../store/collections.js';
import type { EntityRecord } from '../store/record.js';
import { baseUrl } from '../service.js';
import { readJsonObject } from './body.js';

/** The entity a reference URL names; 400 when it names nothing of the expected type. */
export function resolveReference(ctx: RequestContext, url: string, expectedType: string): EntityRecord {
  const area = areaOf(ctx.service.index, expectedType);
  let path = url.trim();
  const absolute = /^https?:\/\/[^/]+(\/.*)?$/i.exec(path);
  if (absolute) path = absolute[1] ?? '/';
  path = path.replace(/^\/?(v1\.0|beta)(?=\/)/i, '');
  try {
    const resolved = resolvePath(parsePath(path.split('?')[0]!), {
      store: ctx.service.store, me: () => currentUser(ctx), query: new URLSearchParams(),
    });
    const target = resolved.target;
    if (target.kind === 'entity' && ctx.service.index.isA(target.record.type, expectedType)) return target.record;
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
  }
  throw badBody(area, `Invalid object identifier '${url}'.`);
}

export function handleRef(ctx: RequestContext, target: RefTarget): GraphResponse {
  const { store } = ctx.service;
  const of = target.of;
  const refUrl = (r: EntityRecord): string => `${baseUrl(ctx.service)}${canonicalPath(store, r)}`;
  if (of.kind === 'collection') {
    if (ctx.method === 'GET') {
      const members = of.collection.list().filter((r) => ctx.service.index.isA(r.type, of.type));
      return json(200, {
        '@odata.context': `${baseUrl(ctx.service)}/$metadata#Collection($ref)`,
        value: members.map((r) => ({ '@odata.id': refUrl(r) })),
      });
    }
    if (ctx.method === 'POST') {
      if (!of.collection.link) throw new GraphError(405, 'Request_BadRequest', 'References cannot be added to this navigation property.');
      const record = linkTarget(ctx, of.type);
      if (of.collection.list().includes(record)) {
        const nav = of.prefix.slice(of.prefix.lastIndexOf('/') + 1);
        throw badRequest(`One or more added object references already exist for the following modified properties: '${nav}'.`, 'Request_BadRequest');
      }
      of.collection.link(record);
      ctx.record({ kind: 'linked', path: of.prefix, targetId: String(record.props['id']) });
      return noContent();
    }
    throw new GraphError(405, 'Request_BadRequest', `The HTTP method '${ctx.method}' is not allowed on a collection of references.`);
  }
  if (of.kind === 'entity') {
    if (ctx.method === 'GET') return json(200, { '@odata.id': refUrl(of.record) });
    if (ctx.method === 'DELETE') {
      unlink(of.container, of.record);
      ctx.record({ kind: 'unlinked', path: of.prefix, targetId: String(of.record.props['id']) });
      return noContent();
    }
    if (ctx.method === 'PUT' && of.container?.kind === 'slot') {
      const record = linkTarget(ctx, of.type);
      of.container.link?.(record);
      ctx.record({ kind: 'linked', path: of.prefix, targetId: String(record.props['id']) });
      return noContent();
    }
    throw new GraphError(405, 'Request_BadRequest', `The HTTP method '${ctx.method}' is not allowed on a reference.`);
  }
  // An empty single-valued reference (`/users/{id}/manager/$ref` before one is set).
  if (ctx.method === 'PUT') {
    const record = linkTarget(ctx, of.type);
    of.slot.link?.(record);
    ctx.record({ kind: 'linked', path: of.prefix, targetId: String(record.props['id']) });
    return noContent();
  }
  throw notFound(areaOf(ctx.service.index, of.type));
}

/** Drops a link; navigations computed from the other side (memberOf) have no links of their own. */
export function unlink(container: Collection | Slot | undefined, record: EntityRecord): void {
  const drop = container?.kind === 'collection' ? container.unlink?.bind(undefined, record) : container?.unlink;
  if (!drop) throw new GraphError(405, 'Request_BadRequest', 'References cannot be removed from this navigation property.');
  drop();
}

function linkTarget(ctx: RequestContext, type: string): EntityRecord {
  const area = areaOf(ctx.service.index, type);
  const body = readJsonObject(ctx, area);
  const id = body['@odata.id'];
  if (typeof id !== 'string') throw badBody(area, "The request body must name the target as {\"@odata.id\": \"<url>\"}.");
  return resolveReference(ctx, id, type);
}
