// The runtime's public surface, for code that works across API versions (`msgraph-ts/runtime`).
export { createGraphClient, type ClientOptions } from './client.js';
export { GraphError } from './errors.js';
export { SDK_VERSION, type TokenProvider } from './transport.js';
export type { GraphSchema } from './schema.js';
