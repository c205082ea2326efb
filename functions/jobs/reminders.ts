import type { ServerCatalog } from '../contract/catalog.ts';
import { assignmentReminderDue, assignmentReminderMail, DEFAULT_REMINDER_RULE, reminderDue, reminderMail, type ReminderRule } from '../domain/reminders.ts';
import { japanDay } from '../domain/totals.ts';
import { claimAssignmentReminder, listOpenAssignments } from '../store/progress.ts';
import type { Db } from '../store/db.ts';
import type { Mailer } from '../store/mail.ts';
import { claimReminder, listLearnerSummaries } from '../store/summaries.ts';
import { listTenants } from '../store/tenants.ts';
import { getUser } from '../store/users.ts';

export interface JobDeps { db: Db; mailer: Mailer; clock: () => Date; catalog: () => ServerCatalog; siteUrl: string; rule?: ReminderRule }
export interface ReminderReport { tenants: number; founders: number; sent: number; failed: number; assignmentMails: number }

/**
 * The daily reminders job: every founder who has gone quiet gets one short mail, at most every `repeatDays`.
 * Reads each tenant's summaries page by page (a Query, no Scan); claims before sending, so overlapping runs never send
 * twice (a crash between claim and send loses one reminder rather than sending two).
 */
export async function runReminders(d: JobDeps): Promise<ReminderReport> {
  const now = d.clock();
  const totalLessons = d.catalog().courses.reduce((n, c) => n + c.modules.reduce((k, m) => k + m.lessons.length, 0), 0);
  const report: ReminderReport = { tenants: 0, founders: 0, sent: 0, failed: 0, assignmentMails: 0 };
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
    await remindAssignments(d, tenant, now, report);
  }
  return report;
}

/**
 * Assignments (an advisor's, the municipality's, or a make-up): one mail two days before the due day and one when it has
 * passed — each claimed on the assignment before sending, so a second run, or a run after a crash, never sends it twice.
 */
async function remindAssignments(d: JobDeps, tenant: { id: string; name: { ja: string; en: string } }, now: Date, report: ReminderReport) {
  const today = japanDay(now.toISOString());
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  for (const a of await listOpenAssignments(d.db, tenant.id, horizon)) {
    const stored = a as typeof a & { dueSoonMailedAt?: string; overdueMailedAt?: string };
    const kind = assignmentReminderDue(a.dueOn, today, { dueSoon: Boolean(stored.dueSoonMailedAt), overdue: Boolean(stored.overdueMailedAt) });
    if (!kind) continue;
    const user = await getUser(d.db, a.userId);
    if (!user || !user.emailVerifiedAt || user.remindersOff || user.deactivatedAt) continue;
    if (!(await claimAssignmentReminder(d.db, a, kind, now.toISOString()))) continue;
    const course = d.catalog().courses.find((c) => c.id === a.courseId);
    const modules = a.moduleIds.map((m) => course?.modules.find((x) => x.id === m)?.title[user.locale] ?? m);
    const from = a.source.kind === 'makeup'
      ? (user.locale === 'ja' ? `${tenant.name.ja}（補講：${a.source.sessionTitle}）` : `${tenant.name.en} (make-up of ${a.source.sessionTitle})`)
      : a.source.kind === 'advisor' ? a.source.byName : tenant.name[user.locale];
    try {
      await d.mailer.send({ to: user.email, ...assignmentReminderMail({ kind, name: user.name, locale: user.locale, modules, dueOn: a.dueOn, from, siteUrl: d.siteUrl }) });
      report.assignmentMails++;
    } catch {
      report.failed++;
    }
  }
}
