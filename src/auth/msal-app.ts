// Builds the msal-node application an Account signs in with: public or confidential from the
// credentials, the authority from the protocol (its cloud or the emulator), the token backend as msal's
// cache, and the network client that trusts the given CA or goes through the proxy (see account.ts).
import { X509Certificate } from 'node:crypto';
import { CLOUDS } from '../protocol.js';
import type { Protocol } from '../protocol.js';
import type { Configuration, INetworkModule } from '@azure/msal-node';
import { ConfidentialClientApplication, PublicClientApplication } from './msal.js';
import { AuthError } from './errors.js';
import { cachePlugin, type TokenBackend } from './token-backend.js';

export interface ClientCertificate {
  /** PEM private key whose public half is registered on the app. */
  privateKey: string;
  /** The certificate (PEM): its thumbprint is computed and it is sent as x5c (subject name/issuer auth). */
  certificate?: string;
  /** Hex SHA-256 thumbprint, when the certificate itself is not at hand. */
  thumbprintSha256?: string;
  /** Hex SHA-1 thumbprint (legacy). */
  thumbprint?: string;
}

/**
 * Who the app is. A string is a public client (device code, authorization code with PKCE); python-o365's
 * `(client_id, client_secret)` pair and an object with a secret, a certificate or an assertion make a
 * confidential client (client credentials, on-behalf-of, web authorization code).
 */
export type Credentials =
  | string
  | readonly [clientId: string, clientSecret: string]
  | {
      clientId: string;
      clientSecret?: string;
      clientCertificate?: ClientCertificate;
      /** A signed client assertion (federated credentials), or a function returning a fresh one. */
      clientAssertion?: string | (() => Promise<string>);
    };

export interface ResolvedCredentials {
  clientId: string;
  confidential: boolean;
  /** What must never appear in an error: the secret and the private key. */
  secrets: string[];
  auth: Omit<Configuration['auth'], 'authority' | 'knownAuthorities'>;
}

export function resolveCredentials(credentials: Credentials): ResolvedCredentials {
  const given = typeof credentials === 'string'
    ? { clientId: credentials }
    : isPair(credentials) ? { clientId: credentials[0], clientSecret: credentials[1] } : credentials;
  if (!given.clientId) throw new AuthError('configuration_error', 'The credentials have no client id: pass the application (client) id of your app registration.');
  const certificate = given.clientCertificate ? msalCertificate(given.clientCertificate) : undefined;
  const assertion = given.clientAssertion;
  const auth: ResolvedCredentials['auth'] = {
    clientId: given.clientId,
    ...(given.clientSecret ? { clientSecret: given.clientSecret } : {}),
    ...(certificate ? { clientCertificate: certificate } : {}),
    ...(assertion === undefined ? {} : { clientAssertion: typeof assertion === 'string' ? assertion : () => assertion() }),
  };
  return {
    clientId: given.clientId,
    confidential: Boolean(given.clientSecret || certificate || assertion),
    secrets: [given.clientSecret, given.clientCertificate?.privateKey, typeof assertion === 'string' ? assertion : undefined].filter((s): s is string => Boolean(s)),
    auth,
  };
}

function isPair(value: Credentials): value is readonly [string, string] {
  return Array.isArray(value);
}

function msalCertificate(cert: ClientCertificate): NonNullable<Configuration['auth']['clientCertificate']> {
  if (cert.certificate) {
    const x509 = new X509Certificate(cert.certificate);
    return { privateKey: cert.privateKey, thumbprintSha256: x509.fingerprint256.replaceAll(':', '').toLowerCase(), x5c: cert.certificate };
  }
  if (cert.thumbprintSha256) return { privateKey: cert.privateKey, thumbprintSha256: cert.thumbprintSha256 };
  if (cert.thumbprint) return { privateKey: cert.privateKey, thumbprint: cert.thumbprint };
  throw new AuthError('configuration_error', 'The client certificate needs the certificate PEM or its thumbprint next to the private key.');
}

export interface MsalAppOptions {
  protocol: Protocol;
  /** A GUID, a domain, or 'common' / 'organizations' / 'consumers'. */
  tenantId: string;
  tokenBackend: TokenBackend;
  /** How msal reaches the identity endpoint (see createNetworkClient); default: msal's own. */
  networkClient?: INetworkModule;
}

export type MsalApp = PublicClientApplication | ConfidentialClientApplication;

export function createMsalApp(credentials: ResolvedCredentials, options: MsalAppOptions): MsalApp {
  const { protocol } = options;
  const loginHost = new URL(protocol.loginUrl).host;
  // msal checks an unknown authority host with Entra's instance discovery (online); a host that is none
  // of Microsoft's clouds (the emulator, a proxy in front of Entra) is declared known instead.
  const microsoft = Object.values(CLOUDS).some((cloud) => new URL(cloud.login).host === loginHost);
  const { networkClient } = options;
  const configuration: Configuration = {
    auth: { ...credentials.auth, authority: protocol.authority(options.tenantId), ...(microsoft ? {} : { knownAuthorities: [loginHost] }) },
    cache: { cachePlugin: cachePlugin(options.tokenBackend) },
    ...(networkClient ? { system: { networkClient } } : {}),
  };
  return credentials.confidential ? new ConfidentialClientApplication(configuration) : new PublicClientApplication(configuration);
}
