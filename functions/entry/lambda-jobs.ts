// Scheduled jobs on AWS Lambda, invoked by EventBridge: the daily reminders, and the make-ups of seminar sessions that
// have ended (every 15 minutes). The rule's input names the job.
import { Logger } from '@aws-lambda-powertools/logger';
import { loadServerCatalog } from '../catalog/loader.ts';
import { runReminders } from '../jobs/reminders.ts';
import type { Deps } from '../services/deps.ts';
import { remindConsultations } from '../services/consultations.ts';
import { remindSurveys } from '../services/surveys.ts';
import { runMakeUps } from '../services/seminars.ts';
import { requireEnv } from '../store/config.ts';
import { createDb } from '../store/db.ts';
import { sesMailer } from '../store/mail.ts';
import { configFromEnv } from './config.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sogyo-jobs' });
const catalog = loadServerCatalog(requireEnv('CATALOG_FILE'));
const db = createDb({ table: requireEnv('TABLE_NAME') });
const mailer = sesMailer(requireEnv('MAIL_FROM'));
const origin = requireEnv('APP_ORIGIN');
const deps: Deps = { db, mailer, clock: () => new Date(), catalog: () => catalog, siteUrl: origin, config: configFromEnv(process.env, { secureCookies: true, allowedOrigins: [origin] }) };

export async function handler(event: { job?: string } = {}): Promise<void> {
  if (event.job === 'makeups') {
    const report = await runMakeUps(deps);
    logger.info('makeups', { ...report });
    // Failed mails were given back and are retried by the next run; the alarm on errors tells a person when they persist.
    if (report.failed > 0) throw new Error(`${report.failed} make-up mail(s) could not be sent`);
    return;
  }
  const report = await runReminders({ db, mailer, clock: () => new Date(), catalog: () => catalog, siteUrl: origin });
  // Consultations tomorrow: one mail to the founder and one to the advisor, claimed on the slot first.
  const consultationMails = await remindConsultations(deps);
  // The union's yearly survey: municipalities that have not answered, once per reminder point (claimed first).
  const surveys = await remindSurveys(deps);
  logger.info('reminders', { ...report, consultationMails, surveyReminders: surveys.reminded });
  if (report.failed > 0) throw new Error(`${report.failed} reminder(s) could not be sent`);
}
