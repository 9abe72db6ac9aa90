// `If-Match` on writes, as Outlook and OneDrive check it: a client that read an item, then writes it back
// with the ETag it read, gets 412 if someone changed the item in between (optimistic concurrency). The
// ETag is what the client was given: `@odata.etag` (W/"changeKey") on Outlook items, `eTag` (or `cTag`)
// on drive items. `*` matches anything; resources without an ETag ignore the header, as Graph does.
import { GraphError } from '../errors.js';
import type { RequestContext } from '../http/exchange.js';
import type { EntityRecord } from '../store/record.js';

/** Throws 412 when `If-Match` names none of the record's current ETags. */
export function checkIfMatch(ctx: RequestContext, record: EntityRecord): void {
  const header = ctx.headers['if-match'];
  if (!header || header.trim() === '*') return;
  const current = currentEtags(ctx, record);
  if (current.length === 0) return;
  // A list of quoted tags; OneDrive's contain commas themselves (`"{…},2"`), so split on the quotes.
  const given = header.match(/(?:W\/)?"[^"]*"|[^\s,]+/g) ?? [];
  if (given.some((tag) => current.includes(tag))) return;
  if (ctx.service.index.isA(record.type, 'microsoft.graph.driveItem')) {
    throw new GraphError(412, 'resourceModified', "ETag does not match current item's value.");
  }
  throw new GraphError(412, 'ErrorIrresolvableConflict',
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
}

function currentEtags(ctx: RequestContext, record: EntityRecord): string[] {
  const tags: string[] = [];
  const changeKey = record.props['changeKey'];
  if (typeof changeKey === 'string') tags.push(`W/"${changeKey}"`, `"${changeKey}"`);
  if (ctx.service.index.isA(record.type, 'microsoft.graph.driveItem')) {
    for (const name of ['eTag', 'cTag']) if (typeof record.props[name] === 'string') tags.push(record.props[name] as string);
  }
  return tags;
}
