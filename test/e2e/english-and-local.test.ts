import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, freshBrowser, signUpInBrowser } from '../fixtures/browser.ts';

// A founder of 堺市 who reads in English, on a 360 px phone: a translated module (m17) in English, an untranslated
// one in Japanese under the fallback notice, and Sakai's own local pages — never Osaka's. Every page passes axe.
const base = () => inject('baseUrl');
const translated = '/courses/sogyo-kiso/m17-post-launch-review/01-monthly-review';
// m07 has no English version (the English track covers m01–m06, m08, m09, m11, m17 and m25).
const untranslated = '/courses/sogyo-kiso/m07-profit-cashflow/01-sales-forecast';

describe('an English-reading founder of Sakai City', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  const content: string[] = [];
  beforeAll(async () => {
    b = await freshBrowser({ width: 360 });
    b.page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/content/')) content.push(u.pathname); });
    await signUpInBrowser(b.page, base(), { code: 'SAKAI-2026', name: '英語 読子', email: `english-${Date.now()}@example.jp`, password: 'reading in english please' });
    // The founder switches the app to English with the header's language button.
    await b.page.getByRole('button', { name: 'English' }).click();
    await b.page.getByRole('button', { name: '日本語' }).waitFor();
  });
  afterAll(async () => { await b?.close(); });

  it('sees Sakai’s notices and support programmes on home, in English where translated', async () => {
    const { page } = b;
    const section = page.getByRole('region', { name: 'News and support from Sakai City' });
    await section.waitFor();
    await expect.poll(() => section.getByRole('link').count()).toBe(3);
    // The English file replaces the Japanese one the home page showed before the switch.
    await expect.poll(() => section.getByRole('link').first().textContent()).toBe("Sakai City's specified start-up support programme and its benefits");
    expect(await section.getByText('Japanese only').count()).toBe(2);
    expect(await page.getByText(/大阪市/).count()).toBe(0);
    await expectAccessible(page);
    // Japanese first (before the switch), then English: Sakai's files only.
    expect([...new Set(content.filter((p) => p.startsWith('/content/local/')))]).toEqual(['/content/local/271403.json', '/content/local/271403.en.json']);
  });

  it('opens a local page of Sakai, and one without English under the notice', async () => {
    const { page } = b;
    await page.getByRole('region', { name: 'News and support from Sakai City' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: "Sakai City's specified start-up support programme and its benefits" }).waitFor();
    expect(await page.getByRole('note').count()).toBe(0);
    await expectAccessible(page);
    await page.goto(`${base()}/local/02-nakamozu`);
    const h1 = page.getByRole('heading', { level: 1, name: '中百舌鳥エリアのスタートアップ支援' });
    await h1.waitFor();
    expect(await h1.getAttribute('lang')).toBe('ja');
    expect(await page.getByRole('note').textContent()).toBe('This page is available in Japanese only.');
    await expectAccessible(page);
    expect(content.some((p) => p.includes('271004'))).toBe(false);
  });

  it('sees which modules are in English in the outline', async () => {
    const { page } = b;
    await page.goto(`${base()}/courses/sogyo-kiso`);
    const m17 = page.locator('.module').filter({ hasText: 'Reviewing your business after launch' });
    await m17.waitFor();
    expect(await m17.getByText('In English').count()).toBe(1);
    expect(await m17.getByRole('link', { name: 'Compare plan and results every month' }).getAttribute('lang')).toBe('en');
    const m07 = page.locator('.module').filter({ hasText: 'Profit plan and cash flow' });
    expect(await m07.getByText('Japanese only').count()).toBe(1);
    const m01 = page.locator('.module').filter({ hasText: 'Your motive and business concept' });
    expect(await m01.getByText('Japanese only').count()).toBe(0);
    await expectAccessible(page);
  });

  it('reads a translated lesson in English', async () => {
    const { page } = b;
    await page.goto(`${base()}${translated}`);
    const h1 = page.getByRole('heading', { level: 1, name: 'Compare plan and results every month' });
    await h1.waitFor();
    expect(await h1.getAttribute('lang')).toBe('en');
    expect(await page.locator('.lesson-body').getAttribute('lang')).toBe('en');
    expect(await page.locator('.lesson-body h2').first().textContent()).toBe('Opening day is the start, not the finish line');
    expect(await page.getByRole('note').count()).toBe(0);
    expect(content).toContain('/content/sogyo-kiso/m17-post-launch-review/01-monthly-review.en.json');
    await expectAccessible(page);
  });

  it('reads an untranslated lesson in Japanese, told so, with lang="ja" on the Japanese text', async () => {
    const { page } = b;
    await page.goto(`${base()}${untranslated}`);
    const note = page.getByRole('note');
    await note.waitFor();
    expect(await note.textContent()).toBe('This lesson is available in Japanese only.');
    expect(await note.isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).getAttribute('lang')).toBe('ja');
    expect(await page.locator('.lesson-body').getAttribute('lang')).toBe('ja');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: 'Mark this lesson complete' }).count()).toBe(1);
    // No English file was asked for a module that has none.
    expect(content.filter((p) => p.startsWith('/content/sogyo-kiso/m07-profit-cashflow/') && p.includes('.en.'))).toEqual([]);
    await expectAccessible(page);
  });

  it('takes the translated module’s quiz in English', async () => {
    const { page } = b;
    await page.goto(`${base()}/courses/sogyo-kiso/m17-post-launch-review/quiz`);
    await page.getByText(/Last month a general goods shop had sales of ¥640,000/).waitFor();
    expect(await page.getByRole('note').count()).toBe(0);
    await expectAccessible(page);
    expect(b.errors).toEqual([]);
  });
});
