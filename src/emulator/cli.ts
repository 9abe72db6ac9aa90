// `npm run emulator`: starts the emulator with TLS and the identity service, and prints what a client
// needs: Graph URLs, the authority, app ids and secrets, users, and the CA to trust.
//
//   node --import tsx src/emulator/cli.ts [--port 8443] [--http] [--no-identity] [--page-size N]
//                                         [--version v1.0 --version beta] [--empty]
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_APPS, DEFAULT_MANAGED_IDENTITIES, startEmulator, type Emulator, type EmulatorOptions } from './index.js';
import { entitySetCollection } from './store/navigation.js';

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
  lines.push('  Ctrl+C stops it.');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const emulator = await startEmulator(optionsFromArgs(process.argv.slice(2)));
  let caPath: string | undefined;
  if (emulator.caCertPem) {
    caPath = join(tmpdir(), `msgraph-ts-emulator-ca-${new URL(emulator.origin).port}.pem`);
    writeFileSync(caPath, emulator.caCertPem);
  }
  process.stdout.write(`${describe(emulator, caPath)}\n`);
  const stop = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
