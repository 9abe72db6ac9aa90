// Function parameters written in the URL (`getOffice365ActiveUserCounts(period='D7')`, `(period=@p)?@p='D7'`)
// and overload choice by parameter names, as OData resolves them.
import type { OperationDef, ParameterDef } from '../../schema.js';
import { badRequest } from '../errors.js';
import type { SchemaIndex } from '../model/schema-index.js';
import { literalValue, parseLiteral, splitArguments, type Literal } from '../odata/literals.js';

export interface PickedOperation {
  op: OperationDef;
  args: Record<string, unknown>;
}

export function pickOperation(
  index: SchemaIndex, candidates: OperationDef[], argText: string | undefined, query: URLSearchParams,
): PickedOperation {
  const pairs = argText === undefined || argText.trim() === '' ? [] : splitArguments(argText);
  if (!pairs) throw badRequest(`The parameters of '${candidates[0]?.name}' could not be parsed: '${argText}'.`);
  const given = pairs.map(([name]) => name.toLowerCase());
  if (given.some((n) => n === '')) throw badRequest(`Parameters of '${candidates[0]?.name}' must be named: '${argText}'.`);
  const fits = candidates.filter((op) => {
    const names = op.parameters.map((p) => p.name.toLowerCase());
    if (op.kind === 'action') return given.length === 0;
    return given.every((g) => names.includes(g)) &&
      op.parameters.every((p) => p.optional || given.includes(p.name.toLowerCase()));
  });
  const op = fits[0];
  if (!op) {
    const first = candidates[0]!;
    const expected = first.parameters.map((p) => p.name).join(', ') || 'none';
    throw badRequest(`No overload of '${first.name}' takes the parameters (${given.join(', ')}); expected: ${expected}.`);
  }
  const args: Record<string, unknown> = {};
  for (const [name, text] of pairs) {
    const param = op.parameters.find((p) => p.name.toLowerCase() === name.toLowerCase())!;
    args[param.name] = coerce(index, param, resolveAlias(text, query), op.name);
  }
  return { op, args };
}

function resolveAlias(text: string, query: URLSearchParams): Literal {
  const literal = parseLiteral(text);
  if (literal?.kind !== 'alias') {
    if (!literal) throw badRequest(`'${text}' is not a valid OData literal.`);
    return literal;
  }
  const value = query.get(literal.name);
  if (value === null) throw badRequest(`The parameter alias '${literal.name}' is not given in the query string.`);
  const resolved = parseLiteral(value);
  if (!resolved || resolved.kind === 'alias') throw badRequest(`'${value}' is not a valid OData literal.`);
  return resolved;
}

const NUMERIC = new Set(['Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Byte', 'Edm.SByte', 'Edm.Double', 'Edm.Single', 'Edm.Decimal']);

function coerce(index: SchemaIndex, param: ParameterDef, literal: Literal, opName: string): unknown {
  const fail = (): never => {
    throw badRequest(`The value for parameter '${param.name}' of '${opName}' must be of type '${param.type}'.`);
  };
  if (literal.kind === 'null') return param.nullable ? null : fail();
  const t = param.type;
  if (t === 'Edm.String') return literal.kind === 'string' ? literal.value : fail();
  if (NUMERIC.has(t)) return literal.kind === 'number' ? literal.value : fail();
  if (t === 'Edm.Boolean') return literal.kind === 'boolean' ? literal.value : fail();
  if (t === 'Edm.Date') return literal.kind === 'date' || literal.kind === 'string' ? literalValue(literal) : fail();
  if (t === 'Edm.DateTimeOffset') {
    return literal.kind === 'dateTime' || literal.kind === 'date' || literal.kind === 'string' ? literalValue(literal) : fail();
  }
  if (t === 'Edm.Guid') return literal.kind === 'guid' || literal.kind === 'string' ? literalValue(literal) : fail();
  const enumDef = index.enumType(t);
  if (enumDef) {
    if (literal.kind !== 'string' && literal.kind !== 'enum') return fail();
    const members = literal.value.split(',').map((m) => m.trim());
    if (!members.every((m) => enumDef.members.some((e) => e.name === m))) return fail();
    return literal.value;
  }
  return literalValue(literal);
}
