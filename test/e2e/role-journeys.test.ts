import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caseload, TenantTotals } from '../../functions/contract/roles.ts';
import type { RegionTenants } from '../../functions/contract/region.ts';
import { expectAccessible, freshBrowser, signInInBrowser } from '../fixtures/browser.ts';

// One journey per role with the demo logins: sign in, land on the role's home with the server's real figures, stay
// accessible at 360 px in Japanese and English. And a founder is refused from the other roles' areas.
const base = () => inject('baseUrl');
const PASSWORD = 'sogyo-campus-demo';

async function signIn(page: Page, email: string) {
  await signInInBrowser(page, base(), email, PASSWORD);
}
async function api<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`${base()}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}
/** The figure shown under a label in the dashboard's headline. */
const figure = (page: Page, label: RegExp) => page.locator('.figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd').innerText();
const toEnglish = async (page: Page) => { await page.getByRole('button', { name: 'English' }).click(); };

describe('staff of Osaka City', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  beforeAll(async () => { b = await freshBrowser(); });
  afterAll(async () => { await b?.close(); });

  it('signs in and lands on the municipality’s dashboard with the server’s figures', async () => {
    const { page } = b;
    await signIn(page, 'staff.osaka@example.jp');
    await page.getByRole('heading', { level: 1, name: '大阪市の創業者の状況' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff/271004');
    const totals = await api<TenantTotals>(page, '/api/tenants/271004/totals');
    expect(totals.founders).toBeGreaterThanOrEqual(3);
    expect(await figure(page, /^登録した創業者$/)).toBe(`${totals.founders}人`);
    expect(await figure(page, /^今週学習した人/)).toBe(`${totals.activeThisWeek}人`);
    expect(await figure(page, /^市町村の要件を満たす人$/)).toBe(`${totals.eligible}人`);
    const coverage = page.getByRole('table', { name: /分野ごとに/ });
    expect(await coverage.locator('tbody tr').first().locator('td').first().innerText()).toBe(String(totals.coveredByArea.management));
    // The seeded founders studied the first module: it is listed by its title with its completions.
    const firstModule = totals.modules.find((m) => m.moduleId === 'm01-motive-concept');
    expect(firstModule).toBeDefined();
    await page.getByRole('table', { name: /モジュールごとの修了者数/ }).getByRole('rowheader').first().waitFor();
    await expectAccessible(page);
    expect(b.errors).toEqual([]);
  });

  it('reads in English and stays accessible', async () => {
    const { page } = b;
    await toEnglish(page);
    await page.getByRole('heading', { level: 1, name: 'Founders in Osaka City' }).waitFor();
    await expectAccessible(page);
  });

  it('opens the certificate rule, refuses a wrong entry with a message, saves a good one', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Certificate rule', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Certificate rule/ }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Days of study (minimum)').fill('25');
    await page.getByRole('button', { name: 'Save the rule' }).click();
    await page.getByText('Enter a whole number from 1 to 20.').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByText('1から20までの整数で入力してください。').waitFor();
    await page.getByLabel('学習した日数（最低）').fill('4');
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/tenants/271004/eligibility-rule'));
    await page.getByRole('button', { name: '要件を保存する' }).click();
    expect((await put).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: '要件を保存しました' }).waitFor();
    await expectAccessible(page);
  });

  it('is refused from another municipality’s pages', async () => {
    const { page } = b;
    await page.goto(`${base()}/staff/271403`);
    await page.getByRole('heading', { level: 1, name: 'このページを見る権限がありません' }).waitFor();
    await expectAccessible(page);
  });
});

describe('the advisor', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  beforeAll(async () => { b = await freshBrowser(); });
  afterAll(async () => { await b?.close(); });

  it('signs in and sees the founders assigned to them in both municipalities, in Japanese and English', async () => {
    const { page } = b;
    await signIn(page, 'advisor@example.jp');
    await page.getByRole('heading', { level: 1, name: '担当している創業者' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/advisor');
    const caseload = await api<Caseload>(page, '/api/caseload');
    expect(caseload.founders.length).toBeGreaterThan(0);
    expect(await page.locator('li.founder').count()).toBe(caseload.founders.length);
    for (const f of caseload.founders) await page.getByRole('heading', { level: 3, name: f.name }).waitFor();
    expect(new Set(caseload.founders.map((f) => f.tenantId))).toEqual(new Set(['271004', '271403']));
    // In the caseload's order (who needs the advisor first), with a filter by municipality.
    expect(await page.locator('li.founder h3').allTextContents()).toEqual(caseload.founders.map((f) => f.name));
    await page.getByLabel('市町村で絞り込む').selectOption('271403');
    expect(await page.locator('li.founder').count()).toBe(caseload.founders.filter((f) => f.tenantId === '271403').length);
    await page.getByRole('heading', { level: 2, name: /^連絡を優先したい順（\d+人）$/ }).waitFor();
    await expectAccessible(page);
    await toEnglish(page);
    await page.getByRole('heading', { level: 1, name: 'My founders' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Who needs you first \(\d+\)$/ }).waitFor();
    await expectAccessible(page);
    expect(b.errors).toEqual([]);
  });
});

describe('the union’s admin', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  beforeAll(async () => { b = await freshBrowser(); });
  afterAll(async () => { await b?.close(); });

  it('signs in and sees every municipality with its figures, in Japanese and English', async () => {
    const { page } = b;
    await signIn(page, 'admin@example.jp');
    await page.getByRole('heading', { level: 1, name: '市町村の一覧' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    const region = await api<RegionTenants>(page, '/api/region/tenants');
    for (const x of region.tenants) {
      const row = page.locator(`tr[data-tenant="${x.id}"]`);
      expect(await row.locator('td').nth(1).innerText()).toBe(x.founders.toLocaleString('ja-JP'));
    }
    expect(region.tenants.map((x) => x.id).sort()).toEqual(['262013', '271004', '271403', '282014', '292010']);
    await expectAccessible(page);
    await toEnglish(page);
    await page.getByRole('heading', { level: 1, name: 'Municipalities' }).waitFor();
    await page.getByRole('rowheader', { name: /Sakai City/ }).waitFor();
    await expectAccessible(page);
    expect(b.errors).toEqual([]);
  });
});

describe('a founder', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  beforeAll(async () => { b = await freshBrowser(); });
  afterAll(async () => { await b?.close(); });

  it('is refused from /staff, /advisor and /admin with the access-denied page, in Japanese and English', async () => {
    const { page } = b;
    await signIn(page, 'founder3@example.jp');
    await page.getByRole('heading', { name: /さん、こんにちは/ }).waitFor();
    for (const path of ['/staff', '/advisor', '/admin']) {
      await page.goto(`${base()}${path}`);
      await page.getByRole('heading', { level: 1, name: 'このページを見る権限がありません' }).waitFor();
      expect(await page.locator('.figure, table').count()).toBe(0);
    }
    await expectAccessible(page);
    await toEnglish(page);
    await page.getByRole('heading', { level: 1, name: 'You do not have access to this page' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Study' }).click();
    await page.getByRole('heading', { name: /^Hello, / }).waitFor();
    await page.getByRole('button', { name: '日本語' }).click();
  });
});
