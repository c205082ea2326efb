import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { cleanup, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../functions/contract/api.ts';
import { account } from '../../web/src/api/account.ts';
import { clearContentCache } from '../../web/src/api/client.ts';
import { prefetchLesson } from '../../web/src/api/progress.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { LessonPage } from '../../web/src/learner/Lesson.tsx';
import { courseWithQuiz, meOf, moduleFile, progressOf, publicLesson } from '../fixtures/web.ts';

// Issue 15 points 5 and 9: the lesson page downloads only what it shows (the lesson and its module's outline, never the
// whole course outline), shows the lesson without waiting for progress, and is a read-only preview for people who do
// not study (staff, advisors, admins), who have no progress to load or write.
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
/** Replies by exact path (a promise: a reply that never comes); anything else is a 404. */
const serve = (routes: Record<string, unknown>) => vi.spyOn(globalThis, 'fetch').mockClear().mockImplementation(async (input) => {
  const path = String(input);
  if (!(path in routes)) return json({ error: { code: 'not_found', message: 'No such content' } }, 404);
  const r = routes[path];
  return r instanceof Promise ? r : json(r);
});
const fetched = (m: ReturnType<typeof serve>) => m.mock.calls.map((c) => String(c[0]));
const open = (path: string) => {
  const history = createMemoryHistory();
  history.set({ value: path });
  return render(() => <MemoryRouter history={history}><Route path="/courses/:courseId/:moduleId/:lessonId" component={LessonPage} /></MemoryRouter>);
};
const files = {
  '/content/kiso/m1/module.json': moduleFile(courseWithQuiz(), 'm1'),
  '/content/kiso/m1/l1.json': publicLesson(),
  '/content/kiso/m1/l2.json': publicLesson({ id: 'l2', title: '事業コンセプト レッスン2', prev: { moduleId: 'm1', lessonId: 'l1' }, next: null }),
  '/content/kiso/course.json': courseWithQuiz(),
};

beforeEach(() => { setLocale('ja'); clearContentCache(); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); localStorage.clear(); clearContentCache(); account.mutate(undefined as unknown as Me); });

describe('the lesson page loads only what it shows', () => {
  it('fetches the lesson and its module’s outline, never the whole course outline', async () => {
    account.mutate(meOf());
    const m = serve({ ...files, '/api/progress/kiso': progressOf() });
    open('/courses/kiso/m1/l2');
    await screen.findByRole('heading', { level: 1, name: '事業コンセプト レッスン2' });
    expect(screen.getByRole('navigation', { name: '講座の一覧へ戻る' }).textContent).toContain('創業基礎講座 › 事業コンセプト');
    expect(screen.getByText('レッスン 2 / 2')).toBeTruthy();
    // The module has a quiz after its last lesson: the module file says so.
    expect(screen.getByRole('link', { name: '確認テストへ' }).getAttribute('href')).toBe('/courses/kiso/m1/quiz');
    expect(fetched(m).sort()).toEqual(['/api/progress/kiso', '/content/kiso/m1/l2.json', '/content/kiso/m1/module.json']);
  });

  it('shows the lesson while the progress is still on its way, and the completion once it arrives', async () => {
    account.mutate(meOf());
    let answer!: (r: Response) => void;
    serve({ ...files, '/api/progress/kiso': new Promise<Response>((ok) => { answer = ok; }) });
    open('/courses/kiso/m1/l1');
    await screen.findByRole('heading', { level: 1, name: '事業コンセプト レッスン1' });
    expect(screen.getByText('日本語の本文')).toBeTruthy();
    answer(json(progressOf({ lessons: [{ moduleId: 'm1', lessonId: 'l1', status: 'completed', position: 1, positionAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z', completedAt: '2026-12-01T01:00:00.000Z', completedVersion: 'v1' }] })));
    await screen.findByText(/完了しました（保存済み）/);
  });

  it('requests the lesson’s files as the app starts, so the page finds them waiting', async () => {
    const m = serve(files);
    prefetchLesson('/courses/kiso/m1/l1', 'ja');
    prefetchLesson('/courses/kiso/m1/quiz', 'ja');
    prefetchLesson('/staff/271004', 'ja');
    await waitFor(() => expect(fetched(m).sort()).toEqual(['/content/kiso/m1/l1.json', '/content/kiso/m1/module.json']));
    account.mutate(meOf());
    serve({ '/api/progress/kiso': progressOf() });
    open('/courses/kiso/m1/l1');
    await screen.findByRole('heading', { level: 1, name: '事業コンセプト レッスン1' });
  });
});

describe('staff, advisors and admins preview a lesson read-only', () => {
  it.each([
    ['staff', meOf({ id: 'u-staff', memberships: [{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'staff', cohortId: null }] })],
    ['an advisor', meOf({ id: 'u-adv', memberships: [{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'advisor', cohortId: null }] })],
    ['an admin', meOf({ id: 'u-admin', admin: true, memberships: [] })],
  ])('%s sees the lesson with a preview notice, no completion button, and no progress request', async (_who, me) => {
    account.mutate(me);
    // The API would refuse their progress (403): the page must not ask, nor show "not found" over it.
    const m = serve({ ...files, '/api/progress/kiso': json({ error: { code: 'forbidden', message: 'Not allowed' } }, 403) });
    open('/courses/kiso/m1/l2');
    await screen.findByRole('heading', { level: 1, name: '事業コンセプト レッスン2' });
    expect(screen.getByRole('note').textContent).toBe('プレビュー表示です（閲覧のみ）。学習の記録（完了・確認テスト）は受講者のアカウントでのみ行えます。');
    expect(screen.queryByRole('button', { name: 'このレッスンを完了にする' })).toBeNull();
    expect(screen.queryByRole('link', { name: '確認テストへ' })).toBeNull();
    expect(screen.queryByText('ページが見つかりません')).toBeNull();
    expect(fetched(m).filter((p) => p.startsWith('/api/'))).toEqual([]);
  });
});
