import { Hono } from 'hono';
import { PasswordResetConfirm, PasswordResetRequest, TokenBody, TotpSignInBody } from '../../contract/account.ts';
import { SignInBody, SignUpBody } from '../../contract/api.ts';
import { confirmEmailChange, requestPasswordReset, resetPassword } from '../../services/account.ts';
import { meOf, signIn, signInSecondStep, signOut, signUp } from '../../services/auth.ts';
import { confirmVerification, tokenPurpose } from '../../services/verification.ts';
import type { AppEnv } from '../env.ts';
import { open, signedIn } from '../middleware/access.ts';
import { clearLoginCookie, requireAuth, setLoginCookie } from '../middleware/login.ts';
import { json, noQuery } from '../validate.ts';

/**
 * Sign-up with an enrolment code, sign-in (with its second step for two-factor accounts), sign-out, and the links of
 * account mails that work without a login: password reset and email confirmation.
 */
export const authRoutes = new Hono<AppEnv>()
  .post('/signup', noQuery, json(SignUpBody), open, async (c) => {
    const s = await signUp(c.get('deps'), c.req.valid('json'), c.get('clientAddress'), c.req.header('user-agent'));
    setLoginCookie(c, s);
    return c.json(meOf(s.auth), 201);
  })
  .post('/signin', noQuery, json(SignInBody), open, async (c) => {
    const s = await signIn(c.get('deps'), c.req.valid('json'), c.get('clientAddress'), c.req.header('user-agent'));
    if ('next' in s) return c.json(s, 200);
    setLoginCookie(c, s);
    return c.json(meOf(s.auth), 200);
  })
  .post('/signin/totp', noQuery, json(TotpSignInBody), open, async (c) => {
    const s = await signInSecondStep(c.get('deps'), c.req.valid('json'), c.get('clientAddress'), c.req.header('user-agent'));
    setLoginCookie(c, s);
    return c.json(meOf(s.auth), 200);
  })
  .post('/signout', noQuery, signedIn, async (c) => {
    await signOut(c.get('deps'), requireAuth(c));
    clearLoginCookie(c);
    return c.body(null, 204);
  })
  .post('/password-reset', noQuery, json(PasswordResetRequest), open, async (c) => {
    await requestPasswordReset(c.get('deps'), c.req.valid('json').email, c.get('clientAddress'));
    return c.json({ accepted: true as const }, 202);
  })
  .post('/password-reset/confirm', noQuery, json(PasswordResetConfirm), open, async (c) => {
    await resetPassword(c.get('deps'), c.req.valid('json'));
    clearLoginCookie(c);
    return c.body(null, 204);
  })
  .post('/confirm-email', noQuery, json(TokenBody), open, async (c) => {
    const deps = c.get('deps');
    const { token } = c.req.valid('json');
    if ((await tokenPurpose(deps, token)) === 'change_email') await confirmEmailChange(deps, token);
    else await confirmVerification(deps, token);
    return c.body(null, 204);
  });
