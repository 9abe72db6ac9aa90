// `calendarView` of a user (their default calendar) and of a calendar: the calendar's events, marked
// `windowed` so that the handlers keep only those overlapping the request's time window (see
// calendar/view.ts). The metadata calls it a contained navigation, but nothing is ever stored under it;
// likewise an event's `instances`.
import { isSeriesMaster, occurrenceById } from '../calendar/occurrences.js';
import { GraphError } from '../errors.js';
import { computedCollection, type Collection } from './collections.js';
import { defaultCalendar } from './mailbox.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';
import type { NavigationView } from './views.js';

function eventsOf(store: Store, calendar: EntityRecord, elementType: string): Collection {
  return computedCollection({
    elementType, contained: true, anchor: calendar, windowed: true,
    list: () => [...(calendar.contained.get('events')?.values() ?? [])],
    find: (key) => eventOrOccurrence(calendar, key),
    insert: (record) => store.placeContained(calendar, 'events', record),
  });
}

/** An event of the calendar by id, or one occurrence of a series in it (GET of an occurrence's id, as on Graph). */
export function eventOrOccurrence(calendar: EntityRecord, key: string): EntityRecord | undefined {
  const events = calendar.contained.get('events');
  return events?.get(key) ?? occurrenceById((id) => events?.get(id), key);
}

export const CALENDAR_VIEWS: Record<string, NavigationView> = {
  'microsoft.graph.user/calendarView': ({ store, parent, nav, generic }) => {
    const calendar = defaultCalendar(parent);
    return calendar ? eventsOf(store, calendar, nav.type) : { ...(generic() as Collection), windowed: true };
  },
  'microsoft.graph.calendar/calendarView': ({ store, parent, nav }) => eventsOf(store, parent, nav.type),
  'microsoft.graph.calendar/events': ({ parent, generic }) => {
    const base = generic();
    return base.kind === 'collection' ? { ...base, find: (key: string) => eventOrOccurrence(parent, key) } : base;
  },
  // A series' occurrences in a window (`/events/{id}/instances?startDateTime&endDateTime`): the series
  // alone, windowed, is expanded like a calendarView; a single event has none.
  'microsoft.graph.event/instances': ({ parent, nav }) => computedCollection({
    elementType: nav.type, contained: true, anchor: parent, windowed: true,
    list: () => (isSeriesMaster(parent) ? [parent] : []),
    find: () => undefined,
    insert: () => { throw new GraphError(405, 'ErrorInvalidRequest', 'Occurrences are made by the series\' recurrence, not created.'); },
  }),
};
