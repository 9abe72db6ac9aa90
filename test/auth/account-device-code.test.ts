import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { createClient } from 'msgraph-ts/v1.0';
import { Account } from '../../src/auth/account.js';
import { AuthError } from '../../src/auth/errors.js';
import type { DeviceCodePrompt } from '../../src/auth/device-code.js';
import type { Emulator } from '../../src/emulator/index.js';
import { IdentityError } from '../../src/emulator/identity/index.js';
import { approveDeviceCode, emulatorProtocol, manualClock, PUBLIC_APP, startAuthEmulator, USERS } from './helpers.js';

describe('Account with the device code flow, against the emulator over TLS', { timeout: 60_000 }, () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  function account(running: Emulator) {
    return new Account(PUBLIC_APP.clientId, {
      authFlowType: 'device', tenantId: running.tenant.id, scopes: ['basic', 'message_all'],
      protocol: emulatorProtocol(running), ca: running.caCertPem!, createClient,
    });
  }

  it('signs in through the prompt, and the client reads /me and mail with the token', async () => {
    emulator = await startAuthEmulator();
    const signIn = account(emulator);
    const prompts: DeviceCodePrompt[] = [];
    assert.equal(signIn.isAuthenticated, false);

    const result = await signIn.authenticate({ onDeviceCode: (prompt) => prompts.push(prompt) });

    assert.equal(prompts.length, 1);
    assert.match(prompts[0]!.message, new RegExp(prompts[0]!.userCode));
    assert.equal(result.username, USERS.adele);
    assert.ok(result.scopes.includes('Mail.ReadWrite'));
    assert.equal(signIn.isAuthenticated, true);
    assert.deepEqual(signIn.users, [USERS.adele]);
    const me = await signIn.client.me.get({ select: ['userPrincipalName'] });
    assert.equal(me.userPrincipalName, USERS.adele);
    const inbox = await signIn.client.me.mailFolders.byId('inbox').messages.get({ top: 1, select: ['subject'] });
    assert.equal(inbox.value.length, 1);
  });

  it('serves later tokens from the cache, and Graph refuses a token once it expired on the server', async () => {
    const clock = manualClock();
    emulator = await startAuthEmulator({ now: clock.now, tokenLifetimeSeconds: 3600 });
    const signIn = account(emulator);
    await signIn.authenticate({ onDeviceCode: () => {} });
    const running = emulator;

    const first = await signIn.tokenProvider();
    const second = await signIn.tokenProvider();

    assert.ok(first === second, 'the same token, from the cache');
    assert.deepEqual(running.identity!.issued.map((record) => record.grantType), ['device_code'], 'no second request to the token endpoint');
    clock.advanceSeconds(3601);
    await assert.rejects(createClient({ baseUrl: running.origin, fetch: running.fetch, token: first }).me.get(), (error: unknown) => {
      assert.equal((error as { status?: number }).status, 401);
      return true;
    });
  });

  it('refreshes through the refresh token when the access token is within msal\'s renewal window', async () => {
    const clock = manualClock();
    emulator = await startAuthEmulator({ now: clock.now, tokenLifetimeSeconds: 120 });
    const signIn = account(emulator);
    await signIn.authenticate({ onDeviceCode: () => {} });
    const running = emulator;
    clock.advanceSeconds(121);

    const token = await signIn.tokenProvider();

    assert.deepEqual(running.identity!.issued.map((record) => record.grantType), ['device_code', 'refresh_token']);
    assert.equal(running.identity!.verifyAccessToken(`Bearer ${token}`).upn, USERS.adele);
    assert.equal((await signIn.client.me.get({ select: ['userPrincipalName'] })).userPrincipalName, USERS.adele);
  });

  it('stops polling when cancelled through an AbortSignal', async () => {
    emulator = await startAuthEmulator({ deviceCodeAutoApprove: false });
    const controller = new AbortController();
    const started = Date.now();

    await assert.rejects(account(emulator).authenticate({ signal: controller.signal, onDeviceCode: () => setTimeout(() => controller.abort(), 50) }), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.code, 'cancelled');
      return true;
    });
    assert.ok(Date.now() - started < 900, 'rejected at once, not after the next poll');
    assert.equal(emulator.identity!.issued.length, 0);
  });

  it('reports an expired device code as expired_token with what to do', async () => {
    const clock = manualClock();
    emulator = await startAuthEmulator({ now: clock.now, deviceCodeAutoApprove: false });

    await assert.rejects(account(emulator).authenticate({ onDeviceCode: () => clock.advanceSeconds(901) }), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.code, 'expired_token');
      assert.match(error.message, /run authenticate\(\) again/);
      assert.match(error.correlationId ?? '', /^[0-9a-f-]{36}$/);
      return true;
    });
  });

  it('reports a declined sign-in as authorization_declined', async () => {
    emulator = await startAuthEmulator({ deviceCodeAutoApprove: false });
    const running = emulator;

    await assert.rejects(
      account(running).authenticate({ onDeviceCode: (prompt) => void approveDeviceCode(running, prompt, USERS.alex, 'decline') }),
      (error: unknown) => error instanceof AuthError && error.code === 'authorization_declined',
    );
  });

  after(async () => {
    await emulator?.stop();
  });
});
