import { beforeEach, describe, expect, it } from 'vitest';
import { attachFounder } from '../../functions/store/caseload.ts';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, signUpBody } from '../fixtures/factories.ts';

// The one assignment mechanism (advisors, staff, and later seminar make-ups): the progress write that completes the
// last module closes the assignment in the same transaction — never lost, never closed twice.
let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let clock: ReturnType<typeof testClock>;
let staff: TestClient;
let advisor: TestClient;
let n = 0;
const ev = () => ({ eventId: `as-${String(++n).padStart(8, '0')}`, status: 'completed' as const });

async function founder(email: string, cohort = 'c1') {
  const code = cohort === 'c1' ? 'OSAKA-TEST' : 'OSAKA-C2';
  const c = api.client();
  const r = await c.post('/api/auth/signup', signUpBody(code, email));
  expect(r.status).toBe(201);
  return { c, id: r.body.user.id as string };
}

beforeEach(async () => {
  clock = testClock('2026-12-04T01:00:00.000Z');
  t = await testDeps({ clock });
  api = testApp(t.deps);
  await aTenant(t.deps);
  await aCode(t.deps);
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
  await anAccount(t.deps, { email: 'advisor@example.jp', roles: [{ tenantId: '271004', role: 'advisor' }] });
  staff = api.client();
  await loginAs(t.deps, staff, 'staff@example.jp');
  advisor = api.client();
  await loginAs(t.deps, advisor, 'advisor@example.jp');
});

describe('assignments', () => {
  it('an advisor assigns two modules; the founder sees it; completing the last module completes it with the write', async () => {
    const f = await founder('f@example.jp');
    const advisorId = (await advisor.get('/api/me')).body.user.id;
    await attachFounder(t.deps.db, { advisorId, tenantId: '271004', userId: f.id, attachedAt: clock.now().toISOString(), attachedBy: 'test' });
    const r = await advisor.post(`/api/founders/${f.id}/assignments`, { courseId: 'kiso', moduleIds: ['m1', 'm2'], dueOn: '2026-12-11', note: '融資の面談までに' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'open', note: '融資の面談までに', source: { kind: 'advisor', byName: 'テスト 太郎' }, completedAt: null });
    expect(r.body.modules).toEqual([{ moduleId: 'm1', title: { ja: '事業コンセプト', en: 'Concept' }, completed: false }, { moduleId: 'm2', title: { ja: '資金計画', en: 'Funding' }, completed: false }]);

    for (const l of ['l1', 'l2']) await f.c.put(`/api/progress/kiso/m1/${l}`, ev());
    let mine = (await f.c.get('/api/assignments')).body.assignments;
    expect(mine[0]).toMatchObject({ state: 'open', completedAt: null });
    expect(mine[0].modules.map((m: { completed: boolean }) => m.completed)).toEqual([true, false]);

    clock.advance(8 * 86_400);
    await loginAs(t.deps, f.c, 'f@example.jp'); // a week later: a new login
    expect((await f.c.get('/api/assignments')).body.assignments[0].state).toBe('overdue');
    const done = await f.c.put('/api/progress/kiso/m2/l1', ev());
    expect(done.status).toBe(200);
    mine = (await f.c.get('/api/assignments')).body.assignments;
    expect(mine[0]).toMatchObject({ state: 'done', completedAt: clock.now().toISOString() });
    // A replay of the completing event changes nothing.
    expect((await f.c.put('/api/progress/kiso/m2/l1', { ...ev(), eventId: `as-${String(n).padStart(8, '0')}` })).status).toBe(200);
    expect((await f.c.get('/api/assignments')).body.assignments[0].completedAt).toBe(mine[0].completedAt);
    // Staff see the same list; the assignment was audited.
    await loginAs(t.deps, staff, 'staff@example.jp');
    expect((await staff.get(`/api/founders/${f.id}/assignments`)).body.assignments).toHaveLength(1);
    expect((await staff.get('/api/tenants/271004/audit')).body.entries.map((e: { action: string }) => e.action)).toContain('assignment.create');
  });

  it('modules already completed make the assignment done at once; bad input is refused with nothing written', async () => {
    const f = await founder('f@example.jp');
    await f.c.put('/api/progress/kiso/m2/l1', ev());
    const r = await staff.post(`/api/founders/${f.id}/assignments`, { courseId: 'kiso', moduleIds: ['m2'], dueOn: '2026-12-20' });
    expect(r.body).toMatchObject({ state: 'done', source: { kind: 'staff' } });
    for (const [body, field] of [
      [{ courseId: 'kiso', moduleIds: ['m9'], dueOn: '2026-12-20' }, 'moduleIds'],
      [{ courseId: 'nope', moduleIds: ['m1'], dueOn: '2026-12-20' }, 'courseId'],
      [{ courseId: 'kiso', moduleIds: ['m1'], dueOn: '2026-12-03' }, 'dueOn'],
      [{ courseId: 'kiso', moduleIds: ['m1', 'm1'], dueOn: '2026-12-20' }, 'moduleIds'],
      [{ courseId: 'kiso', moduleIds: [], dueOn: '2026-12-20' }, 'moduleIds'],
      [{ courseId: 'kiso', moduleIds: ['m1'], dueOn: '20.12.2026' }, 'dueOn'],
    ] as const) {
      const bad = await staff.post(`/api/founders/${f.id}/assignments`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(bad.body.error.fields ?? {}).join(), JSON.stringify(body)).toContain(field);
    }
    expect((await f.c.get('/api/assignments')).body.assignments).toHaveLength(1);
  });

  it('completing a module while an assignment of it is being created never leaves it open', async () => {
    for (let round = 0; round < 4; round++) {
      const f = await founder(`race${round}@example.jp`);
      await f.c.put('/api/progress/kiso/m1/l1', ev());
      const [assigned, completed] = await Promise.all([
        staff.post(`/api/founders/${f.id}/assignments`, { courseId: 'kiso', moduleIds: ['m1'], dueOn: '2026-12-20' }),
        f.c.put('/api/progress/kiso/m1/l2', ev()),
      ]);
      expect([assigned.status, completed.status]).toEqual([201, 200]);
      const [a] = (await f.c.get('/api/assignments')).body.assignments;
      expect(a.state, `round ${round}`).toBe('done');
    }
  });

  it('staff assign a module to a whole cohort; founders who did it get it as done', async () => {
    const a = await founder('a@example.jp');
    const b = await founder('b@example.jp');
    await b.c.put('/api/progress/kiso/m2/l1', ev());
    const r = await staff.post('/api/tenants/271004/cohorts/c1/assignments', { courseId: 'kiso', moduleIds: ['m2'], dueOn: '2026-12-25' });
    expect(r.body).toEqual({ founders: 2, assigned: 1, alreadyDone: 1 });
    expect((await a.c.get('/api/assignments')).body.assignments[0]).toMatchObject({ state: 'open', source: { kind: 'staff' } });
    expect((await b.c.get('/api/assignments')).body.assignments[0].state).toBe('done');
    expect((await staff.post('/api/tenants/271004/cohorts/nope/assignments', { courseId: 'kiso', moduleIds: ['m2'], dueOn: '2026-12-25' })).status).toBe(404);
  });

  it('is withdrawn by the staff or by the advisor who set it, never once done', async () => {
    const f = await founder('f@example.jp');
    const advisorId = (await advisor.get('/api/me')).body.user.id;
    await attachFounder(t.deps.db, { advisorId, tenantId: '271004', userId: f.id, attachedAt: clock.now().toISOString(), attachedBy: 'test' });
    await anAccount(t.deps, { email: 'other@example.jp', roles: [{ tenantId: '271004', role: 'advisor' }] });
    const other = api.client();
    await loginAs(t.deps, other, 'other@example.jp');
    await attachFounder(t.deps.db, { advisorId: (await other.get('/api/me')).body.user.id, tenantId: '271004', userId: f.id, attachedAt: clock.now().toISOString(), attachedBy: 'test' });
    const mine = (await advisor.post(`/api/founders/${f.id}/assignments`, { courseId: 'kiso', moduleIds: ['m1'], dueOn: '2026-12-20' })).body.id;
    const done = (await advisor.post(`/api/founders/${f.id}/assignments`, { courseId: 'kiso', moduleIds: ['m2'], dueOn: '2026-12-20' })).body.id;
    await f.c.put('/api/progress/kiso/m2/l1', ev());
    expect((await other.request('DELETE', `/api/founders/${f.id}/assignments/${mine}`)).status).toBe(403);
    expect((await advisor.request('DELETE', `/api/founders/${f.id}/assignments/${done}`)).status).toBe(409);
    expect((await advisor.request('DELETE', `/api/founders/${f.id}/assignments/${mine}`)).status).toBe(204);
    expect((await f.c.get('/api/assignments')).body.assignments.map((a: { id: string }) => a.id)).toEqual([done]);
  });
});
