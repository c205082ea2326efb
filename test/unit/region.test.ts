import { describe, expect, it } from 'vitest';
import { SURVEY_QUESTIONS_R8 } from '../../functions/contract/survey.ts';
import {
  checkDigit, codeProblem, dueSurveyReminder, moduleFlow, type ModuleVersionRatings, municipalFigures, prefectureOf, previousVersion, rankModules, reviseSurvey, surveyState, versionTrend,
} from '../../functions/domain/region.ts';

// Issue 12 points 2, 4 and 6: local-government codes, the figures municipalities are compared on, the survey's
// reminder points and revisions, and the curriculum ranking.

describe('local-government codes (全国地方公共団体コード)', () => {
  it.each([
    ['271004', '大阪府'], ['271403', '大阪府'], ['262013', '京都府'], ['282014', '兵庫県'], ['292010', '奈良県'], ['302015', '和歌山県'], ['252018', '滋賀県'], ['131016', '東京都'], ['011002', '北海道'],
  ])('%s is valid, in %s', (code, pref) => {
    expect(codeProblem(code)).toBeNull();
    expect(prefectureOf(code)).toBe(pref);
  });
  it.each([
    ['271005', 'check_digit'], ['252011', 'check_digit'], ['27100', 'format'], ['2710045', 'format'], ['27100a', 'format'], ['', 'format'],
    ['481003', 'prefecture'], ['001007', 'prefecture'], ['270008', 'prefecture'],
  ])('%s is refused (%s)', (code, problem) => { expect(codeProblem(code)).toBe(problem); });
  it('maps remainders 0 and 1 to check digits 1 and 0', () => {
    // 11 − 0 = 11 → 1; 11 − 1 = 10 → 0.
    expect(checkDigit('29201')).toBe(0); // sum 67, remainder 1
    const zero = ['00000', '11000', '10005'].find((d) => [...d].reduce((n, c, i) => n + Number(c) * (6 - i), 0) % 11 === 0)!;
    expect(checkDigit(zero)).toBe(1);
  });
});

const counts = (o: Partial<Parameters<typeof municipalFigures>[0]> = {}) => municipalFigures({
  founders: 0, activeThisWeek: 0, courseCompleted: 0, present: 0, excused: 0, absent: 0, madeUp: 0, largestSession: 0, feedbackAnswers: 0, usefulnessSum: 0, largestRating: 0, ...o,
});

describe('a municipality’s figures', () => {
  it('divide only when there is something to divide', () => {
    const f = counts();
    for (const v of Object.values(f)) expect(Number.isNaN(v.value)).toBe(true);
  });
  it('say how many founders they stand on: the founders, the largest session, the most-rated module', () => {
    const f = counts({ founders: 40, activeThisWeek: 10, courseCompleted: 4, present: 15, excused: 3, absent: 2, madeUp: 4, largestSession: 10, feedbackAnswers: 30, usefulnessSum: 111, largestRating: 6 });
    expect(f.completionRate).toEqual({ value: 0.1, founders: 40 });
    expect(f.activeRate).toEqual({ value: 0.25, founders: 40 });
    expect(f.attendanceRate).toEqual({ value: 0.75, founders: 10 });
    expect(f.makeUpRate).toEqual({ value: 0.8, founders: 5 });
    expect(f.feedbackScore).toEqual({ value: 3.7, founders: 6 });
  });
});

describe('survey reminders and state', () => {
  const s = { opensAt: '2026-12-01T00:00:00+09:00', closesAt: '2027-01-01T00:00:00+09:00' };
  it.each([
    ['2026-11-30T14:59:59Z', null, 'scheduled'],
    ['2026-11-30T15:00:00Z', 'opened', 'open'],
    ['2026-12-24T14:59:59Z', 'opened', 'open'],
    ['2026-12-24T15:00:00Z', 'week_left', 'open'],
    ['2026-12-30T15:00:00Z', 'day_left', 'open'],
    ['2026-12-31T14:59:59Z', 'day_left', 'open'],
    ['2026-12-31T15:00:00Z', null, 'closed'],
  ])('at %s the reminder due is %s (%s)', (at, due, state) => {
    expect(dueSurveyReminder(s, new Date(at))).toBe(due);
    expect(surveyState(s, new Date(at))).toBe(state);
  });
  it('skips a reminder point before the window opened (a window shorter than a week)', () => {
    const short = { opensAt: '2026-12-28T00:00:00+09:00', closesAt: '2027-01-01T00:00:00+09:00' };
    expect(dueSurveyReminder(short, new Date('2026-12-28T01:00:00Z'))).toBe('opened');
  });
});

describe('survey revisions', () => {
  const base = { fiscalYear: 2026, opensAt: '2026-12-01T00:00:00+09:00', closesAt: '2027-01-01T00:00:00+09:00', questions: SURVEY_QUESTIONS_R8 };
  it('start at version 1, keep it for a new window, and move it when the questions change', () => {
    const v1 = reviseSurvey(undefined, base);
    expect(v1).toMatchObject({ ok: true, survey: { version: 1 } });
    const prev = { ...base, version: 1 };
    expect(reviseSurvey(prev, { ...base, closesAt: '2027-01-15T00:00:00+09:00' })).toMatchObject({ ok: true, survey: { version: 1 }, changedQuestions: false });
    expect(reviseSurvey(prev, { ...base, questions: SURVEY_QUESTIONS_R8.slice(0, 3) })).toMatchObject({ ok: true, survey: { version: 2 }, changedQuestions: true });
  });
  it('refuse a key question whose id changes', () => {
    const prev = { ...base, version: 1 };
    const renamed = SURVEY_QUESTIONS_R8.map((q) => (q.key ? { ...q, id: 'useful' } : q));
    expect(reviseSurvey(prev, { ...base, questions: renamed })).toEqual({ ok: false, problem: 'key_question_changed' });
  });
});

const v = (version: string, answers: number, mean: number, lastAt: string | null = null): ModuleVersionRatings =>
  ({ version, answers, usefulnessSum: answers * mean, helped: 0, comments: 0, distribution: [0, 0, 0, 0, 0], lastAt });

describe('the curriculum ranking', () => {
  it.each([
    [v('b', 5, 4.0), v('a', 5, 3.5), 'better'],
    [v('b', 5, 3.0), v('a', 5, 3.5), 'worse'],
    [v('b', 5, 3.55), v('a', 5, 3.5), 'same'],
    [v('b', 4, 5.0), v('a', 9, 1.0), 'too_few'],
    [v('b', 9, 5.0), v('a', 4, 1.0), 'too_few'],
    [v('b', 9, 5.0), undefined, 'no_previous'],
  ])('current %o against previous %o is %s', (cur, prev, trend) => { expect(versionTrend(cur, prev)).toBe(trend); });

  it('takes the previous version as the other version answered most recently', () => {
    const versions = [v('c', 3, 4, '2026-11-01T00:00:00Z'), v('a', 9, 3, '2026-01-01T00:00:00Z'), v('b', 9, 2, '2026-06-01T00:00:00Z'), v('d', 0, 0, '2026-12-01T00:00:00Z')];
    expect(previousVersion(versions, 'c')?.version).toBe('b');
  });

  it('counts completion and drop-off among those who started', () => {
    expect(moduleFlow(10, 7)).toEqual({ completionRate: 0.7, dropOffRate: 0.3 });
    expect(moduleFlow(3, 5)).toEqual({ completionRate: 1, dropOffRate: 0 }); // counters from before starts were counted
    const none = moduleFlow(0, 0);
    expect(Number.isNaN(none.completionRate) && Number.isNaN(none.dropOffRate)).toBe(true);
  });

  it('puts the least useful first, then the most abandoned, unrated modules last in curriculum order', () => {
    const rows = [
      { id: 'x', order: 0, mean: null, dropOffRate: 0.9 },
      { id: 'y', order: 1, mean: 4.2, dropOffRate: 0.1 },
      { id: 'z', order: 2, mean: 3.1, dropOffRate: 0.2 },
      { id: 'w', order: 3, mean: 3.1, dropOffRate: 0.5 },
      { id: 'u', order: 4, mean: null, dropOffRate: null },
    ];
    expect(rankModules(rows).map((r) => r.id)).toEqual(['w', 'z', 'y', 'x', 'u']);
  });
});
