// The optional peers themselves, loaded on first use. Their types appear only here and in function
// bodies, never in an exported signature of a module `msgraph-ts/bulk` reaches: a program that does not
// scale out type-checks without them installed.
import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';
import { load, type RedisConnection } from './load.js';

export const loadIORedis = (): Promise<typeof IORedis> => load('ioredis', () => import('ioredis'));
export const loadBullMQ = (): Promise<typeof BullMQ> => load('bullmq', () => import('bullmq'));


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
