/**
 * The device authorization endpoint (`/{tenant}/oauth2/v2.0/devicecode`) and the
 * verification page where the "user" approves or declines a code.
 *
 * Nobody is there to type the code, so approval normally comes from the
 * `deviceCodeAutoApprove` policy, applied as the client polls. With the policy
 * off, a test or demo approves or declines through the verification page over
 * real HTTP, exactly where a person would.
 */
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdentityContext } from './context.js';
import { aad } from './errors.js';
import type { DeviceCodeGrant } from './grant-store.js';
import { requiredParameter } from './grant-input.js';
import { escapeHtml, readForm, sendHtml } from './http.js';
import { resolveScopes, splitScopeParam } from './scopes.js';
import type { TenantSeed } from './types.js';

/** Entra's user codes: nine characters, none of the easily confused ones. */
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const USER_CODE_LENGTH = 9;

export interface DeviceCodeResponse {
  user_code: string;
  device_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
  message: string;
}

export function verificationUri(ctx: IdentityContext): string {
  return `${ctx.baseUrl}/common/oauth2/deviceauth`;
}

export async function startDeviceAuthorization(
  ctx: IdentityContext,
  req: IncomingMessage,
  tenantSegment: string,
): Promise<DeviceCodeResponse> {
  if (req.method !== 'POST') throw aad.postOnly();
  const form = await readForm(req);
  const clientId = requiredParameter(form, 'client_id');
  const tenant = ctx.registry.resolveTenant(tenantSegment, clientId);
  const app = ctx.registry.app(tenant, clientId);
  const scopes = splitScopeParam(requiredParameter(form, 'scope'));
  resolveScopes(ctx.registry, tenant, app, scopes); // reject bad scopes now, not at the first poll

  const userCode = newUserCode(ctx);
  const grant: DeviceCodeGrant = {
    tenantId: tenant.tenantId,
    clientId,
    scopes,
    userCode,
    expiresAt: ctx.now() + ctx.deviceCode.lifetimeSeconds * 1000,
    polls: 0,
    state: 'pending',
  };
  const deviceCode = ctx.deviceCodes.create(grant);
  ctx.deviceCodesByUserCode.set(userCode, grant);
  const uri = verificationUri(ctx);
  return {
    user_code: userCode,
    device_code: deviceCode,
    verification_uri: uri,
    expires_in: ctx.deviceCode.lifetimeSeconds,
    interval: ctx.deviceCode.intervalSeconds,
    message: `To sign in, use a web browser to open the page ${uri} and enter the code ${userCode} to authenticate.`,
  };
}

/** Called on every poll of a pending grant: the stand-in for a person approving. */
export function applyAutoApproval(ctx: IdentityContext, tenant: TenantSeed, grant: DeviceCodeGrant): void {
  grant.polls += 1;
  const policy = ctx.deviceCode.autoApprove;
  if (policy === false) return;
  if (policy === true) {
    const user = tenant.users[0];
    if (user) approve(grant, user.id);
    return;
  }
  if (grant.polls <= policy.afterPolls) return;
  const user = ctx.registry.findUser(tenant, policy.user);
  if (!user) throw aad.userNotFound(policy.user, tenant.tenantId);
  approve(grant, user.id);
}

function approve(grant: DeviceCodeGrant, userId: string): void {
  grant.state = 'approved';
  grant.userId = userId;
}

/** GET shows the form a person would use; POST (user_code, action=approve|decline, login_hint) acts on it. */
export async function handleVerificationPage(ctx: IdentityContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    sendHtml(
      res,
      200,
      'Enter code',
      `<form method="post"><label>Code <input name="user_code"></label>` +
        `<label>Sign in as <input name="login_hint"></label>` +
        `<button name="action" value="approve">Continue</button><button name="action" value="decline">Cancel</button></form>`,
    );
    return;
  }
  const form = await readForm(req);
  const userCode = (form.get('user_code') ?? '').replace(/[\s-]/g, '').toUpperCase();
  const grant = ctx.deviceCodesByUserCode.get(userCode);
  if (!grant || grant.state !== 'pending' || ctx.now() > grant.expiresAt) {
    sendHtml(res, 400, 'Code not valid', '<p>That code is not valid or has expired.</p>');
    return;
  }
  if (form.get('action') === 'decline') {
    grant.state = 'declined';
    sendHtml(res, 200, 'Declined', '<p>You have declined the sign-in request.</p>');
    return;
  }
  const tenant = ctx.registry.tenantById(grant.tenantId);
  const hint = form.get('login_hint');
  const user = tenant && (hint ? ctx.registry.findUser(tenant, hint) : tenant.users[0]);
  if (!user) {
    sendHtml(res, 400, 'Unknown user', '<p>That account does not exist in this directory.</p>');
    return;
  }
  approve(grant, user.id);
  sendHtml(res, 200, 'Signed in', `<p>${escapeHtml(user.displayName)} is now signed in on the device.</p>`);
}

function newUserCode(ctx: IdentityContext): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
    if (!ctx.deviceCodesByUserCode.has(code)) return code;
  }
}
