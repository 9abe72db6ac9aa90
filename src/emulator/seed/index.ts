// What the store starts with. `seed` is a list applied in order: `'default'` (the built-in Contoso tenant),
// a function that gets the seeding API, or data keyed by entity set / singleton name in Graph's own JSON
// (contained children inline, links as `nav@odata.bind`). A single function or data replaces the default;
// `['default', extra]` extends it; `[]` starts empty.
import type { GraphService } from '../service.js';
import { createSeedApi, SeedError, type SeedApi } from './api.js';
import { seedCalendars, seedContacts } from './calendar.js';
import { seedDrives, seedSites, seedTeams } from './files.js';
import { SEED_NOW, seedMailboxes } from './mail.js';
import { seedGroups, seedOrganization, seedUsers } from './people.js';

export type SeedFunction = (api: SeedApi) => void;
/** `{ users: [{…}], groups: [{…}], organization: [{…}] }`: each value is POSTed (sets) or PATCHed (singletons). */
export type SeedData = Record<string, unknown>;
export type SeedSpec = 'default' | SeedFunction | SeedData;
export type SeedOption = SeedSpec | SeedSpec[];

export function seedDefaultTenant(api: SeedApi): void {
  seedOrganization(api);
  seedUsers(api);
  seedGroups(api);
  seedMailboxes(api);
  seedCalendars(api);
  seedContacts(api);
  seedDrives(api);
  seedSites(api);
  seedTeams(api);
}

export function applySeed(service: GraphService, option: SeedOption = 'default'): void {
  const specs = Array.isArray(option) ? option : [option];
  const api = createSeedApi(service);
  const fitted = createSeedApi(service, { fit: true });
  const realClock = service.store.clock;
  // Seeded timestamps that are not given explicitly are fixed too, so two runs give the same tenant.
  service.store.clock = () => new Date(SEED_NOW);
  try {
    for (const spec of specs) {
      if (spec === 'default') seedDefaultTenant(fitted);
      else if (typeof spec === 'function') spec(api);
      else applyData(api, spec);
    }
  } finally {
    service.store.clock = realClock;
  }
}

function applyData(api: SeedApi, data: SeedData): void {
  for (const [root, value] of Object.entries(data)) {
    if (api.index.schema.entitySets[root]) {
      for (const item of Array.isArray(value) ? value : [value]) api.post(`/${root}`, item);
    } else if (api.index.schema.singletons[root]) {
      api.patch(`/${root}`, value);
    } else {
      throw new SeedError(`Seed data names '${root}', which is neither an entity set nor a singleton of ${api.version}.`);
    }
  }
}

export { SeedError, type SeedApi } from './api.js';
