import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { compileCourses, formatError } from '../../functions/catalog/compile.ts';
import { checkLocalPageRules } from '../../functions/catalog/content-rules.ts';
import { isLocalGovernmentCode } from '../../functions/catalog/local-pages.ts';
import { renderLessonMarkdown } from '../../functions/catalog/markdown.ts';
import { PublicIndex, PublicLocalPages } from '../../functions/contract/catalog.ts';

// Two municipalities' local pages beside a one-module course. Files are arrays of lines (line numbers read off).
const lines = (...l: string[]) => l.join('\n') + '\n';
const OSAKA = 'courses/local/271004';
const SAKAI = 'courses/local/271403';

const course = new Map([
  ['courses/demo/course.yaml', lines('title: { ja: デモ, en: Demo }', 'summary: { ja: 要約, en: Summary }', 'modules:', '  - m01-start')],
  ['courses/demo/m01-start/module.yaml', lines(
    'title: { ja: はじめに, en: Start }', 'summary: { ja: 要約, en: Summary }', 'areas: [management]', 'estimatedMinutes: 10',
    'objectives:', '  - 説明できる', 'sources: []',
  )],
  ['courses/demo/m01-start/01-a.md', lines('---', 'title: レッスン', 'minutes: 5', '---', '本文')],
]);

const page = (title: string, order: number, body: string[], checked = '2026-11-20') => lines(
  '---', //                                                             1
  `title: ${title}`, //                                                 2
  `order: ${order}`, //                                                 3
  `checked: ${checked}`, //                                             4
  '---', //                                                             5
  ...body, //                                                           6…
);

const osakaSupport = page('大阪市の創業支援', 1, ['## 相談窓口', '', 'OSAKA-ONLY 大阪産業創造館で相談できます。', '', '[大阪市のページ](https://www.city.osaka.lg.jp/)']);
const osakaSeminar = page('創業塾の日程', 2, ['## 日程', '', '| 回 | 内容 |', '|---|---|', '| 1 | 経営 |']);
const osakaSeminarEn = lines('---', 'title: Seminar schedule', '---', '## Schedule', '', '| Session | Topic |', '|---|---|', '| 1 | Management |');
const sakaiSupport = page('堺市の創業支援', 1, ['## 相談窓口', '', 'SAKAI-ONLY 堺市産業振興センターで相談できます。']);

function files(extra: Record<string, string | null> = {}): Map<string, string> {
  const f = new Map([
    ...course,
    [`${OSAKA}/02-seminar.md`, osakaSeminar],
    [`${OSAKA}/01-support.md`, osakaSupport],
    [`${OSAKA}/en/02-seminar.md`, osakaSeminarEn],
    [`${SAKAI}/01-support.md`, sakaiSupport],
  ]);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null) f.delete(k);
    else f.set(k, v);
  }
  return f;
}

const errorsOf = (f: Map<string, string>) => compileCourses(f).errors.map(formatError);

describe('local-government codes', () => {
  it.each([
    ['271004', true], ['271403', true], ['011002', true], ['131016', true],
    ['271005', false], ['27100', false], ['2710040', false], ['osaka1', false],
  ])('%s → %s', (code, ok) => expect(isLocalGovernmentCode(code)).toBe(ok));
});

describe('local pages', () => {
  const result = compileCourses(files());

  it('compile into one file per municipality and language, listed in index.json', () => {
    expect(result.errors).toEqual([]);
    expect(PublicIndex.parse(result.publicFiles.get('index.json')).local).toEqual(['271004', '271403']);
    expect([...result.publicFiles.keys()].filter((p) => p.startsWith('local/')).sort()).toEqual([
      'local/271004.en.json', 'local/271004.json', 'local/271403.en.json', 'local/271403.json',
    ]);
    const osaka = PublicLocalPages.parse(result.publicFiles.get('local/271004.json'));
    expect(osaka.tenantId).toBe('271004');
    expect(osaka.lang).toBe('ja');
    expect(osaka.pages.map((p) => [p.id, p.title, p.order, p.checked, p.lang])).toEqual([
      ['01-support', '大阪市の創業支援', 1, '2026-11-20', 'ja'],
      ['02-seminar', '創業塾の日程', 2, '2026-11-20', 'ja'],
    ]);
    expect(osaka.pages[0]!.html).toContain('<a href="https://www.city.osaka.lg.jp/" target="_blank" rel="noopener noreferrer">大阪市のページ</a>');
  });

  it('keep each municipality to its own file: Sakai’s never holds Osaka’s pages, and the reverse', () => {
    for (const path of ['local/271403.json', 'local/271403.en.json']) {
      const text = JSON.stringify(result.publicFiles.get(path));
      expect(text, path).toContain('SAKAI-ONLY');
      expect(text, path).not.toContain('OSAKA-ONLY');
      expect(text, path).not.toContain('創業塾の日程');
    }
    for (const path of ['local/271004.json', 'local/271004.en.json']) expect(JSON.stringify(result.publicFiles.get(path)), path).not.toContain('SAKAI-ONLY');
  });

  it('give English readers every page: translated ones in English, the others in Japanese and marked so', () => {
    const en = PublicLocalPages.parse(result.publicFiles.get('local/271004.en.json'));
    expect(en.lang).toBe('en');
    expect(en.pages.map((p) => [p.id, p.title, p.lang])).toEqual([['01-support', '大阪市の創業支援', 'ja'], ['02-seminar', 'Seminar schedule', 'en']]);
    expect(en.pages[1]!.html).toContain('<td>Management</td>');
    expect(JSON.stringify(result.publicFiles.get('local/271004.json'))).not.toContain('Seminar schedule');
  });

  it('are outside the curriculum’s version; each municipality has a version of its own', () => {
    const changed = compileCourses(files({ [`${OSAKA}/01-support.md`]: osakaSupport + '追記。\n' }));
    expect(changed.version).toBe(result.version);
    const v = (r: typeof result, code: string) => PublicLocalPages.parse(r.publicFiles.get(`local/${code}.json`)).version;
    expect(v(changed, '271004')).not.toBe(v(result, '271004'));
    expect(v(changed, '271403')).toBe(v(result, '271403'));
    expect(compileCourses(course).version).toBe(result.version);
    expect(PublicIndex.parse(compileCourses(course).publicFiles.get('index.json')).local).toEqual([]);
  });

  it.each([
    ['an unknown code', { 'courses/local/271005/01-a.md': sakaiSupport },
      ['courses/local/271005/01-a.md:1: unknown local-government code "271005": name the folder by the municipality\'s 6-digit 全国地方公共団体コード (check digit included), e.g. 271004 for 大阪市']],
    ['a name instead of a code', { 'courses/local/osaka/01-a.md': sakaiSupport },
      ['courses/local/osaka/01-a.md:1: unknown local-government code "osaka": name the folder by the municipality\'s 6-digit 全国地方公共団体コード (check digit included), e.g. 271004 for 大阪市']],
    ['a missing title', { [`${SAKAI}/01-support.md`]: sakaiSupport.replace('title: 堺市の創業支援\n', '') }, [`${SAKAI}/01-support.md:2: missing required key "title"`]],
    ['a missing order', { [`${SAKAI}/01-support.md`]: sakaiSupport.replace('order: 1\n', '') }, [`${SAKAI}/01-support.md:2: missing required key "order"`]],
    ['a bad checked date', { [`${SAKAI}/01-support.md`]: sakaiSupport.replace('2026-11-20', '2026-02-30') },
      [`${SAKAI}/01-support.md:4: checked date "2026-02-30" must be a real date written YYYY-MM-DD: the day the page's facts were last checked`]],
    ['an http link', { [`${SAKAI}/01-support.md`]: sakaiSupport + '[市](http://www.city.sakai.lg.jp/)\n' },
      [`${SAKAI}/01-support.md:9: link "http://www.city.sakai.lg.jp/": links on a local page must be full https:// URLs`]],
    ['a lesson link', { [`${SAKAI}/01-support.md`]: sakaiSupport + '[講座](../../demo/m01-start/01-a.md)\n' },
      [`${SAKAI}/01-support.md:9: link "../../demo/m01-start/01-a.md": links on a local page must be full https:// URLs`]],
    ['a mail link', { [`${SAKAI}/01-support.md`]: sakaiSupport + '[メール](mailto:sogyo@example.jp)\n' },
      [`${SAKAI}/01-support.md:9: link "mailto:sogyo@example.jp": links on a local page must be full https:// URLs`]],
    ['a script link', { [`${SAKAI}/01-support.md`]: sakaiSupport + '[押す](javascript:alert(1))\n' },
      [`${SAKAI}/01-support.md:9: link "javascript:alert(1": links on a local page must be full https:// URLs`]],
    ['an http image', { [`${SAKAI}/01-support.md`]: sakaiSupport + '![地図](http://example.jp/map.png)\n' },
      [`${SAKAI}/01-support.md:9: image "http://example.jp/map.png": links on a local page must be full https:// URLs`]],
    ['a file that is not a page', { [`${SAKAI}/notes.txt`]: 'x' },
      [`${SAKAI}/notes.txt:1: unexpected file: a municipality folder holds <page>.md files (lowercase letters, digits and hyphens) and an en/ folder with their English versions`]],
    ['a file directly under courses/local', { 'courses/local/README.md': '# x' },
      ['courses/local/README.md:1: unexpected file: courses/local/ holds one folder per municipality, named by its 6-digit local-government code']],
    ['an English page without a Japanese one', { [`${SAKAI}/en/09-news.md`]: osakaSeminarEn },
      [`${SAKAI}/en/09-news.md:1: there is no Japanese page ${SAKAI}/09-news.md: an English page has the file name of the page it translates`]],
    ['an English page with other headings', { [`${OSAKA}/en/02-seminar.md`]: osakaSeminarEn.replace('## Schedule', '### Schedule') },
      [`${OSAKA}/en/02-seminar.md:4: heading 1 is "### Schedule" but heading 1 of the Japanese page is "## 日程" (${OSAKA}/02-seminar.md:6); keep the same ## and ### headings in the same order`]],
    ['an English page with another order', { [`${OSAKA}/en/02-seminar.md`]: osakaSeminarEn.replace('title: Seminar schedule', 'title: Seminar schedule\norder: 5') },
      [`${OSAKA}/en/02-seminar.md:3: order: 5 here and 2 in the Japanese page; leave it out or copy it unchanged`]],
  ])('refuse %s', (_name, extra, expected) => {
    expect(errorsOf(files(extra))).toEqual(expected);
  });

  it('with an error publish nothing for that municipality', () => {
    const r = compileCourses(files({ [`${SAKAI}/01-support.md`]: sakaiSupport + '[x](http://example.jp)\n' }));
    expect(r.publicFiles.has('local/271403.json')).toBe(false);
    expect(r.local.map((m) => m.code)).toEqual(['271004']);
  });

  it('refuse ended programmes presented as current, like lessons', () => {
    const r = compileCourses(files({ [`${SAKAI}/01-support.md`]: sakaiSupport + '新創業融資制度が使えます。\n' }));
    expect(checkLocalPageRules(r.local).map(formatError)).toEqual([expect.stringMatching(new RegExp(`^${SAKAI}/01-support.md:9: outdated: "新創業融資制度"`))]);
    expect(checkLocalPageRules(compileCourses(files()).local)).toEqual([]);
  });
});

describe('local pages are sanitized exactly like lessons', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '',
    'text <img src=x onerror="alert(1)"> and <a href="https://x.example" onclick="alert(1)">a</a>',
    '',
    '<iframe src="https://evil.example"></iframe>',
    '',
    '[ok](https://www.city.sakai.lg.jp/)',
  ];

  it('renders raw HTML as text: no script, frame or event handler reaches the page', () => {
    const r = compileCourses(files({ [`${SAKAI}/01-support.md`]: page('堺市', 1, hostile) }));
    expect(r.errors).toEqual([]);
    const html = PublicLocalPages.parse(r.publicFiles.get('local/271403.json')).pages[0]!.html;
    expect(html).toBe(renderLessonMarkdown(hostile.join('\n') + '\n', { courseId: 'demo', moduleId: 'm01-start' }));
    const doc = new Window().document;
    doc.body.innerHTML = html;
    expect(doc.querySelectorAll('script, iframe, object, embed').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.toLowerCase().startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses script links at the check, and would publish them as text, never as links', () => {
    const body = ['[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](vbscript:msgbox(1)) [w](data:text/html;base64,PHNjcmlwdD4=)'];
    expect(errorsOf(files({ [`${SAKAI}/01-support.md`]: page('堺市', 1, body) }))).toHaveLength(4);
    const html = renderLessonMarkdown(body[0]!, { courseId: 'demo', moduleId: 'm01-start' });
    expect(html).not.toMatch(/href="(javascript|vbscript|data):/i);
  });
});
