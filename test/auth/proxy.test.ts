import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'msgraph-ts/v1.0';
import { Account } from '../../src/auth/account.js';
import { AuthError } from '../../src/auth/errors.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createTlsMaterial } from '../../src/emulator/tls.js';
import { startProxy } from '../helpers/connect-proxy.js';
import { DAEMON_APP, DAEMON_SECRET, emulatorProtocol, everythingPrinted, failure, startAuthEmulator, USERS } from './helpers.js';

describe('an Account behind an HTTP proxy', { timeout: 30_000 }, () => {
  let emulator: Emulator;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  // An impostor on 127.0.0.1 with a certificate from another CA, for a proxy that diverts the tunnel.
  const impostorTls = createTlsMaterial();
  const impostor = https.createServer({ key: impostorTls.keyPem, cert: impostorTls.certPem }, (_req, res) => res.end('{}'));
  let divert = false;
  before(async () => {
    emulator = await startAuthEmulator();
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    proxy = await startProxy('corp:pr0xy-pass', { divertToPort: () => (divert ? (impostor.address() as AddressInfo).port : undefined) });
  });
  after(async () => {
    await proxy.close();
    impostor.closeAllConnections();
    impostor.close();
    await emulator.stop();
  });

  it('signs in and calls Graph through CONNECT tunnels, TLS verified end to end against the CA', async () => {
    const daemon = new Account([DAEMON_APP.clientId, DAEMON_SECRET], {
      tenantId: emulator.tenant.id, protocol: emulatorProtocol(emulator), ca: emulator.caCertPem!, proxy: proxy.url('corp:pr0xy-pass'), createClient,
    });

    await daemon.authenticate();
    const megan = await daemon.client.users.byId(USERS.megan).get({ select: ['displayName'] });

    await daemon.close();
    assert.equal(megan.displayName, 'Megan Bowen');
    const emulatorHost = new URL(emulator.origin).host;
    assert.ok(proxy.tunnels.length >= 2, 'msal and the client both went through the proxy');
    assert.ok(proxy.tunnels.every((tunnel) => tunnel.target === emulatorHost && tunnel.authorized));
  });

  it('refuses a proxy that diverts the tunnel to another server: TLS inside the tunnel checks the CA', async () => {
    divert = true;
    try {
      const daemon = new Account([DAEMON_APP.clientId, DAEMON_SECRET], {
        tenantId: emulator.tenant.id, protocol: emulatorProtocol(emulator), ca: emulator.caCertPem!, proxy: proxy.url('corp:pr0xy-pass'),
      });
      const issued = emulator.identity!.issued.length;

      const error = await failure(daemon.authenticate());

      assert.ok(error instanceof AuthError);
      assert.equal(emulator.identity!.issued.length, issued);
      assert.ok(!(await everythingPrinted(error)).includes(DAEMON_SECRET));
    } finally {
      divert = false;
    }
  });

  it('reports a proxy that refuses the credentials, without printing them', async () => {
    const daemon = new Account([DAEMON_APP.clientId, DAEMON_SECRET], {
      tenantId: emulator.tenant.id, protocol: emulatorProtocol(emulator), ca: emulator.caCertPem!, proxy: proxy.url('corp:wrong-pass'),
    });

    const error = await failure(daemon.authenticate());

    assert.ok(error instanceof AuthError);
    assert.match(error.message, /proxy/);
    const printed = await everythingPrinted(error);
    assert.ok(!printed.includes('wrong-pass') && !printed.includes(DAEMON_SECRET));
  });
});
