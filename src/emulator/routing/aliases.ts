// Roots that are another path in disguise. The service's `/drive` singleton is the signed-in user's
// OneDrive (`/me/drive`), not a drive of its own; the generator adds it to the schema from its overrides.
import type { PathSegment } from '../odata/path.js';

const ROOT_ALIASES: Record<string, string[]> = {
  drive: ['me', 'drive'],
};

/** Rewrites a path whose first segment is an alias (`/drive/root` → `/me/drive/root`). */
export function expandAliases(segments: PathSegment[]): PathSegment[] {
  const [first, ...rest] = segments;
  const alias = first && first.args === undefined ? ROOT_ALIASES[first.name.toLowerCase()] : undefined;
  if (!alias) return segments;
  const expanded: PathSegment[] = alias.map((name) => ({ name }));
  const last = expanded[expanded.length - 1]!;
  if (first!.colonPath) last.colonPath = first!.colonPath;
  return [...expanded, ...rest];
}
