// Containers every mailbox has on Graph without anyone creating them: `/me/todo` (with its default
// "Tasks" list, `wellknownListName: 'defaultList'`, which python-o365's To Do starts from) and
// `/me/outlook` (master categories live under it). The metadata makes them contained single
// navigations; here they come into being on first use, for users with a mailbox.
import { defaultCalendar } from './mailbox.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';
import type { NavigationView } from './views.js';

type Fill = (store: Store, container: EntityRecord) => void;

function lazySingle(fill: Fill = () => {}): NavigationView {
  return ({ store, parent, nav, generic }) => {
    if (!defaultCalendar(parent)) return generic();
    const get = (): EntityRecord => {
      const existing = parent.single.get(nav.name);
      if (existing) return existing;
      const container = store.create(nav.type, { id: store.ids.next(nav.type) });
      store.placeSingle(parent, nav.name, container);
      fill(store, container);
      return container;
    };
    return { kind: 'slot', elementType: nav.type, contained: true, get, insert: (record) => store.placeSingle(parent, nav.name, record) };
  };
}

const TODO_LIST = 'microsoft.graph.todoTaskList';

export const USER_CONTAINER_VIEWS: Record<string, NavigationView> = {
  'microsoft.graph.user/todo': lazySingle((store, todo) => {
    const list = store.create(TODO_LIST, {
      id: store.ids.next(TODO_LIST), displayName: 'Tasks', isOwner: true, isShared: false, wellknownListName: 'defaultList',
    });
    store.placeContained(todo, 'lists', list);
  }),
  'microsoft.graph.user/outlook': lazySingle(),
};
