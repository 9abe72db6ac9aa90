// Microsoft's Kiota SDK for Graph (@microsoft/msgraph-sdk, -users) with @azure/identity runs the
// console-sample scenario against the emulator unchanged, in its own process trusting the emulator's CA
// through NODE_EXTRA_CA_CERTS. Every step must pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hasGeneratedSchema } from '../../src/emulator/model/load-schema.js';
import { emulatorForOtherClients, runScenario } from './helpers/other-clients.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const scenario = fileURLToPath(new URL('./fixtures/kiota-scenario.mjs', import.meta.url));

test('Kiota (msgraph-sdk + -users) with @azure/identity: every step of the console sample passes', { skip, timeout: 120_000 }, async (t) => {
  const { emulator, ca, env } = await emulatorForOtherClients(t);
  const steps = await runScenario(process.execPath, [scenario], { ...env, NODE_EXTRA_CA_CERTS: ca });
  assert.deepEqual(steps.filter((s) => !s.ok), [], 'failed steps');
  assert.deepEqual(steps.map((s) => s.step), [
    'sign in', 'profile', 'photo', 'inbox with $select/$orderby/$top', 'paging', 'sendMail', 'events',
    'users with $count/$search', '$batch', 'delta',
  ]);
  assert.ok(emulator.effects.some((e) => e.kind === 'mailSent'), 'the mail was sent');
});
