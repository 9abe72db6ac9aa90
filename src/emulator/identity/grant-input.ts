/**
 * What every token-endpoint grant handler receives once the tenant and the
 * client app have been resolved from the request.
 */
import { aad } from './errors.js';
import type { AppSeed, TenantSeed } from './types.js';

export interface GrantInput {
  form: URLSearchParams;
  tenant: TenantSeed;
  /** The tenant segment of the URL the client called (GUID, domain, 'common'...). */
  tenantSegment: string;
  client: AppSeed;
}

export function requiredParameter(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === '') throw aad.missingParameter(name);
  return value;
}
