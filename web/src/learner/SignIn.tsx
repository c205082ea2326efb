import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { signIn, signInWithCode } from '../api/account.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { t } from '../i18n/index.ts';
import { checkEmail, checkRequired, safeNext } from '../components/forms.ts';

/** Email and password; for staff, advisors and admins (and founders who turned it on) then a two-step code. */
export function SignInPage() {
  usePageTitle(() => t('signIn.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [ticket, setTicket] = createSignal<string>();
  const [code, setCode] = createSignal('');
  const [useRecovery, setUseRecovery] = createSignal(false);
  const [errors, setErrors] = createSignal<Record<string, string | undefined>>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  let codeInput: HTMLInputElement | undefined;

  const run = async (work: () => Promise<void>) => {
    setFailure(undefined);
    setBusy(true);
    try { await work(); } catch (e) { setFailure(e); } finally { setBusy(false); }
  };

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const local = { email: checkEmail(email()), password: checkRequired(password()) };
    setErrors(local);
    if (local.email || local.password) return;
    await run(async () => {
      const r = await signIn({ email: email(), password: password() });
      if ('next' in r) {
        setTicket(r.ticket);
        queueMicrotask(() => codeInput?.focus());
        return;
      }
      navigate(safeNext(params.next), { replace: true });
    });
  };

  const submitCode = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const value = code().trim();
    const problem = !value ? t('field.required') : !useRecovery() && !/^\d{6}$/.test(value) ? t('signIn.codeFormat') : undefined;
    setErrors({ code: problem });
    if (problem) return;
    await run(async () => {
      await signInWithCode(useRecovery() ? { ticket: ticket()!, recoveryCode: value } : { ticket: ticket()!, code: value });
      navigate(safeNext(params.next), { replace: true });
    });
  };

  return (
    <section class="narrow">
      <h1>{t('signIn.title')}</h1>
      <ErrorNotice error={failure()} />
      <Show when={ticket()} fallback={
        <form onSubmit={submit} novalidate>
          <Field id="email" label={t('signIn.email')} type="email" autocomplete="username" inputmode="email" required
            value={email()} onInput={(e) => setEmail(e.currentTarget.value)} error={errors().email} />
          <Field id="password" label={t('signIn.password')} type="password" autocomplete="current-password" required
            value={password()} onInput={(e) => setPassword(e.currentTarget.value)} error={errors().password} />
          <button type="submit" class="primary" disabled={busy()}>{t('signIn.submit')}</button>
        </form>
      }>
        <form onSubmit={submitCode} novalidate>
          <p>{useRecovery() ? t('signIn.recoveryHelp') : t('signIn.codeHelp')}</p>
          <Field id="code" label={useRecovery() ? t('signIn.recoveryCode') : t('signIn.code')} required
            inputmode={useRecovery() ? 'text' : 'numeric'} autocomplete="one-time-code" ref={(el: HTMLInputElement) => { codeInput = el; }}
            value={code()} onInput={(e) => setCode(e.currentTarget.value)} error={errors().code} />
          <button type="submit" class="primary" disabled={busy()}>{t('signIn.verify')}</button>
          <button type="button" class="link" onClick={() => { setUseRecovery(!useRecovery()); setCode(''); setErrors({}); }}>
            {useRecovery() ? t('signIn.useCode') : t('signIn.useRecovery')}
          </button>
        </form>
      </Show>
      <Show when={!ticket()}><p><A href="/reset-password">{t('signIn.forgot')}</A></p></Show>
      <p class="aside">{t('signIn.noAccount')} <A href="/signup">{t('signIn.toSignUp')}</A></p>
    </section>
  );
}
