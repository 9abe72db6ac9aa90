/**
 * `GET /{tenant}/oauth2/v2.0/authorize` without a person in front of it: the
 * user named by `login_hint` (else the tenant's first user) is signed in and
 * has, or has not, consented per the seed; the answer is an immediate 302 to
 * the redirect_uri with `code` and `state`.
 *
 * As in Entra, problems with client_id or redirect_uri are answered with a 400
 * here (redirecting would hand the error to an unverified URL); every other
 * problem is redirected back as `error=...`.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { grantDelegatedPermissions } from './consent.js';
import type { IdentityContext } from './context.js';
import { aad, aadErrorBody, AadError } from './errors.js';
import { escapeHtml, redirect, sendHtml, type RequestIds } from './http.js';
import { resolveScopes, splitScopeParam } from './scopes.js';
import type { AppSeed } from './types.js';

type ResponseMode = 'query' | 'fragment' | 'form_post';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Throws AadError for the problems that must not be redirected. */
export function handleAuthorize(
  ctx: IdentityContext,
  res: ServerResponse,
  url: URL,
  tenantSegment: string,
  ids: RequestIds,
): void {
  const params = url.searchParams;
  const clientId = params.get('client_id');
  if (!clientId) throw aad.missingParameter('client_id');
  const tenant = ctx.registry.resolveTenant(tenantSegment, clientId);
  const app = ctx.registry.app(tenant, clientId);
  const redirectUri = registeredRedirectUri(app, params.get('redirect_uri'));

  const state = params.get('state');
  const mode = responseMode(params.get('response_mode'));
  const answer = (values: Record<string, string>) =>
    sendToClient(res, redirectUri, mode, { ...values, ...(state === null ? {} : { state }) });

  try {
    if (params.get('response_type') !== 'code') {
      throw new AadError(400, 'unsupported_response_type', 700054, "The response_type must be 'code'.");
    }
    const challenge = params.get('code_challenge') ?? undefined;
    const method = params.get('code_challenge_method') ?? 'plain'; // RFC 7636's default
    if (challenge !== undefined && method !== 'S256' && method !== 'plain') {
      throw new AadError(400, 'invalid_request', 50146, "The code_challenge_method must be 'S256' or 'plain'.");
    }
    const scopes = splitScopeParam(params.get('scope') ?? undefined);
    if (scopes.length === 0) throw aad.missingParameter('scope');
    const request = resolveScopes(ctx.registry, tenant, app, scopes);

    const hint = params.get('login_hint');
    const user = hint ? ctx.registry.findUser(tenant, hint) : tenant.users[0];
    if (!user) throw aad.userNotFound(hint ?? '(no users)', tenant.tenantId);
    grantDelegatedPermissions(user, app, request);

    const nonce = params.get('nonce');
    const code = ctx.codes.create({
      tenantId: tenant.tenantId,
      clientId: app.clientId,
      userId: user.id,
      scopes,
      redirectUri,
      ...(challenge === undefined ? {} : { codeChallenge: challenge, codeChallengeMethod: method === 'S256' ? 'S256' : 'plain' }),
      ...(nonce ? { nonce } : {}),
      expiresAt: ctx.now() + ctx.authorizationCodeLifetimeSeconds * 1000,
      redeemed: false,
    });
    answer({ code, session_state: randomUUID() });
  } catch (error) {
    if (!(error instanceof AadError)) throw error;
    const body = aadErrorBody(error, { ...ids, now: ctx.now() });
    answer({
      error: authorizeErrorCode(error),
      error_description: body.error_description,
      error_uri: body.error_uri,
      ...(error.suberror === undefined ? {} : { suberror: error.suberror }),
    });
  }
}

/** Entra uses the app's only redirect URI when none is sent; loopback URIs match on any port. */
function registeredRedirectUri(app: AppSeed, requested: string | null): string {
  const registered = app.redirectUris ?? [];
  if (requested === null) {
    if (registered.length === 1 && registered[0] !== undefined) return registered[0];
    throw aad.missingParameter('redirect_uri');
  }
  if (registered.some((candidate) => redirectUriMatches(candidate, requested))) return requested;
  throw aad.unregisteredRedirectUri(requested, app.clientId);
}

function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  try {
    const a = new URL(registered);
    const b = new URL(requested);
    return (
      a.protocol === 'http:' &&
      b.protocol === 'http:' &&
      LOOPBACK_HOSTS.has(a.hostname) &&
      a.hostname === b.hostname &&
      a.pathname === b.pathname &&
      a.search === b.search
    );
  } catch {
    return false;
  }
}

function responseMode(value: string | null): ResponseMode {
  return value === 'fragment' || value === 'form_post' ? value : 'query';
}

/** Token-endpoint error names mapped onto the ones an authorize response may carry. */
function authorizeErrorCode(error: AadError): string {
  if (error.suberror === 'consent_required') return 'consent_required';
  if (error.error === 'invalid_grant' || error.error === 'unauthorized_client') return 'invalid_request';
  return error.error;
}

function sendToClient(res: ServerResponse, redirectUri: string, mode: ResponseMode, values: Record<string, string>): void {
  if (mode === 'form_post') {
    const inputs = Object.entries(values)
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('');
    sendHtml(
      res,
      200,
      'Working...',
      `<form method="post" action="${escapeHtml(redirectUri)}">${inputs}</form><script>document.forms[0].submit()</script>`,
    );
    return;
  }
  const target = new URL(redirectUri);
  if (mode === 'fragment') {
    target.hash = new URLSearchParams(values).toString();
  } else {
    for (const [name, value] of Object.entries(values)) target.searchParams.set(name, value);
  }
  redirect(res, target.toString());
}
