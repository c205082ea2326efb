// The demo region `npm start` seeds on its first run: two municipalities, their staff, an advisor who serves both,
// founders with some progress, and open enrolment codes. Everything goes through the same services the API uses.
import { createAccountWithRoles } from '../services/accounts.ts';
import type { Authenticated } from '../services/auth.ts';
import type { Deps } from '../services/deps.ts';
import { recordLessonProgress } from '../services/progress.ts';
import { rebuildAll } from '../services/totals.ts';
import { attachFounder } from '../store/caseload.ts';
import { putCohort, putEnrolmentCode, putTenant } from '../store/tenants.ts';
import { getMarker, putMarker } from '../store/meta.ts';
import { loadUserWithMemberships } from '../store/users.ts';

export const DEMO_PASSWORD = 'sogyo-campus-demo';

export interface DemoLogin { role: string; email: string; tenant: string }

const TENANTS = [
  { id: '271004', name: { ja: '大阪市', en: 'Osaka City' }, prefecture: '大阪府', code: 'OSAKA-2026', cohort: { id: '2026-autumn', name: '2026年度 秋の創業塾' } },
  { id: '271403', name: { ja: '堺市', en: 'Sakai City' }, prefecture: '大阪府', code: 'SAKAI-2026', cohort: { id: '2026-winter', name: '2026年度 冬の創業塾' } },
];

const FOUNDERS = [
  { tenant: '271004', email: 'founder1@example.jp', name: '田中 美咲', lessons: 5 },
  { tenant: '271004', email: 'founder2@example.jp', name: '山本 大輔', lessons: 2 },
  { tenant: '271004', email: 'founder3@example.jp', name: '佐藤 花', lessons: 0 },
  { tenant: '271403', email: 'founder4@example.jp', name: '中村 健', lessons: 3 },
  { tenant: '271403', email: 'founder5@example.jp', name: '小林 由紀', lessons: 1 },
];

const staffEmail = (t: (typeof TENANTS)[number]) => `staff.${t.name.en.split(' ')[0]!.toLowerCase()}@example.jp`;

/** The logins and codes `npm start` prints; the same whether this run seeded or an earlier one did. */
export const DEMO_LOGINS: DemoLogin[] = [
  ...FOUNDERS.map((f) => ({ role: 'learner', email: f.email, tenant: TENANTS.find((t) => t.id === f.tenant)!.name.ja })),
  ...TENANTS.map((t) => ({ role: 'staff', email: staffEmail(t), tenant: t.name.ja })),
  { role: 'advisor', email: 'advisor@example.jp', tenant: TENANTS.map((t) => t.name.ja).join('・') },
  { role: 'admin', email: 'admin@example.jp', tenant: '関西広域連合' },
];
export const DEMO_CODES = TENANTS.map((t) => ({ code: t.code, tenant: t.name.ja }));

/** True once the demo region exists in this table (a marker item). */
export async function isSeeded(deps: Deps): Promise<boolean> {
  return (await getMarker(deps.db, 'SEED')) !== undefined;
}

export async function seedDemoRegion(deps: Deps, password = DEMO_PASSWORD): Promise<void> {
  const now = deps.clock();
  for (const t of TENANTS) {
    await putTenant(deps.db, { id: t.id, name: t.name, prefecture: t.prefecture, createdAt: now.toISOString() });
    await putCohort(deps.db, { id: t.cohort.id, tenantId: t.id, name: t.cohort.name, startsOn: null });
    const expires = new Date(Date.UTC(now.getUTCFullYear() + 1, 2, 31, 15)).toISOString();
    await putEnrolmentCode(deps.db, { code: t.code, tenantId: t.id, cohortId: t.cohort.id, expiresAt: expires, maxUses: 500, uses: 0, createdAt: now.toISOString() });
    await createAccountWithRoles(deps, { email: staffEmail(t), name: `${t.name.ja} 創業支援担当`, password, roles: [{ tenantId: t.id, role: 'staff' }] });
  }
  const advisor = await createAccountWithRoles(deps, {
    email: 'advisor@example.jp', name: '商工会議所 経営指導員', password, roles: TENANTS.map((t) => ({ tenantId: t.id, role: 'advisor' as const })),
  });
  await createAccountWithRoles(deps, { email: 'admin@example.jp', name: '広域連合 事務局', password, admin: true, roles: [] });

  // Demo progress runs through the curriculum in order, course after course.
  const order = deps.catalog().courses.flatMap((c) => c.modules.flatMap((m) => m.lessons.map((l) => ({ courseId: c.id, moduleId: m.id, lessonId: l }))));
  for (const f of FOUNDERS) {
    const t = TENANTS.find((x) => x.id === f.tenant)!;
    const user = await createAccountWithRoles(deps, { email: f.email, name: f.name, password, roles: [{ tenantId: f.tenant, role: 'learner', cohortId: t.cohort.id }] });
    // The advisor follows the founders who have started studying, in both municipalities.
    if (f.lessons > 0) await attachFounder(deps.db, { advisorId: advisor.id, tenantId: f.tenant, userId: user.id, attachedAt: now.toISOString(), attachedBy: 'seed' });
    if (f.lessons === 0) continue;
    const loaded = (await loadUserWithMemberships(deps.db, user.id))!;
    const auth: Authenticated = { ...loaded, principal: { userId: user.id, admin: false, memberships: [{ tenantId: f.tenant, role: 'learner' }] }, csrfToken: '', tokenHash: '' };
    for (const [i, l] of order.slice(0, f.lessons).entries()) {
      await recordLessonProgress(deps, auth, l, { eventId: `seed-${user.id}-${i}`, status: 'completed', position: 1 });
    }
    const next = order[f.lessons];
    if (next) await recordLessonProgress(deps, auth, next, { eventId: `seed-${user.id}-open`, status: 'in_progress', position: 0.4 });
  }
  // The seed goes through the same writes as the API: every total must agree with the items it summarises.
  const reports = await rebuildAll(deps.db, deps.catalog(), deps.clock());
  const wrong = reports.flatMap((r) => r.differences.map((d) => `${r.tenantId} ${d.item}.${d.field}: stored ${JSON.stringify(d.stored)}, expected ${JSON.stringify(d.expected)}`));
  if (wrong.length > 0) throw new Error(`Seeded totals disagree with their items:\n${wrong.join('\n')}`);
  await putMarker(deps.db, 'SEED', now.toISOString());
}
