// The offline Graph emulator: a real HTTP(S) server on 127.0.0.1 that answers like Microsoft Graph,
// driven by the generated schema, seeded with a deterministic tenant, with an identity service, fault
// injection and logs of what happened for tests to assert on.
//
//   const emulator = await startEmulator({ tls: false, pageSize: 5 });
//   await fetch(`${emulator.graphUrl}/me/messages`);   // as adelev@contoso.com
//   await emulator.stop();
import type { GraphSchema } from '../schema.js';
import { trustedCaller, type Authenticate, type Caller } from './auth/caller.js';
import { createTenantIdentity, DEFAULT_APPS, DEFAULT_MANAGED_IDENTITIES, identityAuthenticate, IDENTITY_DOMAIN, type IdentityConfig } from './auth/identity-bridge.js';
import { EffectLog, type Effect, type RequestRecord } from './effects.js';
import { GraphError } from './errors.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { GraphPipeline } from './http/pipeline.js';
import { LatentFaultInjector } from './limits/latency.js';
import { MailboxLimits, type MailboxLimitOptions } from './limits/mailbox-limits.js';
import type { Identity } from './identity/index.js';
import { hasGeneratedSchema, loadSchema } from './model/load-schema.js';
import { SchemaIndex } from './model/schema-index.js';
import { SeededRandom } from './random.js';
import { applySeed, type SeedOption } from './seed/index.js';
import { TENANT } from './seed/people.js';
import { checkTenant, LazyTenant, LazyTenantPipeline, seedTenantUsers, tenantEntities, tenantMailboxes, type TenantOptions } from './seed/tenant.js';
import { startServer } from './server.js';
import type { Endpoints, GraphService } from './service.js';
import { IdFactory } from './store/ids.js';
import { entitySetCollection } from './store/navigation.js';
import { Store, type StoreLimits } from './store/store.js';
import { createTlsMaterial, type TlsMaterial } from './tls.js';
import { TransferState } from './transfers.js';
import { Agent } from 'undici';

export interface EmulatorOptions {
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** The model(s) to serve; the first is the default. @default loaded from generated/<version>/schema.json.gz */
  schema?: GraphSchema | GraphSchema[];
  /** Versions to load from generated/ when `schema` is not given. @default ['v1.0', 'beta'] (those generated) */
  versions?: string[];
  /** @default 'default' (the built-in Contoso tenant); see SeedOption. */
  seed?: SeedOption;
  /**
   * Server-driven page size when a request has no `$top` or `Prefer: odata.maxpagesize`, for every resource.
   * @default per resource, as on Graph: 10 for Outlook (messages, events, contacts, folders), 200 for drive items, 100 elsewhere
   */
  pageSize?: number;
  /** HTTPS with a throw-away CA (`true`), given material, or plain HTTP (`false`). @default true */
  tls?: boolean | TlsMaterial;
  /** Enable the identity service (OAuth2/OIDC); Graph then requires access tokens. @default false */
  identity?: boolean | IdentityConfig;
  /** Replace how the Graph side learns who calls (tests of authorization without tokens). */
  authenticate?: Authenticate;
  faults?: FaultOptions;
  /** Milliseconds every Graph request and `$batch` item takes, spent holding its mailbox slot. @default 0 */
  latencyMs?: number;
  /** Seed of the id generator. @default 1 */
  randomSeed?: number;
  /**
   * Store size, and Exchange's per-mailbox limits (per app: 4 requests in flight, 10,000 requests per
   * 10 minutes, 150 MB uploaded per 5 minutes; 30 sends a minute).
   */
  limits?: Partial<StoreLimits & MailboxLimitOptions>;
  /** The emulator's now: timestamps it writes, and the per-minute send window. @default () => new Date() */
  clock?: () => Date;
  /** Who `/me` is without identity or an `X-Emulator-User` header. @default the first seeded user */
  defaultUser?: string;
  /**
   * A large generated tenant on top of `seed`: `{ mailboxes: 1000, messagesPerMailbox: 100, seed: 1 }`.
   * Users are made at start-up, each mailbox's mail on its first request (seed/tenant.ts).
   */
  tenant?: TenantOptions;
  /** How many of the latest requests `requests` keeps (a benchmark counting every 429 keeps them all). @default 10_000 */
  maxLoggedRequests?: number;
}

export interface Emulator {
  /** `https://127.0.0.1:PORT/v1.0` (the first served version). */
  graphUrl: string;
  /** Base URL per served version. */
  urls: Record<string, string>;
  origin: string;
  /** The store behind `graphUrl`; `stores` has one per version. */
  store: Store;
  stores: Record<string, Store>;
  effects: Effect[];
  requests: RequestRecord[];
  /** PEM of the CA that signed the server certificate, when serving HTTPS. */
  caCertPem?: string;
  /**
   * A `fetch` that trusts this emulator's CA (and only it), for clients under test:
   * `createClient({ baseUrl: emulator.origin, fetch: emulator.fetch })`. TLS verification stays on.
   */
  fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  identity?: Identity;
  /** `mailboxes`: the generated tenant's user principal names (with the `tenant` option). */
  tenant: { id: string; domain: string; defaultUser?: string; mailboxes?: readonly string[] };
  setFaults(options: FaultOptions | undefined): void;
  clearLogs(): void;
  stop(): Promise<void>;
}

const DEFAULT_LIMITS: StoreLimits = { maxEntities: 50_000, maxStreamBytes: 512 * 1024 * 1024 };

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const schemas = options.schema
    ? (Array.isArray(options.schema) ? options.schema : [options.schema])
    : (options.versions ?? ['v1.0', 'beta']).filter((v) => options.versions || hasGeneratedSchema(v)).map(loadSchema);
  if (schemas.length === 0) throw new Error('No schema to serve: run `npm run generate` or pass `schema`.');

  const endpoints: Endpoints = { origin: '', storageOrigin: '' };
  const effects = new EffectLog();
  const requests: RequestRecord[] = [];
  const services = new Map<string, GraphService>();
  const clock = options.clock ?? ((): Date => new Date());
  const { mailboxConcurrency, sendsPerMinute, requestsPerWindow, requestWindowMs, uploadBytesPerWindow, uploadWindowMs, ...storeLimits } = options.limits ?? {};
  const mailboxOptions = { mailboxConcurrency, sendsPerMinute, requestsPerWindow, requestWindowMs, uploadBytesPerWindow, uploadWindowMs };
  const tenant = options.tenant ? checkTenant(options.tenant) : undefined;
  if (tenant && storeLimits.maxEntities === undefined) storeLimits.maxEntities = DEFAULT_LIMITS.maxEntities + tenantEntities(tenant);
  const mailboxLimits = new MailboxLimits(Object.fromEntries(Object.entries(mailboxOptions).filter(([, v]) => v !== undefined)), clock);
  for (const schema of schemas) {
    const index = new SchemaIndex(schema);
    const store = new Store(index, new IdFactory(index, new SeededRandom(options.randomSeed ?? 1)),
      { ...DEFAULT_LIMITS, ...storeLimits }, clock);
    const service: GraphService = {
      version: schema.version, index, store, endpoints, ...(options.pageSize ? { pageSize: options.pageSize } : {}), effects,
      transfers: new TransferState(), mailboxLimits, ...(options.defaultUser ? { defaultUser: options.defaultUser } : {}),
    };
    applySeed(service, tenant ? [...[options.seed ?? 'default'].flat(), (api) => seedTenantUsers(api, tenant)] : options.seed ?? 'default');
    if (!service.defaultUser && index.schema.entitySets['users']) {
      const first = entitySetCollection(store, 'users').list()[0];
      if (first) service.defaultUser = String(first.props['userPrincipalName'] ?? first.props['id']);
    }
    services.set(schema.version, service);
  }
  const primary = services.values().next().value as GraphService;

  const tls = options.tls === false ? undefined : options.tls === true || options.tls === undefined ? createTlsMaterial(['localhost']) : options.tls;
  let identity: Identity | undefined;
  const authenticate: Authenticate = options.authenticate ?? (async (request): Promise<Caller> => {
    if (identity) return identityAuthenticate(identity)(request);
    // With identity asked for, nothing is trusted before it exists (it needs the port for its issuer URL).
    if (options.identity) throw new GraphError(503, 'serviceNotAvailable', 'The identity service is starting.');
    return trustedCaller(request.headers, primary.defaultUser);
  });
  const faults = options.latencyMs ? new LatentFaultInjector(options.faults, options.latencyMs) : new FaultInjector(options.faults);
  const pipelineOptions = { services, authenticate, faults, effects, requests, ...(options.maxLoggedRequests ? { maxLoggedRequests: options.maxLoggedRequests } : {}) };
  const pipeline = tenant ? new LazyTenantPipeline(pipelineOptions, new LazyTenant(services, tenant)) : new GraphPipeline(pipelineOptions);
  const server = await startServer({
    port: options.port ?? 0, ...(tls ? { tls } : {}), pipeline: () => pipeline, identity: () => identity,
  });
  const scheme = tls ? 'https' : 'http';
  endpoints.origin = `${scheme}://127.0.0.1:${server.port}`;
  endpoints.storageOrigin = `${scheme}://localhost:${server.port}`;
  if (options.identity) {
    identity = createTenantIdentity(endpoints.origin, primary.store, options.identity === true ? {} : options.identity);
  }

  const urls = Object.fromEntries([...services.keys()].map((v) => [v, `${endpoints.origin}/${v}`]));
  const agent = tls ? new Agent({ connect: { ca: tls.caCertPem } }) : undefined;
  // `dispatcher` is Node's fetch extension (undici); the DOM's RequestInit type does not know it.
  const trustingFetch = (input: Request | string | URL, init?: RequestInit): Promise<Response> =>
    fetch(input, agent ? ({ ...init, dispatcher: agent } as RequestInit) : init);
  return {
    graphUrl: `${endpoints.origin}/${primary.version}`,
    urls,
    origin: endpoints.origin,
    store: primary.store,
    stores: Object.fromEntries([...services].map(([v, s]) => [v, s.store])),
    effects: effects.entries,
    requests,
    ...(tls ? { caCertPem: tls.caCertPem } : {}),
    fetch: trustingFetch,
    ...(identity ? { identity } : {}),
    tenant: {
      id: TENANT.id, domain: IDENTITY_DOMAIN, ...(primary.defaultUser ? { defaultUser: primary.defaultUser } : {}),
      ...(tenant ? { mailboxes: tenantMailboxes(tenant) } : {}),
    },
    setFaults: (next) => faults.configure(next),
    clearLogs: () => {
      effects.clear();
      requests.length = 0;
    },
    stop: async () => {
      await server.close();
      await agent?.close();
    },
  };
}

export { DEFAULT_APPS, DEFAULT_MANAGED_IDENTITIES };
export type { Authenticate, Caller } from './auth/caller.js';
export type { Effect, RequestRecord } from './effects.js';
export type { FaultOptions, ResetKind } from './faults.js';
export type { MailboxLimitOptions } from './limits/mailbox-limits.js';
export type { SeedApi, SeedData, SeedFunction, SeedOption, SeedSpec } from './seed/index.js';
export { tenantMailboxes, type TenantOptions } from './seed/tenant.js';
export type { IdentityConfig } from './auth/identity-bridge.js';
