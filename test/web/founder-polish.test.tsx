import { createMemoryHistory, MemoryRouter, Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicCourse } from '../../functions/contract/catalog.ts';
import { account, signOut } from '../../web/src/api/account.ts';
import { clearContentCache } from '../../web/src/api/client.ts';
import { Layout } from '../../web/src/components/Layout.tsx';
import { formatDate, formatDateTime, formatDay, setLocale, t } from '../../web/src/i18n/index.ts';
import { CourseOutlineView } from '../../web/src/learner/CourseOutline.tsx';
import { EvidenceView, firstSteps } from '../../web/src/learner/Evidence.tsx';
import { HomeView } from '../../web/src/learner/Home.tsx';
import { LessonPage } from '../../web/src/learner/Lesson.tsx';
import { NotFoundPage } from '../../web/src/learner/NotFound.tsx';
import { QuizView } from '../../web/src/learner/Quiz.tsx';
import { SignInPage } from '../../web/src/learner/SignIn.tsx';
import { SignUpPage } from '../../web/src/learner/SignUp.tsx';
import { courseWithQuiz, evidenceRecord, meOf, progressOf, publicCourse, publicQuiz, quizResult } from '../fixtures/web.ts';
import { json, refusal, stubApi } from '../fixtures/web-account.ts';

// Issue 15, the founder's side: titles, focus, not-found pages, the empty record, quiz drafts and wording.

const inRouter = (ui: () => JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);
/** The app's shell (Layout) around the sign-in, sign-up and not-found pages, as main.tsx routes them. */
const shell = (path: string) => {
  history.replaceState(null, '', path);
  return render(() => (
    <Router root={Layout}>
      <Route path="/signin" component={SignInPage} />
      <Route path="/signup" component={SignUpPage} />
      <Route path="*404" component={NotFoundPage} />
    </Router>
  ));
};

beforeEach(() => setLocale('ja'));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
  clearContentCache();
  history.replaceState(null, '', '/');
  account.mutate(null);
});

describe('page titles (WCAG 2.4.2)', () => {
  it('name the page in the current language, and follow client-side navigation and the language switch', async () => {
    stubApi({});
    shell('/signin');
    expect(document.title).toBe('ログイン | 創業キャンパス');
    setLocale('en');
    expect(document.title).toBe('Sign in | Sōgyō Campus');
    fireEvent.click(screen.getByRole('link', { name: 'sign up' }));
    await waitFor(() => expect(document.title).toBe('Sign up | Sōgyō Campus'));
    setLocale('ja');
    expect(document.title).toBe('新規登録 | 創業キャンパス');
  });

  it('a page the app does not know is titled as such', () => {
    stubApi({});
    shell('/no/such/page');
    expect(document.title).toBe('ページが見つかりません | 創業キャンパス');
  });
});

describe('focus (WCAG 2.4.3, 3.3.1)', () => {
  it('moves to the new page’s main heading after a route change, not on the first load', async () => {
    stubApi({});
    shell('/signin');
    await new Promise((r) => setTimeout(r, 5));
    expect(document.activeElement).toBe(document.body);
    fireEvent.click(screen.getByRole('link', { name: '新規登録' }));
    const h1 = await screen.findByRole('heading', { level: 1, name: '新規登録' });
    await waitFor(() => expect(document.activeElement).toBe(h1));
    expect(h1.getAttribute('tabindex')).toBe('-1');
  });

  it('after a failed submission: to the first invalid field, and to the error summary when the server refuses', async () => {
    stubApi({ 'POST /api/auth/signin': refusal(401, 'invalid_credentials') });
    shell('/signin');
    fireEvent.input(screen.getByLabelText('メールアドレス'), { target: { value: 'hanako@example.jp' } });
    fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    // The password is missing: focus goes to it, not to <body>.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('パスワード')));
    fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'a wrong passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary.textContent).toContain('メールアドレスまたはパスワードが正しくありません。');
  });

  it('the skip link moves focus to the main content', () => {
    stubApi({});
    shell('/signin');
    fireEvent.click(screen.getByRole('link', { name: '本文へ移動' }));
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(location.pathname).toBe('/signin');
  });
});

describe('not-found pages offer the way home, a retry only where it can help', () => {
  const lesson = () => {
    const history = createMemoryHistory();
    history.set({ value: '/courses/kiso/m1/nope' });
    return render(() => <MemoryRouter history={history}><Route path="/courses/:courseId/:moduleId/:lessonId" component={LessonPage} /></MemoryRouter>);
  };

  it('a lesson that does not exist: the link home, no retry button', async () => {
    stubApi({ 'GET /content/kiso/course.json': json(publicCourse()), 'GET /api/progress/kiso': json(progressOf()) });
    lesson();
    await screen.findByRole('heading', { level: 1, name: 'ページが見つかりません' });
    expect(screen.getByRole('link', { name: 'ホームへ' }).getAttribute('href')).toBe('/');
    expect(screen.queryByRole('button', { name: 'もう一度試す' })).toBeNull();
    expect(document.title).toBe('ページが見つかりません | 創業キャンパス');
  });

  it('a network failure keeps its retry', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    lesson();
    expect(await screen.findByRole('button', { name: 'もう一度試す' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('このページを表示できませんでした');
  });
});

describe('the evidence record before its first entry', () => {
  it('explains what counts and shows the way to the first entry', () => {
    const start = firstSteps(courseWithQuiz(), progressOf({
      lessons: [{ moduleId: 'm1', lessonId: 'l1', status: 'completed', position: 1, positionAt: '2026-12-01T00:00:00.000Z', completedAt: '2026-12-01T00:00:00.000Z', completedVersion: 'v1', updatedAt: '2026-12-01T00:00:00.000Z' }],
    }));
    expect(start).toMatchObject({ moduleId: 'm1', done: 1, total: 2, hasQuiz: true, href: '/courses/kiso/m1/l2' });
    const empty = evidenceRecord({ areas: [], firstDate: null, lastDate: null, distinctDays: 0 });
    inRouter(() => <EvidenceView record={empty} origin="https://campus.example" start={start} />);
    const box = screen.getByRole('region', { name: 'まだ記録はありません' });
    expect(within(box).getByText(/確認テストに合格したモジュール/)).toBeTruthy();
    expect(within(box).getByText(/市町村が出席を記録した回/)).toBeTruthy();
    expect(within(box).getByRole('progressbar', { name: '学習中のモジュール「事業コンセプト」' }).getAttribute('aria-valuenow')).toBe('50');
    expect(within(box).getByText('あと1レッスンと確認テストで、このモジュールが修了し、最初の記録になります。')).toBeTruthy();
    expect(within(box).getByRole('link', { name: '続きを学習する' }).getAttribute('href')).toBe('/courses/kiso/m1/l2');
  });

  it('is not shown once the record has an entry', () => {
    inRouter(() => <EvidenceView record={evidenceRecord()} origin="https://campus.example" />);
    expect(screen.queryByRole('region', { name: 'まだ記録はありません' })).toBeNull();
  });
});

describe('quiz answer drafts', () => {
  const DRAFT = 'sogyo.quizDraft.u-1/kiso/m1';
  const quiz = (userId: string | undefined) => inRouter(() => <QuizView course={courseWithQuiz()} quiz={publicQuiz()} standing={{ best: null, attemptsLeft: 3 }} userId={userId} />);
  const checked = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).checked;

  it('keeps the open attempt’s answers per founder and module, and brings them back on return', () => {
    const first = quiz('u-1');
    fireEvent.click(screen.getByLabelText('事業の目的'));
    fireEvent.click(screen.getByLabelText('家賃'));
    const saved = JSON.parse(localStorage.getItem(DRAFT)!) as { attemptId: string; version: string; answers: Record<string, string[]> };
    expect(saved).toMatchObject({ version: 'v1', answers: { q1: ['a'], q2: ['a'] } });
    first.unmount();

    const again = quiz('u-1');
    expect(checked('事業の目的')).toBe(true);
    expect(checked('家賃')).toBe(true);
    expect(checked('人件費')).toBe(false);
    again.unmount();

    // Another founder on the same device sees none of it.
    quiz('u-2');
    expect(checked('事業の目的')).toBe(false);
    expect(checked('家賃')).toBe(false);
  });

  it('resends the restored attempt under its own id, and forgets the draft once marked', async () => {
    localStorage.setItem(DRAFT, JSON.stringify({ attemptId: 'attempt-1', version: 'v1', answers: { q1: ['a'], q2: ['a', 'c'] } }));
    const api = stubApi({ 'POST /api/quizzes/kiso/m1/attempts': json(quizResult(), 201) });
    quiz('u-1');
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    await screen.findByRole('heading', { name: '結果' });
    expect(api.sent('POST', '/api/quizzes/kiso/m1/attempts')[0]!.body).toMatchObject({ attemptId: 'attempt-1', answers: { q1: ['a'], q2: ['a', 'c'] } });
    expect(localStorage.getItem(DRAFT)).toBeNull();
  });

  it('drops a draft given to another version of the quiz, or naming choices that no longer exist', () => {
    localStorage.setItem(DRAFT, JSON.stringify({ attemptId: 'attempt-1', version: 'v0', answers: { q1: ['a'] } }));
    const a = quiz('u-1');
    expect(checked('事業の目的')).toBe(false);
    a.unmount();
    localStorage.setItem(DRAFT, JSON.stringify({ attemptId: 'attempt-1', version: 'v1', answers: { q1: ['zz'], q2: ['b'] } }));
    quiz('u-1');
    expect(checked('仕入')).toBe(true);
    expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
  });

  it('clears every draft on the device at sign-out', async () => {
    localStorage.setItem(DRAFT, JSON.stringify({ attemptId: 'x', version: 'v1', answers: { q1: ['a'] } }));
    localStorage.setItem('sogyo.locale', 'ja');
    stubApi({ 'POST /api/auth/signout': new Response(null, { status: 204 }) });
    account.mutate(meOf({ id: 'u-1' }));
    await signOut();
    expect(localStorage.getItem(DRAFT)).toBeNull();
    expect(localStorage.getItem('sogyo.locale')).toBe('ja');
  });

  it('asks before the app leaves a page with unsent answers, and the browser before a reload', async () => {
    const history = createMemoryHistory();
    history.set({ value: '/quiz' });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    render(() => (
      <MemoryRouter history={history}>
        <Route path="/quiz" component={() => <QuizView course={courseWithQuiz()} quiz={publicQuiz()} standing={{ best: null, attemptsLeft: 3 }} userId="u-1" />} />
        <Route path="/" component={() => <h1>home</h1>} />
      </MemoryRouter>
    ));
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(false);
    fireEvent.click(screen.getByLabelText('事業の目的'));
    const unload2 = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload2);
    expect(unload2.defaultPrevented).toBe(true);
    fireEvent.click(screen.getByRole('link', { name: '創業基礎講座' }));
    await waitFor(() => expect(confirm).toHaveBeenCalledWith(t('quiz.leaveConfirm')));
    expect(history.get()).toBe('/quiz');
  });
});

describe('wording and numbers', () => {
  it('one date format per language, never ISO', () => {
    expect(formatDate('2026-12-04T03:00:00.000Z')).toBe('2026年12月4日');
    expect(formatDay('2026-09-04')).toBe('2026年9月4日');
    expect(formatDateTime('2026-12-04T01:05:00.000Z')).toBe('2026年12月4日 10:05');
    setLocale('en');
    expect(formatDate('2026-12-04T03:00:00.000Z')).toBe('4 Dec 2026');
    expect(formatDay('2026-09-04')).toBe('4 Sep 2026');
    expect(formatDateTime('2026-12-04T01:05:00.000Z')).toBe('4 Dec 2026, 10:05');
  });

  it('人材育成 is "Human resources" in English', () => {
    setLocale('en');
    inRouter(() => <HomeView name="Hanako" course={publicCourse()} progress={progressOf()} />);
    expect(screen.getByRole('progressbar', { name: 'Human resources' })).toBeTruthy();
  });

  it('an area counts the same modules in the outline as on the home page, and a passed quiz is marked', () => {
    const course = courseWithQuiz();
    // A module taught under human resources that also counts toward finance.
    course.modules.push({ ...course.modules[1]!, id: 'm3', title: { ja: '家族従業員', en: 'Family staff' }, areas: ['hr', 'finance'] } as PublicCourse['modules'][number]);
    inRouter(() => <CourseOutlineView course={course} progress={progressOf({ passedQuizzes: ['m1'] })} />);
    const finance = screen.getByRole('region', { name: /財務/ });
    expect(within(finance).getByRole('heading', { level: 2 }).textContent).toContain('2 モジュール');
    expect(within(finance).getByRole('link', { name: '家族従業員' }).getAttribute('href')).toBe('#module-m3');
    const m1 = document.getElementById('module-m1')!;
    expect(within(m1).getByText(/✓ 合格/)).toBeTruthy();
    expect(within(document.getElementById('module-m2')!).queryByText(/合格/)).toBeNull();
  });
});
