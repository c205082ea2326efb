import { createResource } from 'solid-js';
import type { RegionTenants } from '../../../functions/contract/region.ts';
import { request } from './client.ts';

/** Every municipality of the union with its headline figures (admin). */
export const getRegionTenants = () => request<RegionTenants>('GET', '/api/region/tenants');

export function createRegionTenants() {
  const [region, { refetch }] = createResource(getRegionTenants);
  return { region, refetch };
}
