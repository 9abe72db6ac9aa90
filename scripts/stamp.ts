// A stamp over a build step's inputs, so `npm start` and `npm test` redo generation and compilation only
// when something they read changed (a second `npm start` spent 13 of its 14.6 s rebuilding the same
// output). The stamp is a sha256 over the inputs' paths and bytes: content, not mtimes, so a checkout or
// a copy that leaves bytes alone does not rebuild, and any edit does. Hashing the ~300 input files takes
// about 20 ms.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** Where stamps live: ignored by git, outside every shipped folder. */
export const STAMP_FILE = '.cache/setup-stamp.json';

/** sha256 over every file under `inputs` (files or folders, relative to `root`), in sorted order. */
export function hashInputs(root: string, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => listFiles(join(root, input))).sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' }).map((f) => join(path, f)).filter((f) => statSync(f).isFile());
}

export type Stamps = Record<string, string>;

export async function readStamps(root: string): Promise<Stamps> {
  try {
    return JSON.parse(await readFile(join(root, STAMP_FILE), 'utf8')) as Stamps;
  } catch {
    return {}; // no stamp (or a damaged one) only means: build
  }
}

export async function writeStamps(root: string, stamps: Stamps): Promise<void> {
  await mkdir(dirname(join(root, STAMP_FILE)), { recursive: true });
  await writeFile(join(root, STAMP_FILE), `${JSON.stringify(stamps, null, 2)}\n`);
}
