// $search, simply: `"pizza"` matches any text field that contains the word; `"displayName:adele"` matches
// one property; clauses combine with AND (the default) and OR. The directory matches words by prefix
// (its search is tokenized), Outlook by substring, close enough to each for tests to rely on.
import { badRequest } from '../errors.js';
import { valueAt } from './orderby.js';

interface Clause {
  property?: string;
  term: string;
}

type SearchExpr = Array<{ clause: Clause; or: boolean }>;

/** Fields a bare term is looked for in, across workloads. */
const TEXT_FIELDS = [
  'subject', 'bodyPreview', 'body.content', 'from.emailAddress.name', 'from.emailAddress.address', 'displayName',
  'name', 'mail', 'userPrincipalName', 'description', 'givenName', 'surname', 'jobTitle', 'mailNickname',
];

/** KQL-ish property names Outlook accepts that are not the JSON names. */
const ALIASES: Record<string, string[]> = {
  from: ['from.emailAddress.name', 'from.emailAddress.address'],
  to: ['toRecipients'],
  body: ['body.content'],
};

export function parseSearch(raw: string): SearchExpr {
  const out: SearchExpr = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let nextIsOr = false;
  for (let m = pattern.exec(raw); m; m = pattern.exec(raw)) {
    const word = m[1] ?? m[2]!;
    if (m[1] === undefined && (word === 'OR' || word === 'AND')) {
      nextIsOr = word === 'OR';
      continue;
    }
    const colon = word.indexOf(':');
    const clause: Clause = colon > 0 ? { property: word.slice(0, colon), term: word.slice(colon + 1) } : { term: word };
    out.push({ clause, or: nextIsOr });
    nextIsOr = false;
  }
  if (out.length === 0) throw badRequest(`Syntax error: the $search value '${raw}' has no search term.`);
  return out;
}

export function matchesSearch(expr: SearchExpr, props: Record<string, unknown>, prefixWords: boolean): boolean {
  let result = false;
  for (let i = 0; i < expr.length; i++) {
    const { clause, or } = expr[i]!;
    const hit = clauseMatches(clause, props, prefixWords);
    result = i === 0 ? hit : or ? result || hit : result && hit;
  }
  return result;
}

function clauseMatches(clause: Clause, props: Record<string, unknown>, prefixWords: boolean): boolean {
  const term = clause.term.toLowerCase();
  const fields = clause.property ? (ALIASES[clause.property.toLowerCase()] ?? [clause.property]) : TEXT_FIELDS;
  return fields.some((f) => texts(valueAt(props, f.split('.'))).some((text) => {
    const lower = text.toLowerCase();
    return prefixWords ? lower.split(/[^\p{L}\p{N}@.]+/u).some((w) => w.startsWith(term)) || lower.startsWith(term) : lower.includes(term);
  }));
}

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => texts(v));
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => texts(v));
  return [];
}
