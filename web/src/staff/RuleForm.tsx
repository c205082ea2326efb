import { createSignal, For, type JSX, Show } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { Area } from '../../../functions/contract/catalog.ts';
import type { EligibilityRule, ElearningPolicy, RuleExplanation } from '../../../functions/contract/eligibility.ts';
import { ApiFailure } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { locale, t } from '../i18n/index.ts';
import { st } from './i18n/index.ts';
import type { StaffKey } from './i18n/ja.ts';

const POLICIES: ElearningPolicy[] = ['counts_alone', 'with_sessions', 'sessions_only'];

/** The form's own state: numbers as typed, so a half-typed value is shown back and checked, not lost. */
interface Draft {
  requiredAreas: Area[];
  minDistinctDays: string; minSpanMonths: string; minSessions: string;
  elearning: ElearningPolicy; allowMakeUp: boolean; allowOnline: boolean;
  useSessionsOfTotal: boolean; sotRequired: string; sotTotal: string;
}
type Errors = Partial<Record<'requiredAreas' | 'minDistinctDays' | 'minSpanMonths' | 'minSessions' | 'elearning' | 'sotRequired' | 'sotTotal', StaffKey>>;

const draftOf = (r: EligibilityRule): Draft => ({
  requiredAreas: [...r.requiredAreas], minDistinctDays: String(r.minDistinctDays), minSpanMonths: String(r.minSpanMonths),
  minSessions: String(r.minSessions), elearning: r.elearning, allowMakeUp: r.allowMakeUp, allowOnline: r.allowOnline !== false,
  useSessionsOfTotal: Boolean(r.sessionsOfTotal), sotRequired: String(r.sessionsOfTotal?.required ?? 4), sotTotal: String(r.sessionsOfTotal?.total ?? 5),
});

const whole = (v: string, min: number, max: number) => (/^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined);

/** Checks the draft with the contract's limits (functions/contract/eligibility.ts) before anything is sent. */
export function checkDraft(d: Draft): { rule?: EligibilityRule; errors: Errors } {
  const errors: Errors = {};
  if (d.requiredAreas.length === 0) errors.requiredAreas = 'rule.error.requiredAreas';
  const days = whole(d.minDistinctDays, 1, 20); if (days === undefined) errors.minDistinctDays = 'rule.error.minDistinctDays';
  const span = whole(d.minSpanMonths, 0, 12); if (span === undefined) errors.minSpanMonths = 'rule.error.minSpanMonths';
  const sessions = whole(d.minSessions, 0, 20); if (sessions === undefined) errors.minSessions = 'rule.error.minSessions';
  if (!POLICIES.includes(d.elearning)) errors.elearning = 'rule.error.elearning';
  let sot: EligibilityRule['sessionsOfTotal'];
  if (d.useSessionsOfTotal) {
    const required = whole(d.sotRequired, 1, 50); if (required === undefined) errors.sotRequired = 'rule.error.sotRange';
    const total = whole(d.sotTotal, 1, 50); if (total === undefined) errors.sotTotal = 'rule.error.sotRange';
    if (required !== undefined && total !== undefined && required > total) errors.sotRequired = 'rule.error.sotOrder';
    sot = required !== undefined && total !== undefined ? { required, total } : undefined;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    rule: {
      requiredAreas: AREAS.filter((a) => d.requiredAreas.includes(a)), minDistinctDays: days!, minSpanMonths: span!,
      elearning: d.elearning, minSessions: sessions!, allowMakeUp: d.allowMakeUp, allowOnline: d.allowOnline, ...(sot ? { sessionsOfTotal: sot } : {}),
    },
  };
}

/** The API's `fields` (zod paths such as `sessionsOfTotal.required`) → this form's messages, in the current language. */
export function serverErrors(e: unknown): Errors {
  if (!(e instanceof ApiFailure)) return {};
  const errors: Errors = {};
  for (const [path, message] of Object.entries(e.fields)) {
    const [head, sub] = path.split('.');
    if (head === 'requiredAreas') errors.requiredAreas = 'rule.error.requiredAreas';
    else if (head === 'minDistinctDays' || head === 'minSpanMonths' || head === 'minSessions') errors[head] = `rule.error.${head}`;
    else if (head === 'elearning') errors.elearning = 'rule.error.elearning';
    else if (head === 'sessionsOfTotal') {
      const key = /exceed/i.test(message) ? 'rule.error.sotOrder' : 'rule.error.sotRange';
      if (sub === 'total') errors.sotTotal = key; else errors.sotRequired = key;
    }
  }
  return errors;
}

/** View: the municipality's 特定創業支援 rule as a form; `save` sends it and answers the rule the server kept. */
/** The municipality's rule in words (from the API, in the current language), sentence by sentence. */
export function RuleExplanationView(props: { explanation: RuleExplanation | undefined; error?: unknown; onRetry?: () => void }) {
  return (
    <section class="card rule-words" aria-labelledby="rule-words-title">
      <h2 id="rule-words-title">{st('rule.explained')}</h2>
      <Show when={props.explanation} fallback={<ErrorNotice error={props.error} onRetry={props.onRetry} />}>
        {(x) => <ul class="rule-sentences"><For each={x()[locale()]}>{(line) => <li>{line}</li>}</For></ul>}
      </Show>
    </section>
  );
}

/** `explanation`: the rule in words (RuleExplanationView), shown above the form and read again after each save. */
export function RuleFormView(props: { tenantName: string; rule: EligibilityRule; save: (r: EligibilityRule) => Promise<EligibilityRule>; explanation?: JSX.Element }) {
  const [draft, setDraft] = createSignal<Draft>(draftOf(props.rule));
  const [errors, setErrors] = createSignal<Errors>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => { setDraft({ ...draft(), [k]: v }); setSaved(false); };
  const err = (k: keyof Errors) => { const key = errors()[k]; return key ? st(key) : undefined; };
  const hasErrors = () => Object.keys(errors()).length > 0;

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    setFailure(undefined);
    setSaved(false);
    const checked = checkDraft(draft());
    setErrors(checked.errors);
    if (!checked.rule) { queueMicrotask(() => summary?.focus()); return; }
    setBusy(true);
    try {
      const kept = await props.save(checked.rule);
      setDraft(draftOf(kept));
      setSaved(true);
    } catch (e) {
      const fields = serverErrors(e);
      setErrors(fields);
      // Field errors are shown at their fields; anything else (rights, network) above the form.
      if (Object.keys(fields).length === 0) setFailure(e);
      queueMicrotask(() => summary?.focus());
    } finally {
      setBusy(false);
    }
  };

  const describedBy = (id: string, hint: boolean) => [hint ? `${id}-hint` : '', err(id as keyof Errors) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <section class="rule" aria-labelledby="rule-title">
      <h1 id="rule-title">{st('rule.title', { tenant: props.tenantName })}</h1>
      <p>{st('rule.intro')}</p>
      {props.explanation}
      <div tabindex="-1" ref={summary}>
        <Show when={hasErrors()}><div class="notice error" role="alert"><p>{st('rule.error.summary')}</p></div></Show>
        <ErrorNotice error={failure()} />
        <Show when={saved()}><p class="notice ok" role="status">{st('rule.saved')}</p></Show>
      </div>
      <form onSubmit={submit} novalidate>
        <fieldset class="group" classList={{ invalid: Boolean(err('requiredAreas')) }} aria-describedby={describedBy('requiredAreas', true)}>
          <legend>{st('rule.areas')}</legend>
          <p class="hint" id="requiredAreas-hint">{st('rule.areasHint')}</p>
          <Show when={err('requiredAreas')}><p class="field-error" id="requiredAreas-error">{err('requiredAreas')}</p></Show>
          <For each={AREAS}>
            {(a) => (
              <div class="choice">
                <input type="checkbox" id={`area-${a}`} checked={draft().requiredAreas.includes(a)}
                  onChange={(e) => set('requiredAreas', e.currentTarget.checked ? [...draft().requiredAreas, a] : draft().requiredAreas.filter((x) => x !== a))} />
                <label for={`area-${a}`}>{t(`area.${a}`)}</label>
              </div>
            )}
          </For>
        </fieldset>

        <Field id="minDistinctDays" label={st('rule.minDistinctDays')} hint={st('rule.minDistinctDaysHint')} error={err('minDistinctDays')}
          type="number" inputmode="numeric" min={1} max={20} step={1} required value={draft().minDistinctDays} onInput={(e) => set('minDistinctDays', e.currentTarget.value)} />
        <Field id="minSpanMonths" label={st('rule.minSpanMonths')} hint={st('rule.minSpanMonthsHint')} error={err('minSpanMonths')}
          type="number" inputmode="numeric" min={0} max={12} step={1} required value={draft().minSpanMonths} onInput={(e) => set('minSpanMonths', e.currentTarget.value)} />

        <fieldset class="group" classList={{ invalid: Boolean(err('elearning')) }} aria-describedby={describedBy('elearning', false)}>
          <legend>{st('rule.elearning')}</legend>
          <Show when={err('elearning')}><p class="field-error" id="elearning-error">{err('elearning')}</p></Show>
          <For each={POLICIES}>
            {(p) => (
              <div class="choice">
                <input type="radio" name="elearning" id={`elearning-${p}`} value={p} checked={draft().elearning === p} onChange={() => set('elearning', p)} />
                <label for={`elearning-${p}`}>{st(`rule.elearning.${p}`)}</label>
              </div>
            )}
          </For>
        </fieldset>

        <Field id="minSessions" label={st('rule.minSessions')} hint={st('rule.minSessionsHint')} error={err('minSessions')}
          type="number" inputmode="numeric" min={0} max={20} step={1} required value={draft().minSessions} onInput={(e) => set('minSessions', e.currentTarget.value)} />

        <div class="choice">
          <input type="checkbox" id="allowMakeUp" checked={draft().allowMakeUp} onChange={(e) => set('allowMakeUp', e.currentTarget.checked)} />
          <label for="allowMakeUp">{st('rule.allowMakeUp')}</label>
        </div>

        <div class="choice">
          <input type="checkbox" id="allowOnline" checked={draft().allowOnline} onChange={(e) => set('allowOnline', e.currentTarget.checked)} />
          <label for="allowOnline">{st('rule.allowOnline')}</label>
        </div>

        <div class="choice">
          <input type="checkbox" id="useSessionsOfTotal" checked={draft().useSessionsOfTotal}
            onChange={(e) => set('useSessionsOfTotal', e.currentTarget.checked)} />
          <label for="useSessionsOfTotal">{st('rule.useSessionsOfTotal')}</label>
        </div>
        <Show when={draft().useSessionsOfTotal}>
          <div id="sessions-of-total" class="sub-fields">
            <Field id="sotRequired" label={st('rule.sotRequired')} hint={st('rule.sotHint')} error={err('sotRequired')}
              type="number" inputmode="numeric" min={1} max={50} step={1} value={draft().sotRequired} onInput={(e) => set('sotRequired', e.currentTarget.value)} />
            <Field id="sotTotal" label={st('rule.sotTotal')} hint={st('rule.sotHint')} error={err('sotTotal')}
              type="number" inputmode="numeric" min={1} max={50} step={1} value={draft().sotTotal} onInput={(e) => set('sotTotal', e.currentTarget.value)} />
          </div>
        </Show>

        <button type="submit" class="primary" disabled={busy()}>{busy() ? st('rule.saving') : st('rule.save')}</button>
      </form>
    </section>
  );
}
