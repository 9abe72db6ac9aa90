// How many requests the emulator had running at once: the figure the 4-in-flight-per-mailbox limit is about.
import type { Emulator } from 'msgraph-ts/emulator';

/** Most requests (or batch items) the emulator had running at once whose path contains `part`. */
export function peakInFlight(e: Emulator, part: string): number {
  const edges = e.requests.filter((r) => r.path.includes(part) && !r.path.endsWith('/$batch'))
    .flatMap((r) => { const start = Date.parse(r.startedAt); return [[start, 1], [start + r.durationMs, -1]] as const; })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of edges) peak = Math.max(peak, (now += d));
  return peak;
}
