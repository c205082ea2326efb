import { describe, expect, it } from 'vitest';
import { type Assignment, assignmentState, finishedBy, orderForFounder } from '../../functions/domain/assignments.ts';

const a = (o: Partial<Assignment>): Assignment => ({
  id: 'a', userId: 'u', tenantId: '271004', courseId: 'kiso', moduleIds: ['m1'], dueOn: '2026-12-10', note: null,
  source: { kind: 'advisor', byUserId: 'adv', byName: '指導員' }, createdAt: '2026-12-01T00:00:00.000Z', completedAt: null, ...o,
});

describe('assignments (domain)', () => {
  it('is due soon on its day and the day before, overdue from the day after, done once completed', () => {
    expect(assignmentState(a({ dueOn: '2026-12-10' }), '2026-12-07')).toBe('open');
    expect(assignmentState(a({ dueOn: '2026-12-10' }), '2026-12-09')).toBe('due_soon');
    expect(assignmentState(a({ dueOn: '2026-12-10' }), '2026-12-10')).toBe('due_soon');
    expect(assignmentState(a({ dueOn: '2026-12-10' }), '2026-12-11')).toBe('overdue');
    expect(assignmentState(a({ dueOn: '2026-12-31' }), '2027-01-01')).toBe('overdue');
    expect(assignmentState(a({ completedAt: '2026-12-12T00:00:00.000Z' }), '2026-12-20')).toBe('done');
  });

  it('is finished when every module it names is complete, and only once', () => {
    const open = [a({ id: 'one', moduleIds: ['m1'] }), a({ id: 'two', moduleIds: ['m1', 'm2'] }), a({ id: 'closed', completedAt: '2026-12-02T00:00:00.000Z' })];
    expect(finishedBy(open, new Set(['m1'])).map((x) => x.id)).toEqual(['one']);
    expect(finishedBy(open, new Set(['m1', 'm2'])).map((x) => x.id)).toEqual(['one', 'two']);
    expect(finishedBy(open, new Set())).toEqual([]);
  });

  it('orders make-ups first, then by due date (overdue lead), then the done ones, newest first', () => {
    const list = [
      a({ id: 'later', dueOn: '2026-12-20' }),
      a({ id: 'done-old', completedAt: '2026-11-01T00:00:00.000Z' }),
      a({ id: 'overdue', dueOn: '2026-11-30' }),
      a({ id: 'makeup', dueOn: '2026-12-25', source: { kind: 'makeup', sessionId: 's1', sessionTitle: '第3回', areas: ['finance'] } }),
      a({ id: 'done-new', completedAt: '2026-12-03T00:00:00.000Z' }),
    ];
    expect(orderForFounder(list).map((x) => x.id)).toEqual(['makeup', 'overdue', 'later', 'done-new', 'done-old']);
  });
});
