// $orderby: several keys, each ascending or descending, nested paths into complex values; a stable sort,
// so items that tie on every key keep the store's order (and paging over ties stays consistent).
import { badRequest } from '../errors.js';
import type { SchemaIndex } from '../model/schema-index.js';
import type { OrderKey } from './query.js';

/** An $orderby key checked against the schema; enum members sort by their value, as OData says. */
export interface ResolvedOrderKey extends OrderKey {
  rank?: Map<string, number>;
}

export function checkOrderBy(index: SchemaIndex, type: string, keys: OrderKey[]): ResolvedOrderKey[] {
  return keys.map((key) => {
    let current = type;
    for (const part of key.path) {
      const property = index.propertyInFamily(current, part);
      if (!property) throw badRequest(`Could not find a property named '${part}' on type '${current}'.`);
      if (property.collection) throw badRequest(`The $orderby property '${key.path.join('/')}' is a collection and cannot be sorted on.`);
      current = property.type;
    }
    const members = index.enumType(current)?.members;
    return members ? { ...key, rank: new Map(members.map((m) => [m.name, m.value])) } : key;
  });
}

export function sortBy<T>(items: readonly T[], keys: ResolvedOrderKey[], props: (item: T) => Record<string, unknown>): T[] {
  const value = (item: T, k: ResolvedOrderKey): unknown => {
    const v = valueAt(props(item), k.path);
    return k.rank && typeof v === 'string' ? (k.rank.get(v) ?? v) : v;
  };
  const decorated = items.map((item, position) => ({ item, position, values: keys.map((k) => value(item, k)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = compareValues(a.values[i], b.values[i]);
      if (order !== 0) return keys[i]!.descending ? -order : order;
    }
    return a.position - b.position;
  });
  return decorated.map((d) => d.item);
}

/** The value at a `/`-separated path into nested JSON objects (undefined when any step is missing). */
export function valueAt(obj: unknown, path: string[]): unknown {
  let current: unknown = obj;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Nulls sort first (OData: null is less than any value); strings ignore case, then fall back to exact. */
export function compareValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  const la = sa.toLowerCase();
  const lb = sb.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
