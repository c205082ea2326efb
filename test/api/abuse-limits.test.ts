import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../functions/contract/constants.ts';
import { PLAN_LIMITS } from '../../functions/contract/plan-constants.ts';
import { ACCOUNT_RULES, ACTION_RULES, SIGN_IN_RULES, SIGN_UP_RULES, windowStart } from '../../functions/domain/throttle.ts';
import { subject } from '../../functions/services/throttle.ts';
import { key } from '../../functions/store/keys.ts';
import { ORIGIN, loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD, signUpBody } from '../fixtures/factories.ts';

// Issue 13, point 5: every abuse limit of docs/architecture.md "Abuse limits", reached through the API. Each limit
// answers 429 rate_limited with a Retry-After that says how long, and the refused request changes nothing.
const T = '271004';
let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let clock: ReturnType<typeof testClock>;
let staff: TestClient;
let staffId: string;

beforeEach(async () => {
  clock = testClock('2026-12-04T01:00:00.000Z');
  t = await testDeps({ clock });
  api = testApp(t.deps);
  await aTenant(t.deps);
  await aCode(t.deps);
  staffId = (await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: T, role: 'staff' }] })).id;
  staff = api.client();
  await loginAs(t.deps, staff, 'staff@example.jp');
});

function expectLimited(r: { status: number; body: { error: { code: string } }; headers: Headers }, maxSeconds: number) {
  expect(r.status).toBe(429);
  expect(r.body.error.code).toBe('rate_limited');
  const wait = Number(r.headers.get('retry-after'));
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(maxSeconds);
}

/** Fills a limit's current window up to one below the limit, as that many earlier requests would have. */
async function almostFull(kind: string, value: string, rule: { limit: number; windowSeconds: number }) {
  const s = subject(kind, value, rule, clock.now());
  await t.deps.db.doc.send(new UpdateCommand({
    TableName: t.deps.db.table, Key: key.throttle(kind, s.subjectHash, windowStart(clock.now(), rule)),
    UpdateExpression: 'SET attempts = :n', ExpressionAttributeValues: { ':n': rule.limit - 1 },
  }));
}

describe('body limits', () => {
  const raw = (path: string, body: BodyInit, headers: Record<string, string> = {}) => api.app.request(`${ORIGIN}${path}`, {
    method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers }, body, duplex: 'half',
  } as RequestInit);

  it('a JSON body over its route\'s limit is refused with 413, by its declared length or, when sent in chunks, as it streams in', async () => {
    const big = JSON.stringify({ email: 'a@example.jp', password: 'x'.repeat(LIMITS.bodyBytes) });
    const declared = await raw('/api/auth/signin', big);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe('payload_too_large');

    // No Content-Length: 1 MB in 64 KB chunks; reading stops at the limit, and the rest is never pulled.
    let pulled = 0;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({ pull(c) { if (pulled++ < 16) c.enqueue(chunk); else c.close(); } });
    const chunked = await raw('/api/auth/signin', stream);
    expect(chunked.status).toBe(413);
    expect(pulled).toBeLessThan(4);
  });

  it('the larger routes take exactly their own limits: a plan draft 96 KB, a founder CSV 512 KB', async () => {
    expect(PLAN_LIMITS.bodyBytes).toBe(96 * 1024);
    const overPlan = await staff.request('PUT', `/api/plans/${staffId}/draft`, `{"x":"${'y'.repeat(PLAN_LIMITS.bodyBytes)}"}`);
    expect(overPlan.status).toBe(413);
    const csv = `name,email\n${'田中 花子,a@example.jp\n'.repeat(40_000)}`;
    const overImport = await staff.post(`/api/tenants/${T}/invitations/import`, { csv });
    expect(overImport.status).toBe(413);
  });

  it('page sizes are capped: a founders page or an audit page of more than 100 is refused', async () => {
    expect((await staff.get(`/api/tenants/${T}/founders?limit=101`)).status).toBe(400);
    expect((await staff.get(`/api/tenants/${T}/audit?limit=101`)).status).toBe(400);
    expect((await staff.get(`/api/tenants/${T}/founders?limit=100`)).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('sign-in: five wrong passwords lock the account for 15 minutes from the fifth', async () => {
    await anAccount(t.deps, { email: 'f@example.jp', roles: [{ tenantId: T, role: 'learner' }] });
    const c = api.client();
    for (let i = 0; i < SIGN_IN_RULES.account.limit; i++) expect((await c.post('/api/auth/signin', { email: 'f@example.jp', password: 'wrong-password-1' })).status).toBe(401);
    expectLimited(await c.post('/api/auth/signin', { email: 'f@example.jp', password: PASSWORD }), 15 * 60);
    clock.advance(15 * 60 + 1);
    expect((await c.post('/api/auth/signin', { email: 'f@example.jp', password: PASSWORD })).status).toBe(200);
  });

  it('sign-up: five tries for one email in 15 minutes', async () => {
    const c = api.client();
    for (let i = 0; i < SIGN_UP_RULES.email.limit; i++) expect((await c.post('/api/auth/signup', { ...signUpBody('NO-SUCH-CODE', 'x@example.jp') })).status).toBe(400);
    expectLimited(await c.post('/api/auth/signup', signUpBody('OSAKA-TEST', 'x@example.jp')), 15 * 60);
  });

  it('password reset: three mails per email in 15 minutes', async () => {
    const c = api.client();
    for (let i = 0; i < ACCOUNT_RULES.resetEmail.limit; i++) expect((await c.post('/api/auth/password-reset', { email: 'staff@example.jp' })).status).toBeLessThan(300);
    const sent = t.mailer.sent.length;
    expectLimited(await c.post('/api/auth/password-reset', { email: 'staff@example.jp' }), 15 * 60);
    expect(t.mailer.sent.length).toBe(sent);
  });

  it('invitations: 200 mails an hour per sender, new or resent; the refused one is neither stored nor mailed', async () => {
    const first = await staff.post(`/api/tenants/${T}/invitations`, { email: 'i1@example.jp', role: 'learner' });
    expect(first.status).toBe(201);
    await almostFull('invite', staffId, ACTION_RULES.invitations);
    expect((await staff.post(`/api/tenants/${T}/invitations`, { email: 'i2@example.jp', role: 'learner' })).status).toBe(201);
    const sent = t.mailer.sent.length;
    expectLimited(await staff.post(`/api/tenants/${T}/invitations`, { email: 'i3@example.jp', role: 'learner' }), 3600);
    expectLimited(await staff.post(`/api/tenants/${T}/invitations/${first.body.id}/resend`), 3600);
    expect(t.mailer.sent.length).toBe(sent);
    const pending = (await staff.get(`/api/tenants/${T}/invitations`)).body.items.map((i: { email: string }) => i.email);
    expect(pending.sort()).toEqual(['i1@example.jp', 'i2@example.jp']);
    // Another sender in the same office has their own limit.
    await anAccount(t.deps, { email: 'staff2@example.jp', roles: [{ tenantId: T, role: 'staff' }] });
    const other = api.client();
    await loginAs(t.deps, other, 'staff2@example.jp');
    expect((await other.post(`/api/tenants/${T}/invitations`, { email: 'i3@example.jp', role: 'learner' })).status).toBe(201);
  });

  it('founder CSV imports: ten an hour per sender', async () => {
    for (let i = 0; i < ACTION_RULES.imports.limit; i++) {
      expect((await staff.post(`/api/tenants/${T}/invitations/import`, { csv: `name,email\n田中 ${i},imp${i}@example.jp\n` })).status).toBe(200);
    }
    const r = await staff.post(`/api/tenants/${T}/invitations/import`, { csv: 'name,email\n田中 z,impz@example.jp\n' });
    expectLimited(r, 3600);
    clock.advance(3600);
    await loginAs(t.deps, staff, 'staff@example.jp');
    expect((await staff.post(`/api/tenants/${T}/invitations/import`, { csv: 'name,email\n田中 z,impz@example.jp\n' })).status).toBe(200);
  });

  it('upload forms: thirty an hour per founder', async () => {
    const founderId = (await anAccount(t.deps, { email: 'f@example.jp', roles: [{ tenantId: T, role: 'learner' }] })).id;
    const f = api.client();
    await loginAs(t.deps, f, 'f@example.jp');
    const ask = () => f.post(`/api/plans/${founderId}/attachments/uploads`, { fileName: 'a.pdf', contentType: 'application/pdf', size: 100 });
    for (let i = 0; i < ACTION_RULES.uploads.limit; i++) expect((await ask()).status).toBe(201);
    expectLimited(await ask(), 3600);
  });

  it('check-in: ten wrong codes lock a founder\'s check-ins for 15 minutes; right codes do not count', async () => {
    const start = '2026-12-10T19:00:00+09:00';
    const s = (await staff.post(`/api/tenants/${T}/sessions`, {
      cohortId: 'c1', title: '第3回 資金計画', startsAt: start, endsAt: '2026-12-10T21:00:00+09:00', place: '会場', onlineUrl: null, capacity: 40,
      areas: ['finance'], courseId: 'kiso', moduleIds: ['m2'],
    })).body as { id: string };
    const f = api.client();
    expect((await f.post('/api/auth/signup', signUpBody('OSAKA-TEST', 'door@example.jp'))).status).toBe(201);
    clock.set('2026-12-10T09:50:00.000Z');
    await loginAs(t.deps, staff, 'staff@example.jp');
    await loginAs(t.deps, f, 'door@example.jp');
    const display = (await staff.get(`/api/tenants/${T}/sessions/${s.id}/checkin-code`)).body as { url: string };
    const code = decodeURIComponent(new URL(display.url).hash.slice('#c='.length));
    const checkIn = (c: string) => f.post(`/api/sessions/${T}/${s.id}/checkin`, { code: c });
    // Scanning the right code again and again is fine.
    for (let i = 0; i < ACTION_RULES.checkin.limit + 2; i++) expect((await checkIn(code)).status).toBe(200);
    for (let i = 0; i < ACTION_RULES.checkin.limit; i++) expect((await checkIn(`WRONG${String(i).padStart(17, 'A')}`)).status).toBe(400);
    expectLimited(await checkIn(code), 15 * 60);
  });
});
