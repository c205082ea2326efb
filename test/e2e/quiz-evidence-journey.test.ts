import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ServerCatalog } from '../../functions/contract/catalog.ts';
import { expectAccessible, freshBrowser, signUpInBrowser } from '../fixtures/browser.ts';

// The test plays a founder who knows the answers: it reads the server catalog the browser never receives.
const catalog = JSON.parse(readFileSync('dist/catalog/server.json', 'utf8')) as ServerCatalog;
const course = catalog.courses[0]!;
const mod = course.modules[0]!;
const base = () => inject('baseUrl');
const email = `quiz-${Date.now()}@example.jp`;

describe('a founder takes a quiz, fails, retries, passes, and sees the module complete and the evidence record updated', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  beforeAll(async () => {
    b = await freshBrowser();
    const { page } = b;
    await signUpInBrowser(page, base(), { code: 'SAKAI-2026', name: 'クイズ 太郎', email, password: 'quiz journey passphrase' });
    // The lessons of the first module are read on another day; record them through the API as the app would.
    const me = await (await page.request.get(`${base()}/api/me`)).json() as { csrfToken: string };
    for (const [i, lessonId] of mod.lessons.entries()) {
      const r = await page.request.put(`${base()}/api/progress/${course.id}/${mod.id}/${lessonId}`, {
        headers: { 'x-csrf-token': me.csrfToken, origin: base() }, data: { eventId: `e2e-quiz-${i}-${Date.now()}`, status: 'completed' },
      });
      expect(r.status()).toBe(200);
    }
  });
  afterAll(async () => { await b?.close(); });

  it('fails with wrong answers, sees which were wrong and why, then retries and passes', async () => {
    const { page } = b;
    await page.goto(`${base()}/courses/${course.id}`);
    await page.getByRole('link', { name: /確認テスト/ }).first().click();
    await page.locator('fieldset.question').first().waitFor();
    await expectAccessible(page);

    const answer = async (right: boolean) => {
      for (const q of mod.quiz!.questions) {
        const picks = right ? q.correct : [q.choiceIds.find((c) => !q.correct.includes(c))!];
        for (const c of picks) await page.locator(`#q-${q.id}-${c}`).check();
      }
      await page.getByRole('button', { name: '採点する' }).click();
    };
    await answer(false);
    await page.getByRole('status').filter({ hasText: '不合格です' }).waitFor();
    expect(await page.getByText('不正解').count()).toBeGreaterThanOrEqual(mod.quiz!.questions.length);
    expect(await page.getByText(mod.quiz!.questions[0]!.explanation.slice(0, 20)).count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'もう一度受ける' }).click();
    await page.locator('fieldset.question').first().waitFor();
    await answer(true);
    await page.getByRole('heading', { name: 'モジュール修了おめでとうございます' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('おめでとうございます');
    await page.getByRole('status').filter({ hasText: '合格です' }).waitFor();
    await expectAccessible(page);
    expect(b.errors).toEqual([]);
  });

  it('shows the module as completed in the outline and dated in the evidence record, with a public verify page', async () => {
    const { page } = b;
    await page.goto(`${base()}/courses/${course.id}`);
    await expect.poll(() => page.locator(`.module[data-state="completed"]`).count()).toBe(1);
    await page.goto(`${base()}/evidence`);
    await page.getByRole('heading', { level: 1, name: /学習記録/ }).waitFor();
    await page.getByRole('cell', { name: mod.title.ja }).first().waitFor();
    expect(await page.getByText('この記録は証明書ではありません', { exact: false }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    const code = (await page.locator('.code').first().textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{12}$/);

    // On paper: A4, without the site's navigation and buttons, with the record and the verification address.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
    expect(await page.locator('.verify-url').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]); // A4 in points
    expect((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeLessThanOrEqual(2);

    const officer = await freshBrowser({ width: 1024 });
    try {
      await officer.page.goto(`${base()}/verify/${code}`);
      await officer.page.getByText('クイズ 太郎').first().waitFor();
      await officer.page.getByRole('cell', { name: mod.title.ja }).first().waitFor();
      const text = await officer.page.locator('main').textContent();
      expect(text).toContain('堺市');
      expect(text).not.toContain(email);
      await expectAccessible(officer.page);
      await officer.page.goto(`${base()}/verify/ABCDEFGHJKLM`);
      await officer.page.getByText('この確認コードの記録は見つかりません').first().waitFor();
      await expectAccessible(officer.page);
    } finally {
      await officer.close();
    }
  });
});
