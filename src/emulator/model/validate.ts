// Checks a JSON payload against the schema before anything is written, so a rejected request leaves the
// store exactly as it was. Knows inheritance (properties of base types, `@odata.type` of derived types),
// nested complex values, collections, enums, deep insert of contained children and `@odata.bind` links.
import type { NavigationDef, TypeRef } from '../../schema.js';
import { badBody, type Area } from '../errors.js';
import type { SchemaIndex } from './schema-index.js';
import { directoryExtensions, type ExtensionNames } from '../store/extensions.js';

/** `value`: an entity given as an action parameter (sendMail's `message`): shape only, children inline. */
export type WriteMode = 'create' | 'update' | 'replace' | 'value';

export interface ValidatedEntity {
  type: string;
  props: Record<string, unknown>;
  /** Contained children given inline (deep insert: a message with its attachments). */
  nested: Array<{ nav: NavigationDef; items: ValidatedEntity[] }>;
  /** `members@odata.bind: [url…]`. */
  binds: Array<{ nav: NavigationDef; urls: string[] }>;
  /** Instance annotations (`@microsoft.graph.conflictBehavior`), and `@emulator.*` when seeding. */
  annotations: Record<string, unknown>;
}

/** What Graph itself refuses to create without, beyond the key. */
const REQUIRED_ON_CREATE: Record<string, string[]> = {
  'microsoft.graph.user': ['accountEnabled', 'displayName', 'mailNickname', 'passwordProfile', 'userPrincipalName'],
  'microsoft.graph.group': ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'],
  'microsoft.graph.mailFolder': ['displayName'],
  'microsoft.graph.contactFolder': ['displayName'],
  'microsoft.graph.calendar': ['name'],
  'microsoft.graph.driveItem': ['name'],
  'microsoft.graph.fileAttachment': ['name', 'contentBytes'],
  'microsoft.graph.channel': ['displayName'],
};

export interface ValidateOptions {
  area: Area;
  /** Seeding may set ids and `@emulator.*` annotations. */
  internal?: boolean;
  /** Extension data the entity may carry beside its properties (store/extensions.ts); directory extensions when not given. */
  extensions?: ExtensionNames;
}

export function validateEntity(
  index: SchemaIndex, declaredType: string, body: unknown, mode: WriteMode, options: ValidateOptions,
): ValidatedEntity {
  const fail = (message: string): never => {
    throw badBody(options.area, message);
  };
  if (!isObject(body)) return fail(`The request body must be a JSON object describing a '${declaredType}'.`);
  const type = resolveODataType(index, declaredType, body['@odata.type'], options.area, true);
  const def = index.entityType(type);
  if (mode === 'create' && def?.abstract) {
    fail(`'${type}' is abstract: give '@odata.type' with a concrete derived type to create one.`);
  }
  const properties = index.properties(type);
  const navigations = index.navigations(type);
  const extensions = options.extensions ?? directoryExtensions(index);
  const result: ValidatedEntity = { type, props: {}, nested: [], binds: [], annotations: {} };

  for (const [name, value] of Object.entries(body)) {
    if (name === '@odata.type') continue;
    if (name.startsWith('@')) {
      if (name.startsWith('@emulator.') && !options.internal) fail(`The annotation '${name}' is reserved for seeding.`);
      result.annotations[name] = value;
      continue;
    }
    const at = name.indexOf('@');
    if (at > 0) {
      const navName = name.slice(0, at);
      if (name.slice(at) !== '@odata.bind') continue; // property annotations such as `x@odata.mediaContentType`
      const nav = navigations.get(navName);
      if (!nav) fail(`The navigation property '${navName}' does not exist on type '${type}'.`);
      const urls = Array.isArray(value) ? value : [value];
      if (!urls.every((u) => typeof u === 'string')) fail(`'${name}' must be a URL or an array of URLs.`);
      if (nav!.collection !== Array.isArray(value)) fail(`'${name}' must be ${nav!.collection ? 'an array of URLs' : 'a single URL'}.`);
      result.binds.push({ nav: nav!, urls: urls as string[] });
      continue;
    }
    const property = properties.get(name);
    if (property) {
      result.props[name] = validateValue(index, property, value, name, options.area);
      continue;
    }
    if (extensions(type, name)) {
      result.props[name] = value; // a directory or registered schema extension's data
      continue;
    }
    const nav = navigations.get(name);
    if (nav?.containsTarget && mode !== 'update') {
      const items = nav.collection ? value : [value];
      if (!Array.isArray(items)) fail(`The navigation property '${name}' expects an array of '${nav.type}'.`);
      result.nested.push({
        nav,
        items: (items as unknown[]).map((item) => validateEntity(index, nav.type, item, 'create', options)),
      });
      continue;
    }
    if (nav) fail(`The navigation property '${name}' cannot be written inline here; use '${name}@odata.bind' or its own URL.`);
    fail(`The property '${name}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
  }

  if (mode === 'create' && !options.internal) {
    const required = [...index.keyOf(type).filter((k) => k !== 'id'),
      ...index.ancestors(type).flatMap((t) => REQUIRED_ON_CREATE[t] ?? [])];
    for (const name of required) {
      if (result.props[name] === undefined || result.props[name] === null) {
        fail(`The property '${name}' is required when creating a '${type}'.`);
      }
    }
  }
  return result;
}

/**
 * Checks one value against a declared type and returns it as Graph stores it: enum members in their declared
 * spelling (`"HTML"` → `"html"`) and string booleans (`"false"`) as booleans, since Graph accepts both and the
 * docs' own samples send them. Anything else is returned as given.
 */
export function validateValue(index: SchemaIndex, ref: TypeRef, value: unknown, path: string, area: Area): unknown {
  const fail = (message: string): never => {
    throw badBody(area, message);
  };
  if (value === null) {
    if (!ref.nullable && !ref.collection) fail(`The property '${path}' cannot be null.`);
    return null;
  }
  if (ref.collection) {
    if (!Array.isArray(value)) {
      fail(`The property '${path}' expects a collection of '${ref.type}', but got ${describe(value)}.`);
    }
    return (value as unknown[]).map((item, i) =>
      validateValue(index, { type: ref.type, collection: false, nullable: true }, item, `${path}[${i}]`, area));
  }
  if (ref.type.startsWith('Edm.')) {
    const primitive = ref.type === 'Edm.Boolean' ? booleanOf(value) : NUMERIC.has(ref.type) ? numberOf(value) : value;
    if (!primitiveOk(ref.type, primitive)) fail(`Cannot convert the literal '${short(value)}' to the expected type '${ref.type}' (property '${path}').`);
    return primitive;
  }
  const enumDef = index.enumType(ref.type);
  if (enumDef) {
    // Graph matches members without regard to case (`"High"`, `"HTML"`) and answers with the declared name.
    const members = typeof value === 'string' ? value.split(',').map((m) => m.trim()) : [];
    const declared = members.map((m) => enumDef.members.find((e) => e.name.toLowerCase() === m.toLowerCase())?.name);
    const known = declared.length > 0 && declared.every((m) => m !== undefined);
    if (!known || (!enumDef.flags && members.length > 1)) {
      fail(`The value '${short(value)}' is not a member of the enumeration '${ref.type}' (property '${path}'); members: ${enumDef.members.map((e) => e.name).join(', ')}.`);
    }
    return declared.join(',');
  }
  const complex = index.complexType(ref.type);
  if (complex) {
    if (!isObject(value)) fail(`The property '${path}' expects a '${ref.type}' object, but got ${describe(value)}.`);
    const obj = value as Record<string, unknown>;
    const type = resolveODataType(index, ref.type, obj['@odata.type'], area, false);
    const props = index.properties(type);
    const open = index.ancestors(type).some((t) => index.structuredType(t)?.open);
    const normalized: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(obj)) {
      const p = name.includes('@') ? undefined : props.get(name);
      if (p) normalized[name] = validateValue(index, p, v, `${path}/${name}`, area);
      else if (name.includes('@') || open) normalized[name] = v;
      else fail(`The property '${name}' does not exist on type '${type}' (in '${path}').`);
    }
    return normalized;
  }
  if (index.entityType(ref.type)) {
    // Entity-typed values appear as action parameters (sendMail's `message`); required-on-create rules
    // belong to the action, so check the shape only.
    const entity = validateEntity(index, ref.type, value, 'value', { area });
    return { ...(value as Record<string, unknown>), ...entity.props };
  }
  return value;
}

/** A number written as a JSON string (`"availabilityViewInterval": "15"`), as Graph's OData reader converts it; anything else unchanged. */
function numberOf(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
}

const NUMERIC = new Set(['Edm.Byte', 'Edm.SByte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Double', 'Edm.Single', 'Edm.Decimal']);

/** `"true"`/`"false"` (any case) as the booleans Graph reads them as; anything else unchanged. */
function booleanOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : value;
}

function resolveODataType(index: SchemaIndex, declared: string, given: unknown, area: Area, entity: boolean): string {
  if (given === undefined) return declared;
  if (typeof given !== 'string') throw badBody(area, "'@odata.type' must be a string such as '#microsoft.graph.fileAttachment'.");
  const name = given.replace(/^#/, '');
  // In the model's namespace (or alias), or else by its last segment among the expected type's own kind:
  // the docs post Outlook's `#Microsoft.OutlookServices.ItemAttachment`, Teams' namespace, or no namespace.
  const type = index.resolveTypeName(name) ?? index.typesEndingIn(name.slice(name.lastIndexOf('.') + 1)).find((t) => index.isA(t, declared));
  const exists = type && (entity ? index.entityType(type) : index.complexType(type));
  if (!type || !exists) throw badBody(area, `A type named '${name}' could not be resolved by the model.`);
  if (!index.isA(type, declared)) {
    throw badBody(area, `The type '${type}' is not compatible with the expected type '${declared}'.`);
  }
  return type;
}

const INTEGER_RANGES: Record<string, [number, number]> = {
  'Edm.Byte': [0, 255], 'Edm.SByte': [-128, 127], 'Edm.Int16': [-32768, 32767],
  'Edm.Int32': [-2147483648, 2147483647], 'Edm.Int64': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function primitiveOk(type: string, value: unknown): boolean {
  const range = INTEGER_RANGES[type];
  if (range) return typeof value === 'number' && Number.isInteger(value) && value >= range[0] && value <= range[1];
  switch (type) {
    case 'Edm.String':
      return typeof value === 'string';
    case 'Edm.Boolean':
      return typeof value === 'boolean';
    case 'Edm.Double':
    case 'Edm.Single':
    case 'Edm.Decimal':
      return typeof value === 'number' || value === 'INF' || value === '-INF' || value === 'NaN';
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
    case 'Edm.Date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'Edm.TimeOfDay':
      return typeof value === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
    case 'Edm.Duration':
      return typeof value === 'string' && /^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(value);
    case 'Edm.Guid':
      return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
    case 'Edm.Binary':
      return typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value);
    default:
      return true; // Edm.Untyped, Edm.Stream, geography types: anything JSON
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} '${short(value)}'`;
}

function short(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
