import { A } from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import type { TenantTotals } from '../../../functions/contract/roles.ts';
import type { TenantActivity } from '../../../functions/contract/staff.ts';
import { formatDay, pick, t } from '../i18n/index.ts';
import { dashboardCsvUrl } from '../api/tenants.ts';
import { formatDateTime, formatNumber, formatWeek, rt } from '../roles/i18n/index.ts';
import { st } from './i18n/index.ts';

const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);

/** View: a municipality's headline figures, coverage by area and completions by module, from plain data. */
/** `sessions`: the seminar sessions' card (Sessions.tsx SessionsCard), after the headline figures. */
export function TenantDashboardView(props: { totals: TenantTotals; courses: PublicCourse[]; activity?: TenantActivity; sessions?: JSX.Element }) {
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

      {props.sessions}

      <Show when={props.activity}>{(a) => <ActivitySection activity={a()} tenantId={tt().tenantId} />}</Show>

      <section aria-labelledby="dash-coverage">
        <h2 id="dash-coverage">{st('home.coverage')}</h2>
        <AreaChart counts={tt().coveredByArea} founders={tt().founders} />
        <CsvLink tenantId={tt().tenantId} table="areas" />
      </section>

      <section aria-labelledby="dash-modules">
        <h2 id="dash-modules">{st('home.modules')}</h2>
        <Show when={modules().length > 0} fallback={<p>{st('home.noModules')}</p>}>
          <ModuleBars rows={modules().map((m) => ({ label: moduleTitle(m.courseId, m.moduleId), count: m.moduleCompletions }))} founders={tt().founders} />
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
          <CsvLink tenantId={tt().tenantId} table="modules" />
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

/** Bars of the share of founders who completed each module; hidden from assistive technology, the table beside it says the same. */
function ModuleBars(props: { rows: { label: string; count: number }[]; founders: number }) {
  const ROW = 30;
  const WIDTH = 320;
  const barMax = WIDTH - 48;
  return (
    <svg class="bars modules-chart" viewBox={`0 0 ${WIDTH} ${props.rows.length * ROW * 1.6}`} aria-hidden="true">
      <For each={props.rows}>
        {(r, i) => {
          const pct = () => share(r.count, props.founders);
          return (
            <g transform={`translate(0 ${i() * ROW * 1.6})`}>
              <text x="0" y="14" class="bar-label">{r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}</text>
              <rect x="0" y="20" width={barMax} height={ROW - 14} rx="4" class="bar-track" />
              <rect x="0" y="20" width={Math.max(pct() > 0 ? 2 : 0, (barMax * pct()) / 100)} height={ROW - 14} rx="4" class="bar-value" />
              <text x={barMax + 6} y={20 + (ROW - 14) / 2 + 5} class="bar-figure">{pct()}%</text>
            </g>
          );
        }}
      </For>
    </svg>
  );
}

/** Active founders over rolling windows, the inactive ones (a link to them), and the fiscal year week by week. */
export function ActivitySection(props: { activity: TenantActivity; tenantId: string }) {
  const a = () => props.activity;
  const people = (n: number) => rt('figure.people', { count: formatNumber(n) });
  const fy = () => pick(a().fiscalYear.label);
  return (
    <>
      <section aria-labelledby="dash-activity">
        <h2 id="dash-activity">{st('home.activity')}</h2>
        <dl class="figures">
          <div class="figure"><dt>{st('figure.active7')}</dt><dd>{people(a().activeLast7Days)}</dd></div>
          <div class="figure"><dt>{st('figure.active30')}</dt><dd>{people(a().activeLast30Days)}</dd></div>
          <div class="figure"><dt>{st('figure.inactive', { days: a().inactiveDays })}</dt><dd>{people(a().inactive)}</dd></div>
        </dl>
        <p><A href={`/staff/${props.tenantId}/founders?status=inactive`}>{st('home.inactiveLink')}</A></p>
      </section>
      <section aria-labelledby="dash-year">
        <h2 id="dash-year">{st('home.year', { fy: fy() })}</h2>
        <Show when={a().fiscalYear.weeks.length > 0} fallback={<p>{st('home.noWeeks')}</p>}>
          <WeeklyChart weeks={a().fiscalYear.weeks} fy={fy()} />
          <CsvLink tenantId={props.tenantId} table="weeks" />
        </Show>
      </section>
    </>
  );
}

type Week = TenantActivity['fiscalYear']['weeks'][number];
const SERIES = [
  { key: 'enrolments', label: 'home.col.enrolments', cls: 'line-enrolments' },
  { key: 'moduleCompletions', label: 'home.col.weekModules', cls: 'line-modules' },
  { key: 'courseCompletions', label: 'home.col.weekCourses', cls: 'line-courses' },
] as const;

/**
 * Enrolments and completions per week as lines for the eye (SVG, hidden from assistive technology; the lines differ
 * in dash as well as colour) and the same figures, with founders active, as a table in its own scrolling region.
 */
export function WeeklyChart(props: { weeks: Week[]; fy: string }) {
  const W = 320;
  const H = 160;
  const PAD = { left: 28, right: 8, top: 8, bottom: 22 };
  const max = () => Math.max(1, ...props.weeks.flatMap((w) => SERIES.map((s) => w[s.key])));
  const x = (i: number) => PAD.left + (props.weeks.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (props.weeks.length - 1));
  const y = (v: number) => H - PAD.bottom - (v * (H - PAD.top - PAD.bottom)) / max();
  const points = (key: (typeof SERIES)[number]['key']) => props.weeks.map((w, i) => `${x(i).toFixed(1)},${y(w[key]).toFixed(1)}`).join(' ');
  // A month label where a month starts, so the eye finds April, May, … along the axis.
  const monthTicks = () => props.weeks.map((w, i) => ({ i, month: Number(w.start.slice(5, 7)), first: i === 0 || w.start.slice(5, 7) !== props.weeks[i - 1]!.start.slice(5, 7) }))
    .filter((m) => m.first)
    // A fiscal year's first week may start in March: its label would sit on April's.
    .filter((m, k, all) => k === all.length - 1 || all[k + 1]!.i - m.i >= 3);
  return (
    <figure class="chart">
      <svg class="lines" viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} class="axis" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} class="axis" />
        <text x={PAD.left - 4} y={PAD.top + 8} class="tick" text-anchor="end">{max()}</text>
        <text x={PAD.left - 4} y={H - PAD.bottom} class="tick" text-anchor="end">0</text>
        <For each={monthTicks()}>{(m) => <text x={x(m.i)} y={H - 6} class="tick" text-anchor="middle">{m.month}</text>}</For>
        <For each={SERIES}>{(s) => <polyline points={points(s.key)} class={`line ${s.cls}`} fill="none" />}</For>
      </svg>
      <ul class="legend" aria-hidden="true">
        <For each={SERIES}>{(s) => <li><span class={`swatch ${s.cls}`} />{st(s.label)}</li>}</For>
      </ul>
      <div class="table-scroll weeks" role="region" tabindex="0" aria-label={st('home.yearRegion', { fy: props.fy })}>
        <table class="data">
          <caption>{st('home.yearCaption', { fy: props.fy })}</caption>
          <thead>
            <tr>
              <th scope="col">{st('home.col.week')}</th>
              <For each={SERIES}>{(s) => <th scope="col" class="num">{st(s.label)}</th>}</For>
              <th scope="col" class="num">{st('home.col.active')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.weeks}>
              {(w) => (
                <tr data-week={w.week}>
                  <th scope="row"><time datetime={w.start}>{formatDay(w.start)}</time></th>
                  <For each={SERIES}>{(s) => <td class="num">{formatNumber(w[s.key])}</td>}</For>
                  <td class="num">{formatNumber(w.active)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A dashboard table as CSV: a plain link, so the browser downloads it with the login cookie (the API audits it). */
function CsvLink(props: { tenantId: string; table: 'areas' | 'modules' | 'weeks' }) {
  return <p class="small"><a href={dashboardCsvUrl(props.tenantId, props.table)} download="">{st('home.csv', { table: st(`home.csv.${props.table}`) })}</a></p>;
}
