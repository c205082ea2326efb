import { For, type JSX, Show, splitProps } from 'solid-js';
import { ApiFailure } from '../api/client.ts';

/** A labelled select with its hint and error wired to aria-describedby, like components/Field for inputs. */
export function SelectField(props: { id: string; label: string; hint?: string; error?: string; value: string; options: { value: string; label: string }[] }
  & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'value'>) {
  const [own, select] = splitProps(props, ['id', 'label', 'hint', 'error', 'options', 'value']);
  const describedBy = () => [own.hint ? `${own.id}-hint` : '', own.error ? `${own.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ invalid: Boolean(own.error) }}>
      <label for={own.id}>{own.label}</label>
      <Show when={own.hint}><p class="hint" id={`${own.id}-hint`}>{own.hint}</p></Show>
      <select id={own.id} name={own.id} aria-invalid={own.error ? 'true' : undefined} aria-describedby={describedBy()} {...select}>
        {/* Chosen per option: a select's value set before its options exist would not stick. */}
        <For each={own.options}>{(o) => <option value={o.value} selected={o.value === own.value}>{o.label}</option>}</For>
      </select>
      <Show when={own.error}><p class="field-error" id={`${own.id}-error`}>{own.error}</p></Show>
    </div>
  );
}

/** The fields an API refusal names (`{ fields: { 'email': 'taken' } }`), by their first path segment. */
export function refusedFields(e: unknown): Record<string, string> {
  if (!(e instanceof ApiFailure)) return {};
  return Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.split('.')[0]!, v]));
}

/** An inline confirmation: says what will happen and asks before a change that locks someone out or ends a code. */
export function Confirm(props: { id: string; text: string; yes: string; no: string; busy?: boolean; onYes: () => void; onNo: () => void }) {
  return (
    <div class="confirm" role="group" aria-labelledby={`${props.id}-text`} id={props.id}>
      <p id={`${props.id}-text`}>{props.text}</p>
      <div class="actions">
        <button type="button" class="danger" disabled={props.busy} onClick={() => props.onYes()}>{props.yes}</button>
        <button type="button" onClick={() => props.onNo()}>{props.no}</button>
      </div>
    </div>
  );
}
