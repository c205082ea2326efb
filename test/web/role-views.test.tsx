import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminHomePage, RegionView } from '../../web/src/admin/index.tsx';
import { en as adminEn } from '../../web/src/admin/i18n/en.ts';
import { ja as adminJa } from '../../web/src/admin/i18n/ja.ts';
import { CaseloadView } from '../../web/src/advisor/index.tsx';
import { en as advisorEn } from '../../web/src/advisor/i18n/en.ts';
import { ja as advisorJa } from '../../web/src/advisor/i18n/ja.ts';
import { account } from '../../web/src/api/account.ts';
import { ApiFailure } from '../../web/src/api/client.ts';
import { createEligibilityRule } from '../../web/src/api/tenants.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { en as rolesEn } from '../../web/src/roles/i18n/en.ts';
import { ja as rolesJa } from '../../web/src/roles/i18n/ja.ts';
import { RequireRole } from '../../web/src/roles/RequireRole.tsx';
import { TenantDashboardView } from '../../web/src/staff/Dashboard.tsx';
import { en as staffEn } from '../../web/src/staff/i18n/en.ts';
import { ja as staffJa } from '../../web/src/staff/i18n/ja.ts';
import { StaffStartPage } from '../../web/src/staff/index.tsx';
import { Layout } from '../../web/src/components/Layout.tsx';
import { checkDraft, RuleFormView } from '../../web/src/staff/RuleForm.tsx';
import { caseload, eligibilityRule, meOf, publicCourse, regionTenants, tenantTotals } from '../fixtures/web.ts';

/** Renders at `path` inside a router that also answers /signin and the staff pages, so redirects can be seen. */
const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => (
    <Router>
      <Route path="/signin" component={() => <h1>sign-in page</h1>} />
      <Route path="/staff/:tenantId" component={() => <h1>staff home</h1>} />
      <Route path="*" component={ui} />
    </Router>
  ));
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const rows = (table: HTMLElement) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));

const staffOsaka = meOf({ id: 'u-staff', name: '大阪市 担当', memberships: [{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'staff', cohortId: null }] });
const founder = meOf();

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); });

describe('each role area has its own messages in Japanese and English', () => {
  it.each([
    ['roles', rolesJa, rolesEn], ['staff', staffJa, staffEn], ['advisor', advisorJa, advisorEn], ['admin', adminJa, adminEn],
  ])('%s: same keys, nothing empty', (_name, ja, en) => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const v of [...Object.values(ja), ...Object.values(en)]) expect(String(v).trim()).not.toBe('');
  });
});

describe('RequireRole', () => {
  it('refuses a founder from the staff area with a translated access-denied page', () => {
    account.mutate(founder);
    at('/staff', () => <RequireRole role="staff"><p>secret figures</p></RequireRole>);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('このページを見る権限がありません');
    expect(screen.queryByText('secret figures')).toBeNull();
    expect(screen.getByRole('link', { name: '学習' }).getAttribute('href')).toBe('/');
    setLocale('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('You do not have access to this page');
  });

  it('lets staff in, but not into another municipality', () => {
    account.mutate(staffOsaka);
    const { unmount } = at('/t/271004', () => <RequireRole role="staff" tenantId="271004"><p>osaka figures</p></RequireRole>);
    expect(screen.getByText('osaka figures')).toBeTruthy();
    unmount();
    at('/t/271403', () => <RequireRole role="staff" tenantId="271403"><p>sakai figures</p></RequireRole>);
    expect(screen.queryByText('sakai figures')).toBeNull();
    expect(screen.getByText(/団体コード 271403/)).toBeTruthy();
  });

  it.each([
    ['advisor', meOf({ memberships: [{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'advisor', cohortId: null }] }), true],
    ['advisor', staffOsaka, false],
    ['admin', meOf({ admin: true, memberships: [] }), true],
    ['admin', staffOsaka, false],
  ] as const)('%s area: lets in only the role holder (case %#)', (role, me, allowed) => {
    account.mutate(me);
    at(`/${role}`, () => <RequireRole role={role}><p>inside</p></RequireRole>);
    expect(Boolean(screen.queryByText('inside'))).toBe(allowed);
  });

  it('sends the signed-out to sign-in, to come back afterwards', async () => {
    account.mutate(null);
    at('/advisor', () => <RequireRole role="advisor"><p>inside</p></RequireRole>);
    await screen.findByText('sign-in page');
    expect(location.search).toBe(`?next=${encodeURIComponent('/advisor')}`);
  });
});

describe('a person with several roles', () => {
  it('switches between their areas from the header; a one-role person just has Home (and everyone their account)', () => {
    account.mutate(meOf({ memberships: [
      { tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'learner', cohortId: 'c1' },
      { tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'staff', cohortId: null },
      { tenantId: '271403', tenantName: { ja: '堺市', en: 'Sakai City' }, role: 'advisor', cohortId: null },
    ] }));
    history.replaceState(null, '', '/');
    const { unmount } = render(() => <Router root={Layout}><Route path="*" component={() => <p>page</p>} /></Router>);
    const nav = screen.getByRole('navigation', { name: 'メインメニュー' });
    expect(within(nav).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')]))
      .toEqual([['学習', '/'], ['市町村', '/staff'], ['担当の創業者', '/advisor'], ['アカウント', '/account']]);
    unmount();
    account.mutate(founder);
    render(() => <Router root={Layout}><Route path="*" component={() => <p>page</p>} /></Router>);
    expect(within(screen.getByRole('navigation', { name: 'メインメニュー' })).getAllByRole('link').map((a) => a.textContent)).toEqual(['ホーム', 'アカウント']);
  });
});

describe('the staff area picks a municipality', () => {
  it('goes straight to the only one', async () => {
    account.mutate(staffOsaka);
    at('/staff', () => <StaffStartPage />);
    await screen.findByText('staff home');
    expect(location.pathname).toBe('/staff/271004');
  });

  it('offers a choice to staff of several municipalities', () => {
    account.mutate(meOf({ memberships: [
      { tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'staff', cohortId: null }, { tenantId: '271403', tenantName: { ja: '堺市', en: 'Sakai City' }, role: 'staff', cohortId: null },
    ] }));
    at('/staff', () => <StaffStartPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('市町村を選んでください');
    expect(screen.getByRole('link', { name: '堺市' }).getAttribute('href')).toBe('/staff/271403');
  });
});

describe('TenantDashboardView', () => {
  const view = () => at('/dashboard', () => <TenantDashboardView totals={tenantTotals()} courses={[publicCourse()]} />);

  it('shows the headline figures of the municipality', () => {
    view();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('大阪市の創業者の状況');
    const figures = Object.fromEntries([...document.querySelectorAll('.figure')].map((f) => [f.querySelector('dt')!.textContent, f.querySelector('dd')!.textContent]));
    expect(figures).toMatchObject({ '登録した創業者': '40人', '講座を修了した人': '1人', '市町村の要件を満たす人': '2人', 'あと1分野で要件を満たす人': '4人' });
    expect(figures['今日学習した人 (2026年12月4日)']).toBe('3人');
    expect(figures['今週学習した人 (2026年 第49週)']).toBe('12人');
  });

  it('draws coverage by area for the eye and gives the same figures as a table', () => {
    view();
    expect(document.querySelector('svg.bars')!.getAttribute('aria-hidden')).toBe('true');
    const table = screen.getByRole('table', { name: /分野ごとに、その分野のモジュールをすべて修了した創業者の数/ });
    expect(rows(table)).toEqual([['経営', '10', '25%'], ['財務', '5', '13%'], ['人材育成', '0', '0%'], ['販路開拓', '1', '3%']]);
  });

  it('lists completions by module in the curriculum’s order, by title', () => {
    view();
    const table = screen.getByRole('table', { name: /モジュールごとの修了者数/ });
    expect(rows(table)).toEqual([['事業コンセプト', '10', '30'], ['資金計画', '5', '9']]);
  });

  it('reads in English', () => {
    setLocale('en');
    view();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Founders in Osaka City');
    expect(rows(screen.getByRole('table', { name: /completed every module/ }))[0]).toEqual(['Management', '10', '25%']);
    expect(screen.getByText('week 49 of 2026', { exact: false })).toBeTruthy();
  });
});

describe('RuleFormView', () => {
  const form = (save = vi.fn(async (r) => r)) => {
    at('/rule', () => <RuleFormView tenantName="大阪市" rule={eligibilityRule()} save={save} />);
    return save;
  };
  const submit = () => fireEvent.click(screen.getByRole('button', { name: '要件を保存する' }));

  it('shows the rule in force and sends the edited rule', async () => {
    const save = form();
    expect((screen.getByLabelText('学習した日数（最低）') as HTMLInputElement).value).toBe('4');
    expect((screen.getByLabelText('eラーニングも数えるが、対面講座への出席も必要') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('人材育成'));
    fireEvent.input(screen.getByLabelText('学習した日数（最低）'), { target: { value: '6' } });
    fireEvent.click(screen.getByLabelText('「予定した回数のうち何回出席したか」でも判定する'));
    submit();
    await screen.findByText(/要件を保存しました/);
    expect(save).toHaveBeenCalledWith({ requiredAreas: ['management', 'finance', 'sales'], minDistinctDays: 6, minSpanMonths: 1, elearning: 'with_sessions',
      minSessions: 1, allowMakeUp: true, allowOnline: true, sessionsOfTotal: { required: 4, total: 5 } });
  });

  it('checks the entries before sending and says what is wrong at each field', () => {
    const save = form();
    for (const a of ['経営', '財務', '人材育成', '販路開拓']) fireEvent.click(screen.getByLabelText(a));
    fireEvent.input(screen.getByLabelText('学習した日数（最低）'), { target: { value: '21' } });
    fireEvent.click(screen.getByLabelText('「予定した回数のうち何回出席したか」でも判定する'));
    fireEvent.input(screen.getByLabelText('出席が必要な回数'), { target: { value: '6' } });
    submit();
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('入力内容を確認してください。');
    expect(screen.getByText('分野を1つ以上選んでください。')).toBeTruthy();
    const days = screen.getByLabelText('学習した日数（最低）');
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(days.getAttribute('aria-describedby')!.split(' ')[1]!)!.textContent).toBe('1から20までの整数で入力してください。');
    expect(screen.getByText('出席が必要な回数は、予定している回数以下にしてください。')).toBeTruthy();
  });

  it('shows the API’s field errors at their fields, in Japanese and in English', async () => {
    form(vi.fn(async () => { throw new ApiFailure(400, 'invalid_request', 'bad', { minSpanMonths: 'Too big: expected number to be <=12', 'sessionsOfTotal.required': 'required must not exceed total' }); }));
    fireEvent.click(screen.getByLabelText('「予定した回数のうち何回出席したか」でも判定する'));
    submit();
    await screen.findByText('0から12までの整数で入力してください。');
    expect(screen.getByText('出席が必要な回数は、予定している回数以下にしてください。')).toBeTruthy();
    setLocale('en');
    expect(screen.getByText('Enter a whole number from 0 to 12.')).toBeTruthy();
    expect(screen.getByText('Sessions to attend must not be more than sessions scheduled.')).toBeTruthy();
  });

  it('shows a refusal that is not about a field above the form', async () => {
    form(vi.fn(async () => { throw new ApiFailure(403, 'forbidden', 'no'); }));
    submit();
    await screen.findByText('この操作を行う権限がありません。');
  });

  it('checkDraft keeps the areas in the law’s order', () => {
    const d = { requiredAreas: ['sales', 'management'] as const, minDistinctDays: '4', minSpanMonths: '0', minSessions: '0', elearning: 'counts_alone' as const,
      allowMakeUp: false, allowOnline: true, useSessionsOfTotal: false, sotRequired: '', sotTotal: '' };
    expect(checkDraft({ ...d, requiredAreas: [...d.requiredAreas] }).rule?.requiredAreas).toEqual(['management', 'sales']);
  });
});

describe('the eligibility-rule store', () => {
  it('shows a save at once and puts the old rule back when the server refuses it', async () => {
    const before = eligibilityRule();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) =>
      (init?.method === 'PUT' ? json({ error: { code: 'invalid_request', message: 'bad', fields: { minDistinctDays: 'x' } } }, 400) : json(before)));
    const store = createEligibilityRule(() => '271004');
    await waitFor(() => expect(store.rule()).toEqual(before));
    const saving = store.save({ ...before, minDistinctDays: 9 });
    expect(store.rule()?.minDistinctDays).toBe(9);
    await expect(saving).rejects.toBeInstanceOf(ApiFailure);
    expect(store.rule()).toEqual(before);
  });
});

describe('CaseloadView', () => {
  it('lists the advisor’s founders in the API’s order (who needs them first), says why, and filters by municipality', async () => {
    const c = caseload();
    c.founders[1] = { ...c.founders[1]!, attention: ['never_started'] };
    c.founders[0] = { ...c.founders[0]!, overdueAssignments: 2, attention: ['overdue'] };
    at('/advisor', () => <CaseloadView caseload={c} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('担当している創業者');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['連絡を優先したい順（4人）']);
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['田中 美咲', '山本 大輔', '中村 健', '小林 由紀']);
    const tanaka = screen.getByRole('heading', { name: '田中 美咲' }).closest('li')!;
    expect(within(within(tanaka).getByRole('list', { name: '連絡したい理由' })).getByText('期限切れの課題 2件')).toBeTruthy();
    const select = screen.getByLabelText('市町村で絞り込む') as HTMLSelectElement;
    select.value = '271403';
    select.dispatchEvent(new Event('change'));
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['中村 健', '小林 由紀']);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    const nakamura = screen.getByRole('heading', { name: '中村 健' }).closest('li')!;
    expect(within(nakamura).getByText('経営・財務・販路開拓')).toBeTruthy();
    expect(within(nakamura).getByText('あと1分野で満たします')).toBeTruthy();
    expect(within(screen.getByRole('heading', { name: '山本 大輔' }).closest('li')!).getByText('まだ学習していません')).toBeTruthy();
  });

  it('says so when nobody is assigned yet, in English too', () => {
    setLocale('en');
    at('/advisor', () => <CaseloadView caseload={{ founders: [], tenants: [] }} />);
    expect(screen.getByText(/No founder is assigned to you yet/)).toBeTruthy();
  });
});

describe('RegionView', () => {
  it('lists every municipality with its figures and the union’s totals, scrolling inside its own region', () => {
    at('/admin', () => <RegionView region={regionTenants()} />);
    const table = screen.getByRole('table', { name: '市町村ごとの創業者の数と学習の状況' });
    expect(rows(table)).toEqual([
      ['大阪市 大阪府', '271004', '1,200', '300', '45', '30', '90%', '60%', '4.20', '未回答'],
      ['堺市 大阪府', '271403', '2', '1', '0', '0', '50%', '0%', '—', '有効でない'],
    ]);
    expect([...table.querySelectorAll('tfoot td')].map((c) => c.textContent)).toEqual(['1,202', '301', '45', '30', '']);
    const region = screen.getByRole('region', { name: '市町村ごとの創業者の数と学習の状況' });
    expect(region.getAttribute('tabindex')).toBe('0');
  });

  it('sorts by any column, says which way for assistive technology, and lists pending survey answers first', () => {
    at('/admin', () => <RegionView region={regionTenants()} />);
    const table = screen.getByRole('table', { name: '市町村ごとの創業者の数と学習の状況' });
    const codes = () => rows(table).map((r) => r[1]);
    fireEvent.click(within(table).getByRole('button', { name: /登録した創業者/ }));
    expect(codes()).toEqual(['271004', '271403']); // numbers sort from the largest first
    expect(within(table).getByRole('columnheader', { name: /登録した創業者/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(table).getByRole('button', { name: /登録した創業者/ }));
    expect(codes()).toEqual(['271403', '271004']);
    fireEvent.click(within(table).getByRole('button', { name: /アンケート/ }));
    expect(codes()).toEqual(['271004', '271403']); // pending before "not effective"
    expect(screen.getByRole('link', { name: 'CSVでダウンロード（Excel用）' }).getAttribute('href')).toBe('/api/region/tenants.csv');
  });

  it('checks a local-government code’s check digit before sending, and says which prefecture a valid code is in', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    at('/admin', () => <RegionView region={regionTenants()} />);
    const code = screen.getByLabelText('全国地方公共団体コード（6桁）');
    fireEvent.input(code, { target: { value: '252011' } });
    fireEvent.input(screen.getByLabelText('市町村名（日本語）'), { target: { value: '大津市' } });
    fireEvent.input(screen.getByLabelText('市町村名（英語）'), { target: { value: 'Otsu City' } });
    fireEvent.input(screen.getByLabelText('最初の担当者のメールアドレス'), { target: { value: 'otsu@example.jp' } });
    fireEvent.click(screen.getByRole('button', { name: '追加して招待する' }));
    expect(await screen.findByText('検査数字（6桁め）が合いません。コードを確かめてください。')).toBeTruthy();
    expect(fetchMock.mock.calls.some((c) => String(c[0]) === '/api/region/tenants')).toBe(false);
    fireEvent.input(code, { target: { value: '252018' } });
    expect(screen.getByText('滋賀県の市町村コードです。')).toBeTruthy();
  });

  it('loads from GET /api/region/tenants', async () => {
    account.mutate(meOf({ admin: true, memberships: [] }));
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json(regionTenants()));
    at('/admin', () => <AdminHomePage />);
    await screen.findByRole('table');
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).toContain('/api/region/tenants');
  });
});
