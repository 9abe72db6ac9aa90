/**
 * The directory: tenants, their users and app registrations, looked up the
 * forgiving ways Entra allows (tenant by GUID or domain, user by id or UPN,
 * all case-insensitive).
 */
import { createHash } from 'node:crypto';
import { aad } from './errors.js';
import type { AppSeed, TenantSeed, UserSeed } from './types.js';

/** Path segments that name no tenant: the tenant comes from the app registration. */
const MULTI_TENANT_SEGMENTS = new Set(['common', 'organizations']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Registry {
  readonly tenants: ReadonlyArray<TenantSeed>;
  tenantById(tenantId: string): TenantSeed | undefined;
  /**
   * The tenant a request is for. For `/common` and `/organizations` that is the
   * tenant the client app is registered in (the emulator has no home-realm
   * discovery). Throws AADSTS90002 / 700016 shaped errors.
   */
  resolveTenant(segment: string, clientId?: string): TenantSeed;
  /** Like resolveTenant but for URLs that carry no client id (discovery). */
  tenantForDiscovery(segment: string): TenantSeed | 'multi-tenant';
  app(tenant: TenantSeed, clientId: string): AppSeed;
  findApp(tenant: TenantSeed, clientId: string): AppSeed | undefined;
  findUser(tenant: TenantSeed, idOrUpn: string): UserSeed | undefined;
  /** Object id of the app's service principal in a tenant (the `oid` of app-only tokens). */
  servicePrincipalId(tenant: TenantSeed, clientId: string): string;
}

export function createRegistry(seeds: TenantSeed[]): Registry {
  validate(seeds);
  const tenants = seeds.map((seed) => ({ ...seed }));
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  const tenantById = (tenantId: string) => tenants.find((tenant) => same(tenant.tenantId, tenantId));
  const tenantBySegment = (segment: string) =>
    tenants.find((tenant) => same(tenant.tenantId, segment) || same(tenant.domain, segment));
  const findApp = (tenant: TenantSeed, clientId: string) => tenant.apps.find((app) => same(app.clientId, clientId));

  return {
    tenants,
    tenantById,
    resolveTenant(segment, clientId) {
      if (MULTI_TENANT_SEGMENTS.has(segment.toLowerCase())) {
        const home = clientId === undefined ? undefined : tenants.find((tenant) => findApp(tenant, clientId));
        if (!home) throw aad.unknownClient(clientId ?? '', segment);
        return home;
      }
      const tenant = tenantBySegment(segment);
      if (!tenant) throw aad.unknownTenant(segment);
      return tenant;
    },
    tenantForDiscovery(segment) {
      if (MULTI_TENANT_SEGMENTS.has(segment.toLowerCase())) return 'multi-tenant';
      const tenant = tenantBySegment(segment);
      if (!tenant) throw aad.unknownTenant(segment);
      return tenant;
    },
    app(tenant, clientId) {
      const app = findApp(tenant, clientId);
      if (!app) throw aad.unknownClient(clientId, tenant.tenantId);
      return app;
    },
    findApp,
    findUser(tenant, idOrUpn) {
      return tenant.users.find((user) => same(user.id, idOrUpn) || same(user.userPrincipalName, idOrUpn));
    },
    servicePrincipalId(tenant, clientId) {
      return deterministicGuid(`service-principal:${tenant.tenantId}:${clientId.toLowerCase()}`);
    },
  };
}

function validate(seeds: TenantSeed[]): void {
  if (seeds.length === 0) throw new Error('The identity emulator needs at least one tenant');
  for (const tenant of seeds) {
    if (!GUID.test(tenant.tenantId)) throw new Error(`Tenant id '${tenant.tenantId}' is not a GUID`);
    if (!tenant.domain) throw new Error(`Tenant '${tenant.tenantId}' needs a domain`);
    for (const app of tenant.apps) {
      if (!app.clientId) throw new Error(`An app in tenant '${tenant.tenantId}' has no clientId`);
    }
  }
}

function deterministicGuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}
