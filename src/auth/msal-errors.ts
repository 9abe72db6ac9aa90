// msal-node's errors (and the network client's) turned into AuthError: Entra's first sentence, what to do
// about it, the ids support asks for. msal's message is Entra's error_description, which carries a trace
// id, a correlation id and a timestamp on their own lines; those become properties instead.
import { AuthError as MsalAuthError, InteractionRequiredAuthError, ServerError } from './msal.js';
import { AuthError, redact } from './errors.js';

/** What to do, by AADSTS number first (most precise), then by OAuth error. */
const HINTS_BY_AADSTS: Record<number, string> = {
  7000215: "Use the client secret's value (not its id) from the app registration, or create a new secret if it expired.",
  7000218: 'This app is confidential: pass its client secret or certificate.',
  700025: 'This app is a public client: sign in without a secret or certificate.',
  700027: 'Check that the certificate registered on the app matches the private key and thumbprint you pass.',
  700024: "The client assertion's time is off: check this machine's clock.",
  700021: 'The client assertion names another app: sign it with this app\'s client id.',
  700016: 'The client id is not registered in this tenant: check clientId and tenantId (and the cloud).',
  90002: 'The tenant does not exist in this cloud: check tenantId and the protocol (cloud) you sign in to.',
  65001: 'The user (or an admin) has not consented to these scopes: sign in interactively with the authorization flow, or have an admin grant consent.',
  70020: 'The device code expired before the sign-in was completed: run authenticate() again and finish within the time shown.',
  70008: 'The refresh token or authorization code has expired: sign in again with authenticate().',
  54005: 'This authorization code was already used: start the sign-in again.',
  501481: 'The PKCE verifier does not match the challenge: start the sign-in again.',
  1002012: 'App-only flows take exactly one scope, <resource>/.default.',
  // Entra calls it invalid_client, but no credential is wrong: without this the invalid_client hint would
  // send the user to their client secret.
  650053: "A scope names no permission of the resource: check each name against Graph's permissions reference (a typo such as Mail.Raed for Mail.Read, Calendar.Read for Calendars.Read) and each alias against SCOPE_ALIASES (python-o365's: basic, mailbox, message_all, ...).",
  50013: 'The user assertion given for on-behalf-of is not valid for this app: pass the token your API received, whose audience is this app.',
  500133: 'The user assertion given for on-behalf-of has expired: ask the caller for a fresh token.',
};

/** What to do about an AADSTS number, for errors that reach us without msal (the authorize redirect). */
export function hintForAadsts(aadsts: number | undefined): string | undefined {
  return aadsts === undefined ? undefined : HINTS_BY_AADSTS[aadsts];
}

const HINTS_BY_CODE: Record<string, string> = {
  invalid_client: 'Check the client credentials (secret or certificate) of the app registration.',
  unauthorized_client: 'Check clientId and tenantId.',
  invalid_grant: 'Sign in again with authenticate().',
  invalid_scope: 'Check the scopes: delegated flows take permissions such as Mail.Read, app-only flows only <resource>/.default.',
  expired_token: 'The device code expired before the sign-in was completed: run authenticate() again.',
  authorization_declined: 'The user declined the sign-in request.',
  consent_required: 'Sign in interactively with the authorization flow, or have an admin grant consent.',
  interaction_required: 'No usable token is stored for this user: call authenticate() to sign in again.',
  no_tokens_found: 'No usable token is stored for this user: call authenticate() to sign in again.',
  device_code_polling_cancelled: 'The sign-in was cancelled.',
  user_timeout_reached: 'The sign-in was not completed in time.',
  device_code_expired: 'The device code expired before the sign-in was completed: run authenticate() again.',
  // msal's first call is the authority's discovery document, which Entra refuses for an unknown tenant.
  endpoints_resolution_error: 'The authority could not be reached or does not know this tenant: check tenantId (it must exist in this cloud), the protocol\'s login URL, the network or proxy, and the CA you trust.',
};

/** Our names for msal's client-side codes, so callers branch on one vocabulary. */
const RENAMED: Record<string, string> = {
  device_code_polling_cancelled: 'cancelled',
  user_timeout_reached: 'timeout',
  device_code_expired: 'expired_token',
  no_tokens_found: 'interaction_required',
  no_account_in_silent_request: 'interaction_required',
};

export interface ConversionContext {
  /** What was being done, as the start of a sentence: 'Signing in with the device code flow'. */
  action: string;
  /** Values never to show, even if some layer echoed them (the client secret, a user assertion). */
  secrets?: readonly string[];
  /** A silent request (cache, then refresh token): a refused grant then means "sign in again". */
  silent?: boolean;
}

export function toAuthError(error: unknown, context: ConversionContext): AuthError {
  if (error instanceof AuthError) return error;
  const secrets = context.secrets ?? [];
  if (error instanceof MsalAuthError) {
    // msal's device code poller keeps only the OAuth error of a failed poll ('expired_token'), as the message.
    const polled = error.errorCode === 'post_request_failed' && /^[a-z_]+$/.test(error.errorMessage) ? error.errorMessage : undefined;
    const description = polled ? '' : error.errorMessage || error.message;
    const aadsts = aadstsOf(error, description);
    const subError = error.subError || undefined;
    // A silent request that needs the user again says so in one code, whatever Entra's reason (kept in aadsts).
    const code = subError === 'consent_required'
      ? 'consent_required'
      : error instanceof InteractionRequiredAuthError || (context.silent && error.errorCode === 'invalid_grant')
        ? 'interaction_required'
        : (polled ?? RENAMED[error.errorCode] ?? error.errorCode);
    // msal wraps Entra's answer as 'Error(s): … - Timestamp: … - Description: <error_description> - Correlation ID: …'.
    const entra = /Description: ([\s\S]*?)(?: - Correlation ID:|$)/.exec(description)?.[1] ?? description;
    const firstLine = redact(entra.split(/\r?\n/)[0] ?? '', secrets).trim();
    const hint = (aadsts !== undefined ? HINTS_BY_AADSTS[aadsts] : undefined) ?? HINTS_BY_CODE[code] ?? HINTS_BY_CODE[error.errorCode];
    const traceId = /Trace ID: ([0-9a-f-]+)/i.exec(description)?.[1];
    const correlationId = /Correlation ID: ([0-9a-f-]+)/i.exec(description)?.[1] ?? (error.correlationId || undefined);
    const status = error instanceof ServerError ? error.status : undefined;
    const message = `${context.action} failed (${code})${firstLine ? `: ${firstLine}` : '.'}${hint ? ` ${hint}` : ''}`;
    return new AuthError(code, message, {
      ...(aadsts === undefined ? {} : { aadsts }),
      ...(subError ? { subError } : {}),
      ...(correlationId ? { correlationId } : {}),
      ...(traceId ? { traceId } : {}),
      ...(status === undefined ? {} : { status }),
    });
  }
  const text = error instanceof Error ? error.message : String(error);
  const network = /^Network (request|response)|is not JSON|Unsupported protocol/.test(text);
  return new AuthError(network ? 'network_error' : 'unknown_error', `${context.action} failed: ${redact(text, secrets)}`);
}

function aadstsOf(error: MsalAuthError, description: string): number | undefined {
  const errorNo = (error as { errorNo?: string }).errorNo;
  const fromNo = errorNo !== undefined && /^\d+$/.test(errorNo) ? Number(errorNo) : undefined;
  const fromText = /AADSTS(\d+)/.exec(description)?.[1];
  return fromNo ?? (fromText === undefined ? undefined : Number(fromText));
}
