// The admin area (広域連合の事務局): one lazy chunk with its own messages, loaded only when someone opens /admin.
import { A, type RouteSectionProps } from '@solidjs/router';
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { RegionTenants } from '../../../functions/contract/region.ts';
import { createRegionTenants } from '../api/region.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { pick } from '../i18n/index.ts';
import { formatNumber, formatWeek, rt } from '../roles/i18n/index.ts';
import { RequireRole } from '../roles/RequireRole.tsx';
import { adm } from './i18n/index.ts';
import { OnboardForm } from './Onboard.tsx';
import { percent } from './format.ts';
import './admin.css';

export { AdminInvitationsPage } from './Invitations.tsx';
export { AdminKpiPage, AdminSurveysPage } from './Surveys.tsx';
export { AdminModulePage, AdminModulesPage } from './Modules.tsx';

/** Layout of every admin page: the guard, then the area's menu. */
export function AdminArea(props: RouteSectionProps) {
  return (
    <RequireRole role="admin">
      <nav class="subnav" aria-label={adm('nav.label')}>
        <A href="/admin" end>{adm('nav.home')}</A>
        <A href="/admin/surveys">{adm('nav.surveys')}</A>
        <A href="/admin/modules">{adm('nav.modules')}</A>
        <A href="/admin/invitations">{adm('nav.invitations')}</A>
      </nav>
      {props.children}
    </RequireRole>
  );
}

/** Container: every municipality with its figures. */
export function AdminHomePage() {
  usePageTitle(() => adm('home.title'));
  const { region, refetch } = createRegionTenants();
  return (
    <Switch fallback={<Loading />}>
      <Match when={region.error}><h1>{adm('home.title')}</h1><ErrorNotice error={region.error} onRetry={refetch} /></Match>
      <Match when={region.latest}>{(r) => <RegionView region={r()} onboarded={refetch} />}</Match>
    </Switch>
  );
}

type Row = RegionTenants['tenants'][number];
const COLUMNS = ['founders', 'activeThisWeek', 'courseCompleted', 'eligible', 'attendanceRate', 'makeUpRate', 'feedbackScore', 'survey'] as const;
type Column = 'name' | 'id' | (typeof COLUMNS)[number];
const COUNTS = ['founders', 'activeThisWeek', 'courseCompleted', 'eligible'] as const;
const SURVEY_ORDER: Record<Row['survey'], number> = { pending: 0, not_effective: 1, effective: 2, not_expected: 3, no_survey: 4 };

/** The value a column sorts by: numbers (no value last), survey status by how much it needs following up. */
function sortValue(r: Row, c: Column): number | string | null {
  if (c === 'name') return pick(r.name);
  if (c === 'id') return r.id;
  if (c === 'survey') return SURVEY_ORDER[r.survey];
  return r[c];
}

/**
 * View: one row per municipality — founders, activity, completion, eligibility, seminar attendance and make-ups,
 * module rating, and the latest survey's answer (pending is shown as pending) — sortable by any column, the totals
 * below, the CSV export, and the onboarding form.
 */
export function RegionView(props: { region: RegionTenants; onboarded?: () => void }) {
  const [sort, setSort] = createSignal<{ by: Column; desc: boolean }>({ by: 'id', desc: false });
  const rows = createMemo(() => {
    const { by, desc } = sort();
    return [...props.region.tenants].sort((a, b) => {
      const x = sortValue(a, by); const y = sortValue(b, by);
      if (x === null || y === null) return x === y ? a.id.localeCompare(b.id) : x === null ? 1 : -1;
      const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'ja');
      return (desc ? -d : d) || a.id.localeCompare(b.id);
    });
  });
  const total = (k: (typeof COUNTS)[number]) => props.region.tenants.reduce((n, x) => n + x[k], 0);
  const pending = () => props.region.tenants.filter((x) => x.survey === 'pending').length;
  const header = (c: Column, label: string, num = false) => {
    const active = () => sort().by === c;
    return (
      <th scope="col" class={num ? 'num' : undefined} aria-sort={active() ? (sort().desc ? 'descending' : 'ascending') : undefined}>
        <button type="button" class="sort" onClick={() => setSort((s) => ({ by: c, desc: s.by === c ? !s.desc : num }))}>
          {label}<span aria-hidden="true">{active() ? (sort().desc ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };
  const cell = (r: Row, c: (typeof COLUMNS)[number]) => {
    switch (c) {
      case 'attendanceRate': case 'makeUpRate': return r[c] === null ? '—' : percent(r[c]);
      case 'feedbackScore': return r.feedbackScore === null ? '—' : r.feedbackScore.toFixed(2);
      case 'survey': return <span class={`badge survey-${r.survey}`}>{adm(`survey.status.${r.survey}`)}</span>;
      default: return formatNumber(r[c]);
    }
  };
  return (
    <article class="region" aria-labelledby="region-title">
      <h1 id="region-title">{adm('home.title')}</h1>
      <Show when={props.region.tenants.length > 0} fallback={<p class="notice">{adm('home.empty')}</p>}>
        <p>{adm('home.intro', { count: formatNumber(props.region.tenants.length), week: formatWeek(props.region.week) })}</p>
        <Show when={props.region.surveyLabel}>
          {(l) => <p><A href={`/admin/surveys/${props.region.surveyYear}`}>{adm('home.surveyLink', { year: pick(l()), pending: formatNumber(pending()) })}</A></p>}
        </Show>
        <p class="actions">
          <a class="button" href="/api/region/tenants.csv" download="">{adm('home.csv')}</a>
        </p>
        <p class="small">{adm('home.sortHint')} <span class="narrow-only">{adm('home.scrollHint')}</span></p>
        {/* Wider than a phone: the table scrolls inside its own focusable region, never the page. */}
        <div class="table-scroll" role="region" aria-labelledby="region-caption" tabindex="0">
          <table class="data">
            <caption id="region-caption">{adm('home.caption')}</caption>
            <thead>
              <tr>
                {header('name', adm('home.col.tenant'))}
                {header('id', adm('home.col.code'))}
                <For each={COLUMNS}>{(k) => header(k, k === 'survey' ? adm('home.col.survey', { year: props.region.surveyLabel ? pick(props.region.surveyLabel) : '' }) : COUNTS.includes(k as never) ? rt(`figure.${k as (typeof COUNTS)[number]}`) : adm(`home.col.${k as 'attendanceRate'}`), k !== 'survey')}</For>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(x) => (
                  <tr data-tenant={x.id}>
                    <th scope="row">{pick(x.name)} <span class="small">{x.prefecture}</span></th>
                    <td>{x.id}</td>
                    <For each={COLUMNS}>{(k) => <td class={k === 'survey' ? undefined : 'num'} data-col={k}>{cell(x, k)}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>{adm('home.total')}</th>
                <For each={COUNTS}>{(k) => <td class="num">{formatNumber(total(k))}</td>}</For>
                <td colSpan={4} />
              </tr>
            </tfoot>
          </table>
        </div>
      </Show>
      <OnboardForm onDone={() => props.onboarded?.()} />
    </article>
  );
}
