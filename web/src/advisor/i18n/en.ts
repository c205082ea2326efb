import type { AdvisorKey } from './ja.ts';

export const en: Record<AdvisorKey, string> = {
  'home.title': 'My founders',
  'home.intro': 'How the founders you advise are getting on ({count}).',
  'home.empty': 'No founder is assigned to you yet. Ask the municipality’s staff to assign founders to you.',
  'home.inTenant': '{tenant} ({count})',
  'card.lastActive': 'Last studied',
  'card.never': 'Not started yet',
  'card.modules': 'Modules completed',
  'card.modulesValue': '{count}',
  'card.areas': 'Areas covered',
  'card.noAreas': 'None yet',
  'card.eligible': 'Municipality’s rule',
  'card.eligibleYes': 'Met',
  'card.eligibleOneShort': 'One area short',
  'card.eligibleNo': 'Not met yet',
};
