// How many of the JSON bodies in Graph's documented writes type-check, written through the fluent client
// as a user would (no casts). Reads Microsoft's API reference pages (microsoftgraph/microsoft-graph-docs,
// api-reference/<version>/api/*.md), turns each documented `POST`/`PATCH`/`PUT` with a JSON body into a
// call (`client.me.sendMail.post({...})`), compiles them all in one program and counts the calls with errors.
//   node --import tsx scripts/doc-bodies.ts v1.0 <docs>/api-reference/v1.0/api
// Writes .cache/doc-bodies/<version>.ts (ignored by git) and prints the figure and the first error of each
// failing call (SHOW=n of them). The docs' request blocks open with ```http or ``` http (most do the latter).
// The figure counts every failing body, including those the docs get wrong (placeholder values such as
// "String" or "contentType": "", type names that are not Graph's): read the list before counting a failure as ours.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readPinnedMetadata } from '../generator/metadata.js';
import { ModelIndex } from '../generator/model-index.js';
import { memberName } from '../generator/naming.js';
import { applyOverrides, readOverrides, type Addressing } from '../generator/overrides.js';
import { buildSchema } from '../generator/schema-builder.js';

interface DocWrite {
  where: string;
  method: 'POST' | 'PATCH' | 'PUT';
  path: string;
  body: unknown;
}

/** Every documented write with a JSON body, from the pages' ```http blocks. */
async function docWrites(dir: string, version: string): Promise<DocWrite[]> {
  const out: DocWrite[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()) {
    const text = await readFile(join(dir, file), 'utf8');
    for (const block of text.matchAll(/```[ \t]*http\r?\n([\s\S]*?)```/gi)) {
      const lines = block[1]!.split(/\r?\n/);
      const m = new RegExp(`^(POST|PATCH|PUT) https://graph\\.microsoft\\.com/${version.replace('.', '\\.')}(/\\S*)`).exec(lines[0]!.trim());
      if (!m) continue;
      const blank = lines.findIndex((l) => l.trim() === '');
      const headers = lines.slice(1, blank < 0 ? lines.length : blank).join('\n');
      const type = /content-type:\s*(\S+)/i.exec(headers)?.[1];
      if (type && !/^application\/json/i.test(type)) continue; // not a JSON body
      const raw = blank < 0 ? '' : lines.slice(blank + 1).join('\n').trim();
      if (!raw.startsWith('{')) continue;
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        continue; // the page elides part of the body (`...`) or annotates it
      }
      out.push({ where: file, method: m[1] as DocWrite['method'], path: m[2]!, body });
    }
  }
  return out;
}

/** `name(a='x',b=2)` → `name({"a":"x","b":2})`: a function call as the fluent client writes it. */
function call(name: string, segment: string): string {
  const args = /\((.*)\)$/.exec(segment)?.[1] ?? '';
  const params: Record<string, string | number | boolean> = {};
  for (const part of args.split(/,(?=(?:[^']*'[^']*')*[^']*$)/).filter((a) => a.includes('='))) {
    const eq = part.indexOf('=');
    const value = part.slice(eq + 1).trim();
    params[part.slice(0, eq).trim()] = /^'.*'$/.test(value) ? value.slice(1, -1).replace(/''/g, "'") : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value === 'true' || value === 'false' ? value === 'true' : value;
  }
  return `.${memberName(name)}(${Object.keys(params).length ? JSON.stringify(params) : ''})`;
}

/**
 * How the walker reads a documented path. `anyCase`: names in any case, as Graph resolves them
 * (`/me/calendargroups`, `…/notebooks/GetNotebookFromWebUrl`); the fluent client writes them as the
 * metadata does, so the wire differs in case only: used for bodies, not for the wire. `post`: the request
 * is a POST, so a function named last without arguments is posted to (`…/charts/itemAt` with a body).
 */
export interface WalkOptions { anyCase?: boolean; post?: boolean }

/** The fluent expression that addresses `path`, or undefined where this walker cannot say. */
export function fluent(index: ModelIndex, addressing: Addressing, path: string, how: WalkOptions = {}): { expr: string; last: 'coll' | 'item' | 'action' | 'other' } | undefined {
  const s = index.schema;
  if (path.includes('?') || path.includes(':')) return undefined;
  // Not a request: a function argument left as a placeholder (`resizedRange(deltaRows={n}, …)`, `cell(row=<row>,…)`),
  // or an OData segment no client writes (`…/assignmentCategories/$entity`, which Graph's docs POST to by mistake).
  if (/=\s*[{<][^,)]*[}>]\s*[,)]/.test(path) || /\/\$(?!ref\b|value\b|count\b)/.test(path)) return undefined;
  // A request line the page breaks across lines (`getRoleScopeTagsByIds(ids=[` …): not all there.
  if (path.split('(').length !== path.split(')').length) return undefined;
  if (/\$(value|count)(\/|$)/.test(path)) {
    const [head, tail] = path.split(/\/(?=\$(?:value|count))/);
    const f = fluent(index, addressing, head!, { anyCase: how.anyCase });
    return f && { expr: `${f.expr}.${tail}`, last: 'other' };
  }
  const same = (a: string, b: string): boolean => a === b || (how.anyCase === true && a.toLowerCase() === b.toLowerCase());
  const find = <V>(record: Record<string, V>, name: string): [string, V] | undefined => {
    if (record[name] !== undefined) return [name, record[name]!];
    return how.anyCase ? Object.entries(record).find(([k]) => same(k, name)) : undefined;
  };
  const segments = path.split('/').filter(Boolean).map((x) => decodeURIComponent(x));
  let expr = 'c';
  type State = { kind: 'root' } | { kind: 'coll' | 'item' | 'complex'; type: string } | { kind: 'action' | 'other' };
  let state: State = { kind: 'root' };
  const js = (v: string): string => JSON.stringify(v);
  for (const [at, raw] of segments.entries()) {
    let seg = raw;
    if (state.kind === 'root') {
      const set = find(s.entitySets, seg);
      const single = find(s.singletons, seg);
      const imported = s.operations.find((o) => o.kind === 'action' && o.importName !== undefined && same(o.importName, seg));
      if (set) state = { kind: 'coll', type: set[1].type };
      else if (single) state = { kind: 'item', type: single[1].type };
      else if (imported) state = { kind: 'action' };
      else return undefined;
      seg = set?.[0] ?? single?.[0] ?? imported!.importName!;
      expr += `.${memberName(seg)}`;
      continue;
    }
    if (state.kind === 'action' || state.kind === 'other') {
      if (seg === '$ref' || seg === '$value') { expr += `.${seg}`; continue; }
      return undefined;
    }
    const type: string = (state as { type: string }).type;
    if (seg === '$ref') { expr += '.$ref'; state = { kind: 'other' }; continue; }
    if (state.kind === 'complex') {
      // Below an addressed complex property: its properties and its navigation (`…/apiConnectorConfiguration/postFederationSignup`).
      const lineage = [type, ...index.ancestors(type)].map((t) => index.structured(t));
      const p = lineage.flatMap((t) => t?.properties ?? []).find((x) => same(x.name, seg));
      const n = lineage.flatMap((t) => t?.navigation ?? []).find((x) => same(x.name, seg));
      if (p) {
        expr += `.${memberName(p.name)}`;
        state = !p.collection && index.structured(p.type) && !index.isEntity(p.type) ? { kind: 'complex', type: p.type } : { kind: 'other' };
        continue;
      }
      if (n) {
        expr += `.${memberName(n.name)}`;
        state = { kind: n.collection ? 'coll' : 'item', type: n.type };
        continue;
      }
      return undefined;
    }
    if (seg.startsWith('microsoft.graph.') && index.structured(seg)) {
      expr += `.cast(${js(seg)})`;
      state = { kind: state.kind, type: seg };
      continue;
    }
    const chain: string[] = [type, ...index.ancestors(type)];
    const derived: string[] = index.descendants(type).filter((d) => index.isEntity(d));
    const navOf = (t: string) => index.entity(t)?.navigation.find((n) => same(n.name, seg));
    const opOf = (t: string, coll: boolean) => index.boundTo(t, coll).find((o) => same(o.name, seg.replace(/\(.*$/, '')));
    // A function named last without arguments in a POST: posted to, its parameters in the body.
    const posted = (op: { kind: string; name: string }): boolean => how.post === true && op.kind === 'function' && at === segments.length - 1 && !seg.includes('(');
    if (state.kind === 'coll') {
      const op = chain.map((t: string) => opOf(t, true)).find(Boolean);
      if (op) {
        const asAction = op.kind === 'action' || posted(op);
        expr += asAction ? `.${memberName(op.name)}` : call(op.name, seg);
        state = { kind: asAction ? 'action' : 'other' };
        continue;
      }
      expr += `.byId(${js(seg)})`;
      state = { kind: 'item', type };
      continue;
    }
    const nav = chain.map(navOf).find(Boolean);
    const derivedNav = nav ? undefined : derived.map((d) => [d, navOf(d)] as const).find(([, n]) => n);
    const found = nav ?? derivedNav?.[1];
    if (found) {
      const owner = nav ? undefined : derivedNav![0];
      const direct = !owner || addressing.derivedMembers[type]?.includes(`${owner}/${found.name}`);
      expr += direct ? `.${memberName(found.name)}` : `.cast(${js(owner!)}).${memberName(found.name)}`;
      state = { kind: found.collection ? 'coll' : 'item', type: found.type };
      continue;
    }
    const op = [...chain, ...derived].map((t: string) => opOf(t, false)).find(Boolean);
    if (op) {
      if (op.kind === 'function' && !posted(op)) {
        expr += call(op.name, seg);
        const r = op.returnType;
        state = r && index.isEntity(r.type) && (r.collection || op.composable) ? { kind: r.collection ? 'coll' : 'item', type: r.type } : { kind: 'other' };
        continue;
      }
      expr += `.${memberName(op.name)}`;
      state = { kind: 'action' };
      continue;
    }
    const property = chain.flatMap((t: string) => addressing.properties[t] ?? []).find((p) => same(p, seg));
    if (property) {
      expr += `.${memberName(property)}`;
      const def = chain.flatMap((t: string) => index.structured(t)?.properties ?? []).find((p) => p.name === property);
      state = def && !def.collection && index.structured(def.type) && !index.isEntity(def.type) ? { kind: 'complex', type: def.type } : { kind: 'other' };
      continue;
    }
    return undefined;
  }
  return state.kind === 'root' ? undefined : { expr, last: state.kind === 'complex' ? 'other' : state.kind };
}

async function main(): Promise<void> {
  const [version = 'v1.0', dir] = process.argv.slice(2);
  if (!dir) throw new Error('usage: doc-bodies.ts <version> <docs>/api-reference/<version>/api');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const overrides = await readOverrides(join(root, 'metadata/overrides.json'));
  const index = new ModelIndex(applyOverrides(buildSchema(await readPinnedMetadata(version, root), version), overrides));
  const writes = await docWrites(dir, version);
  const calls: string[] = [];
  const where: string[] = [];
  let unaddressed = 0;
  for (const w of writes) {
    const f = fluent(index, overrides.addressing, w.path, { anyCase: true, post: w.method === 'POST' });
    if (!f) { unaddressed++; continue; }
    const method = w.method.toLowerCase();
    where.push(`${w.method} ${w.path} (${w.where})`);
    calls.push(`export async function t${calls.length}(): Promise<unknown> { return ${f.expr}.${method}(${JSON.stringify(w.body)}); }`);
  }
  const out = join(root, '.cache', 'doc-bodies');
  await mkdir(out, { recursive: true });
  const module = version === 'beta' ? 'msgraph-ts/beta' : 'msgraph-ts/v1.0';
  await writeFile(join(out, `${version}.ts`), [`import { createClient } from '${module}';`, `const c = createClient({ token: 't' });`, ...calls, ''].join('\n'));
  await writeFile(join(out, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noUnusedLocals: false }, include: [`${version}.ts`] }));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(out, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { maxBuffer: 256 * 1024 * 1024 }).catch((e: { stdout: string }) => e);
  const failing = new Map<number, string[]>();
  for (const m of result.stdout.matchAll(/\.ts\((\d+),\d+\): error (TS\d+: [^\n]*)/g)) {
    const call = Number(m[1]) - 3;
    failing.set(call, [...(failing.get(call) ?? []), m[2]!]);
  }
  const declared = await declaredNames(root);
  const docsOwn = [...failing].filter(([, errors]) => errors.every((e) => docsMistake(e, declared)));
  const percent = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)} %`;
  const ok = calls.length - failing.size;
  console.log(`${version}: ${writes.length} documented JSON writes; ${unaddressed} not addressed by this walker; ${ok} of ${calls.length} bodies type-check (${percent(ok, calls.length)}); ` +
    `${docsOwn.length} of the ${failing.size} failing are the docs' own mistakes by rule (see docsMistake()): ${ok} of ${calls.length - docsOwn.length} without them (${percent(ok, calls.length - docsOwn.length)})`);
  const docs = new Set(docsOwn.map(([call]) => call));
  for (const [call, errors] of [...failing].slice(0, Number(process.env['SHOW'] ?? 40))) console.log(`  ${docs.has(call) ? 'docs' : 'ours'} ${where[call]}: ${errors[0]!.slice(0, 220)}`);
}

/** Every property, navigation property and parameter name any metadata file here declares, of any type, and every type's (`type:` and its last segment). */
async function declaredNames(root: string): Promise<Set<string>> {
  const names = new Set<string>();
  const dirs = [join(root, 'metadata/cache'), process.env['GRAPH_METADATA_MIRROR'] ?? join(root, '../shared/metadata')];
  for (const dir of dirs) {
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const f of files.filter((n) => /\.(csdl\.)?xml$|\.csdl$/.test(n))) {
      const text = await readFile(join(dir, f), 'utf8');
      for (const m of text.matchAll(/<(?:Navigation)?Property Name="([^"]+)"|<Parameter Name="([^"]+)"/g)) names.add(m[1] ?? m[2]!);
      for (const m of text.matchAll(/<(?:Entity|Complex)Type Name="([^"]+)"/g)) names.add(`type:${m[1]!}`);
    }
  }
  return names;
}

/**
 * A type error that is the documented body's own mistake, told by rule, not by reading: a placeholder where a
 * value belongs (`""` or `"String"` for an enum, `"protocol-value"`, `"notRecording | recording | failed"`, `{}`
 * for a number, a `"@odata.type: …"` string), or a property name that no metadata file of any version declares on
 * any type (`"atAprovedLocation"`, or a property since removed from Graph, as stale examples still write), or an
 * `@odata.type` naming a type no metadata file declares.
 */
function docsMistake(error: string, declared: Set<string>): boolean {
  const excess = /^TS2353: .*?'"([^"]+)"' does not exist in type/.exec(error);
  if (excess) return !declared.has(excess[1]!);
  const value = /^TS(?:2322|2345|2820): (?:Argument of )?[Tt]ype '(.*?)' is not assignable to (?:parameter of )?type/.exec(error)?.[1];
  if (value === undefined) return false;
  if (value === '{}') return true;
  // The value itself, or the one string inside the object literal TypeScript names (`{ isSynced: "Boolean"; }`).
  const literals = [...value.matchAll(/"([^"]*)"(?!:)/g)].map((m) => m[1]!);
  // An `@odata.type` naming a type that no metadata file declares (`#microsoft.graph.groupPolicyUploadedCategory`).
  if (literals.length === 1 && /^#?[A-Za-z]+(\.[A-Za-z]+)+$/.test(literals[0]!) && /'@odata\.type'|ODataType</.test(error)) return !declared.has(`type:${literals[0]!.replace(/^.*\./, '')}`);
  return literals.length === 1 && literals.every((l) => l === '' || /^(String|Boolean|Int32|Int64|Double|Binary|DateTimeOffset|Guid)$/.test(l) ||
    /-value$/.test(l) || / \| /.test(l) || /^@odata\.type: /.test(l));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
