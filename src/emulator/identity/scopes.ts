/**
 * Scope parsing the way Entra v2 reads the `scope` parameter: OIDC scopes
 * (openid, profile, email, offline_access) are about the sign-in itself; every
 * other scope names a permission on exactly one resource, either bare (meaning
 * Microsoft Graph) or prefixed with the resource ('https://graph.microsoft.com/User.Read',
 * 'api://<clientId>/access_as_user', '<clientId>/.default').
 */
import { aad } from './errors.js';
import { mayBeGraphPermission } from './graph-permissions.js';
import type { Registry } from './registry.js';
import type { AppSeed, TenantSeed } from './types.js';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const DEFAULT_SCOPE = '.default';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const GRAPH_IDENTIFIERS = new Set([GRAPH_RESOURCE, GRAPH_APP_ID]);
const SCOPE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.\-]*$/;
/**
 * Graph's permissions are all `Resource.Action[.Qualifier]` (`Mail.Read`, `User.ReadBasic.All`); a name
 * without that shape (`mesage_all`, a misspelled python-o365 alias) names no permission, and Entra refuses
 * it rather than issuing a token without it; so does it for a well-shaped name Graph does not have
 * (`Mail.Raed`), checked against the permission names of the families in graph-permissions.ts. Both are
 * AADSTS650053 (invalid_client, naming the app); AADSTS70011 is kept for a scope that cannot be a name at all.
 */
const GRAPH_PERMISSION = /^[A-Za-z]+(?:\.[A-Za-z]+)+$/;

export type Resource =
  | { kind: 'graph'; aud: typeof GRAPH_RESOURCE }
  /** A registered API; `aud` is the identifier as the client wrote it (api://id or the bare id). */
  | { kind: 'app'; aud: string; app: AppSeed };

export interface ScopeRequest {
  resource: Resource;
  /** Permission names on the resource, without prefix; ['.default'] for the static set. */
  permissions: string[];
  /** Lower-cased OIDC scopes that were asked for. */
  oidc: Set<string>;
}

export function splitScopeParam(raw: string | undefined): string[] {
  return [...new Set((raw ?? '').split(/\s+/).filter(Boolean))];
}

/** `app` is the client asking: Entra names it when it refuses a scope the resource does not have. */
export function resolveScopes(registry: Registry, tenant: TenantSeed, app: AppSeed, scopes: string[]): ScopeRequest {
  const oidc = new Set<string>();
  const permissions: string[] = [];
  let resource: Resource | undefined;

  for (const scope of scopes) {
    if (OIDC_SCOPES.has(scope.toLowerCase())) {
      oidc.add(scope.toLowerCase());
      continue;
    }
    const { identifier, name } = splitScope(scope);
    if (!SCOPE_NAME.test(name) && name !== DEFAULT_SCOPE) throw aad.invalidScope(scope);
    const scopeResource = identifyResource(registry, tenant, identifier);
    if (scopeResource.kind === 'graph' && name !== DEFAULT_SCOPE && !(GRAPH_PERMISSION.test(name) && mayBeGraphPermission(name))) {
      throw aad.unknownScope(app.displayName, name, GRAPH_APP_ID);
    }
    if (resource && resourceKey(resource) !== resourceKey(scopeResource)) throw aad.multipleResources();
    resource ??= scopeResource;
    if (!permissions.some((existing) => existing.toLowerCase() === name.toLowerCase())) permissions.push(name);
  }

  if (permissions.includes(DEFAULT_SCOPE) && permissions.length > 1) {
    throw aad.invalidScope(permissions.join(' '));
  }
  return { resource: resource ?? { kind: 'graph', aud: GRAPH_RESOURCE }, permissions, oidc };
}

/** A key that identifies a resource regardless of how the client spelled it. */
export function resourceKey(resource: Resource): string {
  return resource.kind === 'graph' ? 'graph' : resource.app.clientId.toLowerCase();
}

/** How a scope is written back to clients: bare for Graph, prefixed otherwise (as Entra does). */
export function formatScope(resource: Resource, permission: string): string {
  return resource.kind === 'graph' ? permission : `${resource.aud}/${permission}`;
}

export function splitScope(scope: string): { identifier: string | undefined; name: string } {
  const slash = scope.lastIndexOf('/');
  if (slash < 0) return { identifier: undefined, name: scope };
  return { identifier: scope.slice(0, slash).replace(/\/+$/, ''), name: scope.slice(slash + 1) };
}

/** Undefined identifier means a bare scope, i.e. Graph. */
export function identifyResource(registry: Registry, tenant: TenantSeed, identifier: string | undefined): Resource {
  if (identifier === undefined || GRAPH_IDENTIFIERS.has(identifier.toLowerCase())) {
    return { kind: 'graph', aud: GRAPH_RESOURCE };
  }
  const clientId = identifier.toLowerCase().startsWith('api://') ? identifier.slice('api://'.length) : identifier;
  const app = registry.findApp(tenant, clientId);
  if (!app) throw aad.unknownResource(identifier, tenant.tenantId);
  return { kind: 'app', aud: identifier, app };
}
