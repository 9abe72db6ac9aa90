/**
 * Public shapes of the identity emulator. Re-exported from ./index.ts, which is
 * what the rest of the emulator imports.
 */
import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface IdentityOptions {
  /** The server's own origin, e.g. 'https://127.0.0.1:54321'; msal authority = `${issuerBaseUrl}/${tenantId}`. */
  issuerBaseUrl: string;
  /** At least one. URLs may name a tenant by its GUID or by its domain (contoso.onmicrosoft.com). */
  tenants: TenantSeed[];
  /**
   * Who answers the device-code prompt, since no person is there to do it.
   * - `true` / omitted: approved on the first poll as the tenant's first user.
   * - `false`: never approved automatically; approve or decline by POSTing the
   *   `verification_uri` form (user_code, action=approve|decline, login_hint).
   * - `{ afterPolls, user }`: the first `afterPolls` polls answer
   *   authorization_pending, the next is approved as `user` (object id or UPN).
   */
  deviceCodeAutoApprove?: boolean | { afterPolls: number; user: string };
  /** Access and id token lifetime; default 3600. */
  tokenLifetimeSeconds?: number;
  /** Injectable clock in milliseconds, so expiry is testable without sleeping. */
  now?: () => number;
  /** Polling interval announced by the device-code endpoint; default 5 (Entra's). Tests use 1. */
  deviceCodeIntervalSeconds?: number;
  /** Device code lifetime; default 900 (Entra's). */
  deviceCodeLifetimeSeconds?: number;
  /**
   * RSA private key that signs every token (PEM or KeyObject). Default: a fresh
   * key per identity. Share one to make several emulator instances trust each
   * other's tokens, or to keep tokens valid across restarts.
   */
  signingKey?: string | KeyObject;
  /**
   * Managed identities answering at `/{tenant}/oauth2/managedidentity`, in Azure App Service's protocol
   * (what msal-node's ManagedIdentityApplication uses when IDENTITY_ENDPOINT and IDENTITY_HEADER are set).
   * The first is the system-assigned one; the others are user-assigned, chosen by `client_id`.
   */
  managedIdentities?: ManagedIdentitySeed[];
}

export interface ManagedIdentitySeed {
  clientId: string;
  displayName?: string;
  /** App-only Graph permissions granted to the identity. */
  appRoles?: string[];
  /** The secret App Service puts in IDENTITY_HEADER; requests must send it as `X-IDENTITY-HEADER`. */
  header: string;
}

export interface TenantSeed {
  /** A GUID. */
  tenantId: string;
  domain: string;
  /** The first user is who signs in when a flow names nobody. */
  users: UserSeed[];
  apps: AppSeed[];
}

export interface UserSeed {
  id: string;
  userPrincipalName: string;
  displayName: string;
  /** Delegated scopes this user consented to (bare Graph names or full `resource/scope`); default: all requested. */
  consentedScopes?: string[];
}

export interface AppSeed {
  clientId: string;
  displayName: string;
  secret?: string;
  /** Public certificate (PEM) whose key signs client assertions. */
  certificatePem?: string;
  redirectUris?: string[];
  /** App-only Graph permissions granted, e.g. 'Mail.Read', 'User.Read.All'. */
  appRoles?: string[];
  /** Allows public-client flows (device code, auth code without a credential) for an app that also has credentials. */
  publicClient?: boolean;
}

export interface AccessTokenClaims {
  tid: string;
  /** The signed-in user's object id; absent for app-only tokens (whose JWT `oid` is the service principal's). */
  oid?: string;
  upn?: string;
  appid: string;
  aud: string;
  /** Delegated scopes (space-separated `scp` in the JWT). */
  scp?: string[];
  /** App-only permissions. */
  roles?: string[];
  exp: number;
  iat: number;
  /** 'user' for delegated tokens, 'app' for app-only tokens (always set by verifyAccessToken). */
  idtyp?: 'user' | 'app';
}

/** One issued token, for tests that prove what happened. Never the token itself. */
export interface IssuedTokenRecord {
  grantType: 'client_credentials' | 'authorization_code' | 'refresh_token' | 'device_code' | 'on_behalf_of' | 'managed_identity';
  clientId: string;
  userId?: string;
  /** Delegated: the granted scopes; app-only: the `<resource>/.default` scope. */
  scopes: string[];
  /** Emulator clock, milliseconds. */
  at: number;
}

export interface Identity {
  /** Handles identity URLs (`/{tenant}/…`, `/common/…`, `/organizations/…`); returns false when the path is not an identity path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /**
   * For the Graph side: validates `Authorization: Bearer …` (signature against own keys,
   * audience = Graph, tenant known, not expired). Throws IdentityError (401, with a
   * `wwwAuthenticate` challenge) when invalid.
   */
  verifyAccessToken(authorizationHeader: string | undefined): AccessTokenClaims;
  /** Every token issued. */
  readonly issued: ReadonlyArray<IssuedTokenRecord>;
}
