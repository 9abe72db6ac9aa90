// The runtime's public surface, for code that works across API versions (`msgraph-ts/runtime`). The raw
// client is `msgraph-ts/raw`: its declarations bring openapi-fetch's, which need TypeScript 5.4.
export { batch, MAX_BATCH_SIZE, type BatchOptions, type BatchResult } from './batch.js';
export { createGraphClient, type ClientOptions } from './client.js';
export { delta, type DeltaQuery, type DeltaRound } from './delta.js';
export { GraphError, LinkError, NetworkError, OutcomeUnknownError, RedirectError, RequestError, TimeoutError } from './errors.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export { SDK_VERSION, type TokenProvider } from './transport.js';
export { withMiddleware, type ClientMiddleware, type Middleware, type MiddlewareParams } from './middleware.js';
export type { GraphSchema } from './schema.js';
export { CLOUDS, Protocol, type Cloud, type CloudName, type ProtocolOptions } from './protocol.js';
export { proxiedFetch, type ProxiedFetch, type ProxiedFetchOptions } from './proxy.js';
export { ResourceError, resourceSegments } from './resource.js';
export { sendMailOnce, type SendOnceMailbox, type SendOnceOptions, type SentOnce } from './send-once.js';
