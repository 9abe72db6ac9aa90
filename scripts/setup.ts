// `npm run setup`: everything a fresh clone needs before it can run, in order: the pinned metadata
// (pulled only when the cache lacks it: from GRAPH_METADATA_MIRROR when set, else from Graph), both
// generated builds, and the compiled runtime. `npm start` and `npm test` run it first; each step is
// skipped when its stamp (scripts/stamp.ts) says its inputs are what the present output was built from.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_VERSIONS, metadataCachePath } from '../generator/metadata.js';
import { hashInputs, readStamps, writeStamps } from './stamp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What generated/ is made from: the pinned metadata, the overrides, the generator and its pinned tools. */
const GENERATE_INPUTS = ['metadata/lock.json', 'metadata/overrides.json', 'generator', 'scripts/generate.ts', 'package-lock.json'];
/** What dist/ is compiled from. */
const BUILD_INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

export interface SetupOptions {
  /** Rebuild even when the stamps match. */
  force?: boolean;
  /** Called instead of pulling when a version's metadata is missing (prepack refuses to download). */
  onMissingMetadata?: (versions: string[]) => Promise<void>;
}

export async function setup(options: SetupOptions = {}): Promise<void> {
  const missing = API_VERSIONS.filter((v) => !existsSync(metadataCachePath(root, v)));
  if (missing.length > 0) {
    if (options.onMissingMetadata) {
      await options.onMissingMetadata([...missing]);
    } else {
      const from = process.env['GRAPH_METADATA_MIRROR'];
      console.log(`metadata: pulling ${missing.join(', ')} ${from ? `from ${from}` : 'from graph.microsoft.com'}`);
      const { pullMetadata } = await import('./metadata-pull.js');
      await pullMetadata({ root, versions: [...missing], ...(from ? { from } : {}), log: (line) => console.log(`  ${line}`) });
    }
  }
  const stamps = await readStamps(root);
  const generated = hashInputs(root, GENERATE_INPUTS);
  if (options.force || stamps['generate'] !== generated || !API_VERSIONS.every((v) => existsSync(join(root, 'generated', v, 'index.js')))) {
    // Imported only now: the generator loads ts-morph (and TypeScript), a second of a run that has nothing to do.
    const { generateAll } = await import('./generate.js');
    await generateAll();
    await writeStamps(root, { ...stamps, generate: generated });
  } else {
    console.log('generated/: up to date');
  }
  const built = hashInputs(root, BUILD_INPUTS);
  if (options.force || stamps['build'] !== built || !existsSync(join(root, 'dist/index.js'))) {
    // Emptied first: tsc never deletes the output of a source file that is gone, and dist/ ships as it is.
    await rm(join(root, 'dist'), { recursive: true, force: true });
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    await promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')]).catch((e: { stdout?: string }) => {
      throw new Error(`Building the runtime failed:\n${e.stdout ?? e}`);
    });
    await writeStamps(root, { ...(await readStamps(root)), build: built });
    console.log('runtime: compiled to dist/');
  } else {
    console.log('dist/: up to date');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  setup({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
