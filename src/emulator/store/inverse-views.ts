// Navigation Graph computes from the other side: a user's `memberOf` is every group whose `members`
// links to it, `directReports` every user whose `manager` it is, `joinedTeams` the teams of the groups
// it is in, and the transitive forms follow nested groups. Stored once (on the group, on the report), so the two sides can never disagree.
import { GraphError } from '../errors.js';
import { computedCollection, type Collection } from './collections.js';
import type { EntityRecord } from './record.js';
import type { Store } from './store.js';
import type { ViewContext } from './views.js';

/** Nested groups deeper than this are a cycle or a mistake; Entra stops well before. */
const MAX_NESTING = 32;

function linksTo(record: EntityRecord, nav: string, target: EntityRecord): boolean {
  return (record.refs.get(nav) ?? []).some((r) => r === target && r.alive);
}

/** Records (in any entity set) whose `members` link to `member`. */
function directlyContaining(store: Store, member: EntityRecord): EntityRecord[] {
  const out: EntityRecord[] = [];
  for (const set of store.sets.values()) {
    for (const r of set.values()) if (!out.includes(r) && linksTo(r, 'members', member)) out.push(r);
  }
  return out;
}

function transitive(start: EntityRecord, step: (r: EntityRecord) => EntityRecord[]): EntityRecord[] {
  const seen: EntityRecord[] = [];
  let frontier = [start];
  for (let depth = 0; frontier.length > 0 && depth < MAX_NESTING; depth++) {
    const next: EntityRecord[] = [];
    for (const r of frontier) {
      for (const n of step(r)) {
        if (n !== start && !seen.includes(n)) {
          seen.push(n);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

function readOnly(ctx: ViewContext, list: () => EntityRecord[]): Collection {
  return computedCollection({
    elementType: ctx.nav.type, contained: false, anchor: ctx.parent, list,
    find: (key) => list().find((r) => ctx.store.keyOf(r) === key),
    insert: () => {
      throw new GraphError(405, 'Request_BadRequest', `'${ctx.nav.name}' is computed from the other side of the relationship and cannot be written here.`);
    },
  });
}

const memberOf = (ctx: ViewContext): Collection => readOnly(ctx, () => directlyContaining(ctx.store, ctx.parent));
const transitiveMemberOf = (ctx: ViewContext): Collection =>
  readOnly(ctx, () => transitive(ctx.parent, (r) => directlyContaining(ctx.store, r)));
const transitiveMembers = (ctx: ViewContext): Collection =>
  readOnly(ctx, () => transitive(ctx.parent, (r) => (r.refs.get('members') ?? []).filter((m) => m.alive)));
const directReports = (ctx: ViewContext): Collection => readOnly(ctx, () => {
  const out: EntityRecord[] = [];
  for (const set of ctx.store.sets.values()) {
    for (const r of set.values()) if (!out.includes(r) && linksTo(r, 'manager', ctx.parent)) out.push(r);
  }
  return out;
});

/** A user's teams: the teams of the groups they are a direct member of (a team has its group's id). */
const joinedTeams = (ctx: ViewContext): Collection => readOnly(ctx, () => {
  const teams = ctx.store.entitySet('teams');
  return directlyContaining(ctx.store, ctx.parent)
    .map((group) => teams.get(String(group.props['id'])))
    .filter((team): team is EntityRecord => team !== undefined && team.alive);
});

export const INVERSE_VIEWS: Record<string, (ctx: ViewContext) => Collection> = {
  'microsoft.graph.user/memberOf': memberOf,
  'microsoft.graph.group/memberOf': memberOf,
  'microsoft.graph.user/transitiveMemberOf': transitiveMemberOf,
  'microsoft.graph.group/transitiveMemberOf': transitiveMemberOf,
  'microsoft.graph.group/transitiveMembers': transitiveMembers,
  'microsoft.graph.user/directReports': directReports,
  'microsoft.graph.user/joinedTeams': joinedTeams,
};
