import { A, useBeforeLeave, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import type { PublicCourse, PublicQuiz } from '../../../functions/contract/catalog.ts';
import type { QuizResult, QuizStanding } from '../../../functions/contract/evidence.ts';
import { account } from '../api/account.ts';
import { ApiFailure } from '../api/client.ts';
import { clearQuizDraft, loadQuizDraft, saveQuizDraft } from '../api/drafts.ts';
import { getCourse } from '../api/progress.ts';
import { lastSyncedQuiz } from '../api/progress.ts';
import { getQuiz, getQuizStandingIfReachable, newAttemptId, submitOrQueue, waitingAttempt } from '../api/quiz.ts';
import { ErrorNotice, isNotFound, Loading, messageOf, PageFailure } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { locale, pick, t } from '../i18n/index.ts';
import { FeedbackSlot } from './FeedbackSlot.tsx';
import { fallsBack, hasEnglish } from './language.ts';

/** Container: loads the course outline, the questions (in the reader's language where translated) and the standing. */
export function QuizPage() {
  const params = useParams();
  const key = () => ({ courseId: params.courseId!, moduleId: params.moduleId!, lang: locale() });
  const [data, { refetch }] = createResource(key, async (k) => {
    const course = getCourse(k.courseId);
    const quiz = k.lang === 'ja'
      ? getQuiz(k.courseId, k.moduleId)
      : course.then((c) => getQuiz(k.courseId, k.moduleId, hasEnglish(c.modules.find((m) => m.id === k.moduleId)) ? 'en' : 'ja'));
    // Offline (the files come from the service worker), the standing is unknown but the quiz can still be answered.
    const [cc, q, standing] = await Promise.all([course, quiz, getQuizStandingIfReachable(k.courseId, k.moduleId)]);
    return { course: cc, quiz: q, standing };
  });
  usePageTitle(() => {
    if (data.error) return t(isNotFound(data.error) ? 'state.notFound' : 'state.loadFailed');
    const d = data.latest;
    const m = d?.course.modules.find((x) => x.id === d.quiz.moduleId);
    return d ? t('quiz.title', { module: m ? pick(m.title) : d.quiz.moduleId }) : undefined;
  });
  return (
    <Switch fallback={<Loading />}>
      <Match when={data.error}><PageFailure error={data.error} title={t('state.loadFailed')} onRetry={refetch} /></Match>
      <Match when={data()}>{(d) => <QuizView course={d().course} quiz={d().quiz} standing={d().standing} userId={account.me()?.user.id} />}</Match>
    </Switch>
  );
}

type Answers = Record<string, string[]>;

/** A draft's answers that still fit the questions (ids of questions and choices that exist). */
function validAnswers(quiz: PublicQuiz, answers: Answers): Answers {
  const out: Answers = {};
  for (const q of quiz.questions) {
    const picked = (answers[q.id] ?? []).filter((c) => q.choices.some((x) => x.id === c));
    if (picked.length > 0) out[q.id] = q.type === 'single' ? picked.slice(0, 1) : picked;
  }
  return out;
}

const focusLater = (el: () => HTMLElement | undefined) => queueMicrotask(() => el()?.focus());

/**
 * View: one fieldset per question, checked before sending; then the marked result, the explanations, a retry while
 * attempts remain, and a celebration when the attempt completed the module.
 */
export function QuizView(props: { course: PublicCourse; quiz: PublicQuiz; standing: QuizStanding | undefined; userId?: string | undefined }) {
  // The open attempt's answers come back from this device's draft (Back, reload), if they were given to this version.
  const draft = props.userId ? loadQuizDraft(props.userId, props.quiz.courseId, props.quiz.moduleId) : undefined;
  const restored = draft && draft.version === props.quiz.version ? validAnswers(props.quiz, draft.answers) : {};
  const [answers, setAnswers] = createSignal<Answers>(restored);
  const [unanswered, setUnanswered] = createSignal<string[]>([]);
  const [failure, setFailure] = createSignal<unknown>();
  const [result, setResult] = createSignal<QuizResult>();
  const [standing, setStanding] = createSignal(props.standing);
  const [busy, setBusy] = createSignal(false);
  // An attempt of this quiz kept on this device until the server can grade it (submitted offline, here or before a
  // reload); when it has been graded, its result is shown here.
  const waiting = () => (result() ? undefined : waitingAttempt(props.quiz.courseId, props.quiz.moduleId));
  let watched: { attemptId: string; answers: Answers } | undefined;
  createEffect(() => { const w = waiting(); if (w) watched = { attemptId: w.eventId, answers: w.attempt.answers }; });
  createEffect(on(lastSyncedQuiz, (s) => {
    if (!s || !watched || s.attemptId !== watched.attemptId) return;
    setAnswers(watched.answers);
    watched = undefined;
    showResult(s.result);
  }, { defer: true }));
  // One id per attempt: resending the same answers after a timeout is graded and counted once.
  let attemptId = draft && Object.keys(restored).length > 0 ? draft.attemptId : newAttemptId();
  let top: HTMLHeadingElement | undefined;
  let resultHeading: HTMLHeadingElement | undefined;
  let celebrationHeading: HTMLHeadingElement | undefined;
  let waitingHeading: HTMLHeadingElement | undefined;

  const module = () => props.course.modules.find((m) => m.id === props.quiz.moduleId);
  const moduleTitle = () => { const m = module(); return m ? pick(m.title) : props.quiz.moduleId; };
  const nextModule = () => {
    const i = props.course.modules.findIndex((m) => m.id === props.quiz.moduleId);
    const next = i >= 0 ? props.course.modules[i + 1] : undefined;
    return next && next.lessons[0] ? { title: pick(next.title), href: `/courses/${props.course.id}/${next.id}/${next.lessons[0].id}` } : undefined;
  };
  // Keep the draft while the attempt is open; forget it once it is marked (or emptied by a retry).
  const ids = () => [props.userId, props.quiz.courseId, props.quiz.moduleId] as const;
  createEffect(on(answers, (a) => {
    const [user, course, mod] = ids();
    if (!user || result()) return;
    if (Object.values(a).some((c) => c.length > 0)) saveQuizDraft(user, course, mod, { attemptId, version: props.quiz.version, answers: a });
    else clearQuizDraft(user, course, mod);
  }, { defer: true }));
  // Answers given but not sent: the browser asks before a reload or close, the app before a move to another page.
  const unsent = () => !result() && !busy() && !waiting() && Object.values(answers()).some((c) => c.length > 0);
  const onBeforeUnload = (e: BeforeUnloadEvent) => { if (unsent()) { e.preventDefault(); e.returnValue = ''; } };
  window.addEventListener('beforeunload', onBeforeUnload);
  onCleanup(() => window.removeEventListener('beforeunload', onBeforeUnload));
  useBeforeLeave((e) => {
    if (!unsent() || e.defaultPrevented) return;
    e.preventDefault();
    setTimeout(() => { if (window.confirm(t('quiz.leaveConfirm'))) e.retry(true); });
  });

  const number = (questionId: string) => props.quiz.questions.findIndex((q) => q.id === questionId) + 1;
  const stale = () => failure() instanceof ApiFailure && (failure() as ApiFailure).code === 'stale_version';
  const exhausted = () => standing()?.attemptsLeft === 0;
  const canRetry = () => !result()?.passed && !exhausted();

  const choose = (questionId: string, choiceId: string, multiple: boolean, on: boolean) => {
    const now = answers()[questionId] ?? [];
    const next = multiple ? (on ? [...now.filter((c) => c !== choiceId), choiceId] : now.filter((c) => c !== choiceId)) : [choiceId];
    setAnswers({ ...answers(), [questionId]: next });
    if (next.length > 0 && unanswered().includes(questionId)) setUnanswered(unanswered().filter((q) => q !== questionId));
  };
  const chosen = (questionId: string, choiceId: string) => (answers()[questionId] ?? []).includes(choiceId);

  const showUnanswered = (ids: string[]) => {
    setUnanswered(ids);
    focusLater(() => (ids[0] ? document.getElementById(`q-${ids[0]}`) ?? undefined : undefined));
  };

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    if (busy()) return;
    setFailure(undefined);
    const missing = props.quiz.questions.filter((q) => (answers()[q.id] ?? []).length === 0).map((q) => q.id);
    if (missing.length > 0) { showUnanswered(missing); return; }
    setUnanswered([]);
    setBusy(true);
    try {
      const sent = await submitOrQueue(props.quiz.courseId, props.quiz.moduleId, { attemptId, version: props.quiz.version, answers: answers() });
      // Queued: the answers live in the outbox now (the page shows it waiting), no longer in the draft.
      if (props.userId) clearQuizDraft(props.userId, props.quiz.courseId, props.quiz.moduleId);
      if (sent.state === 'graded') showResult(sent.result);
      else { window.scrollTo({ top: 0 }); focusLater(() => waitingHeading); }
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'attempts_exhausted') setStanding({ best: standing()?.best ?? null, attemptsLeft: 0 });
      if (e instanceof ApiFailure && e.code === 'invalid_request') {
        const ids = Object.keys(e.fields).filter((f) => f.startsWith('answers.')).map((f) => f.slice('answers.'.length));
        if (ids.length > 0) { showUnanswered(ids); return; }
      }
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  function showResult(r: QuizResult) {
    setResult(r);
    setStanding({ best: r.best, attemptsLeft: r.attemptsLeft });
    window.scrollTo({ top: 0 });
    focusLater(() => (r.moduleCompleted ? celebrationHeading : resultHeading));
  }

  const retry = () => {
    attemptId = newAttemptId();
    setAnswers({});
    setUnanswered([]);
    setFailure(undefined);
    setResult(undefined);
    window.scrollTo({ top: 0 });
    focusLater(() => top);
  };

  // The questions' language (Japanese when an English reader meets an untranslated quiz); the ids are the same in both.
  const quizLang = () => props.quiz.lang ?? 'ja';
  const answerText = (questionId: string) => {
    const q = props.quiz.questions.find((x) => x.id === questionId);
    return (answers()[questionId] ?? []).map((c) => q?.choices.find((x) => x.id === c)?.text ?? c).join(quizLang() === 'en' ? ', ' : '、');
  };
  const promptOf = (questionId: string) => props.quiz.questions.find((x) => x.id === questionId)?.prompt ?? '';
  /** The server returns the explanation in Japanese and, for a translated module, in English: show the quiz's language. */
  const explanationOf = (r: QuizResult['results'][number]) =>
    quizLang() === 'en' && r.explanationEn !== undefined ? { text: r.explanationEn, lang: 'en' } : { text: r.explanation, lang: 'ja' };

  return (
    <section class="quiz" aria-labelledby="quiz-title">
      <nav aria-label={t('lesson.backToCourse')} class="crumbs">
        <A href={`/courses/${props.course.id}`}>{pick(props.course.title)}</A>
      </nav>
      <h1 id="quiz-title" tabindex="-1" ref={top}>{t('quiz.title', { module: moduleTitle() })}</h1>
      <ul class="meta quiz-meta">
        <li>{t('quiz.questionCount', { count: props.quiz.questions.length })}</li>
        <li>{t('quiz.passMark', { passMark: props.quiz.passMark })}</li>
        <Show when={standing()} fallback={<li>{t('quiz.standingUnknown')}</li>}>
          {(s) => <li>{s().attemptsLeft === null ? t('quiz.unlimited') : t('quiz.attemptsLeft', { count: s().attemptsLeft! })}</li>}
        </Show>
        <Show when={standing()?.best}>
          {(b) => <li>{b().passed ? t('quiz.bestPassed', { score: b().bestScore }) : t('quiz.best', { score: b().bestScore })}</li>}
        </Show>
      </ul>

      {/* Always in the page, so the score is announced when it arrives (and the waiting before it). */}
      <div role="status" aria-live="polite" class="quiz-status">
        <Show when={waiting()}>
          <div class="notice waiting">
            <h2 id="quiz-waiting" tabindex="-1" ref={waitingHeading}>{t('quiz.waitingTitle')}</h2>
            <p>{t('quiz.waitingBody')}</p>
          </div>
        </Show>
        <Show when={result()}>
          {(r) => (
            <div class={`notice ${r().passed ? 'ok' : 'error'}`}>
              <h2 id="quiz-result" tabindex="-1" ref={resultHeading}>{t('quiz.result')}</h2>
              <p>{t('quiz.score', { correct: r().correctCount, total: r().total, score: r().score })}</p>
              <p><strong>{r().passed ? t('quiz.passed', { passMark: r().passMark }) : t('quiz.failed', { passMark: r().passMark })}</strong></p>
            </div>
          )}
        </Show>
      </div>

      <Switch>
        <Match when={result()}>
          {(r) => (
            <>
              <Show when={r().moduleCompleted}>
                <section class="celebrate card" aria-labelledby="celebrate-title">
                  <p class="celebrate-mark" aria-hidden="true">✓</p>
                  <h2 id="celebrate-title" tabindex="-1" ref={celebrationHeading}>{t('quiz.celebrate')}</h2>
                  <p>{t('quiz.celebrateBody', { module: moduleTitle() })}</p>
                  <Show when={r().courseCompleted}><p><strong>{t('course.completedAll')}</strong></p></Show>
                  <ul class="link-list">
                    <Show when={nextModule()}>{(n) => <li><A class="button primary" href={n().href}>{t('quiz.nextModule', { module: n().title })}</A></li>}</Show>
                    <li><A href="/">{t('state.goHome')}</A></li>
                    <li><A href="/evidence">{t('home.evidence')}</A></li>
                  </ul>
                </section>
                <FeedbackSlot courseId={props.quiz.courseId} moduleId={props.quiz.moduleId} mode="prompt" />
              </Show>
              <section aria-labelledby="per-question">
                <h2 id="per-question">{t('quiz.perQuestion')}</h2>
                <ol class="results">
                  <For each={r().results}>
                    {(q) => (
                      <li class="card result-item" data-correct={q.correct ? 'true' : 'false'}>
                        <h3>
                          {t('quiz.question', { n: number(q.questionId) })}{' '}
                          <span class={`verdict ${q.correct ? 'correct' : 'incorrect'}`}>{q.correct ? `✓ ${t('quiz.correct')}` : `✗ ${t('quiz.incorrect')}`}</span>
                        </h3>
                        <p lang={quizLang()}>{promptOf(q.questionId)}</p>
                        <p class="small">{t('quiz.yourAnswer', { answer: '' })}<span lang={quizLang()}>{answerText(q.questionId)}</span></p>
                        <p class="explanation"><strong>{t('quiz.explanation')}: </strong><span lang={explanationOf(q).lang}>{explanationOf(q).text}</span></p>
                      </li>
                    )}
                  </For>
                </ol>
              </section>
              <div class="quiz-actions">
                <Show when={canRetry()}><button type="button" class="primary" onClick={retry}>{t('quiz.retry')}</button></Show>
                <Show when={!r().passed && exhausted()}><p class="notice">{t('quiz.noMoreAttempts')}</p></Show>
                <A href={`/courses/${props.course.id}`}>{t('lesson.backToCourse')}</A>
              </div>
            </>
          )}
        </Match>
        <Match when={waiting()}>
          <p><A href={`/courses/${props.course.id}`}>{t('lesson.backToCourse')}</A></p>
        </Match>
        <Match when={stale()}>
          <div class="notice error" role="alert">
            <p>{messageOf(failure())}</p>
            <button type="button" class="secondary" onClick={() => window.location.reload()}>{t('quiz.reload')}</button>
          </div>
        </Match>
        <Match when={exhausted()}>
          <p class="notice" role="status">{t('error.attempts_exhausted')}</p>
          <p><A href={`/courses/${props.course.id}`}>{t('lesson.backToCourse')}</A></p>
        </Match>
        <Match when={true}>
          <p id="quiz-intro">{t('quiz.intro')}</p>
          <Show when={fallsBack(quizLang())}><p class="notice lang-notice" role="note">{t('quiz.japaneseOnly')}</p></Show>
          <Show when={unanswered().length > 0}>
            <div class="notice error" role="alert">
              <p>{t('quiz.unansweredSummary', { list: unanswered().map((id) => t('quiz.question', { n: number(id) })).join('、') })}</p>
            </div>
          </Show>
          <ErrorNotice error={failure()} />
          <form class="quiz-form" onSubmit={submit} novalidate aria-describedby="quiz-intro">
            <For each={props.quiz.questions}>
              {(q, i) => {
                const multiple = q.type === 'multiple';
                const invalid = () => unanswered().includes(q.id);
                return (
                  <fieldset id={`q-${q.id}`} class="question" classList={{ invalid: invalid() }} tabindex="-1"
                    aria-describedby={invalid() ? `q-${q.id}-error` : undefined}>
                    <legend>
                      <span class="qnum">{t('quiz.question', { n: i() + 1 })}</span> <span lang={quizLang()}>{q.prompt}</span>{' '}
                      <span class="hint">（{multiple ? t('quiz.selectAll') : t('quiz.selectOne')}）</span>
                    </legend>
                    <Show when={invalid()}><p class="field-error" id={`q-${q.id}-error`}>{t('quiz.unanswered')}</p></Show>
                    <For each={q.choices}>
                      {(c) => (
                        <div class="choice">
                          <input type={multiple ? 'checkbox' : 'radio'} id={`q-${q.id}-${c.id}`} name={`q-${q.id}`} value={c.id}
                            checked={chosen(q.id, c.id)} onChange={(e) => choose(q.id, c.id, multiple, e.currentTarget.checked)} />
                          <label for={`q-${q.id}-${c.id}`} lang={quizLang()}>{c.text}</label>
                        </div>
                      )}
                    </For>
                  </fieldset>
                );
              }}
            </For>
            <button type="submit" class="primary" disabled={busy()}>{busy() ? t('quiz.submitting') : t('quiz.submit')}</button>
          </form>
        </Match>
      </Switch>
    </section>
  );
}
