// The two token requests only a confidential client (one with a secret or certificate) can make: app-only
// client credentials, and on-behalf-of a user whose token an API received. msal looks in its cache first
// for both (app tokens by client and scope, on-behalf-of tokens by a hash of the user's assertion).
import type { AuthenticationResult } from '@azure/msal-node';
import { ConfidentialClientApplication } from './msal.js';
import { AuthError } from './errors.js';
import type { MsalApp } from './msal-app.js';
import { toAuthError } from './msal-errors.js';
import { cacheScopes } from './scopes.js';

export async function clientCredentialsToken(app: MsalApp, scopes: string[], secrets: readonly string[]): Promise<AuthenticationResult> {
  if (!(app instanceof ConfidentialClientApplication)) {
    throw new AuthError('configuration_error', 'The credentials flow needs a client secret or certificate: pass [clientId, clientSecret] or { clientId, clientCertificate }.');
  }
  try {
    const result = await app.acquireTokenByClientCredential({ scopes });
    if (!result) throw new AuthError('unknown_error', 'The client credentials flow returned no token.');
    return result;
  } catch (error) {
    throw toAuthError(error, { action: 'Getting an app-only token with client credentials', secrets });
  }
}

export async function onBehalfOfToken(app: MsalApp, userAssertion: string, scopes: string[], secrets: readonly string[]): Promise<AuthenticationResult> {
  if (!(app instanceof ConfidentialClientApplication)) {
    throw new AuthError('configuration_error', 'The on-behalf-of flow needs a client secret or certificate.');
  }
  try {
    const result = await app.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: cacheScopes(scopes) });
    if (!result) throw new AuthError('unknown_error', 'The on-behalf-of flow returned no token.');
    return result;
  } catch (error) {
    // The assertion is a user's access token: never in a message, whatever a layer below echoed.
    throw toAuthError(error, { action: 'Getting a token on behalf of the calling user', secrets: [...secrets, userAssertion] });
  }
}
