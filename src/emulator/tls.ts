/**
 * TLS material for the offline emulator, minted fresh at run time.
 *
 * msal-node (and any honest Graph client) must talk to the emulator over real
 * TLS with verification on, so the emulator creates its own throw-away
 * certificate authority and a server certificate for the loopback names. The
 * client trusts that CA explicitly (`ca:`), never by turning verification off.
 * Nothing is written to disk and the CA key is discarded once the server
 * certificate is signed, so the CA cannot be abused to sign anything else.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  integer,
  namedBits,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  utf8String,
} from './asn1.js';

export interface TlsMaterial {
  /** PEM of the throw-away CA; give it to clients as `ca`. */
  caCertPem: string;
  /** PEM (PKCS#8) private key of the server certificate. */
  keyPem: string;
  /** PEM of the server certificate, signed by the CA. */
  certPem: string;
}

export type KeyType = 'ec' | 'rsa';

const OID = {
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** KeyUsage bit numbers (RFC 5280 §4.2.1.3). */
const KEY_USAGE = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;

const HOUR_MS = 3_600_000;
const ORGANIZATION = 'msgraph-ts offline emulator';

/**
 * Creates a fresh CA and a server certificate for `127.0.0.1` and `localhost`
 * (plus `hosts`), valid from one hour ago (tolerates small clock skew) for one day.
 */
export function createTlsMaterial(hosts: string[] = []): TlsMaterial {
  const now = Date.now();
  const ca = generateKey('ec');
  const server = generateKey('ec');
  const notBefore = new Date(now - HOUR_MS);
  const notAfter = new Date(now + 24 * HOUR_MS);

  const caName = distinguishedName(`${ORGANIZATION} CA ${randomBytes(4).toString('hex')}`);
  const caCertDer = buildCertificate({
    subject: caName,
    issuer: caName,
    subjectPublicKey: ca.publicKey,
    issuerKey: ca,
    notBefore,
    notAfter: new Date(notAfter.getTime() + HOUR_MS),
    extensions: [
      basicConstraintsExtension(true),
      keyUsageExtension([KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign, KEY_USAGE.digitalSignature]),
      subjectKeyIdentifierExtension(ca.publicKey),
    ],
  });

  const names = unique(['127.0.0.1', 'localhost', ...hosts]);
  const serverCertDer = buildCertificate({
    subject: distinguishedName(names.find((name) => isIP(name) === 0) ?? 'localhost'),
    issuer: caName,
    subjectPublicKey: server.publicKey,
    issuerKey: ca,
    notBefore,
    notAfter,
    extensions: [
      basicConstraintsExtension(false),
      keyUsageExtension([KEY_USAGE.digitalSignature]),
      extKeyUsageExtension([OID.serverAuth]),
      subjectAltNameExtension(names),
      subjectKeyIdentifierExtension(server.publicKey),
      authorityKeyIdentifierExtension(ca.publicKey),
    ],
  });

  return {
    caCertPem: toPem('CERTIFICATE', caCertDer),
    keyPem: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: toPem('CERTIFICATE', serverCertDer),
  };
}

export interface SelfSignedCertificate {
  certPem: string;
  keyPem: string;
  /** Hex SHA-256 of the certificate DER: what msal-node calls `thumbprintSha256`. */
  thumbprintSha256: string;
  /** Hex SHA-1 of the certificate DER: what msal-node calls (legacy) `thumbprint`. */
  thumbprintSha1: string;
}

/**
 * A self-signed end-entity certificate, e.g. an app registration's client
 * credential (msal-node signs client assertions with PS256/RS256, so use 'rsa').
 */
export function createSelfSignedCertificate(
  options: { commonName: string; keyType?: KeyType; validDays?: number } = { commonName: 'localhost' },
): SelfSignedCertificate {
  const key = generateKey(options.keyType ?? 'rsa');
  const now = Date.now();
  const name = distinguishedName(options.commonName);
  const der = buildCertificate({
    subject: name,
    issuer: name,
    subjectPublicKey: key.publicKey,
    issuerKey: key,
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(now + (options.validDays ?? 1) * 24 * HOUR_MS),
    extensions: [
      basicConstraintsExtension(false),
      keyUsageExtension([KEY_USAGE.digitalSignature, KEY_USAGE.keyEncipherment]),
      extKeyUsageExtension([OID.clientAuth]),
      subjectKeyIdentifierExtension(key.publicKey),
    ],
  });
  return {
    certPem: toPem('CERTIFICATE', der),
    keyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
    thumbprintSha1: createHash('sha1').update(der).digest('hex'),
  };
}

interface KeyPair {
  type: KeyType;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function generateKey(type: KeyType): KeyPair {
  const pair =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { type, ...pair };
}

interface CertificateSpec {
  subject: Buffer;
  issuer: Buffer;
  subjectPublicKey: KeyObject;
  issuerKey: KeyPair;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function buildCertificate(spec: CertificateSpec): Buffer {
  const algorithm = signatureAlgorithm(spec.issuerKey.type);
  const tbs = sequence(
    explicit(0, integer(2)), // v3
    integer(serialNumber()),
    algorithm,
    spec.issuer,
    sequence(time(spec.notBefore), time(spec.notAfter)),
    spec.subject,
    spec.subjectPublicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...spec.extensions)),
  );
  // node signs ECDSA in DER form by default, which is exactly what X.509 wants.
  const signature = sign('sha256', tbs, spec.issuerKey.privateKey);
  return sequence(tbs, algorithm, bitString(signature));
}

function signatureAlgorithm(type: KeyType): Buffer {
  return type === 'rsa'
    ? sequence(objectIdentifier(OID.sha256WithRsa), nullValue())
    : sequence(objectIdentifier(OID.ecdsaWithSha256));
}

/** Positive, at most 20 octets, unpredictable (RFC 5280 §4.1.2.2). */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes;
}

function distinguishedName(commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier(OID.organizationName), utf8String(ORGANIZATION))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

function basicConstraintsExtension(isCa: boolean): Buffer {
  return extension(OID.basicConstraints, true, isCa ? sequence(boolean(true)) : sequence());
}

function keyUsageExtension(bits: number[]): Buffer {
  return extension(OID.keyUsage, true, namedBits(bits));
}

function extKeyUsageExtension(purposes: string[]): Buffer {
  return extension(OID.extKeyUsage, false, sequence(...purposes.map(objectIdentifier)));
}

function subjectAltNameExtension(names: string[]): Buffer {
  const generalNames = names.map((name) =>
    isIP(name) === 0
      ? implicitPrimitive(2, Buffer.from(name, 'ascii')) // dNSName
      : implicitPrimitive(7, ipAddressBytes(name)), // iPAddress
  );
  return extension(OID.subjectAltName, false, sequence(...generalNames));
}

/** Key identifiers let OpenSSL pick the right issuer when several CAs are trusted. */
function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest();
}

function subjectKeyIdentifierExtension(publicKey: KeyObject): Buffer {
  return extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(publicKey)));
}

function authorityKeyIdentifierExtension(issuerPublicKey: KeyObject): Buffer {
  return extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyIdentifier(issuerPublicKey))));
}

function ipAddressBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  // Expand '::' so the address has exactly eight 16-bit groups.
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return bytes;
}

function toPem(label: string, der: Buffer): string {
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter(Boolean))];
}
