// Scheduled jobs on AWS Lambda, invoked daily by EventBridge.
import { Logger } from '@aws-lambda-powertools/logger';
import { loadServerCatalog } from '../catalog/loader.ts';
import { runReminders } from '../jobs/reminders.ts';
import { requireEnv } from '../store/config.ts';
import { createDb } from '../store/db.ts';
import { sesMailer } from '../store/mail.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sogyo-jobs' });
const catalog = loadServerCatalog(requireEnv('CATALOG_FILE'));
const db = createDb({ table: requireEnv('TABLE_NAME') });
const mailer = sesMailer(requireEnv('MAIL_FROM'));

export async function handler(): Promise<void> {
  const report = await runReminders({ db, mailer, clock: () => new Date(), catalog: () => catalog, siteUrl: requireEnv('APP_ORIGIN') });
  logger.info('reminders', { ...report });
  if (report.failed > 0) throw new Error(`${report.failed} reminder(s) could not be sent`);
}
