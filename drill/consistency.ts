/**
 * The consistency checker (issue 13, point 2): recomputes every figure the store keeps about other items and names each
 * one that disagrees with the items it summarises. Read-only: it sends only GetItem, BatchGetItem and Query (the store's
 * own read functions), so it may run against a deployed table with a read-only role (docs/drills.md).
 *
 * What it checks, per municipality (the tenants index), then across them:
 * - founder summaries `TENANT#t / LEARNER#u` — completed lessons, completed modules, covered areas, course completion,
 *   evidence (module completions and seminar marks) and standing against the rule — from the founder's progress
 *   partitions and attendance marks (services/totals.ts rebuildTenant, the code of `npm run totals:rebuild`, without --fix);
 * - counters `TOTAL`, `TOTAL#DAY#…`, `TOTAL#WEEK#…`, `MODSTAT#…` (the same rebuild: founders, areas, course completed,
 *   eligible, one area short; enrolments, module and course completions; lesson completions and starts per module;
 *   founders counted on the day of their last activity; today's and this week's active founders);
 * - the summary's `areaModules` (completed modules per area) from its completed modules and the catalog;
 * - quiz bests `QUIZ#<module>` (attempts, best score, passed) from the attempts `ATTEMPTS#u#c` (not for erased
 *   founders, whose attempts are deleted while their best stays as an anonymous count);
 * - assignments: none open whose modules are all completed (the completing write closes it), none done with a module
 *   not completed;
 * - module feedback rollups `FEEDBACK#c#m#v` from every founder's answers (domain/feedback.ts feedbackCounts);
 * - seminar sessions' attendance counts (present, excused, absent, made up) from their marks (domain/seminars.ts
 *   countDelta);
 * - caseloads: each `ADVISOR#a / CASE#t#u` entry and the advisor in the founder's summary (`advisorIds`), both ways;
 * - business plans: the head's attachment count from its `A#` items, each version's comment count from its `C#`
 *   items, the head's version from its newest `V#` item, and the summary's `planStatus` from the head;
 * - consultations: each booked slot and the founder's copy `USER#u / CONSULT#…`, both ways; the summary's
 *   `nextConsultationAt` against the founder's future bookings;
 * - enrolment codes: `uses` against the founders who signed up with the code (erased founders lose the code on their
 *   summary, so the check is: founders with the code ≤ uses ≤ those + erased founders of the municipality).
 *
 * Not checked, and why:
 * - activity counters of past days and weeks (`active`): activity is not stored per day, so only today's and this
 *   week's can be recomputed (the same limit as the rebuild);
 * - sign-in throttle windows (`THROTTLE#…` attempts): the attempts they count are not stored, and they expire;
 * - the union's survey: its KPI is computed from the answers at each view, nothing derived is stored;
 * - progress HEAD revisions and event ids: they are concurrency and idempotency records, not figures.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadServerCatalog } from '../functions/catalog/loader.ts';
import type { ServerCatalog } from '../functions/contract/catalog.ts';
import { FEEDBACK_COUNTERS } from '../functions/contract/feedback.ts';
import { feedbackCounts } from '../functions/domain/feedback.ts';
import { nextConsultation } from '../functions/domain/consultations.ts';
import { countDelta } from '../functions/domain/seminars.ts';
import { rebuildTenant } from '../functions/services/totals.ts';
import { listCaseInTenant, listRoleHolderIds } from '../functions/store/caseload.ts';
import { listBookings, listTenantSlots } from '../functions/store/consultations.ts';
import type { Db } from '../functions/store/db.ts';
import { listQuizAttempts } from '../functions/store/erasure.ts';
import { listFeedbackOfUser, listFeedbackRollups } from '../functions/store/feedback.ts';
import { listPlanItems } from '../functions/store/plans.ts';
import { readCourseState } from '../functions/store/progress.ts';
import { listAttendance, listSessions } from '../functions/store/seminars.ts';
import { type LearnerSummary, listLearnerSummaries } from '../functions/store/summaries.ts';
import { listEnrolmentCodes, listTenants } from '../functions/store/tenants.ts';

export interface ConsistencyReport { checked: Record<string, number>; problems: string[] }

export interface CheckOptions {
  /** The server catalog the table was written with (default dist/catalog/server.json). */
  catalog?: ServerCatalog;
  /** "Today" for the activity counters (default now). */
  now?: Date;
  /** One municipality only (default every one in the tenants index). */
  tenantId?: string;
  log?: (line: string) => void;
}

/** Checks every summary, counter and rollup of the table against the items it summarises, reading only. */
export async function checkConsistency(table: { raw: DynamoDBClient; table: string }, o: CheckOptions = {}): Promise<ConsistencyReport> {
  const db: Db = { raw: table.raw, table: table.table, doc: DynamoDBDocumentClient.from(table.raw, { marshallOptions: { removeUndefinedValues: true } }) };
  const catalog = o.catalog ?? loadServerCatalog();
  const now = o.now ?? new Date();
  const nowIso = now.toISOString();
  const checked: Record<string, number> = {};
  const count = (what: string, n = 1) => { checked[what] = (checked[what] ?? 0) + n; };
  const problems: string[] = [];
  const problem = (s: string) => { problems.push(s); o.log?.(`  ${s}`); };
  const tenants = o.tenantId ? [o.tenantId] : (await listTenants(db)).map((t) => t.id);

  const feedbackExpected = new Map<string, Array<{ usefulness: number; helpedPlan: boolean; comment: string | null }>>();
  const bookingsOfUser = new Map<string, Array<{ slotId: string; startsAt: string }>>();

  for (const tenantId of tenants) {
    o.log?.(`${tenantId}…`);
    // Summaries and counters: the rebuild's recomputation, read-only.
    const report = await rebuildTenant(db, catalog, tenantId, now, { fix: false });
    count('municipalities');
    count('summaries and counters of founders', report.founders);
    for (const d of report.differences) problem(`${tenantId} ${d.item} ${d.field}: stored ${JSON.stringify(d.stored)}, recomputed ${JSON.stringify(d.expected)}`);

    const summaries = await allSummaries(db, tenantId);
    const byUser = new Map(summaries.map((s) => [s.userId, s]));
    for (const s of summaries) {
      const who = `${tenantId} LEARNER#${s.userId}`;
      // Completed modules per area, from the completed modules and the catalog.
      const perArea: Record<string, number> = {};
      for (const m of s.completedModules) {
        const mod = catalog.courses.flatMap((c) => c.modules).find((x) => x.id === m);
        for (const a of mod?.areas ?? []) perArea[a] = (perArea[a] ?? 0) + 1;
      }
      const stored = Object.fromEntries(Object.entries(s.areaModules ?? {}).filter(([, n]) => n !== 0));
      if (canonical(stored) !== canonical(perArea)) problem(`${who} areaModules: stored ${canonical(stored)}, recomputed ${canonical(perArea)}`);
      count('area module counts');

      for (const course of catalog.courses) {
        const state = await readCourseState(db, s.userId, course.id);
        // Quiz bests from the attempts (an erased founder's attempts are deleted; the best stays as a count).
        if (!s.erasedAt) {
          const attempts = await listQuizAttempts(db, s.userId, course.id);
          for (const best of state.quizzes) {
            const mine = attempts.filter((a) => a.moduleId === best.moduleId);
            const want = { attempts: mine.length, bestScore: Math.max(0, ...mine.map((a) => a.score)), passed: mine.some((a) => a.passed) };
            const have = { attempts: best.attempts, bestScore: best.bestScore, passed: best.passed };
            if (canonical(want) !== canonical(have)) problem(`PROGRESS#${s.userId}#${course.id} QUIZ#${best.moduleId}: stored ${canonical(have)}, recomputed from ${mine.length} attempt(s) ${canonical(want)}`);
            count('quiz bests');
          }
          for (const a of attempts) if (!state.quizzes.some((q) => q.moduleId === a.moduleId)) problem(`ATTEMPTS#${s.userId}#${course.id} ${a.sk}: an attempt with no quiz best`);
        }
        // Assignments: closed exactly when every module they name is completed.
        const done = new Set(state.modules.map((m) => m.moduleId));
        for (const a of state.assignments) {
          const all = a.moduleIds.every((m) => done.has(m));
          if (!a.completedAt && all) problem(`PROGRESS#${s.userId}#${course.id} ASSIGN#${a.id}: open, but every module it names is completed`);
          if (a.completedAt && !all) problem(`PROGRESS#${s.userId}#${course.id} ASSIGN#${a.id}: done, but not every module it names is completed`);
          count('assignments');
        }
        // Feedback answers, summed per municipality and module version (compared after every municipality).
        for (const f of await listFeedbackOfUser(db, s.userId, course.id)) {
          const k = rollupKey(f.tenantId, f.courseId, f.moduleId, f.version);
          feedbackExpected.set(k, [...(feedbackExpected.get(k) ?? []), { usefulness: f.usefulness, helpedPlan: f.helpedPlan, comment: f.comment ?? null }]);
          count('feedback answers');
        }
      }

      // The business plan: counts on the head and versions, and the state on the summary.
      const plan = await listPlanItems(db, s.userId);
      if (plan.length > 0) {
        count('business plans');
        const head = plan.find((i) => i.sk === 'HEAD');
        const versions = plan.filter((i) => String(i.sk).startsWith('V#'));
        const comments = plan.filter((i) => String(i.sk).startsWith('C#'));
        const attachments = plan.filter((i) => String(i.sk).startsWith('A#'));
        const headAttachments = Number(head?.attachments ?? 0);
        if (headAttachments !== attachments.length) problem(`PLAN#${s.userId} HEAD attachments: stored ${headAttachments}, recomputed ${attachments.length}`);
        for (const v of versions) {
          const n = comments.filter((c) => Number(c.version) === Number(v.version)).length;
          if (Number(v.comments ?? 0) !== n) problem(`PLAN#${s.userId} ${String(v.sk)} comments: stored ${Number(v.comments ?? 0)}, recomputed ${n}`);
        }
        const newest = Math.max(0, ...versions.map((v) => Number(v.version)));
        const headVersion = Number(head?.version ?? 0);
        if (versions.length > 0 && headVersion !== newest) problem(`PLAN#${s.userId} HEAD version: stored ${headVersion}, newest version item ${newest}`);
        if (head && headVersion > 0 && (s.planStatus ?? null) !== (head.status ?? null)) problem(`${who} planStatus: stored ${JSON.stringify(s.planStatus ?? null)}, plan head ${JSON.stringify(head.status ?? null)}`);
      } else if (s.planStatus) {
        problem(`${who} planStatus: stored ${JSON.stringify(s.planStatus)}, but there is no plan`);
      }

      // Consultations: the founder's copies, and the next one on the summary.
      const bookings = await listBookings(db, s.userId, '');
      bookingsOfUser.set(s.userId, bookings.map((b) => ({ slotId: b.slotId, startsAt: b.startsAt })));
      const next = nextConsultation(bookings.map((b) => b.startsAt), now);
      const storedNext = s.nextConsultationAt ?? null;
      // The summary is recomputed at each booking and cancellation, so it may name one that has passed since; it must
      // never miss a future booking, nor name one that does not exist.
      if (next !== null && storedNext !== next && !(storedNext !== null && storedNext < nowIso)) problem(`${who} nextConsultationAt: stored ${JSON.stringify(storedNext)}, next booking ${next}`);
      if (storedNext !== null && storedNext >= nowIso && !bookings.some((b) => b.startsAt === storedNext)) problem(`${who} nextConsultationAt: stored ${storedNext}, but no booking then`);
      count('consultation summaries');
    }

    // Caseloads, both ways: each entry's advisor on the founder's summary, and each advisor of a summary has the entry.
    const cases = new Set<string>();
    for (const advisorId of await listRoleHolderIds(db, tenantId, 'advisor')) {
      for (const userId of await listCaseInTenant(db, advisorId, tenantId)) {
        cases.add(`${advisorId}#${userId}`);
        count('caseload entries');
        const s = byUser.get(userId);
        if (!s) problem(`ADVISOR#${advisorId} CASE#${tenantId}#${userId}: no such founder in ${tenantId}`);
        else if (!(s.advisorIds ?? []).includes(advisorId)) problem(`ADVISOR#${advisorId} CASE#${tenantId}#${userId}: the founder's summary does not list this advisor`);
      }
    }
    for (const s of summaries) {
      for (const a of s.advisorIds ?? []) if (!cases.has(`${a}#${s.userId}`)) problem(`${tenantId} LEARNER#${s.userId} advisorIds: lists ${a}, who has no caseload entry for them`);
    }

    // Seminar sessions: attendance counts from the marks.
    for (const session of await listSessions(db, tenantId)) {
      const want: Record<string, number> = { present: 0, excused: 0, absent: 0, madeUp: 0 };
      for (const m of await listAttendance(db, tenantId, session.id)) for (const [k, n] of Object.entries(countDelta(null, m))) want[k] = (want[k] ?? 0) + n;
      const have: Record<string, number> = { ...(session.counts as Record<string, number> | undefined) };
      for (const k of Object.keys(want)) if ((have[k] ?? 0) !== want[k]) problem(`${tenantId} SESSION#${session.id} counts.${k}: stored ${have[k] ?? 0}, recomputed ${want[k]}`);
      count('seminar sessions');
    }

    // Consultation slots and the founders' copies of their bookings, both ways.
    const slots = await listTenantSlots(db, tenantId, '0');
    for (const slot of slots) {
      count('consultation slots');
      if (!slot.bookedBy) continue;
      const copies = bookingsOfUser.get(slot.bookedBy) ?? (byUser.has(slot.bookedBy) ? [] : (await listBookings(db, slot.bookedBy, '')).map((b) => ({ slotId: b.slotId, startsAt: b.startsAt })));
      if (!copies.some((b) => b.slotId === slot.id && b.startsAt === slot.startsAt)) problem(`CONSULT#${slot.id} SLOT: booked by ${slot.bookedBy}, who has no copy of the booking`);
    }
    for (const s of summaries) {
      for (const b of bookingsOfUser.get(s.userId) ?? []) {
        const slot = slots.find((x) => x.id === b.slotId);
        if (!slot || slot.bookedBy !== s.userId || slot.startsAt !== b.startsAt) problem(`USER#${s.userId} CONSULT#${b.startsAt}#${b.slotId}: the slot is not booked by this founder at that time`);
      }
    }

    // Enrolment codes: uses against the founders who signed up with them.
    const erased = summaries.filter((s) => s.erasedAt).length;
    for (const c of await listEnrolmentCodes(db, tenantId)) {
      const n = summaries.filter((s) => s.enrolmentCode === c.code).length;
      if (c.uses < n || c.uses > n + erased) problem(`CODE#${c.code} uses: stored ${c.uses}, founders who signed up with it ${n}${erased ? ` (+ up to ${erased} erased)` : ''}`);
      count('enrolment codes');
    }
  }

  // Feedback rollups, across municipalities (a founder's answer counts where they were when they answered).
  const storedRollups = new Map<string, Record<string, number>>();
  for (const course of catalog.courses) {
    for (const r of await listFeedbackRollups(db, course.id)) {
      if (o.tenantId && r.tenantId !== o.tenantId) continue;
      storedRollups.set(rollupKey(r.tenantId, course.id, r.moduleId, r.version), r.counts);
    }
  }
  for (const k of new Set([...storedRollups.keys(), ...feedbackExpected.keys()])) {
    const want = feedbackCounts(feedbackExpected.get(k) ?? []);
    const have = storedRollups.get(k) ?? {};
    for (const f of FEEDBACK_COUNTERS) if ((have[f] ?? 0) !== want[f]) problem(`${k.replace(/\|/g, '#').replace(/^([^#]+)#/, '$1 FEEDBACK#')} ${f}: stored ${have[f] ?? 0}, recomputed ${want[f]}`);
    count('feedback rollups');
  }
  return { checked, problems };
}

const rollupKey = (tenantId: string, courseId: string, moduleId: string, version: string) => `${tenantId}|${courseId}|${moduleId}|${version}`;

async function allSummaries(db: Db, tenantId: string): Promise<LearnerSummary[]> {
  const out: LearnerSummary[] = [];
  let next: Record<string, unknown> | undefined;
  do {
    const page = await listLearnerSummaries(db, tenantId, { limit: 100, ...(next ? { next } : {}) });
    out.push(...page.items);
    next = page.next;
  } while (next);
  return out;
}

/** JSON with object keys in order. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x);
