// Lighthouse mobile performance of the learner's pages, for `npm run bench`: each page three times, the median score
// beside DESIGN.md's budget (0.95). Lighthouse runs as its CLI (a pinned devDependency) against the local host, which
// serves the app compressed and cached as CloudFront does; Chromium is the Debian one (CHROMIUM_PATH overrides).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PERFORMANCE_BUDGET = 0.95;
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

/** What one Lighthouse run says about a page's performance (times in ms). */
export interface LighthouseRun { score: number; lcpMs: number; tbtMs: number; fcpMs: number; lcpElement?: string; accessibility?: number }

/** The figures of one run out of Lighthouse's JSON report (lhr). */
export function summarize(lhr: unknown): LighthouseRun {
  const r = lhr as {
    categories: { performance: { score: number | null }; accessibility?: { score: number | null } };
    audits: Record<string, { numericValue?: number; details?: { items?: Array<{ items?: Array<{ node?: { snippet?: string } }> }> } }>;
    runtimeError?: { code: string; message: string };
  };
  if (r.runtimeError) throw new Error(`Lighthouse: ${r.runtimeError.code} ${r.runtimeError.message}`);
  const score = r.categories.performance.score;
  if (score === null) throw new Error('Lighthouse gave no performance score');
  const lcpElement = r.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
  return {
    score,
    lcpMs: r.audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbtMs: r.audits['total-blocking-time']?.numericValue ?? NaN,
    fcpMs: r.audits['first-contentful-paint']?.numericValue ?? NaN,
    ...(lcpElement ? { lcpElement } : {}),
    ...(typeof r.categories.accessibility?.score === 'number' ? { accessibility: r.categories.accessibility.score } : {}),
  };
}

/** The run with the median score (an odd number of runs), so its LCP and TBT belong to the score shown. */
export function medianRun(runs: readonly LighthouseRun[]): LighthouseRun {
  if (runs.length === 0) throw new Error('no runs');
  return [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)]!;
}

/** One bench line: "0.97 (budget 0.95, ok) runs 0.96 0.97 0.98; LCP 1.3 s, TBT 40 ms". */
export function lighthouseLine(runs: readonly LighthouseRun[], budget = PERFORMANCE_BUDGET): string {
  const m = medianRun(runs);
  const verdict = m.score >= budget ? 'ok' : 'OVER BUDGET';
  return `${m.score.toFixed(2)} (budget ${budget.toFixed(2)}, ${verdict}) runs ${runs.map((r) => r.score.toFixed(2)).join(' ')}; `
    + `LCP ${(m.lcpMs / 1000).toFixed(1)} s, TBT ${Math.round(m.tbtMs)} ms`;
}

/** One Lighthouse run (mobile, the default form factor and throttling) of `url`, with the headers given (a cookie). */
export function runLighthouse(url: string, headers: Record<string, string> = {}): Promise<LighthouseRun> {
  const profile = mkdtempSync(join(tmpdir(), 'sogyo-lighthouse-'));
  const args = [
    url, '--output=json', '--output-path=stdout', '--quiet', '--only-categories=performance,accessibility',
    `--chrome-flags=${CHROME_FLAGS} --user-data-dir=${profile}`,
    ...(Object.keys(headers).length > 0 ? [`--extra-headers=${JSON.stringify(headers)}`] : []),
  ];
  return new Promise((ok, fail) => {
    execFile(join('node_modules', '.bin', 'lighthouse'), args, {
      maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    }, (err, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (err) { fail(new Error(`lighthouse ${url} failed: ${err.message}\n${stderr.slice(-2000)}`)); return; }
      // LIGHTHOUSE_DUMP=<dir> keeps each full report (long tasks, bootup time) for a closer look.
      if (process.env.LIGHTHOUSE_DUMP) writeFileSync(join(process.env.LIGHTHOUSE_DUMP, `${Date.now()}-${new URL(url).pathname.replace(/\W+/g, '_')}.json`), stdout);
      try { ok(summarize(JSON.parse(stdout))); } catch (e) { fail(e as Error); }
    });
  });
}

/**
 * The font Chromium lays Japanese out with. Without one it draws boxes with other metrics than any phone of the app's
 * readers, and the figures do not compare (the menu's wrapping, and so the layout shift, depend on it). .ci/run installs
 * fonts-ipafont-gothic where none is found.
 */
export function japaneseFont(): string {
  try {
    if (!execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' }).trim()) return 'none: install fonts-ipafont-gothic (figures not comparable)';
    return execFileSync('fc-match', ['-f', '%{family}', 'sans-serif:lang=ja'], { encoding: 'utf8' }).split(',')[0]!.trim();
  } catch { return 'unknown (no fc-list)'; }
}

/** Runs each page `times` times (one after the other: parallel runs would measure each other) and prints a line each. */
export async function lighthousePages(
  pages: ReadonlyArray<{ label: string; url: string; headers?: Record<string, string>; key?: string }>,
  print: (label: string, value: string) => void, times = 3,
): Promise<Array<{ key?: string; label: string; runs: LighthouseRun[] }>> {
  const measured: Array<{ key?: string; label: string; runs: LighthouseRun[] }> = [];
  print('Japanese font for Chromium', japaneseFont());
  for (const p of pages) {
    const runs: LighthouseRun[] = [];
    for (let i = 0; i < times; i++) runs.push(await runLighthouse(p.url, p.headers));
    print(`${p.label}: performance, median of ${times}`, lighthouseLine(runs));
    const lcp = medianRun(runs).lcpElement;
    if (lcp) print(`${p.label}: LCP element`, lcp.length > 70 ? `${lcp.slice(0, 67)}...` : lcp);
    measured.push({ ...(p.key ? { key: p.key } : {}), label: p.label, runs });
  }
  return measured;
}
