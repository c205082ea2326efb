import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { describeCode, signUp } from '../api/account.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { locale, pick, t } from '../i18n/index.ts';
import { checkCode, checkEmail, checkPassword, checkRequired, fieldErrors } from '../components/forms.ts';

export function SignUpPage() {
  usePageTitle(() => t('signUp.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const initialCode = typeof params.code === 'string' ? params.code : '';
  const [code, setCode] = createSignal(initialCode);
  // Undefined, not '', until there is a code to check: a resource fetches for any source but undefined, null and false.
  const [checkedCode, setCheckedCode] = createSignal<string | undefined>(initialCode && !checkCode(initialCode) ? initialCode : undefined);
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<Record<string, string | undefined>>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);

  // Show whose code this is as soon as the founder leaves the field: they know they are joining the right municipality.
  const [codeInfo] = createResource(checkedCode, async (c) => {
    try { return await describeCode(c.trim()); } catch (e) { setErrors({ ...errors(), code: fieldErrors(e).code ?? undefined }); return undefined; }
  });

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const local = { code: checkCode(code()), name: checkRequired(name()), email: checkEmail(email()), password: checkPassword(password()) };
    setErrors(local);
    setFailure(undefined);
    if (Object.values(local).some(Boolean)) return;
    setBusy(true);
    try {
      await signUp({ code: code().trim(), name: name().trim(), email: email().trim(), password: password(), locale: locale() });
      navigate('/', { replace: true });
    } catch (e) {
      setFailure(e);
      setErrors(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <h1>{t('signUp.title')}</h1>
      <p>{t('signUp.intro')}</p>
      <ErrorNotice error={failure()} />
      <form onSubmit={submit} novalidate>
        <Field id="code" label={t('signUp.code')} hint={t('signUp.codeHint')} autocomplete="off" autocapitalize="characters" required
          value={code()} onInput={(e) => setCode(e.currentTarget.value)} error={errors().code}
          onChange={(e) => { const v = e.currentTarget.value; if (!checkCode(v)) { setErrors({ ...errors(), code: undefined }); setCheckedCode(v); } }} />
        <Show when={codeInfo()}>
          {(info) => (
            <p class="notice ok" role="status">
              {info().cohortName
                ? t('signUp.codeForCohort', { tenant: pick(info().tenantName), cohort: info().cohortName! })
                : t('signUp.codeFor', { tenant: pick(info().tenantName) })}
            </p>
          )}
        </Show>
        <Field id="name" label={t('signUp.name')} hint={t('signUp.nameHint')} autocomplete="name" required maxlength={80}
          value={name()} onInput={(e) => setName(e.currentTarget.value)} error={errors().name} />
        <Field id="email" label={t('signUp.email')} type="email" autocomplete="email" inputmode="email" required
          value={email()} onInput={(e) => setEmail(e.currentTarget.value)} error={errors().email} />
        <Field id="password" label={t('signUp.password')} hint={t('signUp.passwordHint')} type="password" autocomplete="new-password" required
          value={password()} onInput={(e) => setPassword(e.currentTarget.value)} error={errors().password} />
        <p class="small">{t('signUp.privacy')} <A href="/privacy">{t('footer.privacy')}</A></p>
        <button type="submit" class="primary" disabled={busy()}>{t('signUp.submit')}</button>
      </form>
      <p class="aside">{t('signUp.haveAccount')} <A href="/signin">{t('signUp.toSignIn')}</A></p>
    </section>
  );
}
