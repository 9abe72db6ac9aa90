// The resolved model for a version, as `npm run generate` writes it. Read at run time (never imported),
// so the emulator serves whatever metadata the package was generated from. It is stored gzip-compressed:
// the two models are 5.2 MB of JSON that every install of the package carries, and ~0.43 MB compressed;
// reading one back costs ~10 ms once per emulator start.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { GraphSchema } from '../../schema.js';

/** `generated/<version>/schema.json.gz` of this package (same depth from src/ and from dist/). */
export function schemaPath(version: string): string {
  return fileURLToPath(new URL(`../../../generated/${version}/schema.json.gz`, import.meta.url));
}

export function hasGeneratedSchema(version: string): boolean {
  return existsSync(schemaPath(version));
}

export function loadSchema(version: string): GraphSchema {
  const path = schemaPath(version);
  if (!existsSync(path)) {
    throw new Error(`No schema for '${version}' at ${path}: run \`npm run generate\`, or pass \`schema\` to startEmulator.`);
  }
  return readSchemaFile(path);
}

/** A gzip-compressed GraphSchema, as the generator writes it; errors name the file and the fix. */
export function readSchemaFile(path: string): GraphSchema {
  let text: string;
  try {
    text = gunzipSync(readFileSync(path)).toString('utf8');
  } catch (cause) {
    throw new Error(`${path} is not a gzip-compressed schema (${(cause as Error).message}): run \`npm run generate\` to rewrite it.`, { cause });
  }
  let schema: GraphSchema;
  try {
    schema = JSON.parse(text) as GraphSchema;
  } catch (cause) {
    throw new Error(`${path} does not hold JSON once decompressed (${(cause as Error).message}): run \`npm run generate\` to rewrite it.`, { cause });
  }
  if (!schema || !schema.entityTypes || !schema.entitySets || !schema.singletons) {
    throw new Error(`${path} is not a GraphSchema (no entityTypes/entitySets/singletons): run \`npm run generate\` to rewrite it.`);
  }
  return schema;
}
