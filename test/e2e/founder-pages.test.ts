import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { ja } from '../../web/src/i18n/ja.ts';
import { expectAccessible, freshBrowser } from '../fixtures/browser.ts';

// Every page of the founder's journey, in Japanese and in English, on a 360 px phone: its own title in the current
// language (WCAG 2.4.2), focus on the new page's heading after a client-side move (2.4.3), and no sideways scrolling
// (1.4.10) — also with a 78-character unbroken Latin name and email address on home, evidence and verify. One browser
// context per language, one founder each, signed up through the API.
const base = () => inject('baseUrl');
const course = '/courses/sogyo-kiso';
const lesson = `${course}/m01-motive-concept/01-why-start`;
const quiz = `${course}/m01-motive-concept/quiz`;
const LONG_NAME = `Hanako${'x'.repeat(72)}`; // 78 characters, no space to break at
const longEmail = (lang: string) => `${lang}${Date.now()}${'y'.repeat(78)}`.slice(0, 66) + '@example.jp'; // 77 characters

/** The title, the width and (after a client-side move) the focus, once the page shows its heading. */
async function expectPage(page: Page, dict: typeof ja | typeof en, o: { title?: string; moved?: boolean } = {}) {
  const h1 = page.locator('main h1').first();
  await h1.waitFor();
  await page.locator('main .loading').waitFor({ state: 'detached' });
  const heading = (await h1.textContent())!.trim();
  const expected = `${o.title ?? heading} | ${dict['app.name']}`;
  await expect.poll(() => page.title(), { message: `title on ${page.url()}` }).toBe(expected);
  if (o.moved) {
    await expect.poll(() => page.evaluate(() => document.activeElement === document.querySelector('main h1')), { message: `focus on ${page.url()}` }).toBe(true);
  }
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(360);
}

describe.each([
  { lang: 'ja', dict: ja },
  { lang: 'en', dict: en },
] as const)('the founder’s journey in $lang', ({ lang, dict }) => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  const email = longEmail(lang);
  beforeAll(async () => {
    b = await freshBrowser({ width: 360 });
    // The language the founder chose on this device before, as the header's switch leaves it.
    await b.context.addInitScript((l) => localStorage.setItem('sogyo.locale', l), lang);
    b.page.on('dialog', (d) => void d.accept());
  });
  afterAll(async () => { await b?.close(); });

  it('signed out: landing, sign-in, sign-up and not-found pages; a failed sign-in focuses what is wrong', async () => {
    const { page } = b;
    await page.goto(`${base()}/`);
    await page.waitForURL(/\/signin/);
    await expectPage(page, dict, { title: dict['signIn.title'] });
    await page.getByRole('button', { name: dict['signIn.submit'], exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.getByRole('link', { name: dict['signIn.toSignUp'] }).click();
    await expectPage(page, dict, { title: dict['signUp.title'], moved: true });
    await page.goto(`${base()}/no/such/page`);
    await expectPage(page, dict, { title: dict['state.notFound'] });
    expect(await page.getByRole('button', { name: dict['state.retry'] }).count()).toBe(0);
    await page.getByRole('link', { name: dict['state.goHome'] }).click();
    await page.waitForURL(/\/signin/);
    await expectPage(page, dict, { title: dict['signIn.title'], moved: true });
  });

  it('signed in with a long unbroken name: home, outline, lesson, quiz, evidence, local page, account and verify', async () => {
    const { page } = b;
    const r = await page.request.post(`${base()}/api/auth/signup`, {
      headers: { origin: base() }, data: { code: 'OSAKA-2026', name: LONG_NAME, email, password: 'a long enough passphrase', locale: lang },
    });
    expect(r.status(), await r.text()).toBe(201);
    await page.goto(`${base()}/`);
    await expectPage(page, dict, { title: dict['home.title'] });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(LONG_NAME);

    await page.getByRole('link', { name: dict['home.openCourse'] }).click();
    await expectPage(page, dict, { moved: true });
    expect(page.url()).toBe(`${base()}${course}`);
    await page.locator(`a[href="${lesson}"]`).click();
    await expectPage(page, dict, { moved: true });
    await page.goto(`${base()}${quiz}`);
    await expectPage(page, dict);
    await page.getByRole('navigation', { name: dict['lesson.backToCourse'] }).getByRole('link').click();
    await expectPage(page, dict, { moved: true });
    await page.getByRole('link', { name: new RegExp(dict['course.quiz'].replace('{count}', '\\d+').replace(/[()（）]/g, '.')) }).first().click();
    await expectPage(page, dict, { moved: true });

    await page.getByRole('navigation', { name: dict['nav.main'] }).getByRole('link', { name: dict['nav.home'] }).click();
    await expectPage(page, dict, { title: dict['home.title'], moved: true });
    await page.getByRole('link', { name: dict['home.evidence'] }).click();
    await expectPage(page, dict, { moved: true });
    await page.getByRole('region', { name: dict['evidence.startTitle'] }).waitFor();
    expect(await page.getByText(LONG_NAME).count()).toBe(1);
    if (lang === 'ja') await expectAccessible(page);
    const code = (await page.locator('.code').first().textContent())!.trim();

    await page.goto(`${base()}/local/01-support`);
    await expectPage(page, dict);
    await page.getByRole('navigation', { name: dict['nav.main'] }).getByRole('link', { name: dict['nav.account'] }).click();
    await expectPage(page, dict, { moved: true });
    expect(await page.getByText(email).count()).toBeGreaterThan(0);

    await page.goto(`${base()}/verify/${code}`);
    await expectPage(page, dict);
    expect(await page.getByText(LONG_NAME).count()).toBe(1);
  });

  it('a quiz answer survives a reload of the page', async () => {
    const { page } = b;
    await page.goto(`${base()}${quiz}`);
    const first = page.locator('fieldset.question').first().locator('input').first();
    await first.check();
    await page.reload();
    await page.locator('fieldset.question').first().waitFor();
    expect(await page.locator('fieldset.question').first().locator('input').first().isChecked()).toBe(true);
    expect(b.errors).toEqual([]);
  });
});
