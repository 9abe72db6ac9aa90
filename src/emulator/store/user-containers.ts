// Containers Graph has for every mailbox user or group without anyone creating them: `/me/todo` (with its
// default "Tasks" list, `wellknownListName: 'defaultList'`, which python-o365's To Do starts from),
// `/me/outlook` (master categories live under it), `/me/presence`, and a group's `planner`, whose `plans`
// are the plans of `/planner/plans` that the group owns. The metadata makes them contained single
// navigations; here they come into being on first use. Planner's own lists (a plan's buckets and tasks, a
// bucket's tasks) are likewise the members of `/planner/buckets` and `/planner/tasks` that name them.
import { GraphError } from '../errors.js';
import { computedCollection, type Collection } from './collections.js';
import { defaultCalendar } from './mailbox.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';
import type { NavigationView, ViewContext } from './views.js';

interface Lazy {
  /** Who has one: by default, users with a mailbox. */
  has?: (parent: EntityRecord) => boolean;
  /** The new container's properties beyond its id, and what goes inside it. */
  props?: (parent: EntityRecord) => Record<string, unknown>;
  fill?: (store: Store, container: EntityRecord) => void;
}

function lazySingle({ has = (p) => defaultCalendar(p) !== undefined, props = () => ({}), fill = () => {} }: Lazy = {}): NavigationView {
  return ({ store, parent, nav, generic }) => {
    if (!has(parent)) return generic();
    const get = (): EntityRecord => {
      const existing = parent.single.get(nav.name);
      if (existing) return existing;
      const container = store.create(nav.type, { id: store.ids.next(nav.type), ...props(parent) });
      store.placeSingle(parent, nav.name, container);
      fill(store, container);
      return container;
    };
    return { kind: 'slot', elementType: nav.type, contained: true, get, insert: (record) => store.placeSingle(parent, nav.name, record) };
  };
}

const TODO_LIST = 'microsoft.graph.todoTaskList';

/** A group's plans: those of `/planner/plans` it owns; a plan created here is put there, owned by the group. */
function groupPlans({ store, parent, nav }: ViewContext): Collection {
  const group = parent.parent?.record;
  const groupId = String(group?.props['id'] ?? '');
  const all = (): Map<string, EntityRecord> => store.singleton('planner').contained.get('plans') ?? new Map();
  const owned = (p: EntityRecord): boolean => p.alive && (p.props['owner'] === groupId ||
    (p.props['container'] as { containerId?: string } | undefined)?.containerId === groupId);
  return computedCollection({
    elementType: nav.type, contained: true, anchor: parent,
    list: () => [...all().values()].filter(owned),
    find: (key) => { const plan = all().get(key); return plan && owned(plan) ? plan : undefined; },
    insert: (record) => {
      if (!group) throw new GraphError(404, 'ResourceNotFound', 'The group of this planner was not found.');
      record.props['owner'] ??= groupId;
      record.props['container'] ??= { containerId: groupId, type: 'group', url: `https://graph.microsoft.com/v1.0/groups/${groupId}` };
      store.placeContained(store.singleton('planner'), 'plans', record);
    },
  });
}

/** Planner keeps buckets and tasks in `/planner/…`; a plan's and a bucket's lists are those naming it. */
function plannerChildren(setNav: 'buckets' | 'tasks', key: 'planId' | 'bucketId'): NavigationView {
  return ({ store, parent, nav }) => {
    const all = (): Map<string, EntityRecord> => store.singleton('planner').contained.get(setNav) ?? new Map();
    const mine = (r: EntityRecord): boolean => r.alive && r.props[key] === parent.props['id'];
    return computedCollection({
      elementType: nav.type, contained: true, anchor: parent,
      list: () => [...all().values()].filter(mine),
      find: (id) => { const r = all().get(id); return r && mine(r) ? r : undefined; },
      insert: (record) => {
        record.props[key] ??= parent.props['id'];
        if (key === 'bucketId') record.props['planId'] ??= parent.props['planId'];
        store.placeContained(store.singleton('planner'), setNav, record);
      },
    });
  };
}

export const USER_CONTAINER_VIEWS: Record<string, NavigationView> = {
  'microsoft.graph.user/todo': lazySingle({
    fill: (store, todo) => {
      const list = store.create(TODO_LIST, {
        id: store.ids.next(TODO_LIST), displayName: 'Tasks', isOwner: true, isShared: false, wellknownListName: 'defaultList',
      });
      store.placeContained(todo, 'lists', list);
    },
  }),
  'microsoft.graph.user/outlook': lazySingle(),
  // Nobody is signed in to Teams here: everyone is offline until they set a presence.
  'microsoft.graph.user/presence': lazySingle({ props: (user) => ({ id: user.props['id'], availability: 'Offline', activity: 'Offline' }) }),
  'microsoft.graph.group/planner': lazySingle({ has: () => true }),
  'microsoft.graph.plannerGroup/plans': groupPlans,
  'microsoft.graph.plannerPlan/buckets': plannerChildren('buckets', 'planId'),
  'microsoft.graph.plannerPlan/tasks': plannerChildren('tasks', 'planId'),
  'microsoft.graph.plannerBucket/tasks': plannerChildren('tasks', 'bucketId'),
};
