import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { signIn } from '../api/account.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { t } from '../i18n/index.ts';
import { checkEmail, checkRequired, safeNext } from '../components/forms.ts';

export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<Record<string, string | undefined>>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const local = { email: checkEmail(email()), password: checkRequired(password()) };
    setErrors(local);
    setFailure(undefined);
    if (local.email || local.password) return;
    setBusy(true);
    try {
      await signIn({ email: email(), password: password() });
      navigate(safeNext(params.next), { replace: true });
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <h1>{t('signIn.title')}</h1>
      <ErrorNotice error={failure()} />
      <form onSubmit={submit} novalidate>
        <Field id="email" label={t('signIn.email')} type="email" autocomplete="username" inputmode="email" required
          value={email()} onInput={(e) => setEmail(e.currentTarget.value)} error={errors().email} />
        <Field id="password" label={t('signIn.password')} type="password" autocomplete="current-password" required
          value={password()} onInput={(e) => setPassword(e.currentTarget.value)} error={errors().password} />
        <button type="submit" class="primary" disabled={busy()}>{t('signIn.submit')}</button>
      </form>
      <p class="aside">{t('signIn.noAccount')} <A href="/signup">{t('signIn.toSignUp')}</A></p>
    </section>
  );
}
