import type { Me } from '../../../functions/contract/api.ts';
import type { ContentLang, PublicIndex, PublicLocalPages } from '../../../functions/contract/catalog.ts';
import { content } from './client.ts';

/**
 * A municipality's local pages (its notices and support programmes), published as static content like the curriculum.
 * A founder's app fetches only the file of the founder's own municipality, and only when index.json lists it, so a
 * municipality without pages costs no request and shows no error.
 */

/** The municipality a founder studies with: their learner membership (a founder has one). */
export function learnerMunicipality(me: Me | null | undefined): Me['memberships'][number] | undefined {
  return me?.memberships.find((m) => m.role === 'learner');
}

export const hasLocalPages = (index: PublicIndex, tenantId: string) => (index.local ?? []).includes(tenantId);

/** `local/<code>.json` (Japanese) or `local/<code>.en.json` (every page, in English where translated). */
export const getLocalPages = (tenantId: string, lang: ContentLang) => content<PublicLocalPages>(`local/${tenantId}${lang === 'en' ? '.en' : ''}.json`);
