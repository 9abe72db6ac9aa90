/**
 * Minting tokens and building the token-endpoint success response.
 *
 * The claims follow what Graph tokens from Entra carry (appid, upn, scp/roles,
 * oid, tid, idtyp...) plus what msal-node needs to cache an account and refresh
 * silently: an id_token (with the request's nonce), client_info
 * (base64url `{uid, utid}`, which becomes the home account id) and a refresh
 * token when offline_access was asked for. Issuer: `${origin}/${tenantId}/v2.0`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { grantDelegatedPermissions } from './consent.js';
import type { IdentityContext } from './context.js';
import { base64url, signJwt } from './jwt.js';
import { formatScope, resolveScopes, DEFAULT_SCOPE, type Resource } from './scopes.js';
import type { AppSeed, IssuedTokenRecord, TenantSeed, UserSeed } from './types.js';

export type ClientAuthMethod = 'none' | 'secret' | 'certificate';

export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

export interface UserTokenRequest {
  grantType: IssuedTokenRecord['grantType'];
  tenant: TenantSeed;
  client: AppSeed;
  clientAuth: ClientAuthMethod;
  user: UserSeed;
  /** The scope strings as requested: resolved and consented here, and kept with a refresh token. */
  requestedScopes: string[];
  nonce?: string;
  /** msal sends client_info=1; Entra only returns client_info when asked. */
  clientInfo: boolean;
}

export function issueUserTokens(ctx: IdentityContext, input: UserTokenRequest): TokenResponse {
  const { tenant, client, user } = input;
  // Every delegated grant ends the same way: resolve the scopes, check consent, sign.
  const request = resolveScopes(ctx.registry, tenant, client, input.requestedScopes);
  const permissions = grantDelegatedPermissions(user, client, request);
  const times = lifetime(ctx);
  const oidc = [...request.oidc];
  // Only OIDC scopes requested: like Entra, the access token then carries those as scp.
  const scp = permissions.length > 0 ? permissions : oidc.filter((scope) => scope !== 'offline_access');
  const acr = authContextClassReference(input.clientAuth);

  const accessToken = signJwt(
    {
      aud: request.resource.aud,
      iss: ctx.issuer(tenant.tenantId),
      ...times,
      app_displayname: client.displayName,
      appid: client.clientId,
      appidacr: acr,
      azp: client.clientId,
      azpacr: acr,
      idtyp: 'user',
      name: user.displayName,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      upn: user.userPrincipalName,
      unique_name: user.userPrincipalName,
      scp: scp.join(' '),
      sub: pairwiseSubject(user.id, request.resource.aud),
      tid: tenant.tenantId,
      uti: uniqueTokenId(),
      ver: '1.0',
    },
    ctx.signingKey,
  );

  const response: TokenResponse = {
    token_type: 'Bearer',
    scope: [...scp.map((permission) => formatScope(request.resource, permission)), ...oidc].join(' '),
    expires_in: ctx.tokenLifetimeSeconds,
    ext_expires_in: ctx.tokenLifetimeSeconds,
    access_token: accessToken,
  };

  if (request.oidc.has('openid')) {
    response.id_token = signJwt(
      {
        aud: client.clientId,
        iss: ctx.issuer(tenant.tenantId),
        ...times,
        name: user.displayName,
        oid: user.id,
        preferred_username: user.userPrincipalName,
        ...(request.oidc.has('email') ? { email: user.userPrincipalName } : {}),
        sub: pairwiseSubject(user.id, client.clientId),
        tid: tenant.tenantId,
        uti: uniqueTokenId(),
        ver: '2.0',
        ...(input.nonce ? { nonce: input.nonce } : {}),
      },
      ctx.signingKey,
    );
  }
  if (input.clientInfo) {
    response.client_info = base64url(JSON.stringify({ uid: user.id, utid: tenant.tenantId }));
  }
  if (request.oidc.has('offline_access')) {
    response.refresh_token = ctx.refreshTokens.create({
      tenantId: tenant.tenantId,
      clientId: client.clientId,
      userId: user.id,
      scopes: input.requestedScopes,
      expiresAt: ctx.now() + ctx.refreshTokenLifetimeSeconds * 1000,
    });
  }

  ctx.issued.push({
    grantType: input.grantType,
    clientId: client.clientId,
    userId: user.id,
    scopes: scp.map((permission) => formatScope(request.resource, permission)),
    at: ctx.now(),
  });
  return response;
}

export interface AppTokenRequest {
  tenant: TenantSeed;
  client: AppSeed;
  clientAuth: ClientAuthMethod;
  resource: Resource;
  /** @default 'client_credentials' */
  grantType?: 'client_credentials' | 'managed_identity';
}

export function issueAppToken(ctx: IdentityContext, input: AppTokenRequest): TokenResponse {
  const { tenant, client, resource } = input;
  const servicePrincipalId = ctx.registry.servicePrincipalId(tenant, client.clientId);
  // App roles are seeded as Graph application permissions; other APIs get none.
  const roles = resource.kind === 'graph' ? (client.appRoles ?? []) : [];
  const acr = authContextClassReference(input.clientAuth);
  const scope = `${resource.aud}/${DEFAULT_SCOPE}`;

  const accessToken = signJwt(
    {
      aud: resource.aud,
      iss: ctx.issuer(tenant.tenantId),
      ...lifetime(ctx),
      app_displayname: client.displayName,
      appid: client.clientId,
      appidacr: acr,
      azp: client.clientId,
      azpacr: acr,
      idtyp: 'app',
      oid: servicePrincipalId,
      ...(roles.length > 0 ? { roles } : {}),
      sub: servicePrincipalId,
      tid: tenant.tenantId,
      uti: uniqueTokenId(),
      ver: '1.0',
    },
    ctx.signingKey,
  );

  ctx.issued.push({ grantType: input.grantType ?? 'client_credentials', clientId: client.clientId, scopes: [scope], at: ctx.now() });
  return {
    token_type: 'Bearer',
    scope,
    expires_in: ctx.tokenLifetimeSeconds,
    ext_expires_in: ctx.tokenLifetimeSeconds,
    access_token: accessToken,
  };
}

function lifetime(ctx: IdentityContext): { iat: number; nbf: number; exp: number } {
  const iat = Math.floor(ctx.now() / 1000);
  return { iat, nbf: iat, exp: iat + ctx.tokenLifetimeSeconds };
}

/** appidacr: 0 = public client, 1 = client secret, 2 = certificate. */
function authContextClassReference(method: ClientAuthMethod): '0' | '1' | '2' {
  return method === 'certificate' ? '2' : method === 'secret' ? '1' : '0';
}

/** Entra's `sub` is pairwise: stable per user and audience, useless across apps. */
function pairwiseSubject(userId: string, audience: string): string {
  return createHash('sha256').update(`${userId}|${audience.toLowerCase()}`).digest('base64url');
}

function uniqueTokenId(): string {
  return randomBytes(16).toString('base64url');
}
