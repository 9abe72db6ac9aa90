// Merging msal-node token caches that changed in two places at once (two processes sharing one file, two
// servers sharing one database row). msal's serialized cache is five sections of entries keyed by a
// stable id (account, id token, access token, refresh token, app metadata), so a three-way merge per
// entry is exact: take the stored copy, then apply only what this process changed since it read it.
// Entries another process added or refreshed meanwhile survive; entries this process removed (a
// sign-out) stay removed.

type Section = Record<string, unknown>;
type SerializedCache = Record<string, Section>;

const SECTIONS = ['Account', 'IdToken', 'AccessToken', 'RefreshToken', 'AppMetadata'] as const;

/**
 * @param base what this process loaded before changing the cache (undefined: it started empty)
 * @param mine the cache as this process wants it now
 * @param theirs what is stored now (undefined: nothing)
 */
export function mergeCaches(base: string | undefined, mine: string, theirs: string | undefined): string {
  const b = parse(base);
  const m = parse(mine);
  const result = parse(theirs);
  for (const section of new Set([...SECTIONS, ...Object.keys(m), ...Object.keys(b)])) {
    const baseEntries = b[section] ?? {};
    const mineEntries = m[section] ?? {};
    const target = (result[section] ??= {});
    for (const key of Object.keys(baseEntries)) {
      // Removed here since loading: remove there too (even if refreshed there; sign-out wins).
      if (!Object.hasOwn(mineEntries, key)) delete target[key];
    }
    for (const [key, value] of Object.entries(mineEntries)) {
      // Unchanged here: whatever is stored is at least as new, so keep it.
      if (Object.hasOwn(baseEntries, key) && JSON.stringify(baseEntries[key]) === JSON.stringify(value)) continue;
      target[key] = value;
    }
  }
  return JSON.stringify(result);
}

// Reading a serialized cache without msal.

/** The usernames of the accounts in a serialized cache, in stored order. */
export function cachedUsernames(cache: string | undefined): string[] {
  const accounts = parse(cache)['Account'] ?? {};
  return Object.values(accounts).flatMap((entry) => {
    const username = (entry as { username?: unknown }).username;
    return typeof username === 'string' ? [username] : [];
  });
}

/** Whether a serialized cache holds an unexpired app-only token (no user) of this client. */
export function appTokenCached(cache: string | undefined, clientId: string, nowSeconds = Date.now() / 1000): boolean {
  const tokens = parse(cache)['AccessToken'] ?? {};
  return Object.values(tokens).some((entry) => {
    const token = entry as { home_account_id?: unknown; client_id?: unknown; expires_on?: unknown };
    return !token.home_account_id && token.client_id === clientId && Number(token.expires_on) > nowSeconds;
  });
}

function parse(text: string | undefined): SerializedCache {
  if (text === undefined || text.trim() === '') return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('A stored token cache is not a JSON object: it was not written by msal-node.');
  }
  return value as SerializedCache;
}
