// The model one API version's build is generated from: its pinned metadata, completed from another version's
// where metadata/overrides.json `supplements` says so (supplement.ts), with the overrides applied. The
// generator, the measuring scripts and the tests that walk documented paths all read it from here.
import { readPinnedMetadata } from './metadata.js';
import { applyOverrides, type Overrides } from './overrides.js';
import { buildSchema } from './schema-builder.js';
import { supplement } from './supplement.js';
import type { GraphSchema } from '../src/schema.js';

// Each pinned file is parsed once per process: generating both versions reads v1.0's for beta's supplement
// too. Neither supplement() nor applyOverrides() changes the schema it is given.
const parsed = new Map<string, Promise<GraphSchema>>();

function pinnedSchema(version: string, root: string): Promise<GraphSchema> {
  const key = `${root}\0${version}`;
  let schema = parsed.get(key);
  if (!schema) {
    schema = readPinnedMetadata(version, root).then((xml) => buildSchema(xml, version));
    parsed.set(key, schema);
  }
  return schema;
}

export async function versionSchema(version: string, root: string, overrides: Overrides): Promise<GraphSchema> {
  const own = await pinnedSchema(version, root);
  const from = overrides.supplements[version];
  return applyOverrides(from ? supplement(own, await pinnedSchema(from, root)) : own, overrides);
}
