import type { ServerCatalog } from '../contract/catalog.ts';
import { DEFAULT_REMINDER_RULE, reminderDue, reminderMail, type ReminderRule } from '../domain/reminders.ts';
import type { Db } from '../store/db.ts';
import type { Mailer } from '../store/mail.ts';
import { claimReminder, listLearnerSummaries } from '../store/summaries.ts';
import { listTenants } from '../store/tenants.ts';
import { getUser } from '../store/users.ts';

export interface JobDeps { db: Db; mailer: Mailer; clock: () => Date; catalog: () => ServerCatalog; siteUrl: string; rule?: ReminderRule }
export interface ReminderReport { tenants: number; founders: number; sent: number; failed: number }

/**
 * The daily reminders job: every founder who has gone quiet gets one short mail, at most every `repeatDays`.
 * Reads each tenant's summaries page by page (a Query, no Scan); claims before sending, so overlapping runs never send
 * twice (a crash between claim and send loses one reminder rather than sending two).
 */
export async function runReminders(d: JobDeps): Promise<ReminderReport> {
  const now = d.clock();
  const totalLessons = d.catalog().courses.reduce((n, c) => n + c.modules.reduce((k, m) => k + m.lessons.length, 0), 0);
  const report: ReminderReport = { tenants: 0, founders: 0, sent: 0, failed: 0 };
  for (const tenant of await listTenants(d.db)) {
    report.tenants++;
    let next: Record<string, unknown> | undefined;
    do {
      const page = await listLearnerSummaries(d.db, tenant.id, { limit: 100, ...(next ? { next } : {}) });
      next = page.next;
      for (const s of page.items) {
        report.founders++;
        if (!reminderDue({ ...s, totalLessons }, now, d.rule ?? DEFAULT_REMINDER_RULE)) continue;
        if (!(await claimReminder(d.db, tenant.id, s.userId, s.remindedAt, now.toISOString()))) continue;
        const user = await getUser(d.db, s.userId);
        // Only to a confirmed address, and never to someone who turned reminders off.
        if (!user || !user.emailVerifiedAt || user.remindersOff) continue;
        try {
          await d.mailer.send({ to: user.email, ...reminderMail({ name: user.name, locale: user.locale, tenantName: tenant.name[user.locale], siteUrl: d.siteUrl }) });
          report.sent++;
        } catch {
          report.failed++;
        }
      }
    } while (next);
  }
  return report;
}
