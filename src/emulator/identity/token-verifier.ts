/**
 * Checks that a JWT is one this emulator issued and is still valid: our key,
 * our issuer for a known tenant, inside its lifetime on the emulator clock.
 * Audience rules differ per caller (Graph vs. an on-behalf-of middle tier), so
 * they are left to the caller.
 */
import type { IdentityContext } from './context.js';
import { decodeJwt, numberClaim, stringClaim, verifyJwtSignature, type JwtPayload } from './jwt.js';

export type TokenFailure = 'malformed' | 'signature' | 'unknown_tenant' | 'issuer' | 'expired' | 'not_yet_valid';

export type TokenCheck = { ok: true; payload: JwtPayload } | { ok: false; failure: TokenFailure };

export function verifyIssuedToken(ctx: IdentityContext, token: string): TokenCheck {
  const jwt = decodeJwt(token);
  if (!jwt) return { ok: false, failure: 'malformed' };
  // Only our own alg and key: a token re-signed with another key (or alg 'none') fails here.
  if (jwt.header['alg'] !== 'RS256' || jwt.header['kid'] !== ctx.signingKey.kid) return { ok: false, failure: 'signature' };
  if (!verifyJwtSignature(jwt, ctx.signingKey.publicKey)) return { ok: false, failure: 'signature' };

  const { payload } = jwt;
  const tid = stringClaim(payload, 'tid');
  if (tid === undefined || !ctx.registry.tenantById(tid)) return { ok: false, failure: 'unknown_tenant' };
  if (stringClaim(payload, 'iss') !== ctx.issuer(tid)) return { ok: false, failure: 'issuer' };

  const nowSeconds = ctx.now() / 1000;
  const exp = numberClaim(payload, 'exp');
  const nbf = numberClaim(payload, 'nbf');
  if (exp === undefined || exp <= nowSeconds) return { ok: false, failure: 'expired' };
  if (nbf !== undefined && nbf > nowSeconds) return { ok: false, failure: 'not_yet_valid' };
  return { ok: true, payload };
}
