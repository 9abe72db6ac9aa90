// The generator against every real metadata file in the offline mirror, not only the two pinned ones:
// the raw service form (v1.0-prod: the `drive` singleton, Functions where the clean file has Actions)
// and today's beta constructs (beta-usnat: `microsoft.graph.agentic`, …). Each output must pass strict
// tsc. Skipped, with the reason, where the mirror is absent (a user's machine); CI has it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from '../../generator/schema-builder.js';
import { applyOverrides, readOverrides } from '../../generator/overrides.js';
import { generateVersion, writeVersion } from '../../generator/generate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const mirror = process.env['GRAPH_METADATA_MIRROR'] ?? join(root, '../shared/metadata');
const files = ['v1.0-prod.csdl.xml', 'beta-usnat.csdl.xml'];

for (const name of files) {
  const path = join(mirror, name);
  test(`${name} generates a client that type-checks strictly`, { skip: existsSync(path) ? false : `no ${path}`, timeout: 300_000 }, async () => {
    const overrides = await readOverrides(join(root, 'metadata/overrides.json'));
    const schema = applyOverrides(buildSchema(await readFile(path, 'utf8'), name.replace('.csdl.xml', '')), overrides);
    assert.ok(schema.singletons['me'], 'has the me singleton');
    assert.ok(schema.singletons['drive'], 'has the drive singleton (from the file or the overrides)');
    // Inside the project so that the output's relative imports reach dist/ exactly as in generated/, but not
    // in generated/: a pack running meanwhile (test/package) would ship it.
    await mkdir(join(root, '.cache'), { recursive: true });
    const dir = await mkdtemp(join(root, '.cache', 'all-metadata-'));
    try {
      const out = join(dir, 'client');
      await writeVersion(out, generateVersion(schema, {
        runtimeTypes: '../../../dist/types.js', runtimeClient: '../../../dist/client.js',
        pathAddressable: new Set(overrides.pathAddressable), streamOnBase: new Set(overrides.streamOnBase),
      }));
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
        extends: '../../tsconfig.generated.json', include: ['client/index.d.ts', 'client/areas/*.d.ts'],
      }));
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      const { stdout } = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--noEmit', '--listFilesOnly'], { maxBuffer: 64 << 20 });
      assert.ok(stdout.includes('client/areas/me.d.ts'), 'the check covers the generated files');
      await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--noEmit'], { maxBuffer: 64 << 20 })
        .catch((e: { stdout?: string }) => assert.fail(`tsc found errors:\n${(e.stdout ?? '').slice(0, 6000)}`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
