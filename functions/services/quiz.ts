import type { QuizAttemptBody, QuizResult, QuizStanding } from '../contract/evidence.ts';
import { conflict, DomainError, invalid, notFound } from '../domain/errors.ts';
import { newCompletions, NO_NEW_COMPLETIONS } from '../domain/progress.ts';
import { answerProblems, attemptsLeft, gradeQuiz, mergeQuizBest, type Quiz } from '../domain/quiz.ts';
import { getQuizAttempt, readCourseState } from '../store/progress.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';
import { passedQuizzes, writeWithRetries } from './progress.ts';

function quizOf(deps: Deps, courseId: string, moduleId: string) {
  const catalog = deps.catalog();
  const course = catalog.courses.find((c) => c.id === courseId);
  const mod = course?.modules.find((m) => m.id === moduleId);
  if (!course || !mod?.quiz) throw notFound('Quiz');
  return { course, mod, quiz: mod.quiz as Quiz, version: catalog.version };
}

export async function getQuizStanding(deps: Deps, auth: Authenticated, ids: { courseId: string; moduleId: string }): Promise<QuizStanding> {
  const { quiz } = quizOf(deps, ids.courseId, ids.moduleId);
  const state = await readCourseState(deps.db, auth.user.id, ids.courseId);
  const best = state.quizzes.find((q) => q.moduleId === ids.moduleId);
  return { best: best ?? null, attemptsLeft: attemptsLeft(quiz, best) };
}

/**
 * Grades a quiz attempt against the server catalog (the browser never has the keys), records it with the learner's
 * best, and completes the module in the same transaction when its lessons are done and this is the first pass.
 */
export async function submitQuizAttempt(
  deps: Deps, auth: Authenticated, ids: { courseId: string; moduleId: string }, body: QuizAttemptBody,
): Promise<QuizResult> {
  const { course, quiz, version } = quizOf(deps, ids.courseId, ids.moduleId);
  const replay = await getQuizAttempt(deps.db, auth.user.id, ids.courseId, ids.moduleId, body.attemptId);
  if (replay) return resultOf(deps, auth, ids, quiz, replay.answers, replay.submittedAt, false);
  if (body.version !== version) {
    throw new DomainError('stale_version', 'The course content was updated since this quiz was loaded; reload and answer again');
  }
  const problems = answerProblems(quiz, body.answers);
  if (problems) throw invalid('The answers do not fit this quiz', problems);

  let result: QuizResult | undefined;
  const outcome = await writeWithRetries(deps, auth, ids.courseId, (state, nowDate) => {
    const now = nowDate.toISOString();
    const prevBest = state.quizzes.find((q) => q.moduleId === ids.moduleId);
    if (attemptsLeft(quiz, prevBest) === 0) throw new DomainError('attempts_exhausted', 'There are no attempts left for this quiz');
    const graded = gradeQuiz(quiz, body.answers);
    const best = mergeQuizBest(prevBest, ids.moduleId, graded, now);
    const passed = new Set(passedQuizzes(state.quizzes));
    if (best.passed) passed.add(ids.moduleId);
    const fresh = best.passed && !prevBest?.passed ? newCompletions(course, state.lessons, passed, state, now, version) : NO_NEW_COMPLETIONS;
    result = {
      moduleId: ids.moduleId, ...graded, passMark: quiz.passMark, best, attemptsLeft: attemptsLeft(quiz, best),
      moduleCompleted: fresh.modules.some((m) => m.moduleId === ids.moduleId), courseCompleted: fresh.course !== null, submittedAt: now,
    };
    return {
      course, fresh, completedLesson: null,
      write: { eventId: `quiz-${body.attemptId}`, quiz: { best, attempt: { moduleId: ids.moduleId, attemptId: body.attemptId, answers: body.answers, score: graded.score, passed: graded.passed, submittedAt: now, version } } },
    };
  });
  if (outcome === 'written') return result!;
  const stored = await getQuizAttempt(deps.db, auth.user.id, ids.courseId, ids.moduleId, body.attemptId);
  if (!stored) throw conflict('The quiz is being submitted from several places at once; please try again');
  return resultOf(deps, auth, ids, quiz, stored.answers, stored.submittedAt, false);
}

/** The answer to a resubmitted attempt: graded again from what was stored, counted once. */
async function resultOf(deps: Deps, auth: Authenticated, ids: { courseId: string; moduleId: string }, quiz: Quiz,
  answers: Record<string, string[]>, submittedAt: string, moduleCompleted: boolean): Promise<QuizResult> {
  const graded = gradeQuiz(quiz, answers);
  const state = await readCourseState(deps.db, auth.user.id, ids.courseId);
  const best = state.quizzes.find((q) => q.moduleId === ids.moduleId)!;
  return { moduleId: ids.moduleId, ...graded, passMark: quiz.passMark, best, attemptsLeft: attemptsLeft(quiz, best), moduleCompleted, courseCompleted: false, submittedAt };
}
