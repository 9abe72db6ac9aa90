/**
 * `POST /{tenant}/oauth2/v2.0/token`: resolves tenant and client, then hands
 * the request to the grant it names.
 */
import type { IncomingMessage } from 'node:http';
import type { IdentityContext } from './context.js';
import { aad } from './errors.js';
import { authorizationCodeGrant } from './grant-authorization-code.js';
import { clientCredentialsGrant } from './grant-client-credentials.js';
import { deviceCodeGrant } from './grant-device-code.js';
import { requiredParameter, type GrantInput } from './grant-input.js';
import { onBehalfOfGrant } from './grant-on-behalf-of.js';
import { refreshTokenGrant } from './grant-refresh-token.js';
import { readForm } from './http.js';
import type { TokenResponse } from './token-issuer.js';

type GrantHandler = (ctx: IdentityContext, input: GrantInput) => TokenResponse;

const GRANTS: Record<string, GrantHandler> = {
  client_credentials: clientCredentialsGrant,
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  // msal-node sends the short form; the RFC 8628 URN is what other clients send.
  device_code: deviceCodeGrant,
  'urn:ietf:params:oauth:grant-type:device_code': deviceCodeGrant,
  'urn:ietf:params:oauth:grant-type:jwt-bearer': onBehalfOfGrant,
};

export async function handleTokenRequest(
  ctx: IdentityContext,
  req: IncomingMessage,
  tenantSegment: string,
): Promise<TokenResponse> {
  if (req.method !== 'POST') throw aad.postOnly();
  const form = await readForm(req);
  const grantType = requiredParameter(form, 'grant_type');
  const clientId = requiredParameter(form, 'client_id');
  const tenant = ctx.registry.resolveTenant(tenantSegment, clientId);
  const client = ctx.registry.app(tenant, clientId);

  const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined;
  if (!grant) throw aad.unsupportedGrantType();
  return grant(ctx, { form, tenant, tenantSegment, client });
}
