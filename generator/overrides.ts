// The small, committed set of facts about Graph that its metadata files leave out (metadata/overrides.json):
// e.g. the clean v1.0 file lacks the `drive` singleton that the service has (`/drive` = the signed-in
// user's OneDrive). Added only where missing, so a file that has them is taken as it is.
import { readFile } from 'node:fs/promises';
import type { GraphSchema, OperationDef } from '../src/schema.js';
import type { Workload } from './closure.js';

export interface Overrides {
  /** Singletons the service has: name → qualified entity type. */
  singletons: Record<string, string>;
  /** Entity types addressable by colon path (`root:/a/b.txt:`). */
  pathAddressable: string[];
  /** Base types whose media subtype's `$value` Graph serves without a cast (`/messages/{id}/attachments/{id}/$value`). */
  streamOnBase: string[];
  /** Workload entry points: roots and the members kept on narrowed types. */
  workloads: Record<string, Workload>;
  /** How Graph's docs address what the CSDL leaves unsaid (see {@link Addressing}). */
  addressing: Addressing;
  /** Open types whose data is dynamic properties: their bodies take any property (`fields` of a list item). */
  dynamicProperties: string[];
  /** Complex types that stand for any JSON value (the workbook API's `Json`: cell values, `[[1, 2], [3, 4]]`). */
  jsonValues: string[];
  /**
   * Binding-type prefixes of functions that Graph also takes as `POST` with their parameters as a JSON body,
   * as its docs call them (the workbook API's `POST …/charts/itemAt` with `{ "index": 8 }`).
   */
  functionsByPost: string[];
  /**
   * A version's metadata completed from another version's on the types both declare (generator/supplement.ts):
   * version → the version it takes from (`{ "beta": "v1.0" }`).
   */
  supplements: Record<string, string>;
  /** Structural properties Graph reads and its docs write that a version's metadata lacks: type → name → type reference. */
  missingProperties: Record<string, Record<string, string>>;
  /** Optional parameters of bound actions that a version's metadata lacks: `bindingType/action` → name → type reference. */
  missingParameters: Record<string, Record<string, string>>;
  /** Entity types Graph serves that a version's metadata lacks: qualified name → base type and structural properties. */
  missingEntityTypes: Record<string, MissingEntityType>;
  /**
   * Navigation Graph serves that a version's metadata lacks: entity type → name → type reference (contained
   * navigation), or `{ type, containsTarget: false }` for references managed by `$ref`.
   */
  missingNavigation: Record<string, Record<string, string | MissingNavigation>>;
  /** Bound operations a version binds to another type only: entity type → operation name → the type it is bound to there. */
  missingBindings: Record<string, Record<string, string>>;
  /** Bound operations Graph serves that a version's metadata lacks: `bindingType/name` (`type[]/name` on a collection) → signature. */
  missingOperations: Record<string, MissingOperation>;
}

export interface MissingOperation {
  kind: 'action' | 'function';
  /** Parameter name → type reference, all required (as the docs give them). */
  parameters?: Record<string, string>;
  returns?: string;
  description?: string;
}

/** A navigation property a version's metadata lacks, in full. */
export interface MissingNavigation {
  type: string;
  /** false: a reference managed by `$ref` (`accessPackage.incompatibleGroups`). */
  containsTarget?: boolean;
  /** Only these API versions: what Graph serves in beta alone must not appear in v1.0. */
  versions?: string[];
}

export interface MissingEntityType {
  baseType: string;
  /** Only these API versions (see {@link MissingNavigation}). */
  versions?: string[];
  /** Property name → type reference (`Edm.String`, `Collection(microsoft.graph.x)`). */
  properties: Record<string, string>;
  description?: string;
}

/**
 * Addressing Graph serves and documents although its metadata is silent: the CSDL declares no path for a
 * structural property, declares a derived type's members only behind a cast, and lets no `$ref` follow a
 * contained navigation property.
 */
export interface Addressing {
  /** Entity type → structural properties Graph addresses as path segments (`/me/mailboxSettings`). */
  properties: Record<string, string[]>;
  /** Entity type → `derivedType/member` that Graph's docs reach without the cast segment. */
  derivedMembers: Record<string, string[]>;
  /** `type/navigation` of contained navigation on which Graph's docs add and remove references. */
  refs: string[];
  /** `type/navigation` of single-valued contained navigation that Graph creates by `POST` to its own path (a connection's `schema`). */
  created: string[];
  /**
   * `type/streamProperty` → the body of a `PATCH` Graph takes on it beside `PUT`: `Edm.Stream` for bytes under
   * their own content type (`PATCH …/branding/bannerLogo` with `image/jpeg`), or a type reference for a JSON
   * body (`PATCH /me/onenote/pages/{id}/content` with `Collection(microsoft.graph.onenotePatchContentCommand)`).
   */
  streamPatches?: Record<string, string>;
}

export const NO_ADDRESSING: Addressing = { properties: {}, derivedMembers: {}, refs: [], created: [], streamPatches: {} };

export async function readOverrides(path: string): Promise<Overrides> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as Partial<Overrides>;
  const { $comment: _comment, ...workloads } = (raw.workloads ?? {}) as Record<string, Workload> & { $comment?: unknown };
  const { $comment: _note, ...addressing } = { ...NO_ADDRESSING, ...raw.addressing } as Addressing & { $comment?: unknown };
  const { $comment: _why, ...missingProperties } = (raw.missingProperties ?? {}) as Record<string, Record<string, string>> & { $comment?: unknown };
  const { $comment: _because, ...missingParameters } = (raw.missingParameters ?? {}) as Record<string, Record<string, string>> & { $comment?: unknown };
  const { $comment: _types, ...missingEntityTypes } = (raw.missingEntityTypes ?? {}) as Record<string, MissingEntityType> & { $comment?: unknown };
  const { $comment: _navigation, ...missingNavigation } = (raw.missingNavigation ?? {}) as Overrides['missingNavigation'] & { $comment?: unknown };
  const { $comment: _bindings, ...missingBindings } = (raw.missingBindings ?? {}) as Record<string, Record<string, string>> & { $comment?: unknown };
  const { $comment: _operations, ...missingOperations } = (raw.missingOperations ?? {}) as Record<string, MissingOperation> & { $comment?: unknown };
  const { $comment: _supplements, ...supplements } = (raw.supplements ?? {}) as Record<string, string> & { $comment?: unknown };
  return {
    singletons: raw.singletons ?? {}, pathAddressable: raw.pathAddressable ?? [], streamOnBase: raw.streamOnBase ?? [], workloads, addressing,
    dynamicProperties: raw.dynamicProperties ?? [], jsonValues: raw.jsonValues ?? [], functionsByPost: raw.functionsByPost ?? [], missingProperties, missingParameters,
    missingEntityTypes, missingNavigation, missingBindings, missingOperations, supplements,
  };
}

type Tables = Pick<GraphSchema, 'entityTypes' | 'complexTypes'>;

/** The schema with what `overrides` says Graph has and this version's metadata lacks; nothing it declares is replaced. */
export function applyOverrides(schema: GraphSchema, overrides: Pick<Overrides, 'singletons'> & Partial<Overrides>): GraphSchema {
  const tables: Tables = { entityTypes: { ...schema.entityTypes }, complexTypes: { ...schema.complexTypes } };
  addEntityTypes(schema, tables, overrides.missingEntityTypes ?? {});
  addNavigation(schema, tables, overrides.missingNavigation ?? {});
  addProperties(schema, tables, overrides.missingProperties ?? {});
  const operations = [...schema.operations, ...copiedBindings(schema, tables, overrides.missingBindings ?? {}), ...declaredOperations(schema, tables, overrides.missingOperations ?? {})]
    .map((op) => withMissingParameters(schema, op, overrides.missingParameters ?? {}));
  return { ...schema, singletons: withSingletons(schema, overrides.singletons), ...tables, operations };
}

function withSingletons(schema: GraphSchema, singletons: Record<string, string>): GraphSchema['singletons'] {
  const out = { ...schema.singletons };
  for (const [name, type] of Object.entries(singletons)) {
    // A type the version does not know means the override does not apply to it.
    if (!out[name] && schema.entityTypes[type]) out[name] = { type, bindings: {} };
  }
  return out;
}

function addEntityTypes(schema: GraphSchema, { entityTypes, complexTypes }: Tables, missing: Record<string, MissingEntityType>): void {
  for (const [name, def] of Object.entries(missing)) {
    // Only where missing, and only on a base type the version has: a newer metadata file declares its own.
    if (entityTypes[name] || complexTypes[name] || !entityTypes[def.baseType] || (def.versions && !def.versions.includes(schema.version))) continue;
    const properties = Object.entries(def.properties).filter(([, ref]) => known(schema, ref)).map(([n, ref]) => ({ name: n, ...typeRef(ref) }));
    entityTypes[name] = { name, baseType: def.baseType, abstract: false, open: false, key: entityTypes[def.baseType]!.key, navigation: [], hasStream: false, properties, description: def.description };
  }
}

function addNavigation(schema: GraphSchema, { entityTypes }: Tables, missing: Overrides['missingNavigation']): void {
  for (const [type, navigation] of Object.entries(missing)) {
    const def = entityTypes[type];
    if (!def) continue;
    const added = Object.entries(navigation)
      .map(([name, nav]) => ({ name, ...(typeof nav === 'string' ? { type: nav } : nav) }))
      .filter((nav) => !nav.versions || nav.versions.includes(schema.version))
      .map(({ name, type: ref, containsTarget = true }) => ({ name, ref, containsTarget }))
      .filter(({ name, ref }) => !def.navigation.some((n) => n.name === name) && !def.properties.some((p) => p.name === name) && entityTypes[typeRef(ref).type])
      .map(({ name, ref, containsTarget }) => ({ name, ...typeRef(ref), nullable: false, containsTarget }));
    if (added.length > 0) entityTypes[type] = { ...def, navigation: [...def.navigation, ...added] };
  }
}

function addProperties(schema: GraphSchema, { entityTypes, complexTypes }: Tables, missing: Record<string, Record<string, string>>): void {
  for (const [type, properties] of Object.entries(missing)) {
    const table = entityTypes[type] ? entityTypes : complexTypes[type] ? complexTypes : undefined;
    const def = table?.[type];
    if (!table || !def) continue;
    const added = Object.entries(properties)
      .filter(([name, ref]) => !def.properties.some((p) => p.name === name) && known(schema, ref))
      .map(([name, ref]) => ({ name, ...typeRef(ref) }));
    // Only where missing: a version whose metadata has the property keeps its own definition.
    if (added.length > 0) table[type] = { ...def, properties: [...def.properties, ...added] } as never;
  }
}

const boundTo = (op: OperationDef, type: string): boolean => op.bindingType?.type === type && !op.bindingType.collection;

/** Operations the version binds to another type only, bound to `type` as well. */
function copiedBindings(schema: GraphSchema, { entityTypes }: Tables, missing: Record<string, Record<string, string>>): OperationDef[] {
  return Object.entries(missing).flatMap(([type, ops]) => Object.entries(ops).flatMap(([name, from]) => {
    // Only where the version binds it to `from` and not already to `type`.
    const source = entityTypes[type] ? schema.operations.find((o) => o.name === name && boundTo(o, from)) : undefined;
    if (!source || schema.operations.some((o) => o.name === name && boundTo(o, type))) return [];
    return [{ ...source, bindingType: { ...source.bindingType!, type } }];
  }));
}

function declaredOperations(schema: GraphSchema, { entityTypes }: Tables, missing: Record<string, MissingOperation>): OperationDef[] {
  return Object.entries(missing).flatMap(([key, def]): OperationDef[] => {
    const slash = key.lastIndexOf('/');
    const binding = key.slice(0, slash).replace(/\[\]$/, '');
    const collection = key.slice(0, slash).endsWith('[]');
    const name = key.slice(slash + 1);
    const refs = [...Object.values(def.parameters ?? {}), ...(def.returns ? [def.returns] : [])];
    // Only where missing, on a binding type the version has, with every type it names.
    if (!entityTypes[binding] || !refs.every((r) => known(schema, r))) return [];
    if (schema.operations.some((o) => o.name === name && o.bindingType?.type === binding && o.bindingType.collection === collection)) return [];
    return [{
      kind: def.kind, name, namespace: 'microsoft.graph', bound: true, bindingType: { type: binding, collection, nullable: false },
      parameters: Object.entries(def.parameters ?? {}).map(([n, ref]) => ({ name: n, ...typeRef(ref), nullable: false, optional: false })),
      returnType: def.returns ? typeRef(def.returns) : undefined, composable: false, description: def.description,
    }];
  });
}

function withMissingParameters(schema: GraphSchema, op: OperationDef, missing: Record<string, Record<string, string>>): OperationDef {
  const extra = op.kind === 'action' && op.bindingType && !op.bindingType.collection ? missing[`${op.bindingType.type}/${op.name}`] : undefined;
  const added = Object.entries(extra ?? {})
    .filter(([name, ref]) => !op.parameters.some((p) => p.name.toLowerCase() === name.toLowerCase()) && known(schema, ref))
    .map(([name, ref]) => ({ name, ...typeRef(ref), optional: true }));
  return added.length > 0 ? { ...op, parameters: [...op.parameters, ...added] } : op;
}

/** `Collection(microsoft.graph.x)` → `{ type: 'microsoft.graph.x', collection: true, nullable: true }`. */
export function typeRef(ref: string): { type: string; collection: boolean; nullable: boolean } {
  const m = /^Collection\((.+)\)$/.exec(ref);
  return { type: m ? m[1]! : ref, collection: Boolean(m), nullable: !m };
}

function known(schema: GraphSchema, ref: string): boolean {
  const { type } = typeRef(ref);
  return type.startsWith('Edm.') || Boolean(schema.entityTypes[type] ?? schema.complexTypes[type] ?? schema.enumTypes[type]);
}
