import { Hono } from 'hono';
import { SignInBody, SignUpBody } from '../../contract/api.ts';
import { meOf, signIn, signOut, signUp } from '../../services/auth.ts';
import type { AppEnv } from '../env.ts';
import { open, signedIn } from '../middleware/access.ts';
import { clearLoginCookie, requireAuth, setLoginCookie } from '../middleware/login.ts';
import { json, noQuery } from '../validate.ts';

/** Sign-up with an enrolment code, sign-in, sign-out. Each answers with the signed-in person (`Me`). */
export const authRoutes = new Hono<AppEnv>()
  .post('/signup', noQuery, json(SignUpBody), open, async (c) => {
    const s = await signUp(c.get('deps'), c.req.valid('json'), c.get('clientAddress'));
    setLoginCookie(c, s);
    return c.json(meOf(s.auth), 201);
  })
  .post('/signin', noQuery, json(SignInBody), open, async (c) => {
    const s = await signIn(c.get('deps'), c.req.valid('json'), c.get('clientAddress'));
    setLoginCookie(c, s);
    return c.json(meOf(s.auth), 200);
  })
  .post('/signout', noQuery, signedIn, async (c) => {
    await signOut(c.get('deps'), requireAuth(c));
    clearLoginCookie(c);
    return c.body(null, 204);
  });
