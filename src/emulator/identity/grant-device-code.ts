/**
 * grant_type=urn:ietf:params:oauth:grant-type:device_code: the client's polling.
 * Answers authorization_pending until the code is approved, expired_token once
 * it has expired, authorization_declined when the user said no.
 */
import { authenticateClient } from './client-auth.js';
import type { IdentityContext } from './context.js';
import { applyAutoApproval } from './device-code.js';
import { aad } from './errors.js';
import { requiredParameter, type GrantInput } from './grant-input.js';
import { issueUserTokens, type TokenResponse } from './token-issuer.js';

export function deviceCodeGrant(ctx: IdentityContext, input: GrantInput): TokenResponse {
  const { form, tenant, client } = input;
  const clientAuth = authenticateClient(ctx, { ...input, requireCredential: false });

  const grant = ctx.deviceCodes.get(requiredParameter(form, 'device_code'));
  if (!grant || grant.clientId !== client.clientId || grant.tenantId !== tenant.tenantId) {
    throw aad.badVerificationCode();
  }
  if (ctx.now() > grant.expiresAt) throw aad.deviceCodeExpired();
  if (grant.state === 'declined') throw aad.authorizationDeclined();
  if (grant.state === 'redeemed') throw aad.codeRedeemed();
  if (grant.state === 'pending') applyAutoApproval(ctx, tenant, grant);
  if (grant.state !== 'approved' || grant.userId === undefined) throw aad.authorizationPending();

  const user = ctx.registry.findUser(tenant, grant.userId);
  if (!user) throw aad.userNotFound(grant.userId, tenant.tenantId);
  grant.state = 'redeemed';

  return issueUserTokens(ctx, {
    grantType: 'device_code',
    tenant,
    client,
    clientAuth,
    user,
    requestedScopes: grant.scopes,
    clientInfo: form.get('client_info') === '1',
  });
}
