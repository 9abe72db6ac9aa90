// Which calendar days a recurring series falls on, from Graph's `patternedRecurrence`: the pattern (daily,
// weekly, absoluteMonthly, relativeMonthly, absoluteYearly, relativeYearly) and the range (endDate, noEnd,
// numbered). Days are whole local dates in the series' zone; the caller puts the event's time of day on
// them. Each day from the range's start is tested against the pattern, which keeps the rules as Outlook
// states them (and cheap: a series ten years old costs ~3,650 tests).

export interface RecurrencePattern {
  type?: string;
  interval?: number;
  month?: number;
  dayOfMonth?: number;
  daysOfWeek?: string[];
  firstDayOfWeek?: string;
  index?: string;
}

export interface RecurrenceRange {
  type?: string;
  startDate?: string;
  endDate?: string;
  numberOfOccurrences?: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const INDEXES: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
/** A series with no end is expanded at most this far (Outlook's own limit is 999 occurrences or 2 years ahead in views). */
const MAX_DAYS = 366 * 50;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or undefined. */
export function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The series' days, in order, from the range's start up to `lastDay` (inclusive) or the range's end,
 * whichever comes first. Numbered ranges count from the range's start, whatever the caller's window.
 */
export function* recurrenceDays(pattern: RecurrencePattern, range: RecurrenceRange, lastDay: number): Generator<number> {
  const first = dayNumber(range.startDate ?? '');
  if (first === undefined) return;
  const end = range.type === 'endDate' ? dayNumber(range.endDate ?? '') ?? first : Infinity;
  const count = range.type === 'numbered' ? Math.max(0, range.numberOfOccurrences ?? 0) : Infinity;
  const matches = matcher(pattern, first);
  let found = 0;
  for (let day = first; day <= Math.min(end, lastDay, first + MAX_DAYS) && found < count; day++) {
    if (!matches(day)) continue;
    found++;
    yield day;
  }
}

function matcher(pattern: RecurrencePattern, first: number): (day: number) => boolean {
  const interval = Math.max(1, Math.trunc(pattern.interval ?? 1));
  const weekdays = new Set((pattern.daysOfWeek ?? []).map((d) => WEEKDAYS.indexOf(d.toLowerCase())).filter((d) => d >= 0));
  const start = civil(first);
  const monthsFromStart = (c: Civil): number => (c.year - start.year) * 12 + c.month - start.month;
  switch (pattern.type) {
    case 'daily':
      return (day) => (day - first) % interval === 0;
    case 'weekly': {
      const firstDayOfWeek = Math.max(0, WEEKDAYS.indexOf((pattern.firstDayOfWeek ?? 'sunday').toLowerCase()));
      const weekOf = (day: number): number => Math.floor((day - ((weekdayOf(day) - firstDayOfWeek + 7) % 7) - first) / 7);
      const firstWeek = weekOf(first);
      return (day) => weekdays.has(weekdayOf(day)) && (weekOf(day) - firstWeek) % interval === 0;
    }
    case 'absoluteMonthly':
      return (day) => {
        const c = civil(day);
        return monthsFromStart(c) % interval === 0 && c.day === clampDay(pattern.dayOfMonth, c);
      };
    case 'relativeMonthly':
      return (day) => monthsFromStart(civil(day)) % interval === 0 && isRelativeDay(day, weekdays, pattern.index);
    case 'absoluteYearly':
      return (day) => {
        const c = civil(day);
        return c.month === pattern.month && (c.year - start.year) % interval === 0 && c.day === clampDay(pattern.dayOfMonth, c);
      };
    case 'relativeYearly':
      return (day) => {
        const c = civil(day);
        return c.month === pattern.month && (c.year - start.year) % interval === 0 && isRelativeDay(day, weekdays, pattern.index);
      };
    default:
      return () => false;
  }
}

interface Civil {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

function civil(day: number): Civil {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

function daysInMonth(c: Civil): number {
  return new Date(Date.UTC(c.year, c.month, 0)).getUTCDate();
}

/** Day 31 in a 30-day month (or 29 February in another year) falls on the month's last day, as in Outlook. */
function clampDay(dayOfMonth: number | undefined, c: Civil): number {
  return Math.min(Math.max(1, dayOfMonth ?? 1), daysInMonth(c));
}

/** `index` (first…fourth, last) among the month's days that are one of `weekdays`: "the last weekday". */
function isRelativeDay(day: number, weekdays: Set<number>, index: string | undefined): boolean {
  if (!weekdays.has(weekdayOf(day))) return false;
  const c = civil(day);
  const n = INDEXES[(index ?? 'first').toLowerCase()] ?? 1;
  const monthStart = day - (c.day - 1);
  const matching: number[] = [];
  for (let d = monthStart; d < monthStart + daysInMonth(c); d++) if (weekdays.has(weekdayOf(d))) matching.push(d);
  return (n === -1 ? matching[matching.length - 1] : matching[n - 1]) === day;
}
