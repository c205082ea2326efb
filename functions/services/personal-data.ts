import { eraseBookings } from './consultations.ts';
import { erasePlan, planForExport } from './plans.ts';
import type { Deleted, PersonalData } from '../contract/account.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { japanDay } from '../domain/totals.ts';
import { anonymiseAuditSubject, deleteKeys, eraseIdentity, listQuizAttempts } from '../store/erasure.ts';
import { getVerificationOfUser } from '../store/evidence.ts';
import { key } from '../store/keys.ts';
import { deleteLogin, listLoginsOfUser } from '../store/logins.ts';
import { readCourseState } from '../store/progress.ts';
import { attendanceOfUser } from '../store/seminars.ts';
import { getLearnerSummary } from '../store/summaries.ts';
import { loadUserWithMemberships } from '../store/users.ts';
import { audit } from './audit.ts';
import { eraseFeedbackComments, feedbackOfUser } from './feedback.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';

/**
 * The founder's own data (個人情報保護法 第33条 開示, 第35条 利用停止・消去): everything the platform holds about a person,
 * as JSON and as a CSV a person can read in Excel; and the erasure of it.
 */
export async function collectPersonalData(deps: Deps, userId: string): Promise<PersonalData> {
  const loaded = await loadUserWithMemberships(deps.db, userId);
  if (!loaded) throw notFound('Account');
  const { user, memberships } = loaded;
  const courses = deps.catalog().courses.map((c) => c.id);
  const [states, attempts, verification, logins, feedback] = await Promise.all([
    Promise.all(courses.map(async (c) => ({ courseId: c, state: await readCourseState(deps.db, userId, c) }))),
    Promise.all(courses.map(async (c) => (await listQuizAttempts(deps.db, userId, c)).map((a) => ({ courseId: c, ...a })))),
    getVerificationOfUser(deps.db, userId),
    listLoginsOfUser(deps.db, userId),
    feedbackOfUser(deps, userId),
  ]);
  const marks = await attendanceOfUser(deps.db, userId);
  const progress: PersonalData['progress'] = [];
  for (const { courseId, state } of states) {
    for (const l of state.lessons) progress.push({ courseId, moduleId: l.moduleId, lessonId: l.lessonId, kind: 'lesson', status: l.status, at: l.completedAt ?? l.updatedAt, detail: `position ${Math.round(l.position * 100)}%` });
    for (const q of state.quizzes) progress.push({ courseId, moduleId: q.moduleId, lessonId: null, kind: 'quiz_best', status: q.passed ? 'passed' : 'not_passed', at: q.passedAt ?? q.lastAttemptAt, detail: `best ${q.bestScore}%, ${q.attempts} attempt(s)` });
    for (const m of state.modules) progress.push({ courseId, moduleId: m.moduleId, lessonId: null, kind: 'module', status: 'completed', at: m.completedAt, detail: `content version ${m.version}` });
    for (const a of state.areas) progress.push({ courseId, moduleId: '', lessonId: null, kind: 'area', status: 'covered', at: a.completedAt, detail: a.area });
    if (state.course) progress.push({ courseId, moduleId: '', lessonId: null, kind: 'course', status: 'completed', at: state.course.completedAt, detail: `content version ${state.course.version}` });
  }
  return {
    exportedAt: deps.clock().toISOString(),
    profile: {
      id: user.id, name: user.name, email: user.email, emailVerified: Boolean(user.emailVerifiedAt), locale: user.locale, createdAt: user.createdAt,
      remindersOff: user.remindersOff ?? false, twoFactor: Boolean(user.totpEnabledAt),
    },
    memberships: memberships.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenantName, role: m.role, cohortId: m.cohortId })),
    progress,
    quizAttempts: attempts.flat().map((a) => ({ courseId: a.courseId, moduleId: a.moduleId, attemptId: a.attemptId, submittedAt: a.submittedAt, score: a.score, passed: a.passed })),
    evidence: { verificationCode: verification?.code ?? null, issuedAt: verification?.createdAt ?? null },
    assignments: states.flatMap(({ courseId, state }) => state.assignments.map((a) => ({
      courseId, moduleIds: a.moduleIds, dueOn: a.dueOn, note: a.note, from: a.source.kind === 'makeup' ? `make-up: ${a.source.sessionTitle}` : `${a.source.kind}: ${a.source.byName}`,
      createdAt: a.createdAt, completedAt: a.completedAt,
    }))),
    attendance: marks.map((m) => ({ sessionId: m.sessionId, title: m.sessionTitle, status: m.status, at: m.sessionStartsAt, madeUpAt: m.madeUpAt ?? null })),
    feedback: feedback.map((f) => ({
      courseId: f.courseId, moduleId: f.moduleId, version: f.version, usefulness: f.usefulness, helpedPlan: f.helpedPlan,
      comment: f.comment ?? null, answeredAt: f.answeredAt, updatedAt: f.updatedAt,
    })),
    businessPlan: await planForExport(deps, userId),
    logins: logins.map((l) => ({ device: l.device ?? 'Unknown device', createdAt: l.createdAt, lastSeenAt: l.lastSeenAt })),
  };
}

/** The same data as one readable table: section, item, date (Japan time), detail — UTF-8 with BOM and CRLF for Excel. */
export async function personalDataCsv(data: PersonalData, locale: 'ja' | 'en'): Promise<string> {
  const { stringify } = await import('csv-stringify/sync');
  const ja = locale === 'ja';
  const day = (iso: string | null) => (iso ? `${japanDay(iso)} ${new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(11, 16)}` : '');
  const rows: string[][] = [ja ? ['区分', '項目', '日時（日本時間）', '内容'] : ['Section', 'Item', 'Date (Japan time)', 'Detail']];
  const p = data.profile;
  rows.push(
    [ja ? 'プロフィール' : 'Profile', ja ? '氏名' : 'Name', '', p.name],
    [ja ? 'プロフィール' : 'Profile', ja ? 'メールアドレス' : 'Email', '', `${p.email}${p.emailVerified ? '' : ja ? '（未確認）' : ' (unconfirmed)'}`],
    [ja ? 'プロフィール' : 'Profile', ja ? '登録日' : 'Joined', day(p.createdAt), ''],
    [ja ? 'プロフィール' : 'Profile', ja ? '言語' : 'Language', '', p.locale],
    [ja ? 'プロフィール' : 'Profile', ja ? '学習リマインダー' : 'Reminder mails', '', p.remindersOff ? (ja ? '停止' : 'off') : (ja ? '受け取る' : 'on')],
    [ja ? 'プロフィール' : 'Profile', ja ? '2段階認証' : 'Two-step sign-in', '', p.twoFactor ? (ja ? '有効' : 'on') : (ja ? '無効' : 'off')],
  );
  for (const m of data.memberships) rows.push([ja ? '所属' : 'Membership', m.tenantName[locale], '', `${m.role}${m.cohortId ? ` / ${m.cohortId}` : ''}`]);
  for (const e of data.progress) rows.push([ja ? '学習の記録' : 'Progress', [e.courseId, e.moduleId, e.lessonId].filter(Boolean).join(' / '), day(e.at), `${e.kind}: ${e.status} (${e.detail})`]);
  for (const a of data.quizAttempts) rows.push([ja ? '確認テストの解答' : 'Quiz attempt', `${a.courseId} / ${a.moduleId}`, day(a.submittedAt), `${a.score}% ${a.passed ? (ja ? '合格' : 'passed') : (ja ? '不合格' : 'not passed')}`]);
  if (data.evidence.verificationCode) rows.push([ja ? '受講証明' : 'Evidence record', ja ? '確認コード' : 'Verification code', day(data.evidence.issuedAt), data.evidence.verificationCode]);
  for (const a of data.assignments) rows.push([ja ? '課題' : 'Assignment', `${a.courseId} / ${a.moduleIds.join(', ')}`, day(a.createdAt), `${ja ? '期限' : 'due'} ${a.dueOn}${a.completedAt ? (ja ? '・完了' : ', done') : ''} (${a.from})${a.note ? ` ${a.note}` : ''}`]);
  const STATUS = { present: ja ? '出席' : 'present', excused: ja ? '欠席連絡' : 'excused', absent: ja ? '欠席' : 'absent' } as Record<string, string>;
  for (const a of data.attendance) rows.push([ja ? '講座の出欠' : 'Seminar session', a.title, day(a.at), `${STATUS[a.status] ?? a.status}${a.madeUpAt ? (ja ? `・補講修了 ${day(a.madeUpAt)}` : `, made up ${day(a.madeUpAt)}`) : ''}`]);
  for (const f of data.feedback) {
    rows.push([ja ? '単元の評価' : 'Module feedback', `${f.courseId} / ${f.moduleId}`, day(f.updatedAt),
      `${f.usefulness} / 5, ${ja ? '事業計画に' : 'business plan: '}${f.helpedPlan ? (ja ? '役立った' : 'helped') : (ja ? '役立たなかった' : 'did not help')}${f.comment ? ` — ${f.comment}` : ''}`]);
  }
  const plan = data.businessPlan;
  if (plan.version > 0) rows.push([ja ? '創業計画書' : 'Business plan', ja ? `第${plan.version}版` : `version ${plan.version}`, '', JSON.stringify(plan.plan)]);
  for (const c of plan.comments) rows.push([ja ? '創業計画書へのコメント' : 'Business plan comment', `${c.section} (v${c.version}) ${c.authorName}`, day(c.createdAt), c.text]);
  for (const a of plan.attachments) rows.push([ja ? '創業計画書の添付' : 'Business plan file', a.fileName, day(a.uploadedAt), `${a.size} bytes`]);
  for (const l of data.logins) rows.push([ja ? 'ログイン中の端末' : 'Signed-in device', l.device, day(l.createdAt), `${ja ? '最終利用' : 'last seen'} ${day(l.lastSeenAt)}`]);
  return stringify(rows, { bom: true, record_delimiter: 'windows' });
}

export const exportFileName = (userId: string, ext: 'json' | 'csv', now: Date) => `sogyo-campus-data-${userId}-${japanDay(now.toISOString())}.${ext}`;

/**
 * Deletes an account at the person's (or, on their request, their municipality's) request. The identity goes at once
 * in one transaction (store/erasure.eraseIdentity); then the rest: quiz answers, signed-in browsers, advisor
 * caseload entries, the comments of their module feedback (the ratings stay as counts), and the name in audit entries
 * about them. Municipality counts stay as anonymous counts.
 */
export async function eraseAccount(deps: Deps, userId: string, actor: Authenticated | null): Promise<Deleted> {
  const loaded = await loadUserWithMemberships(deps.db, userId);
  if (!loaded) throw notFound('Account');
  const { user, memberships } = loaded;
  if (user.admin || memberships.some((m) => m.role !== 'learner')) {
    throw new DomainError('forbidden', 'Accounts of staff, advisors and admins are closed by the union, not deleted here');
  }
  const at = deps.clock().toISOString();
  const [verification, summary] = await Promise.all([
    getVerificationOfUser(deps.db, userId),
    user.learnerTenantId ? getLearnerSummary(deps.db, user.learnerTenantId, userId) : undefined,
  ]);
  await eraseIdentity(deps.db, { user, memberships, verificationCode: verification?.code ?? null, at });
  const courses = deps.catalog().courses.map((c) => c.id);
  const attempts = (await Promise.all(courses.map((c) => listQuizAttempts(deps.db, userId, c)))).flatMap((list, i) => list.map((a) => ({ pk: `ATTEMPTS#${userId}#${courses[i]}`, sk: a.sk })));
  // Assignments carry notes written about the person: they go too (the counts do not depend on them).
  const assignments = (await Promise.all(courses.map((c) => readCourseState(deps.db, userId, c)))).flatMap((s, i) => s.assignments.map((a) => key.assignment(userId, courses[i]!, a.id)));
  const cases = (summary?.advisorIds ?? []).map((a) => key.caseEntry(a, user.learnerTenantId!, userId));
  await deleteKeys(deps.db, [...attempts, ...cases, ...assignments]);
  // The business plan, its comments and its files (S3 objects first, then the items).
  await erasePlan(deps, userId);
  // Consultations: every booking is cancelled, so future slots are free again and no slot keeps the name or the note.
  await eraseBookings(deps, userId);
  await Promise.all((await listLoginsOfUser(deps.db, userId)).map((l) => deleteLogin(deps.db, l.tokenHash)));
  await eraseFeedbackComments(deps, userId);
  if (user.learnerTenantId) {
    await anonymiseAuditSubject(deps.db, user.learnerTenantId, userId);
    const entry = { tenantId: user.learnerTenantId, action: actor && actor.user.id !== userId ? 'founder.erase' : 'account.erase', subjectId: userId };
    if (actor && actor.user.id !== userId) await audit(deps, actor, entry);
    else {
      const { putAudit } = await import('../store/audit.ts');
      await putAudit(deps.db, { ...entry, at, actorId: userId });
    }
  }
  return { deleted: true, deletedAt: at };
}
