// Area entry points: `msgraph-ts/v1.0/me`, `…/v1.0/deviceManagement`, one per entity set or singleton.
// A consumer's compiler parses every declaration an import reaches, so the full client (`…/v1.0`) costs
// what the whole model costs; an area reaches only the types its root can lead to. The directory core
// that most workloads share (what `users` reaches: mail, calendar, drive, teams, groups, …) is emitted
// once in `areas/_core.d.ts`; each area file adds its root and whatever it reaches beyond the core.
// Casts within an area reach small hierarchies only (attachment → fileAttachment); casting a
// directoryObject to a servicePrincipal needs the full client (`…/v1.0`).
import { SMALL_HIERARCHY, subSchema, typeNamesOf, workloadSchema } from './closure.js';
import type { EmitContext, GenerateOptions } from './generate.js';
import { clientHeader, emitContext, entryModule, print, typeStatements } from './generate.js';
import { StructureKind } from 'ts-morph';

/** The root whose reach defines the shared core. */
const CORE_ROOT = 'users';

export function areaFiles(ctx: EmitContext, options: GenerateOptions): Record<`areas/${string}`, string> {
  const { schema, index } = ctx;
  const runtimeTypes = `../${options.runtimeTypes}`;
  const runtimeClient = `../${options.runtimeClient}`;
  // Each part is emitted from its own narrowed schema, so casts offer only types that part declares.
  const part = (root: string): { ctx: EmitContext; types: Set<string> } => {
    const sub = subSchema(index, [root], SMALL_HIERARCHY);
    return { ctx: emitContext(sub, options, schema), types: typeNamesOf(sub) };
  };
  const core = schema.entitySets[CORE_ROOT] ? part(CORE_ROOT) : undefined;
  const coreTypes = core?.types ?? new Set<string>();
  const coreText = print([
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'rt', moduleSpecifier: runtimeTypes },
    ...(core ? typeStatements(core.ctx, core.types) : []),
  ]);
  const coreNames = new Set([...coreText.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]!));

  const out: Record<`areas/${string}`, string> = { 'areas/_core.d.ts': coreText };
  for (const name of [...Object.keys(schema.entitySets), ...Object.keys(schema.singletons)]) {
    const area = part(name);
    const extra = new Set([...area.types].filter((t) => !coreTypes.has(t)));
    const text = print([
      ...clientHeader(area.ctx, area.ctx.schema.entitySets, area.ctx.schema.singletons, runtimeTypes, runtimeClient),
      ...typeStatements(area.ctx, extra),
    ]);
    const used = [...new Set([...text.matchAll(/\b[A-Z]\w*\b/g)].map((m) => m[0]))].filter((n) => coreNames.has(n)).sort();
    const importCore = used.length > 0 ? `import type { ${used.join(', ')} } from './_core.js';\n` : '';
    // The banner stays first; the core import goes right after it.
    const newline = text.indexOf('\n') + 1;
    out[`areas/${name}.d.ts`] = text.slice(0, newline) + importCore + text.slice(newline);
    // Its own module rather than a re-export of the version's: it lists only the bare parameters of the
    // functions this area reaches, which keeps a consumer's bundle small.
    out[`areas/${name}.js`] = entryModule(area.ctx.schema, runtimeClient);
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
    const schema = workloadSchema(ctx.index, workload);
    if (Object.keys(schema.entitySets).length + Object.keys(schema.singletons).length === 0) continue;
    const wctx = emitContext(schema, options, ctx.schema);
    out[`areas/workloads/${name}.d.ts`] = print([
      ...clientHeader(wctx, schema.entitySets, schema.singletons, `../../${options.runtimeTypes}`, `../../${options.runtimeClient}`),
      ...typeStatements(wctx, typeNamesOf(schema)),
    ]);
    out[`areas/workloads/${name}.js`] = entryModule(schema, `../../${options.runtimeClient}`);
  }
  return out;
}
