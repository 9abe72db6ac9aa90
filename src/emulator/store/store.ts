// The in-memory tenant. Records live in entity sets, in singletons, under a containing parent, or (for
// non-contained navigation targets the model gives no entity set) in a pool reached only by reference.
// Every change gets a sequence number, and removals leave tombstones, which is all delta queries need.
import { GraphError } from '../errors.js';
import type { SchemaIndex } from '../model/schema-index.js';
import type { IdFactory } from './ids.js';
import { ancestorsOf, idOf, keyOf, type EntityRecord, type StreamContent } from './record.js';

export interface StoreLimits {
  /** Entities the store may hold; creating more answers 507, so a runaway test cannot eat the machine. */
  maxEntities: number;
  /** Total bytes of file and attachment content. */
  maxStreamBytes: number;
}

export interface Tombstone {
  seq: number;
  id: string;
  type: string;
  /** uids of the records that contained it when it went away: a folder's delta sees its own removals. */
  anchors: number[];
  sets: string[];
}

/** Tombstones kept for delta; a token older than the oldest one gets 410 and must resync, as on Graph. */
const MAX_TOMBSTONES = 10_000;

export class Store {
  readonly index: SchemaIndex;
  readonly ids: IdFactory;
  readonly limits: StoreLimits;
  clock: () => Date;
  seq = 0;
  /** Sequence numbers at or below this have had their tombstones dropped. */
  tombstoneFloor = 0;
  readonly sets = new Map<string, Map<string, EntityRecord>>();
  readonly singletons = new Map<string, EntityRecord>();
  readonly pool = new Map<number, EntityRecord>();
  readonly tombstones: Tombstone[] = [];
  private nextUid = 1;
  private entityCount = 0;
  private streamBytes = 0;
  private readonly ancestorSetCache = new Map<string, string[]>();

  constructor(index: SchemaIndex, ids: IdFactory, limits: StoreLimits, clock: () => Date) {
    this.index = index;
    this.ids = ids;
    this.limits = limits;
    this.clock = clock;
  }

  /** Graph's timestamp form: UTC, whole seconds (`2024-05-06T09:00:00Z`). */
  now(): string {
    return this.clock().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  get size(): { entities: number; streamBytes: number } {
    return { entities: this.entityCount, streamBytes: this.streamBytes };
  }

  /** Throws 507 before a write that would pass the limits, so the write never half-happens. */
  reserve(entities: number, bytes = 0): void {
    if (this.entityCount + entities > this.limits.maxEntities ||
      this.streamBytes + bytes > this.limits.maxStreamBytes) {
      throw new GraphError(507, 'quotaLimitReached',
        `The emulator's store is full (${this.limits.maxEntities} entities, ${this.limits.maxStreamBytes} bytes of content).`);
    }
  }

  create(type: string, props: Record<string, unknown>): EntityRecord {
    this.reserve(1);
    this.entityCount++;
    return {
      uid: this.nextUid++, type, props, contained: new Map(), single: new Map(), refs: new Map(),
      streams: new Map(), sets: new Set(), meta: {}, alive: true, changeSeq: ++this.seq,
    };
  }

  keyOf(record: EntityRecord): string {
    return keyOf(record, this.index.keyOf(record.type));
  }

  entitySet(name: string): Map<string, EntityRecord> {
    let set = this.sets.get(name);
    if (!set) {
      set = new Map();
      this.sets.set(name, set);
    }
    return set;
  }

  /** A singleton's record, created empty on first use: `/organization`-like roots always exist on Graph. */
  singleton(name: string): EntityRecord {
    let record = this.singletons.get(name);
    if (!record) {
      const def = this.index.schema.singletons[name];
      record = this.create(def?.type ?? 'microsoft.graph.entity', { id: this.ids.guid() });
      this.singletons.set(name, record);
    }
    return record;
  }

  /** Puts a record in an entity set and in the sets of its base types (`users` → also `directoryObjects`). */
  placeInSet(setName: string, record: EntityRecord): void {
    for (const name of [setName, ...this.ancestorSets(setName)]) {
      this.entitySet(name).set(this.keyOf(record), record);
      record.sets.add(name);
    }
  }

  placeContained(parent: EntityRecord, nav: string, record: EntityRecord): void {
    let children = parent.contained.get(nav);
    if (!children) {
      children = new Map();
      parent.contained.set(nav, children);
    }
    children.set(this.keyOf(record), record);
    record.parent = { record: parent, nav };
  }

  placeSingle(parent: EntityRecord, nav: string, record: EntityRecord): void {
    const previous = parent.single.get(nav);
    if (previous && previous !== record) this.remove(previous);
    parent.single.set(nav, record);
    record.parent = { record: parent, nav };
  }

  placeInPool(record: EntityRecord): void {
    this.pool.set(record.uid, record);
  }

  touch(record: EntityRecord): void {
    record.changeSeq = ++this.seq;
  }

  /** Takes a record out of where it lives without destroying it (a move), leaving a tombstone there. */
  detach(record: EntityRecord): void {
    this.tombstone(record);
    if (record.parent) {
      const { record: parent, nav } = record.parent;
      if (parent.single.get(nav) === record) parent.single.delete(nav);
      else parent.contained.get(nav)?.delete(this.keyOf(record));
      delete record.parent;
    }
    for (const name of record.sets) this.sets.get(name)?.delete(this.keyOf(record));
    record.sets.clear();
    this.pool.delete(record.uid);
  }

  /** Deletes a record and everything it contains; references to it simply stop resolving. */
  remove(record: EntityRecord): void {
    if (!record.alive) return;
    this.detach(record);
    const stack = [record];
    while (stack.length > 0) {
      const r = stack.pop()!;
      r.alive = false;
      this.entityCount--;
      this.streamBytes -= (r.media?.bytes.length ?? 0) + [...r.streams.values()].reduce((n, s) => n + s.bytes.length, 0);
      for (const children of r.contained.values()) stack.push(...children.values());
      stack.push(...r.single.values());
    }
  }

  setMedia(record: EntityRecord, content: StreamContent | undefined): void {
    this.swapBytes(record.media, content);
    if (content) record.media = content;
    else delete record.media;
    this.touch(record);
  }

  setStream(record: EntityRecord, name: string, content: StreamContent | undefined): void {
    this.swapBytes(record.streams.get(name), content);
    if (content) record.streams.set(name, content);
    else record.streams.delete(name);
    this.touch(record);
  }

  private swapBytes(previous: StreamContent | undefined, next: StreamContent | undefined): void {
    const delta = (next?.bytes.length ?? 0) - (previous?.bytes.length ?? 0);
    if (delta > 0) this.reserve(0, delta);
    this.streamBytes += delta;
  }

  private tombstone(record: EntityRecord): void {
    if (!record.parent && record.sets.size === 0) return;
    this.tombstones.push({
      seq: ++this.seq, id: idOf(record), type: record.type,
      anchors: [record, ...ancestorsOf(record)].map((r) => r.uid), sets: [...record.sets],
    });
    if (this.tombstones.length > MAX_TOMBSTONES) {
      const dropped = this.tombstones.splice(0, this.tombstones.length - MAX_TOMBSTONES);
      this.tombstoneFloor = dropped[dropped.length - 1]!.seq;
    }
  }

  private ancestorSets(setName: string): string[] {
    let cached = this.ancestorSetCache.get(setName);
    if (!cached) {
      const type = this.index.schema.entitySets[setName]?.type;
      cached = [];
      if (type) {
        for (const [name, def] of Object.entries(this.index.schema.entitySets)) {
          if (name !== setName && def.type !== type && def.type !== 'microsoft.graph.entity' &&
            this.index.isA(type, def.type)) cached.push(name);
        }
      }
      this.ancestorSetCache.set(setName, cached);
    }
    return cached;
  }
}
