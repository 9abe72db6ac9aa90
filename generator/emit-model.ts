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

/**
 * The element type of a reference, without collection or null (`Edm.Int32` → `number`, `graph.user` →
 * `User`; a type with derived types → their union, `AnyAttachment`, so a body may hold any of them).
 */
export function elementType(ref: Pick<TypeRef, 'type'>, names: TypeNames): string {
  if (ref.type.startsWith('Edm.')) return PRIMITIVES[ref.type] ?? 'unknown';
  return names.valueOf(ref.type);
}

/**
 * Hierarchies too large for a union at every property of their type: `entity` (every entity type) and
 * security `auditData` (~390 record types, in audit logs Graph only sends).
 */
const NO_UNION = new Set(['microsoft.graph.entity', 'microsoft.graph.security.auditData']);

/**
 * Names the unions of base types with their derived types (`AnyAttachment = Attachment | FileAttachment | …`):
 * a value of a base type may be any derived type, told apart by its `@odata.type` (`#microsoft.graph.fileAttachment`
 * in a message's `attachments`), so a body with one type-checks and a response says what it can be.
 */
export function nameUnions(index: ModelIndex, names: TypeNames): void {
  const all = [...Object.keys(index.schema.complexTypes), ...Object.keys(index.schema.entityTypes)].sort();
  for (const t of all) if (!NO_UNION.has(t) && index.directSubtypes(t).length > 0) names.addUnion(t);
}

/** `type AnyAttachment = Attachment | FileAttachment | …`, for a type that has one, of the derived types this entry point declares. */
export function emitUnion(def: StructuredTypeDef, index: ModelIndex, names: TypeNames): TypeAliasDeclarationStructure[] {
  const name = names.union(def.name);
  if (!name) return [];
  const members = [def.name, ...index.descendants(def.name)].map((t) => names.of(t));
  return [{ kind: StructureKind.TypeAlias, name, isExported: true, type: members.join(' | '), docs: [`\`${names.of(def.name)}\` or any type derived from it, told apart by \`@odata.type\`.`] }];
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

/** A complex type that stands for any JSON value (`Json`: a workbook range's `values`, `[[1, 2], [3, 4]]`). */
export function emitJsonValue(def: StructuredTypeDef, names: TypeNames): TypeAliasDeclarationStructure {
  return { kind: StructureKind.TypeAlias, name: names.of(def.name), isExported: true, type: 'unknown', docs: docs(def.description ?? 'Any JSON value.') };
}

export function emitEnum(def: EnumTypeDef, names: TypeNames): TypeAliasDeclarationStructure {
  const members = def.members.map((m) => `'${m.name}'`).join(' | ');
  // Graph reads enum members in any case, and its docs write many capitalised (`"contentType": "HTML"`).
  const cased = members ? `rt.Cased<${members}>` : 'string';
  return {
    kind: StructureKind.TypeAlias,
    name: names.of(def.name),
    isExported: true,
    type: def.flags ? `rt.Flags<${cased}>` : cased,
    docs: enumDocs(def),
  };
}

/** An enum's description and its members' (a member of a string-literal union has no comment of its own to hover). */
function enumDocs(def: EnumTypeDef): string[] | undefined {
  const members = def.members.filter((m) => m.description).map((m) => `- \`${m.name}\`: ${m.description!}`);
  const text = [def.description, members.join('\n')].filter(Boolean).join('\n\n');
  return docs(text || undefined);
}

/** `@odata.type` naming one of `types` (see `ODataType` in src/bodies.ts): by the last segments of their names. */
function odataType(types: string[]): string {
  return `rt.ODataType<${[...new Set(types.map((t) => `'${t.slice(t.lastIndexOf('.') + 1)}'`))].join(' | ')}>`;
}

/**
 * @param hierarchy where subtypes are looked up: the whole version, also when emitting a workload that
 * leaves some subtypes out, so `@odata.type` stays open wherever Graph may send a subtype.
 */
export function emitStructured(def: StructuredTypeDef, index: ModelIndex, names: TypeNames, hierarchy: ModelIndex = index, dynamic = false): InterfaceDeclarationStructure {
  const properties: NonNullable<InterfaceDeclarationStructure['properties']> = [];
  // A leaf type names itself, a base type itself or any of its subtypes: a misspelt or foreign `@odata.type` in
  // a body is a compile error. `entity`'s would list every entity type; `auditData`'s some 390.
  if (NO_UNION.has(def.name)) {
    properties.push({ name: `'@odata.type'`, type: 'string', hasQuestionToken: true });
  } else {
    properties.push({ name: `'@odata.type'`, type: odataType([def.name, ...hierarchy.descendants(def.name)]), hasQuestionToken: true });
  }
  for (const p of def.properties) {
    // Stream properties (driveItem.content) never travel inside the entity's JSON; they are builder members.
    if (p.type === 'Edm.Stream') continue;
    properties.push({ name: propertyKey(p.name), type: propertyType(p, names), hasQuestionToken: true, docs: docs(p.description) });
  }
  // Entity types' navigation, and the few complex types' that have some: those only where this entry point
  // declares the target anyway (a complex type's navigation does not pull types into an area or workload).
  const entity = index.entity(def.name);
  for (const n of entity?.navigation ?? def.navigation?.filter((c) => index.structured(c.type)) ?? []) {
    // Present only when expanded ($expand) or returned inline.
    properties.push({ name: propertyKey(n.name), type: propertyType({ ...n, nullable: false }, names), hasQuestionToken: true, docs: docs(n.description) });
  }
  return {
    kind: StructureKind.Interface,
    name: names.of(def.name),
    isExported: true,
    extends: def.baseType ? [names.of(def.baseType)] : undefined,
    properties,
    // An open type whose data is its dynamic properties (a list item's `fields`, an open extension's own
    // values), or an open complex type (an identity set's `phone`).
    ...(dynamic ? { indexSignatures: [{ keyName: 'property', keyType: 'string', returnType: 'unknown' }] } : {}),
    docs: docs(def.description),
  };
}
