import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lighthouseLine, medianRun, summarize } from '../../bench/lighthouse.ts';

// Issue 15 point 7: `npm run bench` prints Lighthouse mobile performance of the landing, home and lesson pages, the
// median of three runs beside the budget. The runs themselves take minutes and belong to the bench, not the suite;
// here: reading Lighthouse's report, the median, the line, and that the bench measures those three pages.
const report = (score: number | null, lcp = 1800, tbt = 120) => ({
  categories: { performance: { score } },
  audits: {
    'largest-contentful-paint': { numericValue: lcp },
    'total-blocking-time': { numericValue: tbt },
    'first-contentful-paint': { numericValue: 900 },
    'largest-contentful-paint-element': { details: { items: [{ items: [{ node: { snippet: '<h1 lang="ja">なぜ創業するのか</h1>' } }] }] } },
  },
});

describe('the bench’s Lighthouse lines', () => {
  it('reads score, LCP, TBT and the LCP element out of a report, and refuses a run that failed', () => {
    expect(summarize(report(0.97))).toEqual({ score: 0.97, lcpMs: 1800, tbtMs: 120, fcpMs: 900, lcpElement: '<h1 lang="ja">なぜ創業するのか</h1>' });
    expect(() => summarize(report(null))).toThrow('no performance score');
    expect(() => summarize({ ...report(0.5), runtimeError: { code: 'ERRORED_DOCUMENT_REQUEST', message: 'Status 500' } })).toThrow('ERRORED_DOCUMENT_REQUEST');
  });

  it('shows the median of three beside the budget, with the median run’s LCP and TBT', () => {
    const runs = [summarize(report(0.93, 2600, 300)), summarize(report(0.97, 1500, 80)), summarize(report(0.95, 2000, 150))];
    expect(medianRun(runs).score).toBe(0.95);
    expect(lighthouseLine(runs)).toBe('0.95 (budget 0.95, ok) runs 0.93 0.97 0.95; LCP 2.0 s, TBT 150 ms');
    expect(lighthouseLine([summarize(report(0.81, 2900, 560))])).toBe('0.81 (budget 0.95, OVER BUDGET) runs 0.81; LCP 2.9 s, TBT 560 ms');
  });

  it('measures the landing page signed out, and home and a lesson signed in with a cookie', () => {
    const bench = readFileSync('bench/run.ts', 'utf8');
    const call = bench.slice(bench.indexOf('await lighthousePages(['), bench.indexOf('], line);'));
    expect(call).toContain("{ label: 'landing (/signin, signed out)', url: `${host.url}/signin`, key: 'landing' },");
    expect(call).toContain("{ label: 'home (/)', url: `${host.url}/`, headers: founder, key: 'home' },");
    expect(call).toMatch(/\{ label: 'lesson', url: `\$\{host\.url\}\/courses\/[^`]+`, headers: founder, key: 'lesson' \}/);
    // `--pages=` narrows the list for a quick loop; without it, all three are measured.
    expect(call).toContain('.filter((p) => !only || only.includes(p.key))');
    expect(bench).toContain('const founder = { Cookie: sessions[1]!.cookie };');
  });
});
