import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshBrowser } from '../fixtures/browser.ts';

// DESIGN.md: staff, advisor and admin pages load as their own lazy chunks and never add a byte to the learner's first
// load; so do the account pages (settings, two-step set-up, the mail links' pages, the privacy notice). Proven twice: from the build's chunk map (every module of every file index.html loads, and their static
// imports), and in Chromium (the files a founder's browser fetches on the way to their home).
const base = () => inject('baseUrl');

interface Chunk { file: string; isEntry: boolean; imports: string[]; dynamicImports: string[]; css: string[]; modules: string[] }
const chunks = () => (JSON.parse(readFileSync('dist/web.chunks.json', 'utf8')) as { chunks: Chunk[] }).chunks;
const ROLE_MODULE = /^web\/src\/(staff|advisor|admin|roles|account)\//;

/** The chunks index.html loads: its scripts and everything they import statically. */
function initialChunks(): Chunk[] {
  const html = readFileSync('dist/web/index.html', 'utf8');
  const byFile = new Map(chunks().map((c) => [c.file, c]));
  const todo = [...html.matchAll(/src="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Map<string, Chunk>();
  while (todo.length > 0) {
    const f = todo.pop()!;
    const c = byFile.get(f);
    if (!c || seen.has(f)) continue;
    seen.set(f, c);
    todo.push(...c.imports);
  }
  return [...seen.values()];
}

describe('the learner’s first load', () => {
  it('holds no staff, advisor, admin or account-page module, and those are chunks of their own', () => {
    const initial = initialChunks();
    expect(initial.length).toBeGreaterThan(0);
    const modules = initial.flatMap((c) => c.modules);
    expect(modules).toContain('web/src/main.tsx');
    expect(modules).toContain('web/src/learner/Home.tsx');
    expect(modules.filter((m) => ROLE_MODULE.test(m))).toEqual([]);
    for (const role of ['staff', 'advisor', 'admin', 'account']) {
      const own = chunks().filter((c) => c.modules.some((m) => m.startsWith(`web/src/${role}/`)));
      expect(own, role).toHaveLength(1);
      expect(own[0]!.modules.filter((m) => m.startsWith('web/src/') && !m.startsWith(`web/src/${role}/`) && !m.startsWith('web/src/api/')), role).toEqual([]);
      expect(initial.map((c) => c.file)).not.toContain(own[0]!.file);
      // Each area's messages travel with it.
      expect(own[0]!.modules).toEqual(expect.arrayContaining([`web/src/${role}/i18n/ja.ts`, `web/src/${role}/i18n/en.ts`]));
    }
  });

  it('in Chromium, a founder’s sign-in and home fetch none of the role chunks', async () => {
    const roleFiles = new Set(chunks().filter((c) => c.modules.some((m) => ROLE_MODULE.test(m))).flatMap((c) => [c.file, ...c.css]).map((f) => `/${f}`));
    expect(roleFiles.size).toBeGreaterThanOrEqual(3);
    const b = await freshBrowser();
    try {
      const fetched: string[] = [];
      b.page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/assets/')) fetched.push(u.pathname); });
      await b.page.goto(`${base()}/signin`);
      await b.page.getByLabel('メールアドレス').fill('founder1@example.jp');
      await b.page.getByLabel('パスワード').fill('sogyo-campus-demo');
      await b.page.getByRole('button', { name: 'ログイン' }).click();
      await b.page.getByRole('heading', { name: /さん、こんにちは/ }).waitFor();
      await b.page.waitForLoadState('networkidle');
      expect(fetched.length).toBeGreaterThan(0);
      expect(fetched.filter((f) => roleFiles.has(f))).toEqual([]);
      // …and they are what /staff fetches.
      await b.page.goto(`${base()}/staff`);
      await b.page.getByRole('heading', { level: 1 }).waitFor();
      await b.page.waitForLoadState('networkidle');
      expect(fetched.some((f) => roleFiles.has(f))).toBe(true);
    } finally { await b.close(); }
  });
});
