// How an answer is printed, as CLI for Microsoft 365 prints it: `--query` (JMESPath) first, over the JSON
// answer, then `-o json` (the default: the answer as Graph gave it), `text` (an aligned table of the
// first-level properties; one object as `name: value` lines), `csv` (RFC 4180) or `md` (a Markdown table).
// A command may name the columns text/csv/md show by default (its `view`, a JMESPath projection), as
// m365's defaultProperties; an explicit --query replaces it.
import jmespath from 'jmespath';
import { UsageError } from './errors.js';

export const OUTPUTS = ['json', 'text', 'csv', 'md'] as const;
export type Output = (typeof OUTPUTS)[number];

/** The answer after `--query`; a bad expression is a usage error naming it. */
export function applyQuery(answer: unknown, query: string): unknown {
  try {
    return jmespath.search(answer ?? null, query);
  } catch (error) {
    throw new UsageError(`--query ${JSON.stringify(query)} is not a JMESPath expression: ${(error as Error).message}. See https://jmespath.org/tutorial.html.`);
  }
}

/** The text to print for `answer` (with a final newline), or '' when there is nothing to print. */
export function format(answer: unknown, output: Output): string {
  if (answer === undefined) return '';
  if (output === 'json') return `${JSON.stringify(answer, null, 2)}\n`;
  if (answer === null) return '';
  if (typeof answer !== 'object') return `${String(answer)}\n`;
  const rows = Array.isArray(answer) ? answer : [answer];
  if (rows.length === 0) return '';
  // A list of strings or numbers (`--query "value[].id"`) is one per line in every form but JSON.
  if (rows.every((r) => r === null || typeof r !== 'object')) return `${rows.map((r) => cell(r)).join('\n')}\n`;
  const columns = columnsOf(rows);
  if (output === 'text') return Array.isArray(answer) ? table(rows, columns) : pairs(answer as Record<string, unknown>, columns);
  if (output === 'csv') return `${[columns, ...rows.map((r) => columns.map((c) => cell(field(r, c))))].map((line) => line.map(csvField).join(',')).join('\n')}\n`;
  const md = (values: string[]): string => `| ${values.map((v) => v.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
  if (!Array.isArray(answer)) {
    return `${[md(['Property', 'Value']), md(['---', '---']), ...columns.map((c) => md([c, cell(field(answer, c))]))].join('\n')}\n`;
  }
  return `${[md(columns), md(columns.map(() => '---')), ...rows.map((r) => md(columns.map((c) => cell(field(r, c)))))].join('\n')}\n`;
}

/** The first-level properties, in the order first seen; OData annotations (`@odata.etag`) left out. */
function columnsOf(rows: unknown[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) if (row && typeof row === 'object') for (const key of Object.keys(row)) if (!key.includes('@')) seen.add(key);
  return [...seen];
}

const field = (row: unknown, column: string): unknown => (row && typeof row === 'object' ? (row as Record<string, unknown>)[column] : undefined);

/** A value in one cell: nested objects as compact JSON, nothing for null. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function table(rows: unknown[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => cell(field(r, c)).replace(/\r?\n/g, ' ')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]): string => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

function pairs(object: Record<string, unknown>, columns: string[]): string {
  const width = Math.max(...columns.map((c) => c.length));
  return `${columns.map((c) => `${`${c}:`.padEnd(width + 2)}${cell(object[c])}`).join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
