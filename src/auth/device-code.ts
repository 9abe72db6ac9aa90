// The device code flow for console apps: Entra gives a short code and a URL, a person enters the code in
// any browser, and msal polls the token endpoint until that is done, the code expires, or the caller
// gives up. msal's own cancellation is a flag it reads between polls (after up to one polling interval),
// so an abort also rejects at once and leaves msal to stop at its next poll.
import type { AuthenticationResult, DeviceCodeRequest } from '@azure/msal-node';
import { PublicClientApplication } from './msal.js';
import { AuthError } from './errors.js';
import { toAuthError } from './msal-errors.js';
import type { MsalApp } from './msal-app.js';

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** Entra's sentence for the user: where to go and what to type. */
  message: string;
  /** Seconds until the code expires. */
  expiresIn: number;
}

export interface DeviceCodeOptions {
  /** Shows the prompt; default: print `message` to stderr (stdout may be a pipe of data). */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  /** Stops polling; the promise rejects with AuthError `cancelled`. */
  signal?: AbortSignal;
  /** Stop polling after this long even if the code is still valid (AuthError `timeout`). */
  timeoutSeconds?: number;
}

export async function signInWithDeviceCode(app: MsalApp, scopes: string[], options: DeviceCodeOptions = {}): Promise<AuthenticationResult> {
  if (!(app instanceof PublicClientApplication)) {
    throw new AuthError('configuration_error', 'The device code flow needs a public client: pass only the client id, without a secret or certificate.');
  }
  const { signal } = options;
  const cancelled = () => new AuthError('cancelled', 'Signing in with the device code flow was cancelled.');
  if (signal?.aborted) throw cancelled();

  const show = options.onDeviceCode ?? ((prompt: DeviceCodePrompt) => process.stderr.write(`${prompt.message}\n`));
  const request: DeviceCodeRequest = {
    scopes,
    deviceCodeCallback: (response) => show({
      userCode: response.userCode, verificationUri: response.verificationUri, message: response.message, expiresIn: response.expiresIn,
    }),
    ...(options.timeoutSeconds === undefined ? {} : { timeout: options.timeoutSeconds }),
  };

  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      request.cancel = true; // msal reads it before its next poll
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const polling = app.acquireTokenByDeviceCode(request);
  // After an abort, msal's own rejection (device_code_polling_cancelled) arrives later with nobody waiting.
  polling.catch(() => {});
  try {
    const result = await Promise.race([polling, aborted]);
    if (!result) throw new AuthError('unknown_error', 'Signing in with the device code flow returned no token.');
    return result;
  } catch (error) {
    throw toAuthError(error, { action: 'Signing in with the device code flow' });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // A rejected race loser must not become an unhandled rejection.
    aborted.catch(() => {});
  }
}
