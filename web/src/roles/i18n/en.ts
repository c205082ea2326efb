import type { RolesKey } from './ja.ts';

export const en: Record<RolesKey, string> = {
  'denied.title': 'You do not have access to this page',
  'denied.body.staff': 'This page is for the start-up support staff of a municipality.',
  'denied.body.staffTenant': 'This page is for the start-up support staff of the municipality with code {tenant}.',
  'denied.body.advisor': 'This page is for business advisors.',
  'denied.body.admin': 'This page is for the regional union’s office.',
  'denied.help': 'If you need it, ask your municipality or the regional union to add the role to your account.',
  'denied.goTo': 'Where you can go',
  'figure.founders': 'Founders registered',
  'figure.activeToday': 'Studied today',
  'figure.activeThisWeek': 'Studied this week',
  'figure.courseCompleted': 'Completed the course',
  'figure.eligible': 'Meet the municipality’s rule',
  'figure.oneAreaShort': 'One area short of the rule',
  'figure.people': '{count}',
  'week': 'week {week} of {year}',
  'asOf': 'as of {date}',
};
