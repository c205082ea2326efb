import { beforeEach, describe, expect, it } from 'vitest';
import { putSession } from '../../functions/store/seminars.ts';
import { putSurvey } from '../../functions/store/surveys.ts';
import { putTenant } from '../../functions/store/tenants.ts';
import { putCounters } from '../../functions/store/totals.ts';
import { SURVEY_QUESTIONS_R8 } from '../../functions/contract/survey.ts';
import { loginAs, testApp, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, signUpBody } from '../fixtures/factories.ts';

// Issue 12 points 4–7 through the API: the region view from rollups (a bounded number of requests), its CSV,
// onboarding by local-government code, a municipality's benchmark with suppression, the module ranking, and anonymity.
let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let admin: TestClient;
let staff: TestClient;
let requests = 0;
const WEEK = '2026-W48'; // the test clock: 2026-11-28 (Sat) 10:00 JST
// Six municipalities; Osaka and four others have ≥ 5 founders, Sakai only 3 (its own figures are suppressed).
const TOWNS: Array<{ id: string; ja: string; en: string; pref: string; founders: number; done: number; active: number }> = [
  { id: '271004', ja: '大阪市', en: 'Osaka City', pref: '大阪府', founders: 40, done: 10, active: 8 },
  { id: '271403', ja: '堺市', en: 'Sakai City', pref: '大阪府', founders: 3, done: 3, active: 3 },
  { id: '262013', ja: '福知山市', en: 'Fukuchiyama City', pref: '京都府', founders: 10, done: 1, active: 2 },
  { id: '282014', ja: '姫路市', en: 'Himeji City', pref: '兵庫県', founders: 20, done: 4, active: 5 },
  { id: '292010', ja: '奈良市', en: 'Nara City', pref: '奈良県', founders: 8, done: 2, active: 1 },
  { id: '302015', ja: '=和歌山市', en: 'Wakayama City', pref: '和歌山県', founders: 5, done: 0, active: 0 },
];

async function session(tenantId: string, id: string, startsAt: string, counts: { present: number; excused: number; absent: number; madeUp: number }) {
  await putSession(t.deps.db, {
    id, tenantId, cohortId: 'c1', title: `第${id}回`, startsAt, endsAt: new Date(Date.parse(startsAt) + 7_200_000).toISOString(), place: '会議室', onlineUrl: null,
    capacity: null, areas: ['management'], courseId: 'kiso', moduleIds: ['m1'], createdAt: startsAt, createdBy: 'test', followedUpAt: null, counts, checkinSecret: 'secret-of-the-session',
  });
}

beforeEach(async () => {
  t = await testDeps();
  api = testApp(t.deps);
  for (const x of TOWNS) {
    await aTenant(t.deps, x.id, { ja: x.ja, en: x.en });
    await putTenant(t.deps.db, { id: x.id, name: { ja: x.ja, en: x.en }, prefecture: x.pref, createdAt: t.deps.clock().toISOString() });
    await putCounters(t.deps.db, x.id, { kind: 'tenant' }, { founders: x.founders, courseCompleted: x.done, eligible: x.done });
    await putCounters(t.deps.db, x.id, { kind: 'week', week: WEEK }, { active: x.active });
  }
  // Osaka held two sessions this fiscal year (15 present of 20; 3 of the 5 who missed made up); one is next month.
  await session('271004', 's1', '2026-10-10T01:00:00.000Z', { present: 8, excused: 1, absent: 1, madeUp: 1 });
  await session('271004', 's2', '2026-11-07T01:00:00.000Z', { present: 7, excused: 2, absent: 1, madeUp: 2 });
  await session('271004', 's3', '2026-12-20T01:00:00.000Z', { present: 0, excused: 4, absent: 0, madeUp: 0 });
  // Last fiscal year's session does not count in this year's rates.
  await session('282014', 'old', '2026-02-01T01:00:00.000Z', { present: 1, excused: 0, absent: 9, madeUp: 0 });
  await anAccount(t.deps, { email: 'admin@example.jp', admin: true });
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
  admin = api.client();
  staff = api.client();
  await loginAs(t.deps, admin, 'admin@example.jp');
  await loginAs(t.deps, staff, 'staff@example.jp');
  requests = 0;
  t.deps.db.doc.middlewareStack.add((next) => async (args) => { requests++; return next(args); }, { step: 'initialize', name: 'countRequests' });
});

/** Five founders of Osaka who complete m2 and rate it; the first also starts m1 without finishing it. */
async function ratings(): Promise<string[]> {
  const code = await aCode(t.deps);
  const names: string[] = [];
  for (let i = 0; i < 5; i++) {
    const c = api.client();
    const email = `rater${i}@example.jp`;
    expect((await c.post('/api/auth/signup', { ...signUpBody(code, email), name: `評価者 ${i}号` })).status).toBe(201);
    names.push(`評価者 ${i}号`, email);
    expect((await c.put('/api/progress/kiso/m2/l1', { eventId: `rating-${i}-m2`, status: 'completed' })).status).toBe(200);
    if (i === 0) expect((await c.put('/api/progress/kiso/m1/l1', { eventId: `rating-${i}-m1`, status: 'completed' })).status).toBe(200);
    expect((await c.put('/api/feedback/kiso/m2', { usefulness: 2 + (i % 3), helpedPlan: i % 2 === 0, comment: `評価者${i}号です。図が分かりにくい` })).status).toBe(200);
  }
  return names;
}

describe('the region view', () => {
  it('shows every municipality from rollups, with a number of requests that does not grow with founders', async () => {
    const r = await admin.get('/api/region/tenants');
    expect(r.status).toBe(200);
    const osaka = r.body.tenants.find((x: { id: string }) => x.id === '271004');
    expect(osaka).toMatchObject({
      founders: 40, activeThisWeek: 8, courseCompleted: 10, eligible: 10, sessionsHeld: 2, present: 15, missed: 5, madeUp: 3,
      attendanceRate: 0.75, makeUpRate: 0.6, feedbackScore: null, survey: 'no_survey',
    });
    expect(r.body.tenants.find((x: { id: string }) => x.id === '282014')).toMatchObject({ sessionsHeld: 0, attendanceRate: null });
    const few = requests;
    expect(few).toBeLessThanOrEqual(12);
    // Twenty founders more, with progress and ratings: the same number of requests.
    await ratings();
    requests = 0;
    const again = await admin.get('/api/region/tenants');
    expect(requests).toBe(few);
    expect(again.body.tenants.find((x: { id: string }) => x.id === '271004').feedbackScore).toBeCloseTo((2 + 3 + 4 + 2 + 3) / 5);
  });

  it('shows each municipality’s answer to the latest survey; one that has not answered is pending', async () => {
    await putSurvey(t.deps.db, { fiscalYear: 2026, version: 1, opensAt: '2026-11-01T00:00:00+09:00', closesAt: '2026-12-31T00:00:00+09:00', questions: SURVEY_QUESTIONS_R8, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'test' }, null, null);
    expect((await staff.put('/api/tenants/271004/survey/2026', { surveyVersion: 1, answers: { effective: false, seminar_fit: 2, less_work: 2, founder_use: 2 } })).status).toBe(200);
    const r = (await admin.get('/api/region/tenants')).body;
    expect(r.surveyLabel).toEqual({ ja: '令和8年度', en: 'FY2026 (Reiwa 8)' });
    expect(Object.fromEntries(r.tenants.map((x: { id: string; survey: string }) => [x.id, x.survey]))).toMatchObject({ 271004: 'not_effective', 271403: 'pending' });
  });

  it('exports as CSV for Excel, without any founder, and a name Excel would read as a formula is neutralised', async () => {
    const names = await ratings();
    const r = await admin.request('GET', '/api/region/tenants.csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const text = r.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    expect(text.split('\r\n')[0]).toContain('団体コード code');
    expect(text).toContain('271004,大阪市,大阪府,2026-11-28,45,');
    expect(text).toContain("'=和歌山市");
    for (const n of names) expect(text).not.toContain(n);
  });
});

describe('onboarding a municipality', () => {
  it('checks the local-government code’s check digit, takes the prefecture from it, and invites the first staff member', async () => {
    const wrong = await admin.post('/api/region/tenants', { code: '252011', name: { ja: '大津市', en: 'Otsu City' }, staffEmail: 'otsu@example.jp' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty('code');
    const sent = t.mailer.sent.length;
    const r = await admin.post('/api/region/tenants', { code: '252018', name: { ja: '大津市', en: 'Otsu City' }, staffEmail: 'otsu@example.jp', staffName: '大津 職員' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: '252018', prefecture: '滋賀県', name: { ja: '大津市', en: 'Otsu City' } });
    expect(t.mailer.sent.slice(sent).map((m) => m.to)).toEqual(['otsu@example.jp']);
    const again = await admin.post('/api/region/tenants', { code: '252018', name: { ja: '大津市', en: 'Otsu City' }, staffEmail: 'other@example.jp' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('tenant_exists');
    expect(t.mailer.sent.length).toBe(sent + 1);
    const region = (await admin.get('/api/region/tenants')).body;
    expect(region.tenants.find((x: { id: string }) => x.id === '252018')).toMatchObject({ founders: 0, prefecture: '滋賀県' });
    expect((await admin.get('/api/tenants/252018/invitations')).body.items).toEqual([expect.objectContaining({ email: 'otsu@example.jp', role: 'staff', tenantId: '252018' })]);
  });
});

describe('a municipality’s benchmark', () => {
  it('shows its figures beside the regional median, names no other municipality, and suppresses small numbers with the reason', async () => {
    const r = await staff.get('/api/tenants/271004/benchmark');
    expect(r.status).toBe(200);
    const fig = (f: string) => r.body.figures.find((x: { figure: string }) => x.figure === f);
    expect(fig('completionRate').own).toEqual({ suppressed: false, value: 0.25, n: 40 });
    // Five municipalities have ≥ 5 founders (Sakai's 3 stay out of the median): 0.25, 0.1, 0.2, 0.25, 0 → 0.2.
    expect(fig('completionRate').region).toEqual({ suppressed: false, value: 0.2, n: 5 });
    // Only Osaka held sessions: its own rate stands on 10 founders; the region's median would be one municipality.
    expect(fig('attendanceRate').own).toEqual({ suppressed: false, value: 0.75, n: 10 });
    expect(fig('attendanceRate').region).toEqual({ suppressed: true, reason: 'few_municipalities', n: 1 });
    expect(fig('feedbackScore').own).toMatchObject({ suppressed: true, reason: 'few_founders' });
    const text = JSON.stringify(r.body);
    for (const x of TOWNS.filter((x) => x.id !== '271004')) { expect(text).not.toContain(x.id); expect(text).not.toContain(x.ja); }
    // Staff of Osaka cannot read Sakai's benchmark.
    expect((await staff.get('/api/tenants/271403/benchmark')).status).toBe(403);
    const sakai = (await admin.get('/api/tenants/271403/benchmark')).body;
    expect(sakai.figures.find((x: { figure: string }) => x.figure === 'completionRate').own).toEqual({ suppressed: true, reason: 'few_founders', n: 3 });
  });
});

describe('the curriculum feedback loop', () => {
  it('ranks modules by usefulness with completion and drop-off, and shows comments without names or municipalities', async () => {
    const names = await ratings();
    const r = (await admin.get('/api/region/modules')).body;
    expect(r.modules[0]).toMatchObject({ moduleId: 'm2', current: { answers: 5, mean: 2.8, helpedShare: 0.6, distribution: [0, 2, 2, 1, 0] }, trend: 'no_previous', started: 5, completed: 5, completionRate: 1, dropOffRate: 0 });
    expect(r.modules.find((m: { moduleId: string }) => m.moduleId === 'm1')).toMatchObject({ started: 1, completed: 0, dropOffRate: 1, current: { answers: 0, mean: null } });
    const d = await admin.get('/api/region/modules/kiso/m2');
    expect(d.status).toBe(200);
    expect(d.body.comments).toHaveLength(5);
    expect(d.body.comments[0]).toEqual({ usefulness: expect.any(Number), helpedPlan: expect.any(Boolean), comment: expect.stringContaining('図が分かりにくい'), month: '2026-11' });
    const text = JSON.stringify(d.body) + JSON.stringify(r);
    for (const n of names) expect(text).not.toContain(n);
    expect(text).not.toContain('271004');
    expect(text).not.toContain('userId');
    expect((await admin.get('/api/region/modules/kiso/m99')).status).toBe(404);
    // The feedback export: counts per municipality and module version; the municipality is the only identifier.
    const csv = (await admin.request('GET', '/api/region/modules.csv')).body as string;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('271004,大阪市,kiso,m2,資金計画,m2-v1,yes,5,2.80,3,5,0,2,2,1,0');
    for (const n of names) expect(csv).not.toContain(n);
    expect(csv).not.toContain('図が分かりにくい');
  });

  it('tells whether the current version of a module rates better than the previous one', async () => {
    await ratings();
    // The module is rewritten: version 2 of the catalog; five founders rate the new m2 higher.
    const { catalogFixture } = await import('../fixtures/catalog.ts');
    t.setCatalog(catalogFixture('v2'));
    const code = await aCode(t.deps, { code: 'OSAKA-V2' });
    for (let i = 0; i < 5; i++) {
      const c = api.client();
      expect((await c.post('/api/auth/signup', signUpBody(code, `v2-${i}@example.jp`))).status).toBe(201);
      await c.put('/api/progress/kiso/m2/l1', { eventId: `version2-${i}`, status: 'completed' });
      expect((await c.put('/api/feedback/kiso/m2', { usefulness: 5, helpedPlan: true })).status).toBe(200);
    }
    const d = (await admin.get('/api/region/modules/kiso/m2')).body;
    expect(d.currentVersion).toBe('m2-v2');
    expect(d.versions.map((v: { version: string; answers: number; mean: number }) => [v.version, v.answers, v.mean])).toEqual([['m2-v2', 5, 5], ['m2-v1', 5, 2.8]]);
    expect(d.trend).toBe('better');
    expect(d.comments).toEqual([]);
  });
});
