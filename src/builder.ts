// The one run-time builder behind every generated builder type. A builder is a URL (a list of path
// segments) plus the client it belongs to; property access appends a segment, a call turns the last
// segment into a function call, and a handful of member names (`get`, `post`, `byId`, …) act. No table
// of entity types exists at run time: the generated declarations say which names are valid, so the
// bundle stays the size of this file however large Graph is.
import { LinkError } from './errors.js';
import type { RetryPolicy } from './retry.js';
import type { SendOptions } from './transport.js';
import type { SendFn } from './timeout.js';
import type { RequestOptions } from './types.js';
import { resourceSegments } from './resource.js';
import { colonPath, describeValue, encodePathPart, functionCall, keySegment, queryString, quote, type QueryOptions } from './url.js';

/** What builders send through: the client's transport, or a batch that queues requests. */
export interface Sender {
  send(method: string, url: string, options: SendOptions): Promise<unknown>;
  close(): Promise<void>;
  readonly policy: RetryPolicy;
  /** Holds the client's requests for `ms` (a Retry-After seen elsewhere, e.g. inside a batch). */
  pause?(ms: number): void;
  /** Sends a request as it is, the way the client connects: no token, no retries (uploads to storage URLs). */
  readonly connect?: SendFn;
}

/** Where a client root keeps its context, for `batch()` (a symbol: never a Graph name). */
export const CONTEXT: unique symbol = Symbol();

/** What any builder sends through, for uploads to pre-authenticated URLs (a registered symbol: never a Graph name, and the same in two copies of this module). */
export const SENDER: unique symbol = Symbol.for('msgraph-ts');

export interface BuilderContext {
  transport: Sender;
  /** `https://graph.microsoft.com/v1.0`, without a trailing slash. */
  baseUrl: string;
  /** Function parameters written as bare literals: names, or `function/parameter` pairs (see generator: bareParameters). */
  bareParameters: ReadonlySet<string>;
  /** What `resource()` addresses without an argument. */
  defaultResource: string;
}

interface Query extends QueryOptions, RequestOptions {
  pageSize?: number;
  from?: string;
}

interface Node {
  ctx: BuilderContext;
  segments: readonly string[];
  /** What each member name gave, made on first access: `client.me.messages.get` allocates nothing the second time. */
  members?: Record<string, unknown>;
  /** The URL without a query, made on first use: a builder sends to the same path again and again. */
  url?: string;
}

// A function object as the proxy target, so a builder can be called (`delta()`, `list()`).
type Target = (() => void) & { node: Node };

const handler: ProxyHandler<Target> = {
  get(target, prop) {
    const node = target.node;
    if (prop === CONTEXT && node.segments.length === 0) return node.ctx;
    if (prop === SENDER) return node.ctx.transport;
    if (typeof prop !== 'string' || prop === 'then') return undefined; // never a thenable
    return (node.members ??= Object.create(null) as Record<string, unknown>)[prop] ??= member(node, prop);
  },
  apply(target, _this, args: unknown[]) {
    const { ctx, segments } = target.node;
    const last = segments.at(-1)!;
    const parent = { ctx, segments: segments.slice(0, -1) };
    // `list` and `pages` iterate their parent collection when called, and are navigation when not (`site.pages`).
    if (last === 'list') return items(parent, args[0] as Query);
    if (last === 'pages') return pages(parent, args[0] as Query);
    const call = functionCall(last, args[0] as Record<string, unknown> | undefined, ctx.bareParameters);
    return builder(ctx, [...parent.segments, call]);
  },
};

/** An action bound to `node`, or the builder of the path one segment further. */
function member(node: Node, prop: string): unknown {
  const act = ACTIONS[prop] ?? (node.segments.length === 0 ? ROOT[prop] : undefined);
  if (act) return act(node);
  // A trailing `_` marks a Graph name that collides with one of ours (`delete_`); the URL uses the Graph name.
  return builder(node.ctx, [...node.segments, prop.endsWith('_') ? prop.slice(0, -1) : prop]);
}

export function builder(ctx: BuilderContext, segments: readonly string[]): unknown {
  const target = (() => undefined) as unknown as Target;
  target.node = { ctx, segments };
  return new Proxy(target, handler);
}

/** A key segment; the parenthesised form (`users('$x@y.com')`, `applications(appId='…')`) joins the collection's segment. */
function withKey(node: Node, key: string): unknown {
  if (!key.startsWith('(')) return builder(node.ctx, [...node.segments, key]);
  const last = node.segments.at(-1)!;
  return builder(node.ctx, [...node.segments.slice(0, -1), last + key]);
}

function urlOf(node: Node, query?: QueryOptions): string {
  const url = node.url ??= `${node.ctx.baseUrl}/${node.segments.join('/')}`;
  return query ? url + queryString(query) : url;
}

function send(node: Node, method: string, url: string, options: SendOptions): Promise<unknown> {
  return node.ctx.transport.send(method, url, options);
}

/** A write (`post`, `patch`, `put`): the transport sends the body as JSON, or as given under its own content type. */
function write(method: string): (node: Node) => unknown {
  return (node) => (body: unknown, o: Query = {}) => send(node, method, urlOf(node, o), { ...o, body });
}

/** Member names that act. No prototype (`__proto__: null`, which TypeScript types as a member, hence `| null`):
 *  `constructor`, `toString`, `valueOf`, … are path segments like any other name, never Object.prototype's
 *  functions called with a builder's internals. */
type Acts = Record<string, ((node: Node) => unknown) | null>;

const ACTIONS: Acts = {
  __proto__: null,
  get: (node) => (q: Query = {}) => {
    const isCount = node.segments.at(-1) === '$count';
    const headers = isCount ? { ConsistencyLevel: 'eventual', ...q.headers } : q.headers;
    const result = send(node, 'GET', urlOf(node, q), headers === q.headers ? q : { ...q, headers });
    return isCount ? result.then(Number) : result;
  },
  post: write('POST'),
  patch: write('PATCH'),
  put: write('PUT'),
  delete: (node) => (o: Query = {}) => send(node, 'DELETE', urlOf(node, o), o),
  download: (node) => (o: Query = {}) => send(node, 'GET', urlOf(node, o), { ...o, raw: true }),
  upload: (node) => (body: unknown, o: Query & { contentType?: string } = {}) =>
    send(node, 'PUT', urlOf(node, o), { ...o, body, rawBody: true, headers: { 'Content-Type': o.contentType ?? 'application/octet-stream', ...o.headers } }),
  byId: (node) => (id: string | number) => withKey(node, keySegment(id)),
  byKey: (node) => (keys: Record<string, string | number>) => {
    const entries = Object.entries(keys ?? {});
    const bad = entries.find(([, v]) => typeof v !== 'string' && !Number.isFinite(v));
    if (entries.length === 0 || bad) throw new TypeError(`byKey() needs string or finite number keys, e.g. { appId: "…" }${bad ? `; ${bad[0]} is ${describeValue(bad[1])}` : ''}.`);
    const parts = entries.map(([k, v]) => `${encodePathPart(k)}=${typeof v === 'number' ? v : encodePathPart(quote(v as string))}`);
    return withKey(node, `(${parts.join(',')})`);
  },
  cast: (node) => (type: string) => {
    if (!/^[A-Za-z_][\w.]*\.[A-Za-z_]\w*$/.test(type)) throw new TypeError(`cast() needs a type name like 'microsoft.graph.user', got ${JSON.stringify(type)}.`);
    return builder(node.ctx, [...node.segments, type]);
  },
  byPath: (node) => (path: string) => {
    const last = node.segments.at(-1)!;
    return builder(node.ctx, [...node.segments.slice(0, -1), colonPath(last, path)]);
  },
};

/** Members of the client itself (no entity set or singleton has these names). */
const ROOT: Acts = {
  __proto__: null,
  resource: (node) => (resource?: string) => builder(node.ctx, resourceSegments(resource ?? node.ctx.defaultResource)),
  close: (node) => () => node.ctx.transport.close(),
};

/** Every page, following `@odata.nextLink` exactly as Graph sent it; stops once `top` items were seen. */
async function* pages(node: Node, q: Query = {}): AsyncGenerator<{ value: unknown[]; '@odata.nextLink'?: string }> {
  const { pageSize, top } = q;
  // Graph's server-side page size: `Prefer: odata.maxpagesize` (Outlook, OneDrive); `top` stays `$top`.
  const headers = pageSize === undefined ? q.headers : { Prefer: `odata.maxpagesize=${pageSize}`, ...q.headers };
  // Every link followed (a link that comes back would be followed for ever); a saved `from` is one too.
  const followed = new Set<string>();
  let url: string | undefined = q.from === undefined ? urlOf(node, q) : followable(node, q.from, undefined, followed);
  let seen = 0;
  followed.add(url);
  while (url) {
    const page = (await send(node, 'GET', url, headers === q.headers ? q : { ...q, headers })) as { value: unknown[]; '@odata.nextLink'?: string };
    seen += page.value.length;
    yield page;
    const next = page['@odata.nextLink'];
    url = next === undefined || (top !== undefined && seen >= top) ? undefined : followable(node, next, url, followed);
  }
}

/**
 * A link to follow with this client's token: a page's `@odata.nextLink` (relative ones resolved against
 * the page's URL, `base`), or a saved nextLink/deltaLink given as `from` (absolute). It must point at this
 * client's service, and must not have been followed already.
 */
function followable(node: Node, link: string, base: string | undefined, followed: Set<string>): string {
  let url: string;
  try {
    url = new URL(link, base).href;
  } catch {
    throw new LinkError('GET', String(link).slice(0, 200), 'is not an absolute @odata.nextLink or deltaLink URL.');
  }
  const origin = new URL(node.ctx.baseUrl).origin;
  if (!url.startsWith(`${origin}/`)) throw new LinkError('GET', url, `is not on ${origin}: not followed, the token would go to another host.`);
  if (followed.has(url)) throw new LinkError('GET', url, 'was followed already: paging stopped (a loop).');
  followed.add(url);
  return url;
}

async function* items(node: Node, q: Query = {}): AsyncGenerator<unknown> {
  let left = q.top ?? Infinity;
  for await (const page of pages(node, q)) {
    for (const item of page.value) {
      if (left-- <= 0) return;
      yield item;
    }
  }
}
