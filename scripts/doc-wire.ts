// Graph's documented example requests, written through the fluent client and sent to a loopback server
// that records them: how many go out identical to the documented request (path segments and query
// options compared after percent-decoding, query options as a set; see test/helpers/recording-server.ts).
//   node --import tsx scripts/doc-wire.ts v1.0 <docs>/api-reference/v1.0/api
// Needs `npm run setup` (generated/ and dist/). Requests the walker in doc-bodies.ts cannot address are
// counted apart (SHOW_UNADDRESSED=1 lists them); the differences are printed: each is a request the client
// would build differently. A documented trailing slash (`POST /me/notifications/`) is compared without it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPinnedMetadata } from '../generator/metadata.js';
import { ModelIndex } from '../generator/model-index.js';
import { applyOverrides, readOverrides } from '../generator/overrides.js';
import { buildSchema } from '../generator/schema-builder.js';
import { normalise, startRecordingServer } from '../test/helpers/recording-server.js';
import { fluent } from './doc-bodies.js';

interface DocRequest { where: string; method: string; path: string; query: string; body: unknown }

async function docRequests(dir: string, version: string): Promise<DocRequest[]> {
  const out: DocRequest[] = [];
  const prefix = `https://graph.microsoft.com/${version}`;
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()) {
    const text = await readFile(join(dir, file), 'utf8');
    for (const block of text.matchAll(/```[ \t]*http\r?\n([\s\S]*?)```/gi)) {
      const lines = block[1]!.split(/\r?\n/);
      const m = /^(GET|POST|PATCH|PUT|DELETE) (\S+.*)$/.exec(lines[0]!.trim());
      if (!m || !m[2]!.startsWith(`${prefix}/`)) continue;
      const target = m[2]!.slice(prefix.length).trim();
      const q = target.indexOf('?');
      const blank = lines.findIndex((l) => l.trim() === '');
      let body: unknown;
      try {
        body = blank < 0 ? undefined : JSON.parse(lines.slice(blank + 1).join('\n'));
      } catch {
        body = undefined;
      }
      out.push({ where: file, method: m[1]!, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1), body });
    }
  }
  return out;
}

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

async function main(): Promise<void> {
  const [version = 'v1.0', dir] = process.argv.slice(2);
  if (!dir) throw new Error('usage: doc-wire.ts <version> <docs>/api-reference/<version>/api');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const overrides = await readOverrides(join(root, 'metadata/overrides.json'));
  const index = new ModelIndex(applyOverrides(buildSchema(await readPinnedMetadata(version, root), version), overrides));
  const { createClient } = (await import(version === 'beta' ? 'msgraph-ts/beta' : 'msgraph-ts/v1.0')) as { createClient: (o: object) => unknown };
  const server = await startRecordingServer();
  const client = createClient({ baseUrl: server.url, token: 't', retry: false });
  let unaddressed = 0;
  let same = 0;
  let slashed = 0;
  const differ: string[] = [];
  const requests = await docRequests(dir, version);
  for (const r of requests) {
    const f = fluent(index, overrides.addressing, decodeURI(r.path));
    if (!f) { unaddressed++; if (process.env['SHOW_UNADDRESSED']) console.log(`  unaddressed: ${r.method} ${r.path} (${r.where})`); continue; }
    const o = JSON.stringify(options(r.query));
    const stream = /\.\$value$|\.content$/.test(f.expr);
    const code = r.method === 'GET' ? `${f.expr}.${stream ? 'download' : 'get'}(${o})`
      : r.method === 'DELETE' ? `${f.expr}.delete(${o})`
        : `${f.expr}.${r.method.toLowerCase()}(${JSON.stringify(r.body ?? {})}, ${o})`;
    const from = server.requests.length;
    try {
      await (new Function('c', `return ${code}`) as (c: unknown) => Promise<unknown>)(client);
    } catch { /* the request was recorded or not; compared below */ }
    const sent = server.requests[from];
    // `POST /me/notifications/`: Graph serves a path with a trailing slash as the path without it, and no
    // client writes one; compared without it, and counted.
    const path = r.path.length > 1 && r.path.endsWith('/') ? r.path.slice(0, -1) : r.path;
    if (path !== r.path) slashed++;
    const want = normalise(r.method, `/${version}${path}${r.query ? `?${r.query}` : ''}`);
    const got = sent && normalise(sent.method, sent.url);
    if (got && JSON.stringify(got) === JSON.stringify(want)) same++;
    else differ.push(`${r.method} ${r.path}${r.query ? `?${r.query}` : ''} (${r.where})\n      sent ${sent ? `${sent.method} ${decodeURIComponent(sent.url)}` : 'nothing'}\n      via  ${code.slice(0, 200)}`);
  }
  await server.close();
  const built = requests.length - unaddressed;
  console.log(`${version}: ${requests.length} documented requests; ${unaddressed} not addressed by the walker; of ${built} built, ${same} identical on the wire (${((100 * same) / built).toFixed(1)} %), ${differ.length} different; ${slashed} documented with a trailing slash, compared without it`);
  for (const d of differ.slice(0, Number(process.env['SHOW'] ?? 30))) console.log(`  ${d}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
