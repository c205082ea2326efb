import { createRoot, createSignal } from 'solid-js';
import type { CourseProgress, LessonStatus } from '../../../functions/contract/api.ts';
import { ApiFailure } from './client.ts';

/** One progress event as the founder made it, with the account it was made in. */
export interface PendingEvent {
  userId: string;
  courseId: string; moduleId: string; lessonId: string;
  eventId: string; status: LessonStatus; position: number; at: string;
}

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

/** Queue of one account on this device. The key names the account: another person signing in never sees it. */
export const queueKey = (userId: string) => `sogyo.outbox.${userId}`;
/**
 * The queue before it was kept per account: one list shared by everyone who used the device, with no record of whose
 * events they were. They cannot be attributed to anyone, so they are deleted unsent rather than risk sending one
 * person's study as another's.
 */
export const LEGACY_KEY = 'sogyo.outbox';
const MAX_EVENTS = 200;

export interface OutboxOptions {
  /** The account signed in on this page now (from /api/me), read again before every send. */
  currentUserId: () => string | undefined;
  send: (e: PendingEvent) => Promise<CourseProgress>;
  storage?: () => Storage | undefined;
  random?: () => number;
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  /** A queued event reached the server: its answer is the course's progress now. */
  onSent?: (progress: CourseProgress, e: PendingEvent) => void;
  /** Queued events the server refused for good (already removed). */
  onRejected?: (events: PendingEvent[], error: ApiFailure | unknown) => void;
  /** The server no longer knows this page's login: the account should be read again. */
  onSignedOut?: () => void;
}

export type Outbox = ReturnType<typeof createOutbox>;

/**
 * The offline outbox of progress events, one queue per account in localStorage. Events are sent oldest first; each
 * send checks that the account signed in now is the one the event was made in, so a sign-out or a change of person
 * in the middle of a flush stops it instead of sending under the wrong account.
 */
export function createOutbox(o: OutboxOptions) {
  const storage = o.storage ?? (() => { try { return globalThis.localStorage; } catch { return undefined; } });
  const random = o.random ?? Math.random;
  const schedule = o.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = o.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  // Bumped on every write (here or, through the storage event, in another tab) so views of the queue stay current.
  const { version, bump } = createRoot(() => {
    const [version, setVersion] = createSignal(0);
    return { version, bump: () => setVersion((v) => v + 1) };
  });

  const read = (userId: string): PendingEvent[] => {
    try {
      const raw = JSON.parse(storage()?.getItem(queueKey(userId)) ?? '[]') as PendingEvent[];
      return Array.isArray(raw) ? raw : [];
    } catch { return []; }
  };
  const write = (userId: string, events: PendingEvent[]) => {
    try {
      if (events.length === 0) storage()?.removeItem(queueKey(userId));
      else storage()?.setItem(queueKey(userId), JSON.stringify(events));
    } catch { /* storage full or blocked: the event stays unsent, as it would without an outbox */ }
    bump();
  };
  const remove = (userId: string, eventId: string) => write(userId, read(userId).filter((e) => e.eventId !== eventId));

  let attempt = 0;
  let timer: unknown;
  let running: Promise<void> | undefined;

  const retryLater = (retryAfterSeconds?: number) => {
    if (timer !== undefined) cancel(timer);
    timer = schedule(() => { timer = undefined; void flush(); }, backoffMs(attempt++, retryAfterSeconds, random));
  };

  /** Sends the signed-in account's queue, oldest first, until it is empty or a send must wait. */
  async function pass(o2: { retry: boolean }): Promise<void> {
    for (;;) {
      const userId = o.currentUserId();
      if (!userId) return;
      const next = read(userId)[0];
      if (!next) { attempt = 0; return; }
      if (next.userId !== userId) { remove(userId, next.eventId); continue; } // never sent under another account
      // Checked again right before the request: sign-out can happen while an earlier send was awaited.
      if (o.currentUserId() !== next.userId) return;
      try {
        const progress = await o.send(next);
        remove(userId, next.eventId);
        attempt = 0;
        o.onSent?.(progress, next);
      } catch (e) {
        const v = verdictOf(e);
        if (v === 'rejected') { remove(userId, next.eventId); o.onRejected?.([next], e); continue; }
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

  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (ev) => { if (ev.key?.startsWith('sogyo.outbox')) bump(); });
  }

  return {
    flush,
    retryLater,
    /** Adds an event to its account's queue. Superseded reading positions are folded so the queue stays short. */
    enqueue(e: PendingEvent) {
      let events = read(e.userId);
      if (e.status === 'in_progress') {
        // An older position in the same lesson on the same day says nothing the newer one does not.
        events = events.filter((x) => !(x.status === 'in_progress' && x.courseId === e.courseId && x.moduleId === e.moduleId
          && x.lessonId === e.lessonId && x.at.slice(0, 10) === e.at.slice(0, 10)));
      }
      events.push(e);
      // Over the limit, reading positions go first; completions are kept.
      while (events.length > MAX_EVENTS) {
        const i = events.findIndex((x) => x.status === 'in_progress');
        events.splice(i >= 0 ? i : 0, 1);
      }
      write(e.userId, events);
    },
    /** The account's waiting events (reactive). */
    pending(userId: string | undefined): PendingEvent[] {
      version();
      return userId ? read(userId) : [];
    },
    /**
     * Before sign-out: one last pass under the person's own login, without waiting for backoff, then their queue is
     * emptied. Returns how many events could not be sent and were deleted.
     */
    async drainForSignOut(userId: string): Promise<number> {
      if (timer !== undefined) { cancel(timer); timer = undefined; }
      if (running) await running;
      if (o.currentUserId() === userId) await pass({ retry: false });
      const left = read(userId).length;
      write(userId, []);
      attempt = 0;
      return left;
    },
    /** Deletes the unattributable queue of older versions (see LEGACY_KEY). */
    dropLegacy() {
      try { storage()?.removeItem(LEGACY_KEY); } catch { /* blocked storage holds nothing */ }
    },
  };
}
