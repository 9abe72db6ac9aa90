// Resolves a Graph resource path against the schema and the store, segment by segment, the way the service
// does: roots, keys (also `('key')`), navigation at any depth, casts (`microsoft.graph.user`, `graph.user`),
// `$count`, `$value`, `$ref`, bound operations by bare or qualified name, and drive/site colon paths.
import type { NavigationDef } from '../../schema.js';
import { notFound, segmentNotFound } from '../errors.js';
import { areaOf } from '../model/areas.js';
import { parseLiteral } from '../odata/literals.js';
import type { PathSegment } from '../odata/path.js';
import type { Collection, Slot } from '../store/collections.js';
import { driveOf, walkPath } from '../store/drive-tree.js';
import { entitySetCollection, navigate, type BindingScope } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';
import type { Store } from '../store/store.js';
import { expandAliases } from './aliases.js';
import { pickOperation, type PickedOperation } from './operation-args.js';
import type { CollectionTarget, EntityTarget, Resolved, Target } from './targets.js';

export interface ResolveOptions {
  store: Store;
  /** The signed-in user for `/me`; throws when there is none (app-only callers). */
  me: () => EntityRecord;
  query: URLSearchParams;
}

export function resolvePath(rawSegments: PathSegment[], options: ResolveOptions): Resolved {
  const { store } = options;
  const index = store.index;
  const segments = index.root(rawSegments[0]?.name ?? '')?.kind === 'singleton' ? expandAliases(rawSegments) : rawSegments;
  const first = segments[0];
  if (!first) throw segmentNotFound('');
  const trail: EntityRecord[] = [];
  let viaMe = false;
  let target: Target;

  if (first.name === '$batch' && segments.length === 1) return { target: { kind: 'batch' }, trail, viaMe };
  const root = index.root(first.name);
  if (root?.kind === 'entitySet') {
    const collection = entitySetCollection(store, root.name);
    target = {
      kind: 'collection', collection, type: root.def.type, context: root.name, prefix: root.name,
      scope: { root: root.def, path: [] },
    };
    if (first.args !== undefined) target = keyed(target, first.args, true);
  } else if (root?.kind === 'singleton') {
    viaMe = root.name === 'me';
    const record = viaMe ? options.me() : store.singleton(root.name);
    const id = String(record.props['id']);
    target = viaMe
      ? { kind: 'entity', record, type: root.def.type, context: 'users/$entity', prefix: `users('${id}')`, scope: { root: root.def, path: [] } }
      : { kind: 'entity', record, type: root.def.type, context: `${root.name}/$entity`, prefix: root.name, scope: { root: root.def, path: [] } };
  } else {
    const ops = index.unboundOperations(first.name);
    if (ops.length === 0) throw segmentNotFound(first.name);
    const picked = pickOperation(index, ops, first.args, options.query);
    target = { kind: 'operation', op: picked.op, args: picked.args, context: first.name };
  }
  if (target.kind === 'entity') trail.push(target.record);

  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i]!;
    target = step(target, seg, i === segments.length - 1);
    if (target.kind === 'entity') trail.push(target.record);
  }
  return { target, trail, viaMe };

  function step(current: Target, seg: PathSegment, last: boolean): Target {
    const name = seg.name;
    switch (current.kind) {
      case 'collection': {
        if (name === '$count' && seg.args === undefined) {
          if (!last) throw segmentNotFound(name);
          return { kind: 'count', of: current };
        }
        if (name === '$ref' && !current.collection.contained) return { kind: 'ref', of: current };
        const cast = castType(name, current.type);
        if (cast) return { ...current, type: cast, context: `${current.context}/${cast}`, prefix: `${current.prefix}/${cast}` };
        const op = operation(seg, current.type, true);
        if (op) return { kind: 'operation', ...op, binding: current, context: `${current.context}/${op.op.name}` };
        return withColonPath(keyed(current, name, false), seg);
      }
      case 'entity': {
        if (name === '$value' && seg.args === undefined && index.hasStream(current.record.type)) {
          return { kind: 'stream', record: current.record };
        }
        if (name === '$ref' && current.container && !current.container.contained) return { kind: 'ref', of: current };
        const nav = index.navigationCI(current.record.type, name);
        if (nav) return withColonPath(navigation(current, nav, seg), seg);
        const property = index.propertyCI(current.record.type, name);
        if (property && seg.args === undefined) {
          if (property.type === 'Edm.Stream') return { kind: 'stream', record: current.record, property };
          return { kind: 'property', record: current.record, property, context: `${current.prefix}/${property.name}`, raw: false };
        }
        const cast = castType(name, current.type);
        if (cast) {
          if (!index.isA(current.record.type, cast)) throw notFound(areaOf(index, cast), String(current.record.props['id']));
          return { ...current, type: cast, prefix: `${current.prefix}/${cast}` };
        }
        const op = operation(seg, current.record.type, false);
        if (op) return { kind: 'operation', ...op, binding: current, context: `${current.prefix}/${op.op.name}` };
        throw segmentNotFound(name);
      }
      case 'emptySlot':
        if (name === '$ref' && !current.slot.contained) return { kind: 'ref', of: current };
        if (name === '$value' && last && current.slot.contained && index.hasStream(current.type)) {
          return { kind: 'mediaSlot', slot: current.slot, type: current.type };
        }
        throw notFound(areaOf(index, current.type));
      case 'property':
        if (name === '$value' && !current.raw) return { ...current, raw: true };
        throw segmentNotFound(name);
      case 'drivePath':
        if (current.then === undefined && last) return { ...current, then: name };
        throw notFound('drive');
      default:
        throw segmentNotFound(name);
    }
  }

  function keyed(current: CollectionTarget, keyText: string, fromParens: boolean): EntityTarget {
    const key = fromParens ? keyFromParens(keyText) : keyText;
    const record = current.collection.find(key);
    if (!record || !index.isA(record.type, current.type)) throw notFound(areaOf(index, current.type), key);
    return entityTarget(record, current, key);
  }

  function entityTarget(record: EntityRecord, via: CollectionTarget, key: string): EntityTarget {
    const firstSet = [...record.sets][0];
    const scope: BindingScope = firstSet
      ? { root: index.schema.entitySets[firstSet], path: [] }
      : via.scope;
    return {
      kind: 'entity', record, type: via.type, container: via.collection, context: `${via.context}/$entity`,
      prefix: `${via.prefix}('${key.replace(/'/g, "''")}')`, scope,
    };
  }

  function navigation(current: EntityTarget, nav: NavigationDef, seg: PathSegment): Target {
    const scope: BindingScope = { root: current.scope.root, path: [...current.scope.path, nav.name] };
    const reached: Collection | Slot = navigate(store, current.record, nav, current.scope);
    const prefix = `${current.prefix}/${nav.name}`;
    if (reached.kind === 'collection') {
      const coll: CollectionTarget = {
        kind: 'collection', collection: reached, type: nav.type, context: prefix, prefix, scope, parent: current.record,
      };
      return seg.args !== undefined ? keyed(coll, seg.args, true) : coll;
    }
    const record = reached.get();
    if (!record) return { kind: 'emptySlot', slot: reached, type: nav.type, context: prefix, prefix, scope };
    const firstSet = [...record.sets][0];
    return {
      kind: 'entity', record, type: nav.type, container: reached, context: `${prefix}/$entity`, prefix,
      scope: firstSet ? { root: index.schema.entitySets[firstSet], path: [] } : scope,
    };
  }

  /** `root:/Folder/file.txt:` below a drive item; `{hostname}:/sites/team:` below a site. */
  function withColonPath(current: Target, seg: PathSegment): Target {
    if (!seg.colonPath || current.kind !== 'entity') {
      if (seg.colonPath) throw segmentNotFound(`${seg.name}:`);
      return current;
    }
    const record = current.record;
    if (index.isA(record.type, 'microsoft.graph.driveItem')) {
      const drive = driveOf(record);
      if (!drive) throw notFound('drive');
      const walk = walkPath(drive, record, seg.colonPath);
      if (!walk.found) return { kind: 'drivePath', drive, deepest: walk.deepest, missing: walk.missing };
      return { ...current, record: walk.found, prefix: `${current.prefix}:/${seg.colonPath.join('/')}:` };
    }
    if (index.isA(record.type, 'microsoft.graph.site')) {
      if (seg.colonPath.length === 0) return current;
      const wanted = `/${seg.colonPath.join('/')}`.toLowerCase();
      const site = entitySetCollection(store, 'sites').list().find((s) =>
        String(s.props['webUrl'] ?? '').toLowerCase().endsWith(wanted));
      if (!site) throw notFound('drive');
      return { ...current, record: site };
    }
    throw segmentNotFound(`${seg.name}:`);
  }

  function castType(name: string, declared: string): string | undefined {
    if (!name.includes('.')) return undefined;
    const type = index.resolveTypeName(name);
    if (!type || !index.entityType(type)) return undefined;
    return index.isA(type, declared) || index.isA(declared, type) ? type : undefined;
  }

  function operation(seg: PathSegment, type: string, collection: boolean): PickedOperation | undefined {
    const { name, namespace } = index.bareOperationName(seg.name);
    const candidates = index.boundOperations(name, type, collection, namespace);
    if (candidates.length === 0) return undefined;
    return pickOperation(index, candidates, seg.args, options.query);
  }
}

/** `'adele@contoso.com'` or `id='…'` inside parentheses → the key text. */
function keyFromParens(text: string): string {
  const eq = text.indexOf('=');
  const literalText = eq > 0 && !text.trimStart().startsWith("'") ? text.slice(eq + 1) : text;
  const literal = parseLiteral(literalText);
  if (!literal || literal.kind === 'alias' || literal.kind === 'null') throw segmentNotFound(`(${text})`);
  return String(literal.kind === 'enum' ? literal.value : literal.value);
}
