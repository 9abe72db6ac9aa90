// Resolves parsed CSDL into the `GraphSchema` model: qualifies every name (aliases such as `graph.` and
// `self.` become `microsoft.graph.` / `microsoft.graph.security.`), gathers descriptions from inline and
// out-of-line annotations, and separates bound from unbound operations.
import type {
  EntityTypeDef, EnumTypeDef, GraphSchema, NavigationDef, OperationDef, ParameterDef, PropertyDef, RootDef,
  StructuredTypeDef, TypeRef,
} from '../src/schema.js';
import { attr, children, parseCsdl, type CsdlElement } from './csdl.js';

const DESCRIPTION = 'Org.OData.Core.V1.Description';
const OPTIONAL_PARAMETER = 'Org.OData.Core.V1.OptionalParameter';

export function buildSchema(xml: string, version: string): GraphSchema {
  const { schemas } = parseCsdl(xml);
  const namespaces = schemas.map((s) => ({ name: required(s, 'Namespace'), alias: attr(s, 'Alias') }));
  const aliases = new Map<string, string>();
  for (const ns of namespaces) if (ns.alias) aliases.set(ns.alias, ns.name);

  /** `graph.user` → `microsoft.graph.user`; primitives and already-qualified names are unchanged. */
  const qualify = (name: string): string => {
    const dot = name.lastIndexOf('.');
    if (dot < 0) return name;
    const full = aliases.get(name.slice(0, dot));
    return full ? `${full}${name.slice(dot)}` : name;
  };
  const typeRef = (element: CsdlElement): TypeRef => {
    const raw = required(element, 'Type');
    const match = /^Collection\((.+)\)$/.exec(raw);
    return { type: qualify(match ? match[1]! : raw), collection: !!match, nullable: attr(element, 'Nullable') !== 'false' };
  };

  const descriptions = collectDescriptions(schemas, qualify);
  const describe = (target: string, element?: CsdlElement): string | undefined =>
    (element && inlineDescription(element)) ?? descriptions.get(target);

  const schema: GraphSchema = {
    version,
    namespaces: namespaces.map((n) => (n.alias ? n : { name: n.name })),
    entityTypes: {}, complexTypes: {}, enumTypes: {}, entitySets: {}, singletons: {}, operations: [],
  };

  for (const s of schemas) {
    const ns = required(s, 'Namespace');
    for (const e of children(s, 'EnumType')) {
      const name = `${ns}.${required(e, 'Name')}`;
      const def: EnumTypeDef = {
        name,
        flags: attr(e, 'IsFlags') === 'true',
        members: children(e, 'Member').map((m, i) => {
          const memberName = required(m, 'Name');
          const value = attr(m, 'Value');
          return withDescription({ name: memberName, value: value === undefined ? i : Number(value) },
            describe(`${name}/${memberName}`, m));
        }),
      };
      schema.enumTypes[name] = withDescription(def, describe(name, e));
    }
    for (const c of children(s, 'ComplexType')) {
      const def = structured(c, ns);
      const navigation = navigationOf(c, def.name);
      schema.complexTypes[def.name] = navigation.length > 0 ? { ...def, navigation } : def;
    }
    for (const e of children(s, 'EntityType')) {
      const base = structured(e, ns);
      const key = children(e, 'Key').flatMap((k) => children(k, 'PropertyRef').map((r) => required(r, 'Name')));
      const def: EntityTypeDef = { ...base, key, navigation: navigationOf(e, base.name), hasStream: attr(e, 'HasStream') === 'true' };
      schema.entityTypes[def.name] = def;
    }
    for (const kind of ['Action', 'Function'] as const) {
      for (const o of children(s, kind)) schema.operations.push(operation(o, kind, ns));
    }
  }

  // Keys are inherited: an entity type without <Key> uses its base type's key.
  const keyOf = (name: string): string[] => {
    const t = schema.entityTypes[name];
    if (!t) return [];
    return t.key.length > 0 ? t.key : t.baseType ? keyOf(t.baseType) : [];
  };
  for (const t of Object.values(schema.entityTypes)) t.key = keyOf(t.name);

  for (const s of schemas) {
    for (const container of children(s, 'EntityContainer')) {
      for (const set of children(container, 'EntitySet')) {
        schema.entitySets[required(set, 'Name')] = root(set, required(set, 'EntityType'));
      }
      for (const single of children(container, 'Singleton')) {
        schema.singletons[required(single, 'Name')] = root(single, required(single, 'Type'));
      }
      // Unbound operations are reachable only through an import; record the import's name on them.
      for (const kind of ['Action', 'Function'] as const) {
        for (const imp of children(container, `${kind}Import`)) {
          const target = qualify(required(imp, kind));
          for (const op of schema.operations) {
            if (!op.bound && op.kind === kind.toLowerCase() && `${op.namespace}.${op.name}` === target) {
              op.importName = required(imp, 'Name');
            }
          }
        }
      }
    }
  }
  return schema;

  function structured(element: CsdlElement, ns: string): StructuredTypeDef {
    const name = `${ns}.${required(element, 'Name')}`;
    const baseType = attr(element, 'BaseType');
    const def: StructuredTypeDef = {
      name,
      ...(baseType ? { baseType: qualify(baseType) } : {}),
      abstract: attr(element, 'Abstract') === 'true',
      open: attr(element, 'OpenType') === 'true',
      properties: children(element, 'Property').map((p): PropertyDef => {
        const propName = required(p, 'Name');
        return withDescription({ name: propName, ...typeRef(p) }, describe(`${name}/${propName}`, p));
      }),
    };
    return withDescription(def, describe(name, element));
  }

  function navigationOf(element: CsdlElement, owner: string): NavigationDef[] {
    return children(element, 'NavigationProperty').map((n): NavigationDef => {
      const name = required(n, 'Name');
      return withDescription({ name, ...typeRef(n), containsTarget: attr(n, 'ContainsTarget') === 'true' }, describe(`${owner}/${name}`, n));
    });
  }

  function root(element: CsdlElement, type: string): RootDef {
    const bindings: Record<string, string> = {};
    for (const b of children(element, 'NavigationPropertyBinding')) {
      bindings[required(b, 'Path')] = required(b, 'Target');
    }
    return { type: qualify(type), bindings };
  }

  function operation(element: CsdlElement, kind: 'Action' | 'Function', ns: string): OperationDef {
    const bound = attr(element, 'IsBound') === 'true';
    const params = children(element, 'Parameter');
    const binding = bound ? params[0] : undefined;
    const parameters = (bound ? params.slice(1) : params).map((p): ParameterDef => {
      const ref = typeRef(p);
      const annotated = children(p, 'Annotation').some((a) => attr(a, 'Term') === OPTIONAL_PARAMETER);
      // Action parameters travel in a JSON body where a nullable one may simply be left out; function
      // parameters sit in the URL, where only those annotated optional may be omitted.
      return { name: required(p, 'Name'), ...ref, optional: annotated || (kind === 'Action' && ref.nullable) };
    });
    const returns = children(element, 'ReturnType')[0];
    const name = required(element, 'Name');
    const op: OperationDef = {
      kind: kind === 'Action' ? 'action' : 'function',
      name,
      namespace: ns,
      bound,
      ...(binding ? { bindingType: typeRef(binding) } : {}),
      parameters,
      ...(returns ? { returnType: typeRef(returns) } : {}),
      composable: attr(element, 'IsComposable') === 'true',
    };
    // Out of line, an operation is named by its signature: `ns.name(bindingType, parameterTypes…)`.
    const signature = `${ns}.${name}(${params.map((p) => qualifyType(required(p, 'Type'), qualify)).join(',')})`;
    return withDescription(op, describe(signature, element));
  }
}

/** `Collection(graph.user)` → `Collection(microsoft.graph.user)`: a type as an annotation target's signature writes it. */
function qualifyType(type: string, qualify: (name: string) => string): string {
  const match = /^Collection\((.+)\)$/.exec(type.trim());
  return match ? `Collection(${qualify(match[1]!.trim())})` : qualify(type.trim());
}

/** Out-of-line `<Annotations Target="…">` descriptions, keyed by qualified target (`ns.type` or `ns.type/member`). */
function collectDescriptions(schemas: CsdlElement[], qualify: (name: string) => string): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of schemas) {
    for (const group of children(s, 'Annotations')) {
      const target = required(group, 'Target');
      const text = inlineDescription(group);
      if (!text) continue;
      const paren = target.indexOf('(');
      if (paren >= 0) {
        // An operation's signature: `microsoft.graph.assign(microsoft.graph.x, Collection(Edm.String))`.
        const args = target.slice(paren + 1, target.lastIndexOf(')')).split(/,(?![^(]*\))/).filter((a) => a.trim());
        map.set(`${qualify(target.slice(0, paren))}(${args.map((a) => qualifyType(a, qualify)).join(',')})`, text);
        continue;
      }
      const slash = target.indexOf('/');
      const key = slash < 0 ? qualify(target) : `${qualify(target.slice(0, slash))}${target.slice(slash)}`;
      map.set(key, text);
    }
  }
  return map;
}

function inlineDescription(element: CsdlElement): string | undefined {
  for (const a of children(element, 'Annotation')) {
    if (attr(a, 'Term') === DESCRIPTION) {
      const text = attr(a, 'String')?.trim();
      if (text) return text;
    }
  }
  return undefined;
}

function withDescription<T extends object>(def: T, description: string | undefined): T {
  return description ? { ...def, description } : def;
}

function required(element: CsdlElement, name: string): string {
  const value = attr(element, name);
  if (value === undefined) throw new Error(`CSDL element is missing its ${name} attribute: ${JSON.stringify(element).slice(0, 200)}`);
  return value;
}
