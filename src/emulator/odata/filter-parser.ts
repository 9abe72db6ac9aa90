// $filter grammar as Graph accepts it: or/and/not with the usual precedence, comparisons, `in (…)`,
// `has`, function calls (startswith, endswith, contains, tolower, …), member paths with `/` into complex
// values, and `any`/`all` lambdas with a range variable (`toRecipients/any(r: r/emailAddress/address eq 'x')`).
import type { Literal } from './literals.js';
import { filterError, tokenize, type Token } from './filter-lexer.js';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'has';

export type FilterNode =
  | { kind: 'literal'; literal: Literal; pos: number }
  | { kind: 'member'; path: string[]; pos: number }
  | { kind: 'compare'; op: CompareOp; left: FilterNode; right: FilterNode; pos: number }
  | { kind: 'logical'; op: 'and' | 'or'; left: FilterNode; right: FilterNode; pos: number }
  | { kind: 'not'; operand: FilterNode; pos: number }
  | { kind: 'in'; left: FilterNode; items: FilterNode[]; pos: number }
  | { kind: 'call'; name: string; args: FilterNode[]; pos: number }
  | { kind: 'lambda'; op: 'any' | 'all'; collection: string[]; variable?: string; body?: FilterNode; pos: number };

const COMPARE = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has']);
/** Nesting this deep is an attack or a bug, not a query. */
const MAX_DEPTH = 64;

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let p = 0;
  let depth = 0;
  const peek = (): Token => tokens[p]!;
  const next = (): Token => tokens[p++]!;
  const isWord = (t: Token, word: string): boolean => t.kind === 'identifier' && t.value.toLowerCase() === word;
  const isPunct = (t: Token, value: string): boolean => t.kind === 'punct' && t.value === value;
  const fail = (t: Token, detail?: string): never => {
    throw filterError(text, t.pos, detail);
  };
  const expect = (value: string): Token => (isPunct(peek(), value) ? next() : fail(peek(), `expected '${value}'`));

  const node = expression();
  if (peek().kind !== 'end') fail(peek());
  return node;

  function expression(): FilterNode {
    if (++depth > MAX_DEPTH) fail(peek(), 'expression nested too deeply');
    let left = andExpression();
    while (isWord(peek(), 'or')) {
      const op = next();
      left = { kind: 'logical', op: 'or', left, right: andExpression(), pos: op.pos };
    }
    depth--;
    return left;
  }

  function andExpression(): FilterNode {
    let left = unary();
    while (isWord(peek(), 'and')) {
      const op = next();
      left = { kind: 'logical', op: 'and', left, right: unary(), pos: op.pos };
    }
    return left;
  }

  function unary(): FilterNode {
    if (isWord(peek(), 'not')) {
      const op = next();
      return { kind: 'not', operand: unary(), pos: op.pos };
    }
    return comparison();
  }

  function comparison(): FilterNode {
    const left = primary();
    const t = peek();
    if (t.kind === 'identifier' && COMPARE.has(t.value.toLowerCase())) {
      next();
      return { kind: 'compare', op: t.value.toLowerCase() as CompareOp, left, right: primary(), pos: t.pos };
    }
    if (isWord(t, 'in')) {
      next();
      expect('(');
      const items: FilterNode[] = [primary()];
      while (isPunct(peek(), ',')) {
        next();
        items.push(primary());
      }
      expect(')');
      return { kind: 'in', left, items, pos: t.pos };
    }
    return left;
  }

  function primary(): FilterNode {
    const t = peek();
    if (isPunct(t, '(')) {
      next();
      const inner = expression();
      expect(')');
      return inner;
    }
    if (t.kind === 'literal') {
      next();
      return { kind: 'literal', literal: t.literal, pos: t.pos };
    }
    if (t.kind !== 'identifier') return fail(t);
    const word = t.value.toLowerCase();
    if (word === 'true' || word === 'false') {
      next();
      return { kind: 'literal', literal: { kind: 'boolean', value: word === 'true' }, pos: t.pos };
    }
    if (word === 'null') {
      next();
      return { kind: 'literal', literal: { kind: 'null' }, pos: t.pos };
    }
    next();
    if (isPunct(peek(), '(')) return call(t);
    return memberPath(t);
  }

  function call(nameToken: Token & { kind: 'identifier' }): FilterNode {
    expect('(');
    const args: FilterNode[] = [];
    if (!isPunct(peek(), ')')) {
      args.push(expression());
      while (isPunct(peek(), ',')) {
        next();
        args.push(expression());
      }
    }
    expect(')');
    return { kind: 'call', name: nameToken.value.toLowerCase(), args, pos: nameToken.pos };
  }

  function memberPath(firstToken: Token & { kind: 'identifier' }): FilterNode {
    const path = [firstToken.value];
    while (isPunct(peek(), '/')) {
      next();
      const part = next();
      if (part.kind !== 'identifier') return fail(part, 'expected a property name');
      const lower = part.value.toLowerCase();
      if ((lower === 'any' || lower === 'all') && isPunct(peek(), '(')) return lambda(path, lower, part.pos);
      path.push(part.value);
    }
    return { kind: 'member', path, pos: firstToken.pos };
  }

  function lambda(collection: string[], op: 'any' | 'all', pos: number): FilterNode {
    expect('(');
    if (isPunct(peek(), ')')) {
      next();
      if (op === 'all') fail(peek(), "'all' needs a lambda expression");
      return { kind: 'lambda', op, collection, pos };
    }
    const variable = next();
    if (variable.kind !== 'identifier') return fail(variable, 'expected a lambda variable');
    expect(':');
    const body = expression();
    expect(')');
    return { kind: 'lambda', op, collection, variable: variable.value, body, pos };
  }
}
