import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CryptoProvider, PublicClientApplication, ServerError } from '@azure/msal-node';
import {
  ADELE,
  MEGAN,
  NATIVE,
  NATIVE_REDIRECT_URI,
  manualClock,
  rawRequest,
  startIdentityServer,
  type IdentityServer,
} from './identity-helpers.js';

const crypto = new CryptoProvider();

describe('authorization code flow with PKCE against the identity emulator', { timeout: 30_000 }, () => {
  const clock = manualClock();
  let server: IdentityServer;
  let app: PublicClientApplication;
  before(async () => {
    server = await startIdentityServer({ now: clock.now });
    app = new PublicClientApplication({ auth: server.msalAuth(NATIVE.clientId), system: server.msalSystem() });
  });
  after(() => server.close());

  /** Plays the browser: follows msal's /authorize URL and reads the redirect the emulator answers with. */
  async function authorize(options: { scopes: string[]; loginHint?: string; nonce?: string }) {
    const pkce = await crypto.generatePkceCodes();
    const state = crypto.createNewGuid();
    const authorizeUrl = await app.getAuthCodeUrl({
      scopes: options.scopes,
      redirectUri: NATIVE_REDIRECT_URI,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      state,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      ...(options.nonce ? { nonce: options.nonce } : {}),
    });
    assert.ok(authorizeUrl.startsWith(`${server.baseUrl}/`), 'msal targets the emulator');
    const response = await rawRequest(server, authorizeUrl);
    assert.equal(response.status, 302);
    const location = new URL(String(response.headers['location']));
    return { location, pkce, state, code: location.searchParams.get('code') ?? '' };
  }

  it('redirects with a code and the state, which msal redeems with the PKCE verifier', async () => {
    const nonce = crypto.createNewGuid();
    const { location, pkce, state, code } = await authorize({ scopes: ['User.Read', 'Mail.Read'], nonce });

    assert.equal(`${location.origin}${location.pathname}`, NATIVE_REDIRECT_URI);
    assert.equal(location.searchParams.get('state'), state);
    const result = await app.acquireTokenByCode({
      code,
      scopes: ['User.Read', 'Mail.Read'],
      redirectUri: NATIVE_REDIRECT_URI,
      codeVerifier: pkce.verifier,
      nonce,
    });

    assert.equal(result.account?.username, ADELE.userPrincipalName);
    assert.equal((result.idTokenClaims as { nonce?: string }).nonce, nonce);
    assert.deepEqual(server.identity.verifyAccessToken(`Bearer ${result.accessToken}`).scp, ['User.Read', 'Mail.Read']);
    assert.equal(server.identity.issued.at(-1)?.grantType, 'authorization_code');
  });

  it('signs in the user named by login_hint', async () => {
    const { pkce, code } = await authorize({ scopes: ['User.Read'], loginHint: MEGAN.userPrincipalName });

    const result = await app.acquireTokenByCode({ code, scopes: ['User.Read'], redirectUri: NATIVE_REDIRECT_URI, codeVerifier: pkce.verifier });

    assert.equal(result.account?.username, MEGAN.userPrincipalName);
  });

  it('rejects a code_verifier that does not match the challenge with AADSTS501481', async () => {
    const { code } = await authorize({ scopes: ['User.Read'] });
    const other = await crypto.generatePkceCodes();

    await assert.rejects(
      app.acquireTokenByCode({ code, scopes: ['User.Read'], redirectUri: NATIVE_REDIRECT_URI, codeVerifier: other.verifier }),
      (error: unknown) => {
        assert.ok(error instanceof ServerError);
        assert.equal(error.errorCode, 'invalid_grant');
        assert.match(error.errorMessage, /AADSTS501481/);
        return true;
      },
    );
  });

  it('redeems a code only once (AADSTS54005)', async () => {
    const { pkce, code } = await authorize({ scopes: ['User.Read'] });
    const request = { code, scopes: ['User.Read'], redirectUri: NATIVE_REDIRECT_URI, codeVerifier: pkce.verifier };
    await app.acquireTokenByCode(request);

    await assert.rejects(app.acquireTokenByCode(request), /AADSTS54005/);
  });

  it('rejects a code redeemed after its ten-minute lifetime (AADSTS70008)', async () => {
    const { pkce, code } = await authorize({ scopes: ['User.Read'] });
    clock.advanceSeconds(601);

    await assert.rejects(
      app.acquireTokenByCode({ code, scopes: ['User.Read'], redirectUri: NATIVE_REDIRECT_URI, codeVerifier: pkce.verifier }),
      /AADSTS70008/,
    );
  });

  it('rejects a code redeemed with a different redirect_uri', async () => {
    const { pkce, code } = await authorize({ scopes: ['User.Read'] });

    await assert.rejects(
      app.acquireTokenByCode({ code, scopes: ['User.Read'], redirectUri: 'http://localhost:3874/elsewhere', codeVerifier: pkce.verifier }),
      (error: unknown) => error instanceof ServerError && error.errorCode === 'invalid_grant',
    );
  });

  it('answers 400 instead of redirecting when the redirect_uri is not registered', async () => {
    const query = new URLSearchParams({
      client_id: NATIVE.clientId,
      response_type: 'code',
      redirect_uri: 'https://attacker.example/callback',
      scope: 'User.Read openid',
      state: 'abc',
    });

    const response = await rawRequest(server, `/common/oauth2/v2.0/authorize?${query}`);

    assert.equal(response.status, 400);
    assert.equal(response.headers['location'], undefined);
    assert.deepEqual(response.json()['error_codes'], [50011]);
  });

  it('redirects consent_required (AADSTS65001) for a scope the user never consented to', async () => {
    const query = new URLSearchParams({
      client_id: NATIVE.clientId,
      response_type: 'code',
      redirect_uri: NATIVE_REDIRECT_URI,
      scope: 'Mail.Send openid profile',
      login_hint: MEGAN.userPrincipalName,
      state: 'xyz',
    });

    const response = await rawRequest(server, `/organizations/oauth2/v2.0/authorize?${query}`);

    assert.equal(response.status, 302);
    const location = new URL(String(response.headers['location']));
    assert.equal(location.searchParams.get('error'), 'consent_required');
    assert.match(location.searchParams.get('error_description') ?? '', /^AADSTS65001/);
    assert.equal(location.searchParams.get('state'), 'xyz');
    assert.equal(location.searchParams.get('code'), null);
  });

  it('redirects invalid_client (AADSTS650053) for a Graph permission that does not exist, naming the app, with no code', async () => {
    const authorizeUrl = await app.getAuthCodeUrl({ scopes: ['User.Read', 'Mail.Raed'], redirectUri: NATIVE_REDIRECT_URI, state: 'typo' });
    const response = await rawRequest(server, authorizeUrl);
    assert.equal(response.status, 302);
    const location = new URL(String(response.headers['location']));
    assert.equal(location.searchParams.get('error'), 'invalid_client');
    assert.match(
      location.searchParams.get('error_description') ?? '',
      /^AADSTS650053: The application 'Desktop app' asked for scope 'Mail\.Raed' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'\. Contact the app vendor\./,
    );
    assert.equal(location.searchParams.get('state'), 'typo');
    assert.equal(location.searchParams.get('code'), null);
  });
});
