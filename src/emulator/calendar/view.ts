// calendarView: the events of a calendar that overlap a time window, given as the query parameters
// startDateTime and endDateTime, which Graph requires. An event overlaps when it starts before the window
// ends and ends after it starts (an event without duration, when it starts inside the window). Members
// come sorted by start. A series master is replaced by its occurrences in the window (occurrences.ts),
// as Graph does; `/events` lists the master alone.
import { GraphError } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import { parseQuery } from '../odata/query.js';
import { decodeToken } from '../odata/skiptoken.js';
import type { CollectionTarget } from '../routing/targets.js';
import type { EntityRecord } from '../store/record.js';
import { isSeriesMaster, occurrencesIn, overlaps, type Window } from './occurrences.js';
import { instantOf, parseInstant } from './time.js';

/** The target itself, or (for a calendarView) the target limited to the request's window. */
export function withinWindow(ctx: RequestContext, target: CollectionTarget): CollectionTarget {
  if (!target.collection.windowed) return target;
  const window = timeWindow(ctx);
  const base = target.collection;
  const list = (): EntityRecord[] => {
    const inside: Array<{ record: EntityRecord; start: number }> = [];
    for (const record of base.list()) {
      if (isSeriesMaster(record)) {
        inside.push(...occurrencesIn(record, window));
        continue;
      }
      const start = instantOf(record.props['start']);
      const end = instantOf(record.props['end']);
      if (start !== undefined && end !== undefined && overlaps(start, end, window)) inside.push({ record, start });
    }
    return inside.sort((a, b) => a.start - b.start).map((e) => e.record);
  };
  return { ...target, collection: { ...base, list } };
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
