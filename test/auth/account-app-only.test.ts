import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'msgraph-ts/v1.0';
import { Account } from '../../src/auth/account.js';
import { AuthError } from '../../src/auth/errors.js';
import { FileTokenBackend } from '../../src/auth/file-backend.js';
import { DEFAULT_MANAGED_IDENTITIES } from '../../src/emulator/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createSelfSignedCertificate } from '../../src/emulator/tls.js';
import { DAEMON_APP, DAEMON_SECRET, emulatorProtocol, everythingPrinted, failure, PUBLIC_APP, startAuthEmulator, USERS } from './helpers.js';

const CERTIFICATE = createSelfSignedCertificate({ commonName: 'reports-daemon', keyType: 'rsa' });
const CERT_APP = { clientId: 'a7a7a7a7-0000-4000-8000-000000000007', displayName: 'Reports (certificate)', certificatePem: CERTIFICATE.certPem, appRoles: ['User.Read.All'] };
const MIDDLE_TIER = { clientId: 'b8b8b8b8-0000-4000-8000-000000000008', displayName: 'Orders API', secret: 'mid~Tier.Secret-Value_Never-Shown' };

describe('Account with app-only and delegated-by-proxy flows, against the emulator over TLS', { timeout: 60_000 }, () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startAuthEmulator({ extraApps: [CERT_APP, MIDDLE_TIER] });
  });
  after(() => emulator.stop());

  const options = () => ({ tenantId: emulator.tenant.id, protocol: emulatorProtocol(emulator), ca: emulator.caCertPem!, createClient });

  it('client credentials with a secret: reads any mailbox (python-o365\'s impersonation), the token cached', async () => {
    const daemon = new Account([DAEMON_APP.clientId, DAEMON_SECRET], { ...options(), mainResource: `user:${USERS.megan}` });
    assert.equal(daemon.authFlowType, 'credentials');
    assert.equal(daemon.isAuthenticated, false);

    const result = await daemon.authenticate();
    const mailbox = daemon.mailbox() as ReturnType<typeof daemon.client.users.byId>;
    const inbox = await mailbox.mailFolders.byId('inbox').messages.get({ top: 1, select: ['subject'] });
    await daemon.tokenProvider();

    assert.equal(daemon.isAuthenticated, true);
    assert.deepEqual(result.scopes, ['https://graph.microsoft.com/.default']);
    assert.equal(daemon.username, undefined);
    assert.equal(inbox.value.length, 1);
    assert.equal(emulator.identity!.issued.filter((record) => record.clientId === DAEMON_APP.clientId).length, 1, 'one token, then the cache');
    await assert.rejects(daemon.client.me.get(), /delegated/, 'app-only tokens have no /me');
  });

  it('client credentials: a later Account on the same file backend is authenticated by the stored app token', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'msgraph-ts-app-')), 'daemon.json');
    const first = new Account([DAEMON_APP.clientId, DAEMON_SECRET], { ...options(), tokenBackend: new FileTokenBackend(path) });
    await first.authenticate();
    const issued = emulator.identity!.issued.length;

    const later = await new Account([DAEMON_APP.clientId, DAEMON_SECRET], { ...options(), tokenBackend: new FileTokenBackend(path) }).load();
    const other = await new Account([DAEMON_APP.clientId, DAEMON_SECRET], { ...options(), tokenBackend: new FileTokenBackend(join(path, '..', 'empty.json')) }).load();

    assert.equal(later.isAuthenticated, true);
    assert.equal(other.isAuthenticated, false);
    assert.ok((await later.tokenProvider()) === (await first.tokenProvider()), 'the stored token');
    assert.equal(emulator.identity!.issued.length, issued);
  });

  it('client credentials with a certificate: the emulator verifies the signed assertion', async () => {
    const reports = new Account({ clientId: CERT_APP.clientId, clientCertificate: { privateKey: CERTIFICATE.keyPem, certificate: CERTIFICATE.certPem } }, options());

    await reports.authenticate();
    const token = await reports.tokenProvider();

    const claims = emulator.identity!.verifyAccessToken(`Bearer ${token}`);
    assert.equal(claims.appid, CERT_APP.clientId);
    assert.deepEqual(claims.roles, ['User.Read.All']);
    const users = await reports.client.users.get({ select: ['userPrincipalName'] });
    assert.ok(users.value.some((user) => user.userPrincipalName === USERS.nestor));
  });

  it('refuses an assertion signed by another key as invalid_client (AADSTS700027)', async () => {
    const impostor = createSelfSignedCertificate({ commonName: 'impostor', keyType: 'rsa' });
    const reports = new Account({ clientId: CERT_APP.clientId, clientCertificate: { privateKey: impostor.keyPem, thumbprintSha256: CERTIFICATE.thumbprintSha256 } }, options());

    const error = await failure(reports.authenticate());

    assert.ok(error instanceof AuthError);
    assert.equal(error.code, 'invalid_client');
    assert.equal(error.aadstsCode, 'AADSTS700027');
    assert.match(error.message, /^Getting an app-only token with client credentials failed \(invalid_client\): AADSTS700027: Client assertion failed signature validation\. Check/);
    assert.ok(!(await everythingPrinted(error)).includes(impostor.keyPem.split('\n')[1]!), 'no part of the private key');
  });

  it('refuses app-only flows on a multi-tenant authority before asking Entra', () => {
    assert.throws(() => new Account([DAEMON_APP.clientId, DAEMON_SECRET], { ...options(), tenantId: 'common' }), (error: unknown) =>
      error instanceof AuthError && error.code === 'configuration_error' && /tenantId/.test(error.message));
  });

  it('on-behalf-of: a middle tier trades the user token it received for a Graph token for that user', async () => {
    const desktop = new Account(PUBLIC_APP.clientId, { ...options(), authFlowType: 'device', scopes: [`api://${MIDDLE_TIER.clientId}/access_as_user`] });
    await desktop.authenticate({ onDeviceCode: () => {} });
    const userToken = await desktop.tokenProvider();
    const middle = new Account([MIDDLE_TIER.clientId, MIDDLE_TIER.secret], { ...options(), authFlowType: 'onBehalfOf', scopes: ['basic', 'mailbox'] });

    await middle.authenticate({ userAssertion: userToken });
    const me = await middle.client.me.get({ select: ['userPrincipalName'] });
    await middle.tokenProvider();

    assert.equal(me.userPrincipalName, USERS.adele);
    assert.equal(emulator.identity!.issued.filter((record) => record.grantType === 'on_behalf_of').length, 1, 'the second token came from msal\'s cache');
  });

  it('on-behalf-of refuses a Graph token as the assertion (wrong audience) without printing it', async () => {
    const desktop = new Account(PUBLIC_APP.clientId, { ...options(), authFlowType: 'device' });
    await desktop.authenticate({ onDeviceCode: () => {} });
    const graphToken = await desktop.tokenProvider();
    const middle = new Account([MIDDLE_TIER.clientId, MIDDLE_TIER.secret], { ...options(), authFlowType: 'onBehalfOf' });

    const error = await failure(middle.authenticate({ userAssertion: graphToken }));

    assert.ok(error instanceof AuthError);
    assert.equal(error.aadstsCode, 'AADSTS50013');
    assert.match(error.correlationId ?? '', /^[0-9a-f-]{36}$/);
    const printed = await everythingPrinted(error);
    assert.ok(!printed.includes(graphToken) && !printed.includes(MIDDLE_TIER.secret));
  });

  it('managed identity (App Service): app-only tokens with no secret', async () => {
    const identity = DEFAULT_MANAGED_IDENTITIES[0]!;
    process.env['IDENTITY_ENDPOINT'] = `${emulator.origin}/${emulator.tenant.id}/oauth2/managedidentity`;
    process.env['IDENTITY_HEADER'] = identity.header;
    try {
      const app = new Account({ managedIdentity: true }, { ...options(), mainResource: USERS.alex });
      assert.equal(app.authFlowType, 'managedIdentity');

      await app.authenticate();
      const mail = await (app.mailbox() as ReturnType<typeof app.client.users.byId>).messages.get({ top: 1, select: ['subject'] });

      assert.equal(app.isAuthenticated, true);
      assert.equal(mail.value.length, 1);
      assert.equal(emulator.identity!.verifyAccessToken(`Bearer ${await app.tokenProvider()}`).appid, identity.clientId);
    } finally {
      delete process.env['IDENTITY_ENDPOINT'];
      delete process.env['IDENTITY_HEADER'];
    }
  });

  it('brings your own tokens: a function of scopes, or an @azure/identity-like credential (reused until near expiry)', async () => {
    const daemon = new Account([DAEMON_APP.clientId, DAEMON_SECRET], options());
    const asked: string[][] = [];
    const fromFunction = new Account({ tokenProvider: async (scopes: string[]) => (asked.push(scopes), daemon.getAccessToken()) }, options());
    let calls = 0;
    const credential = {
      async getToken(scopes: string | string[]) {
        calls++;
        asked.push([scopes].flat());
        return { token: await daemon.getAccessToken(), expiresOnTimestamp: Date.now() + 3600_000 };
      },
    };
    const fromCredential = new Account({ tokenProvider: credential }, { ...options(), mainResource: `user:${USERS.nestor}` });

    assert.equal(fromFunction.isAuthenticated, true);
    assert.equal((await fromFunction.client.users.byId(USERS.nestor).get({ select: ['displayName'] })).displayName, 'Nestor Wilke');
    await fromCredential.client.users.get({ top: 1 });
    await fromCredential.client.users.get({ top: 1 });
    assert.equal(calls, 1);
    assert.deepEqual(asked, [['https://graph.microsoft.com/.default'], ['https://graph.microsoft.com/.default']]);
  });

  it('says clearly when a token provider fails or returns nothing, without its token', async () => {
    const leaky = new Account({ tokenProvider: () => { throw new Error('vault said no to eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl'); } }, options());
    const empty = new Account({ tokenProvider: () => '' }, options());

    await assert.rejects(leaky.tokenProvider(), (error: unknown) =>
      error instanceof AuthError && error.code === 'token_provider_error' && /vault said no/.test(error.message) && !error.message.includes('eyJhbGciOi.eyJzdWIiOiIx'));
    await assert.rejects(empty.tokenProvider(), /returned no token/);
  });
});
