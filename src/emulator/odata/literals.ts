// OData URL literals, as Graph takes them in keys, function parameters and $filter:
// 'it''s' (quotes doubled), 42, 3.5e2, true, null, 2024-05-01, 2024-05-01T10:00:00Z, a bare GUID,
// duration'P1D', microsoft.graph.importance'high', and parameter aliases (@p, given in the query string).

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: string }
  | { kind: 'dateTime'; value: string }
  | { kind: 'guid'; value: string }
  | { kind: 'duration'; value: string }
  | { kind: 'enum'; type: string; value: string }
  | { kind: 'alias'; name: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER = /^-?(\d+(\.\d+)?([eE][+-]?\d+)?|INF|NaN)([mMdDfFlL])?$/;

/** Parses one complete literal; undefined when the text is not a literal. */
export function parseLiteral(text: string): Literal | undefined {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) {
    const inner = t.slice(1, -1);
    // A lone quote inside means the literal was not escaped properly.
    if (inner.replace(/''/g, '').includes("'")) return undefined;
    return { kind: 'string', value: inner.replace(/''/g, "'") };
  }
  if (t === 'true' || t === 'false') return { kind: 'boolean', value: t === 'true' };
  if (t === 'null') return { kind: 'null' };
  if (t.startsWith('@') && /^@[A-Za-z_]\w*$/.test(t)) return { kind: 'alias', name: t };
  if (GUID.test(t)) return { kind: 'guid', value: t };
  if (DATE_TIME.test(t)) return { kind: 'dateTime', value: t };
  if (DATE.test(t)) return { kind: 'date', value: t };
  if (NUMBER.test(t)) {
    const body = t.replace(/[mMdDfFlL]$/, '');
    return { kind: 'number', value: body === 'INF' ? Infinity : body === '-INF' ? -Infinity : Number(body) };
  }
  const typed = /^([A-Za-z_][\w.]*)'((?:[^']|'')*)'$/.exec(t);
  if (typed) {
    const value = typed[2]!.replace(/''/g, "'");
    if (typed[1]!.toLowerCase() === 'duration') return { kind: 'duration', value };
    if (typed[1]!.toLowerCase() === 'guid') return { kind: 'guid', value };
    if (typed[1]!.toLowerCase() === 'datetime') return { kind: 'dateTime', value };
    return { kind: 'enum', type: typed[1]!, value };
  }
  return undefined;
}

/** The JSON value a literal stands for (dates and GUIDs stay strings, as Graph's JSON has them). */
export function literalValue(literal: Literal): unknown {
  switch (literal.kind) {
    case 'null':
      return null;
    case 'alias':
      return literal.name;
    case 'enum':
      return literal.value;
    default:
      return literal.value;
  }
}

/**
 * Splits `a='x,y',b=2` (or a single positional `'key'`) at top-level commas, respecting quotes.
 * Returns pairs; a positional value has an empty name.
 */
export function splitArguments(text: string): Array<[name: string, value: string]> | undefined {
  const parts: string[] = [];
  let current = '';
  let inQuote = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") inQuote = !inQuote;
    else if (!inQuote && (c === '(' || c === '[' || c === '{')) depth++;
    else if (!inQuote && (c === ')' || c === ']' || c === '}')) depth--;
    if (c === ',' && !inQuote && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (inQuote || depth !== 0) return undefined;
  if (current.trim() !== '' || parts.length > 0) parts.push(current);
  return parts.map((p) => {
    const eq = topLevelEquals(p);
    return eq < 0 ? ['', p.trim()] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
  });
}

function topLevelEquals(text: string): number {
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") inQuote = !inQuote;
    else if (c === '=' && !inQuote) return i;
  }
  return -1;
}
