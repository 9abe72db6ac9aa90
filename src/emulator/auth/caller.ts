// Who is calling. With the identity service configured this comes from a verified access token;
// without it (unit tests, quick demos) a header or the default user stands in, fully trusted.

export interface Caller {
  /**
   * `delegated`: a user signed in to an app (scopes). `application`: an app on its own (roles, no /me).
   * `trusted`: no identity service configured; every permission is granted.
   */
  kind: 'delegated' | 'application' | 'trusted';
  /** The signed-in user's object id or userPrincipalName (not for `application`). */
  user?: string;
  tenantId?: string;
  appId?: string;
  scopes: ReadonlySet<string>;
  roles: ReadonlySet<string>;
}

/** The caller seam: the server asks this for every Graph request. */
export type Authenticate = (request: { method: string; headers: Record<string, string | undefined> }) => Caller | Promise<Caller>;

export const EMULATOR_USER_HEADER = 'x-emulator-user';

/** No identity service: `X-Emulator-User: <upn or id>` picks the user, else the default one. */
export function trustedCaller(headers: Record<string, string | undefined>, defaultUser: string | undefined): Caller {
  const header = headers[EMULATOR_USER_HEADER]?.trim();
  const user = header || defaultUser;
  return { kind: 'trusted', ...(user ? { user } : {}), scopes: new Set(), roles: new Set() };
}
