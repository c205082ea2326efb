import { describe, expect, it } from 'vitest';
import type { ServerCatalog } from '../../functions/contract/catalog.ts';
import { getTenantTotals } from '../../functions/services/dashboards.ts';
import { rebuildAll } from '../../functions/services/totals.ts';
import { repairSummary } from '../../functions/store/summaries.ts';
import { putCounters } from '../../functions/store/totals.ts';
import { catalogFixture } from '../fixtures/catalog.ts';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD, signUpBody } from '../fixtures/factories.ts';

// Tenant totals as data: every event moves the counters in its own transaction, the dashboard reads them in two
// requests, a rule change re-rates the founders, and the rebuild finds (and repairs) any disagreement.
let n = 0;
const ev = (status: 'in_progress' | 'completed') => ({ eventId: `tot-${String(++n).padStart(8, '0')}`, status });

async function setup(o: { catalog?: ServerCatalog; start?: string } = {}) {
  const clock = testClock(o.start ?? '2026-12-03T14:30:00.000Z'); // 23:30 on Thursday 3 December in Japan
  const t = await testDeps({ clock, ...(o.catalog ? { catalog: o.catalog } : {}) });
  const api = testApp(t.deps);
  await aTenant(t.deps);
  const code = await aCode(t.deps);
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
  // Signed in afresh for each look: the tests move the clock by hours, past the 30-minute idle limit.
  const staff = {
    async get(path: string) { const c = api.client(); await loginAs(t.deps, c, 'staff@example.jp'); return c.get(path); },
    async put(path: string, body: unknown) { const c = api.client(); await loginAs(t.deps, c, 'staff@example.jp'); return c.put(path, body); },
  };
  const founder = async (email: string) => {
    const c = api.client();
    expect((await c.post('/api/auth/signup', signUpBody(code, email))).status).toBe(201);
    return c;
  };
  return { t, clock, api, staff, founder };
}

const complete = async (c: TestClient, course: string, module: string, lessons: string[]) => {
  for (const l of lessons) expect((await c.put(`/api/progress/${course}/${module}/${l}`, ev('completed'))).status).toBe(200);
};

describe('tenant totals', () => {
  it('count founders, Japan-day and week activity, modules and areas as the founders study', async () => {
    const { clock, staff, founder } = await setup({ start: '2026-12-03T14:45:00.000Z' }); // 23:45 in Japan
    const a = await founder('a@example.jp');
    const b = await founder('b@example.jp');
    await complete(a, 'kiso', 'm1', ['l1', 'l2']);
    await b.put('/api/progress/kiso/m2/l1', ev('in_progress'));

    let r = await staff.get('/api/tenants/271004/totals');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      day: '2026-12-03', week: '2026-W49', founders: 2, activeToday: 2, activeThisWeek: 2, coveredByArea: { management: 1, finance: 0, hr: 0, sales: 0 },
    });
    expect(r.body.modules).toContainEqual({ courseId: 'kiso', moduleId: 'm1', lessonCompletions: 2, moduleCompletions: 1 });

    // 20 minutes later it is Friday in Japan, while UTC still says Thursday: a new Japan day, the same week.
    clock.advance(20 * 60);
    await a.put('/api/progress/kiso/m2/l1', ev('in_progress'));
    await a.put('/api/progress/kiso/m2/l1', ev('in_progress'));
    r = await staff.get('/api/tenants/271004/totals');
    expect(r.body).toMatchObject({ day: '2026-12-04', activeToday: 1, activeThisWeek: 2 });

    // Monday: a new week (b signs in again after the weekend).
    clock.set('2026-12-07T00:30:00.000Z');
    await b.post('/api/auth/signin', { email: 'b@example.jp', password: PASSWORD });
    await b.put('/api/progress/kiso/m2/l1', ev('completed'));
    r = await staff.get('/api/tenants/271004/totals');
    expect(r.body).toMatchObject({ day: '2026-12-07', week: '2026-W50', activeToday: 1, activeThisWeek: 1, coveredByArea: { management: 1, finance: 0 } });
  });

  it('the headline is two DynamoDB requests however many founders there are', async () => {
    const { t, founder } = await setup();
    for (let i = 0; i < 5; i++) await complete(await founder(`f${i}@example.jp`), 'kiso', 'm2', ['l1']);
    const calls: string[] = [];
    const send = t.deps.db.doc.send.bind(t.deps.db.doc);
    (t.deps.db.doc as unknown as { send: (c: { constructor: { name: string } }) => Promise<unknown> }).send = (c) => { calls.push(c.constructor.name); return send(c as never); };
    const totals = await getTenantTotals(t.deps, '271004');
    expect(totals.founders).toBe(5);
    expect(calls.sort()).toEqual(['BatchGetCommand', 'QueryCommand']);
  });

  it('eligibility is stored when it changes, and a new rule re-rates every founder', async () => {
    const { t, staff, founder } = await setup();
    const a = await founder('a@example.jp');
    const b = await founder('b@example.jp');
    await complete(a, 'kiso', 'm1', ['l1', 'l2']);
    await complete(a, 'kiso', 'm2', ['l1']);
    await complete(b, 'kiso', 'm1', ['l1', 'l2']);
    // The default rule needs four areas, days, a month and a session: nobody is close.
    expect((await staff.get('/api/tenants/271004/totals')).body).toMatchObject({ eligible: 0, oneAreaShort: 0 });

    const rule = { requiredAreas: ['management', 'finance'], minDistinctDays: 1, minSpanMonths: 0, elearning: 'counts_alone' };
    expect((await staff.put('/api/tenants/271004/eligibility-rule', rule)).status).toBe(200);
    expect((await staff.get('/api/tenants/271004/totals')).body).toMatchObject({ eligible: 1, oneAreaShort: 1 });

    // b completes finance: eligible in the same write that records the module.
    await complete(b, 'kiso', 'm2', ['l1']);
    expect((await staff.get('/api/tenants/271004/totals')).body).toMatchObject({ eligible: 2, oneAreaShort: 0 });
    expect((await rebuildAll(t.deps.db, t.deps.catalog(), t.deps.clock())).flatMap((x) => x.differences)).toEqual([]);
  });

  it('concurrent first writes of a day in two courses count the founder active once', async () => {
    const two: ServerCatalog = { ...catalogFixture(), courses: [...catalogFixture().courses, { ...catalogFixture().courses[0]!, id: 'oyo', title: { ja: '応用', en: 'Advanced' } }] };
    const { staff, founder } = await setup({ catalog: two });
    const a = await founder('a@example.jp');
    const results = await Promise.all([a.put('/api/progress/kiso/m1/l1', ev('in_progress')), a.put('/api/progress/oyo/m1/l1', ev('in_progress'))]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect((await staff.get('/api/tenants/271004/totals')).body).toMatchObject({ activeToday: 1, activeThisWeek: 1 });
  });

  it('an area covered in two courses counts the founder once; the record covers every course', async () => {
    const two: ServerCatalog = { ...catalogFixture(), courses: [...catalogFixture().courses, { ...catalogFixture().courses[0]!, id: 'oyo', title: { ja: '応用', en: 'Advanced' } }] };
    const { t, staff, founder } = await setup({ catalog: two });
    const a = await founder('a@example.jp');
    await complete(a, 'kiso', 'm1', ['l1', 'l2']);
    await complete(a, 'oyo', 'm1', ['l1', 'l2']);
    await complete(a, 'oyo', 'm2', ['l1']);
    const totals = (await staff.get('/api/tenants/271004/totals')).body;
    expect(totals.coveredByArea).toMatchObject({ management: 1, finance: 0 });
    const record = (await a.get('/api/evidence')).body;
    expect(record.courseIds).toEqual(['kiso', 'oyo']);
    expect(record.areas.find((x: { area: string }) => x.area === 'finance').entries).toHaveLength(1);
    expect(record.areas.find((x: { area: string }) => x.area === 'management').entries).toHaveLength(2);
    expect((await rebuildAll(t.deps.db, t.deps.catalog(), t.deps.clock())).flatMap((x) => x.differences)).toEqual([]);
  });
});

describe('the rebuild', () => {
  it('recomputes every total from the items, reports differences, repairs them, and is idempotent', async () => {
    const { t, founder } = await setup();
    const a = await founder('a@example.jp');
    const b = await founder('b@example.jp');
    await complete(a, 'kiso', 'm1', ['l1', 'l2']);
    await complete(b, 'kiso', 'm2', ['l1']);
    const now = t.deps.clock();
    expect((await rebuildAll(t.deps.db, t.deps.catalog(), now))[0]).toMatchObject({ tenantId: '271004', founders: 2, differences: [] });

    // Damage: a counter that lost increments, and a summary that missed a module.
    await putCounters(t.deps.db, '271004', { kind: 'tenant' }, { founders: 7, covered_management: 1, covered_finance: 1 });
    const bId = (await b.get('/api/me')).body.user.id;
    await repairSummary(t.deps.db, '271004', bId, { completedModules: [] });
    const report = (await rebuildAll(t.deps.db, t.deps.catalog(), now))[0]!;
    expect(report.differences).toEqual(expect.arrayContaining([
      { item: 'TOTAL', field: 'founders', stored: 7, expected: 2 },
      { item: `LEARNER#${bId}`, field: 'completedModules', stored: [], expected: ['m2'] },
    ]));

    expect((await rebuildAll(t.deps.db, t.deps.catalog(), now, { fix: true }))[0]!.fixed).toBe(true);
    expect((await rebuildAll(t.deps.db, t.deps.catalog(), now))[0]!.differences).toEqual([]);
    expect((await getTenantTotals(t.deps, '271004')).founders).toBe(2);
  });
});

describe('the founders indexes', () => {
  it('page a municipality’s founders by name and by last activity, one Query a page', async () => {
    const { listLearnersPage } = await import('../../functions/store/summaries.ts');
    const { t, clock, api } = await setup();
    const code = await aCode(t.deps, { code: 'IDX-CODE' });
    for (const [name, email] of [['Ueda', 'u@example.jp'], ['Abe', 'a@example.jp'], ['Mori', 'm@example.jp']] as const) {
      const c = api.client();
      await c.post('/api/auth/signup', { ...signUpBody(code, email), name });
      clock.advance(60);
      if (name !== 'Mori') await c.put('/api/progress/kiso/m1/l1', ev('in_progress'));
    }
    const byName = await listLearnersPage(t.deps.db, '271004', { order: 'name', limit: 2 });
    expect(byName.items.map((s) => s.name)).toEqual(['Abe', 'Mori']);
    const rest = await listLearnersPage(t.deps.db, '271004', { order: 'name', limit: 2, next: byName.next! });
    expect(rest.items.map((s) => s.name)).toEqual(['Ueda']);
    const byActivity = await listLearnersPage(t.deps.db, '271004', { order: 'activity' });
    expect(byActivity.items.map((s) => s.name)).toEqual(['Abe', 'Ueda', 'Mori']); // most recent first; never active last
  });
});
