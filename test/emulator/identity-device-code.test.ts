import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { AuthError, PublicClientApplication, type DeviceCodeRequest } from '@azure/msal-node';
import {
  ADELE,
  MEGAN,
  NATIVE,
  TENANT_ID,
  deviceCodeRequest,
  manualClock,
  rawRequest,
  startIdentityServer,
  type IdentityServer,
} from './identity-helpers.js';

type DeviceCodeInfo = Parameters<DeviceCodeRequest['deviceCodeCallback']>[0];

describe('device code flow against the identity emulator', { timeout: 60_000 }, () => {
  let server: IdentityServer | undefined;
  afterEach(() => server?.close());

  function nativeApp(running: IdentityServer) {
    return new PublicClientApplication({ auth: running.msalAuth(NATIVE.clientId), system: running.msalSystem() });
  }

  it('completes with auto-approval as the tenant first user on the first poll', async () => {
    server = await startIdentityServer();
    const prompts: DeviceCodeInfo[] = [];

    const result = await nativeApp(server).acquireTokenByDeviceCode(deviceCodeRequest(['User.Read'], (info) => prompts.push(info)));

    assert.equal(prompts.length, 1);
    assert.match(prompts[0]!.userCode, /^[A-Z0-9]{9}$/);
    assert.equal(prompts[0]!.verificationUri, `${server.baseUrl}/common/oauth2/deviceauth`);
    assert.equal(prompts[0]!.interval, 1);
    assert.equal(result?.account?.username, ADELE.userPrincipalName);
    assert.equal(result?.account?.homeAccountId, `${ADELE.id}.${result?.tenantId}`);
    const claims = server.identity.verifyAccessToken(`Bearer ${result?.accessToken}`);
    assert.equal(claims.oid, ADELE.id);
    assert.equal(claims.upn, ADELE.userPrincipalName);
    assert.deepEqual(claims.scp, ['User.Read']);
    assert.equal(server.identity.issued.at(-1)?.grantType, 'device_code');
  });

  it('answers authorization_pending for the configured number of polls, then signs in the configured user', async () => {
    server = await startIdentityServer({ deviceCodeAutoApprove: { afterPolls: 1, user: MEGAN.userPrincipalName } });
    const started = Date.now();

    const result = await nativeApp(server).acquireTokenByDeviceCode(deviceCodeRequest(['User.Read']));

    assert.ok(Date.now() - started >= 900, 'msal waited one polling interval after authorization_pending');
    assert.equal(result?.account?.username, MEGAN.userPrincipalName);
  });

  it('fails with expired_token when the code expires before anyone approves it', async () => {
    const clock = manualClock();
    server = await startIdentityServer({ now: clock.now });

    const attempt = nativeApp(server).acquireTokenByDeviceCode(deviceCodeRequest(['User.Read'], () => clock.advanceSeconds(901)));

    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.match(error.errorMessage, /expired_token/);
      return true;
    });
    assert.equal(server.identity.issued.length, 0);
  });

  it('fails with authorization_declined when the user declines on the verification page', async () => {
    server = await startIdentityServer({ deviceCodeAutoApprove: false });
    const running = server;
    let declined: Promise<number> | undefined;

    const attempt = nativeApp(running).acquireTokenByDeviceCode(
      deviceCodeRequest(['User.Read'], (info) => {
        declined = rawRequest(running, new URL(info.verificationUri).pathname, {
          form: { user_code: info.userCode, action: 'decline' },
        }).then((response) => response.status);
      }),
    );

    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.match(error.errorMessage, /authorization_declined/);
      return true;
    });
    assert.equal(await declined, 200);
  });

  it('signs in the user named in login_hint when approved on the verification page', async () => {
    server = await startIdentityServer({ deviceCodeAutoApprove: false });
    const running = server;
    let approved: Promise<number> | undefined;

    const result = await nativeApp(running).acquireTokenByDeviceCode(
      deviceCodeRequest(['User.Read'], (info) => {
        approved = rawRequest(running, new URL(info.verificationUri).pathname, {
          form: { user_code: info.userCode, action: 'approve', login_hint: MEGAN.userPrincipalName },
        }).then((response) => response.status);
      }),
    );

    assert.equal(await approved, 200);
    assert.equal(result?.account?.username, MEGAN.userPrincipalName);
  });

  it('signs in through the multi-tenant /organizations authority, resolving the tenant from the app', async () => {
    server = await startIdentityServer();
    const app = new PublicClientApplication({ auth: server.msalAuth(NATIVE.clientId, 'organizations'), system: server.msalSystem() });

    const result = await app.acquireTokenByDeviceCode(deviceCodeRequest(['https://graph.microsoft.com/User.Read']));

    assert.ok(result?.account);
    assert.equal(result.tenantId, TENANT_ID);
    const silent = await app.acquireTokenSilent({ account: result.account, scopes: ['User.Read'] });
    assert.equal(silent.fromCache, true, 'msal found the token under the real tenant');
    assert.deepEqual(server.identity.verifyAccessToken(`Bearer ${silent.accessToken}`).scp, ['User.Read']);
  });

  it('rejects an unknown scope resource at the device code endpoint with AADSTS500011', async () => {
    server = await startIdentityServer();

    const response = await rawRequest(server, '/organizations/oauth2/v2.0/devicecode', {
      form: { client_id: NATIVE.clientId, scope: 'https://unknown.example.com/Files.Read openid' },
    });

    assert.equal(response.status, 400);
    assert.deepEqual(response.json()['error_codes'], [500011]);
  });

  it('refuses a well-shaped Graph permission that does not exist (Mail.Raed) with AADSTS650053, at the device code endpoint and through msal', async () => {
    server = await startIdentityServer();
    const typos = { 'Mail.Raed': 'Mail.Raed', 'Files.ReadWrite.Al': 'Files.ReadWrite.Al', 'Calendar.Read': 'Calendar.Read', 'https://graph.microsoft.com/Contacts.Wrte': 'Contacts.Wrte' };
    for (const [typo, named] of Object.entries(typos)) {
      const response = await rawRequest(server, '/organizations/oauth2/v2.0/devicecode', { form: { client_id: NATIVE.clientId, scope: `User.Read ${typo}` } });
      assert.equal(response.status, 400, typo);
      const body = response.json<{ error: string; error_codes: number[]; error_description: string }>();
      assert.equal(body.error, 'invalid_client', typo);
      assert.deepEqual(body.error_codes, [650053], typo);
      // Entra names the scope without its resource prefix, and the resource by Graph's app id.
      assert.ok(
        body.error_description.startsWith(
          `AADSTS650053: The application '${NATIVE.displayName}' asked for scope '${named}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'. Contact the app vendor.\r\n`,
        ),
        body.error_description,
      );
    }
    // msal-node does not read the device code endpoint's errors, so the token endpoint's are what its users see:
    // a signed-in user's app asking for a misspelled permission on refresh gets AADSTS650053, not a token.
    const app = nativeApp(server);
    const result = await app.acquireTokenByDeviceCode(deviceCodeRequest(['user.read', 'MAIL.READWRITE', 'Chat.Read'], () => {}));
    const claims = server.identity.verifyAccessToken(`Bearer ${result?.accessToken}`);
    assert.match(String(claims.scp), /mail\.readwrite/i, 'real names in any case are granted; unchecked families (Chat) pass');
    await assert.rejects(app.acquireTokenSilent({ account: result!.account!, scopes: ['Mail.Raed'], forceRefresh: true }), (error: unknown) => {
      assert.ok(error instanceof AuthError, String(error));
      assert.equal(error.errorCode, 'invalid_client');
      assert.match(error.errorMessage, /AADSTS650053: The application 'Desktop app' asked for scope 'Mail\.Raed' that doesn't exist/);
      return true;
    });
  });

  it('refuses a scope that is no Graph permission (a misspelled alias) with invalid_client AADSTS650053, as Entra does', async () => {
    server = await startIdentityServer();

    const response = await rawRequest(server, '/organizations/oauth2/v2.0/devicecode', {
      form: { client_id: NATIVE.clientId, scope: 'User.Read mesage_all offline_access' },
    });

    assert.equal(response.status, 400);
    const body = response.json<{ error: string; error_codes: number[]; error_description: string }>();
    assert.equal(body.error, 'invalid_client');
    assert.deepEqual(body.error_codes, [650053]);
    assert.match(body.error_description, /^AADSTS650053: The application 'Desktop app' asked for scope 'mesage_all' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'\./);
    const graphPrefixed = await rawRequest(server, '/organizations/oauth2/v2.0/devicecode', {
      form: { client_id: NATIVE.clientId, scope: 'https://graph.microsoft.com/calendar_all' },
    });
    assert.deepEqual(graphPrefixed.json<{ error_codes: number[] }>().error_codes, [650053]);
    // A scope that cannot be a name at all is still the request's fault: invalid_scope, AADSTS70011.
    const malformed = await rawRequest(server, '/organizations/oauth2/v2.0/devicecode', {
      form: { client_id: NATIVE.clientId, scope: 'User.Read Mail.Read;drop' },
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json<{ error: string }>().error, 'invalid_scope');
    assert.deepEqual(malformed.json<{ error_codes: number[] }>().error_codes, [70011]);
    const fine = await rawRequest(server, '/organizations/oauth2/v2.0/devicecode', {
      form: { client_id: NATIVE.clientId, scope: 'User.Read Mail.ReadWrite.Shared offline_access' },
    });
    assert.equal(fine.status, 200, fine.text);
  });
});
