import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import { createNetworkClient } from '../../src/auth/network-client.js';
import { createIdentity, IdentityError } from '../../src/emulator/identity/index.js';
import {
  DAEMON,
  MIDDLE_TIER,
  NATIVE,
  TENANT_DOMAIN,
  TENANT_ID,
  contosoTenant,
  deviceCodeRequest,
  manualClock,
  rawRequest,
  startIdentityServer,
  type IdentityServer,
} from './identity-helpers.js';

const GRAPH_DEFAULT = ['https://graph.microsoft.com/.default'];

describe('identity emulator metadata', { timeout: 30_000 }, () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer();
  });
  after(() => server.close());

  it('serves OpenID discovery whose endpoints all point at the emulator origin', async () => {
    const response = await rawRequest(server, `/${TENANT_ID}/v2.0/.well-known/openid-configuration`);

    assert.equal(response.status, 200);
    const config = response.json<Record<string, string>>();
    assert.equal(config['issuer'], `${server.baseUrl}/${TENANT_ID}/v2.0`);
    for (const [name, path] of [
      ['token_endpoint', 'oauth2/v2.0/token'],
      ['authorization_endpoint', 'oauth2/v2.0/authorize'],
      ['device_authorization_endpoint', 'oauth2/v2.0/devicecode'],
      ['end_session_endpoint', 'oauth2/v2.0/logout'],
      ['jwks_uri', 'discovery/v2.0/keys'],
    ] as const) {
      assert.equal(config[name], `${server.baseUrl}/${TENANT_ID}/${path}`, name);
    }
  });

  it('resolves a tenant named by its domain to the same tenant id issuer', async () => {
    const response = await rawRequest(server, `/${TENANT_DOMAIN}/v2.0/.well-known/openid-configuration`);

    assert.equal(response.json()['issuer'], `${server.baseUrl}/${TENANT_ID}/v2.0`);
  });

  it('answers discovery for an unknown tenant with 400 invalid_tenant (AADSTS90002)', async () => {
    const response = await rawRequest(server, '/nobody.onmicrosoft.com/v2.0/.well-known/openid-configuration');

    assert.equal(response.status, 400);
    const body = response.json<{ error: string; error_codes: number[] }>();
    assert.equal(body.error, 'invalid_tenant');
    assert.deepEqual(body.error_codes, [90002]);
  });

  it('publishes a JWKS whose key verifies the tokens it issues', async () => {
    const app = new ConfidentialClientApplication({
      auth: { ...server.msalAuth(DAEMON.clientId), clientSecret: DAEMON.secret },
      system: server.msalSystem(),
    });
    const token = (await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }))?.accessToken ?? '';
    const { keys } = (await rawRequest(server, `/${TENANT_ID}/discovery/v2.0/keys`)).json<{ keys: Record<string, string>[] }>();
    const [header, payload, signature] = token.split('.') as [string, string, string];

    const kid = JSON.parse(Buffer.from(header, 'base64url').toString())['kid'];
    const jwk = keys.find((key) => key['kid'] === kid);
    assert.ok(jwk, 'the token names a published key');
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    assert.ok(verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url')));
  });

  it('answers cloud instance discovery in Entra format, usable as msal cloudDiscoveryMetadata', async () => {
    const authorizeEndpoint = `${server.baseUrl}/${TENANT_ID}/oauth2/v2.0/authorize`;
    const discovery = await rawRequest(
      server,
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(authorizeEndpoint)}`,
    );
    assert.equal(discovery.json()['tenant_discovery_endpoint'], `${server.baseUrl}/${TENANT_ID}/v2.0/.well-known/openid-configuration`);

    const { knownAuthorities: _unused, ...auth } = server.msalAuth(DAEMON.clientId);
    const app = new ConfidentialClientApplication({
      auth: { ...auth, clientSecret: DAEMON.secret, cloudDiscoveryMetadata: discovery.text },
      system: server.msalSystem(),
    });
    const result = await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });

    assert.equal(server.identity.verifyAccessToken(`Bearer ${result?.accessToken}`).appid, DAEMON.clientId);
  });

  it('leaves non-identity paths such as Graph /v1.0 to the caller', async () => {
    for (const path of ['/v1.0/me', '/v1.0/oauth2PermissionGrants', '/beta/discovery/instance', '/']) {
      const response = await rawRequest(server, path);
      assert.deepEqual([path, response.status, response.json()['error']], [path, 404, 'not an identity path']);
    }
  });

  it('refuses to talk TLS to a client that does not trust its CA', async () => {
    const untrusting = createNetworkClient();

    await assert.rejects(
      untrusting.sendGetRequestAsync(`${server.baseUrl}/${TENANT_ID}/v2.0/.well-known/openid-configuration`),
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|CERT/,
    );
  });
});

describe('verifyAccessToken for the Graph side', { timeout: 30_000 }, () => {
  const clock = manualClock();
  let server: IdentityServer;
  let graphToken: string;
  before(async () => {
    server = await startIdentityServer({ now: clock.now, tokenLifetimeSeconds: 600 });
    const app = new PublicClientApplication({ auth: server.msalAuth(NATIVE.clientId), system: server.msalSystem() });
    graphToken = (await app.acquireTokenByDeviceCode(deviceCodeRequest(['User.Read', 'Mail.Read'])))?.accessToken ?? '';
  });
  after(() => server.close());

  function assertRejected(header: string | undefined, message: RegExp) {
    assert.throws(() => server.identity.verifyAccessToken(header), (error: unknown) => {
      assert.ok(error instanceof IdentityError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'InvalidAuthenticationToken');
      assert.equal(
        error.wwwAuthenticate,
        `Bearer realm="", authorization_uri="${server.baseUrl}/common/oauth2/v2.0/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
      );
      assert.match(error.message, message);
      if (header) assert.ok(!error.message.includes(header.replace(/^Bearer /, '')), 'the token is not echoed');
      return true;
    });
  }

  it('accepts a delegated Graph token and exposes its claims', () => {
    const claims = server.identity.verifyAccessToken(`Bearer ${graphToken}`);

    assert.equal(claims.tid, TENANT_ID);
    assert.equal(claims.appid, NATIVE.clientId);
    assert.equal(claims.idtyp, 'user');
    assert.deepEqual(claims.scp, ['User.Read', 'Mail.Read']);
    assert.ok(claims.exp > claims.iat);
  });

  it('rejects a missing or non-bearer Authorization header', () => {
    assertRejected(undefined, /empty/);
    assertRejected(`Basic ${graphToken}`, /empty/);
  });

  it('rejects a token whose payload was tampered with', () => {
    const [header, payload, signature] = graphToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, scp: 'User.Read Mail.Send Directory.ReadWrite.All' })).toString('base64url');

    assertRejected(`Bearer ${header}.${forged}.${signature}`, /signature/);
  });

  it('rejects a token signed by another emulator instance, and a token that is not a JWT', async () => {
    const stranger = await startIdentityServer({ signingKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    try {
      const app = new ConfidentialClientApplication({
        auth: { ...stranger.msalAuth(DAEMON.clientId), clientSecret: DAEMON.secret },
        system: stranger.msalSystem(),
      });
      const foreignToken = (await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }))?.accessToken;

      assertRejected(`Bearer ${foreignToken}`, /signature/);
    } finally {
      await stranger.close();
    }
    assertRejected('Bearer not-a-jwt', /not well formed/);
  });

  it('rejects a token for another audience (the middle-tier API)', async () => {
    const app = new PublicClientApplication({ auth: server.msalAuth(NATIVE.clientId), system: server.msalSystem() });
    const apiToken = await app.acquireTokenByDeviceCode(deviceCodeRequest([`api://${MIDDLE_TIER.clientId}/access_as_user`]));

    assertRejected(`Bearer ${apiToken?.accessToken}`, /Invalid audience/);
  });

  it('rejects a token for a tenant it does not know, even when signed with a shared key', async () => {
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const fabrikamId = '0f0f0f0f-1111-4222-8333-444444444444';
    const fabrikam = await startIdentityServer({
      signingKey,
      tenants: [{ ...contosoTenant(), tenantId: fabrikamId, domain: 'fabrikam.onmicrosoft.com' }],
    });
    try {
      const contosoOnly = createIdentity({ issuerBaseUrl: fabrikam.baseUrl, tenants: [contosoTenant()], signingKey });
      const app = new ConfidentialClientApplication({
        auth: { ...fabrikam.msalAuth(DAEMON.clientId, fabrikamId), clientSecret: DAEMON.secret },
        system: fabrikam.msalSystem(),
      });
      const token = (await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }))?.accessToken;

      assert.equal(fabrikam.identity.verifyAccessToken(`Bearer ${token}`).tid, fabrikamId);
      assert.throws(() => contosoOnly.verifyAccessToken(`Bearer ${token}`), /unknown tenant/);
    } finally {
      await fabrikam.close();
    }
  });

  it('rejects a token once the emulator clock passes its expiry', () => {
    clock.advanceSeconds(601);

    assertRejected(`Bearer ${graphToken}`, /expired/);
  });
});
