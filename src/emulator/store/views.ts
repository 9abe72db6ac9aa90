// The few places where Graph's behaviour is not what its metadata alone says, written by hand and keyed by
// the type that declares the navigation (so they apply under every path that reaches it, whatever the
// version's metadata says about containment). Everything else is routed generically.
import type { NavigationDef } from '../../schema.js';
import { computedCollection, type Collection, type Slot } from './collections.js';
import { childrenOf, driveOf, placeItem, rootOf } from './drive-tree.js';
import { CALENDAR_VIEWS, eventOrOccurrence } from './calendar-views.js';
import { USER_CONTAINER_VIEWS } from './user-containers.js';
import { INVERSE_VIEWS } from './inverse-views.js';
import { photosView } from './photos.js';
import { versionsView } from './drive-versions.js';
import { sharedDriveItem } from '../actions/sharing.js';
import { methodNotAllowed } from '../errors.js';
import { allMessages, defaultCalendar, fileMessage, findFolder, wellKnownFolder } from './mailbox.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';

export interface ViewContext {
  store: Store;
  parent: EntityRecord;
  nav: NavigationDef;
  /** What the metadata alone would give; views wrap or replace it. */
  generic: () => Collection | Slot;
}

export type NavigationView = (ctx: ViewContext) => Collection | Slot;

const NAVIGATION_VIEWS: Record<string, NavigationView> = {
  // `/me/messages` lists every folder's messages; a message posted there is a draft in Drafts.
  'microsoft.graph.user/messages': ({ store, parent, nav }) => computedCollection({
    elementType: nav.type, contained: true, anchor: parent,
    list: () => allMessages(parent),
    find: (key) => allMessages(parent).find((m) => store.keyOf(m) === key),
    insert: (record) => {
      const drafts = wellKnownFolder(parent, 'drafts');
      if (drafts) fileMessage(store, drafts, record);
      else store.placeContained(parent, 'messages', record);
    },
  }),
  // Well-known names (`inbox`, `sentitems`, …) work wherever a folder id does.
  'microsoft.graph.user/mailFolders': ({ parent, generic }) => withFind(generic(), (key, base) =>
    base(key) ?? findFolder(parent, key)),
  // Messages filed in a folder keep `parentFolderId` in step.
  'microsoft.graph.mailFolder/messages': ({ store, parent, generic }) => {
    const base = generic() as Collection;
    return { ...base, insert: (record) => fileMessage(store, parent, record) };
  },
  // `/me/events` and `/me/calendar` are the default calendar.
  'microsoft.graph.user/events': ({ store, parent, nav, generic }) => {
    const calendar = defaultCalendar(parent);
    if (!calendar) return generic();
    return computedCollection({
      elementType: nav.type, contained: true, anchor: calendar,
      list: () => [...(calendar.contained.get('events')?.values() ?? [])],
      find: (key) => eventOrOccurrence(calendar, key),
      insert: (record) => store.placeContained(calendar, 'events', record),
    });
  },
  'microsoft.graph.user/calendar': ({ store, parent, nav }) => ({
    kind: 'slot', elementType: nav.type, contained: true,
    get: () => defaultCalendar(parent),
    insert: (record) => store.placeContained(parent, 'calendars', record),
  }),
  // `photos` are the photo's standard sizes, derived from it (see photos.ts).
  'microsoft.graph.user/photos': ({ parent, nav }) => photosView(parent, nav),
  // `drives` of a user or group lists its one drive (python-o365's get_drives() starts there).
  'microsoft.graph.user/drives': ({ store, parent, nav }) => ownDrives(store, parent, nav),
  'microsoft.graph.group/drives': ({ store, parent, nav }) => ownDrives(store, parent, nav),
  // A drive's tree lives in `items`; `root` and `children` are views of it (see drive-tree.ts).
  'microsoft.graph.drive/root': ({ store, parent, nav }) => ({
    kind: 'slot', elementType: nav.type, contained: true,
    get: () => rootOf(parent),
    insert: (record) => {
      record.props['root'] ??= {};
      placeItem(store, parent, undefined, record);
    },
  }),
  'microsoft.graph.driveItem/children': ({ store, parent, nav, generic }) => {
    const drive = driveOf(parent);
    if (!drive) return generic();
    return computedCollection({
      elementType: nav.type, contained: true, anchor: drive,
      list: () => childrenOf(drive, parent),
      find: (key) => childrenOf(drive, parent).find((c) => store.keyOf(c) === key),
      insert: (record) => placeItem(store, drive, parent, record),
    });
  },
  // A file's versions (see drive-versions.ts).
  'microsoft.graph.driveItem/versions': ({ parent, nav }) => versionsView(parent, nav.type),
  // A share resolves to the shared item (see actions/sharing.ts).
  'microsoft.graph.sharedDriveItem/driveItem': ({ parent, nav }) => sharedSlot(parent, nav),
  'microsoft.graph.sharedDriveItem/root': ({ parent, nav }) => sharedSlot(parent, nav),
  // A team has its group's id; `/groups/{id}/team` and `/teams/{id}` are one record.
  'microsoft.graph.group/team': ({ store, parent, nav }) => sameIdSlot(store, parent, nav, 'teams'),
  'microsoft.graph.team/group': ({ store, parent, nav }) => sameIdSlot(store, parent, nav, 'groups'),
};

type SetView = (store: Store, generic: Collection) => Collection;

const SET_VIEWS: Record<string, SetView> = {
  // `/users/{userPrincipalName}` works as well as `/users/{id}`.
  users: (_store, generic) => withFind(generic, (key, base) => base(key) ?? generic.list().find((u) =>
    String(u.props['userPrincipalName'] ?? '').toLowerCase() === key.toLowerCase())),
  // `/shares/{shareId}`: a sharing link's item, looked up by the link (never listed, as on Graph).
  shares: (store, generic) => withFind(generic, (key, base) => base(key) ?? sharedDriveItem(store, key)),
  // `/sites/root`, `/sites/{hostname}` and the composite `{hostname},{siteCollectionId},{webId}`.
  sites: (_store, generic) => withFind(generic, (key, base) => {
    const sites = generic.list();
    const isRoot = (s: EntityRecord): boolean => s.props['root'] != null;
    if (key.toLowerCase() === 'root') return sites.find(isRoot);
    return base(key) ?? sites.find((s) => isRoot(s) && hostOf(s) === key.toLowerCase()) ??
      sites.find((s) => String(s.props['id']).split(',').slice(1).join(',') === key);
  }),
};

export function navigationView(declaringType: string, nav: string): NavigationView | undefined {
  const key = `${declaringType}/${nav}`;
  return NAVIGATION_VIEWS[key] ?? INVERSE_VIEWS[key] ?? CALENDAR_VIEWS[key] ?? USER_CONTAINER_VIEWS[key];
}

export function setView(setName: string): SetView | undefined {
  return SET_VIEWS[setName];
}

function withFind<T extends Collection | Slot>(
  collection: T, find: (key: string, base: (key: string) => EntityRecord | undefined) => EntityRecord | undefined,
): T {
  if (collection.kind !== 'collection') return collection;
  const base = collection.find;
  return { ...collection, find: (key: string) => find(key, base) };
}

function sameIdSlot(store: Store, parent: EntityRecord, nav: NavigationDef, setName: string): Slot {
  const set = (): Map<string, EntityRecord> => store.entitySet(setName);
  return {
    kind: 'slot', elementType: nav.type, contained: true,
    get: () => set().get(String(parent.props['id'])),
    insert: (record) => {
      record.props['id'] = parent.props['id'];
      store.placeInSet(setName, record);
    },
  };
}

function ownDrives(store: Store, parent: EntityRecord, nav: NavigationDef): Collection {
  const drive = (): EntityRecord | undefined => {
    const record = parent.single.get('drive') ?? parent.refs.get('drive')?.[0];
    return record?.alive ? record : undefined;
  };
  return computedCollection({
    elementType: nav.type, contained: false, anchor: parent,
    list: () => (drive() ? [drive()!] : []),
    find: (key) => (drive() && store.keyOf(drive()!) === key ? drive() : undefined),
    insert: () => {
      throw methodNotAllowed('POST', "'drives' (a user's or group's drive is created with it)");
    },
  });
}

function sharedSlot(parent: EntityRecord, nav: NavigationDef): Slot {
  return {
    kind: 'slot', elementType: nav.type, contained: false,
    get: () => parent.meta['item'] as EntityRecord | undefined,
    insert: () => {
      throw methodNotAllowed('PUT', 'a shared item (write to the item itself)');
    },
  };
}

function hostOf(site: EntityRecord): string {
  const collection = site.props['siteCollection'];
  const host = collection && typeof collection === 'object' ? (collection as Record<string, unknown>)['hostname'] : undefined;
  return String(host ?? String(site.props['id']).split(',')[0]).toLowerCase();
}
