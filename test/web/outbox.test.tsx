import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CourseProgress } from '../../functions/contract/api.ts';
import type { PublicLesson } from '../../functions/contract/catalog.ts';
import { account } from '../../web/src/api/account.ts';
import { ApiFailure } from '../../web/src/api/client.ts';
import { announcements, dismiss } from '../../web/src/api/notices.ts';
import { backoffMs, createOutbox, LEGACY_KEY, type PendingEvent, type PendingItem, type PendingQuiz, queueKey, verdictOf } from '../../web/src/api/outbox.ts';
import { memoryQueueStore } from '../../web/src/api/outbox-store.ts';
import { outbox } from '../../web/src/api/progress.ts';
import { Announcements } from '../../web/src/components/Announcements.tsx';
import { setLocale } from '../../web/src/i18n/index.ts';
import { LessonView } from '../../web/src/learner/Lesson.tsx';
import { meOf, progressOf, publicCourse } from '../fixtures/web.ts';

const ev = (userId: string, n: number, o: Partial<PendingEvent> = {}): PendingEvent => ({
  userId, courseId: 'kiso', moduleId: 'm1', lessonId: `l${n}`, eventId: `event-${userId}-${n}`, status: 'completed', position: 1,
  at: `2026-12-01T0${n}:00:00.000Z`, ...o,
});
const failure = (status: number, code: string, retryAfterSeconds?: number) => new ApiFailure(status, code as never, code, {}, retryAfterSeconds);
const offline = () => new ApiFailure(0, 'network', 'network');

const quizItem = (userId: string, n: number): PendingQuiz => ({
  kind: 'quiz', userId, courseId: 'kiso', moduleId: 'm1', eventId: `attempt-${userId}-${n}`, at: `2026-12-01T0${n}:00:00.000Z`,
  attempt: { attemptId: `attempt-${userId}-${n}`, version: 'v1', answers: { q1: ['a'] } },
});
const lessonOf = (i: PendingItem) => ('lessonId' in i ? i.lessonId : `quiz:${i.moduleId}`);

/** An outbox with a fake clock, an in-memory store and a send that answers from a script. */
function harness(answers: Array<Error | 'ok'> = []) {
  let user: string | undefined = 'A';
  const sent: PendingItem[] = [];
  const store = memoryQueueStore<PendingItem>();
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const onRejected = vi.fn();
  const onSignedOut = vi.fn();
  const box = createOutbox({
    currentUserId: () => user,
    send: async (e) => {
      const a = answers.shift() ?? 'ok';
      if (a !== 'ok') throw a;
      sent.push(e);
      return progressOf();
    },
    store,
    random: () => 0.5,
    schedule: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
    cancel: () => undefined,
    onRejected, onSignedOut,
  });
  return { box, store, sent, timers, onRejected, onSignedOut, signIn: (u: string | undefined) => { user = u; } };
}

beforeEach(() => { localStorage.clear(); setLocale('ja'); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); localStorage.clear(); for (const a of announcements()) dismiss(a.id); });

describe('the outbox keeps one queue per account', () => {
  it('stores each account’s events under its own key and shows nobody else’s', async () => {
    const { box, store } = harness();
    void box.enqueue(ev('A', 1));
    await box.enqueue(ev('B', 2));
    expect(box.pending('A').map(lessonOf)).toEqual(['l1']);
    expect(box.pending('B').map(lessonOf)).toEqual(['l2']);
    expect(await store.read('A')).toEqual([ev('A', 1)]);
    expect(store.accounts().sort()).toEqual(['A', 'B']);
    // Nothing goes to localStorage any more.
    expect(localStorage.getItem(queueKey('A'))).toBeNull();
  });

  it('shows an item as kept on this device only once the store has it, and keeps it in the page when the store refuses', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const store = memoryQueueStore<PendingItem>();
    let full = false;
    const box = createOutbox({
      currentUserId: () => 'A', send: async () => progressOf(), schedule: () => 0, cancel: () => undefined,
      store: { read: store.read, update: async (u, c) => { await held; if (full) throw new DOMException('full', 'QuotaExceededError'); return store.update(u, c); } },
    });
    const kept = box.enqueue(ev('A', 1));
    await new Promise((r) => setTimeout(r, 10));
    expect(box.pending('A')).toEqual([]);
    release();
    await kept;
    expect(box.pending('A').map(lessonOf)).toEqual(['l1']);
    full = true;
    await box.enqueue(ev('A', 2));
    expect(box.pending('A').map(lessonOf)).toEqual(['l1', 'l2']);
    expect((await store.read('A')).map(lessonOf)).toEqual(['l1']);
  });

  it('reads a queue another page of the app stored (a reload) the first time it is asked for', async () => {
    const h = harness();
    await h.store.update('A', () => [ev('A', 1), quizItem('A', 2)]);
    expect(h.box.pending('A')).toEqual([]);
    await vi.waitFor(() => expect(h.box.pending('A').map(lessonOf)).toEqual(['l1', 'quiz:m1']));
  });

  it('sends only the signed-in account’s events', async () => {
    const h = harness();
    void h.box.enqueue(ev('A', 1));
    void h.box.enqueue(ev('B', 2));
    h.signIn('B');
    await h.box.flush();
    expect(h.sent.map((e) => e.eventId)).toEqual(['event-B-2']);
    expect(h.box.pending('A')).toHaveLength(1);
  });

  it('checks who is signed in before every send: a sign-out during a flush stops it', async () => {
    let user: string | undefined = 'A';
    const sent: string[] = [];
    const box = createOutbox({
      currentUserId: () => user,
      send: async (e) => { sent.push(e.eventId); user = undefined; return progressOf(); }, // signs out while the first send is awaited
      store: memoryQueueStore(), schedule: () => 0, cancel: () => undefined,
    });
    for (const n of [1, 2, 3]) void box.enqueue(ev('A', n));
    await box.flush();
    expect(sent).toEqual(['event-A-1']);
    expect(box.pending('A').map(lessonOf)).toEqual(['l2', 'l3']);
  });

  it('never sends an event recorded for another account, even if found under this one’s key', async () => {
    const h = harness();
    await h.store.update('A', () => [ev('B', 1), ev('A', 2)]);
    await h.box.flush();
    expect(h.sent.map((e) => e.eventId)).toEqual(['event-A-2']);
  });

  it('deletes the shared queue of older versions unsent, since nobody can tell whose it is', async () => {
    localStorage.setItem(LEGACY_KEY, JSON.stringify([{ courseId: 'kiso' }]));
    const h = harness();
    await h.box.migrated;
    expect(localStorage.getItem(LEGACY_KEY)).toBeNull();
    expect(h.store.accounts()).toEqual([]);
  });

  it('moves the per-account localStorage queues of the previous version into the store, oldest first, then removes them', async () => {
    localStorage.setItem(queueKey('A'), JSON.stringify([ev('A', 1), ev('A', 2)]));
    localStorage.setItem(queueKey('B'), JSON.stringify([ev('B', 3)]));
    localStorage.setItem('sogyo.locale', 'ja');
    const store = memoryQueueStore<PendingItem>();
    // This version had already queued one of A's events (and, from a half-finished earlier move, a copy of event 2).
    await store.update('A', () => [ev('A', 2), ev('A', 4)]);
    const sent: string[] = [];
    const box = createOutbox({ currentUserId: () => 'A', store, send: async (e) => { sent.push(e.eventId); return progressOf(); }, schedule: () => 0, cancel: () => undefined });
    await box.migrated;
    expect((await store.read('A')).map((e) => e.eventId)).toEqual(['event-A-1', 'event-A-2', 'event-A-4']);
    expect((await store.read('B')).map((e) => e.eventId)).toEqual(['event-B-3']);
    expect(localStorage.getItem(queueKey('A'))).toBeNull();
    expect(localStorage.getItem(queueKey('B'))).toBeNull();
    expect(localStorage.getItem('sogyo.locale')).toBe('ja');
    // Sent in the order the founder made them, under A only; B's wait for B.
    await box.flush();
    expect(sent).toEqual(['event-A-1', 'event-A-2', 'event-A-4']);
    expect(await store.read('B')).toHaveLength(1);
  });

  it('keeps the old queue where it was when the store cannot take it, for a later start', async () => {
    localStorage.setItem(queueKey('A'), JSON.stringify([ev('A', 1)]));
    const box = createOutbox({
      currentUserId: () => 'A', send: async () => progressOf(), schedule: () => 0, cancel: () => undefined,
      store: { read: async () => [], update: async () => { throw new DOMException('quota', 'QuotaExceededError'); } },
    });
    await box.migrated;
    expect(JSON.parse(localStorage.getItem(queueKey('A'))!)).toHaveLength(1);
  });

  it('folds superseded reading positions of a lesson and keeps completions', async () => {
    const { box } = harness();
    void box.enqueue(ev('A', 1, { status: 'in_progress', position: 0.2, eventId: 'p-1' }));
    void box.enqueue(ev('A', 1, { status: 'in_progress', position: 0.4, eventId: 'p-2', at: '2026-12-01T01:30:00.000Z' }));
    await box.enqueue(ev('A', 1, { eventId: 'c-1', at: '2026-12-01T01:40:00.000Z' }));
    expect(box.pending('A').map((e) => e.eventId)).toEqual(['p-2', 'c-1']);
  });

  it('queues quiz attempts with progress and sends them in the order they were made, each once', async () => {
    const h = harness();
    const onSent = vi.fn();
    void h.box.enqueue(ev('A', 1));
    void h.box.enqueue(quizItem('A', 2));
    void h.box.enqueue(ev('A', 3));
    await h.box.enqueue(quizItem('A', 2)); // the same attempt again (a double tap): one item
    expect(h.box.pending('A').map((e) => e.eventId)).toEqual(['event-A-1', 'attempt-A-2', 'event-A-3']);
    const box = createOutbox({ currentUserId: () => 'A', store: h.store, send: async (e) => { h.sent.push(e); return progressOf(); }, onSent, schedule: () => 0, cancel: () => undefined });
    await box.flush();
    expect(h.sent.map((e) => e.eventId)).toEqual(['event-A-1', 'attempt-A-2', 'event-A-3']);
    expect(onSent).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ kind: 'quiz', eventId: 'attempt-A-2' }));
    expect(onSent).toHaveBeenCalledTimes(3);
    expect(await h.store.read('A')).toEqual([]);
  });
});

describe('what a failed send means', () => {
  it.each([
    ['no answer', offline(), 'offline'],
    ['503 Service Unavailable', failure(503, 'internal', 1), 'retry'],
    ['500', failure(500, 'internal'), 'retry'],
    ['429 Too Many Requests', failure(429, 'rate_limited', 30), 'retry'],
    ['409 lost race (“please try again”)', failure(409, 'conflict'), 'retry'],
    ['401 login expired', failure(401, 'unauthenticated'), 'signed_out'],
    ['403 stale CSRF token (another tab changed the login)', failure(403, 'csrf_failed'), 'signed_out'],
    ['400', failure(400, 'invalid_request'), 'rejected'],
    ['404', failure(404, 'not_found'), 'rejected'],
    ['403 not a founder', failure(403, 'forbidden'), 'rejected'],
    ['422', failure(422, 'invalid_request'), 'rejected'],
  ])('%s → %s', (_name, error, verdict) => {
    expect(verdictOf(error)).toBe(verdict);
  });

  it('keeps the event on 503 and retries no sooner than Retry-After; sends it once when the server is back', async () => {
    const h = harness([failure(503, 'internal', 1), failure(503, 'internal', 1)]);
    void h.box.enqueue(ev('A', 1));
    await h.box.flush();
    expect(h.box.pending('A')).toHaveLength(1);
    expect(h.timers.at(-1)!.ms).toBeGreaterThanOrEqual(1000);
    h.timers.at(-1)!.fn();
    await vi.waitFor(() => expect(h.timers).toHaveLength(2));
    h.timers.at(-1)!.fn();
    await vi.waitFor(() => expect(h.sent).toHaveLength(1));
    expect(h.box.pending('A')).toEqual([]);
  });

  it('drops an event the server refuses for good, tells about it, and goes on with the next', async () => {
    const h = harness([failure(400, 'invalid_request')]);
    void h.box.enqueue(ev('A', 1));
    void h.box.enqueue(ev('A', 2));
    await h.box.flush();
    expect(h.onRejected).toHaveBeenCalledWith([expect.objectContaining({ eventId: 'event-A-1' })], expect.any(ApiFailure));
    expect(h.sent.map((e) => e.eventId)).toEqual(['event-A-2']);
    expect(h.box.pending('A')).toEqual([]);
  });

  it('keeps the queue when the login expired and asks for the account to be read again', async () => {
    const h = harness([failure(401, 'unauthenticated')]);
    void h.box.enqueue(ev('A', 1));
    await h.box.flush();
    expect(h.onSignedOut).toHaveBeenCalled();
    expect(h.box.pending('A')).toHaveLength(1);
    expect(h.timers).toHaveLength(0);
  });
});

describe('backoff', () => {
  it('doubles from one second up to five minutes, with jitter in the upper half', () => {
    expect(backoffMs(0, undefined, () => 0)).toBe(500);
    expect(backoffMs(0, undefined, () => 0.999)).toBeLessThan(1000);
    expect(backoffMs(3, undefined, () => 0)).toBe(4000);
    expect(backoffMs(30, undefined, () => 0.999)).toBeLessThanOrEqual(300_000);
  });

  it('waits at least as long as Retry-After says', () => {
    expect(backoffMs(0, 1, () => 0)).toBe(1000);
    expect(backoffMs(0, 120, () => 0.5)).toBe(120_500);
  });
});

describe('sign-out drains the queue', () => {
  it('sends what it can under the person’s login, then deletes the rest and says how many', async () => {
    const h = harness(['ok', offline()]);
    for (const n of [1, 2, 3]) void h.box.enqueue(ev('A', n));
    void h.box.enqueue(ev('B', 4));
    expect(await h.box.drainForSignOut('A')).toBe(2);
    expect(h.sent.map((e) => e.eventId)).toEqual(['event-A-1']);
    expect(h.box.pending('A')).toEqual([]);
    expect(await h.store.read('A')).toEqual([]);
    expect(h.store.accounts()).toEqual(['B']);
    expect(h.timers).toHaveLength(0);
  });
});

describe('the lesson says honestly whether its completion is saved or waiting', () => {
  const lesson: PublicLesson = {
    courseId: 'kiso', moduleId: 'm1', id: 'l1', title: '事業コンセプト レッスン1', minutes: 10, html: '<p>本文</p>', prev: null, next: null,
  } as unknown as PublicLesson;
  const done: CourseProgress = progressOf({
    lessons: [{ moduleId: 'm1', lessonId: 'l1', status: 'completed', position: 1, positionAt: 'x', completedAt: '2026-12-01T03:00:00.000Z', completedVersion: 'v1', updatedAt: 'x' }],
  });
  const inRouter = (ui: () => JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);

  it('shows “not yet sent” while offline, then “saved” once the outbox got it through', async () => {
    account.mutate(meOf({ id: 'u-a' }));
    let online = false;
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(done), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    inRouter(() => <LessonView lesson={lesson} course={publicCourse()} progress={progressOf()} />);
    fireEvent.click(screen.getByRole('button', { name: 'このレッスンを完了にする' }));
    await screen.findByText(/この端末に記録しました（未送信）/);
    expect(screen.queryByRole('button', { name: 'このレッスンを完了にする' })).toBeNull();
    expect(outbox.pending('u-a')).toHaveLength(1);

    online = true;
    await outbox.flush();
    await screen.findByText(/完了しました（保存済み）/);
    expect(screen.queryByText(/未送信/)).toBeNull();
    const puts = fetchMock.mock.calls.filter((c) => (c[1] as RequestInit | undefined)?.method === 'PUT');
    expect(new Set(puts.map((c) => JSON.parse(String((c[1] as RequestInit).body)).eventId)).size).toBe(1);
  });

  it('tells in Japanese and English when the server refused a completion, and keeps nothing', async () => {
    account.mutate(meOf({ id: 'u-b' }));
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      new Response(JSON.stringify({ error: { code: 'invalid_request', message: 'bad' } }), { status: 400, headers: { 'content-type': 'application/json' } }));
    render(() => <Announcements />);
    inRouter(() => <LessonView lesson={lesson} course={publicCourse()} progress={progressOf()} />);
    fireEvent.click(screen.getByRole('button', { name: 'このレッスンを完了にする' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('1件の学習記録はサーバーに受け付けられず、保存されませんでした');
    setLocale('en');
    expect(screen.getByRole('alert').textContent).toContain('The server refused 1 study record(s), so they were not saved.');
    expect(outbox.pending('u-b')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
