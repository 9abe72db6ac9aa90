// bullmq and ioredis are optional peer dependencies: only programs that spread bulk work over several
// processes need them, so they are loaded when asked for, and their absence is a typed error that says
// what to install rather than Node's ERR_MODULE_NOT_FOUND at import time of `msgraph-ts/bulk`.
export const REDIS_INSTALL = 'npm install bullmq ioredis';

/** A peer dependency that scaling out needs is not installed. */
export class MissingDependencyError extends Error {
  override readonly name = 'MissingDependencyError';
  constructor(readonly dependency: string, cause: unknown) {
    super(`Bulk work over Redis needs ${dependency}, an optional peer dependency that is not installed: run \`${REDIS_INSTALL}\`. Work in one process (no \`redis\` option) needs neither.`, { cause });
  }
}

export async function load<T>(name: string, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    // Only the package itself missing is ours to explain; a broken install of its own dependencies keeps Node's message.
    const missing = (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${name}'`);
    if (!missing) throw error;
    throw new MissingDependencyError(name, error);
  }
}

/** Where Redis is: a `redis://` URL, or host and port (and what else ioredis takes). */
export type RedisConnection = string | { host?: string; port?: number; username?: string; password?: string; db?: number; tls?: object };
