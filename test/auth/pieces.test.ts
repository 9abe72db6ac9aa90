// The pieces work without an Account: msal-node with a token backend as its cache, the client with any
// token provider.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PublicClientApplication } from '@azure/msal-node';
import { createClient } from 'msgraph-ts/v1.0';
import { Account } from '../../src/auth/account.js';
import { cachedUsernames } from '../../src/auth/cache-merge.js';
import { AuthError } from '../../src/auth/errors.js';
import { FileTokenBackend } from '../../src/auth/file-backend.js';
import { createNetworkClient } from '../../src/auth/network-client.js';
import { expandScopes } from '../../src/auth/scopes.js';
import { cachePlugin } from '../../src/auth/token-backend.js';
import { tokenProviderFrom } from '../../src/auth/token-provider.js';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorProtocol, PUBLIC_APP, startAuthEmulator, USERS } from './helpers.js';

describe('the auth pieces without an Account', { timeout: 30_000 }, () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startAuthEmulator();
  });
  after(() => emulator.stop());

  it('a file backend is msal-node\'s cache, and a token provider drives the client', async () => {
    const backend = new FileTokenBackend(join(mkdtempSync(join(tmpdir(), 'msgraph-ts-pieces-')), 'cache.json'));
    const msal = new PublicClientApplication({
      auth: { clientId: PUBLIC_APP.clientId, authority: `${emulator.origin}/${emulator.tenant.id}`, knownAuthorities: [new URL(emulator.origin).host] },
      cache: { cachePlugin: cachePlugin(backend) },
      system: { networkClient: createNetworkClient({ ca: emulator.caCertPem! }) },
    });
    const scopes = expandScopes(['basic'], { protocol: emulatorProtocol(emulator) });
    const signIn = await msal.acquireTokenByDeviceCode({ scopes, deviceCodeCallback: () => {} });

    const client = createClient({
      baseUrl: emulator.origin, fetch: emulator.fetch,
      token: tokenProviderFrom(async () => (await msal.acquireTokenSilent({ account: signIn!.account!, scopes: ['User.Read'] })).accessToken, scopes),
    });

    assert.deepEqual(cachedUsernames(await backend.load()), [USERS.adele]);
    assert.equal((await client.me.get({ select: ['userPrincipalName'] })).userPrincipalName, USERS.adele);
  });

  it('an Account made without createClient says how to get a client', () => {
    const account = new Account(PUBLIC_APP.clientId, { protocol: emulatorProtocol(emulator) });
    assert.throws(() => account.client, (error: unknown) => error instanceof AuthError && /createClient/.test(error.message) && /msgraph-ts\/v1\.0/.test(error.message));
  });
});
