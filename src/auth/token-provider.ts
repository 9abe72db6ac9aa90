// Bring your own token: anything that hands out access tokens can drive the client, so a program that
// already has a credential (an @azure/identity credential, a token from its own web framework, a secret
// manager) needs neither msal nor an Account. Both shapes become the client's `() => Promise<string>`.
import { AuthError, redact } from './errors.js';

/** A function from scopes to an access token. */
export type AccessTokenFunction = (scopes: string[]) => string | Promise<string>;

/** The shape of @azure/identity's TokenCredential (getToken may return null when it has no token). */
export interface TokenCredentialLike {
  getToken(scopes: string | string[], options?: object): Promise<{ token: string; expiresOnTimestamp?: number } | null>;
}

export type TokenSource = AccessTokenFunction | TokenCredentialLike;

/**
 * The client's token provider over a token source. Tokens from a TokenCredential are reused until five
 * minutes before they expire (it may not cache them itself); a plain function is called every time,
 * since it decides its own caching.
 */
export function tokenProviderFrom(source: TokenSource, scopes: readonly string[]): () => Promise<string> {
  if (typeof source !== 'function' && (typeof source !== 'object' || source === null || typeof source.getToken !== 'function')) {
    throw new AuthError('configuration_error', 'A token provider must be a function (scopes) => token or an object with getToken(scopes), like an @azure/identity credential.');
  }
  const wanted = [...scopes];
  let cached: { token: string; expiresAt: number } | undefined;
  return async () => {
    if (cached && cached.expiresAt - Date.now() > 5 * 60_000) return cached.token;
    let token: string | undefined;
    try {
      if (typeof source === 'function') {
        token = await source(wanted);
      } else {
        const result = await source.getToken(wanted);
        token = result?.token;
        if (result?.token && result.expiresOnTimestamp) cached = { token: result.token, expiresAt: result.expiresOnTimestamp };
      }
    } catch (error) {
      // The source's own message stays (it says what went wrong), minus anything token-shaped.
      const text = error instanceof Error ? error.message : String(error);
      throw new AuthError('token_provider_error', `Your token provider failed: ${redact(text)}`);
    }
    if (typeof token !== 'string' || token.length === 0) {
      throw new AuthError('token_provider_error', 'Your token provider returned no token: it must resolve to a non-empty access token string.');
    }
    return token;
  };
}
