/**
 * On-behalf-of (grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer,
 * requested_token_use=on_behalf_of): a middle-tier API trades the user token it
 * received for a token to a downstream API (usually Graph) for the same user.
 *
 * The assertion must be a user token this emulator issued in this tenant for the
 * middle tier itself: `aud` is its client id or `api://<client id>`.
 */
import { authenticateClient } from './client-auth.js';
import type { IdentityContext } from './context.js';
import { aad, AadError } from './errors.js';
import { requiredParameter, type GrantInput } from './grant-input.js';
import { stringClaim } from './jwt.js';
import { splitScopeParam } from './scopes.js';
import { issueUserTokens, type TokenResponse } from './token-issuer.js';
import { verifyIssuedToken } from './token-verifier.js';

export function onBehalfOfGrant(ctx: IdentityContext, input: GrantInput): TokenResponse {
  const { form, tenant, client } = input;
  if (form.get('requested_token_use') !== 'on_behalf_of') {
    throw new AadError(400, 'invalid_request', 900144, "The request body must contain 'requested_token_use=on_behalf_of'.");
  }
  const clientAuth = authenticateClient(ctx, { ...input, requireCredential: true });

  const check = verifyIssuedToken(ctx, requiredParameter(form, 'assertion'));
  if (!check.ok) {
    if (check.failure === 'expired' || check.failure === 'not_yet_valid') throw aad.oboAssertionExpired();
    throw aad.invalidOboAssertion('The assertion was not issued by this authority or has been altered.');
  }
  const claims = check.payload;
  if (stringClaim(claims, 'tid') !== tenant.tenantId) {
    throw aad.invalidOboAssertion('The assertion was issued for another tenant.');
  }
  const audience = stringClaim(claims, 'aud')?.toLowerCase();
  const middleTier = client.clientId.toLowerCase();
  if (audience !== middleTier && audience !== `api://${middleTier}`) {
    throw aad.invalidOboAssertion('Assertion audience claim does not match the required value.');
  }
  const userId = stringClaim(claims, 'oid');
  if (stringClaim(claims, 'idtyp') !== 'user' || userId === undefined) {
    throw aad.invalidOboAssertion('The assertion does not represent a user.');
  }
  const user = ctx.registry.findUser(tenant, userId);
  if (!user) throw aad.userNotFound(userId, tenant.tenantId);

  const scopes = splitScopeParam(form.get('scope') ?? undefined);
  if (scopes.length === 0) throw aad.missingParameter('scope');

  return issueUserTokens(ctx, {
    grantType: 'on_behalf_of',
    tenant,
    client,
    clientAuth,
    user,
    requestedScopes: scopes,
    clientInfo: form.get('client_info') === '1',
  });
}
