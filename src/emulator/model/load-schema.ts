// The resolved model for a version, as `npm run generate` writes it. Read at run time (never imported),
// so the emulator serves whatever metadata the package was generated from.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GraphSchema } from '../../schema.js';

/** `generated/<version>/schema.json` of this package (same depth from src/ and from dist/). */
export function schemaPath(version: string): string {
  return fileURLToPath(new URL(`../../../generated/${version}/schema.json`, import.meta.url));
}

export function hasGeneratedSchema(version: string): boolean {
  return existsSync(schemaPath(version));
}

export function loadSchema(version: string): GraphSchema {
  const path = schemaPath(version);
  if (!existsSync(path)) {
    throw new Error(`No schema for '${version}' at ${path}: run \`npm run generate\`, or pass \`schema\` to startEmulator.`);
  }
  const schema = JSON.parse(readFileSync(path, 'utf8')) as GraphSchema;
  if (!schema.entityTypes || !schema.entitySets || !schema.singletons) {
    throw new Error(`${path} is not a GraphSchema (no entityTypes/entitySets/singletons).`);
  }
  return schema;
}
