// bullmq and ioredis are optional peer dependencies: only programs that spread bulk work over several
// processes need them, so they are loaded when asked for, and their absence is a typed error that says
// what to install rather than Node's ERR_MODULE_NOT_FOUND at import time of `msgraph-ts/bulk`.
import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';

export const REDIS_INSTALL = 'npm install bullmq ioredis';

/** A peer dependency that scaling out needs is not installed. */
export class MissingDependencyError extends Error {
  override readonly name = 'MissingDependencyError';
  constructor(readonly dependency: string, cause: unknown) {
    super(`Bulk work over Redis needs ${dependency}, an optional peer dependency that is not installed: run \`${REDIS_INSTALL}\`. Work in one process (no \`redis\` option) needs neither.`, { cause });
  }
}

async function load<T>(name: string, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    // Only the package itself missing is ours to explain; a broken install of its own dependencies keeps Node's message.
    const missing = (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${name}'`);
    if (!missing) throw error;
    throw new MissingDependencyError(name, error);
  }
}

export const loadIORedis = (): Promise<typeof IORedis> => load('ioredis', () => import('ioredis'));
export const loadBullMQ = (): Promise<typeof BullMQ> => load('bullmq', () => import('bullmq'));

/** Where Redis is: a `redis://` URL, or host and port (and what else ioredis takes). */
export type RedisConnection = string | { host?: string; port?: number; username?: string; password?: string; db?: number; tls?: object };

/** An ioredis client for `connection`. */
export async function connect(connection: RedisConnection): Promise<IORedis.Redis> {
  const { Redis } = await loadIORedis();
  return new Redis(connectionOptions(connection));
}

/**
 * ioredis's options for `connection`, which BullMQ takes to make (and close) connections of its own; its
 * blocking ones need `maxRetriesPerRequest: null`.
 */
export function connectionOptions(connection: RedisConnection, blocking = false): IORedis.RedisOptions {
  const extra = blocking ? { maxRetriesPerRequest: null } : {};
  if (typeof connection !== 'string') return { ...connection, ...extra };
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    throw new TypeError(`redis must be a redis:// or rediss:// URL (or { host, port }), got ${JSON.stringify(connection.replace(/\/\/[^@]*@/, '//…@'))}.`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new TypeError(`redis must be a redis:// or rediss:// URL, got one starting ${url.protocol}//.`);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
  return {
    host: url.hostname || '127.0.0.1', port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}), ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}), ...(url.protocol === 'rediss:' ? { tls: {} } : {}), ...extra,
  };
}
