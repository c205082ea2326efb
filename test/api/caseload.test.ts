import { beforeEach, describe, expect, it } from 'vitest';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, signUpBody } from '../fixtures/factories.ts';

// Issue 11, point 1 and 3: staff attach founders (or a cohort) to an advisor who serves several municipalities; the
// advisor's caseload shows exactly those, who needs attention first, filterable by municipality.
let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let clock: ReturnType<typeof testClock>;
let staff: TestClient;
let sakaiStaff: TestClient;
let advisor: TestClient;
let advisorId: string;
let n = 0;
const ev = () => ({ eventId: `cl-${String(++n).padStart(8, '0')}`, status: 'completed' as const });

async function founder(email: string, code = 'OSAKA-TEST') {
  const c = api.client();
  const r = await c.post('/api/auth/signup', { ...signUpBody(code, email), name: email.split('@')[0] });
  expect(r.status).toBe(201);
  return { c, id: r.body.user.id as string, email };
}

beforeEach(async () => {
  clock = testClock('2026-12-04T01:00:00.000Z');
  t = await testDeps({ clock });
  api = testApp(t.deps);
  await aTenant(t.deps);
  await aTenant(t.deps, '271403', { ja: '堺市', en: 'Sakai City' });
  await aCode(t.deps);
  await aCode(t.deps, { code: 'SAKAI-TEST', tenantId: '271403' });
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
  await anAccount(t.deps, { email: 'sakai@example.jp', roles: [{ tenantId: '271403', role: 'staff' }] });
  advisorId = (await anAccount(t.deps, { email: 'advisor@example.jp', name: '経営 指導員', roles: [{ tenantId: '271004', role: 'advisor' }, { tenantId: '271403', role: 'advisor' }] })).id;
  await anAccount(t.deps, { email: 'other@example.jp', roles: [{ tenantId: '271403', role: 'advisor' }] });
  staff = api.client(); await loginAs(t.deps, staff, 'staff@example.jp');
  sakaiStaff = api.client(); await loginAs(t.deps, sakaiStaff, 'sakai@example.jp');
  advisor = api.client(); await loginAs(t.deps, advisor, 'advisor@example.jp');
});

describe('attaching founders to advisors', () => {
  it('staff attach founders by id or a whole cohort; twice changes nothing; detaching ends the advisor’s access at once', async () => {
    const a = await founder('a@example.jp');
    const b = await founder('b@example.jp');
    const s = await founder('s@example.jp', 'SAKAI-TEST');
    expect((await staff.get('/api/tenants/271004/advisors')).body.advisors).toEqual([{ userId: advisorId, name: '経営 指導員', email: 'advisor@example.jp', founders: 0 }]);

    const one = await staff.post(`/api/tenants/271004/advisors/${advisorId}/founders`, { userIds: [a.id, s.id] });
    expect(one.body).toEqual({ attached: 1, alreadyAttached: 0, notFound: [s.id] });
    const cohort = await staff.post(`/api/tenants/271004/advisors/${advisorId}/founders`, { cohortId: 'c1' });
    expect(cohort.body).toEqual({ attached: 1, alreadyAttached: 1, notFound: [] });
    expect((await staff.post(`/api/tenants/271004/advisors/${advisorId}/founders`, { cohortId: 'nope' })).status).toBe(400);
    expect((await staff.post(`/api/tenants/271004/advisors/${advisorId}/founders`, { userIds: [] })).status).toBe(400);
    expect((await staff.post(`/api/tenants/271004/advisors/${advisorId}/founders`, { userIds: [a.id], cohortId: 'c1' })).status).toBe(400);
    expect((await sakaiStaff.post(`/api/tenants/271403/advisors/${advisorId}/founders`, { userIds: [s.id] })).body.attached).toBe(1);
    // Someone who does not advise here cannot be given founders.
    const staffId = (await staff.get('/api/me')).body.user.id;
    expect((await staff.post(`/api/tenants/271004/advisors/${staffId}/founders`, { userIds: [a.id] })).status).toBe(404);

    expect((await staff.get(`/api/tenants/271004/advisors/${advisorId}/founders`)).body.founders.map((f: { name: string }) => f.name)).toEqual(['a', 'b']);
    let load = (await advisor.get('/api/caseload')).body;
    expect(load.founders.map((f: { name: string }) => f.name).sort()).toEqual(['a', 'b', 's']);
    expect(load.tenants.map((x: { id: string }) => x.id)).toEqual(['271004', '271403']);
    expect((await advisor.get('/api/caseload?tenant=271403')).body.founders.map((f: { name: string }) => f.name)).toEqual(['s']);
    expect((await advisor.get('/api/caseload?tenant=x')).status).toBe(400);
    expect((await advisor.get(`/api/founders/${b.id}`)).status).toBe(200);

    expect((await staff.request('DELETE', `/api/tenants/271004/advisors/${advisorId}/founders/${b.id}`)).status).toBe(204);
    expect((await staff.request('DELETE', `/api/tenants/271004/advisors/${advisorId}/founders/${b.id}`)).status).toBe(404);
    expect((await advisor.get(`/api/founders/${b.id}`)).status).toBe(403);
    load = (await advisor.get('/api/caseload')).body;
    expect(load.founders.map((f: { name: string }) => f.name).sort()).toEqual(['a', 's']);
    const audit = (await staff.get('/api/tenants/271004/audit')).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['advisor.attach', 'advisor.detach']));
  });

  it('the caseload puts who needs attention first: overdue assignments, then quiet or never started, then one area short', async () => {
    const busy = await founder('busy@example.jp');
    const late = await founder('late@example.jp');
    const never = await founder('never@example.jp');
    await staff.post(`/api/tenants/271004/advisors/${advisorId}/founders`, { cohortId: 'c1' });
    await busy.c.put('/api/progress/kiso/m1/l1', ev());
    await late.c.put('/api/progress/kiso/m1/l1', ev());
    await advisor.post(`/api/founders/${late.id}/assignments`, { courseId: 'kiso', moduleIds: ['m2'], dueOn: '2026-12-05' });
    clock.advance(3 * 86_400);
    await loginAs(t.deps, advisor, 'advisor@example.jp');
    await loginAs(t.deps, busy.c, busy.email);
    await busy.c.put('/api/progress/kiso/m1/l2', ev());
    const load = (await advisor.get('/api/caseload')).body.founders;
    expect(load.map((f: { name: string }) => f.name)).toEqual(['late', 'never', 'busy']);
    expect(load[0]).toMatchObject({ overdueAssignments: 1, attention: ['overdue'] });
    expect(load[1].attention).toEqual(['never_started']);
    expect(load[2]).toMatchObject({ overdueAssignments: 0, dueSoonAssignments: 0, attention: [] });
    // An assignment due in a week (the journey's "m07 due in a week") puts the busy founder before the one who never started.
    await advisor.post(`/api/founders/${busy.id}/assignments`, { courseId: 'kiso', moduleIds: ['m2'], dueOn: '2026-12-14' });
    await advisor.post(`/api/founders/${never.id}/assignments`, { courseId: 'kiso', moduleIds: ['m2'], dueOn: '2026-12-15' });
    const next = (await advisor.get('/api/caseload')).body.founders;
    expect(next.map((f: { name: string; attention: string[] }) => [f.name, f.attention])).toEqual([
      ['late', ['overdue']], ['busy', ['due_soon']], ['never', ['never_started']],
    ]);
    expect(next[1].dueSoonAssignments).toBe(1);
  });
});
