// What a resolved Graph URL points at. Handlers switch on `kind`; nothing here knows HTTP methods.
import type { OperationDef, PropertyDef } from '../../schema.js';
import type { Collection, Slot } from '../store/collections.js';
import type { BindingScope } from '../store/navigation.js';
import type { EntityRecord } from '../store/record.js';

interface Described {
  /** The `@odata.context` fragment for this target (`users('…')/messages`). */
  context: string;
  /** The canonical-ish path prefix that child segments extend. */
  prefix: string;
  scope: BindingScope;
}

export interface CollectionTarget extends Described {
  kind: 'collection';
  collection: Collection;
  /** Element type after any cast segment. */
  type: string;
  /** Record the collection hangs off (undefined for an entity set). */
  parent?: EntityRecord;
}

export interface EntityTarget extends Described {
  kind: 'entity';
  record: EntityRecord;
  /** Declared or cast type the URL promises (the record may be more derived). */
  type: string;
  /** The collection or single navigation the record was reached through. */
  container?: Collection | Slot;
}

/** A single-valued navigation with nothing behind it yet (`/groups/{id}/team` before PUT). */
export interface EmptySlotTarget extends Described {
  kind: 'emptySlot';
  slot: Slot;
  type: string;
}

/** `$value` of an empty single navigation to a media entity (`/me/photo/$value` before any photo). */
export interface MediaSlotTarget {
  kind: 'mediaSlot';
  slot: Slot;
  type: string;
}

export interface PropertyTarget {
  kind: 'property';
  record: EntityRecord;
  property: PropertyDef;
  context: string;
  /** `/$value`: the raw primitive as text/plain. */
  raw: boolean;
}

export interface StreamTarget {
  kind: 'stream';
  record: EntityRecord;
  /** An Edm.Stream property (`content`); absent for a media entity's `$value`. */
  property?: PropertyDef;
}

export interface CountTarget {
  kind: 'count';
  of: CollectionTarget;
}

export interface RefTarget {
  kind: 'ref';
  of: CollectionTarget | EntityTarget | EmptySlotTarget;
}

export interface OperationTarget {
  kind: 'operation';
  op: OperationDef;
  binding?: CollectionTarget | EntityTarget;
  /** Function arguments from the URL, by declared parameter name. */
  args: Record<string, unknown>;
  context: string;
}

/** A drive path (`root:/new/file.txt:`) that does not exist yet: PUT `/content` and upload sessions create it. */
export interface DrivePathTarget {
  kind: 'drivePath';
  drive: EntityRecord;
  deepest: EntityRecord;
  missing: string[];
  /** The segment after the path, if any (`content`, `createUploadSession`). */
  then?: string;
}

export interface BatchTarget {
  kind: 'batch';
}

export type Target =
  | CollectionTarget | EntityTarget | EmptySlotTarget | MediaSlotTarget | PropertyTarget | StreamTarget | CountTarget | RefTarget
  | OperationTarget | DrivePathTarget | BatchTarget;

export interface Resolved {
  target: Target;
  /** Entity records the URL walked through, outermost first: the mailbox owner is among them. */
  trail: EntityRecord[];
  /** The path began at `/me`. */
  viaMe: boolean;
}
