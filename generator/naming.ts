// Deterministic TypeScript names for Graph's qualified names. Two Graph names that would map to one
// identifier (or to a global the generated code relies on) are told apart by a trailing `_`, assigned in
// a stable order, so regenerating never renames anything that did not change.

/** Globals that generated declarations refer to; a Graph type may not shadow them. */
const RESERVED_TYPE_NAMES = new Set([
  'Array', 'BodyInit', 'Boolean', 'Date', 'Error', 'Function', 'JSON', 'Map', 'Number', 'Object', 'Partial',
  'Pick', 'Promise', 'Readonly', 'Record', 'Response', 'Set', 'String', 'Symbol',
]);

/**
 * Member names the runtime gives a meaning to on every builder (see `src/builder.ts`). A navigation
 * property or operation with one of these names gets a trailing `_`, which the runtime strips again
 * when it builds the URL (`workbookRange.delete_` → `…/delete`).
 */
export const RUNTIME_MEMBERS = new Set([
  'get', 'post', 'patch', 'put', 'delete', 'byId', 'byKey', 'byPath', 'cast', 'download', 'upload', 'then',
]);

export function memberName(name: string): string {
  return RUNTIME_MEMBERS.has(name) ? `${name}_` : name;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as written in a declaration: quoted when it is not an identifier (`'request-id'`). */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : `'${name.replace(/'/g, "\\'")}'`;
}

function pascal(part: string): string {
  return part.charAt(0).toUpperCase() + part.slice(1);
}

/** Lower-cases a leading capital the way Graph's documentation writes action parameters (`Message` → `message`). */
export function parameterName(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

export class TypeNames {
  private readonly byQualified = new Map<string, string>();
  private readonly taken = new Set<string>(RESERVED_TYPE_NAMES);
  /** Base type → the union of it and its derived types (`AnyAttachment`), where values may be any of them. */
  private readonly unions = new Map<string, string>();

  /**
   * @param qualifiedNames every type of the model; `microsoft.graph.*` names are assigned first so the
   * main namespace keeps the plain names (`User`), then the rest in sorted order (`SecurityAlert`).
   */
  constructor(qualifiedNames: Iterable<string>, mainNamespace = 'microsoft.graph') {
    const prefix = `${mainNamespace}.`;
    const all = [...qualifiedNames].sort();
    const main = all.filter((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes('.'));
    const isMain = new Set(main);
    const rest = all.filter((n) => !isMain.has(n));
    for (const qualified of [...main, ...rest]) {
      const local = qualified.startsWith(prefix) ? qualified.slice(prefix.length) : qualified;
      this.byQualified.set(qualified, this.claim(local.split('.').map(pascal).join('')));
    }
  }

  /** The model type's name (`microsoft.graph.user` → `User`). */
  of(qualified: string): string {
    const name = this.byQualified.get(qualified);
    if (!name) throw new Error(`No TypeScript name for unknown type ${qualified}`);
    return name;
  }

  /** Where a value of `qualified` is written: its union with its derived types when it has one, else its name. */
  valueOf(qualified: string): string {
    return this.unions.get(qualified) ?? this.of(qualified);
  }

  /** Names the union of a base type and its derived types (`AnyAttachment`); its members are listed where it is declared. */
  addUnion(qualified: string): string {
    const name = this.claim(`Any${this.of(qualified)}`);
    this.unions.set(qualified, name);
    return name;
  }

  union(qualified: string): string | undefined {
    return this.unions.get(qualified);
  }

  /** Reserves a derived name (builder, collection, …), suffixed with `_` until it is free. */
  claim(wanted: string): string {
    let name = wanted;
    while (this.taken.has(name)) name += '_';
    this.taken.add(name);
    return name;
  }
}
