import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { remindConsultations } from '../../functions/services/consultations.ts';
import { attachFounder } from '../../functions/store/caseload.ts';
import { mimeOf } from '../../functions/store/mail.ts';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { anAccount, aTenant, PASSWORD } from '../fixtures/factories.ts';

// Issue 11, points 6 and 7: advisors publish consultation slots per municipality; a founder books one with a note;
// both get a mail with an .ics; cancelling frees it; two founders never hold one slot; the day-before reminder goes once.
let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let clock: ReturnType<typeof testClock>;
let advisor: TestClient;
let f1: TestClient;
let f2: TestClient;
let sakai: TestClient;
let f1Id: string;

const body = (day: string, from = '10:00', to = '11:00', o: Record<string, unknown> = {}) => ({
  tenantId: '271004', startsAt: `${day}T${from}:00+09:00`, endsAt: `${day}T${to}:00+09:00`, mode: 'in_person', place: '大阪商工会議所 3階', ...o,
});

beforeEach(async () => {
  clock = testClock('2026-12-04T01:00:00.000Z');
  t = await testDeps({ clock });
  api = testApp(t.deps);
  await aTenant(t.deps);
  await aTenant(t.deps, '271403', { ja: '堺市', en: 'Sakai City' });
  const a = await anAccount(t.deps, { email: 'a@example.jp', name: '指導 一郎', roles: [{ tenantId: '271004', role: 'advisor' }] });
  f1Id = (await anAccount(t.deps, { email: 'f1@example.jp', name: '創業 一子', roles: [{ tenantId: '271004', role: 'learner' }] })).id;
  await anAccount(t.deps, { email: 'f2@example.jp', name: '創業 二郎', roles: [{ tenantId: '271004', role: 'learner' }] });
  await anAccount(t.deps, { email: 's@example.jp', roles: [{ tenantId: '271403', role: 'learner' }] });
  await attachFounder(t.deps.db, { advisorId: a.id, tenantId: '271004', userId: f1Id, attachedAt: clock.now().toISOString(), attachedBy: 'test' });
  advisor = api.client(); await loginAs(t.deps, advisor, 'a@example.jp');
  f1 = api.client(); await loginAs(t.deps, f1, 'f1@example.jp');
  f2 = api.client(); await loginAs(t.deps, f2, 'f2@example.jp');
  sakai = api.client(); await loginAs(t.deps, sakai, 's@example.jp');
});

describe('slots', () => {
  it('an advisor publishes slots for a municipality they serve; bad input is refused by field, writing nothing', async () => {
    const r = await advisor.post('/api/consultations/slots', body('2026-12-10'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ tenantId: '271004', tenantName: { ja: '大阪市' }, advisorName: '指導 一郎', startsAt: '2026-12-10T01:00:00.000Z', endsAt: '2026-12-10T02:00:00.000Z', mode: 'in_person', booking: null });
    const bad: Array<[unknown, string]> = [
      [body('2026-12-10', '10:30', '11:30'), 'startsAt'], // overlaps the first
      [body('2026-12-01'), 'startsAt'], // in the past
      [body('2026-12-11', '10:00', '10:05'), 'endsAt'],
      [body('2026-12-11', '10:00', '11:00', { mode: 'online', place: null }), 'meetingUrl'],
      [body('2026-12-11', '10:00', '11:00', { extra: 1 }), 'extra'],
    ];
    for (const [b, field] of bad) {
      const x = await advisor.post('/api/consultations/slots', b);
      expect(x.status, JSON.stringify(b)).toBe(400);
      expect(Object.keys(x.body.error.fields ?? {})).toContain(field);
    }
    expect((await advisor.post('/api/consultations/slots', { ...body('2026-12-11'), tenantId: '271403' })).status).toBe(403);
    expect((await advisor.get('/api/consultations/slots/mine')).body.slots).toHaveLength(1);
  });

  it('founders of the municipality see open slots; another municipality’s founder neither sees nor books them', async () => {
    const s = (await advisor.post('/api/consultations/slots', body('2026-12-10'))).body;
    expect((await f1.get('/api/consultations/open')).body.slots.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect((await sakai.get('/api/consultations/open')).body.slots).toEqual([]);
    expect((await sakai.post(`/api/consultations/slots/${s.id}/booking`, {})).status).toBe(404);
  });
});

describe('booking', () => {
  it('books with a note: the slot leaves the open list, both get a mail with an .ics, the caseload shows it; cancelling frees it', async () => {
    const s = (await advisor.post('/api/consultations/slots', body('2026-12-10'))).body;
    const r = await f1.post(`/api/consultations/slots/${s.id}/booking`, { note: '資金計画の相談', from: 'plan' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: s.id, myNote: '資金計画の相談' });
    expect((await f2.get('/api/consultations/open')).body.slots).toEqual([]);
    expect((await f1.get('/api/consultations/mine')).body.bookings.map((b: { id: string }) => b.id)).toEqual([s.id]);
    const mine = (await advisor.get('/api/consultations/slots/mine')).body.slots[0];
    expect(mine.booking).toMatchObject({ userId: f1Id, name: '創業 一子', note: '資金計画の相談', from: 'plan' });
    const mails = t.mailer.sent;
    expect(mails.map((m) => m.to).sort()).toEqual(['a@example.jp', 'f1@example.jp']);
    for (const m of mails) {
      expect(m.attachments?.[0]).toMatchObject({ filename: 'consultation.ics', contentType: expect.stringContaining('text/calendar') });
      expect(m.attachments![0]!.content).toContain('DTSTART;TZID=Asia/Tokyo:20261210T100000');
      expect(mimeOf('no-reply@x', m)).toContain('Content-Type: multipart/mixed');
    }
    expect(mails.find((m) => m.to === 'f1@example.jp')!.subject).toBe('【創業キャンパス】相談の予約を受け付けました（2026-12-10 10:00〜11:00）');
    const ics = await f1.get(`/api/consultations/slots/${s.id}/calendar.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.body).toContain('SUMMARY:創業相談（指導 一郎）');
    expect((await advisor.get('/api/caseload')).body.founders[0].nextConsultationAt).toBe('2026-12-10T01:00:00.000Z');

    expect((await f2.request('DELETE', `/api/consultations/slots/${s.id}/booking`)).status).toBe(404);
    expect((await f1.request('DELETE', `/api/consultations/slots/${s.id}/booking`)).status).toBe(204);
    expect((await f2.get('/api/consultations/open')).body.slots.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect((await advisor.get('/api/caseload')).body.founders[0].nextConsultationAt).toBeNull();
    expect(t.mailer.sent.at(-1)).toMatchObject({ to: 'a@example.jp', subject: expect.stringContaining('取り消されました') });
  });

  it('two founders booking the same slot at once: exactly one gets it', async () => {
    for (let round = 0; round < 3; round++) {
      const s = (await advisor.post('/api/consultations/slots', body(`2026-12-1${round}`))).body;
      const [a, b] = await Promise.all([
        f1.post(`/api/consultations/slots/${s.id}/booking`, { note: 'a' }), f2.post(`/api/consultations/slots/${s.id}/booking`, { note: 'b' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect([a, b].find((x) => x.status === 409)!.body.error.code).toBe('slot_taken');
      const holder = (await advisor.get('/api/consultations/slots/mine')).body.slots.find((x: { id: string }) => x.id === s.id).booking.userId;
      const winner = a.status === 201 ? f1 : f2;
      expect((await winner.get('/api/consultations/mine')).body.bookings.map((x: { id: string }) => x.id)).toContain(s.id);
      const loser = a.status === 201 ? f2 : f1;
      expect((await loser.get('/api/consultations/mine')).body.bookings.map((x: { id: string }) => x.id)).not.toContain(s.id);
      void holder;
    }
  });

  it('a slot that has started can no longer be booked or cancelled; the advisor’s deleting a booked slot cancels it and tells the founder', async () => {
    const s = (await advisor.post('/api/consultations/slots', body('2026-12-10'))).body;
    const s2 = (await advisor.post('/api/consultations/slots', body('2026-12-11'))).body;
    await f1.post(`/api/consultations/slots/${s2.id}/booking`, {});
    expect((await advisor.request('DELETE', `/api/consultations/slots/${s2.id}`)).status).toBe(204);
    expect(t.mailer.sent.at(-1)).toMatchObject({ to: 'f1@example.jp', subject: expect.stringContaining('取り消されました') });
    expect((await f1.get('/api/consultations/mine')).body.bookings).toEqual([]);
    clock.set('2026-12-10T01:30:00.000Z');
    await loginAs(t.deps, f2, 'f2@example.jp');
    expect((await f2.post(`/api/consultations/slots/${s.id}/booking`, {})).status).toBe(409);
  });
});

describe('erasure', () => {
  it('deleting the founder’s account frees their slots and leaves no name or note on them', async () => {
    const s = (await advisor.post('/api/consultations/slots', body('2026-12-10'))).body;
    await f1.post(`/api/consultations/slots/${s.id}/booking`, { note: '個人的な事情の相談' });
    expect((await f1.post('/api/me/delete', { currentPassword: PASSWORD })).status).toBe(200);
    const slot = (await advisor.get('/api/consultations/slots/mine')).body.slots[0];
    expect(slot.booking).toBeNull();
    const item = await t.deps.db.doc.send(new QueryCommand({ TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `CONSULT#${s.id}` } }));
    expect(JSON.stringify(item.Items)).not.toMatch(/創業 一子|個人的な事情/);
    expect((await f2.get('/api/consultations/open')).body.slots.map((x: { id: string }) => x.id)).toEqual([s.id]);
  });
});

describe('the day-before reminder', () => {
  it('mails founder and advisor once the day before, never twice, also when the job runs twice; not for a cancelled one', async () => {
    const s = (await advisor.post('/api/consultations/slots', body('2026-12-10'))).body;
    const s2 = (await advisor.post('/api/consultations/slots', body('2026-12-10', '14:00', '15:00'))).body;
    await f1.post(`/api/consultations/slots/${s.id}/booking`, {});
    await f2.post(`/api/consultations/slots/${s2.id}/booking`, {});
    await f2.request('DELETE', `/api/consultations/slots/${s2.id}/booking`);
    t.mailer.sent.length = 0;
    clock.set('2026-12-08T14:00:00.000Z'); // 23:00 JST on 12-08: two days before
    expect(await remindConsultations(t.deps)).toBe(0);
    clock.set('2026-12-09T00:00:00.000Z'); // 09:00 JST on 12-09
    const [one, two] = await Promise.all([remindConsultations(t.deps), remindConsultations(t.deps)]);
    expect(one + two).toBe(2);
    expect(await remindConsultations(t.deps)).toBe(0);
    expect(t.mailer.sent.map((m) => m.to).sort()).toEqual(['a@example.jp', 'f1@example.jp']);
    expect(t.mailer.sent[0]!.subject).toContain('明日は相談の日です');
  });

  it('a run that dies after claiming sends nothing more later (the claim stands)', async () => {
    const s = (await advisor.post('/api/consultations/slots', body('2026-12-10'))).body;
    await f1.post(`/api/consultations/slots/${s.id}/booking`, {});
    t.mailer.sent.length = 0;
    clock.set('2026-12-09T00:00:00.000Z');
    const dying = { ...t.deps, mailer: { send: async () => { throw new Error('the process died'); } } };
    expect(await remindConsultations(dying)).toBe(0);
    expect(await remindConsultations(t.deps)).toBe(0);
    expect(t.mailer.sent).toEqual([]);
    const item = await t.deps.db.doc.send(new QueryCommand({ TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `CONSULT#${s.id}` } }));
    expect(item.Items![0]!.reminderMailedAt).toBe('2026-12-09T00:00:00.000Z');
  });
});
