import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, freshBrowser, signUpInBrowser } from '../fixtures/browser.ts';

// The curriculum's video lesson, played in Chromium as a founder would: captions load, the position is saved and
// resumed, and watching to the end completes the lesson.
const base = () => inject('baseUrl');
const lessonPath = '/courses/sogyo-kiso/m04-opening-procedures/05-video-flow';
const videoFile = '/content/sogyo-kiso/m04-opening-procedures/media/procedures-flow.webm';

describe('a video lesson', () => {
  let b: Awaited<ReturnType<typeof freshBrowser>>;
  beforeAll(async () => {
    b = await freshBrowser();
    await signUpInBrowser(b.page, base(), { code: 'OSAKA-2026', name: '動画 視聴子', email: `video-${Date.now()}@example.jp`, password: 'video lesson passphrase' });
  });
  afterAll(async () => { await b?.close(); });

  const metadata = () => b.page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
  const savedPosition = () => b.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/05-video-flow') && r.status() === 200);

  it('is served in byte ranges, so players can seek', async () => {
    const r = await fetch(`${base()}${videoFile}`, { headers: { range: 'bytes=0-99' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-type')).toBe('video/webm');
    expect(r.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/);
    expect((await r.arrayBuffer()).byteLength).toBe(100);
    const whole = await fetch(`${base()}${videoFile}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
  });

  it('plays with Japanese and English captions and stays accessible', async () => {
    const { page } = b;
    await page.goto(`${base()}${lessonPath}`);
    await metadata();
    const tracks = await page.evaluate(async () => {
      const v = document.querySelector('video')!;
      const list = [...v.textTracks];
      for (const t of list) t.mode = 'hidden'; // makes Chromium fetch and parse every track
      await new Promise((ok) => setTimeout(ok, 1500));
      return list.map((t) => ({ lang: t.language, kind: t.kind, cues: t.cues?.length ?? 0 }));
    });
    expect(tracks).toEqual([{ lang: 'ja', kind: 'captions', cues: 8 }, { lang: 'en', kind: 'captions', cues: 8 }]);
    expect(await page.evaluate(() => document.querySelector('video')!.duration)).toBeGreaterThan(60);
    await expectAccessible(page);
  });

  it('saves the position when paused and resumes there on the next visit', async () => {
    const { page } = b;
    const saved = savedPosition();
    await page.evaluate(async () => {
      const v = document.querySelector('video')!;
      v.muted = true;
      await v.play();
      v.currentTime = 40;
      await new Promise((ok) => v.addEventListener('seeked', ok, { once: true }));
      v.pause();
    });
    const body = (await saved).request().postDataJSON() as { status: string; position: number };
    expect(body.status).toBe('in_progress');
    expect(body.position).toBeGreaterThan(0.4);
    expect(body.position).toBeLessThan(0.6);

    await page.reload();
    await metadata();
    await expect.poll(() => page.evaluate(() => document.querySelector('video')!.currentTime)).toBeGreaterThan(38);
    expect(await page.evaluate(() => document.querySelector('video')!.currentTime)).toBeLessThan(42);
  });

  it('completes the lesson when watched to the end', async () => {
    const { page } = b;
    await page.evaluate(async () => {
      const v = document.querySelector('video')!;
      v.muted = true;
      await v.play();
      v.currentTime = v.duration - 1.5;
    });
    await page.getByRole('status').filter({ hasText: '完了しました' }).waitFor({ timeout: 15_000 });
    const me = await (await page.request.get(`${base()}/api/progress/sogyo-kiso`)).json() as { lessons: Array<{ moduleId: string; lessonId: string; status: string }> };
    expect(me.lessons.find((l) => l.lessonId === '05-video-flow')?.status).toBe('completed');
    await expectAccessible(page);
    expect(b.errors).toEqual([]);
  });
});
