// The smoke test of the whole pipeline's output: the full generated v1.0 and beta clients (and the
// golden mini client) pass strict tsc with skipLibCheck off, and the hand-written code plus the
// type-level tests in test/types/ pass the project's strict tsconfig. `npm test` regenerates first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

async function typecheck(project: string): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    assert.fail(`tsc -p ${project} reported errors:\n${(e.stdout ?? '').slice(0, 8000)}${e.stderr ?? ''}`);
  }
}

test('the generated v1.0 and beta clients and the golden mini client type-check strictly', { timeout: 300_000 }, async () => {
  await typecheck('tsconfig.generated.json');
});

test('the runtime, generator, tests and type-level tests type-check strictly', { timeout: 300_000 }, async () => {
  await typecheck('tsconfig.json');
});
