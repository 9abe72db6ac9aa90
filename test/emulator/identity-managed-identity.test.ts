import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManagedIdentityApplication, ManagedIdentitySourceNames } from '@azure/msal-node';
import {
  TENANT_ID,
  rawRequest,
  startIdentityServer,
  type IdentityServer,
} from './identity-helpers.js';

const SYSTEM = { clientId: 'e5e5e5e5-0000-4000-8000-000000000005', header: 'sys~Header.Value-Do-Not-Echo', appRoles: ['User.Read.All'] };
const USER_ASSIGNED = { clientId: 'f6f6f6f6-0000-4000-8000-000000000006', header: SYSTEM.header, appRoles: ['Mail.Read'] };

describe('managed identity (App Service protocol) against the identity emulator', { timeout: 30_000 }, () => {
  let server: IdentityServer;
  const saved = { endpoint: process.env['IDENTITY_ENDPOINT'], header: process.env['IDENTITY_HEADER'] };
  before(async () => {
    server = await startIdentityServer({ managedIdentities: [SYSTEM, USER_ASSIGNED] });
    // msal-node chooses the App Service source from these, once per process.
    process.env['IDENTITY_ENDPOINT'] = `${server.baseUrl}/${TENANT_ID}/oauth2/managedidentity`;
    process.env['IDENTITY_HEADER'] = SYSTEM.header;
  });
  after(async () => {
    for (const [name, value] of [['IDENTITY_ENDPOINT', saved.endpoint], ['IDENTITY_HEADER', saved.header]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await server.close();
  });

  it('gives msal-node an app-only Graph token for the system-assigned identity, then serves it from msal\'s cache', async () => {
    const app = new ManagedIdentityApplication({ system: server.msalSystem() });
    assert.equal(app.getManagedIdentitySource(), ManagedIdentitySourceNames.APP_SERVICE);

    const first = await app.acquireToken({ resource: 'https://graph.microsoft.com' });
    const again = await app.acquireToken({ resource: 'https://graph.microsoft.com' });

    const claims = server.identity.verifyAccessToken(`Bearer ${first.accessToken}`);
    assert.equal(claims.idtyp, 'app');
    assert.equal(claims.appid, SYSTEM.clientId);
    assert.deepEqual(claims.roles, ['User.Read.All']);
    assert.ok(first.expiresOn && first.expiresOn.getTime() > Date.now() + 3500_000, 'expires_on was read as an hour ahead');
    assert.equal(again.accessToken, first.accessToken);
    assert.equal(server.identity.issued.filter((record) => record.grantType === 'managed_identity').length, 1);
  });

  it('chooses a user-assigned identity by client_id', async () => {
    const response = await rawRequest(server, `/${TENANT_ID}/oauth2/managedidentity?api-version=2019-08-01&resource=https://graph.microsoft.com&client_id=${USER_ASSIGNED.clientId}`, {
      headers: { 'x-identity-header': SYSTEM.header },
    });

    assert.equal(response.status, 200);
    const body = response.json<{ access_token: string; expires_on: string; client_id: string; resource: string }>();
    assert.match(body.expires_on, /^\d+$/);
    assert.equal(body.client_id, USER_ASSIGNED.clientId);
    assert.deepEqual(server.identity.verifyAccessToken(`Bearer ${body.access_token}`).roles, ['Mail.Read']);
  });

  it('refuses a request without the identity header, as App Service does, without echoing the header', async () => {
    const response = await rawRequest(server, `/${TENANT_ID}/oauth2/managedidentity?api-version=2019-08-01&resource=https://graph.microsoft.com`, {
      headers: { 'x-identity-header': 'wrong' },
    });

    assert.equal(response.status, 401);
    assert.equal(response.json()['error'], 'unauthorized_client');
    assert.ok(!response.text.includes(SYSTEM.header));
  });

  it('refuses an unknown user-assigned identity and an unknown resource', async () => {
    const unknownIdentity = await rawRequest(server, `/${TENANT_ID}/oauth2/managedidentity?api-version=2019-08-01&resource=https://graph.microsoft.com&client_id=00000000-0000-4000-8000-000000000000`, {
      headers: { 'x-identity-header': SYSTEM.header },
    });
    const unknownResource = await rawRequest(server, `/${TENANT_ID}/oauth2/managedidentity?api-version=2019-08-01&resource=https://vault.example.net`, {
      headers: { 'x-identity-header': SYSTEM.header },
    });

    assert.equal(unknownIdentity.status, 400);
    assert.equal(unknownResource.status, 400);
    assert.match(String(unknownResource.json()['message']), /AADSTS500011/);
  });
});
