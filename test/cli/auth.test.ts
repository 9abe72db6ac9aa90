// login, status, whoami and logout as a user runs them: the device code prompt on stderr, the tokens in
// the XDG config folder in a 0600 file, no token or secret ever printed (not even with --debug), and the
// saved connection that lets later commands run without flags.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_APPS } from 'msgraph-ts/emulator';
import { createSelfSignedCertificate } from '../../src/emulator/tls.js';
import { cliWorld, type CliRun, type CliWorld } from './helpers.js';

/** An app registration that signs in with a certificate, besides the emulator's default apps. */
const CERTIFICATE = createSelfSignedCertificate({ commonName: 'cli-daemon', keyType: 'rsa' });
const CERT_APP = { clientId: 'c1c1c1c1-0000-4000-8000-00000000c11c', displayName: 'CLI (certificate)', certificatePem: CERTIFICATE.certPem, appRoles: ['User.Read.All'] };

let world: CliWorld;
before(async () => {
  world = await cliWorld({ extraApps: [CERT_APP] });
});
after(() => world?.close());

/** Every access, refresh and id token in msal's cache file. */
function tokensIn(file: string): string[] {
  const cache = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, { secret?: string }>>;
  return ['AccessToken', 'RefreshToken', 'IdToken'].flatMap((kind) => Object.values(cache[kind] ?? {}).map((entry) => entry.secret!)).filter(Boolean);
}

function assertNoneIn(runs: CliRun[], secrets: string[]): void {
  for (const r of runs) for (const secret of secrets) {
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), 'a token or secret was printed');
  }
}

test('login with a device code keeps the tokens in $XDG_CONFIG_HOME/msgraph-ts (0600), then status, whoami and logout work without flags', { timeout: 60_000 }, async () => {
  const login = await world.cli(['login', '--debug']);
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stderr, /enter the code \S+ to authenticate/, 'the device code prompt goes to stderr');
  assert.match(login.stderr, /Signed in as adelev@contoso\.com/);
  assert.equal(JSON.parse(login.stdout).connectedAs, 'adelev@contoso.com');

  const tokens = join(world.configDir, 'tokens.json');
  assert.equal(statSync(tokens).mode & 0o777, 0o600);
  assert.equal(statSync(join(world.configDir, 'config.json')).mode & 0o777, 0o600);
  assert.equal(statSync(world.configDir).mode & 0o777, 0o700);
  const secrets = tokensIn(tokens);
  assert.ok(secrets.length >= 2, 'an access and a refresh token are stored');

  // The connection is saved: with none of the MSGRAPH_TS_ settings, the commands still reach the emulator.
  const bare = { MSGRAPH_TS_GRAPH_URL: undefined, MSGRAPH_TS_AUTHORITY_URL: undefined, MSGRAPH_TS_TENANT: undefined, MSGRAPH_TS_APP_ID: undefined, MSGRAPH_TS_CA_FILE: undefined };
  const status = await world.cli(['status', '--debug'], { env: bare });
  assert.equal(status.code, 0, status.stderr);
  assert.deepEqual(JSON.parse(status.stdout), {
    connectedAs: 'adelev@contoso.com', authType: 'deviceCode', appId: world.env['MSGRAPH_TS_APP_ID'], tenant: world.emulator.tenant.id,
    graphUrl: world.emulator.origin, users: ['adelev@contoso.com'],
  });
  const whoami = await world.cli(['whoami', '--debug'], { env: bare });
  assert.equal(whoami.code, 0, whoami.stderr);
  assert.equal(JSON.parse(whoami.stdout).displayName, 'Adele Vance');
  assert.match(whoami.stderr, /\[debug\] GET https:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\?\$select=.* 200/, '--debug logs the request');
  assertNoneIn([login, status, whoami], secrets);

  const logout = await world.cli(['logout'], { env: bare });
  assert.equal(logout.code, 0, logout.stderr);
  assert.equal(logout.stdout, '');
  assert.ok(!existsSync(tokens) && !existsSync(join(world.configDir, 'config.json')), 'tokens and connection are gone');
  const after = await world.cli(['status']);
  assert.equal(after.code, 0);
  assert.equal(after.stdout, '');
  assert.match(after.stderr, /Logged out/);
  const refused = await world.cli(['whoami']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Nobody is signed in/);
});

test('--authType secret signs the app in from MSGRAPH_TS_SECRET, which is never saved nor printed', { timeout: 60_000 }, async () => {
  const daemon = DEFAULT_APPS.find((a) => a.secret)!;
  const env = { MSGRAPH_TS_APP_ID: daemon.clientId, MSGRAPH_TS_SECRET: daemon.secret! };
  const login = await world.cli(['login', '--authType', 'secret', '--debug'], { env });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(JSON.parse(login.stdout).authType, 'secret');
  const saved = readFileSync(join(world.configDir, 'config.json'), 'utf8');
  assert.ok(!saved.includes(daemon.secret!), 'the secret is not in the config file');
  assert.equal(JSON.parse(saved).authType, 'secret');

  const mail = await world.cli(['get', '/users/alexw@contoso.com/messages', '--query', 'length(value)', '--debug'], { env });
  assert.equal(mail.code, 0, mail.stderr);
  assert.ok(Number(mail.stdout) > 0);
  assertNoneIn([login, mail], [daemon.secret!, ...tokensIn(join(world.configDir, 'tokens.json'))]);

  const without = await world.cli(['get', '/users/alexw@contoso.com'], { env: { ...env, MSGRAPH_TS_SECRET: undefined } });
  assert.equal(without.code, 2);
  assert.match(without.stderr, /--authType secret needs the client secret: set MSGRAPH_TS_SECRET/);
  assert.equal((await world.cli(['logout'])).code, 0);
});

test('--authType certificate signs the app in with a PEM holding the key and the certificate', { timeout: 60_000 }, async () => {
  const both = join(world.dir, 'cli-daemon.pem');
  writeFileSync(both, `${CERTIFICATE.keyPem}\n${CERTIFICATE.certPem}`, { mode: 0o600 });
  const env = { MSGRAPH_TS_APP_ID: CERT_APP.clientId, MSGRAPH_TS_CERTIFICATE_FILE: both };
  const login = await world.cli(['login', '--authType', 'certificate'], { env });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(JSON.parse(login.stdout).connectedAs, `app ${CERT_APP.clientId}`);
  const users = await world.cli(['get', '/users', '--query', 'value[].userPrincipalName'], { env });
  assert.equal(users.code, 0, users.stderr);
  assert.ok((JSON.parse(users.stdout) as string[]).includes('alexw@contoso.com'));
  assertNoneIn([login, users], [CERTIFICATE.keyPem.split('\n')[1]!]);

  const keyOnly = join(world.dir, 'key-only.pem');
  writeFileSync(keyOnly, CERTIFICATE.keyPem);
  const bad = await world.cli(['get', '/users'], { env: { ...env, MSGRAPH_TS_CERTIFICATE_FILE: keyOnly } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /must hold both the private key and the certificate/);
  assert.equal((await world.cli(['logout'])).code, 0);
});

test('the config folder follows XDG_CONFIG_HOME, else ~/.config; MSGRAPH_TS_CONFIG_DIR overrides both', async () => {
  const { configDir } = await import('msgraph-ts/cli');
  assert.equal(configDir({ XDG_CONFIG_HOME: '/x', HOME: '/h' }, 'linux'), '/x/msgraph-ts');
  assert.equal(configDir({ HOME: '/h' }, 'linux'), '/h/.config/msgraph-ts');
  assert.equal(configDir({ HOME: '/h' }, 'darwin'), '/h/Library/Application Support/msgraph-ts');
  assert.equal(configDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming', HOME: '/h' }, 'win32').replace(/\\/g, '/'), 'C:/Users/a/AppData/Roaming/msgraph-ts');
  assert.equal(configDir({ MSGRAPH_TS_CONFIG_DIR: '/own', XDG_CONFIG_HOME: '/x' }, 'linux'), '/own');
});

test('each setting comes from its flag, else MSGRAPH_TS_*, else the saved connection; a bad --authType is a usage error', async () => {
  const { resolveSettings } = await import('../../src/cli/settings.js');
  const { UsageError } = await import('../../src/cli/errors.js');
  const saved = { appId: 'saved-app', tenant: 'saved-tenant', graphUrl: 'https://saved' };
  const env = { MSGRAPH_TS_APP_ID: 'env-app', MSGRAPH_TS_TENANT: '' };
  assert.deepEqual(resolveSettings({ appId: 'flag-app' }, env, saved), { appId: 'flag-app', tenant: 'saved-tenant', graphUrl: 'https://saved' });
  assert.deepEqual(resolveSettings({}, env, saved), { appId: 'env-app', tenant: 'saved-tenant', graphUrl: 'https://saved' }, 'an empty variable counts as unset');
  assert.throws(() => resolveSettings({}, { MSGRAPH_TS_AUTH_TYPE: 'password' }, {}), (e: unknown) => e instanceof UsageError && /--authType must be one of deviceCode, secret, certificate/.test((e as Error).message));
});
