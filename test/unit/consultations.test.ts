import { describe, expect, it } from 'vitest';
import { SlotBody } from '../../functions/contract/consultations.ts';
import { consultationReminderDue, nextConsultation, notStarted, overlaps } from '../../functions/domain/consultations.ts';

// Issue 11, point 6: consultation slots and their rules.
const at = (s: string) => new Date(s);

describe('consultation slots', () => {
  const body = { tenantId: '271004', startsAt: '2026-12-10T10:00:00+09:00', endsAt: '2026-12-10T11:00:00+09:00', mode: 'in_person', place: '大阪商工会議所 3階' };
  it.each<[string, Record<string, unknown>, string | null]>([
    ['in person with a place', {}, null],
    ['online with an https link', { mode: 'online', place: null, meetingUrl: 'https://meet.example.jp/abc' }, null],
    ['in person without a place', { place: null }, 'place'],
    ['online without a link', { mode: 'online', place: null }, 'meetingUrl'],
    ['online over http', { mode: 'online', meetingUrl: 'http://meet.example.jp/abc' }, 'meetingUrl'],
    ['end before start', { endsAt: '2026-12-10T09:00:00+09:00' }, 'endsAt'],
    ['10 minutes', { endsAt: '2026-12-10T10:10:00+09:00' }, 'endsAt'],
    ['4 hours', { endsAt: '2026-12-10T14:00:00+09:00' }, 'endsAt'],
    ['no offset', { startsAt: '2026-12-10T10:00:00' }, 'startsAt'],
  ])('%s', (_n, over, field) => {
    const r = SlotBody.safeParse({ ...body, ...over });
    if (field === null) expect(r.success).toBe(true);
    else expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('overlap: shared minutes overlap, touching ends do not', () => {
    const a = { startsAt: '2026-12-10T01:00:00Z', endsAt: '2026-12-10T02:00:00Z' };
    expect(overlaps(a, { startsAt: '2026-12-10T01:30:00Z', endsAt: '2026-12-10T02:30:00Z' })).toBe(true);
    expect(overlaps(a, { startsAt: '2026-12-10T02:00:00Z', endsAt: '2026-12-10T03:00:00Z' })).toBe(false);
    expect(overlaps(a, { startsAt: '2026-12-10T00:00:00Z', endsAt: '2026-12-10T03:00:00Z' })).toBe(true);
  });

  it('booking and cancelling end when the consultation starts', () => {
    expect(notStarted({ startsAt: '2026-12-10T01:00:00Z' }, at('2026-12-10T00:59:59Z'))).toBe(true);
    expect(notStarted({ startsAt: '2026-12-10T01:00:00Z' }, at('2026-12-10T01:00:00Z'))).toBe(false);
  });

  it('the reminder is due on the Japan day before, not on the day itself or two days before', () => {
    const s = { startsAt: '2026-12-10T01:00:00Z' }; // 10:00 JST on 12-10
    expect(consultationReminderDue(s, at('2026-12-08T23:00:00Z'))).toBe(true); // 08:00 JST 12-09
    expect(consultationReminderDue(s, at('2026-12-08T14:59:00Z'))).toBe(false); // 23:59 JST 12-08
    expect(consultationReminderDue(s, at('2026-12-09T15:00:00Z'))).toBe(false); // 00:00 JST 12-10
  });

  it('the next consultation is the earliest still to come', () => {
    expect(nextConsultation(['2026-12-20T01:00:00Z', '2026-12-01T01:00:00Z', '2026-12-12T01:00:00Z'], at('2026-12-04T00:00:00Z'))).toBe('2026-12-12T01:00:00Z');
    expect(nextConsultation(['2026-12-01T01:00:00Z'], at('2026-12-04T00:00:00Z'))).toBeNull();
  });
});
