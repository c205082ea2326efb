import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { CourseProgress } from '../../../functions/contract/api.ts';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { PublicCourse, PublicCourseTranslation, PublicModule } from '../../../functions/contract/catalog.ts';
import { getProgress } from '../api/progress.ts';
import { isNotFound, Loading, PageFailure } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { locale, pick, t } from '../i18n/index.ts';
import { FeedbackSlot } from './FeedbackSlot.tsx';
import { hasEnglish, lessonTitle, loadCourseWithTranslation } from './language.ts';

export function CourseOutlinePage() {
  const params = useParams();
  const [data, { refetch }] = createResource(() => ({ id: params.courseId!, lang: locale() }), async (k) => {
    const [c, progress] = await Promise.all([loadCourseWithTranslation(k.id, k.lang), getProgress(k.id)]);
    return { ...c, progress };
  });
  usePageTitle(() => (data.error ? (isNotFound(data.error) ? t('state.notFound') : t('nav.course')) : data.latest ? pick(data.latest.course.title) : undefined));
  return (
    <Switch fallback={<Loading />}>
      <Match when={data.error}><PageFailure error={data.error} title={t('nav.course')} onRetry={refetch} /></Match>
      <Match when={data()}>{(d) => <CourseOutlineView course={d().course} progress={d().progress} translation={d().translation} />}</Match>
    </Switch>
  );
}

type ModuleState = 'completed' | 'in_progress' | 'not_started';

export function moduleState(m: PublicModule, p: CourseProgress): ModuleState {
  if (p.completedModules.some((c) => c.moduleId === m.id)) return 'completed';
  return p.lessons.some((l) => l.moduleId === m.id) ? 'in_progress' : 'not_started';
}

const STATE_LABEL = { completed: 'course.completed', in_progress: 'course.inProgress', not_started: 'course.notStarted' } as const;

/**
 * Modules grouped by their main area, each with its lessons and completion state, and a mark of the modules that can
 * be read in English (for an English reader, also of those that are Japanese only).
 */
export function CourseOutlineView(props: { course: PublicCourse; progress: CourseProgress; translation?: PublicCourseTranslation }) {
  const done = (m: string, l: string) => props.progress.lessons.some((x) => x.moduleId === m && x.lessonId === l && x.status === 'completed');
  // Each module is listed under its main area; a module that also counts toward another area is named there too, so an
  // area's count is the same here as on the home page (all modules that count toward it).
  const groups = () => AREAS.map((area) => ({
    area, modules: props.course.modules.filter((m) => m.areas[0] === area), also: props.course.modules.filter((m) => m.areas.indexOf(area) > 0),
  })).filter((g) => g.modules.length > 0 || g.also.length > 0);
  const passed = (m: string) => (props.progress.passedQuizzes ?? []).includes(m);
  return (
    <>
      <h1>{pick(props.course.title)}</h1>
      <p>{pick(props.course.summary)}</p>
      <Show when={props.course.modules.length > 0} fallback={<p>{t('course.empty')}</p>}>
        <For each={groups()}>
          {(g) => (
            <section aria-labelledby={`area-${g.area}`}>
              <h2 id={`area-${g.area}`}>{t(`area.${g.area}`)} <span class="small">{t('course.modules', { count: g.modules.length + g.also.length })}</span></h2>
              <ol class="modules">
                <For each={g.modules}>
                  {(m) => {
                    const state = () => moduleState(m, props.progress);
                    // A completed module is rated (or its rating changed) here; the form's chunk loads only when asked.
                    const [rating, setRating] = createSignal(false);
                    let rateButton: HTMLButtonElement | undefined;
                    return (
                      <li class="card module" id={`module-${m.id}`} data-state={state()}>
                        <h3>{pick(m.title)}</h3>
                        <p class="meta">
                          <span class={`badge ${state()}`}>{t(STATE_LABEL[state()])}</span>
                          <span>{t('course.minutes', { minutes: m.estimatedMinutes })}</span>
                          <span>{m.areas.map((a) => t(`area.${a}`)).join('・')}</span>
                          <Show when={hasEnglish(m)} fallback={<Show when={locale() === 'en'}><span class="badge lang ja-only">{t('course.japaneseOnly')}</span></Show>}>
                            <span class="badge lang en">{t('course.inEnglish')}</span>
                          </Show>
                        </p>
                        <p>{pick(m.summary)}</p>
                        <ol class="lessons">
                          <For each={m.lessons}>
                            {(l) => (
                              <li>
                                <A href={`/courses/${props.course.id}/${m.id}/${l.id}`} lang={lessonTitle(props.translation, m.id, l).lang}>{lessonTitle(props.translation, m.id, l).text}</A>
                                <Show when={done(m.id, l.id)}><span class="done"> ✓ <span class="sr-only">{t('course.lessonDone')}</span></span></Show>
                              </li>
                            )}
                          </For>
                        </ol>
                        <Show when={m.quiz}>
                          {(q) => (
                            <p class="to-quiz">
                              <A href={`/courses/${props.course.id}/${m.id}/quiz`}>{t('course.quiz', { count: q().questionCount })}</A>
                              <Show when={passed(m.id)}><span class="done"> ✓ {t('course.quizPassed')}</span></Show>
                            </p>
                          )}
                        </Show>
                        <Show when={state() === 'completed'}>
                          <Show when={rating()} fallback={
                            <p class="feedback-open"><button type="button" class="secondary" ref={rateButton} onClick={() => setRating(true)}>{t('course.rateModule')}</button></p>
                          }>
                            <FeedbackSlot courseId={props.course.id} moduleId={m.id} mode="page"
                              onClose={() => { setRating(false); queueMicrotask(() => rateButton?.focus()); }} />
                          </Show>
                        </Show>
                      </li>
                    );
                  }}
                </For>
              </ol>
              <Show when={g.also.length > 0}>
                <p class="small also-counts">
                  {t('course.alsoCounts', { area: t(`area.${g.area}`) })}{' '}
                  <For each={g.also}>{(m, i) => <>{i() > 0 ? t('course.listSeparator') : ''}<a href={`#module-${m.id}`}>{pick(m.title)}</a></>}</For>
                </p>
              </Show>
            </section>
          )}
        </For>
      </Show>
    </>
  );
}
