import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Benchmark, ModuleFeedbackDetail, ModuleRanking } from '../../functions/contract/region.ts';
import { SURVEY_QUESTIONS_R8, type KpiView, type TenantSurvey } from '../../functions/contract/survey.ts';
import { ModuleDetailView, ModuleRankingView } from '../../web/src/admin/Modules.tsx';
import { KpiPageView } from '../../web/src/admin/Surveys.tsx';
import { ApiFailure } from '../../web/src/api/client.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { BenchmarkView } from '../../web/src/staff/Benchmark.tsx';
import { SurveyPageView } from '../../web/src/staff/Survey.tsx';

// Issue 12 in the browser's views: staff answer the union's survey and see their benchmark; the admin reads the KPI
// against the line (pending visible) and the module ranking with anonymous comments.
const at = (ui: () => JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);
beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); vi.unstubAllGlobals(); });

const survey = (state: 'open' | 'closed' | 'scheduled' = 'open'): NonNullable<TenantSurvey['survey']> => ({
  fiscalYear: 2026, label: { ja: '令和8年度', en: 'FY2026 (Reiwa 8)' }, version: 1, opensAt: '2026-11-30T15:00:00.000Z', closesAt: '2026-12-31T15:00:00.000Z', state, questions: SURVEY_QUESTIONS_R8,
});

describe('the survey page of a municipality', () => {
  it('asks every question, says what is missing at the question, and sends the answers', async () => {
    const submit = vi.fn(async (_fy: number, _v: number, answers: Record<string, unknown>) =>
      ({ survey: survey(), answer: { surveyVersion: 1, answers: answers as Record<string, boolean | number | string>, at: '2026-12-04T01:00:00.000Z', firstAt: '2026-12-04T01:00:00.000Z', answeredByName: '大阪 職員' } }));
    at(() => <SurveyPageView tenantName="大阪市" data={{ survey: survey(), answer: null }} reload={() => {}} submit={submit} />);
    expect(screen.getByText('回答期間：2026年12月1日〜2026年12月31日')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '回答を送信する' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getAllByText('この設問に回答してください。')).toHaveLength(4);
    expect(submit).not.toHaveBeenCalled();
    const key = screen.getByRole('group', { name: /創業支援に有効であった/ });
    fireEvent.click(within(key).getByLabelText('はい'));
    for (const id of ['seminar_fit', 'less_work', 'founder_use']) {
      const group = screen.getByRole('group', { name: new RegExp(SURVEY_QUESTIONS_R8.find((q) => q.id === id)!.text.ja.slice(0, 8)) });
      fireEvent.click(within(group).getByLabelText('4 ややそう思う'));
    }
    fireEvent.input(screen.getByLabelText(/ご意見・改善してほしい点/), { target: { value: '補講の自動案内が便利' } });
    expect(screen.getByText('10 / 2000文字')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '回答を送信する' }));
    await waitFor(() => expect(submit).toHaveBeenCalledWith(2026, 1, { effective: true, seminar_fit: 4, less_work: 4, founder_use: 4, comments: '補講の自動案内が便利' }));
  });

  it('shows the answer given, offers a change while open, and only the answer once closed', () => {
    const answer = { surveyVersion: 1, answers: { effective: false, seminar_fit: 2, less_work: 3, founder_use: 1 }, at: '2026-12-04T01:00:00.000Z', firstAt: '2026-12-04T01:00:00.000Z', answeredByName: '堺 職員' };
    const { unmount } = at(() => <SurveyPageView tenantName="堺市" data={{ survey: survey('open'), answer }} reload={() => {}} submit={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toBe('回答済みです（2026年12月4日 10:00、堺 職員）。');
    expect(screen.getByText('いいえ')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '回答を変更する' }));
    expect((within(screen.getByRole('group', { name: /創業支援に有効であった/ })).getByLabelText('いいえ') as HTMLInputElement).checked).toBe(true);
    unmount();
    at(() => <SurveyPageView tenantName="堺市" data={{ survey: survey('closed'), answer }} reload={() => {}} submit={vi.fn()} />);
    expect(screen.queryByRole('button', { name: '回答を変更する' })).toBeNull();
    expect(screen.getByText('締切済み')).toBeTruthy();
  });

  it('offers to load the new questions when the union changed them meanwhile', async () => {
    const reload = vi.fn();
    const submit = vi.fn(async () => { throw new ApiFailure(409, 'survey_changed', 'changed'); });
    at(() => <SurveyPageView tenantName="大阪市" data={{ survey: survey(), answer: { surveyVersion: 1, answers: { effective: true, seminar_fit: 4, less_work: 4, founder_use: 4 }, at: '2026-12-04T01:00:00.000Z', firstAt: '2026-12-04T01:00:00.000Z', answeredByName: 'x' } }} reload={reload} submit={submit} />);
    fireEvent.click(screen.getByRole('button', { name: '回答を変更する' }));
    fireEvent.click(screen.getByRole('button', { name: '回答を送信する' }));
    fireEvent.click(await screen.findByRole('button', { name: '最新の設問を読み込む' }));
    expect(reload).toHaveBeenCalled();
  });

  it('reads in English', () => {
    setLocale('en');
    at(() => <SurveyPageView tenantName="Osaka City" data={{ survey: null, answer: null }} reload={() => {}} submit={vi.fn()} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Union survey: Osaka City');
    expect(screen.getByText(/has not opened a survey yet/)).toBeTruthy();
  });
});

describe('the benchmark', () => {
  const data: Benchmark = {
    tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, asOf: '2026-12-04T01:00:00.000Z', week: '2026-W49', municipalities: 6,
    figures: [
      { figure: 'completionRate', own: { suppressed: false, value: 0.25, n: 40 }, region: { suppressed: false, value: 0.2, n: 5 } },
      { figure: 'feedbackScore', own: { suppressed: true, reason: 'few_founders', n: 3 }, region: { suppressed: true, reason: 'few_municipalities', n: 2 } },
    ],
  };
  it('shows the municipality beside the median, and says why a figure is hidden', () => {
    at(() => <BenchmarkView tenantName="大阪市" data={data} />);
    const table = screen.getByRole('table', { name: '大阪市の数値と地域の中央値' });
    const row = (f: string) => [...table.querySelectorAll(`tr[data-figure="${f}"] td`)].map((c) => c.textContent);
    expect(row('completionRate')).toEqual(['25% （40人）', '20% （5人）']);
    expect(row('feedbackScore')).toEqual(['非表示（3人分のみ・5人未満）', '非表示（2市町村分のみ・5市町村未満）']);
    expect(screen.getByText(/5人未満の創業者から出した数値/)).toBeTruthy();
  });
});

const kpi = (): KpiView => ({
  asOf: '2026-12-10T01:00:00.000Z',
  survey: { ...survey('open') },
  target: 0.8, expected: 4, responded: 2, effective: 1, notEffective: 1, pending: 2, effectiveShare: 0.5, responseRate: 0.5, meetsTarget: false,
  byPrefecture: [
    { prefecture: '大阪府', expected: 2, responded: 2, effective: 1, notEffective: 1, pending: 0, effectiveShare: 0.5, responseRate: 1, meetsTarget: false },
    { prefecture: '京都府', expected: 2, responded: 0, effective: 0, notEffective: 0, pending: 2, effectiveShare: null, responseRate: 0, meetsTarget: false },
  ],
  municipalities: [
    { tenantId: '271004', name: { ja: '大阪市', en: 'Osaka City' }, prefecture: '大阪府', status: 'effective', answeredAt: '2026-12-05T01:00:00.000Z' },
    { tenantId: '271403', name: { ja: '堺市', en: 'Sakai City' }, prefecture: '大阪府', status: 'not_effective', answeredAt: '2026-12-06T01:00:00.000Z' },
    { tenantId: '262013', name: { ja: '福知山市', en: 'Fukuchiyama City' }, prefecture: '京都府', status: 'pending', answeredAt: null },
    { tenantId: '262021', name: { ja: '舞鶴市', en: 'Maizuru City' }, prefecture: '京都府', status: 'pending', answeredAt: null },
  ],
  likert: [{ questionId: 'less_work', text: SURVEY_QUESTIONS_R8[2]!.text, mean: 2.5, n: 2 }],
  comments: [{ tenantId: '271004', name: { ja: '大阪市', en: 'Osaka City' }, questionId: 'comments', text: '補講の案内が便利' }],
  trend: [{ fiscalYear: 2026, label: { ja: '令和8年度', en: 'FY2026 (Reiwa 8)' }, effectiveShare: 0.5, responseRate: 0.5, responded: 2, expected: 4, meetsTarget: false }],
});

describe('the KPI page', () => {
  it('shows the share against the 80% line, pending as pending, and a printable report with a page per prefecture', () => {
    const { container } = at(() => <KpiPageView kpi={kpi()} />);
    const screenPart = container.querySelector('.kpi-screen') as HTMLElement;
    // The report (its own headings) is shown only when printing (CSS); the screen has one main heading.
    expect(within(screenPart).getByRole('heading', { level: 1 }).textContent).toBe('令和8年度 評価指標（KPI）');
    expect(screenPart.querySelector('.kpi-headline .big')!.textContent).toBe('50%');
    expect(within(screenPart).getByText('目標80%に届いていません')).toBeTruthy();
    expect(within(screenPart).getByText(/回答した2市町村のうち1市町村が/).textContent).toContain('未回答は2市町村');
    const table = within(screenPart).getByRole('table', { name: '市町村ごとの回答' });
    expect([...table.querySelectorAll('tbody tr')].map((r) => r.children[2]!.textContent)).toEqual(['有効', '有効でない', '未回答', '未回答']);
    expect(within(screenPart).getByRole('img', { name: /府県別の「有効」の割合。縦線は目標の80%。大阪府: 50%、京都府: 回答なし/ })).toBeTruthy();
    const pages = container.querySelectorAll('.kpi-report .report-page');
    expect(pages).toHaveLength(3);
    expect([...pages].slice(1).map((p) => p.getAttribute('data-prefecture'))).toEqual(['大阪府', '京都府']);
    expect(pages[2]!.querySelectorAll('tbody tr')).toHaveLength(2);
    const print = vi.fn();
    vi.stubGlobal('print', print);
    fireEvent.click(screen.getByRole('button', { name: '報告書を印刷・PDF保存' }));
    expect(print).toHaveBeenCalled();
  });
});

describe('the module ranking', () => {
  const ratings = (mean: number | null, answers: number) => ({ version: 'v1', answers, mean, helpedShare: answers ? 0.5 : null, distribution: [0, 0, answers, 0, 0], lastAt: null });
  it('lists modules worst first with completion and drop-off, and the detail shows comments without names', () => {
    const ranking: ModuleRanking = {
      courseId: 'kiso', catalogVersion: 'c1',
      modules: [
        { moduleId: 'm2', title: { ja: '資金計画', en: 'Funding' }, order: 1, current: ratings(2.8, 5), previous: null, trend: 'no_previous', started: 5, completed: 4, completionRate: 0.8, dropOffRate: 0.2 },
        { moduleId: 'm1', title: { ja: '事業コンセプト', en: 'Concept' }, order: 0, current: ratings(null, 0), previous: null, trend: 'no_previous', started: 0, completed: 0, completionRate: null, dropOffRate: null },
      ],
    };
    const { unmount } = at(() => <ModuleRankingView ranking={ranking} />);
    const rows = [...screen.getByRole('table').querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows[0]).toEqual(['1', '資金計画', '2.80', '5', '50%', '前の版なし', '80% （開始 5人）', '20%']);
    expect(rows[1]).toEqual(['2', '事業コンセプト', '—', '0', '—', '前の版なし', '— （開始 0人）', '—']);
    unmount();
    const detail: ModuleFeedbackDetail = {
      courseId: 'kiso', moduleId: 'm2', title: { ja: '資金計画', en: 'Funding' }, currentVersion: 'v2',
      versions: [{ ...ratings(4.6, 5), version: 'v2' }, { ...ratings(2.8, 5), version: 'v1' }], trend: 'better', started: 10, completed: 9, completionRate: 0.9, dropOffRate: 0.1,
      comments: [{ usefulness: 5, helpedPlan: true, comment: '表が分かりやすくなった', month: '2026-12' }],
    };
    at(() => <ModuleDetailView detail={detail} />);
    expect(screen.getByText('現在の版は前の版より評価が高くなっています。')).toBeTruthy();
    expect(screen.getByText('評価 5／計画に役立った：はい／2026-12')).toBeTruthy();
    expect(screen.getByText('コメントは匿名です。書いた人や市町村は表示しません。')).toBeTruthy();
  });
});
