// `delta`: the first round returns every member (paged with `@odata.nextLink`) and ends with an
// `@odata.deltaLink`; each later round returns only what changed since the previous one: created or
// updated members, and `@removed` entries for members deleted or moved away. Works on any collection
// the function is bound to, and on a drive item (the whole drive below it).
import { GraphError } from '../errors.js';
import { json, type GraphResponse, type RequestContext } from '../http/exchange.js';
import { pageSizeFor } from '../odata/page-size.js';
import { parseQuery } from '../odata/query.js';
import { decodeToken, encodeToken, type PageState } from '../odata/skiptoken.js';
import type { OperationTarget } from '../routing/targets.js';
import { computedCollection, type Collection } from '../store/collections.js';
import { driveItems, driveOf } from '../store/drive-tree.js';
import type { EntityRecord } from '../store/record.js';
import { baseUrl } from '../service.js';
import { checkProjection, serialize } from '../handlers/serialize.js';

interface DeltaEntry {
  record?: EntityRecord;
  removed?: { id: string; type: string };
}

export function delta(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const { store, index } = ctx.service;
  const { collection, type } = deltaScope(target);
  const query = parseQuery(ctx.params);
  let state: PageState;
  if (query.skiptoken !== undefined) state = decodeToken(query.skiptoken, ctx.path);
  else if (query.deltatoken !== undefined) {
    const previous = decodeToken(query.deltatoken, ctx.path, 'delta token');
    state = { path: ctx.path, query: previous.query, offset: 0, since: previous.until ?? 0, until: store.seq };
  } else {
    const original = new URLSearchParams(ctx.params);
    state = { path: ctx.path, query: original.toString(), offset: 0, since: 0, until: store.seq };
  }
  const since = state.since ?? 0;
  if (since > 0 && since < store.tombstoneFloor) {
    throw new GraphError(410, 'resyncRequired', 'The delta token has expired; start a new delta round without a token.');
  }
  const options = parseQuery(new URLSearchParams(state.query));
  checkProjection(index, type, options);

  const members = collection.list().filter((r) => r.alive && index.isA(r.type, type));
  const present = new Set(members.map((r) => String(r.props['id'])));
  const entries: DeltaEntry[] = members.filter((r) => r.changeSeq > since).map((record) => ({ record }));
  if (since > 0) {
    const anchor = collection.anchor?.uid;
    for (const t of store.tombstones) {
      if (t.seq <= since || present.has(t.id) || !index.isA(t.type, type)) continue;
      const inScope = anchor !== undefined ? t.anchors.includes(anchor) : collection.setName !== undefined && t.sets.includes(collection.setName);
      if (inScope && !entries.some((e) => e.removed?.id === t.id)) entries.push({ removed: { id: t.id, type: t.type } });
    }
  }

  const { size: pageSize, applied } = pageSizeFor(ctx, type);
  const page = entries.slice(state.offset, state.offset + pageSize);
  const body: Record<string, unknown> = { '@odata.context': `${baseUrl(ctx.service)}/$metadata#Collection(${type})` };
  body['value'] = page.map((e) => e.record
    ? serialize(store, e.record, type, options)
    : { ...(e.removed!.type !== type ? { '@odata.type': `#${e.removed!.type}` } : {}), id: e.removed!.id, '@removed': { reason: 'deleted' } });
  const link = `${baseUrl(ctx.service)}${ctx.path}`;
  if (state.offset + pageSize < entries.length) {
    body['@odata.nextLink'] = `${link}?$skiptoken=${encodeToken({ ...state, offset: state.offset + pageSize })}`;
  } else {
    body['@odata.deltaLink'] = `${link}?$deltatoken=${encodeToken({ path: ctx.path, query: state.query, offset: 0, until: state.until ?? store.seq })}`;
  }
  return json(200, body, applied ? { 'preference-applied': applied } : {});
}

function deltaScope(target: OperationTarget): { collection: Collection; type: string } {
  const binding = target.binding;
  if (binding?.kind === 'collection') return { collection: binding.collection, type: binding.type };
  if (binding?.kind === 'entity') {
    const drive = driveOf(binding.record);
    if (drive) {
      return {
        collection: computedCollection({
          elementType: binding.type, contained: true, anchor: drive, list: () => driveItems(drive),
          find: (key) => drive.contained.get('items')?.get(key), insert: () => undefined,
        }),
        type: binding.type,
      };
    }
  }
  throw new GraphError(501, 'NotImplemented', `The emulator does not implement delta on '${target.context}' yet.`);
}
