// python-o365's Account: one object that signs in (any flow), remembers who is signed in through a token
// backend, hands the fluent client a token for the current user on every request, and builds that
// client. Several users can be signed in through one backend; `username` picks whose token is used.
import type { AccountInfo, AuthenticationResult, INetworkModule } from '@azure/msal-node';
import type { ClientOptions } from '../client.js';
import { Protocol } from '../protocol.js';
import { signInWithAuthorizationCode, type AuthorizationCodeOptions } from './auth-code.js';
import { appTokenCached } from './cache-merge.js';
import { clientCredentialsToken, onBehalfOfToken } from './confidential.js';
import { signInWithDeviceCode, type DeviceCodeOptions } from './device-code.js';
import { AuthError } from './errors.js';
import { proxiedFetch, type ProxiedFetch } from '../proxy.js';
import { managedIdentityTokenProvider } from './managed-identity.js';
import { createMsalApp, resolveCredentials, type Credentials, type MsalApp, type ResolvedCredentials } from './msal-app.js';
import { toAuthError } from './msal-errors.js';
import { createNetworkClient } from './network-client.js';
import { expandScopes, cacheScopes } from './scopes.js';
import { MemoryTokenBackend, type TokenBackend } from './token-backend.js';
import { tokenProviderFrom, type TokenSource } from './token-provider.js';

/**
 * How the account signs in. python-o365's 'authorization' and 'credentials' keep their names; its
 * 'public' (a public client) is `authorization` or `device` here, with only a client id as credentials.
 */
export type AuthFlowType = 'authorization' | 'device' | 'credentials' | 'onBehalfOf' | 'managedIdentity' | 'tokenProvider';

export type AccountCredentials =
  | Credentials
  /** Your own tokens (an @azure/identity credential, a function of scopes). */
  | { tokenProvider: TokenSource }
  /** The platform's managed identity: `true` for the system-assigned one, or a user-assigned client id. */
  | { managedIdentity: true | { clientId: string } };

export interface AccountOptions<C> {
  /** @default inferred: a token provider or managed identity as given; confidential credentials: 'credentials'; a client id: 'authorization' */
  authFlowType?: AuthFlowType;
  /** Your tenant's id or domain. Required for app-only flows. @default 'common' */
  tenantId?: string;
  /** Aliases (`basic`, `message_all`, …) or Graph permissions, see scopes.ts. @default ['basic'] */
  scopes?: string[];
  /** What `mailbox()` opens without an argument: 'me', 'user:x@y.com', 'group:<id>', 'site:<id>'. @default protocol.defaultResource */
  mainResource?: string;
  /** The cloud (and service/login URLs). @default new Protocol() */
  protocol?: Protocol;
  /** Where tokens persist. @default a MemoryTokenBackend (forgotten at exit) */
  tokenBackend?: TokenBackend;
  /** The generated client's factory, e.g. `createClient` from 'msgraph-ts/v1.0': `account.client` is built with it. */
  createClient?: (options: ClientOptions) => C;
  /** More client options (retry, timeoutMs, headers…); the account sets baseUrl, fetch and token. */
  clientOptions?: Omit<ClientOptions, 'token' | 'baseUrl'>;
  /** Trust this CA (PEM) for both the identity endpoint and Graph, as the offline emulator needs. */
  ca?: string;
  /** An HTTP proxy for both the identity endpoint and Graph. */
  proxy?: string;
  /** Replaces the network client msal uses. */
  networkClient?: INetworkModule;
}

export type AuthenticateOptions = AuthorizationCodeOptions & DeviceCodeOptions & {
  /** Scopes for this sign-in instead of the account's. */
  scopes?: string[];
  /** on-behalf-of: the access token your API received (its audience is this app). */
  userAssertion?: string;
};

export interface SignInResult {
  /** The signed-in user, now current; undefined for app-only flows. */
  username?: string;
  scopes: string[];
  expiresOn?: Date;
}

type ResourceOf<C> = C extends { resource(resource: string): infer R } ? R : unknown;

export class Account<C = never> {
  readonly authFlowType: AuthFlowType;
  readonly protocol: Protocol;
  readonly tenantId: string;
  readonly scopes: readonly string[];
  readonly mainResource: string;
  readonly tokenBackend: TokenBackend;
  readonly #options: AccountOptions<C>;
  readonly #credentials?: ResolvedCredentials;
  readonly #msal?: MsalApp;
  readonly #appToken?: () => Promise<string>;
  #users: AccountInfo[] = [];
  #current?: string;
  #appSignedIn = false;
  #userAssertion?: string;
  #client?: C;
  #graphFetch?: ProxiedFetch;

  constructor(credentials: AccountCredentials, options: AccountOptions<C> = {}) {
    this.#options = options;
    this.protocol = options.protocol ?? new Protocol();
    this.tenantId = options.tenantId ?? 'common';
    this.mainResource = options.mainResource ?? this.protocol.defaultResource;
    this.tokenBackend = options.tokenBackend ?? new MemoryTokenBackend();
    this.authFlowType = options.authFlowType ?? inferFlow(credentials);
    // Your own token source may be delegated (it then gets the scopes you named) or app-only (.default).
    const appOnly = this.authFlowType === 'credentials' || this.authFlowType === 'managedIdentity' || (this.authFlowType === 'tokenProvider' && !options.scopes);
    this.scopes = expandScopes(options.scopes ?? ['basic'], { protocol: this.protocol, appOnly });

    if (typeof credentials === 'object' && 'tokenProvider' in credentials) {
      this.#appToken = tokenProviderFrom(credentials.tokenProvider, this.scopes.filter((scope) => scope !== 'offline_access'));
    } else if (typeof credentials === 'object' && 'managedIdentity' in credentials) {
      const clientId = credentials.managedIdentity === true ? undefined : credentials.managedIdentity.clientId;
      this.#appToken = managedIdentityTokenProvider(this.protocol.scopeResource, { ...(clientId ? { clientId } : {}), ...this.#network() });
    } else {
      if (this.authFlowType === 'managedIdentity' || this.authFlowType === 'tokenProvider') {
        throw new AuthError('configuration_error', `The ${this.authFlowType} flow takes { ${this.authFlowType} } as credentials, not an app registration.`);
      }
      this.#credentials = resolveCredentials(credentials);
      if ((this.authFlowType === 'credentials' || this.authFlowType === 'onBehalfOf') && /^(common|organizations|consumers)$/i.test(this.tenantId)) {
        throw new AuthError('configuration_error', `The ${this.authFlowType} flow signs in to one tenant: pass tenantId (your tenant's id or domain), not '${this.tenantId}'.`);
      }
      this.#msal = createMsalApp(this.#credentials, { protocol: this.protocol, tenantId: this.tenantId, tokenBackend: this.tokenBackend, ...this.#network() });
    }
  }

  /** Reads the token backend: who is signed in (or whether an app token is stored). Every sign-in and token call does this too. */
  async load(): Promise<this> {
    if (!this.#msal) return this;
    const cache = this.#msal.getTokenCache();
    this.#users = await cache.getAllAccounts();
    if (!this.#find(this.#current)) this.#current = this.#users[0]?.username;
    // getAllAccounts loaded the backend into msal's memory, which serialize() reads without another load.
    if (this.authFlowType === 'credentials') this.#appSignedIn ||= appTokenCached(cache.serialize(), this.#credentials!.clientId);
    return this;
  }

  /** The signed-in users' names (userPrincipalName), as last read from the backend. */
  get users(): string[] {
    return this.#users.map((user) => user.username);
  }

  /** Whose token the client uses: the last one signed in, else the first in the backend. */
  get username(): string | undefined {
    return this.#current;
  }

  // Typed `| undefined` like the getter because TypeScript before 5.1 requires that; undefined is nobody, and throws.
  set username(username: string | undefined) {
    const user = this.#find(username);
    if (!user) {
      throw new AuthError('unknown_user', `${username} is not signed in with this account (signed in: ${this.users.join(', ') || 'nobody'}). Call authenticate() to sign them in, or load() if another process did.`);
    }
    this.#current = user.username;
  }

  /** Whether a token can be had without asking anyone (as last read from the backend). */
  get isAuthenticated(): boolean {
    if (this.authFlowType === 'tokenProvider') return true;
    if (this.#isDelegated()) return this.#current !== undefined;
    return this.#appSignedIn;
  }

  /** Signs in with the account's flow; a user who signs in becomes the current user. */
  async authenticate(options: AuthenticateOptions = {}): Promise<SignInResult> {
    const scopes = options.scopes ? expandScopes(options.scopes, { protocol: this.protocol, appOnly: !this.#isDelegated() }) : [...this.scopes];
    if (this.#appToken) {
      await this.#appToken();
      this.#appSignedIn = true;
      return { scopes };
    }
    const app = this.#msal!;
    const secrets = this.#credentials?.secrets ?? [];
    let result: AuthenticationResult | null;
    switch (this.authFlowType) {
      case 'authorization':
        result = await signInWithAuthorizationCode(app, scopes, { ...options, defaultManualRedirectUri: `${this.protocol.loginUrl}/common/oauth2/nativeclient` });
        break;
      case 'device':
        result = await signInWithDeviceCode(app, scopes, options);
        break;
      case 'credentials':
        result = await clientCredentialsToken(app, scopes, secrets);
        this.#appSignedIn = true;
        return { scopes: result.scopes, ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}) };
      case 'onBehalfOf': {
        if (!options.userAssertion) throw new AuthError('configuration_error', 'The on-behalf-of flow needs the token your API received: authenticate({ userAssertion }).');
        this.#userAssertion = options.userAssertion;
        result = await onBehalfOfToken(app, options.userAssertion, scopes, secrets);
        this.#appSignedIn = true;
        return { ...(result.account ? { username: result.account.username } : {}), scopes: result.scopes, ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}) };
      }
      default:
        throw new AuthError('configuration_error', `The ${this.authFlowType} flow needs other credentials.`);
    }
    await this.load();
    if (result.account) this.#current = this.#find(result.account.username)?.username ?? result.account.username;
    return { ...(this.#current ? { username: this.#current } : {}), scopes: result.scopes, ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}) };
  }

  /** An access token for the current user (or the app), from the cache when still valid, else refreshed. */
  async getAccessToken(): Promise<string> {
    if (this.#appToken) return this.#appToken();
    const secrets = this.#credentials?.secrets ?? [];
    if (this.authFlowType === 'credentials') return (await clientCredentialsToken(this.#msal!, [...this.scopes], secrets)).accessToken;
    if (this.authFlowType === 'onBehalfOf') {
      if (!this.#userAssertion) throw new AuthError('not_signed_in', 'No user assertion yet: call authenticate({ userAssertion }) first.');
      return (await onBehalfOfToken(this.#msal!, this.#userAssertion, [...this.scopes], secrets)).accessToken;
    }
    await this.load();
    const user = this.#find(this.#current);
    if (!user) {
      throw new AuthError('not_signed_in', `Nobody is signed in${this.#current ? ` as ${this.#current}` : ''} with this account: call authenticate() first.`);
    }
    try {
      return (await this.#msal!.acquireTokenSilent({ account: user, scopes: cacheScopes(this.scopes) })).accessToken;
    } catch (error) {
      throw toAuthError(error, { action: `Getting a token for ${user.username}`, secrets, silent: true });
    }
  }

  /** For `createClient({ token: account.tokenProvider })`: each call gets the then-current user's token. */
  readonly tokenProvider = (): Promise<string> => this.getAccessToken();

  /** Removes one user's tokens from the backend (default: the current user); app-only flows forget the app's token. */
  async signOut(username: string | undefined = this.#current): Promise<void> {
    if (!this.#isDelegated()) {
      this.#appSignedIn = false;
      this.#userAssertion = undefined;
      if (this.#msal) await this.tokenBackend.clear();
      return;
    }
    await this.load();
    const user = this.#find(username);
    if (!user) return;
    await this.#msal!.getTokenCache().removeAccount(user);
    if (this.#current?.toLowerCase() === user.username.toLowerCase()) this.#current = undefined;
    await this.load();
  }

  /** The fluent client, built once with the `createClient` given to the constructor. */
  get client(): C {
    if (this.#client !== undefined) return this.#client;
    const create = this.#options.createClient;
    if (!create) {
      throw new AuthError('configuration_error', "This account was made without createClient: pass it, e.g. new Account(credentials, { createClient }) with import { createClient } from 'msgraph-ts/v1.0'.");
    }
    const { ca, proxy } = this.#options;
    this.#graphFetch ??= this.#options.clientOptions?.fetch || !(ca || proxy) ? undefined : proxiedFetch({ ...(ca ? { ca } : {}), ...(proxy ? { proxy } : {}) });
    const fetch = this.#options.clientOptions?.fetch ?? this.#graphFetch?.fetch;
    this.#client = create({
      ...this.#options.clientOptions, baseUrl: this.protocol.baseUrl, resource: this.mainResource, ...(fetch ? { fetch } : {}), token: this.tokenProvider,
    });
    return this.#client;
  }

  /** Closes the connections the account's client opened through `ca` or `proxy`; the account stays usable. */
  async close(): Promise<void> {
    const opened = this.#graphFetch;
    this.#graphFetch = undefined;
    this.#client = undefined;
    await opened?.close();
  }

  /** python-o365's mailbox(): the client's builder for a resource (default: mainResource). */
  mailbox(resource?: string): ResourceOf<C> {
    const client = this.client as { resource?: (resource: string) => unknown };
    if (typeof client.resource !== 'function') {
      throw new TypeError('This client has no resource(): use a client from msgraph-ts/v1.0 or msgraph-ts/beta.');
    }
    return client.resource(resource ?? this.mainResource) as ResourceOf<C>;
  }

  #isDelegated(): boolean {
    return this.authFlowType === 'authorization' || this.authFlowType === 'device';
  }

  #find(username: string | undefined): AccountInfo | undefined {
    const wanted = username?.toLowerCase();
    return wanted === undefined ? undefined : this.#users.find((user) => user.username.toLowerCase() === wanted);
  }

  /** msal's network client: yours, or one trusting `ca` / going through `proxy`, else msal's default. */
  #network(): { networkClient?: INetworkModule } {
    const { networkClient, ca, proxy } = this.#options;
    if (networkClient) return { networkClient };
    if (!ca && !proxy) return {};
    return { networkClient: createNetworkClient({ ...(ca ? { ca } : {}), ...(proxy ? { proxy } : {}) }) };
  }
}

function inferFlow(credentials: AccountCredentials): AuthFlowType {
  if (typeof credentials === 'object' && 'tokenProvider' in credentials) return 'tokenProvider';
  if (typeof credentials === 'object' && 'managedIdentity' in credentials) return 'managedIdentity';
  return resolveCredentials(credentials).confidential ? 'credentials' : 'authorization';
}

