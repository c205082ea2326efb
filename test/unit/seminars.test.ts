import { describe, expect, it } from 'vitest';
import { ruleFromPartial } from '../../functions/contract/eligibility.ts';
import { escapeText, foldLine, icsOf, jstLocal } from '../../functions/domain/calendar.ts';
import { describeRule, evaluateEligibility } from '../../functions/domain/eligibility.ts';
import {
  acceptableSteps, type Attendance, CHECKIN_STEP_SECONDS, checkinWindow, countDelta, followUpOf, noticeOpen, orderFollowUp, owesMakeUp, planMark,
  replaceSessionEvidence, sessionEvidence, sessionState, stepOf,
} from '../../functions/domain/seminars.ts';
import { japanDay } from '../../functions/domain/totals.ts';

// The pure rules of blended seminars: the check-in window and its rotating steps, the counts, who owes a make-up,
// the follow-up list, and what a mark adds to a founder's evidence.
const session = { id: 's1', startsAt: '2026-12-10T10:00:00.000Z', endsAt: '2026-12-10T12:00:00.000Z', areas: ['finance' as const], followedUpAt: null };
const mark = (o: Partial<Attendance> = {}): Attendance => ({
  sessionId: 's1', userId: 'u1', status: 'absent', via: 'staff', online: false, markedAt: '2026-12-10T10:05:00.000Z', markedBy: 'staff',
  makeUpAssignmentId: null, makeUpDueOn: null, madeUpAt: null, makeUpMailedAt: null, ...o,
});

describe('the check-in window', () => {
  it('opens 30 minutes before the start and closes at the end; the state follows it', () => {
    expect(checkinWindow(session).opensAt.toISOString()).toBe('2026-12-10T09:30:00.000Z');
    expect(sessionState(session, new Date('2026-12-10T09:29:59Z'))).toBe('upcoming');
    expect(sessionState(session, new Date('2026-12-10T09:30:00Z'))).toBe('open');
    expect(sessionState(session, new Date('2026-12-10T12:00:00Z'))).toBe('ended');
    expect(sessionState({ ...session, followedUpAt: '2026-12-10T12:10:00Z' }, new Date('2026-12-10T12:20:00Z'))).toBe('followed_up');
    expect(noticeOpen(session, new Date('2026-12-10T09:29:59Z'))).toBe(true);
    expect(noticeOpen(session, new Date('2026-12-10T09:30:00Z'))).toBe(false);
  });

  it('accepts the current step and two before it, never a step before the doors opened, and nothing once closed', () => {
    const now = new Date('2026-12-10T10:00:45Z');
    const k = stepOf(now);
    expect(acceptableSteps(session, now)).toEqual([k, k - 1, k - 2]);
    const justOpened = new Date(Date.parse('2026-12-10T09:30:00Z') + 5_000);
    expect(acceptableSteps(session, justOpened)).toEqual([stepOf(justOpened)]);
    expect(acceptableSteps(session, new Date('2026-12-10T12:00:00Z'))).toEqual([]);
    expect(acceptableSteps(session, new Date('2026-12-10T09:00:00Z'))).toEqual([]);
    expect(CHECKIN_STEP_SECONDS).toBe(30);
  });
});

describe('counts and follow-up', () => {
  it('a change of mark moves exactly the counts it changes', () => {
    expect(countDelta(null, mark({ status: 'present' }))).toEqual({ present: 1 });
    expect(countDelta(mark({ status: 'present' }), mark({ status: 'present' }))).toEqual({});
    expect(countDelta(mark(), mark({ madeUpAt: '2026-12-12T01:00:00Z' }))).toEqual({ madeUp: 1 });
    expect(countDelta(mark({ madeUpAt: '2026-12-12T01:00:00Z' }), mark({ status: 'present', madeUpAt: '2026-12-12T01:00:00Z' }))).toEqual({ absent: -1, madeUp: -1, present: 1 });
    expect(countDelta(mark({ status: 'excused' }), mark({ status: 'absent' }))).toEqual({ excused: -1, absent: 1 });
  });

  it('everyone of the cohort not present owes a make-up, also those who said they could not come', () => {
    const marks = new Map([['a', { status: 'present' as const }], ['b', { status: 'excused' as const }], ['c', { status: 'absent' as const }]]);
    expect(owesMakeUp(['a', 'b', 'c', 'd'], marks)).toEqual(['b', 'c', 'd']);
  });

  it('the follow-up of each founder, overdue first', () => {
    const today = '2026-12-25';
    expect(followUpOf(null, today)).toEqual({ followUp: 'unmarked', makeUpState: null });
    expect(followUpOf(mark({ status: 'excused' }), today).followUp).toBe('excused');
    expect(followUpOf(mark({ status: 'present' }), today).followUp).toBe('present');
    expect(followUpOf(mark({ makeUpDueOn: '2026-12-24' }), today)).toEqual({ followUp: 'overdue', makeUpState: 'overdue' });
    expect(followUpOf(mark({ makeUpDueOn: '2026-12-31' }), today)).toEqual({ followUp: 'pending', makeUpState: 'open' });
    expect(followUpOf(mark({ makeUpDueOn: '2026-12-24', madeUpAt: '2026-12-20T01:00:00Z' }), today)).toEqual({ followUp: 'made_up', makeUpState: 'done' });
    const rows = [
      { name: '鈴木', followUp: 'present' as const }, { name: '佐藤', followUp: 'overdue' as const }, { name: '阿部', followUp: 'made_up' as const },
      { name: '伊藤', followUp: 'pending' as const }, { name: '安藤', followUp: 'overdue' as const },
    ];
    expect(orderFollowUp(rows).map((r) => r.name).slice(0, 2).sort()).toEqual(['佐藤', '安藤'].sort());
    expect(orderFollowUp(rows).map((r) => r.followUp)).toEqual(['overdue', 'overdue', 'pending', 'made_up', 'present']);
  });
});

describe('what a mark adds to the evidence', () => {
  it('present on the session’s Japan day (online when through the link); made up on the day it was completed; absent nothing', () => {
    expect(sessionEvidence(session, mark({ status: 'present' }), japanDay)).toEqual({ kind: 'session', ref: 's1', date: '2026-12-10', areas: ['finance'] });
    expect(sessionEvidence(session, mark({ status: 'present', online: true }), japanDay)).toMatchObject({ online: true });
    expect(sessionEvidence(session, mark({ madeUpAt: '2026-12-12T16:00:00Z' }), japanDay)).toEqual({ kind: 'session', ref: 's1', date: '2026-12-13', areas: ['finance'], makeUp: true });
    expect(sessionEvidence(session, mark(), japanDay)).toBeNull();
    const list = [{ kind: 'module' as const, ref: 'kiso/m1', date: '2026-12-01', areas: ['management' as const] }, { kind: 'session' as const, ref: 's1', date: '2026-12-10', areas: ['finance' as const] }];
    expect(replaceSessionEvidence(list, 's1', null)).toEqual([list[0]]);
  });

  it('planning a mark re-rates the founder against the rule, online and make-ups as the rule says', () => {
    const rule = ruleFromPartial({ requiredAreas: ['finance'], minDistinctDays: 1, minSpanMonths: 0, elearning: 'sessions_only', minSessions: 1 });
    const summary = { evidence: [], eligibility: 'not_yet' as const };
    const p = planMark({ session, before: null, after: mark({ status: 'present' }), summary, rule });
    expect(p.delta).toEqual({ present: 1 });
    expect(p.summary).toEqual({ evidence: [{ kind: 'session', ref: 's1', date: '2026-12-10', areas: ['finance'] }], expectSize: 0, eligibility: { from: 'not_yet', to: 'eligible' } });
    expect(p.events).toEqual([{ kind: 'eligibility_changed', from: 'not_yet', to: 'eligible' }]);
    const venueOnly = { ...rule, allowOnline: false };
    expect(planMark({ session, before: null, after: mark({ status: 'present', online: true }), summary, rule: venueOnly }).summary?.eligibility).toBeUndefined();
    // Excused: nothing for the rule to read, so the summary is not touched.
    expect(planMark({ session, before: null, after: mark({ status: 'excused' }), summary, rule }).summary).toBeUndefined();
  });

  it('the rule engine counts an online session only where the municipality allows it', () => {
    const items = [{ kind: 'session' as const, ref: 's1', date: '2026-12-10', areas: ['finance' as const], online: true }];
    const rule = ruleFromPartial({ requiredAreas: ['finance'], minDistinctDays: 1, minSpanMonths: 0 });
    expect(evaluateEligibility(rule, items).eligible).toBe(true);
    expect(evaluateEligibility({ ...rule, allowOnline: false }, items).missing.map((m) => m.kind)).toEqual(['area', 'days', 'sessions']);
  });

  it('the rule in words, in both languages', () => {
    const rule = ruleFromPartial({ allowMakeUp: false, allowOnline: false, sessionsOfTotal: { required: 4, total: 5 } });
    expect(describeRule(rule, 'ja')).toEqual([
      '経営・財務・人材育成・販路開拓の4分野すべてを学ぶ必要があります。',
      '受講日は4日以上、最初の受講日から最後の受講日まで1か月以上必要です。',
      'eラーニングのモジュール修了も分野と受講日に数えますが、対面講座への出席が1回以上必要です。',
      '全5回の講座のうち4回以上の出席が必要です。',
      'オンラインでの参加は出席として数えません（会場での出席のみ）。',
      '欠席した回を補講で代えることはできません。',
    ]);
    expect(describeRule(ruleFromPartial({ elearning: 'counts_alone' }), 'en')).toContain('Completed e-learning modules alone can meet the areas and days; attending a seminar session is not required.');
  });
});

describe('the calendar file', () => {
  it('states Japan time with the Asia/Tokyo zone, escapes text and folds long lines without splitting a character', () => {
    expect(jstLocal('2026-12-10T10:00:00.000Z')).toBe('20261210T190000');
    expect(jstLocal('2026-12-31T15:30:00.000Z')).toBe('20270101T003000');
    expect(escapeText('会場; 5F, 北側\n受付')).toBe('会場\\; 5F\\, 北側\\n受付');
    const long = `DESCRIPTION:${'創業'.repeat(40)}`;
    const folded = foldLine(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
    expect(folded.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const ics = icsOf({ uid: 's1@x', title: '第3回', startsAt: session.startsAt, endsAt: session.endsAt, location: null, url: null, description: 'x', stamp: new Date('2026-12-04T00:00:00Z') });
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('DTSTAMP:20261204T000000Z\r\n');
    expect(ics).not.toContain('LOCATION');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
