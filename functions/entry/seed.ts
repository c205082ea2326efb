// The demo region `npm start` seeds on its first run: two municipalities, their staff, an advisor who serves both,
// founders with some progress, and open enrolment codes. Everything goes through the same services the API uses.
import { createAccountWithRoles } from '../services/accounts.ts';
import type { Authenticated } from '../services/auth.ts';
import type { Deps } from '../services/deps.ts';
import { ruleFromPartial } from '../contract/eligibility.ts';
import { hashPassword } from '../services/passwords.ts';
import { putEligibilityRule } from '../store/evidence.ts';
import { recordLessonProgress } from '../services/progress.ts';
import { submitQuizAttempt } from '../services/quiz.ts';
import { rebuildAll } from '../services/totals.ts';
import { attachFounder } from '../store/caseload.ts';
import { putCohort, putEnrolmentCode, putTenant } from '../store/tenants.ts';
import { getMarker, putMarker } from '../store/meta.ts';
import { findUserIdByEmail, loadUserWithMemberships } from '../store/users.ts';
import { createSession, markAttendance, runMakeUps } from '../services/seminars.ts';
import { putSession } from '../store/seminars.ts';
import type { BusinessPlan } from '../contract/business-plan.ts';
import { loadFounder } from '../services/access.ts';
import { saveDraft, submitPlan } from '../services/plans.ts';
import { createSlot } from '../services/consultations.ts';
import type { UserRecord } from '../store/users.ts';
import { listFoundersFiltered } from '../store/summaries.ts';
import { createHash, randomBytes } from 'node:crypto';
import { Secret } from 'otpauth';
import { enableTotp, putPendingTotp } from '../store/totp.ts';
import { SURVEY_QUESTIONS_R8 } from '../contract/survey.ts';
import { fiscalYearBounds, fiscalYearOf } from '../domain/kpi.ts';
import { putSurvey, putSurveyAnswer } from '../store/surveys.ts';
import { putFeedback } from '../services/feedback.ts';

export const DEMO_PASSWORD = 'sogyo-campus-demo';

export interface DemoLogin { role: string; email: string; tenant: string }

const TENANTS = [
  { id: '271004', name: { ja: '大阪市', en: 'Osaka City' }, prefecture: '大阪府', code: 'OSAKA-2026', cohort: { id: '2026-autumn', name: '2026年度 秋の創業塾' } },
  { id: '271403', name: { ja: '堺市', en: 'Sakai City' }, prefecture: '大阪府', code: 'SAKAI-2026', cohort: { id: '2026-winter', name: '2026年度 冬の創業塾' } },
];

/**
 * Three more municipalities of the union, each with its staff member and no founders yet: the region view, the survey
 * and its report have other prefectures and municipalities that are still pending.
 */
const OTHER_TENANTS = [
  { id: '262013', name: { ja: '福知山市', en: 'Fukuchiyama City' }, prefecture: '京都府' },
  { id: '282014', name: { ja: '姫路市', en: 'Himeji City' }, prefecture: '兵庫県' },
  { id: '292010', name: { ja: '奈良市', en: 'Nara City' }, prefecture: '奈良県' },
];

const FOUNDERS = [
  { tenant: '271004', email: 'founder1@example.jp', name: '田中 美咲', lessons: 5 },
  { tenant: '271004', email: 'founder2@example.jp', name: '山本 大輔', lessons: 2 },
  { tenant: '271004', email: 'founder3@example.jp', name: '佐藤 花', lessons: 0 },
  { tenant: '271403', email: 'founder4@example.jp', name: '中村 健', lessons: 3 },
  { tenant: '271403', email: 'founder5@example.jp', name: '小林 由紀', lessons: 1 },
];

const staffEmail = (t: { name: { en: string } }) => `staff.${t.name.en.split(' ')[0]!.toLowerCase()}@example.jp`;

/**
 * The demo staff, advisor and admin sign in with two-step codes like everyone in their roles. Their TOTP secrets are
 * fixed (derived from the email), so `npm start` can print them and the README list them; the local host's
 * /dev/totp page shows their current codes for a demo without an authenticator app. A real deployment has no seed.
 */
const demoSecret = (email: string) => new Secret({ buffer: createHash('sha1').update(`sogyo-campus-demo:${email}`).digest().buffer as ArrayBuffer }).base32;
export const DEMO_TOTP: Record<string, string> = Object.fromEntries(
  [...TENANTS.map(staffEmail), ...OTHER_TENANTS.map(staffEmail), 'advisor@example.jp', 'admin@example.jp'].map((e) => [e, demoSecret(e)]),
);

async function enrolDemoTotp(deps: Deps, userId: string, email: string): Promise<void> {
  const secret = DEMO_TOTP[email]!;
  const hashes = Array.from({ length: 10 }, () => createHash('sha256').update(randomBytes(8)).digest('base64url'));
  await putPendingTotp(deps.db, userId, secret);
  await enableTotp(deps.db, userId, { secret, step: 0, recoveryHashes: hashes, at: deps.clock().toISOString() });
}

/** The logins and codes `npm start` prints; the same whether this run seeded or an earlier one did. */
export const DEMO_LOGINS: DemoLogin[] = [
  ...FOUNDERS.map((f) => ({ role: 'learner', email: f.email, tenant: TENANTS.find((t) => t.id === f.tenant)!.name.ja })),
  ...TENANTS.map((t) => ({ role: 'staff', email: staffEmail(t), tenant: t.name.ja })),
  ...OTHER_TENANTS.map((t) => ({ role: 'staff', email: staffEmail(t), tenant: t.name.ja })),
  { role: 'advisor', email: 'advisor@example.jp', tenant: TENANTS.map((t) => t.name.ja).join('・') },
  { role: 'admin', email: 'admin@example.jp', tenant: '関西広域連合' },
];
export const DEMO_CODES = TENANTS.flatMap((t) => [{ code: t.code, tenant: t.name.ja }, { code: `${t.code.split('-')[0]}-SPRING`, tenant: `${t.name.ja} 2027年春` }]);

/** True once the demo region exists in this table (a marker item). */
export async function isSeeded(deps: Deps): Promise<boolean> {
  return (await getMarker(deps.db, 'SEED')) !== undefined;
}

export async function seedDemoRegion(deps: Deps, password = DEMO_PASSWORD): Promise<void> {
  const now = deps.clock();
  // Hashed here, once: the password rules refuse the published demo password for any account made through them.
  const passwordHash = await hashPassword(password, deps.config.scrypt);
  // The municipalities joined the platform in the previous fiscal year, so last year's survey counts them.
  const joinedAt = new Date(now.getTime() - 500 * 86_400_000).toISOString();
  for (const t of OTHER_TENANTS) {
    await putTenant(deps.db, { id: t.id, name: t.name, prefecture: t.prefecture, createdAt: joinedAt });
    const staff = await createAccountWithRoles(deps, { email: staffEmail(t), name: `${t.name.ja} 創業支援担当`, passwordHash, roles: [{ tenantId: t.id, role: 'staff' }] });
    await enrolDemoTotp(deps, staff.id, staff.email);
  }
  for (const t of TENANTS) {
    await putTenant(deps.db, { id: t.id, name: t.name, prefecture: t.prefecture, createdAt: joinedAt });
    await putCohort(deps.db, { id: t.cohort.id, tenantId: t.id, name: t.cohort.name, startsOn: null });
    const expires = new Date(Date.UTC(now.getUTCFullYear() + 1, 2, 31, 15)).toISOString();
    await putEnrolmentCode(deps.db, { code: t.code, tenantId: t.id, cohortId: t.cohort.id, expiresAt: expires, maxUses: 500, uses: 0, createdAt: now.toISOString() });
    const staff = await createAccountWithRoles(deps, { email: staffEmail(t), name: `${t.name.ja} 創業支援担当`, passwordHash, roles: [{ tenantId: t.id, role: 'staff' }] });
    await enrolDemoTotp(deps, staff.id, staff.email);
  }
  const advisor = await createAccountWithRoles(deps, {
    email: 'advisor@example.jp', name: '商工会議所 経営指導員', passwordHash, roles: TENANTS.map((t) => ({ tenantId: t.id, role: 'advisor' as const })),
  });
  await enrolDemoTotp(deps, advisor.id, advisor.email);
  const admin = await createAccountWithRoles(deps, { email: 'admin@example.jp', name: '広域連合 事務局', passwordHash, admin: true, roles: [] });
  await enrolDemoTotp(deps, admin.id, admin.email);

  // Demo progress runs through the curriculum in order, course after course.
  const order = deps.catalog().courses.flatMap((c) => c.modules.flatMap((m) => m.lessons.map((l) => ({ courseId: c.id, moduleId: m.id, lessonId: l }))));
  for (const f of FOUNDERS) {
    const t = TENANTS.find((x) => x.id === f.tenant)!;
    const user = await createAccountWithRoles(deps, { email: f.email, name: f.name, passwordHash, roles: [{ tenantId: f.tenant, role: 'learner', cohortId: t.cohort.id }] });
    // The advisor follows the founders who have started studying, in both municipalities — except founder1, whom
    // Osaka's staff attach in the demo (and the browser journey of issue 11).
    if (f.lessons > 0 && f.email !== 'founder1@example.jp') await attachFounder(deps.db, { advisorId: advisor.id, tenantId: f.tenant, userId: user.id, attachedAt: now.toISOString(), attachedBy: 'seed' });
    if (f.lessons === 0) continue;
    const loaded = (await loadUserWithMemberships(deps.db, user.id))!;
    const auth: Authenticated = { ...loaded, principal: { userId: user.id, admin: false, memberships: [{ tenantId: f.tenant, role: 'learner' }], secondFactor: false }, csrfToken: '', tokenHash: '', login: { id: '', secondFactor: false } };
    for (const [i, l] of order.slice(0, f.lessons).entries()) {
      await recordLessonProgress(deps, auth, l, { eventId: `seed-${user.id}-${i}`, status: 'completed', position: 1 });
    }
    const next = order[f.lessons];
    if (next) await recordLessonProgress(deps, auth, next, { eventId: `seed-${user.id}-open`, status: 'in_progress', position: 0.4 });
  }
  await seedCrowd(deps, passwordHash, advisor.id);
  await seedSeminars(deps);
  await seedBusinessPlan(deps);
  await seedConsultationSlots(deps, advisor);
  await seedLastYearsSurvey(deps);
  // The seed goes through the same writes as the API: every total must agree with the items it summarises.
  const reports = await rebuildAll(deps.db, deps.catalog(), deps.clock());
  const wrong = reports.flatMap((r) => r.differences.map((d) => `${r.tenantId} ${d.item}.${d.field}: stored ${JSON.stringify(d.stored)}, expected ${JSON.stringify(d.expected)}`));
  if (wrong.length > 0) throw new Error(`Seeded totals disagree with their items:\n${wrong.join('\n')}`);
  await putMarker(deps.db, 'SEED', now.toISOString());
}

/**
 * Last fiscal year's survey, closed, with four of the five municipalities' answers (three "effective"): the admin's
 * trend has a year to compare with. This year's survey is not opened: the admin opens it (the demo, the browser
 * journey of issue 12).
 */
async function seedLastYearsSurvey(deps: Deps): Promise<void> {
  const fy = fiscalYearOf(deps.clock()) - 1;
  const end = Date.parse(fiscalYearBounds(fy).end);
  const opensAt = new Date(end - 59 * 86_400_000).toISOString();
  const closesAt = new Date(end - 31 * 86_400_000).toISOString();
  const at = new Date(end - 45 * 86_400_000).toISOString();
  await putSurvey(deps.db, { fiscalYear: fy, version: 1, opensAt, closesAt, questions: SURVEY_QUESTIONS_R8, updatedAt: opensAt, updatedBy: 'seed' }, null, null);
  const answers: Array<[string, boolean, number]> = [['271004', true, 4], ['271403', true, 3], ['262013', true, 4], ['282014', false, 2]];
  for (const [tenantId, effective, likert] of answers) {
    const staffId = await findUserIdByEmail(deps.db, staffEmail([...TENANTS, ...OTHER_TENANTS].find((t) => t.id === tenantId)!));
    await putSurveyAnswer(deps.db, {
      tenantId, fiscalYear: fy, surveyVersion: 1, at, firstAt: at, rev: 1, answeredBy: staffId ?? 'seed',
      answers: { effective, seminar_fit: likert, less_work: likert - 1, founder_use: likert },
    }, null);
  }
}

/**
 * A business plan handed in for review (Sakai's founder4): the advisor's caseload shows it waiting, and the plan page
 * has something to read. Written through the same services as the API.
 */
async function seedBusinessPlan(deps: Deps): Promise<void> {
  const userId = await findUserIdByEmail(deps.db, 'founder4@example.jp');
  const founder = userId ? await loadFounder(deps, userId) : undefined;
  if (!founder) throw new Error('The demo founder4 is missing');
  const plan: BusinessPlan = {
    motive: { industry: '飲食店（カフェ）', plannedStart: '2027-04', text: '堺の商店街で10年勤めたカフェの経験を生かし、地元の野菜を使った軽食と焙煎したてのコーヒーの店を開きたい。空き店舗が増える中、朝から夕方まで人が集まる場所をつくる。' },
    career: { entries: [{ period: '2015年4月〜2025年3月', description: '堺市内のカフェに勤務（店長として仕入れ・シフト・売上管理）' }], pastBusiness: 'none', qualifications: '食品衛生責任者', intellectualProperty: 'none' },
    products: { items: [{ name: 'コーヒー・ドリンク', price: '450〜650円', sharePercent: 55 }, { name: '軽食（サンドイッチ・スープ）', price: '700〜1,000円', sharePercent: 45 }], sellingPoints: '地元農家から直接仕入れる野菜、店内焙煎の豆', targetAndStrategy: '近隣の会社員と子育て世代。開店前からSNSで告知し、朝7時から営業する', competition: '駅前のチェーン店2軒。差別化は地元食材と居心地' },
    partners: { customers: [{ name: '一般個人客', location: '堺市', sharePercent: 100, creditPercent: 0, terms: '即金' }], suppliers: [{ name: '○○農園', location: '堺市', sharePercent: 40, creditPercent: 100, terms: '末日締 翌月10日支払' }] },
    staff: { employees: 2, family: 0, partTime: 2 },
    funding: {
      equipment: [{ name: '店舗内装工事', supplier: '○○工務店', amount: 3_000_000 }, { name: '焙煎機・厨房機器', supplier: '○○厨機', amount: 1_500_000 }],
      operating: [{ name: '仕入・諸経費（3か月分）', amount: 1_000_000 }],
      ownFunds: 2_000_000, jfc: 3_500_000,
    },
    outlook: {
      start: { sales: 1_200_000, costOfSales: 420_000, labour: 300_000, rent: 150_000, interest: 10_000, otherExpenses: 200_000, depreciation: 60_000, loanRepayment: 60_000 },
      stable: { sales: 1_800_000, costOfSales: 630_000, labour: 400_000, rent: 150_000, interest: 9_000, otherExpenses: 250_000, depreciation: 60_000, loanRepayment: 60_000 },
      stableFrom: '2027-10', basis: '席数20席×回転3回×客単価900円×営業日25日（創業当初は7割）',
    },
  };
  const saved = await saveDraft(deps, founder, { plan, baseVersion: 0 });
  await submitPlan(deps, founder, saved.version);
}

/** Two free consultation slots of the demo advisor next week in Osaka (in person and online), for founders to book. */
async function seedConsultationSlots(deps: Deps, advisor: UserRecord): Promise<void> {
  const auth = { user: advisor } as Authenticated;
  const day = new Date(deps.clock().getTime() + 9 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
  await createSlot(deps, auth, { tenantId: '271004', startsAt: `${day}T10:00:00+09:00`, endsAt: `${day}T11:00:00+09:00`, mode: 'in_person', place: '大阪商工会議所 3階 相談室', meetingUrl: null });
  await createSlot(deps, auth, { tenantId: '271004', startsAt: `${day}T14:00:00+09:00`, endsAt: `${day}T14:45:00+09:00`, mode: 'online', place: null, meetingUrl: 'https://meet.example.jp/sogyo-demo' });
}

/** How many more founders each municipality gets, so that the dashboards are worth looking at. */
const CROWD_PER_TENANT = 27;
const CROWD_COMMENTS = [
  '具体例が多くて分かりやすかった。', '用語の説明がもう少しほしい。', '自分の計画書にそのまま使えた。', '動画が長く感じた。要点を先にまとめてほしい。',
  '確認テストで理解が深まった。', '地域の支援制度の紹介が役に立った。',
];
const FAMILY = ['田中', '山本', '佐藤', '中村', '小林', '伊藤', '渡辺', '加藤', '吉田', '山田', '松本', '井上', '木村', '林', '清水'];
const GIVEN = ['美咲', '大輔', '花', '健', '由紀', '翔', '彩', '拓也', '葵', '陽菜', '蓮', '結衣', '悠斗', '真央'];

/** Every family × given name once, without the named demo founders: no two founders share a name (a stride spreads them). */
const CROWD_NAMES = FAMILY.flatMap((f) => GIVEN.map((g) => `${f} ${g}`)).filter((n) => !FOUNDERS.some((x) => x.name === n));

/**
 * Founders with varied progress and activity dates: joined over the last three months, some studying this week, some
 * quiet for weeks, some through several modules (quizzes passed with the catalog's answers). Each acts at its own
 * moment through the same services as the API (a clock set back), so every counter, day and week is real.
 */
async function seedCrowd(deps: Deps, passwordHash: string, advisorId: string): Promise<void> {
  const now = deps.clock().getTime();
  const day = 86_400_000;
  const catalog = deps.catalog();
  const at = (daysAgo: number): Deps => ({ ...deps, clock: () => new Date(now - daysAgo * day) });
  // Osaka lets e-learning alone count toward its 特定創業支援 rule (4 days over a month); Sakai keeps the typical rule,
  // which also needs an in-person session.
  await putEligibilityRule(deps.db, '271004', ruleFromPartial({ elearning: 'counts_alone' }), 'seed', new Date(now).toISOString());
  for (const t of TENANTS) {
    const spring = { id: '2027-spring', name: '2027年春 創業塾', startsOn: '2027-04-10', endsOn: '2027-06-26' };
    await putCohort(deps.db, { ...spring, tenantId: t.id });
    await putEnrolmentCode(deps.db, { code: DEMO_CODES.find((c) => c.code.endsWith('SPRING') && c.tenant.startsWith(t.name.ja))!.code, tenantId: t.id, cohortId: spring.id, expiresAt: new Date(Date.UTC(2027, 5, 26, 15)).toISOString(), maxUses: 40, uses: 0, createdAt: new Date(now).toISOString() });
    for (let i = 0; i < CROWD_PER_TENANT; i++) {
      const joinedDaysAgo = 90 - i * 3;
      const name = CROWD_NAMES[(((TENANTS.indexOf(t) * CROWD_PER_TENANT) + i) * 17) % CROWD_NAMES.length]!;
      const email = `demo.${t.name.en.split(' ')[0]!.toLowerCase()}.${String(i + 1).padStart(2, '0')}@example.jp`;
      const user = await createAccountWithRoles(at(joinedDaysAgo), {
        email, name, passwordHash, roles: [{ tenantId: t.id, role: 'learner', cohortId: i % 3 === 0 ? spring.id : t.cohort.id }],
      });
      if (i % 4 === 1) await attachFounder(deps.db, { advisorId, tenantId: t.id, userId: user.id, attachedAt: new Date(now).toISOString(), attachedBy: 'seed' });
      const loaded = (await loadUserWithMemberships(deps.db, user.id))!;
      const auth: Authenticated = { ...loaded, principal: { userId: user.id, admin: false, memberships: [{ tenantId: t.id, role: 'learner' }], secondFactor: false }, csrfToken: '', tokenHash: '', login: { id: '', secondFactor: false } };
      // Modules studied in curriculum order, spread from joining until the last activity.
      const all = catalog.courses.flatMap((c) => c.modules.map((m) => ({ course: c, m })));
      // Two founders per municipality went through everything; the others are somewhere on the way.
      const modules = i === 3 || i === 17 ? all : all.slice(0, i % 9);
      const lastDaysAgo = i % 5 === 4 ? Math.min(joinedDaysAgo, 40) : Math.max(0, Math.min(joinedDaysAgo, (i * 7) % 20));
      for (const [k, { course, m }] of modules.entries()) {
        const when = at(Math.round(joinedDaysAgo - ((joinedDaysAgo - lastDaysAgo) * (k + 1)) / modules.length));
        for (const l of m.lessons) await recordLessonProgress(when, auth, { courseId: course.id, moduleId: m.id, lessonId: l }, { eventId: `crowd-${user.id}-${m.id}-${l}`, status: 'completed', position: 1 });
        if (m.quiz) {
          const answers = Object.fromEntries(m.quiz.questions.map((q) => [q.id, [...q.correct]]));
          await submitQuizAttempt(when, auth, { courseId: course.id, moduleId: m.id }, { attemptId: `crowd-${user.id}-${m.id}`, version: catalog.version, answers });
        }
      }
      // Founders rate what they completed (not demo.*.02, whose first rating is the browser test's): the union's
      // module ranking has ratings and a few comments, spread so some modules rate better than others.
      if (i !== 1) {
        for (const [k, { course, m }] of modules.entries()) {
          const usefulness = 1 + ((i * 3 + k * 7 + m.id.length) % 5);
          const comment = (i + k) % 6 === 0 ? CROWD_COMMENTS[(i + k) % CROWD_COMMENTS.length] : undefined;
          await putFeedback(deps, auth, { courseId: course.id, moduleId: m.id }, { usefulness, helpedPlan: usefulness >= 3, ...(comment ? { comment } : {}) });
        }
      }
      if (modules.length === 0 && i % 2 === 0) {
        const first = catalog.courses[0]?.modules[0];
        if (first) await recordLessonProgress(at(lastDaysAgo), auth, { courseId: catalog.courses[0]!.id, moduleId: first.id, lessonId: first.lessons[0]! }, { eventId: `crowd-${user.id}-open`, status: 'in_progress', position: 0.3 });
      }
    }
  }
}

/**
 * Seminar sessions: Osaka's autumn cohort meets next week (founders see it on home and can add it to their calendar);
 * Sakai's winter cohort met three weeks ago, half of its founders were there, and the make-up job has given the others
 * the session's modules (their mails are in the outbox), so the follow-up list has something to follow up.
 */
async function seedSeminars(deps: Deps): Promise<void> {
  const now = deps.clock().getTime();
  const day = 86_400_000;
  /** An hour on the Japan day `days` from today, as an instant. */
  const jst = (days: number, hour: number) => new Date(`${new Date(now + days * day + 9 * 3_600_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+09:00`).toISOString();
  const course = deps.catalog().courses[0]!;
  const moduleOf = (prefix: string) => course.modules.find((m) => m.id.startsWith(prefix)) ?? course.modules[0]!;
  const staffOf = async (t: (typeof TENANTS)[number]): Promise<Authenticated> => {
    const loaded = (await loadUserWithMemberships(deps.db, (await findUserIdByEmail(deps.db, staffEmail(t)))!))!;
    return { ...loaded, principal: { userId: loaded.user.id, admin: false, memberships: [{ tenantId: t.id, role: 'staff' }], secondFactor: true }, csrfToken: '', tokenHash: '', login: { id: '', secondFactor: true } };
  };
  const [osaka, sakai] = TENANTS;
  const m04 = moduleOf('m04');
  await createSession(deps, await staffOf(osaka!), osaka!.id, {
    cohortId: osaka!.cohort.id, title: '第4回 開業の手続きと届出', startsAt: jst(7, 19), endsAt: jst(7, 21), place: '大阪産業創造館 6階 会議室E',
    onlineUrl: null, capacity: 40, areas: [...m04.areas], courseId: course.id, moduleIds: [m04.id],
  });
  const m02 = moduleOf('m02');
  const past = {
    id: 'demo-sakai-session-1', tenantId: sakai!.id, cohortId: sakai!.cohort.id, title: '第1回 事業計画の立て方', startsAt: jst(-21, 14), endsAt: jst(-21, 16),
    place: '堺市産業振興センター 研修室', onlineUrl: null, capacity: 30, areas: [...m02.areas], courseId: course.id, moduleIds: [m02.id],
    createdAt: new Date(now - 30 * day).toISOString(), createdBy: 'seed', followedUpAt: null, counts: { present: 0, excused: 0, absent: 0, madeUp: 0 },
    checkinSecret: randomBytes(32).toString('base64url'),
  };
  await putSession(deps.db, past);
  const atSession: Deps = { ...deps, clock: () => new Date(Date.parse(past.startsAt) + 20 * 60_000) };
  const members = (await listFoundersFiltered(deps.db, sakai!.id, { order: 'name', limit: 100, filters: { cohortId: sakai!.cohort.id } })).items;
  const present = members.filter((_, i) => i % 2 === 0).map((m) => ({ userId: m.userId, status: 'present' as const }));
  if (present.length > 0) await markAttendance(atSession, await staffOf(sakai!), sakai!.id, past.id, { marks: present });
  await runMakeUps({ ...deps, clock: () => new Date(Date.parse(past.endsAt) + 10 * 60_000) });
}
