import { A } from '@solidjs/router';
import { createResource, Match, Show, Switch } from 'solid-js';
import { reloadMe } from '../api/account.ts';
import { confirmEmail } from '../api/mail-links.ts';
import { t } from '../i18n/index.ts';
import { at } from './i18n/index.ts';
import { dropLinkToken, takeLinkToken, wellFormedToken } from './link-token.ts';
import { accountKnown, currentMe, failureText, linkProblem, usePageTitle } from './ui.tsx';

/**
 * /account/confirm-email#t=…: confirms the address of a new account, or moves an account to its new address. Works
 * signed in or out; when signed in, the account is read again so every page shows the confirmed address.
 */
export function ConfirmEmailPage() {
  usePageTitle('confirm.title');
  const token = takeLinkToken('confirm');
  const [result] = createResource(() => (accountKnown() ? token : undefined), async (tk) => {
    try {
      if (!wellFormedToken(tk)) throw Object.assign(new Error('token'), { dead: 'token_invalid' as const });
      await confirmEmail(tk);
      dropLinkToken('confirm');
      // Signed in here: /api/me now says the address is confirmed (and which one, after a change).
      if (currentMe() !== null) await reloadMe().catch(() => undefined);
      return true;
    } catch (e) {
      // A link refused once is refused for good: a reload must not try it again.
      if (linkProblem(e) || (e as { dead?: string }).dead) dropLinkToken('confirm');
      throw e;
    }
  });
  const signedIn = () => Boolean(currentMe());
  const problemText = (e: unknown) => ((e as { dead?: string }).dead ? t('error.token_invalid') : failureText(e));
  return (
    <section class="narrow" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{at('confirm.title')}</h1>
      <Switch fallback={<p class="loading" role="status">{at('confirm.working')}</p>}>
        <Match when={!token}><p class="notice">{at('confirm.noToken')}</p></Match>
        <Match when={result.error}>
          <div class="notice error" role="alert"><p>{problemText(result.error)}</p></div>
          <Show when={signedIn()} fallback={<><p>{at('confirm.askNewSignedOut')}</p><p><A class="button primary" href="/signin?next=%2Faccount">{at('confirm.signIn')}</A></p></>}>
            <p>{at('confirm.askNewSignedIn')}</p>
            <p><A class="button primary" href="/account">{at('confirm.toAccount')}</A></p>
          </Show>
        </Match>
        <Match when={result.state === 'ready'}>
          <Show when={currentMe()} fallback={<><p class="notice ok" role="status">{at('confirm.done')}</p><p><A class="button primary" href="/signin">{at('confirm.signIn')}</A></p></>}>
            {(me) => (
              <>
                <p class="notice ok" role="status">{at('confirm.doneAs', { email: me().user.email })}</p>
                <ul class="link-list start">
                  <li><A class="button" href="/account">{at('confirm.toAccount')}</A></li>
                  <li><A href="/">{at('confirm.toHome')}</A></li>
                </ul>
              </>
            )}
          </Show>
        </Match>
      </Switch>
    </section>
  );
}
