import { describe, expect, it } from 'vitest';
import { DEFAULT_ELIGIBILITY_RULE, ruleFromPartial } from '../../functions/contract/eligibility.ts';
import type { EvidenceItem } from '../../functions/domain/eligibility.ts';
import {
  changesOf, classifyEligibility, counterChanges, fiscalYear, isoWeek, japanDay, lastDays, mergeChanges, reiwaYear, type TotalsEvent, weekStart,
} from '../../functions/domain/totals.ts';

describe('Japan days and weeks', () => {
  it.each([
    ['2026-12-03T14:59:59.999Z', '2026-12-03'], // 23:59 in Japan
    ['2026-12-03T15:00:00.000Z', '2026-12-04'], // midnight in Japan: already the next day, while UTC still says the 3rd
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s is %s in Japan', (iso, day) => {
    expect(japanDay(iso)).toBe(day);
  });

  it.each([
    ['2026-12-04', '2026-W49'], ['2026-12-07', '2026-W50'], ['2026-12-06', '2026-W49'],
    ['2027-01-01', '2026-W53'], ['2026-01-01', '2026-W01'], ['2025-12-29', '2026-W01'], ['2024-12-30', '2025-W01'],
  ])('%s is in ISO week %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });

  it('a week starts on its Monday', () => {
    expect(weekStart('2026-W49')).toBe('2026-11-30');
    expect(weekStart('2026-W01')).toBe('2025-12-29');
    expect(isoWeek(weekStart('2026-W53'))).toBe('2026-W53');
  });

  it('lists the last n Japan days, oldest first', () => {
    expect(lastDays('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(reiwaYear(2026)).toBe(8);
  });

  it.each([['2026-04-01', 2026], ['2026-03-31', 2025], ['2027-02-10', 2026]])('%s is in fiscal year %i', (day, fy) => {
    expect(fiscalYear(day)).toBe(fy);
  });
});

describe('counter changes of each event', () => {
  const at = '2026-12-04T01:00:00.000Z'; // Friday 10:00 in Japan, 2026-W49
  it.each<[string, TotalsEvent, ReturnType<typeof counterChanges>]>([
    ['a sign-up counts a founder and an enrolment that day and week', { kind: 'signed_up', at }, [
      { target: { kind: 'tenant' }, field: 'founders', by: 1 },
      { target: { kind: 'day', day: '2026-12-04' }, field: 'enrolments', by: 1 },
      { target: { kind: 'week', week: '2026-W49' }, field: 'enrolments', by: 1 },
    ]],
    ['the first activity ever counts the day and the week, and makes it the founder’s last day', { kind: 'active', at, prevDay: null }, [
      { target: { kind: 'day', day: '2026-12-04' }, field: 'active', by: 1 },
      { target: { kind: 'week', week: '2026-W49' }, field: 'active', by: 1 },
      { target: { kind: 'day', day: '2026-12-04' }, field: 'lastActive', by: 1 },
    ]],
    ['a new day in the same week counts the day only, and moves the last day', { kind: 'active', at, prevDay: '2026-12-01' }, [
      { target: { kind: 'day', day: '2026-12-04' }, field: 'active', by: 1 },
      { target: { kind: 'day', day: '2026-12-04' }, field: 'lastActive', by: 1 },
      { target: { kind: 'day', day: '2026-12-01' }, field: 'lastActive', by: -1 },
    ]],
    ['a new day in a new week counts both', { kind: 'active', at, prevDay: '2026-11-29' }, [
      { target: { kind: 'day', day: '2026-12-04' }, field: 'active', by: 1 },
      { target: { kind: 'week', week: '2026-W49' }, field: 'active', by: 1 },
      { target: { kind: 'day', day: '2026-12-04' }, field: 'lastActive', by: 1 },
      { target: { kind: 'day', day: '2026-11-29' }, field: 'lastActive', by: -1 },
    ]],
    ['the same Japan day counts nothing again', { kind: 'active', at, prevDay: '2026-12-04' }, []],
    ['a lesson counts on its module', { kind: 'lesson_completed', courseId: 'c', moduleId: 'm1' }, [
      { target: { kind: 'module', courseId: 'c', moduleId: 'm1' }, field: 'lessonCompletions', by: 1 },
    ]],
    ['a module counts on its module, day and week', { kind: 'module_completed', courseId: 'c', moduleId: 'm1', at }, [
      { target: { kind: 'module', courseId: 'c', moduleId: 'm1' }, field: 'moduleCompletions', by: 1 },
      { target: { kind: 'day', day: '2026-12-04' }, field: 'moduleCompletions', by: 1 },
      { target: { kind: 'week', week: '2026-W49' }, field: 'moduleCompletions', by: 1 },
    ]],
    ['an area counts a founder covering it', { kind: 'area_covered', area: 'finance' }, [{ target: { kind: 'tenant' }, field: 'covered_finance', by: 1 }]],
    ['a founder’s first course counts them', { kind: 'course_completed', at, firstForFounder: true }, [
      { target: { kind: 'tenant' }, field: 'courseCompleted', by: 1 }, { target: { kind: 'week', week: '2026-W49' }, field: 'courseCompletions', by: 1 },
    ]],
    ['a second course counts the completion only', { kind: 'course_completed', at, firstForFounder: false }, [
      { target: { kind: 'week', week: '2026-W49' }, field: 'courseCompletions', by: 1 },
    ]],
    ['becoming eligible', { kind: 'eligibility_changed', from: 'one_area_short', to: 'eligible' }, [
      { target: { kind: 'tenant' }, field: 'oneAreaShort', by: -1 }, { target: { kind: 'tenant' }, field: 'eligible', by: 1 },
    ]],
    ['a first rating of not yet counts nothing', { kind: 'eligibility_changed', from: null, to: 'not_yet' }, []],
    ['a rule change that takes eligibility away', { kind: 'eligibility_changed', from: 'eligible', to: 'not_yet' }, [
      { target: { kind: 'tenant' }, field: 'eligible', by: -1 },
    ]],
  ])('%s', (_name, event, expected) => {
    expect(counterChanges(event)).toEqual(expected);
  });

  it('merges changes into one update per item and drops what cancels out', () => {
    const merged = changesOf(
      { kind: 'module_completed', courseId: 'c', moduleId: 'm1', at },
      { kind: 'lesson_completed', courseId: 'c', moduleId: 'm1' },
      { kind: 'eligibility_changed', from: 'not_yet', to: 'eligible' },
      { kind: 'eligibility_changed', from: 'eligible', to: 'not_yet' },
    );
    expect(merged).toEqual([
      { target: { kind: 'module', courseId: 'c', moduleId: 'm1' }, fields: { moduleCompletions: 1, lessonCompletions: 1 } },
      { target: { kind: 'day', day: '2026-12-04' }, fields: { moduleCompletions: 1 } },
      { target: { kind: 'week', week: '2026-W49' }, fields: { moduleCompletions: 1 } },
    ]);
    expect(mergeChanges([])).toEqual([]);
  });
});

describe('a founder’s standing against the rule', () => {
  const mod = (ref: string, date: string, ...areas: EvidenceItem['areas']): EvidenceItem => ({ kind: 'module', ref, date, areas });
  const rule = ruleFromPartial({ elearning: 'counts_alone', minDistinctDays: 2, minSpanMonths: 0 });
  it.each<[string, EvidenceItem[], ReturnType<typeof classifyEligibility>]>([
    ['nothing yet', [], 'not_yet'],
    ['three areas on two days: one area short', [mod('a', '2026-11-01', 'management'), mod('b', '2026-11-02', 'finance', 'hr')], 'one_area_short'],
    ['all four areas on two days', [mod('a', '2026-11-01', 'management', 'sales'), mod('b', '2026-11-02', 'finance', 'hr')], 'eligible'],
    ['all four areas on one day: days missing, not "one area short"', [mod('a', '2026-11-01', 'management', 'sales', 'finance', 'hr')], 'not_yet'],
    ['two areas short', [mod('a', '2026-11-01', 'management'), mod('b', '2026-11-02', 'finance')], 'not_yet'],
  ])('%s', (_name, items, expected) => {
    expect(classifyEligibility(rule, items)).toBe(expected);
  });

  it('the typical rule also needs an in-person session, so e-learning alone is never eligible under it', () => {
    const all = [mod('a', '2026-10-01', 'management', 'sales'), mod('b', '2026-10-08', 'finance'), mod('c', '2026-11-02', 'hr'), mod('d', '2026-11-03', 'hr')];
    expect(classifyEligibility(DEFAULT_ELIGIBILITY_RULE, all)).toBe('not_yet');
  });
});
