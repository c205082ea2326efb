import type { CourseProgress, LessonStatus } from '../../../functions/contract/api.ts';
import type { PublicCourse, PublicIndex, PublicLesson } from '../../../functions/contract/catalog.ts';
import { ApiFailure, content, newClientId, request } from './client.ts';

export const getCourseIndex = () => content<PublicIndex>('index.json');
export const getCourse = (courseId: string) => content<PublicCourse>(`${courseId}/course.json`);
export const getLesson = (courseId: string, moduleId: string, lessonId: string) => content<PublicLesson>(`${courseId}/${moduleId}/${lessonId}.json`);
export const getProgress = (courseId: string) => request<CourseProgress>('GET', `/api/progress/${courseId}`);

interface PendingEvent { courseId: string; moduleId: string; lessonId: string; eventId: string; status: LessonStatus; position: number; at: string }
const OUTBOX = 'sogyo.outbox';

function readOutbox(): PendingEvent[] {
  try { return JSON.parse(localStorage.getItem(OUTBOX) ?? '[]') as PendingEvent[]; } catch { return []; }
}
function writeOutbox(events: PendingEvent[]) {
  try { localStorage.setItem(OUTBOX, JSON.stringify(events.slice(-200))); } catch { /* storage full or blocked */ }
}

async function send(e: PendingEvent, keepalive = false): Promise<CourseProgress> {
  const { courseId, moduleId, lessonId, ...body } = e;
  return request<CourseProgress>('PUT', `/api/progress/${courseId}/${moduleId}/${lessonId}`, body, { keepalive });
}

/**
 * Records progress. Each event carries its own id and time, so when the phone is offline it waits in an outbox and is
 * replayed later; the server ignores a replay and keeps the newest position.
 */
export async function saveProgress(
  ids: { courseId: string; moduleId: string; lessonId: string }, status: LessonStatus, position: number, o: { keepalive?: boolean } = {},
): Promise<{ progress: CourseProgress | null; queued: boolean }> {
  const event: PendingEvent = { ...ids, eventId: newClientId(), status, position: Math.max(0, Math.min(1, position)), at: new Date().toISOString() };
  try {
    return { progress: await send(event, o.keepalive), queued: false };
  } catch (e) {
    if (e instanceof ApiFailure && e.code === 'network') {
      writeOutbox([...readOutbox(), event]);
      return { progress: null, queued: true };
    }
    throw e;
  }
}

/** Sends what waited offline, oldest first; keeps what still cannot be sent. */
export async function flushOutbox(): Promise<void> {
  const pending = readOutbox();
  if (pending.length === 0) return;
  const left: PendingEvent[] = [];
  for (const e of pending) {
    try { await send(e); } catch (err) { if (err instanceof ApiFailure && err.code === 'network') left.push(e); }
  }
  writeOutbox(left);
}
