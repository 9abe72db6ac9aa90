// A readable, line-per-member listing of an API version. Sorted and free of descriptions, so that
// `diff` of two listings (see `npm run api:diff`) shows exactly what a metadata update changed.
import type { GraphSchema, OperationDef, TypeRef } from '../src/schema.js';

export function apiSurface(schema: GraphSchema): string {
  const lines: string[] = [];
  const ref = (r: TypeRef): string => (r.collection ? `${r.type}[]` : r.type) + (r.nullable ? '' : '!');
  for (const [name, root] of Object.entries(schema.entitySets)) lines.push(`root /${name}: ${root.type}[]`);
  for (const [name, root] of Object.entries(schema.singletons)) lines.push(`root /${name}: ${root.type}`);
  for (const e of Object.values(schema.enumTypes)) {
    lines.push(`enum ${e.name}${e.flags ? ' (flags)' : ''}: ${e.members.map((m) => m.name).join(', ')}`);
  }
  for (const t of [...Object.values(schema.complexTypes), ...Object.values(schema.entityTypes)]) {
    const kind = t.name in schema.entityTypes ? 'entity' : 'complex';
    const flags = [t.abstract && 'abstract', t.open && 'open', schema.entityTypes[t.name]?.hasStream && 'media'].filter(Boolean).join(', ');
    lines.push(`${kind} ${t.name}${t.baseType ? ` : ${t.baseType}` : ''}${flags ? ` (${flags})` : ''}`);
    for (const p of t.properties) lines.push(`${kind} ${t.name}.${p.name}: ${ref(p)}`);
    const entity = schema.entityTypes[t.name];
    if (entity) {
      for (const n of entity.navigation) lines.push(`${kind} ${t.name}.${n.name} -> ${ref(n)}${n.containsTarget ? ' (contained)' : ''}`);
    }
  }
  for (const op of schema.operations) lines.push(operationLine(op, ref));
  return `${[...new Set(lines)].sort().join('\n')}\n`;
}

function operationLine(op: OperationDef, ref: (r: TypeRef) => string): string {
  const target = op.bindingType ? ref(op.bindingType) : '/';
  const params = op.parameters.map((p) => `${p.name}${p.optional ? '?' : ''}: ${ref(p)}`).join(', ');
  return `${op.kind} ${target} ${op.name}(${params})${op.returnType ? `: ${ref(op.returnType)}` : ''}${op.composable ? ' (composable)' : ''}`;
}
