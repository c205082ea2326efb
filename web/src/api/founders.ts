import type { Deleted } from '../../../functions/contract/account.ts';
import type { FounderRecord } from '../../../functions/contract/roles.ts';
import type { FounderPatch, FoundersPage, FoundersQuery } from '../../../functions/contract/staff.ts';
import { request } from './client.ts';

// A municipality's founders as its staff see and correct them. Used by the staff area only.

/** The query string of a founders page; empty filters are left out so the URL says only what was chosen. */
export function foundersSearch(q: FoundersQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const getFoundersPage = (tenantId: string, q: FoundersQuery) =>
  request<FoundersPage>('GET', `/api/tenants/${encodeURIComponent(tenantId)}/founders${foundersSearch(q)}`);
/** A founder's record; the server writes the view to the municipality's audit log. */
export const getFounderRecord = (userId: string) => request<FounderRecord>('GET', `/api/founders/${encodeURIComponent(userId)}`);
// The client's method list has no PATCH yet; fetch sends the method as given.
export const patchFounder = (userId: string, patch: FounderPatch) =>
  request<FounderRecord>('PATCH', `/api/founders/${encodeURIComponent(userId)}`, patch);
/** Deactivate (sign-in refused, progress kept) or reactivate. */
export const setFounderActive = (userId: string, active: boolean) =>
  request<FounderRecord>('POST', `/api/founders/${encodeURIComponent(userId)}/status`, { active });

/** What the platform holds about a founder (個人情報保護法 開示), on the founder's request: plain links, so the browser saves the file. */
export const founderDataUrl = (userId: string, format: 'json' | 'csv') => `/api/founders/${encodeURIComponent(userId)}/data.${format}`;
/** Deletes a founder's account on their request: personal data erased at once, progress kept only as anonymous counts. */
export const eraseFounder = (userId: string) => request<Deleted>('POST', `/api/founders/${encodeURIComponent(userId)}/erase`);
