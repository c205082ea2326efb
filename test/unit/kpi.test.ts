import { describe, expect, it } from 'vitest';
import { answerFits, SURVEY_QUESTIONS_R8, type SurveyAnswer, SurveyDefinition } from '../../functions/contract/survey.ts';
import {
  benchmark, computeKpi, fiscalYearBounds, fiscalYearLabel, fiscalYearOf, type KpiMunicipality, kpiTrend, median, municipalFigure, regionalMedian,
} from '../../functions/domain/kpi.ts';

// Issue 12 points 2, 3 and 5: the fiscal year, the survey as data, the KPI math and the benchmarks' suppression.

describe('fiscal years (April–March, Japan time)', () => {
  it.each([
    ['2026-04-01T00:00:00+09:00', 2026],
    ['2026-03-31T14:59:59.999Z', 2025], // 23:59:59.999 on 31 March in Japan
    ['2026-03-31T15:00:00.000Z', 2026], // midnight of 1 April in Japan
    ['2027-03-31T23:59:59+09:00', 2026],
    ['2026-12-04T10:00:00+09:00', 2026],
    ['2027-01-01T00:00:00+09:00', 2026],
  ])('%s is in FY%i', (at, fy) => {
    expect(fiscalYearOf(at)).toBe(fy);
    expect(fiscalYearOf(new Date(at))).toBe(fy);
  });

  it.each([
    [2026, '令和8年度', 'FY2026 (Reiwa 8)'],
    [2019, '令和元年度', 'FY2019 (Reiwa 1)'],
    [2020, '令和2年度', 'FY2020 (Reiwa 2)'],
  ])('FY%i is %s', (fy, ja, en) => { expect(fiscalYearLabel(fy)).toEqual({ ja, en }); });

  it('has no 令和 label before 2019', () => { expect(() => fiscalYearLabel(2018)).toThrow(RangeError); });

  it('knows its bounds: 2026-04-01 … 2027-03-31 is 令和8年度', () => {
    expect(fiscalYearBounds(2026)).toEqual({
      firstDay: '2026-04-01', lastDay: '2027-03-31', start: '2026-03-31T15:00:00.000Z', end: '2027-03-31T15:00:00.000Z',
    });
    expect(fiscalYearOf(fiscalYearBounds(2026).start)).toBe(2026);
    expect(fiscalYearOf(new Date(Date.parse(fiscalYearBounds(2026).end) - 1))).toBe(2026);
    expect(fiscalYearOf(fiscalYearBounds(2026).end)).toBe(2027);
  });
});

const survey = (o: Partial<SurveyDefinition> = {}): SurveyDefinition => SurveyDefinition.parse({
  fiscalYear: 2026, version: 1, opensAt: '2027-01-10T00:00:00+09:00', closesAt: '2027-02-28T00:00:00+09:00', questions: SURVEY_QUESTIONS_R8, ...o,
});

describe('the survey as data', () => {
  it('accepts the 令和8年度 questions: one key yes/no question and the Likert items', () => {
    const s = survey();
    expect(s.questions.filter((q) => q.key).map((q) => [q.id, q.kind])).toEqual([['effective', 'yes_no']]);
    expect(s.questions.filter((q) => q.kind === 'likert5').map((q) => q.id)).toEqual(['seminar_fit', 'less_work', 'founder_use']);
    expect(s.questions.every((q) => q.text.ja && q.text.en)).toBe(true);
  });

  it.each([
    ['no key question', { questions: SURVEY_QUESTIONS_R8.map(({ key: _k, ...q }) => q) }],
    ['two key questions', { questions: [...SURVEY_QUESTIONS_R8, { ...SURVEY_QUESTIONS_R8[0]!, id: 'effective2' }] }],
    ['a Likert key question', { questions: SURVEY_QUESTIONS_R8.map((q) => (q.key ? { ...q, kind: 'likert5' as const } : q)) }],
    ['duplicate ids', { questions: [...SURVEY_QUESTIONS_R8, { ...SURVEY_QUESTIONS_R8[1]! }] }],
    ['a window that closes before it opens', { opensAt: '2027-03-01T00:00:00+09:00' }],
  ])('refuses %s', (_name, over) => {
    expect(SurveyDefinition.safeParse({ fiscalYear: 2026, version: 1, opensAt: '2027-01-10T00:00:00+09:00', closesAt: '2027-02-28T00:00:00+09:00', questions: SURVEY_QUESTIONS_R8, ...over }).success).toBe(false);
  });

  it.each([
    ['effective', true, true], ['effective', 'yes', false], ['effective', undefined, false],
    ['seminar_fit', 3, true], ['seminar_fit', 0, false], ['seminar_fit', 6, false], ['seminar_fit', true, false],
    ['comments', 'とても良い', true], ['comments', undefined, true], ['comments', 4, false],
  ] as const)('%s answered %j fits: %s', (id, value, ok) => {
    expect(answerFits(SURVEY_QUESTIONS_R8.find((q) => q.id === id)!, value)).toBe(ok);
  });
});

// ------------------------------------------------------------------------------------------------------------- KPI

const JOINED = '2026-04-01T09:00:00+09:00';
const town = (tenantId: string, prefecture = '大阪府', joinedAt = JOINED): KpiMunicipality => ({ tenantId, prefecture, joinedAt });
const IN = '2027-01-20T10:00:00+09:00';
const answer = (tenantId: string, effective: boolean, at = IN, fiscalYear = 2026): SurveyAnswer =>
  ({ tenantId, fiscalYear, surveyVersion: 1, at, answers: { effective, seminar_fit: 4, less_work: 3, founder_use: 4 } });
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(270000 + i * 10).padStart(6, '0'));

describe('computeKpi', () => {
  const cases: Array<{ name: string; towns: KpiMunicipality[]; answers: SurveyAnswer[]; expect: Record<string, unknown> }> = [
    { name: 'no answers: all pending, no share, below the line', towns: ids(4).map((t) => town(t)), answers: [],
      expect: { expected: 4, responded: 0, effective: 0, notEffective: 0, pending: 4, effectiveShare: null, responseRate: 0, meetsTarget: false } },
    { name: 'no municipalities at all', towns: [], answers: [],
      expect: { expected: 0, responded: 0, pending: 0, effectiveShare: null, responseRate: null, meetsTarget: false } },
    { name: 'all yes', towns: ids(3).map((t) => town(t)), answers: ids(3).map((t) => answer(t, true)),
      expect: { expected: 3, responded: 3, effective: 3, pending: 0, effectiveShare: 1, responseRate: 1, meetsTarget: true } },
    { name: 'exactly 80 % meets the line (4 of 5)', towns: ids(5).map((t) => town(t)), answers: ids(5).map((t, i) => answer(t, i < 4)),
      expect: { responded: 5, effective: 4, effectiveShare: 0.8, meetsTarget: true } },
    { name: '79.9 % does not (799 of 1000)', towns: ids(1000).map((t) => town(t)), answers: ids(1000).map((t, i) => answer(t, i < 799)),
      expect: { responded: 1000, effective: 799, effectiveShare: 0.799, meetsTarget: false } },
    { name: 'exactly 80 % of 1000 meets it too (800 of 1000)', towns: ids(1000).map((t) => town(t)), answers: ids(1000).map((t, i) => answer(t, i < 800)),
      expect: { effective: 800, meetsTarget: true } },
    { name: 'the share is of responding municipalities; pending ones count in the response rate only',
      towns: ids(10).map((t) => town(t)), answers: ids(2).map((t, i) => answer(t, i === 0)),
      expect: { expected: 10, responded: 2, effective: 1, notEffective: 1, pending: 8, effectiveShare: 0.5, responseRate: 0.2, meetsTarget: false } },
    { name: 'a changed answer counts once, with its latest value inside the window',
      towns: ids(2).map((t) => town(t)),
      answers: [answer(ids(1)[0]!, false, '2027-01-15T10:00:00+09:00'), answer(ids(1)[0]!, true, '2027-02-01T10:00:00+09:00'), answer(ids(2)[1]!, true)],
      expect: { responded: 2, effective: 2, notEffective: 0, effectiveShare: 1 } },
    { name: 'a change after the window closed does not count; the last answer inside it does',
      towns: [town(ids(1)[0]!)],
      answers: [answer(ids(1)[0]!, true, '2027-02-27T23:59:59+09:00'), answer(ids(1)[0]!, false, '2027-02-28T00:00:00+09:00')],
      expect: { responded: 1, effective: 1, notEffective: 0 } },
    { name: 'an answer only after the window leaves the municipality pending',
      towns: [town(ids(1)[0]!)], answers: [answer(ids(1)[0]!, true, '2027-03-05T10:00:00+09:00')],
      expect: { responded: 0, pending: 1, effectiveShare: null } },
    { name: 'an answer before the window opens does not count',
      towns: [town(ids(1)[0]!)], answers: [answer(ids(1)[0]!, true, '2027-01-09T23:59:59+09:00')],
      expect: { responded: 0, pending: 1 } },
    { name: 'an answer of another fiscal year does not count',
      towns: [town(ids(1)[0]!)], answers: [answer(ids(1)[0]!, true, IN, 2025)],
      expect: { responded: 0, pending: 1 } },
    { name: 'a municipality that joined mid-year, before the window closed, is expected',
      towns: [town(ids(2)[0]!), town(ids(2)[1]!, '大阪府', '2027-02-27T12:00:00+09:00')], answers: [answer(ids(2)[0]!, true)],
      expect: { expected: 2, responded: 1, pending: 1, responseRate: 0.5 } },
    { name: 'a municipality that joined after the window closed is not expected this year',
      towns: [town(ids(2)[0]!), town(ids(2)[1]!, '大阪府', '2027-03-01T09:00:00+09:00')], answers: [answer(ids(2)[0]!, true)],
      expect: { expected: 1, responded: 1, pending: 0, responseRate: 1 } },
    { name: 'an answer from a municipality not on the platform is ignored',
      towns: [town(ids(1)[0]!)], answers: [answer('999999', true)],
      expect: { expected: 1, responded: 0 } },
  ];
  it.each(cases)('$name', (c) => {
    expect(computeKpi(c.towns, c.answers, survey())).toMatchObject(c.expect);
  });

  it('lists every expected municipality with its status: a pending one is never yes or no', () => {
    const k = computeKpi([town('271004'), town('271403'), town('272027')], [answer('271004', true), answer('271403', false)], survey());
    expect(k.municipalities).toEqual([
      { tenantId: '271004', prefecture: '大阪府', status: 'effective', answeredAt: IN },
      { tenantId: '271403', prefecture: '大阪府', status: 'not_effective', answeredAt: IN },
      { tenantId: '272027', prefecture: '大阪府', status: 'pending', answeredAt: null },
    ]);
    expect(k.label).toEqual({ ja: '令和8年度', en: 'FY2026 (Reiwa 8)' });
  });

  it('gives the same figures by prefecture', () => {
    const towns = [town('271004', '大阪府'), town('271403', '大阪府'), town('261009', '京都府'), town('281000', '兵庫県'), town('282014', '兵庫県')];
    const k = computeKpi(towns, [answer('271004', true), answer('271403', false), answer('261009', true), answer('281000', true)], survey());
    expect(k.byPrefecture).toEqual([
      { prefecture: '京都府', expected: 1, responded: 1, effective: 1, notEffective: 0, pending: 0, effectiveShare: 1, responseRate: 1, meetsTarget: true },
      { prefecture: '兵庫県', expected: 2, responded: 1, effective: 1, notEffective: 0, pending: 1, effectiveShare: 1, responseRate: 0.5, meetsTarget: true },
      { prefecture: '大阪府', expected: 2, responded: 2, effective: 1, notEffective: 1, pending: 0, effectiveShare: 0.5, responseRate: 1, meetsTarget: false },
    ]);
    expect(k).toMatchObject({ expected: 5, responded: 4, effective: 3, effectiveShare: 0.75, meetsTarget: false });
  });

  it('draws the trend across fiscal years, oldest first', () => {
    const towns = [town('271004', '大阪府', '2025-06-01T09:00:00+09:00'), town('271403')];
    const s25 = survey({ fiscalYear: 2025, opensAt: '2026-01-10T00:00:00+09:00', closesAt: '2026-02-28T00:00:00+09:00' });
    const answers = [answer('271004', false, '2026-01-20T10:00:00+09:00', 2025), answer('271004', true), answer('271403', true)];
    expect(kpiTrend(towns, answers, [survey(), s25])).toEqual([
      // 271403 joined in April 2026: not expected in 令和7年度.
      { fiscalYear: 2025, label: { ja: '令和7年度', en: 'FY2025 (Reiwa 7)' }, effectiveShare: 0, responseRate: 1, responded: 1, expected: 1, meetsTarget: false },
      { fiscalYear: 2026, label: { ja: '令和8年度', en: 'FY2026 (Reiwa 8)' }, effectiveShare: 1, responseRate: 1, responded: 2, expected: 2, meetsTarget: true },
    ]);
  });
});

// ------------------------------------------------------------------------------------------------------ suppression

describe('suppression for benchmarks', () => {
  it.each([
    [[], { suppressed: true, reason: 'few_municipalities', n: 0 }],
    [[0.5, 0.6, 0.7, 0.8], { suppressed: true, reason: 'few_municipalities', n: 4 }],
    [[0.5, 0.6, 0.7, 0.8, 0.9], { suppressed: false, value: 0.7, n: 5 }],
    [[0.9, 0.1, 0.5, 0.3, 0.7, 0.2], { suppressed: false, value: 0.4, n: 6 }],
    [[1, 2, 3, 4, Number.NaN], { suppressed: true, reason: 'few_municipalities', n: 4 }],
  ] as const)('regionalMedian(%j) → %j', (values, expected) => {
    const r = regionalMedian(values);
    if (!r.suppressed && !expected.suppressed) expect(r.value).toBeCloseTo(expected.value, 10);
    expect({ ...r, ...('value' in r ? { value: 'v' } : {}) }).toEqual({ ...expected, ...('value' in expected ? { value: 'v' } : {}) });
  });

  it.each([
    [0.4, 0, { suppressed: true, reason: 'few_founders', n: 0 }],
    [0.4, 4, { suppressed: true, reason: 'few_founders', n: 4 }],
    [0.4, 5, { suppressed: false, value: 0.4, n: 5 }],
    [Number.NaN, 10, { suppressed: true, reason: 'few_founders', n: 10 }],
  ])('municipalFigure(%d, %i founders) → %j', (value, founders, expected) => {
    expect(municipalFigure(value, founders)).toEqual(expected);
  });

  it('builds the regional median only from municipal figures that may be shown', () => {
    const region = [
      { value: 0.9, founders: 2 }, { value: 0.1, founders: 3 },
      { value: 0.4, founders: 5 }, { value: 0.5, founders: 8 }, { value: 0.6, founders: 20 }, { value: 0.7, founders: 50 },
    ];
    expect(benchmark({ value: 0.9, founders: 2 }, region)).toEqual({
      own: { suppressed: true, reason: 'few_founders', n: 2 },
      region: { suppressed: true, reason: 'few_municipalities', n: 4 },
    });
    expect(benchmark({ value: 0.55, founders: 12 }, [...region, { value: 0.8, founders: 6 }])).toEqual({
      own: { suppressed: false, value: 0.55, n: 12 },
      region: { suppressed: false, value: 0.6, n: 5 },
    });
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
