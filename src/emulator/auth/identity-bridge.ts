// Connects the identity service (src/emulator/identity) to the Graph side: its tenant is the seeded
// tenant (same user ids, so a token's `oid` is a user in the store), and its verified claims become the
// Graph caller, delegated (scopes) or app-only (roles).
import { createIdentity, type AppSeed, type Identity, type IdentityOptions, type ManagedIdentitySeed } from '../identity/index.js';
import type { AccessTokenClaims } from '../identity/index.js';
import { TENANT } from '../seed/people.js';
import { entitySetCollection } from '../store/navigation.js';
import type { Store } from '../store/store.js';
import type { Authenticate, Caller } from './caller.js';

/** What `startEmulator({ identity })` takes: anything of IdentityOptions except the issuer, which the server knows. */
export type IdentityConfig = Partial<Omit<IdentityOptions, 'issuerBaseUrl'>> & {
  /** More app registrations in the default tenant, next to DEFAULT_APPS (a certificate app, a middle tier…). */
  extraApps?: AppSeed[];
  /**
   * What seeded users have consented to, by userPrincipalName (bare Graph scopes or `resource/scope`);
   * a user not listed has consented to anything asked. Asking for more is AADSTS65001 consent_required.
   */
  consentedScopes?: Record<string, string[]>;
};

/** Apps registered in the default tenant, so a demo can sign in without configuring anything. */
export const DEFAULT_APPS: AppSeed[] = [
  {
    clientId: '0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f', displayName: 'msgraph-ts sample (public client)', publicClient: true,
    redirectUris: ['http://localhost', 'http://localhost:3000/redirect'],
  },
  {
    clientId: '5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c', displayName: 'msgraph-ts daemon (confidential client)',
    secret: 'emulator-daemon-secret',
    appRoles: ['User.Read.All', 'Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite', 'Files.ReadWrite.All', 'Group.ReadWrite.All', 'Sites.Read.All'],
  },
];

/**
 * The managed identity of the default tenant, in App Service's protocol: point IDENTITY_ENDPOINT at
 * `${origin}/${tenantId}/oauth2/managedidentity` and set IDENTITY_HEADER to its header.
 */
export const DEFAULT_MANAGED_IDENTITIES: ManagedIdentitySeed[] = [
  {
    clientId: '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918', displayName: 'msgraph-ts managed identity',
    header: 'emulator-managed-identity-header', appRoles: ['User.Read.All', 'Mail.Read'],
  },
];

export const IDENTITY_DOMAIN = 'contoso.onmicrosoft.com';

export function createTenantIdentity(issuerBaseUrl: string, store: Store, config: IdentityConfig): Identity {
  const { extraApps = [], consentedScopes = {}, ...options } = config;
  const consent = new Map(Object.entries(consentedScopes).map(([upn, scopes]) => [upn.toLowerCase(), scopes]));
  const users = store.index.schema.entitySets['users'] ? entitySetCollection(store, 'users').list() : [];
  const tenants = options.tenants ?? [{
    tenantId: TENANT.id,
    domain: IDENTITY_DOMAIN,
    users: users.filter((u) => u.props['accountEnabled'] !== false).map((u) => {
      const userPrincipalName = String(u.props['userPrincipalName']);
      const consented = consent.get(userPrincipalName.toLowerCase());
      return {
        id: String(u.props['id']), userPrincipalName, displayName: String(u.props['displayName'] ?? ''),
        ...(consented ? { consentedScopes: consented } : {}),
      };
    }),
    apps: [...DEFAULT_APPS, ...extraApps],
  }];
  return createIdentity({ managedIdentities: DEFAULT_MANAGED_IDENTITIES, ...options, issuerBaseUrl, tenants });
}

export function callerFromClaims(claims: AccessTokenClaims): Caller {
  const app = claims.idtyp === 'app' || (!claims.scp && !claims.oid);
  return {
    kind: app ? 'application' : 'delegated',
    ...(app ? {} : { user: claims.oid ?? claims.upn ?? '' }),
    tenantId: claims.tid,
    appId: claims.appid,
    scopes: new Set(claims.scp ?? []),
    roles: new Set(claims.roles ?? []),
  };
}

export function identityAuthenticate(identity: Identity): Authenticate {
  return ({ headers }) => callerFromClaims(identity.verifyAccessToken(headers['authorization']));
}
