// Where an API lives and how its scopes are named: python-o365's Protocol in TypeScript. A protocol is
// plain data plus two small rules (service URL, scope prefix), so a user can describe another Microsoft
// API, a national cloud or the offline emulator with the same object.

/** A Microsoft cloud: where Graph answers and where its users sign in. */
export interface Cloud {
  /** Graph's service root, also the resource that delegated scopes belong to. */
  readonly graph: string;
  /** The Entra ID authority host for this cloud. */
  readonly login: string;
}

/** The national clouds Graph runs in (learn.microsoft.com/graph/deployments). */
export const CLOUDS = {
  global: { graph: 'https://graph.microsoft.com', login: 'https://login.microsoftonline.com' },
  /** US Government L4 (GCC High). */
  usGovL4: { graph: 'https://graph.microsoft.us', login: 'https://login.microsoftonline.us' },
  /** US Government L5 (DoD). */
  usGovL5: { graph: 'https://dod-graph.microsoft.us', login: 'https://login.microsoftonline.us' },
  /** Microsoft Graph China, operated by 21Vianet. */
  china: { graph: 'https://microsoftgraph.chinacloudapi.cn', login: 'https://login.chinacloudapi.cn' },
} as const satisfies Record<string, Cloud>;

export type CloudName = keyof typeof CLOUDS;

export interface ProtocolOptions {
  /** @default 'v1.0' */
  apiVersion?: string;
  /** A named national cloud or your own endpoints. @default 'global' */
  cloud?: CloudName | Cloud;
  /** Overrides the cloud's service root (the emulator: its `origin`); scopes still name the cloud's resource. */
  baseUrl?: string;
  /** Overrides the cloud's authority host (the emulator's identity service). */
  loginUrl?: string;
  /** What `client.resource()` addresses when given no resource (see resource.ts). @default 'me' */
  defaultResource?: string;
  /** The resource delegated scopes are prefixed with. @default the cloud's Graph root */
  scopeResource?: string;
}

/** Scopes that belong to OpenID Connect itself, never to a resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

export class Protocol {
  readonly apiVersion: string;
  readonly cloud: Cloud;
  /** Service root without the version: `https://graph.microsoft.com`. */
  readonly baseUrl: string;
  /** Authority host: `https://login.microsoftonline.com`. */
  readonly loginUrl: string;
  readonly defaultResource: string;
  /** `https://graph.microsoft.com`: the resource of `Mail.Read` and of `/.default`. */
  readonly scopeResource: string;

  constructor(options: ProtocolOptions = {}) {
    const cloud = typeof options.cloud === 'object' ? options.cloud : CLOUDS[options.cloud ?? 'global'];
    if (!cloud) {
      throw new TypeError(`Unknown cloud ${JSON.stringify(options.cloud)}: use one of ${Object.keys(CLOUDS).join(', ')}, or pass { graph, login }.`);
    }
    this.apiVersion = options.apiVersion ?? 'v1.0';
    this.cloud = cloud;
    this.baseUrl = trimSlash(options.baseUrl ?? cloud.graph);
    this.loginUrl = trimSlash(options.loginUrl ?? cloud.login);
    this.defaultResource = options.defaultResource ?? 'me';
    this.scopeResource = trimSlash(options.scopeResource ?? cloud.graph);
  }

  /** `https://graph.microsoft.com/v1.0`. */
  get serviceUrl(): string {
    return `${this.baseUrl}/${this.apiVersion}`;
  }

  /** The authority msal signs in with: `https://login.microsoftonline.com/<tenant>`. */
  authority(tenant = 'common'): string {
    return `${this.loginUrl}/${tenant}`;
  }

  /**
   * A delegated scope as this cloud's identity service wants it. Outside the global cloud a bare
   * `Mail.Read` would name the global Graph resource, so scopes are written out in full; OpenID scopes
   * and scopes that already name a resource stay as they are.
   */
  prefixScope(scope: string): string {
    if (OIDC_SCOPES.has(scope) || scope.includes('://') || scope.startsWith('api://')) return scope;
    return `${this.scopeResource}/${scope}`;
  }

  /** The app-only scope: `https://graph.microsoft.com/.default`. */
  get defaultScope(): string {
    return `${this.scopeResource}/.default`;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
