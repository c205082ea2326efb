import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { aCode, aTenant, signUpBody } from '../fixtures/factories.ts';
import { testApp, testDeps, type TestClient } from '../fixtures/deps.ts';

let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let founder: TestClient;

beforeEach(async () => {
  t = await testDeps();
  api = testApp(t.deps);
  await aTenant(t.deps);
  founder = api.client();
  await founder.post('/api/auth/signup', signUpBody(await aCode(t.deps)));
});

let n = 0;
const ev = (status: 'in_progress' | 'completed', extra: Record<string, unknown> = {}) => ({ eventId: `evt-${String(++n).padStart(8, '0')}`, status, ...extra });

async function summaryRow() {
  const r = await t.deps.db.doc.send(new QueryCommand({
    TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': 'TENANT#271004', ':s': 'LEARNER#' },
  }));
  return r.Items![0]!;
}

async function counters() {
  const r = await t.deps.db.doc.send(new QueryCommand({
    TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': 'TENANT#271004', ':s': 'MODSTAT#' },
  }));
  return Object.fromEntries(r.Items!.map((i) => [i.moduleId, { lessons: i.lessonCompletions, modules: i.moduleCompletions }]));
}

describe('lesson progress', () => {
  it('starts empty, with the first lesson to resume', async () => {
    const r = await founder.get('/api/progress/kiso');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ courseId: 'kiso', completedLessons: 0, totalLessons: 6, resume: { moduleId: 'm1', lessonId: 'l1', position: 0 }, lastActiveAt: null });
  });

  it('saves the reading position and resumes there, then completes', async () => {
    await founder.put('/api/progress/kiso/m1/l1', ev('in_progress', { position: 0.42 }));
    let r = await founder.get('/api/progress/kiso');
    expect(r.body.resume).toEqual({ moduleId: 'm1', lessonId: 'l1', position: 0.42 });
    await founder.put('/api/progress/kiso/m1/l1', ev('completed', { position: 1 }));
    r = await founder.get('/api/progress/kiso');
    expect(r.body.completedLessons).toBe(1);
    expect(r.body.resume).toEqual({ moduleId: 'm1', lessonId: 'l2', position: 0 });
  });

  it('keeps a position to 1/10,000 of the lesson, so a number too small for DynamoDB is a position, not a 500', async () => {
    // 5e-324 and 1e-200 are valid JSON numbers in 0–1 that DynamoDB refuses to store (magnitude below 1e-130).
    for (const position of [5e-324, 1e-200]) {
      const r = await founder.put('/api/progress/kiso/m1/l1', ev('in_progress', { position }));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.lessons[0].position).toBe(0);
    }
    const r = await founder.put('/api/progress/kiso/m1/l1', ev('in_progress', { position: 0.123456789 }));
    expect(r.body.lessons[0].position).toBe(0.1235);
  });

  it('is monotonic: an in-progress event after completion never un-completes', async () => {
    await founder.put('/api/progress/kiso/m1/l1', ev('completed'));
    t.clock.advance(60);
    const r = await founder.put('/api/progress/kiso/m1/l1', ev('in_progress', { position: 0.1 }));
    expect(r.body.lessons[0]).toMatchObject({ status: 'completed', completedAt: '2026-11-28T01:00:00.000Z', position: 0.1 });
    expect(r.body.completedLessons).toBe(1);
  });

  it('is idempotent: a replayed event id changes nothing twice', async () => {
    const e = ev('completed');
    const first = await founder.put('/api/progress/kiso/m1/l1', e);
    t.clock.advance(5);
    const replay = await founder.put('/api/progress/kiso/m1/l1', e);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect((await summaryRow()).completedLessons).toBe(1);
    expect((await counters()).m1).toEqual({ lessons: 1 });
  });

  it('counts a lesson completed from two tabs once', async () => {
    const [a, b] = await Promise.all([
      founder.put('/api/progress/kiso/m1/l1', ev('completed')),
      founder.put('/api/progress/kiso/m1/l1', ev('completed')),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await summaryRow()).completedLessons).toBe(1);
  });

  it('completes a module when its last lesson completes, concurrently or not, and updates the tenant summary and counters in the same write', async () => {
    await Promise.all([
      founder.put('/api/progress/kiso/m3/l1', ev('completed')),
      founder.put('/api/progress/kiso/m3/l2', ev('completed')),
    ]);
    const r = await founder.get('/api/progress/kiso');
    expect(r.body.completedModules).toEqual([{ moduleId: 'm3', completedAt: expect.any(String), version: 'v1' }]);
    expect(r.body.areas.find((a: { area: string }) => a.area === 'hr')).toMatchObject({ completedModules: 1, totalModules: 1, covered: true });
    expect(r.body.areas.find((a: { area: string }) => a.area === 'finance')).toMatchObject({ completedModules: 1, totalModules: 2, covered: false });
    const s = await summaryRow();
    expect(s).toMatchObject({ completedLessons: 2, completedModules: ['m3'], areaModules: { hr: 1, finance: 1 }, lastActiveAt: '2026-11-28T01:00:00.000Z' });
    expect((await counters()).m3).toEqual({ lessons: 2, modules: 1 });
  });

  it('does not complete a module whose quiz is not passed yet', async () => {
    await founder.put('/api/progress/kiso/m4/l1', ev('completed'));
    const r = await founder.get('/api/progress/kiso');
    expect(r.body.completedModules).toEqual([]);
    expect(r.body.areas.find((a: { area: string }) => a.area === 'sales')).toMatchObject({ completedLessons: 1, totalLessons: 1, covered: false });
  });

  it('keeps a newer reading position when an older offline event arrives late', async () => {
    await founder.put('/api/progress/kiso/m1/l1', ev('in_progress', { position: 0.8, at: '2026-11-28T00:59:00.000Z' }));
    await founder.put('/api/progress/kiso/m1/l1', ev('in_progress', { position: 0.2, at: '2026-11-28T00:50:00.000Z' }));
    expect((await founder.get('/api/progress/kiso')).body.resume.position).toBe(0.8);
  });

  it('reads a learner’s whole course progress with one Query', async () => {
    await founder.put('/api/progress/kiso/m1/l1', ev('completed'));
    await founder.put('/api/progress/kiso/m1/l2', ev('in_progress'));
    const sent: string[] = [];
    t.deps.db.doc.middlewareStack.add((next, ctx) => async (args) => { sent.push(ctx.commandName as string); return next(args); }, { step: 'initialize', name: 'count' });
    await founder.get('/api/progress/kiso');
    // session (GetItem) + user and memberships (one Query) + the course progress (one Query)
    expect(sent).toEqual(['GetItemCommand', 'QueryCommand', 'QueryCommand']);
  });

  it('finds the same progress from another device', async () => {
    await founder.put('/api/progress/kiso/m1/l1', ev('completed'));
    const other = api.client();
    await other.post('/api/auth/signin', { email: 'founder@example.jp', password: 'a-long-founder-passphrase' });
    const r = await other.get('/api/progress/kiso');
    expect(r.body.completedLessons).toBe(1);
    expect(r.body.resume).toMatchObject({ moduleId: 'm1', lessonId: 'l2' });
  });

  it('answers 404 for unknown courses, modules and lessons, and 401 without a session', async () => {
    expect((await founder.put('/api/progress/nope/m1/l1', ev('completed'))).status).toBe(404);
    expect((await founder.put('/api/progress/kiso/m9/l1', ev('completed'))).status).toBe(404);
    expect((await founder.put('/api/progress/kiso/m1/l9', ev('completed'))).status).toBe(404);
    expect((await founder.get('/api/progress/nope')).status).toBe(404);
    expect((await api.client().get('/api/progress/kiso')).status).toBe(401);
    expect((await api.client().put('/api/progress/kiso/m1/l1', ev('completed'))).status).toBe(401);
  });
});
