// Emits the fluent layer: one builder interface per entity type, shared by every path that reaches
// the type. Only names and types are generated; the generic behaviour (get, list, post, …) comes from
// `rt.Item` / `rt.Coll` in src/types.ts, and the URL lives in the builder instance at run time.
//
// Per entity type X:
//   XB      the builder: extends its base type's builder, restates `[rt.model]: X` (and `[rt.casts]`),
//           adds X's own navigation properties, bound operations, `$value`, stream properties, byPath
//   XC      the collection builder, declared only when operations are bound to the collection
//           (`delta()`); elsewhere `rt.CollOf<XB>` derives it from the item builder
//   XCasts  derived type name → item builder, for `cast('microsoft.graph.user')`
import { StructureKind, type InterfaceDeclarationStructure, type MethodSignatureStructure, type OptionalKind, type PropertySignatureStructure } from 'ts-morph';
import type { EntityTypeDef, NavigationDef, OperationDef, ParameterDef, RootDef, StructuredTypeDef, TypeRef } from '../src/schema.js';
import { PropertyPaths } from './emit-paths.js';
import { docs, elementType, propertyType } from './emit-model.js';
import type { ModelIndex } from './model-index.js';
import { memberName, parameterName, propertyKey, type TypeNames } from './naming.js';
import { NO_ADDRESSING, typeRef, type Addressing } from './overrides.js';

/** An interface member: a property, or a method signature marked by its kind. */
type Member = OptionalKind<PropertySignatureStructure> | (OptionalKind<MethodSignatureStructure> & { kind: StructureKind.MethodSignature });

/**
 * The root of every entity type offers no casts: its map would list all 1,100–1,300 entity types and be
 * checked against every builder's, while no documented request casts a bare `entity`. Every other type,
 * however large its hierarchy (beta `deviceConfiguration`: 130), offers all of its derived types.
 */
const UNCASTABLE = new Set(['microsoft.graph.entity']);

export interface BuilderNames {
  item: string;
  /** The collection builder: an interface name, or `rt.CollOf<XB>` when there is nothing to add. */
  coll: string;
  casts?: string;
}

export interface BuilderOptions {
  /** Entity types addressable by colon path (`driveItem`, `site`): they get `byPath(path)`. */
  pathAddressable: ReadonlySet<string>;
  /** Base types whose `$value` Graph serves for the media subtype without a cast (`attachment`). */
  streamOnBase: ReadonlySet<string>;
  /** What Graph addresses beyond the CSDL: properties as paths, derived members without a cast, `$ref` on contained navigation. */
  addressing?: Addressing;
  /** Binding-type prefixes of functions Graph also takes by `POST` with a JSON body (the workbook API). */
  functionsByPost?: readonly string[];
}

export class BuilderEmitter {
  private readonly names = new Map<string, BuilderNames>();
  private readonly addressing: Addressing;
  private readonly refs: ReadonlySet<string>;
  private readonly created: ReadonlySet<string>;
  private readonly paths: PropertyPaths;

  constructor(private readonly index: ModelIndex, private readonly types: TypeNames, private readonly options: BuilderOptions) {
    this.addressing = options.addressing ?? NO_ADDRESSING;
    this.refs = new Set(this.addressing.refs);
    this.created = new Set(this.addressing.created);
    const entities = Object.values(index.schema.entityTypes).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entities) {
      const model = types.of(e.name);
      const item = types.claim(`${model}B`);
      this.names.set(e.name, {
        item,
        coll: this.collectionOps(e.name).length > 0 ? types.claim(`${model}C`) : `rt.CollOf<${item}>`,
        casts: this.castable(e.name).length > 0 ? types.claim(`${model}Casts`) : undefined,
      });
    }
    this.paths = new PropertyPaths(index, types, this.addressing.properties, (owner, nav) => (this.names.has(nav.type) ? this.navigationType(owner, nav) : undefined));
  }

  /** The path interface of a complex type that an addressed property reaches (`MailboxSettingsP`), if any. */
  emitComplex(c: StructuredTypeDef): InterfaceDeclarationStructure[] {
    return this.paths.emit(c);
  }

  builderNames(entity: string): BuilderNames {
    const n = this.names.get(entity);
    if (!n) throw new Error(`No builder for ${entity}: not an entity type`);
    return n;
  }

  emitEntity(e: EntityTypeDef): InterfaceDeclarationStructure[] {
    const n = this.builderNames(e.name);
    const model = this.types.of(e.name);
    const out: InterfaceDeclarationStructure[] = [];
    const inherited = new Set(this.ancestorsOps(e.name));
    // Casts are restated where the type has its own, or where a base type's would otherwise be inherited.
    const casts = n.casts ?? (this.index.ancestors(e.name).some((a) => this.names.get(a)?.casts) ? '{}' : undefined);
    out.push(iface(n.item, [
      { name: '[rt.model]', type: model, isReadonly: true },
      ...(casts ? [{ name: '[rt.casts]', type: casts, isReadonly: true }] : []),
      ...e.navigation.map((nav): Member => ({ name: memberName(nav.name), type: this.navigationType(e.name, nav), docs: docs(nav.description) })),
      ...this.ownSpecials(e),
      ...this.paths.entityMembers(e.name),
      ...this.derivedMembers(e.name, inherited),
      ...this.operationMembers(this.ownOps(e), inherited),
    ], [e.baseType ? this.builderNames(e.baseType).item : 'rt.Item']));
    const collOps = this.collectionOps(e.name);
    if (collOps.length > 0) {
      out.push(iface(n.coll, this.operationMembers(collOps, new Set()), [`rt.CollOf<${n.item}>`]));
    }
    if (n.casts) {
      out.push(iface(n.casts, this.castable(e.name).map((d) => ({ name: `'${d}'`, type: this.builderNames(d).item, hasQuestionToken: true })), ['rt.CastMap']));
    }
    return out;
  }

  /** The root: every entity set and singleton. */
  emitRoot(name: string, sets: Record<string, RootDef>, singletons: Record<string, RootDef>): InterfaceDeclarationStructure {
    const members: OptionalKind<PropertySignatureStructure>[] = [];
    // A root member is described by its type's description (`users`: "Represents a Microsoft Entra user account.").
    const about = (def: RootDef): string[] | undefined => docs(this.index.structured(def.type)?.description);
    for (const [set, def] of Object.entries(sets).sort(byKey)) members.push({ name: memberName(set), type: this.builderNames(def.type).coll, docs: about(def) });
    for (const [single, def] of Object.entries(singletons).sort(byKey)) members.push({ name: memberName(single), type: this.builderNames(def.type).item, docs: about(def) });
    const unbound = this.index.schema.operations.filter((o) => !o.bound && o.importName);
    // `rt.Root` adds the client's own members (`resource()`, `close()`), typed from this root's sets.
    return iface(name, [...members, ...this.operationMembers(unbound.map((o) => ({ ...o, name: o.importName! })), new Set())], [`rt.Root<${name}>`]);
  }

  private navigationType(owner: string, nav: TypeRef & { name: string; containsTarget: boolean }): string {
    const n = this.builderNames(nav.type);
    const contained = this.contained(owner, nav);
    if (nav.collection) return contained ? n.coll : `rt.Refs<${n.coll}>`;
    if (!contained) return `rt.Ref<${n.item}>`;
    return this.created.has(`${owner}/${nav.name}`) ? `rt.Creatable<${n.item}>` : n.item;
  }

  /** Contained navigation is addressed without `$ref`, unless Graph's docs manage references on it (`addressing.refs`). */
  private contained(owner: string, nav: { name: string; containsTarget: boolean }): boolean {
    return nav.containsTarget && !this.refs.has(`${owner}/${nav.name}`);
  }

  /**
   * Members of derived types that Graph's docs reach without the cast segment
   * (`…/mobileApps/{id}/contentVersions`, declared on `mobileLobApp`), as listed in `addressing.derivedMembers`.
   * A derived type this entry point does not declare adds nothing.
   */
  private derivedMembers(type: string, inherited: ReadonlySet<string>): Member[] {
    const out: Member[] = [];
    for (const entry of this.addressing.derivedMembers[type] ?? []) {
      const slash = entry.lastIndexOf('/');
      const derived = this.index.entity(entry.slice(0, slash));
      const name = entry.slice(slash + 1);
      if (!derived) continue;
      const nav = derived.navigation.find((n) => n.name === name);
      // Other derived types may declare the name too, leading elsewhere: the base's member leads to what all have in common.
      const target = nav && this.commonTarget(type, nav);
      if (nav && target && this.names.has(target)) {
        out.push({ name: memberName(name), type: this.navigationType(derived.name, { ...nav, type: target }), docs: docs(nav.description) });
      }
      out.push(...this.operationMembers(this.ownOps(derived).filter((o) => o.name === name), inherited));
    }
    return out;
  }

  /** The nearest type that every navigation named like `nav` below `base` leads to; none when they differ in kind. */
  private commonTarget(base: string, nav: NavigationDef): string | undefined {
    const all = this.index.descendants(base).flatMap((d) => this.index.entity(d)?.navigation.filter((n) => n.name === nav.name) ?? []);
    if (all.some((n) => n.collection !== nav.collection || n.containsTarget !== nav.containsTarget)) return undefined;
    const lines = all.map((n) => [n.type, ...this.index.ancestors(n.type)]);
    return lines[0]?.find((t) => lines.every((line) => line.includes(t)));
  }

  private castable(type: string): string[] {
    const all = this.index.descendants(type).filter((d) => this.index.isEntity(d));
    return UNCASTABLE.has(type) ? [] : all.sort();
  }

  private ownOps(e: EntityTypeDef): OperationDef[] {
    return this.index.boundTo(e.name, false);
  }

  /** `$value` is declared where the stream first appears in the hierarchy, not again below it. */
  private declaresStream(e: EntityTypeDef): boolean {
    const streams = (t: string): boolean => this.index.hasStream(t) || this.options.streamOnBase.has(t);
    return streams(e.name) && !this.index.ancestors(e.name).some(streams);
  }

  /** Members every builder of this type has beyond navigation and operations. */
  private ownSpecials(e: EntityTypeDef): Member[] {
    const out: Member[] = [];
    if (this.declaresStream(e)) out.push({ name: '$value', type: 'rt.Stream', docs: ['The media content (`…/$value`).'] });
    for (const p of e.properties) {
      if (p.type === 'Edm.Stream') out.push({ name: memberName(p.name), type: this.streamType(e.name, p.name), docs: docs(p.description) });
    }
    if (this.options.pathAddressable.has(e.name)) {
      out.push({ kind: StructureKind.MethodSignature, name: 'byPath', parameters: [{ name: 'path', type: 'string' }], returnType: this.builderNames(e.name).item,
        docs: ['Colon path addressing relative to this item: `root:/Folder/file.txt:`. Segments are percent-encoded.'] });
    }
    return out;
  }

  /**
   * A stream property: `rt.Stream` (download, upload by `PUT`, delete), with `patch` where Graph also takes
   * one (`addressing.streamPatches`): bytes under their own content type, or the JSON body listed there.
   */
  private streamType(owner: string, name: string): string {
    const body = this.addressing.streamPatches?.[`${owner}/${name}`];
    if (body === undefined) return 'rt.Stream';
    // The bytes `upload` takes (BodyInit, which the runtime's types module does not re-export).
    if (body === 'Edm.Stream') return "rt.Stream & { patch(body: Parameters<rt.Stream['upload']>[0], options: rt.RawWriteOptions): Promise<unknown> }";
    return `rt.Stream & { patch(body: ${propertyType({ ...typeRef(body), nullable: false }, this.types)}, options?: rt.WriteOptions): Promise<void> }`;
  }

  /** Operation names already declared by an ancestor's builder. */
  private ancestorsOps(type: string): string[] {
    return this.index.ancestors(type).flatMap((a) => {
      const e = this.index.entity(a);
      return e ? this.ownOps(e).map((o) => o.name) : [];
    });
  }

  /** Operations bound to a collection of this type or of any of its base types. */
  private collectionOps(type: string): OperationDef[] {
    const seen = new Set<string>();
    const out: OperationDef[] = [];
    for (const t of [type, ...this.index.ancestors(type)]) {
      for (const op of this.index.boundTo(t, true)) {
        // The most derived binding wins, as in OData's overload resolution.
        const sig = `${op.name}(${op.parameters.map((p) => p.name).join(',')})`;
        if (seen.has(sig)) continue;
        seen.add(sig);
        out.push(op);
      }
    }
    return out;
  }

  /**
   * Functions become methods (overloads allowed: `delta()` and `delta({ token })`); actions become
   * properties with `post(body)`. A name that is both (rare) gets both shapes in one property type.
   */
  private operationMembers(ops: OperationDef[], inherited: ReadonlySet<string>): Member[] {
    const byName = new Map<string, OperationDef[]>();
    for (const op of ops) byName.set(op.name, [...(byName.get(op.name) ?? []), op]);
    const out: Member[] = [];
    for (const [name, group] of [...byName].sort(byKey)) {
      const functions = group.filter((o) => o.kind === 'function');
      const actions = group.filter((o) => o.kind === 'action');
      const member = memberName(name);
      // Re-declaring an inherited name with other signatures would not be assignable to the base's; keep the base's.
      if (inherited.has(name)) continue;
      const doc = docs(group[0]!.description);
      // Functions that Graph also takes by POST (`…/charts/itemAt` with `{ "index": 8 }`) get `post` beside the call.
      const posted = actions.length > 0 ? actions : functions.filter((f) => this.byPost(f));
      if (posted.length > 0) {
        // Every parameter optional: `post()` needs no argument (Graph reads a missing body as no parameters).
        const optional = posted.every((a) => a.parameters.length > 0 && a.parameters.every((p) => p.optional));
        const action = `rt.${optional ? 'OptionalAction' : 'Action'}<${union(posted.map((a) => this.actionParams(a)))}, ${union(posted.map((a) => this.result(a.returnType)))}>`;
        const calls = functions.map((f) => {
          const params = this.functionParams(f);
          return `(${params ? `params${params.optional ? '?' : ''}: ${params.type}` : ''}): ${this.functionResult(f)}`;
        });
        out.push({ name: member, type: calls.length ? `${action} & { ${calls.join('; ')} }` : action, docs: doc });
        continue;
      }
      for (const f of functions) {
        const params = this.functionParams(f);
        out.push({
          kind: StructureKind.MethodSignature, name: member, docs: doc,
          parameters: params ? [{ name: 'params', type: params.type, hasQuestionToken: params.optional }] : [],
          returnType: this.functionResult(f),
        });
      }
    }
    return out;
  }

  private byPost(f: OperationDef): boolean {
    const binding = f.bindingType?.type;
    return binding !== undefined && (this.options.functionsByPost ?? []).some((prefix) => binding.startsWith(prefix));
  }

  /** The parameters object; `rt.Action` makes it a body (annotations at any depth, names as written or capitalised). */
  private actionParams(op: OperationDef): string {
    if (op.parameters.length === 0) return 'void';
    return `{ ${op.parameters.map((p) => `${propertyKey(parameterName(p.name))}${p.optional ? '?' : ''}: ${propertyType(p, this.types)}`).join('; ')} }`;
  }

  /** The parameters object (`{ period: string }`), optional when every parameter is; none without parameters. */
  private functionParams(op: OperationDef): { type: string; optional: boolean } | undefined {
    if (op.parameters.length === 0) return undefined;
    const fields = (name: (p: ParameterDef) => string): string =>
      `{ ${op.parameters.map((p) => `${propertyKey(name(p))}${p.optional ? '?' : ''}: ${this.urlParamType(p)}`).join('; ')} }`;
    // A few functions declare capitalised parameters (`reminderView(StartDateTime=…)`) that Graph's docs
    // write in lower camel case; Graph reads either, so both spellings are offered.
    const lower = (p: ParameterDef): string => p.name[0]!.toLowerCase() + p.name.slice(1);
    const type = op.parameters.some((p) => lower(p) !== p.name) ? `${fields((p) => p.name)} | ${fields(lower)}` : fields((p) => p.name);
    return { type, optional: op.parameters.every((p) => p.optional) };
  }

  /** Function parameters are URL literals: dates and times may also be given as `Date`. */
  private urlParamType(p: ParameterDef): string {
    const t = propertyType({ ...p, nullable: false }, this.types);
    return p.type === 'Edm.DateTimeOffset' && !p.collection ? 'string | Date' : t;
  }

  private functionResult(op: OperationDef): string {
    const r = op.returnType;
    if (r && this.index.isEntity(r.type)) {
      const n = this.builderNames(r.type);
      if (r.collection) return `rt.FnColl<${this.types.of(r.type)}, ${n.item}>`;
      if (op.composable) return n.item;
    }
    if (r?.type === 'Edm.Stream') return 'rt.Stream';
    // A collection of values takes query options and pages like any collection.
    if (r?.collection) return `rt.Values<${elementType(r, this.types)}>`;
    // A complex result's stream properties are paths of their own: `/reports/getM365AppUserDetail(period='D7')/content`.
    const streams = r ? this.streamProperties(r.type) : [];
    const fn = `rt.Fn<${this.result(r)}>`;
    return streams.length === 0 ? fn : `${fn} & { ${streams.map((p) => `${propertyKey(memberName(p))}: rt.Stream`).join('; ')} }`;
  }

  private streamProperties(type: string): string[] {
    return [type, ...this.index.ancestors(type)].flatMap((t) => this.index.structured(t)?.properties ?? [])
      .filter((p) => p.type === 'Edm.Stream').map((p) => p.name);
  }

  /** What a call resolves to: entities and complex values as sent; primitives and collections inside `value`. */
  private result(r: TypeRef | undefined): string {
    if (!r) return 'void';
    if (r.type === 'Edm.Stream') return 'Response';
    const element = elementType(r, this.types);
    if (r.collection) return `rt.Page<${element.includes(' ') ? `(${element})` : element}>`;
    if (r.type.startsWith('Edm.') || this.index.schema.enumTypes[r.type]) return `{ value: ${element}${r.nullable ? ' | null' : ''} }`;
    return element;
  }
}

function iface(name: string, members: Member[], extendsList?: string[]): InterfaceDeclarationStructure {
  const properties: OptionalKind<PropertySignatureStructure>[] = [];
  const methods: OptionalKind<MethodSignatureStructure>[] = [];
  for (const m of members) {
    if ('kind' in m && m.kind === StructureKind.MethodSignature) {
      const { kind: _kind, ...method } = m;
      methods.push(method);
    } else {
      properties.push(m);
    }
  }
  return { kind: StructureKind.Interface, name, isExported: true, extends: extendsList, properties, methods };
}

function union(types: string[]): string {
  return [...new Set(types)].join(' | ');
}

function byKey<V>(a: [string, V], b: [string, V]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
