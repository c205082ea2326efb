import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Deps } from '../services/deps.ts';
import type { AppEnv } from './env.ts';
import { jsonLog, type Log, notFound, onError } from './middleware/errors.ts';
import { csrf, loadLogin } from './middleware/login.ts';
import { authRoutes } from './routes/auth.ts';
import { codeRoutes } from './routes/codes.ts';
import { meRoutes } from './routes/me.ts';
import { progressRoutes } from './routes/progress.ts';
import { evidenceRoutes, verifyRoutes } from './routes/evidence.ts';
import { quizRoutes } from './routes/quizzes.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { caseloadRoutes } from './routes/caseload.ts';
import { founderRoutes } from './routes/founders.ts';
import { regionRoutes } from './routes/region.ts';
import { declaredAccessOnly } from './middleware/access.ts';

export interface AppOptions {
  /** The caller's address as the host sees it (socket on Node, API Gateway source IP on Lambda). */
  clientAddress?: (c: import('hono').Context) => string;
  log?: Log;
  /** When set, every request must carry X-Origin-Verify with this value (CloudFront adds it; direct calls lack it). */
  originSecret?: string;
}

/** The whole API as one Hono app, the same on Lambda and on the local host. */
export function createApp(deps: Deps, opts: AppOptions = {}) {
  const log = opts.log ?? jsonLog;
  const app = new Hono<AppEnv>().basePath('/api');
  const secret = opts.originSecret ? Buffer.from(opts.originSecret) : undefined;
  app.use(async (c, next) => {
    if (secret) {
      const sent = Buffer.from(c.req.header('x-origin-verify') ?? '');
      if (sent.length !== secret.length || !timingSafeEqual(sent, secret)) {
        return c.json({ error: { code: 'forbidden', message: 'Use the Sōgyō Campus site address' } }, 403);
      }
    }
    c.set('deps', deps);
    c.set('requestId', c.req.header('x-amzn-trace-id') ?? randomUUID());
    c.set('clientAddress', opts.clientAddress?.(c) ?? 'unknown');
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.use(declaredAccessOnly(log), loadLogin, csrf);
  const routes = app
    .route('/auth', authRoutes)
    .route('/me', meRoutes)
    .route('/codes', codeRoutes)
    .route('/progress', progressRoutes)
    .route('/quizzes', quizRoutes)
    .route('/evidence', evidenceRoutes)
    .route('/verify', verifyRoutes)
    .route('/tenants', tenantRoutes)
    .route('/founders', founderRoutes)
    .route('/caseload', caseloadRoutes)
    .route('/region', regionRoutes);
  app.onError(onError(log));
  app.notFound(notFound);
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
