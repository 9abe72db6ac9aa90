// examples/ stays runnable: each example runs to the end against the offline emulator, through the
// package's own export map (`msgraph-ts/...` resolves to this checkout's dist/ and generated/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

async function example(name: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/${name}`], { cwd: root, timeout: 60_000 });
  return stdout;
}

test('examples/offline-mail.ts lists the inbox and sends a mail', { timeout: 90_000 }, async () => {
  const out = await example('offline-mail.ts');
  assert.match(out, /sent 1 mail; the emulator recorded 1/);
  assert.ok(out.trim().split('\n').length >= 3, out);
});

test('examples/batch-and-files.ts batches reads (one failing, typed) and round-trips a file', { timeout: 90_000 }, async () => {
  const out = await example('batch-and-files.ts');
  assert.match(out, /^me: Adele Vance$/m);
  assert.match(out, /^nobody@: 404 Request_ResourceNotFound$/m);
  assert.match(out, /^uploaded 18000 bytes, downloaded 18000$/m);
});
