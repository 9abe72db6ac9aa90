// The canonical URL path of a record: where it lives, not how a request reached it. Used for `Location`
// headers, `@odata.id` in `$ref` responses and effect logs.
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';

export function canonicalPath(store: Store, record: EntityRecord): string {
  const segments: string[] = [];
  let current: EntityRecord | undefined = record;
  for (let depth = 0; current && depth < 64; depth++) {
    const key = encodeURIComponent(store.keyOf(current));
    const set = [...current.sets][0];
    if (set) return `/${set}/${key}${suffix(segments)}`;
    for (const [name, singleton] of store.singletons) if (singleton === current) return `/${name}${suffix(segments)}`;
    const parent: EntityRecord['parent'] = current.parent;
    if (!parent) break;
    segments.unshift(parent.record.single.get(parent.nav) === current ? parent.nav : `${parent.nav}/${key}`);
    current = parent.record;
  }
  return `/${record.type}/${encodeURIComponent(store.keyOf(record))}`;
}

function suffix(segments: string[]): string {
  return segments.length > 0 ? `/${segments.join('/')}` : '';
}
