// One version's metadata completed from another's (metadata/overrides.json `supplements`): the newest
// complete beta metadata available offline is from 2021, while Graph's beta serves everything v1.0 serves.
// On the types both files declare, the beta build takes what v1.0 declares and beta's file lacks: structural
// properties, navigation to entity types beta has, enum members, the complex and enum types those
// properties need, and the descriptions (hover docs) of the enum members beta's file leaves undescribed.
// Entity types, entity sets and operations are not carried over: an API beta's file does not have at all
// stays out, so the beta build stays the size of beta.
import type { EnumTypeDef, GraphSchema, NavigationDef, PropertyDef, StructuredTypeDef } from '../src/schema.js';

/** `schema` with what `from` declares on their shared types and `schema` lacks; `schema` is not changed. */
export function supplement(schema: GraphSchema, from: GraphSchema): GraphSchema {
  const out: GraphSchema = {
    ...schema,
    namespaces: [...schema.namespaces],
    entityTypes: { ...schema.entityTypes },
    complexTypes: { ...schema.complexTypes },
    enumTypes: { ...schema.enumTypes },
  };
  const carried = new Carrier(out, from);
  for (const [name, theirs] of Object.entries(from.enumTypes)) {
    const ours = out.enumTypes[name];
    if (!ours) continue;
    // Beta's file describes no enum member; v1.0's describes many: the same members, so the same words on hover.
    const members = ours.members.map((m) => (m.description ? m : { ...m, description: theirs.members.find((t) => t.name === m.name)?.description }));
    const missing = theirs.members.filter((m) => !ours.members.some((o) => o.name === m.name));
    out.enumTypes[name] = { ...ours, description: ours.description ?? theirs.description, members: [...members, ...missing] };
  }
  for (const table of ['entityTypes', 'complexTypes'] as const) {
    for (const [name, theirs] of Object.entries(from[table])) {
      const ours = out[table][name];
      if (!ours) continue;
      const taken = carried.declaredAround(name);
      const properties = theirs.properties.filter((p) => !taken.has(p.name) && carried.typeFor(p.type));
      const navigation = (theirs.navigation ?? []).filter((n) => !taken.has(n.name) && out.entityTypes[n.type] !== undefined);
      if (properties.length === 0 && navigation.length === 0) continue;
      const merged: StructuredTypeDef = { ...ours, properties: [...ours.properties, ...properties] };
      if (navigation.length > 0) merged.navigation = [...(ours.navigation ?? []), ...navigation];
      (out[table] as Record<string, StructuredTypeDef>)[name] = merged;
    }
  }
  return out;
}

/** Brings the complex and enum types a carried property needs, with their base types; never an entity type. */
class Carrier {
  constructor(private readonly out: GraphSchema, private readonly from: GraphSchema) {
    for (const t of [...Object.values(out.entityTypes), ...Object.values(out.complexTypes)]) {
      if (t.baseType) this.children.set(t.baseType, [...(this.children.get(t.baseType) ?? []), t.name]);
    }
  }

  /** Whether `type` is (now) known to the output: a primitive, a type it has, or one carried over. */
  typeFor(type: string): boolean {
    if (type.startsWith('Edm.') || this.out.entityTypes[type] || this.out.complexTypes[type] || this.out.enumTypes[type]) return true;
    const enumType: EnumTypeDef | undefined = this.from.enumTypes[type];
    if (enumType) {
      this.namespaceOf(type);
      this.out.enumTypes[type] = enumType;
      return true;
    }
    const complex = this.from.complexTypes[type];
    if (!complex || (complex.baseType && !this.typeFor(complex.baseType))) return false;
    this.namespaceOf(type);
    // Declared before its properties are resolved, so that a type that contains itself ends.
    const carried: StructuredTypeDef = { ...complex, properties: [] };
    this.out.complexTypes[type] = carried;
    carried.properties = complex.properties.filter((p: PropertyDef) => this.typeFor(p.type));
    const navigation = (complex.navigation ?? []).filter((n: NavigationDef) => this.out.entityTypes[n.type] !== undefined);
    if (complex.navigation) carried.navigation = navigation;
    return true;
  }

  /** Names a type of `schema` already uses: its own and its ancestors' and descendants' members. */
  declaredAround(name: string): Set<string> {
    const names = new Set<string>();
    const add = (t: StructuredTypeDef | undefined): void => {
      for (const m of [...(t?.properties ?? []), ...(t?.navigation ?? [])]) names.add(m.name);
    };
    for (let t = this.structured(name); t; t = t.baseType ? this.structured(t.baseType) : undefined) add(t);
    const below = [...(this.children.get(name) ?? [])];
    for (let i = 0; i < below.length; i++) {
      add(this.structured(below[i]!));
      below.push(...(this.children.get(below[i]!) ?? []));
    }
    return names;
  }

  /** The output's derived types by base type, as `schema` declared them (carried types have none there). */
  private readonly children = new Map<string, string[]>();

  private structured(name: string): StructuredTypeDef | undefined {
    return this.out.entityTypes[name] ?? this.out.complexTypes[name];
  }

  private namespaceOf(type: string): void {
    const ns = type.slice(0, type.lastIndexOf('.'));
    if (!this.out.namespaces.some((n) => n.name === ns)) this.out.namespaces.push({ name: ns });
  }
}
