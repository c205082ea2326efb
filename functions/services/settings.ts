import { TenantSettings } from '../contract/staff.ts';
import { getTenantSettings } from '../store/tenants.ts';
import type { Deps } from './deps.ts';

/** A municipality's workspace settings, with the defaults filled in for what it never set. */
export async function tenantSettings(deps: Deps, tenantId: string): Promise<TenantSettings> {
  return TenantSettings.parse((await getTenantSettings(deps.db, tenantId)) ?? {});
}
