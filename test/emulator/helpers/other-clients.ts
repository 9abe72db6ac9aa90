// Running other people's Graph code against the emulator: a scenario program (graph-client, Kiota, msal for
// Python, …) in its own process, trusting the emulator's CA from a file the way a user's program would, and
// printing one JSON line per step. One setup for every third-party test.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { promisify } from 'node:util';
import { DEFAULT_APPS, startEmulator, type Emulator } from '../../../src/emulator/index.js';

/** One step a scenario program reports. */
export interface StepResult {
  step: string;
  ok: boolean;
  detail?: unknown;
  error?: string;
}

/** The emulator (identity on, v1.0) and what a scenario needs: its CA file and environment; all removed after the test. */
export async function emulatorForOtherClients(t: TestContext): Promise<{ emulator: Emulator; ca: string; env: Record<string, string> }> {
  const emulator = await startEmulator({ identity: true, versions: ['v1.0'] });
  const dir = mkdtempSync(join(tmpdir(), 'other-client-'));
  t.after(async () => {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, emulator.caCertPem!);
  const app = DEFAULT_APPS.find((a) => a.publicClient)!;
  return { emulator, ca, env: { GRAPH_ORIGIN: emulator.origin, TENANT_ID: emulator.tenant.id, CLIENT_ID: app.clientId } };
}

/** Runs `command args` with `env` added, and reads the steps it printed. */
export async function runScenario(command: string, args: string[], env: Record<string, string>): Promise<StepResult[]> {
  const { stdout } = await promisify(execFile)(command, args, { env: { ...process.env, ...env }, timeout: 100_000 });
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as StepResult);
}
