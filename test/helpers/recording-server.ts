// A real loopback HTTP server that records every request exactly as it arrived on the wire and answers
// with the smallest response that lets the client's call resolve. Tests compare what was recorded with
// what Microsoft Graph's documentation says the request is.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The request target (path and query) exactly as received: not decoded, not normalised. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The last path segment, percent-decoded when that is possible (`%24value` → `$value`). */
function lastSegment(url: string): string {
  const path = url.split('?')[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private base: string | undefined;

  /** `http://127.0.0.1:<port>`, once started. */
  get url(): string {
    if (!this.base) throw new Error('RecordingServer: call start() first.');
    return this.base;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => void this.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Forgets what was recorded so far. */
  clear(): void {
    this.requests.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(request);
    this.respond(request, res);
  }

  private respond(request: RecordedRequest, res: ServerResponse): void {
    const last = lastSegment(request.url);
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'DELETE' || (last === '$ref' && request.method !== 'GET')) {
      res.writeHead(204).end();
      return;
    }
    if (request.method === 'GET' && last === '$count') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('0');
      return;
    }
    // Media and stream content (`…/$value`, `…/content`) and usage reports (CSV) are bytes, not JSON.
    if (request.method === 'GET' && (last === '$value' || last === 'content' || /\/reports\/get\w+\(/.test(path))) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(Buffer.from([0x4d, 0x49, 0x4d, 0x45]));
      return;
    }
    // `{ "value": [] }` reads as an empty page for collections and as an (empty) entity for items.
    const body = request.method === 'GET' ? { value: [] } : {};
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }
}

/** Starts a recording server on 127.0.0.1 with an ephemeral port. */
export function startRecordingServer(): Promise<RecordingServer> {
  return new RecordingServer().start();
}

// ── Comparing a recorded request with a documented request line ────────────────────────────────────

export interface Normalised {
  method: string;
  segments: string[];
  query: [string, string][];
}

/**
 * Splits a raw request target on its real separators first (`?`, `&`, `=`, `/`), then percent-decodes
 * each piece. Cosmetic escapes (`%20` vs space, `%24` vs `$`) disappear; an id whose `/` or `?` became a
 * real separator, a missing or extra segment, or a different query option does not. Query options are
 * sorted: OData does not order them. Two spellings OData gives one address are written one way (see
 * {@link canonicalSegments}): a key in parentheses as a key segment, a function call without blanks.
 */
export function normalise(method: string, target: string): Normalised {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  return {
    method: method.toUpperCase(),
    segments: path.split('/').flatMap(canonicalSegments),
    query: query
      .split('&')
      .filter((p) => p.length > 0)
      .map((p): [string, string] => {
        const eq = p.indexOf('=');
        return eq < 0 ? [decodeURIComponent(p), ''] : [decodeURIComponent(p.slice(0, eq)), decodeURIComponent(p.slice(eq + 1))];
      })
      .sort(byNameThenValue),
  };
}

/** Query options in one order: OData does not order them. */
function byNameThenValue([a, x]: [string, string], [b, y]: [string, string]): number {
  return a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1;
}

/**
 * One raw (undecoded) path segment as the decoded segments of its canonical spelling. Only real
 * parentheses and quotes count: an id's `%28` is data, and stays inside its segment.
 * - `events('AAMk…')` → `events`, `AAMk…`: a key in parentheses and a key segment are one address in
 *   OData (Graph's docs write both; the client writes the segment). Not for a key that starts with `$`,
 *   which only the parenthesised form can carry (`/users/$x` would read as a system segment).
 * - `resizedRange(deltaRows=1, deltaColumns=2)` → `resizedRange(deltaRows=1,deltaColumns=2)`: blanks
 *   between a function's arguments are not part of any value (quoted values keep theirs).
 * - `supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'Iana')` →
 *   `supportedTimeZones(TimeZoneStandard='Iana')`: an enum member with or without its type's name.
 */
export function canonicalSegments(raw: string): string[] {
  const call = /^([^()']+)\((.*)\)$/.exec(raw);
  if (!call) return [decode(raw)];
  const [, name, args] = call as unknown as [string, string, string];
  const parts = outsideQuotes(args);
  if (!parts.some((p) => p.quoted === false && /[=,]/.test(p.text)) && args.trim() !== '') {
    const key = args.trim();
    const literal = /^'(.*)'$/.exec(key)?.[1]?.replace(/''/g, "'") ?? key;
    if (!decode(literal).startsWith('$')) return [decode(name), decode(literal)];
  }
  // An enum argument in OData 4.0's qualified form (`microsoft.graph.timeZoneStandard'Iana'`) is the
  // member in quotes (`'Iana'`, 4.01's form, as the client writes it): the type prefix before a literal goes.
  const compact = parts
    .map((p, i) => (p.quoted ? p.text : p.text.replace(/\s*([=,])\s*/g, '$1').trim().replace(parts[i + 1]?.quoted ? /=[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+$/ : /$^/, '=')))
    .join('');
  return [decode(`${name}(${compact})`)];
}

/** `a='x, y',b=2` → the quoted and unquoted runs, in order (a doubled `''` stays inside its literal). */
function outsideQuotes(text: string): { text: string; quoted: boolean }[] {
  return text.split(/('(?:[^']|'')*')/).filter((t) => t !== '').map((t) => ({ text: t, quoted: t.startsWith("'") }));
}

/** Percent-decodes where that is possible; a lone `%` (in a documented placeholder) stays as written. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `n` with the names at `positions` (indexes into `segments`) and the query options' names in lower case:
 * Graph matches entity set, navigation, property, function and type names in any case
 * (`/me/calendargroups`), and query parameters' names (`$orderBy`), never ids or keys, and never a
 * function's argument values, so only the name before a call's `(` is folded. The caller says which
 * segments are names: only it knows how it built the path.
 */
export function foldNames(n: Normalised, positions: Iterable<number>): Normalised {
  const query = n.query.map(([k, v]): [string, string] => [k.toLowerCase(), v]).sort(byNameThenValue);
  const segments = [...n.segments];
  for (const i of positions) {
    const s = segments[i];
    if (s === undefined) continue;
    const paren = s.indexOf('(');
    segments[i] = paren < 0 ? s.toLowerCase() : s.slice(0, paren).toLowerCase() + s.slice(paren);
  }
  return { ...n, segments, query };
}

/** `GET /me/messages?$top=2` → method and the target under the version root (`/v1.0/me/messages?$top=2`). */
export function parseDoc(line: string, version: string): { method: string; target: string } {
  const m = /^(GET|POST|PATCH|PUT|DELETE) (\/\S.*)$/.exec(line);
  if (!m) throw new Error(`Not a request line: ${line}`);
  return { method: m[1]!, target: `/${version}${m[2]!}` };
}

/** The raw path's segments, undecoded: an id's `/` must still be `%2F` here. */
export function rawSegments(url: string): string[] {
  return (url.split('?')[0] ?? '').split('/');
}

/** `actual` has every property of `expected` (recursively for objects; arrays and primitives exactly). */
export function assertContains(actual: unknown, expected: unknown, at: string): void {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${at} is not an object`);
    for (const [k, v] of Object.entries(expected)) assertContains((actual as Record<string, unknown>)[k], v, `${at}.${k}`);
    return;
  }
  assert.deepEqual(actual, expected, at);
}

/** One documented request and how to build it with a client of type `C`. */
export interface DocCase<C> {
  /** `METHOD /path?query` relative to the version root, as the documentation writes it. */
  doc: string;
  /** The equivalent form asserted instead of `doc` (the case's comment says why both are the same request). */
  expect?: string;
  /** Headers the request must carry (names case-insensitive). */
  headers?: Record<string, string>;
  /** JSON the request body must contain (a subset check), for actions and writes. */
  body?: Record<string, unknown>;
  /** Further checks on the raw request. */
  check?: (request: RecordedRequest) => void;
  build: (client: C) => Promise<unknown>;
}

/** Runs `build`, then asserts that exactly one request went out and that it is the documented one. */
export async function runDocCase<C>(server: RecordingServer, client: C, version: string, c: DocCase<C>): Promise<void> {
  const from = server.requests.length;
  const result = await c.build(client);
  if (result instanceof Response) await result.arrayBuffer();
  const sent = server.requests.slice(from);
  assert.equal(sent.length, 1, `expected exactly one request, got ${sent.map((r) => `${r.method} ${r.url}`).join(', ') || 'none'}`);
  const request = sent[0]!;
  const expected = parseDoc(c.expect ?? c.doc, version);
  assert.deepEqual(normalise(request.method, request.url), normalise(expected.method, expected.target), `sent ${request.method} ${request.url}`);
  assert.equal(request.headers.authorization, 'Bearer test-token');
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    assert.equal(request.headers[name.toLowerCase()], value, `header ${name}`);
  }
  if (c.body) assertContains(JSON.parse(request.body) as unknown, c.body, 'body');
  c.check?.(request);
}

/** Drains an async iterator (for `list()`/`pages()` cases). */
/**
 * One test per documented request, each built through a client of `version` made by `create` against one
 * recording server for the file; `label` names each test. Returns the server and client for a file's other tests.
 */
export function testDocCases<C>(version: string, create: (options: { baseUrl: string; token: string }) => C, cases: readonly DocCase<C>[], label = (doc: string) => doc): { readonly server: RecordingServer; readonly client: C } {
  let server: RecordingServer;
  let client: C;
  before(async () => {
    server = await startRecordingServer();
    client = create({ baseUrl: server.url, token: 'test-token' });
  });
  after(() => server.close());
  for (const c of cases) test(label(c.doc), () => runDocCase(server, client, version, c));
  return { get server() { return server; }, get client() { return client; } };
}

export async function drain(it: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of it) void _;
}
