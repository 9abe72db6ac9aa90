// `npm run setup`: everything a fresh clone needs before it can run, in order: the pinned metadata
// (pulled only when the cache lacks it: from GRAPH_METADATA_MIRROR when set, else from Graph), both
// generated builds, and the compiled runtime. `npm start` and `npm test` run it first.
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_VERSIONS, metadataCachePath } from '../generator/metadata.js';
import { pullMetadata } from './metadata-pull.js';
import { generateAll } from './generate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const missing = API_VERSIONS.filter((v) => !existsSync(metadataCachePath(root, v)));
if (missing.length > 0) {
  const from = process.env['GRAPH_METADATA_MIRROR'];
  console.log(`metadata: pulling ${missing.join(', ')} ${from ? `from ${from}` : 'from graph.microsoft.com'}`);
  await pullMetadata({ root, versions: [...missing], ...(from ? { from } : {}), log: (line) => console.log(`  ${line}`) });
}
await generateAll();
const tsc = join(root, 'node_modules/typescript/bin/tsc');
await promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')]).catch((e: { stdout?: string }) => {
  console.error(`Building the runtime failed:\n${e.stdout ?? e}`);
  process.exit(1);
});
console.log('runtime: compiled to dist/');
