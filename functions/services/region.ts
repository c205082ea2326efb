import type { Benchmark, ModuleFeedbackDetail, ModuleRanking, NewTenant, OnboardedTenant, RegionTenants } from '../contract/region.ts';
import { BENCHMARK_FIGURES, prefectureOf } from '../contract/region.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { benchmark as benchmarkOf, countingAnswers, fiscalYearBounds, fiscalYearLabel, fiscalYearOf } from '../domain/kpi.ts';
import {
  type MunicipalCounts, moduleFlow, type ModuleVersionRatings, municipalFigures, previousVersion, rankModules, surveyState, versionTrend,
} from '../domain/region.ts';
import { isoWeek, japanDay } from '../domain/totals.ts';
import { type FeedbackRollupRow, listFeedbackComments, listFeedbackRollups } from '../store/feedback.ts';
import { listRegionSessionCounts } from '../store/seminars.ts';
import { listSurveyAnswers, listSurveys } from '../store/surveys.ts';
import { createTenant, listTenants, type TenantRecord } from '../store/tenants.ts';
import { listModuleCountersOfRegion, readTotalsOf } from '../store/totals.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';
import { invite } from './invitations.ts';

// The union's region view (issue 12, points 4–6) and a municipality's benchmark against it. Every figure is a stored
// rollup — headline totals, session attendance counts, feedback rollups, module counters, survey answers — read with a
// number of requests bounded by the municipalities, never by the founders (docs/kpi.md, "What the region view reads").

type Row = RegionTenants['tenants'][number];

/** Every municipality's counts: 1 Query of tenants, ⌈tenants/50⌉ BatchGets, 1 Query of sessions, 1 of rollups per course. */
async function regionCounts(deps: Deps): Promise<{ tenants: TenantRecord[]; week: string; counts: Map<string, MunicipalCounts & { eligible: number; oneAreaShort: number; sessionsHeld: number }> }> {
  const now = deps.clock();
  const week = isoWeek(japanDay(now.toISOString()));
  const fy = fiscalYearBounds(fiscalYearOf(now));
  const tenants = await listTenants(deps.db);
  const [totals, sessions, rollups] = await Promise.all([
    (async () => {
      const out = new Map<string, { totals: Record<string, number>; week: Record<string, number> }>();
      for (let i = 0; i < tenants.length; i += 50) for (const [id, t] of await readTotalsOf(deps.db, tenants.slice(i, i + 50).map((t) => t.id), week)) out.set(id, t);
      return out;
    })(),
    listRegionSessionCounts(deps.db, fy.start, now.toISOString()),
    Promise.all(deps.catalog().courses.map((c) => listFeedbackRollups(deps.db, c.id))).then((r) => r.flat()),
  ]);
  const n = (v: number | undefined) => Math.max(0, v ?? 0);
  // Grouped once by municipality: the region has thousands of rollups and sessions.
  const group = <T extends { tenantId: string }>(xs: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) { const l = m.get(x.tenantId); if (l) l.push(x); else m.set(x.tenantId, [x]); }
    return m;
  };
  const sessionsOf = group(sessions);
  const rollupsOf = group(rollups);
  const counts = new Map(tenants.map((t) => {
    const x = totals.get(t.id);
    const held = sessionsOf.get(t.id) ?? [];
    const mine = rollupsOf.get(t.id) ?? [];
    const sum = (k: 'present' | 'excused' | 'absent' | 'madeUp') => held.reduce((a, s) => a + n(s.counts[k]), 0);
    return [t.id, {
      founders: n(x?.totals.founders), activeThisWeek: n(x?.week.active), courseCompleted: n(x?.totals.courseCompleted),
      eligible: n(x?.totals.eligible), oneAreaShort: n(x?.totals.oneAreaShort), sessionsHeld: held.length,
      present: sum('present'), excused: sum('excused'), absent: sum('absent'), madeUp: sum('madeUp'),
      largestSession: Math.max(0, ...held.map((s) => n(s.counts.present) + n(s.counts.excused) + n(s.counts.absent))),
      feedbackAnswers: mine.reduce((a, r) => a + r.counts.answers, 0), usefulnessSum: mine.reduce((a, r) => a + r.counts.usefulnessSum, 0),
      largestRating: Math.max(0, ...mine.map((r) => r.counts.answers)),
    }];
  }));
  return { tenants, week, counts };
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** Every municipality with its figures and its answer to the latest survey (admin). */
export async function regionTenants(deps: Deps): Promise<RegionTenants> {
  const now = deps.clock();
  const [{ tenants, week, counts }, surveys] = await Promise.all([regionCounts(deps), listSurveys(deps.db)]);
  const latest = surveys.filter((s) => surveyState(s, now) !== 'scheduled').at(-1) ?? surveys.at(-1);
  const counting = latest ? countingAnswers(await listSurveyAnswers(deps.db, latest.fiscalYear), latest) : new Map<string, { effective: boolean }>();
  return {
    asOf: now.toISOString(), week, surveyYear: latest?.fiscalYear ?? null, surveyLabel: latest ? fiscalYearLabel(latest.fiscalYear) : null,
    tenants: tenants.map((t): Row => {
      const c = counts.get(t.id)!;
      const f = municipalFigures(c);
      const a = counting.get(t.id);
      const survey: Row['survey'] = !latest ? 'no_survey' : Date.parse(t.createdAt) >= Date.parse(latest.closesAt) ? 'not_expected' : a ? (a.effective ? 'effective' : 'not_effective') : 'pending';
      return {
        id: t.id, name: t.name, prefecture: t.prefecture, joinedAt: t.createdAt,
        founders: c.founders, activeThisWeek: c.activeThisWeek, courseCompleted: c.courseCompleted, eligible: c.eligible, oneAreaShort: c.oneAreaShort,
        sessionsHeld: c.sessionsHeld, present: c.present, missed: c.excused + c.absent, madeUp: c.madeUp,
        attendanceRate: finite(f.attendanceRate.value), makeUpRate: finite(f.makeUpRate.value), feedbackScore: finite(f.feedbackScore.value), survey,
      };
    }).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

const SURVEY_LABEL: Record<Row['survey'], string> = {
  effective: '有効 effective', not_effective: '有効でない not effective', pending: '未回答 pending', not_expected: '対象外 not expected', no_survey: '',
};

/** The region view as CSV for Excel (BOM, CRLF, percentages as numbers), like the staff exports. */
export async function regionCsv(deps: Deps): Promise<{ fileName: string; text: string }> {
  const r = await regionTenants(deps);
  const { stringify } = await import('csv-stringify/sync');
  const pct = (v: number | null) => (v === null ? '' : (Math.round(v * 1000) / 10).toFixed(1));
  const header = [
    '団体コード code', '市町村 municipality', '都道府県 prefecture', '参加日 joined', '創業者 founders', '今週の利用 active this week', '全修了 course completed',
    '要件充足 eligible', 'あと1分野 one area short', '開催回数 sessions held', '出席 present', '欠席 missed', '補講済み made up', '出席率% attendance',
    '補講率% make-up', '評価平均 feedback (1-5)', `アンケート survey ${r.surveyLabel?.ja ?? ''}`.trim(),
  ];
  const rows = r.tenants.map((t) => [
    t.id, t.name.ja, t.prefecture, japanDay(t.joinedAt), t.founders, t.activeThisWeek, t.courseCompleted, t.eligible, t.oneAreaShort, t.sessionsHeld,
    t.present, t.missed, t.madeUp, pct(t.attendanceRate), pct(t.makeUpRate), t.feedbackScore === null ? '' : t.feedbackScore.toFixed(2), SURVEY_LABEL[t.survey],
  ].map(neutralise));
  return { fileName: `region-${japanDay(r.asOf)}.csv`, text: stringify([header, ...rows], { bom: true, record_delimiter: 'windows' }) };
}

/** A cell Excel would read as a formula (= + - @ at the start) is given a leading apostrophe. Numbers stay numbers. */
const neutralise = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * Onboards a municipality by its local-government code (checked with its check digit by the contract) and invites its
 * first staff member. The prefecture comes from the code. 409 tenant_exists when the code is taken.
 */
export async function onboardTenant(deps: Deps, auth: Authenticated, body: NewTenant): Promise<OnboardedTenant> {
  const code = body.code.trim();
  const t: TenantRecord = { id: code, name: { ja: body.name.ja.trim(), en: body.name.en.trim() }, prefecture: prefectureOf(code), createdAt: deps.clock().toISOString() };
  if (!(await createTenant(deps.db, t))) throw new DomainError('tenant_exists', `Municipality ${code} is already on the platform`);
  const inv = await invite(deps, auth, code, { email: body.staffEmail, role: 'staff', ...(body.staffName ? { name: body.staffName } : {}) });
  return { id: t.id, name: t.name, prefecture: t.prefecture, joinedAt: t.createdAt, invitationId: inv.id };
}

/** A municipality's figures beside the regional median; no other municipality named, small numbers suppressed. */
export async function tenantBenchmark(deps: Deps, tenantId: string): Promise<Benchmark> {
  const now = deps.clock();
  const { tenants, week, counts } = await regionCounts(deps);
  const me = tenants.find((t) => t.id === tenantId);
  if (!me) throw notFound('Municipality');
  const all = tenants.map((t) => municipalFigures(counts.get(t.id)!));
  const own = municipalFigures(counts.get(tenantId)!);
  return {
    tenantId, tenantName: me.name, asOf: now.toISOString(), week, municipalities: tenants.length,
    figures: BENCHMARK_FIGURES.map((figure) => {
      const b = benchmarkOf(own[figure], all.map((x) => x[figure]).filter((x) => Number.isFinite(x.value)));
      return { figure, own: b.own, region: b.region };
    }),
  };
}

// ------------------------------------------------------------------------------------------------ module ranking

function ratingsOf(version: string, rows: readonly FeedbackRollupRow[]): ModuleVersionRatings {
  const c = rows.reduce((a, r) => ({
    answers: a.answers + r.counts.answers, usefulnessSum: a.usefulnessSum + r.counts.usefulnessSum, helped: a.helped + r.counts.helped, comments: a.comments + r.counts.comments,
    distribution: a.distribution.map((d, i) => d + r.counts[`u${i + 1}` as 'u1']) as ModuleVersionRatings['distribution'],
    lastAt: !a.lastAt || (r.lastAt && r.lastAt > a.lastAt) ? r.lastAt : a.lastAt,
  }), { answers: 0, usefulnessSum: 0, helped: 0, comments: 0, distribution: [0, 0, 0, 0, 0] as ModuleVersionRatings['distribution'], lastAt: null as string | null });
  return { version, ...c };
}

const shown = (v: ModuleVersionRatings) => ({
  version: v.version, answers: v.answers, mean: v.answers > 0 ? v.usefulnessSum / v.answers : null, helpedShare: v.answers > 0 ? v.helped / v.answers : null,
  distribution: [...v.distribution], lastAt: v.lastAt,
});

async function courseFigures(deps: Deps, courseId: string) {
  const course = deps.catalog().courses.find((c) => c.id === courseId);
  if (!course) throw notFound('Course');
  const [rollups, counters] = await Promise.all([listFeedbackRollups(deps.db, courseId), listModuleCountersOfRegion(deps.db, courseId)]);
  return course.modules.map((m, order) => {
    const rows = rollups.filter((r) => r.moduleId === m.id);
    const versions = [...new Set(rows.map((r) => r.version))].map((v) => ratingsOf(v, rows.filter((r) => r.version === v)));
    const current = versions.find((v) => v.version === m.version) ?? ratingsOf(m.version, []);
    const previous = previousVersion(versions, m.version);
    const mine = counters.filter((c) => c.moduleId === m.id);
    const started = mine.reduce((a, c) => a + Math.max(0, c.counters.starts ?? 0), 0);
    const completed = mine.reduce((a, c) => a + Math.max(0, c.counters.moduleCompletions ?? 0), 0);
    const flow = moduleFlow(started, completed);
    return { m, order, versions, current, previous, started, completed, completionRate: finite(flow.completionRate), dropOffRate: finite(flow.dropOffRate) };
  });
}

/** The curriculum's modules ranked by usefulness, worst first, with completion and drop-off across the region (admin). */
export async function moduleRanking(deps: Deps): Promise<ModuleRanking> {
  const course = deps.catalog().courses[0];
  if (!course) throw notFound('Course');
  const rows = await courseFigures(deps, course.id);
  const ranked = rankModules(rows.map((r) => ({ ...r, mean: r.current.answers > 0 ? r.current.usefulnessSum / r.current.answers : null })));
  return {
    courseId: course.id, catalogVersion: deps.catalog().version,
    modules: ranked.map((r) => ({
      moduleId: r.m.id, title: r.m.title, order: r.order, current: shown(r.current), previous: r.previous ? shown(r.previous) : null,
      trend: versionTrend(r.current, r.previous), started: r.started, completed: r.completed, completionRate: r.completionRate, dropOffRate: r.dropOffRate,
    })),
  };
}

/** One module: its versions' ratings, whether the current one rates better, and anonymous comment excerpts (admin). */
export async function moduleDetail(deps: Deps, courseId: string, moduleId: string): Promise<ModuleFeedbackDetail> {
  const rows = await courseFigures(deps, courseId);
  const r = rows.find((x) => x.m.id === moduleId);
  if (!r) throw notFound('Module');
  const comments = await listFeedbackComments(deps.db, { courseId, moduleId, version: r.m.version, limit: 200 });
  return {
    courseId, moduleId, title: r.m.title, currentVersion: r.m.version,
    versions: [r.current, ...r.versions.filter((v) => v.version !== r.m.version).sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? ''))].map(shown),
    trend: versionTrend(r.current, r.previous), started: r.started, completed: r.completed, completionRate: r.completionRate, dropOffRate: r.dropOffRate,
    // Newest first, 30 at most; only the rating, the text and the month: no founder, no municipality, no exact time.
    comments: comments.sort((a, b) => b.at.localeCompare(a.at)).slice(0, 30)
      .map((c) => ({ usefulness: c.usefulness, helpedPlan: c.helpedPlan, comment: c.comment, month: japanDay(c.at).slice(0, 7) })),
  };
}

/**
 * Module feedback as CSV for Excel: one row per municipality and module version, the rollup's counts only — the
 * municipality is the only identifier; no founder, no comment text (comments stay on screen, anonymous).
 */
export async function feedbackCsv(deps: Deps): Promise<{ fileName: string; text: string }> {
  const tenants = new Map((await listTenants(deps.db)).map((t) => [t.id, t]));
  const { stringify } = await import('csv-stringify/sync');
  const header = ['団体コード code', '市町村 municipality', 'コース course', '単元 module', '単元名 title', '版 version', '現在の版 current', '回答数 answers', '評価平均 mean (1-5)',
    '計画に役立った helped', 'コメント数 comments', '1', '2', '3', '4', '5'];
  const rows: Array<Array<string | number>> = [];
  for (const course of deps.catalog().courses) {
    for (const r of await listFeedbackRollups(deps.db, course.id)) {
      if (r.counts.answers <= 0) continue;
      const m = course.modules.find((x) => x.id === r.moduleId);
      rows.push([r.tenantId, tenants.get(r.tenantId)?.name.ja ?? '', course.id, r.moduleId, m?.title.ja ?? '', r.version, m?.version === r.version ? 'yes' : 'no', r.counts.answers,
        (r.counts.usefulnessSum / r.counts.answers).toFixed(2), r.counts.helped, r.counts.comments, r.counts.u1, r.counts.u2, r.counts.u3, r.counts.u4, r.counts.u5].map(neutralise));
    }
  }
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[3]).localeCompare(String(b[3])));
  return { fileName: `module-feedback-${japanDay(deps.clock().toISOString())}.csv`, text: stringify([header, ...rows], { bom: true, record_delimiter: 'windows' }) };
}
