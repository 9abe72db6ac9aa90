/**
 * grant_type=client_credentials: app-only tokens. Entra insists on exactly one
 * `<resource>/.default` scope; the token's `roles` are the app's seeded
 * application permissions.
 */
import { authenticateClient } from './client-auth.js';
import type { IdentityContext } from './context.js';
import { aad } from './errors.js';
import type { GrantInput } from './grant-input.js';
import { DEFAULT_SCOPE, identifyResource, splitScope, splitScopeParam } from './scopes.js';
import { issueAppToken, type TokenResponse } from './token-issuer.js';

export function clientCredentialsGrant(ctx: IdentityContext, input: GrantInput): TokenResponse {
  const { form, tenant, client } = input;
  const clientAuth = authenticateClient(ctx, { ...input, requireCredential: true });

  const scopes = splitScopeParam(form.get('scope') ?? undefined);
  if (scopes.length === 0) throw aad.missingParameter('scope');
  const [scope] = scopes;
  const parts = scope === undefined ? undefined : splitScope(scope);
  if (scopes.length !== 1 || !parts || parts.name !== DEFAULT_SCOPE || parts.identifier === undefined) {
    throw aad.clientCredentialsScope(scopes.join(' '));
  }
  const resource = identifyResource(ctx.registry, tenant, parts.identifier);
  return issueAppToken(ctx, { tenant, client, clientAuth, resource });
}
