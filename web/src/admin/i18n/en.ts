import type { AdminKey } from './ja.ts';

export const en: Record<AdminKey, string> = {
  'home.title': 'Municipalities',
  'home.intro': 'The {count} municipalities of the union (this week: {week}).',
  'home.empty': 'No municipality has been added yet.',
  'home.caption': 'Founders and their study, by municipality',
  'home.col.tenant': 'Municipality',
  'home.col.code': 'Code',
  'home.total': 'Total',
  'home.scrollHint': 'The table scrolls sideways.',
};
