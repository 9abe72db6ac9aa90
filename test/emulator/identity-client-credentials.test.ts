import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfidentialClientApplication, ServerError } from '@azure/msal-node';
import { createSelfSignedCertificate } from '../../src/emulator/tls.js';
import {
  CERT_DAEMON,
  DAEMON,
  DAEMON_CERTIFICATE,
  TENANT_DOMAIN,
  rawRequest,
  startIdentityServer,
  type IdentityServer,
} from './identity-helpers.js';

const GRAPH_DEFAULT = ['https://graph.microsoft.com/.default'];

describe('client credentials against the identity emulator', { timeout: 30_000 }, () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer();
  });
  after(() => server.close());

  it('issues an app-only Graph token for a client secret, carrying the app roles', async () => {
    const app = new ConfidentialClientApplication({
      auth: { ...server.msalAuth(DAEMON.clientId), clientSecret: DAEMON.secret },
      system: server.msalSystem(),
    });

    const result = await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });

    assert.ok(result?.accessToken);
    const claims = server.identity.verifyAccessToken(`Bearer ${result.accessToken}`);
    assert.equal(claims.idtyp, 'app');
    assert.equal(claims.appid, DAEMON.clientId);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.deepEqual(claims.roles, DAEMON.appRoles);
    assert.equal(claims.scp, undefined);
    assert.equal(claims.oid, undefined);
    assert.deepEqual(server.identity.issued.at(-1), {
      grantType: 'client_credentials',
      clientId: DAEMON.clientId,
      scopes: GRAPH_DEFAULT,
      at: server.identity.issued.at(-1)?.at,
    });
  });

  it('issues a token for a certificate credential signed with PS256 and an x5t#S256 thumbprint', async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        ...server.msalAuth(CERT_DAEMON.clientId),
        clientCertificate: { thumbprintSha256: DAEMON_CERTIFICATE.thumbprintSha256, privateKey: DAEMON_CERTIFICATE.keyPem },
      },
      system: server.msalSystem(),
    });

    const result = await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });

    const claims = server.identity.verifyAccessToken(`Bearer ${result?.accessToken}`);
    assert.equal(claims.appid, CERT_DAEMON.clientId);
    assert.deepEqual(claims.roles, ['Sites.Read.All']);
  });

  it('accepts the legacy RS256 assertion with a SHA-1 x5t thumbprint, through the tenant domain', async () => {
    const app = new ConfidentialClientApplication({
      auth: {
        ...server.msalAuth(CERT_DAEMON.clientId, TENANT_DOMAIN),
        clientCertificate: { thumbprint: DAEMON_CERTIFICATE.thumbprintSha1, privateKey: DAEMON_CERTIFICATE.keyPem },
      },
      system: server.msalSystem(),
    });

    const result = await app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });

    assert.equal(server.identity.verifyAccessToken(`Bearer ${result?.accessToken}`).appid, CERT_DAEMON.clientId);
  });

  it('rejects an assertion signed by a key other than the registered certificate with AADSTS700027', async () => {
    const impostor = createSelfSignedCertificate({ commonName: 'impostor', keyType: 'rsa' });
    const app = new ConfidentialClientApplication({
      auth: {
        ...server.msalAuth(CERT_DAEMON.clientId),
        clientCertificate: { thumbprintSha256: DAEMON_CERTIFICATE.thumbprintSha256, privateKey: impostor.keyPem },
      },
      system: server.msalSystem(),
    });

    await assert.rejects(app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.errorCode, 'invalid_client');
      assert.match(error.errorMessage, /AADSTS700027: Client assertion failed signature validation/);
      return true;
    });
  });

  it('rejects a bad secret with AADSTS7000215 without ever echoing the secret', async () => {
    const wrongSecret = 'wrong~Secret.Value-That-Must-Not-Leak_42';
    const app = new ConfidentialClientApplication({
      auth: { ...server.msalAuth(DAEMON.clientId), clientSecret: wrongSecret },
      system: server.msalSystem(),
    });

    await assert.rejects(app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.errorCode, 'invalid_client');
      assert.match(error.errorMessage, /AADSTS7000215: Invalid client secret provided/);
      const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`;
      assert.ok(!everything.includes(wrongSecret), 'the presented secret is not in the error');
      assert.ok(!everything.includes(DAEMON.secret), 'the registered secret is not in the error');
      return true;
    });
  });

  it('reports an unknown client as AADSTS700016 (unauthorized_client)', async () => {
    const app = new ConfidentialClientApplication({
      auth: { ...server.msalAuth('99999999-0000-4000-8000-000000000009'), clientSecret: 'anything' },
      system: server.msalSystem(),
    });

    await assert.rejects(app.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.errorCode, 'unauthorized_client');
      assert.match(error.errorMessage, /AADSTS700016/);
      return true;
    });
  });

  it('answers a token request for an unknown tenant with a 400 carrying AADSTS90002', async () => {
    const response = await rawRequest(server, '/00000000-1111-4222-8333-444444444444/oauth2/v2.0/token', {
      form: { grant_type: 'client_credentials', client_id: DAEMON.clientId, client_secret: DAEMON.secret, scope: GRAPH_DEFAULT[0]! },
    });

    assert.equal(response.status, 400);
    const body = response.json<{ error: string; error_codes: number[]; error_description: string; trace_id: string }>();
    assert.equal(body.error, 'invalid_request');
    assert.deepEqual(body.error_codes, [90002]);
    assert.match(body.error_description, /^AADSTS90002: Tenant '00000000-1111-4222-8333-444444444444' not found/);
    assert.ok(!response.text.includes(DAEMON.secret));
  });

  it('insists that client-credential scopes are `<resource>/.default` (AADSTS1002012)', async () => {
    const app = new ConfidentialClientApplication({
      auth: { ...server.msalAuth(DAEMON.clientId), clientSecret: DAEMON.secret },
      system: server.msalSystem(),
    });

    await assert.rejects(app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/User.Read.All'] }), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.errorCode, 'invalid_scope');
      assert.match(error.errorMessage, /AADSTS1002012/);
      return true;
    });
  });
});
