import { describe, expect, it } from 'vitest';
import { attentionReasons, orderByAttention } from '../../functions/domain/caseload.ts';

// Who an advisor should call first: the rule of the caseload's order (issue 11).
const now = new Date('2026-12-04T00:00:00Z');
const f = (name: string, o: Partial<Parameters<typeof attentionReasons>[0]> = {}) => ({ name, lastActiveAt: '2026-12-03T00:00:00Z', overdueAssignments: 0, eligibility: 'not_yet' as const, ...o });

describe('the caseload order', () => {
  it('names why a founder needs attention', () => {
    expect(attentionReasons(f('a', { overdueAssignments: 2, lastActiveAt: null, eligibility: 'one_area_short' }), now)).toEqual(['overdue', 'never_started', 'one_area_short']);
    expect(attentionReasons(f('b', { lastActiveAt: '2026-11-20T00:00:00Z' }), now)).toEqual(['quiet']);
    expect(attentionReasons(f('c', { lastActiveAt: '2026-11-20T00:00:01Z' }), now)).toEqual([]);
  });

  it('overdue first (more first), then quiet or never started (quietest first), then one area short, then the rest', () => {
    const list = [
      f('rest'), f('short', { eligibility: 'one_area_short' }), f('quiet', { lastActiveAt: '2026-11-01T00:00:00Z' }), f('never', { lastActiveAt: null }),
      f('overdue1', { overdueAssignments: 1 }), f('overdue3', { overdueAssignments: 3, lastActiveAt: '2026-12-03T12:00:00Z' }),
    ];
    expect(orderByAttention(list, now).map((x) => x.name)).toEqual(['overdue3', 'overdue1', 'never', 'quiet', 'short', 'rest']);
  });

  it('an assignment due within a week comes after a waiting plan and before quiet', () => {
    expect(attentionReasons(f('d', { dueSoonAssignments: 1 }), now)).toEqual(['due_soon']);
    const list = [f('quiet', { lastActiveAt: '2026-11-01T00:00:00Z' }), f('soon', { dueSoonAssignments: 1 }), f('plan', { planStatus: 'submitted', planUpdatedAt: '2026-12-01T00:00:00Z' }), f('rest')];
    expect(orderByAttention(list, now).map((x) => x.name)).toEqual(['plan', 'soon', 'quiet', 'rest']);
  });

  it('a plan waiting for review comes after overdue and before quiet, the longest waiting first; other plan states do not count', () => {
    const waiting = (name: string, at: string) => f(name, { planStatus: 'submitted', planUpdatedAt: at });
    expect(attentionReasons(waiting('w', '2026-12-01T00:00:00Z'), now)).toEqual(['plan_waiting']);
    expect(attentionReasons(f('r', { planStatus: 'reviewed', planUpdatedAt: '2026-12-01T00:00:00Z' }), now)).toEqual([]);
    const list = [
      f('never', { lastActiveAt: null }), waiting('recent', '2026-12-03T00:00:00Z'), f('draft', { planStatus: 'draft', lastActiveAt: null }),
      waiting('older', '2026-11-30T00:00:00Z'), f('overdue', { overdueAssignments: 1 }),
    ];
    expect(orderByAttention(list, now).map((x) => x.name)).toEqual(['overdue', 'older', 'recent', 'draft', 'never']);
  });
});

describe('assignment reminders', () => {
  it('due soon today or tomorrow, overdue from the day after the due day, each once', async () => {
    const { assignmentReminderDue } = await import('../../functions/domain/reminders.ts');
    const none = { dueSoon: false, overdue: false };
    expect(assignmentReminderDue('2026-12-05', '2026-12-03', none)).toBeNull();
    expect(assignmentReminderDue('2026-12-05', '2026-12-04', none)).toBe('due_soon');
    expect(assignmentReminderDue('2026-12-05', '2026-12-05', none)).toBe('due_soon');
    expect(assignmentReminderDue('2026-12-05', '2026-12-05', { dueSoon: true, overdue: false })).toBeNull();
    expect(assignmentReminderDue('2026-12-05', '2026-12-06', { dueSoon: true, overdue: false })).toBe('overdue');
    expect(assignmentReminderDue('2026-12-05', '2026-12-09', { dueSoon: true, overdue: true })).toBeNull();
  });
});
