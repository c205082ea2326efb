import {
  answerFits, type KpiView, SURVEY_QUESTIONS_R8, type SurveyAnswerBody, SurveyDefinition, type SurveyList, type SurveyView, type SurveyWindowBody, type TenantSurvey,
} from '../contract/survey.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { computeKpi, countingAnswers, fiscalYearLabel, fiscalYearOf, KPI_TARGET, type KpiMunicipality, kpiTrend } from '../domain/kpi.ts';
import { surveyReminderMail } from '../domain/mails.ts';
import { dueSurveyReminder, reviseSurvey, surveyState } from '../domain/region.ts';
import { japanDay } from '../domain/totals.ts';
import { listRoleHolderIds } from '../store/caseload.ts';
import {
  claimSurveyReminder, getSurvey, getSurveyAnswer, listSurveyAnswers, listSurveys, putSurvey, putSurveyAnswer, releaseSurveyReminder, type StoredSurvey,
} from '../store/surveys.ts';
import { listTenants, type TenantRecord } from '../store/tenants.ts';
import { getUser } from '../store/users.ts';
import { audit } from './audit.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';

// The union's yearly survey (issue 12, points 2 and 3): the admin opens a fiscal year's survey with its window, each
// municipality's staff answer once (changeable until it closes), the KPI is computed live from the answers by the
// rules of functions/domain/kpi.ts, and the jobs remind municipalities that have not answered.

const surveyClosed = (s: StoredSurvey, now: Date) => new DomainError('survey_closed', surveyState(s, now) === 'scheduled'
  ? `The ${fiscalYearLabel(s.fiscalYear).en} survey opens on ${japanDay(s.opensAt)}`
  : `The ${fiscalYearLabel(s.fiscalYear).en} survey closed on ${japanDay(new Date(Date.parse(s.closesAt) - 1).toISOString())}; answers can no longer be given or changed`);

export function viewOf(s: SurveyDefinition, now: Date): SurveyView {
  return {
    fiscalYear: s.fiscalYear, label: fiscalYearLabel(s.fiscalYear), version: s.version, opensAt: s.opensAt, closesAt: s.closesAt,
    state: surveyState(s, now), questions: s.questions,
  };
}

const definitionOf = (s: StoredSurvey): SurveyDefinition => ({ fiscalYear: s.fiscalYear, version: s.version, opensAt: s.opensAt, closesAt: s.closesAt, questions: s.questions });
const municipalitiesOf = (tenants: readonly TenantRecord[]): KpiMunicipality[] => tenants.map((t) => ({ tenantId: t.id, prefecture: t.prefecture, joinedAt: t.createdAt }));

/** Every year's survey with its KPI, and the trend across years (admin): 1 Query of surveys, 1 of tenants, 1 per year. */
export async function surveyList(deps: Deps): Promise<SurveyList> {
  const now = deps.clock();
  const [surveys, tenants] = await Promise.all([listSurveys(deps.db), listTenants(deps.db)]);
  const answers = (await Promise.all(surveys.map((s) => listSurveyAnswers(deps.db, s.fiscalYear)))).flat();
  const municipalities = municipalitiesOf(tenants);
  const fy = fiscalYearOf(now);
  return {
    surveys: surveys.map((s) => {
      const { byPrefecture: _b, municipalities: _m, fiscalYear: _f, label: _l, surveyVersion: _v, ...counts } = computeKpi(municipalities, answers.filter((a) => a.fiscalYear === s.fiscalYear), definitionOf(s));
      return { survey: viewOf(s, now), ...counts };
    }).reverse(),
    trend: kpiTrend(municipalities, answers, surveys.map(definitionOf)),
    currentFiscalYear: fy, currentLabel: fiscalYearLabel(fy),
  };
}

/**
 * The admin opens a fiscal year's survey, or changes its window or questions. Questions default to the year's own (when
 * changing the window), then the previous year's, then the 令和8年度 set. Changing the questions makes a new version;
 * the key question keeps its id (docs/kpi.md).
 */
export async function openSurvey(deps: Deps, auth: Authenticated, fiscalYear: number, body: SurveyWindowBody): Promise<SurveyView> {
  const now = deps.clock();
  if (fiscalYear > fiscalYearOf(now) + 1) throw invalid(`A survey can be opened for this fiscal year or the next, not ${fiscalYearLabel(fiscalYear).en}`, { fiscalYear: 'this fiscal year or the next' });
  const prev = await getSurvey(deps.db, fiscalYear);
  const earlier = prev ? undefined : (await listSurveys(deps.db)).filter((s) => s.fiscalYear < fiscalYear).at(-1);
  const questions = body.questions ?? prev?.questions ?? earlier?.questions ?? SURVEY_QUESTIONS_R8;
  const checked = SurveyDefinition.safeParse({ fiscalYear, version: prev?.version ?? 1, opensAt: body.opensAt, closesAt: body.closesAt, questions });
  if (!checked.success) {
    const fields = Object.fromEntries(checked.error.issues.map((i) => [i.path.join('.') || 'questions', i.message]));
    throw invalid('The survey is not valid', fields);
  }
  const r = reviseSurvey(prev && definitionOf(prev), { fiscalYear, opensAt: body.opensAt, closesAt: body.closesAt, questions });
  if (!r.ok) throw invalid('The key question 「創業支援に有効であった」 must keep its id within a year: the KPI reads every answer of the year by it', { questions: 'the key question id changed' });
  const stored: StoredSurvey = { ...r.survey, updatedAt: now.toISOString(), updatedBy: auth.user.id };
  if (!(await putSurvey(deps.db, stored, prev?.version ?? null, prev?.updatedAt ?? null))) {
    throw new DomainError('conflict', 'The survey was changed by someone else at the same time; please reload and try again', undefined, 1);
  }
  return viewOf(stored, now);
}

async function surveyOrThrow(deps: Deps, fiscalYear: number): Promise<StoredSurvey> {
  const s = await getSurvey(deps.db, fiscalYear);
  if (!s) throw notFound(`The ${fiscalYearLabel(fiscalYear).en} survey`);
  return s;
}

/** A year's KPI against the 80 % line, by prefecture, each municipality's status, the Likert means and the trend (admin). */
export async function kpiView(deps: Deps, fiscalYear: number): Promise<KpiView> {
  const now = deps.clock();
  const [s, tenants, surveys] = await Promise.all([surveyOrThrow(deps, fiscalYear), listTenants(deps.db), listSurveys(deps.db)]);
  const years = await Promise.all(surveys.map(async (x) => ({ fy: x.fiscalYear, answers: await listSurveyAnswers(deps.db, x.fiscalYear) })));
  const answers = years.find((y) => y.fy === fiscalYear)?.answers ?? [];
  const municipalities = municipalitiesOf(tenants);
  const k = computeKpi(municipalities, answers, definitionOf(s));
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  // The answers that count (latest inside the window, of an expected municipality) feed the Likert means and comments.
  const counting = countingAnswers(answers, definitionOf(s));
  const expected = new Set(k.municipalities.map((m) => m.tenantId));
  const used = answers.filter((a) => expected.has(a.tenantId) && counting.get(a.tenantId)?.at === a.at);
  const unknownName = (id: string) => ({ ja: id, en: id });
  return {
    asOf: now.toISOString(), survey: viewOf(s, now), target: KPI_TARGET.numerator / KPI_TARGET.denominator,
    expected: k.expected, responded: k.responded, effective: k.effective, notEffective: k.notEffective, pending: k.pending,
    effectiveShare: k.effectiveShare, responseRate: k.responseRate, meetsTarget: k.meetsTarget,
    byPrefecture: k.byPrefecture,
    municipalities: k.municipalities.map((m) => ({ ...m, name: names.get(m.tenantId) ?? unknownName(m.tenantId) }))
      .sort((a, b) => a.prefecture.localeCompare(b.prefecture) || a.tenantId.localeCompare(b.tenantId)),
    likert: s.questions.filter((q) => q.kind === 'likert5').map((q) => {
      const v = used.map((a) => a.answers[q.id]).filter((x): x is number => typeof x === 'number');
      return { questionId: q.id, text: q.text, mean: v.length > 0 ? v.reduce((n, x) => n + x, 0) / v.length : null, n: v.length };
    }),
    comments: s.questions.filter((q) => q.kind === 'free_text').flatMap((q) => used.flatMap((a) => {
      const t = a.answers[q.id];
      return typeof t === 'string' && t.trim() !== '' ? [{ tenantId: a.tenantId, name: names.get(a.tenantId) ?? unknownName(a.tenantId), questionId: q.id, text: t.trim() }] : [];
    })),
    trend: kpiTrend(municipalities, years.flatMap((y) => y.answers), surveys.map(definitionOf)),
  };
}

/**
 * The survey a municipality's staff see: the one open now; otherwise the most recent one that has opened (closed: its
 * answer is shown, read-only), otherwise one scheduled. With the municipality's answer to it.
 */
export async function tenantSurvey(deps: Deps, tenantId: string): Promise<TenantSurvey> {
  const now = deps.clock();
  const surveys = await listSurveys(deps.db);
  const pick = surveys.filter((s) => surveyState(s, now) === 'open').at(-1)
    ?? surveys.filter((s) => surveyState(s, now) === 'closed').at(-1)
    ?? surveys.filter((s) => surveyState(s, now) === 'scheduled')[0];
  if (!pick) return { survey: null, answer: null };
  const a = await getSurveyAnswer(deps.db, tenantId, pick.fiscalYear);
  const by = a ? await getUser(deps.db, a.answeredBy) : undefined;
  return {
    survey: viewOf(pick, now),
    answer: a ? { surveyVersion: a.surveyVersion, answers: a.answers, at: a.at, firstAt: a.firstAt, answeredByName: by?.name ?? '' } : null,
  };
}

/**
 * A municipality's answer: only while the window is open, to the survey's current version, every required question
 * answered in its kind; it replaces the municipality's previous answer (one per year). Audited.
 */
export async function answerSurvey(deps: Deps, auth: Authenticated, tenantId: string, fiscalYear: number, body: SurveyAnswerBody): Promise<TenantSurvey> {
  const now = deps.clock();
  const s = await surveyOrThrow(deps, fiscalYear);
  if (surveyState(s, now) !== 'open') throw surveyClosed(s, now);
  if (body.surveyVersion !== s.version) throw new DomainError('survey_changed', 'The union changed the survey\'s questions while you were answering; please reload and answer again');
  const fields: Record<string, string> = {};
  const known = new Set(s.questions.map((q) => q.id));
  for (const id of Object.keys(body.answers)) if (!known.has(id)) fields[`answers.${id}`] = 'not a question of this survey';
  for (const q of s.questions) {
    const v = body.answers[q.id];
    if (!answerFits(q, typeof v === 'string' ? v.trim() : v)) fields[`answers.${q.id}`] = v === undefined || v === '' ? 'required' : `a ${q.kind === 'yes_no' ? 'yes or no' : q.kind === 'likert5' ? 'whole number 1–5' : 'text'} answer`;
  }
  if (Object.keys(fields).length > 0) throw invalid('Some answers are missing or not valid', fields);
  const answers = Object.fromEntries(s.questions.flatMap((q) => {
    const v = body.answers[q.id];
    if (v === undefined) return [];
    const t = typeof v === 'string' ? v.trim() : v;
    return t === '' ? [] : [[q.id, t]];
  }));
  const prev = await getSurveyAnswer(deps.db, tenantId, fiscalYear);
  const at = now.toISOString();
  const ok = await putSurveyAnswer(deps.db, {
    tenantId, fiscalYear, surveyVersion: s.version, at, answers, answeredBy: auth.user.id, firstAt: prev?.firstAt ?? at, rev: (prev?.rev ?? 0) + 1,
  }, prev?.rev ?? null);
  if (!ok) throw new DomainError('conflict', 'Someone else in your municipality answered at the same time; please reload and check the answer', undefined, 1);
  const key = s.questions.find((q) => q.key)!;
  await audit(deps, auth, { tenantId, action: prev ? 'survey.change' : 'survey.answer', detail: { fiscalYear, version: s.version, [key.id]: answers[key.id] } });
  return tenantSurvey(deps, tenantId);
}

/**
 * The jobs' survey step: for every open survey whose reminder point has passed, each expected municipality without an
 * answer is reminded once per point (the claim), by a mail to each of its staff. A failed send gives the claim back,
 * so the next run tries again; a municipality without staff yet is skipped (and reminded at the next point).
 */
export async function remindSurveys(deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'siteUrl'>): Promise<{ reminded: number }> {
  const now = deps.clock();
  let reminded = 0;
  for (const s of await listSurveys(deps.db)) {
    const due = dueSurveyReminder(s, now);
    if (!due) continue;
    const [tenants, answers] = await Promise.all([listTenants(deps.db), listSurveyAnswers(deps.db, s.fiscalYear)]);
    const answered = new Set(answers.map((a) => a.tenantId));
    const label = fiscalYearLabel(s.fiscalYear);
    const closesOn = japanDay(new Date(Date.parse(s.closesAt) - 1).toISOString());
    for (const t of tenants) {
      if (answered.has(t.id) || Date.parse(t.createdAt) >= Date.parse(s.closesAt)) continue;
      const staff = await listRoleHolderIds(deps.db, t.id, 'staff');
      if (staff.length === 0) continue;
      const at = now.toISOString();
      if (!(await claimSurveyReminder(deps.db, t.id, s.fiscalYear, due, at))) continue;
      try {
        for (const id of staff) {
          const u = await getUser(deps.db, id);
          if (!u || u.deactivatedAt) continue;
          const locale = u.locale === 'en' ? 'en' : 'ja';
          await deps.mailer.send({ to: u.email, ...surveyReminderMail({
            locale, name: u.name, tenantName: t.name[locale], yearLabel: label[locale], closesOn, reminder: due, link: `${deps.siteUrl}/staff/${t.id}/survey`,
          }) });
        }
        reminded++;
      } catch (e) {
        await releaseSurveyReminder(deps.db, t.id, s.fiscalYear, due, at);
        throw e;
      }
    }
  }
  return { reminded };
}
