import { createResource } from 'solid-js';
import type { EligibilityRule } from '../../../functions/contract/eligibility.ts';
import type { TenantTotals } from '../../../functions/contract/roles.ts';
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
