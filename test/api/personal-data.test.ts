import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { rebuildTenant } from '../../functions/services/totals.ts';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD, signUpBody } from '../fixtures/factories.ts';

// The founder's own data (個人情報保護法): everything held about them as JSON and CSV; deleting the account erases or
// anonymises it at once, while the municipality's counts stay as anonymous counts.

let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let founder: TestClient;
let staff: TestClient;
let founderId: string;
let verificationCode: string;
let n = 0;
const ev = () => ({ eventId: `pd-${String(++n).padStart(8, '0')}`, status: 'completed' as const });

beforeEach(async () => {
  const clock = testClock('2026-12-04T01:00:00.000Z');
  t = await testDeps({ clock });
  api = testApp(t.deps);
  await aTenant(t.deps);
  const code = await aCode(t.deps);
  founder = api.client();
  founderId = (await founder.post('/api/auth/signup', signUpBody(code, 'misaki@example.jp'))).body.user.id;
  for (const [m, l] of [['m1', 'l1'], ['m1', 'l2'], ['m4', 'l1']]) expect((await founder.put(`/api/progress/kiso/${m}/${l}`, ev())).status).toBe(200);
  expect((await founder.post('/api/quizzes/kiso/m4/attempts', { attemptId: 'att-pd-000001', version: 'v1', answers: { q1: ['b'] } })).status).toBe(201);
  expect((await founder.post('/api/quizzes/kiso/m4/attempts', { attemptId: 'att-pd-000002', version: 'v1', answers: { q1: ['a'] } })).status).toBe(201);
  verificationCode = (await founder.get('/api/evidence')).body.verificationCode;
  // A rating of m1 with a comment that names the founder: the comment is theirs, the rating the union's count.
  expect((await founder.put('/api/feedback/kiso/m1', { usefulness: 4, helpedPlan: true, comment: '田中です。とても良かった' })).status).toBe(200);
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
  staff = api.client();
  await loginAs(t.deps, staff, 'staff@example.jp');
  // Staff looked at the founder's record: the audit log names them.
  expect((await staff.get(`/api/founders/${founderId}`)).status).toBe(200);
});

const itemsOf = async (pk: string) => (await t.deps.db.doc.send(new QueryCommand({
  TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk },
}))).Items ?? [];

describe('the founder’s data', () => {
  it('downloads everything held about them as JSON', async () => {
    const r = await founder.get('/api/me/data.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="sogyo-campus-data-${founderId}-2026-12-04.json"`);
    const d = r.body;
    expect(d.profile).toMatchObject({ id: founderId, name: '田中 美咲', email: 'misaki@example.jp', emailVerified: false, locale: 'ja', twoFactor: false });
    expect(d.memberships).toEqual([{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'learner', cohortId: 'c1' }]);
    expect(d.progress.filter((p: { kind: string }) => p.kind === 'lesson')).toHaveLength(3);
    expect(d.progress.filter((p: { kind: string }) => p.kind === 'module').map((p: { moduleId: string }) => p.moduleId).sort()).toEqual(['m1', 'm4']);
    expect(d.progress.find((p: { kind: string }) => p.kind === 'quiz_best')).toMatchObject({ moduleId: 'm4', status: 'passed', detail: 'best 100%, 2 attempt(s)' });
    expect(d.quizAttempts.map((a: { attemptId: string; score: number }) => [a.attemptId, a.score])).toEqual([['att-pd-000001', 0], ['att-pd-000002', 100]]);
    expect(d.evidence).toEqual({ verificationCode, issuedAt: '2026-12-04T01:00:00.000Z' });
    expect(d.logins).toHaveLength(1);
    expect(d).toHaveProperty('attendance', []);
    expect(d.feedback).toEqual([{
      courseId: 'kiso', moduleId: 'm1', version: 'm1-v1', usefulness: 4, helpedPlan: true, comment: '田中です。とても良かった',
      answeredAt: '2026-12-04T01:00:00.000Z', updatedAt: '2026-12-04T01:00:00.000Z',
    }]);
    expect(JSON.stringify(d)).not.toMatch(/passwordHash|scrypt|csrf|tokenHash/);
  });

  it('and as a CSV a person can read in Excel, in their language', async () => {
    const r = await founder.get('/api/me/data.csv');
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = r.body as string;
    expect(text.startsWith('\uFEFF区分,項目,日時（日本時間）,内容\r\n')).toBe(true);
    expect(text).toContain('プロフィール,氏名,,田中 美咲\r\n');
    expect(text).toContain('プロフィール,メールアドレス,,misaki@example.jp（未確認）\r\n');
    expect(text).toContain(`受講証明,確認コード,2026-12-04 10:00,${verificationCode}\r\n`);
    expect(text).toMatch(/確認テストの解答,kiso \/ m4,2026-12-04 10:00,100% 合格/);
    expect(text).toContain('単元の評価,kiso / m1,2026-12-04 10:00,"4 / 5, 事業計画に役立った — 田中です。とても良かった"\r\n');
    await founder.request('PATCH', '/api/me', { locale: 'en' });
    expect((await founder.get('/api/me/data.csv')).body).toMatch(/^\uFEFFSection,Item,Date \(Japan time\),Detail\r\n/);
  });

  it('staff download it on the founder’s request, and the download is audited', async () => {
    const r = await staff.get(`/api/founders/${founderId}/data.json`);
    expect(r.body.profile.email).toBe('misaki@example.jp');
    expect((await staff.get(`/api/founders/${founderId}/data.csv`)).body).toContain('田中 美咲');
    const audit = (await staff.get('/api/tenants/271004/audit')).body.entries;
    expect(audit.filter((e: { action: string }) => e.action === 'founder.data_export')).toHaveLength(2);
  });
});

describe('deleting the account', () => {
  const snapshot = async () => {
    const totals = (await staff.get('/api/tenants/271004/totals')).body;
    const { asOf: _asOf, ...figures } = totals;
    return figures;
  };

  async function expectErased() {
    // Signed out everywhere; the email can no longer sign in, and is free for a new account.
    expect((await founder.get('/api/me')).status).toBe(401);
    expect((await api.client().post('/api/auth/signin', { email: 'misaki@example.jp', password: PASSWORD })).status).toBe(401);
    // The verification code resolves to nobody.
    expect((await api.client().get(`/api/verify/${verificationCode}`)).status).toBe(404);
    // Staff no longer find them; their record is gone (to staff, like any founder they may not see: 403).
    expect((await staff.get('/api/tenants/271004/founders')).body.founders).toEqual([]);
    expect((await staff.get(`/api/founders/${founderId}`)).status).toBe(403);
    // Personal items are gone: profile, memberships, two-step item, email claim, quiz answers.
    expect(await itemsOf(`USER#${founderId}`)).toEqual([]);
    expect(await itemsOf('EMAIL#misaki@example.jp')).toEqual([]);
    expect(await itemsOf(`ATTEMPTS#${founderId}#kiso`)).toEqual([]);
    // Their module feedback keeps the rating (an anonymous count) but loses the comment, in the rollup too.
    const [fb] = await itemsOf(`FEEDBACK#${founderId}#kiso`);
    expect(fb).toMatchObject({ usefulness: 4, helpedPlan: true, comment: null });
    expect(fb).not.toHaveProperty('gsi1pk');
    const [rollup] = (await itemsOf('TENANT#271004')).filter((i) => i.sk === 'FEEDBACK#kiso#m1#m1-v1');
    expect(rollup).toMatchObject({ answers: 1, usefulnessSum: 4, helped: 1, comments: 0 });
    // The summary keeps only anonymous counts: no name, email or search text, in no index.
    const [summary] = (await itemsOf('TENANT#271004')).filter((i) => i.sk === `LEARNER#${founderId}`);
    expect(summary).toMatchObject({ name: '', email: '', completedLessons: 3, completedModules: ['m1', 'm4'] });
    for (const k of ['search', 'gsi2pk', 'gsi3pk', 'enrolmentCode']) expect(summary).not.toHaveProperty(k);
    // The audit log keeps who looked, not whose record it was by name.
    const audit = (await itemsOf('TENANT#271004')).filter((i) => String(i.sk).startsWith('AUDIT#'));
    expect(audit.some((a) => a.subjectId === founderId)).toBe(true);
    expect(audit.filter((a) => a.subjectName === '田中 美咲')).toEqual([]);
    // And a rebuild of the municipality's figures finds nothing to change.
    expect((await rebuildTenant(t.deps.db, t.deps.catalog(), '271004', t.deps.clock())).differences).toEqual([]);
  }

  it('by the founder, with their password: erased at once, the municipality’s counts unchanged', async () => {
    const before = await snapshot();
    expect(before.founders).toBe(1);
    expect((await founder.post('/api/me/delete', { currentPassword: 'not-my-password' })).body.error.code).toBe('password_incorrect');
    expect((await founder.get('/api/me')).status).toBe(200);
    const r = await founder.post('/api/me/delete', { currentPassword: PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ deleted: true, deletedAt: '2026-12-04T01:00:00.000Z' });
    expect(r.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await snapshot()).toEqual(before);
    await expectErased();
    const code = await aCode(t.deps, { code: 'AGAIN-2026' });
    expect((await api.client().post('/api/auth/signup', signUpBody(code, 'misaki@example.jp'))).status).toBe(201);
  });

  it('by staff on the founder’s request: the same, and audited without the name', async () => {
    const before = await snapshot();
    const r = await staff.post(`/api/founders/${founderId}/erase`);
    expect(r.status).toBe(200);
    expect(await snapshot()).toEqual(before);
    await expectErased();
    const entries = (await staff.get('/api/tenants/271004/audit')).body.entries;
    const erased = entries.find((e: { action: string }) => e.action === 'founder.erase');
    expect(erased).toMatchObject({ subjectId: founderId, actorId: expect.any(String) });
    expect(erased.subjectName ?? null).toBeNull();
  });

  it('staff, advisors and admins are not deleted this way (the union closes their accounts)', async () => {
    const r = await staff.post('/api/me/delete', { currentPassword: PASSWORD });
    expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
  });
});
