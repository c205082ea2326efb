import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { account, signIn, signOut, usingRememberedLogin } from '../../web/src/api/account.ts';
import { outbox, saveProgress } from '../../web/src/api/progress.ts';
import { SyncStatus } from '../../web/src/components/SyncStatus.tsx';
import { setLocale } from '../../web/src/i18n/index.ts';
import { QuizView } from '../../web/src/learner/Quiz.tsx';
import { courseWithQuiz, meOf, progressOf, publicQuiz, quizResult } from '../fixtures/web.ts';

const inRouter = (ui: () => JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const offline = () => { throw new TypeError('Failed to fetch'); };
/** Leaves the account resource signed out and without an error, for the next test. */
const settleSignedOut = async () => {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ error: { code: 'unauthenticated', message: 'sign in' } }, 401));
  await account.refetch();
};
const ids = (lessonId: string) => ({ courseId: 'kiso', moduleId: 'm1', lessonId });

beforeEach(() => setLocale('ja'));
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  for (const u of ['u-q', 'u-s', 'u-r']) await outbox.forget(u);
  localStorage.clear();
});

describe('a quiz submitted offline', () => {
  const answerAll = () => {
    fireEvent.click(screen.getByLabelText('事業の目的'));
    fireEvent.click(screen.getByLabelText('家賃'));
    fireEvent.click(screen.getByLabelText('人件費'));
  };

  it('is kept in the founder’s outbox and said to be waiting, then sent once the connection is back and its result shown', async () => {
    account.mutate(meOf({ id: 'u-q' }));
    let online = false;
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => (online ? json(quizResult({ score: 100, correctCount: 2, total: 2 }), 201) : offline()));
    inRouter(() => <QuizView course={courseWithQuiz()} quiz={publicQuiz()} standing={undefined} userId="u-q" />);
    // Offline the standing is unknown, and the page says so instead of guessing.
    expect(screen.getByText('オフラインのため、残りの受験回数を確認できません')).toBeTruthy();
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    const status = await screen.findByRole('heading', { name: '同期待ち: 解答はまだ採点されていません' });
    expect(status.closest('[role="status"]')!.textContent).toContain('解答をこの端末に保存しました（未送信）');
    expect(screen.queryByRole('button', { name: '採点する' })).toBeNull();
    const queued = outbox.pending('u-q');
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: 'quiz', courseId: 'kiso', moduleId: 'm1' });
    // The answers now wait in the outbox: the draft is gone and leaving the page asks nothing.
    await waitFor(() => expect(Object.keys(localStorage).filter((k) => k.startsWith('sogyo.quizDraft.'))).toEqual([]));
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(false);

    online = true;
    await outbox.flush();
    await screen.findByRole('heading', { name: '結果' });
    expect(screen.getByText('2問中2問正解（100%）')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /同期待ち/ })).toBeNull();
    expect(outbox.pending('u-q')).toEqual([]);
    const posts = fetchMock.mock.calls.filter((c) => String(c[0]).endsWith('/api/quizzes/kiso/m1/attempts'));
    expect(posts.length).toBeGreaterThanOrEqual(2); // the offline try, and the one from the outbox
    expect(new Set(posts.map((c) => JSON.parse(String((c[1] as RequestInit).body)).attemptId)).size).toBe(1);
  });

  it('shows a page opened later (a reload) the attempt still waiting, not an empty form', async () => {
    account.mutate(meOf({ id: 'u-q' }));
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => offline());
    await outbox.enqueue({ kind: 'quiz', userId: 'u-q', courseId: 'kiso', moduleId: 'm1', eventId: 'attempt-0001', at: '2026-12-01T01:00:00.000Z',
      attempt: { attemptId: 'attempt-0001', version: publicQuiz().version, answers: { q1: ['a'] } } });
    inRouter(() => <QuizView course={courseWithQuiz()} quiz={publicQuiz()} standing={{ best: null, attemptsLeft: 3 }} userId="u-q" />);
    await screen.findByRole('heading', { name: '同期待ち: 解答はまだ採点されていません' });
    expect(screen.queryByRole('button', { name: '採点する' })).toBeNull();
  });

  it('is refused for good (a stale version): the founder is told and can answer again', async () => {
    account.mutate(meOf({ id: 'u-q' }));
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ error: { code: 'stale_version', message: 'stale' } }, 409));
    inRouter(() => <QuizView course={courseWithQuiz()} quiz={publicQuiz()} standing={{ best: null, attemptsLeft: 3 }} userId="u-q" />);
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    await screen.findByRole('button', { name: 'ページを再読み込みする' });
    expect(outbox.pending('u-q')).toEqual([]);
  });
});

describe('the sync status', () => {
  it('counts completions and quiz answers waiting, in Japanese and English, then says saved once they got through', async () => {
    account.mutate(meOf({ id: 'u-s' }));
    let online = false;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      if (!online) return offline();
      return String(input).includes('/api/quizzes/') ? json(quizResult(), 201) : json(progressOf());
    });
    render(() => <SyncStatus />);
    const region = document.querySelector('.sync-status')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    await saveProgress(ids('l1'), 'in_progress', 0.3);
    await saveProgress(ids('l1'), 'completed', 1);
    await saveProgress(ids('l2'), 'completed', 1);
    await outbox.enqueue({ kind: 'quiz', userId: 'u-s', courseId: 'kiso', moduleId: 'm1', eventId: 'attempt-0002', at: new Date().toISOString(),
      attempt: { attemptId: 'attempt-0002', version: 'v1', answers: { q1: ['a'] } } });
    // A reading position is sent too, but it is not a record the founder made: three records wait.
    expect(outbox.pending('u-s')).toHaveLength(4);
    await waitFor(() => expect(region.textContent).toContain('同期待ち（3件）'));
    setLocale('en');
    expect(region.textContent).toContain('Waiting to sync (3)');
    setLocale('ja');

    online = true;
    await outbox.flush();
    await waitFor(() => expect(region.textContent).toContain('保存しました'));
    expect(region.textContent).not.toContain('同期待ち');
    setLocale('en');
    expect(region.textContent).toContain('Saved');
    expect(outbox.pending('u-s')).toEqual([]);
  });

  it('does not say saved when the waiting records were refused or deleted rather than sent', async () => {
    account.mutate(meOf({ id: 'u-s' }));
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => offline());
    render(() => <SyncStatus />);
    const region = document.querySelector('.sync-status')!;
    await saveProgress(ids('l3'), 'completed', 1);
    await waitFor(() => expect(region.textContent).toContain('同期待ち（1件）'));
    await outbox.forget('u-s');
    await waitFor(() => expect(region.textContent).toBe(''));
  });
});

describe('starting without a connection', () => {
  it('keeps a founder signed in from the copy the server last confirmed, until the server says otherwise', async () => {
    const founder = meOf({ id: 'u-r' });
    let answer: () => Response = () => json(founder);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer());
    await signIn({ email: 'r@example.jp', password: 'x' });
    expect(JSON.parse(localStorage.getItem('sogyo.offlineLogin')!).me.user.id).toBe('u-r');

    answer = offline;
    await account.refetch();
    expect(account.me()?.user.id).toBe('u-r');
    expect(usingRememberedLogin()).toBe(true);

    answer = () => json({ error: { code: 'unauthenticated', message: 'sign in' } }, 401);
    await account.refetch();
    expect(account.me()).toBeNull();
    expect(localStorage.getItem('sogyo.offlineLogin')).toBeNull();
    // Without a copy, no connection is an error the page shows (with a retry), as before.
    answer = offline;
    await Promise.resolve(account.refetch()).catch(() => undefined);
    expect(account.me.error).toBeTruthy();
    await settleSignedOut();
  });

  it('forgets the copy at sign-out, and keeps none for staff', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => (String(input).endsWith('/signout') ? new Response(null, { status: 204 }) : json(meOf({ id: 'u-r' }))));
    await signIn({ email: 'r@example.jp', password: 'x' });
    expect(localStorage.getItem('sogyo.offlineLogin')).not.toBeNull();
    await signOut();
    expect(localStorage.getItem('sogyo.offlineLogin')).toBeNull();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json(meOf({ id: 'u-staff', memberships: [{ tenantId: '271004', role: 'staff' }] as never })));
    await signIn({ email: 's@example.jp', password: 'x' });
    expect(localStorage.getItem('sogyo.offlineLogin')).toBeNull();
  });

  it.each([
    ['older than a login can live (12 hours from sign-in)', { since: Date.now() - 13 * 3600_000, confirmedAt: Date.now() - 60_000 }],
    ['idle longer than a login can be (30 minutes since the server last confirmed it)', { since: Date.now() - 3600_000, confirmedAt: Date.now() - 31 * 60_000 }],
    ['of the old shape, without the time of the last confirmation', { since: Date.now() - 60_000 }],
  ])('does not use a copy %s', async (_what, times) => {
    localStorage.setItem('sogyo.offlineLogin', JSON.stringify({ ...times, me: meOf({ id: 'u-r' }) }));
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => offline());
    await Promise.resolve(account.refetch()).catch(() => undefined);
    expect(account.me.error).toBeTruthy();
    await settleSignedOut();
  });

  it('uses a copy the server confirmed 29 minutes ago', async () => {
    localStorage.setItem('sogyo.offlineLogin', JSON.stringify({ since: Date.now() - 3600_000, confirmedAt: Date.now() - 29 * 60_000, me: meOf({ id: 'u-r' }) }));
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => offline());
    await Promise.resolve(account.refetch()).catch(() => undefined);
    expect(account.me()?.user.id).toBe('u-r');
  });
});
