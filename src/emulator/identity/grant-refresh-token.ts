/**
 * grant_type=refresh_token. Like Entra, every refresh returns a new refresh
 * token (rotation) while the old one stays usable until its own expiry, and a
 * refresh token may be redeemed for any resource the user consented to.
 */
import { authenticateClient } from './client-auth.js';
import type { IdentityContext } from './context.js';
import { aad } from './errors.js';
import { requiredParameter, type GrantInput } from './grant-input.js';
import { splitScopeParam } from './scopes.js';
import { issueUserTokens, type TokenResponse } from './token-issuer.js';

export function refreshTokenGrant(ctx: IdentityContext, input: GrantInput): TokenResponse {
  const { form, tenant, client } = input;
  const clientAuth = authenticateClient(ctx, { ...input, requireCredential: false });

  const grant = ctx.refreshTokens.get(requiredParameter(form, 'refresh_token'));
  if (!grant) throw aad.malformedGrant();
  if (grant.clientId !== client.clientId || grant.tenantId !== tenant.tenantId) throw aad.grantMismatch();
  if (ctx.now() > grant.expiresAt) throw aad.grantExpired();
  const user = ctx.registry.findUser(tenant, grant.userId);
  if (!user) throw aad.grantMismatch();

  const requestedScopes = splitScopeParam(form.get('scope') ?? undefined);
  const scopes = requestedScopes.length > 0 ? requestedScopes : grant.scopes;

  return issueUserTokens(ctx, {
    grantType: 'refresh_token',
    tenant,
    client,
    clientAuth,
    user,
    requestedScopes: scopes,
    clientInfo: form.get('client_info') === '1',
  });
}
