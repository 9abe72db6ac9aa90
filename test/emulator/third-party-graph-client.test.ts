// Microsoft's graph-client 3.x runs the console-sample scenario against the emulator unchanged: its own
// code (and msal-node's) over HTTPS, in a separate process that trusts the emulator's CA the way a user's
// program would (NODE_EXTRA_CA_CERTS). Every step must pass; effects are checked on the emulator's side.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hasGeneratedSchema } from '../../src/emulator/model/load-schema.js';
import { emulatorForOtherClients, runScenario } from './helpers/other-clients.js';

const skip = hasGeneratedSchema('v1.0') ? false : 'generated/v1.0/schema.json.gz is missing: run `npm run generate`';
const scenario = fileURLToPath(new URL('./fixtures/graph-client-scenario.mjs', import.meta.url));

test('graph-client 3.x: every step of the console sample passes against the emulator', { skip, timeout: 120_000 }, async (t) => {
  const { emulator, ca, env } = await emulatorForOtherClients(t);
  const steps = await runScenario(process.execPath, [scenario], { ...env, NODE_EXTRA_CA_CERTS: ca });
  assert.deepEqual(steps.filter((s) => !s.ok), [], 'failed steps');
  assert.deepEqual(steps.map((s) => s.step), [
    'sign in', 'profile', 'photo', 'inbox with $select/$orderby/$top', 'paging', 'sendMail', 'OneDrive upload',
    'sharing link', 'events', 'users with $count/$search', '$batch', 'delta',
  ]);
  assert.ok(emulator.effects.some((e) => e.kind === 'mailSent'), 'the mail was sent');
  const upload = emulator.requests.find((r) => r.path.includes('/_storage/upload/'));
  assert.ok(upload, 'the large file went to the storage host');
});
