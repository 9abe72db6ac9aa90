// The default tenant is written once for every version, but versions differ (beta's 2021 `contact` has
// `phones`, not `businessPhones`). Before the default seed is sent, properties the served type does not
// have are dropped, so the same tenant seeds on v1.0 and beta. Seed data a user gives stays strict.
import type { SchemaIndex } from '../model/schema-index.js';

export function fitToType(index: SchemaIndex, type: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => fitToType(index, type, v));
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const obj = value as Record<string, unknown>;
  const given = typeof obj['@odata.type'] === 'string' ? index.resolveTypeName(obj['@odata.type'].replace(/^#/, '')) : undefined;
  const actual = given ?? type;
  const def = index.structuredType(actual);
  if (!def) return value;
  const open = index.ancestors(actual).some((t) => index.structuredType(t)?.open && !index.entityType(t));
  const properties = index.properties(actual);
  const navigations = index.navigations(actual);
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(obj)) {
    if (name.startsWith('@') || name.includes('@')) {
      const nav = name.split('@')[0]!;
      if (nav === '' || navigations.has(nav)) out[name] = v;
      continue;
    }
    const property = properties.get(name);
    const nav = navigations.get(name);
    if (property) out[name] = fitToType(index, property.type, v);
    else if (nav) out[name] = fitToType(index, nav.type, v);
    else if (open) out[name] = v;
  }
  return out;
}
