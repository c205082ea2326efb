import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, freshBrowser, signInInBrowser } from '../fixtures/browser.ts';

// Issue 12 point 1 in Chromium at 360 px: a demo founder who completed the first module rates it from the module's card
// in the course outline, finds the rating after a reload and changes it; the form passes axe.
const base = () => inject('baseUrl');
// The seeded crowd's second Osaka founder completed the first module (lessons and quiz).
const EMAIL = 'demo.osaka.02@example.jp';

describe('a founder rates a completed module from the course outline', () => {
  let phone: Awaited<ReturnType<typeof freshBrowser>>;
  beforeAll(async () => {
    phone = await freshBrowser();
    await signInInBrowser(phone.page, base(), EMAIL);
  });
  afterAll(async () => { await phone?.close(); });

  it('answers, finds the answer after a reload, and changes it', async () => {
    const { page } = phone;
    await page.goto(`${base()}/courses/sogyo-kiso`);
    const card = page.locator('#module-m01-motive-concept');
    await card.getByRole('button', { name: 'この単元を評価する' }).click();
    const form = card.getByRole('region', { name: 'この単元の評価' });
    await form.getByRole('group', { name: 'この単元はどのくらい役に立ちましたか' }).waitFor();
    await expectAccessible(page);
    await form.getByLabel('4 役に立った').check();
    await form.getByLabel('はい').check();
    await form.getByLabel('ご意見・ご感想（任意）').fill('事業コンセプトを一文で書く練習が役に立ちました。');
    await expect.poll(() => form.getByText('24 / 400文字').count()).toBe(1);
    await form.getByRole('button', { name: '送信する' }).click();
    await form.getByText('ご回答ありがとうございました。').waitFor();
    await expectAccessible(page);

    await page.reload();
    await card.getByRole('button', { name: 'この単元を評価する' }).click();
    await form.getByText('あなたの評価：4 / 5、事業計画に役立った').waitFor();
    await form.getByRole('button', { name: '評価を変更する' }).click();
    expect(await form.getByLabel('4 役に立った').isChecked()).toBe(true);
    await form.getByLabel('5 とても役に立った').check();
    await form.getByRole('button', { name: '送信する' }).click();
    await form.getByText('あなたの評価：5 / 5、事業計画に役立った').waitFor();
    expect(phone.errors).toEqual([]);
  });
});
