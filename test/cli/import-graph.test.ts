// The CLI's libraries (commander, cli-progress, jmespath) are for the command line only: no library entry
// point may reach src/cli or them, so a program importing msgraph-ts pays nothing for the CLI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = ['src/index.ts', 'src/raw-client.ts', 'src/upload.ts', 'src/download.ts', 'src/auth/index.ts', 'src/workflows/index.ts', 'src/emulator/index.ts'];
const CLI_ONLY = /(^|\/)src\/cli\/|^(commander|cli-progress|jmespath)(\/|$)/;

test('no library entry point imports src/cli, commander, cli-progress or jmespath', async () => {
  for (const entry of ENTRIES) {
    const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent', absWorkingDir: root });
    const reached = Object.entries(result.metafile.inputs).flatMap(([path, input]) => [path, ...input.imports.map((i) => i.path)]);
    assert.deepEqual(reached.filter((p) => CLI_ONLY.test(p)), [], `${entry} reaches the CLI`);
  }
});

test('the CLI entry itself does reach them (the check above can see them)', async () => {
  const result = await build({ entryPoints: ['src/cli/index.ts'], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent', absWorkingDir: root });
  const reached = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  for (const name of ['commander', 'cli-progress', 'jmespath']) assert.ok(reached.includes(name), `${name} not seen`);
});
