// How the pieces of a Graph URL are written: key segments, function-call literals, colon paths and
// query options. Everything a caller passes is encoded here, so an id can never add a path segment,
// a query option or a colon path of its own.

/** A key segment: `/users/{id}`. Graph also takes the userPrincipalName as the key. */
export function keySegment(id: string | number): string {
  if (Number.isFinite(id)) return String(id); // false for anything but a finite number, strings included
  // `.` and `..` are dot-segments: fetch's URL parser removes them (encoded as %2E too), so `byId('..')`
  // would address the parent collection's owner. No Graph id is one; refuse rather than climb.
  if (typeof id !== 'string' || id === '' || id === '.' || id === '..') {
    throw new TypeError(`byId() needs a non-empty string, not '.' or '..', or a finite number; got ${describeValue(id)}.`);
  }
  // `/users/$x@y.com` would read as a system query option: Graph wants the parenthesised literal form.
  if (id.startsWith('$')) return `(${encodePathPart(quote(id))})`;
  // The three that encodeURIComponent leaves but Graph's key syntax reserves: `escape` writes them %27 %28 %29.
  return encodePathPart(id).replace(/['()]/g, escape);
}

/** A value as an error message shows it: strings quoted, everything else by type. */
export function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Percent-encodes one path segment. `/`, `?`, `#`, `%`, `:` and non-ASCII are encoded; `@` and `,` stay
 * readable because Graph's own URLs use them inside keys (UPNs, composite site ids).
 */
export function encodePathPart(text: string): string {
  return encodeURIComponent(text).replace(/%(40|2C)/g, decodeURIComponent);
}

/** Colon path addressing: `root` + `Folder/a b.txt` → `root:/Folder/a%20b.txt:`. */
export function colonPath(segment: string, path: string): string {
  const parts = typeof path === 'string' ? path.split('/').filter((p) => p.length > 0) : [];
  // `.` and `..` are not resolved: as path segments they would address another item than the one named.
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) {
    throw new TypeError(`byPath() needs names, none '.' or '..' (e.g. 'Docs/a.txt'); got ${describeValue(path)}.`);
  }
  return `${segment}:/${parts.map(encodePathPart).join('/')}:`;
}

/** An OData string literal: single quotes, inner quotes doubled. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A function-call segment: `getOffice365ActiveUserCounts(period='D7')`. Strings are quoted unless Graph
 * wants that parameter bare (dates and times: parameter names, less `-function/parameter` exceptions,
 * or `function/parameter` pairs, listed per version by the generator in `bare`); numbers
 * and booleans are bare; `Date` values are written as ISO date-times; arrays and objects as JSON.
 */
export function functionCall(name: string, params: Record<string, unknown> | undefined, bare: ReadonlySet<string>): string {
  const args: string[] = [];
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    // The table's names are in lower camel case: `StartDateTime` and `startDateTime` are one parameter.
    const lower = key.charAt(0).toLowerCase() + key.slice(1);
    const isBare = (bare.has(lower) || bare.has(`${name}/${lower}`)) && !bare.has(`-${name}/${lower}`);
    const text = encodePathPart(literal(value, isBare));
    // Date-times are bare literals; their colons are part of the value, as in Graph's own examples.
    args.push(`${key}=${isBare || value instanceof Date ? text.replace(/%3A/g, ':') : text}`);
  }
  // Without arguments, the bare name, as Graph's docs write it (`/me/messages/delta`, `/range/format`): the same call.
  return args.length ? `${name}(${args})` : name;
}

function literal(value: unknown, bare: boolean): string {
  if (value === null) return 'null';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return bare ? value : quote(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value); // numbers and booleans bare
}

/** The query options a builder call accepts (see `ListQuery` in types.ts). */
export interface QueryOptions {
  select?: readonly string[];
  expand?: readonly string[];
  filter?: string;
  orderby?: readonly string[];
  top?: number;
  skip?: number;
  search?: string;
  count?: boolean;
  params?: Record<string, string | number | boolean>;
}

/** OData's system query options, in the order they are written. */
const SYSTEM_OPTIONS = ['select', 'expand', 'filter', 'orderby', 'top', 'skip', 'search', 'count'] as const;

/** `?$select=a,b&$filter=…`: the value is percent-encoded, OData punctuation kept readable. */
export function queryString(q: QueryOptions): string {
  let query = '';
  for (const name of SYSTEM_OPTIONS) {
    const value = q[name];
    if (value !== undefined) query = withOption(query, `$${name}`, Array.isArray(value) ? value.join(',') : String(value));
  }
  const { params } = q;
  // Names keep OData punctuation too: `$id` (a reference to remove), `@p` (a parameter alias).
  // A parameter given an empty value goes out as its bare name (`?flag`), never dropped.
  for (const name in params) query = withOption(query, encodeQueryValue(name), String(params[name]), true);
  return query;
}

/**
 * `query` with `name=value` added; for an empty value, nothing (a system option) or the bare name (`keep`);
 * built as a string, no array per request.
 */
function withOption(query: string, name: string, value: string, keep?: boolean): string {
  return value === '' && !keep ? query : `${query}${query ? '&' : '?'}${name}${value === '' ? '' : `=${encodeQueryValue(value)}`}`;
}

/** What a query value keeps as it is: what encodeURIComponent leaves, and the punctuation decoded back below. */
const PLAIN = /^[\w.~!*'()$,/:@-]*$/;

/** Percent-encodes a query value, keeping OData's punctuation (`$ , ' ( ) / : @`) readable. */
function encodeQueryValue(value: string): string {
  // Most values (`subject`, `10`) need no escape at all: no call to encode, no replace (a callback per match).
  return PLAIN.test(value) ? value : encodeURIComponent(value).replace(/%(24|2C|27|28|29|2F|3A|40)/g, decodeURIComponent);
}
