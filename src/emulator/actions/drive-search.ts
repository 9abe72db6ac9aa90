// `search(q='…')` on a drive or a drive item (`/me/drive/root/search(q='report')`): the items below it whose
// name, or whose text content, contains the words, case-insensitively; the folder searched from is not
// among them. SharePoint's index also reads metadata and Office documents and ranks by relevance; here the
// order is the drive's, and the results page and take $select/$filter/$top like any driveItem collection.
import { GraphError, notFound } from '../errors.js';
import type { GraphResponse, RequestContext } from '../http/exchange.js';
import { readCollection } from '../handlers/collection.js';
import { parseQuery } from '../odata/query.js';
import type { OperationTarget } from '../routing/targets.js';
import { computedCollection } from '../store/collections.js';
import { driveItems, driveOf, parentOf, rootOf } from '../store/drive-tree.js';
import type { EntityRecord } from '../store/record.js';

const DRIVE_ITEM = 'microsoft.graph.driveItem';
/** Text content is searched up to this size: the emulator's drives hold small seeded and test files. */
const MAX_TEXT_BYTES = 1024 * 1024;

export function searchDrive(ctx: RequestContext, target: OperationTarget): GraphResponse {
  if (target.binding?.kind !== 'entity') throw notFound('drive');
  const bound = target.binding.record;
  const drive = ctx.service.index.isA(bound.type, DRIVE_ITEM) ? driveOf(bound) : bound;
  const from = drive && (bound === drive ? rootOf(drive) : bound);
  if (!drive || !from) throw notFound('drive');
  const words = String(target.args['q'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const list = (): EntityRecord[] => driveItems(drive).filter((item) =>
    item.alive && item !== from && isBelow(drive, item, from) && words.every((w) => textOf(item).includes(w)));
  const collection = computedCollection({
    elementType: DRIVE_ITEM, contained: true, anchor: from, list,
    find: (key) => list().find((i) => i.props['id'] === key),
    insert: () => { throw new GraphError(405, 'invalidRequest', 'Search results are read, not created.'); },
  });
  return readCollection(ctx, {
    kind: 'collection', collection, type: DRIVE_ITEM, context: `Collection(${DRIVE_ITEM})`, prefix: ctx.path, scope: target.binding.scope,
  }, parseQuery(ctx.params));
}

function isBelow(drive: EntityRecord, item: EntityRecord, folder: EntityRecord): boolean {
  for (let p = parentOf(drive, item), hops = 0; p && hops < 256; p = parentOf(drive, p), hops++) if (p === folder) return true;
  return false;
}

/** What a search matches against: the name, and the content of a text file. */
function textOf(item: EntityRecord): string {
  const name = String(item.props['name'] ?? '').toLowerCase();
  const content = item.streams.get('content');
  const text = content && content.bytes.length <= MAX_TEXT_BYTES && /^text\/|json|xml/.test(content.contentType)
    ? content.bytes.toString('utf8').toLowerCase() : '';
  return `${name}\n${text}`;
}
