import { type JSX, Show, splitProps } from 'solid-js';

/** A labelled input with its hint and error wired to aria-describedby. */
export function Field(props: { id: string; label: string; hint?: string; error?: string } & JSX.InputHTMLAttributes<HTMLInputElement>) {
  const [own, input] = splitProps(props, ['id', 'label', 'hint', 'error']);
  const describedBy = () => [own.hint ? `${own.id}-hint` : '', own.error ? `${own.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ invalid: Boolean(own.error) }}>
      <label for={own.id}>{own.label}</label>
      <Show when={own.hint}><p class="hint" id={`${own.id}-hint`}>{own.hint}</p></Show>
      <input id={own.id} name={own.id} aria-invalid={own.error ? 'true' : undefined} aria-describedby={describedBy()} {...input} />
      <Show when={own.error}><p class="field-error" id={`${own.id}-error`}>{own.error}</p></Show>
    </div>
  );
}
