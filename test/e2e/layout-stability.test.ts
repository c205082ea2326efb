import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { freshBrowser, signInInBrowser } from '../fixtures/browser.ts';

// Nothing on the founder's pages moves once it is painted (WCAG 2.2's spirit, and Lighthouse's cumulative layout shift,
// a quarter of its performance score). Found with a layout-shift observer at Lighthouse's phone size with a Japanese
// font installed: the menu wrapped onto a second row only when the sign-in check answered (0.37), and the home page's
// assignments and sessions arrived after the cards below them (0.15).
const base = () => inject('baseUrl');
const LESSON = '/courses/sogyo-kiso/m01-motive-concept/01-why-start';

/** Sum of the layout shifts of one fresh load of `path`, as the browser reports them, after the page has settled. */
async function shiftsOf(page: Page, path: string, ready: () => Promise<unknown>): Promise<{ total: number; moved: string[] }> {
  await page.goto(`${base()}${path}`);
  await ready();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  return page.evaluate(() => (window as unknown as { __shifts: { total: number; moved: string[] } }).__shifts);
}

const headerHeight = (page: Page) => page.locator('header.top').evaluate((h) => h.getBoundingClientRect().height);

/** Records every layout shift of each page load in `window.__shifts` (from the first paint on). */
function observeShifts() {
  const w = window as unknown as { __shifts: { total: number; moved: string[] } };
  w.__shifts = { total: 0, moved: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Node }[] }[]) {
      if (e.hadRecentInput) continue;
      w.__shifts.total += e.value;
      w.__shifts.moved.push(...e.sources.map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName))));
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

describe('the founder’s pages hold still', () => {
  it.each([[360, 'ja'], [360, 'en'], [412, 'ja'], [412, 'en']] as const)('at %i px in %s: the header keeps one height signed out and in; home and a lesson do not move', async (width, lang) => {
    const b = await freshBrowser({ width, height: 823 });
    try {
      const { page } = b;
      await b.context.addInitScript(observeShifts);
      await signInInBrowser(page, base(), 'founder1@example.jp');
      await page.evaluate((l) => localStorage.setItem('sogyo.locale', l), lang);
      const lesson = await shiftsOf(page, LESSON, () => page.locator('.lesson-body').waitFor());
      const signedIn = await headerHeight(page);
      expect(lesson.total, `lesson moved: ${lesson.moved.join(', ')}`).toBeLessThan(0.05);
      const home = await shiftsOf(page, '/', () => page.locator('section.resume').waitFor());
      expect(home.total, `home moved: ${home.moved.join(', ')}`).toBeLessThan(0.05);
      // Signed out, the menu holds only the language switch: the header (and so everything under it) stays put.
      await page.getByRole('button', { name: lang === 'ja' ? 'ログアウト' : 'Sign out' }).click();
      await page.locator('form').waitFor();
      expect(await headerHeight(page)).toBe(signedIn);
    } finally { await b.close(); }
  });
});
