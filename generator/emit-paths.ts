// Structural properties as path segments: `GET`/`PATCH /me/mailboxSettings`, `GET /users/{id}/identities`,
// `GET /me/mailboxSettings/automaticRepliesSetting`. The CSDL declares no path for a property, so which
// ones Graph serves is data (metadata/overrides.json `addressing.properties`); below an addressed complex
// property every property is addressable, as OData allows, and so is its navigation
// (`…/apiConnectorConfiguration/postFederationSignup/$ref`). Per complex type so reached, one interface
// `XP` (its properties and navigation as members, `rt.Prop<X>` for get/patch), shared by every path that reaches it.
import { StructureKind, type InterfaceDeclarationStructure, type OptionalKind, type PropertySignatureStructure } from 'ts-morph';
import type { NavigationDef, PropertyDef, StructuredTypeDef } from '../src/schema.js';
import { docs, elementType } from './emit-model.js';
import type { ModelIndex } from './model-index.js';
import { memberName, type TypeNames } from './naming.js';

type Property = OptionalKind<PropertySignatureStructure>;

export class PropertyPaths {
  /** Complex type → the name of its path interface. */
  private readonly names = new Map<string, string>();

  /**
   * @param properties entity type → its properties that Graph addresses as path segments
   * @param navigationType the builder type a navigation property leads to (none where this entry point has no builder)
   */
  constructor(
    private readonly index: ModelIndex,
    private readonly types: TypeNames,
    private readonly properties: Record<string, readonly string[]>,
    private readonly navigationType: (owner: string, nav: NavigationDef) => string | undefined = () => undefined,
  ) {
    const reached = new Set<string>();
    const visit = (p: PropertyDef | undefined): void => {
      if (!p || p.collection || !this.isComplex(p.type) || reached.has(p.type)) return;
      reached.add(p.type);
      this.allProperties(p.type).forEach(visit);
    };
    for (const [type, names] of Object.entries(properties)) {
      if (!index.isEntity(type)) continue; // a type this version (or this entry point) does not have
      for (const name of names) visit(this.property(type, name));
    }
    for (const t of [...reached].sort()) this.names.set(t, types.claim(`${types.of(t)}P`));
  }

  /** The members an entity type's builder gets for its addressed properties. */
  entityMembers(type: string): Property[] {
    return (this.properties[type] ?? []).flatMap((name) => {
      const p = this.property(type, name);
      const m = p && this.member(p);
      return m ? [m] : [];
    });
  }

  /** The path interface of a complex type reached through an addressed property; none for the others. */
  emit(complex: StructuredTypeDef): InterfaceDeclarationStructure[] {
    const name = this.names.get(complex.name);
    if (!name) return [];
    const properties = this.allProperties(complex.name).flatMap((p) => {
      const m = this.member(p);
      return m ? [m] : [];
    });
    for (const owner of [complex.name, ...this.index.ancestors(complex.name)]) {
      for (const nav of this.index.structured(owner)?.navigation ?? []) {
        const type = this.navigationType(owner, nav);
        if (type) properties.push({ name: memberName(nav.name), type, docs: docs(nav.description) });
      }
    }
    return [{ kind: StructureKind.Interface, name, isExported: true, extends: [`rt.Prop<${this.types.of(complex.name)}>`], properties }];
  }

  private member(p: PropertyDef): Property | undefined {
    if (p.type === 'Edm.Stream') return undefined; // a stream property is already a member (`rt.Stream`)
    const element = elementType(p, this.types);
    const type = p.collection ? `rt.Values<${element}>` : this.names.get(p.type) ?? `rt.Value<${element}>`;
    return { name: memberName(p.name), type, docs: docs(p.description) };
  }

  /** A property by name, declared on the type or inherited. */
  private property(type: string, name: string): PropertyDef | undefined {
    return this.allProperties(type).find((p) => p.name === name);
  }

  private allProperties(type: string): PropertyDef[] {
    return [type, ...this.index.ancestors(type)].flatMap((t) => this.index.structured(t)?.properties ?? []);
  }

  private isComplex(type: string): boolean {
    return !!this.index.structured(type) && !this.index.isEntity(type);
  }
}
