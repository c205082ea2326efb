import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ServerCatalog } from '../../functions/contract/catalog.ts';
import { catalogFixture } from '../fixtures/catalog.ts';
import { testApp, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, aTenant, signUpBody } from '../fixtures/factories.ts';

/** m4 (sales) has one lesson and a 3-question quiz; pass mark 60 → 2 of 3 right passes. */
function quizCatalog(version = 'v1', maxAttempts: number | null = null): ServerCatalog {
  const c = catalogFixture(version);
  c.courses[0]!.modules[3] = {
    id: 'm4', version: `m4-${version}`, title: { ja: '顧客分析', en: 'Customers' }, areas: ['sales'], lessons: ['l1'],
    quiz: {
      passMark: 60, maxAttempts,
      questions: [
        { id: 'q1', type: 'single', choiceIds: ['a', 'b', 'c'], correct: ['a'], explanation: 'Customers first.' },
        { id: 'q2', type: 'multiple', choiceIds: ['a', 'b', 'c'], correct: ['a', 'c'], explanation: 'Both a and c.' },
        { id: 'q3', type: 'single', choiceIds: ['a', 'b'], correct: ['b'], explanation: 'B it is.' },
      ],
    },
  };
  return c;
}

let t: Awaited<ReturnType<typeof testDeps>>;
let founder: TestClient;
let n = 0;
const attempt = (answers: Record<string, string[]>, version = 'v1') => ({ attemptId: `att-${String(++n).padStart(8, '0')}`, version, answers });
const allWrong = { q1: ['b'], q2: ['a'], q3: ['a'] };
const twoRight = { q1: ['a'], q2: ['a', 'c'], q3: ['a'] };

async function setup(catalog: ServerCatalog) {
  t = await testDeps({ catalog });
  const api = testApp(t.deps);
  await aTenant(t.deps);
  founder = api.client();
  await founder.post('/api/auth/signup', signUpBody(await aCode(t.deps)));
  return api;
}

describe('a translated module’s quiz', () => {
  it('is graded with the same keys and answers with the English explanation beside the Japanese one', async () => {
    const catalog = quizCatalog();
    const en = ['Customers come first.', 'Both a and c are right.', 'B is right.'];
    catalog.courses[0]!.modules[3]!.quiz!.questions.forEach((q, i) => { q.explanationEn = en[i]; });
    await setup(catalog);
    const r = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(twoRight));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ score: 66, correctCount: 2, passed: true });
    expect(r.body.results).toEqual([
      { questionId: 'q1', correct: true, explanation: 'Customers first.', explanationEn: 'Customers come first.' },
      { questionId: 'q2', correct: true, explanation: 'Both a and c.', explanationEn: 'Both a and c are right.' },
      { questionId: 'q3', correct: false, explanation: 'B it is.', explanationEn: 'B is right.' },
    ]);
  });
});

describe('quizzes are graded on the server', () => {
  beforeEach(async () => { await setup(quizCatalog()); });

  it('grades, says which answers were wrong with explanations, and never sends the keys', async () => {
    const r = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(allWrong));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ score: 0, correctCount: 0, total: 3, passMark: 60, passed: false, attemptsLeft: null, moduleCompleted: false });
    expect(r.body.results).toEqual([
      { questionId: 'q1', correct: false, explanation: 'Customers first.' },
      { questionId: 'q2', correct: false, explanation: 'Both a and c.' },
      { questionId: 'q3', correct: false, explanation: 'B it is.' },
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/"correct":\["|choiceIds/);
  });

  it('counts the best score over retries, records attempts with time, and a later worse attempt does not undo a pass', async () => {
    await founder.post('/api/quizzes/kiso/m4/attempts', attempt(allWrong));
    t.clock.advance(60);
    const pass = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(twoRight));
    expect(pass.body).toMatchObject({ score: 66, passed: true, best: { bestScore: 66, passed: true, attempts: 2, passedAt: '2026-11-28T01:01:00.000Z' } });
    t.clock.advance(60);
    const worse = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(allWrong));
    expect(worse.body).toMatchObject({ score: 0, passed: false, best: { bestScore: 66, passed: true, attempts: 3, lastAttemptAt: '2026-11-28T01:02:00.000Z' } });
    const standing = await founder.get('/api/quizzes/kiso/m4');
    expect(standing.body).toMatchObject({ best: { bestScore: 66, attempts: 3 }, attemptsLeft: null });
  });

  it('a resubmitted attempt is graded and counted once', async () => {
    const a = attempt(twoRight);
    const first = await founder.post('/api/quizzes/kiso/m4/attempts', a);
    const again = await founder.post('/api/quizzes/kiso/m4/attempts', a);
    expect(again.body.best.attempts).toBe(1);
    expect(again.body.score).toBe(first.body.score);
  });

  it('completes the module instantly when its lessons are done and the quiz is passed, in either order', async () => {
    await founder.put('/api/progress/kiso/m4/l1', { eventId: 'evt-m4-l1-0001', status: 'completed' });
    const r = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(twoRight));
    expect(r.body.moduleCompleted).toBe(true);
    const p = await founder.get('/api/progress/kiso');
    expect(p.body.completedModules).toEqual([{ moduleId: 'm4', completedAt: '2026-11-28T01:00:00.000Z', version: 'v1' }]);
    expect(p.body.areas.find((a: { area: string }) => a.area === 'sales')).toMatchObject({ covered: true });
  });

  it('quiz first, lessons after: the last lesson completes the module', async () => {
    await founder.post('/api/quizzes/kiso/m4/attempts', attempt(twoRight));
    const r = await founder.put('/api/progress/kiso/m4/l1', { eventId: 'evt-m4-l1-0002', status: 'completed' });
    expect(r.body.completedModules.map((m: { moduleId: string }) => m.moduleId)).toEqual(['m4']);
  });

  it.each([
    ['an unanswered question', { q1: ['a'], q2: ['a'] }, 'answers.q3'],
    ['an unknown question', { ...twoRight, q9: ['a'] }, 'answers.q9'],
    ['an unknown choice', { ...twoRight, q1: ['z'] }, 'answers.q1'],
    ['two choices on a single-choice question', { ...twoRight, q1: ['a', 'b'] }, 'answers.q1'],
  ])('refuses %s with a field error and records nothing', async (_name, answers, field) => {
    const r = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(answers));
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toHaveProperty(field);
    expect((await founder.get('/api/quizzes/kiso/m4')).body.best).toBeNull();
  });

  it('refuses a stale content version, a malformed body, and quizzes that do not exist', async () => {
    const stale = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(twoRight, 'v0'));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await founder.post('/api/quizzes/kiso/m4/attempts', { attemptId: 'x', answers: 'all' })).status).toBe(400);
    expect((await founder.post('/api/quizzes/kiso/m1/attempts', attempt(twoRight))).status).toBe(404);
    expect((await founder.post('/api/quizzes/kiso/m9/attempts', attempt(twoRight))).status).toBe(404);
  });
});

describe('quiz access and limits', () => {
  it('stops at the configured number of attempts', async () => {
    await setup(quizCatalog('v1', 2));
    expect((await founder.post('/api/quizzes/kiso/m4/attempts', attempt(allWrong))).body.attemptsLeft).toBe(1);
    expect((await founder.post('/api/quizzes/kiso/m4/attempts', attempt(allWrong))).body.attemptsLeft).toBe(0);
    const r = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(twoRight));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('attempts_exhausted');
  });

  it('is for signed-in founders only', async () => {
    const api = await setup(quizCatalog());
    expect((await api.client().post('/api/quizzes/kiso/m4/attempts', attempt(twoRight))).status).toBe(401);
    expect((await api.client().get('/api/quizzes/kiso/m4')).status).toBe(401);
  });
});

describe('completion survives a new curriculum version', () => {
  it('keeps a module completed on v1 complete on v2, even when v2 adds a lesson to it', async () => {
    await setup(quizCatalog('v1'));
    await founder.put('/api/progress/kiso/m4/l1', { eventId: 'evt-v1-m4-0001', status: 'completed' });
    await founder.post('/api/quizzes/kiso/m4/attempts', attempt(twoRight));
    const v2 = quizCatalog('v2');
    v2.courses[0]!.modules[3]!.lessons.push('l2');
    t.setCatalog(v2);
    const p = await founder.get('/api/progress/kiso');
    expect(p.body.version).toBe('v2');
    expect(p.body.completedModules).toEqual([{ moduleId: 'm4', completedAt: expect.any(String), version: 'v1' }]);
    expect(p.body.areas.find((a: { area: string }) => a.area === 'sales')).toMatchObject({ covered: true, completedLessons: 1, totalLessons: 2 });
    // New lessons can still be studied; nothing regresses and the module is not recorded twice.
    const r = await founder.put('/api/progress/kiso/m4/l2', { eventId: 'evt-v2-m4-0002', status: 'completed' });
    expect(r.body.completedModules).toHaveLength(1);
    expect(r.body.lessons.find((l: { lessonId: string }) => l.lessonId === 'l1')).toMatchObject({ completedVersion: 'v1' });
    expect(r.body.lessons.find((l: { lessonId: string }) => l.lessonId === 'l2')).toMatchObject({ completedVersion: 'v2' });
  });

  it('completes areas and the course in the same write as their last module, once, and keeps them on a later version', async () => {
    await setup(quizCatalog('v1'));
    const lessons: Array<[string, string]> = [['m1', 'l1'], ['m1', 'l2'], ['m2', 'l1'], ['m3', 'l1'], ['m3', 'l2'], ['m4', 'l1']];
    let last;
    for (const [i, [m, l]] of lessons.entries()) last = await founder.put(`/api/progress/kiso/${m}/${l}`, { eventId: `evt-all-${String(i).padStart(4, '0')}`, status: 'completed' });
    expect(last!.body.completed).toBeNull();
    expect(last!.body.areas.filter((a: { covered: boolean }) => a.covered).map((a: { area: string }) => a.area)).toEqual(['management', 'finance', 'hr']);
    const passed = await founder.post('/api/quizzes/kiso/m4/attempts', attempt(twoRight));
    expect(passed.body).toMatchObject({ moduleCompleted: true, courseCompleted: true });
    const p = await founder.get('/api/progress/kiso');
    expect(p.body.completed).toEqual({ completedAt: passed.body.submittedAt, version: 'v1' });
    expect(p.body.areas.find((a: { area: string }) => a.area === 'sales')).toMatchObject({ covered: true, coveredAt: passed.body.submittedAt });
    const summary = await t.deps.db.doc.send(new QueryCommand({
      TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': 'TENANT#271004', ':s': 'LEARNER#' },
    }));
    expect(summary.Items![0]).toMatchObject({ coveredAreas: ['management', 'finance', 'hr', 'sales'], courseCompletedAt: passed.body.submittedAt });

    // v2 adds a management module: the founder's management coverage and course completion stand.
    const v2 = quizCatalog('v2');
    v2.courses[0]!.modules.push({ id: 'm5', version: 'm5-v2', title: { ja: '新しい単元', en: 'New' }, areas: ['management'], lessons: ['l1'], quiz: null });
    t.setCatalog(v2);
    const after = await founder.get('/api/progress/kiso');
    expect(after.body.completed).toEqual({ completedAt: passed.body.submittedAt, version: 'v1' });
    expect(after.body.areas.find((a: { area: string }) => a.area === 'management')).toMatchObject({ covered: true, completedModules: 1, totalModules: 2 });
    const more = await founder.put('/api/progress/kiso/m5/l1', { eventId: 'evt-v2-m5-0001', status: 'completed' });
    expect(more.body.completedModules.map((m: { moduleId: string; version: string }) => `${m.moduleId}@${m.version}`)).toContain('m5@v2');
    expect(more.body.completed).toEqual({ completedAt: passed.body.submittedAt, version: 'v1' });
  });
});
