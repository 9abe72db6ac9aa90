// The authorization code flow with PKCE (RFC 7636), for apps a person runs: the browser signs in at Entra,
// Entra redirects it back with a one-time code, msal redeems the code with the PKCE verifier. Two ways to
// get the redirect back: a loopback listener on 127.0.0.1 (default), or python-o365's manual mode, where
// the person copies the URL the browser landed on and pastes it back (SSH sessions, no local port).
import { createInterface } from 'node:readline/promises';
import type { AuthenticationResult } from '@azure/msal-node';
import { CryptoProvider } from './msal.js';
import { AuthError } from './errors.js';
import { openBrowser, startLoopback } from './loopback.js';
import type { MsalApp } from './msal-app.js';
import { hintForAadsts, toAuthError } from './msal-errors.js';

export interface AuthorizationCodeOptions {
  /**
   * Where Entra sends the browser back; it must be registered on the app. Loopback mode: `http://localhost`
   * (any free port unless one is given; Entra matches loopback URIs on any port). Manual mode: any
   * registered URI. @default 'http://localhost' (loopback), `${loginUrl}/common/oauth2/nativeclient` (manual)
   */
  redirectUri?: string;
  /** Open the system browser at the sign-in page. @default false */
  openBrowser?: boolean;
  /** Receives the sign-in URL; default: print it to stderr. */
  onAuthorizeUrl?: (url: string) => void | Promise<void>;
  /**
   * python-o365's manual mode: no listener. `true` asks on the terminal for the URL the browser was
   * redirected to; a function gets the sign-in URL and returns that redirected URL.
   */
  manual?: boolean | ((authorizeUrl: string) => Promise<string>);
  loginHint?: string;
  prompt?: 'login' | 'select_account' | 'consent' | 'none';
  signal?: AbortSignal;
  /** Loopback mode: give up when no redirect arrives in this time. @default 300 */
  timeoutSeconds?: number;
}

const crypto = new CryptoProvider();
const ACTION = 'Signing in with the authorization code flow';

export async function signInWithAuthorizationCode(
  app: MsalApp,
  scopes: string[],
  options: AuthorizationCodeOptions & { defaultManualRedirectUri: string },
): Promise<AuthenticationResult> {
  const pkce = await crypto.generatePkceCodes();
  const state = crypto.createNewGuid();
  const listener = options.manual ? undefined : await startLoopback(options.redirectUri ?? 'http://localhost');
  const redirectUri = listener?.redirectUri ?? options.redirectUri ?? options.defaultManualRedirectUri;
  try {
    const authorizeUrl = await app.getAuthCodeUrl({
      scopes,
      redirectUri,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      state,
      responseMode: 'query',
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      ...(options.prompt ? { prompt: options.prompt } : {}),
    });
    const show = options.onAuthorizeUrl ?? ((url: string) => void process.stderr.write(`Open this URL to sign in:\n${url}\n`));
    await show(authorizeUrl);
    if (options.openBrowser && !(await openBrowser(authorizeUrl))) {
      process.stderr.write('No browser could be opened: open the URL above yourself.\n');
    }

    const params = listener
      ? await listener.wait({ timeoutMs: (options.timeoutSeconds ?? 300) * 1000, ...(options.signal ? { signal: options.signal } : {}) })
      : redirectedParams(await (typeof options.manual === 'function' ? options.manual(authorizeUrl) : askForRedirectedUrl()));

    // A response to another sign-in (or a forged one) is refused before anything is redeemed.
    if (params.get('state') !== state) {
      throw new AuthError('state_mismatch', `${ACTION} failed: the redirect answers another sign-in request (its state does not match). Start the sign-in again.`);
    }
    const error = params.get('error');
    if (error) throw redirectError(error, params.get('error_description') ?? '');
    const code = params.get('code');
    if (!code) throw new AuthError('invalid_request', `${ACTION} failed: the redirected URL carries no authorization code.`);

    return await app.acquireTokenByCode({ code, scopes, redirectUri, codeVerifier: pkce.verifier });
  } catch (error) {
    throw toAuthError(error, { action: ACTION });
  } finally {
    await listener?.close();
  }
}

/** The query (or, for response_mode=fragment, the fragment) of the URL the browser was sent to. */
function redirectedParams(pasted: string): URLSearchParams {
  let url: URL;
  try {
    url = new URL(pasted.trim());
  } catch {
    throw new AuthError('invalid_request', `${ACTION} failed: what was pasted is not a URL. Paste the whole address the browser shows after signing in.`);
  }
  return url.searchParams.has('code') || url.searchParams.has('error') ? url.searchParams : new URLSearchParams(url.hash.slice(1));
}

async function askForRedirectedUrl(): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question('Paste the URL your browser was redirected to: ');
  } finally {
    terminal.close();
  }
}

/** An error Entra sent back through the browser, in the same shape as the token endpoint's. */
function redirectError(error: string, description: string): AuthError {
  const number = /AADSTS(\d+)/.exec(description)?.[1];
  const aadsts = number === undefined ? undefined : Number(number);
  const correlationId = /Correlation ID: ([0-9a-f-]+)/i.exec(description)?.[1];
  const traceId = /Trace ID: ([0-9a-f-]+)/i.exec(description)?.[1];
  const first = description.split(/\r?\n/)[0] ?? '';
  // Entra sends a misspelled scope back this way (AADSTS650053), so the AADSTS hints apply here too.
  const known = hintForAadsts(aadsts);
  const hint = error === 'consent_required'
    ? ' The user (or an admin) has not consented to these scopes: ask for fewer scopes or have an admin grant consent.'
    : error === 'access_denied' ? ' The user cancelled the sign-in or was not allowed to use the app.' : known ? ` ${known}` : '';
  return new AuthError(error, `${ACTION} failed (${error}): ${first}${hint}`, {
    ...(aadsts === undefined ? {} : { aadsts }),
    ...(correlationId ? { correlationId } : {}),
    ...(traceId ? { traceId } : {}),
    ...(error === 'consent_required' ? { subError: 'consent_required' } : {}),
  });
}
