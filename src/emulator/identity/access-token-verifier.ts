/**
 * `verifyAccessToken` for the Graph side of the emulator: accepts only Graph
 * access tokens this emulator issued, and otherwise fails the way Graph does,
 * with 401 InvalidAuthenticationToken and a `WWW-Authenticate` challenge that
 * points clients at this emulator's authorize endpoint.
 */
import type { IdentityContext } from './context.js';
import { IdentityError } from './errors.js';
import { stringClaim, numberClaim, type JwtPayload } from './jwt.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from './scopes.js';
import { verifyIssuedToken, type TokenFailure } from './token-verifier.js';
import type { AccessTokenClaims } from './types.js';

const GRAPH_AUDIENCES = new Set([GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID]);

const FAILURE_MESSAGES: Record<TokenFailure, string> = {
  malformed: 'IDX14100: JWT is not well formed.',
  signature: 'Access token validation failure. Invalid signature.',
  unknown_tenant: 'Access token validation failure. The token was issued for an unknown tenant.',
  issuer: 'Access token validation failure. Invalid issuer.',
  expired: 'Lifetime validation failed, the token is expired.',
  not_yet_valid: 'Lifetime validation failed, the token is not yet valid.',
};

export function createAccessTokenVerifier(ctx: IdentityContext): (authorizationHeader: string | undefined) => AccessTokenClaims {
  const challenge =
    `Bearer realm="", authorization_uri="${ctx.baseUrl}/common/oauth2/v2.0/authorize", ` +
    `client_id="${GRAPH_APP_ID}"`;
  const reject = (message: string) => new IdentityError(401, 'InvalidAuthenticationToken', message, challenge);

  return (authorizationHeader) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
    if (!match?.[1]) throw reject('Access token is empty.');

    const check = verifyIssuedToken(ctx, match[1]);
    if (!check.ok) throw reject(FAILURE_MESSAGES[check.failure]);
    const aud = stringClaim(check.payload, 'aud');
    if (aud === undefined || !GRAPH_AUDIENCES.has(aud.toLowerCase())) {
      throw reject('Access token validation failure. Invalid audience.');
    }
    return toClaims(check.payload, aud);
  };
}

function toClaims(payload: JwtPayload, aud: string): AccessTokenClaims {
  const idtyp = stringClaim(payload, 'idtyp') === 'app' ? 'app' : 'user';
  const scp = stringClaim(payload, 'scp');
  const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((role) => typeof role === 'string') : undefined;
  const oid = idtyp === 'user' ? stringClaim(payload, 'oid') : undefined;
  const upn = stringClaim(payload, 'upn');
  return {
    tid: stringClaim(payload, 'tid') ?? '',
    ...(oid === undefined ? {} : { oid }),
    ...(upn === undefined ? {} : { upn }),
    appid: stringClaim(payload, 'appid') ?? '',
    aud,
    ...(scp === undefined ? {} : { scp: scp.split(' ').filter(Boolean) }),
    ...(roles === undefined ? {} : { roles }),
    exp: numberClaim(payload, 'exp') ?? 0,
    iat: numberClaim(payload, 'iat') ?? 0,
    idtyp,
  };
}
