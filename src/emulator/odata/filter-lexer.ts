// Tokens of a $filter expression, each with its position, so an error can say where it went wrong
// ("syntax error at position 17"), as Graph's own messages do.
import { badRequest } from '../errors.js';
import { parseLiteral, type Literal } from './literals.js';

export type Token =
  | { kind: 'literal'; literal: Literal; pos: number; text: string }
  | { kind: 'identifier'; value: string; pos: number; text: string }
  | { kind: 'punct'; value: '(' | ')' | ',' | ':' | '/'; pos: number; text: string }
  | { kind: 'end'; pos: number; text: string };

const GUID_AHEAD = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;

export function filterError(text: string, pos: number, detail = 'syntax error'): Error {
  return badRequest(`Invalid filter clause: ${detail} at position ${pos} in '${text}'.`);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      i = endOfQuoted(text, i);
      tokens.push(literalToken(text, start, i));
      continue;
    }
    if ('(),:/'.includes(c)) {
      tokens.push({ kind: 'punct', value: c as '(' | ')' | ',' | ':' | '/', pos: start, text: c });
      i++;
      continue;
    }
    const guid = GUID_AHEAD.exec(text.slice(i));
    if (guid) {
      i += guid[0].length;
      tokens.push(literalToken(text, start, i));
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i++;
      while (i < text.length && /[0-9A-Za-z.:+-]/.test(text[i]!)) i++;
      tokens.push(literalToken(text, start, i));
      continue;
    }
    if (/[A-Za-z_@$]/.test(c)) {
      i++;
      while (i < text.length && /[\w.]/.test(text[i]!)) i++;
      if (text[i] === "'") {
        // A typed literal: microsoft.graph.importance'high', duration'P1D'.
        i = endOfQuoted(text, i);
        tokens.push(literalToken(text, start, i));
        continue;
      }
      const word = text.slice(start, i);
      tokens.push({ kind: 'identifier', value: word, pos: start, text: word });
      continue;
    }
    throw filterError(text, start, `unexpected character '${c}'`);
  }
  tokens.push({ kind: 'end', pos: text.length, text: '' });
  return tokens;
}

/** Index just past the closing quote; `''` inside is an escaped quote. */
function endOfQuoted(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  throw filterError(text, open, 'unterminated string literal');
}

function literalToken(text: string, start: number, end: number): Token {
  const raw = text.slice(start, end);
  const literal = parseLiteral(raw);
  if (!literal || literal.kind === 'alias') throw filterError(text, start, `'${raw}' is not a valid literal`);
  return { kind: 'literal', literal, pos: start, text: raw };
}
