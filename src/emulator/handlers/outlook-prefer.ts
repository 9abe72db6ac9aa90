// Outlook's own preferences: `Prefer: outlook.timezone="Pacific Standard Time"` returns event times in
// that zone (without it, in UTC, as Graph does), and `Prefer: outlook.body-content-type="text"` returns
// message and event bodies as text (or `"html"` as HTML). Both are answered with `Preference-Applied`.
import { instantOf, wallClockIn } from '../calendar/time.js';
import type { SchemaIndex } from '../model/schema-index.js';
import { bodyAs } from '../store/item-body.js';

export interface OutlookPreferences {
  /** The zone name as the client wrote it (Windows or IANA); event times are given in it. */
  timeZone?: string;
  bodyType?: 'text' | 'html';
}

/** The Outlook preferences in a `Prefer` header, and the `Preference-Applied` value that answers them. */
export function outlookPreferences(prefer: string | undefined): { preferences: OutlookPreferences; applied: string[] } {
  const preferences: OutlookPreferences = {};
  const applied: string[] = [];
  if (!prefer) return { preferences, applied };
  const zone = /outlook\.timezone\s*=\s*"?([^",]+)"?/i.exec(prefer)?.[1]?.trim();
  if (zone) {
    preferences.timeZone = zone;
    applied.push(`outlook.timezone="${zone}"`);
  }
  const body = /outlook\.body-content-type\s*=\s*"?(text|html)"?/i.exec(prefer)?.[1]?.toLowerCase();
  if (body === 'text' || body === 'html') {
    preferences.bodyType = body;
    applied.push(`outlook.body-content-type="${body}"`);
  }
  return { preferences, applied };
}

const TIMED = ['start', 'end'];
const BODIES = ['body', 'uniqueBody'];

/** Rewrites a serialized Outlook item in place for the preferences (event times in UTC by default). */
export function applyOutlookPreferences(index: SchemaIndex, type: string, out: Record<string, unknown>, preferences: OutlookPreferences = {}): void {
  if (index.isA(type, 'microsoft.graph.event')) {
    const zone = preferences.timeZone ?? 'UTC';
    for (const name of TIMED) {
      const instant = instantOf(out[name]);
      if (instant !== undefined) out[name] = { dateTime: wallClockIn(instant, zone), timeZone: zone };
    }
  }
  if (preferences.bodyType && (index.isA(type, 'microsoft.graph.outlookItem') || index.isA(type, 'microsoft.graph.post'))) {
    for (const name of BODIES) if (out[name]) out[name] = bodyAs(out[name], preferences.bodyType);
  }
}
