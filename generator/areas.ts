// Area entry points: `msgraph-ts/v1.0/me`, `…/v1.0/deviceManagement`, one per entity set or singleton.
// A consumer's compiler parses every declaration an import reaches, so the full client (`…/v1.0`) costs
// what the whole model costs; an area reaches only the types its root can lead to. The directory core
// that most workloads share (what `users` reaches: mail, calendar, drive, teams, groups, …) is emitted
// once in `areas/_core.d.ts`; each area file adds its root and whatever it reaches beyond the core.
import type { RootDef } from '../src/schema.js';
import { reachableTypes, workloadSchema } from './closure.js';
import type { EmitContext, GenerateOptions } from './generate.js';
import { clientHeader, emitContext, print, typeStatements } from './generate.js';
import { MAX_DERIVED } from './emit-builders.js';
import { StructureKind } from 'ts-morph';

/** The root whose reach defines the shared core. */
const CORE_ROOT = 'users';

export function areaFiles(ctx: EmitContext, options: GenerateOptions): Record<`areas/${string}`, string> {
  const { schema, index } = ctx;
  const coreRoot = schema.entitySets[CORE_ROOT];
  const core = coreRoot ? reachableTypes(index, [coreRoot.type], MAX_DERIVED) : new Set<string>();
  const runtimeTypes = `../${options.runtimeTypes}`;
  const runtimeClient = `../${options.runtimeClient}`;
  const coreText = print([
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'rt', moduleSpecifier: runtimeTypes },
    ...typeStatements(ctx, core),
  ]);
  const coreNames = new Set([...coreText.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]!));

  const out: Record<`areas/${string}`, string> = { 'areas/_core.d.ts': coreText };
  const roots: Array<[string, RootDef, 'set' | 'singleton']> = [
    ...Object.entries(schema.entitySets).map(([n, r]): [string, RootDef, 'set'] => [n, r, 'set']),
    ...Object.entries(schema.singletons).map(([n, r]): [string, RootDef, 'singleton'] => [n, r, 'singleton']),
  ];
  for (const [name, root, kind] of roots) {
    const extra = new Set([...reachableTypes(index, [root.type], MAX_DERIVED)].filter((t) => !core.has(t)));
    const text = print([
      ...clientHeader(ctx, kind === 'set' ? { [name]: root } : {}, kind === 'singleton' ? { [name]: root } : {}, runtimeTypes, runtimeClient),
      ...typeStatements(ctx, extra),
    ]);
    const used = [...new Set([...text.matchAll(/\b[A-Z]\w*\b/g)].map((m) => m[0]))].filter((n) => coreNames.has(n)).sort();
    const importCore = used.length > 0 ? `import type { ${used.join(', ')} } from './_core.js';\n` : '';
    // The banner stays first; the core import goes right after it.
    const newline = text.indexOf('\n') + 1;
    out[`areas/${name}.d.ts`] = text.slice(0, newline) + importCore + text.slice(newline);
    out[`areas/${name}.js`] = `${text.slice(0, newline)}export { createClient } from '../index.js';\n`;
  }
  return out;
}

/**
 * Workload entry points (`msgraph-ts/v1.0/workloads/mail`): self-contained files declaring only what a
 * workload's members reach, so a mail program does not parse OneDrive's or Teams' model.
 */
export function workloadFiles(ctx: EmitContext, options: GenerateOptions): Record<`areas/${string}`, string> {
  const out: Record<`areas/${string}`, string> = {};
  for (const [name, workload] of Object.entries(options.workloads ?? {})) {
    if (name.startsWith('$')) continue;
    const schema = workloadSchema(ctx.index, workload);
    if (Object.keys(schema.entitySets).length + Object.keys(schema.singletons).length === 0) continue;
    const wctx = emitContext(schema, options, ctx.schema);
    const all = new Set([...Object.keys(schema.entityTypes), ...Object.keys(schema.complexTypes), ...Object.keys(schema.enumTypes)]);
    const text = print([
      ...clientHeader(wctx, schema.entitySets, schema.singletons, `../../${options.runtimeTypes}`, `../../${options.runtimeClient}`),
      ...typeStatements(wctx, all),
    ]);
    out[`areas/workloads/${name}.d.ts`] = text;
    out[`areas/workloads/${name}.js`] = `${text.slice(0, text.indexOf('\n') + 1)}export { createClient } from '../../index.js';\n`;
  }
  return out;
}
