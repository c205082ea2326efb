import { lazy, Suspense } from 'solid-js';

/**
 * The module feedback form, loaded on demand: only this lazy reference is in the learner's first load. Nothing shows
 * until it is ready.
 */
const ModuleFeedback = lazy(() => import('./feedback/ModuleFeedback.tsx'));
export const FeedbackSlot = (props: { courseId: string; moduleId: string; mode: 'prompt' | 'page'; onClose?: () => void }) =>
  <Suspense><ModuleFeedback courseId={props.courseId} moduleId={props.moduleId} mode={props.mode} onClose={props.onClose} /></Suspense>;
