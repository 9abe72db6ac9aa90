// Microsoft's graph-client 3.x runs the console-sample scenario against the emulator unchanged: its own
// code (and msal-node's) over HTTPS, in a separate process that trusts the emulator's CA the way a user's
// program would (NODE_EXTRA_CA_CERTS). Every step must pass; effects are checked on the emulator's side.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_APPS, startEmulator } from '../../src/emulator/index.js';
import { hasGeneratedSchema } from '../../src/emulator/model/load-schema.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const scenario = fileURLToPath(new URL('./fixtures/graph-client-scenario.mjs', import.meta.url));

export interface StepResult {
  step: string;
  ok: boolean;
  detail?: unknown;
  error?: string;
}

test('graph-client 3.x: every step of the console sample passes against the emulator', { skip, timeout: 120_000 }, async (t) => {
  const emulator = await startEmulator({ identity: true, versions: ['v1.0'] });
  const dir = mkdtempSync(join(tmpdir(), 'graph-client-'));
  t.after(async () => {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, emulator.caCertPem!);
  const app = DEFAULT_APPS.find((a) => a.publicClient)!;
  const { stdout } = await promisify(execFile)(process.execPath, [scenario], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: ca, GRAPH_ORIGIN: emulator.origin, TENANT_ID: emulator.tenant.id, CLIENT_ID: app.clientId },
    timeout: 100_000,
  });
  const steps = stdout.trim().split('\n').map((line) => JSON.parse(line) as StepResult);
  assert.deepEqual(steps.filter((s) => !s.ok), [], 'failed steps');
  assert.deepEqual(steps.map((s) => s.step), [
    'sign in', 'profile', 'photo', 'inbox with $select/$orderby/$top', 'paging', 'sendMail', 'OneDrive upload',
    'sharing link', 'events', 'users with $count/$search', '$batch', 'delta',
  ]);
  assert.ok(emulator.effects.some((e) => e.kind === 'mailSent'), 'the mail was sent');
  const upload = emulator.requests.find((r) => r.path.includes('/_storage/upload/'));
  assert.ok(upload, 'the large file went to the storage host');
});
