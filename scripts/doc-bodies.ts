// How many of the JSON bodies in Graph's documented writes type-check, written through the fluent client
// as a user would (no casts). Reads Microsoft's documented requests (doc-requests.ts: the API reference and
// concept pages of microsoftgraph/microsoft-graph-docs, Graph Explorer's sample queries), turns each
// documented `POST`/`PATCH`/`PUT` with a JSON body into a call (`client.me.sendMail.post({...})`), compiles
// them all in one program and counts the calls with errors.
//   node --import tsx scripts/doc-bodies.ts v1.0 <docs>/api-reference/v1.0/api [<docs>/concepts] [sample-queries.json]
// Writes .cache/doc-bodies/<version>.ts (doc-compile.ts) and prints the figure and the first error of each
// failing call (SHOW=n of them).
// The first figure counts every failing body; the second leaves out those the docs get wrong by a stated rule
// (docsMistake(): placeholder values such as "String" or "contentType": "", names and types no metadata
// declares). Each listed failure is marked `docs` or `ours`. Paths are written by the walker, doc-walker.ts.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelIndex } from '../generator/model-index.js';
import { readOverrides } from '../generator/overrides.js';
import { versionSchema } from '../generator/version-schema.js';
import { compileCalls } from './doc-compile.js';
import { batchItems, docRequests, type DocRequest } from './doc-requests.js';
import { fluent } from './doc-walker.js';

/**
 * Every documented write with a JSON body (POST, PATCH, PUT; a page that elides part of a body is left
 * out), the writes inside a documented `$batch` among them.
 */
function docWrites(requests: DocRequest[], version: string): DocRequest[] {
  return requests.flatMap((r) => (r.path === '/$batch' ? batchItems(r.body, r.where, version) : [r])).filter((r) => /^(POST|PATCH|PUT)$/.test(r.method) &&
    (r.contentType === undefined || /^application\/json/i.test(r.contentType)) && r.body !== null && typeof r.body === 'object' && !Array.isArray(r.body));
}

async function main(): Promise<void> {
  const [version = 'v1.0', ...sources] = process.argv.slice(2);
  if (sources.length === 0) throw new Error('usage: doc-bodies.ts <version> <docs>/api-reference/<version>/api [<docs>/concepts] [sample-queries.json]');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const overrides = await readOverrides(join(root, 'metadata/overrides.json'));
  const index = new ModelIndex(await versionSchema(version, root, overrides));
  const writes = docWrites(await docRequests(sources, version), version);
  const calls: string[] = [];
  const where: string[] = [];
  let unaddressed = 0;
  for (const w of writes) {
    const f = fluent(index, overrides.addressing, w.path, { anyCase: true, post: w.method === 'POST' });
    if (!f) { unaddressed++; continue; }
    const method = w.method.toLowerCase();
    where.push(`${w.method} ${w.path} (${w.where})`);
    // A stream (`…/overridesPages/{id}/$value`) is uploaded: its JSON is bytes to Graph, not a typed body.
    calls.push(f.last === 'stream' ? `${f.expr}.upload(${JSON.stringify(JSON.stringify(w.body))}, { contentType: 'application/json' })` : `${f.expr}.${method}(${JSON.stringify(w.body)})`);
  }
  const failing = await compileCalls(root, 'doc-bodies', version, calls);
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
