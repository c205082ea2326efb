import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { compileCourses, formatError } from '../../functions/catalog/compile.ts';
import { checkContentRules } from '../../functions/catalog/content-rules.ts';
import { PublicCourse, PublicCourseTranslation, PublicLesson, PublicQuiz, ServerCatalog } from '../../functions/contract/catalog.ts';
import { gradeQuiz } from '../../functions/domain/quiz.ts';

// A two-module course whose first module has an English version in en/. Files are arrays of lines so that expected
// line numbers can be read off.
const C = 'courses/demo';
const M = `${C}/m01-start`;
const E = `${M}/en`;
const lines = (...l: string[]) => l.join('\n') + '\n';

const courseYaml = lines(
  'title: { ja: デモ講座, en: Demo course }',
  'summary: { ja: デモの要約です。, en: A demo summary. }',
  'modules:',
  '  - m01-start',
  '  - m02-money',
);

const moduleYaml = (area: string) => lines(
  'title: { ja: はじめに, en: Getting started }',
  'summary: { ja: 要約です。, en: A summary. }',
  `areas: [${area}]`,
  'estimatedMinutes: 30',
  'objectives:',
  '  - 動機を説明できる',
  '  - 計画を立てられる',
  'sources:',
  '  - title: 日本政策金融公庫',
  '    url: https://www.jfc.go.jp/',
  '    checked: 2026-11-28',
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
  '    explanation: いが正しい。', //                                   10
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
  '---',
  'title: なぜ始めるのか',
  'minutes: 10',
  '---',
  '## 動機',
  '',
  '本文です。[次のレッスン](02-how.md) と [資金](../m02-money/01-plan.md#top)。',
  '',
  '### 小見出し',
  '',
  '| 項目 | 金額 |',
  '|---|---|',
  '| 家賃 | 10万円 |',
  '',
  '## まとめ',
  '',
  '[公庫](https://www.jfc.go.jp/)',
);

const lessonHow = lines('---', 'title: どう始めるのか', 'minutes: 8', '---', '## 手順', '', '前の[レッスン](./01-why.md)に戻る。');
const lessonPlan = lines('---', 'title: 創業計画書ワークシート', 'minutes: 20', 'kind: worksheet', '---', '書き込んで使います。');

// ------------------------------------------------------------------------------------------------- the English version

const enModule = lines(
  'objectives:', //                                                     1
  '  - Explain your motive for starting a business', //                 2
  '  - Draw up a plan', //                                              3
);

const enQuiz = lines(
  'questions:', //                                                      1
  '  - id: q1', //                                                      2
  '    type: single', //                                                3
  '    prompt: Which one is right?', //                                 4
  '    choices:', //                                                    5
  '      - { id: a, text: A }', //                                      6
  '      - { id: b, text: B, correct: true }', //                       7
  '    explanation: EN-EXPLANATION B is right.', //                     8
  '  - id: q2', //                                                      9
  '    type: multiple', //                                              10
  '    prompt: Choose all that apply.', //                              11
  '    choices:', //                                                    12
  '      - { id: a, text: A, correct: true }', //                       13
  '      - { id: b, text: B, correct: true }', //                       14
  '      - { id: c, text: C }', //                                      15
  '    explanation: A and B.', //                                       16
);

const enWhy = lines(
  '---', //                                                             1
  'title: Why start a business', //                                     2
  'minutes: 10', //                                                     3
  '---', //                                                             4
  '## Your motive', //                                                  5
  '', //                                                                6
  'ENGLISH-BODY. [Next lesson](02-how.md) and [money](../m02-money/01-plan.md#top).', // 7
  '', //                                                                8
  '### A sub-heading', //                                               9
  '', //                                                                10
  '| Item | Amount |', //                                               11
  '|---|---|', //                                                       12
  '| Rent | ¥100,000 |', //                                             13
  '', //                                                                14
  '## Summary', //                                                      15
  '', //                                                                16
  '[JFC](https://www.jfc.go.jp/)', //                                   17
);

const enHow = lines('---', 'title: How to start', 'minutes: 8', '---', '## Steps', '', 'Back to the [lesson](./01-why.md), or on to [the plan](../../m02-money/01-plan.md).');

function course(): Map<string, string> {
  return new Map([
    [`${C}/course.yaml`, courseYaml],
    [`${M}/module.yaml`, moduleYaml('management')],
    [`${M}/01-why.md`, lessonWhy],
    [`${M}/02-how.md`, lessonHow],
    [`${M}/quiz.yaml`, quizYaml],
    [`${C}/m02-money/module.yaml`, moduleYaml('finance')],
    [`${C}/m02-money/01-plan.md`, lessonPlan],
  ]);
}

function translated(): Map<string, string> {
  const files = course();
  files.set(`${E}/module.yaml`, enModule);
  files.set(`${E}/01-why.md`, enWhy);
  files.set(`${E}/02-how.md`, enHow);
  files.set(`${E}/quiz.yaml`, enQuiz);
  return files;
}

/** A copy of the translated course with `path` set to `text` (or removed when text is null). */
function edit(path: string, text: string | null, base = translated()): Map<string, string> {
  const files = new Map(base);
  if (text === null) files.delete(path);
  else files.set(path, text);
  return files;
}

function replaceLine(text: string, line: number, replacement: string): string {
  const l = text.split('\n');
  l[line - 1] = replacement;
  return l.join('\n');
}

const errorsOf = (files: Map<string, string>) => compileCourses(files).errors.map(formatError);

describe('a module with a complete English version', () => {
  const result = compileCourses(translated());
  const plain = compileCourses(course());

  it('compiles, and the version covers the translation', () => {
    expect(result.errors).toEqual([]);
    expect(result.version).not.toBe(plain.version);
    expect(compileCourses(edit(`${E}/02-how.md`, enHow + 'One more line.\n')).version).not.toBe(result.version);
  });

  it('publishes English files beside the Japanese ones, one language per file', () => {
    const added = [...result.publicFiles.keys()].filter((p) => !plain.publicFiles.has(p)).sort();
    expect(added).toEqual(['demo/course.en.json', 'demo/m01-start/01-why.en.json', 'demo/m01-start/02-how.en.json', 'demo/m01-start/quiz.en.json']);
    // What a Japanese reader downloads carries no English text: only the languages mark grows.
    for (const [path, file] of result.publicFiles) {
      if (path.endsWith('.en.json')) continue;
      const text = JSON.stringify(file);
      expect(text, path).not.toContain('ENGLISH-BODY');
      expect(text, path).not.toContain('Why start a business');
      expect(text, path).not.toContain('Explain your motive');
    }
    const ja = PublicLesson.parse(result.publicFiles.get('demo/m01-start/01-why.json'));
    const jaPlain = PublicLesson.parse(plain.publicFiles.get('demo/m01-start/01-why.json'));
    expect({ ...ja, version: 'x' }).toEqual({ ...jaPlain, version: 'x' });
    expect(ja.lang).toBe('ja');
  });

  it('marks in the outline which modules can be read in English, and puts English titles and objectives apart', () => {
    const outline = PublicCourse.parse(result.publicFiles.get('demo/course.json'));
    expect(outline.modules.map((m) => [m.id, m.languages])).toEqual([['m01-start', ['ja', 'en']], ['m02-money', ['ja']]]);
    expect(PublicCourseTranslation.parse(result.publicFiles.get('demo/course.en.json'))).toEqual({
      courseId: 'demo', lang: 'en', version: result.version,
      modules: [{
        id: 'm01-start',
        objectives: ['Explain your motive for starting a business', 'Draw up a plan'],
        lessons: [{ id: '01-why', title: 'Why start a business' }, { id: '02-how', title: 'How to start' }],
      }],
    });
    expect(plain.publicFiles.has('demo/course.en.json')).toBe(false);
  });

  it('renders English lessons like Japanese ones: same ids, links, minutes and neighbours', () => {
    const ja = PublicLesson.parse(result.publicFiles.get('demo/m01-start/01-why.json'));
    const en = PublicLesson.parse(result.publicFiles.get('demo/m01-start/01-why.en.json'));
    expect(en).toMatchObject({ id: '01-why', moduleId: 'm01-start', title: 'Why start a business', minutes: 10, lang: 'en', prev: ja.prev, next: ja.next, video: null });
    // Links copied from the source resolve as they do there.
    expect(en.html).toContain('<a href="/courses/demo/m01-start/02-how">Next lesson</a>');
    expect(en.html).toContain('<a href="/courses/demo/m02-money/01-plan#top">money</a>');
    expect(en.html).toContain('<h2>Your motive</h2>');
    expect(en.html).toContain('<table>');
    // …and so do links written relative to en/.
    const how = PublicLesson.parse(result.publicFiles.get('demo/m01-start/02-how.en.json'));
    expect(how.html).toContain('<a href="/courses/demo/m01-start/01-why">lesson</a>');
    expect(how.html).toContain('<a href="/courses/demo/m02-money/01-plan">the plan</a>');
  });

  it('publishes the English quiz without answers, with the same ids', () => {
    const en = PublicQuiz.parse(result.publicFiles.get('demo/m01-start/quiz.en.json'));
    const ja = PublicQuiz.parse(result.publicFiles.get('demo/m01-start/quiz.json'));
    expect(en.lang).toBe('en');
    expect(en.passMark).toBe(ja.passMark);
    expect(en.questions.map((q) => [q.id, q.type, q.choices.map((c) => c.id)])).toEqual(ja.questions.map((q) => [q.id, q.type, q.choices.map((c) => c.id)]));
    expect(en.questions[0]).toEqual({ id: 'q1', type: 'single', prompt: 'Which one is right?', choices: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] });
    const text = JSON.stringify(en);
    expect(text).not.toContain('correct');
    expect(text).not.toContain('EN-EXPLANATION');
  });

  it('grades exactly as without the translation and returns the English explanation beside the Japanese one', () => {
    const server = ServerCatalog.parse(result.server);
    const quiz = server.courses[0]!.modules[0]!.quiz!;
    const plainQuiz = ServerCatalog.parse(plain.server).courses[0]!.modules[0]!.quiz!;
    expect(quiz.questions.map(({ explanationEn: _, ...q }) => q)).toEqual(plainQuiz.questions);
    expect(quiz.questions.map((q) => q.explanationEn)).toEqual(['EN-EXPLANATION B is right.', 'A and B.']);
    const answers = { q1: ['b'], q2: ['a'] };
    const graded = gradeQuiz(quiz, answers);
    expect({ ...graded, results: graded.results.map(({ explanationEn: _, ...r }) => r) }).toEqual(gradeQuiz(plainQuiz, answers));
    expect(graded.results[0]).toEqual({ questionId: 'q1', correct: true, explanation: 'いが正しい。', explanationEn: 'EN-EXPLANATION B is right.' });
    expect(gradeQuiz(plainQuiz, answers).results[0]).not.toHaveProperty('explanationEn');
  });

  it('sanitizes English lesson bodies exactly like Japanese ones', () => {
    const hostile = '\n<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe> <img src=x onerror="alert(1)">\n\n[x](javascript:alert(1))\n';
    const r = compileCourses(edit(`${E}/02-how.md`, enHow + hostile, edit(`${M}/02-how.md`, lessonHow + hostile)));
    expect(r.errors).toEqual([]);
    const en = PublicLesson.parse(r.publicFiles.get('demo/m01-start/02-how.en.json')).html;
    const ja = PublicLesson.parse(r.publicFiles.get('demo/m01-start/02-how.json')).html;
    const tail = (html: string) => html.slice(html.indexOf('&lt;script'));
    expect(tail(en)).toBe(tail(ja));
    const doc = new Window().document;
    doc.body.innerHTML = en;
    expect(doc.querySelectorAll('script, iframe').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
    }
    expect(en).not.toMatch(/href="javascript:/i);
  });
});

describe('a translation that differs from its source fails the check at file:line', () => {
  it.each([
    ['a lesson without its English version', `${E}/02-how.md`, null,
      [`${E}/02-how.md:1: partial translation: lesson "02-how" has no English version; a module's English version is complete (en/module.yaml, one en/<lesson>.md per lesson, en/quiz.yaml when the module has a quiz) or absent`]],
    ['no en/module.yaml', `${E}/module.yaml`, null,
      [`${E}/module.yaml:1: partial translation: there is no en/module.yaml; a module's English version is complete (en/module.yaml, one en/<lesson>.md per lesson, en/quiz.yaml when the module has a quiz) or absent`]],
    ['no en/quiz.yaml', `${E}/quiz.yaml`, null,
      [`${E}/quiz.yaml:1: partial translation: there is no en/quiz.yaml; a module's English version is complete (en/module.yaml, one en/<lesson>.md per lesson, en/quiz.yaml when the module has a quiz) or absent`]],
    ['an English lesson with no Japanese lesson', `${E}/03-extra.md`, enHow,
      [`${E}/03-extra.md:1: there is no Japanese lesson ${M}/03-extra.md: an English lesson has the file name of the lesson it translates`]],
    ['fewer objectives', `${E}/module.yaml`, lines('objectives:', '  - Explain your motive'),
      [`${E}/module.yaml:1: 1 objective here and 2 in ${M}/module.yaml; translate each objective, in the same order`]],
    ['another key in en/module.yaml', `${E}/module.yaml`, enModule + 'title: { ja: x, en: y }\n', [`${E}/module.yaml:4: unknown key "title"`]],
    ['a ### heading where the source has ##', `${E}/01-why.md`, replaceLine(enWhy, 15, '### Summary'),
      [`${E}/01-why.md:15: heading 3 is "### Summary" but heading 3 of the Japanese lesson is "## まとめ" (${M}/01-why.md:15); keep the same ## and ### headings in the same order`]],
    ['a missing heading', `${E}/01-why.md`, replaceLine(enWhy, 9, 'A sub-heading, as text'),
      [`${E}/01-why.md:15: heading 2 is "## Summary" but heading 2 of the Japanese lesson is "### 小見出し" (${M}/01-why.md:9); keep the same ## and ### headings in the same order`]],
    ['a heading too many', `${E}/01-why.md`, enWhy + '\n## Extra\n',
      [`${E}/01-why.md:19: heading 4 "## Extra" has no counterpart in the Japanese lesson (${M}/01-why.md has 3 headings)`]],
    ['headings missing at the end', `${E}/01-why.md`, enWhy.replace('## Summary', 'Summary'),
      [`${E}/01-why.md:9: the Japanese lesson has 3 headings and this one 2: heading 3 "## まとめ" (${M}/01-why.md:15) has no English heading`]],
    ['a table written as a list', `${E}/01-why.md`, enWhy.replace('| Item | Amount |\n|---|---|\n| Rent | ¥100,000 |', '- Rent: ¥100,000'),
      [`${E}/01-why.md:5: 0 tables here and 1 in the Japanese lesson (${M}/01-why.md); translate every table and add none`]],
    ['other minutes', `${E}/01-why.md`, replaceLine(enWhy, 3, 'minutes: 12'),
      [`${E}/01-why.md:3: minutes: 12 here and 10 in the Japanese lesson (${M}/01-why.md); a translation keeps the same minutes`]],
    ['a kind the source does not have', `${E}/01-why.md`, replaceLine(enWhy, 3, 'minutes: 10\nkind: worksheet'),
      [`${E}/01-why.md:4: kind: worksheet here and (none) in the Japanese lesson; copy the source's front matter keys unchanged`]],
    ['a broken link', `${E}/02-how.md`, enHow + '\n[Gone](../m02-money/09-gone.md)\n',
      [`${E}/02-how.md:9: broken link "../m02-money/09-gone.md": no lesson file courses/demo/m02-money/09-gone.md`]],
    ['questions in another order', `${E}/quiz.yaml`, lines('questions:', ...enQuiz.split('\n').slice(8, 16), ...enQuiz.split('\n').slice(1, 8)),
      [`${E}/quiz.yaml:2: question 1 is "q2" but the Japanese quiz has "q1" there (${M}/quiz.yaml:4); keep the same question ids in the same order`]],
    ['a question missing', `${E}/quiz.yaml`, enQuiz.split('\n').slice(0, 8).join('\n') + '\n',
      [`${E}/quiz.yaml:1: question "q2" (${M}/quiz.yaml:11) is not translated: a module's English version is complete (en/module.yaml, one en/<lesson>.md per lesson, en/quiz.yaml when the module has a quiz) or absent`]],
    ['another type', `${E}/quiz.yaml`, replaceLine(enQuiz, 3, '    type: multiple'),
      [`${E}/quiz.yaml:3: question "q1" is type multiple here and single in the Japanese quiz; keep the type`]],
    ['other choice ids', `${E}/quiz.yaml`, replaceLine(enQuiz, 15, '      - { id: d, text: D }'),
      [`${E}/quiz.yaml:12: question "q2" has choices a, b, d here and a, b, c in the Japanese quiz; keep the same choice ids in the same order`]],
    ['another answer key', `${E}/quiz.yaml`, replaceLine(enQuiz, 14, '      - { id: b, text: B }'),
      [`${E}/quiz.yaml:14: choice "b" of question "q2" is not marked correct: true here but is in the Japanese quiz; the answers are the same in every language`]],
    ['passMark in the English quiz', `${E}/quiz.yaml`, 'passMark: 60\n' + enQuiz, [`${E}/quiz.yaml:1: unknown key "passMark"`]],
    ['a file deeper in en/', `${E}/media/x.vtt`, 'WEBVTT\n',
      [`${E}/media/x.vtt:1: unexpected file: en/ holds module.yaml, quiz.yaml and one .md per lesson (videos and captions stay in the module's media/ folder)`]],
  ])('%s', (_name, path, text, expected) => {
    expect(errorsOf(edit(path, text))).toEqual(expected);
  });

  it('reports an en/ folder with only some of its files as partial, file by file', () => {
    const files = course();
    files.set(`${E}/01-why.md`, enWhy);
    expect(errorsOf(files)).toEqual([
      `${E}/02-how.md:1: partial translation: lesson "02-how" has no English version; a module's English version is complete (en/module.yaml, one en/<lesson>.md per lesson, en/quiz.yaml when the module has a quiz) or absent`,
      `${E}/module.yaml:1: partial translation: there is no en/module.yaml; a module's English version is complete (en/module.yaml, one en/<lesson>.md per lesson, en/quiz.yaml when the module has a quiz) or absent`,
      `${E}/quiz.yaml:1: partial translation: there is no en/quiz.yaml; a module's English version is complete (en/module.yaml, one en/<lesson>.md per lesson, en/quiz.yaml when the module has a quiz) or absent`,
    ]);
  });

  it('compares a translation only once its source compiles, so the source’s errors come first', () => {
    expect(errorsOf(edit(`${M}/02-how.md`, replaceLine(lessonHow, 3, 'minutes: ten')))).toEqual([
      `${M}/02-how.md:3: minutes: Invalid input: expected number, received string`,
    ]);
  });

  it('publishes nothing English for a module whose translation fails', () => {
    const r = compileCourses(edit(`${E}/02-how.md`, null));
    expect([...r.publicFiles.keys()].filter((p) => p.includes('.en.'))).toEqual([]);
    expect(PublicCourse.parse(r.publicFiles.get('demo/course.json')).modules[0]!.languages).toEqual(['ja']);
  });
});

describe('video lessons in English', () => {
  const videoFront = [
    'video:',
    '  url: media/flow.webm',
    '  captions:',
    '    - { src: media/flow.ja.vtt, lang: ja, label: 日本語 }',
    '    - { src: media/flow.en.vtt, lang: en, label: English }',
  ];
  const vtt = lines('WEBVTT', '', '00:00:00.000 --> 00:00:03.500', 'text');
  const withVideo = (enFront: string[]) => {
    const files = edit(`${M}/03-video.md`, lines('---', 'title: 動画', 'minutes: 5', ...videoFront, '---', '## 文字起こし', '本文'));
    files.set(`${E}/03-video.md`, lines('---', 'title: Video', 'minutes: 5', ...enFront, '---', '## Transcript', 'Text'));
    files.set(`${M}/media/flow.ja.vtt`, vtt);
    files.set(`${M}/media/flow.en.vtt`, vtt);
    return compileCourses(files, new Map([[`${M}/media/flow.webm`, { bytes: 1000, sha256: 'a'.repeat(64) }]]));
  };

  it('keeps the source’s video, written as in the source or relative to en/', () => {
    for (const front of [videoFront, videoFront.map((l) => l.replace(/media\//g, '../media/'))]) {
      const r = withVideo(front);
      expect(r.errors).toEqual([]);
      expect(PublicLesson.parse(r.publicFiles.get('demo/m01-start/03-video.en.json')).video).toEqual(PublicLesson.parse(r.publicFiles.get('demo/m01-start/03-video.json')).video);
    }
  });

  it('refuses an English lesson that drops or changes the video', () => {
    expect(withVideo([]).errors.map(formatError)).toEqual([
      `${E}/03-video.md:2: video: copy the Japanese lesson's video: block unchanged (${M}/03-video.md:4); the English captions track is named there`,
    ]);
    expect(withVideo(videoFront.map((l) => l.replace('flow.webm', 'other.webm'))).errors.map(formatError)).toEqual([
      `${E}/03-video.md:4: video: copy the Japanese lesson's video: block unchanged (${M}/03-video.md:4); the English captions track is named there`,
    ]);
  });
});

describe('content rules for English versions', () => {
  const rules = (files: Map<string, string>) => {
    const r = compileCourses(files);
    expect(r.errors).toEqual([]);
    return checkContentRules(r.courses, { minModulesPerArea: 0, lessonsPerModule: { min: 1, max: 6 }, objectivesPerModule: { min: 1, max: 5 }, minQuestions: 1, minBodyChars: 0 })
      .map(formatError).filter((e) => e.includes('/en/'));
  };

  it('accepts the fixture translation', () => {
    expect(rules(translated())).toEqual([]);
  });

  it('wants English titles and objectives, not copies of the Japanese', () => {
    expect(rules(edit(`${E}/02-how.md`, replaceLine(enHow, 2, 'title: どう始めるのか')))).toEqual([`${E}/02-how.md:2: title must be the English title of the lesson`]);
    expect(rules(edit(`${E}/module.yaml`, replaceLine(enModule, 3, '  - 計画を立てられる')))).toEqual([`${E}/module.yaml:3: objective 2 must be written in English`]);
  });

  it('refuses an ended programme presented as current, and accepts it under the 【過去の制度】 marker', () => {
    const ja = lessonHow + '\n> 【過去の制度】\n> 新創業融資制度がありました。\n';
    const current = edit(`${E}/02-how.md`, enHow + '\nThe 新創業融資制度 helps you.\n', edit(`${M}/02-how.md`, ja));
    expect(rules(current)).toEqual([expect.stringMatching(new RegExp(`^${E}/02-how.md:9: outdated: "新創業融資制度"`))]);
    const history = edit(`${E}/02-how.md`, enHow + '\n> 【過去の制度】 Past programme\n> Until March 2024 there was the 新創業融資制度.\n', edit(`${M}/02-how.md`, ja));
    expect(rules(history)).toEqual([]);
    const english = edit(`${E}/02-how.md`, enHow + '\n> **Past programme**\n> Until March 2024 there was the 新創業融資制度.\n', edit(`${M}/02-how.md`, ja));
    expect(rules(english)).toEqual([]);
  });
});
