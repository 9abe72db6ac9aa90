// Emits the data model: enum types as string-literal unions, entity and complex types as plain
// interfaces (no serializer code: Graph's JSON is used as it arrives). Derived types carry their
// `@odata.type` so a union of them narrows on it.
import { StructureKind, type InterfaceDeclarationStructure, type TypeAliasDeclarationStructure } from 'ts-morph';
import type { EnumTypeDef, StructuredTypeDef, TypeRef } from '../src/schema.js';
import type { ModelIndex } from './model-index.js';
import { propertyKey, type TypeNames } from './naming.js';

const PRIMITIVES: Record<string, string> = {
  'Edm.String': 'string', 'Edm.Guid': 'string', 'Edm.Date': 'string', 'Edm.DateTimeOffset': 'string',
  'Edm.TimeOfDay': 'string', 'Edm.Duration': 'string', 'Edm.Binary': 'string', 'Edm.Boolean': 'boolean',
  'Edm.Byte': 'number', 'Edm.SByte': 'number', 'Edm.Int16': 'number', 'Edm.Int32': 'number',
  'Edm.Int64': 'number', 'Edm.Decimal': 'number',
  // Graph writes NaN and infinities of floating-point values as strings.
  'Edm.Double': 'number | string', 'Edm.Single': 'number | string',
  'Edm.Stream': 'string', 'Edm.Untyped': 'unknown', 'Edm.PrimitiveType': 'unknown',
};

/** The element type of a reference, without collection or null (`Edm.Int32` → `number`, `graph.user` → `User`). */
export function elementType(ref: Pick<TypeRef, 'type'>, names: TypeNames): string {
  if (ref.type.startsWith('Edm.')) return PRIMITIVES[ref.type] ?? 'unknown';
  return names.of(ref.type);
}

/** The full TypeScript type of a property: collections as arrays, nullable values with `| null`. */
export function propertyType(ref: TypeRef, names: TypeNames): string {
  const element = elementType(ref, names);
  if (ref.collection) return `${element.includes(' ') ? `(${element})` : element}[]`;
  return ref.nullable && element !== 'unknown' ? `${element} | null` : element;
}

export function docs(description: string | undefined): string[] | undefined {
  // `*/` would end the comment early; nothing else in a description can break the declaration.
  return description ? [description.replace(/\*\//g, '*\\/')] : undefined;
}

export function emitEnum(def: EnumTypeDef, names: TypeNames): TypeAliasDeclarationStructure {
  const members = def.members.map((m) => `'${m.name}'`).join(' | ') || 'string';
  return {
    kind: StructureKind.TypeAlias,
    name: names.of(def.name),
    isExported: true,
    type: def.flags ? `rt.Flags<${members}>` : members,
    docs: docs(def.description),
  };
}

/**
 * @param hierarchy where subtypes are looked up: the whole version, also when emitting a workload that
 * leaves some subtypes out, so `@odata.type` stays open wherever Graph may send a subtype.
 */
export function emitStructured(def: StructuredTypeDef, index: ModelIndex, names: TypeNames, hierarchy: ModelIndex = index): InterfaceDeclarationStructure {
  const properties: NonNullable<InterfaceDeclarationStructure['properties']> = [];
  const hasSubtypes = hierarchy.directSubtypes(def.name).length > 0;
  if (def.baseType && !hasSubtypes) {
    properties.push({ name: `'@odata.type'`, type: `'#${def.name}'`, hasQuestionToken: true });
  } else if (!def.baseType && hasSubtypes) {
    properties.push({ name: `'@odata.type'`, type: 'string', hasQuestionToken: true });
  }
  for (const p of def.properties) {
    // Stream properties (driveItem.content) never travel inside the entity's JSON; they are builder members.
    if (p.type === 'Edm.Stream') continue;
    properties.push({ name: propertyKey(p.name), type: propertyType(p, names), hasQuestionToken: true, docs: docs(p.description) });
  }
  const entity = index.entity(def.name);
  for (const n of entity?.navigation ?? []) {
    // Present only when expanded ($expand) or returned inline.
    properties.push({ name: propertyKey(n.name), type: propertyType({ ...n, nullable: false }, names), hasQuestionToken: true, docs: docs(n.description) });
  }
  return {
    kind: StructureKind.Interface,
    name: names.of(def.name),
    isExported: true,
    extends: def.baseType ? [names.of(def.baseType)] : undefined,
    properties,
    docs: docs(def.description),
  };
}
