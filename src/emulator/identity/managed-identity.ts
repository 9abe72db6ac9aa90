/**
 * A managed identity endpoint in Azure App Service's protocol (api-version 2019-08-01), so msal-node's
 * ManagedIdentityApplication gets app-only tokens offline: with IDENTITY_ENDPOINT set to
 * `${origin}/${tenantId}/oauth2/managedidentity` and IDENTITY_HEADER to the identity's header, msal
 * sends `GET ?api-version=…&resource=…[&client_id=…]` with `X-IDENTITY-HEADER`.
 *
 * The answer is App Service's: `expires_on` in epoch seconds (a string), `resource`, `client_id`; errors
 * carry `error` and a `message`, which is where msal reads them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdentityContext } from './context.js';
import { AadError } from './errors.js';
import { sendJson, type RequestIds } from './http.js';
import { identifyResource } from './scopes.js';
import { issueAppToken } from './token-issuer.js';

export function handleManagedIdentity(
  ctx: IdentityContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  tenantSegment: string,
  ids: RequestIds,
): void {
  const fail = (status: number, error: string, message: string) =>
    sendJson(res, status, { error, error_description: message, message, correlation_id: ids.correlationId }, ids);
  if (req.method !== 'GET') return fail(405, 'invalid_request', 'The managed identity endpoint only accepts GET.');
  const params = url.searchParams;
  if (!params.get('api-version')) return fail(400, 'invalid_request', "The 'api-version' query parameter is required.");

  const wanted = params.get('client_id') ?? params.get('principal_id') ?? params.get('mi_res_id');
  const identity = wanted === null
    ? ctx.managedIdentities[0]
    : ctx.managedIdentities.find((candidate) => candidate.clientId.toLowerCase() === wanted.toLowerCase());
  if (!identity) {
    return fail(400, 'invalid_request', wanted === null ? 'No managed identity is assigned to this resource.' : `No managed identity with id '${wanted}' is assigned to this resource.`);
  }
  const header = req.headers['x-identity-header'];
  if (typeof header !== 'string' || !sameSecret(header, identity.header)) {
    return fail(401, 'unauthorized_client', 'The X-IDENTITY-HEADER is missing or does not match IDENTITY_HEADER.');
  }
  const rawResource = params.get('resource');
  if (!rawResource) return fail(400, 'invalid_request', "The 'resource' query parameter is required.");

  try {
    const tenant = ctx.registry.resolveTenant(tenantSegment);
    const resource = identifyResource(ctx.registry, tenant, rawResource.replace(/\/\.default$/, '').replace(/\/+$/, ''));
    const client = { clientId: identity.clientId, displayName: identity.displayName ?? 'Managed identity', appRoles: identity.appRoles ?? [] };
    const token = issueAppToken(ctx, { tenant, client, clientAuth: 'certificate', resource, grantType: 'managed_identity' });
    sendJson(res, 200, {
      access_token: token.access_token,
      expires_on: String(Math.floor(ctx.now() / 1000) + token.expires_in),
      resource: rawResource,
      token_type: 'Bearer',
      client_id: identity.clientId,
    }, ids);
  } catch (error) {
    if (!(error instanceof AadError)) throw error;
    fail(error.status, error.error, `AADSTS${error.aadsts}: ${error.message}`);
  }
}

function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
