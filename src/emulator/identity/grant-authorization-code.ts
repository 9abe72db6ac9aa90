/**
 * grant_type=authorization_code: redeems a code from /authorize. Codes are
 * single-use and short-lived, bound to the client, tenant and redirect_uri they
 * were issued for, and to the PKCE challenge when one was sent.
 */
import { createHash } from 'node:crypto';
import { authenticateClient } from './client-auth.js';
import type { IdentityContext } from './context.js';
import { aad } from './errors.js';
import type { AuthorizationCodeGrant } from './grant-store.js';
import { requiredParameter, type GrantInput } from './grant-input.js';
import { splitScopeParam } from './scopes.js';
import { issueUserTokens, type TokenResponse } from './token-issuer.js';

export function authorizationCodeGrant(ctx: IdentityContext, input: GrantInput): TokenResponse {
  const { form, tenant, client } = input;
  const clientAuth = authenticateClient(ctx, { ...input, requireCredential: false });

  const grant = ctx.codes.get(requiredParameter(form, 'code'));
  if (!grant) throw aad.malformedGrant();
  if (grant.clientId !== client.clientId || grant.tenantId !== tenant.tenantId) throw aad.grantMismatch();
  if (grant.redeemed) throw aad.codeRedeemed();
  if (ctx.now() > grant.expiresAt) throw aad.grantExpired();
  // Spent on the first attempt, even a failing one, so a verifier cannot be guessed.
  grant.redeemed = true;
  if ((form.get('redirect_uri') ?? '') !== grant.redirectUri) throw aad.redirectUriMismatch();
  if (!pkceSatisfied(grant, form.get('code_verifier'))) throw aad.pkceMismatch();

  const user = ctx.registry.findUser(tenant, grant.userId);
  if (!user) throw aad.grantMismatch();
  const requestedScopes = splitScopeParam(form.get('scope') ?? undefined);
  const scopes = requestedScopes.length > 0 ? requestedScopes : grant.scopes;

  return issueUserTokens(ctx, {
    grantType: 'authorization_code',
    tenant,
    client,
    clientAuth,
    user,
    requestedScopes: scopes,
    ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
    clientInfo: form.get('client_info') === '1',
  });
}

function pkceSatisfied(grant: AuthorizationCodeGrant, verifier: string | null): boolean {
  if (grant.codeChallenge === undefined) return true;
  if (!verifier) return false;
  const derived =
    grant.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return derived === grant.codeChallenge;
}
