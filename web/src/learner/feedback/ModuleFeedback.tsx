import { createResource, createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { charCount, LIMITS } from '../../../../functions/contract/constants.ts';
import type { FeedbackAnswer, FeedbackView } from '../../../../functions/contract/feedback.ts';
import { getFeedback, putFeedback } from '../../api/feedback.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { ft } from './i18n.ts';

const MAX = LIMITS.feedbackCommentMax;
const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * A founder's feedback on a module (lazy chunk). `prompt`: asked right after completing the module, skippable, shown
 * only while the module's current version has no answer. `page`: opened from the module's card in the course outline
 * (the outline itself costs no request and no chunk), where the founder answers later or changes their answer.
 */
export default function ModuleFeedback(props: { courseId: string; moduleId: string; mode: 'prompt' | 'page'; onClose?: () => void }) {
  const [skipped, setSkipped] = createSignal(false);
  const [data, { mutate, refetch }] = createResource(() => ({ c: props.courseId, m: props.moduleId }), (k) => getFeedback(k.c, k.m));
  const titleId = createUniqueId();
  // Answered in this prompt: its thanks stay on screen (the prompt does not vanish under the founder's eyes).
  const [answeredHere, setAnsweredHere] = createSignal(false);
  // Opened from the outline: focus moves to the form's heading, so a keyboard or screen reader user lands on it.
  const focusTitle = (el: HTMLHeadingElement) => { if (props.mode === 'page') queueMicrotask(() => el.focus()); };

  return (
    <Show when={!skipped()} fallback={<p class="small" role="status">{ft('fb.skipped')}</p>}>
      <Switch>
        {/* An optional prompt that cannot load stays out of the way; opened on request, the failure is shown. */}
        <Match when={data.error}><Show when={props.mode === 'page'}><ErrorNotice error={data.error} onRetry={refetch} /></Show></Match>
        <Match when={data.loading && !data.latest}><p class="small" role="status">{ft('fb.loading')}</p></Match>
        <Match when={data.latest}>{(view) => (
          <Switch>
            <Match when={!view().canAnswer}><p class="small">{ft('fb.notYet')}</p></Match>
            {/* The prompt does not ask again what the founder already answered for this version. */}
            <Match when={props.mode === 'prompt' && view().answer && !answeredHere()}>{null}</Match>
            <Match when={true}>
              <section class="card feedback" aria-labelledby={titleId}>
                <h2 id={titleId} tabindex="-1" ref={focusTitle}>{props.mode === 'prompt' ? ft('fb.promptTitle') : ft('fb.pageTitle')}</h2>
                <FeedbackForm view={view()} mode={props.mode}
                  onSaved={(v) => { setAnsweredHere(true); mutate(v); }}
                  onSkip={() => setSkipped(true)} onClose={() => props.onClose?.()} />
              </section>
            </Match>
          </Switch>
        )}</Match>
      </Switch>
    </Show>
  );
}

/** The form, or the saved answer with a way to change it. */
function FeedbackForm(props: { view: FeedbackView; mode: 'prompt' | 'page'; onSaved: (v: FeedbackView) => void; onSkip: () => void; onClose: () => void }) {
  const a = props.view.answer;
  // The answer as stored (the server's word after each send), and whether the form is open to change it.
  const [saved, setSaved] = createSignal<FeedbackAnswer | null>(a);
  const [editing, setEditing] = createSignal(a === null);
  const [thanks, setThanks] = createSignal(false);
  const [usefulness, setUsefulness] = createSignal<number | undefined>(a?.usefulness);
  const [helped, setHelped] = createSignal<boolean | undefined>(a?.helpedPlan);
  const [comment, setComment] = createSignal(a?.comment ?? '');
  const [errors, setErrors] = createSignal<{ usefulness?: boolean; helped?: boolean }>({});
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  const id = createUniqueId();
  const count = () => charCount(comment().replace(/\r\n?/g, '\n').trim());
  const tooLong = () => count() > MAX;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    const missing = { usefulness: usefulness() === undefined, helped: helped() === undefined };
    setErrors(missing);
    if (missing.usefulness || missing.helped || tooLong()) {
      document.getElementById(missing.usefulness ? `${id}-u` : missing.helped ? `${id}-h` : `${id}-c`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const text = comment().trim();
      const v = await putFeedback(props.view.courseId, props.view.moduleId, { usefulness: usefulness()!, helpedPlan: helped()!, ...(text ? { comment: text } : {}) });
      setSaved(v.answer);
      setThanks(true);
      setEditing(false);
      props.onSaved(v);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={editing() || !saved()} fallback={<Saved answer={saved()!} thanks={thanks()} onChange={() => { setThanks(false); setEditing(true); }} onClose={props.mode === 'page' ? props.onClose : undefined} />}>
      <p class="small">{ft('fb.intro')}</p>
      <form onSubmit={submit} novalidate>
        <fieldset id={`${id}-u`} tabindex="-1" class="question" classList={{ invalid: Boolean(errors().usefulness) }} aria-describedby={errors().usefulness ? `${id}-u-error` : undefined}>
          <legend>{ft('fb.usefulness')}</legend>
          <Show when={errors().usefulness}><p class="field-error" id={`${id}-u-error`}>{ft('fb.pickUsefulness')}</p></Show>
          <For each={SCORES}>{(s) => (
            <div class="choice">
              <input type="radio" id={`${id}-u${s}`} name={`${id}-usefulness`} value={s} checked={usefulness() === s}
                onChange={() => { setUsefulness(s); setErrors({ ...errors(), usefulness: false }); }} />
              <label for={`${id}-u${s}`}>{ft(`fb.u${s}`)}</label>
            </div>
          )}</For>
        </fieldset>
        <fieldset id={`${id}-h`} tabindex="-1" class="question" classList={{ invalid: Boolean(errors().helped) }} aria-describedby={errors().helped ? `${id}-h-error` : undefined}>
          <legend>{ft('fb.helpedPlan')}</legend>
          <Show when={errors().helped}><p class="field-error" id={`${id}-h-error`}>{ft('fb.pickHelped')}</p></Show>
          <For each={[true, false]}>{(v) => (
            <div class="choice">
              <input type="radio" id={`${id}-h${v ? 'y' : 'n'}`} name={`${id}-helped`} checked={helped() === v}
                onChange={() => { setHelped(v); setErrors({ ...errors(), helped: false }); }} />
              <label for={`${id}-h${v ? 'y' : 'n'}`}>{v ? ft('fb.yes') : ft('fb.no')}</label>
            </div>
          )}</For>
        </fieldset>
        <div class="field" classList={{ invalid: tooLong() }}>
          <label for={`${id}-c`}>{ft('fb.comment')}</label>
          <p class="hint" id={`${id}-c-hint`}>{ft('fb.commentHint')}</p>
          <textarea id={`${id}-c`} rows="4" value={comment()} onInput={(e) => setComment(e.currentTarget.value)}
            aria-invalid={tooLong() ? 'true' : undefined} aria-describedby={`${id}-c-hint ${id}-c-count`} />
          <p class="small char-count" id={`${id}-c-count`} classList={{ 'field-error': tooLong() }}>
            {tooLong() ? ft('fb.tooLong', { max: MAX, count: count() }) : ft('fb.count', { count: count(), max: MAX })}
          </p>
          {/* Announced once, when the limit is passed: a count read out at every keystroke would drown the typing. */}
          <p class="sr-only" role="status">{tooLong() ? ft('fb.tooLong', { max: MAX, count: '' }) : ''}</p>
        </div>
        <ErrorNotice error={failure()} />
        <div class="feedback-actions">
          <button type="submit" class="primary" disabled={busy()}>{busy() ? ft('fb.saving') : ft('fb.submit')}</button>
          <Show when={props.mode === 'prompt' && saved() === null}>
            <button type="button" class="secondary" onClick={() => props.onSkip()}>{ft('fb.skip')}</button>
          </Show>
          <Show when={props.mode === 'page'}>
            <button type="button" class="secondary" onClick={() => props.onClose()}>{ft('fb.cancel')}</button>
          </Show>
        </div>
      </form>
    </Show>
  );
}

function Saved(props: { answer: FeedbackAnswer; thanks: boolean; onChange: () => void; onClose: (() => void) | undefined }) {
  return (
    <div>
      <p role="status">{props.thanks ? <span class="notice ok">{ft('fb.thanks')}</span> : ''}</p>
      <p>{ft('fb.yours', { usefulness: props.answer.usefulness, helped: props.answer.helpedPlan ? ft('fb.helpedYes') : ft('fb.helpedNo') })}</p>
      <div class="feedback-actions">
        <button type="button" class="secondary" onClick={() => props.onChange()}>{ft('fb.change')}</button>
        <Show when={props.onClose}>{(close) => <button type="button" class="secondary" onClick={() => close()()}>{ft('fb.cancel')}</button>}</Show>
      </div>
    </div>
  );
}
