import { createResource } from 'solid-js';
import type { EligibilityRule } from '../../../functions/contract/eligibility.ts';
import type { TenantTotals } from '../../../functions/contract/roles.ts';
import type { AuditPage, TenantActivity, TenantSettings } from '../../../functions/contract/staff.ts';
import { request } from './client.ts';

// A municipality's figures and settings, for its staff (and admins). Used by the staff area only.

export const getTenantTotals = (tenantId: string) => request<TenantTotals>('GET', `/api/tenants/${encodeURIComponent(tenantId)}/totals`);
export const getEligibilityRule = (tenantId: string) => request<EligibilityRule>('GET', `/api/tenants/${encodeURIComponent(tenantId)}/eligibility-rule`);
export const putEligibilityRule = (tenantId: string, rule: EligibilityRule) =>
  request<EligibilityRule>('PUT', `/api/tenants/${encodeURIComponent(tenantId)}/eligibility-rule`, rule);

/** The headline figures of the municipality named by `tenantId()`; reloads when it changes. */
export function createTenantTotals(tenantId: () => string | undefined) {
  const [totals, { refetch }] = createResource(tenantId, getTenantTotals);
  return { totals, refetch };
}

/**
 * The municipality's 特定創業支援 rule. `save` shows the new rule at once and puts the old one back if the server
 * refuses it (the error is rethrown for the form to show).
 */
export function createEligibilityRule(tenantId: () => string | undefined) {
  const [rule, { mutate, refetch }] = createResource(tenantId, getEligibilityRule);
  async function save(next: EligibilityRule): Promise<EligibilityRule> {
    const id = tenantId();
    if (!id) throw new Error('no municipality');
    const before = rule.state === 'ready' ? rule() : undefined;
    mutate(next);
    try {
      const saved = await putEligibilityRule(id, next);
      mutate(saved);
      return saved;
    } catch (e) {
      mutate(before);
      throw e;
    }
  }
  return { rule, refetch, save };
}

const tenantPath = (tenantId: string, rest: string) => `/api/tenants/${encodeURIComponent(tenantId)}/${rest}`;

export const getTenantActivity = (tenantId: string) => request<TenantActivity>('GET', tenantPath(tenantId, 'activity'));
export const getTenantSettings = (tenantId: string) => request<TenantSettings>('GET', tenantPath(tenantId, 'settings'));
export const putTenantSettings = (tenantId: string, s: TenantSettings) => request<TenantSettings>('PUT', tenantPath(tenantId, 'settings'), s);
export const getAuditPage = (tenantId: string, cursor?: string) =>
  request<AuditPage>('GET', tenantPath(tenantId, `audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`));
/** The founders CSV: a plain link, so the browser downloads it with the login cookie and its own file name. */
export const foundersCsvUrl = (tenantId: string) => tenantPath(tenantId, 'exports/founders.csv');
/** One of the dashboard's tables (coverage by area, completions by module, the fiscal year's weeks) as CSV. */
export const dashboardCsvUrl = (tenantId: string, table: 'areas' | 'modules' | 'weeks') => tenantPath(tenantId, `exports/tables/${table}`);

/** Active founders over 7 and 30 days and the fiscal year week by week; reloads when the municipality changes. */
export function createTenantActivity(tenantId: () => string | undefined) {
  const [activity, { refetch }] = createResource(tenantId, getTenantActivity);
  return { activity, refetch };
}

/** The municipality's workspace settings; `save` answers what the server kept (errors are rethrown for the form). */
export function createTenantSettings(tenantId: () => string | undefined) {
  const [settings, { mutate, refetch }] = createResource(tenantId, getTenantSettings);
  async function save(next: TenantSettings): Promise<TenantSettings> {
    const id = tenantId();
    if (!id) throw new Error('no municipality');
    const saved = await putTenantSettings(id, next);
    mutate(saved);
    return saved;
  }
  return { settings, refetch, save };
}
