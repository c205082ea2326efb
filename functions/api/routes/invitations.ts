import { Hono } from 'hono';
import { AcceptInvitation, TokenBody } from '../../contract/account.ts';
import { authenticate, meOf } from '../../services/auth.ts';
import { accept, preview } from '../../services/invitations.ts';
import type { AppEnv } from '../env.ts';
import { open } from '../middleware/access.ts';
import { cookieName, requireAuth, setLoginCookie } from '../middleware/login.ts';
import { json, noQuery } from '../validate.ts';
import { getCookie } from 'hono/cookie';

/**
 * The invitation link's page: what it invites to, and accepting it. Open to anyone holding the link (the token is the
 * credential); an existing person must also be signed in as the invited email.
 */
export const invitationRoutes = new Hono<AppEnv>()
  .post('/preview', noQuery, json(TokenBody), open, async (c) => c.json(await preview(c.get('deps'), c.req.valid('json').token)))
  .post('/accept', noQuery, json(AcceptInvitation), open, async (c) => {
    const deps = c.get('deps');
    const r = await accept(deps, c.get('auth'), c.req.valid('json'), c.req.header('user-agent'));
    if (r.login) {
      setLoginCookie(c, r.login);
      return c.json(meOf(r.login.auth), 201);
    }
    // One more role for the signed-in person: answer with their login as it is now.
    const fresh = await authenticate(deps, getCookie(c, cookieName(deps.config.secureCookies)));
    return c.json(meOf(fresh ?? requireAuth(c)), 200);
  });
