/**
 * Client authentication at the token endpoint: client secret, or a client
 * assertion (RFC 7523 JWT) signed by the key of the app's registered certificate.
 *
 * Secrets are compared in constant time and never appear in any error.
 */
import { createHash, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { IdentityContext } from './context.js';
import { aad, AadError } from './errors.js';
import { decodeJwt, numberClaim, stringClaim, verifyJwtSignature } from './jwt.js';
import type { ClientAuthMethod } from './token-issuer.js';
import type { AppSeed, TenantSeed } from './types.js';

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Tolerated clock skew for assertion timestamps, as Entra allows. */
const SKEW_SECONDS = 300;

export interface ClientAuthInput {
  tenant: TenantSeed;
  client: AppSeed;
  form: URLSearchParams;
  /** The tenant segment of the URL the client called (GUID, domain, 'common'...). */
  tenantSegment: string;
  /** Confidential-only grants (client credentials, on-behalf-of) pass true. */
  requireCredential: boolean;
}

export function authenticateClient(ctx: IdentityContext, input: ClientAuthInput): ClientAuthMethod {
  const { client: app, form } = input;
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  const hasCredentials = app.secret !== undefined || app.certificatePem !== undefined;

  if (secret === null && assertion === null) {
    if (input.requireCredential || (hasCredentials && !app.publicClient)) throw aad.missingClientCredential();
    return 'none';
  }
  if (!hasCredentials) throw aad.publicClientWithCredential();

  let method: ClientAuthMethod = 'none';
  if (secret !== null) {
    if (app.secret === undefined || !sameSecret(secret, app.secret)) throw aad.invalidClientSecret(app.clientId);
    method = 'secret';
  }
  if (assertion !== null) {
    if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION) {
      throw new AadError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_assertion_type'.");
    }
    verifyClientAssertion(ctx, input, assertion);
    method = 'certificate';
  }
  return method;
}

function sameSecret(presented: string, expected: string): boolean {
  // Hashing first gives equal lengths, so timingSafeEqual never leaks the length either.
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function verifyClientAssertion(ctx: IdentityContext, input: ClientAuthInput, assertion: string): void {
  const { client: app, tenant } = input;
  if (!app.certificatePem) {
    throw aad.invalidClientAssertion('No certificate is registered on the application to validate the client assertion.');
  }
  const certificate = new X509Certificate(app.certificatePem);
  const jwt = decodeJwt(assertion);
  if (!jwt) throw aad.invalidClientAssertion('Client assertion is not a well-formed JWT.');

  const sha256 = jwt.header['x5t#S256'];
  const sha1 = jwt.header['x5t'];
  const thumbprintMatches =
    (sha256 === undefined || sha256 === thumbprint(certificate, 'sha256')) &&
    (sha1 === undefined || sha1 === thumbprint(certificate, 'sha1'));
  if (!thumbprintMatches) {
    throw aad.invalidClientAssertion(
      'The certificate with identifier used to sign the client assertion is not registered on application.',
    );
  }
  if (!verifyJwtSignature(jwt, certificate.publicKey)) {
    throw aad.invalidClientAssertion('Client assertion failed signature validation.');
  }

  const claims = jwt.payload;
  if (stringClaim(claims, 'iss') !== app.clientId || stringClaim(claims, 'sub') !== app.clientId) {
    throw aad.clientAssertionSubject();
  }
  const audience = stringClaim(claims, 'aud')?.toLowerCase();
  if (audience === undefined || !acceptedAudiences(ctx, tenant, input.tenantSegment).includes(audience)) {
    throw aad.invalidClientAssertion('The audience claim of the client assertion does not match this token endpoint.');
  }

  const nowSeconds = ctx.now() / 1000;
  const exp = numberClaim(claims, 'exp');
  const nbf = numberClaim(claims, 'nbf');
  if (exp === undefined || exp + SKEW_SECONDS < nowSeconds || (nbf !== undefined && nbf - SKEW_SECONDS > nowSeconds)) {
    throw aad.clientAssertionTime();
  }
  if (Date.parse(certificate.validTo) < ctx.now()) {
    throw aad.invalidClientAssertion('The certificate used to sign the client assertion has expired.');
  }
}

/** msal-node signs with aud = the token endpoint it called; Entra also accepts its issuer. */
function acceptedAudiences(ctx: IdentityContext, tenant: TenantSeed, segment: string): string[] {
  const segments = [segment, tenant.tenantId, tenant.domain];
  return [
    ...segments.map((name) => `${ctx.baseUrl}/${name}/oauth2/v2.0/token`),
    ctx.issuer(tenant.tenantId),
  ].map((value) => value.toLowerCase());
}

function thumbprint(certificate: X509Certificate, algorithm: 'sha256' | 'sha1'): string {
  return createHash(algorithm).update(certificate.raw).digest('base64url');
}
