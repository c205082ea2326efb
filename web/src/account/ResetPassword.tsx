import { A } from '@solidjs/router';
import { createSignal, onCleanup, Show } from 'solid-js';
import { requestPasswordReset, resetPassword } from '../api/mail-links.ts';
import { Field } from '../components/Field.tsx';
import { checkEmail, checkPassword } from '../components/forms.ts';
import { t } from '../i18n/index.ts';
import { at } from './i18n/index.ts';
import { dropLinkToken, takeLinkToken, wellFormedToken } from './link-token.ts';
import { createForm, linkProblem, serverFields, usePageTitle } from './ui.tsx';

/**
 * /reset-password: without a link, the form that asks for one (the same answer whatever the email); with the link
 * from the mail (#t=…), the new password.
 */
export function ResetPasswordPage() {
  usePageTitle('reset.title');
  // An object per link, so that the same link opened again starts its form afresh.
  const linkOf = (token: string | undefined) => (token ? { token } : undefined);
  const [link, setLink] = createSignal(linkOf(takeLinkToken('reset')));
  const askNew = () => { dropLinkToken('reset'); setLink(undefined); };
  // The mailed link opened in this same tab, on this page (the person asked for it here): only the fragment changes.
  const onHash = () => { if (location.hash.includes('t=')) setLink(linkOf(takeLinkToken('reset'))); };
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  return (
    <section class="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{at('reset.title')}</h1>
      <Show when={link()} keyed fallback={<RequestResetView />}>
        {(l) => <NewPasswordView token={l.token} onAskNew={askNew} />}
      </Show>
    </section>
  );
}

/** The email form. What it says afterwards does not depend on whether the address has an account. */
export function RequestResetView() {
  const form = createForm<'email'>();
  const [email, setEmail] = createSignal('');
  const [sent, setSent] = createSignal<string>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!form.check({ email: checkEmail(email()) })) return;
    const address = email().trim();
    if (await form.run(() => requestPasswordReset(address), (x) => serverFields<'email'>(x))) setSent(address);
  };
  return (
    <Show when={sent()} fallback={
      <>
        <p>{at('reset.intro')}</p>
        <form.Summary />
        <form onSubmit={submit} novalidate>
          <Field id="reset-email" label={at('reset.email')} type="email" autocomplete="email" inputmode="email" required
            value={email()} onInput={(e) => setEmail(e.currentTarget.value)} error={form.err('email')} />
          <button type="submit" class="primary" disabled={form.busy()}>{form.busy() ? at('reset.sending') : at('reset.send')}</button>
        </form>
        <p class="aside"><A href="/signin">{at('reset.toSignIn')}</A></p>
      </>
    }>
      {(address) => (
        <>
          <div class="notice ok" role="status">
            <p>{at('reset.sent', { email: address() })}</p>
            <p>{at('reset.sentHelp')}</p>
          </div>
          <div class="actions">
            <button type="button" onClick={() => { setEmail(''); setSent(undefined); }}>{at('reset.sendAgain')}</button>
            <A href="/signin">{at('reset.toSignIn')}</A>
          </div>
        </>
      )}
    </Show>
  );
}

/** The new password, from the mail's link. A link that is expired, used or altered says so and offers a new one. */
export function NewPasswordView(props: { token: string; onAskNew: () => void }) {
  const form = createForm<'password'>();
  const [password, setPassword] = createSignal('');
  const [dead, setDead] = createSignal<'token_expired' | 'token_invalid' | undefined>(wellFormedToken(props.token) ? undefined : 'token_invalid');
  const [done, setDone] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!form.check({ password: checkPassword(password()) })) return;
    const ok = await form.run(() => resetPassword(props.token, password()), (x) => {
      const problem = linkProblem(x);
      if (problem) { setDead(problem); dropLinkToken('reset'); return {}; }
      return serverFields<'password'>(x);
    });
    if (ok) { dropLinkToken('reset'); setDone(true); }
  };
  return (
    <>
      <Show when={done()}>
        <p class="notice ok" role="status">{at('reset.done')}</p>
        <p><A class="button primary" href="/signin">{at('reset.signIn')}</A></p>
      </Show>
      <Show when={dead()}>
        {(problem) => (
          <>
            <div class="notice error" role="alert"><p>{t(`error.${problem()}`)}</p></div>
            <p><button type="button" class="primary" onClick={() => props.onAskNew()}>{at('reset.askNew')}</button></p>
          </>
        )}
      </Show>
      <Show when={!done() && !dead()}>
        <p>{at('reset.setIntro')}</p>
        <form.Summary />
        <form onSubmit={submit} novalidate>
          <Field id="new-password" label={at('reset.password')} hint={at('field.passwordHint')} type="password" autocomplete="new-password" required
            minlength={8} maxlength={128} value={password()} onInput={(e) => setPassword(e.currentTarget.value)} error={form.err('password')} />
          <button type="submit" class="primary" disabled={form.busy()}>{form.busy() ? at('reset.setting') : at('reset.set')}</button>
        </form>
      </Show>
    </>
  );
}
