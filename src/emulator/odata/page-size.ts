// How many members a page holds when the client does not say, per resource as Graph does: Outlook pages
// at 10, the directory and most of Graph at 100, OneDrive at 200. Code without a paging loop reads 10 of
// its messages on a tenant; here it must read 10 too. `Prefer: odata.maxpagesize=N` asks for smaller
// (or larger) pages and is answered with `Preference-Applied`.
import type { RequestContext } from '../http/exchange.js';
import type { SchemaIndex } from '../model/schema-index.js';

const OUTLOOK_PAGE = 10;
const DEFAULT_PAGE = 100;

/** By the type (or a base type) of the members. */
const DEFAULT_PAGE_SIZES: Record<string, number> = {
  'microsoft.graph.outlookItem': OUTLOOK_PAGE, // messages, events, contacts
  'microsoft.graph.mailFolder': OUTLOOK_PAGE,
  'microsoft.graph.contactFolder': OUTLOOK_PAGE,
  'microsoft.graph.calendar': OUTLOOK_PAGE,
  'microsoft.graph.calendarGroup': OUTLOOK_PAGE,
  'microsoft.graph.attachment': OUTLOOK_PAGE,
  'microsoft.graph.driveItem': 200,
};

export interface PageSize {
  size: number;
  /** `Preference-Applied` to answer with, when `Prefer: odata.maxpagesize` was honoured. */
  applied?: string;
}

/** The page size for members of `type`: `$top` when given, else the preference, else the resource's default. */
export function pageSizeFor(ctx: RequestContext, type: string, top?: number): PageSize {
  const preferred = maxPageSize(ctx);
  const fallback = ctx.service.pageSize ?? defaultPageSize(ctx.service.index, type);
  if (top !== undefined) return { size: top };
  if (preferred !== undefined) return { size: preferred, applied: `odata.maxpagesize=${preferred}` };
  return { size: fallback };
}

export function defaultPageSize(index: SchemaIndex, type: string): number {
  for (const t of index.ancestors(type)) {
    const size = DEFAULT_PAGE_SIZES[t];
    if (size !== undefined) return size;
  }
  return DEFAULT_PAGE;
}

/** `Prefer: odata.maxpagesize=50` (among other preferences). */
function maxPageSize(ctx: RequestContext): number | undefined {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(ctx.headers['prefer'] ?? '');
  return match ? Math.max(1, Number(match[1])) : undefined;
}
