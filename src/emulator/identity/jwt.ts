/**
 * Compact JWS (JWT) signing and verification with node:crypto only.
 *
 * The emulator signs with RS256, like Entra. Verification also accepts PS256
 * because msal-node signs certificate client assertions with PS256 when given
 * a SHA-256 thumbprint. Every other `alg` (notably 'none' and HMAC) is refused.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, constants, type KeyObject } from 'node:crypto';

export type JwtPayload = Record<string, unknown>;

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: JwtPayload;
  signingInput: string;
  signature: Buffer;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public half as published in the JWKS. */
  jwk: Record<string, string>;
}

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function createSigningKey(key?: string | KeyObject): SigningKey {
  const privateKey =
    key === undefined
      ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
      : typeof key === 'string'
        ? createPrivateKey(key)
        : key;
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('The identity signing key must be an RSA private key');
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (typeof n !== 'string' || typeof e !== 'string') throw new Error('Could not export the signing key as a JWK');
  // RFC 7638 thumbprint: stable across restarts when the same key is supplied.
  const kid = base64url(createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest());
  return { kid, privateKey, publicKey, jwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n, e } };
}

export function signJwt(payload: JwtPayload, key: SigningKey): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(signingInput), key.privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** Parses without verifying; undefined when the token is not a well-formed JWS. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    if (!isRecord(header) || !isRecord(payload)) return undefined;
    return {
      header,
      payload,
      signingInput: `${headerPart}.${payloadPart}`,
      signature: Buffer.from(signaturePart, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

export function verifyJwtSignature(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  const data = Buffer.from(jwt.signingInput);
  try {
    switch (jwt.header['alg']) {
      case 'RS256':
        return verify('sha256', data, publicKey, jwt.signature);
      case 'PS256':
        return verify(
          'sha256',
          data,
          { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
          jwt.signature,
        );
      default:
        return false;
    }
  } catch {
    return false;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringClaim(payload: JwtPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
}

export function numberClaim(payload: JwtPayload, name: string): number | undefined {
  const value = payload[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
