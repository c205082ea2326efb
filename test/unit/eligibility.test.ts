import { describe, expect, it } from 'vitest';
import type { Area } from '../../functions/contract/catalog.ts';
import {
  DEFAULT_ELIGIBILITY_RULE,
  EligibilityRule,
  type EligibilityRuleInput,
  ruleFromPartial,
} from '../../functions/contract/eligibility.ts';
import {
  addMonths,
  describeMissing,
  evaluateEligibility,
  type EvidenceItem,
  type Missing,
} from '../../functions/domain/eligibility.ts';

const session = (ref: string, date: string, areas: Area[], makeUp?: boolean): EvidenceItem =>
  makeUp === undefined ? { kind: 'session', ref, date, areas } : { kind: 'session', ref, date, areas, makeUp };
const module_ = (ref: string, date: string, areas: Area[]): EvidenceItem => ({ kind: 'module', ref, date, areas });

/** A typical 創業塾: four sessions, one area each, from 2026-04-10 to `lastDate`. */
const seminar = (lastDate: string): EvidenceItem[] => [
  session('s1', '2026-04-10', ['management']),
  session('s2', '2026-04-17', ['finance']),
  session('s3', '2026-04-24', ['hr']),
  session('s4', lastDate, ['sales']),
];

/** The same four areas studied by e-learning only, over one month. */
const elearningOnly: EvidenceItem[] = [
  module_('m-management', '2026-04-10', ['management']),
  module_('m-finance', '2026-04-17', ['finance']),
  module_('m-hr', '2026-04-24', ['hr']),
  module_('m-sales', '2026-05-10', ['sales']),
];

const AREAS_ALL: Area[] = ['management', 'finance', 'hr', 'sales'];

// Municipal variants (domain.md): 秩父市 4 of 5 sessions; 徳島市 one course per area; 神戸市 one month first → last.
const chichibu: EligibilityRuleInput = { sessionsOfTotal: { required: 4, total: 5 }, elearning: 'with_sessions' };
const tokushima: EligibilityRuleInput = { requiredAreas: AREAS_ALL, minDistinctDays: 4, minSpanMonths: 0 };
const kobe: EligibilityRuleInput = { minSpanMonths: 1 };

describe('evaluateEligibility', () => {
  it.each<[string, EligibilityRuleInput, EvidenceItem[], Missing[]]>([
    ['the default rule met exactly: 4 days, 4 areas, one month, sessions', {}, seminar('2026-05-10'), []],
    ['4 sessions within 29 days miss the span', {}, seminar('2026-05-09'),
      [{ kind: 'span', first: '2026-04-10', last: '2026-05-09', earliestLast: '2026-05-10' }]],
    ['a month from the 31st ends on the last day of a short month', {}, [
      session('s1', '2026-01-31', ['management']), session('s2', '2026-02-07', ['finance']),
      session('s3', '2026-02-14', ['hr']), session('s4', '2026-02-28', ['sales']),
    ], []],
    ['an area missing', {}, [...seminar('2026-05-10').slice(0, 3), session('s4', '2026-05-10', ['management'])],
      [{ kind: 'area', area: 'sales' }]],
    ['several things missing at once are all listed, in order', { sessionsOfTotal: { required: 4, total: 5 } }, [
      module_('m1', '2026-04-10', ['management']), module_('m2', '2026-04-20', ['management']),
    ], [
      { kind: 'area', area: 'finance' }, { kind: 'area', area: 'hr' }, { kind: 'area', area: 'sales' },
      { kind: 'days', have: 2, need: 4 },
      { kind: 'span', first: '2026-04-10', last: '2026-04-20', earliestLast: '2026-05-10' },
      { kind: 'sessions', have: 0, need: 1 },
      { kind: 'sessionsOfTotal', have: 0, need: 4, total: 5 },
    ]],
    ['no evidence at all: areas, days and sessions (no span without a first date)', {}, [], [
      { kind: 'area', area: 'management' }, { kind: 'area', area: 'finance' }, { kind: 'area', area: 'hr' },
      { kind: 'area', area: 'sales' }, { kind: 'days', have: 0, need: 4 }, { kind: 'sessions', have: 0, need: 1 },
    ]],
    ['missing areas follow the rule\'s order', { requiredAreas: ['sales', 'hr', 'management'] }, [
      session('s1', '2026-04-10', ['finance']), session('s2', '2026-04-17', ['finance']),
      session('s3', '2026-04-24', ['finance']), session('s4', '2026-05-10', ['finance']),
    ], [{ kind: 'area', area: 'sales' }, { kind: 'area', area: 'hr' }, { kind: 'area', area: 'management' }]],
    ['items on the same date count as one day', {}, [
      session('s1', '2026-04-10', ['management']), module_('m-finance', '2026-04-10', ['finance']),
      module_('m-hr', '2026-04-10', ['hr']), session('s4', '2026-05-10', ['sales']),
    ], [{ kind: 'days', have: 2, need: 4 }]],
    ['the same module completed on two days counts once, on its first day', { elearning: 'counts_alone' }, [
      module_('m-management', '2026-04-10', ['management']), module_('m-finance', '2026-04-10', ['finance']),
      module_('m-hr', '2026-04-24', ['hr']), module_('m-hr', '2026-05-01', ['hr']), module_('m-sales', '2026-05-10', ['sales']),
    ], [{ kind: 'days', have: 3, need: 4 }]],
    ['新宿: one absence made up by a consultation counts', {}, [
      ...seminar('2026-05-10').slice(0, 2), session('s3', '2026-05-01', ['hr'], true), session('s4', '2026-05-10', ['sales']),
    ], []],
    ['a make-up does not count when allowMakeUp is false', { allowMakeUp: false }, [
      ...seminar('2026-05-10').slice(0, 2), session('s3', '2026-05-01', ['hr'], true), session('s4', '2026-05-10', ['sales']),
    ], [{ kind: 'area', area: 'hr' }, { kind: 'days', have: 3, need: 4 }]],
    ['e-learning alone suffices under counts_alone', { elearning: 'counts_alone' }, elearningOnly, []],
    ['e-learning alone under with_sessions still needs a session', { elearning: 'with_sessions' }, elearningOnly,
      [{ kind: 'sessions', have: 0, need: 1 }]],
    ['e-learning plus one session under with_sessions', { elearning: 'with_sessions' },
      [...elearningOnly, session('s1', '2026-04-20', ['management'])], []],
    ['e-learning is ignored under sessions_only', { elearning: 'sessions_only' }, elearningOnly, [
      { kind: 'area', area: 'management' }, { kind: 'area', area: 'finance' }, { kind: 'area', area: 'hr' },
      { kind: 'area', area: 'sales' }, { kind: 'days', have: 0, need: 4 }, { kind: 'sessions', have: 0, need: 1 },
    ]],
    ['sessions_only counts days, areas and span from sessions alone', { elearning: 'sessions_only', minSessions: 4 },
      [...seminar('2026-04-30'), module_('m-late', '2026-05-20', ['sales'])], [
        { kind: 'span', first: '2026-04-10', last: '2026-04-30', earliestLast: '2026-05-10' },
      ]],
    ['minSessions above the sessions held', { minSessions: 5 }, seminar('2026-05-10'), [{ kind: 'sessions', have: 4, need: 5 }]],
    ['秩父市: 4 of 5 sessions attended', chichibu, seminar('2026-05-10'), []],
    ['秩父市: 3 of 5 sessions, with e-learning filling the days', chichibu,
      [...seminar('2026-05-10').slice(0, 3), module_('m-sales', '2026-05-10', ['sales'])],
      [{ kind: 'sessionsOfTotal', have: 3, need: 4, total: 5 }]],
    ['秩父市: a made-up session counts toward 4 of 5', chichibu,
      [...seminar('2026-05-10').slice(0, 3), session('s5', '2026-05-10', ['sales'], true)], []],
    ['秩父市: without make-ups, a made-up session does not', { ...chichibu, allowMakeUp: false },
      [...seminar('2026-05-10').slice(0, 3), session('s5', '2026-05-10', ['sales'], true)], [
        { kind: 'area', area: 'sales' }, { kind: 'days', have: 3, need: 4 },
        { kind: 'span', first: '2026-04-10', last: '2026-04-24', earliestLast: '2026-05-10' },
        { kind: 'sessionsOfTotal', have: 3, need: 4, total: 5 },
      ]],
    ['徳島市: one course per area within one week', tokushima, [
      session('s1', '2026-04-10', ['management']), session('s2', '2026-04-11', ['finance']),
      session('s3', '2026-04-12', ['hr']), session('s4', '2026-04-13', ['sales']),
    ], []],
    ['徳島市: four courses but one area uncovered', tokushima,
      [...seminar('2026-04-30').slice(0, 3), session('s4', '2026-04-30', ['finance'])], [{ kind: 'area', area: 'sales' }]],
    ['神戸市: last date one day short of a month', kobe, seminar('2026-05-09'),
      [{ kind: 'span', first: '2026-04-10', last: '2026-05-09', earliestLast: '2026-05-10' }]],
    ['神戸市: last date exactly one month after the first', kobe, seminar('2026-05-10'), []],
  ])('%s', (_name, partial, items, expected) => {
    // Prepare
    const rule = ruleFromPartial(partial);
    // Act
    const result = evaluateEligibility(rule, items);
    // Assess
    expect(result.missing).toEqual(expected);
    expect(result.eligible).toBe(expected.length === 0);
  });

  it('reports the counted evidence, dates, days and areas', () => {
    // Prepare
    const items = [
      module_('m-sales', '2026-05-10', ['sales']),
      session('s1', '2026-04-10', ['management', 'finance']),
      session('s2', '2026-04-17', ['hr'], true),
      module_('m-hr', '2026-04-10', ['hr']),
    ];
    const rule = ruleFromPartial({ allowMakeUp: false });
    // Act
    const result = evaluateEligibility(rule, items);
    // Assess
    expect(result.countedItems.map((i) => i.ref)).toEqual(['s1', 'm-hr', 'm-sales']);
    expect(result).toMatchObject({ firstDate: '2026-04-10', lastDate: '2026-05-10', distinctDays: 2 });
    expect(result.coveredAreas).toEqual(['management', 'finance', 'hr', 'sales']);
  });

  it('is deterministic whatever the input order, and does not mutate its inputs', () => {
    // Prepare
    const items = [...seminar('2026-05-09'), module_('m-x', '2026-04-17', ['sales'])];
    const frozen = Object.freeze(items.map((i) => Object.freeze({ ...i, areas: Object.freeze([...i.areas]) as Area[] })));
    const before = JSON.stringify(frozen);
    // Act
    const forward = evaluateEligibility(DEFAULT_ELIGIBILITY_RULE, frozen);
    const backward = evaluateEligibility(DEFAULT_ELIGIBILITY_RULE, [...frozen].reverse());
    // Assess
    expect(JSON.stringify(frozen)).toBe(before);
    expect(backward.missing).toEqual(forward.missing);
    expect(backward.countedItems.map((i) => i.ref).sort()).toEqual(forward.countedItems.map((i) => i.ref).sort());
    expect(backward.distinctDays).toBe(forward.distinctDays);
  });

  it('rejects a malformed date', () => {
    expect(() => evaluateEligibility(DEFAULT_ELIGIBILITY_RULE, [session('s1', '2026-02-30', ['hr'])])).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it.each<[string, string, number, string]>([
    ['one month', '2026-04-10', 1, '2026-05-10'],
    ['31 January + 1 clamps to 28 February', '2026-01-31', 1, '2026-02-28'],
    ['31 January + 1 in a leap year clamps to 29 February', '2028-01-31', 1, '2028-02-29'],
    ['31 March + 1 clamps to 30 April', '2026-03-31', 1, '2026-04-30'],
    ['across the year end', '2026-12-15', 1, '2027-01-15'],
    ['twelve months from a leap day', '2028-02-29', 12, '2029-02-28'],
    ['zero months', '2026-04-10', 0, '2026-04-10'],
    ['backwards', '2026-03-31', -1, '2026-02-28'],
  ])('%s', (_name, date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([['not a date', 'tomorrow', 1], ['no 13th month', '2026-13-01', 1], ['a fractional month', '2026-04-10', 0.5]])(
    'rejects %s', (_name, date, months) => {
      expect(() => addMonths(date as string, months as number)).toThrow(RangeError);
    },
  );
});

describe('EligibilityRule', () => {
  it('fills the defaults: all four areas, 4 days over one month, e-learning with one session, make-ups allowed', () => {
    expect(DEFAULT_ELIGIBILITY_RULE).toEqual({
      requiredAreas: ['management', 'finance', 'hr', 'sales'],
      minDistinctDays: 4,
      minSpanMonths: 1,
      elearning: 'with_sessions',
      minSessions: 1,
      allowMakeUp: true,
      allowOnline: true,
    });
    expect(ruleFromPartial({ minDistinctDays: 5 })).toEqual({ ...DEFAULT_ELIGIBILITY_RULE, minDistinctDays: 5 });
  });

  it('gives each parse its own default areas', () => {
    const a = ruleFromPartial({});
    a.requiredAreas.pop();
    expect(ruleFromPartial({}).requiredAreas).toHaveLength(4);
    expect(DEFAULT_ELIGIBILITY_RULE.requiredAreas).toHaveLength(4);
  });

  it.each<[string, unknown]>([
    ['an unknown key', { minDays: 4 }],
    ['empty areas', { requiredAreas: [] }],
    ['repeated areas', { requiredAreas: ['finance', 'finance'] }],
    ['an unknown area', { requiredAreas: ['legal'] }],
    ['minDistinctDays 0', { minDistinctDays: 0 }],
    ['minDistinctDays 21', { minDistinctDays: 21 }],
    ['a fractional minDistinctDays', { minDistinctDays: 3.5 }],
    ['minSpanMonths 13', { minSpanMonths: 13 }],
    ['an unknown e-learning policy', { elearning: 'sometimes' }],
    ['minSessions 21', { minSessions: 21 }],
    ['sessionsOfTotal requiring more than the total', { sessionsOfTotal: { required: 6, total: 5 } }],
    ['an unknown key in sessionsOfTotal', { sessionsOfTotal: { required: 4, total: 5, of: 5 } }],
  ])('rejects %s', (_name, input) => {
    expect(EligibilityRule.safeParse(input).success).toBe(false);
  });
});

describe('describeMissing', () => {
  it.each<[string, Missing, string, string]>([
    ['an area', { kind: 'area', area: 'finance' }, '財務の学習がまだありません', 'No study of finance yet.'],
    ['an area (人材育成)', { kind: 'area', area: 'hr' }, '人材育成の学習がまだありません', 'No study of human resources yet.'],
    ['days', { kind: 'days', have: 2, need: 4 }, '受講日があと2日必要です（現在2日・必要4日）',
      '2 more days of study needed (2 so far, 4 required).'],
    ['one day', { kind: 'days', have: 3, need: 4 }, '受講日があと1日必要です（現在3日・必要4日）',
      '1 more day of study needed (3 so far, 4 required).'],
    ['span', { kind: 'span', first: '2026-04-10', last: '2026-05-09', earliestLast: '2026-05-10' },
      '最初の受講日（2026年4月10日）から1か月以上あけて、2026年5月10日以降に受講する必要があります',
      'Study again on or after 10 May 2026: the last day must be at least 1 month after the first (10 Apr 2026).'],
    ['span of two months from a month end', { kind: 'span', first: '2026-12-31', last: '2027-01-31', earliestLast: '2027-02-28' },
      '最初の受講日（2026年12月31日）から2か月以上あけて、2027年2月28日以降に受講する必要があります',
      'Study again on or after 28 Feb 2027: the last day must be at least 2 months after the first (31 Dec 2026).'],
    ['sessions', { kind: 'sessions', have: 0, need: 1 }, '対面講座への出席があと1回必要です（現在0回・必要1回）',
      '1 more in-person session needed (0 attended, 1 required).'],
    ['sessions of total', { kind: 'sessionsOfTotal', have: 3, need: 4, total: 5 },
      '全5回の講座のうち4回以上の出席が必要です（現在3回・あと1回）', 'Attend at least 4 of the 5 sessions (3 so far, 1 to go).'],
  ])('%s', (_name, missing, ja, en) => {
    expect(describeMissing(missing, 'ja')).toBe(ja);
    expect(describeMissing(missing, 'en')).toBe(en);
  });
});
