// `msgraph-ts/auth`: signing in through msal-node, token backends, scope aliases and the Account. Only a
// program that signs in imports this entry point, so msal-node stays out of everyone else's bundle.
export { Account } from './account.js';
export type { AccountCredentials, AccountOptions, AuthenticateOptions, AuthFlowType, SignInResult } from './account.js';
export { signInWithAuthorizationCode } from './auth-code.js';
export type { AuthorizationCodeOptions } from './auth-code.js';
export { cachedUsernames, mergeCaches } from './cache-merge.js';
export { signInWithDeviceCode } from './device-code.js';
export type { DeviceCodeOptions, DeviceCodePrompt } from './device-code.js';
export { AuthError, redact } from './errors.js';
export type { AuthErrorDetails } from './errors.js';
export { FileTokenBackend } from './file-backend.js';
export type { FileTokenBackendOptions } from './file-backend.js';
export type { LockOptions } from './file-lock.js';
export { managedIdentityTokenProvider } from './managed-identity.js';
export type { ManagedIdentityOptions } from './managed-identity.js';
export type { ClientCertificate, Credentials } from './msal-app.js';
export { createNetworkClient } from './network-client.js';
export type { NetworkClientOptions } from './network-client.js';
export { expandScopes, SCOPE_ALIASES } from './scopes.js';
export type { ExpandScopesOptions } from './scopes.js';
export { cachePlugin, customTokenBackend, EnvironmentTokenBackend, MemoryTokenBackend } from './token-backend.js';
export type { CustomTokenBackendOptions, EnvironmentTokenBackendOptions, TokenBackend, TokenStore } from './token-backend.js';
export { tokenProviderFrom } from './token-provider.js';
export type { AccessTokenFunction, TokenCredentialLike, TokenSource } from './token-provider.js';
