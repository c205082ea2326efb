import type { SurveyAnswer, SurveyDefinition } from '../contract/survey.ts';
import { fiscalYear, japanDay, reiwaYear } from './totals.ts';

/**
 * The union's KPI and the benchmarks' suppression (issue 12, points 2, 3 and 5), as pure rules. The decisions where
 * the issue is silent are written down in docs/kpi.md.
 */

// ------------------------------------------------------------------------------------------------------ fiscal years

/** The fiscal year (April–March, Japan time) of a moment, by the calendar year it starts in: 2026-04-01 00:00 JST → 2026. */
export function fiscalYearOf(at: Date | string): number {
  return fiscalYear(japanDay(typeof at === 'string' ? at : at.toISOString()));
}

/** A fiscal year's first and last Japan day, and its bounds as instants (start inclusive, end exclusive). */
export function fiscalYearBounds(fy: number): { firstDay: string; lastDay: string; start: string; end: string } {
  return {
    firstDay: `${fy}-04-01`, lastDay: `${fy + 1}-03-31`,
    start: new Date(Date.parse(`${fy}-04-01T00:00:00+09:00`)).toISOString(),
    end: new Date(Date.parse(`${fy + 1}-04-01T00:00:00+09:00`)).toISOString(),
  };
}

/** 令和8年度 / FY2026 (Reiwa 8). The first year of an era is 元年: 令和元年度 (FY2019). Fiscal years before 令和 are refused. */
export function fiscalYearLabel(fy: number): { ja: string; en: string } {
  const n = reiwaYear(fy);
  if (!Number.isInteger(fy) || n < 1) throw new RangeError(`no 令和 fiscal year for ${fy}`);
  return { ja: `令和${n === 1 ? '元' : n}年度`, en: `FY${fy} (Reiwa ${n})` };
}

// -------------------------------------------------------------------------------------------------------------- KPI

/** The union's line: at least 80 % of responding municipalities answer 「創業支援に有効であった」. */
export const KPI_TARGET = { numerator: 4, denominator: 5 } as const;

export interface KpiMunicipality {
  tenantId: string;
  prefecture: string;
  /** When the municipality joined the platform (its tenant was created), ISO. */
  joinedAt: string;
}

export type SurveyStatus = 'effective' | 'not_effective' | 'pending';

export interface KpiCounts {
  /** Municipalities expected to answer this year: those that joined before the window closed. */
  expected: number;
  responded: number;
  effective: number;
  notEffective: number;
  /** Expected but not answered (inside the window): never counted as yes or no. */
  pending: number;
  /** effective / responded, or null when nobody responded. */
  effectiveShare: number | null;
  /** responded / expected, or null when nobody is expected. */
  responseRate: number | null;
  /** effective / responded ≥ 80 %, decided in whole numbers (exactly 80 % meets it); false when nobody responded. */
  meetsTarget: boolean;
}

export interface KpiResult extends KpiCounts {
  fiscalYear: number;
  label: { ja: string; en: string };
  surveyVersion: number;
  byPrefecture: Array<KpiCounts & { prefecture: string }>;
  /** Every expected municipality with its status and the time of the answer that counts. */
  municipalities: Array<{ tenantId: string; prefecture: string; status: SurveyStatus; answeredAt: string | null }>;
}

const inWindow = (at: string, s: Pick<SurveyDefinition, 'opensAt' | 'closesAt'>) => {
  const t = Date.parse(at);
  return t >= Date.parse(s.opensAt) && t < Date.parse(s.closesAt);
};

/** Whether a municipality is expected to answer a survey: it joined before the window closed (docs/kpi.md). */
export const expectedToAnswer = (m: KpiMunicipality, s: Pick<SurveyDefinition, 'closesAt'>) => Date.parse(m.joinedAt) < Date.parse(s.closesAt);

/**
 * Per municipality, the answer that counts for a survey: the latest submission of that fiscal year made inside the
 * window that answers the key question yes or no. Later submissions (after the window closed) and earlier ones
 * (replaced by a change) do not count.
 */
export function countingAnswers(answers: readonly SurveyAnswer[], survey: SurveyDefinition): Map<string, { effective: boolean; at: string }> {
  const key = survey.questions.find((q) => q.key)!;
  const out = new Map<string, { effective: boolean; at: string }>();
  for (const a of answers) {
    if (a.fiscalYear !== survey.fiscalYear || !inWindow(a.at, survey)) continue;
    const v = a.answers[key.id];
    if (typeof v !== 'boolean') continue;
    const prev = out.get(a.tenantId);
    if (!prev || Date.parse(a.at) >= Date.parse(prev.at)) out.set(a.tenantId, { effective: v, at: a.at });
  }
  return out;
}

function counts(statuses: readonly SurveyStatus[]): KpiCounts {
  const effective = statuses.filter((s) => s === 'effective').length;
  const notEffective = statuses.filter((s) => s === 'not_effective').length;
  const responded = effective + notEffective;
  const expected = statuses.length;
  return {
    expected, responded, effective, notEffective, pending: expected - responded,
    effectiveShare: responded > 0 ? effective / responded : null,
    responseRate: expected > 0 ? responded / expected : null,
    meetsTarget: responded > 0 && effective * KPI_TARGET.denominator >= responded * KPI_TARGET.numerator,
  };
}

/**
 * The KPI of one fiscal year's survey: the share of responding municipalities answering 「創業支援に有効であった」
 * against the 80 % line, the response rate, the same by prefecture, and each municipality's status. A municipality
 * that has not answered is pending, never yes or no; one that joined after the window closed is not expected; an
 * answer from a municipality not in `municipalities` is ignored.
 */
export function computeKpi(municipalities: readonly KpiMunicipality[], answers: readonly SurveyAnswer[], survey: SurveyDefinition): KpiResult {
  const counting = countingAnswers(answers, survey);
  const rows = municipalities.filter((m) => expectedToAnswer(m, survey)).map((m) => {
    const a = counting.get(m.tenantId);
    const status: SurveyStatus = a ? (a.effective ? 'effective' : 'not_effective') : 'pending';
    return { tenantId: m.tenantId, prefecture: m.prefecture, status, answeredAt: a?.at ?? null };
  });
  const prefectures = [...new Set(rows.map((r) => r.prefecture))].sort();
  return {
    fiscalYear: survey.fiscalYear, label: fiscalYearLabel(survey.fiscalYear), surveyVersion: survey.version,
    ...counts(rows.map((r) => r.status)),
    byPrefecture: prefectures.map((p) => ({ prefecture: p, ...counts(rows.filter((r) => r.prefecture === p).map((r) => r.status)) })),
    municipalities: rows,
  };
}

/** The KPI across fiscal years (one survey each), oldest first: the trend the admin's view draws. */
export function kpiTrend(municipalities: readonly KpiMunicipality[], answers: readonly SurveyAnswer[], surveys: readonly SurveyDefinition[]) {
  return [...surveys].sort((a, b) => a.fiscalYear - b.fiscalYear).map((s) => {
    const k = computeKpi(municipalities, answers.filter((a) => a.fiscalYear === s.fiscalYear), s);
    return { fiscalYear: k.fiscalYear, label: k.label, effectiveShare: k.effectiveShare, responseRate: k.responseRate, responded: k.responded, expected: k.expected, meetsTarget: k.meetsTarget };
  });
}

// --------------------------------------------------------------------------------------------------------- benchmarks

/** The fewest municipalities a regional figure, and the fewest founders a municipal figure, may be built from. */
export const MIN_MUNICIPALITIES = 5;
export const MIN_FOUNDERS = 5;

export type SuppressionReason = 'few_municipalities' | 'few_founders';
/** A figure as a benchmark shows it: its value and how many it was built from, or suppressed with the reason as data. */
export type BenchmarkFigure = { suppressed: false; value: number; n: number } | { suppressed: true; reason: SuppressionReason; n: number };

/** The median of some numbers (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** The regional median of municipal figures, suppressed when built from fewer than 5 municipalities. */
export function regionalMedian(values: readonly number[]): BenchmarkFigure {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < MIN_MUNICIPALITIES) return { suppressed: true, reason: 'few_municipalities', n: finite.length };
  return { suppressed: false, value: median(finite), n: finite.length };
}

/** A municipality's own figure, suppressed when built from fewer than 5 founders. */
export function municipalFigure(value: number, founders: number): BenchmarkFigure {
  if (founders < MIN_FOUNDERS || !Number.isFinite(value)) return { suppressed: true, reason: 'few_founders', n: founders };
  return { suppressed: false, value, n: founders };
}

/**
 * A municipality's figure beside the regional median of the same figure. Only municipal figures that may be shown
 * (≥ 5 founders) enter the median, so a median never carries a figure that is itself suppressed; then the median needs
 * ≥ 5 such municipalities. No other municipality is named.
 */
export function benchmark(own: { value: number; founders: number }, region: ReadonlyArray<{ value: number; founders: number }>): { own: BenchmarkFigure; region: BenchmarkFigure } {
  return {
    own: municipalFigure(own.value, own.founders),
    region: regionalMedian(region.filter((r) => r.founders >= MIN_FOUNDERS).map((r) => r.value)),
  };
}
