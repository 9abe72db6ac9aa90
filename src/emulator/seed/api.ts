// Seeding goes through the same router and validation as real requests (without authorization, faults or
// logs), so seed data is checked against the schema being served and lands exactly where a client's
// POST would put it. A seed that no longer fits a new metadata version fails loudly at start-up.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../http/exchange.js';
import { errorResponse } from '../http/pipeline.js';
import { dispatch, resolveRequest } from '../handlers/dispatch.js';
import { parsePath } from '../odata/path.js';
import { resolvePath } from '../routing/resolve.js';
import { fitToType } from './fit.js';
import type { SchemaIndex } from '../model/schema-index.js';
import type { GraphService } from '../service.js';
import type { Store } from '../store/store.js';

export interface SeedApi {
  version: string;
  index: SchemaIndex;
  /** Direct store access, for what no request can express. */
  store: Store;
  /** Runs a request (path after the version, percent-encoded) and returns its JSON; throws on an error status. */
  request(method: string, path: string, body?: unknown): Record<string, unknown>;
  post(path: string, body: unknown): Record<string, unknown>;
  put(path: string, body: unknown): Record<string, unknown>;
  patch(path: string, body: unknown): Record<string, unknown>;
  /** Whether the served schema has this navigation property (on the type or a base type). */
  hasNavigation(type: string, nav: string): boolean;
  hasEntitySet(name: string): boolean;
}

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/** `fit`: drop properties the served version lacks (for the built-in tenant, see fit.ts). */
export function createSeedApi(service: GraphService, options: { fit?: boolean } = {}): SeedApi {
  const request = (method: string, path: string, rawBody?: unknown): Record<string, unknown> => {
    const [pathname, search = ''] = path.split('?');
    const body = options.fit && rawBody !== undefined && !Buffer.isBuffer(rawBody) ? fit(pathname!, rawBody) : rawBody;
    const bytes = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
    const requestId = randomUUID();
    const ctx: RequestContext = {
      service, method, path: pathname!, params: new URLSearchParams(search), headers: {}, body: bytes, requestId,
      clientRequestId: requestId, caller: { kind: 'trusted', ...(service.defaultUser ? { user: service.defaultUser } : {}), scopes: new Set(), roles: new Set() },
      internal: true, record: () => undefined,
    };
    let response;
    try {
      response = dispatch(ctx, resolveRequest(ctx));
    } catch (error) {
      response = errorResponse(error, requestId, requestId);
    }
    if (response.status >= 400) {
      throw new SeedError(`Seeding ${method} /${service.version}${path} failed with ${response.status}: ${JSON.stringify(response.json)}`);
    }
    return (response.json ?? {}) as Record<string, unknown>;
  };
  /** The type a write to `path` creates or changes, from the router. */
  const fit = (path: string, body: unknown): unknown => {
    let target;
    try {
      target = resolvePath(parsePath(path), { store: service.store, me: () => { throw new SeedError('no /me while seeding'); }, query: new URLSearchParams() }).target;
    } catch {
      return body; // the request itself will report what is wrong with the path
    }
    const type = target.kind === 'collection' || target.kind === 'entity' || target.kind === 'emptySlot' ? target.type : undefined;
    return type && !path.endsWith('/$ref') ? fitToType(service.index, type, body) : body;
  };
  return {
    version: service.version,
    index: service.index,
    store: service.store,
    request,
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    patch: (path, body) => request('PATCH', path, body),
    hasNavigation: (type, nav) => service.index.navigations(type).has(nav),
    hasEntitySet: (name) => service.index.schema.entitySets[name] !== undefined,
  };
}
