// System query options as Graph reads them: names with or without `$`, any casing, each at most once;
// `$expand` items may carry their own options in parentheses, separated by `;`.
import { badRequest } from '../errors.js';
import { parseFilter, type FilterNode } from './filter-parser.js';

export interface OrderKey {
  path: string[];
  descending: boolean;
}

export interface ExpandItem {
  name: string;
  select?: string[];
  filter?: ParsedFilter;
  top?: number;
  orderby?: OrderKey[];
}

export interface ParsedFilter {
  text: string;
  ast: FilterNode;
}

export interface QueryOptions {
  select?: string[];
  expand?: ExpandItem[];
  filter?: ParsedFilter;
  orderby?: OrderKey[];
  top?: number;
  skip?: number;
  count?: boolean;
  search?: string;
  skiptoken?: string;
  deltatoken?: string;
  /** Everything else (`startDateTime`, parameter aliases, …). */
  other: URLSearchParams;
}

const SYSTEM = ['select', 'expand', 'filter', 'orderby', 'top', 'skip', 'count', 'search', 'skiptoken', 'deltatoken', 'format'];

export function parseQuery(params: URLSearchParams): QueryOptions {
  const options: QueryOptions = { other: new URLSearchParams() };
  const seen = new Set<string>();
  for (const [rawName, value] of params) {
    const bare = rawName.replace(/^\$/, '').toLowerCase();
    if (!SYSTEM.includes(bare)) {
      options.other.append(rawName, value);
      continue;
    }
    if (seen.has(bare)) throw badRequest(`Query option '$${bare}' was specified more than once, but it must be specified at most once.`);
    seen.add(bare);
    applyOption(options, bare, value);
  }
  return options;
}

function applyOption(options: QueryOptions, name: string, value: string): void {
  switch (name) {
    case 'select':
      options.select = list(value);
      return;
    case 'expand':
      options.expand = splitTopLevel(value, ',').map(parseExpandItem);
      return;
    case 'filter':
      options.filter = { text: value, ast: parseFilter(value) };
      return;
    case 'orderby':
      options.orderby = parseOrderBy(value);
      return;
    case 'top':
      options.top = nonNegativeInteger('$top', value);
      return;
    case 'skip':
      options.skip = nonNegativeInteger('$skip', value);
      return;
    case 'count':
      if (value !== 'true' && value !== 'false') throw badRequest(`Invalid value '${value}' for $count query option found. Valid values are 'true', 'false'.`);
      options.count = value === 'true';
      return;
    case 'search':
      options.search = value;
      return;
    case 'skiptoken':
      options.skiptoken = value;
      return;
    case 'deltatoken':
      options.deltatoken = value;
      return;
    case 'format':
      if (!/^(application\/)?json/i.test(value)) throw badRequest(`The format '${value}' is not supported; only JSON is.`);
      return;
  }
}

function nonNegativeInteger(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw badRequest(`Invalid value '${value}' for ${name} query option found.`);
  return Number(value);
}

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function parseOrderBy(value: string): OrderKey[] {
  return list(value).map((item) => {
    const [path = '', direction, extra] = item.split(/\s+/);
    const dir = direction?.toLowerCase();
    if (extra !== undefined || (dir !== undefined && dir !== 'asc' && dir !== 'desc') || !/^[\w./]+$/.test(path)) {
      throw badRequest(`Invalid $orderby clause '${item}': expected 'property [asc|desc]'.`);
    }
    return { path: path.split('/'), descending: dir === 'desc' };
  });
}

function parseExpandItem(text: string): ExpandItem {
  const trimmed = text.trim();
  const open = trimmed.indexOf('(');
  if (open < 0) return { name: trimmed };
  if (!trimmed.endsWith(')')) throw badRequest(`Invalid $expand clause '${trimmed}'.`);
  const item: ExpandItem = { name: trimmed.slice(0, open).trim() };
  for (const part of splitTopLevel(trimmed.slice(open + 1, -1), ';')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw badRequest(`Invalid option '${part}' in $expand of '${item.name}'.`);
    const name = part.slice(0, eq).trim().replace(/^\$/, '').toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (name === 'select') item.select = list(value);
    else if (name === 'filter') item.filter = { text: value, ast: parseFilter(value) };
    else if (name === 'top') item.top = nonNegativeInteger('$top', value);
    else if (name === 'orderby') item.orderby = parseOrderBy(value);
    else throw badRequest(`The query option '$${name}' is not supported inside $expand.`);
  }
  return item;
}

/** Splits at `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inQuote = false;
  let current = '';
  for (const c of text) {
    if (c === "'") inQuote = !inQuote;
    if (!inQuote && c === '(') depth++;
    if (!inQuote && c === ')') depth--;
    if (c === separator && depth === 0 && !inQuote) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
