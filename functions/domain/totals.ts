import type { Area } from '../contract/catalog.ts';
import type { EligibilityRule } from '../contract/eligibility.ts';
import { type EvidenceItem, evaluateEligibility } from './eligibility.ts';

/**
 * A municipality's totals as data: each event a founder causes becomes counter changes, which the store applies in the
 * same transaction as the event. Dashboards read the counters (a handful of items), never the founders.
 *
 * Counter items of a tenant: `tenant` (headline), one per Japan day and per ISO week (Japan time), one per module.
 */
export type CounterTarget =
  | { kind: 'tenant' }
  | { kind: 'day'; day: string }
  | { kind: 'week'; week: string }
  | { kind: 'module'; courseId: string; moduleId: string };

export interface CounterChange { target: CounterTarget; field: string; by: number }

/** Where a founder stands against their municipality's rule, stored on their summary when it changes. */
export type EligibilityClass = 'eligible' | 'one_area_short' | 'not_yet';

export type TotalsEvent =
  | { kind: 'signed_up'; at: string }
  /** The first activity of a Japan day (and maybe of a week): `prevDay` is the day of the previous activity, if any. */
  | { kind: 'active'; at: string; prevDay: string | null }
  /** A lesson completed for the first time; `firstInModule` when it is the founder's first completed lesson of its module (they started it). */
  | { kind: 'lesson_completed'; courseId: string; moduleId: string; firstInModule?: boolean }
  | { kind: 'module_completed'; courseId: string; moduleId: string; at: string }
  | { kind: 'area_covered'; area: Area }
  /** A course completed; `firstForFounder` when it is the founder's first completed course (founders are counted once). */
  | { kind: 'course_completed'; at: string; firstForFounder: boolean }
  | { kind: 'eligibility_changed'; from: EligibilityClass | null; to: EligibilityClass };

/** The calendar date in Japan (UTC+9, no daylight saving) of an instant. */
export function japanDay(iso: string): string {
  return new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(0, 10);
}

/** ISO 8601 week of a Japan day, e.g. 2026-12-04 → 2026-W49 (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(d.getTime() + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (a Japan day) that starts an ISO week. */
export function weekStart(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new RangeError(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday1 + (Number(m[2]) - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

const tenant: CounterTarget = { kind: 'tenant' };
const dayOf = (at: string): CounterTarget => ({ kind: 'day', day: japanDay(at) });
const weekOf = (at: string): CounterTarget => ({ kind: 'week', week: isoWeek(japanDay(at)) });

const ELIGIBILITY_FIELD: Record<EligibilityClass, string | null> = { eligible: 'eligible', one_area_short: 'oneAreaShort', not_yet: null };

/** The counter changes one event causes. Pure: the same event always gives the same changes. */
export function counterChanges(e: TotalsEvent): CounterChange[] {
  switch (e.kind) {
    case 'signed_up':
      return [{ target: tenant, field: 'founders', by: 1 }, { target: dayOf(e.at), field: 'enrolments', by: 1 }, { target: weekOf(e.at), field: 'enrolments', by: 1 }];
    case 'active': {
      const day = japanDay(e.at);
      if (e.prevDay === day) return [];
      const changes: CounterChange[] = [{ target: { kind: 'day', day }, field: 'active', by: 1 }];
      if (e.prevDay === null || isoWeek(e.prevDay) !== isoWeek(day)) changes.push({ target: { kind: 'week', week: isoWeek(day) }, field: 'active', by: 1 });
      // Each founder is counted on the day of their LAST activity: the founders active in any window of recent days
      // are then a sum of day items, exactly, without reading a founder.
      changes.push({ target: { kind: 'day', day }, field: 'lastActive', by: 1 });
      if (e.prevDay !== null) changes.push({ target: { kind: 'day', day: e.prevDay }, field: 'lastActive', by: -1 });
      return changes;
    }
    case 'lesson_completed':
      return [
        { target: { kind: 'module', courseId: e.courseId, moduleId: e.moduleId }, field: 'lessonCompletions', by: 1 },
        ...(e.firstInModule ? [{ target: { kind: 'module' as const, courseId: e.courseId, moduleId: e.moduleId }, field: 'starts', by: 1 }] : []),
      ];
    case 'module_completed':
      return [
        { target: { kind: 'module', courseId: e.courseId, moduleId: e.moduleId }, field: 'moduleCompletions', by: 1 },
        { target: dayOf(e.at), field: 'moduleCompletions', by: 1 }, { target: weekOf(e.at), field: 'moduleCompletions', by: 1 },
      ];
    case 'area_covered':
      return [{ target: tenant, field: `covered_${e.area}`, by: 1 }];
    case 'course_completed':
      return [...(e.firstForFounder ? [{ target: tenant, field: 'courseCompleted', by: 1 }] : []), { target: weekOf(e.at), field: 'courseCompletions', by: 1 }];
    case 'eligibility_changed': {
      if (e.from === e.to) return [];
      const out: CounterChange[] = [];
      const from = e.from ? ELIGIBILITY_FIELD[e.from] : null;
      const to = ELIGIBILITY_FIELD[e.to];
      if (from) out.push({ target: tenant, field: from, by: -1 });
      if (to) out.push({ target: tenant, field: to, by: 1 });
      return out;
    }
  }
}

/** Adds up changes per counter item and field, dropping the ones that cancel out: one update per item in a transaction. */
export function mergeChanges(changes: readonly CounterChange[]): Array<{ target: CounterTarget; fields: Record<string, number> }> {
  const byItem = new Map<string, { target: CounterTarget; fields: Record<string, number> }>();
  for (const c of changes) {
    const id = targetId(c.target);
    const entry = byItem.get(id) ?? { target: c.target, fields: {} };
    entry.fields[c.field] = (entry.fields[c.field] ?? 0) + c.by;
    byItem.set(id, entry);
  }
  return [...byItem.values()]
    .map((e) => ({ target: e.target, fields: Object.fromEntries(Object.entries(e.fields).filter(([, n]) => n !== 0)) }))
    .filter((e) => Object.keys(e.fields).length > 0);
}

export function targetId(t: CounterTarget): string {
  switch (t.kind) {
    case 'tenant': return 'tenant';
    case 'day': return `day:${t.day}`;
    case 'week': return `week:${t.week}`;
    case 'module': return `module:${t.courseId}/${t.moduleId}`;
  }
}

/**
 * A founder's standing against the rule: eligible; one area short (the only unmet condition is one area, so a
 * nudge to one module set makes them eligible); or not yet.
 */
export function classifyEligibility(rule: EligibilityRule, items: readonly EvidenceItem[]): EligibilityClass {
  const r = evaluateEligibility(rule, items);
  if (r.eligible) return 'eligible';
  return r.missing.length === 1 && r.missing[0]!.kind === 'area' ? 'one_area_short' : 'not_yet';
}

/** 令和 year of a fiscal year (令和1年 = 2019): 2026 → 8. */
export const reiwaYear = (fiscalYear: number) => fiscalYear - 2018;

/** The Japan days from `day` back `n - 1` days (n days in all, oldest first). */
export function lastDays(day: string, n: number): string[] {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** The fiscal year (April–March) of a Japan day, by the calendar year it starts in: 2026-12-04 → 2026 (令和8年度). */
export function fiscalYear(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** The merged counter changes of some events: what a store transaction applies. */
export const changesOf = (...events: TotalsEvent[]) => mergeChanges(events.flatMap(counterChanges));
