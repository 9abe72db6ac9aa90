// Resolves documented Graph request lines against one version's model and reports what the typed
// client must address beyond navigation: properties used as path segments, members of a derived type
// reached without a cast, `$ref` on contained navigation, and what does not resolve at all.
//   node --import tsx scripts/doc-paths.ts v1.0 requests.txt   (one `METHOD https://graph.microsoft.com/v1.0/…` a line)
// Lines come from Microsoft's docs (microsoftgraph/microsoft-graph-docs, api-reference/*/api/*.md).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelIndex } from '../generator/model-index.js';
import { NO_ADDRESSING, readOverrides, type Addressing } from '../generator/overrides.js';
import { versionSchema } from '../generator/version-schema.js';
import type { TypeRef } from '../src/schema.js';

/** The navigation property a state was reached through. */
interface Via { owner: string; nav: string; contained: boolean }

type State =
  | { kind: 'root' }
  | { kind: 'coll'; type: string; via?: Via }
  | { kind: 'item'; type: string; via?: Via }
  /** `addressed`: reached through a property listed in the overrides; `result`: a function's result. */
  | { kind: 'complex'; type: string; collection: boolean; addressed?: boolean; result?: boolean }
  | { kind: 'leaf' };

export interface Finding {
  kind: 'property' | 'derived' | 'containedRef' | 'unresolved';
  /** `user/mailboxSettings`, `mobileApp → mobileLobApp/contentVersions`, … */
  what: string;
  /** The generated client addresses it: by `addressing` in metadata/overrides.json, or by rule (a function result's stream). */
  covered?: boolean;
}

export function resolvePath(index: ModelIndex, path: string, addressing: Addressing = NO_ADDRESSING): Finding[] {
  const s = index.schema;
  const short = (t: string): string => t.replace(/^microsoft\.graph\./, '');
  const findings: Finding[] = [];
  // Colon paths (`root:/a/b.txt:`) and key parentheses are addressing, not members.
  const clean = path.replace(/:\/[^:]*:?/g, '').replace(/\?.*$/, '');
  const segments = clean.split('/').filter((x) => x.length > 0);
  let state: State = { kind: 'root' };
  const qualify = (name: string): string | undefined => {
    const n = name.replace(/^graph\./, 'microsoft.graph.');
    return index.structured(n) ? n : undefined;
  };
  const ops = (type: string, collection: boolean, name: string) =>
    [type, ...index.ancestors(type)].flatMap((t) => index.boundTo(t, collection)).filter((o) => o.name === name);
  const result = (r: TypeRef | undefined): State => {
    if (!r) return { kind: 'leaf' };
    if (index.isEntity(r.type)) return r.collection ? { kind: 'coll', type: r.type } : { kind: 'item', type: r.type };
    if (index.structured(r.type)) return { kind: 'complex', type: r.type, collection: r.collection };
    return { kind: 'leaf' };
  };
  for (const raw of segments) {
    let seg = raw;
    let key = false;
    const paren = /^([^()]+)\((.*)\)$/.exec(raw);
    if (paren) {
      seg = paren[1]!;
      key = true;
    }
    const name = seg.replace(/^(microsoft\.graph|graph)\.(?=[a-z]\w*$)/, '');
    if (state.kind === 'root') {
      const set = s.entitySets[seg];
      const single = s.singletons[seg];
      if (set) state = key ? { kind: 'item', type: set.type } : { kind: 'coll', type: set.type };
      else if (single) state = { kind: 'item', type: single.type };
      else {
        const op = s.operations.find((o) => !o.bound && o.importName === seg);
        if (!op) return [...findings, { kind: 'unresolved', what: `root has no ${seg}` }];
        state = result(op.returnType);
      }
      continue;
    }
    if (state.kind === 'leaf') {
      if (seg === '$value' || seg === '$count' || seg === '$ref') continue;
      return [...findings, { kind: 'unresolved', what: `nothing after a leaf: ${seg}` }];
    }
    if (state.kind === 'complex') {
      const t = index.structured(state.type)!;
      const all = [t, ...index.ancestors(state.type).map((a) => index.structured(a)!)];
      const prop = all.flatMap((x) => x.properties).find((p) => p.name === seg);
      if (prop) {
        const covered = !!state.addressed || (!!state.result && prop.type === 'Edm.Stream');
        findings.push({ kind: 'property', what: `${short(state.type)}/${seg}`, covered });
        state = prop.type === 'Edm.Stream' ? { kind: 'leaf' } : result(prop);
        if (state.kind === 'complex') state.addressed = covered;
        if (prop.type.startsWith('Edm.')) state = { kind: 'leaf' };
        continue;
      }
      if (seg === '$count') { state = { kind: 'leaf' }; continue; }
      const cast = qualify(seg);
      if (cast) { state = { ...state, type: cast }; continue; }
      return [...findings, { kind: 'unresolved', what: `${short(state.type)} (complex) has no ${seg}` }];
    }
    if (state.kind === 'coll') {
      if (seg === '$ref' && state.via?.contained) findings.push({ kind: 'containedRef', what: `${short(state.via.owner)}/${state.via.nav}`, covered: addressing.refs.includes(`${state.via.owner}/${state.via.nav}`) });
      if (seg === '$count' || seg === '$ref') { state = { kind: 'leaf' }; continue; }
      const cast = qualify(seg);
      if (cast && seg.includes('.')) { state = { kind: 'coll', type: cast }; continue; }
      const op = ops(state.type, true, name)[0];
      if (op) { state = result(op.returnType); continue; }
      state = { kind: 'item', type: state.type };
      continue; // a key
    }
    // An entity.
    const type = state.type;
    const chain = [type, ...index.ancestors(type)];
    const member = (t: string): State | undefined => {
      const e = index.entity(t);
      const nav = e?.navigation.find((n) => n.name === seg);
      if (nav) return { kind: nav.collection ? 'coll' : 'item', type: nav.type, via: { owner: t, nav: seg, contained: nav.containsTarget } };
      const prop = index.structured(t)?.properties.find((p) => p.name === seg);
      if (prop) {
        if (prop.type === 'Edm.Stream') return { kind: 'leaf' };
        const covered = !!addressing.properties[t]?.includes(seg);
        findings.push({ kind: 'property', what: `${short(t)}/${seg}`, covered });
        const next = prop.type.startsWith('Edm.') ? { kind: 'leaf' as const } : result(prop);
        return next.kind === 'complex' ? { ...next, addressed: covered } : next;
      }
      const op = ops(t, false, name)[0];
      if (op) {
        const r = result(op.returnType);
        return r.kind === 'complex' ? { ...r, result: true } : r;
      }
      return undefined;
    };
    if (seg === '$value') { state = { kind: 'leaf' }; continue; }
    if (seg === '$ref') {
      if (state.via?.contained) findings.push({ kind: 'containedRef', what: `${short(state.via.owner)}/${state.via.nav}`, covered: addressing.refs.includes(`${state.via.owner}/${state.via.nav}`) });
      state = { kind: 'leaf' };
      continue;
    }
    const cast = seg.includes('.') ? qualify(seg) : undefined;
    if (cast) { state = { kind: 'item', type: cast }; continue; }
    let next: State | undefined;
    for (const t of chain) if ((next = member(t))) break;
    if (!next) {
      for (const d of index.descendants(type)) {
        const e = index.entity(d);
        const found = e && (e.navigation.some((n) => n.name === seg) || e.properties.some((p) => p.name === seg) || index.boundTo(d, false).some((o) => o.name === name));
        if (found) {
          findings.push({ kind: 'derived', what: `${short(type)} → ${short(d)}/${seg}`, covered: !!addressing.derivedMembers[type]?.includes(`${d}/${seg}`) });
          next = member(d);
          break;
        }
      }
    }
    if (!next) return [...findings, { kind: 'unresolved', what: `${short(type)} has no ${seg}` }];
    state = next;
  }
  return findings;
}

async function main(): Promise<void> {
  const [version = 'v1.0', file] = process.argv.slice(2);
  if (!file) throw new Error('usage: doc-paths.ts <version> <requests.txt>');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const overrides = await readOverrides(join(root, 'metadata/overrides.json'));
  const { addressing } = overrides;
  const index = new ModelIndex(await versionSchema(version, root, overrides));
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  const counts = new Map<string, number>();
  let clean = 0;
  let covered = 0;
  for (const line of lines) {
    const m = /^(\w+) https:\/\/graph\.microsoft\.com\/[^/]+(\/[^ ]*)/.exec(line);
    if (!m) continue;
    const findings = resolvePath(index, decodeURI(m[2]!), addressing);
    if (findings.length === 0) clean++;
    if (findings.every((f) => f.covered)) covered++;
    for (const f of findings) {
      const key = `${f.kind}${f.covered ? ' (addressed)' : ''}\t${f.what}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  console.log(`${lines.length} request lines: ${clean} resolve through the CSDL's navigation, keys, casts and operations alone; ${covered} with the overrides' addressing`);
  for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${n}\t${k}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
