// Instants from what Graph clients send and store: ISO 8601 query parameters (`2024-05-06T09:00:00Z`,
// `…+02:00`, or no offset, which Graph reads as UTC) and an event's `dateTimeTimeZone`, whose zone may be
// `UTC`, an IANA name or a Windows name (`Pacific Standard Time`, as Outlook writes them).

/** The Windows zone names Outlook uses most, by their IANA equivalent; others are read as UTC. */
const WINDOWS_ZONES: Record<string, string> = {
  'coordinated universal time': 'UTC', 'gmt standard time': 'Europe/London', 'greenwich standard time': 'Atlantic/Reykjavik',
  'w. europe standard time': 'Europe/Berlin', 'romance standard time': 'Europe/Paris', 'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw', 'e. europe standard time': 'Europe/Chisinau', 'fle standard time': 'Europe/Kiev',
  'eastern standard time': 'America/New_York', 'central standard time': 'America/Chicago', 'mountain standard time': 'America/Denver',
  'us mountain standard time': 'America/Phoenix', 'pacific standard time': 'America/Los_Angeles', 'alaskan standard time': 'America/Anchorage',
  'hawaiian standard time': 'Pacific/Honolulu', 'india standard time': 'Asia/Kolkata', 'china standard time': 'Asia/Shanghai',
  'tokyo standard time': 'Asia/Tokyo', 'singapore standard time': 'Asia/Singapore', 'aus eastern standard time': 'Australia/Sydney',
};

const ISO = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch, or undefined when the text is not an ISO 8601 date or date-time. */
export function parseInstant(text: string): number | undefined {
  // An unencoded `+` in a query string arrives as a space.
  const m = ISO.exec(text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1'));
  if (!m) return undefined;
  const [, date, hm = '00:00', s = ':00', fraction = '', offset = 'Z'] = m;
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${date}T${hm}${s}${fraction.slice(0, 4)}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An event's `start`/`end` (`{ dateTime: '2024-05-06T09:00:00.0000000', timeZone: 'Pacific Standard Time' }`). */
export function instantOf(value: unknown): number | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string') return undefined;
  const local = parseInstant(dateTime);
  if (local === undefined || /(Z|[+-]\d{2}:?\d{2})$/i.test(dateTime.trim())) return local;
  const zone = ianaZone(typeof timeZone === 'string' ? timeZone : 'UTC');
  if (zone === 'UTC') return local;
  // The wall-clock time read as UTC, corrected by the zone's offset at (about) that moment, then once more
  // at the corrected moment, which settles it except inside a daylight-saving gap.
  const first = local - offsetMs(zone, local);
  return local - offsetMs(zone, first);
}

/** `instant` on the zone's wall clock, as Graph writes event times: `2030-03-01T09:00:00.0000000`. */
export function wallClockIn(instant: number, zoneName: string): string {
  const zone = ianaZone(zoneName);
  const wall = zone === 'UTC' ? instant : instant + offsetMs(zone, instant);
  return `${new Date(wall).toISOString().slice(0, 19)}.0000000`;
}

function ianaZone(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || /^(utc|gmt|etc\/utc|etc\/gmt|z)$/i.test(trimmed)) return 'UTC';
  const windows = WINDOWS_ZONES[trimmed.toLowerCase()];
  if (windows) return windows;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: trimmed });
    return trimmed;
  } catch {
    return 'UTC';
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `utcMs`. */
function offsetMs(zone: string, utcMs: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return wall - Math.floor(utcMs / 1000) * 1000;
}
