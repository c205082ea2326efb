/**
 * Quiz answer drafts on this device: the open attempt's answers, kept per founder and module until they are sent, so
 * that Back, a reload or a closed tab does not lose them. Keyed by the user's id, so another founder on a shared device
 * never sees them, and all cleared at sign-out.
 */

const PREFIX = 'sogyo.quizDraft.';

export interface QuizDraft {
  /** The attempt's id: a resend after a lost answer is still counted once. */
  attemptId: string;
  /** The quiz version the answers were given to; a draft of another version is dropped. */
  version: string;
  answers: Record<string, string[]>;
}

const keyOf = (userId: string, courseId: string, moduleId: string) => `${PREFIX}${userId}/${courseId}/${moduleId}`;

export function loadQuizDraft(userId: string, courseId: string, moduleId: string): QuizDraft | undefined {
  try {
    const raw = localStorage.getItem(keyOf(userId, courseId, moduleId));
    if (!raw) return undefined;
    const d = JSON.parse(raw) as Partial<QuizDraft>;
    const answersOk = d.answers && typeof d.answers === 'object' && Object.values(d.answers).every((v) => Array.isArray(v) && v.every((c) => typeof c === 'string'));
    return typeof d.attemptId === 'string' && typeof d.version === 'string' && answersOk ? (d as QuizDraft) : undefined;
  } catch { return undefined; }
}

export function saveQuizDraft(userId: string, courseId: string, moduleId: string, draft: QuizDraft) {
  try { localStorage.setItem(keyOf(userId, courseId, moduleId), JSON.stringify(draft)); } catch { /* storage full or blocked: the page still works */ }
}

export function clearQuizDraft(userId: string, courseId: string, moduleId: string) {
  try { localStorage.removeItem(keyOf(userId, courseId, moduleId)); } catch { /* blocked storage holds nothing */ }
}

/** Every draft on this device, of anyone: at sign-out nothing of the person leaving may stay behind. */
export function clearAllQuizDrafts() {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); if (k?.startsWith(PREFIX)) keys.push(k); }
    for (const k of keys) localStorage.removeItem(k);
  } catch { /* blocked storage holds nothing */ }
}
