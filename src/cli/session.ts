// The signed-in account a command works as: msgraph-ts/auth's Account over the file token backend in the
// CLI's folder, made from the settings. Loaded on demand (`import()`), so that `--help`, `emulator` and
// a bad command line never load msal-node, and a consumer without it gets msal.ts's install hint only
// when signing in.
import { readFile } from 'node:fs/promises';
import type { Account } from '../auth/account.js';
import type { ClientOptions } from '../client.js';
import { Protocol } from '../protocol.js';
import { UsageError } from './errors.js';
import { tokenFile, type Settings } from './settings.js';

/** The permissions the commands need: User.Read, Mail.ReadWrite + Mail.Send, Files.ReadWrite.All (python-o365's aliases). */
export const CLI_SCOPES = ['basic', 'message_all', 'onedrive'];

/** The generated v1.0 client, reached through the package's own export map: the same module a user imports. */
const V1_ENTRY: string = 'msgraph-ts/v1.0';

/** The client, as the commands drive it (the workflows and the raw commands only compose paths the generated types vouch for). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CliClient = any;

export interface SessionOptions {
  settings: Settings;
  dir: string;
  clientOptions?: Omit<ClientOptions, 'token' | 'baseUrl'>;
}

export const isAppOnly = (settings: Settings): boolean => settings.authType === 'secret' || settings.authType === 'certificate';

export async function openAccount(options: SessionOptions): Promise<Account<CliClient>> {
  const { settings, dir } = options;
  const authType = settings.authType ?? 'deviceCode';
  if (!settings.appId) {
    throw new UsageError('No app id: pass --appId <application (client) id> or set MSGRAPH_TS_APP_ID (an app registration; device code needs "Allow public client flows"). `msgraph-ts emulator` prints the emulator\'s.');
  }
  const [{ Account }, { FileTokenBackend }, { createClient }] = await Promise.all([
    import('../auth/account.js'), import('../auth/file-backend.js'), import(V1_ENTRY) as Promise<{ createClient(o: ClientOptions): unknown }>,
  ]);
  const protocol = new Protocol({
    ...(settings.graphUrl ? { baseUrl: settings.graphUrl } : {}), ...(settings.authorityUrl ? { loginUrl: settings.authorityUrl } : {}),
  });
  const ca = settings.caFile ? await readText(settings.caFile, '--caFile (MSGRAPH_TS_CA_FILE)') : undefined;
  const common = {
    protocol, tokenBackend: new FileTokenBackend(tokenFile(dir)), scopes: CLI_SCOPES, createClient,
    ...(settings.tenant ? { tenantId: settings.tenant } : {}), ...(ca ? { ca } : {}),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  };
  if (authType === 'deviceCode') return new Account<CliClient>(settings.appId, { ...common, authFlowType: 'device' });
  if (!settings.tenant) throw new UsageError(`--authType ${authType} signs in to one tenant: pass --tenant <tenant id or domain> or set MSGRAPH_TS_TENANT.`);
  if (authType === 'secret') {
    if (!settings.secret) throw new UsageError('--authType secret needs the client secret: set MSGRAPH_TS_SECRET (or pass --secret). It is never saved: give it to every command.');
    return new Account<CliClient>({ clientId: settings.appId, clientSecret: settings.secret }, { ...common, authFlowType: 'credentials' });
  }
  if (!settings.certificateFile) throw new UsageError('--authType certificate needs a PEM file with the private key and the certificate: --certificateFile <path> or MSGRAPH_TS_CERTIFICATE_FILE. It is never saved: give it to every command.');
  const pem = await readText(settings.certificateFile, '--certificateFile');
  const privateKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/.exec(pem)?.[0];
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!privateKey || !certificate) throw new UsageError(`${settings.certificateFile} must hold both the private key and the certificate, in PEM (cat key.pem cert.pem > both.pem).`);
  return new Account<CliClient>({ clientId: settings.appId, clientCertificate: { privateKey, certificate } }, { ...common, authFlowType: 'credentials' });
}

async function readText(path: string, what: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${what}: cannot read ${path} (${error.code}).`);
  });
}
