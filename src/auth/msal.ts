// @azure/msal-node is an optional peer dependency: only a program that signs in through msgraph-ts/auth
// needs it, so everyone else installs and bundles without it. Its classes are loaded here, once, so that
// importing msgraph-ts/auth without it fails with the command that fixes it rather than with Node's bare
// ERR_MODULE_NOT_FOUND from some file inside this package. Types come from it directly (`import type`),
// which costs nothing at run time.
import type * as Msal from '@azure/msal-node';

/** The one-line fix, in every message about the missing package. */
export const MSAL_INSTALL = 'npm install @azure/msal-node';

async function loadMsal(): Promise<typeof Msal> {
  try {
    return await import('@azure/msal-node');
  } catch (error) {
    // Only msal-node itself missing is ours to explain; a broken install of one of its own dependencies keeps Node's message.
    const missing = (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes("'@azure/msal-node'");
    if (!missing) throw error;
    throw new Error(`msgraph-ts/auth signs in through @azure/msal-node, an optional peer dependency that is not installed: run \`${MSAL_INSTALL}\`. Programs that bring their own token need neither.`, { cause: error });
  }
}

const msal = await loadMsal();

export const { AuthError, ConfidentialClientApplication, CryptoProvider, InteractionRequiredAuthError, ManagedIdentityApplication, PublicClientApplication, ServerError } = msal;
export type AuthError = Msal.AuthError;
export type ConfidentialClientApplication = Msal.ConfidentialClientApplication;
export type CryptoProvider = Msal.CryptoProvider;
export type InteractionRequiredAuthError = Msal.InteractionRequiredAuthError;
export type ManagedIdentityApplication = Msal.ManagedIdentityApplication;
export type PublicClientApplication = Msal.PublicClientApplication;
export type ServerError = Msal.ServerError;
