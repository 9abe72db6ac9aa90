// `npm run generate`: regenerates generated/<version>/ for every pinned API version from metadata/cache.
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { API_VERSIONS } from '../generator/metadata.js';
import { readOverrides } from '../generator/overrides.js';
import { versionSchema } from '../generator/version-schema.js';
import { generateVersion, writeVersion } from '../generator/generate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function generateAll(versions: readonly string[] = API_VERSIONS): Promise<void> {
  const overrides = await readOverrides(join(root, 'metadata/overrides.json'));
  for (const version of versions) {
    const started = performance.now();
    const schema = await versionSchema(version, root, overrides);
    const files = generateVersion(schema, {
      runtimeTypes: '../../dist/types.js',
      runtimeClient: '../../dist/client.js',
      pathAddressable: new Set(overrides.pathAddressable),
      streamOnBase: new Set(overrides.streamOnBase),
      workloads: overrides.workloads,
      addressing: overrides.addressing,
      dynamicProperties: overrides.dynamicProperties,
      jsonValues: overrides.jsonValues,
      functionsByPost: overrides.functionsByPost,
    });
    const dir = join(root, 'generated', version);
    await writeVersion(dir, files);
    const bytes = Object.values(files).reduce((n, text) => n + Buffer.byteLength(text), 0);
    console.log(`${version}: ${Object.keys(files).length} files, ${(bytes / 1024).toFixed(0)} KiB in ${relative(root, dir)}/ (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const versions = process.argv.slice(2);
  generateAll(versions.length > 0 ? versions : API_VERSIONS).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
