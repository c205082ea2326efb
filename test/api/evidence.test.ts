import { beforeEach, describe, expect, it } from 'vitest';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD, signUpBody } from '../fixtures/factories.ts';

let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let founder: TestClient;

async function signedIn(email: string) {
  const c = api.client();
  const r = await c.post('/api/auth/signin', { email, password: PASSWORD });
  expect(r.status).toBe(200);
  // Staff and admins do their work with a login that passed the second factor.
  if (!r.body.user.secondFactorRequired) return c;
  await loginAs(t.deps, c, email);
  return c;
}

beforeEach(async () => {
  t = await testDeps({ clock: testClock('2026-11-28T16:10:00.000Z') });
  api = testApp(t.deps);
  await aTenant(t.deps);
  await aTenant(t.deps, '271403', { ja: '堺市', en: 'Sakai City' });
  founder = api.client();
  await founder.post('/api/auth/signup', signUpBody(await aCode(t.deps)));
  // 2026-11-28 16:30 UTC is already the 29th in Japan.
  t.clock.set('2026-11-28T16:30:00.000Z');
  for (const [m, l] of [['m1', 'l1'], ['m1', 'l2'], ['m2', 'l1']]) {
    await founder.put(`/api/progress/kiso/${m}/${l}`, { eventId: `evt-${m}-${l}-000`, status: 'completed' });
  }
});

describe('the evidence record', () => {
  it('lists per area what was studied and when (Japan date), with a verification code that stays the same', async () => {
    const r = await founder.get('/api/evidence');
    expect(r.status).toBe(200);
    expect(r.body.tenant).toEqual({ id: '271004', name: { ja: '大阪市', en: 'Osaka City' } });
    const area = (a: string) => r.body.areas.find((x: { area: string }) => x.area === a).entries;
    expect(area('management')).toEqual([{ kind: 'module', ref: 'm1', title: { ja: '事業コンセプト', en: 'Concept' }, areas: ['management'], date: '2026-11-29', quizScore: null, version: 'v1' }]);
    expect(area('finance').map((e: { ref: string }) => e.ref)).toEqual(['m2']);
    expect(area('sales')).toEqual([]);
    expect(r.body).toMatchObject({ firstDate: '2026-11-29', lastDate: '2026-11-29', distinctDays: 1 });
    expect(r.body.verificationCode).toMatch(/^[A-Z0-9]{12}$/);
    expect((await founder.get('/api/evidence')).body.verificationCode).toBe(r.body.verificationCode);
  });

  it('applies the municipality’s default rule and says everything that is missing, in both languages', async () => {
    const r = await founder.get('/api/evidence');
    expect(r.body.eligibility.eligible).toBe(false);
    expect(r.body.eligibility.missing.map((m: { kind: string; area?: string }) => m.area ?? m.kind)).toEqual(['hr', 'sales', 'days', 'span', 'sessions']);
    expect(r.body.eligibility.missingText[0]).toEqual({ ja: expect.stringContaining('人材育成'), en: expect.stringMatching(/human resources/i) });
  });

  it('follows a rule the municipality’s staff set, and only they (or admin) may set it', async () => {
    await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
    await anAccount(t.deps, { email: 'sakai@example.jp', roles: [{ tenantId: '271403', role: 'staff' }] });
    await anAccount(t.deps, { email: 'advisor@example.jp', roles: [{ tenantId: '271004', role: 'advisor' }] });
    const rule = { requiredAreas: ['management', 'finance'], minDistinctDays: 1, minSpanMonths: 0, elearning: 'counts_alone' };
    const staff = await signedIn('staff@example.jp');
    expect((await staff.get('/api/tenants/271004/eligibility-rule')).body).toMatchObject({ minDistinctDays: 4, elearning: 'with_sessions' });
    for (const who of [await signedIn('sakai@example.jp'), await signedIn('advisor@example.jp'), founder]) {
      expect((await who.put('/api/tenants/271004/eligibility-rule', rule)).status).toBe(403);
    }
    expect((await staff.put('/api/tenants/271004/eligibility-rule', { ...rule, minDistinctDays: 0 })).status).toBe(400);
    expect((await staff.put('/api/tenants/271004/eligibility-rule', { ...rule, extra: 1 })).status).toBe(400);
    const saved = await staff.put('/api/tenants/271004/eligibility-rule', rule);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...rule, minSessions: 1, allowMakeUp: true });
    expect((await founder.get('/api/evidence')).body.eligibility).toEqual({ eligible: true, missing: [], missingText: [] });
  });

  it('is only for enrolled founders', async () => {
    await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
    expect((await (await signedIn('staff@example.jp')).get('/api/evidence')).status).toBe(403);
    expect((await api.client().get('/api/evidence')).status).toBe(401);
  });
});

describe('the public verify page', () => {
  it('shows name, municipality and the dated record to anyone with the code, and nothing else', async () => {
    const code = (await founder.get('/api/evidence')).body.verificationCode;
    const r = await api.client().get(`/api/verify/${code}`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['areas', 'generatedAt', 'learner', 'tenant']);
    expect(r.body.learner).toEqual({ name: '田中 美咲' });
    expect(r.body.tenant).toEqual({ name: { ja: '大阪市', en: 'Osaka City' } });
    expect(JSON.stringify(r.body)).not.toMatch(/founder@example\.jp|eligib|271004|userId|csrf/);
    expect(r.body.areas.find((a: { area: string }) => a.area === 'finance').entries[0]).toMatchObject({ ref: 'm2', date: '2026-11-29' });
  });

  it('answers 404 for unknown and malformed codes', async () => {
    expect((await api.client().get('/api/verify/ABCDEFGHJKLM')).status).toBe(404);
    expect((await api.client().get('/api/verify/abc')).status).toBe(404);
  });
});
