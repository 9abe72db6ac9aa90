/**
 * Server-side state behind the opaque handles the emulator hands out
 * (authorization codes, refresh tokens, device codes).
 *
 * Handles are random and only their SHA-256 is kept, so the store itself never
 * holds a usable credential: dumping it in a debugger or a test failure message
 * reveals nothing that could be replayed.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface HandleStore<T> {
  /** Stores the record and returns the new handle to give to the client. */
  create(record: T): string;
  get(handle: string): T | undefined;
}

export function createHandleStore<T>(prefix = ''): HandleStore<T> {
  const records = new Map<string, T>();
  const key = (handle: string) => createHash('sha256').update(handle).digest('base64url');
  return {
    create(record) {
      const handle = `${prefix}${randomBytes(32).toString('base64url')}`;
      records.set(key(handle), record);
      return handle;
    },
    get(handle) {
      return records.get(key(handle));
    },
  };
}

export interface AuthorizationCodeGrant {
  tenantId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  nonce?: string;
  /** Emulator clock, ms. */
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshTokenGrant {
  tenantId: string;
  clientId: string;
  userId: string;
  /** The scopes of the original request, used when a refresh asks for none. */
  scopes: string[];
  expiresAt: number;
}

export interface DeviceCodeGrant {
  tenantId: string;
  clientId: string;
  scopes: string[];
  userCode: string;
  expiresAt: number;
  polls: number;
  state: 'pending' | 'approved' | 'declined' | 'redeemed';
  userId?: string;
}
