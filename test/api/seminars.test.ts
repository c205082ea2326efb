import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/services/deps.ts';
import { runMakeUps } from '../../functions/services/seminars.ts';
import { rebuildTenant } from '../../functions/services/totals.ts';
import { putCohort, putEnrolmentCode } from '../../functions/store/tenants.ts';
import { getUser, markEmailVerified } from '../../functions/store/users.ts';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, signUpBody } from '../fixtures/factories.ts';

// Blended seminars (issue 10): the schedule, attendance at the door (staff's list and the rotating QR code), make-ups
// for everyone not present (the job run twice, and after a crash), evidence, the follow-up list, and isolation.
let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let clock: ReturnType<typeof testClock>;
let staff: TestClient;
let n = 0;
const ev = () => ({ eventId: `se-${String(++n).padStart(8, '0')}`, status: 'completed' as const });
const T = '271004';

// 2026-12-10 19:00–21:00 in Japan = 10:00–12:00 UTC.
const START = '2026-12-10T19:00:00+09:00';
const END = '2026-12-10T21:00:00+09:00';
const body = (o: Record<string, unknown> = {}) => ({
  cohortId: 'c1', title: '第3回 資金計画', startsAt: START, endsAt: END, place: '大阪産業創造館 5F', onlineUrl: null, capacity: 40,
  areas: ['finance'], courseId: 'kiso', moduleIds: ['m2'], ...o,
});

/** A founder who signed up with a code and (unless `confirmed` is false) confirmed their address: only those get mail. */
async function founder(email: string, code = 'OSAKA-TEST', o: { confirmed?: boolean } = {}) {
  const c = api.client();
  const r = await c.post('/api/auth/signup', signUpBody(code, email));
  expect(r.status).toBe(201);
  const id = r.body.user.id as string;
  if (o.confirmed !== false) await markEmailVerified(t.deps.db, (await getUser(t.deps.db, id))!, email, clock.now().toISOString());
  return { c, id, email };
}

async function aSession(o: Record<string, unknown> = {}) {
  const r = await staff.post(`/api/tenants/${T}/sessions`, body(o));
  expect(r.status).toBe(201);
  return r.body as { id: string; state: string };
}

/** The code on the venue's screen now (staff's view of it). */
async function screenCode(sessionId: string): Promise<string> {
  const r = await staff.get(`/api/tenants/${T}/sessions/${sessionId}/checkin-code`);
  expect(r.status).toBe(200);
  expect(r.body.open).toBe(true);
  return decodeURIComponent(new URL(r.body.url).hash.slice('#c='.length));
}

const at = (iso: string) => clock.set(new Date(iso).toISOString());

beforeEach(async () => {
  clock = testClock('2026-12-04T01:00:00.000Z');
  t = await testDeps({ clock });
  api = testApp(t.deps);
  await aTenant(t.deps);
  await aCode(t.deps);
  await putCohort(t.deps.db, { id: 'c2', tenantId: T, name: '春の創業塾', startsOn: null });
  await putEnrolmentCode(t.deps.db, { code: 'OSAKA-C2', tenantId: T, cohortId: 'c2', expiresAt: null, maxUses: null, uses: 0, createdAt: clock.now().toISOString() });
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: T, role: 'staff' }] });
  staff = api.client();
  await loginAs(t.deps, staff, 'staff@example.jp');
});

/** Staff and founders sign in again after the clock jumps (logins end after 30 idle minutes). */
async function relogin(...people: Array<{ c: TestClient; email: string }>) {
  await loginAs(t.deps, staff, 'staff@example.jp');
  for (const p of people) await loginAs(t.deps, p.c, p.email);
}

describe('the seminar schedule', () => {
  it('staff schedule a session; bad input is refused at its field and writes nothing; edits and deletion stop once check-in opens', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ endsAt: START }, 'endsAt'],
      [{ place: null, onlineUrl: null }, 'place'],
      [{ moduleIds: ['m9'] }, 'moduleIds'],
      [{ cohortId: 'nope' }, 'cohortId'],
      [{ startsAt: '2026-12-01T10:00:00+09:00', endsAt: '2026-12-01T12:00:00+09:00' }, 'startsAt'],
      [{ onlineUrl: 'http://insecure.example.jp/meet' }, 'onlineUrl'],
      [{ areas: [] }, 'areas'],
      [{ endsAt: '2026-12-11T08:00:00+09:00' }, 'endsAt'],
    ];
    for (const [o, field] of bad) {
      const r = await staff.post(`/api/tenants/${T}/sessions`, body(o));
      expect(r.status, JSON.stringify(o)).toBe(400);
      expect(Object.keys(r.body.error.fields ?? {})).toContain(field);
    }
    expect((await staff.get(`/api/tenants/${T}/sessions`)).body.sessions).toEqual([]);

    const s = await aSession();
    expect(s).toMatchObject({ state: 'upcoming', startsAt: '2026-12-10T10:00:00.000Z', counts: { present: 0, excused: 0, absent: 0, madeUp: 0 }, modules: [{ moduleId: 'm2', title: { ja: '資金計画', en: 'Funding' } }] });
    const edited = await staff.put(`/api/tenants/${T}/sessions/${s.id}`, body({ title: '第3回 資金計画（会場変更）', place: '大阪市役所 会議室' }));
    expect(edited.status).toBe(200);
    expect(edited.body.place).toBe('大阪市役所 会議室');
    const other = await aSession({ title: '第4回', startsAt: '2026-12-17T19:00:00+09:00', endsAt: '2026-12-17T21:00:00+09:00' });
    expect((await staff.get(`/api/tenants/${T}/sessions?cohort=c1`)).body.sessions.map((x: { id: string }) => x.id)).toEqual([other.id, s.id]);

    at('2026-12-10T18:35:00+09:00'); // check-in is open from 18:30
    await relogin();
    expect((await staff.put(`/api/tenants/${T}/sessions/${s.id}`, body())).body.error.code).toBe('session_locked');
    expect((await staff.request('DELETE', `/api/tenants/${T}/sessions/${s.id}`)).status).toBe(409);
    expect((await staff.request('DELETE', `/api/tenants/${T}/sessions/${other.id}`)).status).toBe(204);
    const audit = (await staff.get(`/api/tenants/${T}/audit`)).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['session.create', 'session.update', 'session.delete']));
  });

  it('founders see their cohort’s upcoming sessions, get an .ics in Japan time, and can say in advance they cannot come', async () => {
    const f = await founder('f1@example.jp');
    const g = await founder('g1@example.jp', 'OSAKA-C2');
    const s = await aSession();
    const mine = await f.c.get('/api/sessions');
    expect(mine.body.upcoming.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect(mine.body.upcoming[0].myStatus).toBeNull();
    expect((await g.c.get('/api/sessions')).body.upcoming).toEqual([]);

    const ics = await f.c.get(`/api/sessions/${T}/${s.id}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const text = ics.body as string;
    expect(text).toContain('DTSTART;TZID=Asia/Tokyo:20261210T190000\r\n');
    expect(text).toContain('DTEND;TZID=Asia/Tokyo:20261210T210000\r\n');
    expect(text).toContain('TZOFFSETTO:+0900');
    expect(text).toContain('SUMMARY:第3回 資金計画');
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect((await g.c.get(`/api/sessions/${T}/${s.id}/calendar.ics`)).body.error.code).toBe('not_in_cohort');

    const no = await f.c.put(`/api/sessions/${T}/${s.id}/absence`, { absent: true });
    expect(no.body.myStatus).toBe('excused');
    expect((await f.c.put(`/api/sessions/${T}/${s.id}/absence`, { absent: true })).body.myStatus).toBe('excused');
    let list = await staff.get(`/api/tenants/${T}/sessions`);
    expect(list.body.sessions[0].counts).toMatchObject({ excused: 1 });
    expect((await f.c.put(`/api/sessions/${T}/${s.id}/absence`, { absent: false })).body.myStatus).toBeNull();
    list = await staff.get(`/api/tenants/${T}/sessions`);
    expect(list.body.sessions[0].counts).toMatchObject({ excused: 0 });
    expect((await f.c.put(`/api/sessions/${T}/${s.id}/absence`, { absent: 'yes' })).status).toBe(400);

    at('2026-12-10T18:45:00+09:00');
    await relogin(f);
    expect((await f.c.put(`/api/sessions/${T}/${s.id}/absence`, { absent: true })).body.error.code).toBe('session_locked');
  });
});

describe('attendance at the door', () => {
  it('staff tick founders off in bulk; a second tap or a second staff member at the same moment never double-counts', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => founder(`door${i}@example.jp`)));
    const outsider = await founder('other-cohort@example.jp', 'OSAKA-C2');
    const s = await aSession();
    at('2026-12-10T19:05:00+09:00');
    await relogin();
    const second = api.client();
    await loginAs(t.deps, second, 'staff@example.jp');
    const marks = people.slice(0, 4).map((p) => ({ userId: p.id, status: 'present' }));
    const [a, b] = await Promise.all([
      staff.post(`/api/tenants/${T}/sessions/${s.id}/attendance`, { marks }),
      second.post(`/api/tenants/${T}/sessions/${s.id}/attendance`, { marks: [...marks].reverse() }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.changed + b.body.changed).toBe(4);
    expect(a.body.unchanged + b.body.unchanged).toBe(4);
    const again = await staff.post(`/api/tenants/${T}/sessions/${s.id}/attendance`, {
      marks: [{ userId: people[0]!.id, status: 'present' }, { userId: people[4]!.id, status: 'absent' }, { userId: outsider.id, status: 'present' }],
    });
    expect(again.body).toMatchObject({ changed: 1, unchanged: 1, notFound: [outsider.id], counts: { present: 4, absent: 1, excused: 0, madeUp: 0 } });
    expect((await staff.post(`/api/tenants/${T}/sessions/${s.id}/attendance`, { marks: [{ userId: people[0]!.id, status: 'late' }] })).status).toBe(400);
    expect((await staff.post(`/api/tenants/${T}/sessions/${s.id}/attendance`, { marks: [] })).status).toBe(400);

    const fu = await staff.get(`/api/tenants/${T}/sessions/${s.id}/follow-up`);
    expect(fu.body.rows).toHaveLength(6);
    expect(fu.body.walkInCode).toBe('OSAKA-TEST');
    expect(fu.body.rows.filter((r: { status: string }) => r.status === 'present')).toHaveLength(4);
    expect(fu.body.rows.find((r: { userId: string }) => r.userId === people[5]!.id).followUp).toBe('unmarked');
  });

  it('the QR code checks a signed-in founder of the cohort in, once, only during the window, only for its own session', async () => {
    const f = await founder('qr@example.jp');
    const g = await founder('qr-other@example.jp', 'OSAKA-C2');
    const s = await aSession();
    const s2 = await aSession({ title: '第4回', cohortId: 'c2' });
    expect((await staff.get(`/api/tenants/${T}/sessions/${s.id}/checkin-code`)).body).toMatchObject({ open: false, url: null, qr: null, opensAt: '2026-12-10T09:30:00.000Z' });

    at('2026-12-10T18:50:00+09:00');
    await relogin(f, g);
    const display = (await staff.get(`/api/tenants/${T}/sessions/${s.id}/checkin-code`)).body;
    expect(display.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(display.url).toMatch(new RegExp(`/checkin/${T}/${s.id}#c=`));
    const code = await screenCode(s.id);
    const code2 = await screenCode(s2.id);

    // Another session's code, a made-up code, another cohort's founder.
    expect((await f.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code: code2 })).body.error.code).toBe('checkin_invalid');
    expect((await f.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code: 'AAAAAAAAAAAAAAAAAAAAAA' })).body.error.code).toBe('checkin_invalid');
    expect((await g.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code })).body.error.code).toBe('not_in_cohort');
    expect((await f.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code: 'x' })).status).toBe(400);

    // Arriving three times over a bad connection counts once.
    const scans = await Promise.all([1, 2, 3].map(() => f.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code })));
    expect(scans.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(scans.filter((r) => r.body.alreadyPresent === false)).toHaveLength(1);
    expect(scans[0]!.body.session.myStatus).toBe('present');
    expect((await staff.get(`/api/tenants/${T}/sessions`)).body.sessions.find((x: { id: string }) => x.id === s.id).counts.present).toBe(1);

    // A photo of the code sent to a friend: after about 90 s it no longer works (the screen shows a new one).
    const late = await founder('late@example.jp');
    clock.advance(60);
    expect((await late.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code })).status).toBe(200);
    const friend = await founder('friend@example.jp');
    clock.advance(60);
    expect((await friend.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code })).body.error.code).toBe('checkin_invalid');
    expect((await friend.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code: await screenCode(s.id) })).status).toBe(200);

    at('2026-12-10T21:00:00+09:00');
    await relogin(f);
    const closed = await f.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('checkin_closed');
  });
});

describe('make-ups', () => {
  it('when a session ends every founder not present gets its modules as a make-up and one mail; the job run twice changes nothing', async () => {
    const here = await founder('here@example.jp');
    const away = await founder('away@example.jp');
    const told = await founder('told@example.jp');
    const unconfirmed = await founder('unconfirmed@example.jp', 'OSAKA-TEST', { confirmed: false });
    const s = await aSession();
    await told.c.put(`/api/sessions/${T}/${s.id}/absence`, { absent: true });
    await staff.put(`/api/tenants/${T}/settings`, { inactiveDays: 14, auditRetentionYears: 5, makeUpDays: 10 });
    at('2026-12-10T19:10:00+09:00');
    await relogin();
    await staff.post(`/api/tenants/${T}/sessions/${s.id}/attendance`, { marks: [{ userId: here.id, status: 'present' }] });

    // Not before it ends.
    expect(await runMakeUps(t.deps)).toMatchObject({ sessions: 0, assigned: 0 });
    at('2026-12-10T21:05:00+09:00');
    const first = await runMakeUps(t.deps);
    // Everyone not present gets the make-up; mail goes only to confirmed addresses.
    expect(first).toEqual({ sessions: 1, assigned: 3, mailed: 2, failed: 0 });
    const mails = t.mailer.sent.filter((m) => m.subject.includes('補講'));
    expect(mails.map((m) => m.to).sort()).toEqual(['away@example.jp', 'told@example.jp']);
    expect(mails[0]!.text).toContain('2026-12-20');
    expect(mails[0]!.text).toContain('資金計画');

    expect(await runMakeUps(t.deps)).toEqual({ sessions: 0, assigned: 0, mailed: 0, failed: 0 });
    expect(t.mailer.sent.filter((m) => m.subject.includes('補講'))).toHaveLength(2);

    await relogin(here, away, told, unconfirmed);
    const list = (await away.c.get('/api/assignments')).body.assignments;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: `makeup-${s.id}`, dueOn: '2026-12-20', source: { kind: 'makeup', sessionId: s.id, sessionTitle: '第3回 資金計画' }, state: 'open' });
    expect((await here.c.get('/api/assignments')).body.assignments).toEqual([]);
    const fu = (await staff.get(`/api/tenants/${T}/sessions/${s.id}/follow-up`)).body;
    expect(fu.session).toMatchObject({ state: 'followed_up', counts: { present: 1, absent: 2, excused: 1, madeUp: 0 } });
    expect(Object.fromEntries(fu.rows.map((r: { email: string; followUp: string }) => [r.email, r.followUp]))).toEqual({ 'here@example.jp': 'present', 'away@example.jp': 'pending', 'told@example.jp': 'pending', 'unconfirmed@example.jp': 'pending' });
    expect((await unconfirmed.c.get('/api/assignments')).body.assignments).toHaveLength(1);
  });

  it('a crash between the make-up and its mail: the next run sends the mail, once, and adds no second make-up', async () => {
    const away = await founder('crash@example.jp');
    const s = await aSession();
    at('2026-12-10T21:05:00+09:00');
    // The run dies right after writing the make-up, before it claims the mail.
    const send = t.deps.db.doc.send.bind(t.deps.db.doc);
    let crashed = false;
    const crashing: Deps = { ...t.deps, db: { ...t.deps.db, doc: { send: async (cmd: unknown) => {
      if (!crashed && cmd instanceof UpdateCommand && String(cmd.input.UpdateExpression).includes('makeUpMailedAt')) { crashed = true; throw new Error('Lambda timed out'); }
      return send(cmd as never);
    } } as never } };
    await expect(runMakeUps(crashing)).rejects.toThrow('Lambda timed out');
    expect(t.mailer.sent.filter((m) => m.subject.includes('補講'))).toHaveLength(0);
    await loginAs(t.deps, away.c, away.email);
    expect((await away.c.get('/api/assignments')).body.assignments).toHaveLength(1);

    expect(await runMakeUps(t.deps)).toEqual({ sessions: 1, assigned: 0, mailed: 1, failed: 0 });
    expect(await runMakeUps(t.deps)).toEqual({ sessions: 0, assigned: 0, mailed: 0, failed: 0 });
    expect(t.mailer.sent.filter((m) => m.to === 'crash@example.jp' && m.subject.includes('補講'))).toHaveLength(1);
    expect((await away.c.get('/api/assignments')).body.assignments).toHaveLength(1);
  });

  it('a mail that cannot be sent is retried by the next run; the session is followed up only then', async () => {
    await founder('bounce@example.jp');
    const s = await aSession();
    at('2026-12-10T21:05:00+09:00');
    const failing: Deps = { ...t.deps, mailer: { send: async () => { throw new Error('SES throttled'); } } };
    expect(await runMakeUps(failing)).toEqual({ sessions: 1, assigned: 1, mailed: 0, failed: 1 });
    expect(await runMakeUps(t.deps)).toEqual({ sessions: 1, assigned: 0, mailed: 1, failed: 0 });
    expect((await staff.get(`/api/tenants/${T}/sessions`)).status).toBe(401); // staff's login idled out
    await relogin();
    expect((await staff.get(`/api/tenants/${T}/sessions`)).body.sessions.find((x: { id: string }) => x.id === s.id).state).toBe('followed_up');
  });

  it('completing the modules completes the make-up with the progress write: evidence, follow-up, founders table and the rule agree', async () => {
    const away = await founder('mk@example.jp');
    const here = await founder('mk-here@example.jp');
    const s = await aSession();
    at('2026-12-10T19:00:00+09:00');
    await relogin(here);
    const code = await screenCode(s.id);
    await here.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code });
    at('2026-12-10T21:30:00+09:00');
    await runMakeUps(t.deps);
    at('2026-12-12T10:00:00+09:00');
    await relogin(away, here);

    const done = await away.c.put('/api/progress/kiso/m2/l1', ev());
    expect(done.status).toBe(200);
    const mine = (await away.c.get('/api/assignments')).body.assignments;
    expect(mine[0]).toMatchObject({ state: 'done' });

    const rec = (await away.c.get('/api/evidence')).body;
    const finance = rec.areas.find((a: { area: string }) => a.area === 'finance').entries;
    expect(finance).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'module', ref: 'm2', date: '2026-12-12' }),
      expect.objectContaining({ kind: 'session', ref: s.id, date: '2026-12-12', mode: 'makeup', title: { ja: '第3回 資金計画', en: '第3回 資金計画' } }),
    ]));
    // The default rule (with_sessions, one session) counts the make-up as the session.
    expect(rec.eligibility.missing.map((m: { kind: string }) => m.kind)).not.toContain('sessions');
    const present = (await here.c.get('/api/evidence')).body.areas.find((a: { area: string }) => a.area === 'finance').entries;
    expect(present).toEqual([expect.objectContaining({ kind: 'session', ref: s.id, date: '2026-12-10', mode: 'in_person' })]);

    const fu = (await staff.get(`/api/tenants/${T}/sessions/${s.id}/follow-up`)).body;
    expect(fu.session.counts).toEqual({ present: 1, excused: 0, absent: 1, madeUp: 1 });
    expect(fu.rows.find((r: { userId: string }) => r.userId === away.id)).toMatchObject({ followUp: 'made_up', makeUp: { state: 'done', dueOn: '2026-12-24' } });
    const table = (await staff.get(`/api/tenants/${T}/founders`)).body.founders;
    expect(table.find((r: { userId: string }) => r.userId === away.id).sessions).toEqual({ attended: 0, madeUp: 1 });
    expect(table.find((r: { userId: string }) => r.userId === here.id).sessions).toEqual({ attended: 1, madeUp: 0 });

    // A municipality whose rule does not accept make-ups: the line stays in the record but does not count.
    await staff.put(`/api/tenants/${T}/eligibility-rule`, { requiredAreas: ['finance'], minDistinctDays: 1, minSpanMonths: 0, elearning: 'with_sessions', minSessions: 1, allowMakeUp: false, allowOnline: true });
    const strict = (await away.c.get('/api/evidence')).body;
    expect(strict.eligibility.missing).toEqual([{ kind: 'sessions', have: 0, need: 1 }]);
    expect((await here.c.get('/api/evidence')).body.eligibility.eligible).toBe(true);
    const words = (await staff.get(`/api/tenants/${T}/eligibility-rule/explanation`)).body;
    expect(words.ja.join('')).toContain('補講で代えることはできません');
    expect(words.en.join(' ')).toContain('cannot be replaced by a make-up');

    // The founder's own data export holds the mark and the make-up.
    const data = (await away.c.get('/api/me/data.json')).body;
    expect(data.attendance).toEqual([{ sessionId: s.id, title: '第3回 資金計画', status: 'absent', at: '2026-12-10T10:00:00.000Z', madeUpAt: '2026-12-12T01:00:00.000Z' }]);
    expect((await away.c.get('/api/me/data.csv')).body).toContain('講座の出欠,第3回 資金計画,2026-12-10 19:00,欠席・補講修了 2026-12-12 10:00');

    // The stored summaries agree with a rebuild from the marks and progress.
    const report = await rebuildTenant(t.deps.db, t.deps.catalog(), T, clock.now());
    expect(report.differences).toEqual([]);

    // The follow-up list as CSV for Excel.
    const csv = await staff.get(`/api/tenants/${T}/sessions/${s.id}/follow-up.csv`);
    expect(csv.headers.get('content-disposition')).toContain(`follow-up-${T}-2026-12-10-${s.id}.csv`);
    const lines = (csv.body as string).slice(1).split('\r\n');
    expect(lines[0]).toBe('id,氏名 name,メール email,状況 follow-up,出欠 attendance,記録方法 via,記録日時 marked,補講期限 make-up due,補講修了 made up on');
    expect(lines.find((l) => l.startsWith(away.id))).toContain('補講済み made up');
    expect(lines.find((l) => l.startsWith(away.id))).toContain('2026-12-24,2026-12-12');
  });

  it('staff correct late: present after all withdraws the open make-up; absent after the job assigns one; both audited', async () => {
    const a = await founder('late-a@example.jp');
    const b = await founder('late-b@example.jp');
    const s = await aSession();
    at('2026-12-10T19:10:00+09:00');
    await relogin();
    await staff.post(`/api/tenants/${T}/sessions/${s.id}/attendance`, { marks: [{ userId: b.id, status: 'present' }] });
    at('2026-12-10T21:10:00+09:00');
    await runMakeUps(t.deps);
    await relogin(a, b);
    expect((await a.c.get('/api/assignments')).body.assignments).toHaveLength(1);

    const fix = await staff.post(`/api/tenants/${T}/sessions/${s.id}/attendance`, { marks: [{ userId: a.id, status: 'present' }, { userId: b.id, status: 'absent' }] });
    expect(fix.body).toMatchObject({ changed: 2, counts: { present: 1, absent: 1 } });
    expect((await a.c.get('/api/assignments')).body.assignments).toEqual([]);
    const bList = (await b.c.get('/api/assignments')).body.assignments;
    expect(bList).toHaveLength(1);
    expect(bList[0].source.kind).toBe('makeup');
    // …and the make-up's mail, once, as the job would have sent it.
    expect(t.mailer.sent.filter((m) => m.to === 'late-b@example.jp' && m.subject.includes('補講'))).toHaveLength(1);
    expect((await a.c.get('/api/evidence')).body.areas.find((x: { area: string }) => x.area === 'finance').entries).toEqual([expect.objectContaining({ kind: 'session', mode: 'in_person' })]);
    expect((await b.c.get('/api/evidence')).body.areas.find((x: { area: string }) => x.area === 'finance').entries).toEqual([]);
    const audit = (await staff.get(`/api/tenants/${T}/audit`)).body.entries;
    expect(audit[0]).toMatchObject({ action: 'attendance.correct', detail: { sessionId: s.id, changes: [{ userId: a.id, status: 'present' }, { userId: b.id, status: 'absent' }] } });
    expect((await runMakeUps(t.deps)).assigned).toBe(0);
  });
});

describe('isolation', () => {
  it('another municipality sees nothing of these sessions, and its founders cannot check in with their codes', async () => {
    await aTenant(t.deps, '271403', { ja: '堺市', en: 'Sakai City' });
    await aCode(t.deps, { code: 'SAKAI-TEST', tenantId: '271403' });
    await anAccount(t.deps, { email: 'sakai@example.jp', roles: [{ tenantId: '271403', role: 'staff' }] });
    const sakai = api.client();
    await loginAs(t.deps, sakai, 'sakai@example.jp');
    const sakaiFounder = await founder('sakai-f@example.jp', 'SAKAI-TEST');
    const s = await aSession();
    for (const [m, p, b] of [
      ['GET', `/api/tenants/${T}/sessions`], ['GET', `/api/tenants/${T}/sessions/${s.id}/follow-up`], ['GET', `/api/tenants/${T}/sessions/${s.id}/checkin-code`],
      ['POST', `/api/tenants/${T}/sessions/${s.id}/attendance`, { marks: [{ userId: sakaiFounder.id, status: 'present' }] }],
      ['GET', `/api/tenants/${T}/sessions/${s.id}/follow-up.csv`],
    ] as Array<[string, string, unknown?]>) {
      expect((await sakai.request(m, p, b)).status, `${m} ${p}`).toBe(403);
    }
    // Sakai's staff asking for the session under their own municipality: it does not exist there.
    expect((await sakai.get(`/api/tenants/271403/sessions/${s.id}/follow-up`)).status).toBe(404);
    at('2026-12-10T19:00:00+09:00');
    await relogin(sakaiFounder);
    const code = await screenCode(s.id);
    expect((await sakaiFounder.c.post(`/api/sessions/${T}/${s.id}/checkin`, { code })).status).toBe(404);
    expect((await sakaiFounder.c.post(`/api/sessions/271403/${s.id}/checkin`, { code })).status).toBe(404);
  });
});
