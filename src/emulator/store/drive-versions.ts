// A file's `versions`: Graph lists every version, the current one included; the emulator keeps no earlier
// content, so the list is the current version alone, numbered `{n}.0` from the eTag's change count (an
// upload or PATCH makes it the next one), with the file's content at `versions/{id}/content`.
import { methodNotAllowed } from '../errors.js';
import { computedCollection, type Collection } from './collections.js';
import type { EntityRecord } from './record.js';

export function versionsView(item: EntityRecord, type: string): Collection {
  const list = (): EntityRecord[] => (item.props['file'] != null ? [currentVersion(item, type)] : []);
  return computedCollection({
    elementType: type, contained: true, anchor: item, list,
    find: (key) => list().find((v) => v.props['id'] === key),
    insert: () => { throw methodNotAllowed('POST', 'versions (a version is made by changing the file)'); },
  });
}

function currentVersion(item: EntityRecord, type: string): EntityRecord {
  const id = `${Number(/,(\d+)"$/.exec(String(item.props['eTag'] ?? ''))?.[1] ?? 1)}.0`;
  const { lastModifiedDateTime, lastModifiedBy } = item.props;
  const size = item.streams.get('content')?.bytes.length ?? item.props['size'] ?? 0;
  return {
    uid: item.uid, type, contained: new Map(), single: new Map(), refs: new Map(), streams: item.streams,
    parent: { record: item, nav: 'versions' }, sets: new Set(), meta: { versionOf: item }, alive: item.alive, changeSeq: item.changeSeq,
    props: { id, lastModifiedDateTime, lastModifiedBy, size, publication: { level: 'published', versionId: id } },
  };
}
