// The CLI's tests run the real executable (dist/cli/bin.js, as npm links it) in child processes against
// an emulator started in the test's own process: the environment is what `msgraph-ts emulator` prints,
// and the config folder a temporary XDG_CONFIG_HOME. `graph()` is a second, in-process client of the same
// emulator (the daemon app, app-only), to look up what the commands did.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Account } from 'msgraph-ts/auth';
import { DEFAULT_APPS, startEmulator, type Emulator, type EmulatorOptions, type IdentityConfig } from 'msgraph-ts/emulator';
import { Protocol } from 'msgraph-ts/runtime';
import { createClient, type GraphClient } from 'msgraph-ts/v1.0';

export const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliWorld {
  emulator: Emulator;
  /** A temporary folder: XDG_CONFIG_HOME is `${dir}/config`, files for the commands go here too. */
  dir: string;
  env: Record<string, string>;
  /** The CLI's folder for this world: `${dir}/config/msgraph-ts`. */
  configDir: string;
  cli(args: string[], options?: { env?: Record<string, string | undefined>; cwd?: string }): Promise<CliRun>;
  spawnCli(args: string[], options?: { env?: Record<string, string | undefined>; cwd?: string }): ChildProcess;
  /** The daemon app's client: app-only, any user's mail and drive. */
  graph(): Promise<GraphClient>;
  close(): Promise<void>;
}

export async function cliWorld(identity: IdentityConfig = {}, options: Pick<EmulatorOptions, 'tenant' | 'latencyMs'> = {}): Promise<CliWorld> {
  // No per-mailbox upload budget: the transfer tests move more than Exchange's 150 MB per 5 minutes.
  const emulator = await startEmulator({ identity, versions: ['v1.0'], limits: { uploadBytesPerWindow: 0 }, ...options });
  const dir = await mkdtemp(join(tmpdir(), 'msgraph-ts-cli-'));
  const caFile = join(dir, 'emulator-ca.pem');
  await writeFile(caFile, emulator.caCertPem!);
  const app = DEFAULT_APPS.find((a) => a.publicClient)!;
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '', HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'),
    MSGRAPH_TS_GRAPH_URL: emulator.origin, MSGRAPH_TS_AUTHORITY_URL: emulator.origin, MSGRAPH_TS_TENANT: emulator.tenant.id,
    MSGRAPH_TS_APP_ID: app.clientId, MSGRAPH_TS_CA_FILE: caFile,
  };
  const merged = (extra?: Record<string, string | undefined>): NodeJS.ProcessEnv => {
    const out: NodeJS.ProcessEnv = { ...env };
    for (const [k, v] of Object.entries(extra ?? {})) {
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
    return out;
  };
  const spawnCli: CliWorld['spawnCli'] = (args, options = {}) =>
    spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? dir, env: merged(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let daemon: Account<GraphClient> | undefined;
  return {
    emulator, dir, env, configDir: join(dir, 'config', 'msgraph-ts'), spawnCli,
    cli: (args, options) => collect(spawnCli(args, options)),
    async graph() {
      if (!daemon) {
        const secretApp = DEFAULT_APPS.find((a) => a.secret)!;
        daemon = new Account<GraphClient>({ clientId: secretApp.clientId, clientSecret: secretApp.secret! }, {
          authFlowType: 'credentials', tenantId: emulator.tenant.id, createClient, ca: emulator.caCertPem!,
          protocol: new Protocol({ baseUrl: emulator.origin, loginUrl: emulator.origin }),
        });
      }
      return daemon.client;
    },
    async close() {
      await daemon?.close();
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A world whose CLI has signed in with a device code (the emulator approves it), as most tests start. */
export async function signedInWorld(): Promise<CliWorld> {
  const world = await cliWorld();
  const login = await world.cli(['login']);
  if (login.code !== 0) {
    await world.close();
    throw new Error(`msgraph-ts login exited ${login.code}: ${login.stderr}`);
  }
  return world;
}

/** Waits for the child to end, with everything it printed. */
export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
