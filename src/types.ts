// The generic request-builder types every generated builder is made of. Generated code declares, per
// entity type, only its navigation and operations; everything that behaves lives here, typed by
// generics over the generated model. Type-only: nothing in this file exists at run time.
import type { RetryPolicy } from './retry.js';
import type { BodyInit } from './fetch-types.js';
import type * as self from './types.js';
import type { ActionBody, ExtensionName, New } from './bodies.js';

export type * from './bodies.js';

/** Per-request options that are not part of the URL. */
export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** This request's retry policy over the client's; `false` sends it once. */
  retry?: Partial<RetryPolicy> | false;
  /** This request's per-attempt timeout in ms (until the response headers) over the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Inside `batch()`: requests of the same batch that must succeed before this one runs. */
  dependsOn?: readonly Promise<unknown>[];
}

/** Query parameters sent as given (`?requiresReview=true`, `?forcedelete=true`, `?$id=…`). */
export type Params = Record<string, string | number | boolean>;

/** A write's options: the per-request options and the query parameters its operation takes. */
export interface WriteOptions extends RequestOptions {
  params?: Params;
}

/**
 * A write whose body is not JSON: MIME mail as base64 text, OneNote HTML or multipart, a zip, XML. The
 * `Content-Type` header is required (any casing at run time; the three usual ones here): it is what makes
 * the body go out as given instead of JSON-encoded.
 */
export type RawWriteOptions = WriteOptions & { headers: Record<string, string> & ({ 'Content-Type': string } | { 'content-type': string } | { 'Content-type': string }) };

/**
 * `K` when a selection was made, the whole entity otherwise (keeps hovers readable). Graph returns an
 * entity's `id` whatever `$select` says, so it is always there. Extension data selected by name
 * (`graphlearn_courses`, `extension_<appId>_<name>`) comes back beside the properties, of a shape only
 * its app knows.
 */
export type Selected<T, K extends string> = [keyof T] extends [K] ? T : Pick<T, (K & keyof T) | ('id' & keyof T)> & SelectedExtensions<Exclude<K, keyof T>>;

/** What `$select` may name: the type's properties, and extension data (see `ExtensionData`). */
export type Selectable<T> = (keyof T & string) | ExtensionName;

type SelectedExtensions<X extends string> = [X] extends [never] ? unknown : { readonly [N in X]?: unknown };

/**
 * `$orderby` terms: a property name with an optional direction, or a path into a property
 * (`from/emailAddress/address desc`), whose first name is checked. A misspelt name (`receivedDate desc`)
 * is a compile error rather than Graph's 400.
 */
export type OrderBy<T> = `${keyof T & string}${'' | ' asc' | ' desc'}` | `${keyof T & string}/${string}`;

/** `$expand` names: navigation properties, optionally with nested options (`attachments($select=name)`). */
export type Expand<E extends string> = E | `${E}(${string})`;

export interface ItemQuery<K extends string, E extends string> extends RequestOptions {
  select?: readonly K[];
  expand?: readonly Expand<E>[];
  /** Other query parameters, sent as given (`calendarView`'s `startDateTime`/`endDateTime`). */
  params?: Record<string, string | number | boolean>;
}

export interface ListQuery<T, K extends string, E extends string> extends ItemQuery<K, E> {
  filter?: string;
  orderby?: readonly OrderBy<T>[];
  /** Items to return in all (the client pages until it has them); Graph's page size is set with `pageSize`. */
  top?: number;
  skip?: number;
  search?: string;
  count?: boolean;
  /** Server page size, sent as `Prefer: odata.maxpagesize` (Outlook) or `$top` on the first request. */
  pageSize?: number;
  /** `list()`/`pages()`: continue from a saved `@odata.nextLink` or `@odata.deltaLink` (same host only); its query is its own. */
  from?: string;
}

export interface CountQuery extends RequestOptions {
  filter?: string;
  search?: string;
}

/** One page of a collection, exactly as Graph sends it. */
export interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  '@odata.count'?: number;
  '@odata.context'?: string;
}

/**
 * Type-level carriers of a builder's model and casts. Symbol keys: they never exist at run time
 * (builders are proxies; see builder.ts), and members keyed by them are written `[self.model]`, never
 * `[model]`: TypeScript's completions offer a member keyed by a plain exported symbol name as `model`
 * (on every collection builder), and one keyed through a property access not at all.
 */
export declare const model: unique symbol;
export declare const casts: unique symbol;

/**
 * What every entity builder is. Generated builders extend their base type's builder and only restate
 * `[model]` (and `[casts]`); `get`, `patch`, … read the model from `this`, so they are declared once here
 * for all 1,200 entity types instead of once per type.
 */
export interface Item {
  readonly [self.model]: unknown;
  /** Derived type name → its item builder (optional entries: a subtype's map is a subset of its base's). */
  readonly [self.casts]: {};
  get<K extends Selectable<this[typeof model]> = keyof this[typeof model] & string>(query?: ItemQuery<K, NavOf<this>>): Promise<Selected<this[typeof model], K>>;
  /** The body may set a derived type's properties (`countriesAndRegions` of a `countryNamedLocation` at `…/namedLocations/{id}`). */
  patch(body: New<this[typeof model] | CastModels<this[typeof casts]>>, options?: WriteOptions): Promise<this[typeof model] | undefined>;
  patch(body: BodyInit, options: RawWriteOptions): Promise<unknown>;
  put(body: New<this[typeof model]>, options?: WriteOptions): Promise<this[typeof model] | undefined>;
  put(body: BodyInit, options: RawWriteOptions): Promise<unknown>;
  delete(options?: WriteOptions): Promise<void>;
  /** Type-cast segment: `…/members/{id}/microsoft.graph.user`. */
  cast<N extends keyof this[typeof casts] & string>(type: N): NonNullable<this[typeof casts][N]>;
}

/**
 * What every generated casts map (`DirectoryObjectCasts`) extends. The shared member keeps a subtype's
 * map assignable to its base's even when an entry point declares only some subtypes (TypeScript
 * rejects assigning between all-optional types that have no property in common).
 */
export interface CastMap {
  readonly [self.casts]?: never;
}

/** Anything that addresses entities (an item or a collection builder): what `$expand` can name. */
interface Navigable {
  readonly [self.model]: unknown;
}

/** The navigation property names of a builder: the `$expand` names of its entity. */
export type NavOf<B> = { [K in keyof B]-?: B[K] extends Navigable ? K : never }[keyof B] & string;

/** The models of a casts map: what a collection accepts in `post` besides its own model. */
type CastModels<D> = { [K in keyof D & string]-?: NonNullable<D[K]> extends { readonly [model]: infer T } ? T : never }[keyof D & string];

/**
 * The collection builder of an item builder: `CollOf<MessageB>`. What `post` accepts is the model or
 * any of its derived types (`#microsoft.graph.fileAttachment` where attachments are posted).
 */
export type CollOf<B extends Item> = Coll<B[typeof model], B, B[typeof casts], B[typeof model] | CastModels<B[typeof casts]>>;

/**
 * A collection of entities (`U` is what `post` accepts: the type and its derived types). The `$expand`
 * names come from the item builder inside each method, so that a type navigating to itself
 * (`driveItem.children`) does not make its own builder's type circular.
 */
export interface Coll<T, B, D = {}, U = T> {
  readonly [self.model]: T;
  byId(id: string | number): B;
  /** Alternate key: `applications(appId='…')`, `users(userPrincipalName='…')`. */
  byKey(keys: { [P in keyof T & string]?: string | number }): B;
  get<K extends Selectable<T> = keyof T & string>(query?: ListQuery<T, K, NavOf<B>>): Promise<Page<Selected<T, K>>>;
  /** Every item across `@odata.nextLink` pages, fetched lazily as the loop asks for more. */
  list<K extends Selectable<T> = keyof T & string>(query?: ListQuery<T, K, NavOf<B>>): AsyncIterableIterator<Selected<T, K>>;
  /** Page by page, for callers that want `@odata.count`, `@odata.deltaLink` or page-level control. */
  pages<K extends Selectable<T> = keyof T & string>(query?: ListQuery<T, K, NavOf<B>>): AsyncIterableIterator<Page<Selected<T, K>>>;
  post(body: New<U>, options?: WriteOptions): Promise<T>;
  /** A body sent as given under its content type (OneNote pages as HTML or multipart, Teams app packages as zip). */
  post(body: BodyInit, options: RawWriteOptions): Promise<T>;
  /** `…/$count`: the number of items matching `filter`/`search`. */
  $count: Count;
  /** Type-cast segment: `/groups/{id}/members/microsoft.graph.user`. */
  cast<N extends keyof D & string>(type: N): CollOf<NonNullable<D[N]> & Item>;
}

/** The item builder of a collection builder. */
export type ItemOf<C> = C extends { byId(id: string | number): infer B } ? B : never;

export interface Count {
  get(query?: CountQuery): Promise<number>;
}

/** Navigation to entities that are not contained (`group.members`): `$ref` adds and removes references. */
export type Refs<C extends { byId(id: string | number): unknown }> =
  { byId(id: string | number): ItemOf<C> & { $ref: RefOne } } & { $ref: RefMany } & C;

/** A single contained entity that Graph creates by `POST` to its own path (`POST /external/connections/{id}/schema`). */
export type Creatable<B extends Item> = B & {
  post(body: New<B[typeof model]>, options?: WriteOptions): Promise<B[typeof model] | undefined>;
  post(body: BodyInit, options: RawWriteOptions): Promise<unknown>;
};

/** A single non-contained entity (`user.manager`). */
export type Ref<B> = B & { $ref: RefOne };

/** A reference body: `{ '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/{id}' }`. */
export interface ODataRef {
  '@odata.id': string;
}

export interface RefMany {
  get(options?: RequestOptions): Promise<Page<ODataRef>>;
  post(body: ODataRef, options?: WriteOptions): Promise<void>;
  /** `DELETE …/$ref?$id=https://graph.microsoft.com/v1.0/directoryObjects/{id}`: the reference to remove, named by its URL. */
  delete(options: WriteOptions & { params: { $id: string } }): Promise<void>;
}

export interface RefOne {
  get(options?: RequestOptions): Promise<ODataRef>;
  put(body: ODataRef, options?: WriteOptions): Promise<void>;
  delete(options?: WriteOptions): Promise<void>;
}

/** Binary content: a media entity's `$value` or a stream property (`driveItem.content`). */
export interface Stream {
  /** The raw response, unread: `.arrayBuffer()`, `.text()`, or stream `.body` for large content. */
  download(options?: RequestOptions & { params?: Params }): Promise<Response>;
  /** `PUT` of the bytes as they are (small files; large ones go through an upload session). */
  upload(body: BodyInit, options?: WriteOptions & { contentType?: string }): Promise<unknown>;
  /** `DELETE …/$value`: removes the content (a profile photo). */
  delete(options?: WriteOptions): Promise<void>;
}

/** A bound or unbound action: `POST` with its parameters as a JSON body. `P = void` means no body. */
export interface Action<P, R> {
  post(body: ActionBody<P>, options?: WriteOptions): Promise<R>;
  /** A body sent as given under its content type: `sendMail`, `reply`, `forward` take MIME as base64 `text/plain`. */
  post(body: BodyInit, options: RawWriteOptions): Promise<R>;
}

/** An action whose parameters are all optional: `post()` sends it without a body. */
export interface OptionalAction<P, R> extends Action<P, R> {
  post(body?: ActionBody<P>, options?: WriteOptions): Promise<R>;
  post(body: BodyInit, options: RawWriteOptions): Promise<R>;
}

/** A function call that returns a value or complex type: `GET …/name(param=…)`. */
export interface Fn<R> {
  get(options?: RequestOptions & { params?: Params }): Promise<R>;
}

/** A function that returns entities (`delta()`, `search(q='…')`): read like a collection. */
export interface FnColl<T, B> {
  readonly [self.model]: T;
  get<K extends Selectable<T> = keyof T & string>(query?: ListQuery<T, K, NavOf<B>>): Promise<Page<Selected<T, K>>>;
  list<K extends Selectable<T> = keyof T & string>(query?: ListQuery<T, K, NavOf<B>>): AsyncIterableIterator<Selected<T, K>>;
  pages<K extends Selectable<T> = keyof T & string>(query?: ListQuery<T, K, NavOf<B>>): AsyncIterableIterator<Page<Selected<T, K>>>;
}

/** A complex property addressed as a path (`/me/mailboxSettings`): read and updated on its own. */
export interface Prop<T> {
  get(options?: RequestOptions & { select?: readonly (keyof T & string)[]; params?: Params }): Promise<T>;
  patch(body: New<T>, options?: WriteOptions): Promise<T | undefined>;
}

/** A primitive or enum property addressed as a path (`…/mailboxSettings/timeZone`): Graph sends it as `{ value }`. */
export interface Value<T> {
  get(options?: RequestOptions & { params?: Params }): Promise<{ value: T }>;
}

/** Query options on a collection of complex or primitive values. */
export interface ValuesQuery<T> extends RequestOptions {
  select?: readonly (T extends object ? keyof T & string : never)[];
  filter?: string;
  orderby?: readonly (T extends object ? OrderBy<T> : never)[];
  top?: number;
  skip?: number;
  search?: string;
  count?: boolean;
  params?: Params;
}

/**
 * A collection of complex or primitive values: a property addressed as a path (`/users/{id}/identities`)
 * or what a function returns (`getSchedule`-like reads), with query options and paging.
 */
export interface Values<T> {
  get(query?: ValuesQuery<T>): Promise<Page<T>>;
  list(query?: ValuesQuery<T>): AsyncIterableIterator<T>;
  pages(query?: ValuesQuery<T>): AsyncIterableIterator<Page<T>>;
}

/** Colon path addressing (`/me/drive/root:/Folder/file.txt:`, `/sites/contoso.sharepoint.com:/sites/team:`). */
export interface PathAddressable<B> {
  byPath(path: string): B;
}

/** The entity set a python-o365 resource string addresses (see resource.ts): users unless it names a group or site. */
export type ResourceSet<R extends string> =
  R extends `site:${string}` | `sites/${string}` | `/sites/${string}` ? 'sites'
    : R extends `group:${string}` | `groups/${string}` | `/groups/${string}` ? 'groups'
      : 'users';

/** What every generated client root is besides its entity sets and singletons. */
export interface Root<C> {
  /**
   * The user, group or site a resource string names, python-o365 style: `'me'`, `'user:x@y.com'`,
   * `'x@y.com'`, `'users/{id}'`, `'group:{id}'`, `'site:{id}'`, `'site:contoso.sharepoint.com:/sites/team'`.
   * Without an argument, the client's default resource (`'me'` unless set).
   */
  resource<R extends string = 'me'>(resource?: R): ItemOf<C[ResourceSet<R> & keyof C]>;
  /** Releases the client's connections; later requests reject with a clear error. */
  close(): Promise<void>;
}

/** An entity a delta round reports as gone from the collection (deleted, or moved out of a folder). */
export interface Removed {
  id: string;
  '@removed': { reason: 'changed' | 'deleted' | (string & {}) };
}
