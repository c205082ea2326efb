import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, freshBrowser } from '../fixtures/browser.ts';

const base = () => inject('baseUrl');
const email = `e2e-${Date.now()}@example.jp`;
const password = 'a long passphrase for e2e';

describe('a founder signs up, studies a lesson and finds their progress on another device', () => {
  let phone: Awaited<ReturnType<typeof freshBrowser>>;
  let lessonUrl = '';
  beforeAll(async () => { phone = await freshBrowser(); });
  afterAll(async () => { await phone?.close(); });

  it('signs up with the municipality’s enrolment code', async () => {
    const { page } = phone;
    await page.goto(`${base()}/signup?code=OSAKA-2026`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: '大阪市' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('お名前').fill('テスト 花子');
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登録して学習を始める' }).click();
    await page.getByRole('heading', { name: 'テスト 花子さん、こんにちは' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: '学習を始める' }).count()).toBe(1);
    await expectAccessible(page);
  });

  it('opens the first lesson, reads it and marks it complete', async () => {
    const { page } = phone;
    await page.getByRole('link', { name: '学習を始める' }).click();
    await page.locator('.lesson-body h2').first().waitFor();
    lessonUrl = page.url();
    expect(lessonUrl).toMatch(/\/courses\/sogyo-kiso\/m01-motive-concept\/01-/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'このレッスンを完了にする' }).click();
    await page.getByRole('status').filter({ hasText: '完了しました' }).waitFor();
    await expectAccessible(page);
  });

  it('shows the completed lesson in the course outline', async () => {
    const { page } = phone;
    await page.getByRole('link', { name: '創業基礎講座' }).first().click();
    await page.getByRole('heading', { level: 2, name: /経営/ }).waitFor();
    await expect.poll(() => page.locator('.done').count()).toBe(1);
    await expectAccessible(page);
  });

  it('finds the same progress and the continue button after signing in from a fresh browser', async () => {
    const other = await freshBrowser({ width: 412 });
    try {
      const { page } = other;
      await page.goto(`${base()}/`);
      await page.getByRole('heading', { name: 'ログイン' }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログイン' }).click();
      const cont = page.getByRole('link', { name: '続きから学習する' });
      await cont.waitFor();
      await expect.poll(() => page.getByText(/1 \/ \d+ レッスン/).count()).toBeGreaterThan(0);
      await cont.click();
      await page.locator('.lesson-body').waitFor();
      expect(page.url()).not.toBe(lessonUrl);
      expect(page.url()).toMatch(/m01-motive-concept\/02-/);
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('switches to English, keeps it after a reload, and stays accessible', async () => {
    const { page } = phone;
    await page.goto(`${base()}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Hello, テスト 花子' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Hello, テスト 花子' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectAccessible(page);
    await page.goto(`${base()}/courses/sogyo-kiso`);
    await page.getByRole('heading', { level: 2, name: /Management/ }).waitFor();
    await expectAccessible(page);
    await page.goto(`${base()}/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectAccessible(page);
    expect(phone.errors).toEqual([]);
  });

  it('shows clear errors for a wrong password and an expired or unknown code', async () => {
    const b = await freshBrowser();
    try {
      const { page } = b;
      await page.goto(`${base()}/signin`);
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill('not the password');
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('alert').filter({ hasText: 'メールアドレスまたはパスワードが正しくありません' }).waitFor();
      await expectAccessible(page);
      await page.goto(`${base()}/signup?code=NO-SUCH-CODE`);
      await page.getByText('この登録コードは見つかりません').first().waitFor();
      await expectAccessible(page);
    } finally {
      await b.close();
    }
  });
});
