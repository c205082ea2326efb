import { createResource } from 'solid-js';
import type { Caseload } from '../../../functions/contract/roles.ts';
import { request } from './client.ts';

/** The founders attached to the signed-in advisor, in every municipality they serve. */
export const getCaseload = () => request<Caseload>('GET', '/api/caseload');

export function createCaseload() {
  const [caseload, { refetch }] = createResource(getCaseload);
  return { caseload, refetch };
}
