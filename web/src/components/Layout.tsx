import { A, useLocation, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, For, on, onCleanup, onMount, Show } from 'solid-js';
import { account, signOut, WORKSPACE_HOME, workspacesOf } from '../api/account.ts';
import { whenSecondFactorRequired } from '../api/client.ts';
import { announce } from '../api/notices.ts';
import { locale, setLocale, t } from '../i18n/index.ts';
import { Announcements } from './Announcements.tsx';
import { SyncStatus } from './SyncStatus.tsx';
import { focusElement, focusHeadingAfterNavigation, focusProblemAfterSubmit } from './focus.ts';

/** Header, language switch, the main landmark and the footer around every page. */
export function Layout(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  // A request refused for want of two-step sign-in: set it up (or sign in again with it), then come back here.
  whenSecondFactorRequired(() => {
    if (location.pathname === '/account/two-factor') return;
    navigate(`/account/two-factor?next=${encodeURIComponent(location.pathname + location.search)}`);
  });
  onCleanup(() => whenSecondFactorRequired(undefined));
  const out = async () => {
    try {
      const r = await signOut();
      if (!r.serverEnded) announce({ key: 'signOut.offline', tone: 'info' });
    } finally { navigate('/signin', { replace: true }); }
  };
  // Focus follows the page: to the new page's heading after a route change (not on the first load, where the reader
  // starts at the top anyway), and to what went wrong after a form submission fails.
  let main!: HTMLElement;
  let stopHeading: (() => void) | undefined;
  let stopProblem: (() => void) | undefined;
  createEffect(on(() => location.pathname, () => {
    stopHeading?.();
    stopProblem?.();
    stopHeading = focusHeadingAfterNavigation(main);
  }, { defer: true }));
  onMount(() => {
    const onSubmit = (e: SubmitEvent) => {
      if (!(e.target instanceof HTMLFormElement)) return;
      stopProblem?.();
      stopProblem = focusProblemAfterSubmit(main, e.target);
    };
    main.addEventListener('submit', onSubmit);
    onCleanup(() => main.removeEventListener('submit', onSubmit));
  });
  onCleanup(() => { stopHeading?.(); stopProblem?.(); });
  // The router would treat "#main" as a navigation; the skip link's job is to move focus, so it does that itself.
  const skip = (e: MouseEvent) => { e.preventDefault(); focusElement(main); main.scrollIntoView?.(); };
  return (
    <>
      <a class="skip" href="#main" on:click={skip}>{t('nav.skip')}</a>
      <header class="top">
        <A href="/" class="brand">{t('app.name')}</A>
        <nav aria-label={t('nav.main')} class="topnav">
          <Show when={account.me()}>
            {/* A person with several roles switches between their areas here. */}
            <Show when={workspacesOf(account.me()).length > 1} fallback={<A href="/" end>{t('nav.home')}</A>}>
              <For each={workspacesOf(account.me())}>
                {(w) => <A href={WORKSPACE_HOME[w]} end={w === 'learner'}>{t(`nav.workspace.${w}`)}</A>}
              </For>
            </Show>
            <A href="/account">{t('nav.account')}</A>
            <button type="button" class="link" onClick={out}>{t('nav.signOut')}</button>
          </Show>
          {/* Named in the language it switches to, so a reader of that language can find it. */}
          <button type="button" class="link lang" lang={locale() === 'ja' ? 'en' : 'ja'} onClick={() => setLocale(locale() === 'ja' ? 'en' : 'ja')}>
            {t('nav.language')}
          </button>
        </nav>
      </header>
      <Show when={account.me()}><SyncStatus /></Show>
      <main id="main" tabindex="-1" ref={main}>{props.children}</main>
      <footer class="foot">
        <A href="/privacy">{t('footer.privacy')}</A>
      </footer>
      <Announcements />
    </>
  );
}
