import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { InteractionRequiredAuthError, PublicClientApplication, ServerError, type AccountInfo } from '@azure/msal-node';
import { IdentityError } from '../../src/emulator/identity/index.js';
import { ADELE, MEGAN, NATIVE, deviceCodeRequest, manualClock, startIdentityServer, type IdentityServer } from './identity-helpers.js';

/** Refresh tokens as msal-node cached them (the test reads its own cache; the emulator never exposes them). */
function cachedRefreshTokens(app: PublicClientApplication): string[] {
  const cache = JSON.parse(app.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
  return Object.values(cache.RefreshToken).map((entry) => entry.secret);
}

describe('refresh tokens against the identity emulator', { timeout: 30_000 }, () => {
  let server: IdentityServer | undefined;
  afterEach(() => server?.close());

  async function signIn(running: IdentityServer, user = ADELE): Promise<{ app: PublicClientApplication; account: AccountInfo; accessToken: string }> {
    const app = new PublicClientApplication({ auth: running.msalAuth(NATIVE.clientId), system: running.msalSystem() });
    const result = await app.acquireTokenByDeviceCode(deviceCodeRequest(['User.Read']));
    assert.ok(result?.account);
    assert.equal(result.account.username, user.userPrincipalName);
    return { app, account: result.account, accessToken: result.accessToken };
  }

  it('acquireTokenSilent refreshes through the refresh_token grant once the access token has expired', async () => {
    const clock = manualClock();
    // Two seconds is inside msal's five-minute renewal window, so msal treats the token as due at once;
    // the emulator's own clock is moved past expiry so the first token is really dead on the Graph side.
    server = await startIdentityServer({ now: clock.now, tokenLifetimeSeconds: 2 });
    const { app, account, accessToken: first } = await signIn(server);
    clock.advanceSeconds(3);

    assert.throws(() => server?.identity.verifyAccessToken(`Bearer ${first}`), (error: unknown) => {
      assert.ok(error instanceof IdentityError);
      assert.equal(error.status, 401);
      assert.match(error.message, /expired/);
      return true;
    });
    const refreshed = await app.acquireTokenSilent({ account, scopes: ['User.Read'] });

    assert.notEqual(refreshed.accessToken, first);
    assert.equal(refreshed.fromCache, false);
    assert.equal(server.identity.verifyAccessToken(`Bearer ${refreshed.accessToken}`).oid, ADELE.id);
    assert.deepEqual(
      server.identity.issued.map((record) => record.grantType),
      ['device_code', 'refresh_token'],
    );
  });

  it('rotates the refresh token while the previous one keeps working, as Entra does', async () => {
    server = await startIdentityServer({ tokenLifetimeSeconds: 60 });
    const { app, account } = await signIn(server);
    const [original] = cachedRefreshTokens(app);
    assert.ok(original);

    await app.acquireTokenSilent({ account, scopes: ['User.Read'], forceRefresh: true });
    const [rotated] = cachedRefreshTokens(app);
    const again = await app.acquireTokenByRefreshToken({ refreshToken: original, scopes: ['User.Read'] });

    assert.ok(rotated);
    assert.notEqual(rotated, original);
    assert.equal(server.identity.verifyAccessToken(`Bearer ${again?.accessToken}`).oid, ADELE.id);
  });

  it('rejects a refresh token it never issued with AADSTS9002313', async () => {
    server = await startIdentityServer();
    const app = new PublicClientApplication({ auth: server.msalAuth(NATIVE.clientId), system: server.msalSystem() });

    await assert.rejects(app.acquireTokenByRefreshToken({ refreshToken: 'rt.not-a-real-one', scopes: ['User.Read'] }), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.errorCode, 'invalid_grant');
      assert.match(error.errorMessage, /AADSTS9002313/);
      assert.ok(!error.errorMessage.includes('rt.not-a-real-one'));
      return true;
    });
  });

  it('rejects a refresh token after its ninety-day lifetime with AADSTS70008', async () => {
    const clock = manualClock();
    server = await startIdentityServer({ now: clock.now });
    const { app } = await signIn(server);
    const [refreshToken] = cachedRefreshTokens(app);
    clock.advanceSeconds(91 * 24 * 3600);

    await assert.rejects(app.acquireTokenByRefreshToken({ refreshToken: refreshToken ?? '', scopes: ['User.Read'] }), /AADSTS70008/);
  });

  it('asks for interaction (AADSTS65001, consent_required) when a silent request adds an unconsented scope', async () => {
    server = await startIdentityServer({ deviceCodeAutoApprove: { afterPolls: 0, user: MEGAN.id } });
    const { app, account } = await signIn(server, MEGAN);

    await assert.rejects(app.acquireTokenSilent({ account, scopes: ['Mail.Read'] }), (error: unknown) => {
      assert.ok(error instanceof InteractionRequiredAuthError);
      assert.equal(error.subError, 'consent_required');
      assert.match(error.errorMessage, /AADSTS65001/);
      return true;
    });
  });
});
