// One error type for everything that goes wrong while signing in or getting a token. It carries what a
// program branches on (the OAuth `code`, Entra's AADSTS number) and what a person needs to act (a
// sentence saying what to do, the correlation id to give to support), and nothing secret: no token,
// secret, assertion, code or refresh token is in its message, its properties or a `cause` (msal's own
// errors are not kept as the cause, because printing an error prints its cause chain).
import { inspect } from 'node:util';

export interface AuthErrorDetails {
  /** Entra's number, e.g. 7000215 for a wrong client secret. */
  aadsts?: number;
  /** msal's or Entra's sub-error, e.g. `consent_required`. */
  subError?: string;
  correlationId?: string;
  traceId?: string;
  /** HTTP status of the identity endpoint's answer, when there was one. */
  status?: number;
}

export class AuthError extends Error {
  override name = 'AuthError';
  /**
   * The OAuth error (`invalid_client`, `invalid_grant`, `expired_token`, `authorization_declined`,
   * `consent_required`, `interaction_required`, …) or one of this library's (`cancelled`, `timeout`,
   * `not_signed_in`, `unknown_user`, `cache_locked`, `network_error`, `configuration_error`).
   */
  readonly code: string;
  /** `AADSTS7000215` when Entra named one. */
  readonly aadstsCode?: string;
  readonly subError?: string;
  readonly correlationId?: string;
  readonly traceId?: string;
  readonly status?: number;

  constructor(code: string, message: string, details: AuthErrorDetails = {}) {
    super(message);
    this.code = code;
    if (details.aadsts !== undefined) this.aadstsCode = `AADSTS${details.aadsts}`;
    if (details.subError) this.subError = details.subError;
    if (details.correlationId) this.correlationId = details.correlationId;
    if (details.traceId) this.traceId = details.traceId;
    if (details.status !== undefined) this.status = details.status;
  }

  /** Keeps `util.inspect` (console.log, test runners) to the safe fields, and the stack's frames. */
  [inspect.custom](): string {
    const extra = [this.aadstsCode, this.correlationId && `correlation id ${this.correlationId}`].filter(Boolean).join(', ');
    const frames = (this.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
    return `${this.name} [${this.code}${extra ? `, ${extra}` : ''}]: ${this.message}${frames ? `\n${frames}` : ''}`;
  }
}

/** Removes anything shaped like a JWT or an opaque credential, and every value the caller knows is secret. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  // JWTs (access, id and assertion tokens): three base64url parts.
  out = out.replace(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[redacted token]');
  // Form fields msal might echo in a debug message.
  out = out.replace(/((?:client_secret|client_assertion|refresh_token|code|code_verifier|assertion|access_token|device_code)=)[^&\s]+/gi, '$1[redacted]');
  return out;
}
