import { A, useParams } from '@solidjs/router';
import { createResource, Match, Show, Switch } from 'solid-js';
import type { Localized, PublicLocalPage } from '../../../functions/contract/catalog.ts';
import { account } from '../api/account.ts';
import { getLocalPages, hasLocalPages, learnerMunicipality } from '../api/local.ts';
import { getCourseIndex } from '../api/progress.ts';
import { isNotFound, Loading, PageFailure } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { formatDay, locale, pick, t } from '../i18n/index.ts';
import { fallsBack } from './language.ts';

/**
 * Container: one page of the founder's own municipality (the only file this app fetches), found by its id. A page of
 * another municipality cannot be reached from here: the route has no municipality in it.
 */
export function LocalPagePage() {
  const params = useParams();
  const municipality = () => learnerMunicipality(account.me());
  const [data, { refetch }] = createResource(() => {
    const m = municipality();
    return m ? { tenantId: m.tenantId, pageId: params.pageId!, lang: locale() } : undefined;
  }, async (k) => {
    const index = await getCourseIndex();
    if (!hasLocalPages(index, k.tenantId)) return null;
    return (await getLocalPages(k.tenantId, k.lang)).pages.find((p) => p.id === k.pageId) ?? null;
  });
  usePageTitle(() => {
    if (account.me() && !municipality()) return t('local.notFound');
    if (data.error) return t(isNotFound(data.error) ? 'state.notFound' : 'state.loadFailed');
    const page = data.latest;
    return page === null ? t('local.notFound') : page?.title;
  });
  return (
    <Switch fallback={<Loading />}>
      <Match when={account.me() && !municipality()}><NotFound /></Match>
      <Match when={data.error}><PageFailure error={data.error} title={t('state.loadFailed')} onRetry={refetch} /></Match>
      <Match when={data.latest}>{(p) => <LocalPageView page={p()} city={municipality()!.tenantName} />}</Match>
      <Match when={data.latest === null}><NotFound /></Match>
    </Switch>
  );
}

function NotFound() {
  return (
    <>
      <h1>{t('local.notFound')}</h1>
      <p><A href="/">{t('local.backHome')}</A></p>
    </>
  );
}

/** View: a local page, rendered at build time and sanitized like a lesson; Japanese text is marked when the app is English. */
export function LocalPageView(props: { page: PublicLocalPage; city: Localized }) {
  return (
    <article class="local-page">
      <nav aria-label={t('local.backHome')} class="crumbs">
        <A href="/">{t('nav.home')}</A> › <span>{t('local.title', { city: pick(props.city) })}</span>
      </nav>
      <h1 lang={props.page.lang}>{props.page.title}</h1>
      <p class="meta">{t('local.checked', { date: formatDay(props.page.checked) })}</p>
      <Show when={fallsBack(props.page.lang)}><p class="notice lang-notice" role="note">{t('local.japaneseOnly')}</p></Show>
      {/* Rendered by markdown-it with raw HTML disabled at build time, exactly like lesson HTML. */}
      <div class="lesson-body" lang={props.page.lang} innerHTML={props.page.html} />
      <p><A href="/">{t('local.backHome')}</A></p>
    </article>
  );
}
