import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mail } from '../../functions/store/mail.ts';
import { loginAs, testApp, testClock, testDeps } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD, signUpBody } from '../fixtures/factories.ts';

// Issue 15 point 12: a password the project publishes (the README's demo logins) is known to everyone, so no new
// account, changed password or reset may use it — while the seeded demo accounts keep signing in with it.
/** Every password the README hands out, e.g. "Demo logins (password for all: `…`)". */
const published = [...readFileSync('README.md', 'utf8').matchAll(/password[^`\n]{0,30}:\s*`([^`]+)`/gi)].map((m) => m[1]!);
const tokenIn = (m: Mail | undefined) => /#t=([A-Za-z0-9_-]{43})/.exec(m?.text ?? '')![1]!;

let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
beforeEach(async () => {
  t = await testDeps({ clock: testClock('2026-12-04T01:00:00.000Z') });
  api = testApp(t.deps);
  await aTenant(t.deps);
});

describe('the published demo password', () => {
  it('the README publishes one', () => {
    expect(published).toContain('sogyo-campus-demo');
  });

  it.each(published)('is refused at sign-up (%s), in any case', async (password) => {
    const code = await aCode(t.deps);
    for (const p of [password, password.toUpperCase()]) {
      const r = await api.client().post('/api/auth/signup', { ...signUpBody(code), password: p });
      expect([r.status, r.body.error.code, r.body.error.fields]).toEqual([400, 'password_too_common', { password: 'too_common' }]);
    }
  });

  it.each(published)('is refused as a new password and by a reset link (%s)', async (password) => {
    await anAccount(t.deps, { email: 'me@example.jp', roles: [{ tenantId: '271004', role: 'learner' }] });
    const me = api.client();
    await loginAs(t.deps, me, 'me@example.jp');
    const changed = await me.post('/api/me/password', { currentPassword: PASSWORD, newPassword: password });
    expect([changed.status, changed.body.error.code]).toEqual([400, 'password_too_common']);

    await api.client().post('/api/auth/password-reset', { email: 'me@example.jp' });
    const token = tokenIn(t.mailer.sent.filter((m) => m.to === 'me@example.jp').at(-1));
    const reset = await api.client().post('/api/auth/password-reset/confirm', { token, password });
    expect([reset.status, reset.body.error.code]).toEqual([400, 'password_too_common']);
    expect((await api.client().post('/api/auth/signin', { email: 'me@example.jp', password })).status).toBe(401);
  });

  it.each(published)('is refused when accepting an invitation (%s)', async (password) => {
    await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
    const staff = api.client();
    await loginAs(t.deps, staff, 'staff@example.jp');
    expect((await staff.post('/api/tenants/271004/invitations', { email: 'new@example.jp', role: 'advisor', name: '経営 指導' })).status).toBe(201);
    const token = tokenIn(t.mailer.sent.filter((m) => m.to === 'new@example.jp').at(-1));
    const r = await api.client().post('/api/invitations/accept', { token, name: '経営 指導', password });
    expect([r.status, r.body.error.code]).toEqual([400, 'password_too_common']);
  });

  // The seeded demo accounts keep their password (the seed hashes it itself): every browser test signs in with it.
});
