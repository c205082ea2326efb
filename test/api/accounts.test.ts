import { Secret, TOTP } from 'otpauth';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mail } from '../../functions/store/mail.ts';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD, signUpBody } from '../fixtures/factories.ts';

// Accounts for real (issue 8): invitations, password reset, email confirmation, the account page, two-step sign-in.
// The founder's own data and its deletion are in personal-data.test.ts.

const tokenIn = (m: Mail | undefined) => {
  const t = /#t=([A-Za-z0-9_-]{43})/.exec(m?.text ?? '')?.[1];
  if (!t) throw new Error(`no link in ${JSON.stringify(m)}`);
  return t;
};
const tamper = (t: string) => `${t.slice(0, 20)}${t[20] === 'A' ? 'B' : 'A'}${t.slice(21)}`;
const codeAt = (secret: string, ms: number) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms });

let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let clock: ReturnType<typeof testClock>;
const mailsTo = (email: string) => t.mailer.sent.filter((m) => m.to === email);
const lastMailTo = (email: string) => mailsTo(email).at(-1);

async function staffOf(tenantId: string, email: string): Promise<TestClient> {
  await anAccount(t.deps, { email, roles: [{ tenantId, role: 'staff' }] });
  const c = api.client();
  await loginAs(t.deps, c, email);
  return c;
}

beforeEach(async () => {
  clock = testClock('2026-12-04T01:00:00.000Z');
  t = await testDeps({ clock });
  api = testApp(t.deps);
  await aTenant(t.deps);
  await aTenant(t.deps, '271403', { ja: '堺市', en: 'Sakai City' });
});

describe('invitations', () => {
  it('staff invite an advisor: one mail with a single-use link; accepting sets a password and signs in, second factor still to do', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    const inv = await staff.post('/api/tenants/271004/invitations', { email: 'Advisor@Example.jp', role: 'advisor', name: '経営 指導' });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ email: 'advisor@example.jp', role: 'advisor', tenantId: '271004', status: 'pending', expiresAt: '2026-12-11T01:00:00.000Z' });
    expect(mailsTo('advisor@example.jp')).toHaveLength(1);
    expect(lastMailTo('advisor@example.jp')!.text).toContain('http://localhost/invite#t=');
    const token = tokenIn(lastMailTo('advisor@example.jp'));

    const visitor = api.client();
    const preview = await visitor.post('/api/invitations/preview', { token });
    expect(preview.body).toMatchObject({ email: 'advisor@example.jp', role: 'advisor', tenantName: { ja: '大阪市' }, account: 'new', invitedByName: 'テスト 太郎' });
    const missing = await visitor.post('/api/invitations/accept', { token });
    expect([missing.status, missing.body.error.fields]).toEqual([400, { name: 'required', password: 'required' }]);
    const accepted = await visitor.post('/api/invitations/accept', { token, name: '経営 指導', password: 'advisor-long-passphrase', locale: 'en' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.memberships).toEqual([{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'advisor', cohortId: null }]);
    expect(accepted.body.user).toMatchObject({ emailVerified: true, totp: false, secondFactorRequired: true, locale: 'en' });
    expect(accepted.body.login).toEqual({ secondFactor: false });
    // Signed in, but the advisor's work waits for two-step sign-in.
    const caseload = await visitor.get('/api/caseload');
    expect([caseload.status, caseload.body.error.code]).toEqual([403, 'second_factor_required']);

    // The link worked once; the invitation is gone from the pending list, and the acceptance is audited.
    expect((await api.client().post('/api/invitations/accept', { token, name: 'x', password: 'another-long-passphrase' })).body.error.code).toBe('token_invalid');
    expect((await staff.get('/api/tenants/271004/invitations')).body.items).toEqual([]);
    const audit = await staff.get('/api/tenants/271004/audit');
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['invitation.create', 'invitation.accept']));
  });

  it('refuses expired, tampered, renewed and revoked links alike, without an oracle for which', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    await staff.post('/api/tenants/271004/invitations', { email: 'a@example.jp', role: 'staff' });
    const first = tokenIn(lastMailTo('a@example.jp'));
    expect((await api.client().post('/api/invitations/preview', { token: tamper(first) })).body.error.code).toBe('token_invalid');
    expect((await api.client().post('/api/invitations/preview', { token: 'short' })).status).toBe(400);

    const id = (await staff.get('/api/tenants/271004/invitations')).body.items[0].id as string;
    const resent = await staff.post(`/api/tenants/271004/invitations/${id}/resend`);
    expect(resent.status).toBe(200);
    const second = tokenIn(lastMailTo('a@example.jp'));
    expect(second).not.toBe(first);
    expect((await api.client().post('/api/invitations/preview', { token: first })).body.error.code).toBe('token_invalid');
    expect((await api.client().post('/api/invitations/preview', { token: second })).status).toBe(200);

    clock.advance(7 * 86_400 + 1);
    const expired = await api.client().post('/api/invitations/accept', { token: second, name: 'x', password: 'a-long-passphrase-1' });
    expect([expired.status, expired.body.error.code]).toEqual([400, 'token_expired']);
    await loginAs(t.deps, staff, 'staff@example.jp'); // a week later: a new login
    expect((await staff.get('/api/tenants/271004/invitations')).body.items[0].status).toBe('expired');
    // An expired invitation can be replaced by a new one; a pending one cannot be doubled.
    expect((await staff.post('/api/tenants/271004/invitations', { email: 'a@example.jp', role: 'staff' })).status).toBe(201);
    expect((await staff.post('/api/tenants/271004/invitations', { email: 'a@example.jp', role: 'staff' })).status).toBe(409);

    const third = tokenIn(lastMailTo('a@example.jp'));
    const again = (await staff.get('/api/tenants/271004/invitations')).body.items[0].id as string;
    expect((await staff.request('DELETE', `/api/tenants/271004/invitations/${again}`)).status).toBe(204);
    expect((await api.client().post('/api/invitations/accept', { token: third, name: 'x', password: 'a-long-passphrase-1' })).body.error.code).toBe('token_invalid');
  });

  it('an existing person accepts by signing in as the invited email, and then holds one more role', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    await anAccount(t.deps, { email: 'advisor@example.jp', roles: [{ tenantId: '271403', role: 'advisor' }] });
    await anAccount(t.deps, { email: 'other@example.jp', roles: [] });
    await staff.post('/api/tenants/271004/invitations', { email: 'advisor@example.jp', role: 'advisor' });
    const token = tokenIn(lastMailTo('advisor@example.jp'));
    expect((await api.client().post('/api/invitations/preview', { token })).body.account).toBe('existing');

    expect((await api.client().post('/api/invitations/accept', { token })).status).toBe(401);
    const other = api.client();
    await other.post('/api/auth/signin', { email: 'other@example.jp', password: PASSWORD });
    expect((await other.post('/api/invitations/accept', { token })).body.error.code).toBe('invitation_mismatch');

    const advisor = api.client();
    await loginAs(t.deps, advisor, 'advisor@example.jp');
    const r = await advisor.post('/api/invitations/accept', { token });
    expect(r.status).toBe(200);
    expect(r.body.memberships.map((m: { tenantId: string }) => m.tenantId).sort()).toEqual(['271004', '271403']);
    expect((await advisor.post('/api/invitations/accept', { token })).body.error.code).toBe('token_invalid');
  });

  it('founders are invited into a cohort and counted by their municipality when they accept', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    expect((await staff.post('/api/tenants/271004/invitations', { email: 'f@example.jp', role: 'learner', cohortId: 'nope' })).body.error.fields).toEqual({ cohortId: 'unknown' });
    await staff.post('/api/tenants/271004/invitations', { email: 'f@example.jp', role: 'learner', cohortId: 'c1' });
    const before = (await staff.get('/api/tenants/271004/totals')).body.founders;
    const f = api.client();
    const r = await f.post('/api/invitations/accept', { token: tokenIn(lastMailTo('f@example.jp')), name: '招待 花子', password: 'founder-long-passphrase' });
    expect(r.body.memberships).toEqual([{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'learner', cohortId: 'c1' }]);
    expect(r.body.user.secondFactorRequired).toBe(false);
    expect((await f.get('/api/progress/kiso')).status).toBe(200);
    expect((await staff.get('/api/tenants/271004/totals')).body.founders).toBe(before + 1);
    const row = (await staff.get('/api/tenants/271004/founders?q=招待')).body.founders[0];
    expect(row).toMatchObject({ name: '招待 花子', cohortId: 'c1', emailVerified: true });
    // Already a founder: not invited again.
    expect((await staff.post('/api/tenants/271004/invitations', { email: 'f@example.jp', role: 'learner' })).body.error.code).toBe('already_member');
  });

  it('who may invite whom is the policy’s: staff their own municipality (not admins), admins anyone, nobody else', async () => {
    const osaka = await staffOf('271004', 'staff@example.jp');
    const sakai = await staffOf('271403', 'sakai@example.jp');
    await anAccount(t.deps, { email: 'advisor@example.jp', roles: [{ tenantId: '271004', role: 'advisor' }] });
    const advisor = api.client();
    await loginAs(t.deps, advisor, 'advisor@example.jp');
    await anAccount(t.deps, { email: 'admin@example.jp', admin: true });
    const admin = api.client();
    await loginAs(t.deps, admin, 'admin@example.jp');

    expect((await sakai.post('/api/tenants/271004/invitations', { email: 'x@example.jp', role: 'staff' })).status).toBe(403);
    expect((await advisor.post('/api/tenants/271004/invitations', { email: 'x@example.jp', role: 'learner' })).status).toBe(403);
    expect((await osaka.post('/api/region/invitations', { email: 'x@example.jp', role: 'admin' })).status).toBe(403);
    expect((await osaka.post('/api/region/invitations', { email: 'x@example.jp', role: 'staff', tenantId: '271403' })).status).toBe(403);
    expect((await osaka.post('/api/region/invitations', { email: 'x@example.jp', role: 'staff' })).body.error.fields).toHaveProperty('tenantId');
    expect((await admin.post('/api/region/invitations', { email: 'new-admin@example.jp', role: 'admin' })).status).toBe(201);
    expect((await admin.post('/api/region/invitations', { email: 'sakai2@example.jp', role: 'staff', tenantId: '271403' })).status).toBe(201);
    expect((await admin.get('/api/region/invitations')).body.items.map((i: { email: string }) => i.email)).toEqual(['new-admin@example.jp']);
    expect((await sakai.get('/api/tenants/271403/invitations')).body.items.map((i: { email: string }) => i.email)).toEqual(['sakai2@example.jp']);

    // The new admin becomes an admin, and must set up two-step sign-in before the union's pages open.
    const n = api.client();
    const r = await n.post('/api/invitations/accept', { token: tokenIn(lastMailTo('new-admin@example.jp')), name: '新 管理者', password: 'admin-long-passphrase' });
    expect(r.body.user).toMatchObject({ admin: true, secondFactorRequired: true });
    expect((await n.get('/api/region/tenants')).body.error.code).toBe('second_factor_required');
  });

  it('a mail that cannot be sent leaves no invitation behind (503, nothing saved)', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    const send = t.deps.mailer.send;
    t.deps.mailer.send = async () => { throw new Error('SES is down'); };
    try {
      const r = await staff.post('/api/tenants/271004/invitations', { email: 'a@example.jp', role: 'staff' });
      expect(r.status).toBe(503);
    } finally { t.deps.mailer.send = send; }
    expect((await staff.get('/api/tenants/271004/invitations')).body.items).toEqual([]);
    expect((await staff.post('/api/tenants/271004/invitations', { email: 'a@example.jp', role: 'staff' })).status).toBe(201);
  });
});

describe('CSV import of founders', () => {
  it('invites every valid row, reports the bad ones by row number, and invites nobody twice', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    await anAccount(t.deps, { email: 'already@example.jp', roles: [{ tenantId: '271004', role: 'learner' }] });
    const csv = '\uFEFF氏名,メールアドレス,コホート\r\n山田 一郎,ichiro@example.jp,秋の創業塾\r\n鈴木 二郎,not-an-email,\r\n,noname@example.jp,\r\n佐藤 三郎,saburo@example.jp,\r\n高橋 四郎,shiro@example.jp,無い期\r\n既存 五郎,already@example.jp,\r\n山田 一郎,ICHIRO@example.jp,\r\n';
    const r = await staff.post('/api/tenants/271004/invitations/import', { csv });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      rows: 7, invited: 2,
      skipped: [{ row: 7, email: 'already@example.jp', reason: 'already_member' }, { row: 8, email: 'ichiro@example.jp', reason: 'duplicate_row' }],
      problems: [
        { row: 3, field: 'email', reason: 'not an email address' },
        { row: 4, field: 'name', reason: 'name is empty or longer than 80 characters' },
        { row: 6, field: 'cohort', reason: 'no cohort named "無い期" in this municipality' },
      ],
    });
    const pending = (await staff.get('/api/tenants/271004/invitations')).body.items;
    expect(pending.map((i: { email: string; cohortId: string | null }) => [i.email, i.cohortId]).sort()).toEqual([['ichiro@example.jp', 'c1'], ['saburo@example.jp', null]]);
    expect(t.mailer.sent.filter((m) => m.subject.includes('招待'))).toHaveLength(2);

    const again = await staff.post('/api/tenants/271004/invitations/import', { csv });
    expect(again.body.invited).toBe(0);
    expect(again.body.skipped.filter((s: { reason: string }) => s.reason === 'already_invited').map((s: { email: string }) => s.email).sort()).toEqual(['ichiro@example.jp', 'saburo@example.jp']);
    expect(t.mailer.sent.filter((m) => m.subject.includes('招待'))).toHaveLength(2);
  });

  it('a malformed file, or one without the columns, imports nothing', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    const broken = await staff.post('/api/tenants/271004/invitations/import', { csv: 'name,email\n"unclosed,a@example.jp\nb,b@example.jp\n' });
    expect([broken.status, broken.body.error.fields]).toEqual([400, { csv: 'malformed' }]);
    const noHeader = await staff.post('/api/tenants/271004/invitations/import', { csv: '山田,yamada@example.jp\n' });
    expect(noHeader.body.error.fields).toEqual({ csv: 'header' });
    expect((await staff.get('/api/tenants/271004/invitations')).body.items).toEqual([]);
    expect(t.mailer.sent).toHaveLength(0);
  });
});

describe('password reset', () => {
  beforeEach(async () => {
    await anAccount(t.deps, { email: 'known@example.jp', roles: [{ tenantId: '271004', role: 'learner' }] });
  });

  it('answers the same, in about the same time, for known and unknown emails; mails only the known one', async () => {
    const timed = async (email: string) => {
      const started = performance.now();
      const r = await api.client().post('/api/auth/password-reset', { email });
      return { status: r.status, body: r.body, ms: performance.now() - started };
    };
    const runs: Array<{ known: number; unknown: number }> = [];
    for (let i = 0; i < 3; i++) {
      const k = await timed('known@example.jp');
      const u = await timed(`nobody${i}@example.jp`);
      expect([k.status, k.body]).toEqual([202, { accepted: true }]);
      expect([u.status, u.body]).toEqual([k.status, k.body]);
      runs.push({ known: k.ms, unknown: u.ms });
      clock.advance(16 * 60); // past the per-email window
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    const known = median(runs.map((r) => r.known));
    const unknown = median(runs.map((r) => r.unknown));
    // Both wait out the uniform reply time; they differ by less than the noise of a loaded machine.
    expect(known).toBeGreaterThanOrEqual(t.deps.config.uniformReplyMs - 5);
    expect(unknown).toBeGreaterThanOrEqual(t.deps.config.uniformReplyMs - 5);
    expect(Math.abs(known - unknown)).toBeLessThan(60);
    expect(mailsTo('known@example.jp')).toHaveLength(3);
    expect(t.mailer.sent.filter((m) => m.to.startsWith('nobody'))).toHaveLength(0);
  });

  it('a single-use link of 30 minutes sets the new password and signs out every session', async () => {
    const a = api.client();
    const b = api.client();
    await a.post('/api/auth/signin', { email: 'known@example.jp', password: PASSWORD });
    await b.post('/api/auth/signin', { email: 'known@example.jp', password: PASSWORD });
    await api.client().post('/api/auth/password-reset', { email: 'known@example.jp' });
    const token = tokenIn(lastMailTo('known@example.jp'));
    expect(lastMailTo('known@example.jp')!.text).toContain('/reset-password#t=');

    expect((await api.client().post('/api/auth/password-reset/confirm', { token: tamper(token), password: 'brand-new-passphrase' })).body.error.code).toBe('token_invalid');
    // A refused password does not use the link up.
    expect((await api.client().post('/api/auth/password-reset/confirm', { token, password: 'password123' })).body.error.code).toBe('password_too_common');
    expect((await api.client().post('/api/auth/password-reset/confirm', { token, password: 'brand-new-passphrase' })).status).toBe(204);
    expect((await api.client().post('/api/auth/password-reset/confirm', { token, password: 'another-new-passphrase' })).body.error.code).toBe('token_invalid');

    expect((await a.get('/api/me')).status).toBe(401);
    expect((await b.get('/api/me')).status).toBe(401);
    expect((await api.client().post('/api/auth/signin', { email: 'known@example.jp', password: PASSWORD })).status).toBe(401);
    expect((await api.client().post('/api/auth/signin', { email: 'known@example.jp', password: 'brand-new-passphrase' })).status).toBe(200);
  });

  it('an expired link is refused', async () => {
    await api.client().post('/api/auth/password-reset', { email: 'known@example.jp' });
    clock.advance(30 * 60 + 1);
    const r = await api.client().post('/api/auth/password-reset/confirm', { token: tokenIn(lastMailTo('known@example.jp')), password: 'brand-new-passphrase' });
    expect([r.status, r.body.error.code]).toEqual([400, 'token_expired']);
  });

  it('is throttled per email — the same for an unknown email — and per address', async () => {
    const ask = (email: string, from = '192.0.2.1') => testApp(t.deps, from).client().post('/api/auth/password-reset', { email });
    for (let i = 0; i < 3; i++) expect((await ask('known@example.jp')).status).toBe(202);
    for (let i = 0; i < 3; i++) expect((await ask('ghost@example.jp')).status).toBe(202);
    const known = await ask('known@example.jp');
    const ghost = await ask('ghost@example.jp');
    expect([known.status, known.body.error.code]).toEqual([429, 'rate_limited']);
    expect([ghost.status, ghost.body.error.code]).toEqual([429, 'rate_limited']);
    expect(mailsTo('known@example.jp')).toHaveLength(3);
    for (let i = 0; i < 19; i++) await ask(`spray${i}@example.jp`, '198.51.100.9');
    expect((await ask('last@example.jp', '198.51.100.9')).status).toBe(202);
    expect((await ask('one-more@example.jp', '198.51.100.9')).status).toBe(429);
  });
});

describe('email confirmation', () => {
  it('a founder who signs up with a code can study at once; staff see them unconfirmed until they open the link', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    const code = await aCode(t.deps);
    const f = api.client();
    const r = await f.post('/api/auth/signup', signUpBody(code, 'new@example.jp'));
    expect(r.body.user.emailVerified).toBe(false);
    expect((await f.get('/api/progress/kiso')).status).toBe(200);
    expect(lastMailTo('new@example.jp')!.subject).toBe('【創業キャンパス】メールアドレスの確認');
    const row = async () => (await staff.get('/api/tenants/271004/founders?q=new@')).body.founders[0];
    expect((await row()).emailVerified).toBe(false);

    // The link can be sent again; every link works until used.
    expect((await f.post('/api/me/email-verification')).status).toBe(202);
    expect(mailsTo('new@example.jp')).toHaveLength(2);
    const token = tokenIn(lastMailTo('new@example.jp'));
    expect((await api.client().post('/api/auth/confirm-email', { token })).status).toBe(204);
    expect((await f.get('/api/me')).body.user.emailVerified).toBe(true);
    expect((await row()).emailVerified).toBe(true);
    expect((await f.post('/api/me/email-verification')).status).toBe(409);
    expect((await api.client().post('/api/auth/confirm-email', { token })).body.error.code).toBe('token_invalid');
  });

  it('reminders go only to confirmed addresses, and never to someone who turned them off', async () => {
    const { runReminders } = await import('../../functions/jobs/reminders.ts');
    const code = await aCode(t.deps);
    for (const email of ['quiet1@example.jp', 'quiet2@example.jp', 'quiet3@example.jp']) await api.client().post('/api/auth/signup', signUpBody(code, email));
    await api.client().post('/api/auth/confirm-email', { token: tokenIn(lastMailTo('quiet2@example.jp')) });
    await api.client().post('/api/auth/confirm-email', { token: tokenIn(lastMailTo('quiet3@example.jp')) });
    const q3 = api.client();
    await q3.post('/api/auth/signin', { email: 'quiet3@example.jp', password: PASSWORD });
    expect((await q3.request('PATCH', '/api/me', { remindersOff: true })).body.user.remindersOff).toBe(true);
    clock.advance(15 * 86_400);
    const { memoryMailer } = await import('../../functions/store/mail.ts');
    const jobMail = memoryMailer();
    await runReminders({ db: t.deps.db, mailer: jobMail, clock: t.deps.clock, catalog: t.deps.catalog, siteUrl: 'http://localhost' });
    expect(jobMail.sent.map((m) => m.to)).toEqual(['quiet2@example.jp']);
  });
});

describe('the account page', () => {
  let me: TestClient;
  beforeEach(async () => {
    const code = await aCode(t.deps);
    me = api.client();
    await me.post('/api/auth/signup', signUpBody(code, 'me@example.jp'));
  });

  it('changes name and language; the municipality sees the new name', async () => {
    const staff = await staffOf('271004', 'staff@example.jp');
    const r = await me.request('PATCH', '/api/me', { name: '田中 みさき', locale: 'en' });
    expect(r.body.user).toMatchObject({ name: '田中 みさき', locale: 'en' });
    expect((await staff.get('/api/tenants/271004/founders?q=みさき')).body.founders[0].email).toBe('me@example.jp');
    expect((await me.request('PATCH', '/api/me', {})).status).toBe(400);
    expect((await me.request('PATCH', '/api/me', { name: '' })).status).toBe(400);
  });

  it('changes the password with the current one; other devices are signed out, this one stays', async () => {
    const other = api.client();
    await other.post('/api/auth/signin', { email: 'me@example.jp', password: PASSWORD });
    const wrong = await me.post('/api/me/password', { currentPassword: 'not-it-at-all', newPassword: 'a-fresh-passphrase' });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'password_incorrect']);
    expect((await me.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'a-fresh-passphrase' })).status).toBe(204);
    expect((await me.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect(lastMailTo('me@example.jp')!.subject).toBe('【創業キャンパス】パスワードが変更されました');
    expect((await api.client().post('/api/auth/signin', { email: 'me@example.jp', password: 'a-fresh-passphrase' })).status).toBe(200);
  });

  it('changes the email only through a link to the new address; the old address is told', async () => {
    await anAccount(t.deps, { email: 'taken@example.jp', roles: [] });
    expect((await me.post('/api/me/email', { email: 'taken@example.jp', currentPassword: PASSWORD })).body.error.code).toBe('email_taken');
    expect((await me.post('/api/me/email', { email: 'next@example.jp', currentPassword: 'wrong-password' })).body.error.code).toBe('password_incorrect');
    expect((await me.post('/api/me/email', { email: 'next@example.jp', currentPassword: PASSWORD })).status).toBe(202);
    expect(lastMailTo('me@example.jp')!.subject).toBe('【創業キャンパス】メールアドレス変更の手続きがありました');
    expect((await me.get('/api/me')).body.user.email).toBe('me@example.jp');
    expect((await api.client().post('/api/auth/confirm-email', { token: tokenIn(lastMailTo('next@example.jp')) })).status).toBe(204);
    expect((await me.get('/api/me')).body.user).toMatchObject({ email: 'next@example.jp', emailVerified: true });
    expect((await api.client().post('/api/auth/signin', { email: 'me@example.jp', password: PASSWORD })).status).toBe(401);
    expect((await api.client().post('/api/auth/signin', { email: 'next@example.jp', password: PASSWORD })).status).toBe(200);
    // The first confirmation link was for the old address: it confirms nothing now.
    const old = tokenIn(mailsTo('me@example.jp').find((m) => m.subject.includes('確認')));
    expect((await api.client().post('/api/auth/confirm-email', { token: old })).body.error.code).toBe('token_invalid');
  });

  it('lists the signed-in devices and ends one of them, or this one', async () => {
    const phone = api.client();
    await phone.request('POST', '/api/auth/signin', { email: 'me@example.jp', password: PASSWORD }, { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36' });
    const list = (await me.get('/api/me/logins')).body.items;
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ current: true });
    const other = list.find((l: { current: boolean }) => !l.current);
    expect(other.device).toBe('Chrome on Android');
    expect((await me.request('DELETE', `/api/me/logins/${other.id}`)).status).toBe(204);
    expect((await phone.get('/api/me')).status).toBe(401);
    const mine = (await me.get('/api/me/logins')).body.items[0].id;
    const ended = await me.request('DELETE', `/api/me/logins/${mine}`);
    expect(ended.status).toBe(204);
    expect(ended.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await me.get('/api/me')).status).toBe(401);
  });
});

describe('two-step sign-in (TOTP)', () => {
  async function enrolled(email: string, roles: Parameters<typeof anAccount>[1]['roles']) {
    await anAccount(t.deps, { email, roles: roles ?? [] });
    const c = api.client();
    await c.post('/api/auth/signin', { email, password: PASSWORD });
    const e = await c.post('/api/me/totp');
    expect(e.status).toBe(201);
    expect(e.body.otpauthUri).toMatch(new RegExp(`^otpauth://totp/S%C5%8Dgy%C5%8D%20Campus:${encodeURIComponent(email)}\\?.*secret=${e.body.secret}`));
    expect(e.body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(e.body.qrDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
    const secret = e.body.secret as string;
    expect((await c.post('/api/me/totp/confirm', { code: '000000' })).body.error.code).toBe('totp_invalid');
    const done = await c.post('/api/me/totp/confirm', { code: codeAt(secret, clock.now().getTime()) });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    return { c, secret, recovery: done.body.recoveryCodes as string[] };
  }
  const passwordStep = async (email: string) => {
    const c = api.client();
    const r = await c.post('/api/auth/signin', { email, password: PASSWORD });
    expect(r.body).toEqual({ next: 'totp', ticket: expect.stringMatching(/^[\w-]{43}$/) });
    expect(r.headers.get('set-cookie')).toBeNull();
    return { c, ticket: r.body.ticket as string };
  };

  it('enrolment turns it on for the login that confirmed it; staff work opens; other logins end', async () => {
    await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
    const elsewhere = api.client();
    await elsewhere.post('/api/auth/signin', { email: 'staff@example.jp', password: PASSWORD });
    const c = api.client();
    await c.post('/api/auth/signin', { email: 'staff@example.jp', password: PASSWORD });
    expect((await c.get('/api/tenants/271004/totals')).body.error.code).toBe('second_factor_required');
    const { secret } = await (async () => {
      const e = await c.post('/api/me/totp');
      await c.post('/api/me/totp/confirm', { code: codeAt(e.body.secret, clock.now().getTime()) });
      return e.body;
    })();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const me = (await c.get('/api/me')).body;
    expect([me.user.totp, me.login.secondFactor]).toEqual([true, true]);
    expect((await c.get('/api/tenants/271004/totals')).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await c.post('/api/me/totp')).status).toBe(409);
  });

  it('sign-in then needs a current code: one step of drift either way, never a code twice', async () => {
    const { secret } = await enrolled('founder@example.jp', [{ tenantId: '271004', role: 'learner' }]);
    clock.advance(120);
    const now = () => clock.now().getTime();

    let s = await passwordStep('founder@example.jp');
    const tooOld = await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, now() - 60_000) });
    expect([tooOld.status, tooOld.body.error.code]).toEqual([400, 'totp_invalid']);
    const behind = await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, now() - 30_000) });
    expect(behind.status).toBe(200);
    expect(behind.body.login.secondFactor).toBe(true);
    expect(behind.headers.get('set-cookie')).toMatch(/^__Host-sid=/);
    // The ticket is used up with the sign-in.
    expect((await api.client().post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, now()) })).body.error.code).toBe('token_invalid');

    s = await passwordStep('founder@example.jp');
    // The same code again (a replay), or any earlier one: refused.
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, now() - 30_000) })).body.error.code).toBe('totp_invalid');
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, now() + 30_000) })).status).toBe(200);
    s = await passwordStep('founder@example.jp');
    // The current step is older than the one just used (a phone ahead by 30 s): refused until the clock moves on.
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, now()) })).body.error.code).toBe('totp_invalid');
    clock.advance(60);
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, now()) })).status).toBe(200);
  });

  it('a recovery code works once; a ticket allows five wrong codes; the ticket expires after 5 minutes', async () => {
    const { secret, recovery } = await enrolled('founder@example.jp', [{ tenantId: '271004', role: 'learner' }]);
    let s = await passwordStep('founder@example.jp');
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, recoveryCode: recovery[0]!.toUpperCase() })).status).toBe(200);
    s = await passwordStep('founder@example.jp');
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, recoveryCode: recovery[0] })).body.error.code).toBe('totp_invalid');
    for (let i = 0; i < 3; i++) expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: '123456' })).status).toBe(400);
    // The fifth wrong code ends the ticket; the right code then finds no ticket.
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: '123456' })).status).toBe(400);
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, clock.now().getTime() + 30_000) })).body.error.code).toBe('token_invalid');

    s = await passwordStep('founder@example.jp');
    clock.advance(5 * 60 + 1);
    expect((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: codeAt(secret, clock.now().getTime()) })).body.error.code).toBe('token_expired');
  });

  it('wrong codes are throttled per account across tickets', async () => {
    await enrolled('founder@example.jp', [{ tenantId: '271004', role: 'learner' }]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await passwordStep('founder@example.jp');
      for (let k = 0; k < 2; k++) statuses.push((await s.c.post('/api/auth/signin/totp', { ticket: s.ticket, code: '999999' })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('founders may turn it off with their password; staff, whose role requires it, may not; recovery codes can be renewed', async () => {
    const founder = await enrolled('founder@example.jp', [{ tenantId: '271004', role: 'learner' }]);
    expect((await founder.c.post('/api/me/totp/off', { currentPassword: 'wrong-password' })).body.error.code).toBe('password_incorrect');
    const renewed = await founder.c.post('/api/me/totp/recovery-codes', { currentPassword: PASSWORD });
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    expect(renewed.body.recoveryCodes).not.toContain(founder.recovery[0]);
    expect((await founder.c.post('/api/me/totp/off', { currentPassword: PASSWORD })).status).toBe(204);
    expect((await api.client().post('/api/auth/signin', { email: 'founder@example.jp', password: PASSWORD })).body.user.totp).toBe(false);

    const staff = await enrolled('staff@example.jp', [{ tenantId: '271004', role: 'staff' }]);
    const off = await staff.c.post('/api/me/totp/off', { currentPassword: PASSWORD });
    expect([off.status, off.body.error.code]).toEqual([403, 'forbidden']);
  });
});
