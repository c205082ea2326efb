import { createEffect, createSignal, For, type JSX, onCleanup, Show, splitProps } from 'solid-js';
import { account } from '../api/account.ts';
import { ApiFailure } from '../api/client.ts';
import { messageOf } from '../components/Notice.tsx';
import { usePageTitle as useSharedPageTitle } from '../components/PageTitle.ts';
import { t } from '../i18n/index.ts';
import { at } from './i18n/index.ts';
import type { AccountKey } from './i18n/ja.ts';

/** A failure in the person's words; a throttled mail or password check says so without blaming a sign-in. */
export function failureText(e: unknown): string {
  if (e instanceof ApiFailure && e.code === 'rate_limited') return at('form.rateLimited', { minutes: Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60)) });
  return messageOf(e);
}

const FIELD_TEXT: Record<string, () => string> = {
  incorrect: () => at('field.passwordIncorrect'), too_common: () => t('field.too_common'), taken: () => at('field.emailTaken'),
  same: () => at('field.sameEmail'), required: () => t('field.required'),
};

/** The fields an API refusal names, as messages; `rename` maps the server's field names onto the form's. */
export function serverFields<F extends string>(e: unknown, rename: Partial<Record<string, F>> = {}): Partial<Record<F, string>> {
  if (!(e instanceof ApiFailure)) return {};
  const out: Partial<Record<F, string>> = {};
  for (const [k, v] of Object.entries(e.fields)) {
    const name = (rename[k] ?? k) as F;
    out[name] = (FIELD_TEXT[v] ?? (() => t('field.invalid')))();
  }
  return out;
}

/**
 * The state of one form: field errors, a failure the fields cannot show, busy. Problems are announced in a summary
 * that takes the focus, so a screen-reader user hears them and a keyboard user is not left at the button.
 */
export function createForm<F extends string>() {
  const [errors, setErrors] = createSignal<Partial<Record<F, string>>>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const focusSummary = () => queueMicrotask(() => summary?.focus());
  const clean = (errs: Partial<Record<F, string | undefined>>) => Object.fromEntries(Object.entries(errs).filter(([, v]) => v)) as Partial<Record<F, string>>;
  return {
    errors, failure, busy,
    err: (f: F) => errors()[f],
    clear: () => { setErrors({}); setFailure(undefined); },
    /** The local checks: true when nothing is wrong; otherwise the errors are shown and the summary focused. */
    check(errs: Partial<Record<F, string | undefined>>): boolean {
      const found = clean(errs);
      setErrors(() => found);
      setFailure(undefined);
      if (Object.keys(found).length > 0) { focusSummary(); return false; }
      return true;
    },
    /** Runs the request; a refusal naming fields goes to them, any other failure to the notice. True on success. */
    async run(work: () => Promise<unknown>, fields: (e: unknown) => Partial<Record<F, string>> = serverFields): Promise<boolean> {
      setBusy(true);
      setFailure(undefined);
      try {
        await work();
        setErrors({});
        return true;
      } catch (e) {
        const f = fields(e);
        setErrors(() => f);
        if (Object.keys(f).length === 0) setFailure(e);
        focusSummary();
        return false;
      } finally { setBusy(false); }
    },
    fail(e: unknown) { setFailure(e); focusSummary(); },
    Summary: () => (
      <div tabindex="-1" ref={summary} class="form-summary">
        <Show when={Object.keys(errors()).length > 0}><div class="notice error" role="alert"><p>{at('form.summary')}</p></div></Show>
        <Show when={failure()}><div class="notice error" role="alert"><p>{failureText(failure())}</p></div></Show>
      </div>
    ),
  };
}

/** A labelled select with its hint and error wired to aria-describedby, like components/Field for inputs. */
export function SelectField(props: { id: string; label: string; hint?: string; error?: string; value: string; options: { value: string; label: string; lang?: string }[] }
  & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'value'>) {
  const [own, select] = splitProps(props, ['id', 'label', 'hint', 'error', 'options', 'value']);
  const describedBy = () => [own.hint ? `${own.id}-hint` : '', own.error ? `${own.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ invalid: Boolean(own.error) }}>
      <label for={own.id}>{own.label}</label>
      <Show when={own.hint}><p class="hint" id={`${own.id}-hint`}>{own.hint}</p></Show>
      <select id={own.id} name={own.id} aria-invalid={own.error ? 'true' : undefined} aria-describedby={describedBy()} {...select}>
        {/* Chosen per option: a select's value set before its options exist would not stick. */}
        <For each={own.options}>{(o) => <option value={o.value} lang={o.lang} selected={o.value === own.value}>{o.label}</option>}</For>
      </select>
      <Show when={own.error}><p class="field-error" id={`${own.id}-error`}>{own.error}</p></Show>
    </div>
  );
}

/** The two languages, each named in itself. */
export const LANGUAGES = () => [{ value: 'ja', label: at('lang.ja'), lang: 'ja' }, { value: 'en', label: at('lang.en'), lang: 'en' }];

/** An inline confirmation that says what will happen before something that cannot be undone. */
export function Confirm(props: { id: string; text: string; yes: string; no: string; busy?: boolean; onYes: () => void; onNo: () => void }) {
  let group: HTMLDivElement | undefined;
  queueMicrotask(() => group?.focus());
  return (
    <div class="confirm" role="group" aria-labelledby={`${props.id}-text`} id={props.id} tabindex="-1" ref={group}>
      <p id={`${props.id}-text`}>{props.text}</p>
      <div class="actions">
        <button type="button" class="danger" disabled={props.busy} onClick={() => props.onYes()}>{props.yes}</button>
        <button type="button" onClick={() => props.onNo()}>{props.no}</button>
      </div>
    </div>
  );
}

/** The browser tab names the page, in the current language. */
export function usePageTitle(key: AccountKey) {
  useSharedPageTitle(() => at(key));
}

/** Six digits from an authenticator app; spaces (some apps show "123 456") are ignored. */
export const checkTotp = (v: string) => {
  const d = v.replace(/\s/g, '');
  return !d ? t('field.required') : /^\d{6}$/.test(d) ? undefined : at('field.codeFormat');
};

/** Whether a refusal is about the mail link itself (expired, used, replaced or altered), and which. */
export function linkProblem(e: unknown): 'token_expired' | 'token_invalid' | undefined {
  if (!(e instanceof ApiFailure)) return undefined;
  if (e.code === 'token_expired') return 'token_expired';
  if (e.code === 'token_invalid' || (e.code === 'invalid_request' && 'token' in e.fields)) return 'token_invalid';
  return undefined;
}

/**
 * Whether the page knows who is signed in here (or that nobody is). A page that writes as soon as it opens (a mail
 * link's token) waits for it: a signed-in browser's write needs the login's CSRF token, which /api/me brings.
 */
export const accountKnown = () => account.me.state === 'ready' || account.me.state === 'refreshing' || account.me.state === 'errored';

/** The signed-in person on pages open to everyone: undefined while loading or when /api/me could not be read. */
export const currentMe = () => (account.me.error ? undefined : account.me());
