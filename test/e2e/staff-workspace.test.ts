import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FoundersPage, TenantActivity, AuditPage, EnrolmentCodeView } from '../../functions/contract/staff.ts';
import { expectAccessible, freshBrowser, signInInBrowser } from '../fixtures/browser.ts';

// Issue 9's journey through the staff workspace with the demo logins, against the app served as `npm start` serves it:
// staff of Osaka City use the dashboard, the founders table, a founder's record (and see the view in the audit log),
// cohorts and codes and the CSV export; staff of Sakai City see none of it. Every page at 360 px and on a desktop, in
// Japanese and English, axe-core clean.
const base = () => inject('baseUrl');
const PASSWORD = 'sogyo-campus-demo';
const OSAKA = '271004';

async function signIn(page: Page, email: string) {
  await signInInBrowser(page, base(), email, PASSWORD);
  await page.waitForURL(/\/staff\/\d{6}$/);
}
async function api<T>(page: Page, path: string, status = 200): Promise<T> {
  const r = await page.request.get(`${base()}${path}`);
  expect(r.status(), path).toBe(status);
  return (await r.json()) as T;
}
const figure = (page: Page, label: string) => page.locator('.figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd').innerText();
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const staffNav = (page: Page, name: string) => page.getByRole('navigation', { name: /管理メニュー|Municipality menu/ }).getByRole('link', { name, exact: true }).click();

/** Each page in Japanese then English, both checked by axe and for sideways overflow; back to Japanese after. */
async function accessibleInBoth(page: Page, ja: string | RegExp, en: string | RegExp) {
  await h1(page, ja);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'English' }).click();
  await h1(page, en);
  await expectAccessible(page);
  await page.getByRole('button', { name: '日本語' }).click();
  await h1(page, ja);
}

describe('staff of Osaka City', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  let founderId = '';
  let founderName = '';
  let cohortName = '';
  beforeAll(async () => { b = await freshBrowser(); await signIn(b.page, 'staff.osaka@example.jp'); });
  afterAll(async () => { await b?.close(); });

  it('sees recent activity and the fiscal year on the dashboard, with the server’s figures', async () => {
    const { page } = b;
    await h1(page, '大阪市の創業者の状況');
    const activity = await api<TenantActivity>(page, `/api/tenants/${OSAKA}/activity`);
    expect(activity.fiscalYear.label.ja).toMatch(/^令和\d+年度$/);
    await page.getByRole('heading', { level: 2, name: `週ごとの登録と修了（${activity.fiscalYear.label.ja}）` }).waitFor();
    expect(await figure(page, '直近7日間に学習した人')).toBe(`${activity.activeLast7Days}人`);
    expect(await figure(page, '直近30日間に学習した人')).toBe(`${activity.activeLast30Days}人`);
    expect(await figure(page, `${activity.inactiveDays}日以上学習していない人`)).toBe(`${activity.inactive}人`);
    const weeks = page.getByRole('region', { name: /週ごとの数字の表/ }).locator('tbody tr');
    expect(await weeks.count()).toBe(activity.fiscalYear.weeks.length);
    expect(activity.fiscalYear.weeks.length).toBeGreaterThan(0);
    expect(b.errors).toEqual([]);
  });

  it('follows the inactive figure to the founders table filtered by inactive', async () => {
    const { page } = b;
    await page.getByRole('link', { name: '学習していない創業者を一覧で見る' }).click();
    await h1(page, '大阪市の創業者');
    expect(new URL(page.url()).search).toBe('?status=inactive');
    expect(await page.getByLabel('状況').inputValue()).toBe('inactive');
    const expected = await api<FoundersPage>(page, `/api/tenants/${OSAKA}/founders?status=inactive`);
    expect(expected.founders.length).toBeGreaterThan(0);
    await page.locator('table.founders tbody tr').first().waitFor();
    expect(await page.locator('table.founders tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-user'))))
      .toEqual(expected.founders.map((f) => f.userId));
    founderId = expected.founders[0]!.userId;
    founderName = expected.founders[0]!.name;
  });

  it('searches by name and sorts by last activity', async () => {
    const { page } = b;
    await page.getByRole('button', { name: '条件をすべて外す' }).click();
    await page.waitForURL((u) => u.search === '');
    await page.getByLabel('名前またはメールアドレスで探す').fill(founderName.split(' ')[0]!);
    await page.getByLabel('並べ順').selectOption('activity');
    await page.getByRole('button', { name: 'この条件で表示する' }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'activity' && Boolean(u.searchParams.get('q')));
    await page.locator(`tr[data-user="${founderId}"]`).waitFor();
  });

  it('opens a founder’s record; the audit log then shows the view', async () => {
    const { page } = b;
    await page.getByRole('link', { name: founderName, exact: true }).first().click();
    await h1(page, `${founderName}さんの記録`);
    expect(new URL(page.url()).pathname).toBe(`/staff/${OSAKA}/founders/${founderId}`);
    const areas = page.getByRole('table', { name: '分野ごとの修了と、その根拠になる学習の日付' });
    await areas.waitFor();
    // Evidence is named by the modules' titles from the published curriculum, not by their ids.
    expect(await areas.innerText()).not.toMatch(/sogyo-kiso\//);
    // Back to the table as it was left.
    await page.getByRole('link', { name: '創業者の一覧に戻る' }).click();
    await page.waitForURL((u) => u.pathname === `/staff/${OSAKA}/founders` && u.searchParams.get('sort') === 'activity');
    expect(await page.getByLabel('並べ順').inputValue()).toBe('activity');
    await staffNav(page, '操作の記録');
    await h1(page, '大阪市の操作の記録');
    const first = page.locator('table.audit tbody tr').first();
    expect(await first.getAttribute('data-action')).toBe('founder.read');
    expect(await first.locator('td').nth(2).innerText()).toBe(founderName);
    const audit = await api<AuditPage>(page, `/api/tenants/${OSAKA}/audit`);
    expect(audit.entries[0]).toMatchObject({ action: 'founder.read', subjectId: founderId });
  });

  it('deactivates the founder after a confirmation (sign-in refused), then reactivates; both are audited', async () => {
    const { page } = b;
    await page.goto(`${base()}/staff/${OSAKA}/founders/${founderId}`);
    await h1(page, `${founderName}さんの記録`);
    await page.getByRole('button', { name: 'アカウントを停止する' }).click();
    await page.getByRole('group', { name: `${founderName}さんのアカウントを停止します。よろしいですか？` }).waitFor();
    await expectAccessible(page);
    const status = page.waitForResponse((r) => r.url().endsWith(`/api/founders/${founderId}/status`));
    await page.getByRole('button', { name: 'はい、実行する' }).click();
    expect((await status).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: 'アカウントを停止しました。' }).waitFor();
    await page.getByText('停止中（ログインできません。学習記録は残っています）').waitFor();
    await page.getByRole('button', { name: 'アカウントを再開する' }).click();
    await page.getByRole('button', { name: 'はい、実行する' }).click();
    await page.getByRole('status').filter({ hasText: 'アカウントを再開しました。' }).waitFor();
    await page.getByText('利用できます', { exact: true }).waitFor();
    const audit = await api<AuditPage>(page, `/api/tenants/${OSAKA}/audit`);
    // (The status route answers with the record, which the API also logs as a view.)
    expect(audit.entries.filter((e) => e.action !== 'founder.read').slice(0, 2).map((e) => [e.action, e.subjectId]))
      .toEqual([['founder.reactivate', founderId], ['founder.deactivate', founderId]]);
  });

  it('saves the municipality’s settings', async () => {
    const { page } = b;
    await staffNav(page, '設定');
    await h1(page, '大阪市の設定');
    const days = await page.getByLabel('「学習していない」とみなす日数').inputValue();
    await page.getByLabel('「学習していない」とみなす日数').fill('31');
    await page.getByRole('button', { name: '設定を保存する' }).click();
    await page.getByText('7から30までの整数で入力してください。').waitFor();
    await page.getByLabel('「学習していない」とみなす日数').fill(days);
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/tenants/${OSAKA}/settings`));
    await page.getByRole('button', { name: '設定を保存する' }).click();
    expect((await put).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: '設定を保存しました。' }).waitFor();
  });

  it('creates a cohort and issues, then revokes, a code for it', async () => {
    const { page } = b;
    await staffNav(page, '期と登録コード');
    await h1(page, '大阪市の期と登録コード');
    const name = `E2E 創業塾 ${Date.now() % 100000}`;
    cohortName = name;
    const form = page.getByRole('region', { name: '期を作る' });
    await form.getByLabel('期の名前').fill(name);
    await form.getByLabel('開始日（任意）').fill('2027-10-01');
    await form.getByLabel('終了日（任意）').fill('2027-12-20');
    await form.getByRole('button', { name: '期を作る' }).click();
    await form.getByRole('status').filter({ hasText: `期「${name}」を作りました。` }).waitFor();
    await page.getByRole('table', { name: '期の一覧（名前と期間）' }).getByRole('rowheader', { name }).waitFor();

    const codeForm = page.getByRole('region', { name: '登録コードを発行する' });
    await codeForm.getByLabel('期', { exact: true }).selectOption({ label: name });
    await codeForm.getByLabel('有効期限（任意、この日の終わりまで）').fill('2027-12-20');
    await codeForm.getByLabel('登録できる人数の上限（任意）').fill('30');
    const post = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/tenants/${OSAKA}/codes`));
    await codeForm.getByRole('button', { name: '発行する' }).click();
    const issued = (await (await post).json()) as EnrolmentCodeView;
    expect(issued).toMatchObject({ maxUses: 30, uses: 0, revokedAt: null });
    await codeForm.getByRole('status').filter({ hasText: issued.code }).waitFor();
    const row = page.locator(`tr[data-code="${issued.code}"]`);
    expect(await row.locator('td').nth(0).innerText()).toBe(name);
    expect(await row.locator('td').nth(1).innerText()).toBe('0 / 30');
    await expectAccessible(page);

    await row.getByRole('button', { name: `${issued.code}を取り消す` }).click();
    await row.getByRole('button', { name: 'はい、取り消す' }).click();
    await page.getByRole('status').filter({ hasText: `登録コード ${issued.code} を取り消しました。` }).waitFor();
    expect(await row.locator('td').nth(3).innerText()).toMatch(/^取り消し済み/);
  });

  it('moves a founder into the new cohort from the founders table; the cohort filter then finds them', async () => {
    const { page } = b;
    await staffNav(page, '創業者の一覧');
    await h1(page, '大阪市の創業者');
    await page.getByRole('checkbox', { name: `${founderName}さんを選ぶ` }).check();
    const move = page.getByRole('form', { name: '選んだ創業者の期を変える' });
    await move.getByLabel('移す先の期').selectOption({ label: cohortName });
    await move.getByRole('button', { name: '選んだ1人を移す' }).click();
    await move.getByRole('status').filter({ hasText: `1人を「${cohortName}」に移しました。` }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('期', { exact: true }).selectOption({ label: cohortName });
    await page.getByRole('button', { name: 'この条件で表示する' }).click();
    await page.waitForURL((u) => Boolean(u.searchParams.get('cohort')));
    await page.getByRole('region', { name: '創業者の一覧（1ページ目、1人）' }).waitFor();
    expect(await page.locator('table.founders tbody tr').getAttribute('data-user')).toBe(founderId);
  });

  it('downloads the founders CSV: UTF-8 with a BOM, CRLF, a header row, named for the municipality', async () => {
    const { page } = b;
    await staffNav(page, '創業者の一覧');
    await h1(page, '大阪市の創業者');
    const href = await page.getByRole('link', { name: '創業者の一覧をCSVでダウンロード' }).getAttribute('href');
    expect(href).toBe(`/api/tenants/${OSAKA}/exports/founders.csv`);
    const r = await page.request.get(`${base()}${href}`);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toMatch(/^text\/csv/);
    expect(r.headers()['content-disposition']).toMatch(new RegExp(`attachment; filename="[^"]*${OSAKA}[^"]*\\.csv"`));
    const bytes = await r.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(lines[0]).toMatch(/^id,/);
    expect(lines.length - 1).toBeGreaterThanOrEqual(20);
    expect(text).toContain(founderId);
    const audit = await api<AuditPage>(page, `/api/tenants/${OSAKA}/audit`);
    expect(audit.entries[0]).toMatchObject({ action: 'export.founders' });

    // …and the dashboard's tables, from their links.
    await staffNav(page, '創業者の状況');
    await h1(page, '大阪市の創業者の状況');
    const links = page.getByRole('link', { name: /この表をCSVでダウンロード/ });
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.map((h) => h.split('/').pop()).sort()).toEqual(['areas', 'modules', 'weeks']);
    for (const h of hrefs) {
      const t = await page.request.get(`${base()}${h}`);
      expect(t.status(), h).toBe(200);
      const body = await t.body();
      expect([...body.subarray(0, 3)], h).toEqual([0xef, 0xbb, 0xbf]);
      expect(body.toString('utf8'), h).toContain('\r\n');
    }
    expect(b.errors).toEqual([]);
  });

  it('every staff page is accessible at 360 px in Japanese and English', async () => {
    await everyPage(b.page, founderId, founderName);
    expect(b.errors).toEqual([]);
  }, 150_000);

  it('every staff page is accessible on a desktop in Japanese and English', async () => {
    const d = await freshBrowser({ width: 1280, height: 900 });
    try {
      await signIn(d.page, 'staff.osaka@example.jp');
      // The phone sweep above covers every page; on a desktop the wide layouts are what differ: the dashboard's
      // charts and tables, the founders table, and the seminar schedule.
      await everyPage(d.page, founderId, founderName, ['', '/founders', '/sessions']);
      expect(d.errors).toEqual([]);
    } finally { await d.close(); }
    // Six accessible page views, after a sign-in that may wait for a fresh two-step code (each works once).
  }, 150_000);
});

async function everyPage(page: Page, founderId: string, founderName: string, only?: string[]) {
  const pages: [string, string | RegExp, string | RegExp][] = [
    [`/staff/${OSAKA}`, '大阪市の創業者の状況', 'Founders in Osaka City'],
    [`/staff/${OSAKA}/founders`, '大阪市の創業者', 'Founders in Osaka City'],
    [`/staff/${OSAKA}/founders/${founderId}`, `${founderName}さんの記録`, `Record of ${founderName}`],
    [`/staff/${OSAKA}/cohorts`, '大阪市の期と登録コード', 'Cohorts and enrolment codes of Osaka City'],
    [`/staff/${OSAKA}/rule`, '特定創業支援の要件（大阪市）', 'Certificate rule (Osaka City)'],
    [`/staff/${OSAKA}/settings`, '大阪市の設定', 'Settings of Osaka City'],
    [`/staff/${OSAKA}/audit`, '大阪市の操作の記録', 'Audit log of Osaka City'],
    [`/staff/${OSAKA}/sessions`, '大阪市の講座・出欠', 'Seminar sessions of Osaka City'],
  ];
  // The seeded session of Osaka's autumn cohort: its door list, in both languages.
  const sessions = (await (await page.request.get(`${base()}/api/tenants/${OSAKA}/sessions`)).json()) as { sessions: Array<{ id: string; title: string }> };
  const seeded = sessions.sessions.find((x) => x.title === '第4回 開業の手続きと届出')!;
  pages.push([`/staff/${OSAKA}/sessions/${seeded.id}`, seeded.title, seeded.title]);
  for (const [path, ja, en] of pages.filter(([p]) => !only || only.some((o) => p === `/staff/${OSAKA}${o}`))) {
    await page.goto(`${base()}${path}`);
    await accessibleInBoth(page, ja, en);
    expect(await page.title(), path).toMatch(/大阪市/);
  }
}

describe('staff of Sakai City', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  let osakaIds: string[] = [];
  beforeAll(async () => {
    // Osaka's founders, as Osaka's staff see them, to look for on Sakai's pages.
    const o = await freshBrowser();
    try {
      await signIn(o.page, 'staff.osaka@example.jp');
      osakaIds = (await api<FoundersPage>(o.page, `/api/tenants/${OSAKA}/founders?limit=100`)).founders.map((f) => f.userId);
    } finally { await o.close(); }
    b = await freshBrowser();
    await signIn(b.page, 'staff.sakai@example.jp');
  });
  afterAll(async () => { await b?.close(); });

  it('sees no 大阪市 founder in the founders table', async () => {
    const { page } = b;
    expect(osakaIds.length).toBeGreaterThan(0);
    await page.goto(`${base()}/staff/271403/founders`);
    await h1(page, '堺市の創業者');
    await page.locator('table.founders tbody tr').first().waitFor();
    const shown = await page.locator('table.founders tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-user')));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((id) => osakaIds.includes(id!))).toEqual([]);
    await expectAccessible(page);
  });

  it('gets the not-found state for an Osaka founder’s record, and access denied for Osaka’s pages', async () => {
    const { page } = b;
    await page.goto(`${base()}/staff/271403/founders/${osakaIds[0]}`);
    await h1(page, 'この創業者の記録は見られません');
    await expectAccessible(page);
    expect(await page.locator('table').count()).toBe(0);
    await page.goto(`${base()}/staff/${OSAKA}/founders/${osakaIds[0]}`);
    await h1(page, 'このページを見る権限がありません');
    await page.goto(`${base()}/staff/${OSAKA}/founders`);
    await h1(page, 'このページを見る権限がありません');
    await expectAccessible(page);
    await api(page, `/api/tenants/${OSAKA}/founders`, 403);
    await api(page, `/api/founders/${osakaIds[0]}`, 403);
  });
});
