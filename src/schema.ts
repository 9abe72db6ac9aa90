// The resolved Graph model, as the generator writes it to `generated/<version>/schema.json`.
// The generator builds it from CSDL; the emulator reads it at run time, so both agree on one model
// without the emulator importing the generator. Every type name is fully qualified
// (`microsoft.graph.user`, never the alias `graph.user`); primitives keep their `Edm.*` names.

export interface GraphSchema {
  /** `v1.0` or `beta`. */
  version: string;
  namespaces: NamespaceDef[];
  /** Keyed by qualified name. */
  entityTypes: Record<string, EntityTypeDef>;
  complexTypes: Record<string, StructuredTypeDef>;
  enumTypes: Record<string, EnumTypeDef>;
  entitySets: Record<string, RootDef>;
  singletons: Record<string, RootDef>;
  /** Bound and unbound actions and functions, in metadata order. Overloads appear once each. */
  operations: OperationDef[];
}

export interface NamespaceDef {
  name: string;
  alias?: string;
}

/** A reference to a type: `Edm.String`, `microsoft.graph.message`, with its collection-ness. */
export interface TypeRef {
  type: string;
  collection: boolean;
  nullable: boolean;
}

export interface PropertyDef extends TypeRef {
  name: string;
  description?: string;
}

export interface NavigationDef extends TypeRef {
  name: string;
  /** Contained entities live under their parent (`/me/messages/{id}`); others are references (`$ref`). */
  containsTarget: boolean;
  description?: string;
}

export interface StructuredTypeDef {
  name: string;
  baseType?: string;
  abstract: boolean;
  open: boolean;
  /** Own structural properties only; walk `baseType` for inherited ones. */
  properties: PropertyDef[];
  /**
   * Own navigation properties of a complex type, when it has any (`userFlowApiConnectorConfiguration.postFederationSignup`:
   * bound by `@odata.bind` in a body, its reference at `…/apiConnectorConfiguration/postFederationSignup/$ref`).
   */
  navigation?: NavigationDef[];
  description?: string;
}

export interface EntityTypeDef extends StructuredTypeDef {
  /** Key property names (own or inherited; usually `['id']`). */
  key: string[];
  /** Own navigation properties only. */
  navigation: NavigationDef[];
  /** A media entity: its binary content is at `…/$value`. */
  hasStream: boolean;
}

export interface EnumTypeDef {
  name: string;
  flags: boolean;
  members: { name: string; value: number; description?: string }[];
  description?: string;
}

export interface RootDef {
  /** Qualified entity type of the set's members or of the singleton. */
  type: string;
  /** NavigationPropertyBinding: navigation path → entity set that holds the targets. */
  bindings: Record<string, string>;
}

export interface ParameterDef extends TypeRef {
  name: string;
  /** Absent from a call when not given (Core.OptionalParameter, or nullable on an action). */
  optional: boolean;
}

export interface OperationDef {
  kind: 'action' | 'function';
  name: string;
  namespace: string;
  bound: boolean;
  /** The binding parameter's type, for bound operations. */
  bindingType?: TypeRef;
  /** Parameters after the binding parameter. */
  parameters: ParameterDef[];
  returnType?: TypeRef;
  composable: boolean;
  /** For unbound operations: the ActionImport / FunctionImport name at the service root. */
  importName?: string;
  description?: string;
}
