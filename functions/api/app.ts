import { randomUUID } from 'node:crypto';
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
import { feedbackRoutes } from './routes/feedback.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { caseloadRoutes } from './routes/caseload.ts';
import { founderRoutes } from './routes/founders.ts';
import { regionRoutes } from './routes/region.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { assignmentRoutes } from './routes/assignments.ts';
import { seminarRoutes } from './routes/seminars.ts';
import { advisorRoutes } from './routes/advisors.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { planRoutes } from './routes/plans.ts';
import { consultationRoutes } from './routes/consultations.ts';
import { surveyRoutes, tenantSurveyRoutes } from './routes/surveys.ts';
import { declaredAccessOnly } from './middleware/access.ts';
import { originCheck } from './middleware/origin.ts';

export interface AppOptions {
  /** The caller's address as the host sees it (socket on Node, API Gateway source IP on Lambda). */
  clientAddress?: (c: import('hono').Context) => string;
  log?: Log;
  /**
   * When set, every request must carry X-Origin-Verify with one of these values (CloudFront adds it; direct calls lack
   * it). Two during a rotation of the secret: the old and the new one (middleware/origin.ts).
   */
  originSecrets?: string[];
  /** One value: the same as `originSecrets: [originSecret]`. */
  originSecret?: string;
}

/** The whole API as one Hono app, the same on Lambda and on the local host. */
export function createApp(deps: Deps, opts: AppOptions = {}) {
  const log = opts.log ?? jsonLog;
  const app = new Hono<AppEnv>().basePath('/api');
  const origin = originCheck(opts);
  if (origin) app.use(origin);
  app.use(async (c, next) => {
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
    .route('/feedback', feedbackRoutes)
    .route('/evidence', evidenceRoutes)
    .route('/verify', verifyRoutes)
    .route('/tenants', tenantRoutes)
    .route('/tenants', seminarRoutes)
    .route('/tenants', advisorRoutes)
    .route('/tenants', tenantSurveyRoutes)
    .route('/surveys', surveyRoutes)
    .route('/founders', founderRoutes)
    .route('/caseload', caseloadRoutes)
    .route('/region', regionRoutes)
    .route('/invitations', invitationRoutes)
    .route('/assignments', assignmentRoutes)
    .route('/sessions', sessionRoutes)
    .route('/plans', planRoutes)
    .route('/consultations', consultationRoutes);
  app.onError(onError(log));
  app.notFound(notFound);
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
