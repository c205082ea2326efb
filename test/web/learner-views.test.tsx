import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressBar } from '../../web/src/components/ProgressBar.tsx';
import { locale, setLocale, t } from '../../web/src/i18n/index.ts';
import { CourseOutlineView } from '../../web/src/learner/CourseOutline.tsx';
import { HomeView } from '../../web/src/learner/Home.tsx';
import { SignInPage } from '../../web/src/learner/SignIn.tsx';
import { progressOf, publicCourse } from '../fixtures/web.ts';

const inRouter = (ui: () => import('solid-js').JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); });

describe('ProgressBar', () => {
  it('exposes its value to assistive technology', () => {
    render(() => <ProgressBar id="p" label="財務" value={1} max={4} detail="1 / 4 レッスン" />);
    const bar = screen.getByRole('progressbar', { name: '財務' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-valuetext')).toBe('25% (1 / 4 レッスン)');
  });

  it('shows 0% for an area with no lessons instead of dividing by zero', () => {
    render(() => <ProgressBar id="p" label="人材育成" value={0} max={0} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
  });
});

describe('HomeView', () => {
  it('offers to start when nothing was studied, with one bar per area and overall', () => {
    inRouter(() => <HomeView name="田中" course={publicCourse()} progress={progressOf()} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('田中さん、こんにちは');
    expect(screen.getByRole('link', { name: '学習を始める' }).getAttribute('href')).toBe('/courses/kiso/m1/l1');
    expect(screen.getAllByRole('progressbar')).toHaveLength(5);
  });

  it('continues where the learner left off and marks covered areas', () => {
    const progress = progressOf({
      completedLessons: 1, lastActiveAt: '2026-11-27T03:00:00.000Z', resume: { moduleId: 'm1', lessonId: 'l2', position: 0.3 },
      areas: progressOf().areas.map((a) => (a.area === 'finance' ? { ...a, completedLessons: 1, completedModules: 1, covered: true } : a)),
    });
    inRouter(() => <HomeView name="田中" course={publicCourse()} progress={progress} />);
    expect(screen.getByRole('link', { name: '続きから学習する' }).getAttribute('href')).toBe('/courses/kiso/m1/l2');
    expect(screen.getByText('次は「事業コンセプト レッスン2」')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: /財務 ✓ 修了/ }).getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('最終学習日: 2026年11月27日')).toBeTruthy();
  });

  it('says so when every lesson is done', () => {
    inRouter(() => <HomeView name="田中" course={publicCourse()} progress={progressOf({ resume: null, completedLessons: 3 })} />);
    expect(screen.getByText('すべてのレッスンを修了しました')).toBeTruthy();
    expect(screen.queryByText(/講座を修了しました/)).toBeNull();
  });

  it('shows the date the course was completed, in Japan time', () => {
    const progress = progressOf({ resume: null, completedLessons: 3, completed: { completedAt: '2026-11-30T16:00:00.000Z', version: 'v1' } });
    inRouter(() => <HomeView name="田中" course={publicCourse()} progress={progress} />);
    expect(screen.getByText(/2026年12月1日 に講座を修了しました/)).toBeTruthy();
  });
});

describe('CourseOutlineView', () => {
  it('groups modules by area with their completion state and done lessons', () => {
    const progress = progressOf({
      lessons: [{ moduleId: 'm2', lessonId: 'l1', status: 'completed', position: 1, positionAt: 'x', completedAt: 'x', completedVersion: 'v1', updatedAt: 'x' },
        { moduleId: 'm1', lessonId: 'l1', status: 'in_progress', position: 0.5, positionAt: 'x', completedAt: null, completedVersion: null, updatedAt: 'x' }],
      completedModules: [{ moduleId: 'm2', completedAt: '2026-11-27T03:00:00.000Z', version: 'v1' }],
    });
    inRouter(() => <CourseOutlineView course={publicCourse()} progress={progress} />);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['経営 1 モジュール', '財務 1 モジュール']);
    const cards = document.querySelectorAll('.module');
    expect([...cards].map((c) => c.getAttribute('data-state'))).toEqual(['in_progress', 'completed']);
    expect(document.querySelectorAll('.done')).toHaveLength(1);
  });
});

describe('i18n', () => {
  it('switches language, remembers it, and sets <html lang>', () => {
    setLocale('en');
    expect(t('home.continue')).toBe('Continue where you left off');
    expect(localStorage.getItem('sogyo.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    setLocale('ja');
    expect(locale()).toBe('ja');
    expect(t('home.greeting', { name: '花子' })).toBe('花子さん、こんにちは');
  });
});

describe('SignInPage', () => {
  it('checks the form before sending, then shows the server’s error in the current language', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(
      JSON.stringify({ error: { code: 'rate_limited', message: 'Too many' } }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '600' } }));
    inRouter(() => <SignInPage />);
    fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(await screen.findAllByText('入力してください。')).toHaveLength(2);
    const signInCalls = () => fetchMock.mock.calls.filter((c) => c[0] === '/api/auth/signin');
    expect(signInCalls()).toHaveLength(0);
    fireEvent.input(screen.getByLabelText('メールアドレス'), { target: { value: 'a@example.jp' } });
    fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'whatever-pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('10分ほど待ってから');
    expect(signInCalls()).toHaveLength(1);
  });
});
