// One redis-server per test file (call at its top level), stopped once the file's tests are done.
import { after } from 'node:test';
import { startRedis, type RedisServer } from './redis-server.js';

export { NO_REDIS } from './redis-server.js';

export async function useRedis(): Promise<RedisServer | undefined> {
  const server = await startRedis();
  after(() => server?.stop());
  return server;
}
