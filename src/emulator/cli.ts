// `npm run emulator`: starts the emulator with TLS and the identity service, and prints what a client
// needs: Graph URLs, the authority, app ids and secrets, users, the CA to trust (written to a file that is
// removed again when the emulator stops), and the settings each common client library needs.
//
//   node --import tsx src/emulator/cli.ts [--port 8443] [--http] [--no-identity] [--page-size N]
//                                         [--version v1.0 --version beta] [--empty] [--help]
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_APPS, DEFAULT_MANAGED_IDENTITIES, startEmulator, type Emulator, type EmulatorOptions } from './index.js';
import { entitySetCollection } from './store/navigation.js';

export const USAGE = `Usage: npm run emulator -- [options]

Starts the offline Graph emulator (HTTPS with its own CA, and the identity service) and prints the Graph
URLs, the authority, app ids and secrets, users, the CA file and what each client library needs.

Options:
  --port N          listen on port N (default: a free port)
  --http            plain HTTP instead of HTTPS
  --no-identity     no identity service: requests act as the first user (X-Emulator-User to switch)
  --page-size N     one page size for every collection (default: Graph's per resource: 10 for Outlook,
                    200 for drive items, 100 elsewhere)
  --version V       serve only this version (repeatable: --version v1.0 --version beta)
  --empty           start with an empty tenant
  --help            print this and exit

Ctrl+C stops it and removes its CA file.`;

/** `--help` asks for the usage; anything else is options. */
export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

export function optionsFromArgs(argv: string[]): EmulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      http: { type: 'boolean', default: false },
      'no-identity': { type: 'boolean', default: false },
      'page-size': { type: 'string' },
      version: { type: 'string', multiple: true },
      empty: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got '${values.port}'`);
  const pageSize = values['page-size'] === undefined ? undefined : Number(values['page-size']);
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) throw new Error('--page-size must be a positive integer');
  return {
    port,
    tls: !values.http,
    identity: !values['no-identity'],
    ...(pageSize ? { pageSize } : {}),
    ...(values.version ? { versions: values.version } : {}),
    ...(values.empty ? { seed: [] } : {}),
  };
}

export function describe(emulator: Emulator, caPath?: string): string {
  const users = emulator.store.index.schema.entitySets['users'] ? entitySetCollection(emulator.store, 'users').list() : [];
  const lines = [
    'msgraph-ts Graph emulator',
    ...Object.entries(emulator.urls).map(([v, url]) => `  Graph ${v.padEnd(5)} ${url}`),
    `  Tenant     ${emulator.tenant.id} (${emulator.tenant.domain})`,
  ];
  if (emulator.identity) {
    lines.push(`  Authority  ${emulator.origin}/${emulator.tenant.id}   (msal: knownAuthorities ['${new URL(emulator.origin).host}'])`);
    for (const app of DEFAULT_APPS) {
      lines.push(`  App        ${app.clientId}  ${app.displayName}${app.secret ? `  secret: ${app.secret}` : ''}`);
    }
    for (const mi of DEFAULT_MANAGED_IDENTITIES) {
      lines.push(`  Managed identity ${mi.clientId}  IDENTITY_ENDPOINT=${emulator.origin}/${emulator.tenant.id}/oauth2/managedidentity IDENTITY_HEADER=${mi.header}`);
    }
  } else {
    lines.push(`  No identity: requests act as ${emulator.tenant.defaultUser ?? 'nobody'}; send X-Emulator-User: <upn> to act as another user.`);
  }
  lines.push('  Users');
  for (const u of users) lines.push(`    ${String(u.props['userPrincipalName']).padEnd(44)} ${String(u.props['displayName'] ?? '')}`);
  if (caPath) lines.push(`  CA         ${caPath}   (NODE_EXTRA_CA_CERTS=${caPath} node your-app.js)`);
  lines.push(...clientSettings(emulator, caPath));
  lines.push(`  Ctrl+C stops it${caPath ? ' and removes the CA file' : ''}.`);
  return lines.join('\n');
}

/**
 * What Microsoft's libraries and common tools need to talk to a local authority and Graph; each took
 * source-reading to find (see README, "Using it from other clients", where each is tested).
 */
export function clientSettings(emulator: Emulator, caPath?: string): string[] {
  const origin = emulator.origin;
  const url = new URL(origin);
  const tenant = emulator.tenant.id;
  const lines = ['  Using it from other clients (src/emulator/README.md, "Using it from other clients"):'];
  if (caPath) {
    lines.push(`    Trust the CA     Node: NODE_EXTRA_CA_CERTS=${caPath}   Python: REQUESTS_CA_BUNDLE=${caPath}   curl: --cacert ${caPath}`);
  }
  lines.push(
    `    graph-client     Client.initWithMiddleware({ authProvider, baseUrl: '${origin}', customHosts: new Set(['${url.hostname}']) })   (host name, no port)`,
    `    Kiota            new AzureIdentityAuthenticationProvider(credential, scopes, undefined, ['${url.hostname}']); adapter.baseUrl = '${emulator.graphUrl}'`,
  );
  if (emulator.identity) {
    lines.push(
      `    @azure/identity  { tenantId: '${tenant}', authorityHost: '${origin}', disableInstanceDiscovery: true }`,
      `    msal-node        { authority: '${origin}/${tenant}', knownAuthorities: ['${url.host}'] }`,
      `    python msal      PublicClientApplication(client_id, authority='${origin}/${tenant}', instance_discovery=False)`,
      // python-o365 names graph.microsoft.com in its protocol class and builds its own msal client.
      `    python-o365      class P(MSGraphProtocol): _protocol_url = '${origin}/'   then   account.con._msal_client = <the python msal client above, token_cache=account.con.token_backend>`,
    );
  }
  lines.push(`    curl             curl${caPath ? ` --cacert ${caPath}` : ''}${emulator.identity ? ' -H "Authorization: Bearer $TOKEN"' : ''} ${emulator.graphUrl}/me`);
  return lines;
}

/**
 * Starts the emulator as `argv` asks, writes its CA file, prints the banner with `write`, and runs until
 * `signal` aborts; then stops it and removes the CA file. `npm run emulator` and `msgraph-ts emulator`.
 */
export async function serve(argv: string[], write: (text: string) => void, signal: AbortSignal, extra: (emulator: Emulator, caPath?: string) => string[] = () => []): Promise<void> {
  const emulator = await startEmulator(optionsFromArgs(argv));
  let caPath: string | undefined;
  if (emulator.caCertPem) {
    caPath = join(tmpdir(), `msgraph-ts-emulator-ca-${new URL(emulator.origin).port}.pem`);
    writeFileSync(caPath, emulator.caCertPem);
    // A stale CA file would be trusted by the next program that names it: remove it however we exit.
    const path = caPath;
    process.once('exit', () => rmSync(path, { force: true }));
  }
  try {
    // Listening before the banner: whoever reads it may stop us at once.
    const stopped = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const banner = describe(emulator, caPath).split('\n');
    banner.splice(-1, 0, ...extra(emulator, caPath)); // before the closing 'Ctrl+C stops it'
    write(`${banner.join('\n')}\n`);
    await stopped;
  } finally {
    await emulator.stop();
    if (caPath) rmSync(caPath, { force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  await serve(argv, (text) => process.stdout.write(text), stop.signal);
  process.exit(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
