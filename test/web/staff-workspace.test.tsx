import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../web/src/api/client.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { AuditView } from '../../web/src/staff/Audit.tsx';
import { checkCode, checkCohort, CohortsView } from '../../web/src/staff/Cohorts.tsx';
import { ActivitySection, TenantDashboardView } from '../../web/src/staff/Dashboard.tsx';
import { FounderPageContainer, FounderView } from '../../web/src/staff/Founder.tsx';
import { filtersOf, FoundersPageContainer, FoundersView } from '../../web/src/staff/Founders.tsx';
import { SettingsView } from '../../web/src/staff/Settings.tsx';
import {
  auditPage, cohorts, enrolmentCodes, founderRecord, foundersPage, publicCourse, tenantActivity, tenantSettings, tenantTotals,
} from '../fixtures/web.ts';

const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => <Router><Route path="*" component={ui} /></Router>);
};
const rows = (table: HTMLElement) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); });

describe('dashboard: recent activity and the fiscal year', () => {
  it('shows active founders over 7 and 30 days and the inactive ones, linking to them in the founders table', () => {
    at('/d', () => <ActivitySection activity={tenantActivity()} tenantId="271004" />);
    const figures = Object.fromEntries([...document.querySelectorAll('.figure')].map((f) => [f.querySelector('dt')!.textContent, f.querySelector('dd')!.textContent]));
    expect(figures).toEqual({ '直近7日間に学習した人': '12人', '直近30日間に学習した人': '25人', '14日以上学習していない人': '9人' });
    expect(screen.getByRole('link', { name: '学習していない創業者を一覧で見る' }).getAttribute('href')).toBe('/staff/271004/founders?status=inactive');
  });

  it('draws the weeks as lines hidden from assistive technology, with the same figures as a labelled table', () => {
    at('/d', () => <ActivitySection activity={tenantActivity()} tenantId="271004" />);
    expect(screen.getByRole('heading', { level: 2, name: '週ごとの登録と修了（令和8年度）' })).toBeTruthy();
    const svg = document.querySelector('svg.lines')!;
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.querySelectorAll('polyline')).toHaveLength(3);
    const region = screen.getByRole('region', { name: '令和8年度の週ごとの数字の表' });
    expect(region.getAttribute('tabindex')).toBe('0');
    const table = within(region).getByRole('table', { name: /令和8年度の週ごとの新規登録/ });
    expect(rows(table)).toEqual([
      ['2026年3月30日', '5', '0', '0', '4'], ['2026年4月6日', '3', '6', '0', '7'], ['2026年11月30日', '1', '4', '1', '12'],
    ]);
  });

  it('reads in English with the API’s fiscal-year label', () => {
    setLocale('en');
    at('/d', () => <ActivitySection activity={tenantActivity()} tenantId="271004" />);
    expect(screen.getByRole('heading', { level: 2, name: 'Enrolments and completions by week (FY2026)' })).toBeTruthy();
    expect(screen.getByText('No study for 14 days or more')).toBeTruthy();
  });

  it('says so when the year has no week yet', () => {
    at('/d', () => <ActivitySection activity={tenantActivity({ fiscalYear: { year: 2026, label: { ja: '令和8年度', en: 'FY2026' }, weeks: [] } })} tenantId="271004" />);
    expect(screen.getByText('この年度の記録はまだありません。')).toBeTruthy();
    expect(document.querySelector('svg.lines')).toBeNull();
  });

  it('the dashboard shows module bars beside the module table, and the activity when given', () => {
    at('/d', () => <TenantDashboardView totals={tenantTotals()} courses={[publicCourse()]} activity={tenantActivity()} />);
    expect(document.querySelector('svg.modules-chart')!.getAttribute('aria-hidden')).toBe('true');
    expect(document.querySelectorAll('svg.modules-chart g')).toHaveLength(2);
    expect(screen.getByRole('heading', { level: 2, name: '最近の学習' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /この表をCSVでダウンロード/ }).map((a) => a.getAttribute('href'))).toEqual([
      '/api/tenants/271004/exports/tables/weeks', '/api/tenants/271004/exports/tables/areas', '/api/tenants/271004/exports/tables/modules',
    ]);
  });
});

describe('founders table', () => {
  const view = (o: Partial<Parameters<typeof FoundersView>[0]> = {}) => {
    const handlers = { onQuery: vi.fn(), onNext: vi.fn(), onPrev: undefined as undefined | (() => void) };
    at('/staff/271004/founders', () => (
      <FoundersView tenantId="271004" tenantName="大阪市" filters={{ sort: 'name' }} page={foundersPage()} pageNumber={1} cohorts={cohorts()} {...handlers} {...o} />
    ));
    return handlers;
  };

  it('lists a page of founders with their cohort, last study, areas, standing and sessions (attended / made up), each linking to the record', () => {
    const page = foundersPage();
    page.founders[0] = { ...page.founders[0]!, sessions: { attended: 2, madeUp: 1 } };
    view({ page });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('大阪市の創業者');
    const region = screen.getByRole('region', { name: '創業者の一覧（1ページ目、2人）' });
    const table = within(region).getByRole('table');
    expect(rows(table)).toEqual([
      ['田中 美咲misaki@example.jp', '2027年春 創業塾', '2026年12月1日', '3', '経営・財務', 'あと1分野', '2 / 1'],
      ['山本 大輔 停止中daisuke@example.jp', '期なし', 'まだ学習していません', '0', 'なし', 'まだ', '0 / 0'],
    ]);
    expect(screen.getByRole('link', { name: '田中 美咲' }).getAttribute('href')).toBe('/staff/271004/founders/u-tanaka-0001');
  });

  it('offers the CSV download as a plain link to the export', () => {
    view();
    const link = screen.getByRole('link', { name: '創業者の一覧をCSVでダウンロード' });
    expect(link.getAttribute('href')).toBe('/api/tenants/271004/exports/founders.csv');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('sends the chosen filters and search, and clears them', () => {
    const h = view();
    fireEvent.input(screen.getByLabelText('名前またはメールアドレスで探す'), { target: { value: '  田中 ' } });
    fireEvent.change(screen.getByLabelText('並べ順'), { target: { value: 'activity' } });
    fireEvent.change(screen.getByLabelText('期'), { target: { value: 'spring-2027' } });
    fireEvent.change(screen.getByLabelText('まだ修了していない分野'), { target: { value: 'hr' } });
    fireEvent.change(screen.getByLabelText('状況'), { target: { value: 'inactive' } });
    fireEvent.click(screen.getByRole('button', { name: 'この条件で表示する' }));
    expect(h.onQuery).toHaveBeenLastCalledWith({ sort: 'activity', cohort: 'spring-2027', missingArea: 'hr', status: 'inactive', q: '田中' });
    fireEvent.click(screen.getByRole('button', { name: '条件をすべて外す' }));
    expect(h.onQuery).toHaveBeenLastCalledWith({ sort: 'name' });
  });

  it('shows the filters in force (as the dashboard’s link sets them)', () => {
    view({ filters: { sort: 'activity', status: 'inactive', cohort: 'spring-2027' } });
    expect((screen.getByLabelText('状況') as HTMLSelectElement).value).toBe('inactive');
    expect((screen.getByLabelText('並べ順') as HTMLSelectElement).value).toBe('activity');
    expect((screen.getByLabelText('期') as HTMLSelectElement).value).toBe('spring-2027');
  });

  it('says when only one code’s founders are shown, and clears that', () => {
    const h = view({ filters: { sort: 'name', code: 'OSAKA-2027S' } });
    expect(screen.getByText('登録コード OSAKA-2027S で登録した人だけを表示しています。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'すべての創業者を表示する' }));
    expect(h.onQuery).toHaveBeenLastCalledWith({ sort: 'name', code: undefined });
  });

  it('moves the ticked founders into a cohort in one request', async () => {
    const onMove = vi.fn(async (_c: string, ids: string[]) => ({ moved: ids.length, notFound: [] }));
    view({ onMove });
    const move = screen.getByRole('form', { name: '選んだ創業者の期を変える' });
    fireEvent.click(within(move).getByRole('button', { name: '選んだ0人を移す' }));
    expect(within(move).getByRole('alert').textContent).toBe('先に一覧で創業者を選んでください。');
    fireEvent.click(screen.getByRole('checkbox', { name: '田中 美咲さんを選ぶ' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '山本 大輔さんを選ぶ' }));
    fireEvent.click(within(move).getByRole('button', { name: '選んだ2人を移す' }));
    expect(within(move).getByText('移す先の期を選んでください。')).toBeTruthy();
    fireEvent.change(within(move).getByLabelText('移す先の期'), { target: { value: 'autumn-2026' } });
    fireEvent.click(within(move).getByRole('button', { name: '選んだ2人を移す' }));
    await within(move).findByText('2人を「2026年秋 創業塾」に移しました。');
    expect(onMove).toHaveBeenCalledWith('autumn-2026', ['u-tanaka-0001', 'u-yamamoto-02']);
    expect((screen.getByRole('checkbox', { name: '田中 美咲さんを選ぶ' }) as HTMLInputElement).checked).toBe(false);
  });

  it('pages forward; the first page has no way back', () => {
    const h = view();
    expect(screen.queryByRole('button', { name: '前のページ' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '次のページ' }));
    expect(h.onNext).toHaveBeenCalledOnce();
  });

  it('says when nothing matches, in English too', () => {
    setLocale('en');
    view({ page: { founders: [], next: null } });
    expect(screen.getByText('No founder matches these conditions.')).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('filtersOf keeps only values the API accepts', () => {
    expect(filtersOf({ status: 'inactive', sort: 'activity', missingArea: 'hr', cohort: 'spring-2027', q: ' 田中 ' }))
      .toEqual({ status: 'inactive', sort: 'activity', missingArea: 'hr', cohort: 'spring-2027', q: '田中' });
    expect(filtersOf({ code: 'osaka-2027s' }).code).toBe('OSAKA-2027S');
    expect(filtersOf({ code: 'bad code!' }).code).toBeUndefined();
    expect(filtersOf({ status: 'everyone', sort: 'age', missingArea: 'law', cohort: '../x', q: '' }))
      .toEqual({ sort: 'name', status: undefined, missingArea: undefined, cohort: undefined, q: undefined });
  });

  it('the container reads the filters from the URL and follows the next-page cursor', async () => {
    const urls: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
      const u = String(url);
      urls.push(u);
      if (u.includes('/cohorts')) return json({ cohorts: cohorts() });
      return json(u.includes('cursor=') ? foundersPage({ founders: [foundersPage().founders[1]!], next: null }) : foundersPage());
    });
    at('/staff/271004/founders?status=inactive', () => <FoundersPageContainer tenantId="271004" tenantName="大阪市" />);
    await screen.findByRole('link', { name: '田中 美咲' });
    expect(urls).toContain('/api/tenants/271004/founders?sort=name&status=inactive');
    fireEvent.click(screen.getByRole('button', { name: '次のページ' }));
    await screen.findByRole('region', { name: '創業者の一覧（2ページ目、1人）' });
    expect(urls).toContain('/api/tenants/271004/founders?sort=name&status=inactive&cursor=eyJrIjoiMiJ9');
    fireEvent.click(screen.getByRole('button', { name: '前のページ' }));
    await screen.findByRole('region', { name: '創業者の一覧（1ページ目、2人）' });
  });
});

describe('a founder’s record', () => {
  const view = (o: { onPatch?: ReturnType<typeof vi.fn>; onStatus?: ReturnType<typeof vi.fn>; record?: ReturnType<typeof founderRecord> } = {}) => {
    const record = o.record ?? founderRecord();
    const onPatch = o.onPatch ?? vi.fn(async (p: object) => ({ ...record, ...p }));
    const onStatus = o.onStatus ?? vi.fn(async (active: boolean) => ({ ...record, deactivated: !active }));
    at('/staff/271004/founders/u-tanaka-0001', () => (
      <FounderView tenantId="271004" record={record} cohorts={cohorts()} courses={[publicCourse()]} onPatch={onPatch as never} onStatus={onStatus as never} />
    ));
    return { onPatch, onStatus };
  };

  it('shows the details, progress by area with dated evidence, and quiz results', () => {
    view();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('田中 美咲さんの記録');
    expect(screen.getByText('この記録を開いたことは、操作の記録に残ります。')).toBeTruthy();
    const facts = Object.fromEntries([...document.querySelectorAll('.facts > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
    expect(facts).toMatchObject({ 'メールアドレス': 'misaki@example.jp', '期': '2027年春 創業塾', 'アカウント': '利用できます', '市町村の要件': 'まだ', '講座の修了': 'まだ' });
    expect(rows(screen.getByRole('table', { name: '分野ごとの修了と、その根拠になる学習の日付' }))).toEqual([
      ['経営', '✓ 修了', '2026年11月27日 事業コンセプト'], ['財務', '✓ 修了', '2026年11月28日 資金計画'],
      ['人材育成', '未修了', '記録はまだありません'], ['販路開拓', '未修了', '記録はまだありません'],
    ]);
    expect(rows(screen.getByRole('table', { name: '確認テストごとの最高点と受験回数' }))).toEqual([['事業コンセプト', '100%', '✓ 合格', '2', '2026年11月27日']]);
  });

  it('sends only the corrected fields', async () => {
    const { onPatch } = view();
    fireEvent.input(screen.getByLabelText('メールアドレス'), { target: { value: 'misaki.tanaka@example.jp' } });
    fireEvent.change(screen.getByLabelText('期'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: '変更を保存する' }));
    await screen.findByText('変更を保存しました。');
    expect(onPatch).toHaveBeenCalledWith({ email: 'misaki.tanaka@example.jp', cohortId: null });
  });

  it('checks the entries first and shows the API’s refusal at its field, in both languages', async () => {
    const { onPatch } = view({ onPatch: vi.fn(async () => { throw new ApiFailure(409, 'email_taken', 'taken', { email: 'taken' }); }) });
    fireEvent.input(screen.getByLabelText('名前'), { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: '変更を保存する' }));
    expect(screen.getByText('名前を入力してください（100文字まで）。')).toBeTruthy();
    expect(screen.getByLabelText('名前').getAttribute('aria-invalid')).toBe('true');
    expect(onPatch).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('名前'), { target: { value: '田中 美咲' } });
    fireEvent.input(screen.getByLabelText('メールアドレス'), { target: { value: 'other@example.jp' } });
    fireEvent.click(screen.getByRole('button', { name: '変更を保存する' }));
    await screen.findByText('このメールアドレスは別のアカウントで使われています。');
    setLocale('en');
    expect(screen.getByText('This email address belongs to another account.')).toBeTruthy();
  });

  it('says when nothing changed instead of sending', () => {
    const { onPatch } = view();
    fireEvent.click(screen.getByRole('button', { name: '変更を保存する' }));
    expect(screen.getByText('変更がありません。')).toBeTruthy();
    expect(onPatch).not.toHaveBeenCalled();
  });

  it('deactivates only after a confirmation; cancelling changes nothing', async () => {
    const { onStatus } = view();
    fireEvent.click(screen.getByRole('button', { name: 'アカウントを停止する' }));
    const confirm = screen.getByRole('group', { name: '田中 美咲さんのアカウントを停止します。よろしいですか？' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'やめる' }));
    expect(onStatus).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'アカウントを停止する' }));
    fireEvent.click(screen.getByRole('button', { name: 'はい、実行する' }));
    await screen.findByText('アカウントを停止しました。');
    expect(onStatus).toHaveBeenCalledWith(false);
  });

  it('offers reactivation for a deactivated founder', async () => {
    const { onStatus } = view({ record: founderRecord({ deactivated: true }) });
    expect(screen.getByText('停止中（ログインできません。学習記録は残っています）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'アカウントを再開する' }));
    fireEvent.click(screen.getByRole('button', { name: 'はい、実行する' }));
    await screen.findByText('アカウントを再開しました。');
    expect(onStatus).toHaveBeenCalledWith(true);
  });
});

describe('the founder page container', () => {
  const serve = (record: () => Response) => vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
    const u = String(url);
    if (u.includes('/cohorts')) return json({ cohorts: cohorts() });
    if (u.startsWith('/content/')) return json(u.endsWith('index.json') ? { version: 'v1', courses: [{ id: 'kiso' }] } : publicCourse());
    return record();
  });

  it('shows the record of a founder of the municipality in view', async () => {
    serve(() => json(founderRecord()));
    at('/staff/271004/founders/u-tanaka-0001', () => <FounderPageContainer tenantId="271004" userId="u-tanaka-0001" />);
    await screen.findByRole('heading', { level: 1, name: '田中 美咲さんの記録' });
  });

  it.each([
    ['the API refuses it (another municipality’s founder)', () => json({ error: { code: 'forbidden', message: 'no' } }, 403), '271004'],
    ['the founder belongs to another municipality the person also serves', () => json(founderRecord()), '271403'],
  ])('says the record cannot be shown when %s', async (_case, answer, tenantId) => {
    serve(answer);
    at(`/staff/${tenantId}/founders/u-tanaka-0001`, () => <FounderPageContainer tenantId={tenantId} userId="u-tanaka-0001" />);
    await screen.findByRole('heading', { level: 1, name: 'この創業者の記録は見られません' });
    expect(screen.queryByText('misaki@example.jp')).toBeNull();
  });
});

describe('cohorts and enrolment codes', () => {
  const view = () => {
    const h = {
      onCreate: vi.fn(async (b) => ({ id: 'new-1', name: b.name, startsOn: b.startsOn ?? null, endsOn: b.endsOn ?? null })),
      onUpdate: vi.fn(async (id: string, b) => ({ id, name: b.name, startsOn: b.startsOn ?? null, endsOn: b.endsOn ?? null })),
      onIssue: vi.fn(async (b) => ({ code: 'OSAKA-NEW1', cohortId: b.cohortId, expiresAt: b.expiresAt ?? null, maxUses: b.maxUses ?? null, uses: 0, revokedAt: null, createdAt: '2026-12-04T01:00:00.000Z' })),
      onRevoke: vi.fn(async (code: string) => ({ ...enrolmentCodes()[0]!, code, revokedAt: '2026-12-04T01:00:00.000Z' })),
    };
    at('/c', () => <CohortsView tenantId="271004" tenantName="大阪市" cohorts={cohorts()} codes={enrolmentCodes()} now={new Date('2026-12-04T01:00:00.000Z')} {...h} />);
    return h;
  };

  it('lists cohorts with their dates and codes with uses, limit, expiry and state', () => {
    view();
    expect(rows(screen.getByRole('table', { name: '期の一覧（名前と期間）' })).map((r) => r.slice(0, 3))).toEqual([
      ['2027年春 創業塾', '2027年4月10日', '2027年6月30日'], ['2026年秋 創業塾', '未定', '未定'],
    ]);
    expect(rows(screen.getByRole('table', { name: /登録コードの一覧/ })).map((r) => r.slice(0, 5))).toEqual([
      ['OSAKA-2027S', '2027年春 創業塾', '3 / 40登録した人を見る', '2027年6月30日', '使えます'],
      ['OSAKA-2026', '2026年秋 創業塾', '12 / 上限なし登録した人を見る', 'なし', '取り消し済み（2026年11月1日）'],
    ]);
    expect(screen.getByRole('link', { name: 'OSAKA-2027Sで登録した人を見る' }).getAttribute('href')).toBe('/staff/271004/founders?code=OSAKA-2027S');
    expect(screen.queryByRole('button', { name: 'OSAKA-2026を取り消す' })).toBeNull();
  });

  it('creates a cohort after checking its dates', async () => {
    const h = view();
    const form = screen.getByRole('region', { name: '期を作る' });
    fireEvent.input(within(form).getByLabelText('期の名前'), { target: { value: '2027年秋 創業塾' } });
    fireEvent.input(within(form).getByLabelText('開始日（任意）'), { target: { value: '2027-10-01' } });
    fireEvent.input(within(form).getByLabelText('終了日（任意）'), { target: { value: '2027-09-01' } });
    fireEvent.click(within(form).getByRole('button', { name: '期を作る' }));
    expect(within(form).getByText('終了日は開始日より後にしてください。')).toBeTruthy();
    expect(h.onCreate).not.toHaveBeenCalled();
    fireEvent.input(within(form).getByLabelText('終了日（任意）'), { target: { value: '2027-12-20' } });
    fireEvent.click(within(form).getByRole('button', { name: '期を作る' }));
    await within(form).findByText('期「2027年秋 創業塾」を作りました。');
    expect(h.onCreate).toHaveBeenCalledWith({ name: '2027年秋 創業塾', startsOn: '2027-10-01', endsOn: '2027-12-20' });
    expect((within(form).getByLabelText('期の名前') as HTMLInputElement).value).toBe('');
  });

  it('edits a cohort in place', async () => {
    const h = view();
    fireEvent.click(screen.getByRole('button', { name: '2026年秋 創業塾を編集' }));
    const form = screen.getByRole('region', { name: '期を編集する：2026年秋 創業塾' });
    fireEvent.input(within(form).getByLabelText('開始日（任意）'), { target: { value: '2026-10-01' } });
    fireEvent.click(within(form).getByRole('button', { name: '変更を保存する' }));
    await within(form).findByText('期「2026年秋 創業塾」を保存しました。');
    expect(h.onUpdate).toHaveBeenCalledWith('autumn-2026', { name: '2026年秋 創業塾', startsOn: '2026-10-01', endsOn: null });
  });

  it('issues a code for a cohort with expiry (end of that day, Japan time) and a use limit', async () => {
    const h = view();
    const form = screen.getByRole('region', { name: '登録コードを発行する' });
    fireEvent.click(within(form).getByRole('button', { name: '発行する' }));
    expect(within(form).getByText('期を選んでください。')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('期'), { target: { value: 'spring-2027' } });
    fireEvent.input(within(form).getByLabelText('有効期限（任意、この日の終わりまで）'), { target: { value: '2027-06-30' } });
    fireEvent.input(within(form).getByLabelText('登録できる人数の上限（任意）'), { target: { value: '40' } });
    fireEvent.click(within(form).getByRole('button', { name: '発行する' }));
    await within(form).findByText('登録コード OSAKA-NEW1 を発行しました。');
    expect(h.onIssue).toHaveBeenCalledWith({ cohortId: 'spring-2027', expiresAt: '2027-06-30T23:59:59+09:00', maxUses: 40 });
  });

  it('revokes a code only after a confirmation', async () => {
    const h = view();
    fireEvent.click(screen.getByRole('button', { name: 'OSAKA-2027Sを取り消す' }));
    const confirm = screen.getByRole('group', { name: /登録コード OSAKA-2027S を取り消します/ });
    fireEvent.click(within(confirm).getByRole('button', { name: 'はい、取り消す' }));
    await screen.findByText('登録コード OSAKA-2027S を取り消しました。');
    expect(h.onRevoke).toHaveBeenCalledWith('OSAKA-2027S');
  });

  it('checkCohort and checkCode apply the contract’s limits', () => {
    expect(checkCohort({ name: 'x'.repeat(81), startsOn: '', endsOn: '' }).errors).toEqual({ name: 'cohorts.error.name' });
    expect(checkCohort({ name: ' 春 ', startsOn: '', endsOn: '' }).body).toEqual({ name: '春', startsOn: null, endsOn: null });
    expect(checkCode({ cohortId: 'a', expiresOn: '2026-12-03', maxUses: '0' }, '2026-12-04').errors).toEqual({ expiresAt: 'codes.error.expires', maxUses: 'codes.error.maxUses' });
    expect(checkCode({ cohortId: 'a', expiresOn: '', maxUses: '' }, '2026-12-04').body).toEqual({ cohortId: 'a', expiresAt: null, maxUses: null });
  });

  it('reads in English', () => {
    setLocale('en');
    view();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Cohorts and enrolment codes of 大阪市');
    expect(screen.getByRole('button', { name: 'Revoke OSAKA-2027S' })).toBeTruthy();
  });
});

describe('settings', () => {
  it('checks the ranges, saves, and shows the API’s refusal at its field', async () => {
    const save = vi.fn(async (s) => s);
    at('/s', () => <SettingsView tenantName="大阪市" settings={tenantSettings()} save={save} />);
    expect((screen.getByLabelText('「学習していない」とみなす日数') as HTMLInputElement).value).toBe('14');
    fireEvent.input(screen.getByLabelText('「学習していない」とみなす日数'), { target: { value: '31' } });
    fireEvent.click(screen.getByRole('button', { name: '設定を保存する' }));
    expect(screen.getByText('7から30までの整数で入力してください。')).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('「学習していない」とみなす日数'), { target: { value: '21' } });
    fireEvent.input(screen.getByLabelText('操作の記録を残す年数'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: '設定を保存する' }));
    await screen.findByText('設定を保存しました。');
    expect(save).toHaveBeenCalledWith({ inactiveDays: 21, auditRetentionYears: 7, makeUpDays: 14 });
  });

  it('maps the API’s field errors', async () => {
    at('/s', () => <SettingsView tenantName="大阪市" settings={tenantSettings()} save={vi.fn(async () => { throw new ApiFailure(400, 'invalid_request', 'bad', { auditRetentionYears: 'Too big' }); })} />);
    fireEvent.click(screen.getByRole('button', { name: '設定を保存する' }));
    await screen.findByText('1から10までの整数で入力してください。');
    setLocale('en');
    expect(screen.getByText('Enter a whole number from 1 to 10.')).toBeTruthy();
  });
});

describe('audit log', () => {
  it('shows who did what to whom and when, newest first, naming actions it knows', () => {
    const onNext = vi.fn();
    at('/a', () => <AuditView tenantName="大阪市" page={auditPage({ next: 'eyJ9' })} pageNumber={1} onNext={onNext} />);
    expect(rows(screen.getByRole('table', { name: '操作の記録（1ページ目）' }))).toEqual([
      ['2026年12月4日 11:00', '大阪市 担当', '創業者の記録を閲覧', '田中 美咲'],
      ['2026年12月3日 11:00', 'u-staff', '創業者の一覧をダウンロード', '—'],
      ['2026年12月2日 11:00', '大阪市 担当', '登録コードを発行', 'OSAKA-NEW1'],
      ['2026年12月1日 11:00', '大阪市 担当', 'something.new', 'u-x'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: '次のページ' }));
    expect(onNext).toHaveBeenCalledOnce();
  });

  it('reads in English', () => {
    setLocale('en');
    at('/a', () => <AuditView tenantName="Osaka City" page={auditPage()} pageNumber={1} onNext={() => {}} />);
    expect(screen.getByRole('cell', { name: 'Viewed a founder’s record' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
