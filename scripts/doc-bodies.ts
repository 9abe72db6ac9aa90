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
import { canonicalSegments } from '../test/helpers/recording-server.js';
import { buildSchema } from '../generator/schema-builder.js';
import type { OperationDef } from '../src/schema.js';

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
 * metadata does, so the wire differs in the case of those names only (`names` says which segments they
 * are). `post`: the request is a POST, so a function named last without arguments is posted to
 * (`…/charts/itemAt` with a body). `method`: the documented method, checked where OData fixes it (an
 * action is invoked by POST).
 */
export interface WalkOptions { anyCase?: boolean; post?: boolean; method?: string }

/**
 * A path the fluent client addresses. `expr` builds it from a client `c`; `last` is what it ends on;
 * `names` are the indexes, in the path's canonical segments (test/helpers/recording-server.ts
 * `canonicalSegments`), of the segments that are names (sets, navigation, properties, operations, casts,
 * `$value`…), as opposed to keys: where the wire may differ from the docs in case.
 */
export interface Walked { expr: string; last: 'coll' | 'item' | 'action' | 'stream' | 'other'; names: number[] }

/**
 * A path the walker does not address, and why. `docs` is set when the request line itself is wrong by a
 * rule below (not a request Graph serves as written), with the rule's reason; otherwise the fluent API
 * cannot say it.
 */
export interface Missed { miss: string; docs?: string }

/** The fluent expression that addresses `path`, or undefined where this walker cannot say. */
export function fluent(index: ModelIndex, addressing: Addressing, path: string, how: WalkOptions = {}): Walked | undefined {
  const w = walk(index, addressing, path, how);
  return 'miss' in w ? undefined : w;
}

/**
 * The rules by which a documented request line is the docs' mistake rather than a request: each names
 * what Graph would answer. Checked on the raw line before walking; the walk adds two of its own (an
 * operation named on an item while Graph binds it to the collection, or the other way round; a member
 * named below a collection of complex values, whose items have no address).
 */
function pathMistake(path: string): string | undefined {
  // `resizedRange(deltaRows={n}, …)`, `cell(row=<row>,…)`, `(startDateTime=<timestamp>)`: an argument left as a placeholder.
  if (/=\s*[{<][^,)]*[}>]\s*[,)]/.test(path)) return 'a function argument left as a placeholder';
  // `…/assignmentCategories/$entity`, `…/tables/$/add`: an OData segment no request has.
  if (/\/\$(?!ref\b|value\b|count\b)/.test(path)) return 'a $ segment that is not $ref, $value or $count';
  // `getRoleScopeTagsByIds(ids=[` (the page breaks the line), `…==='/extensions/…')`: not all there.
  if (path.split('(').length !== path.split(')').length || (path.match(/'/g)?.length ?? 0) % 2 !== 0) return 'a request line cut off or unbalanced';
  return undefined;
}

/**
 * A function call the docs write wrong: required parameters left out (the page gives them in a GET
 * body, which a function does not read), or an `Edm.Date` written as a quoted string (OData writes a
 * date bare, as the page's own syntax section does: `getYammerActivityUserDetail(date={date_value})`).
 */
function misCalled(index: ModelIndex, op: OperationDef, seg: string): string | undefined {
  const args = /\((.*)\)$/.exec(seg)?.[1] ?? '';
  if (args.trim() === '' && op.parameters.some((p) => !p.optional)) return `${op.name} called without its required parameters`;
  const quoted = op.parameters.find((p) => p.type === 'Edm.Date' && new RegExp(`(^|,)\\s*${p.name}\\s*=\\s*'`).test(args));
  if (quoted) return `${op.name}'s ${quoted.name} is an Edm.Date, written bare in OData, quoted here`;
  // `filterByCurrentUser(on='dce468b2-…')`, `(summarizeBy='parameterValue')`: an enum parameter given no member of its enum.
  for (const p of op.parameters) {
    const members = index.schema.enumTypes[p.type]?.members.map((m) => m.name.toLowerCase());
    const value = new RegExp(`(?:^|,)\\s*${p.name}\\s*=\\s*'([^']*)'`).exec(args)?.[1];
    if (members && value !== undefined && !value.split(',').every((v) => members.includes(v.trim().toLowerCase()))) return `${op.name}'s ${p.name} takes a member of ${p.type}, not '${value}'`;
  }
  return undefined;
}

/** Walks `path` (raw, as documented) through the model: what the fluent client writes for it, or why not. */
export function walk(index: ModelIndex, addressing: Addressing, path: string, how: WalkOptions = {}): Walked | Missed {
  const s = index.schema;
  if (path.includes('?')) return { miss: 'a query inside the path' };
  const mistake = pathMistake(path);
  if (mistake) return { miss: mistake, docs: mistake };
  const raw = path.split('/').filter(Boolean);
  // Colon paths (`root:/a/b.txt:`) are byPath(); this walker does not write them.
  if (raw.some((x) => x.endsWith(':'))) return { miss: 'a colon path' };
  const segments = raw.flatMap(canonicalSegments);
  const same = (a: string, b: string): boolean => a === b || (how.anyCase === true && a.toLowerCase() === b.toLowerCase());
  const find = <V>(record: Record<string, V>, name: string): [string, V] | undefined => {
    if (record[name] !== undefined) return [name, record[name]!];
    return how.anyCase ? Object.entries(record).find(([k]) => same(k, name)) : undefined;
  };
  let expr = 'c';
  const names: number[] = [];
  /** The entity types the path went through, for the docs' mistake of naming an operation below its entity. */
  const passed: string[] = [];
  type State = { kind: 'root' } | { kind: 'coll' | 'item' | 'complex'; type: string } | { kind: 'action' | 'stream' | 'other' };
  let state: State = { kind: 'root' };
  const js = (v: string): string => JSON.stringify(v);
  const named = (at: number, member: string): void => { names.push(at); expr += member; };
  for (const [at, seg] of segments.entries()) {
    if (state.kind === 'root') {
      const set = find(s.entitySets, seg);
      const single = find(s.singletons, seg);
      const imported = s.operations.find((o) => o.kind === 'action' && o.importName !== undefined && same(o.importName, seg));
      if (set) state = { kind: 'coll', type: set[1].type };
      else if (single) state = { kind: 'item', type: single[1].type };
      else if (imported) state = { kind: 'action' };
      else return { miss: `no entity set, singleton or action import ${seg}` };
      named(at, `.${memberName(set?.[0] ?? single?.[0] ?? imported!.importName!)}`);
      continue;
    }
    if (seg === '$value' && state.kind !== 'coll') { named(at, '.$value'); state = { kind: 'stream' }; continue; }
    if (seg === '$count' && state.kind === 'coll') { named(at, '.$count'); state = { kind: 'other' }; continue; }
    if (seg === '$ref') { named(at, '.$ref'); state = { kind: 'other' }; continue; }
    if (state.kind === 'action' || state.kind === 'stream' || state.kind === 'other') return { miss: `nothing addressed below it: ${seg}` };
    const type: string = (state as { type: string }).type;
    if (state.kind === 'item') passed.push(type);
    if (state.kind === 'complex') {
      // Below an addressed complex property: its properties and its navigation (`…/apiConnectorConfiguration/postFederationSignup`).
      const lineage = [type, ...index.ancestors(type)].map((t) => index.structured(t));
      const p = lineage.flatMap((t) => t?.properties ?? []).find((x) => same(x.name, seg));
      const n = lineage.flatMap((t) => t?.navigation ?? []).find((x) => same(x.name, seg));
      if (p) {
        named(at, `.${memberName(p.name)}`);
        if (p.collection && index.structured(p.type) && at < segments.length - 1) {
          const why = `${p.name} is a collection of complex values: its items have no address`;
          return { miss: why, docs: why };
        }
        state = !p.collection && index.structured(p.type) && !index.isEntity(p.type) ? { kind: 'complex', type: p.type } : { kind: 'other' };
        continue;
      }
      if (n) {
        named(at, `.${memberName(n.name)}`);
        state = { kind: n.collection ? 'coll' : 'item', type: n.type };
        continue;
      }
      return { miss: `${type} has no ${seg}` };
    }
    if (seg.startsWith('microsoft.graph.') && index.structured(seg)) {
      named(at, `.cast(${js(seg)})`);
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
        const wrong = asAction ? undefined : misCalled(index, op, seg);
        if (wrong) return { miss: wrong, docs: wrong };
        named(at, asAction ? `.${memberName(op.name)}` : call(op.name, seg));
        state = { kind: asAction ? 'action' : 'other' };
        const r = op.returnType;
        if (!asAction && r && index.isEntity(r.type) && (r.collection || op.composable)) state = { kind: r.collection ? 'coll' : 'item', type: r.type };
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
      named(at, direct ? `.${memberName(found.name)}` : `.cast(${js(owner!)}).${memberName(found.name)}`);
      state = { kind: found.collection ? 'coll' : 'item', type: found.type };
      continue;
    }
    const op = [...chain, ...derived].map((t: string) => opOf(t, false)).find(Boolean);
    if (op) {
      if (op.kind === 'function' && !posted(op)) {
        const wrong = misCalled(index, op, seg);
        if (wrong) return { miss: wrong, docs: wrong };
        named(at, call(op.name, seg));
        const r = op.returnType;
        state = r && index.isEntity(r.type) && (r.collection || op.composable) ? { kind: r.collection ? 'coll' : 'item', type: r.type } : { kind: r?.type === 'Edm.Stream' ? 'stream' : 'other' };
        continue;
      }
      named(at, `.${memberName(op.name)}`);
      state = { kind: 'action' };
      continue;
    }
    const stream = chain.flatMap((t: string) => index.structured(t)?.properties ?? []).find((p) => p.type === 'Edm.Stream' && same(p.name, seg));
    if (stream) {
      named(at, `.${memberName(stream.name)}`);
      state = { kind: 'stream' };
      continue;
    }
    const property = chain.flatMap((t: string) => addressing.properties[t] ?? []).find((p) => same(p, seg));
    if (property) {
      named(at, `.${memberName(property)}`);
      const def = chain.flatMap((t: string) => index.structured(t)?.properties ?? []).find((p) => p.name === property);
      if (def?.collection && index.structured(def.type) && at < segments.length - 1) {
        const why = `${def.name} is a collection of complex values: its items have no address`;
        return { miss: why, docs: why };
      }
      state = def && !def.collection && index.structured(def.type) && !index.isEntity(def.type) ? { kind: 'complex', type: def.type } : { kind: 'other' };
      continue;
    }
    const elsewhere = chain.map((t: string) => opOf(t, true)).find(Boolean);
    if (elsewhere) {
      const why = `${elsewhere.name} is bound to a collection of ${type}, named here on one item`;
      return { miss: why, docs: why };
    }
    // `…/workbook/worksheets({id})/createSession`: an operation of an entity further up the path, named below it.
    const above = passed.find((t) => [t, ...index.ancestors(t)].some((u) => opOf(u, false)));
    if (above) {
      const why = `${seg} is bound to ${above}, further up the path, not to ${type}`;
      return { miss: why, docs: why };
    }
    return { miss: `${type} has no ${seg}` };
  }
  if (state.kind === 'root') return { miss: 'an empty path' };
  // `PATCH …/onPremisesConnections/{id}/UpdateAdDomainPassword`: OData invokes an action by POST only.
  if (state.kind === 'action' && how.method !== undefined && how.method !== 'POST') {
    const why = `an action invoked by ${how.method}; OData invokes actions by POST`;
    return { miss: why, docs: why };
  }
  return { expr, last: state.kind === 'complex' ? 'other' : state.kind, names };
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
  // (A qualified name with its `#`, or in Graph's namespace, is a type name whatever TypeScript prints of the target.)
  if (literals.length === 1 && /^(#[A-Za-z]+(\.[A-Za-z]+)+|microsoft\.graph(\.[A-Za-z]+)+)$/.test(literals[0]!)) return !declared.has(`type:${literals[0]!.replace(/^.*\./, '')}`);
  return literals.length === 1 && literals.every((l) => l === '' || /^(String|Boolean|Int32|Int64|Double|Binary|DateTimeOffset|Guid)$/.test(l) ||
    /-value$/.test(l) || / \| /.test(l) || /^@odata\.type: /.test(l));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
