// The admin area (広域連合の事務局): one lazy chunk with its own messages, loaded only when someone opens /admin.
import { A, type RouteSectionProps } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import type { RegionTenants } from '../../../functions/contract/region.ts';
import { createRegionTenants } from '../api/region.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { pick } from '../i18n/index.ts';
import { formatNumber, formatWeek, rt } from '../roles/i18n/index.ts';
import { RequireRole } from '../roles/RequireRole.tsx';
import { adm } from './i18n/index.ts';

export { AdminInvitationsPage } from './Invitations.tsx';

/** Layout of every admin page: the guard, then the area's menu. */
export function AdminArea(props: RouteSectionProps) {
  return (
    <RequireRole role="admin">
      <nav class="subnav" aria-label={adm('nav.label')}>
        <A href="/admin" end>{adm('nav.home')}</A>
        <A href="/admin/invitations">{adm('nav.invitations')}</A>
      </nav>
      {props.children}
    </RequireRole>
  );
}

/** Container: every municipality with its figures. */
export function AdminHomePage() {
  const { region, refetch } = createRegionTenants();
  return (
    <Switch fallback={<Loading />}>
      <Match when={region.error}><h1>{adm('home.title')}</h1><ErrorNotice error={region.error} onRetry={refetch} /></Match>
      <Match when={region()}>{(r) => <RegionView region={r()} />}</Match>
    </Switch>
  );
}

const FIGURES = ['founders', 'activeThisWeek', 'courseCompleted', 'eligible'] as const;

/** View: one row per municipality, by local-government code, with the union's totals. */
export function RegionView(props: { region: RegionTenants }) {
  const rows = () => [...props.region.tenants].sort((a, b) => a.id.localeCompare(b.id));
  const total = (k: (typeof FIGURES)[number]) => props.region.tenants.reduce((n, x) => n + x[k], 0);
  return (
    <article class="region" aria-labelledby="region-title">
      <h1 id="region-title">{adm('home.title')}</h1>
      <Show when={rows().length > 0} fallback={<p class="notice">{adm('home.empty')}</p>}>
        <p>{adm('home.intro', { count: formatNumber(rows().length), week: formatWeek(props.region.week) })}</p>
        <p class="small narrow-only">{adm('home.scrollHint')}</p>
        {/* Wider than a phone: the table scrolls inside its own focusable region, never the page. */}
        <div class="table-scroll" role="region" aria-labelledby="region-caption" tabindex="0">
          <table class="data">
            <caption id="region-caption">{adm('home.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{adm('home.col.tenant')}</th>
                <th scope="col">{adm('home.col.code')}</th>
                <For each={FIGURES}>{(k) => <th scope="col" class="num">{rt(`figure.${k}`)}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(x) => (
                  <tr data-tenant={x.id}>
                    <th scope="row">{pick(x.name)} <span class="small">{x.prefecture}</span></th>
                    <td>{x.id}</td>
                    <For each={FIGURES}>{(k) => <td class="num">{formatNumber(x[k])}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>{adm('home.total')}</th>
                <For each={FIGURES}>{(k) => <td class="num">{formatNumber(total(k))}</td>}</For>
              </tr>
            </tfoot>
          </table>
        </div>
      </Show>
    </article>
  );
}
