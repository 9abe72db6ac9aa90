// `calendarView` of a user (their default calendar) and of a calendar: the calendar's events, marked
// `windowed` so that the handlers keep only those overlapping the request's time window (see
// calendar/view.ts). The metadata calls it a contained navigation, but nothing is ever stored under it.
import { computedCollection, type Collection } from './collections.js';
import { defaultCalendar } from './mailbox.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';
import type { NavigationView } from './views.js';

function eventsOf(store: Store, calendar: EntityRecord, elementType: string): Collection {
  return computedCollection({
    elementType, contained: true, anchor: calendar, windowed: true,
    list: () => [...(calendar.contained.get('events')?.values() ?? [])],
    find: (key) => calendar.contained.get('events')?.get(key),
    insert: (record) => store.placeContained(calendar, 'events', record),
  });
}

export const CALENDAR_VIEWS: Record<string, NavigationView> = {
  'microsoft.graph.user/calendarView': ({ store, parent, nav, generic }) => {
    const calendar = defaultCalendar(parent);
    return calendar ? eventsOf(store, calendar, nav.type) : { ...(generic() as Collection), windowed: true };
  },
  'microsoft.graph.calendar/calendarView': ({ store, parent, nav }) => eventsOf(store, parent, nav.type),
};
