// `$metadata`: the CSDL (EDMX XML) of the schema the emulator runs, written from the generated model, since
// the raw metadata is not shipped. Kiota, .NET and PowerShell users fetch it; it says what this emulator
// serves (types, containment, entity sets, singletons, bound and unbound operations), nothing more:
// descriptions and capability annotations are left out (they are documentation, and would triple its size).
import type { EntityTypeDef, EnumTypeDef, GraphSchema, OperationDef, StructuredTypeDef, TypeRef } from '../../schema.js';

/** The container's name on Graph; clients show it as the service's name. */
const CONTAINER = 'GraphService';
const ROOT_NAMESPACE = 'microsoft.graph';

export function writeCsdl(schema: GraphSchema): string {
  const namespaces = schema.namespaces.map((n) => n.name);
  // Longest first, so `microsoft.graph.callRecords.callRecord` lands in callRecords, not in microsoft.graph.
  const byLength = [...namespaces].sort((a, b) => b.length - a.length);
  const namespaceOf = (qualified: string): string => byLength.find((ns) => qualified.startsWith(`${ns}.`)) ?? ROOT_NAMESPACE;
  const bodies = new Map<string, string[]>(namespaces.map((ns) => [ns, []]));
  const add = (qualified: string, xml: string): void => {
    const ns = namespaceOf(qualified);
    const list = bodies.get(ns) ?? [];
    list.push(xml);
    bodies.set(ns, list);
  };
  const local = (qualified: string): string => qualified.slice(namespaceOf(qualified).length + 1);

  for (const e of Object.values(schema.enumTypes)) add(e.name, enumType(e, local(e.name)));
  for (const c of Object.values(schema.complexTypes)) add(c.name, structured('ComplexType', c, local(c.name)));
  for (const e of Object.values(schema.entityTypes)) add(e.name, entityType(e, local(e.name)));
  for (const op of schema.operations) add(`${op.namespace}.${op.name}`, operation(op));
  (bodies.get(ROOT_NAMESPACE) ?? []).push(container(schema));

  const schemas = [...bodies].map(([ns, items]) => {
    const alias = schema.namespaces.find((n) => n.name === ns)?.alias;
    return `<Schema Namespace="${attr(ns)}"${alias ? ` Alias="${attr(alias)}"` : ''} xmlns="http://docs.oasis-open.org/odata/ns/edm">${items.join('')}</Schema>`;
  });
  return '<?xml version="1.0" encoding="utf-8"?>'
    + '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>'
    + `${schemas.join('')}</edmx:DataServices></edmx:Edmx>`;
}

function enumType(e: EnumTypeDef, name: string): string {
  const members = e.members.map((m) => `<Member Name="${attr(m.name)}" Value="${m.value}"/>`).join('');
  return `<EnumType Name="${attr(name)}"${e.flags ? ' IsFlags="true"' : ''}>${members}</EnumType>`;
}

function structured(tag: 'ComplexType' | 'EntityType', t: StructuredTypeDef, name: string, extra = '', key = '', navigation = ''): string {
  const head = `<${tag} Name="${attr(name)}"${t.baseType ? ` BaseType="${attr(t.baseType)}"` : ''}`
    + `${t.abstract ? ' Abstract="true"' : ''}${t.open ? ' OpenType="true"' : ''}${extra}>`;
  const properties = t.properties.map((p) => `<Property Name="${attr(p.name)}"${typeAttrs(p)}/>`).join('');
  return `${head}${key}${properties}${navigation}</${tag}>`;
}

function entityType(e: EntityTypeDef, name: string): string {
  // A derived type inherits its key; CSDL forbids declaring it again.
  const key = e.baseType ? '' : `<Key>${e.key.map((k) => `<PropertyRef Name="${attr(k)}"/>`).join('')}</Key>`;
  const navigation = e.navigation.map((n) =>
    `<NavigationProperty Name="${attr(n.name)}"${typeAttrs(n)}${n.containsTarget ? ' ContainsTarget="true"' : ''}/>`).join('');
  return structured('EntityType', e, name, e.hasStream ? ' HasStream="true"' : '', key, navigation);
}

function operation(op: OperationDef): string {
  const tag = op.kind === 'action' ? 'Action' : 'Function';
  const binding = op.bound && op.bindingType ? `<Parameter Name="bindingParameter"${typeAttrs(op.bindingType)}/>` : '';
  const parameters = op.parameters.map((p) => `<Parameter Name="${attr(p.name)}"${typeAttrs(p)}/>`).join('');
  const returns = op.returnType ? `<ReturnType${typeAttrs(op.returnType)}/>` : '';
  return `<${tag} Name="${attr(op.name)}"${op.bound ? ' IsBound="true"' : ''}`
    + `${op.kind === 'function' && op.composable ? ' IsComposable="true"' : ''}>${binding}${parameters}${returns}</${tag}>`;
}

function container(schema: GraphSchema): string {
  const bindings = (map: Record<string, string>): string =>
    Object.entries(map).map(([path, target]) => `<NavigationPropertyBinding Path="${attr(path)}" Target="${attr(target)}"/>`).join('');
  const sets = Object.entries(schema.entitySets)
    .map(([name, def]) => `<EntitySet Name="${attr(name)}" EntityType="${attr(def.type)}">${bindings(def.bindings)}</EntitySet>`);
  const singletons = Object.entries(schema.singletons)
    .map(([name, def]) => `<Singleton Name="${attr(name)}" Type="${attr(def.type)}">${bindings(def.bindings)}</Singleton>`);
  // One import per unbound operation name (overloads share it).
  const imports = new Map<string, string>();
  for (const op of schema.operations) {
    if (op.bound) continue;
    const name = op.importName ?? op.name;
    if (imports.has(name)) continue;
    imports.set(name, op.kind === 'action'
      ? `<ActionImport Name="${attr(name)}" Action="${attr(`${op.namespace}.${op.name}`)}"/>`
      : `<FunctionImport Name="${attr(name)}" Function="${attr(`${op.namespace}.${op.name}`)}"/>`);
  }
  return `<EntityContainer Name="${CONTAINER}">${sets.join('')}${singletons.join('')}${[...imports.values()].join('')}</EntityContainer>`;
}

function typeAttrs(t: TypeRef): string {
  const type = t.collection ? `Collection(${t.type})` : t.type;
  return ` Type="${attr(type)}"${t.nullable ? '' : ' Nullable="false"'}`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
