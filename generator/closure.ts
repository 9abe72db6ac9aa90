// What a set of roots reaches: the types a consumer's compiler must see to use those roots. Used to
// emit one declaration file per area, so a program that uses mail does not parse Intune's model.
import type { GraphSchema, TypeRef } from '../src/schema.js';
import type { ModelIndex } from './model-index.js';

/** Whether an entity type's own navigation property or bound operation belongs to an area. */
export type MemberFilter = (type: string, member: string) => boolean;

const everything: MemberFilter = () => true;

/** Every entity, complex and enum type reachable from the roots through properties, navigation, bound operations, base types and casts. */
export function reachableTypes(index: ModelIndex, rootTypes: string[], maxDerived: number, allow: MemberFilter = everything): Set<string> {
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
    for (const n of e.navigation) if (allow(name, n.name)) visitRef(n);
    for (const collection of [false, true]) {
      for (const op of index.boundTo(name, collection)) {
        if (!collection && !allow(name, op.name)) continue;
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

/** Hierarchies up to this size come along with their base in areas and workloads (attachment → fileAttachment); directoryObject's or entity's do not. */
export const SMALL_HIERARCHY = 10;

/** A workload: a few roots, with some entity types narrowed to the members the workload uses. */
export interface Workload {
  roots: string[];
  /** Qualified entity type → the navigation properties and bound operations kept on it. */
  members: Record<string, string[]>;
}

/**
 * The part of the schema that the named roots (entity sets or singletons) reach through the allowed
 * members: those roots, the types they reach, navigation and bound operations filtered by `allow`.
 */
export function subSchema(index: ModelIndex, roots: string[], maxDerived: number, allow: MemberFilter = everything): GraphSchema {
  const s = index.schema;
  const pick = <V>(record: Record<string, V>): Record<string, V> =>
    Object.fromEntries(roots.filter((k) => k in record).map((k) => [k, record[k]!]));
  const entitySets = pick(s.entitySets);
  const singletons = pick(s.singletons);
  const types = reachableTypes(index, [...Object.values(entitySets), ...Object.values(singletons)].map((r) => r.type), maxDerived, allow);
  const keep = <V>(record: Record<string, V>): Record<string, V> => Object.fromEntries(Object.entries(record).filter(([k]) => types.has(k)));
  const entityTypes = Object.fromEntries(Object.entries(keep(s.entityTypes)).map(([name, e]) =>
    [name, allow === everything ? e : { ...e, navigation: e.navigation.filter((n) => allow(name, n.name)) }]));
  return {
    ...s,
    entityTypes,
    complexTypes: keep(s.complexTypes),
    enumTypes: keep(s.enumTypes),
    entitySets,
    singletons,
    operations: s.operations.filter((op) => op.bindingType && types.has(op.bindingType.type)
      && (op.bindingType.collection || allow(op.bindingType.type, op.name))),
  };
}

/** The schema of a workload: what its roots reach through the kept members, with no casts to types outside it. */
export function workloadSchema(index: ModelIndex, workload: Workload): GraphSchema {
  const kept = new Map(Object.entries(workload.members).map(([t, names]) => [t, new Set(names)]));
  return subSchema(index, workload.roots, SMALL_HIERARCHY, (type, member) => kept.get(type)?.has(member) ?? true);
}

/** The qualified names of every entity, complex and enum type of a schema. */
export function typeNamesOf(schema: GraphSchema): Set<string> {
  return new Set([...Object.keys(schema.entityTypes), ...Object.keys(schema.complexTypes), ...Object.keys(schema.enumTypes)]);
}
