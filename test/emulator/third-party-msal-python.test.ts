// Microsoft's msal for Python against the emulator's identity service, in its own process: device code and
// client credentials with instance_discovery=False, then Graph through requests with REQUESTS_CA_BUNDLE.
// Skipped, saying so, where no Python with msal and requests is installed (Debian: python3-msal).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_APPS } from '../../src/emulator/index.js';
import { hasGeneratedSchema } from '../../src/emulator/model/load-schema.js';
import { emulatorForOtherClients, runScenario } from './helpers/other-clients.js';

const run = promisify(execFile);
const scenario = fileURLToPath(new URL('./fixtures/msal-python-scenario.py', import.meta.url));

/** The first Python that has msal and requests. */
async function findPython(): Promise<string | undefined> {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (await run(python, ['-c', 'import msal, requests']).then(() => true, () => false)) return python;
  }
  return undefined;
}

const python = await findPython();
const skip = !hasGeneratedSchema('v1.0') ? 'generated/v1.0/schema.json.gz is missing: run `npm run generate`'
  : python ? false : 'no Python with msal and requests (apt-get install python3-msal)';

test('msal for Python: device code and client credentials with instance_discovery=False, Graph via requests', { skip, timeout: 120_000 }, async (t) => {
  const { ca, env } = await emulatorForOtherClients(t);
  const daemon = DEFAULT_APPS.find((a) => a.secret)!;
  const steps = await runScenario(python!, [scenario], { ...env, REQUESTS_CA_BUNDLE: ca, DAEMON_ID: daemon.clientId, DAEMON_SECRET: daemon.secret! });
  assert.deepEqual(steps.filter((s) => !s.ok), [], 'failed steps');
  assert.deepEqual(steps.map((s) => s.step), ['device code sign-in', 'client credentials', 'profile', 'sendMail', 'users (app-only)']);
});
