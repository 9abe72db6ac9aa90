/**
 * Metadata documents: OpenID discovery, the signing keys (JWKS) and Entra's
 * cloud instance discovery, all pointing at the emulator's own origin.
 *
 * About instance discovery: msal-node asks the *real*
 * https://login.microsoftonline.com/common/discovery/instance whether an
 * authority host is trusted, unless the app configures `knownAuthorities` (or
 * `cloudDiscoveryMetadata`/`authorityMetadata`). Offline that call fails at
 * once and msal gives up with `endpoints_resolution_error`, so clients of the
 * emulator must pass
 *
 *   auth: { authority: `${origin}/${tenantId}`, knownAuthorities: [new URL(origin).host] }
 *
 * (plus `system: { networkClient: createNetworkClient({ ca }) }` to trust the
 * emulator's CA). The emulator still answers `/common/discovery/instance` in
 * Entra's format, so a client may instead fetch it and pass the JSON text as
 * `cloudDiscoveryMetadata`. Rewriting msal's call to login.microsoftonline.com
 * inside the network client would make a bare authority work, but that client
 * is also the production one, so it must not second-guess where msal connects.
 */
import type { IdentityContext } from './context.js';
import type { TenantSeed } from './types.js';

/** `{tenant}` placeholders are what Entra returns for /common; msal substitutes its own tenant. */
export function openIdConfiguration(ctx: IdentityContext, tenant: TenantSeed | 'multi-tenant'): Record<string, unknown> {
  const base = ctx.baseUrl;
  const segment = tenant === 'multi-tenant' ? '{tenant}' : tenant.tenantId;
  const issuerTenant = tenant === 'multi-tenant' ? '{tenantid}' : tenant.tenantId;
  const host = new URL(base).host;
  return {
    token_endpoint: `${base}/${segment}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
    jwks_uri: `${base}/${segment}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/${segment}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${segment}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/${segment}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'name', 'preferred_username', 'oid', 'tid', 'ver', 'email'],
    code_challenge_methods_supported: ['S256', 'plain'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:device_code',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    ],
    tenant_region_scope: null,
    cloud_instance_name: host,
    cloud_graph_host_name: host,
    msgraph_host: host,
  };
}

export function jwks(ctx: IdentityContext): { keys: Record<string, string>[] } {
  return { keys: [ctx.signingKey.jwk] };
}

/** The answer Entra gives for a host it knows: the host is its own (only) alias. */
export function instanceDiscovery(ctx: IdentityContext, url: URL): Record<string, unknown> {
  const host = new URL(ctx.baseUrl).host;
  let tenant = 'common';
  try {
    const endpoint = new URL(url.searchParams.get('authorization_endpoint') ?? '');
    tenant = endpoint.pathname.split('/').find(Boolean) ?? tenant;
  } catch {
    // No or unparsable authorization_endpoint: describe /common.
  }
  return {
    tenant_discovery_endpoint: `${ctx.baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}
