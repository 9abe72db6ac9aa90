/**
 * Shared fixtures for the identity tests: a seeded tenant, a tiny HTTPS server
 * on 127.0.0.1 that routes to `identity.handle`, an injectable clock, and the
 * msal-node configuration a real client uses against the emulator.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Configuration, DeviceCodeRequest } from '@azure/msal-node';
import { createNetworkClient } from '../../src/auth/network-client.js';
import { createIdentity, type Identity, type IdentityOptions, type TenantSeed } from '../../src/emulator/identity/index.js';
import { createSelfSignedCertificate, createTlsMaterial } from '../../src/emulator/tls.js';

export const TENANT_ID = '7b2f4a10-3c5d-4e6f-8a9b-0c1d2e3f4a5b';
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

export const ADELE = { id: '11111111-aaaa-4aaa-8aaa-111111111111', userPrincipalName: 'adele@contoso.onmicrosoft.com', displayName: 'Adele Vance' };
/** Megan consented to User.Read and the middle-tier API only. */
export const MEGAN = {
  id: '22222222-bbbb-4bbb-8bbb-222222222222',
  userPrincipalName: 'megan@contoso.onmicrosoft.com',
  displayName: 'Megan Bowen',
  consentedScopes: ['User.Read', 'api://c3c3c3c3-0000-4000-8000-000000000003/access_as_user'],
};

export const DAEMON = {
  clientId: 'a1a1a1a1-0000-4000-8000-000000000001',
  displayName: 'Nightly export',
  secret: 'dmn~S3cr3t.Value-Do-Not-Echo_1234',
  appRoles: ['User.Read.All', 'Mail.Read'],
};

/** The key pair stays in the test; only the public certificate is registered. */
export const DAEMON_CERTIFICATE = createSelfSignedCertificate({ commonName: 'cert-daemon', keyType: 'rsa' });
export const CERT_DAEMON = {
  clientId: 'b2b2b2b2-0000-4000-8000-000000000002',
  displayName: 'Certificate daemon',
  certificatePem: DAEMON_CERTIFICATE.certPem,
  appRoles: ['Sites.Read.All'],
};

export const MIDDLE_TIER = {
  clientId: 'c3c3c3c3-0000-4000-8000-000000000003',
  displayName: 'Orders API',
  secret: 'mid~Another.Secret-Value_5678',
};

export const NATIVE_REDIRECT_URI = 'http://localhost:3874/redirect';
export const NATIVE = {
  clientId: 'd4d4d4d4-0000-4000-8000-000000000004',
  displayName: 'Desktop app',
  publicClient: true,
  redirectUris: [NATIVE_REDIRECT_URI],
};

export function contosoTenant(): TenantSeed {
  return {
    tenantId: TENANT_ID,
    domain: TENANT_DOMAIN,
    users: [ADELE, MEGAN],
    apps: [DAEMON, CERT_DAEMON, MIDDLE_TIER, NATIVE],
  };
}

/**
 * A device code request that msal abandons after ten seconds of polling, so a
 * test whose approval never arrives fails instead of waiting out the code.
 */
export function deviceCodeRequest(
  scopes: string[],
  deviceCodeCallback: DeviceCodeRequest['deviceCodeCallback'] = () => {},
): DeviceCodeRequest {
  return { scopes, deviceCodeCallback, timeout: 10 };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.now()) {
  let current = start;
  return {
    now: () => current,
    advanceSeconds(seconds: number) {
      current += seconds * 1000;
    },
  };
}

/** RSA key generation dominates server start-up, so test servers share one unless a test asks otherwise. */
let sharedSigningKey: KeyObject | undefined;
function testSigningKey(): KeyObject {
  sharedSigningKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return sharedSigningKey;
}

export interface IdentityServer {
  baseUrl: string;
  host: string;
  identity: Identity;
  caCertPem: string;
  /** Authority and knownAuthorities for msal-node (see src/emulator/identity/discovery.ts). */
  msalAuth(clientId: string, tenant?: string): { clientId: string; authority: string; knownAuthorities: string[] };
  /** The `system` block every msal-node app uses against the emulator: trust its CA. */
  msalSystem(): NonNullable<Configuration['system']>;
  close(): Promise<void>;
}

export async function startIdentityServer(
  options: Partial<Omit<IdentityOptions, 'issuerBaseUrl'>> = {},
): Promise<IdentityServer> {
  const tls = createTlsMaterial();
  let identity: Identity | undefined;
  const server = https.createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? '127.0.0.1'}`);
    Promise.resolve(identity?.handle(req, res, url) ?? false)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'not an identity path' }));
        }
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `https://127.0.0.1:${port}`;
  identity = createIdentity({
    tenants: [contosoTenant()],
    deviceCodeIntervalSeconds: 1,
    signingKey: testSigningKey(),
    ...options,
    issuerBaseUrl: baseUrl,
  });
  const host = new URL(baseUrl).host;

  return {
    baseUrl,
    host,
    identity,
    caCertPem: tls.caCertPem,
    msalAuth: (clientId, tenant = TENANT_ID) => ({ clientId, authority: `${baseUrl}/${tenant}`, knownAuthorities: [host] }),
    msalSystem: () => ({ networkClient: createNetworkClient({ ca: tls.caCertPem }) }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** A plain HTTPS call that trusts the emulator's CA, for endpoints msal does not drive (e.g. /authorize). */
export function rawRequest(
  server: IdentityServer,
  path: string,
  init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, server.baseUrl),
      {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        ca: server.caCertPem,
        agent: false,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Decodes a JWT payload without verifying it (the tests verify through the emulator). */
export function jwtPayload(token: string): Record<string, unknown> {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
