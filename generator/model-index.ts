// Look-ups over a GraphSchema that the emitters need again and again: inheritance in both directions
// and operations by what they are bound to. Built once per generation.
import type { EntityTypeDef, GraphSchema, OperationDef, StructuredTypeDef } from '../src/schema.js';

export class ModelIndex {
  /** Direct subtypes of every entity and complex type, sorted by name. */
  private readonly children = new Map<string, string[]>();
  /** Operations bound to one entity (`type`) or to a collection of them (`type[]`). */
  private readonly bound = new Map<string, OperationDef[]>();

  constructor(readonly schema: GraphSchema) {
    for (const t of [...Object.values(schema.entityTypes), ...Object.values(schema.complexTypes)]) {
      if (!t.baseType) continue;
      const list = this.children.get(t.baseType) ?? [];
      list.push(t.name);
      this.children.set(t.baseType, list);
    }
    for (const list of this.children.values()) list.sort();
    for (const op of schema.operations) {
      if (!op.bindingType) continue;
      const key = op.bindingType.collection ? `${op.bindingType.type}[]` : op.bindingType.type;
      const list = this.bound.get(key) ?? [];
      list.push(op);
      this.bound.set(key, list);
    }
  }

  entity(name: string): EntityTypeDef | undefined {
    return this.schema.entityTypes[name];
  }

  structured(name: string): StructuredTypeDef | undefined {
    return this.schema.entityTypes[name] ?? this.schema.complexTypes[name];
  }

  isEntity(name: string): boolean {
    return name in this.schema.entityTypes;
  }

  /** Base types from the nearest up. */
  ancestors(name: string): string[] {
    const out: string[] = [];
    for (let t = this.structured(name)?.baseType; t; t = this.structured(t)?.baseType) out.push(t);
    return out;
  }

  directSubtypes(name: string): string[] {
    return this.children.get(name) ?? [];
  }

  /** Every type derived from `name`, at any depth, in a stable order. */
  descendants(name: string): string[] {
    const out: string[] = [];
    const walk = (n: string): void => {
      for (const c of this.directSubtypes(n)) {
        out.push(c);
        walk(c);
      }
    };
    walk(name);
    return out;
  }

  /** Operations bound to this exact type (not inherited). */
  boundTo(type: string, collection: boolean): OperationDef[] {
    return this.bound.get(collection ? `${type}[]` : type) ?? [];
  }

  /** A media entity (`HasStream`), itself or by inheritance: its content is at `…/$value`. */
  hasStream(name: string): boolean {
    return [name, ...this.ancestors(name)].some((t) => this.entity(t)?.hasStream);
  }
}
