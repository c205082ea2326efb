import { createResource } from 'solid-js';
import type { Cohort, CodeBody, CohortBody, EnrolmentCodeView, MoveResult } from '../../../functions/contract/staff.ts';
import { request } from './client.ts';

// A municipality's cohorts and enrolment codes, for its staff. Used by the staff area only.

const path = (tenantId: string, rest: string) => `/api/tenants/${encodeURIComponent(tenantId)}/${rest}`;

export const listCohorts = (tenantId: string) => request<{ cohorts: Cohort[] }>('GET', path(tenantId, 'cohorts'));
export const createCohort = (tenantId: string, body: CohortBody) => request<Cohort>('POST', path(tenantId, 'cohorts'), body);
export const updateCohort = (tenantId: string, cohortId: string, body: CohortBody) =>
  request<Cohort>('PUT', path(tenantId, `cohorts/${encodeURIComponent(cohortId)}`), body);
/** Moves founders of this municipality into a cohort (up to 100 at a time); ids the API does not find come back in `notFound`. */
export const moveToCohort = (tenantId: string, cohortId: string, userIds: string[]) =>
  request<MoveResult>('POST', path(tenantId, `cohorts/${encodeURIComponent(cohortId)}/members`), { userIds });
export const listCodes = (tenantId: string) => request<{ codes: EnrolmentCodeView[] }>('GET', path(tenantId, 'codes'));
export const issueCode = (tenantId: string, body: CodeBody) => request<EnrolmentCodeView>('POST', path(tenantId, 'codes'), body);
export const revokeCode = (tenantId: string, code: string) =>
  request<EnrolmentCodeView>('POST', path(tenantId, `codes/${encodeURIComponent(code)}/revoke`));

/** The municipality's cohorts; each write puts the server's answer into the list (errors are rethrown for the form). */
export function createCohorts(tenantId: () => string | undefined) {
  const [cohorts, { mutate, refetch }] = createResource(tenantId, async (id) => (await listCohorts(id)).cohorts);
  const put = (c: Cohort) => mutate((list) => (list?.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [...(list ?? []), c]));
  const id = () => { const t = tenantId(); if (!t) throw new Error('no municipality'); return t; };
  return {
    cohorts, refetch,
    create: async (body: CohortBody) => { const c = await createCohort(id(), body); put(c); return c; },
    update: async (cohortId: string, body: CohortBody) => { const c = await updateCohort(id(), cohortId, body); put(c); return c; },
  };
}

/** The municipality's enrolment codes, newest first as the server lists them. */
export function createCodes(tenantId: () => string | undefined) {
  const [codes, { mutate, refetch }] = createResource(tenantId, async (id) => (await listCodes(id)).codes);
  const id = () => { const t = tenantId(); if (!t) throw new Error('no municipality'); return t; };
  return {
    codes, refetch,
    issue: async (body: CodeBody) => { const c = await issueCode(id(), body); mutate((l) => [c, ...(l ?? [])]); return c; },
    revoke: async (code: string) => { const c = await revokeCode(id(), code); mutate((l) => (l ?? []).map((x) => (x.code === c.code ? c : x))); return c; },
  };
}
