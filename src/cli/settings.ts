// Where the CLI keeps its files and how it settles each setting: a flag wins over the environment
// (MSGRAPH_TS_*), which wins over the config file that `login` writes. The config file holds the
// connection only (app id, tenant, auth type, URLs): never a secret, which comes from a flag or the
// environment each time, as CI systems hand them out.
import { mkdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors.js';

export const AUTH_TYPES = ['deviceCode', 'secret', 'certificate'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** The settings a connection is made of; what `login` saves. */
export interface Connection {
  authType?: AuthType;
  appId?: string;
  tenant?: string;
  /** Graph's service root without the version (the emulator's origin). @default https://graph.microsoft.com */
  graphUrl?: string;
  /** The identity service's host. @default https://login.microsoftonline.com */
  authorityUrl?: string;
  /** A CA certificate (PEM file) to trust besides the system's: the emulator's. */
  caFile?: string;
}

/** A connection plus what is never saved. */
export interface Settings extends Connection {
  secret?: string;
  certificateFile?: string;
}

/** Setting → its MSGRAPH_TS_ variable. */
export const ENV_NAMES: Record<keyof Settings, string> = {
  authType: 'MSGRAPH_TS_AUTH_TYPE',
  appId: 'MSGRAPH_TS_APP_ID',
  tenant: 'MSGRAPH_TS_TENANT',
  graphUrl: 'MSGRAPH_TS_GRAPH_URL',
  authorityUrl: 'MSGRAPH_TS_AUTHORITY_URL',
  caFile: 'MSGRAPH_TS_CA_FILE',
  secret: 'MSGRAPH_TS_SECRET',
  certificateFile: 'MSGRAPH_TS_CERTIFICATE_FILE',
};

const SAVED: readonly (keyof Connection)[] = ['authType', 'appId', 'tenant', 'graphUrl', 'authorityUrl', 'caFile'];

type Env = Record<string, string | undefined>;

/**
 * The folder of the CLI's files: MSGRAPH_TS_CONFIG_DIR, else the platform's place for settings
 * (XDG_CONFIG_HOME or ~/.config on Linux, %APPDATA% on Windows, ~/Library/Application Support on macOS).
 */
export function configDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  const own = env['MSGRAPH_TS_CONFIG_DIR'];
  if (own) return own;
  const home = env['HOME'] || env['USERPROFILE'] || homedir();
  if (platform === 'win32') return join(env['APPDATA'] || join(home, 'AppData', 'Roaming'), 'msgraph-ts');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'msgraph-ts');
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'msgraph-ts');
}

export const tokenFile = (dir: string): string => join(dir, 'tokens.json');
export const configFile = (dir: string): string => join(dir, 'config.json');

export async function readConnection(dir: string): Promise<Connection> {
  let text: string;
  try {
    text = await readFile(configFile(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    return pick(JSON.parse(text) as Record<string, unknown>, SAVED) as Connection;
  } catch {
    throw new UsageError(`${configFile(dir)} is not JSON: fix it, or remove it and run \`msgraph-ts login\` again.`);
  }
}

/** Written 0600 in a 0700 folder: it says which app and tenant this user works with. */
export async function saveConnection(dir: string, connection: Connection): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = configFile(dir);
  await writeFile(path, `${JSON.stringify(pick(connection as Record<string, unknown>, SAVED), null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}

export async function forgetConnection(dir: string): Promise<void> {
  await rm(configFile(dir), { force: true });
}

/** Flags over environment over the saved connection; `authType` checked. */
export function resolveSettings(flags: Settings, env: Env, saved: Connection): Settings {
  const settings: Settings = {};
  for (const key of Object.keys(ENV_NAMES) as (keyof Settings)[]) {
    const value = flags[key] ?? (env[ENV_NAMES[key]] || undefined) ?? (saved as Settings)[key];
    if (value !== undefined) (settings as Record<string, string>)[key] = value;
  }
  if (settings.authType !== undefined && !(AUTH_TYPES as readonly string[]).includes(settings.authType)) {
    throw new UsageError(`--authType must be one of ${AUTH_TYPES.join(', ')}; got '${settings.authType}'.`);
  }
  return settings;
}

function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) if (typeof from[key] === 'string' && from[key] !== '') out[key] = from[key];
  return out;
}
