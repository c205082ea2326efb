import { createSignal, Show } from 'solid-js';
import { codeProblem, prefectureOf } from '../../../functions/contract/constants.ts';
import { ApiFailure } from '../api/client.ts';
import { onboardTenant } from '../api/region.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { adm } from './i18n/index.ts';
import type { AdminKey } from './i18n/ja.ts';

type Key = 'code' | 'nameJa' | 'nameEn' | 'staffEmail';

/**
 * Onboarding a municipality: its six-digit local-government code (the check digit is checked here and again by the
 * API; the prefecture follows from the code), its name in both languages, and its first staff member, who is invited.
 */
export function OnboardForm(props: { onDone: () => void }) {
  const [code, setCode] = createSignal('');
  const [ja, setJa] = createSignal('');
  const [en, setEn] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const [errors, setErrors] = createSignal<Partial<Record<Key, AdminKey>>>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const err = (k: Key) => { const key = errors()[k]; return key ? adm(key) : undefined; };
  const codeHint = () => { const c = code().trim(); return /^\d{6}$/.test(c) && !codeProblem(c) ? adm('onboard.codeIs', { prefecture: prefectureOf(c) }) : adm('onboard.codeHint'); };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFailure(undefined); setDone(undefined);
    const errs: Partial<Record<Key, AdminKey>> = {};
    const p = codeProblem(code().trim());
    if (p) errs.code = p === 'check_digit' ? 'onboard.error.checkDigit' : p === 'prefecture' ? 'onboard.error.prefecture' : 'onboard.error.format';
    if (!ja().trim()) errs.nameJa = 'onboard.error.required';
    if (!en().trim()) errs.nameEn = 'onboard.error.required';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email().trim())) errs.staffEmail = 'onboard.error.email';
    setErrors(errs);
    if (Object.keys(errs).length > 0) { queueMicrotask(() => summary?.focus()); return; }
    setBusy(true);
    try {
      const r = await onboardTenant({ code: code().trim(), name: { ja: ja().trim(), en: en().trim() }, staffEmail: email().trim(), ...(name().trim() ? { staffName: name().trim() } : {}) });
      setDone(adm('onboard.done', { name: ja().trim(), code: r.id, prefecture: r.prefecture, email: email().trim() }));
      setCode(''); setJa(''); setEn(''); setEmail(''); setName('');
      props.onDone();
    } catch (x) {
      const f = x instanceof ApiFailure ? x.fields : {};
      const mapped: Partial<Record<Key, AdminKey>> = {};
      if (f.code) mapped.code = 'onboard.error.checkDigit';
      if (f['name.ja']) mapped.nameJa = 'onboard.error.required';
      if (f['name.en']) mapped.nameEn = 'onboard.error.required';
      if (f.staffEmail) mapped.staffEmail = 'onboard.error.email';
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(x);
    } finally {
      setBusy(false);
      queueMicrotask(() => summary?.focus());
    }
  };
  return (
    <section class="card onboard" aria-labelledby="onboard-title">
      <h2 id="onboard-title">{adm('onboard.title')}</h2>
      <p>{adm('onboard.intro')}</p>
      <div tabindex="-1" ref={summary}>
        <Show when={Object.keys(errors()).length > 0}><div class="notice error" role="alert"><p>{adm('onboard.error.summary')}</p></div></Show>
        <ErrorNotice error={failure()} />
        <Show when={done()}><p class="notice ok" role="status">{done()}</p></Show>
      </div>
      <form onSubmit={submit} novalidate>
        <Field id="onboard-code" label={adm('onboard.code')} hint={codeHint()} error={err('code')} inputmode="numeric" autocomplete="off" maxlength={6}
          required value={code()} onInput={(e) => setCode(e.currentTarget.value)} />
        <Field id="onboard-ja" label={adm('onboard.nameJa')} error={err('nameJa')} required maxlength={40} value={ja()} onInput={(e) => setJa(e.currentTarget.value)} />
        <Field id="onboard-en" label={adm('onboard.nameEn')} error={err('nameEn')} required maxlength={60} lang="en" value={en()} onInput={(e) => setEn(e.currentTarget.value)} />
        <Field id="onboard-email" label={adm('onboard.staffEmail')} hint={adm('onboard.staffEmailHint')} error={err('staffEmail')} type="email" autocomplete="off" required
          value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
        <Field id="onboard-name" label={adm('onboard.staffName')} maxlength={80} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy()}>{busy() ? adm('onboard.sending') : adm('onboard.send')}</button>
      </form>
    </section>
  );
}
