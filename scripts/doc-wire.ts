// Graph's documented example requests, written through the fluent client and sent to a loopback server
// that records them: how many go out identical to the documented request (path segments and query
// options compared after percent-decoding, query options as a set, a key in parentheses as the key
// segment; names in any case, ids and keys byte for byte: see test/helpers/recording-server.ts).
//   node --import tsx scripts/doc-wire.ts v1.0 <docs>/api-reference/v1.0/api [<docs>/concepts] [<devx-content>/sample-queries/sample-queries.json]
// (the sources are read by doc-requests.ts).
// Needs `npm run setup` (generated/ and dist/). Each request is walked through the model (scripts/doc-walker.ts
// `walk`); what the walker cannot address is counted apart, and so are the docs' own mistakes, by the rules
// written there (placeholders, `$entity`, an operation named where Graph does not bind it, …). A walked call
// must also compile against the generated types (path and method; bodies are doc-bodies.ts's), or it does
// not count as built. SHOW_UNADDRESSED=1 lists all three kinds with the reason; the differences on the wire
// are printed: each is a request the client would build differently. A documented trailing slash
// (`POST /me/notifications/`) is compared without it. A documented `$batch` is written with `batch()`,
// its items walked like any request and compared inside the body that goes out.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batch } from 'msgraph-ts/runtime';
import { ModelIndex } from '../generator/model-index.js';
import { readOverrides, type Addressing } from '../generator/overrides.js';
import { versionSchema } from '../generator/version-schema.js';
import { foldNames, normalise, startRecordingServer, type Normalised } from '../test/helpers/recording-server.js';
import { compileCalls } from './doc-compile.js';
import { batchItems, docRequests, type DocRequest } from './doc-requests.js';
import { closeColonPath, walk, type Missed, type Walked } from './doc-walker.js';

/** Splits on commas outside parentheses: `$expand=a($select=x,y),b`. */
function topLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) { out.push(list.slice(start, i)); start = i + 1; }
  }
  out.push(list.slice(start));
  return out.filter((x) => x.length > 0);
}

/** The documented query as the fluent client's options. */
function options(query: string): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const params: Record<string, string> = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    switch (name.toLowerCase()) {
      case '$select': o['select'] = topLevel(value); break;
      case '$expand': o['expand'] = topLevel(value); break;
      case '$filter': o['filter'] = value; break;
      case '$orderby': o['orderby'] = topLevel(value); break;
      case '$top': o['top'] = Number(value); break;
      case '$skip': o['skip'] = Number(value); break;
      case '$search': o['search'] = value; break;
      case '$count': o['count'] = value === 'true'; break;
      default: params[name] = value;
    }
  }
  if (Object.keys(params).length > 0) o['params'] = params;
  return o;
}

/**
 * The client call for a documented request, as a user writes it: a stream (`rt.Stream`) is downloaded and
 * uploaded (bytes, under the documented content type), anything else read and written as JSON; a body
 * that is not JSON goes as the documented text under its content type. `body` replaces the documented body.
 */
function request(f: Walked, r: DocRequest, o: string, body?: string): string {
  const type = r.contentType ?? 'application/json';
  if (r.method === 'GET') return `${f.expr}.${f.last === 'stream' ? 'download' : 'get'}(${o})`;
  if (r.method === 'DELETE') return `${f.expr}.delete(${o})`;
  if (f.last === 'stream' && r.method === 'PUT') return `${f.expr}.upload(${body ?? JSON.stringify(r.text)}, ${body ? o : `{ ...${o}, contentType: ${JSON.stringify(type)} }`})`;
  const raw = r.body === undefined || !/json/i.test(type);
  const options = raw && !body ? `{ ...${o}, headers: { 'Content-Type': ${JSON.stringify(type)} } }` : o;
  return `${f.expr}.${r.method.toLowerCase()}(${body ?? (raw ? JSON.stringify(r.text) : JSON.stringify(r.body))}, ${options})`;
}

/**
 * A documented request as the client call that makes it (`code`; `typed` is the same call for the type
 * check, path and method only: scripts/doc-bodies.ts checks bodies) and the request line that must go out
 * (`line`, with the names folded by `fold`, as the sent line is); for `$batch`, each item's too, and what
 * each item depends on (`order`, by position).
 */
interface Expressed {
  code: string;
  typed: string;
  line: Normalised;
  fold: (n: Normalised) => Normalised;
  items?: { line: Normalised; fold: (n: Normalised) => Normalised }[];
  order?: number[][];
}

function express(index: ModelIndex, addressing: Addressing, r: DocRequest, documentedPath: string, version: string, deps = ''): Expressed | Missed {
  const path = closeColonPath(documentedPath);
  // Names in any case, as Graph reads them (`/me/calendargroups`): the client writes the API's names and
  // the comparison folds the case of those segments only.
  const f = walk(index, addressing, path, { anyCase: true, post: r.method === 'POST', method: r.method });
  if ('miss' in f) return f;
  const o = JSON.stringify(options(r.query));
  // The walker's name positions are in the path's segments; the normalised target starts with `''` and the version.
  const names = f.names.map((i) => i + 2);
  const documented = normalise(r.method, `/${version}${path}${r.query ? `?${r.query}` : ''}`);
  // An operation the docs qualify with its namespace is compared by its bare name, as the client calls it.
  for (const i of f.qualified) documented.segments[i + 2] = documented.segments[i + 2]!.replace(/^[\w.]+\.(?=[^.(]+(\(|$))/, '');
  const fold = (n: Normalised): Normalised => foldNames(n, names);
  return { code: request(f, r, deps ? `{ ...${o}, dependsOn: [${deps}] }` : o), typed: request(f, r, '0 as never', '0 as never'), line: fold(documented), fold };
}

/**
 * A documented `POST /$batch` as `batch(c, (c) => { … })` (src/batch.ts): each item walked as a request of
 * its own, `dependsOn` as the promises it names. What goes out is `POST /$batch` and, in its body, each
 * item's method and URL (compared as request lines are) and what it depends on.
 */
function expressBatch(index: ModelIndex, addressing: Addressing, r: DocRequest, version: string): Expressed | Missed {
  const items = batchItems(r.body, r.where, version);
  if (items.length === 0) return { miss: 'a $batch without its requests' };
  const made: Expressed[] = [];
  for (const [n, item] of items.entries()) {
    const x = express(index, addressing, item, item.path, version, item.after.map((d) => `r${d}`).join(', '));
    if ('miss' in x) return { miss: `item ${n + 1}: ${x.miss}`, docs: x.docs === undefined ? undefined : `item ${n + 1}: ${x.docs}` };
    made.push(x);
  }
  const all = (calls: string[]): string => `batch(c, (c) => { ${calls.map((call, i) => `const r${i} = ${call};`).join(' ')} return [${calls.map((_, i) => `r${i}`).join(', ')}]; }, { retry: false })`;
  return {
    code: all(made.map((m) => m.code)), typed: all(made.map((m) => m.typed)), line: normalise('POST', `/${version}/$batch`), fold: (n) => n,
    items: made.map(({ line, fold }) => ({ line, fold })), order: items.map((i) => i.after),
  };
}

/** The items of a sent `$batch` body as request lines under the version root, and what each depends on. */
function sentItems(body: string, version: string): { lines: Normalised[]; order: number[][] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { lines: [], order: [] };
  }
  const items = batchItems(parsed, '', version);
  return { lines: items.map((i) => normalise(i.method, `/${version}${i.path}${i.query ? `?${i.query}` : ''}`)), order: items.map((i) => i.after) };
}

async function main(): Promise<void> {
  const [version = 'v1.0', ...sources] = process.argv.slice(2);
  if (sources.length === 0) throw new Error('usage: doc-wire.ts <version> <docs>/api-reference/<version>/api [<docs>/concepts] [sample-queries.json]');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const overrides = await readOverrides(join(root, 'metadata/overrides.json'));
  const index = new ModelIndex(await versionSchema(version, root, overrides));
  const { createClient } = (await import(version === 'beta' ? 'msgraph-ts/beta' : 'msgraph-ts/v1.0')) as { createClient: (o: object) => unknown };
  const server = await startRecordingServer();
  const client = createClient({ baseUrl: server.url, token: 't', retry: false });
  let unaddressed = 0;
  let mistaken = 0;
  let slashed = 0;
  const differ: string[] = [];
  const typed: string[] = [];
  const shown: string[] = [];
  const identical: number[] = [];
  const requests = await docRequests(sources, version);
  for (const r of requests) {
    // `POST /me/notifications/`: Graph serves a path with a trailing slash as the path without it, and no
    // client writes one; compared without it, and counted.
    const path = r.path.length > 1 && r.path.endsWith('/') ? r.path.slice(0, -1) : r.path;
    if (path !== r.path) slashed++;
    const x = r.path === '/$batch' ? expressBatch(index, overrides.addressing, r, version) : express(index, overrides.addressing, r, path, version);
    if ('miss' in x) {
      if (x.docs) mistaken++;
      else unaddressed++;
      if (process.env['SHOW_UNADDRESSED']) console.log(`  ${x.docs ? "docs' mistake" : 'unaddressed'}: ${r.method} ${r.path} (${r.where}): ${x.miss}`);
      continue;
    }
    typed.push(x.typed);
    shown.push(`${r.method} ${r.path} (${r.where})`);
    const from = server.requests.length;
    try {
      await (new Function('c', 'batch', `return ${x.code}`) as (c: unknown, b: typeof batch) => Promise<unknown>)(client, batch);
    } catch { /* the request was recorded or not; compared below */ }
    const sent = server.requests[from];
    const inside = sent && x.items ? sentItems(sent.body, version) : undefined;
    const got = sent && [x.fold(normalise(sent.method, sent.url)), ...(inside?.lines.map((n, i) => x.items![i]?.fold(n) ?? n) ?? []), ...(inside ? [inside.order] : [])];
    const want = [x.line, ...(x.items ?? []).map((i) => i.line), ...(x.order ? [x.order] : [])];
    if (got && JSON.stringify(got) === JSON.stringify(want)) identical.push(typed.length - 1);
    else differ.push(`${r.method} ${r.path}${r.query ? `?${r.query}` : ''} (${r.where})\n      sent ${sent ? `${sent.method} ${decodeURIComponent(sent.url)}` : 'nothing'}\n      via  ${x.code.slice(0, 200)}`);
  }
  await server.close();
  // A request counts as built only if the typed API has its path and method: the run-time builder would
  // send any name it is given, so the wire alone would count calls a user's compiler rejects.
  const failing = await compileCalls(root, 'doc-wire', version, typed);
  const same = identical.filter((i) => !failing.has(i)).length;
  const built = requests.length - unaddressed - mistaken - failing.size;
  const real = requests.length - mistaken;
  console.log(`${version}: ${requests.length} documented requests; ${mistaken} docs' own mistakes (not requests Graph serves as written); ${unaddressed} not addressed by the walker; ${failing.size} walked but not compiling against the typed API; of ${built} built, ${same} identical on the wire (${((100 * same) / built).toFixed(1)} %), ${differ.length} different; ${slashed} documented with a trailing slash, compared without it`);
  console.log(`${version}: of the ${real} real requests, ${same} identical on the wire (${((100 * same) / real).toFixed(1)} %)`);
  if (process.env['SHOW_UNADDRESSED']) for (const [i, errors] of failing) console.log(`  not typed: ${shown[i]}: ${typed[i]!.slice(0, 160)}: ${errors[0]!.slice(0, 200)}`);
  for (const d of differ.slice(0, Number(process.env['SHOW'] ?? 30))) console.log(`  ${d}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
