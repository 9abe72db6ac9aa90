/**
 * An offline, Entra ID-compatible OAuth2/OIDC v2 endpoint that @azure/msal-node
 * talks to for real over TLS. See ./discovery.ts for the msal configuration a
 * client needs (`knownAuthorities`).
 *
 * The Graph emulator routes every request to `handle` first and uses
 * `verifyAccessToken` to authenticate Graph calls.
 */
import { createAccessTokenVerifier } from './access-token-verifier.js';
import { createContext } from './context.js';
import { createRouter } from './router.js';
import type { Identity, IdentityOptions } from './types.js';

export { IdentityError } from './errors.js';
export { GRAPH_APP_ID, GRAPH_RESOURCE } from './scopes.js';
export type {
  AccessTokenClaims,
  AppSeed,
  Identity,
  IdentityOptions,
  IssuedTokenRecord,
  ManagedIdentitySeed,
  TenantSeed,
  UserSeed,
} from './types.js';

export function createIdentity(options: IdentityOptions): Identity {
  const ctx = createContext(options);
  return {
    handle: createRouter(ctx),
    verifyAccessToken: createAccessTokenVerifier(ctx),
    issued: ctx.issued, // a live, read-only view
  };
}
