import { describe, expect, it } from 'vitest';
import { compileCourses, formatError } from '../../functions/catalog/compile.ts';
import { bodyLength, checkContentRules, findOutdatedInMarkdown, OUTDATED_PHRASES, type ContentRuleOptions } from '../../functions/catalog/content-rules.ts';

// A course that meets every content rule: 12 modules (3 per area), 3 lessons of 860 characters each, 5-question quizzes.
const C = 'courses/full';
const AREAS = ['management', 'finance', 'hr', 'sales'] as const;
const MODULES = Array.from({ length: 12 }, (_, i) => ({ id: `m${String(i + 1).padStart(2, '0')}-topic`, area: AREAS[i % 4]! }));
const lines = (...l: string[]) => l.join('\n') + '\n';

const courseYaml = lines(
  'title: { ja: 創業基礎講座, en: Startup Fundamentals }', //           1
  'summary: { ja: 要約です。, en: A course summary. }', //               2
  'modules:', //                                                         3
  ...MODULES.map((m) => `  - ${m.id}`),
);

const moduleYaml = (area: string) =>
  lines(
    'title: { ja: 題名, en: A title }', //                              1
    'summary:', //                                                      2
    '  ja: 要約です。', //                                              3
    '  en: An English summary.', //                                     4
    `areas: [${area}]`, //                                              5
    'estimatedMinutes: 45', //                                          6
    'objectives:', //                                                   7
    '  - 一つ目を説明できる', //                                        8
    '  - 二つ目を判断できる', //                                        9
    '  - 三つ目を作成できる', //                                        10
    'sources:', //                                                      11
    '  - title: 日本政策金融公庫', //                                   12
    '    url: https://www.jfc.go.jp/', //                               13
    '    checked: 2026-11-28', //                                       14
  );

/** Question k (0-based) starts on line 4 + 7k; its explanation is on line 10 + 7k. */
const question = (k: number) => [
  `  - id: q${k + 1}`,
  '    type: single',
  `    prompt: 問題${k + 1}`,
  '    choices:',
  '      - { id: a, text: あ }',
  '      - { id: b, text: い, correct: true }',
  `    explanation: 解説${k + 1}`,
];
const quizYaml = (n = 5) => lines('passMark: 80', 'maxAttempts: null', 'questions:', ...Array.from({ length: n }, (_, k) => question(k)).flat());

// 43 non-whitespace characters; 20 of them make an 860-character body.
const PARAGRAPH = '創業の準備では、事業の目的と顧客をはっきりさせ、必要な資金と手続きを順番に確認します。';
const LONG_BODY = Array.from({ length: 20 }, () => PARAGRAPH).join('\n\n');

/** Front matter on lines 1–4, body from line 5. */
const lesson = (body = LONG_BODY, title = 'レッスン', extra: string[] = []) => lines('---', `title: ${title}`, 'minutes: 10', ...extra, '---', body);

function fullCourse(): Map<string, string> {
  const files = new Map<string, string>([[`${C}/course.yaml`, courseYaml]]);
  for (const m of MODULES) {
    files.set(`${C}/${m.id}/module.yaml`, moduleYaml(m.area));
    for (const n of ['01-a', '02-b', '03-c']) files.set(`${C}/${m.id}/${n}.md`, lesson());
    files.set(`${C}/${m.id}/quiz.yaml`, quizYaml());
  }
  return files;
}

const M1 = `${C}/m01-topic`;

function edit(changes: Record<string, string | null>): Map<string, string> {
  const files = fullCourse();
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) files.delete(path);
    else files.set(path, text);
  }
  return files;
}

function replaceLine(text: string, line: number, replacement: string): string {
  const l = text.split('\n');
  l[line - 1] = replacement;
  return l.join('\n');
}

/** Compiles (which must succeed: these are content problems, not format problems) and applies the content rules. */
function violations(files: Map<string, string>, options?: ContentRuleOptions): string[] {
  const result = compileCourses(files);
  expect(result.errors.map(formatError)).toEqual([]);
  return checkContentRules(result.courses, options).map(formatError);
}

describe('content rules', () => {
  it('accept a course that meets them all', () => {
    expect(violations(fullCourse())).toEqual([]);
  });

  it('count a module with two areas for both', () => {
    expect(violations(edit({ [`${C}/m04-topic/module.yaml`]: replaceLine(moduleYaml('sales'), 5, 'areas: [sales, management]') }))).toEqual([]);
  });

  it.each<[string, Record<string, string | null>, string[]]>([
    ['an area with fewer than 3 modules', { [`${C}/m04-topic/module.yaml`]: moduleYaml('management') },
      [`${C}/course.yaml:3: area "sales" (販路開拓) has 2 modules; each area needs at least 3`]],
    ['a module with 2 lessons', { [`${M1}/03-c.md`]: null }, [`${M1}/module.yaml:1: module has 2 lessons; a module needs 3–6`]],
    ['a module with 7 lessons', Object.fromEntries(['04-d', '05-e', '06-f', '07-g'].map((n) => [`${M1}/${n}.md`, lesson()])),
      [`${M1}/module.yaml:1: module has 7 lessons; a module needs 3–6`]],
    ['a module without a quiz', { [`${M1}/quiz.yaml`]: null }, [`${M1}/module.yaml:1: module has no quiz.yaml; every module needs a quiz with at least 5 questions`]],
    ['a quiz with 4 questions', { [`${M1}/quiz.yaml`]: quizYaml(4) }, [`${M1}/quiz.yaml:3: quiz has 4 questions; at least 5 are needed`]],
    ['an empty explanation', { [`${M1}/quiz.yaml`]: replaceLine(quizYaml(), 17, '    explanation: "  "') },
      [`${M1}/quiz.yaml:17: question "q2" needs an explanation (shown after answering)`]],
    ['a missing explanation', { [`${M1}/quiz.yaml`]: replaceLine(quizYaml(), 10, '') },
      [`${M1}/quiz.yaml:4: question "q1" needs an explanation (shown after answering)`]],
    ['no sources', { [`${M1}/module.yaml`]: moduleYaml('management').replace(/sources:[\s\S]*$/, 'sources: []\n') },
      [`${M1}/module.yaml:11: module needs at least one source (title, https url, checked: YYYY-MM-DD)`]],
    ['an http source', { [`${M1}/module.yaml`]: replaceLine(moduleYaml('management'), 13, '    url: http://www.jfc.go.jp/') },
      [`${M1}/module.yaml:13: source url "http://www.jfc.go.jp/" must be a full https:// URL`]],
    ['a source checked on an impossible date', { [`${M1}/module.yaml`]: replaceLine(moduleYaml('management'), 14, '    checked: 2026-13-01') },
      [`${M1}/module.yaml:14: source checked date "2026-13-01" must be a real date written YYYY-MM-DD`]],
    ['a source date in another format', { [`${M1}/module.yaml`]: replaceLine(moduleYaml('management'), 14, '    checked: 2026/11/28') },
      [`${M1}/module.yaml:14: source checked date "2026/11/28" must be a real date written YYYY-MM-DD`]],
    ['2 objectives', { [`${M1}/module.yaml`]: replaceLine(moduleYaml('management'), 10, '') },
      [`${M1}/module.yaml:7: module has 2 objectives; list 3–5`]],
    ['a Japanese "English" title and summary', {
      [`${M1}/module.yaml`]: replaceLine(replaceLine(moduleYaml('management'), 1, 'title: { ja: 題名, en: 題名 }'), 4, '  en: 日本語の要約です。'),
    }, [`${M1}/module.yaml:1: module title.en must be an English title`, `${M1}/module.yaml:4: module summary.en must be an English summary`]],
    ['a Japanese English course title', { [`${C}/course.yaml`]: replaceLine(courseYaml, 1, 'title: { ja: 創業基礎講座, en: 創業基礎 }') },
      [`${C}/course.yaml:1: course title.en must be an English title`]],
    ['a short lesson body', { [`${M1}/02-b.md`]: lesson(PARAGRAPH.repeat(17)) },
      [`${M1}/02-b.md:5: lesson body has 731 non-whitespace characters; at least 800 are needed (only "kind: worksheet" lessons are exempt)`]],
    ['an http link in a lesson', { [`${M1}/01-a.md`]: lesson(`${LONG_BODY}\n\n[公庫](http://www.jfc.go.jp/)`) },
      [`${M1}/01-a.md:45: link "http://www.jfc.go.jp/": external links must use https://`]],
  ])('refuse %s', (_name, changes, expected) => {
    expect(violations(edit(changes))).toEqual(expected);
  });

  it('exempt a worksheet lesson from the minimum length', () => {
    expect(violations(edit({ [`${M1}/02-b.md`]: lesson('記入欄', 'ワークシート', ['kind: worksheet']) }))).toEqual([]);
  });

  it('accept an English summary that names a Japanese programme', () => {
    const yaml = replaceLine(moduleYaml('management'), 4, '  en: How to obtain the 特定創業支援 certificate from your municipality.');
    expect(violations(edit({ [`${M1}/module.yaml`]: yaml }))).toEqual([]);
  });
});

describe('outdated phrases', () => {
  const reason = OUTDATED_PHRASES.find((p) => p.phrase === '新創業融資制度')!.reason;
  const ownFunds = OUTDATED_PHRASES.find((p) => p.phrase === '自己資金要件')!.reason;
  const inBody = (line: number, phrase = '新創業融資制度', why = reason) =>
    `${M1}/01-a.md:${line}: outdated: "${phrase}" — ${why}. Mention it only inside a blockquote whose first line is "> 【過去の制度】"`;
  const body = (...extra: string[]) => lesson([LONG_BODY, '', ...extra].join('\n'));
  // LONG_BODY takes lines 5–43 of the lesson, the blank line 44, so `extra` starts on line 45.

  it.each<[string, string[], string[]]>([
    ['in a paragraph', ['創業時は新創業融資制度を使います。'], [inBody(45)]],
    ['on a later line of a paragraph', ['融資には', '自己資金要件があります。'], [inBody(46, '自己資金要件', ownFunds)]],
    ['in an ordinary blockquote', ['> 注意', '> 新創業融資制度は便利です。'], [inBody(46)]],
    ['in a blockquote whose first line only starts with the marker', ['> 【過去の制度】について', '> 新創業融資制度'], [inBody(46)]],
    ['after a history blockquote has ended', ['> 【過去の制度】', '> 以前の制度です。', '', '新創業融資制度を使います。'], [inBody(48)]],
    ['in a table cell', ['| 制度 | 状況 |', '|---|---|', '| 新創業融資制度 | 利用可 |'], [inBody(47)]],
    ['in a heading', ['## 新創業融資制度とは'], [inBody(45)]],
    ['in a list item', ['- 手順', '- 新創業融資制度に申し込む'], [inBody(46)]],
  ])('are refused %s', (_name, extra, expected) => {
    expect(violations(edit({ [`${M1}/01-a.md`]: body(...extra) }))).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['in a history blockquote', ['> 【過去の制度】', '> 2024年3月31日まで、日本政策金融公庫には新創業融資制度があり、自己資金要件がありました。']],
    ['on any line of a history blockquote, including lists inside it', ['> 【過去の制度】', '>', '> 以前は次の制度でした。', '>', '> - 新創業融資制度', '> - 自己資金要件']],
    ['in a blockquote nested inside a history blockquote', ['> 【過去の制度】', '>', '> > 新創業融資制度は終了しました。']],
    ['in a nested history blockquote', ['> 参考', '>', '> > 【過去の制度】', '> > 新創業融資制度は終了しました。']],
  ])('are allowed %s', (_name, extra) => {
    expect(violations(edit({ [`${M1}/01-a.md`]: body(...extra) }))).toEqual([]);
  });

  it('are refused in lesson titles, module.yaml and quiz.yaml, where no blockquote can excuse them', () => {
    const files = edit({
      [`${M1}/02-b.md`]: lesson(LONG_BODY, '新創業融資制度の使い方'),
      [`${M1}/module.yaml`]: replaceLine(moduleYaml('management'), 3, '  ja: 自己資金要件を学びます。'),
      [`${M1}/quiz.yaml`]: replaceLine(quizYaml(), 10, '    explanation: 新創業融資制度は終了しました。'),
    });
    expect(violations(files)).toEqual([
      `${M1}/02-b.md:2: outdated: "新創業融資制度" — ${reason}`,
      `${M1}/module.yaml:3: outdated: "自己資金要件" — ${ownFunds}`,
      `${M1}/quiz.yaml:10: outdated: "新創業融資制度" — ${reason}`,
    ]);
  });

  it('can be extended with more phrases, each with a reason', () => {
    const phrases = [...OUTDATED_PHRASES, { phrase: '旧補助金', reason: '2025年度で終了しました' }];
    const files = edit({ [`${M1}/01-a.md`]: body('旧補助金を申請します。', '', '> 【過去の制度】', '> 旧補助金がありました。') });
    expect(violations(files)).toEqual([]);
    expect(violations(files, { outdatedPhrases: phrases })).toEqual([
      `${M1}/01-a.md:45: outdated: "旧補助金" — 2025年度で終了しました. Mention it only inside a blockquote whose first line is "> 【過去の制度】"`,
    ]);
  });

  it('findOutdatedInMarkdown reports 0-based lines within the text', () => {
    expect(findOutdatedInMarkdown('前置き\n\n```\n新創業融資制度\n```\n', OUTDATED_PHRASES)).toEqual([{ line: 3, phrase: '新創業融資制度', reason }]);
  });
});

describe('bodyLength', () => {
  it('counts characters that are not whitespace, including full-width spaces as whitespace', () => {
    expect(bodyLength('あい う\n\nえ\u3000お\t')).toBe(5);
    expect(bodyLength(PARAGRAPH)).toBe(43);
  });
});
