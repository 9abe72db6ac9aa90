// Graph's documented example requests, read from where Microsoft publishes them: the docs' Markdown pages
// (microsoftgraph/microsoft-graph-docs: api-reference/<version>/api and concepts/, read recursively) and
// Graph Explorer's sample queries (microsoftgraph/microsoft-graph-devx-content, sample-queries/sample-queries.json).
// Used by doc-wire.ts (the requests on the wire) and doc-bodies.ts (the JSON bodies type-checked).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** One documented request: `body` is the JSON body parsed (undefined when not JSON), `text` the body as written. */
export interface DocRequest { where: string; method: string; path: string; query: string; body: unknown; text: string; contentType?: string }

// A request block in the pages: ```http (most write ``` http or ```HTTP), ```msgraph-interactive (the
// concept pages' "try it" blocks) or ```no-highlight, whose first line is the request line.
const FENCE = /```[ \t]*(?:http|msgraph-interactive|no-highlight)?[ \t]*\r?\n((?:GET|POST|PATCH|PUT|DELETE) [\s\S]*?)```/gi;

/** The documented requests of one version in each source: a directory of Markdown pages or a Graph Explorer sample-queries file. */
export async function docRequests(sources: string[], version: string): Promise<DocRequest[]> {
  const out: DocRequest[] = [];
  for (const source of sources) {
    if ((await stat(source)).isDirectory()) {
      for (const file of await markdown(source)) out.push(...pageRequests(await readFile(file, 'utf8'), relative(source, file), version));
    } else {
      out.push(...sampleQueries(JSON.parse(await readFile(source, 'utf8')) as { SampleQueries: SampleQuery[] }, version));
    }
  }
  return out;
}

async function markdown(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) out.push(...(await markdown(join(dir, entry.name))));
    else if (entry.name.endsWith('.md')) out.push(join(dir, entry.name));
  }
  return out;
}

function pageRequests(page: string, where: string, version: string): DocRequest[] {
  const out: DocRequest[] = [];
  const prefix = `https://graph.microsoft.com/${version}/`;
  for (const block of page.matchAll(FENCE)) {
    const lines = block[1]!.split(/\r?\n/);
    // `GET https://graph.microsoft.com/v1.0/me/ HTTP/1.1`: the protocol is not part of the target.
    const m = /^(GET|POST|PATCH|PUT|DELETE) (\S+.*?)(?:\s+HTTP\/[\d.]+)?$/.exec(lines[0]!.trim());
    if (!m || !m[2]!.startsWith(prefix)) continue;
    const blank = lines.findIndex((l) => l.trim() === '');
    const headers = lines.slice(1, blank < 0 ? lines.length : blank).map((l) => /^([\w-]+):\s*(.*)$/.exec(l.trim())).filter((h) => h !== null).map((h) => ({ name: h[1]!, value: h[2]! }));
    let body = blank < 0 ? '' : lines.slice(blank + 1).join('\n').trim();
    // The concept pages often give a request's body in the ```json block right after it (`POST /$batch`).
    if (body === '' && m[1] !== 'GET' && m[1] !== 'DELETE') body = /^\s*```json[ \t]*\r?\n([\s\S]*?)```/i.exec(page.slice(block.index + block[0].length))?.[1]?.trim() ?? '';
    out.push(request(where, m[1]!, m[2]!.slice(prefix.length - 1).trim(), headers, body));
  }
  return out;
}

interface SampleQuery { method: string; requestUrl: string; humanName: string; headers?: { name: string; value: string }[]; postBody?: string }

function sampleQueries(file: { SampleQueries: SampleQuery[] }, version: string): DocRequest[] {
  const prefix = `/${version}/`;
  return file.SampleQueries.filter((q) => q.requestUrl.startsWith(prefix))
    .map((q) => request(`Graph Explorer: ${q.humanName}`, q.method.toUpperCase(), q.requestUrl.slice(prefix.length - 1).trim(), q.headers ?? [], (q.postBody ?? '').trim()));
}

function request(where: string, method: string, target: string, headers: { name: string; value: string }[], text: string): DocRequest {
  const q = target.indexOf('?');
  const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value.trim();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined; // not JSON, or the page elides part of it (`...`)
  }
  return { where, method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1), body, text, contentType };
}

/** One item of a `$batch` body (Graph Explorer's sample writes `DependsOn`). */
interface BatchItem { id: string; method: string; url: string; body?: unknown; headers?: Record<string, string>; dependsOn?: string[]; DependsOn?: string[] }

/**
 * The items of a `$batch` body (documented or sent) as requests of their own, under the version root, each
 * with the positions of the items it depends on.
 */
export function batchItems(body: unknown, where: string, version: string): (DocRequest & { after: number[] })[] {
  const items = (body as { requests?: BatchItem[] } | undefined)?.requests;
  if (!Array.isArray(items)) return [];
  const ids = items.map((i) => String(i.id));
  return items.map((i) => {
    const headers = Object.entries(i.headers ?? {}).map(([name, value]) => ({ name, value }));
    const target = String(i.url).replace(`https://graph.microsoft.com/${version}`, '');
    const text = i.body === undefined ? '' : JSON.stringify(i.body);
    return { ...request(`${where}, $batch`, String(i.method).toUpperCase(), target, headers, text), after: (i.dependsOn ?? i.DependsOn ?? []).map((d) => ids.indexOf(String(d))) };
  });
}
