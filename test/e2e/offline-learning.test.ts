import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import type { CourseProgress, Me } from '../../functions/contract/api.ts';
import type { QuizStanding } from '../../functions/contract/evidence.ts';
import type { FounderRecord } from '../../functions/contract/roles.ts';
import { expectAccessible, freshBrowser, outboxQueues, signInInBrowser, signUpInBrowser } from '../fixtures/browser.ts';

// Founders study on trains (issue 13): a module opened online stays readable offline, completions and a quiz answer
// made offline wait on the device (through a reload), and reach the server once each when the connection is back.
const base = () => inject('baseUrl');
const COURSE = 'sogyo-kiso';
// A module no other journey or the seed touches, studied by a founder who signs up here: the server ends with exactly
// what this test did.
const MODULE = 'm13-family-staff';
const LESSONS = ['01-paying-family', '02-blue-senjusha', '03-white-and-spouse', '04-family-and-insurance'];
const lessonUrl = (lessonId: string) => `${base()}/courses/${COURSE}/${MODULE}/${lessonId}`;
const quizUrl = `${base()}/courses/${COURSE}/${MODULE}/quiz`;
const ROOT = join(import.meta.dirname, '..', '..');
/** The right answers, from the curriculum source (the browser never has them): the offline attempt passes. */
const RIGHT = (parse(readFileSync(join(ROOT, 'courses', COURSE, MODULE, 'quiz.yaml'), 'utf8')) as {
  questions: Array<{ id: string; choices: Array<{ id: string; correct?: boolean }> }>;
}).questions.map((q) => ({ id: q.id, choices: q.choices.filter((c) => c.correct).map((c) => c.id) }));

async function getJson<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`${base()}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}
/** Whether the page's service worker holds every one of these paths. */
const kept = (page: Page, paths: string[]) => page.evaluate(async (ps) => {
  for (const p of ps) if (!(await caches.match(p))) return false;
  return true;
}, paths);
const syncStatus = (page: Page) => page.locator('.sync-status');

describe('offline learning', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  let me: Me;
  beforeAll(async () => {
    b = await freshBrowser();
    await signUpInBrowser(b.page, base(), { code: 'SAKAI-2026', name: '電車 学子', email: `offline-${Date.now()}@example.jp`, password: 'offline journey passphrase' });
    me = await getJson<Me>(b.page, '/api/me');
  });
  afterAll(async () => { await b?.close(); });

  it('installs as an app: a linked manifest with its icons, and a service worker the browser always revalidates', async () => {
    const { page } = b;
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    const res = await page.request.get(`${base()}/manifest.webmanifest`);
    expect(res.headers()['content-type']).toContain('application/manifest+json');
    const manifest = await res.json() as { name: string; short_name: string; start_url: string; display: string; theme_color: string; icons: Array<{ src: string; sizes: string; type: string; purpose: string }> };
    expect(manifest).toMatchObject({ short_name: '創業キャンパス', start_url: '/', display: 'standalone', theme_color: '#0b5cab' });
    expect(manifest.name).toContain('Sōgyō Campus');
    const pngs = manifest.icons.filter((i) => i.type === 'image/png');
    expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of pngs) {
      const png = await page.request.get(`${base()}${icon.src}`);
      expect(png.status(), icon.src).toBe(200);
      const bytes = await png.body();
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      const [w, h] = icon.sizes.split('x').map(Number);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], icon.src).toEqual([w, h]);
    }
    const sw = await page.request.get(`${base()}/sw.js`);
    expect(sw.status()).toBe(200);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(sw.headers()['content-type']).toContain('javascript');
  });

  it('keeps a module readable offline, queues two completions and a quiz through an offline reload, and the server gets each once', async () => {
    const { context, page } = b;
    await page.goto(lessonUrl(LESSONS[0]!));
    await page.locator('.lesson-body').waitFor();
    // The service worker controls the page and has kept the rest of the module, the app shell and the quiz page's code.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    const moduleFiles = [...LESSONS.map((l) => `/content/${COURSE}/${MODULE}/${l}.json`), `/content/${COURSE}/${MODULE}/module.json`,
      `/content/${COURSE}/${MODULE}/quiz.json`, `/content/${COURSE}/course.json`, '/index.html'];
    await expect.poll(() => kept(page, moduleFiles), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('sogyo-assets-v1')).keys()).some((r) => /\/assets\/Quiz-[\w-]{8}\.js$/.test(r.url))), { timeout: 20_000 }).toBe(true);
    // Nothing of the API is ever kept.
    expect(await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls.filter((u) => u.startsWith('/api/'));
    })).toEqual([]);

    // The train enters a tunnel. Chromium's offline emulation, and every API request refused before it leaves the
    // browser (keepalive requests have slipped past the emulation on a loaded machine).
    const cut = (r: Route) => r.abort('internetdisconnected');
    await context.route('**/api/**', cut);
    await context.setOffline(true);
    const reached: Array<{ method: string; path: string; status?: string; eventId?: string; attemptId?: string }> = [];

    await page.getByRole('button', { name: 'このレッスンを完了にする' }).click();
    await page.getByRole('status').filter({ hasText: '未送信' }).waitFor();
    await syncStatus(page).filter({ hasText: '同期待ち（1件）' }).waitFor();
    // The next lesson was never opened: it comes from the service worker.
    await page.getByRole('link', { name: /次のレッスン/ }).click();
    await page.waitForURL(lessonUrl(LESSONS[1]!));
    await page.locator('.lesson-body').waitFor();
    expect((await page.locator('.lesson-body').innerText()).length).toBeGreaterThan(200);
    await page.getByRole('button', { name: 'このレッスンを完了にする' }).click();
    await page.getByRole('status').filter({ hasText: '未送信' }).waitFor();
    await syncStatus(page).filter({ hasText: '同期待ち（2件）' }).waitFor();

    // A reload without a connection: the app shell, the lesson and the founder's queue all come back from the device.
    await page.reload();
    await page.locator('.lesson-body').waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await syncStatus(page).filter({ hasText: '同期待ち（2件）' }).waitFor();
    await page.getByRole('status').filter({ hasText: '未送信' }).waitFor();
    expect(await syncStatus(page).getAttribute('aria-live')).toBe('polite');
    const waiting = await outboxQueues(page);
    expect(Object.keys(waiting)).toEqual([me.user.id]);
    await expectAccessible(page);

    // The quiz, opened for the first time offline (a full page load from the service worker), answered and submitted.
    await page.goto(quizUrl);
    await page.getByRole('heading', { level: 1, name: /確認テスト/ }).waitFor();
    await page.getByText('オフラインのため、残りの受験回数を確認できません').waitFor();
    for (const q of RIGHT) for (const c of q.choices) await page.locator(`#q-${q.id}-${c}`).check();
    await page.getByRole('button', { name: '採点する' }).click();
    await page.getByRole('heading', { name: '同期待ち: 解答はまだ採点されていません' }).waitFor();
    await syncStatus(page).filter({ hasText: '同期待ち（3件）' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Waiting to sync: your answers are not marked yet' }).waitFor();
    await syncStatus(page).filter({ hasText: 'Waiting to sync (3)' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: '日本語' }).click();
    const queued = (await outboxQueues(page))[me.user.id]!;
    expect(queued.length).toBeGreaterThanOrEqual(3); // reading positions may wait beside the three records

    // Out of the tunnel: what waited goes, oldest first, and the quiz's result appears where it was submitted.
    context.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith('/api/') || r.method() === 'GET') return;
      const body = r.postDataJSON() as { status?: string; eventId?: string; attemptId?: string } | null;
      reached.push({ method: r.method(), path, ...(body?.status ? { status: body.status } : {}), ...(body?.eventId ? { eventId: body.eventId } : {}), ...(body?.attemptId ? { attemptId: body.attemptId } : {}) });
    });
    await context.unroute('**/api/**', cut);
    await context.setOffline(false);
    await page.getByRole('heading', { name: '結果', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText(`${RIGHT.length}問中${RIGHT.length}問正解（100%）`).waitFor();
    await syncStatus(page).filter({ hasText: '保存しました' }).waitFor({ timeout: 30_000 });
    await expectAccessible(page);
    await expect.poll(() => outboxQueues(page), { timeout: 10_000 }).toEqual({});
    await page.waitForTimeout(1500); // nothing more goes out

    // Each queued item reached the server exactly once, in the order it was made: lesson 1, lesson 2, the quiz.
    const sentIds = reached.flatMap((r) => r.eventId ?? r.attemptId ?? []);
    expect(new Set(sentIds).size, JSON.stringify(reached)).toBe(sentIds.length);
    const completions = reached.filter((r) => r.status === 'completed');
    expect(completions.map((r) => r.path), JSON.stringify(reached)).toEqual(LESSONS.slice(0, 2).map((l) => `/api/progress/${COURSE}/${MODULE}/${l}`));
    expect(completions.every((r) => queued.includes(r.eventId!))).toBe(true);
    const attempts = reached.filter((r) => r.path.endsWith('/attempts'));
    expect(attempts).toHaveLength(1);
    expect(queued).toContain(attempts[0]!.attemptId);
    expect(reached.indexOf(attempts[0]!)).toBeGreaterThan(reached.indexOf(completions[1]!));

    // The server has exactly those two completions and one attempt.
    const progress = await getJson<CourseProgress>(page, `/api/progress/${COURSE}`);
    expect(progress.lessons.filter((l) => l.status === 'completed').map((l) => `${l.moduleId}/${l.lessonId}`).sort())
      .toEqual(LESSONS.slice(0, 2).map((l) => `${MODULE}/${l}`));
    expect(progress.completedLessons).toBe(2);
    expect(progress.completedModules).toEqual([]);
    const standing = await getJson<QuizStanding>(page, `/api/quizzes/${COURSE}/${MODULE}`);
    expect(standing.best).toMatchObject({ attempts: 1, bestScore: 100, passed: true });

    // Sent again (a replay from another tab, a lost answer), the same event id and attempt id change nothing.
    const csrf = (await getJson<Me>(page, '/api/me')).csrfToken;
    const headers = { 'x-csrf-token': csrf, origin: base(), 'content-type': 'application/json' };
    const first = completions[0]!;
    const replay = await page.request.put(`${base()}${first.path}`, { headers, data: { eventId: first.eventId, status: 'completed', position: 1, at: new Date().toISOString() } });
    expect(replay.status()).toBe(200);
    const attemptId = attempts[0]!.attemptId!;
    const again = await page.request.post(`${base()}/api/quizzes/${COURSE}/${MODULE}/attempts`, { headers, data: { attemptId, version: 'any', answers: { q1: ['a'] } } });
    expect(again.status()).toBe(201);
    expect((await getJson<QuizStanding>(page, `/api/quizzes/${COURSE}/${MODULE}`)).best).toMatchObject({ attempts: 1, bestScore: 100 });

    // What the municipality's staff see, from the founder's counters: two lessons, one attempt — nothing counted twice.
    const staff = await freshBrowser();
    try {
      await signInInBrowser(staff.page, base(), 'staff.sakai@example.jp');
      const record = await getJson<FounderRecord>(staff.page, `/api/founders/${me.user.id}`);
      expect(record.completedLessons).toBe(2);
      expect(record.completedModules).toEqual([]);
      expect(record.quizzes).toEqual([expect.objectContaining({ courseId: COURSE, moduleId: MODULE, attempts: 1, bestScore: 100, passed: true })]);
    } finally { await staff.close(); }
    expect(b.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|net::ERR/.test(e))).toEqual([]);
  });

  it('moves a queue the previous version left in localStorage into IndexedDB at the next start, and sends it', async () => {
    const { page } = b;
    const lesson = LESSONS[3]!;
    await page.goto(lessonUrl(LESSONS[2]!));
    await page.locator('.lesson-body').waitFor();
    // What the previous version wrote: the account's queue under its own key, items without a kind.
    const old = { userId: me.user.id, courseId: COURSE, moduleId: MODULE, lessonId: lesson, eventId: `legacy-${Date.now()}`, status: 'completed', position: 1, at: new Date().toISOString() };
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [`sogyo.outbox.${me.user.id}`, JSON.stringify([old])]);
    await page.reload();
    await page.locator('.lesson-body').waitFor();
    await expect.poll(async () => (await getJson<CourseProgress>(page, `/api/progress/${COURSE}`)).lessons
      .find((l) => l.moduleId === MODULE && l.lessonId === lesson)?.status, { timeout: 15_000 }).toBe('completed');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sogyo.outbox')))).toEqual([]);
    await expect.poll(() => outboxQueues(page)).toEqual({});
  });
});
