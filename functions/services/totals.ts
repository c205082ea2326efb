import { AREAS, type ServerCatalog } from '../contract/catalog.ts';
import { DEFAULT_ELIGIBILITY_RULE, type EligibilityRule } from '../contract/eligibility.ts';
import type { EvidenceItem } from '../domain/eligibility.ts';
import { changesOf, classifyEligibility, type CounterTarget, type EligibilityClass, isoWeek, japanDay, targetId, type TotalsEvent } from '../domain/totals.ts';
import type { Db } from '../store/db.ts';
import { getEligibilityRule } from '../store/evidence.ts';
import { key } from '../store/keys.ts';
import { readCourseState } from '../store/progress.ts';
import { attendanceOfUser } from '../store/seminars.ts';
import { eligibilityItems, sessionEntries } from '../domain/evidence.ts';
import { applyStandings, type LearnerSummary, listLearnerSummaries, repairSummary } from '../store/summaries.ts';
import { listTenants } from '../store/tenants.ts';
import { counterKey, counterUpdates, type Counters, listAllCounters, putCounters } from '../store/totals.ts';

/**
 * Re-rates every founder of a municipality against a new rule, page by page: each page's changed founders and the
 * headline counters move in one transaction, conditional on the standing they were rated from. A founder whose
 * summary changed meanwhile is rated again on the page's retry. Returns how many founders changed standing.
 */
export async function rerateTenant(db: Db, tenantId: string, rule: EligibilityRule): Promise<number> {
  let changed = 0;
  let next: Record<string, unknown> | undefined;
  do {
    const start = next;
    let done = false;
    for (let attempt = 0; attempt < 4 && !done; attempt++) {
      const page = await listLearnerSummaries(db, tenantId, { limit: 90, ...(start ? { next: start } : {}) });
      const changes = page.items
        .map((s) => ({ userId: s.userId, from: s.eligibility ?? null, to: classifyEligibility(rule, s.evidence ?? []) }))
        .filter((c) => c.from !== c.to);
      const counters = counterUpdates(db.table, tenantId, changesOf(...changes.map((c): TotalsEvent => ({ kind: 'eligibility_changed', ...c }))));
      done = await applyStandings(db, tenantId, changes, counters);
      if (done) { changed += changes.length; next = page.next; }
    }
    if (!done) throw new Error(`Founders of ${tenantId} kept changing while being re-rated; run the totals rebuild`);
  } while (next);
  return changed;
}

export interface Difference { item: string; field: string; stored: unknown; expected: unknown }
export interface RebuildReport { tenantId: string; founders: number; differences: Difference[]; fixed: boolean }

/**
 * The consistency check: recomputes every total and every founder's summary of a municipality from the items they
 * summarise (summaries, progress partitions, the rule), compares them with what is stored, and with `fix` writes the
 * recomputed values. Idempotent; reads by key and Query only. Activity counters of past days and weeks cannot be
 * recomputed (activity is not kept per day) and are left as they are; today's and this week's are checked.
 * Live writes during a fix may be overwritten: run it when the municipality is quiet, and run it again to confirm.
 */
export async function rebuildTenant(db: Db, catalog: ServerCatalog, tenantId: string, now: Date, o: { fix?: boolean } = {}): Promise<RebuildReport> {
  const rule = (await getEligibilityRule(db, tenantId)) ?? DEFAULT_ELIGIBILITY_RULE;
  const today = japanDay(now.toISOString());
  const thisWeek = isoWeek(today);
  const expected = new Map<string, { target: CounterTarget; values: Counters }>();
  const add = (target: CounterTarget, field: string, by = 1) => {
    const id = targetId(target);
    const e = expected.get(id) ?? { target, values: {} };
    e.values[field] = (e.values[field] ?? 0) + by;
    expected.set(id, e);
  };
  const differences: Difference[] = [];
  const repairs: Array<{ userId: string; fields: Partial<LearnerSummary> }> = [];
  let founders = 0;
  let next: Record<string, unknown> | undefined;
  do {
    const page = await listLearnerSummaries(db, tenantId, { limit: 100, ...(next ? { next } : {}) });
    next = page.next;
    for (const s of page.items) {
      founders++;
      const truth = await summaryFromItems(db, catalog, s.userId);
      const standing: EligibilityClass = classifyEligibility(rule, truth.evidence);
      const stored: Partial<LearnerSummary> = {
        completedLessons: s.completedLessons, completedModules: [...s.completedModules].sort(), coveredAreas: [...(s.coveredAreas ?? [])].sort(),
        courseCompletedAt: s.courseCompletedAt ?? null, eligibility: s.eligibility ?? undefined,
        evidence: [...(s.evidence ?? [])].sort(byRef),
      };
      const recomputed: Partial<LearnerSummary> = {
        completedLessons: truth.completedLessons, completedModules: [...truth.completedModules].sort(), coveredAreas: [...truth.coveredAreas].sort(),
        courseCompletedAt: truth.courseCompletedAt, eligibility: standing, evidence: [...truth.evidence].sort(byRef),
      };
      const fields: Partial<LearnerSummary> = {};
      for (const k of Object.keys(recomputed) as Array<keyof LearnerSummary>) {
        if (canonical(stored[k] ?? null) !== canonical(recomputed[k] ?? null)) {
          differences.push({ item: key.learnerSummary(tenantId, s.userId).sk, field: k, stored: stored[k] ?? null, expected: recomputed[k] ?? null });
          (fields as Record<string, unknown>)[k] = recomputed[k];
        }
      }
      if (Object.keys(fields).length > 0) repairs.push({ userId: s.userId, fields });

      add({ kind: 'tenant' }, 'founders');
      add({ kind: 'day', day: japanDay(s.joinedAt) }, 'enrolments');
      add({ kind: 'week', week: isoWeek(japanDay(s.joinedAt)) }, 'enrolments');
      for (const a of truth.coveredAreas) add({ kind: 'tenant' }, `covered_${a}`);
      if (truth.courseCompletedAt) {
        add({ kind: 'tenant' }, 'courseCompleted');
        for (const at of truth.courseCompletions) add({ kind: 'week', week: isoWeek(japanDay(at)) }, 'courseCompletions');
      }
      if (standing === 'eligible') add({ kind: 'tenant' }, 'eligible');
      if (standing === 'one_area_short') add({ kind: 'tenant' }, 'oneAreaShort');
      for (const l of truth.lessonCompletions) add({ kind: 'module', courseId: l.courseId, moduleId: l.moduleId }, 'lessonCompletions');
      for (const k of new Set(truth.lessonCompletions.map((l) => `${l.courseId}\u0000${l.moduleId}`))) {
        const [courseId, moduleId] = k.split('\u0000') as [string, string];
        add({ kind: 'module', courseId, moduleId }, 'starts');
      }
      for (const m of truth.moduleCompletions) {
        add({ kind: 'module', courseId: m.courseId, moduleId: m.moduleId }, 'moduleCompletions');
        add({ kind: 'day', day: japanDay(m.at) }, 'moduleCompletions');
        add({ kind: 'week', week: isoWeek(japanDay(m.at)) }, 'moduleCompletions');
      }
      if (s.lastActiveDay) add({ kind: 'day', day: s.lastActiveDay }, 'lastActive');
      if (s.lastActiveDay === today) add({ kind: 'day', day: today }, 'active');
      if (s.lastActiveDay && isoWeek(s.lastActiveDay) === thisWeek) add({ kind: 'week', week: thisWeek }, 'active');
    }
  } while (next);

  // Compare every stored counter item with the recomputed one; fields that cannot be recomputed are kept as stored.
  const stored = await listAllCounters(db, tenantId);
  const rewrites: Array<{ target: CounterTarget; values: Counters }> = [];
  const rebuildable = (target: CounterTarget, field: string) => field !== 'active'
    || (target.kind === 'day' && target.day === today) || (target.kind === 'week' && target.week === thisWeek);
  const targets = new Map<string, CounterTarget>([...expected.values()].map((e) => [counterKey(tenantId, e.target).sk, e.target]));
  for (const sk of stored.keys()) if (!targets.has(sk)) { const t = targetOfSk(sk); if (t) targets.set(sk, t); }
  for (const [sk, target] of targets) {
    const have = stored.get(sk) ?? {};
    const want = expected.get(targetId(target))?.values ?? {};
    const values: Counters = { ...have };
    let differs = false;
    for (const field of new Set([...Object.keys(have), ...Object.keys(want)])) {
      if (!rebuildable(target, field)) continue;
      const s = have[field] ?? 0;
      const w = want[field] ?? 0;
      if (s !== w) { differences.push({ item: sk, field, stored: s, expected: w }); differs = true; }
      values[field] = w;
    }
    if (differs) rewrites.push({ target, values });
  }
  if (o.fix) {
    for (const r of repairs) await repairSummary(db, tenantId, r.userId, r.fields);
    for (const r of rewrites) await putCounters(db, tenantId, r.target, r.values);
  }
  return { tenantId, founders, differences, fixed: Boolean(o.fix) && differences.length > 0 };
}

/** Every municipality, one after the other (the tenants index, no Scan). */
export async function rebuildAll(db: Db, catalog: ServerCatalog, now: Date, o: { fix?: boolean; tenantId?: string } = {}): Promise<RebuildReport[]> {
  const ids = o.tenantId ? [o.tenantId] : (await listTenants(db)).map((t) => t.id);
  const out: RebuildReport[] = [];
  for (const id of ids) out.push(await rebuildTenant(db, catalog, id, now, o));
  return out;
}

/** JSON with object keys in order: the store hands attributes back in its own order. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x);

const byRef = (a: EvidenceItem, b: EvidenceItem) => a.ref.localeCompare(b.ref) || a.date.localeCompare(b.date);

function targetOfSk(sk: string): CounterTarget | undefined {
  if (sk === 'TOTAL') return { kind: 'tenant' };
  if (sk.startsWith(key.dayTotalsPrefix)) return { kind: 'day', day: sk.slice(key.dayTotalsPrefix.length) };
  if (sk.startsWith(key.weekTotalsPrefix)) return { kind: 'week', week: sk.slice(key.weekTotalsPrefix.length) };
  if (sk.startsWith(key.moduleStatPrefix)) {
    const [courseId, moduleId] = sk.slice(key.moduleStatPrefix.length).split('#');
    if (courseId && moduleId) return { kind: 'module', courseId, moduleId };
  }
  return undefined;
}

/** What a founder's summary should say, from their progress partitions (one Query per course). */
async function summaryFromItems(db: Db, catalog: ServerCatalog, userId: string) {
  const out = {
    completedLessons: 0, completedModules: [] as string[], coveredAreas: [] as Array<(typeof AREAS)[number]>, courseCompletedAt: null as string | null,
    evidence: [] as EvidenceItem[], lessonCompletions: [] as Array<{ courseId: string; moduleId: string }>,
    moduleCompletions: [] as Array<{ courseId: string; moduleId: string; at: string }>, courseCompletions: [] as string[],
  };
  const covered = new Set<(typeof AREAS)[number]>();
  for (const course of catalog.courses) {
    const state = await readCourseState(db, userId, course.id);
    for (const l of state.lessons) if (l.status === 'completed') { out.completedLessons++; out.lessonCompletions.push({ courseId: course.id, moduleId: l.moduleId }); }
    for (const m of state.modules) {
      out.completedModules.push(m.moduleId);
      out.moduleCompletions.push({ courseId: course.id, moduleId: m.moduleId, at: m.completedAt });
      out.evidence.push({ kind: 'module', ref: `${course.id}/${m.moduleId}`, date: japanDay(m.completedAt), areas: [...(course.modules.find((x) => x.id === m.moduleId)?.areas ?? [])] });
    }
    for (const a of state.areas) covered.add(a.area);
    if (state.course) {
      out.courseCompletions.push(state.course.completedAt);
      if (!out.courseCompletedAt || state.course.completedAt < out.courseCompletedAt) out.courseCompletedAt = state.course.completedAt;
    }
  }
  out.coveredAreas = AREAS.filter((a) => covered.has(a));
  // Seminar sessions attended or made up are evidence too (one Query of the founder's marks).
  for (const e of eligibilityItems(sessionEntries(await attendanceOfUser(db, userId)))) out.evidence.push(e);
  return out;
}
