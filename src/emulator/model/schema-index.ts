// Fast, case-insensitive lookups over one `GraphSchema`. The schema is plain data written by the generator;
// everything the emulator asks of it (inherited members, derived types, operations by bare name, roots by
// any casing) is answered here once and cached, so request handling never walks the whole model.
import type {
  EntityTypeDef, EnumTypeDef, GraphSchema, NavigationDef, OperationDef, PropertyDef, RootDef, StructuredTypeDef,
} from '../../schema.js';

export interface RootMatch {
  kind: 'entitySet' | 'singleton';
  name: string;
  def: RootDef;
}

export class SchemaIndex {
  readonly schema: GraphSchema;
  readonly version: string;
  private readonly aliases = new Map<string, string>();
  private readonly roots = new Map<string, RootMatch>();
  private readonly typesLower = new Map<string, string>();
  private readonly children = new Map<string, string[]>();
  private readonly operationsByName = new Map<string, OperationDef[]>();
  private readonly importsByName = new Map<string, OperationDef[]>();
  private readonly propertyCache = new Map<string, Map<string, PropertyDef>>();
  private readonly navigationCache = new Map<string, Map<string, NavigationDef>>();
  private readonly ancestorCache = new Map<string, string[]>();

  constructor(schema: GraphSchema) {
    this.schema = schema;
    this.version = schema.version;
    for (const ns of schema.namespaces) if (ns.alias) this.aliases.set(ns.alias.toLowerCase(), ns.name);
    for (const [name, def] of Object.entries(schema.entitySets)) {
      this.roots.set(name.toLowerCase(), { kind: 'entitySet', name, def });
    }
    for (const [name, def] of Object.entries(schema.singletons)) {
      this.roots.set(name.toLowerCase(), { kind: 'singleton', name, def });
    }
    for (const t of [...Object.values(schema.entityTypes), ...Object.values(schema.complexTypes)]) {
      this.typesLower.set(t.name.toLowerCase(), t.name);
      if (t.baseType) {
        const list = this.children.get(t.baseType) ?? [];
        list.push(t.name);
        this.children.set(t.baseType, list);
      }
    }
    for (const e of Object.values(schema.enumTypes)) this.typesLower.set(e.name.toLowerCase(), e.name);
    for (const op of schema.operations) {
      const byName = op.bound ? this.operationsByName : this.importsByName;
      const key = (op.bound ? op.name : (op.importName ?? op.name)).toLowerCase();
      const list = byName.get(key) ?? [];
      list.push(op);
      byName.set(key, list);
    }
  }

  /** `graph.user`, `Microsoft.Graph.User` → `microsoft.graph.user`; undefined when no such type exists. */
  resolveTypeName(name: string): string | undefined {
    const lower = name.toLowerCase();
    const direct = this.typesLower.get(lower);
    if (direct) return direct;
    const dot = lower.lastIndexOf('.');
    if (dot < 0) return undefined;
    const full = this.aliases.get(lower.slice(0, dot));
    return full ? this.typesLower.get(`${full.toLowerCase()}${lower.slice(dot)}`) : undefined;
  }

  /**
   * The types whose name's last segment is `last` in any case (`fileAttachment`): a body's `@odata.type` in a
   * workload's own namespace (`#Microsoft.OutlookServices.FileAttachment`) or in none names them.
   */
  typesEndingIn(last: string): string[] {
    const suffix = `.${last.toLowerCase()}`;
    return [...this.typesLower].filter(([lower]) => lower.endsWith(suffix)).map(([, name]) => name);
  }

  /** Splits a possibly qualified operation name (`microsoft.graph.delta`, `graph.delta`) into its bare name. */
  bareOperationName(segment: string): { name: string; namespace?: string } {
    const dot = segment.lastIndexOf('.');
    if (dot < 0) return { name: segment };
    const ns = segment.slice(0, dot);
    return { name: segment.slice(dot + 1), namespace: this.aliases.get(ns.toLowerCase()) ?? ns };
  }

  root(name: string): RootMatch | undefined {
    return this.roots.get(name.toLowerCase());
  }

  entityType(name: string): EntityTypeDef | undefined {
    return this.schema.entityTypes[name];
  }

  complexType(name: string): StructuredTypeDef | undefined {
    return this.schema.complexTypes[name];
  }

  structuredType(name: string): StructuredTypeDef | undefined {
    return this.schema.entityTypes[name] ?? this.schema.complexTypes[name];
  }

  enumType(name: string): EnumTypeDef | undefined {
    return this.schema.enumTypes[name];
  }

  /** The type itself first, then its base types up to the root of the hierarchy. */
  ancestors(name: string): string[] {
    const cached = this.ancestorCache.get(name);
    if (cached) return cached;
    const chain: string[] = [];
    let current: string | undefined = name;
    while (current && !chain.includes(current)) {
      chain.push(current);
      current = this.structuredType(current)?.baseType;
    }
    this.ancestorCache.set(name, chain);
    return chain;
  }

  isA(type: string, base: string): boolean {
    return type === base || this.ancestors(type).includes(base);
  }

  /** Every type deriving from `name`, `name` included. */
  descendants(name: string): string[] {
    const out: string[] = [];
    const walk = (n: string): void => {
      out.push(n);
      for (const c of this.children.get(n) ?? []) walk(c);
    };
    walk(name);
    return out;
  }

  /** Structural properties, inherited ones included, keyed by exact name (JSON names are case-sensitive). */
  properties(type: string): Map<string, PropertyDef> {
    let map = this.propertyCache.get(type);
    if (!map) {
      map = new Map();
      for (const t of [...this.ancestors(type)].reverse()) {
        for (const p of this.structuredType(t)?.properties ?? []) map.set(p.name, p);
      }
      this.propertyCache.set(type, map);
    }
    return map;
  }

  navigations(type: string): Map<string, NavigationDef> {
    let map = this.navigationCache.get(type);
    if (!map) {
      map = new Map();
      for (const t of [...this.ancestors(type)].reverse()) {
        for (const n of this.entityType(t)?.navigation ?? []) map.set(n.name, n);
      }
      this.navigationCache.set(type, map);
    }
    return map;
  }

  /**
   * A property of the type or, failing that, of a type derived from it: a collection of directory objects
   * may be filtered or sorted on `displayName`, which only its users and groups have.
   */
  propertyInFamily(type: string, name: string): PropertyDef | undefined {
    const own = this.properties(type).get(name);
    if (own) return own;
    for (const t of this.descendants(type)) {
      const p = this.properties(t).get(name);
      if (p) return p;
    }
    return undefined;
  }

  /** URL segments are case-insensitive on the service; JSON names are not. */
  propertyCI(type: string, name: string): PropertyDef | undefined {
    return this.properties(type).get(name) ?? findCI(this.properties(type), name);
  }

  navigationCI(type: string, name: string): NavigationDef | undefined {
    return this.navigations(type).get(name) ?? findCI(this.navigations(type), name);
  }

  /** The type that declares navigation `nav` on `type` (or one of its bases): views are registered by it. */
  declaringTypeOfNavigation(type: string, nav: string): string | undefined {
    return this.ancestors(type).find((t) => this.entityType(t)?.navigation.some((n) => n.name === nav));
  }

  keyOf(type: string): string[] {
    return this.entityType(type)?.key ?? ['id'];
  }

  hasStream(type: string): boolean {
    return this.ancestors(type).some((t) => this.entityType(t)?.hasStream === true);
  }

  /**
   * Bound operations named `name` whose binding parameter accepts `type` (collection-ness must match).
   * The closest binding type wins, as OData overload resolution prefers the most derived binding.
   */
  boundOperations(name: string, type: string, collection: boolean, namespace?: string): OperationDef[] {
    const candidates = (this.operationsByName.get(name.toLowerCase()) ?? []).filter((op) =>
      op.bindingType !== undefined && op.bindingType.collection === collection &&
      this.isA(type, op.bindingType.type) &&
      (namespace === undefined || op.namespace.toLowerCase() === namespace.toLowerCase()));
    const chain = this.ancestors(type);
    const distance = (op: OperationDef): number => chain.indexOf(op.bindingType?.type ?? '');
    return candidates.sort((a, b) => distance(a) - distance(b));
  }

  unboundOperations(importName: string): OperationDef[] {
    return this.importsByName.get(importName.toLowerCase()) ?? [];
  }

  /** Entity sets whose type is `type` or one of its proper ancestors (but not the root `entity`). */
  setsHolding(type: string): string[] {
    const out: string[] = [];
    for (const [name, def] of Object.entries(this.schema.entitySets)) {
      if (def.type !== 'microsoft.graph.entity' && this.isA(type, def.type)) out.push(name);
    }
    return out;
  }
}

function findCI<T>(map: Map<string, T>, name: string): T | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of map) if (k.toLowerCase() === lower) return v;
  return undefined;
}
