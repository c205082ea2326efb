import { beforeEach, describe, expect, it } from 'vitest';
import { remindSurveys } from '../../functions/services/surveys.ts';
import { putTenant } from '../../functions/store/tenants.ts';
import { loginAs, testApp, testDeps, type TestClient } from '../fixtures/deps.ts';
import { anAccount, aTenant } from '../fixtures/factories.ts';

// Issue 12 points 2 and 3 through the API: the admin opens the 令和8年度 survey, staff answer (and change it) inside
// the window only, the KPI counts municipalities (pending is neither yes nor no), and reminders go once per point.
let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let admin: TestClient;
const staff: Record<string, TestClient> = {};
// The test clock starts on 2026-11-28 10:00 JST: 令和8年度 (FY2026).
const WINDOW = { opensAt: '2026-12-01T00:00:00+09:00', closesAt: '2027-01-01T00:00:00+09:00' };
const YES = { effective: true, seminar_fit: 4, less_work: 3, founder_use: 5 };
const answer = (a: Record<string, unknown>, surveyVersion = 1) => ({ surveyVersion, answers: a });
const TOWNS: Array<[string, string, string]> = [['271004', '大阪市', 'Osaka City'], ['271403', '堺市', 'Sakai City'], ['262013', '福知山市', 'Fukuchiyama City'], ['282014', '姫路市', 'Himeji City']];

/** Moves the clock (a day or more: logins time out when idle) and signs everyone in again. */
async function at(iso: string) {
  t.clock.set(iso);
  for (const [id] of TOWNS) await loginAs(t.deps, staff[id]!, `staff.${id}@example.jp`);
  await loginAs(t.deps, admin, 'admin@example.jp');
}

beforeEach(async () => {
  t = await testDeps();
  api = testApp(t.deps);
  for (const [id, ja, en] of TOWNS) {
    await aTenant(t.deps, id, { ja, en });
    await anAccount(t.deps, { email: `staff.${id}@example.jp`, name: `職員 ${ja}`, roles: [{ tenantId: id, role: 'staff' }] });
    staff[id] = api.client();
    await loginAs(t.deps, staff[id], `staff.${id}@example.jp`);
  }
  // Two prefectures: 京都府 and 兵庫県 for the last two.
  await putTenant(t.deps.db, { id: '262013', name: { ja: '福知山市', en: 'Fukuchiyama City' }, prefecture: '京都府', createdAt: t.deps.clock().toISOString() });
  await putTenant(t.deps.db, { id: '282014', name: { ja: '姫路市', en: 'Himeji City' }, prefecture: '兵庫県', createdAt: t.deps.clock().toISOString() });
  await anAccount(t.deps, { email: 'admin@example.jp', admin: true });
  admin = api.client();
  await loginAs(t.deps, admin, 'admin@example.jp');
});

describe('the yearly survey', () => {
  it('is opened by the admin with the 令和8年度 questions, and refused before it opens', async () => {
    const r = await admin.put('/api/surveys/2026', WINDOW);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ fiscalYear: 2026, label: { ja: '令和8年度', en: 'FY2026 (Reiwa 8)' }, version: 1, state: 'scheduled' });
    expect(r.body.questions.find((q: { key?: boolean }) => q.key)).toMatchObject({ id: 'effective', kind: 'yes_no' });
    const early = await staff['271004']!.put('/api/tenants/271004/survey/2026', answer(YES));
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('survey_closed');
    expect((await staff['271004']!.get('/api/tenants/271004/survey')).body).toMatchObject({ survey: { state: 'scheduled' }, answer: null });
  });

  it('refuses a bad window, a key question that changes id, and a year too far ahead, writing nothing', async () => {
    expect((await admin.put('/api/surveys/2026', { opensAt: WINDOW.closesAt, closesAt: WINDOW.opensAt })).status).toBe(400);
    expect((await admin.put('/api/surveys/2028', WINDOW)).status).toBe(400);
    expect((await admin.put('/api/surveys/2026', WINDOW)).status).toBe(200);
    const renamed = await admin.put('/api/surveys/2026', { ...WINDOW, questions: [{ id: 'useful', kind: 'yes_no', key: true, required: true, text: { ja: '有効でしたか', en: 'Effective?' } }] });
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.fields).toHaveProperty('questions');
    const list = await admin.get('/api/surveys');
    expect(list.body.surveys).toHaveLength(1);
    expect(list.body.surveys[0].survey.version).toBe(1);
  });

  it('takes one answer per municipality inside the window, changeable until it closes; the KPI counts pending as neither', async () => {
    await admin.put('/api/surveys/2026', WINDOW);
    await at('2026-12-10T01:00:00.000Z');
    // Missing and wrong answers are refused with the fields named, and nothing is stored.
    const bad = await staff['271004']!.put('/api/tenants/271004/survey/2026', answer({ effective: 'yes' }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['answers.effective', 'answers.founder_use', 'answers.less_work', 'answers.seminar_fit']);
    expect((await staff['271004']!.get('/api/tenants/271004/survey')).body.answer).toBeNull();
    // Osaka yes, Sakai no: 50 %, 2 of 4 responding, below the line.
    const osaka = await staff['271004']!.put('/api/tenants/271004/survey/2026', answer({ ...YES, comments: '  補講の案内が自動で届くのが助かる  ' }));
    expect(osaka.status).toBe(200);
    expect(osaka.body.answer).toMatchObject({ answers: { effective: true, comments: '補講の案内が自動で届くのが助かる' }, answeredByName: '職員 大阪市' });
    expect((await staff['271403']!.put('/api/tenants/271403/survey/2026', answer({ ...YES, effective: false, less_work: 2 }))).status).toBe(200);
    // Staff answer only for their own municipality; the admin never answers for one.
    expect((await staff['271004']!.put('/api/tenants/271403/survey/2026', answer(YES))).status).toBe(403);
    expect((await admin.put('/api/tenants/271403/survey/2026', answer(YES))).status).toBe(403);
    let k = (await admin.get('/api/surveys/2026/kpi')).body;
    expect(k).toMatchObject({ expected: 4, responded: 2, effective: 1, notEffective: 1, pending: 2, effectiveShare: 0.5, responseRate: 0.5, meetsTarget: false, target: 0.8 });
    expect(Object.fromEntries(k.municipalities.map((m: { tenantId: string; status: string }) => [m.tenantId, m.status]))).toEqual({
      282014: 'pending', 262013: 'pending', 271004: 'effective', 271403: 'not_effective',
    });
    expect(k.byPrefecture.find((p: { prefecture: string }) => p.prefecture === '大阪府')).toMatchObject({ expected: 2, responded: 2, effectiveShare: 0.5 });
    expect(k.byPrefecture.find((p: { prefecture: string }) => p.prefecture === '京都府')).toMatchObject({ expected: 1, responded: 0, effectiveShare: null, pending: 1 });
    expect(k.likert.find((l: { questionId: string }) => l.questionId === 'less_work')).toMatchObject({ mean: 2.5, n: 2 });
    expect(k.comments).toEqual([{ tenantId: '271004', name: { ja: '大阪市', en: 'Osaka City' }, questionId: 'comments', text: '補講の案内が自動で届くのが助かる' }]);

    // Sakai changes its answer to yes; Fukuchiyama and Himeji answer yes: 4 of 4 → 100 %, at the line.
    await at('2026-12-10T02:00:00.000Z');
    expect((await staff['271403']!.put('/api/tenants/271403/survey/2026', answer(YES))).body.answer.firstAt).toBe('2026-12-10T01:00:00.000Z');
    await staff['262013']!.put('/api/tenants/262013/survey/2026', answer(YES));
    await staff['282014']!.put('/api/tenants/282014/survey/2026', answer({ ...YES, effective: false }));
    k = (await admin.get('/api/surveys/2026/kpi')).body;
    expect(k).toMatchObject({ responded: 4, effective: 3, effectiveShare: 0.75, meetsTarget: false, pending: 0 });

    // After the window closes nothing changes any more.
    await at('2027-01-05T00:00:00.000Z');
    const late = await staff['282014']!.put('/api/tenants/282014/survey/2026', answer(YES));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('survey_closed');
    expect((await admin.get('/api/surveys/2026/kpi')).body).toMatchObject({ effective: 3, effectiveShare: 0.75, survey: { state: 'closed' } });
    const list = (await admin.get('/api/surveys')).body;
    expect(list.trend).toEqual([expect.objectContaining({ fiscalYear: 2026, effectiveShare: 0.75, responseRate: 1, meetsTarget: false })]);
  });

  it('makes a new version when the questions change; an answer to the old version is refused as changed', async () => {
    await admin.put('/api/surveys/2026', WINDOW);
    await at('2026-12-10T01:00:00.000Z');
    await staff['271004']!.put('/api/tenants/271004/survey/2026', answer(YES));
    const list = (await admin.get('/api/surveys')).body.surveys[0].survey;
    const questions = [...list.questions.filter((q: { id: string }) => q.id !== 'founder_use')];
    const r = await admin.put('/api/surveys/2026', { ...WINDOW, questions });
    expect(r.body.version).toBe(2);
    const stale = await staff['271403']!.put('/api/tenants/271403/survey/2026', answer(YES, 1));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('survey_changed');
    // Osaka's answer to version 1 still counts: the key question kept its id.
    expect((await admin.get('/api/surveys/2026/kpi')).body).toMatchObject({ responded: 1, effective: 1 });
  });

  it('reminds municipalities that have not answered, once per reminder point, by mail to their staff', async () => {
    await admin.put('/api/surveys/2026', WINDOW);
    expect((await remindSurveys(t.deps)).reminded).toBe(0); // not open yet
    await at('2026-12-01T01:00:00.000Z');
    await staff['271004']!.put('/api/tenants/271004/survey/2026', answer(YES));
    const sent = t.mailer.sent.length;
    expect((await remindSurveys(t.deps)).reminded).toBe(3);
    expect((await remindSurveys(t.deps)).reminded).toBe(0); // the same point is never sent twice
    const mails = t.mailer.sent.slice(sent);
    expect(mails.map((m) => m.to).sort()).toEqual(['staff.262013@example.jp', 'staff.271403@example.jp', 'staff.282014@example.jp']);
    expect(mails[0]!.subject).toContain('令和8年度 利用市町村アンケート');
    expect(mails[0]!.text).toContain('/staff/');
    // A week before the close, the next reminder; the day before, the last one.
    await at('2026-12-25T01:00:00.000Z');
    expect((await remindSurveys(t.deps)).reminded).toBe(3);
    await at('2026-12-31T01:00:00.000Z');
    await staff['271403']!.put('/api/tenants/271403/survey/2026', answer(YES));
    expect((await remindSurveys(t.deps)).reminded).toBe(2);
    await at('2027-01-02T01:00:00.000Z');
    expect((await remindSurveys(t.deps)).reminded).toBe(0); // closed
  });
});
