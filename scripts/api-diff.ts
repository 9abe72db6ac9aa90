// `npm run api:diff -- <old> <new>`: what changed in the API between two metadata files (CSDL) or two
// generated listings (generated/<version>/api-surface.txt). Prints removed (-) then added (+) lines,
// one member each, so a reviewer sees a metadata update as API changes rather than as XML.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildSchema } from '../generator/schema-builder.js';
import { apiSurface } from '../generator/surface.js';

export async function surfaceOf(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  const listing = /<(edmx:)?Edmx/.test(text.slice(0, 2000)) ? apiSurface(buildSchema(text, 'diff')) : text;
  return listing.split('\n').filter((l) => l.length > 0);
}

export function diffSurfaces(before: string[], after: string[]): { removed: string[]; added: string[] } {
  const old = new Set(before);
  const now = new Set(after);
  return { removed: before.filter((l) => !now.has(l)), added: after.filter((l) => !old.has(l)) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [a, b] = process.argv.slice(2);
  if (!a || !b) {
    console.error('usage: npm run api:diff -- <old.csdl.xml|api-surface.txt> <new.csdl.xml|api-surface.txt>');
    process.exit(2);
  }
  const { removed, added } = diffSurfaces(await surfaceOf(a), await surfaceOf(b));
  for (const l of removed) console.log(`- ${l}`);
  for (const l of added) console.log(`+ ${l}`);
  console.log(`${removed.length} removed, ${added.length} added`);
}
