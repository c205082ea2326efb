import { createRoot, createSignal } from 'solid-js';
import type { CourseProgress, LessonStatus } from '../../../functions/contract/api.ts';
import type { QuizAttemptBody, QuizResult } from '../../../functions/contract/evidence.ts';
import { ApiFailure } from './client.ts';
import { defaultQueueStore, type QueueStore } from './outbox-store.ts';

/** One progress event as the founder made it, with the account it was made in. (`kind` is absent in older queues.) */
export interface PendingEvent {
  kind?: 'progress';
  userId: string;
  courseId: string; moduleId: string; lessonId: string;
  eventId: string; status: LessonStatus; position: number; at: string;
}
/** A quiz attempt submitted without a connection. Its `eventId` is the attempt's id, so a resend is graded once. */
export interface PendingQuiz {
  kind: 'quiz';
  userId: string;
  courseId: string; moduleId: string;
  eventId: string; attempt: QuizAttemptBody; at: string;
}
/** What waits in an account's queue: progress events and quiz attempts, in the order the founder made them. */
export type PendingItem = PendingEvent | PendingQuiz;
export const isQuiz = (i: PendingItem): i is PendingQuiz => i.kind === 'quiz';
/** What the founder would call "a record": a completion or a quiz answer. Reading positions are sent too, unsaid. */
export const isRecord = (i: PendingItem) => isQuiz(i) || i.status === 'completed';

/**
 * What to do with an event whose send failed:
 * - `offline`: no answer at all; keep it, send when the connection is back.
 * - `signed_out`: the login expired (401) or is no longer this page's (stale CSRF token: another tab signed someone
 *   else in); keep it in its own account's queue, it goes when that person signs in again.
 * - `retry`: the server is busy or down (5xx, 429, 408) or lost a race (409 `conflict`, which this API answers with
 *   "please try again"); keep it and retry with backoff.
 * - `rejected`: any other 4xx is final — the server will never take this event; drop it and tell the founder.
 */
export type Verdict = 'offline' | 'signed_out' | 'retry' | 'rejected';

export function verdictOf(e: unknown): Verdict {
  if (!(e instanceof ApiFailure)) return 'retry';
  if (e.code === 'network') return 'offline';
  if (e.status === 401 || e.code === 'csrf_failed') return 'signed_out';
  if (e.status >= 500 || e.status === 429 || e.status === 408 || e.status === 425 || e.code === 'conflict') return 'retry';
  return 'rejected';
}

const BASE_MS = 1000;
const CAP_MS = 5 * 60_000;

/**
 * Delay before retry number `attempt` (0-based): exponential from 1 s up to 5 minutes with "equal jitter" (half fixed,
 * half random), so a fleet of phones does not come back at the same instant after an outage. A Retry-After from the
 * server is a floor: we never come back earlier than it asked, plus up to a second of jitter.
 */
export function backoffMs(attempt: number, retryAfterSeconds?: number, random: () => number = Math.random): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds > 0) return Math.min(CAP_MS, retryAfterSeconds * 1000) + Math.floor(random() * 1000);
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt));
  return Math.floor(exp / 2 + random() * (exp / 2));
}

/**
 * Where earlier versions kept an account's queue (localStorage). Read once and moved into the store (see
 * migrateLegacy), so nothing a founder did before this version is lost.
 */
export const queueKey = (userId: string) => `sogyo.outbox.${userId}`;
/**
 * The queue before it was kept per account: one list shared by everyone who used the device, with no record of whose
 * events they were. They cannot be attributed to anyone, so they are deleted unsent rather than risk sending one
 * person's study as another's.
 */
export const LEGACY_KEY = 'sogyo.outbox';
const MAX_EVENTS = 200;
/** Tabs of the app tell each other that an account's queue changed (IndexedDB has no storage event). */
const CHANNEL = 'sogyo.outbox';

export interface OutboxOptions {
  /** The account signed in on this page now (from /api/me), read again before every send. */
  currentUserId: () => string | undefined;
  send: (i: PendingItem) => Promise<CourseProgress | QuizResult>;
  /** Where queues are kept (default: IndexedDB, or memory where there is none). */
  store?: QueueStore<PendingItem>;
  /** Where earlier versions kept queues, moved into `store` at start (default: localStorage). */
  legacyStorage?: () => Storage | undefined;
  random?: () => number;
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  /** A queued item reached the server: its answer (the course's progress, or the quiz's result). */
  onSent?: (answer: CourseProgress | QuizResult, i: PendingItem) => void;
  /** Queued items the server refused for good (already removed). */
  onRejected?: (items: PendingItem[], error: ApiFailure | unknown) => void;
  /** The server no longer knows this page's login: the account should be read again. */
  onSignedOut?: () => void;
}

export type Outbox = ReturnType<typeof createOutbox>;

/** The queue with `item` added: superseded reading positions folded, and over the limit positions go first. */
function withItem(items: PendingItem[], e: PendingItem): PendingItem[] {
  // The same event again (a double tap on an offline quiz): it keeps its place.
  if (items.some((x) => x.eventId === e.eventId)) return items;
  let next = [...items];
  if (!isQuiz(e) && e.status === 'in_progress') {
    // An older position in the same lesson on the same day says nothing the newer one does not.
    next = next.filter((x) => isQuiz(x) || !(x.status === 'in_progress' && x.courseId === e.courseId && x.moduleId === e.moduleId
      && x.lessonId === e.lessonId && x.at.slice(0, 10) === e.at.slice(0, 10)));
  }
  next.push(e);
  // Over the limit, reading positions go first; completions and quiz answers are kept.
  while (next.length > MAX_EVENTS) {
    const i = next.findIndex((x) => !isRecord(x));
    next.splice(i >= 0 ? i : 0, 1);
  }
  return next;
}

/**
 * The offline outbox, one queue per account in IndexedDB. Items are sent oldest first; each send checks that the
 * account signed in now is the one the item was made in, so a sign-out or a change of person in the middle of a flush
 * stops it instead of sending under the wrong account.
 *
 * The page keeps a copy of each account's queue it has looked at (`pending`, reactive and synchronous for the views):
 * store operations run one at a time, in order, and each one's answer (which includes what other tabs wrote) becomes
 * the copy.
 */
export function createOutbox(o: OutboxOptions) {
  const store = o.store ?? defaultQueueStore<PendingItem>();
  const legacy = o.legacyStorage ?? (() => { try { return globalThis.localStorage; } catch { return undefined; } });
  const random = o.random ?? Math.random;
  const schedule = o.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = o.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  // Bumped on every change of a copy (here or, through the channel, in another tab) so views of the queue stay current.
  const { version, bump } = createRoot(() => {
    const [version, setVersion] = createSignal(0);
    return { version, bump: () => setVersion((v) => v + 1) };
  });
  const copies = new Map<string, PendingItem[]>();
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);

  // One store operation at a time, in the order asked: a read never overtakes a write of this page.
  let chain: Promise<unknown> = Promise.resolve();
  const run = <T>(op: () => Promise<T>): Promise<T> => {
    const p = chain.then(op);
    chain = p.catch(() => undefined);
    return p;
  };
  const settle = (userId: string, items: PendingItem[]) => { copies.set(userId, items); bump(); };

  /** Reads the account's queue from the store (and refreshes the page's copy). */
  const read = (userId: string) => run(async () => {
    try {
      const items = await store.read(userId);
      settle(userId, items);
      return items;
    } catch { return copies.get(userId) ?? []; }
  });
  /**
   * Changes the account's queue in the store; the page's copy follows what the store then holds, so "kept on this
   * device" is only ever shown for what is (a tab closed right after still finds it). When the store refuses (full,
   * blocked), the change is kept in the copy, for the life of the page.
   */
  const change = (userId: string, fn: (items: PendingItem[]) => PendingItem[]) => run(async () => {
    try {
      settle(userId, await store.update(userId, fn));
      channel?.postMessage({ userId });
    } catch {
      settle(userId, fn(copies.get(userId) ?? []));
    }
  });
  const remove = (userId: string, eventId: string) => change(userId, (items) => items.filter((e) => e.eventId !== eventId));

  /**
   * Moves queues an earlier version kept in localStorage into the store, each after what may already be there (they
   * are older), then removes them there. The shared queue of even older versions is deleted (see LEGACY_KEY).
   */
  const migrated = run(async () => {
    const ls = legacy();
    if (!ls) return;
    try {
      ls.removeItem(LEGACY_KEY);
      const keys: string[] = [];
      for (let i = 0; i < ls.length; i++) { const k = ls.key(i); if (k?.startsWith(`${LEGACY_KEY}.`)) keys.push(k); }
      for (const key of keys) {
        const userId = key.slice(LEGACY_KEY.length + 1);
        let old: PendingItem[] = [];
        try { const raw = JSON.parse(ls.getItem(key) ?? '[]') as unknown; if (Array.isArray(raw)) old = raw as PendingItem[]; } catch { /* unreadable: nothing to move */ }
        const stored = await store.update(userId, (items) => [...old.filter((e) => !items.some((x) => x.eventId === e.eventId)), ...items]);
        ls.removeItem(key); // only once the store has them
        settle(userId, stored);
        channel?.postMessage({ userId });
      }
    } catch { /* storage blocked: the old queues stay where they are, for a later start */ }
  });

  if (channel) channel.onmessage = (ev: MessageEvent<{ userId?: string }>) => { const u = ev.data?.userId; if (u && copies.has(u)) void read(u); };

  let attempt = 0;
  let timer: unknown;
  let running: Promise<void> | undefined;

  const retryLater = (retryAfterSeconds?: number) => {
    if (timer !== undefined) cancel(timer);
    timer = schedule(() => { timer = undefined; void flush(); }, backoffMs(attempt++, retryAfterSeconds, random));
  };

  /** Sends the signed-in account's queue, oldest first, until it is empty or a send must wait. */
  async function pass(o2: { retry: boolean }): Promise<void> {
    await migrated;
    for (;;) {
      const userId = o.currentUserId();
      if (!userId) return;
      const next = (await read(userId))[0];
      if (!next) { attempt = 0; return; }
      if (next.userId !== userId) { await remove(userId, next.eventId); continue; } // never sent under another account
      // Checked again right before the request: sign-out can happen while an earlier step was awaited.
      if (o.currentUserId() !== next.userId) return;
      try {
        const answer = await o.send(next);
        attempt = 0;
        // Told before the item leaves the queue, so a view never sees it gone without its answer.
        o.onSent?.(answer, next);
        await remove(userId, next.eventId);
      } catch (e) {
        const v = verdictOf(e);
        if (v === 'rejected') { await remove(userId, next.eventId); o.onRejected?.([next], e); continue; }
        if (v === 'signed_out') { o.onSignedOut?.(); return; }
        if (o2.retry) retryLater(e instanceof ApiFailure ? e.retryAfterSeconds : undefined);
        return;
      }
    }
  }

  /** One flush at a time; a second caller waits for the running one. */
  function flush(): Promise<void> {
    running ??= pass({ retry: true }).finally(() => { running = undefined; });
    return running;
  }

  return {
    flush,
    retryLater,
    /** Resolves once the queues of earlier versions are in the store. */
    migrated,
    /** Adds an item to its account's queue; resolves once the store has it. */
    enqueue(e: PendingItem): Promise<void> {
      return change(e.userId, (items) => withItem(items, e));
    },
    /** The account's waiting items (reactive): the page's copy, read from the store the first time it is asked. */
    pending(userId: string | undefined): PendingItem[] {
      version();
      if (!userId) return [];
      if (!copies.has(userId)) { copies.set(userId, []); void migrated.then(() => read(userId)); }
      return copies.get(userId)!;
    },
    /**
     * Before sign-out: one last pass under the person's own login, without waiting for backoff, then their queue is
     * emptied. Returns how many items could not be sent and were deleted.
     */
    async drainForSignOut(userId: string): Promise<number> {
      if (timer !== undefined) { cancel(timer); timer = undefined; }
      if (running) await running;
      if (o.currentUserId() === userId) await pass({ retry: false });
      const left = (await read(userId)).length;
      await forget(userId);
      attempt = 0;
      return left;
    },
    /** Deletes the account's queue unsent (sign-out, a deleted account), here and where earlier versions kept it. */
    forget,
  };

  async function forget(userId: string): Promise<void> {
    try { legacy()?.removeItem(queueKey(userId)); } catch { /* blocked storage holds nothing */ }
    await change(userId, () => []);
  }
}
