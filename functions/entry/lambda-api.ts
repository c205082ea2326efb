// The API on AWS Lambda (API Gateway HTTP API v2 / function URL events). Only this host differs from local.ts:
// the app, services and store are the same code.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '../api/app.ts';
import { loadServerCatalog } from '../catalog/loader.ts';
import type { Deps } from '../services/deps.ts';
import { requireEnv } from '../store/config.ts';
import { createDb } from '../store/db.ts';
import { awsFiles } from '../store/files.ts';
import { sesMailer } from '../store/mail.ts';
import { configFromEnv } from './config.ts';

if (process.env.SCRYPT_LOG2N) throw new Error('SCRYPT_LOG2N lowers password hashing cost and is for tests only');

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sogyo-api' });
const catalog = loadServerCatalog(requireEnv('CATALOG_FILE'));
const origins = requireEnv('APP_ORIGIN').split(',').map((s) => s.trim());
const deps: Deps = {
  db: createDb({ table: requireEnv('TABLE_NAME') }),
  clock: () => new Date(),
  catalog: () => catalog,
  config: configFromEnv(process.env, { secureCookies: true, allowedOrigins: origins }),
  // Account mails (invitations, password resets, address confirmations) leave through SES from the verified sender.
  mailer: sesMailer(requireEnv('MAIL_FROM')),
  siteUrl: origins[0]!,
  // Business-plan attachments: presigned POSTs and GETs on the uploads bucket, signed with the function's role.
  files: awsFiles(requireEnv('UPLOADS_BUCKET'), requireEnv('AWS_REGION')),
};

/**
 * The caller's address for sign-in throttling. CloudFront sets CloudFront-Viewer-Address (ip:port) and overwrites
 * any value a client sends; X-Origin-Verify guarantees the request came through CloudFront. Without the header the API
 * Gateway source address is used.
 */
function clientAddress(c: Context): string {
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.slice(0, viewer.lastIndexOf(':')) || viewer;
  const event = (c.env as { event?: Extract<LambdaEvent, { rawPath: string }> } | undefined)?.event;
  return event?.requestContext?.http?.sourceIp ?? 'unknown';
}

/**
 * The X-Origin-Verify values CloudFront may send: the current one, and during a rotation the other one too
 * (docs/deploying.md). CloudFormation resolves both from Secrets Manager when it deploys the function, so a cold start
 * makes no Secrets Manager call and the role needs no access to the secrets.
 */
const originSecrets = [requireEnv('ORIGIN_VERIFY_SECRET'), process.env.ORIGIN_VERIFY_SECRET_ROTATING].filter((s): s is string => !!s);

const app = createApp(deps, {
  clientAddress,
  originSecrets,
  log: (level, message, extra) => logger[level](message, extra ?? {}),
});

export const handler = handle(app);
