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
 * The interval counts from the period (day, week, month, year) of the first day that fits the pattern,
 * as Outlook does: "first Thursday of every other month" from 29 August starts in September.
 */
export function* recurrenceDays(pattern: RecurrencePattern, range: RecurrenceRange, lastDay: number): Generator<number> {
  const first = dayNumber(range.startDate ?? '');
  if (first === undefined) return;
  const end = Math.min(range.type === 'endDate' ? dayNumber(range.endDate ?? '') ?? first : Infinity, lastDay, first + MAX_DAYS);
  const count = range.type === 'numbered' ? Math.max(0, range.numberOfOccurrences ?? 0) : Infinity;
  const rule = ruleOf(pattern);
  const interval = Math.max(1, Math.trunc(pattern.interval ?? 1));
  let anchor: number | undefined;
  let found = 0;
  for (let day = first; day <= end && found < count; day++) {
    if (!rule.fits(day)) continue;
    anchor ??= rule.period(day);
    if ((rule.period(day) - anchor) % interval !== 0) continue;
    found++;
    yield day;
  }
}

/** Whether a day fits the pattern regardless of its interval, and which period (to count intervals in) it is in. */
interface Rule {
  fits(day: number): boolean;
  period(day: number): number;
}

function ruleOf(pattern: RecurrencePattern): Rule {
  const weekdays = new Set((pattern.daysOfWeek ?? []).map((d) => WEEKDAYS.indexOf(d.toLowerCase())).filter((d) => d >= 0));
  const month = (day: number): number => { const c = civil(day); return c.year * 12 + c.month; };
  const year = (day: number): number => civil(day).year;
  switch (pattern.type) {
    case 'daily':
      return { fits: () => true, period: (day) => day };
    case 'weekly': {
      const firstDayOfWeek = Math.max(0, WEEKDAYS.indexOf((pattern.firstDayOfWeek ?? 'sunday').toLowerCase()));
      // Weeks numbered from the one holding day 0, starting on firstDayOfWeek.
      return { fits: (day) => weekdays.has(weekdayOf(day)), period: (day) => Math.floor((day - ((weekdayOf(day) - firstDayOfWeek + 7) % 7)) / 7) };
    }
    case 'absoluteMonthly':
      return { fits: (day) => civil(day).day === clampDay(pattern.dayOfMonth, civil(day)), period: month };
    case 'relativeMonthly':
      return { fits: (day) => isRelativeDay(day, weekdays, pattern.index), period: month };
    case 'absoluteYearly':
      return { fits: (day) => { const c = civil(day); return c.month === pattern.month && c.day === clampDay(pattern.dayOfMonth, c); }, period: year };
    case 'relativeYearly':
      return { fits: (day) => civil(day).month === pattern.month && isRelativeDay(day, weekdays, pattern.index), period: year };
    default:
      return { fits: () => false, period: (day) => day };
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
