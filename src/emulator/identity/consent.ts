/**
 * Delegated consent: which of the requested permissions a user has agreed to.
 *
 * There is no person to click "Accept", so consent is seeded: a user without
 * `consentedScopes` has consented to whatever is asked; a user with it has
 * consented to exactly that list, and anything more fails with AADSTS65001
 * (`consent_required`), which msal-node raises as InteractionRequiredAuthError.
 */
import { aad } from './errors.js';
import { DEFAULT_SCOPE, GRAPH_APP_ID, GRAPH_RESOURCE, resourceKey, splitScope, type ScopeRequest } from './scopes.js';
import type { AppSeed, UserSeed } from './types.js';

/** What `<resource>/.default` grants when the user's consent list does not say. */
const STATIC_DEFAULTS = { graph: ['User.Read'], app: ['user_impersonation'] } as const;

export function grantDelegatedPermissions(user: UserSeed, client: AppSeed, request: ScopeRequest): string[] {
  const key = resourceKey(request.resource);
  const consented = user.consentedScopes?.flatMap((scope) => {
    const { identifier, name } = splitScope(scope);
    return consentKey(identifier) === key ? [name] : [];
  });

  if (request.permissions.length === 1 && request.permissions[0] === DEFAULT_SCOPE) {
    return consented ?? [...STATIC_DEFAULTS[request.resource.kind]];
  }
  if (consented === undefined) return request.permissions;

  const granted = new Set(consented.map((name) => name.toLowerCase()));
  if (request.permissions.some((permission) => !granted.has(permission.toLowerCase()))) {
    throw aad.consentRequired(client.clientId, client.displayName);
  }
  return request.permissions;
}

/** Consent entries are written like scopes: bare for Graph, or with an api://id or id prefix. */
function consentKey(identifier: string | undefined): string {
  if (identifier === undefined) return 'graph';
  const lower = identifier.toLowerCase();
  if (lower === GRAPH_RESOURCE || lower === GRAPH_APP_ID) return 'graph';
  return lower.startsWith('api://') ? lower.slice('api://'.length) : lower;
}
