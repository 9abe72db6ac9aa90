// Microsoft's Kiota SDK for Graph (@microsoft/msgraph-sdk, -users) with @azure/identity runs the
// console-sample scenario against the emulator unchanged, in its own process trusting the emulator's CA
// through NODE_EXTRA_CA_CERTS. Every step must pass.
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
import type { StepResult } from './third-party-graph-client.test.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const scenario = fileURLToPath(new URL('./fixtures/kiota-scenario.mjs', import.meta.url));

test('Kiota (msgraph-sdk + -users) with @azure/identity: every step of the console sample passes', { skip, timeout: 120_000 }, async (t) => {
  const emulator = await startEmulator({ identity: true, versions: ['v1.0'] });
  const dir = mkdtempSync(join(tmpdir(), 'kiota-'));
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
    'sign in', 'profile', 'photo', 'inbox with $select/$orderby/$top', 'paging', 'sendMail', 'events',
    'users with $count/$search', '$batch', 'delta',
  ]);
  assert.ok(emulator.effects.some((e) => e.kind === 'mailSent'), 'the mail was sent');
});
