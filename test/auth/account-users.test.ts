import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from 'msgraph-ts/v1.0';
import { Account } from '../../src/auth/account.js';
import { cachedUsernames } from '../../src/auth/cache-merge.js';
import { AuthError } from '../../src/auth/errors.js';
import { FileTokenBackend } from '../../src/auth/file-backend.js';
import { MemoryTokenBackend, type TokenBackend } from '../../src/auth/token-backend.js';
import type { Emulator } from '../../src/emulator/index.js';
import { browseToLoopback, emulatorProtocol, manualClock, PUBLIC_APP, startAuthEmulator, USERS, withLoginHint } from './helpers.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./fixtures/sign-in-child.ts', import.meta.url));

/** Refresh tokens per user in a stored cache (by the home account id the user's account entry names). */
function refreshTokensOf(cache: string | undefined, username: string): number {
  const parsed = JSON.parse(cache ?? '{}') as { Account?: Record<string, { username: string; home_account_id: string }>; RefreshToken?: Record<string, { home_account_id: string }> };
  const home = Object.values(parsed.Account ?? {}).find((account) => account.username === username)?.home_account_id;
  return Object.values(parsed.RefreshToken ?? {}).filter((token) => home !== undefined && token.home_account_id === home).length;
}

describe('several users in one Account and one token backend', { timeout: 120_000 }, () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startAuthEmulator();
  });
  after(() => emulator.stop());

  function account(tokenBackend: TokenBackend) {
    return new Account(PUBLIC_APP.clientId, {
      tenantId: emulator.tenant.id, scopes: ['basic', 'mailbox'], protocol: emulatorProtocol(emulator), ca: emulator.caCertPem!, tokenBackend, createClient,
    });
  }
  const signInAs = (target: Account<unknown>, user: string) =>
    target.authenticate({ onAuthorizeUrl: (url) => void browseToLoopback(emulator, withLoginHint(url, user)) });

  it('makes each new sign-in current, switches whose token the client uses, and signs one user out', async () => {
    const backend = new MemoryTokenBackend();
    const shared = account(backend);
    const whoAmI = async () => (await shared.client.me.get({ select: ['userPrincipalName'] })).userPrincipalName;

    await signInAs(shared, USERS.adele);
    await signInAs(shared, USERS.alex);

    assert.deepEqual(shared.users, [USERS.adele, USERS.alex]);
    assert.equal(shared.username, USERS.alex);
    assert.equal(await whoAmI(), USERS.alex);
    shared.username = USERS.adele;
    assert.equal(await whoAmI(), USERS.adele, 'the same client, now with the other user\'s token');

    await shared.signOut(USERS.alex);

    assert.deepEqual(shared.users, [USERS.adele]);
    assert.deepEqual(cachedUsernames(await backend.load()), [USERS.adele]);
    assert.equal(refreshTokensOf(await backend.load(), USERS.adele), 1, 'the other user keeps their refresh token');
    assert.equal(await whoAmI(), USERS.adele);
    assert.throws(() => (shared.username = USERS.alex), (error: unknown) => error instanceof AuthError && error.code === 'unknown_user' && error.message.includes(USERS.adele));
  });

  it('falls back to the first remaining user when the current one signs out, and to nobody after the last', async () => {
    const shared = account(new MemoryTokenBackend());
    await signInAs(shared, USERS.megan);
    await signInAs(shared, USERS.nestor);

    await shared.signOut();
    assert.equal(shared.username, USERS.megan);
    await shared.signOut();

    assert.equal(shared.username, undefined);
    assert.equal(shared.isAuthenticated, false);
    await assert.rejects(shared.tokenProvider(), (error: unknown) => error instanceof AuthError && error.code === 'not_signed_in' && /authenticate\(\)/.test(error.message));
  });

  it('lets another Account on the same file use the stored users without signing in, the first by default', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'msgraph-ts-users-')), 'o365_token.txt');
    const first = account(new FileTokenBackend(path));
    await signInAs(first, USERS.nestor);
    await signInAs(first, USERS.megan);
    const issued = emulator.identity!.issued.length;

    const later = await account(new FileTokenBackend(path)).load();

    assert.deepEqual(later.users, [USERS.nestor, USERS.megan]);
    assert.equal(later.username, USERS.nestor);
    assert.equal(later.isAuthenticated, true);
    assert.equal((await later.client.me.get({ select: ['userPrincipalName'] })).userPrincipalName, USERS.nestor);
    assert.equal(emulator.identity!.issued.length, issued, 'the stored access token was used as is');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('serves twenty requests at once from one cached token through the file backend', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'msgraph-ts-users-')), 'busy.json');
    const busy = account(new FileTokenBackend(path));
    await signInAs(busy, USERS.megan);
    const issued = emulator.identity!.issued.length;

    const answers = await Promise.all(Array.from({ length: 20 }, () => busy.client.me.get({ select: ['userPrincipalName'] })));

    assert.ok(answers.every((me) => me.userPrincipalName === USERS.megan));
    assert.equal(emulator.identity!.issued.length, issued, 'no refresh, no new sign-in');
    assert.deepEqual(cachedUsernames(await new FileTokenBackend(path).load()), [USERS.megan]);
  });

  it('keeps every user when four processes sign different users into one file at the same time', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'msgraph-ts-users-')), 'shared.json');
    const users = [USERS.adele, USERS.alex, USERS.megan, USERS.nestor];
    const env = { ...process.env, ORIGIN: emulator.origin, TENANT: emulator.tenant.id, CA: emulator.caCertPem!, CACHE: path, CLIENT_ID: PUBLIC_APP.clientId, SLOW_LOAD_MS: '700' };

    const signedIn = await Promise.all(users.map(async (user) =>
      (await run(process.execPath, ['--import', 'tsx', CHILD], { env: { ...env, SIGN_IN_AS: user } })).stdout));

    assert.deepEqual(signedIn, users);
    const here = await account(new FileTokenBackend(path)).load();
    assert.deepEqual([...here.users].sort(), [...users].sort());
    for (const user of users) {
      here.username = user;
      assert.equal((await here.client.me.get({ select: ['userPrincipalName'] })).userPrincipalName, user);
      assert.equal(refreshTokensOf(await new FileTokenBackend(path).load(), user), 1);
    }
  });

  it('asks for a new sign-in (interaction_required) once the refresh token has expired', async () => {
    // Its own emulator: tokens short enough that msal wants a refresh, and a clock to age the refresh token.
    const ageing = manualClock();
    const running = await startAuthEmulator({ now: ageing.now, tokenLifetimeSeconds: 120 });
    try {
      const shared = new Account(PUBLIC_APP.clientId, { tenantId: running.tenant.id, protocol: emulatorProtocol(running), ca: running.caCertPem! });
      await shared.authenticate({ onAuthorizeUrl: (url) => void browseToLoopback(running, url) });
      ageing.advanceSeconds(91 * 24 * 3600);

      await assert.rejects(shared.tokenProvider(), (error: unknown) => {
        assert.ok(error instanceof AuthError);
        assert.equal(error.code, 'interaction_required');
        assert.equal(error.aadstsCode, 'AADSTS70008');
        assert.match(error.message, new RegExp(`^Getting a token for ${USERS.adele} failed`));
        assert.match(error.message, /sign in again with authenticate\(\)/);
        return true;
      });
    } finally {
      await running.stop();
    }
  });
});
