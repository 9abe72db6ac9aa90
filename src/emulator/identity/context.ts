/**
 * Everything the identity endpoints share: configuration, the directory, the
 * signing key, the clock and the server-side grant state. One per
 * `createIdentity` call, so several emulators in one process never mix state.
 */
import { createHandleStore, type AuthorizationCodeGrant, type DeviceCodeGrant, type HandleStore, type RefreshTokenGrant } from './grant-store.js';
import { createSigningKey, type SigningKey } from './jwt.js';
import { createRegistry, type Registry } from './registry.js';
import type { IdentityOptions, IssuedTokenRecord, ManagedIdentitySeed } from './types.js';

export interface IdentityContext {
  /** Origin without a trailing slash. */
  readonly baseUrl: string;
  readonly registry: Registry;
  readonly signingKey: SigningKey;
  /** Milliseconds. */
  readonly now: () => number;
  readonly tokenLifetimeSeconds: number;
  readonly refreshTokenLifetimeSeconds: number;
  readonly authorizationCodeLifetimeSeconds: number;
  readonly deviceCode: {
    readonly autoApprove: NonNullable<IdentityOptions['deviceCodeAutoApprove']>;
    readonly intervalSeconds: number;
    readonly lifetimeSeconds: number;
  };
  readonly codes: HandleStore<AuthorizationCodeGrant>;
  readonly refreshTokens: HandleStore<RefreshTokenGrant>;
  readonly deviceCodes: HandleStore<DeviceCodeGrant>;
  /** Device grants by upper-cased user code, for the verification page. */
  readonly deviceCodesByUserCode: Map<string, DeviceCodeGrant>;
  readonly issued: IssuedTokenRecord[];
  readonly managedIdentities: ReadonlyArray<ManagedIdentitySeed>;
  /** The `iss` of every token for a tenant, and the issuer its discovery document names. */
  issuer(tenantId: string): string;
}

export function createContext(options: IdentityOptions): IdentityContext {
  const baseUrl = new URL(options.issuerBaseUrl).origin;
  return {
    baseUrl,
    registry: createRegistry(options.tenants),
    signingKey: createSigningKey(options.signingKey),
    now: options.now ?? Date.now,
    tokenLifetimeSeconds: positive(options.tokenLifetimeSeconds, 3600, 'tokenLifetimeSeconds'),
    refreshTokenLifetimeSeconds: 90 * 24 * 3600, // Entra's inactivity window
    authorizationCodeLifetimeSeconds: 600,
    deviceCode: {
      autoApprove: options.deviceCodeAutoApprove ?? true,
      intervalSeconds: positive(options.deviceCodeIntervalSeconds, 5, 'deviceCodeIntervalSeconds'),
      lifetimeSeconds: positive(options.deviceCodeLifetimeSeconds, 900, 'deviceCodeLifetimeSeconds'),
    },
    codes: createHandleStore<AuthorizationCodeGrant>('code.'),
    refreshTokens: createHandleStore<RefreshTokenGrant>('rt.'),
    deviceCodes: createHandleStore<DeviceCodeGrant>('dc.'),
    deviceCodesByUserCode: new Map(),
    issued: [],
    managedIdentities: options.managedIdentities ?? [],
    issuer: (tenantId) => `${baseUrl}/${tenantId}/v2.0`,
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}
