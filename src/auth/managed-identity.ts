// Managed identity through msal-node: an app running on Azure (App Service, Functions, VMs, Arc, Cloud
// Shell…) gets app-only tokens from the platform, with no secret. msal picks the platform from its
// environment variables (IDENTITY_ENDPOINT/IDENTITY_HEADER for App Service, else IMDS) once per process
// and caches tokens in its own process-wide memory; the token backend is not involved.
import type { INetworkModule } from '@azure/msal-node';
import { ManagedIdentityApplication } from './msal.js';
import { AuthError } from './errors.js';
import { toAuthError } from './msal-errors.js';

export interface ManagedIdentityOptions {
  /** A user-assigned identity's client id; none: the system-assigned identity. */
  clientId?: string;
  networkClient?: INetworkModule;
}

/** A provider of app-only tokens for `resource` (e.g. `https://graph.microsoft.com`). */
export function managedIdentityTokenProvider(resource: string, options: ManagedIdentityOptions = {}): () => Promise<string> {
  const app = new ManagedIdentityApplication({
    ...(options.clientId ? { managedIdentityIdParams: { userAssignedClientId: options.clientId } } : {}),
    ...(options.networkClient ? { system: { networkClient: options.networkClient } } : {}),
  });
  return async () => {
    try {
      const result = await app.acquireToken({ resource });
      if (!result.accessToken) throw new AuthError('unknown_error', 'The managed identity endpoint returned no token.');
      return result.accessToken;
    } catch (error) {
      throw toAuthError(error, { action: `Getting a managed identity token (${app.getManagedIdentitySource()})` });
    }
  };
}
