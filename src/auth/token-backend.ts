// Where signed-in users' tokens live between runs: python-o365's token backends, plugged into msal-node's
// cache through its ICachePlugin. msal keeps its cache in memory and calls the plugin around every access:
// before (load what is stored, so another process's sign-in is seen) and after (store it if it changed).
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { mergeCaches } from './cache-merge.js';

/**
 * A store for msal-node's serialized token cache (JSON text). It holds refresh tokens: keep it as private
 * as a password.
 */
export interface TokenBackend {
  /** The stored cache, or undefined when nothing was stored yet. */
  load(): Promise<string | undefined>;
  /**
   * Stores the cache. `loaded` is what `load()` returned before msal changed it, so a store shared
   * between processes can merge (see `mergeCaches`) instead of overwriting another process's users.
   */
  save(cache: string, loaded: string | undefined): Promise<void>;
  /** Forgets everything. */
  clear(): Promise<void>;
}

/** The msal cache plugin over a backend. One per msal application. */
export function cachePlugin(backend: TokenBackend): ICachePlugin {
  let loaded: string | undefined;
  return {
    async beforeCacheAccess(context: TokenCacheContext) {
      loaded = await backend.load();
      // An empty store must also empty msal's memory, or a cleared backend would be written back.
      context.tokenCache.deserialize(loaded ?? '{}');
    },
    async afterCacheAccess(context: TokenCacheContext) {
      if (!context.cacheHasChanged) return;
      const next = context.tokenCache.serialize();
      await backend.save(next, loaded);
      loaded = next;
    },
  };
}

/** Tokens for the life of the process only (the default). */
export class MemoryTokenBackend implements TokenBackend {
  #cache: string | undefined;

  async load(): Promise<string | undefined> {
    return this.#cache;
  }
  async save(cache: string, loaded: string | undefined): Promise<void> {
    // Several msal applications (or Accounts) may share one memory backend: merge like a shared store.
    this.#cache = this.#cache === loaded ? cache : mergeCaches(loaded, cache, this.#cache);
  }
  async clear(): Promise<void> {
    this.#cache = undefined;
  }
}

export interface EnvironmentTokenBackendOptions {
  /** @default 'MSGRAPH_TS_TOKEN_CACHE' */
  variable?: string;
}

/**
 * The cache in an environment variable (python-o365's EnvTokenBackend): for containers and CI jobs that
 * receive a cache made elsewhere (from a secret store) and need no other state. The value is msal's JSON,
 * or that JSON in base64 (easier to put in a secret). Changes go back to this process's environment only,
 * and children started afterwards inherit them; nothing outside the process is written.
 */
export class EnvironmentTokenBackend implements TokenBackend {
  readonly variable: string;

  constructor(options: EnvironmentTokenBackendOptions = {}) {
    this.variable = options.variable ?? 'MSGRAPH_TS_TOKEN_CACHE';
  }

  async load(): Promise<string | undefined> {
    const raw = process.env[this.variable]?.trim();
    if (!raw) return undefined;
    return raw.startsWith('{') ? raw : Buffer.from(raw, 'base64').toString('utf8');
  }
  async save(cache: string, loaded: string | undefined): Promise<void> {
    const current = await this.load();
    process.env[this.variable] = current === loaded ? cache : mergeCaches(loaded, cache, current);
  }
  async clear(): Promise<void> {
    delete process.env[this.variable];
  }
}

/** The three functions a custom store (a database row, a secret manager entry, Redis) provides. */
export interface TokenStore {
  get(): Promise<string | undefined | null>;
  set(value: string): Promise<void>;
  delete(): Promise<void>;
}

export interface CustomTokenBackendOptions {
  /**
   * Read the stored value again before writing and merge (see `mergeCaches`), for stores shared by
   * several processes. Without a transaction around get/set in your store, a write landing between the
   * two can still be lost; with one (or a single writer), nothing is. @default true
   */
  merge?: boolean;
}

/** A backend over your own store. */
export function customTokenBackend(store: TokenStore, options: CustomTokenBackendOptions = {}): TokenBackend {
  const merge = options.merge ?? true;
  return {
    load: async () => (await store.get()) ?? undefined,
    async save(cache, loaded) {
      if (!merge) return store.set(cache);
      const current = (await store.get()) ?? undefined;
      return store.set(current === loaded ? cache : mergeCaches(loaded, cache, current));
    },
    clear: () => store.delete(),
  };
}
