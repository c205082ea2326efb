import { createMemoryHistory, MemoryRouter, Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../functions/contract/api.ts';
import { account } from '../../web/src/api/account.ts';
import { clearContentCache } from '../../web/src/api/client.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { VideoPlayer } from '../../web/src/components/VideoPlayer.tsx';
import { CourseOutlineView } from '../../web/src/learner/CourseOutline.tsx';
import { HomePage, LocalSection } from '../../web/src/learner/Home.tsx';
import { LessonPage, LessonView } from '../../web/src/learner/Lesson.tsx';
import { LocalPagePage } from '../../web/src/learner/LocalPage.tsx';
import { QuizPage, QuizView } from '../../web/src/learner/Quiz.tsx';
import {
  courseTranslation, localPages, meOf, moduleFile, progressOf, publicCourse, publicLesson, publicQuiz, quizResult, translatedCourse,
} from '../fixtures/web.ts';

const inRouter = (ui: () => JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);
const at = (path: string, route: string, component: () => JSX.Element) => {
  const history = createMemoryHistory();
  history.set({ value: path });
  return render(() => <MemoryRouter history={history}><Route path={route} component={component} /></MemoryRouter>);
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
/** Replies by exact path; anything else answers 404, as the content bucket does. Counts this test's calls only. */
const serve = (routes: Record<string, unknown>) => vi.spyOn(globalThis, 'fetch').mockClear().mockImplementation(async (input) => {
  const path = String(input);
  return path in routes ? json(routes[path]) : json({ error: { code: 'not_found', message: 'No such content' } }, 404);
});
const fetched = (m: ReturnType<typeof serve>) => m.mock.calls.map((c) => String(c[0]));

const enQuiz = () => publicQuiz({
  lang: 'en',
  questions: [
    { id: 'q1', type: 'single', prompt: 'What comes first in a business plan?', choices: [{ id: 'a', text: 'The purpose' }, { id: 'b', text: 'The loan' }, { id: 'c', text: 'The interior' }] },
    { id: 'q2', type: 'multiple', prompt: 'Which are fixed costs?', choices: [{ id: 'a', text: 'Rent' }, { id: 'b', text: 'Stock' }, { id: 'c', text: 'Wages' }] },
  ],
});

beforeEach(() => { setLocale('ja'); clearContentCache(); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); localStorage.clear(); clearContentCache(); account.mutate(undefined as unknown as Me); });

describe('a lesson in the reader’s language', () => {
  it('shows an English lesson to an English reader, marked as English, with no notice', () => {
    setLocale('en');
    inRouter(() => <LessonView lesson={publicLesson({ lang: 'en' })} course={translatedCourse()} progress={progressOf()} />);
    const h1 = screen.getByRole('heading', { level: 1 });
    expect(h1.textContent).toBe('Your concept in one sentence');
    expect(h1.getAttribute('lang')).toBe('en');
    expect(document.querySelector('.lesson-body')!.getAttribute('lang')).toBe('en');
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByRole('button', { name: 'Mark this lesson complete' })).toBeTruthy();
  });

  it('falls back to Japanese with a visible notice, and marks the Japanese title and text lang="ja" inside the English page', () => {
    setLocale('en');
    inRouter(() => <LessonView lesson={publicLesson({ moduleId: 'm2', id: 'l1' })} course={translatedCourse()} progress={progressOf()} />);
    expect(screen.getByRole('note').textContent).toBe('This lesson is available in Japanese only.');
    expect(screen.getByRole('heading', { level: 1 }).getAttribute('lang')).toBe('ja');
    expect(document.querySelector('.lesson-body')!.getAttribute('lang')).toBe('ja');
    expect(document.querySelector('article')!.hasAttribute('lang')).toBe(false);
    expect(document.documentElement.lang).toBe('en');
    // The page's own words stay English.
    expect(screen.getByRole('button', { name: 'Mark this lesson complete' })).toBeTruthy();
  });

  it('shows no notice to a Japanese reader', () => {
    inRouter(() => <LessonView lesson={publicLesson()} course={translatedCourse()} progress={progressOf()} />);
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.queryByText('この内容は英語版がありません')).toBeNull();
  });

  it('fetches the English file only for an English reader of a translated module, and follows a change of language', async () => {
    account.mutate(meOf());
    const m = serve({
      '/content/kiso/m1/module.json': moduleFile(translatedCourse(), 'm1'),
      '/content/kiso/m2/module.json': moduleFile(translatedCourse(), 'm2'),
      '/content/kiso/m1/l1.json': publicLesson(),
      '/content/kiso/m1/l1.en.json': publicLesson({ lang: 'en' }),
      '/content/kiso/m2/l1.json': publicLesson({ moduleId: 'm2', title: '資金計画 レッスン1' }),
      '/api/progress/kiso': progressOf(),
    });
    at('/courses/kiso/m1/l1', '/courses/:courseId/:moduleId/:lessonId', LessonPage);
    await screen.findByRole('heading', { level: 1, name: '事業コンセプト レッスン1' });
    expect(fetched(m).filter((p) => p.includes('.en.'))).toEqual([]);
    setLocale('en');
    await screen.findByRole('heading', { level: 1, name: 'Your concept in one sentence' });
    expect(fetched(m)).toContain('/content/kiso/m1/l1.en.json');
    cleanup();
    at('/courses/kiso/m2/l1', '/courses/:courseId/:moduleId/:lessonId', LessonPage);
    await screen.findByRole('heading', { level: 1, name: '資金計画 レッスン1' });
    // No English file is asked for a module that has none: no 404 on the way to the fallback.
    expect(fetched(m).filter((p) => p.startsWith('/content/kiso/m2/'))).toEqual(['/content/kiso/m2/module.json', '/content/kiso/m2/l1.json']);
    expect(screen.getByRole('note').textContent).toBe('This lesson is available in Japanese only.');
  });
});

describe('a video lesson’s captions', () => {
  const video = { url: '/content/kiso/m1/media/v.webm', captions: [
    { src: '/content/kiso/m1/media/v.ja.vtt', lang: 'ja', label: '日本語' }, { src: '/content/kiso/m1/media/v.en.vtt', lang: 'en', label: 'English' },
  ] };
  const defaults = () => [...document.querySelectorAll('track')].filter((t) => t.hasAttribute('default') || (t as HTMLTrackElement).default).map((t) => t.getAttribute('srclang'));

  it('turn on the track in the app’s language, Japanese otherwise', () => {
    render(() => <VideoPlayer video={video} title="動画" ids={{ courseId: 'kiso', moduleId: 'm1', lessonId: 'l1' }} position={0} />);
    expect(defaults()).toEqual(['ja']);
    cleanup();
    setLocale('en');
    render(() => <VideoPlayer video={video} title="Video" ids={{ courseId: 'kiso', moduleId: 'm1', lessonId: 'l1' }} position={0} />);
    expect(defaults()).toEqual(['en']);
    cleanup();
    render(() => <VideoPlayer video={{ ...video, captions: [video.captions[0]!] }} title="Video" ids={{ courseId: 'kiso', moduleId: 'm1', lessonId: 'l1' }} position={0} />);
    expect(defaults()).toEqual(['ja']);
  });
});

describe('the outline marks the modules available in English', () => {
  it('in Japanese: 英語版あり on translated modules', () => {
    inRouter(() => <CourseOutlineView course={translatedCourse()} progress={progressOf()} />);
    const [m1, m2] = [...document.querySelectorAll('.module')];
    expect(within(m1 as HTMLElement).getByText('英語版あり')).toBeTruthy();
    expect(within(m2 as HTMLElement).queryByText('英語版あり')).toBeNull();
    expect(screen.queryByText('日本語のみ')).toBeNull();
  });

  it('in English: English lesson titles where translated, Japanese titles marked lang="ja" and "Japanese only" elsewhere', () => {
    setLocale('en');
    inRouter(() => <CourseOutlineView course={translatedCourse()} progress={progressOf()} translation={courseTranslation()} />);
    const [m1, m2] = [...document.querySelectorAll('.module')] as HTMLElement[];
    expect(within(m1!).getByText('In English')).toBeTruthy();
    expect(within(m1!).getByRole('link', { name: 'Who your customers are' }).getAttribute('lang')).toBe('en');
    expect(within(m2!).getByText('Japanese only')).toBeTruthy();
    expect(within(m2!).getByRole('link', { name: '資金計画 レッスン1' }).getAttribute('lang')).toBe('ja');
  });
});

describe('a quiz in the reader’s language', () => {
  it('asks in English and shows the English explanation the server returned; the answers sent are the same ids', async () => {
    setLocale('en');
    const m = serve({ '/api/quizzes/kiso/m1/attempts': quizResult({ results: [
      { questionId: 'q1', correct: true, explanation: '目的が計画の軸になります。', explanationEn: 'The purpose is the backbone of the plan.' },
      { questionId: 'q2', correct: false, explanation: '仕入は変動費です。', explanationEn: 'Stock varies with sales.' },
    ] }) });
    inRouter(() => <QuizView course={translatedCourse()} quiz={enQuiz()} standing={{ best: null, attemptsLeft: 3 }} />);
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getAllByRole('group')[0]!.querySelector('legend span[lang="en"]')!.textContent).toBe('What comes first in a business plan?');
    fireEvent.click(screen.getByLabelText('The purpose'));
    fireEvent.click(screen.getByLabelText('Rent'));
    fireEvent.click(screen.getByLabelText('Wages'));
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { name: 'Your result' });
    const body = JSON.parse(String((m.mock.calls[0]![1] as RequestInit).body));
    expect(body.answers).toEqual({ q1: ['a'], q2: ['a', 'c'] });
    const explanation = screen.getByText('The purpose is the backbone of the plan.');
    expect(explanation.getAttribute('lang')).toBe('en');
    expect(screen.queryByText('目的が計画の軸になります。')).toBeNull();
  });

  it('falls back to the Japanese quiz with a notice, and keeps its explanations Japanese', async () => {
    setLocale('en');
    serve({ '/api/quizzes/kiso/m1/attempts': quizResult({ results: [
      { questionId: 'q1', correct: true, explanation: '目的が計画の軸になります。' },
      { questionId: 'q2', correct: false, explanation: '仕入は変動費です。' },
    ] }) });
    inRouter(() => <QuizView course={publicCourse()} quiz={publicQuiz()} standing={{ best: null, attemptsLeft: 3 }} />);
    expect(screen.getByRole('note').textContent).toBe('This quiz is available in Japanese only.');
    expect(screen.getByLabelText('事業の目的').closest('div')!.querySelector('label')!.getAttribute('lang')).toBe('ja');
    fireEvent.click(screen.getByLabelText('事業の目的'));
    fireEvent.click(screen.getByLabelText('家賃'));
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { name: 'Your result' });
    expect(screen.getByText('目的が計画の軸になります。').getAttribute('lang')).toBe('ja');
  });

  it('fetches quiz.en.json only for an English reader of a translated module', async () => {
    account.mutate(meOf());
    setLocale('en');
    const m = serve({
      '/content/kiso/course.json': translatedCourse(),
      '/content/kiso/m1/quiz.json': publicQuiz(),
      '/content/kiso/m1/quiz.en.json': enQuiz(),
      '/api/quizzes/kiso/m1': { best: null, attemptsLeft: 3 },
    });
    at('/courses/kiso/m1/quiz', '/courses/:courseId/:moduleId/quiz', QuizPage);
    expect(await screen.findByText('What comes first in a business plan?')).toBeTruthy();
    expect(fetched(m)).toContain('/content/kiso/m1/quiz.en.json');
    expect(fetched(m)).not.toContain('/content/kiso/m1/quiz.json');
  });
});

describe('home shows once, whole', () => {
  it('holds the progress cards until the assignments and sessions are there, so they never push the cards down', async () => {
    account.mutate(meOf());
    let release!: () => void;
    const gate = new Promise<void>((ok) => { release = ok; });
    const routes: Record<string, unknown> = {
      '/content/index.json': { version: 'v1', courses: [{ id: 'kiso', title: { ja: '創業基礎講座', en: 'Startup Fundamentals' }, summary: { ja: '要約', en: 'Summary' }, version: 'v1' }], local: [] },
      '/content/kiso/course.json': publicCourse(),
      '/api/progress/kiso': progressOf(),
      '/api/sessions': { upcoming: [], past: [] },
    };
    vi.spyOn(globalThis, 'fetch').mockClear().mockImplementation(async (input) => {
      const path = String(input);
      if (path === '/api/assignments') { await gate; return json({ assignments: [] }); }
      return path in routes ? json(routes[path]) : json({ error: { code: 'not_found', message: 'No such content' } }, 404);
    });
    inRouter(HomePage);
    await waitFor(() => expect((globalThis.fetch as unknown as ReturnType<typeof vi.fn>).mock.calls.map((c) => String(c[0]))).toContain('/api/assignments'));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('heading', { name: '創業基礎講座' })).toBeNull();
    expect(screen.getByRole('status')).toBeTruthy(); // loading
    release();
    expect(await screen.findByRole('heading', { name: '創業基礎講座' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the municipality’s local pages', () => {
  const osakaFounder = meOf();
  const sakaiFounder = meOf({ id: 'u-sakai', memberships: [{ tenantId: '271403', tenantName: { ja: '堺市', en: 'Sakai City' }, role: 'learner', cohortId: null }] });
  const kyotoFounder = meOf({ id: 'u-kyoto', memberships: [{ tenantId: '261009', tenantName: { ja: '京都市', en: 'Kyoto City' }, role: 'learner', cohortId: null }] });
  const index = { version: 'v1', courses: [{ id: 'kiso', title: { ja: '創業基礎講座', en: 'Startup Fundamentals' }, summary: { ja: '要約', en: 'Summary' }, version: 'v1' }], local: ['271004', '271403'] };
  const site = {
    '/content/index.json': index,
    '/content/kiso/course.json': publicCourse(),
    '/api/progress/kiso': progressOf(),
    // The home page shows once, whole, with the founder's assignments and sessions (none here).
    '/api/assignments': { assignments: [] },
    '/api/sessions': { upcoming: [], past: [] },
    '/content/local/271004.json': localPages('271004'),
    '/content/local/271004.en.json': localPages('271004', 'en'),
    '/content/local/271403.json': localPages('271403'),
    '/content/local/271403.en.json': localPages('271403', 'en'),
  };

  it('shows 「〇〇市からのお知らせ・支援制度」 on home with a link per page', () => {
    inRouter(() => <LocalSection city={{ ja: '大阪市', en: 'Osaka City' }} pages={localPages('271004')} />);
    const section = screen.getByRole('region', { name: '大阪市からのお知らせ・支援制度' });
    expect(within(section).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['大阪市の創業支援', '/local/01-support'], ['創業塾の日程', '/local/02-seminar'],
    ]);
  });

  it('gives a Sakai founder Sakai’s pages only: Osaka’s file is never even fetched', async () => {
    account.mutate(sakaiFounder);
    const m = serve(site);
    inRouter(HomePage);
    const section = await screen.findByRole('region', { name: '堺市からのお知らせ・支援制度' });
    expect(within(section).getAllByRole('link').map((a) => a.textContent)).toEqual(['堺市の創業支援']);
    expect(fetched(m).filter((p) => p.startsWith('/content/local/'))).toEqual(['/content/local/271403.json']);
    expect(document.body.textContent).not.toContain('271004-BODY');
    expect(screen.queryByText(/大阪市/)).toBeNull();
  });

  it('shows a founder whose municipality has no local pages no section, no error, and asks for no file', async () => {
    account.mutate(kyotoFounder);
    const m = serve(site);
    inRouter(HomePage);
    await screen.findByRole('heading', { level: 1, name: '田中 花子さん、こんにちは' });
    await waitFor(() => expect(fetched(m)).toContain('/api/progress/kiso'));
    expect(screen.queryByRole('region', { name: /お知らせ・支援制度/ })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fetched(m).filter((p) => p.startsWith('/content/local/'))).toEqual([]);
  });

  it('in English, lists translated pages in English and marks the others Japanese only', async () => {
    account.mutate(osakaFounder);
    setLocale('en');
    serve(site);
    inRouter(HomePage);
    const section = await screen.findByRole('region', { name: 'News and support from Osaka City' });
    const links = within(section).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('lang')])).toEqual([['Start-up support in Osaka City', 'en'], ['創業塾の日程', 'ja']]);
    expect(within(section).getByText('Japanese only')).toBeTruthy();
  });

  it('opens a page of the founder’s own municipality, with a fallback notice in English', async () => {
    account.mutate(osakaFounder);
    setLocale('en');
    serve(site);
    at('/local/02-seminar', '/local/:pageId', LocalPagePage);
    const h1 = await screen.findByRole('heading', { level: 1, name: '創業塾の日程' });
    expect(h1.getAttribute('lang')).toBe('ja');
    expect(screen.getByRole('note').textContent).toBe('This page is available in Japanese only.');
    expect(document.querySelector('.lesson-body')!.getAttribute('lang')).toBe('ja');
    expect(screen.getByText('Information as of 4 Dec 2026')).toBeTruthy();
  });

  it('never shows another municipality’s page: a Sakai founder asking for Osaka’s page id finds nothing', async () => {
    account.mutate(sakaiFounder);
    const m = serve(site);
    at('/local/02-seminar', '/local/:pageId', LocalPagePage);
    expect(await screen.findByRole('heading', { level: 1, name: 'このお知らせは見つかりません' })).toBeTruthy();
    expect(fetched(m).filter((p) => p.startsWith('/content/local/'))).toEqual(['/content/local/271403.json']);
  });
});
