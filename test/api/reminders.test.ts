import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runReminders } from '../../functions/jobs/reminders.ts';
import { outboxMailer, sesMailer } from '../../functions/store/mail.ts';
import { testApp, testClock, testDeps } from '../fixtures/deps.ts';
import { anAccount, aTenant, PASSWORD } from '../fixtures/factories.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('the daily reminders job', () => {
  it('mails founders who went quiet, once per fortnight, in their language, to an inspectable outbox', async () => {
    const clock = testClock('2026-11-01T00:00:00.000Z');
    const { deps } = await testDeps({ clock });
    await aTenant(deps);
    await aTenant(deps, '271403', { ja: '堺市', en: 'Sakai City' });
    await anAccount(deps, { email: 'quiet@example.jp', name: '静か 花子', roles: [{ tenantId: '271004', role: 'learner' }] });
    await anAccount(deps, { email: 'quiet-en@example.jp', name: 'Ken Quiet', locale: 'en', roles: [{ tenantId: '271403', role: 'learner' }] });
    await anAccount(deps, { email: 'busy@example.jp', roles: [{ tenantId: '271004', role: 'learner' }] });
    await anAccount(deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
    clock.set('2026-11-09T23:50:00.000Z');
    const busy = testApp(deps).client();
    await busy.post('/api/auth/signin', { email: 'busy@example.jp', password: PASSWORD });
    await busy.put('/api/progress/kiso/m1/l1', { eventId: 'evt-busy-00001', status: 'completed' });
    clock.set('2026-11-10T00:00:00.000Z');

    const dir = mkdtempSync(join(tmpdir(), 'sogyo-outbox-'));
    dirs.push(dir);
    const mailer = outboxMailer(dir, 'no-reply@campus.example.jp');
    const job = { db: deps.db, mailer, clock: clock.now, catalog: deps.catalog, siteUrl: 'https://campus.example.jp' };
    expect(await runReminders(job)).toEqual({ tenants: 2, founders: 3, sent: 2, failed: 0, assignmentMails: 0 });
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['quiet-en@example.jp', 'quiet@example.jp']);
    expect(mailer.sent.find((m) => m.to === 'quiet@example.jp')).toMatchObject({ subject: '【創業キャンパス】学習の続きはいかがですか', text: expect.stringContaining('静か 花子 様') });
    expect(mailer.sent.find((m) => m.to === 'quiet-en@example.jp')!.text).toContain('Sakai City');
    const files = readdirSync(dir);
    expect(files).toHaveLength(2);
    expect(readFileSync(join(dir, files[0]!), 'utf8')).toMatch(/^From: no-reply@campus\.example\.jp\r\nTo: /);

    // The same day again: nothing. Ten days on: still within the fortnight. Fifteen days on: again.
    expect((await runReminders(job)).sent).toBe(0);
    clock.set('2026-11-20T00:00:00.000Z');
    expect((await runReminders(job)).sent).toBe(1); // busy has now been quiet for 10 days
    clock.set('2026-11-25T00:00:00.000Z');
    expect((await runReminders(job)).sent).toBe(2);
  });

  it('never sends twice when two runs overlap', async () => {
    const clock = testClock('2026-11-01T00:00:00.000Z');
    const { deps } = await testDeps({ clock });
    await aTenant(deps);
    for (let i = 0; i < 5; i++) await anAccount(deps, { email: `f${i}@example.jp`, roles: [{ tenantId: '271004', role: 'learner' }] });
    clock.set('2026-11-20T00:00:00.000Z');
    const dir = mkdtempSync(join(tmpdir(), 'sogyo-outbox-'));
    dirs.push(dir);
    const mailer = outboxMailer(dir, 'no-reply@campus.example.jp');
    const job = { db: deps.db, mailer, clock: clock.now, catalog: deps.catalog, siteUrl: 'https://campus.example.jp' };
    const [a, b] = await Promise.all([runReminders(job), runReminders(job)]);
    expect(a.sent + b.sent).toBe(5);
    expect(mailer.sent).toHaveLength(5);
  });
});

describe('the SES transport', () => {
  it('sends from the configured identity with UTF-8 subject and body', async () => {
    const inputs: unknown[] = [];
    const mailer = sesMailer('no-reply@campus.example.jp', { send: async (cmd: { input: unknown }) => { inputs.push(cmd.input); return {}; } } as never);
    await mailer.send({ to: 'founder@example.jp', subject: '件名', text: '本文' });
    expect(inputs).toEqual([{
      FromEmailAddress: 'no-reply@campus.example.jp', Destination: { ToAddresses: ['founder@example.jp'] },
      Content: { Simple: { Subject: { Data: '件名', Charset: 'UTF-8' }, Body: { Text: { Data: '本文', Charset: 'UTF-8' } } } },
    }]);
  });
});

describe('assignment reminders (issue 11)', () => {
  it('one mail two days before the due day and one when it is overdue, never twice: two runs at once, a crash after the claim', async () => {
    const clock = testClock('2026-12-01T00:00:00.000Z');
    const { deps } = await testDeps({ clock });
    await aTenant(deps);
    const f = await anAccount(deps, { email: 'assigned@example.jp', name: '課題 一郎', roles: [{ tenantId: '271004', role: 'learner' }] });
    await anAccount(deps, { email: 'adv@example.jp', name: '指導員 花子', roles: [{ tenantId: '271004', role: 'advisor' }] });
    const { attachFounder } = await import('../../functions/store/caseload.ts');
    const { loginAs } = await import('../fixtures/deps.ts');
    const app = testApp(deps);
    const advisor = app.client();
    await loginAs(deps, advisor, 'adv@example.jp');
    const advisorId = (await advisor.get('/api/me')).body.user.id;
    await attachFounder(deps.db, { advisorId, tenantId: '271004', userId: f.id, attachedAt: clock.now().toISOString(), attachedBy: 'test' });
    expect((await advisor.post(`/api/founders/${f.id}/assignments`, { courseId: 'kiso', moduleIds: ['m2'], dueOn: '2026-12-05' })).status).toBe(201);

    const mailer = { sent: [] as Array<{ to: string; subject: string; text: string }>, async send(m: { to: string; subject: string; text: string }) { this.sent.push(m); } };
    const job = { db: deps.db, mailer, clock: clock.now, catalog: deps.catalog, siteUrl: 'https://campus.example.jp' };
    const mine = () => mailer.sent.filter((m) => m.to === 'assigned@example.jp');
    // Three days ahead: nothing yet.
    clock.set('2026-12-02T00:00:00.000Z');
    await runReminders(job);
    expect(mine()).toHaveLength(0);
    // Tomorrow: one "due soon", also when two runs overlap.
    clock.set('2026-12-04T00:00:00.000Z');
    const [a, b] = await Promise.all([runReminders(job), runReminders(job)]);
    expect(a.assignmentMails + b.assignmentMails).toBe(1);
    expect(mine()[0]).toMatchObject({ subject: '【創業キャンパス】課題の期限が近づいています（2026-12-05）', text: expect.stringContaining('指導員 花子からの課題は2026-12-05が期限です') });
    expect(mine()[0]!.text).toContain('・資金計画');
    // Overdue: one more, then never again — also after a run that died between its claim and its send.
    clock.set('2026-12-06T00:00:00.000Z');
    const dying = { ...job, mailer: { async send() { throw new Error('Lambda timed out'); } } };
    expect((await runReminders(dying)).failed).toBe(1);
    expect((await runReminders(job)).assignmentMails).toBe(0);
    expect(mine()).toHaveLength(1);
    clock.set('2026-12-08T00:00:00.000Z');
    expect((await runReminders(job)).assignmentMails).toBe(0);
  });
});
