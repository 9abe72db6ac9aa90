/**
 * Maps identity URLs to their handlers. An identity URL is
 * `/{tenant}/{v2.0|oauth2|discovery}/…`, where the tenant is a GUID, a domain,
 * or common/organizations/consumers; anything else (notably Graph's /v1.0 and
 * /beta) is left to the caller.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAuthorize } from './authorize.js';
import type { IdentityContext } from './context.js';
import { startDeviceAuthorization, handleVerificationPage } from './device-code.js';
import { instanceDiscovery, jwks, openIdConfiguration } from './discovery.js';
import { AadError } from './errors.js';
import { redirect, requestIds, sendAadError, sendHtml, sendJson, type RequestIds } from './http.js';
import { handleManagedIdentity } from './managed-identity.js';
import { handleTokenRequest } from './token-endpoint.js';

const IDENTITY_AREAS = new Set(['v2.0', 'oauth2', 'discovery']);
const GRAPH_VERSIONS = new Set(['v1.0', 'beta']);

export function createRouter(ctx: IdentityContext) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const [tenantSegment, area, ...rest] = url.pathname.split('/').filter(Boolean);
    if (tenantSegment === undefined || area === undefined || !IDENTITY_AREAS.has(area)) return false;
    if (GRAPH_VERSIONS.has(tenantSegment.toLowerCase())) return false;

    const ids = requestIds(req, url);
    try {
      await route(ctx, req, res, url, tenantSegment, [area, ...rest].join('/'), ids);
    } catch (error) {
      if (!(error instanceof AadError)) throw error;
      sendAadError(res, error, ids, ctx.now());
    }
    return true;
  };
}

async function route(
  ctx: IdentityContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  tenantSegment: string,
  path: string,
  ids: RequestIds,
): Promise<void> {
  switch (path) {
    case 'v2.0/.well-known/openid-configuration':
      sendJson(res, 200, openIdConfiguration(ctx, discoveryTenant(ctx, tenantSegment)), ids);
      return;
    case 'discovery/v2.0/keys':
    case 'discovery/keys':
      sendJson(res, 200, jwks(ctx), ids);
      return;
    case 'discovery/instance':
      sendJson(res, 200, instanceDiscovery(ctx, url), ids);
      return;
    case 'oauth2/v2.0/token':
      sendJson(res, 200, await handleTokenRequest(ctx, req, tenantSegment), ids);
      return;
    case 'oauth2/v2.0/devicecode':
      sendJson(res, 200, await startDeviceAuthorization(ctx, req, tenantSegment), ids);
      return;
    case 'oauth2/v2.0/authorize':
      handleAuthorize(ctx, res, url, tenantSegment, ids);
      return;
    case 'oauth2/v2.0/logout':
      logout(ctx, res, url, tenantSegment);
      return;
    case 'oauth2/managedidentity':
      handleManagedIdentity(ctx, req, res, url, tenantSegment, ids);
      return;
    case 'oauth2/deviceauth':
      await handleVerificationPage(ctx, req, res);
      return;
    default:
      sendJson(res, 404, { error: 'not_found', error_description: 'There is no identity endpoint at this path.' }, ids);
  }
}

/** Discovery names an unknown tenant 'invalid_tenant' rather than the token endpoint's 'invalid_request'. */
function discoveryTenant(ctx: IdentityContext, segment: string) {
  try {
    return ctx.registry.tenantForDiscovery(segment);
  } catch (error) {
    if (error instanceof AadError) throw new AadError(400, 'invalid_tenant', error.aadsts, error.message);
    throw error;
  }
}

/** Signs nobody out (there is no session); returns to post_logout_redirect_uri only if some app registered it. */
function logout(ctx: IdentityContext, res: ServerResponse, url: URL, tenantSegment: string): void {
  const target = url.searchParams.get('post_logout_redirect_uri');
  const tenant = ctx.registry.tenantForDiscovery(tenantSegment);
  const tenants = tenant === 'multi-tenant' ? ctx.registry.tenants : [tenant];
  const registered = tenants.some((candidate) => candidate.apps.some((app) => target !== null && app.redirectUris?.includes(target)));
  if (target !== null && registered) {
    const destination = new URL(target);
    const state = url.searchParams.get('state');
    if (state !== null) destination.searchParams.set('state', state);
    redirect(res, destination.toString());
    return;
  }
  sendHtml(res, 200, 'Signed out', '<p>You have signed out of your account.</p>');
}
