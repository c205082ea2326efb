import { Hono } from 'hono';
import { SignInBody, SignUpBody } from '../../contract/api.ts';
import { meOf, signIn, signOut, signUp } from '../../services/auth.ts';
import type { AppEnv } from '../env.ts';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../middleware/session.ts';
import { json, noQuery } from '../validate.ts';

/** Sign-up with an enrolment code, sign-in, sign-out. Each answers with the signed-in person (`Me`). */
export const authRoutes = new Hono<AppEnv>()
  .post('/signup', noQuery, json(SignUpBody), async (c) => {
    const s = await signUp(c.get('deps'), c.req.valid('json'));
    setSessionCookie(c, s);
    return c.json(meOf(s.auth), 201);
  })
  .post('/signin', noQuery, json(SignInBody), async (c) => {
    const s = await signIn(c.get('deps'), c.req.valid('json'), c.get('clientAddress'));
    setSessionCookie(c, s);
    return c.json(meOf(s.auth), 200);
  })
  .post('/signout', noQuery, async (c) => {
    await signOut(c.get('deps'), requireAuth(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  });
