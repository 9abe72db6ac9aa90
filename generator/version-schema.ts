// The model one API version's build is generated from: its pinned metadata, completed from another version's
// where metadata/overrides.json `supplements` says so (supplement.ts), with the overrides applied. The
// generator, the measuring scripts and the tests that walk documented paths all read it from here.
import { readPinnedMetadata } from './metadata.js';
import { applyOverrides, type Overrides } from './overrides.js';
import { buildSchema } from './schema-builder.js';
import { supplement } from './supplement.js';
import type { GraphSchema } from '../src/schema.js';

export async function versionSchema(version: string, root: string, overrides: Overrides): Promise<GraphSchema> {
  const own = buildSchema(await readPinnedMetadata(version, root), version);
  const from = overrides.supplements[version];
  const completed = from ? supplement(own, buildSchema(await readPinnedMetadata(from, root), from)) : own;
  return applyOverrides(completed, overrides);
}
