// Evaluates a checked $filter against an entity's JSON. String comparison ignores case, as Graph's
// directory and Outlook both do; timestamps compare as instants, so `2024-05-01` and
// `2024-05-01T00:00:00Z` agree; anything compared with a missing value is false except `eq null`.
import type { Literal } from './literals.js';
import type { FilterNode } from './filter-parser.js';

type Scope = Map<string, unknown>;

export function matchesFilter(node: FilterNode, item: Record<string, unknown>): boolean {
  return evaluate(node, item, new Map()) === true;
}

function evaluate(node: FilterNode, item: Record<string, unknown>, scope: Scope): unknown {
  switch (node.kind) {
    case 'literal':
      return literalValue(node.literal);
    case 'member':
      return member(node.path, item, scope);
    case 'logical': {
      const left = evaluate(node.left, item, scope) === true;
      if (node.op === 'and') return left && evaluate(node.right, item, scope) === true;
      return left || evaluate(node.right, item, scope) === true;
    }
    case 'not':
      return evaluate(node.operand, item, scope) !== true;
    case 'compare':
      return compare(node.op, evaluate(node.left, item, scope), evaluate(node.right, item, scope));
    case 'in': {
      const value = evaluate(node.left, item, scope);
      return node.items.some((i) => compare('eq', value, evaluate(i, item, scope)));
    }
    case 'call':
      return call(node.name, node.args.map((a) => evaluate(a, item, scope)));
    case 'lambda': {
      const collection = member(node.collection, item, scope);
      const elements = Array.isArray(collection) ? collection : [];
      if (!node.body || !node.variable) return elements.length > 0;
      const test = (element: unknown): boolean => {
        const inner = new Map(scope);
        inner.set(node.variable!, element);
        return evaluate(node.body!, item, inner) === true;
      };
      return node.op === 'any' ? elements.some(test) : elements.every(test);
    }
  }
}

function member(path: string[], item: Record<string, unknown>, scope: Scope): unknown {
  let current: unknown = item;
  let rest = path;
  if (scope.has(path[0]!)) {
    current = scope.get(path[0]!);
    rest = path.slice(1);
  } else if (path[0] === '$it') rest = path.slice(1);
  for (const part of rest) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function literalValue(literal: Literal): unknown {
  switch (literal.kind) {
    case 'null':
      return null;
    case 'date':
    case 'dateTime':
      return { instant: Date.parse(literal.kind === 'date' ? `${literal.value}T00:00:00Z` : literal.value) };
    case 'alias':
      return undefined;
    default:
      return literal.value;
  }
}

/** Timestamps compare as instants when either side is a date literal. */
function normalise(a: unknown, b: unknown): [unknown, unknown] {
  const instant = (v: unknown): number | undefined =>
    v && typeof v === 'object' && 'instant' in v ? (v as { instant: number }).instant
      : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)
        : undefined;
  const isLiteralInstant = (v: unknown): boolean => !!v && typeof v === 'object' && 'instant' in v;
  if (isLiteralInstant(a) || isLiteralInstant(b)) return [instant(a), instant(b)];
  if (typeof a === 'string' && typeof b === 'string') return [a.toLowerCase(), b.toLowerCase()];
  return [a, b];
}

function compare(op: string, rawLeft: unknown, rawRight: unknown): boolean {
  if (op === 'has') {
    const flags = String(rawLeft ?? '').toLowerCase().split(',').map((s) => s.trim());
    return String(rawRight ?? '').toLowerCase().split(',').every((f) => flags.includes(f.trim()));
  }
  const left = rawLeft === undefined ? null : rawLeft;
  const right = rawRight === undefined ? null : rawRight;
  if (left === null || right === null) {
    if (op === 'eq') return left === right;
    if (op === 'ne') return left !== right;
    return false;
  }
  const [a, b] = normalise(left, right);
  if (a === undefined || b === undefined || typeof a !== typeof b) return op === 'ne';
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return (a as number) > (b as number);
    case 'ge':
      return (a as number) >= (b as number);
    case 'lt':
      return (a as number) < (b as number);
    case 'le':
      return (a as number) <= (b as number);
    default:
      return false;
  }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

function call(name: string, args: unknown[]): unknown {
  const [a, b, c] = args;
  switch (name) {
    case 'contains':
      return typeof a === 'string' && text(a).toLowerCase().includes(text(b).toLowerCase());
    case 'startswith':
      return typeof a === 'string' && text(a).toLowerCase().startsWith(text(b).toLowerCase());
    case 'endswith':
      return typeof a === 'string' && text(a).toLowerCase().endsWith(text(b).toLowerCase());
    case 'tolower':
      return typeof a === 'string' ? a.toLowerCase() : null;
    case 'toupper':
      return typeof a === 'string' ? a.toUpperCase() : null;
    case 'trim':
      return typeof a === 'string' ? a.trim() : null;
    case 'length':
      return typeof a === 'string' || Array.isArray(a) ? a.length : null;
    case 'indexof':
      return typeof a === 'string' ? a.toLowerCase().indexOf(text(b).toLowerCase()) : null;
    case 'substring':
      return typeof a === 'string' ? a.substring(Number(b), c === undefined ? undefined : Number(b) + Number(c)) : null;
    case 'concat':
      return text(a) + text(b);
    case 'now':
      return { instant: Date.now() };
    default: {
      const parts: Record<string, (d: Date) => number> = {
        year: (d) => d.getUTCFullYear(), month: (d) => d.getUTCMonth() + 1, day: (d) => d.getUTCDate(),
        hour: (d) => d.getUTCHours(), minute: (d) => d.getUTCMinutes(), second: (d) => d.getUTCSeconds(),
      };
      const part = parts[name];
      if (part && typeof a === 'string' && !Number.isNaN(Date.parse(a))) return part(new Date(a));
      if (name === 'date' && typeof a === 'string') return { instant: Date.parse(a.slice(0, 10)) };
      return null;
    }
  }
}
