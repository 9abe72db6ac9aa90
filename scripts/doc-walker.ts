// The walker: a documented request path (`/me/mailFolders/inbox/messages/{id}/reply`) written as the fluent
// client's expression (`c.me.mailFolders.byId("inbox").messages.byId("{id}").reply`), as a user would write it.
// Used by scripts/doc-bodies.ts (documented bodies) and scripts/doc-wire.ts (documented requests on the wire);
// what it cannot address it says why, and a path the docs get wrong it counts apart by a stated rule.
import type { ModelIndex } from '../generator/model-index.js';
import { memberName } from '../generator/naming.js';
import type { Addressing } from '../generator/overrides.js';
import { canonicalSegments } from '../test/helpers/recording-server.js';
import type { OperationDef } from '../src/schema.js';

/** `name(a='x',b=2)` → `name({"a":"x","b":2})`: a function call as the fluent client writes it. */
function call(name: string, segment: string): string {
  const args = /\((.*)\)$/.exec(segment)?.[1] ?? '';
  const params: Record<string, string | number | boolean> = {};
  for (const part of args.split(/,(?=(?:[^']*'[^']*')*[^']*$)/).filter((a) => a.includes('='))) {
    const eq = part.indexOf('=');
    const value = part.slice(eq + 1).trim();
    // An enum member may carry its type's name (`microsoft.graph.timeZoneStandard'Iana'`); the client takes the member.
    const literal = /^[A-Za-z_][\w.]*'.*'$/.test(value) ? value.slice(value.indexOf("'")) : value;
    params[part.slice(0, eq).trim()] = /^'.*'$/.test(literal) ? literal.slice(1, -1).replace(/''/g, "'") : /^-?\d+(\.\d+)?$/.test(literal) ? Number(literal) : literal === 'true' || literal === 'false' ? literal === 'true' : literal;
  }
  return `.${memberName(name)}(${Object.keys(params).length ? JSON.stringify(params) : ''})`;
}

/**
 * How the walker reads a documented path. `anyCase`: names in any case, as Graph resolves them
 * (`/me/calendargroups`, `…/notebooks/GetNotebookFromWebUrl`); the fluent client writes them as the
 * metadata does, so the wire differs in the case of those names only (`names` says which segments they
 * are). `post`: the request is a POST, so a function named last without arguments is posted to
 * (`…/charts/itemAt` with a body). `method`: the documented method, checked where OData fixes it (an
 * action is invoked by POST).
 */
export interface WalkOptions { anyCase?: boolean; post?: boolean; method?: string }

/**
 * A path the fluent client addresses. `expr` builds it from a client `c`; `last` is what it ends on;
 * `names` are the indexes, in the path's canonical segments (test/helpers/recording-server.ts
 * `canonicalSegments`), of the segments that are names (sets, navigation, properties, operations, casts,
 * `$value`…), as opposed to keys: where the wire may differ from the docs in case. `qualified` are those
 * of operations the docs name with their namespace (`…/tiIndicators/microsoft.graph.submitTiIndicators`),
 * which the client calls by the bare name: the same call in Graph (GRAPH-NOTES).
 */
export interface Walked { expr: string; last: 'coll' | 'item' | 'action' | 'stream' | 'other'; names: number[]; qualified: number[] }

/**
 * A path the walker does not address, and why. `docs` is set when the request line itself is wrong by a
 * rule below (not a request Graph serves as written), with the rule's reason; otherwise the fluent API
 * cannot say it.
 */
export interface Missed { miss: string; docs?: string }

/** The fluent expression that addresses `path`, or undefined where this walker cannot say. */
export function fluent(index: ModelIndex, addressing: Addressing, path: string, how: WalkOptions = {}): Walked | undefined {
  const w = walk(index, addressing, path, how);
  return 'miss' in w ? undefined : w;
}

/**
 * The rules by which a documented request line is the docs' mistake rather than a request: each names
 * what Graph would answer. Checked on the raw line before walking; the walk adds two of its own (an
 * operation named on an item while Graph binds it to the collection, or the other way round; a member
 * named below a collection of complex values, whose items have no address).
 */
function pathMistake(path: string): string | undefined {
  // `resizedRange(deltaRows={n}, …)`, `cell(row=<row>,…)`, `(startDateTime=<timestamp>)`: an argument left as a placeholder.
  if (/=\s*[{<][^,)]*[}>]\s*[,)]/.test(path)) return 'a function argument left as a placeholder';
  // `…/assignmentCategories/$entity`, `…/tables/$/add`: an OData segment no request has.
  if (/\/\$(?!ref\b|value\b|count\b)/.test(path)) return 'a $ segment that is not $ref, $value or $count';
  // `/teams/{id}/members//ZWUw…`, `/admin//windows/updates`: an empty segment, a typo (the pages' own syntax sections have one slash).
  if (/[^:]\/\//.test(path) || path.startsWith('//')) return 'an empty path segment';
  // `getRoleScopeTagsByIds(ids=[` (the page breaks the line), `…==='/extensions/…')`: not all there.
  if (path.split('(').length !== path.split(')').length || (path.match(/'/g)?.length ?? 0) % 2 !== 0) return 'a request line cut off or unbalanced';
  return undefined;
}

/**
 * A function call the docs write wrong: required parameters left out (the page gives them in a GET
 * body, which a function does not read), or an `Edm.Date` written as a quoted string (OData writes a
 * date bare, as the page's own syntax section does: `getYammerActivityUserDetail(date={date_value})`).
 */
function misCalled(index: ModelIndex, op: OperationDef, seg: string): string | undefined {
  const args = /\((.*)\)$/.exec(seg)?.[1] ?? '';
  if (args.trim() === '' && op.parameters.some((p) => !p.optional)) return `${op.name} called without its required parameters`;
  const quoted = op.parameters.find((p) => p.type === 'Edm.Date' && new RegExp(`(^|,)\\s*${p.name}\\s*=\\s*'`).test(args));
  if (quoted) return `${op.name}'s ${quoted.name} is an Edm.Date, written bare in OData, quoted here`;
  // `filterByCurrentUser(on='dce468b2-…')`, `(summarizeBy='parameterValue')`: an enum parameter given no member of its enum.
  for (const p of op.parameters) {
    const members = index.schema.enumTypes[p.type]?.members.map((m) => m.name.toLowerCase());
    const value = new RegExp(`(?:^|,)\\s*${p.name}\\s*=\\s*'([^']*)'`).exec(args)?.[1];
    if (members && value !== undefined && !value.split(',').every((v) => members.includes(v.trim().toLowerCase()))) return `${op.name}'s ${p.name} takes a member of ${p.type}, not '${value}'`;
  }
  return undefined;
}

/** Walks `path` (raw, as documented) through the model: what the fluent client writes for it, or why not. */
export function walk(index: ModelIndex, addressing: Addressing, path: string, how: WalkOptions = {}): Walked | Missed {
  const s = index.schema;
  if (path.includes('?')) return { miss: 'a query inside the path' };
  const mistake = pathMistake(path);
  if (mistake) return { miss: mistake, docs: mistake };
  const colon = colonPath(path);
  if (colon) return walkColonPath(index, addressing, colon, how);
  const raw = path.split('/').filter(Boolean);
  const segments = raw.flatMap(canonicalSegments);
  const same = (a: string, b: string): boolean => a === b || (how.anyCase === true && a.toLowerCase() === b.toLowerCase());
  const find = <V>(record: Record<string, V>, name: string): [string, V] | undefined => {
    if (record[name] !== undefined) return [name, record[name]!];
    return how.anyCase ? Object.entries(record).find(([k]) => same(k, name)) : undefined;
  };
  let expr = 'c';
  const names: number[] = [];
  const qualified: number[] = [];
  /** The entity types the path went through, for the docs' mistake of naming an operation below its entity. */
  const passed: string[] = [];
  // `result`: a function's complex result, whose stream properties are paths (`…/getM365AppUserDetail(period='D7')/content`).
  type State = { kind: 'root' } | { kind: 'coll' | 'item' | 'complex' | 'result'; type: string } | { kind: 'action' | 'stream' | 'other' };
  let state: State = { kind: 'root' };
  const js = (v: string): string => JSON.stringify(v);
  const named = (at: number, member: string): void => { names.push(at); expr += member; };
  for (const [at, seg] of segments.entries()) {
    if (state.kind === 'root') {
      const set = find(s.entitySets, seg);
      const single = find(s.singletons, seg);
      const imported = s.operations.find((o) => o.kind === 'action' && o.importName !== undefined && same(o.importName, seg));
      if (set) state = { kind: 'coll', type: set[1].type };
      else if (single) state = { kind: 'item', type: single[1].type };
      else if (imported) state = { kind: 'action' };
      else return { miss: `no entity set, singleton or action import ${seg}` };
      named(at, `.${memberName(set?.[0] ?? single?.[0] ?? imported!.importName!)}`);
      continue;
    }
    if (seg === '$value' && state.kind !== 'coll') { named(at, '.$value'); state = { kind: 'stream' }; continue; }
    if (seg === '$count' && state.kind === 'coll') { named(at, '.$count'); state = { kind: 'other' }; continue; }
    if (seg === '$ref') { named(at, '.$ref'); state = { kind: 'other' }; continue; }
    if (state.kind === 'action' || state.kind === 'stream' || state.kind === 'other') return { miss: `nothing addressed below it: ${seg}` };
    if (state.kind === 'result') {
      const stream = [state.type, ...index.ancestors(state.type)].flatMap((t) => index.structured(t)?.properties ?? []).find((p) => p.type === 'Edm.Stream' && same(p.name, seg));
      if (!stream) return { miss: `a function's result has no stream ${seg}` };
      named(at, `.${memberName(stream.name)}`);
      state = { kind: 'stream' };
      continue;
    }
    const type: string = (state as { type: string }).type;
    if (state.kind === 'item') passed.push(type);
    if (state.kind === 'complex') {
      // Below an addressed complex property: its properties and its navigation (`…/apiConnectorConfiguration/postFederationSignup`).
      const lineage = [type, ...index.ancestors(type)].map((t) => index.structured(t));
      const p = lineage.flatMap((t) => t?.properties ?? []).find((x) => same(x.name, seg));
      const n = lineage.flatMap((t) => t?.navigation ?? []).find((x) => same(x.name, seg));
      if (p) {
        named(at, `.${memberName(p.name)}`);
        if (p.collection && index.structured(p.type) && at < segments.length - 1) {
          const why = `${p.name} is a collection of complex values: its items have no address`;
          return { miss: why, docs: why };
        }
        state = !p.collection && index.structured(p.type) && !index.isEntity(p.type) ? { kind: 'complex', type: p.type } : { kind: 'other' };
        continue;
      }
      if (n) {
        named(at, `.${memberName(n.name)}`);
        state = { kind: n.collection ? 'coll' : 'item', type: n.type };
        continue;
      }
      return { miss: `${type} has no ${seg}` };
    }
    const cast = seg.startsWith('microsoft.graph.') ? find({ ...s.entityTypes, ...s.complexTypes }, seg)?.[0] : undefined;
    if (cast) {
      named(at, `.cast(${js(cast)})`);
      state = { kind: state.kind, type: cast };
      continue;
    }
    const chain: string[] = [type, ...index.ancestors(type)];
    const derived: string[] = index.descendants(type).filter((d) => index.isEntity(d));
    const navOf = (t: string) => index.entity(t)?.navigation.find((n) => same(n.name, seg));
    // An operation by its bare name or qualified by its namespace or the `graph` alias (`microsoft.graph.delta`).
    const opName = seg.replace(/\(.*$/, '');
    const dot = opName.lastIndexOf('.');
    const opOf = (t: string, coll: boolean) => index.boundTo(t, coll)
      .find((o) => dot < 0 ? same(o.name, opName) : same(o.name, opName.slice(dot + 1)) && [o.namespace, o.namespace.replace(/^microsoft\./, '')].some((n) => same(n, opName.slice(0, dot))));
    // A function named last without arguments in a POST: posted to, its parameters in the body.
    const posted = (op: { kind: string; name: string }): boolean => how.post === true && op.kind === 'function' && at === segments.length - 1 && !seg.includes('(');
    if (state.kind === 'coll') {
      const op = chain.map((t: string) => opOf(t, true)).find(Boolean);
      if (op) {
        if (dot >= 0) qualified.push(at);
        const asAction = op.kind === 'action' || posted(op);
        const wrong = asAction ? undefined : misCalled(index, op, seg);
        if (wrong) return { miss: wrong, docs: wrong };
        named(at, asAction ? `.${memberName(op.name)}` : call(op.name, seg));
        state = { kind: asAction ? 'action' : 'other' };
        const r = op.returnType;
        if (!asAction && r && index.isEntity(r.type) && (r.collection || op.composable)) state = { kind: r.collection ? 'coll' : 'item', type: r.type };
        continue;
      }
      expr += `.byId(${js(seg)})`;
      state = { kind: 'item', type };
      continue;
    }
    const nav = chain.map(navOf).find(Boolean);
    const derivedNav = nav ? undefined : derived.map((d) => [d, navOf(d)] as const).find(([, n]) => n);
    const found = nav ?? derivedNav?.[1];
    if (found) {
      const owner = nav ? undefined : derivedNav![0];
      const direct = !owner || addressing.derivedMembers[type]?.includes(`${owner}/${found.name}`);
      named(at, direct ? `.${memberName(found.name)}` : `.cast(${js(owner!)}).${memberName(found.name)}`);
      state = { kind: found.collection ? 'coll' : 'item', type: found.type };
      continue;
    }
    const op = [...chain, ...derived].map((t: string) => opOf(t, false)).find(Boolean);
    if (op) {
      if (dot >= 0) qualified.push(at);
      if (op.kind === 'function' && !posted(op)) {
        const wrong = misCalled(index, op, seg);
        if (wrong) return { miss: wrong, docs: wrong };
        named(at, call(op.name, seg));
        const r = op.returnType;
        state = r && index.isEntity(r.type) && (r.collection || op.composable) ? { kind: r.collection ? 'coll' : 'item', type: r.type }
          : r && !r.collection && index.structured(r.type) ? { kind: 'result', type: r.type }
            : { kind: r?.type === 'Edm.Stream' ? 'stream' : 'other' };
        continue;
      }
      named(at, `.${memberName(op.name)}`);
      state = { kind: 'action' };
      continue;
    }
    const stream = chain.flatMap((t: string) => index.structured(t)?.properties ?? []).find((p) => p.type === 'Edm.Stream' && same(p.name, seg));
    if (stream) {
      named(at, `.${memberName(stream.name)}`);
      state = { kind: 'stream' };
      continue;
    }
    const property = chain.flatMap((t: string) => addressing.properties[t] ?? []).find((p) => same(p, seg));
    if (property) {
      named(at, `.${memberName(property)}`);
      const def = chain.flatMap((t: string) => index.structured(t)?.properties ?? []).find((p) => p.name === property);
      if (def?.collection && index.structured(def.type) && at < segments.length - 1) {
        const why = `${def.name} is a collection of complex values: its items have no address`;
        return { miss: why, docs: why };
      }
      state = def && !def.collection && index.structured(def.type) && !index.isEntity(def.type) ? { kind: 'complex', type: def.type } : { kind: 'other' };
      continue;
    }
    const elsewhere = chain.map((t: string) => opOf(t, true)).find(Boolean);
    if (elsewhere) {
      const why = `${elsewhere.name} is bound to a collection of ${type}, named here on one item`;
      return { miss: why, docs: why };
    }
    // `…/workbook/worksheets({id})/createSession`: an operation of an entity further up the path, named below it.
    const above = passed.find((t) => [t, ...index.ancestors(t)].some((u) => opOf(u, false)));
    if (above) {
      const why = `${seg} is bound to ${above}, further up the path, not to ${type}`;
      return { miss: why, docs: why };
    }
    return { miss: `${type} has no ${seg}` };
  }
  if (state.kind === 'root') return { miss: 'an empty path' };
  // `PATCH …/onPremisesConnections/{id}/UpdateAdDomainPassword`: OData invokes an action by POST only.
  if (state.kind === 'action' && how.method !== undefined && how.method !== 'POST') {
    const why = `an action invoked by ${how.method}; OData invokes actions by POST`;
    return { miss: why, docs: why };
  }
  return { expr, last: state.kind === 'complex' || state.kind === 'result' ? 'other' : state.kind, names, qualified };
}

/** `root:/a/b.txt` and `root:/a/b.txt:` are one item: `path` with a colon path open at its end closed, as the client writes it. */
export function closeColonPath(path: string): string {
  return colonPath(path)?.closed === false ? `${path}:` : path;
}

/**
 * `/me/drive/root:/a/b.txt:/content` → the item addressed (`/me/drive/root`), the path in it (`a/b.txt`),
 * what follows (`/content`) and whether a colon closes the path.
 */
function colonPath(path: string): { item: string; inside: string; rest: string; closed: boolean } | undefined {
  const open = path.indexOf(':/');
  if (open < 0) return undefined;
  const close = path.indexOf(':', open + 1);
  const end = close < 0 ? path.length : close;
  return { item: path.slice(0, open), inside: path.slice(open + 2, end), rest: close < 0 ? '' : path.slice(close + 1), closed: close >= 0 };
}

/**
 * A colon path (GRAPH-NOTES): the item before it (`root`, an item of `items`, a site by host name) then
 * `byPath()`, then what follows, walked from an item of the same type (a drive item's or a site's path
 * names another drive item or site). The names after it move by the path's segments.
 */
function walkColonPath(index: ModelIndex, addressing: Addressing, colon: { item: string; inside: string; rest: string }, how: WalkOptions): Walked | Missed {
  const item = walk(index, addressing, colon.item, { ...how, method: undefined, post: false });
  if ('miss' in item) return item;
  if (item.last !== 'item') return { miss: `a colon path after ${item.last === 'coll' ? 'a collection' : 'no item'}` };
  const whole = walk(index, addressing, `${colon.item}${colon.rest}`, how);
  if ('miss' in whole) return whole;
  const shift = colon.inside.split('/').filter(Boolean).length;
  const after = (positions: number[], before: number[]): number[] => [...before, ...positions.slice(before.length).map((i) => i + shift)];
  return {
    expr: `${item.expr}.byPath(${JSON.stringify(decodeURIComponent(colon.inside))})${whole.expr.slice(item.expr.length)}`,
    last: whole.last,
    names: after(whole.names, item.names),
    qualified: after(whole.qualified, item.qualified),
  };
}
