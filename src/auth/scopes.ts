// Scope aliases and the scope list a flow sends. The aliases are python-o365's (O365/connection.py), so a
// program ported from it asks for the same permissions; anything else is taken as a raw Graph scope,
// because Graph's permission names are open-ended (new ones appear every month). One exception: a
// lowercase word with `_` looks like an alias, never like a Graph permission (`Mail.Read`), so a
// misspelled alias (`mesage_all`) is refused here instead of being sent to Entra as a scope.
import { AuthError } from './errors.js';
import { Protocol } from '../protocol.js';

/** python-o365's aliases, exactly: each expands to the Graph permissions it stands for. */
export const SCOPE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  basic: ['User.Read'],
  mailbox: ['Mail.Read'],
  mailbox_shared: ['Mail.Read.Shared'],
  message_send: ['Mail.Send'],
  message_send_shared: ['Mail.Send.Shared'],
  message_all: ['Mail.ReadWrite', 'Mail.Send'],
  message_all_shared: ['Mail.ReadWrite.Shared', 'Mail.Send.Shared'],
  address_book: ['Contacts.Read'],
  address_book_shared: ['Contacts.Read.Shared'],
  address_book_all: ['Contacts.ReadWrite'],
  address_book_all_shared: ['Contacts.ReadWrite.Shared'],
  calendar: ['Calendars.ReadWrite'],
  users: ['User.ReadBasic.All'],
  onedrive: ['Files.ReadWrite.All'],
  sharepoint_dl: ['Sites.ReadWrite.All'],
};

export interface ExpandScopesOptions {
  /** Whose resource the scopes name. @default new Protocol() (the global cloud) */
  protocol?: Protocol;
  /**
   * App-only flows (client credentials, managed identity) cannot ask for single permissions: Entra grants
   * the app's configured application permissions through `<resource>/.default` alone.
   */
  appOnly?: boolean;
}

/**
 * Aliases and raw scopes, mixed, in the order given and without duplicates (compared case-insensitively,
 * as Entra does), each written for the protocol's cloud, plus `offline_access` so a delegated sign-in
 * returns a refresh token. App-only: `[protocol.defaultScope]`.
 */
export function expandScopes(scopes: Iterable<string> | string, options: ExpandScopesOptions = {}): string[] {
  const protocol = options.protocol ?? new Protocol();
  const requested = (typeof scopes === 'string' ? [scopes] : [...scopes]).flatMap((s) => s.split(/\s+/)).filter(Boolean);
  if (requested.length === 0) {
    throw new TypeError("No scopes were given: name at least one, e.g. ['basic', 'message_all'] or ['Mail.Read'].");
  }
  for (const scope of requested) checkAliasLike(scope);
  if (options.appOnly) return [protocol.defaultScope];

  const seen = new Set<string>();
  const out: string[] = [];
  const add = (scope: string) => {
    const key = scope.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(scope);
  };
  for (const scope of requested) {
    const alias = Object.hasOwn(SCOPE_ALIASES, scope) ? SCOPE_ALIASES[scope] : undefined;
    for (const permission of alias ?? [scope]) add(protocol.prefixScope(permission));
  }
  add('offline_access');
  return out;
}

const OIDC = new Set(['openid', 'profile', 'email', 'offline_access']);
const ALIAS_LIKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

/** A lowercase `word_word` that is no alias (and no OpenID scope) is a misspelled alias: say which were meant. */
function checkAliasLike(scope: string): void {
  if (!ALIAS_LIKE.test(scope) || Object.hasOwn(SCOPE_ALIASES, scope) || OIDC.has(scope)) return;
  const names = Object.keys(SCOPE_ALIASES);
  const nearest = names.reduce((best, name) => (distance(scope, name) < distance(scope, best) ? name : best));
  const hint = distance(scope, nearest) <= 3 ? ` Did you mean '${nearest}'?` : '';
  throw new AuthError('configuration_error',
    `'${scope}' is not a scope alias.${hint} The aliases are: ${names.join(', ')}. ` +
    "Graph permissions are written like 'Mail.ReadWrite'.");
}

/** Levenshtein distance; aliases are short, so the plain table is enough. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
const GLOBAL_GRAPH = 'https://graph.microsoft.com/';

/**
 * The scopes msal should look up in its cache (and send on a refresh). The OpenID scopes are msal's own
 * business. Entra answers Graph permissions by bare name (`User.Read`), msal caches the token under that
 * answer, and compares spellings literally, so a lookup for `https://graph.microsoft.com/User.Read` would
 * miss every time and refresh on every request (msal-js issue #488). In the global cloud a bare name means
 * Graph anyway, so the lookup uses bare names; elsewhere a bare name would mean the global Graph on
 * refresh, so the full names stay.
 */
export function cacheScopes(scopes: readonly string[]): string[] {
  return scopes
    .filter((scope) => !OIDC.has(scope.toLowerCase()))
    .map((scope) => (scope.toLowerCase().startsWith(GLOBAL_GRAPH) && !scope.endsWith('/.default') ? scope.slice(GLOBAL_GRAPH.length) : scope));
}
