import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSelfSignedCertificate, createTlsMaterial, type TlsMaterial } from '../../src/emulator/tls.js';

const HOUR_MS = 3_600_000;

describe('createTlsMaterial', () => {
  const material = createTlsMaterial(['graph.test', '::1']);
  const ca = new X509Certificate(material.caCertPem);
  const server = new X509Certificate(material.certPem);

  it('creates a self-signed certificate authority', () => {
    assert.equal(ca.ca, true);
    assert.equal(ca.subject, ca.issuer);
    assert.ok(ca.verify(ca.publicKey), 'the CA signed itself');
  });

  it('creates a server certificate signed by that CA for 127.0.0.1 and localhost plus extra hosts', () => {
    assert.equal(server.ca, false);
    assert.ok(server.verify(ca.publicKey), 'the CA signed the server certificate');
    assert.ok(server.checkIssued(ca));
    assert.equal(server.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(server.checkHost('localhost'), 'localhost');
    assert.equal(server.checkHost('graph.test'), 'graph.test');
    assert.equal(server.checkIP('::1'), '::1');
    assert.equal(server.checkHost('example.com'), undefined);
    assert.deepEqual(server.keyUsage, ['1.3.6.1.5.5.7.3.1'], 'serverAuth extended key usage');
  });

  it('makes the server certificate valid from an hour ago for about a day', () => {
    const now = Date.now();
    const from = Date.parse(server.validFrom);
    const to = Date.parse(server.validTo);
    assert.ok(from <= now - HOUR_MS + 60_000 && from >= now - HOUR_MS - 60_000);
    assert.ok(to >= now + 23 * HOUR_MS && to <= now + 25 * HOUR_MS);
    assert.ok(Date.parse(ca.validTo) >= to, 'the CA outlives the certificate it signed');
  });

  it('pairs the server certificate with its private key', () => {
    const key = createPrivateKey(material.keyPem);
    assert.ok(server.checkPrivateKey(key));
  });

  it('mints a different authority every time', () => {
    const other = createTlsMaterial();
    assert.notEqual(other.caCertPem, material.caCertPem);
    assert.equal(new X509Certificate(material.certPem).verify(new X509Certificate(other.caCertPem).publicKey), false);
  });
});

describe('an HTTPS server using the TLS material', () => {
  let material: TlsMaterial;
  let server: https.Server;
  let port: number;
  before(async () => {
    material = createTlsMaterial();
    server = https.createServer({ key: material.keyPem, cert: material.certPem }, (_req, res) => res.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  function get(host: string, ca?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', servername: host === '127.0.0.1' ? undefined : host, port, path: '/', agent: false, ...(ca ? { ca } : {}) },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('is trusted by a client that is given the CA', async () => {
    assert.equal(await get('127.0.0.1', material.caCertPem), 'hello');
  });

  it('is trusted under the name localhost too', async () => {
    assert.equal(await get('localhost', material.caCertPem), 'hello');
  });

  it('is refused by a client that does not trust the CA', async () => {
    await assert.rejects(get('127.0.0.1'), (error: NodeJS.ErrnoException) => {
      assert.equal(error.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      return true;
    });
  });

  it('is refused when the client trusts a different CA', async () => {
    await assert.rejects(get('127.0.0.1', createTlsMaterial().caCertPem), /UNABLE_TO_VERIFY_LEAF_SIGNATURE|certificate/);
  });
});

describe('createSelfSignedCertificate', () => {
  it('creates an RSA certificate whose thumbprints are the ones msal-node expects', () => {
    const credential = createSelfSignedCertificate({ commonName: 'app-credential', keyType: 'rsa' });
    const certificate = new X509Certificate(credential.certPem);

    assert.equal(certificate.publicKey.asymmetricKeyType, 'rsa');
    assert.ok(certificate.verify(certificate.publicKey));
    assert.ok(certificate.checkPrivateKey(createPrivateKey(credential.keyPem)));
    assert.equal(credential.thumbprintSha256, certificate.fingerprint256.replace(/:/g, '').toLowerCase());
    assert.equal(credential.thumbprintSha1, certificate.fingerprint.replace(/:/g, '').toLowerCase());
  });
});
