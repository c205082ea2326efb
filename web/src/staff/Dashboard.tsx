import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import type { TenantTotals } from '../../../functions/contract/roles.ts';
import { formatDay, pick, t } from '../i18n/index.ts';
import { formatDateTime, formatNumber, formatWeek, rt } from '../roles/i18n/index.ts';
import { st } from './i18n/index.ts';

const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);

/** View: a municipality's headline figures, coverage by area and completions by module, from plain data. */
export function TenantDashboardView(props: { totals: TenantTotals; courses: PublicCourse[] }) {
  const tt = () => props.totals;
  const people = (n: number) => rt('figure.people', { count: formatNumber(n) });
  const moduleTitle = (courseId: string, moduleId: string) => {
    const m = props.courses.find((c) => c.id === courseId)?.modules.find((x) => x.id === moduleId);
    return m ? pick(m.title) : moduleId;
  };
  // In the curriculum's order; modules the content no longer has come last.
  const modules = () => {
    const order = (courseId: string, moduleId: string) => {
      const ci = props.courses.findIndex((c) => c.id === courseId);
      const mi = ci >= 0 ? props.courses[ci]!.modules.findIndex((m) => m.id === moduleId) : -1;
      return ci < 0 || mi < 0 ? Number.MAX_SAFE_INTEGER : ci * 1000 + mi;
    };
    return [...tt().modules].sort((a, b) => order(a.courseId, a.moduleId) - order(b.courseId, b.moduleId));
  };
  return (
    <article class="dashboard" aria-labelledby="dash-title">
      <h1 id="dash-title">{st('home.title', { tenant: pick(tt().tenantName) })}</h1>
      <p class="small">{rt('asOf', { date: formatDateTime(tt().asOf) })}</p>

      <section aria-labelledby="dash-headline">
        <h2 id="dash-headline">{st('home.headline')}</h2>
        <dl class="figures">
          <div class="figure"><dt>{rt('figure.founders')}</dt><dd>{people(tt().founders)}</dd></div>
          <div class="figure"><dt>{rt('figure.activeToday')} <span class="small">({formatDay(tt().day)})</span></dt><dd>{people(tt().activeToday)}</dd></div>
          <div class="figure"><dt>{rt('figure.activeThisWeek')} <span class="small">({formatWeek(tt().week)})</span></dt><dd>{people(tt().activeThisWeek)}</dd></div>
          <div class="figure"><dt>{rt('figure.courseCompleted')}</dt><dd>{people(tt().courseCompleted)}</dd></div>
          <div class="figure"><dt>{rt('figure.eligible')}</dt><dd>{people(tt().eligible)}</dd></div>
          <div class="figure"><dt>{rt('figure.oneAreaShort')}</dt><dd>{people(tt().oneAreaShort)}</dd></div>
        </dl>
        <Show when={tt().founders === 0}><p class="notice">{st('home.noFounders')}</p></Show>
      </section>

      <section aria-labelledby="dash-coverage">
        <h2 id="dash-coverage">{st('home.coverage')}</h2>
        <AreaChart counts={tt().coveredByArea} founders={tt().founders} />
      </section>

      <section aria-labelledby="dash-modules">
        <h2 id="dash-modules">{st('home.modules')}</h2>
        <Show when={modules().length > 0} fallback={<p>{st('home.noModules')}</p>}>
          <table class="data">
            <caption>{st('home.modulesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{st('home.col.module')}</th>
                <th scope="col" class="num">{st('home.col.moduleCompletions')}</th>
                <th scope="col" class="num">{st('home.col.lessonCompletions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={modules()}>
                {(m) => (
                  <tr>
                    <th scope="row">{moduleTitle(m.courseId, m.moduleId)}</th>
                    <td class="num">{formatNumber(m.moduleCompletions)}</td>
                    <td class="num">{formatNumber(m.lessonCompletions)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>
      <p><A class="button" href={`/staff/${tt().tenantId}/rule`}>{st('home.toRule')}</A></p>
    </article>
  );
}

/**
 * Founders who covered each area, as bars for the eye (SVG, hidden from assistive technology) and as a table with
 * the same figures for everyone: the table is the chart's text alternative, not an extra.
 */
export function AreaChart(props: { counts: TenantTotals['coveredByArea']; founders: number }) {
  const rows = () => AREAS.map((area) => ({ area, count: props.counts[area], pct: share(props.counts[area], props.founders) }));
  const ROW = 34;
  const LABEL = 92;
  const WIDTH = 320;
  const barMax = WIDTH - LABEL - 58;
  return (
    <figure class="chart">
      <svg class="bars" viewBox={`0 0 ${WIDTH} ${AREAS.length * ROW}`} aria-hidden="true">
        <For each={rows()}>
          {(r, i) => (
            <g transform={`translate(0 ${i() * ROW})`}>
              <text x="0" y={ROW / 2 + 5} class="bar-label">{t(`area.${r.area}`)}</text>
              <rect x={LABEL} y="6" width={barMax} height={ROW - 14} rx="4" class="bar-track" />
              <rect x={LABEL} y="6" width={Math.max(r.pct > 0 ? 2 : 0, (barMax * r.pct) / 100)} height={ROW - 14} rx="4" class="bar-value" />
              <text x={LABEL + barMax + 6} y={ROW / 2 + 5} class="bar-figure">{r.pct}%</text>
            </g>
          )}
        </For>
      </svg>
      <table class="data">
        <caption>{st('home.coverageCaption', { founders: formatNumber(props.founders) })}</caption>
        <thead>
          <tr>
            <th scope="col">{st('home.col.area')}</th>
            <th scope="col" class="num">{st('home.col.founders')}</th>
            <th scope="col" class="num">{st('home.col.share')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr data-area={r.area}>
                <th scope="row">{t(`area.${r.area}`)}</th>
                <td class="num">{formatNumber(r.count)}</td>
                <td class="num">{r.pct}%</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  );
}
