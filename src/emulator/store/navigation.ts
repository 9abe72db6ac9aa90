// Following a navigation property from a record: contained children, references resolved through the
// root's NavigationPropertyBinding, or a hand-written view where Graph's behaviour is not what the
// metadata alone says (see views.ts). This is the one place that decides where a new entity goes.
import type { NavigationDef, RootDef } from '../../schema.js';
import {
  containedCollection, containedSlot, referenceCollection, referenceSlot, setCollection, type Collection, type Slot,
} from './collections.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';
import { setView, navigationView } from './views.js';

/** Where the traversal started and the navigation path walked since, for binding lookups. */
export interface BindingScope {
  root?: RootDef;
  path: string[];
}

export function navigate(store: Store, parent: EntityRecord, nav: NavigationDef, scope: BindingScope): Collection | Slot {
  const declaring = store.index.declaringTypeOfNavigation(parent.type, nav.name) ?? parent.type;
  const generic = (): Collection | Slot => genericNavigation(store, parent, nav, scope);
  return navigationView(declaring, nav.name)?.({ store, parent, nav, generic }) ?? generic();
}

export function entitySetCollection(store: Store, setName: string): Collection {
  const def = store.index.schema.entitySets[setName];
  const generic = setCollection(store, setName, def?.type ?? 'microsoft.graph.entity');
  return setView(setName)?.(store, generic) ?? generic;
}

function genericNavigation(store: Store, parent: EntityRecord, nav: NavigationDef, scope: BindingScope): Collection | Slot {
  if (nav.containsTarget) {
    return nav.collection
      ? containedCollection(store, parent, nav.name, nav.type)
      : containedSlot(store, parent, nav.name, nav.type);
  }
  const home = homeFor(store, nav, scope);
  return nav.collection
    ? referenceCollection(store, parent, nav.name, nav.type, home)
    : referenceSlot(store, parent, nav.name, nav.type, home);
}

/**
 * Where an entity created through a non-contained navigation is kept: the binding's target, else the
 * entity set of that type (or of its closest base type), else a pool reachable only through links.
 */
function homeFor(store: Store, nav: NavigationDef, scope: BindingScope): (record: EntityRecord) => void {
  const bindings = scope.root?.bindings ?? {};
  const path = [...scope.path, nav.name];
  const withoutCasts = path.filter((s) => !s.includes('.'));
  const target = bindings[path.join('/')] ?? bindings[withoutCasts.join('/')];
  const bound = target ? resolveBindingTarget(store, target) : undefined;
  if (bound) return (record) => bound.insert(record);
  const setName = closestSet(store, nav.type);
  if (setName) return (record) => entitySetCollection(store, setName).insert(record);
  return (record) => store.placeInPool(record);
}

function closestSet(store: Store, type: string): string | undefined {
  const sets = Object.entries(store.index.schema.entitySets);
  for (const ancestor of store.index.ancestors(type)) {
    if (ancestor === 'microsoft.graph.entity') break;
    const match = sets.find(([, def]) => def.type === ancestor);
    if (match) return match[0];
  }
  return undefined;
}

/** `directoryObjects`, `planner/tasks`, `solutions/microsoft.graph.backupRestoreRoot/backupRestore/…`. */
export function resolveBindingTarget(store: Store, target: string): Collection | undefined {
  const [first, ...rest] = target.split('/');
  if (!first) return undefined;
  if (store.index.schema.entitySets[first]) return rest.length === 0 ? entitySetCollection(store, first) : undefined;
  const singletonDef = store.index.schema.singletons[first];
  if (!singletonDef) return undefined;
  let record: EntityRecord | undefined = store.singleton(first);
  const scope: BindingScope = { root: singletonDef, path: [] };
  for (let i = 0; i < rest.length; i++) {
    const segment = rest[i]!;
    if (segment.includes('.')) continue;
    if (!record) return undefined;
    const nav = store.index.navigations(record.type).get(segment);
    if (!nav) return undefined;
    const next = navigate(store, record, nav, scope);
    scope.path.push(segment);
    if (next.kind === 'collection') return i === rest.length - 1 ? next : undefined;
    record = next.get();
    if (!record) {
      // An intermediate single navigation that does not exist yet: create it empty, as Graph's
      // service-side containers (`/planner`, `/policies/…`) always exist.
      record = store.create(nav.type, { id: store.ids.guid() });
      next.insert(record);
    }
  }
  return undefined;
}
