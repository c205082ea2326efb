import { A, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, Match, on, onCleanup, Show, Switch } from 'solid-js';
import type { CourseProgress, Me } from '../../../functions/contract/api.ts';
import type { PublicCourse, PublicLesson, PublicModuleFile } from '../../../functions/contract/catalog.ts';
import { account } from '../api/account.ts';
import { completionWaiting, getProgress, lastSyncedProgress, loadLesson, saveProgress } from '../api/progress.ts';
import { ErrorNotice, isNotFound, Loading, PageFailure } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { VideoPlayer } from '../components/VideoPlayer.tsx';
import { formatDate, locale, pick, t } from '../i18n/index.ts';
import { FeedbackSlot } from './FeedbackSlot.tsx';
import { fallsBack } from './language.ts';
import { keepModuleOffline, loadThroughServiceWorker } from '../offline/service-worker.ts';
import { loadQuizChunk } from './quiz-chunk.ts';

/** Whether this person studies (holds a learner membership): only founders record progress; others preview. */
export const studies = (me: Me | null | undefined) => Boolean(me?.memberships.some((m) => m.role === 'learner'));

/** The part of the outline a lesson shows: its course's id and title, and its own module. */
export type LessonOutline = Pick<PublicCourse, 'id' | 'title'> & { modules: PublicCourse['modules'] };
const outlineOf = (f: PublicModuleFile): LessonOutline => ({ id: f.courseId, title: f.courseTitle, modules: [f.module] });

export function LessonPage() {
  const params = useParams();
  const key = () => ({ courseId: params.courseId!, moduleId: params.moduleId!, lessonId: params.lessonId!, lang: locale() });
  // The lesson and its module's outline (a few KB; the app may have requested them while it started). Progress comes
  // beside them and never holds the lesson back; staff, advisors and admins preview without any.
  const [data, { refetch }] = createResource(key, loadLesson);
  const preview = () => !studies(account.me());
  const [progress] = createResource(() => (preview() ? undefined : params.courseId), getProgress);
  // The rest of the module is kept for offline reading (a train between stations), in the background.
  createEffect(on(() => (data.error ? undefined : data.latest?.module), (m) => {
    if (!m) return;
    keepModuleOffline(m, locale());
    if (m.module.quiz && !preview()) loadThroughServiceWorker(loadQuizChunk);
  }));
  usePageTitle(() => (data.error ? t(isNotFound(data.error) ? 'state.notFound' : 'state.loadFailed') : data.latest?.lesson.title));
  return (
    <Switch fallback={<Loading />}>
      <Match when={data.error}><PageFailure error={data.error} title={t('state.loadFailed')} onRetry={refetch} /></Match>
      <Match when={data()}>{(d) => (
        <LessonView lesson={d().lesson} course={outlineOf(d().module)} preview={preview()}
          progress={progress.error ? undefined : progress.latest} progressError={progress.error} />
      )}</Match>
    </Switch>
  );
}

const scrollFraction = () => {
  const max = document.documentElement.scrollHeight - window.innerHeight;
  return max > 0 ? Math.min(1, Math.max(0, window.scrollY / max)) : 0;
};

/**
 * The lesson reader: rendered lesson, resume position, mark complete, previous/next. `progress` may arrive after the
 * lesson (undefined meanwhile); a `preview` (staff, advisors, admins) shows the lesson read-only and records nothing.
 */
export function LessonView(props: { lesson: PublicLesson; course: LessonOutline; progress?: CourseProgress | undefined; preview?: boolean; progressError?: unknown }) {
  const [progress, setProgress] = createSignal<CourseProgress | undefined>(props.progress);
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  const ids = () => ({ courseId: props.lesson.courseId, moduleId: props.lesson.moduleId, lessonId: props.lesson.id });
  // Completed on the server ("saved"), or only on this device so far ("waiting to sync").
  const waiting = () => mine()?.status !== 'completed' && completionWaiting(ids());
  const mine = () => progress()?.lessons.find((l) => l.moduleId === props.lesson.moduleId && l.lessonId === props.lesson.id);
  const module = () => props.course.modules.find((m) => m.id === props.lesson.moduleId);
  const index = () => (module()?.lessons.findIndex((l) => l.id === props.lesson.id) ?? 0) + 1;
  const linkTo = (l: PublicLesson['next']) => (l ? `/courses/${props.lesson.courseId}/${l.moduleId}/${l.lessonId}` : undefined);
  // The module's quiz is offered after its last lesson.
  const quizHref = () => {
    const m = module();
    return m?.quiz && m.lessons[m.lessons.length - 1]?.id === props.lesson.id ? `/courses/${props.lesson.courseId}/${m.id}/quiz` : undefined;
  };
  // In a video lesson the saved position is the video's, not the page's scroll.
  const hasVideo = () => Boolean(props.lesson.video);

  let lastSaved = -1;
  const savePosition = async (keepalive = false) => {
    if (hasVideo() || props.preview) return;
    const pos = scrollFraction();
    if (Math.abs(pos - lastSaved) < 0.02 || mine()?.status === 'completed' && pos < lastSaved) return;
    lastSaved = pos;
    try {
      const r = await saveProgress(ids(), 'in_progress', pos, { keepalive });
      if (r.state === 'saved') setProgress(r.progress);
    } catch { /* a position is not worth interrupting the reader for */ }
  };

  // Resume where this lesson was left, once it is on screen and its progress is known (which may come after it); then
  // save the position as the reader scrolls.
  let resumed: string | undefined;
  createEffect(on(() => [props.lesson.id, props.progress] as const, ([id, p]) => {
    if (p !== undefined || resumed !== id) setProgress(p);
    if (resumed === id || (!p && !props.preview)) return;
    resumed = id;
    const saved = hasVideo() ? 0 : mine()?.position ?? 0;
    lastSaved = saved;
    requestAnimationFrame(() => {
      const max = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo({ top: saved > 0 && saved < 1 ? saved * max : 0 });
    });
  }));
  let timer: number | undefined;
  const onScroll = () => { clearTimeout(timer); timer = window.setTimeout(() => void savePosition(), 3000); };
  const onHide = () => { if (document.visibilityState === 'hidden') void savePosition(true); };
  window.addEventListener('scroll', onScroll, { passive: true });
  document.addEventListener('visibilitychange', onHide);
  onCleanup(() => {
    clearTimeout(timer);
    window.removeEventListener('scroll', onScroll);
    document.removeEventListener('visibilitychange', onHide);
  });
  // An event of this course that waited on the device reached the server: show what the server has now.
  createEffect(on(lastSyncedProgress, (p) => { if (p && p.courseId === props.lesson.courseId) setProgress(p); }, { defer: true }));

  // The module completed while the founder was on this lesson (its last step without a quiz): ask for feedback once.
  const [moduleJustDone, setModuleJustDone] = createSignal(false);
  let watching: string | undefined;
  let seenOpen = false;
  createEffect(() => {
    const p = progress();
    const here = `${props.lesson.moduleId}/${props.lesson.id}`;
    if (watching !== here) { watching = here; seenOpen = false; setModuleJustDone(false); }
    if (!p || props.preview) return;
    if (!p.completedModules.some((m) => m.moduleId === props.lesson.moduleId)) seenOpen = true;
    else if (seenOpen) setModuleJustDone(true);
  });

  const complete = async () => {
    setSaving(true);
    setFailure(undefined);
    try {
      const pos = hasVideo() ? mine()?.position ?? 0 : scrollFraction();
      // The completion carries the reading position: saving the same position again as the page hides is redundant
      // (unless the server refused the completion: then nothing was recorded, position included).
      const before = lastSaved;
      if (!hasVideo()) lastSaved = pos;
      const r = await saveProgress(ids(), 'completed', pos);
      if (r.state === 'rejected' || r.state === 'signed_out') lastSaved = before;
      if (r.state === 'saved') setProgress(r.progress);
      // A refusal is announced by the outbox to the whole page; nothing else to show here.
    } catch (e) {
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  // The page speaks the app's language; the lesson's own title and text are marked with theirs (Japanese when an English
  // reader meets a lesson without a translation, which the notice says).
  const contentLang = () => props.lesson.lang ?? 'ja';
  return (
    <article class="lesson">
      <nav aria-label={t('lesson.backToCourse')} class="crumbs">
        <A href={`/courses/${props.course.id}`}>{pick(props.course.title)}</A>
        <Show when={module()}>{(m) => <span> › {pick(m().title)}</span>}</Show>
      </nav>
      <h1 lang={contentLang()}>{props.lesson.title}</h1>
      <p class="meta">
        <span>{t('lesson.of', { index: index(), total: module()?.lessons.length ?? 1 })}</span>
        <span>{t('lesson.minutes', { minutes: props.lesson.minutes })}</span>
      </p>
      <Show when={fallsBack(contentLang())}>
        <p class="notice lang-notice" role="note" id="lang-notice">{t('lesson.japaneseOnly')}</p>
      </Show>
      <Show when={props.lesson.video} keyed>
        {(v) => <VideoPlayer video={v} title={props.lesson.title} ids={ids()} position={mine()?.position ?? 0} onProgress={setProgress} />}
      </Show>
      {/* Lesson HTML is rendered at build time by markdown-it with raw HTML disabled: no script or handler can reach it. */}
      <div class="lesson-body" lang={contentLang()} innerHTML={props.lesson.html} />
      <Show when={!props.preview} fallback={<p class="notice" role="note" id="preview-notice">{t('lesson.preview')}</p>}>
      <div class="complete-box" aria-live="polite">
        <Switch fallback={
          <button type="button" class="primary" onClick={complete} disabled={saving()}>{t('lesson.markComplete')}</button>
        }>
          <Match when={mine()?.status === 'completed'}>
            <p class="notice ok" role="status">✓ {t('lesson.completed')}{mine()?.completedAt ? ` — ${t('lesson.completedAt', { date: formatDate(mine()!.completedAt!) })}` : ''}</p>
          </Match>
          <Match when={waiting()}>
            <p class="notice waiting" role="status">{t('lesson.waitingToSync')}</p>
          </Match>
        </Switch>
        <Show when={saving()}><p class="small">{t('lesson.saving')}</p></Show>
        <ErrorNotice error={failure() ?? props.progressError} />
      </div>
      </Show>
      <Show when={moduleJustDone()}>
        <FeedbackSlot courseId={props.lesson.courseId} moduleId={props.lesson.moduleId} mode="prompt" />
      </Show>
      <Show when={!props.preview && quizHref()}>{(href) => <p class="to-quiz"><A class="button primary" href={href()}>{t('lesson.toQuiz')}</A></p>}</Show>
      <nav class="pager" aria-label={`${t('lesson.prev')} / ${t('lesson.next')}`}>
        <Show when={linkTo(props.lesson.prev)} fallback={<span />}>{(href) => <A href={href()} rel="prev">← {t('lesson.prev')}</A>}</Show>
        <Show when={linkTo(props.lesson.next)} fallback={<span />}>{(href) => <A href={href()} rel="next">{t('lesson.next')} →</A>}</Show>
      </nav>
    </article>
  );
}
