import { For, onCleanup, onMount } from 'solid-js';
import type { CourseProgress } from '../../../functions/contract/api.ts';
import type { Video } from '../../../functions/contract/catalog.ts';
import { saveProgress } from '../api/progress.ts';
import { locale, t } from '../i18n/index.ts';

/** Seconds of video between two saved positions while it plays. */
const SAVE_EVERY_SECONDS = 15;

/**
 * A lesson video with its captions. It resumes where it was left (the position is a fraction of the duration, like a
 * reader's scroll position), saves the position as it plays, when paused and when the page is hidden, and records the
 * lesson as completed when the video ends.
 */
export function VideoPlayer(props: {
  video: Video; title: string; ids: { courseId: string; moduleId: string; lessonId: string };
  /** The saved position, 0–1. */
  position: number;
  onProgress?: (p: CourseProgress) => void;
}) {
  let el!: HTMLVideoElement;
  // This player belongs to one lesson: keep its ids even if the page moves on before the last save on unmount.
  const ids = { ...props.ids };
  let lastSavedSeconds = -1;
  let resumed = false;

  const duration = () => (Number.isFinite(el.duration) && el.duration > 0 ? el.duration : 0);
  const fraction = () => (duration() > 0 ? Math.min(1, el.currentTime / duration()) : 0);
  const save = async (status: 'in_progress' | 'completed', position: number, keepalive = false) => {
    try {
      const r = await saveProgress(ids, status, position, { keepalive });
      if (r.state === 'saved') props.onProgress?.(r.progress);
    } catch { /* a position is not worth interrupting the viewer for */ }
  };
  const savePosition = (keepalive = false) => {
    if (duration() === 0 || el.ended || Math.abs(el.currentTime - lastSavedSeconds) < 1) return;
    lastSavedSeconds = el.currentTime;
    void save('in_progress', fraction(), keepalive);
  };

  const resume = () => {
    if (resumed || duration() === 0) return;
    resumed = true;
    const p = props.position;
    // Near the end means watched: start again from the beginning rather than at the credits.
    if (p > 0 && p < 0.98) el.currentTime = p * duration();
    lastSavedSeconds = el.currentTime;
  };
  const onTimeUpdate = () => {
    if (duration() > 0 && Math.abs(el.currentTime - lastSavedSeconds) >= SAVE_EVERY_SECONDS) savePosition();
  };
  const onEnded = () => {
    lastSavedSeconds = duration();
    void save('completed', 1);
  };
  const onHide = () => { if (document.visibilityState === 'hidden') savePosition(true); };

  onMount(() => { if (el.readyState >= 1) resume(); });
  document.addEventListener('visibilitychange', onHide);
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onHide);
    if (el && !el.ended) savePosition(true);
  });

  // Captions in the app's language are on by default where there is such a track; otherwise the first (Japanese).
  const defaultTrack = () => (props.video.captions.some((c) => c.lang === locale()) ? locale() : props.video.captions[0]?.lang);

  return (
    <div class="video">
      <video ref={el} controls preload="metadata" src={props.video.url} aria-label={t('video.label', { title: props.title })}
        onLoadedMetadata={resume} onTimeUpdate={onTimeUpdate} onPause={() => savePosition()} onEnded={onEnded}>
        <For each={props.video.captions}>
          {(c) => <track kind="captions" src={c.src} srclang={c.lang} label={c.label} default={c.lang === defaultTrack()} />}
        </For>
        <p>{t('video.unsupported')}</p>
      </video>
    </div>
  );
}
