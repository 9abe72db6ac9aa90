// Bulk work shaped to Graph's per-mailbox limits: `msgraph-ts/bulk`.
export { createBulk, type Bulk, type BulkOptions, type ItemKind, type MailboxOutcome } from './bulk.js';
export type { Cost, Release, ShapingEngine } from './engine.js';
export { GRAPH_LIMITS, resolveLimits, type BulkLimits } from './limits.js';
export { MemoryEngine } from './memory-engine.js';
export type { BulkResult } from './run.js';
export { RedisEngine, type RedisEngineOptions } from './redis/redis-engine.js';
export { MissingDependencyError, type RedisConnection } from './redis/load.js';
export { exportMailboxes, importMailboxes, type ExportOptions, type ImportOptions, type TransferOptions } from './transfer/transfer.js';
export type { MailboxCount, MailboxSummary, TransferProgress, TransferSummary } from './transfer/summary.js';
export { startBulkWorker, type BulkWorker, type BulkWorkerOptions } from './redis/queue.js';
