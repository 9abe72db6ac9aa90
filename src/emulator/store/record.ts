// One entity as the store keeps it. Structural properties are plain JSON exactly as Graph would return
// them; navigation lives beside them, because contained children and references behave differently
// (a deleted message takes its attachments with it; a deleted user only disappears from group members).

export interface StreamContent {
  bytes: Buffer;
  contentType: string;
}

export interface EntityRecord {
  /** Store-internal identity; never shown to clients, stable across a move that changes the Graph id. */
  readonly uid: number;
  /** Qualified entity type (the most derived one, e.g. `microsoft.graph.fileAttachment`). */
  type: string;
  /** Structural properties as JSON, key properties included. */
  props: Record<string, unknown>;
  /** Collection-valued contained navigation: nav name → key → child. */
  contained: Map<string, Map<string, EntityRecord>>;
  /** Single-valued contained navigation. */
  single: Map<string, EntityRecord>;
  /** Non-contained navigation: references to records held elsewhere. */
  refs: Map<string, EntityRecord[]>;
  /** Content of a media entity (`HasStream`), served at `…/$value`. */
  media?: StreamContent;
  /** Edm.Stream properties (`driveItem.content`). */
  streams: Map<string, StreamContent>;
  /** Where a contained record lives. */
  parent?: { record: EntityRecord; nav: string };
  /** Entity sets that list this record (a user is in `users` and in `directoryObjects`). */
  sets: Set<string>;
  /** Emulator-private facts that are not Graph properties (a folder's well-known name, mailbox delegates). */
  meta: Record<string, unknown>;
  alive: boolean;
  /** Store sequence number of the last change; delta tokens compare against it. */
  changeSeq: number;
}

export function keyOf(record: EntityRecord, keyProps: readonly string[]): string {
  if (keyProps.length === 1) return String(record.props[keyProps[0]!]);
  return keyProps.map((k) => `${k}=${String(record.props[k])}`).join(',');
}

export function idOf(record: EntityRecord): string {
  return String(record.props['id'] ?? '');
}

/** The chain of containing records, nearest first (the record itself excluded). */
export function ancestorsOf(record: EntityRecord): EntityRecord[] {
  const out: EntityRecord[] = [];
  let current = record.parent?.record;
  while (current && out.length < 64) {
    out.push(current);
    current = current.parent?.record;
  }
  return out;
}
