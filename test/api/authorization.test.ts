import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD } from '../fixtures/factories.ts';

// Every route × every role: the one policy in functions/domain/policy.ts, seen from outside. A route that is added
// without a row here fails the completeness check at the bottom.
type Who = 'anonymous' | 'founder' | 'founderSakai' | 'staff' | 'staffSakai' | 'advisor' | 'admin';
const WHO: Who[] = ['anonymous', 'founder', 'founderSakai', 'staff', 'staffSakai', 'advisor', 'admin'];

const rule = { requiredAreas: ['management'], minDistinctDays: 1, minSpanMonths: 0, elearning: 'counts_alone' };
let n = 0;
const ROUTES: Array<{ method: 'GET' | 'PUT' | 'POST'; path: string; body?: () => unknown; expect: Record<Who, number> }> = [
  { method: 'GET', path: '/api/me', expect: { anonymous: 401, founder: 200, founderSakai: 200, staff: 200, staffSakai: 200, advisor: 200, admin: 200 } },
  { method: 'GET', path: '/api/codes/OSAKA-TEST', expect: { anonymous: 200, founder: 200, founderSakai: 200, staff: 200, staffSakai: 200, advisor: 200, admin: 200 } },
  { method: 'GET', path: '/api/progress/kiso', expect: { anonymous: 401, founder: 200, founderSakai: 200, staff: 403, staffSakai: 403, advisor: 403, admin: 200 } },
  { method: 'PUT', path: '/api/progress/kiso/m1/l1', body: () => ({ eventId: `authz-${String(++n).padStart(6, '0')}`, status: 'in_progress' }),
    expect: { anonymous: 401, founder: 200, founderSakai: 200, staff: 403, staffSakai: 403, advisor: 403, admin: 200 } },
  { method: 'GET', path: '/api/quizzes/kiso/m4', expect: { anonymous: 401, founder: 200, founderSakai: 200, staff: 403, staffSakai: 403, advisor: 403, admin: 200 } },
  { method: 'POST', path: '/api/quizzes/kiso/m4/attempts', body: () => ({ attemptId: `authz-${String(++n).padStart(6, '0')}`, version: 'v1', answers: { q1: ['b'] } }),
    expect: { anonymous: 401, founder: 201, founderSakai: 201, staff: 403, staffSakai: 403, advisor: 403, admin: 201 } },
  { method: 'GET', path: '/api/evidence', expect: { anonymous: 401, founder: 200, founderSakai: 200, staff: 403, staffSakai: 403, advisor: 403, admin: 403 } },
  { method: 'GET', path: '/api/tenants/271004/eligibility-rule', expect: { anonymous: 401, founder: 403, founderSakai: 403, staff: 200, staffSakai: 403, advisor: 403, admin: 200 } },
  { method: 'PUT', path: '/api/tenants/271004/eligibility-rule', body: () => rule,
    expect: { anonymous: 401, founder: 403, founderSakai: 403, staff: 200, staffSakai: 403, advisor: 403, admin: 200 } },
  { method: 'POST', path: '/api/auth/signout', expect: { anonymous: 401, founder: 204, founderSakai: 204, staff: 204, staffSakai: 204, advisor: 204, admin: 204 } },
];

let api: ReturnType<typeof testApp>;
const clients = {} as Record<Who, TestClient>;

beforeAll(async () => {
  const t = await testDeps();
  api = testApp(t.deps);
  await aTenant(t.deps);
  await aTenant(t.deps, '271403', { ja: '堺市', en: 'Sakai City' });
  await aCode(t.deps);
  const accounts: Array<[Who, Parameters<typeof anAccount>[1]]> = [
    ['founder', { email: 'f@example.jp', roles: [{ tenantId: '271004', role: 'learner' }] }],
    ['founderSakai', { email: 'fs@example.jp', roles: [{ tenantId: '271403', role: 'learner' }] }],
    ['staff', { email: 's@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] }],
    ['staffSakai', { email: 'ss@example.jp', roles: [{ tenantId: '271403', role: 'staff' }] }],
    ['advisor', { email: 'a@example.jp', roles: [{ tenantId: '271004', role: 'advisor' }, { tenantId: '271403', role: 'advisor' }] }],
    ['admin', { email: 'x@example.jp', admin: true }],
  ];
  clients.anonymous = api.client();
  for (const [who, o] of accounts) {
    await anAccount(t.deps, o);
    clients[who] = api.client();
  }
});

async function signIn(who: Who) {
  if (who === 'anonymous') return clients.anonymous;
  const c = api.client();
  const email = { founder: 'f', founderSakai: 'fs', staff: 's', staffSakai: 'ss', advisor: 'a', admin: 'x' }[who];
  expect((await c.post('/api/auth/signin', { email: `${email}@example.jp`, password: PASSWORD })).status).toBe(200);
  return c;
}

describe.each(ROUTES)('$method $path', (route) => {
  it.each(WHO)('as %s', async (who) => {
    const c = await signIn(who);
    const r = await c.request(route.method, route.path, route.body?.());
    expect(r.status, JSON.stringify(r.body)).toBe(route.expect[who]);
  });
});

describe('completeness', () => {
  it('every API route of the app has a row in this table', async () => {
    const { createApp } = await import('../../functions/api/app.ts');
    const { deps } = await testDeps();
    const app = createApp(deps);
    const declared = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    const normalize = (p: string) => p.replace(/:[A-Za-z]+/g, ':x');
    const tested = new Set(ROUTES.map((r) => `${r.method} ${r.path.replace(/\/api\/codes\/[^/]+/, '/api/codes/:x').replace(/\/api\/progress\/kiso\/m1\/l1/, '/api/progress/:x/:x/:x')
      .replace(/\/api\/progress\/kiso$/, '/api/progress/:x').replace(/\/api\/quizzes\/kiso\/m4\/attempts/, '/api/quizzes/:x/:x/attempts')
      .replace(/\/api\/quizzes\/kiso\/m4$/, '/api/quizzes/:x/:x').replace(/\/api\/tenants\/271004/, '/api/tenants/:x')}`));
    expect(declared.length).toBeGreaterThanOrEqual(ROUTES.length + 3);
    const untested = declared.map(normalize).filter((r) => !tested.has(r) && !/^POST \/api\/auth\/sign(in|up)$|^GET \/api\/verify\/:x$/.test(r));
    expect(untested).toEqual([]);
  });
});
