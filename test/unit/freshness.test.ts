import { describe, expect, it } from 'vitest';
import { checkCourses, todayOption } from '../../functions/catalog/cli.ts';
import { compileCourses } from '../../functions/catalog/compile.ts';
import { addMonths, japanToday, monthsBetween } from '../../functions/catalog/dates.ts';
import { findStaleSources, formatFreshnessReport } from '../../functions/catalog/freshness.ts';

// Sources checked on different days, and a municipality's page; "today" is always given, never the clock.
const lines = (...l: string[]) => l.join('\n') + '\n';
const source = (title: string, url: string, checked: string) => [`  - title: ${title}`, `    url: ${url}`, `    checked: ${checked}`];

const files = () => new Map([
  ['courses/demo/course.yaml', lines('title: { ja: デモ, en: Demo }', 'summary: { ja: 要約, en: Summary }', 'modules:', '  - m01-start', '  - m02-money')],
  ['courses/demo/m01-start/module.yaml', lines(
    'title: { ja: はじめに, en: Start }', 'summary: { ja: 要約, en: Summary }', 'areas: [management]', 'estimatedMinutes: 10', 'objectives:', '  - 説明できる',
    'sources:', //                                                                      7
    ...source('国税庁 開業届', 'https://www.nta.go.jp/a', '2025-11-30'), //           8–10
    ...source('日本政策金融公庫', 'https://www.jfc.go.jp/b', '2026-11-28'), //         11–13
  )],
  ['courses/demo/m01-start/01-a.md', lines('---', 'title: レッスン', 'minutes: 5', '---', '本文')],
  ['courses/demo/m02-money/module.yaml', lines(
    'title: { ja: お金, en: Money }', 'summary: { ja: 要約, en: Summary }', 'areas: [finance]', 'estimatedMinutes: 10', 'objectives:', '  - 説明できる',
    'sources:', ...source('中小企業庁', 'https://www.chusho.meti.go.jp/c', '2024-02-29'),
  )],
  ['courses/demo/m02-money/01-a.md', lines('---', 'title: レッスン', 'minutes: 5', '---', '本文')],
  ['courses/local/271403/01-support.md', lines('---', 'title: 堺市の創業支援', 'order: 1', 'checked: 2025-06-01', '---', '## 窓口')],
]);

describe('dates', () => {
  it.each([
    ['2026-12-04', -12, '2025-12-04'], ['2024-02-29', 12, '2025-02-28'], ['2026-03-31', -1, '2026-02-28'], ['2026-01-31', 1, '2026-02-28'],
  ])('%s %+d months → %s', (day, n, want) => expect(addMonths(day, n)).toBe(want));

  it('counts whole months and takes today in Japan time', () => {
    expect(monthsBetween('2025-11-30', '2026-12-04')).toBe(12);
    expect(monthsBetween('2025-12-05', '2026-12-04')).toBe(11);
    expect(japanToday(new Date('2026-12-03T15:30:00Z'))).toBe('2026-12-04');
    expect(japanToday(new Date('2026-12-03T14:59:00Z'))).toBe('2026-12-03');
  });
});

describe('freshness review', () => {
  const { courses, local } = compileCourses(files());

  it('lists what was checked more than 12 months before today, oldest first, with where to change the date', () => {
    const stale = findStaleSources(courses, local, '2026-12-04');
    expect(stale).toEqual([
      { file: 'courses/demo/m02-money/module.yaml', line: 10, where: 'demo/m02-money', title: '中小企業庁', url: 'https://www.chusho.meti.go.jp/c', checked: '2024-02-29', ageDays: 1009, ageMonths: 33 },
      { file: 'courses/local/271403/01-support.md', line: 4, where: 'local/271403/01-support', title: '堺市の創業支援', url: 'courses/local/271403/01-support.md', checked: '2025-06-01', ageDays: 551, ageMonths: 18 },
      { file: 'courses/demo/m01-start/module.yaml', line: 10, where: 'demo/m01-start', title: '国税庁 開業届', url: 'https://www.nta.go.jp/a', checked: '2025-11-30', ageDays: 369, ageMonths: 12 },
    ]);
  });

  it('counts exactly 12 months as fresh and the day after as stale', () => {
    expect(findStaleSources(courses, local, '2026-11-30').map((s) => s.checked)).toEqual(['2024-02-29', '2025-06-01']);
    expect(findStaleSources(courses, local, '2026-12-01').map((s) => s.checked)).toEqual(['2024-02-29', '2025-06-01', '2025-11-30']);
    expect(findStaleSources(courses, local, '2024-03-01')).toEqual([]);
    expect(findStaleSources(courses, local, '2026-12-04', 36)).toEqual([]);
  });

  it('prints a reviewer’s list: module, source title, url, checked date and age', () => {
    const report = formatFreshnessReport(findStaleSources(courses, local, '2026-12-04'), '2026-12-04');
    expect(report[0]).toBe('warning: 3 sources were checked more than 12 months before 2026-12-04; re-check them (courses/README.md, "Re-checking a module"):');
    expect(report.slice(1, 5)).toEqual([
      '  demo/m02-money  checked 2024-02-29, 2 years 9 months (1009 days) ago',
      '    中小企業庁',
      '    https://www.chusho.meti.go.jp/c',
      '    date at courses/demo/m02-money/module.yaml:10',
    ]);
    expect(report).toContain('  demo/m01-start  checked 2025-11-30, 1 year (369 days) ago');
    expect(formatFreshnessReport([], '2026-12-04')).toEqual([]);
  });

  it('warns in courses:check without failing it, and says when a date lies in the future', () => {
    const outcome = checkCourses({ files: files(), media: new Map() }, { today: '2026-12-04' });
    expect(outcome.problems.filter((p) => p.includes('checked'))).toEqual([]);
    expect(outcome.stale).toHaveLength(3);
    expect(outcome.warnings[0]).toMatch(/^warning: 3 sources were checked more than 12 months before 2026-12-04/);
    const early = checkCourses({ files: files(), media: new Map() }, { today: '2026-01-01' });
    expect(early.warnings.filter((w) => w.includes('after today'))).toEqual([
      'warning: courses/demo/m01-start/module.yaml:13: checked date 2026-11-28 is after today (2026-01-01)',
    ]);
  });

  it('takes today from --today or COURSES_TODAY', () => {
    expect(todayOption(['--today', '2027-01-02'], {})).toBe('2027-01-02');
    expect(todayOption(['--today=2027-01-03'], {})).toBe('2027-01-03');
    expect(todayOption([], { COURSES_TODAY: '2027-01-04' })).toBe('2027-01-04');
    expect(todayOption([], {})).toBeUndefined();
    expect(() => todayOption(['--today', '2027-13-01'], {})).toThrow(/YYYY-MM-DD/);
  });
});
