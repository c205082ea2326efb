import type { Caseload, FounderRecord, TenantTotals } from '../contract/roles.ts';
import { AREAS } from '../contract/catalog.ts';
import { notFound } from '../domain/errors.ts';
import { isoWeek, japanDay } from '../domain/totals.ts';
import { listOpenAssignments, readCourseState } from '../store/progress.ts';
import { listCaseload } from '../store/caseload.ts';
import { attentionReasons, DUE_SOON_DAYS, orderByAttention } from '../domain/caseload.ts';
import { getLearnerSummaries, type LearnerSummary } from '../store/summaries.ts';
import { getTenant } from '../store/tenants.ts';
import { listModuleCounters, readHeadline } from '../store/totals.ts';
import type { Authenticated } from './auth.ts';
import type { LoadedFounder } from './access.ts';
import type { Deps } from './deps.ts';
import { audit } from './audit.ts';

// The read side of the staff, advisor and admin screens. Every figure is a stored counter or summary; access has been
// decided by the route's checkpoint before any of these run.

/** A municipality's headline: two requests (one BatchGet, one Query of module counters) whatever its size. */
export async function getTenantTotals(deps: Deps, tenantId: string): Promise<TenantTotals> {
  const asOf = deps.clock().toISOString();
  const day = japanDay(asOf);
  const week = isoWeek(day);
  const [head, modules] = await Promise.all([readHeadline(deps.db, tenantId, day, week), listModuleCounters(deps.db, tenantId)]);
  if (!head) throw notFound('Municipality');
  const n = (v: number | undefined) => Math.max(0, v ?? 0);
  return {
    tenantId, tenantName: head.profile.name, asOf, day, week,
    founders: n(head.totals.founders), activeToday: n(head.day.active), activeThisWeek: n(head.week.active),
    coveredByArea: Object.fromEntries(AREAS.map((a) => [a, n(head.totals[`covered_${a}`])])) as TenantTotals['coveredByArea'],
    courseCompleted: n(head.totals.courseCompleted), eligible: n(head.totals.eligible), oneAreaShort: n(head.totals.oneAreaShort),
    modules: modules.map((m) => ({ courseId: m.courseId, moduleId: m.moduleId, lessonCompletions: n(m.counters.lessonCompletions), moduleCompletions: n(m.counters.moduleCompletions) })),
  };
}

/**
 * The advisor's own founders across municipalities, who needs them first (domain/caseload.ts): one Query of the
 * caseload, one BatchGet per 100 founders, and per municipality one Query of the assignments overdue today.
 */
export async function getCaseload(deps: Deps, auth: Authenticated, tenantFilter?: string): Promise<Caseload> {
  const refs: Array<{ tenantId: string; userId: string }> = [];
  let next: Record<string, unknown> | undefined;
  do {
    const page = await listCaseload(deps.db, auth.user.id, { limit: 500, ...(next ? { next } : {}) });
    refs.push(...page.items);
    next = page.next;
  } while (next);
  // The municipalities where the person advises now (a role taken away ends the caseload there too).
  const serves = new Set(auth.memberships.filter((m) => m.role === 'advisor').map((m) => m.tenantId));
  const wanted = refs.filter((r) => serves.has(r.tenantId) && (!tenantFilter || r.tenantId === tenantFilter));
  const summaries: LearnerSummary[] = [];
  for (let i = 0; i < wanted.length; i += 100) summaries.push(...await getLearnerSummaries(deps.db, wanted.slice(i, i + 100)));
  const tenants = new Map<string, { ja: string; en: string }>();
  for (const id of serves) {
    const t = await getTenant(deps.db, id);
    if (t) tenants.set(id, t.name);
  }
  const now = deps.clock();
  const today = japanDay(now.toISOString());
  // One Query per municipality: open assignments due before the end of the coming week, split into overdue and due soon.
  const overdue = new Map<string, number>();
  const dueSoon = new Map<string, number>();
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + (DUE_SOON_DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
  for (const id of new Set(summaries.map((s) => s.tenantId))) {
    for (const a of await listOpenAssignments(deps.db, id, horizon)) {
      const m = a.dueOn < today ? overdue : dueSoon;
      m.set(a.userId, (m.get(a.userId) ?? 0) + 1);
    }
  }
  const rows = summaries
    // Detached (the summary no longer lists this advisor) means gone from the caseload, whatever the entry says.
    .filter((s) => (s.advisorIds ?? []).includes(auth.user.id) && !s.erasedAt)
    .map((s) => {
      const row = {
        userId: s.userId, name: s.name, tenantId: s.tenantId, tenantName: tenants.get(s.tenantId) ?? { ja: s.tenantId, en: s.tenantId },
        lastActiveAt: s.lastActiveAt, completedModules: s.completedModules.length, coveredAreas: s.coveredAreas ?? [],
        eligibility: s.eligibility ?? 'not_yet', overdueAssignments: overdue.get(s.userId) ?? 0, dueSoonAssignments: dueSoon.get(s.userId) ?? 0,
        planStatus: s.planStatus ?? null, planUpdatedAt: s.planUpdatedAt ?? null,
        nextConsultationAt: s.nextConsultationAt && s.nextConsultationAt > now.toISOString() ? s.nextConsultationAt : null,
      };
      return { ...row, attention: attentionReasons(row, now) };
    });
  return {
    founders: orderByAttention(rows, now),
    tenants: [...tenants].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/**
 * A founder's record for staff and their advisors, from the founder as the checkpoint loaded them; every view by someone
 * other than the founder is audited. `asView` false: the record answers a change the caller just made (already audited
 * as that change), not a view of its own.
 */
export async function getFounderRecord(deps: Deps, auth: Authenticated, founder: LoadedFounder, o: { asView: boolean } = { asView: true }): Promise<FounderRecord> {
  const { user, tenantId, summary } = founder;
  const userId = user.id;
  const courses = deps.catalog().courses;
  const [tenant, states] = await Promise.all([
    getTenant(deps.db, tenantId),
    Promise.all(courses.map((c) => readCourseState(deps.db, userId, c.id))),
    o.asView && auth.user.id !== userId ? audit(deps, auth, { tenantId, action: 'founder.read', subjectId: userId, subjectName: summary.name }) : undefined,
  ]);
  if (!tenant) throw notFound('Municipality');
  return {
    userId, name: summary.name, email: user.email, tenantId, tenantName: tenant.name, cohortId: summary.cohortId, joinedAt: summary.joinedAt,
    deactivated: Boolean(user.deactivatedAt),
    emailVerified: Boolean(user.emailVerifiedAt),
    quizzes: courses.flatMap((c, i) => states[i]!.quizzes.map((q) => ({
      courseId: c.id, moduleId: q.moduleId, bestScore: q.bestScore, passed: q.passed, attempts: q.attempts, lastAttemptAt: q.lastAttemptAt,
    }))),
    lastActiveAt: summary.lastActiveAt, completedLessons: summary.completedLessons, completedModules: summary.completedModules,
    coveredAreas: summary.coveredAreas ?? [], courseCompletedAt: summary.courseCompletedAt ?? null, eligibility: summary.eligibility ?? 'not_yet',
    evidence: (summary.evidence ?? []).map((e) => ({ kind: e.kind, ref: e.ref, date: e.date, areas: e.areas })),
  };
}
