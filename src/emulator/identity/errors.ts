/**
 * Errors in the two shapes clients see.
 *
 * - `AadError`: what the token/authorize endpoints answer, shaped like Entra's
 *   JSON so msal-node surfaces the same `AADSTSxxxxx` codes it would in
 *   production. Descriptions may name client ids, tenants and scopes, never a
 *   secret, code, assertion or token.
 * - `IdentityError`: what `verifyAccessToken` throws for the Graph side, carrying
 *   the 401 `WWW-Authenticate` challenge Graph sends.
 */

export class IdentityError extends Error {
  readonly status: number;
  readonly code: string;
  readonly wwwAuthenticate?: string;

  constructor(status: number, code: string, message: string, wwwAuthenticate?: string) {
    super(message);
    this.name = 'IdentityError';
    this.status = status;
    this.code = code;
    if (wwwAuthenticate !== undefined) this.wwwAuthenticate = wwwAuthenticate;
  }
}

export class AadError extends Error {
  readonly status: number;
  /** OAuth error, e.g. 'invalid_grant'. */
  readonly error: string;
  /** AADSTS number. */
  readonly aadsts: number;
  readonly suberror?: string;

  constructor(status: number, error: string, aadsts: number, description: string, suberror?: string) {
    super(description);
    this.name = 'AadError';
    this.status = status;
    this.error = error;
    this.aadsts = aadsts;
    if (suberror !== undefined) this.suberror = suberror;
  }
}

export interface AadErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
}

export function aadErrorBody(
  failure: AadError,
  context: { traceId: string; correlationId: string; now: number },
): AadErrorBody {
  const timestamp = entraTimestamp(context.now);
  return {
    error: failure.error,
    error_description:
      `AADSTS${failure.aadsts}: ${failure.message}\r\nTrace ID: ${context.traceId}\r\n` +
      `Correlation ID: ${context.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [failure.aadsts],
    timestamp,
    trace_id: context.traceId,
    correlation_id: context.correlationId,
    // Entra's own lookup page: documentation for humans, not an endpoint the emulator serves.
    error_uri: `https://login.microsoftonline.com/error?code=${failure.aadsts}`,
    ...(failure.suberror === undefined ? {} : { suberror: failure.suberror }),
  };
}

/** Entra's format: '2024-01-09 02:02:12Z'. */
export function entraTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

// The catalogue: one constructor per failure the emulator reports.

export const aad = {
  missingParameter: (name: string) =>
    new AadError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  postOnly: () => new AadError(400, 'invalid_request', 900561, 'The endpoint only accepts POST requests.'),
  unknownTenant: (tenant: string) =>
    new AadError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  unknownClient: (clientId: string, tenant: string) =>
    new AadError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  unsupportedGrantType: () =>
    new AadError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.'),

  invalidClientSecret: (clientId: string) =>
    new AadError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  missingClientCredential: () =>
    new AadError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  publicClientWithCredential: () =>
    new AadError(
      401,
      'invalid_client',
      700025,
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ),
  invalidClientAssertion: (description: string) => new AadError(401, 'invalid_client', 700027, description),
  clientAssertionTime: () =>
    new AadError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  clientAssertionSubject: () =>
    new AadError(
      401,
      'invalid_client',
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter.",
    ),

  invalidScope: (scope: string) =>
    new AadError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`),
  // A well-formed scope the resource does not define is the app's fault, not the request's: Entra answers
  // invalid_client (not invalid_scope), naming the scope without its resource prefix and the resource by app id.
  unknownScope: (appName: string, scope: string, resourceAppId: string) =>
    new AadError(
      400,
      'invalid_client',
      650053,
      `The application '${appName}' asked for scope '${scope}' that doesn't exist on the resource '${resourceAppId}'. Contact the app vendor.`,
    ),
  clientCredentialsScope: (scope: string) =>
    new AadError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  multipleResources: () =>
    new AadError(
      400,
      'invalid_scope',
      28000,
      'Provided value for the input parameter scope is not valid because it contains more than one resource.',
    ),
  unknownResource: (resource: string, tenant: string) =>
    new AadError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  consentRequired: (clientId: string, appName: string) =>
    new AadError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      'consent_required',
    ),

  malformedGrant: () => new AadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'),
  grantExpired: () =>
    new AadError(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeRedeemed: () =>
    new AadError(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  grantMismatch: () => new AadError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.'),
  redirectUriMismatch: () =>
    new AadError(
      400,
      'invalid_grant',
      50011,
      'The redirect URI specified in the request does not match the redirect URI used when the authorization code was requested.',
    ),
  pkceMismatch: () =>
    new AadError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  unregisteredRedirectUri: (redirectUri: string, clientId: string) =>
    new AadError(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
    ),
  userNotFound: (user: string, tenant: string) =>
    new AadError(400, 'invalid_grant', 50034, `The user account ${user} does not exist in the ${tenant} directory.`),

  invalidOboAssertion: (reason: string) => new AadError(400, 'invalid_grant', 50013, `Assertion failed validation. ${reason}`),
  oboAssertionExpired: () => new AadError(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range.'),

  authorizationPending: () =>
    new AadError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'),
  deviceCodeExpired: () =>
    new AadError(400, 'expired_token', 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired."),
  authorizationDeclined: () =>
    new AadError(400, 'authorization_declined', 70000, 'The end user denied the authorization request.'),
  badVerificationCode: () =>
    new AadError(400, 'bad_verification_code', 70000, "The provided value for the input parameter 'device_code' is not valid."),
} as const;
