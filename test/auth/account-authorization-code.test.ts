import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'msgraph-ts/v1.0';
import { Account } from '../../src/auth/account.js';
import { AuthError } from '../../src/auth/errors.js';
import type { Emulator } from '../../src/emulator/index.js';
import { browseToLoopback, emulatorProtocol, PUBLIC_APP, request, signInAtBrowser, startAuthEmulator, USERS, withLoginHint } from './helpers.js';

const MANUAL_REDIRECT = 'http://localhost:3000/redirect';
const MANUAL_CHILD = fileURLToPath(new URL('./fixtures/manual-child.ts', import.meta.url));

describe('Account with the authorization code flow and PKCE, against the emulator over TLS', { timeout: 60_000 }, () => {
  let emulator: Emulator;
  before(async () => {
    // Megan consented to reading her profile only.
    emulator = await startAuthEmulator({ consentedScopes: { [USERS.megan]: ['User.Read'] } });
  });
  after(() => emulator.stop());

  function account(scopes = ['basic', 'mailbox']) {
    return new Account(PUBLIC_APP.clientId, {
      tenantId: emulator.tenant.id, scopes, protocol: emulatorProtocol(emulator), ca: emulator.caCertPem!, createClient,
    });
  }

  it('signs in through the loopback listener that the browser is redirected to', async () => {
    const signIn = account();
    let page: Promise<{ status: number; text: string }> | undefined;

    const result = await signIn.authenticate({ onAuthorizeUrl: (url) => void (page = browseToLoopback(emulator, url)) });

    assert.equal(signIn.authFlowType, 'authorization');
    assert.equal(result.username, USERS.adele);
    const shown = await page!;
    assert.equal(shown.status, 200);
    assert.match(shown.text, /You can close this window/);
    assert.equal(emulator.identity!.issued.at(-1)?.grantType, 'authorization_code');
    const inbox = await signIn.client.me.messages.get({ top: 2, select: ['subject'] });
    assert.equal(inbox.value.length, 2);
  });

  it('opens the system browser when asked (xdg-open here, replaced by a script that plays the person)', { skip: process.platform !== 'linux' }, async () => {
    const bin = mkdtempSync(join(tmpdir(), 'msgraph-ts-browser-'));
    const opened = join(bin, 'opened-url.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
    const path = process.env['PATH'];
    process.env['PATH'] = `${bin}:${path}`;
    try {
      const signIn = account();
      const pending = signIn.authenticate({ openBrowser: true, onAuthorizeUrl: () => {} });
      while (!existsSync(opened) || readFileSync(opened, 'utf8') === '') await new Promise((resolve) => setTimeout(resolve, 20));
      await browseToLoopback(emulator, readFileSync(opened, 'utf8'));

      assert.equal((await pending).username, USERS.adele);
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('sends a PKCE S256 challenge, a state and a loopback redirect on 127.0.0.1\'s port', async () => {
    let authorizeUrl = '';
    await account().authenticate({ onAuthorizeUrl: (url) => void browseToLoopback(emulator, (authorizeUrl = url)) });

    const query = new URL(authorizeUrl).searchParams;
    assert.equal(query.get('code_challenge_method'), 'S256');
    assert.match(query.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok(query.get('state'));
    assert.match(query.get('redirect_uri') ?? '', /^http:\/\/localhost:\d+\/$/);
    assert.deepEqual(query.get('scope')?.split(' ').sort(), [
      'https://graph.microsoft.com/Mail.Read', 'https://graph.microsoft.com/User.Read', 'offline_access', 'openid', 'profile',
    ]);
  });

  it('signs in the account the person picks (login_hint) in manual mode, from the pasted redirected URL', async () => {
    const signIn = account();
    const pasted: string[] = [];

    const result = await signIn.authenticate({
      redirectUri: MANUAL_REDIRECT,
      manual: async (url) => {
        const landed = await signInAtBrowser(emulator, withLoginHint(url, USERS.alex));
        pasted.push(landed);
        return landed;
      },
    });

    assert.equal(result.username, USERS.alex);
    assert.match(pasted[0] ?? '', /^http:\/\/localhost:3000\/redirect\?code=/);
    assert.equal((await signIn.client.me.get({ select: ['userPrincipalName'] })).userPrincipalName, USERS.alex);
  });

  it('reads the pasted URL from the terminal in manual mode (manual: true)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MANUAL_CHILD], {
      env: { ...process.env, ORIGIN: emulator.origin, TENANT: emulator.tenant.id, CA: emulator.caCertPem!, CLIENT_ID: PUBLIC_APP.clientId },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    let prompt = '';
    child.stderr!.on('data', (chunk: Buffer) => void (prompt += chunk.toString()));

    const authorizeUrl = String((await lines.next()).value);
    child.stdin!.write(`${await signInAtBrowser(emulator, withLoginHint(authorizeUrl, USERS.nestor))}\n`);
    const outcome = String((await lines.next()).value);
    await once(child, 'exit');

    assert.match(prompt, /Paste the URL your browser was redirected to/);
    assert.equal(outcome, `signed in as ${USERS.nestor}`);
  });

  it('refuses a pasted URL whose state belongs to another sign-in, before redeeming anything', async () => {
    const issued = emulator.identity!.issued.length;
    await assert.rejects(account().authenticate({
      redirectUri: MANUAL_REDIRECT,
      manual: async (url) => {
        const landed = new URL(await signInAtBrowser(emulator, url));
        landed.searchParams.set('state', 'forged');
        return landed.toString();
      },
    }), (error: unknown) => error instanceof AuthError && error.code === 'state_mismatch');
    assert.equal(emulator.identity!.issued.length, issued);
  });

  it('reports consent_required (AADSTS65001) when the user never consented to a scope', async () => {
    await assert.rejects(account(['basic', 'message_send']).authenticate({
      onAuthorizeUrl: (url) => void browseToLoopback(emulator, withLoginHint(url, USERS.megan)),
    }), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.code, 'consent_required');
      assert.equal(error.aadstsCode, 'AADSTS65001');
      assert.match(error.message, /consent/);
      assert.match(error.correlationId ?? '', /^[0-9a-f-]{36}$/);
      return true;
    });
  });

  it('reports a misspelled permission (AADSTS650053) redirected by the authorize endpoint with the scope hint, and redeems nothing', async () => {
    const issued = emulator.identity!.issued.length;
    await assert.rejects(account(['basic', 'Mail.Raed']).authenticate({ onAuthorizeUrl: (url) => void browseToLoopback(emulator, url) }), (error: unknown) => {
      assert.ok(error instanceof AuthError, String(error));
      assert.equal(error.code, 'invalid_client');
      assert.equal(error.aadstsCode, 'AADSTS650053');
      assert.match(error.message, /\(invalid_client\): AADSTS650053: The application '[^']+' asked for scope 'Mail\.Raed' that doesn't exist/);
      assert.match(error.message, /A scope names no permission of the resource: .*SCOPE_ALIASES/);
      assert.doesNotMatch(error.message, /client credentials|client secret/i);
      return true;
    });
    assert.equal(emulator.identity!.issued.length, issued);
  });

  it('gives up with a timeout when no browser ever comes back, and frees the port', async () => {
    let redirect = '';
    await assert.rejects(
      account().authenticate({ timeoutSeconds: 0.2, onAuthorizeUrl: (url) => void (redirect = new URL(url).searchParams.get('redirect_uri') ?? '') }),
      (error: unknown) => error instanceof AuthError && error.code === 'timeout',
    );
    await assert.rejects(request(`${redirect}?code=late&state=x`), /ECONNREFUSED/);
  });

  it('can be cancelled while waiting for the browser', async () => {
    const controller = new AbortController();
    await assert.rejects(
      account().authenticate({ signal: controller.signal, onAuthorizeUrl: () => controller.abort() }),
      (error: unknown) => error instanceof AuthError && error.code === 'cancelled',
    );
  });
});
