import { describe, expect, it } from 'vitest';
import { FeedbackBody } from '../../functions/contract/feedback.ts';
import { feedbackCounts, feedbackDelta, type FeedbackRating, feedbackRollupChanges, sameRating } from '../../functions/domain/feedback.ts';

const r = (usefulness: number, helpedPlan: boolean, comment: string | null = null): FeedbackRating => ({ usefulness, helpedPlan, comment });

describe('feedbackDelta', () => {
  it.each([
    ['a first answer', null, r(4, true, 'good'), { answers: 1, usefulnessSum: 4, helped: 1, comments: 1, u4: 1 }],
    ['a changed rating', r(4, true), r(2, true), { usefulnessSum: -2, u4: -1, u2: 1 }],
    ['helped taken back, comment added', r(3, true), r(3, false, 'hmm'), { helped: -1, comments: 1 }],
    ['the same answer', r(5, false, 'x'), r(5, false, 'x'), {}],
    ['only the comment text changed', r(5, false, 'x'), r(5, false, 'y'), {}],
    ['an answer leaving the rollup', r(1, true, 'c'), null, { answers: -1, usefulnessSum: -1, helped: -1, comments: -1, u1: -1 }],
  ] as const)('%s', (_name, prev, next, expected) => {
    expect(feedbackDelta(prev, next)).toEqual(expected);
  });

  it('applied in sequence, always equals the counts of the last answer', () => {
    const steps = [r(1, false), r(5, true, 'a'), r(3, false), r(3, true, 'b'), r(2, false)];
    const total: Record<string, number> = {};
    let prev: FeedbackRating | null = null;
    for (const s of steps) {
      for (const [k, v] of Object.entries(feedbackDelta(prev, s))) total[k] = (total[k] ?? 0) + v;
      prev = s;
    }
    const expected = Object.fromEntries(Object.entries(feedbackCounts([prev!])).filter(([, v]) => v !== 0));
    expect(Object.fromEntries(Object.entries(total).filter(([, v]) => v !== 0))).toEqual(expected);
  });
});

describe('feedbackRollupChanges', () => {
  const at = (tenantId: string, x: FeedbackRating) => ({ ...x, tenantId });
  it.each([
    ['a first answer', null, at('271004', r(4, true)), [{ tenantId: '271004', delta: { answers: 1, usefulnessSum: 4, helped: 1, u4: 1 } }]],
    ['a change in the same municipality', at('271004', r(4, true)), at('271004', r(5, true)), [{ tenantId: '271004', delta: { usefulnessSum: 1, u4: -1, u5: 1 } }]],
    ['nothing that counts changed', at('271004', r(4, true, 'a')), at('271004', r(4, true, 'b')), []],
    ['the founder moved municipality', at('271004', r(4, true)), at('271403', r(4, true)), [
      { tenantId: '271004', delta: { answers: -1, usefulnessSum: -4, helped: -1, u4: -1 } },
      { tenantId: '271403', delta: { answers: 1, usefulnessSum: 4, helped: 1, u4: 1 } },
    ]],
  ] as const)('%s', (_name, prev, next, expected) => {
    expect(feedbackRollupChanges(prev, next)).toEqual(expected);
  });
});

describe('sameRating', () => {
  it.each([
    [null, r(3, true), false],
    [r(3, true), r(3, true), true],
    [r(3, true, null), r(3, true, 'x'), false],
    [r(3, true), r(4, true), false],
    [r(3, true), r(3, false), false],
  ] as const)('%j vs %j → %s', (a, b, same) => { expect(sameRating(a, b)).toBe(same); });
});

describe('FeedbackBody', () => {
  it.each([
    [{ usefulness: 1, helpedPlan: false }, true],
    [{ usefulness: 5, helpedPlan: true, comment: '' }, true],
    [{ usefulness: 5, helpedPlan: true, comment: '行1\n行2' }, true],
    [{ usefulness: 5, helpedPlan: true, comment: 'あ'.repeat(400) }, true],
    [{ usefulness: 5, helpedPlan: true, comment: `  ${'あ'.repeat(400)}  ` }, true],
    [{ usefulness: 5, helpedPlan: true, comment: 'あ'.repeat(401) }, false],
    [{ usefulness: 5, helpedPlan: true, comment: 'x\u0000y' }, false],
    [{ usefulness: 5, helpedPlan: true, comment: 'x\u009by' }, false],
    [{ usefulness: 5, helpedPlan: true, comment: 'x\u007fy' }, false],
    [{ usefulness: 0, helpedPlan: true }, false],
    [{ usefulness: 2.5, helpedPlan: true }, false],
    [{ helpedPlan: true }, false],
  ])('%j → valid %s', (body, ok) => { expect(FeedbackBody.safeParse(body).success).toBe(ok); });

  it('trims and turns CR LF into LF', () => {
    expect(FeedbackBody.parse({ usefulness: 3, helpedPlan: true, comment: '  a\r\nb\rc  ' }).comment).toBe('a\nb\nc');
  });
});
