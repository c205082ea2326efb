import type { ServerModule } from '../contract/catalog.ts';

export type Quiz = NonNullable<ServerModule['quiz']>;
export type Answers = Readonly<Record<string, readonly string[]>>;

/** Field errors for an answer set that does not fit the quiz (keyed `answers.<questionId>`), or null when it fits. */
export function answerProblems(quiz: Quiz, answers: Answers): Record<string, string> | null {
  const problems: Record<string, string> = {};
  const ids = new Set(quiz.questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!ids.has(id)) problems[`answers.${id}`] = 'no such question in this quiz';
  for (const q of quiz.questions) {
    const chosen = answers[q.id];
    if (!chosen) { problems[`answers.${q.id}`] = 'not answered'; continue; }
    if (new Set(chosen).size !== chosen.length) problems[`answers.${q.id}`] = 'a choice is repeated';
    else if (chosen.some((c) => !q.choiceIds.includes(c))) problems[`answers.${q.id}`] = 'no such choice';
    else if (q.type === 'single' && chosen.length !== 1) problems[`answers.${q.id}`] = 'choose exactly one';
  }
  return Object.keys(problems).length ? problems : null;
}

export interface Graded {
  score: number;
  correctCount: number;
  total: number;
  passed: boolean;
  results: Array<{ questionId: string; correct: boolean; explanation: string; explanationEn?: string }>;
}

/** Grades on the server: a question is right when exactly the correct choices are chosen. Score is a whole percent. */
export function gradeQuiz(quiz: Quiz, answers: Answers): Graded {
  const results = quiz.questions.map((q) => {
    const chosen = new Set(answers[q.id] ?? []);
    const correct = chosen.size === q.correct.length && q.correct.every((c) => chosen.has(c));
    return { questionId: q.id, correct, explanation: q.explanation, ...(q.explanationEn !== undefined ? { explanationEn: q.explanationEn } : {}) };
  });
  const correctCount = results.filter((r) => r.correct).length;
  const score = Math.floor((correctCount * 100) / quiz.questions.length);
  return { score, correctCount, total: quiz.questions.length, passed: score >= quiz.passMark, results };
}

export interface QuizBest { moduleId: string; bestScore: number; passed: boolean; passedAt: string | null; attempts: number; lastAttemptAt: string }

/** The best score counts and a pass is never taken back by a later, worse attempt. */
export function mergeQuizBest(prev: QuizBest | undefined, moduleId: string, graded: Graded, at: string): QuizBest {
  return {
    moduleId,
    bestScore: Math.max(prev?.bestScore ?? 0, graded.score),
    passed: Boolean(prev?.passed) || graded.passed,
    passedAt: prev?.passedAt ?? (graded.passed ? at : null),
    attempts: (prev?.attempts ?? 0) + 1,
    lastAttemptAt: at,
  };
}

export const attemptsLeft = (quiz: Quiz, best: QuizBest | undefined): number | null =>
  quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - (best?.attempts ?? 0));
