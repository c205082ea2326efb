import { describe, expect, it } from 'vitest';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD, signUpBody } from '../fixtures/factories.ts';

// The municipal staff workspace through the API: figures over time, the founders table, corrections, deactivation,
// cohorts and codes, the CSV export and the audit log.
let n = 0;
const ev = (status: 'in_progress' | 'completed') => ({ eventId: `stf-${String(++n).padStart(8, '0')}`, status });

async function setup() {
  const clock = testClock('2026-12-04T01:00:00.000Z'); // Friday 10:00 in Japan, fiscal year 2026 (令和8年度)
  const t = await testDeps({ clock });
  const api = testApp(t.deps);
  await aTenant(t.deps);
  await aTenant(t.deps, '271403', { ja: '堺市', en: 'Sakai City' });
  const code = await aCode(t.deps);
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
  await anAccount(t.deps, { email: 'sakai@example.jp', roles: [{ tenantId: '271403', role: 'staff' }] });
  // Staff signed in with their second factor (the two-step sign-in itself is tested in accounts.test.ts).
  const as = async (email: string) => {
    const c = api.client();
    await loginAs(t.deps, c, email);
    return c;
  };
  const founder = async (email: string, name = '田中 美咲') => {
    const c = api.client();
    const r = await c.post('/api/auth/signup', { ...signUpBody(code, email), name });
    expect(r.status).toBe(201);
    return { client: c, id: r.body.user.id as string };
  };
  return { t, clock, api, code, as, founder };
}

const complete = async (c: TestClient, module: string, lessons: string[]) => {
  for (const l of lessons) expect((await c.put(`/api/progress/kiso/${module}/${l}`, ev('completed'))).status).toBe(200);
};

describe('activity over time', () => {
  it('counts founders active in the last 7 and 30 days, the inactive by the municipality’s N, and the fiscal year by week', async () => {
    const { clock, as, founder } = await setup();
    const a = await founder('a@example.jp');
    const b = await founder('b@example.jp');
    await founder('c@example.jp'); // never studies
    clock.set('2026-11-10T01:00:00.000Z');
    await a.client.post('/api/auth/signin', { email: 'a@example.jp', password: PASSWORD });
    await a.client.put('/api/progress/kiso/m1/l1', ev('in_progress')); // 24 days before "today"
    clock.set('2026-12-03T01:00:00.000Z');
    await b.client.post('/api/auth/signin', { email: 'b@example.jp', password: PASSWORD });
    await b.client.put('/api/progress/kiso/m1/l1', ev('in_progress'));
    clock.set('2026-12-04T01:00:00.000Z');

    const staff = await as('staff@example.jp');
    let r = (await staff.get('/api/tenants/271004/activity')).body;
    expect(r).toMatchObject({ day: '2026-12-04', inactiveDays: 14, activeLast7Days: 1, activeLast30Days: 2, inactive: 2 });
    expect(r.fiscalYear.label).toEqual({ ja: '令和8年度', en: 'FY2026 (Reiwa 8)' });
    expect(r.fiscalYear.weeks[0]).toMatchObject({ week: '2026-W14', start: '2026-03-30' });
    expect(r.fiscalYear.weeks.at(-1)).toMatchObject({ week: '2026-W49', enrolments: 3, active: 1 });

    // The municipality counts founders as inactive after 30 days instead: a is active enough again.
    expect((await staff.put('/api/tenants/271004/settings', { inactiveDays: 30 })).body).toEqual({ inactiveDays: 30, auditRetentionYears: 5, makeUpDays: 14 });
    r = (await staff.get('/api/tenants/271004/activity')).body;
    expect(r).toMatchObject({ inactiveDays: 30, inactive: 1 });
    expect((await staff.put('/api/tenants/271004/settings', { inactiveDays: 3 })).status).toBe(400);
  });
});

describe('the founders table', () => {
  it('sorts, filters, searches and pages; a cursor from another municipality is refused', async () => {
    const { clock, as, founder } = await setup();
    const names = ['Ueda Ken', 'Abe Mai', 'Mori Sho', 'ｙａｍａｄａ Taro', 'Kato Yui'];
    const fs = [];
    for (const [i, name] of names.entries()) fs.push(await founder(`f${i}@example.jp`, name));
    await complete(fs[1]!.client, 'm1', ['l1', 'l2']); // Abe covers management
    clock.advance(60); // Mori studies a minute later: the most recent
    await fs[2]!.client.put('/api/progress/kiso/m2/l1', ev('in_progress'));
    const staff = await as('staff@example.jp');

    const page1 = (await staff.get('/api/tenants/271004/founders?sort=name&limit=2')).body;
    expect(page1.founders.map((f: { name: string }) => f.name)).toEqual(['Abe Mai', 'Kato Yui']);
    const page2 = (await staff.get(`/api/tenants/271004/founders?sort=name&limit=2&cursor=${page1.next}`)).body;
    expect(page2.founders.map((f: { name: string }) => f.name)).toEqual(['Mori Sho', 'Ueda Ken']);

    const recent = (await staff.get('/api/tenants/271004/founders?sort=activity&limit=2')).body;
    expect(recent.founders.map((f: { name: string }) => f.name)).toEqual(['Mori Sho', 'Abe Mai']);

    const search = (await staff.get('/api/tenants/271004/founders?q=YAMADA')).body;
    expect(search.founders.map((f: { email: string }) => f.email)).toEqual(['f3@example.jp']);
    expect((await staff.get('/api/tenants/271004/founders?q=f4%40example')).body.founders).toHaveLength(1);

    const missing = (await staff.get('/api/tenants/271004/founders?missingArea=management')).body;
    expect(missing.founders).toHaveLength(4);
    const inactive = (await staff.get('/api/tenants/271004/founders?status=inactive')).body;
    expect(inactive.founders.map((f: { name: string }) => f.name).sort()).toEqual(['Kato Yui', 'Ueda Ken', 'ｙａｍａｄａ Taro']);
    expect((await staff.get('/api/tenants/271004/founders?cohort=c1&limit=100')).body.founders).toHaveLength(5);
    expect((await staff.get('/api/tenants/271004/founders?cohort=nope')).body.founders).toHaveLength(0);

    // A cursor is the municipality's own: Sakai's staff cannot use Osaka's to read on, nor forge one.
    const sakai = await as('sakai@example.jp');
    const stolen = await sakai.get(`/api/tenants/271403/founders?sort=name&cursor=${page1.next}`);
    expect([stolen.status, stolen.body.error.fields]).toEqual([400, { cursor: 'invalid' }]);
    expect((await staff.get('/api/tenants/271004/founders?cursor=bm90LWpzb24')).status).toBe(400);
    expect((await staff.get('/api/tenants/271004/founders?sort=cost')).status).toBe(400);
    expect((await sakai.get('/api/tenants/271403/founders')).body.founders).toEqual([]);
  });
});

describe('corrections and deactivation', () => {
  it('staff correct name, email and cohort in one write; the old email is free, the change audited', async () => {
    const { t, as, founder } = await setup();
    const f = await founder('typo@exmaple.jp', '田中 美崎');
    await founder('taken@example.jp');
    const staff = await as('staff@example.jp');
    await staff.post('/api/tenants/271004/cohorts', { name: '2027年春 創業塾', startsOn: '2027-04-01', endsOn: '2027-06-30' });
    const spring = (await staff.get('/api/tenants/271004/cohorts')).body.cohorts.find((c: { name: string }) => c.name === '2027年春 創業塾').id;

    expect((await staff.request('PATCH', `/api/founders/${f.id}`, { email: 'taken@example.jp' })).body.error.code).toBe('email_taken');
    expect((await staff.request('PATCH', `/api/founders/${f.id}`, { cohortId: 'no-such-cohort' })).status).toBe(400);
    expect((await staff.request('PATCH', `/api/founders/${f.id}`, {})).status).toBe(400);
    const r = await staff.request('PATCH', `/api/founders/${f.id}`, { name: '田中 美咲', email: 'misaki@example.jp', cohortId: spring });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: '田中 美咲', email: 'misaki@example.jp', cohortId: spring });

    expect((await t.deps.db.doc.send(new (await import('@aws-sdk/lib-dynamodb')).GetCommand({ TableName: t.deps.db.table, Key: { pk: 'EMAIL#typo@exmaple.jp', sk: 'EMAIL' } }))).Item).toBeUndefined();
    const again = await founder('typo@exmaple.jp'); // the old address can make a new account
    expect(again.id).not.toBe(f.id);
    const signIn = await t.deps.db.doc.send(new (await import('@aws-sdk/lib-dynamodb')).GetCommand({ TableName: t.deps.db.table, Key: { pk: 'EMAIL#misaki@example.jp', sk: 'EMAIL' } }));
    expect(signIn.Item?.userId).toBe(f.id);
    expect((await staff.get(`/api/tenants/271004/founders?q=misaki&cohort=${spring}`)).body.founders).toHaveLength(1);

    const audit = (await staff.get('/api/tenants/271004/audit')).body.entries;
    // The answer to a correction is not a view of its own: one entry for the change, none for reading it back.
    expect(audit.filter((e: { action: string }) => e.action === 'founder.read')).toEqual([]);
    expect(audit.find((e: { action: string }) => e.action === 'founder.update')).toMatchObject({ subjectId: f.id, subjectName: '田中 美咲', detail: { changed: ['name', 'email', 'cohortId'] } });
  });

  it('a deactivated founder cannot sign in and is signed out; progress is kept; reactivation restores it', async () => {
    const { api, as, founder } = await setup();
    const f = await founder('quit@example.jp');
    await complete(f.client, 'm2', ['l1']);
    const staff = await as('staff@example.jp');
    expect((await staff.post(`/api/founders/${f.id}/status`, { active: false })).body).toMatchObject({ deactivated: true, completedModules: ['m2'] });
    expect((await f.client.get('/api/me')).status).toBe(401);
    const wrong = await api.client().post('/api/auth/signin', { email: 'quit@example.jp', password: 'wrong-password-1' });
    expect(wrong.body.error.code).toBe('invalid_credentials'); // suspension is not revealed without the password
    const refused = await api.client().post('/api/auth/signin', { email: 'quit@example.jp', password: PASSWORD });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'account_deactivated']);
    expect((await staff.get('/api/tenants/271004/founders')).body.founders[0]).toMatchObject({ deactivated: true });

    await staff.post(`/api/founders/${f.id}/status`, { active: true });
    const back = api.client();
    expect((await back.post('/api/auth/signin', { email: 'quit@example.jp', password: PASSWORD })).status).toBe(200);
    expect((await back.get('/api/progress/kiso')).body.completedModules).toHaveLength(1);
  });
});

describe('cohorts and enrolment codes', () => {
  it('creates and edits cohorts, issues and withdraws codes, and counts their uses', async () => {
    const { api, as } = await setup();
    const staff = await as('staff@example.jp');
    expect((await staff.post('/api/tenants/271004/cohorts', { name: '逆', startsOn: '2027-06-01', endsOn: '2027-04-01' })).body.error.fields).toEqual({ endsOn: 'the end must not be before the start' });
    const cohort = (await staff.post('/api/tenants/271004/cohorts', { name: '2027年春 創業塾', startsOn: '2027-04-01', endsOn: '2027-06-30' })).body;
    expect(cohort.id).toMatch(/^2027-04-/);
    expect((await staff.put(`/api/tenants/271004/cohorts/${cohort.id}`, { name: '2027年春 創業塾（夜間）', startsOn: '2027-04-01', endsOn: null })).body)
      .toEqual({ id: cohort.id, name: '2027年春 創業塾（夜間）', startsOn: '2027-04-01', endsOn: null });
    expect((await staff.put('/api/tenants/271004/cohorts/no-such-cohort', { name: 'x' })).status).toBe(404);

    expect((await staff.post('/api/tenants/271004/codes', { cohortId: cohort.id, expiresAt: '2020-01-01T00:00:00Z' })).status).toBe(400);
    const code = (await staff.post('/api/tenants/271004/codes', { cohortId: cohort.id, maxUses: 2, expiresAt: '2027-07-01T00:00:00+09:00' })).body;
    expect(code).toMatchObject({ cohortId: cohort.id, maxUses: 2, uses: 0, revokedAt: null, expiresAt: '2027-06-30T15:00:00.000Z' });
    const joined = await api.client().post('/api/auth/signup', signUpBody(code.code, 'spring@example.jp'));
    expect(joined.body.memberships[0].cohortId).toBe(cohort.id);
    expect((await staff.get('/api/tenants/271004/codes')).body.codes.find((c: { code: string }) => c.code === code.code).uses).toBe(1);
    // Who used it: the founders table filtered by the code.
    expect((await staff.get(`/api/tenants/271004/founders?code=${code.code}`)).body.founders.map((f: { email: string }) => f.email)).toEqual(['spring@example.jp']);

    expect((await staff.post(`/api/tenants/271004/codes/${code.code}/revoke`)).body.revokedAt).not.toBeNull();
    const late = await api.client().post('/api/auth/signup', signUpBody(code.code, 'late@example.jp'));
    expect([late.status, late.body.error.code]).toEqual([400, 'code_revoked']);
    expect((await api.client().get(`/api/codes/${code.code}`)).body.error.code).toBe('code_revoked');
    // Sakai's staff cannot withdraw Osaka's code through their own address.
    const sakai = await as('sakai@example.jp');
    expect((await sakai.post('/api/tenants/271403/codes/OSAKA-TEST/revoke')).status).toBe(404);
    expect((await api.client().get('/api/codes/OSAKA-TEST')).status).toBe(200);
  });
});

describe('moving founders between cohorts', () => {
  it('moves founders of the municipality in one request, audited; another municipality’s founder is not found and untouched', async () => {
    const { t, as, founder } = await setup();
    const a = await founder('move-a@example.jp');
    const b = await founder('move-b@example.jp');
    const staff = await as('staff@example.jp');
    const cohort = (await staff.post('/api/tenants/271004/cohorts', { name: '夜間クラス', startsOn: '2027-01-10' })).body;
    const sakaiFounder = await anAccount(t.deps, { email: 'sakai-f@example.jp', roles: [{ tenantId: '271403', role: 'learner', cohortId: 'c1' }] });
    const r = await staff.post(`/api/tenants/271004/cohorts/${cohort.id}/members`, { userIds: [a.id, b.id, sakaiFounder.id, 'no-such-founder'] });
    expect(r.body).toEqual({ moved: 2, notFound: [sakaiFounder.id, 'no-such-founder'] });
    const sakai = await as('sakai@example.jp');
    expect((await sakai.get(`/api/founders/${sakaiFounder.id}`)).body.cohortId).toBe('c1');
    expect((await staff.get(`/api/tenants/271004/founders?cohort=${cohort.id}`)).body.founders).toHaveLength(2);
    expect((await a.client.get('/api/me')).body.memberships[0].cohortId).toBe(cohort.id);
    expect((await staff.post(`/api/tenants/271004/cohorts/${cohort.id}/members`, { userIds: [a.id] })).body).toEqual({ moved: 0, notFound: [] });
    expect((await staff.post('/api/tenants/271004/cohorts/no-such-cohort/members', { userIds: [a.id] })).status).toBe(404);
    expect((await staff.post(`/api/tenants/271004/cohorts/${cohort.id}/members`, { userIds: [] })).status).toBe(400);
    const moves = (await staff.get('/api/tenants/271004/audit')).body.entries.filter((e: { action: string }) => e.action === 'cohort.move');
    expect(moves.map((e: { detail: { moved: number } }) => e.detail.moved).sort()).toEqual([0, 2]);
  });
});

describe('the founders CSV', () => {
  it('opens in Japanese Excel (BOM, CRLF), carries progress per area and standing, spans pages, and is audited', async () => {
    const { t, as, founder } = await setup();
    const a = await founder('csv-a@example.jp', '山田, "太郎"');
    await complete(a.client, 'm1', ['l1', 'l2']);
    // Enough founders for several pages of 500, written as sign-ups leave them.
    const { newSummaryItem } = await import('../../functions/store/summaries.ts');
    const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    for (let i = 0; i < 1100; i += 25) {
      const items = Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: newSummaryItem({ tenantId: '271004', userId: `bulk-${i + j}`, name: `一括 ${i + j}`, email: `bulk${i + j}@example.jp`, cohortId: 'c1', joinedAt: '2026-11-01T00:00:00.000Z' }) } }));
      await t.deps.db.doc.send(new BatchWriteCommand({ RequestItems: { [t.deps.db.table]: items } }));
    }
    const staff = await as('staff@example.jp');
    const r = await staff.get('/api/tenants/271004/exports/founders.csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="founders-271004-2026-12-04.csv"');
    const text = r.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 1 + 1100 + 1);
    expect(text.slice(1).replaceAll('\r\n', '')).not.toContain('\n');
    expect(lines[0]).toBe('id,氏名 name,メール email,コホート cohort,登録日 joined,最終学習 last active,修了モジュール数 modules completed,経営 management,財務 finance,人材育成 hr,販路開拓 sales,全体修了 course completed,特定創業支援 eligibility,停止 deactivated');
    const row = lines.find((l) => l.startsWith(a.id))!;
    expect(row).toBe(`${a.id},"山田, ""太郎""",csv-a@example.jp,c1,2026-12-04,2026-12-04,1,2026-12-04,,,,,not_yet,`);
    expect((await staff.get('/api/tenants/271004/audit')).body.entries[0]).toMatchObject({ action: 'export.founders', actorName: 'テスト 太郎' });
  }, 60_000);
});

describe('the dashboard tables as CSV', () => {
  it('exports areas, modules and weeks for Excel, and refuses a table that does not exist', async () => {
    const { as, founder } = await setup();
    const f = await founder('tables@example.jp');
    await complete(f.client, 'm1', ['l1', 'l2']);
    const staff = await as('staff@example.jp');
    const areas = await staff.get('/api/tenants/271004/exports/tables/areas');
    expect(areas.headers.get('content-disposition')).toBe('attachment; filename="areas-271004-2026-12-04.csv"');
    expect((areas.body as string).split('\r\n').slice(0, 3)).toEqual(['\uFEFF分野 area,修了した創業者 founders covering it,登録者 founders', '経営 management,1,1', '財務 finance,0,1']);
    const modules = (await staff.get('/api/tenants/271004/exports/tables/modules')).body as string;
    expect(modules).toContain('\r\nkiso,m1,事業コンセプト,2,1\r\n');
    const weeks = (await staff.get('/api/tenants/271004/exports/tables/weeks')).body as string;
    expect(weeks.trimEnd().split('\r\n').at(-1)).toBe('2026-W49,2026-11-30,1,1,0,1');
    expect((await staff.get('/api/tenants/271004/exports/tables/founders')).status).toBe(404);
    expect((await staff.get('/api/tenants/271004/audit')).body.entries.map((e: { action: string }) => e.action).sort()).toEqual(['export.areas', 'export.modules', 'export.weeks']);
  });
});

describe('the audit log', () => {
  it('pages newest first for the municipality’s staff; cursors cannot be forged into another partition', async () => {
    const ctx = await setup();
    const { as, founder } = ctx;
    const f = await founder('seen@example.jp');
    const { clock } = ctx;
    const staff = await as('staff@example.jp');
    for (let i = 0; i < 3; i++) { clock.advance(1); await staff.get(`/api/founders/${f.id}`); }
    const p1 = (await staff.get('/api/tenants/271004/audit?limit=2')).body;
    expect(p1.entries).toHaveLength(2);
    const p2 = (await staff.get(`/api/tenants/271004/audit?limit=2&cursor=${p1.next}`)).body;
    expect(p2.entries.length).toBeGreaterThanOrEqual(1);
    expect(p1.entries[0].at >= p2.entries[0].at).toBe(true);
    const forged = Buffer.from(JSON.stringify({ pk: 'TENANT#271403', sk: 'AUDIT#9' })).toString('base64url');
    expect((await staff.get(`/api/tenants/271004/audit?cursor=${forged}`)).status).toBe(400);
    expect((await staff.request('DELETE', '/api/tenants/271004/audit')).status).toBe(404);
  });
});
