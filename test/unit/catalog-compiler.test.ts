import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { PublicCourse, PublicIndex, PublicLesson, PublicModuleFile, PublicQuiz, ServerCatalog } from '../../functions/contract/catalog.ts';
import { compileCourses, formatError } from '../../functions/catalog/compile.ts';
import { clearCatalogCache, findLesson, findModule, loadServerCatalog } from '../../functions/catalog/loader.ts';
import { renderLessonMarkdown } from '../../functions/catalog/markdown.ts';

// A small course in memory. Files are written as arrays of lines so that the expected line numbers can be read off.
const C = 'courses/demo';
const lines = (...l: string[]) => l.join('\n') + '\n';

const courseYaml = lines(
  'title: { ja: デモ講座, en: Demo course }', //                        1
  'summary: { ja: デモの要約です。, en: A demo summary. }', //          2
  'modules:', //                                                        3
  '  - m01-start', //                                                   4
  '  - m02-money', //                                                   5
);

const moduleYaml = (area: string, session: string | null) =>
  lines(
    'title: { ja: はじめに, en: Getting started }', //                  1
    'summary:', //                                                      2
    '  ja: 要約です。', //                                              3
    '  en: A summary.', //                                              4
    `areas: [${area}]`, //                                              5
    'estimatedMinutes: 30', //                                          6
    'objectives:', //                                                   7
    '  - 動機を説明できる', //                                          8
    'sources:', //                                                      9
    '  - title: 日本政策金融公庫', //                                   10
    '    url: https://www.jfc.go.jp/', //                               11
    '    checked: 2026-11-28', //                                       12
    ...(session ? [`seminarSession: ${session}`] : []), //              13
  );

const quizYaml = lines(
  'passMark: 80', //                                                    1
  'maxAttempts: null', //                                               2
  'questions:', //                                                      3
  '  - id: q1', //                                                      4
  '    type: single', //                                                5
  '    prompt: 正しいのはどれですか。', //                              6
  '    choices:', //                                                    7
  '      - { id: a, text: あ }', //                                     8
  '      - { id: b, text: い, correct: true }', //                      9
  '    explanation: SECRET-EXPLANATION いが正しい。', //                10
  '  - id: q2', //                                                      11
  '    type: multiple', //                                              12
  '    prompt: 当てはまるものをすべて選んでください。', //              13
  '    choices:', //                                                    14
  '      - { id: a, text: あ, correct: true }', //                      15
  '      - { id: b, text: い, correct: true }', //                      16
  '      - { id: c, text: う }', //                                     17
  '    explanation: あといです。', //                                   18
);

const lessonWhy = lines(
  '---', //                                                             1
  'title: なぜ始めるのか', //                                           2
  'minutes: 10', //                                                     3
  '---', //                                                             4
  '# 大見出し', //                                                      5
  '', //                                                                6
  '本文です。[次のレッスン](02-how.md) と [資金](../m02-money/01-plan.md#top)。', // 7
  '', //                                                                8
  '| 項目 | 金額 |', //                                                 9
  '|---|---|', //                                                       10
  '| 家賃 | 10万円 |', //                                               11
  '', //                                                                12
  '[公庫のページ](https://www.jfc.go.jp/)', //                         13
);

const lessonHow = lines(
  '---', //                                                             1
  'title: どう始めるのか', //                                           2
  'minutes: 8', //                                                      3
  '---', //                                                             4
  '## 手順', //                                                         5
  '', //                                                                6
  '前の[レッスン](./01-why.md)に戻る。', //                             7
);

const lessonPlan = lines(
  '---', //                                                             1
  'title: 創業計画書ワークシート', //                                   2
  'minutes: 20', //                                                     3
  'kind: worksheet', //                                                 4
  '---', //                                                             5
  '書き込んで使います。', //                                            6
);

function goodCourse(): Map<string, string> {
  return new Map([
    [`${C}/course.yaml`, courseYaml],
    [`${C}/m01-start/module.yaml`, moduleYaml('management', '1')],
    [`${C}/m01-start/01-why.md`, lessonWhy],
    [`${C}/m01-start/02-how.md`, lessonHow],
    [`${C}/m01-start/quiz.yaml`, quizYaml],
    [`${C}/m02-money/module.yaml`, moduleYaml('finance, management', null)],
    [`${C}/m02-money/01-plan.md`, lessonPlan],
    ['courses/README.md', '# guide\n'],
  ]);
}

/** A copy of the good course with `path` set to `text` (or removed when text is null). */
function edit(path: string, text: string | null, base = goodCourse()): Map<string, string> {
  const files = new Map(base);
  if (text === null) files.delete(path);
  else files.set(path, text);
  return files;
}

/** Replaces one 1-based line of a text. */
function replaceLine(text: string, line: number, replacement: string): string {
  const l = text.split('\n');
  l[line - 1] = replacement;
  return l.join('\n');
}

const errorsOf = (files: Map<string, string>) => compileCourses(files).errors.map(formatError);

describe('compileCourses: a good course', () => {
  const result = compileCourses(goodCourse());

  it('compiles without errors and with a 16-hex content version', () => {
    expect(result.errors).toEqual([]);
    expect(result.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('writes the public files the browser reads', () => {
    expect([...result.publicFiles.keys()].sort()).toEqual([
      'demo/course.json',
      'demo/m01-start/01-why.json',
      'demo/m01-start/02-how.json',
      'demo/m01-start/module.json',
      'demo/m01-start/quiz.json',
      'demo/m02-money/01-plan.json',
      'demo/m02-money/module.json',
      'index.json',
    ]);
    expect(PublicIndex.parse(result.publicFiles.get('index.json'))).toEqual({
      version: result.version,
      courses: [{ id: 'demo', title: { ja: 'デモ講座', en: 'Demo course' }, summary: { ja: 'デモの要約です。', en: 'A demo summary.' }, version: result.version }],
      local: [],
    });
  });

  it('emits each module’s part of the outline on its own, for the lesson page', () => {
    const course = PublicCourse.parse(result.publicFiles.get('demo/course.json'));
    for (const m of course.modules) {
      const file = PublicModuleFile.parse(result.publicFiles.get(`demo/${m.id}/module.json`));
      expect(file).toEqual({ courseId: 'demo', courseTitle: course.title, version: result.version, module: m });
    }
  });

  it('emits the course outline in course order with quiz summaries and seminar sessions', () => {
    const course = PublicCourse.parse(result.publicFiles.get('demo/course.json'));
    expect(course.modules.map((m) => m.id)).toEqual(['m01-start', 'm02-money']);
    const [m1, m2] = course.modules;
    expect(m1!.lessons).toEqual([
      { id: '01-why', title: 'なぜ始めるのか', minutes: 10, hasVideo: false },
      { id: '02-how', title: 'どう始めるのか', minutes: 8, hasVideo: false },
    ]);
    expect(m1!.quiz).toEqual({ questionCount: 2, passMark: 80, maxAttempts: null });
    expect(m1!.seminarSession).toBe(1);
    expect(m1!.sources).toEqual([{ title: '日本政策金融公庫', url: 'https://www.jfc.go.jp/', checked: '2026-11-28' }]);
    expect(m2!.areas).toEqual(['finance', 'management']);
    expect(m2!.quiz).toBeNull();
    expect(m2!.seminarSession).toBeNull();
    expect(m2!.lessons[0]!.kind).toBe('worksheet');
  });

  it('links lessons prev/next across module boundaries', () => {
    const why = PublicLesson.parse(result.publicFiles.get('demo/m01-start/01-why.json'));
    const how = PublicLesson.parse(result.publicFiles.get('demo/m01-start/02-how.json'));
    const plan = PublicLesson.parse(result.publicFiles.get('demo/m02-money/01-plan.json'));
    expect([why.prev, why.next]).toEqual([null, { moduleId: 'm01-start', lessonId: '02-how' }]);
    expect([how.prev, how.next]).toEqual([{ moduleId: 'm01-start', lessonId: '01-why' }, { moduleId: 'm02-money', lessonId: '01-plan' }]);
    expect([plan.prev, plan.next]).toEqual([{ moduleId: 'm01-start', lessonId: '02-how' }, null]);
    expect(plan.kind).toBe('worksheet');
    expect(why.kind).toBeUndefined();
    expect(why.version).toBe(result.version);
  });

  it('renders Markdown: lesson links become app routes, external links open safely, h1 is demoted, tables render', () => {
    const { html } = PublicLesson.parse(result.publicFiles.get('demo/m01-start/01-why.json'));
    expect(html).toContain('<a href="/courses/demo/m01-start/02-how">次のレッスン</a>');
    expect(html).toContain('<a href="/courses/demo/m02-money/01-plan#top">資金</a>');
    expect(html).toContain('<a href="https://www.jfc.go.jp/" target="_blank" rel="noopener noreferrer">公庫のページ</a>');
    expect(html).toContain('<h2>大見出し</h2>');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>10万円</td>');
  });

  it('keeps answer keys and explanations out of the public quiz', () => {
    const quiz = PublicQuiz.parse(result.publicFiles.get('demo/m01-start/quiz.json'));
    const json = JSON.stringify(result.publicFiles.get('demo/m01-start/quiz.json'));
    expect(json).not.toContain('correct');
    expect(json).not.toContain('explanation');
    expect(json).not.toContain('SECRET-EXPLANATION');
    expect(quiz.questions[0]).toEqual({ id: 'q1', type: 'single', prompt: '正しいのはどれですか。', choices: [{ id: 'a', text: 'あ' }, { id: 'b', text: 'い' }] });
    for (const [path, file] of result.publicFiles) {
      expect(JSON.stringify(file), path).not.toContain('SECRET-EXPLANATION');
    }
  });

  it('puts answer keys and explanations in the server catalog', () => {
    const server = ServerCatalog.parse(result.server);
    expect(server.version).toBe(result.version);
    const m1 = findModule(server, 'demo', 'm01-start');
    expect(m1?.lessons).toEqual(['01-why', '02-how']);
    expect(m1?.seminarSession).toBe(1);
    expect(m1?.quiz?.questions).toEqual([
      { id: 'q1', type: 'single', choiceIds: ['a', 'b'], correct: ['b'], explanation: 'SECRET-EXPLANATION いが正しい。' },
      { id: 'q2', type: 'multiple', choiceIds: ['a', 'b', 'c'], correct: ['a', 'b'], explanation: 'あといです。' },
    ]);
    expect(findModule(server, 'demo', 'm02-money')?.quiz).toBeNull();
    expect(findLesson(server, 'demo', 'm02-money', '01-plan')).toMatchObject({ lessonId: '01-plan', index: 0 });
    expect(findLesson(server, 'demo', 'm02-money', '02-nope')).toBeUndefined();
    expect(findModule(server, 'demo', 'm99')).toBeUndefined();
    expect(findModule(server, 'nope', 'm01-start')).toBeUndefined();
  });
});

describe('compileCourses: errors carry file and line', () => {
  const q = `${C}/m01-start/quiz.yaml`;
  const mod = `${C}/m01-start/module.yaml`;
  const how = `${C}/m01-start/02-how.md`;
  const course = `${C}/course.yaml`;

  it.each([
    ['an unknown key in a quiz', q, replaceLine(quizYaml, 10, '    explaination: typo'), [`${q}:10: unknown key "questions[0].explaination"`]],
    ['two correct choices on a single question', q, replaceLine(quizYaml, 8, '      - { id: a, text: あ, correct: true }'),
      [`${q}:7: questions[0].choices: a single-choice question needs exactly one correct choice (found 2)`]],
    ['no correct choice on a multiple question', q, replaceLine(replaceLine(quizYaml, 15, '      - { id: a, text: あ }'), 16, '      - { id: b, text: い }'),
      [`${q}:14: questions[1].choices: a multiple-choice question needs at least one correct choice`]],
    ['a duplicate choice id', q, replaceLine(quizYaml, 9, '      - { id: a, text: い, correct: true }'), [`${q}:9: questions[0].choices[1].id: duplicate choice id "a"`]],
    ['a duplicate question id', q, replaceLine(quizYaml, 11, '  - id: q1'), [`${q}:11: questions[1].id: duplicate question id "q1"`]],
    ['passMark out of range', q, replaceLine(quizYaml, 1, 'passMark: 0'), [`${q}:1: passMark: Too small: expected number to be >=1`]],
    ['maxAttempts zero', q, replaceLine(quizYaml, 2, 'maxAttempts: 0'), [`${q}:2: maxAttempts: Too small: expected number to be >0`]],
    ['a quiz without questions', q, lines('passMark: 80', 'maxAttempts: 3', 'questions: []'), [`${q}:3: questions: a quiz needs at least one question`]],
    ['an unquoted text with a comma in a flow map', q, replaceLine(quizYaml, 8, '      - { id: a, text: 3,000円 }'),
      [`${q}:8: questions[0].choices[0].text: expected text but YAML read the number 3; put the text in quotes`,
       `${q}:8: unknown key "questions[0].choices[0].000円" (inside { … } a comma separates entries, so quote text that contains a comma, e.g. text: "3,000円")`]],
    ['an unknown area', mod, replaceLine(moduleYaml('management', '1'), 5, 'areas: [marketing]'),
      [`${mod}:5: areas[0]: Invalid option: expected one of "management"|"finance"|"hr"|"sales"`]],
    ['a misspelt module key', mod, replaceLine(moduleYaml('management', '1'), 6, 'estimatedMinuts: 30'),
      [`${mod}:1: missing required key "estimatedMinutes"`, `${mod}:6: unknown key "estimatedMinuts"`]],
    ['a missing English title', mod, replaceLine(moduleYaml('management', '1'), 1, 'title: { ja: はじめに }'), [`${mod}:1: missing required key "title.en"`]],
    ['a duplicate YAML key', mod, moduleYaml('management', '1') + 'areas: [hr]\n', [`${mod}:14: YAML syntax: Map keys must be unique`]],
    ['a bad front matter value', how, replaceLine(lessonHow, 3, 'minutes: ten'), [`${how}:3: minutes: Invalid input: expected number, received string`]],
    ['an unknown front matter key', how, replaceLine(lessonHow, 3, 'minutes: 8\nauthor: x'), [`${how}:4: unknown key "author"`]],
    ['a lesson without front matter', how, '## 手順\n本文\n', [`${how}:1: a lesson starts with front matter: a line "---", YAML (title, minutes), and another "---"`]],
    ['a broken lesson link', how, lessonHow + '\n[先へ](../m02-money/09-nope.md)\n',
      [`${how}:9: broken link "../m02-money/09-nope.md": no lesson file courses/demo/m02-money/09-nope.md`]],
    ['a relative link to something other than a lesson', how, lessonHow + '\n[表](../m02-money/table.pdf)\n',
      [`${how}:9: link "../m02-money/table.pdf": a relative link must point to a lesson's .md file; use a full https URL for other pages`]],
    ['a module listed twice', course, courseYaml + '  - m01-start\n', [`${course}:6: duplicate module id "m01-start" in modules:`]],
    ['a module listed without a folder', course, courseYaml + '  - m03-missing\n', [`${course}:6: module "m03-missing" is listed but there is no folder courses/demo/m03-missing/`]],
    ['a bad module id in course.yaml', course, courseYaml + '  - M03_Bad\n',
      [`${course}:6: modules[2]: invalid id: use 1–64 lowercase letters, digits and hyphens, starting with a letter or digit`]],
  ])('%s', (_name, path, text, expected) => {
    expect(errorsOf(edit(path, text))).toEqual(expected);
  });

  it('reports a module folder that course.yaml does not list', () => {
    const files = edit(`${C}/m09-extra/module.yaml`, moduleYaml('hr', null));
    files.set(`${C}/m09-extra/01-a.md`, lessonPlan);
    expect(errorsOf(files)).toEqual([`${C}/m09-extra/module.yaml:1: module folder "m09-extra" is not listed under modules: in ${course}`]);
  });

  it('reports a module without lessons and a module without module.yaml', () => {
    const files = edit(course, courseYaml + '  - m03-empty\n  - m04-bare\n');
    files.set(`${C}/m03-empty/module.yaml`, moduleYaml('hr', null));
    files.set(`${C}/m04-bare/01-a.md`, lessonPlan);
    expect(errorsOf(files)).toEqual([
      `${C}/m03-empty/module.yaml:1: module "m03-empty" has no lessons (add NN-<slug>.md files)`,
      `${C}/m04-bare/module.yaml:1: module "m04-bare" has no module.yaml`,
    ]);
  });

  it('reports bad ids in folder and file names', () => {
    const files = edit(`${C}/M05_Bad/module.yaml`, moduleYaml('hr', null));
    files.set(`${C}/m01-start/03_Extra.md`, lessonHow);
    files.set(`${C}/m01-start/extra.md`, lessonHow);
    files.set(`${C}/m01-start/notes.txt`, 'x');
    expect(errorsOf(files)).toEqual([
      `${C}/M05_Bad/module.yaml:1: invalid module id "M05_Bad" (the folder name): use 1–64 lowercase letters, digits and hyphens, starting with a letter or digit`,
      `${C}/m01-start/03_Extra.md:1: invalid lesson id "03_Extra": use 1–64 lowercase letters, digits and hyphens, starting with a letter or digit`,
      `${C}/m01-start/extra.md:1: lesson file "extra.md" must start with a two-digit number and a hyphen (e.g. 01-extra.md) so lessons sort in order`,
      `${C}/m01-start/notes.txt:1: unexpected file: a module folder holds only module.yaml, quiz.yaml and lesson .md files`,
    ]);
  });

  it('reports every error at once, sorted by file and line', () => {
    let files = edit(q, replaceLine(replaceLine(quizYaml, 1, 'passMark: 101'), 10, '    explaination: typo'));
    files = edit(how, replaceLine(lessonHow, 3, 'minutes: -1'), files);
    files = edit(course, courseYaml + '  - m03-missing\n', files);
    files = edit(`${C}/m02-money/01-plan.md`, null, files);
    expect(errorsOf(files)).toEqual([
      `${course}:6: module "m03-missing" is listed but there is no folder courses/demo/m03-missing/`,
      // 01-why.md links to the deleted lesson.
      `${C}/m01-start/01-why.md:7: broken link "../m02-money/01-plan.md#top": no lesson file courses/demo/m02-money/01-plan.md`,
      `${how}:3: minutes: Too small: expected number to be >0`,
      `${q}:1: passMark: Too big: expected number to be <=100`,
      `${q}:10: unknown key "questions[0].explaination"`,
      `${C}/m02-money/module.yaml:1: module "m02-money" has no lessons (add NN-<slug>.md files)`,
    ]);
  });
});

describe('lesson HTML is sanitized', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '',
    'text <img src=x onerror="alert(1)"> and <a href="javascript:alert(1)" onclick="alert(1)">a</a>',
    '',
    '[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](vbscript:msgbox(1)) [w](data:text/html;base64,PHNjcmlwdD4=)',
    '',
    '![i](javascript:alert(1)) [q](https://example.com/"onmouseover="alert(1))',
    '',
    '<iframe src="https://evil.example"></iframe>',
  ].join('\n');

  function dom(html: string) {
    const window = new Window();
    window.document.body.innerHTML = html;
    return window.document;
  }

  it.each([
    ['renderLessonMarkdown', () => renderLessonMarkdown(hostile, { courseId: 'demo', moduleId: 'm01-start' })],
    ['compileCourses', () => {
      const result = compileCourses(edit(`${C}/m01-start/02-how.md`, lessonHow + '\n' + hostile + '\n'));
      expect(result.errors).toEqual([]);
      return PublicLesson.parse(result.publicFiles.get('demo/m01-start/02-how.json')).html;
    }],
  ])('through %s: no script, event handler, frame or script URL reaches the HTML', (_name, render) => {
    const html = render();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/href="(javascript|vbscript|data):/i);
    const doc = dom(html);
    expect(doc.querySelectorAll('script, iframe, object, embed').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        expect(attr.toLowerCase().startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
        expect(el.getAttribute(attr) ?? '').not.toMatch(/^\s*(javascript|vbscript|data:text)/i);
      }
    }
    // The raw HTML is shown as text, not dropped silently, so an author sees their mistake.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('content version', () => {
  const v = (files: Map<string, string>) => compileCourses(files).version;

  it('is stable for the same files, whatever order they are given in', () => {
    expect(v(goodCourse())).toBe(v(new Map([...goodCourse()].reverse())));
  });

  it('changes when any course file changes, is added or is renamed', () => {
    const base = v(goodCourse());
    expect(v(edit(`${C}/m01-start/02-how.md`, lessonHow + 'もう一行。\n'))).not.toBe(base);
    expect(v(edit(`${C}/m01-start/quiz.yaml`, quizYaml.replace('passMark: 80', 'passMark: 70')))).not.toBe(base);
    const renamed = edit(`${C}/m01-start/02-how.md`, null);
    renamed.set(`${C}/m01-start/03-how.md`, lessonHow);
    expect(v(renamed)).not.toBe(base);
  });

  it('ignores files outside course folders such as courses/README.md', () => {
    expect(v(edit('courses/README.md', '# another guide\n'))).toBe(v(goodCourse()));
  });

  it('gives each module a version of its own that moves only with that module\'s folder', () => {
    const mv = (files: Map<string, string>) => Object.fromEntries(compileCourses(files).server.courses[0]!.modules.map((m) => [m.id, m.version]));
    const base = mv(goodCourse());
    expect(base['m01-start']).toMatch(/^[0-9a-f]{16}$/);
    expect(base['m01-start']).not.toBe(base['m02-money']);
    expect(mv(new Map([...goodCourse()].reverse()))).toEqual(base);
    const edited = mv(edit(`${C}/m01-start/02-how.md`, lessonHow + 'もう一行。\n'));
    expect(edited['m01-start']).not.toBe(base['m01-start']);
    expect(edited['m02-money']).toBe(base['m02-money']);
    // The course outline is not the module's content: reordering or retitling the course keeps every module's version.
    expect(mv(edit(`${C}/course.yaml`, courseYaml.replace('デモ講座', 'デモ講座・改')))).toEqual(base);
  });

  it('is stamped on every public file', () => {
    const result = compileCourses(goodCourse());
    for (const file of result.publicFiles.values()) expect((file as { version: string }).version).toBe(result.version);
  });
});

describe('loadServerCatalog', () => {
  it('reads, validates and caches the server catalog', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    try {
      const file = join(dir, 'server.json');
      const { server } = compileCourses(goodCourse());
      writeFileSync(file, JSON.stringify(server));
      clearCatalogCache();
      const first = loadServerCatalog(file);
      expect(first).toEqual(server);
      writeFileSync(file, '{"broken": true}');
      expect(loadServerCatalog(file)).toBe(first); // cached per process
      clearCatalogCache();
      expect(() => loadServerCatalog(file)).toThrow(/does not match ServerCatalog/);
      expect(() => loadServerCatalog(join(dir, 'missing.json'))).toThrow(/npm run courses:build/);
    } finally {
      clearCatalogCache();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('video lessons', () => {
  const M = `${C}/m01-start`;
  const videoLesson = (video: string[]) => lines(
    '---', //                                                           1
    'title: 動画で見る創業の流れ', //                                   2
    'minutes: 5', //                                                    3
    ...video, //                                                        4…
    '---',
    '動画の内容を文字でも読めます。',
  );
  const good = [
    'video:', //                                                        4
    '  url: media/flow.webm', //                                        5
    '  captions:', //                                                   6
    '    - { src: media/flow.ja.vtt, lang: ja, label: 日本語 }', //     7
    '    - { src: media/flow.en.vtt, lang: en, label: English }', //    8
  ];
  const vtt = (text: string) => lines('WEBVTT', '', '00:00:00.000 --> 00:00:03.500', text, '', '00:03.500 --> 00:07.000', '次へ');
  const video = { bytes: 120_000, sha256: 'a'.repeat(64) };
  const withVideo = (lesson = videoLesson(good), extra: Record<string, string> = {}) => {
    const files = edit(`${M}/03-video.md`, lesson);
    files.set(`${M}/media/flow.ja.vtt`, vtt('開業届を出します'));
    files.set(`${M}/media/flow.en.vtt`, vtt('File the notice of opening'));
    for (const [k, t] of Object.entries(extra)) files.set(k, t);
    return files;
  };
  const compileWith = (files: Map<string, string>, media = new Map([[`${M}/media/flow.webm`, video]])) => compileCourses(files, media);

  it('publishes the video and its captions under /content, and copies the files', () => {
    const r = compileWith(withVideo());
    expect(r.errors).toEqual([]);
    const lesson = PublicLesson.parse(r.publicFiles.get('demo/m01-start/03-video.json'));
    expect(lesson.video).toEqual({
      url: '/content/demo/m01-start/media/flow.webm',
      captions: [
        { src: '/content/demo/m01-start/media/flow.ja.vtt', lang: 'ja', label: '日本語' },
        { src: '/content/demo/m01-start/media/flow.en.vtt', lang: 'en', label: 'English' },
      ],
    });
    expect(PublicCourse.parse(r.publicFiles.get('demo/course.json')).modules[0]!.lessons.find((l) => l.id === '03-video')!.hasVideo).toBe(true);
    expect([...r.media]).toEqual([
      ['demo/m01-start/media/flow.en.vtt', `${M}/media/flow.en.vtt`],
      ['demo/m01-start/media/flow.ja.vtt', `${M}/media/flow.ja.vtt`],
      ['demo/m01-start/media/flow.webm', `${M}/media/flow.webm`],
    ]);
  });

  it('is a new content version when the video is re-encoded', () => {
    const files = withVideo();
    const reEncoded = compileWith(files, new Map([[`${M}/media/flow.webm`, { ...video, sha256: 'b'.repeat(64) }]]));
    expect(compileWith(files).version).not.toBe(reEncoded.version);
    expect(compileWith(files).server.courses[0]!.modules[0]!.version).not.toBe(reEncoded.server.courses[0]!.modules[0]!.version);
  });

  it('accepts a video hosted elsewhere by https URL, still with local captions', () => {
    const r = compileWith(withVideo(videoLesson(good.map((l) => l.replace('media/flow.webm', 'https://media.example.jp/flow.mp4')))), new Map());
    expect(r.errors).toEqual([]);
    expect(PublicLesson.parse(r.publicFiles.get('demo/m01-start/03-video.json')).video!.url).toBe('https://media.example.jp/flow.mp4');
  });

  it('requires captions, in Japanese, as WebVTT files that exist and parse', () => {
    const noJa = videoLesson([...good.slice(0, 3), good[4]!]);
    expect(compileWith(withVideo(noJa)).errors.map(formatError)).toEqual([
      `${M}/03-video.md:6: a video needs Japanese captions: add a track with lang: ja`,
      `${M}/media/flow.ja.vtt:1: no lesson uses this file: name it in a lesson's video: or remove it`,
    ]);
    expect(compileWith(withVideo(videoLesson(good.slice(0, 2)))).errors.map(formatError)[0]).toBe(`${M}/03-video.md:4: missing required key "video.captions"`);
    const broken = withVideo(undefined, { [`${M}/media/flow.ja.vtt`]: lines('WEBVTT', '', '0:00 --> 0:03', 'x') });
    expect(compileWith(broken).errors.map(formatError)).toEqual([`${M}/media/flow.ja.vtt:3: cue timing "0:00 --> 0:03": write it as 00:00:01.000 --> 00:00:04.000`]);
    const notVtt = withVideo(undefined, { [`${M}/media/flow.en.vtt`]: lines('1', '00:00:00,000 --> 00:00:03,000', 'srt style') });
    expect(compileWith(notVtt).errors.map(formatError)).toEqual([`${M}/media/flow.en.vtt:1: a WebVTT captions file starts with the line "WEBVTT"`]);
    const empty = withVideo(undefined, { [`${M}/media/flow.en.vtt`]: lines('WEBVTT', '') });
    expect(compileWith(empty).errors.map(formatError)[0]).toMatch(/flow\.en\.vtt:1: no captions/);
  });

  it('names the missing file, the wrong place and the oversize video', () => {
    const missing = compileWith(withVideo(videoLesson(good.map((l) => l.replace('flow.en.vtt', 'gone.en.vtt')))));
    expect(missing.errors.map(formatError)).toEqual([
      `${M}/03-video.md:8: captions "media/gone.en.vtt": there is no file ${M}/media/gone.en.vtt`,
      `${M}/media/flow.en.vtt:1: no lesson uses this file: name it in a lesson's video: or remove it`,
    ]);
    expect(compileWith(withVideo(), new Map()).errors.map(formatError)).toEqual([`${M}/03-video.md:5: video "media/flow.webm": there is no file ${M}/media/flow.webm`]);
    expect(compileWith(withVideo(videoLesson(good.map((l) => l.replace('media/flow.webm', '../flow.webm'))))).errors.map(formatError)).toEqual([
      `${M}/03-video.md:5: video url "../flow.webm": name a file in this module's media/ folder (media/<name>.webm or .mp4) or give a full https URL`,
      `${M}/media/flow.webm:1: no lesson uses this file: name it in a lesson's video: or remove it`,
    ]);
    const big = compileWith(withVideo(), new Map([[`${M}/media/flow.webm`, { ...video, bytes: 12 * 1048576 }]]));
    expect(big.errors.map(formatError)).toEqual([`${M}/03-video.md:5: video "media/flow.webm" is 12.0 MB: keep videos in the repository under 10 MB, or host it elsewhere and give its https URL`]);
    const dup = compileWith(withVideo(videoLesson(good.map((l) => l.replace('lang: en', 'lang: ja')))));
    expect(dup.errors.map(formatError)).toEqual([`${M}/03-video.md:8: two captions tracks in "ja"`]);
  });

  it('refuses other files in media/', () => {
    const files = withVideo(undefined, { [`${M}/media/notes.txt`]: 'x' });
    expect(compileWith(files).errors.map(formatError)).toEqual([`${M}/media/notes.txt:1: unexpected file: media/ holds lesson videos (.webm, .mp4) and their captions (.vtt) only`]);
  });
});
