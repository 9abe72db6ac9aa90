// calendarView: the events of a calendar that overlap a time window, given as the query parameters
// startDateTime and endDateTime, which Graph requires. An event overlaps when it starts before the window
// ends and ends after it starts (an event without duration, when it starts inside the window). Members
// come sorted by start. Recurring series are not expanded into occurrences: a series master is listed
// like a single event, by its own start and end.
import { GraphError } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import { parseQuery } from '../odata/query.js';
import { decodeToken } from '../odata/skiptoken.js';
import type { CollectionTarget } from '../routing/targets.js';
import type { EntityRecord } from '../store/record.js';
import { instantOf, parseInstant } from './time.js';

interface Window {
  start: number;
  end: number;
}

/** The target itself, or (for a calendarView) the target limited to the request's window. */
export function withinWindow(ctx: RequestContext, target: CollectionTarget): CollectionTarget {
  if (!target.collection.windowed) return target;
  const window = timeWindow(ctx);
  const base = target.collection;
  const list = (): EntityRecord[] => {
    const inside: Array<{ record: EntityRecord; start: number }> = [];
    for (const record of base.list()) {
      const start = instantOf(record.props['start']);
      const end = instantOf(record.props['end']);
      if (start !== undefined && end !== undefined && overlaps({ start, end }, window)) inside.push({ record, start });
    }
    return inside.sort((a, b) => a.start - b.start).map((e) => e.record);
  };
  return { ...target, collection: { ...base, list } };
}

function overlaps(event: Window, window: Window): boolean {
  if (event.end <= event.start) return event.start >= window.start && event.start < window.end;
  return event.start < window.end && event.end > window.start;
}

/** From the URL, or from the first page's query when following an `@odata.nextLink`. */
function timeWindow(ctx: RequestContext): Window {
  const skiptoken = parseQuery(ctx.params).skiptoken;
  const params = skiptoken !== undefined ? new URLSearchParams(decodeToken(skiptoken, ctx.path).query) : ctx.params;
  const get = (name: string): string | undefined => [...params].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const startText = get('startDateTime');
  const endText = get('endDateTime');
  if (!startText || !endText) {
    throw new GraphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  }
  const instant = (name: string, text: string): number => {
    const value = parseInstant(text);
    if (value === undefined) throw new GraphError(400, 'ErrorInvalidParameter', `The value '${text}' of parameter '${name}' is not an ISO 8601 date and time.`);
    return value;
  };
  return { start: instant('StartDateTime', startText), end: instant('EndDateTime', endText) };
}
