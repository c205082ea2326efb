import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caseload } from '../../functions/contract/roles.ts';
import type { FoundersPage } from '../../functions/contract/staff.ts';
import { expectAccessible, freshBrowser, signInInBrowser } from '../fixtures/browser.ts';

// Issue 11 in Chromium, against the platform as `npm start` serves it: staff.osaka attaches founder1 to the advisor and
// assigns m07 due in a week → the advisor (with TOTP) sees founder1 first among Osaka's founders → founder1 fills two
// sections of the business plan with an imbalance, which the app flags, and attaches a PDF (posted straight to the
// local S3 server), books a consultation → the advisor comments on 必要な資金と調達方法 → founder1 sees the comment, fixes the figures, and
// the flag disappears; on the way founder1 books a consultation from the plan page. Every page at 360 px, axe-clean.
const base = () => inject('baseUrl');
const OSAKA = '271004';

async function api<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`${base()}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

describe('the advisor’s caseload and the business plan reviewed online', () => {
  let staff: Awaited<ReturnType<typeof freshBrowser>>;
  let advisor: Awaited<ReturnType<typeof freshBrowser>>;
  let founder: Awaited<ReturnType<typeof freshBrowser>>;
  let founderId = '';

  beforeAll(async () => {
    [staff, advisor, founder] = await Promise.all([freshBrowser(), freshBrowser(), freshBrowser()]);
    await signInInBrowser(staff.page, base(), 'staff.osaka@example.jp');
    await staff.page.waitForURL(/\/staff\/\d{6}$/);
  });
  afterAll(async () => { await Promise.all([staff?.close(), advisor?.close(), founder?.close()]); });

  it('staff attach founder1 to the advisor and assign m07 due in a week', async () => {
    const { page } = staff;
    const found = await api<FoundersPage>(page, `/api/tenants/${OSAKA}/founders?q=${encodeURIComponent('田中 美咲')}`);
    founderId = found.founders.find((f) => f.name === '田中 美咲')!.userId;
    await page.goto(`${base()}/staff/${OSAKA}/founders/${founderId}`);
    await page.getByRole('heading', { level: 2, name: '担当の経営指導員と課題' }).waitFor();
    await page.getByText('まだ担当の経営指導員はいません。').waitFor();
    await page.getByLabel('担当にする経営指導員').selectOption({ label: '商工会議所 経営指導員' });
    await page.getByRole('button', { name: '担当にする', exact: true }).click();
    await page.getByText('商工会議所 経営指導員さんを担当にしました。').waitFor();
    const m07 = page.getByLabel('課題にするモジュール');
    const label = await m07.locator('option').filter({ hasText: /./ }).evaluateAll((os) => (os as HTMLOptionElement[]).find((o) => o.value.startsWith('m07'))!.value);
    await m07.selectOption(label);
    await page.getByLabel('ひとこと（任意）').fill('資金計画の回を来週までに');
    await page.getByRole('button', { name: '課題を出す' }).click();
    await page.getByText(/^課題を出しました（期限 /).waitFor();
    await expectAccessible(page);
  });

  it('the advisor (two-step sign-in) sees founder1 first among Osaka’s founders, with the assignment due soon', async () => {
    const { page } = advisor;
    await signInInBrowser(page, base(), 'advisor@example.jp');
    await page.getByRole('heading', { level: 1, name: '担当している創業者' }).waitFor();
    await page.getByLabel('市町村で絞り込む').selectOption(OSAKA);
    const first = page.locator('li.founder').first();
    await first.getByRole('heading', { level: 3, name: '田中 美咲' }).waitFor();
    expect(await first.textContent()).toContain('1週間以内に期限の課題があります');
    const caseload = await api<Caseload>(page, `/api/caseload?tenant=${OSAKA}`);
    expect(caseload.founders[0]).toMatchObject({ userId: founderId, dueSoonAssignments: 1, attention: expect.arrayContaining(['due_soon']) });
    await expectAccessible(page);
    // The founder's record, as staff see it (audited): standing, evidence and the assignment staff gave.
    await first.getByRole('link', { name: '田中 美咲さんの記録を開く' }).click();
    await page.getByRole('heading', { level: 1, name: '田中 美咲' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '取り組む課題' }).waitFor();
    await page.getByText(/・期限 /).first().waitFor();
    await expectAccessible(page);
  });

  it('founder1 fills two sections with an imbalance, which the app flags beside the totals, and attaches a PDF', async () => {
    const { page } = founder;
    await signInInBrowser(page, base(), 'founder1@example.jp');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: '創業計画書を作成する' }).click();
    await page.getByRole('heading', { level: 1, name: '創業計画書' }).waitFor();
    await page.getByLabel('創業の目的・動機').fill('子育て世代が集まれるカフェを地元の商店街に開きたい。');
    await page.getByRole('button', { name: '行を追加：設備資金' }).click();
    await page.getByLabel('設備資金の内訳（1行目）').fill('内装工事');
    await page.getByLabel('見積先（1行目）').fill('○○工務店');
    await page.getByLabel('設備資金の金額（1行目）').fill('2000000');
    await page.getByLabel('自己資金').fill('500000');
    await page.getByLabel('日本政策金融公庫 国民生活事業からの借入').fill('1000000');
    await page.getByText(/^保存しました/).waitFor();
    const flag = page.locator('#plan-funding-total-checks');
    await flag.getByText('要修正').waitFor();
    expect(await flag.textContent()).toContain('500,000円');
    const pdf = join(tmpdir(), '見積書.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await page.getByLabel('ファイルを選ぶ').setInputFiles(pdf);
    await page.getByText('「見積書.pdf」を添付しました。').waitFor();
    await page.getByRole('button', { name: '「見積書.pdf」をダウンロード' }).waitFor();
    await expectAccessible(page);
  });

  it('founder1 books a consultation from the plan page, with a note; the advisor sees it on their slots', async () => {
    const { page } = founder;
    await page.getByRole('link', { name: '経営指導員に相談を予約する' }).click();
    await page.getByRole('heading', { level: 1, name: '経営指導員への相談' }).waitFor();
    await page.getByText('創業計画書について相談する予約です。').waitFor();
    const slot = page.locator('#consult-open ~ ul li.slot, section[aria-labelledby="consult-open"] li.slot').first();
    const when = (await slot.locator('h3').textContent())!;
    await slot.getByLabel(`${when}の相談で話したいこと（任意）`).fill('資金計画の見直しについて');
    await slot.getByRole('button', { name: `${when}に予約する` }).click();
    await page.getByText(`${when}の相談を予約しました。確認のメールをお送りしました。`).waitFor();
    await page.getByRole('button', { name: `${when}の予約を取り消す` }).waitFor();
    await expectAccessible(page);
    await advisor.page.goto(`${base()}/advisor/consultations`);
    await advisor.page.getByText('予約：田中 美咲さん').waitFor();
    await expectAccessible(advisor.page);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: '創業計画書' }).waitFor();
  });

  it('the advisor comments on 必要な資金と調達方法 of the version they read', async () => {
    const { page } = advisor;
    await page.goto(`${base()}/advisor`);
    await page.getByRole('link', { name: '田中 美咲さんの創業計画書を開く' }).click();
    await page.getByRole('heading', { level: 1, name: '田中 美咲さんの創業計画書' }).waitFor();
    const funding = page.getByRole('region', { name: '7. 必要な資金と調達方法' });
    expect(await funding.textContent()).toContain('500,000円');
    await funding.getByLabel('この項目にコメントする').fill('調達が50万円足りません。公庫の借入額を見直してください。');
    await funding.getByRole('button', { name: '送信する' }).click();
    await funding.getByText('調達が50万円足りません。公庫の借入額を見直してください。').waitFor();
    await page.getByRole('button', { name: '「見積書.pdf」をダウンロード' }).waitFor();
    await expectAccessible(page);
  });

  it('founder1 sees the comment beside the section, fixes the figures, and the flag disappears', async () => {
    const { page } = founder;
    await page.reload();
    await page.getByText('指導員からの新しいコメント 1件').waitFor();
    const funding = page.locator('#plan-funding');
    await funding.getByText('調達が50万円足りません。公庫の借入額を見直してください。').waitFor();
    await page.getByLabel('日本政策金融公庫 国民生活事業からの借入').fill('1500000');
    await page.locator('#plan-funding-total-checks').waitFor({ state: 'detached' });
    await page.getByText(/^保存しました/).waitFor();
    await funding.getByLabel('商工会議所 経営指導員さんへの返信').fill('公庫の借入を150万円にしました。');
    await funding.getByRole('button', { name: '返信する' }).click();
    await funding.getByText('公庫の借入を150万円にしました。').waitFor();
    await expectAccessible(page);
    expect(founder.errors).toEqual([]);
    expect(advisor.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
  });
});
