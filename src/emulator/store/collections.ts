// Where the members of a URL's collection (or single navigation) come from and where new ones go.
// The router only ever talks to these two shapes, so entity sets, contained navigation, references and
// the hand-written views (`/me/messages` across all folders, drive `children`) all route the same way.
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';

export interface Collection {
  readonly kind: 'collection';
  /** The declared member type (before any cast segment). */
  readonly elementType: string;
  /** False for references (`/groups/{id}/members`): `$ref` applies and removing a member only unlinks it. */
  readonly contained: boolean;
  /** The record whose subtree this collection covers, for delta's removals; absent for entity sets. */
  readonly anchor?: EntityRecord;
  /** The entity set this collection is, for delta's removals. */
  readonly setName?: string;
  /** A calendarView: only members overlapping the request's startDateTime/endDateTime are in it. */
  readonly windowed?: boolean;
  list(): EntityRecord[];
  find(key: string): EntityRecord | undefined;
  /** Puts a newly created record where members of this collection live (linking it when a reference). */
  insert(record: EntityRecord): void;
  /** For references: add or drop a link to an existing record. */
  link?(record: EntityRecord): void;
  unlink?(record: EntityRecord): void;
}

export interface Slot {
  readonly kind: 'slot';
  readonly elementType: string;
  readonly contained: boolean;
  get(): EntityRecord | undefined;
  insert(record: EntityRecord): void;
  link?(record: EntityRecord): void;
  unlink?(): void;
}

export function setCollection(store: Store, setName: string, elementType: string): Collection {
  return {
    kind: 'collection', elementType, contained: true, setName,
    list: () => [...store.entitySet(setName).values()],
    find: (key) => store.entitySet(setName).get(key),
    insert: (record) => store.placeInSet(setName, record),
  };
}

export function containedCollection(store: Store, parent: EntityRecord, nav: string, elementType: string): Collection {
  return {
    kind: 'collection', elementType, contained: true, anchor: parent,
    list: () => [...(parent.contained.get(nav)?.values() ?? [])],
    find: (key) => parent.contained.get(nav)?.get(key),
    insert: (record) => store.placeContained(parent, nav, record),
  };
}

/**
 * A non-contained collection: the parent holds links, the targets live in `home` (the entity set named
 * by the root's NavigationPropertyBinding) and are created there when posted through the navigation.
 */
export function referenceCollection(
  store: Store, parent: EntityRecord, nav: string, elementType: string, home: (record: EntityRecord) => void,
): Collection {
  const links = (): EntityRecord[] => {
    const list = (parent.refs.get(nav) ?? []).filter((r) => r.alive);
    parent.refs.set(nav, list);
    return list;
  };
  const link = (record: EntityRecord): void => {
    const list = links();
    if (!list.includes(record)) list.push(record);
    store.touch(parent);
  };
  return {
    kind: 'collection', elementType, contained: false, anchor: parent,
    list: links,
    find: (key) => links().find((r) => store.keyOf(r) === key),
    insert: (record) => {
      home(record);
      link(record);
    },
    link,
    unlink: (record) => {
      parent.refs.set(nav, links().filter((r) => r !== record));
      store.touch(parent);
    },
  };
}

export function containedSlot(store: Store, parent: EntityRecord, nav: string, elementType: string): Slot {
  return {
    kind: 'slot', elementType, contained: true,
    get: () => parent.single.get(nav),
    insert: (record) => store.placeSingle(parent, nav, record),
  };
}

export function referenceSlot(
  store: Store, parent: EntityRecord, nav: string, elementType: string, home: (record: EntityRecord) => void,
): Slot {
  const link = (record: EntityRecord): void => {
    parent.refs.set(nav, [record]);
    store.touch(parent);
  };
  return {
    kind: 'slot', elementType, contained: false,
    get: () => parent.refs.get(nav)?.find((r) => r.alive),
    insert: (record) => {
      home(record);
      link(record);
    },
    link,
    unlink: () => {
      parent.refs.delete(nav);
      store.touch(parent);
    },
  };
}

/** A collection whose members and home are computed (the hand-written views use it). */
export function computedCollection(spec: Omit<Collection, 'kind'>): Collection {
  return { kind: 'collection', ...spec };
}
