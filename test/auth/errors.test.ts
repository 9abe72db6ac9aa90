import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { Account } from '../../src/auth/account.js';
import { AuthError, redact } from '../../src/auth/errors.js';
import { MemoryTokenBackend } from '../../src/auth/token-backend.js';
import type { Emulator } from '../../src/emulator/index.js';
import { Protocol } from '../../src/protocol.js';
import { browseToLoopback, DAEMON_APP, DAEMON_SECRET, emulatorProtocol, everythingPrinted, failure, manualClock, PUBLIC_APP, startAuthEmulator } from './helpers.js';

const WRONG_SECRET = 'wrong~Secret.Value-That-Must-Not-Leak_42';

describe('authentication errors: typed, actionable, and free of secrets', { timeout: 60_000 }, () => {
  const clock = manualClock();
  let emulator: Emulator;
  before(async () => {
    emulator = await startAuthEmulator({ now: clock.now, tokenLifetimeSeconds: 120 });
  });
  after(() => emulator.stop());
  const options = (tenantId = emulator.tenant.id) => ({ tenantId, protocol: emulatorProtocol(emulator), ca: emulator.caCertPem! });

  it('a wrong client secret is invalid_client (AADSTS7000215), naming neither secret', async () => {
    const error = await failure(new Account([DAEMON_APP.clientId, WRONG_SECRET], options()).authenticate());

    assert.ok(error instanceof AuthError);
    assert.equal(error.code, 'invalid_client');
    assert.equal(error.aadstsCode, 'AADSTS7000215');
    assert.equal(error.status, 401);
    assert.match(error.message, /Invalid client secret provided.*Use the client secret's value \(not its id\)/);
    assert.match(error.correlationId ?? '', /^[0-9a-f-]{36}$/);
    assert.match(error.traceId ?? '', /^[0-9a-f-]{36}$/);
    const printed = await everythingPrinted(error);
    assert.ok(!printed.includes(WRONG_SECRET), 'the presented secret is not printed');
    assert.ok(!printed.includes(DAEMON_SECRET), 'the registered secret is not printed');
    assert.ok(!printed.includes('ServerError'), 'msal\'s error is not kept as a cause that would be printed');
  });

  it('a tenant that does not exist says to check tenantId and the cloud', async () => {
    const error = await failure(new Account([DAEMON_APP.clientId, DAEMON_SECRET], options('00000000-1111-4222-8333-444444444444')).authenticate());

    assert.ok(error instanceof AuthError, String(error));
    assert.match(error.message, /tenant/i);
    assert.ok(!(await everythingPrinted(error)).includes(DAEMON_SECRET));
  });

  it('an unknown client id is unauthorized_client (AADSTS700016)', async () => {
    const error = await failure(new Account(['99999999-0000-4000-8000-000000000009', DAEMON_SECRET], options()).authenticate());

    assert.ok(error instanceof AuthError);
    assert.equal(error.code, 'unauthorized_client');
    assert.equal(error.aadstsCode, 'AADSTS700016');
    assert.match(error.message, /check clientId and tenantId/);
  });

  it('an unreachable identity endpoint is reported as such, not as a raw socket error', async () => {
    const nowhere = new Protocol({ loginUrl: 'https://127.0.0.1:1' });
    const error = await failure(new Account([DAEMON_APP.clientId, DAEMON_SECRET], { tenantId: emulator.tenant.id, protocol: nowhere, ca: emulator.caCertPem! }).authenticate());

    assert.ok(error instanceof AuthError);
    assert.match(error.message, /could not be reached|ECONNREFUSED/);
    assert.ok(!(await everythingPrinted(error)).includes(DAEMON_SECRET));
  });

  it('a scope that names no Graph permission (Mail.Raed) is AADSTS650053 with the scope hint, not the client-secret one', async () => {
    const backend = new MemoryTokenBackend();
    await new Account(PUBLIC_APP.clientId, { ...options(), tokenBackend: backend }).authenticate({ onAuthorizeUrl: (url) => void browseToLoopback(emulator, url) });
    // The same user in a program with a misspelled permission: msal has no token for it, so it refreshes at the token endpoint.
    const misspelled = new Account(PUBLIC_APP.clientId, { ...options(), scopes: ['basic', 'Mail.Raed'], tokenBackend: backend });

    const error = await failure(misspelled.tokenProvider());

    assert.ok(error instanceof AuthError, String(error));
    assert.equal(error.code, 'invalid_client');
    assert.equal(error.aadstsCode, 'AADSTS650053');
    assert.match(error.message, /: AADSTS650053: The application '[^']+' asked for scope 'Mail\.Raed' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'\./);
    assert.match(error.message, /A scope names no permission of the resource: check each name against Graph's permissions reference .* SCOPE_ALIASES/);
    assert.doesNotMatch(error.message, /client credentials|client secret|certificate/i, 'no credential is wrong, so none is mentioned');
  });

  it('a device code sign-in asking for a permission that does not exist gets Entra\'s AADSTS650053 and the scope hint, not a bare bad_verification_code', async () => {
    let prompted = false;
    const error = await failure(new Account(PUBLIC_APP.clientId, { ...options(), scopes: ['basic', 'Mail.Raed'], authFlowType: 'device' })
      .authenticate({ onDeviceCode: () => { prompted = true; } }));

    assert.ok(error instanceof AuthError, String(error));
    assert.equal(error.code, 'invalid_client');
    assert.equal(error.aadstsCode, 'AADSTS650053');
    assert.equal(error.status, 400);
    assert.match(error.message, /^Signing in with the device code flow failed \(invalid_client\): AADSTS650053: The application '[^']+' asked for scope 'Mail\.Raed'/);
    assert.match(error.message, /A scope names no permission of the resource/);
    assert.equal(prompted, false, 'no empty prompt is shown');
  });

  it('a refused refresh names the user and what to do, but no refresh or access token', async () => {
    const backend = new MemoryTokenBackend();
    const signedIn = new Account(PUBLIC_APP.clientId, { ...options(), tokenBackend: backend });
    await signedIn.authenticate({ onAuthorizeUrl: (url) => void browseToLoopback(emulator, url) });
    const accessToken = await signedIn.tokenProvider();
    const stored = JSON.parse((await backend.load())!) as { RefreshToken: Record<string, { secret: string }> };
    const refreshTokens = Object.values(stored.RefreshToken).map((entry) => entry.secret);
    clock.advanceSeconds(91 * 24 * 3600);

    const error = await failure(signedIn.tokenProvider());

    assert.ok(error instanceof AuthError);
    assert.equal(error.code, 'interaction_required');
    const printed = await everythingPrinted(error);
    assert.ok(refreshTokens.length > 0 && refreshTokens.every((token) => !printed.includes(token)));
    assert.ok(!printed.includes(accessToken));
  });

  it('util.inspect shows the code, the AADSTS number, the correlation id and where it was thrown', () => {
    const error = new AuthError('invalid_client', 'Signing in failed.', { aadsts: 7000215, correlationId: '0f0f0f0f-0000-4000-8000-000000000000' });
    const shown = inspect(error).split('\n');
    assert.equal(shown[0], 'AuthError [invalid_client, AADSTS7000215, correlation id 0f0f0f0f-0000-4000-8000-000000000000]: Signing in failed.');
    assert.match(shown[1] ?? '', /^\s+at .*errors\.test\.ts/);
  });

  it('redact removes JWTs, credential form fields and the secrets it is given', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';
    assert.equal(
      redact(`token ${jwt} body client_secret=abc123&refresh_token=rt.xyz&grant_type=refresh_token key=${DAEMON_SECRET}`, [DAEMON_SECRET]),
      'token [redacted token] body client_secret=[redacted]&refresh_token=[redacted]&grant_type=refresh_token key=[redacted]',
    );
  });
});
