import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { SurveyQuestion, SurveyView, TenantSurvey } from '../../../functions/contract/survey.ts';
import { SURVEY_FREE_TEXT_MAX } from '../../../functions/contract/constants.ts';
import { ApiFailure } from '../api/client.ts';
import { answerSurvey, getTenantSurvey } from '../api/region.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { formatDate, formatDateTime, pick } from '../i18n/index.ts';
import { st } from './i18n/index.ts';

type Value = boolean | number | string;

/** The last day answers are taken (the window closes at the start of the next day, Japan time). */
export const lastDayOf = (s: Pick<SurveyView, 'closesAt'>) => formatDate(new Date(Date.parse(s.closesAt) - 1).toISOString());

/** Container: the union's yearly survey for this municipality, with its answer. */
export function SurveyPageContainer(props: { tenantId: string; tenantName: string }) {
  const [data, { mutate, refetch }] = createResource(() => props.tenantId, getTenantSurvey);
  return (
    <Switch fallback={<Loading />}>
      <Match when={data.error}><h1>{st('survey.title', { tenant: props.tenantName })}</h1><ErrorNotice error={data.error} onRetry={refetch} /></Match>
      <Match when={data.latest}>
        {(d) => <SurveyPageView tenantName={props.tenantName} data={d()} reload={refetch}
          submit={async (fy, version, answers) => { const next = await answerSurvey(props.tenantId, fy, { surveyVersion: version, answers }); mutate(next); return next; }} />}
      </Match>
    </Switch>
  );
}

/**
 * View: the survey's questions as one form (yes/no and 1–5 as radio groups, free text with its count), answerable and
 * changeable while the window is open; the answer given, read-only, once it has closed.
 */
export function SurveyPageView(props: {
  tenantName: string; data: TenantSurvey; reload: () => void;
  submit: (fiscalYear: number, version: number, answers: Record<string, Value>) => Promise<TenantSurvey>;
}) {
  const [editing, setEditing] = createSignal(false);
  return (
    <section class="survey" aria-labelledby="survey-title">
      <h1 id="survey-title">{st('survey.title', { tenant: props.tenantName })}</h1>
      <Show when={props.data.survey} fallback={<p class="notice">{st('survey.none')}</p>}>
        {(s) => (
          <>
            <p>{st('survey.intro', { year: pick(s().label) })}</p>
            <p class="meta">
              <span class={`badge ${s().state}`}>{st(`survey.state.${s().state}`)}</span>{' '}
              {st('survey.window', { opens: formatDate(s().opensAt), closes: lastDayOf(s()) })}
            </p>
            <Show when={props.data.answer}>
              {(a) => <p class="notice ok" role="status">{st('survey.answered', { at: formatDateTime(a().at), name: a().answeredByName || '—' })}</p>}
            </Show>
            <Switch>
              <Match when={s().state === 'open' && (!props.data.answer || editing())}>
                <SurveyForm survey={s()} initial={props.data.answer?.answers ?? {}} reload={props.reload}
                  submit={async (answers) => { await props.submit(s().fiscalYear, s().version, answers); setEditing(false); }}
                  onCancel={props.data.answer ? () => setEditing(false) : undefined} />
              </Match>
              <Match when={props.data.answer}>
                {(a) => (
                  <>
                    <AnswerList survey={s()} answers={a().answers} />
                    <Show when={s().state === 'open'}>
                      <p><button type="button" class="primary" onClick={() => setEditing(true)}>{st('survey.change')}</button>
                        {' '}<span class="small">{st('survey.changeUntil', { closes: lastDayOf(s()) })}</span></p>
                    </Show>
                  </>
                )}
              </Match>
              <Match when={s().state === 'scheduled'}><p class="notice">{st('survey.notYet', { opens: formatDate(s().opensAt) })}</p></Match>
              <Match when={s().state === 'closed'}><p class="notice">{st('survey.closedUnanswered')}</p></Match>
            </Switch>
          </>
        )}
      </Show>
    </section>
  );
}

const LIKERT = [1, 2, 3, 4, 5] as const;

function display(q: SurveyQuestion, v: Value | undefined): string {
  if (v === undefined || v === '') return st('survey.noAnswer');
  if (q.kind === 'yes_no') return v === true ? st('survey.yes') : st('survey.no');
  if (q.kind === 'likert5') return st(`survey.likert.${v as 1 | 2 | 3 | 4 | 5}`);
  return String(v);
}

function AnswerList(props: { survey: SurveyView; answers: Record<string, Value> }) {
  return (
    <dl class="survey-answers">
      <For each={props.survey.questions}>
        {(q) => <><dt>{pick(q.text)}</dt><dd class="prewrap">{display(q, props.answers[q.id])}</dd></>}
      </For>
    </dl>
  );
}

function SurveyForm(props: {
  survey: SurveyView; initial: Record<string, Value>; reload: () => void; submit: (answers: Record<string, Value>) => Promise<void>; onCancel?: (() => void) | undefined;
}) {
  const [values, setValues] = createSignal<Record<string, Value>>({ ...props.initial });
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const set = (id: string, v: Value) => setValues((x) => ({ ...x, [id]: v }));
  const missing = (q: SurveyQuestion) => { const v = values()[q.id]; return q.required && (v === undefined || (typeof v === 'string' && v.trim() === '')); };
  const focusFirst = () => queueMicrotask(() => {
    const first = props.survey.questions.find((q) => errors()[q.id]);
    const el = first ? document.querySelector<HTMLElement>(`[name="q-${first.id}"]`) : null;
    (el ?? summary)?.focus();
  });
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const errs: Record<string, string> = {};
    for (const q of props.survey.questions) {
      if (missing(q)) errs[q.id] = st('survey.error.required');
      const v = values()[q.id];
      if (q.kind === 'free_text' && typeof v === 'string' && [...v].length > SURVEY_FREE_TEXT_MAX) errs[q.id] = st('survey.error.tooLong', { max: SURVEY_FREE_TEXT_MAX });
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) { focusFirst(); return; }
    setBusy(true);
    try {
      await props.submit(values());
    } catch (x) {
      const fields = x instanceof ApiFailure ? x.fields : {};
      const mapped = Object.fromEntries(Object.keys(fields).filter((k) => k.startsWith('answers.')).map((k) => [k.slice('answers.'.length), st('survey.error.invalid')]));
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(x);
      queueMicrotask(() => summary?.focus());
    } finally { setBusy(false); }
  };
  return (
    <form onSubmit={onSubmit} novalidate class="survey-form">
      <div tabindex="-1" ref={summary}>
        <Show when={Object.keys(errors()).length > 0}>
          <div class="notice error" role="alert"><p>{st('error.summary')}</p></div>
        </Show>
        <ErrorNotice error={failure()} />
        <Show when={failure() instanceof ApiFailure && (failure() as ApiFailure).code === 'survey_changed'}>
          <p><button type="button" class="secondary" onClick={() => props.reload()}>{st('survey.reload')}</button></p>
        </Show>
      </div>
      <For each={props.survey.questions}>
        {(q, i) => {
          const err = () => errors()[q.id];
          const legendId = `q-${q.id}-legend`;
          return (
            <Switch>
              <Match when={q.kind === 'free_text'}>
                <div class="field" classList={{ invalid: Boolean(err()) }}>
                  <label for={`q-${q.id}`}>{i() + 1}. {pick(q.text)}{q.required ? '' : st('survey.optional')}</label>
                  <textarea id={`q-${q.id}`} name={`q-${q.id}`} rows={5} aria-invalid={err() ? 'true' : undefined}
                    aria-describedby={`q-${q.id}-count${err() ? ` q-${q.id}-error` : ''}`}
                    value={String(values()[q.id] ?? '')} onInput={(e) => set(q.id, e.currentTarget.value)} />
                  <p class="hint" id={`q-${q.id}-count`}>{st('survey.count', { n: [...String(values()[q.id] ?? '')].length, max: SURVEY_FREE_TEXT_MAX })}</p>
                  <Show when={err()}><p class="field-error" id={`q-${q.id}-error`}>{err()}</p></Show>
                </div>
              </Match>
              <Match when={true}>
                <fieldset class="field choice-group" classList={{ invalid: Boolean(err()) }} aria-describedby={err() ? `q-${q.id}-error` : undefined}>
                  <legend id={legendId}>{i() + 1}. {pick(q.text)}{q.key ? <strong class="badge key">{st('survey.keyBadge')}</strong> : null}</legend>
                  <div class="choices" classList={{ likert: q.kind === 'likert5' }}>
                    <For each={q.kind === 'yes_no' ? [true, false] as Value[] : [...LIKERT] as Value[]}>
                      {(v) => (
                        <label class="choice">
                          <input type="radio" name={`q-${q.id}`} value={String(v)} checked={values()[q.id] === v} aria-invalid={err() ? 'true' : undefined}
                            onChange={() => set(q.id, v)} />
                          <span>{display(q, v)}</span>
                        </label>
                      )}
                    </For>
                  </div>
                  <Show when={err()}><p class="field-error" id={`q-${q.id}-error`}>{err()}</p></Show>
                </fieldset>
              </Match>
            </Switch>
          );
        }}
      </For>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy()}>{busy() ? st('survey.sending') : st('survey.send')}</button>
        <Show when={props.onCancel}>{(cancel) => <button type="button" onClick={() => cancel()()}>{st('survey.cancel')}</button>}</Show>
      </div>
    </form>
  );
}
