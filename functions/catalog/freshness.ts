import { addMonths, daysBetween, isIsoDate, monthsBetween } from './dates.ts';
import type { SourceMunicipality } from './local-pages.ts';
import { byCodeUnit, type SourceCourse } from './source-tree.ts';

/**
 * Freshness: facts that change (rates, deadlines, programme names, seminar schedules) must be re-checked. A module's
 * sources and a municipality's pages carry the day they were `checked`; anything checked more than `maxMonths` ago (12
 * by default) is listed for a reviewer. These are warnings: an old date does not stop a build, a reviewer acts on it.
 * "Today" is passed in, so that the list is reproducible and testable.
 */

export interface StaleSource {
  /** Where the date is written. */
  file: string;
  line: number;
  /** `<course>/<module>` for a module's source, `local/<code>/<page>` for a municipality's page. */
  where: string;
  title: string;
  /** The source's URL, or the local page's file. */
  url: string;
  checked: string;
  ageDays: number;
  ageMonths: number;
}

export const FRESHNESS_MONTHS = 12;

/** Sources and local pages checked more than `maxMonths` before `today` (YYYY-MM-DD), oldest first. */
export function findStaleSources(
  courses: readonly SourceCourse[], local: readonly SourceMunicipality[], today: string, maxMonths = FRESHNESS_MONTHS,
): StaleSource[] {
  const cutoff = addMonths(today, -maxMonths);
  const out: StaleSource[] = [];
  const add = (s: Omit<StaleSource, 'ageDays' | 'ageMonths'>) => {
    if (!isIsoDate(s.checked) || s.checked >= cutoff) return;
    out.push({ ...s, ageDays: daysBetween(s.checked, today), ageMonths: monthsBetween(s.checked, today) });
  };
  for (const c of courses) {
    for (const m of c.modules) {
      m.module.data.sources.forEach((s, i) => add({
        file: m.module.file, line: m.module.lineOf(['sources', i, 'checked']), where: `${c.id}/${m.id}`, title: s.title, url: s.url, checked: s.checked,
      }));
    }
  }
  for (const m of local) {
    for (const p of m.pages) add({ file: p.file, line: p.lineOf(['checked']), where: `local/${m.code}/${p.id}`, title: p.front.title, url: p.file, checked: p.front.checked });
  }
  return out.sort((a, b) => byCodeUnit(a.checked, b.checked) || byCodeUnit(a.where, b.where) || a.line - b.line);
}

/** Dates after today: a typo more often than a visit from the future. */
export function findFutureChecks(courses: readonly SourceCourse[], local: readonly SourceMunicipality[], today: string): Array<{ file: string; line: number; checked: string }> {
  const out: Array<{ file: string; line: number; checked: string }> = [];
  for (const c of courses) {
    for (const m of c.modules) {
      m.module.data.sources.forEach((s, i) => {
        if (isIsoDate(s.checked) && s.checked > today) out.push({ file: m.module.file, line: m.module.lineOf(['sources', i, 'checked']), checked: s.checked });
      });
    }
  }
  for (const m of local) {
    for (const p of m.pages) if (isIsoDate(p.front.checked) && p.front.checked > today) out.push({ file: p.file, line: p.lineOf(['checked']), checked: p.front.checked });
  }
  return out;
}

const age = (s: StaleSource) => {
  const years = Math.floor(s.ageMonths / 12);
  const months = s.ageMonths % 12;
  const parts = [years ? `${years} year${years === 1 ? '' : 's'}` : '', months ? `${months} month${months === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `${parts.join(' ') || `${s.ageMonths} months`} (${s.ageDays} days)`;
};

/**
 * The reviewer's list as printed by `npm run courses:check`: one block per source with module, title, url, checked
 * date and age, and where to change the date once re-checked. Empty when everything is fresh.
 */
export function formatFreshnessReport(stale: readonly StaleSource[], today: string, maxMonths = FRESHNESS_MONTHS): string[] {
  if (stale.length === 0) return [];
  const lines = [
    `warning: ${stale.length} source${stale.length === 1 ? ' was' : 's were'} checked more than ${maxMonths} months before ${today}; re-check ${stale.length === 1 ? 'it' : 'them'} (courses/README.md, "Re-checking a module"):`,
  ];
  for (const s of stale) {
    lines.push(`  ${s.where}  checked ${s.checked}, ${age(s)} ago`);
    lines.push(`    ${s.title}`);
    lines.push(`    ${s.url}`);
    lines.push(`    date at ${s.file}:${s.line}`);
  }
  return lines;
}
