// A series master's occurrences as Graph lists them in calendarView and `instances`: copies of the master
// with `type: 'occurrence'`, `seriesMasterId`, `originalStart`, no `recurrence`, their own start and end
// (the master's time of day, in the master's zone, on each day of the series: 09:00 in Paris stays 09:00
// across a daylight-saving change) and an id of their own that names the master and the day. They are
// computed on read, never stored: editing the master changes them all.
import type { EntityRecord } from '../store/record.js';
import { dateOfDay, dayNumber, recurrenceDays, type RecurrencePattern, type RecurrenceRange } from './recurrence.js';
import { instantOf, wallClockIn } from './time.js';

export interface Window {
  start: number;
  end: number;
}

/** Between the master's id and the occurrence's day (`…ABEI20260302`), as Graph's ids embed the date. */
const OCCURRENCE_MARK = 'ABEI';

export function isSeriesMaster(record: EntityRecord): boolean {
  return record.props['type'] === 'seriesMaster' && !!record.props['recurrence'];
}

/** The master's occurrences that overlap `window`, each with its start instant, in order. */
export function occurrencesIn(master: EntityRecord, window: Window): Array<{ record: EntityRecord; start: number }> {
  const series = seriesOf(master);
  if (!series) return [];
  const out: Array<{ record: EntityRecord; start: number }> = [];
  // The last local day that can start inside the window, with a day's slack for the zone's offset.
  const lastDay = Math.floor(window.end / 86_400_000) + 1;
  for (const day of recurrenceDays(series.pattern, series.range, lastDay)) {
    const occurrence = occurrenceOn(master, series, day);
    if (occurrence && overlaps(occurrence.start, occurrence.end, window)) out.push({ record: occurrence.record, start: occurrence.start });
  }
  return out;
}

/** The occurrence an id names (`{masterId}ABEI{yyyymmdd}`), when that day is one of the series'. */
export function occurrenceById(findMaster: (id: string) => EntityRecord | undefined, id: string): EntityRecord | undefined {
  const m = new RegExp(`^(.+)${OCCURRENCE_MARK}(\\d{4})(\\d{2})(\\d{2})$`).exec(id);
  if (!m) return undefined;
  const master = findMaster(m[1]!);
  const day = dayNumber(`${m[2]}-${m[3]}-${m[4]}`);
  if (!master || day === undefined || !isSeriesMaster(master)) return undefined;
  const series = seriesOf(master);
  if (!series) return undefined;
  for (const d of recurrenceDays(series.pattern, series.range, day)) if (d === day) return occurrenceOn(master, series, day)?.record;
  return undefined;
}

export function overlaps(start: number, end: number, window: Window): boolean {
  if (end <= start) return start >= window.start && start < window.end;
  return start < window.end && end > window.start;
}

interface Series {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
  zone: string;
  /** `HH:MM:SS.fffffff` of the master's start, on its zone's clock. */
  timeOfDay: string;
  /** The master's length on the wall clock (an all-day event stays whole days across a DST change). */
  wallLengthMs: number;
}

function seriesOf(master: EntityRecord): Series | undefined {
  if (!isSeriesMaster(master)) return undefined;
  const recurrence = master.props['recurrence'] as { pattern?: RecurrencePattern; range?: RecurrenceRange };
  const start = master.props['start'] as { dateTime?: string; timeZone?: string } | undefined;
  const startInstant = instantOf(start);
  const endInstant = instantOf(master.props['end']);
  if (!recurrence.pattern || !recurrence.range || startInstant === undefined || endInstant === undefined) return undefined;
  const zone = start?.timeZone ?? 'UTC';
  const startWall = wallClockIn(startInstant, zone);
  const wallLengthMs = Date.parse(`${wallClockIn(endInstant, zone).slice(0, 23)}Z`) - Date.parse(`${startWall.slice(0, 23)}Z`);
  // A range without a start date begins on the master's own day.
  const range = { ...recurrence.range, startDate: recurrence.range.startDate ?? startWall.slice(0, 10) };
  return { pattern: recurrence.pattern, range, zone, timeOfDay: startWall.slice(11), wallLengthMs };
}

function occurrenceOn(master: EntityRecord, series: Series, day: number): { record: EntityRecord; start: number; end: number } | undefined {
  const date = dateOfDay(day);
  const startWall = `${date}T${series.timeOfDay}`;
  const endWall = `${new Date(Date.parse(`${startWall.slice(0, 23)}Z`) + series.wallLengthMs).toISOString().slice(0, 19)}.0000000`;
  const start = instantOf({ dateTime: startWall, timeZone: series.zone });
  const end = instantOf({ dateTime: endWall, timeZone: series.zone });
  if (start === undefined || end === undefined) return undefined;
  const masterId = String(master.props['id']);
  const props: Record<string, unknown> = {
    ...master.props,
    id: `${masterId}${OCCURRENCE_MARK}${date.replace(/-/g, '')}`,
    type: 'occurrence', seriesMasterId: masterId, recurrence: null,
    originalStart: new Date(start).toISOString().replace(/\.000Z$/, 'Z'),
    originalStartTimeZone: series.zone, originalEndTimeZone: series.zone,
    start: { dateTime: startWall, timeZone: series.zone },
    end: { dateTime: endWall, timeZone: series.zone },
  };
  const record: EntityRecord = {
    uid: master.uid, type: master.type, props, contained: new Map(), single: new Map(), refs: new Map(), streams: new Map(),
    ...(master.parent ? { parent: master.parent } : {}), sets: master.sets, meta: { occurrenceOf: master }, alive: master.alive,
    changeSeq: master.changeSeq,
  };
  return { record, start, end };
}
