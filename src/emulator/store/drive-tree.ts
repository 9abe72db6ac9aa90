// A drive as OneDrive shapes it: every item lives in the drive's `items`, the tree is carried by each
// item's `parentReference.id`, `root` is the item with the root facet, and names are unique per folder
// ignoring case. Keeping the tree in one place means `/items/{id}`, `/root/children` and `root:/a/b:` agree.
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';

export function driveOf(item: EntityRecord): EntityRecord | undefined {
  return item.parent?.nav === 'items' ? item.parent.record : undefined;
}

export function driveItems(drive: EntityRecord): EntityRecord[] {
  return [...(drive.contained.get('items')?.values() ?? [])];
}

export function rootOf(drive: EntityRecord): EntityRecord | undefined {
  return driveItems(drive).find((i) => i.props['root'] != null);
}

function parentIdOf(item: EntityRecord): unknown {
  const ref = item.props['parentReference'];
  return ref && typeof ref === 'object' ? (ref as Record<string, unknown>)['id'] : undefined;
}

export function childrenOf(drive: EntityRecord, folder: EntityRecord): EntityRecord[] {
  const id = folder.props['id'];
  return driveItems(drive).filter((i) => parentIdOf(i) === id);
}

export function childNamed(drive: EntityRecord, folder: EntityRecord, name: string): EntityRecord | undefined {
  const lower = name.toLowerCase();
  return childrenOf(drive, folder).find((i) => String(i.props['name'] ?? '').toLowerCase() === lower);
}

export function parentOf(drive: EntityRecord, item: EntityRecord): EntityRecord | undefined {
  const id = parentIdOf(item);
  return id === undefined ? undefined : drive.contained.get('items')?.get(String(id));
}

/** `/drive/root:/Documents/Reports`, the form Graph puts in `parentReference.path`. */
export function pathOf(drive: EntityRecord, item: EntityRecord): string {
  const names: string[] = [];
  let current: EntityRecord | undefined = item;
  for (let i = 0; current && current.props['root'] == null && i < 256; i++) {
    names.unshift(encodeURIComponent(String(current.props['name'] ?? '')));
    current = parentOf(drive, current);
  }
  return `/drive/root:${names.length > 0 ? '/' : ''}${names.join('/')}`;
}

export interface PathWalk {
  found?: EntityRecord;
  /** The deepest existing folder and the names below it that do not exist yet (for uploads). */
  deepest: EntityRecord;
  missing: string[];
}

export function walkPath(drive: EntityRecord, from: EntityRecord, names: string[]): PathWalk {
  let current = from;
  for (let i = 0; i < names.length; i++) {
    const next = childNamed(drive, current, names[i]!);
    if (!next) return { deepest: current, missing: names.slice(i) };
    current = next;
  }
  return { found: current, deepest: current, missing: [] };
}

/** Places an item under `folder` in `drive`, writing the parent reference clients read. */
export function placeItem(store: Store, drive: EntityRecord, folder: EntityRecord | undefined, item: EntityRecord): void {
  if (folder) {
    item.props['parentReference'] = {
      driveType: drive.props['driveType'] ?? 'business',
      driveId: drive.props['id'],
      id: folder.props['id'],
    };
  }
  store.placeContained(drive, 'items', item);
  store.touch(item);
}

/** A name free in `folder`, Graph's `conflictBehavior: rename` style: `Report 1.docx`. */
export function freeName(drive: EntityRecord, folder: EntityRecord, name: string): string {
  if (!childNamed(drive, folder, name)) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; n < 10_000; n++) {
    const candidate = `${stem} ${n}${ext}`;
    if (!childNamed(drive, folder, candidate)) return candidate;
  }
  return `${stem} ${Date.now()}${ext}`;
}
