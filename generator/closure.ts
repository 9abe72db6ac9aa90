// What a set of roots reaches: the types a consumer's compiler must see to use those roots. Used to
// emit one declaration file per area, so a program that uses mail does not parse Intune's model.
import type { GraphSchema, TypeRef } from '../src/schema.js';
import type { ModelIndex } from './model-index.js';

/** Every entity, complex and enum type reachable from the roots through properties, navigation, bound operations, base types and casts. */
export function reachableTypes(index: ModelIndex, rootTypes: string[], maxDerived: number): Set<string> {
  const schema = index.schema;
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (name: string | undefined): void => {
    if (!name || name.startsWith('Edm.') || seen.has(name)) return;
    seen.add(name);
    queue.push(name);
  };
  const visitRef = (r: TypeRef | undefined): void => visit(r?.type);
  rootTypes.forEach(visit);
  while (queue.length > 0) {
    const name = queue.pop()!;
    const t = index.structured(name);
    if (!t) continue; // enum
    visit(t.baseType);
    t.properties.forEach(visitRef);
    const e = schema.entityTypes[name];
    if (!e) continue;
    e.navigation.forEach(visitRef);
    for (const collection of [false, true]) {
      for (const op of index.boundTo(name, collection)) {
        op.parameters.forEach(visitRef);
        visitRef(op.returnType);
      }
    }
    // Casts are offered for small hierarchies only (see emit-builders), so only those pull subtypes in.
    const derived = index.descendants(name).filter((d) => index.isEntity(d));
    if (derived.length <= maxDerived) derived.forEach(visit);
  }
  return seen;
}

/** The part of the schema an area needs: its roots and the types they reach. */
export function subSchema(index: ModelIndex, roots: { sets: string[]; singletons: string[] }, maxDerived: number): GraphSchema {
  const s = index.schema;
  const pick = <V>(record: Record<string, V>, keys: string[]): Record<string, V> =>
    Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]!]));
  const entitySets = pick(s.entitySets, roots.sets);
  const singletons = pick(s.singletons, roots.singletons);
  const types = reachableTypes(index, [...Object.values(entitySets), ...Object.values(singletons)].map((r) => r.type), maxDerived);
  const keep = <V>(record: Record<string, V>): Record<string, V> => Object.fromEntries(Object.entries(record).filter(([k]) => types.has(k)));
  return {
    ...s,
    entityTypes: keep(s.entityTypes),
    complexTypes: keep(s.complexTypes),
    enumTypes: keep(s.enumTypes),
    entitySets,
    singletons,
    operations: s.operations.filter((op) => (op.bindingType ? types.has(op.bindingType.type) : false)),
  };
}
