import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { AccountPatch, EmailChange, LoginParams, PasswordChange, PasswordConfirm, TotpCodeBody } from '../../contract/account.ts';
import { changePassword, endLogin, listLogins, reauthenticate, requestEmailChange, resendVerification, updateAccount } from '../../services/account.ts';
import { authenticate, meOf } from '../../services/auth.ts';
import { collectPersonalData, eraseAccount, exportFileName, personalDataCsv } from '../../services/personal-data.ts';
import { confirmEnrolment, regenerateRecoveryCodes, startEnrolment, turnOff } from '../../services/totp.ts';
import type { AppEnv } from '../env.ts';
import { signedIn } from '../middleware/access.ts';
import { clearLoginCookie, cookieName, requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

/** The signed-in person's own account: profile, password, email, signed-in devices, two-step sign-in, their data. */
export const meRoutes = new Hono<AppEnv>()
  .get('/', noQuery, signedIn, (c) => c.json(meOf(requireAuth(c))))
  .patch('/', noQuery, json(AccountPatch), signedIn, async (c) => {
    const deps = c.get('deps');
    await updateAccount(deps, requireAuth(c), c.req.valid('json'));
    const fresh = await authenticate(deps, getCookie(c, cookieName(deps.config.secureCookies)));
    return c.json(meOf(fresh ?? requireAuth(c)));
  })
  .post('/password', noQuery, json(PasswordChange), signedIn, async (c) => {
    await changePassword(c.get('deps'), requireAuth(c), c.req.valid('json'));
    return c.body(null, 204);
  })
  .post('/email', noQuery, json(EmailChange), signedIn, async (c) => {
    await requestEmailChange(c.get('deps'), requireAuth(c), c.req.valid('json'));
    return c.json({ accepted: true as const }, 202);
  })
  .post('/email-verification', noQuery, signedIn, async (c) => {
    await resendVerification(c.get('deps'), requireAuth(c));
    return c.json({ accepted: true as const }, 202);
  })
  .get('/logins', noQuery, signedIn, async (c) => c.json(await listLogins(c.get('deps'), requireAuth(c))))
  .delete('/logins/:loginId', noQuery, param(LoginParams), signedIn, async (c) => {
    const { current } = await endLogin(c.get('deps'), requireAuth(c), c.req.valid('param').loginId);
    if (current) clearLoginCookie(c);
    return c.body(null, 204);
  })
  .post('/totp', noQuery, signedIn, async (c) => c.json(await startEnrolment(c.get('deps'), requireAuth(c)), 201))
  .post('/totp/confirm', noQuery, json(TotpCodeBody), signedIn, async (c) =>
    c.json(await confirmEnrolment(c.get('deps'), requireAuth(c), c.req.valid('json').code)))
  .post('/totp/recovery-codes', noQuery, json(PasswordConfirm), signedIn, async (c) => {
    const deps = c.get('deps');
    await reauthenticate(deps, requireAuth(c), c.req.valid('json').currentPassword);
    return c.json(await regenerateRecoveryCodes(deps, requireAuth(c)));
  })
  .post('/totp/off', noQuery, json(PasswordConfirm), signedIn, async (c) => {
    const deps = c.get('deps');
    const auth = requireAuth(c);
    await reauthenticate(deps, auth, c.req.valid('json').currentPassword);
    await turnOff(deps, auth, meOf(auth).user.secondFactorRequired);
    return c.body(null, 204);
  })
  .get('/data.json', noQuery, signedIn, async (c) => {
    const deps = c.get('deps');
    const data = await collectPersonalData(deps, requireAuth(c).user.id);
    c.header('Content-Disposition', `attachment; filename="${exportFileName(data.profile.id, 'json', deps.clock())}"`);
    return c.json(data);
  })
  .get('/data.csv', noQuery, signedIn, async (c) => {
    const deps = c.get('deps');
    const auth = requireAuth(c);
    const data = await collectPersonalData(deps, auth.user.id);
    return c.body(await personalDataCsv(data, auth.user.locale), 200, {
      'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${exportFileName(data.profile.id, 'csv', deps.clock())}"`,
    });
  })
  .post('/delete', noQuery, json(PasswordConfirm), signedIn, async (c) => {
    const deps = c.get('deps');
    const auth = requireAuth(c);
    await reauthenticate(deps, auth, c.req.valid('json').currentPassword);
    const done = await eraseAccount(deps, auth.user.id, auth);
    clearLoginCookie(c);
    return c.json(done);
  });
