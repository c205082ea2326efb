import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { KpiView, SurveyList } from '../../../functions/contract/survey.ts';
import { ApiFailure } from '../api/client.ts';
import { getKpi, getSurveys, openSurvey } from '../api/region.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { formatDate, formatDateTime, pick } from '../i18n/index.ts';
import { formatNumber } from '../roles/i18n/index.ts';
import { percent } from './format.ts';
import { adm } from './i18n/index.ts';
import type { AdminKey } from './i18n/ja.ts';

/** The last day answers are taken: the window closes at the start of the next day, Japan time. */
const lastDay = (closesAt: string) => formatDate(new Date(Date.parse(closesAt) - 1).toISOString());
/** A Japan day (YYYY-MM-DD) as the instant it starts. */
const dayStart = (day: string) => `${day}T00:00:00+09:00`;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const japanDay = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10);

// -------------------------------------------------------------------------------------------- every year's survey

/** /admin/surveys — every year's survey with its KPI, the trend, and opening this year's survey. */
export function AdminSurveysPage() {
  usePageTitle(() => adm('surveys.title'));
  const [list, { refetch }] = createResource(getSurveys);
  return (
    <Switch fallback={<Loading />}>
      <Match when={list.error}><h1>{adm('surveys.title')}</h1><ErrorNotice error={list.error} onRetry={refetch} /></Match>
      <Match when={list.latest}>{(l) => <SurveysView list={l()} saved={refetch} />}</Match>
    </Switch>
  );
}

export function SurveysView(props: { list: SurveyList; saved: () => void }) {
  const current = () => props.list.surveys.find((s) => s.survey.fiscalYear === props.list.currentFiscalYear);
  return (
    <article class="surveys" aria-labelledby="surveys-title">
      <h1 id="surveys-title">{adm('surveys.title')}</h1>
      <p>{adm('surveys.intro')}</p>
      <Show when={props.list.surveys.length > 0} fallback={<p class="notice">{adm('surveys.none')}</p>}>
        <div class="table-scroll" role="region" aria-labelledby="surveys-caption" tabindex="0">
          <table class="data">
            <caption id="surveys-caption">{adm('surveys.caption')}</caption>
            <thead><tr>
              <th scope="col">{adm('surveys.col.year')}</th><th scope="col">{adm('surveys.col.window')}</th><th scope="col">{adm('surveys.col.state')}</th>
              <th scope="col" class="num">{adm('kpi.effectiveShare')}</th><th scope="col" class="num">{adm('kpi.responseRate')}</th>
            </tr></thead>
            <tbody>
              <For each={props.list.surveys}>
                {(s) => (
                  <tr>
                    <th scope="row"><A href={`/admin/surveys/${s.survey.fiscalYear}`}>{pick(s.survey.label)}</A></th>
                    <td>{adm('surveys.window', { opens: formatDate(s.survey.opensAt), closes: lastDay(s.survey.closesAt) })}</td>
                    <td><span class={`badge ${s.survey.state}`}>{adm(`surveys.state.${s.survey.state}`)}</span></td>
                    <td class="num">{s.effectiveShare === null ? '—' : percent(s.effectiveShare)}</td>
                    <td class="num">{adm('kpi.responded', { responded: formatNumber(s.responded), expected: formatNumber(s.expected) })}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <TrendChart trend={props.list.trend} />
      </Show>
      <WindowForm fiscalYear={props.list.currentFiscalYear} label={pick(props.list.currentLabel)} current={current()?.survey} saved={props.saved} />
    </article>
  );
}

/** Opening (or moving the window of) this fiscal year's survey: first and last day of answers, Japan time. */
function WindowForm(props: { fiscalYear: number; label: string; current: SurveyList['surveys'][number]['survey'] | undefined; saved: () => void }) {
  const [opens, setOpens] = createSignal(props.current ? japanDay(props.current.opensAt) : '');
  const [closes, setCloses] = createSignal(props.current ? japanDay(new Date(Date.parse(props.current.closesAt) - 1).toISOString()) : '');
  const [errors, setErrors] = createSignal<Partial<Record<'opens' | 'closes', AdminKey>>>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [done, setDone] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFailure(undefined); setDone(false);
    const errs: Partial<Record<'opens' | 'closes', AdminKey>> = {};
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (!day.test(opens())) errs.opens = 'surveys.error.day';
    if (!day.test(closes())) errs.closes = 'surveys.error.day';
    else if (day.test(opens()) && closes() < opens()) errs.closes = 'surveys.error.order';
    setErrors(errs);
    if (Object.keys(errs).length > 0) { queueMicrotask(() => summary?.focus()); return; }
    setBusy(true);
    try {
      await openSurvey(props.fiscalYear, { opensAt: dayStart(opens()), closesAt: dayStart(nextDay(closes())) });
      setDone(true);
      props.saved();
    } catch (x) {
      const f = x instanceof ApiFailure ? x.fields : {};
      const mapped: Partial<Record<'opens' | 'closes', AdminKey>> = {};
      if (f.opensAt) mapped.opens = 'surveys.error.day';
      if (f.closesAt) mapped.closes = 'surveys.error.order';
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(x);
    } finally {
      setBusy(false);
      queueMicrotask(() => summary?.focus());
    }
  };
  return (
    <section class="card" aria-labelledby="window-title">
      <h2 id="window-title">{props.current ? adm('surveys.changeTitle', { year: props.label }) : adm('surveys.openTitle', { year: props.label })}</h2>
      <p>{adm('surveys.openIntro')}</p>
      <div tabindex="-1" ref={summary}>
        <Show when={Object.keys(errors()).length > 0}><div class="notice error" role="alert"><p>{adm('onboard.error.summary')}</p></div></Show>
        <ErrorNotice error={failure()} />
        <Show when={done()}><p class="notice ok" role="status">{adm('surveys.saved', { year: props.label })}</p></Show>
      </div>
      <form onSubmit={submit} novalidate>
        <Field id="survey-opens" type="date" label={adm('surveys.opens')} error={errors().opens ? adm(errors().opens!) : undefined} required value={opens()} onInput={(e) => setOpens(e.currentTarget.value)} />
        <Field id="survey-closes" type="date" label={adm('surveys.closes')} hint={adm('surveys.closesHint')} error={errors().closes ? adm(errors().closes!) : undefined} required value={closes()} onInput={(e) => setCloses(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy()}>{busy() ? adm('surveys.saving') : props.current ? adm('surveys.change') : adm('surveys.open')}</button>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------- the charts

const TARGET = 0.8;

/**
 * Bars of the share answering 「有効であった」 against the 80 % line. The picture is an image with a summary; the same
 * figures are in the tables beside it.
 */
function ShareChart(props: { id: string; title: string; bars: Array<{ label: string; share: number | null; note: string }> }) {
  const W = 640; const rowH = 34; const left = 150; const right = 90;
  const h = () => props.bars.length * rowH + 36;
  const x = (v: number) => left + v * (W - left - right);
  const summary = () => props.bars.map((b) => `${b.label}: ${b.share === null ? adm('kpi.noAnswers') : percent(b.share)}`).join('、');
  return (
    <figure class="kpi-chart" id={props.id}>
      <svg viewBox={`0 0 ${W} ${h()}`} role="img" aria-label={`${props.title}。${adm('kpi.chartLine')}。${summary()}`} preserveAspectRatio="xMinYMin meet">
        <For each={props.bars}>
          {(b, i) => (
            <g>
              <text x={left - 8} y={i() * rowH + 22} text-anchor="end" font-size="13">{b.label}</text>
              <rect x={left} y={i() * rowH + 8} width={x(1) - left} height={20} class="track" />
              <Show when={b.share !== null}>
                <rect x={left} y={i() * rowH + 8} width={Math.max(0, x(b.share ?? 0) - left)} height={20} class={(b.share ?? 0) >= TARGET ? 'bar meets' : 'bar below'} />
              </Show>
              <text x={x(1) + 6} y={i() * rowH + 22} font-size="12">{b.share === null ? '—' : percent(b.share)} {b.note}</text>
            </g>
          )}
        </For>
        <line x1={x(TARGET)} x2={x(TARGET)} y1={2} y2={h() - 22} class="target" />
        <text x={x(TARGET)} y={h() - 6} text-anchor="middle" font-size="12">{adm('kpi.line')}</text>
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}

function TrendChart(props: { trend: SurveyList['trend']; id?: string }) {
  return (
    <Show when={props.trend.length > 0}>
      <ShareChart id={props.id ?? 'trend-chart'} title={adm('kpi.trendTitle')}
        bars={props.trend.map((p) => ({ label: pick(p.label), share: p.effectiveShare, note: adm('kpi.respondedShort', { responded: p.responded, expected: p.expected }) }))} />
    </Show>
  );
}

// ---------------------------------------------------------------------------------------------------- one year's KPI

/** /admin/surveys/:fiscalYear — the year's KPI, by prefecture, every municipality's status, and the printable report. */
export function AdminKpiPage() {
  const params = useParams();
  const fy = () => Number(params.fiscalYear);
  const [kpi, { refetch }] = createResource(fy, getKpi);
  usePageTitle(() => (kpi.latest ? adm('kpi.title', { year: pick(kpi.latest.survey.label) }) : adm('surveys.title')));
  return (
    <Switch fallback={<Loading />}>
      <Match when={kpi.error}><h1>{adm('surveys.title')}</h1><ErrorNotice error={kpi.error} onRetry={refetch} /></Match>
      <Match when={kpi.latest}>{(k) => <KpiPageView kpi={k()} />}</Match>
    </Switch>
  );
}

const STATUS: Record<KpiView['municipalities'][number]['status'], AdminKey> = { effective: 'survey.status.effective', not_effective: 'survey.status.not_effective', pending: 'survey.status.pending' };

/** The headline: the share against the line, the response rate, and the pending municipalities, in words. */
function Headline(props: { k: Pick<KpiView, 'effectiveShare' | 'responded' | 'expected' | 'effective' | 'pending' | 'responseRate' | 'meetsTarget'> }) {
  return (
    <div class="kpi-headline">
      <p class="kpi-figure">
        <span class="big">{props.k.effectiveShare === null ? '—' : percent(props.k.effectiveShare)}</span>{' '}
        <span class={`badge ${props.k.meetsTarget ? 'meets' : 'below'}`}>{props.k.effectiveShare === null ? adm('kpi.noAnswers') : props.k.meetsTarget ? adm('kpi.meets') : adm('kpi.below')}</span>
      </p>
      <p>{adm('kpi.sentence', {
        effective: formatNumber(props.k.effective), responded: formatNumber(props.k.responded), expected: formatNumber(props.k.expected),
        pending: formatNumber(props.k.pending), rate: props.k.responseRate === null ? '—' : percent(props.k.responseRate),
      })}</p>
    </div>
  );
}

function MunicipalityTable(props: { id: string; caption: string; rows: KpiView['municipalities'] }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="data">
        <caption id={`${props.id}-caption`}>{props.caption}</caption>
        <thead><tr><th scope="col">{adm('home.col.tenant')}</th><th scope="col">{adm('home.col.code')}</th><th scope="col">{adm('kpi.col.status')}</th><th scope="col">{adm('kpi.col.answeredAt')}</th></tr></thead>
        <tbody>
          <For each={props.rows}>
            {(m) => (
              <tr data-tenant={m.tenantId}>
                <th scope="row">{pick(m.name)}</th><td>{m.tenantId}</td>
                <td><span class={`badge survey-${m.status}`}>{adm(STATUS[m.status])}</span></td>
                <td>{m.answeredAt ? formatDateTime(m.answeredAt) : '—'}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export function KpiPageView(props: { kpi: KpiView }) {
  const k = () => props.kpi;
  const year = () => pick(k().survey.label);
  return (
    <article class="kpi" aria-labelledby="kpi-title">
      <div class="kpi-screen">
        <h1 id="kpi-title">{adm('kpi.title', { year: year() })}</h1>
        <p class="meta">
          <span class={`badge ${k().survey.state}`}>{adm(`surveys.state.${k().survey.state}`)}</span>{' '}
          {adm('surveys.window', { opens: formatDate(k().survey.opensAt), closes: lastDay(k().survey.closesAt) })}{' '}
          <span class="small">{adm('kpi.asOf', { at: formatDateTime(k().asOf) })}</span>
        </p>
        <Headline k={k()} />
        <p class="actions no-print"><button type="button" class="primary" onClick={() => window.print()}>{adm('kpi.print')}</button>
          {' '}<span class="small">{adm('kpi.printHint')}</span></p>
        <ShareChart id="prefecture-chart" title={adm('kpi.byPrefecture')}
          bars={k().byPrefecture.map((p) => ({ label: p.prefecture, share: p.effectiveShare, note: adm('kpi.respondedShort', { responded: p.responded, expected: p.expected }) }))} />
        <div class="table-scroll" role="region" aria-labelledby="pref-caption" tabindex="0">
          <table class="data">
            <caption id="pref-caption">{adm('kpi.byPrefecture')}</caption>
            <thead><tr><th scope="col">{adm('kpi.col.prefecture')}</th><th scope="col" class="num">{adm('kpi.effectiveShare')}</th><th scope="col" class="num">{adm('kpi.col.effective')}</th><th scope="col" class="num">{adm('kpi.col.notEffective')}</th><th scope="col" class="num">{adm('kpi.col.pending')}</th><th scope="col" class="num">{adm('kpi.responseRate')}</th></tr></thead>
            <tbody>
              <For each={k().byPrefecture}>
                {(p) => (
                  <tr data-prefecture={p.prefecture}>
                    <th scope="row">{p.prefecture}</th>
                    <td class="num">{p.effectiveShare === null ? '—' : percent(p.effectiveShare)}</td>
                    <td class="num">{formatNumber(p.effective)}</td><td class="num">{formatNumber(p.notEffective)}</td><td class="num">{formatNumber(p.pending)}</td>
                    <td class="num">{p.responseRate === null ? '—' : percent(p.responseRate)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <MunicipalityTable id="kpi-municipalities" caption={adm('kpi.municipalities')} rows={k().municipalities} />
        <Show when={k().likert.length > 0}>
          <h2>{adm('kpi.likertTitle')}</h2>
          <ul class="likert">
            <For each={k().likert}>{(l) => <li>{pick(l.text)}：<strong>{l.mean === null ? '—' : l.mean.toFixed(2)}</strong> {adm('kpi.likertN', { n: formatNumber(l.n) })}</li>}</For>
          </ul>
        </Show>
        <Show when={k().comments.length > 0}>
          <h2>{adm('kpi.commentsTitle')}</h2>
          <ul class="comments">
            <For each={k().comments}>{(c) => <li><span class="small">{pick(c.name)}</span><p class="prewrap">{c.text}</p></li>}</For>
          </ul>
        </Show>
        <Show when={k().trend.length > 1}><TrendChart trend={k().trend} /></Show>
      </div>
      <KpiReport kpi={k()} />
    </article>
  );
}

/**
 * The printed report the union files with its evaluation committee: a summary page (the KPI, the chart by prefecture,
 * the trend), then one A4 page per prefecture with its municipalities. Hidden on screen; `@media print` shows only it.
 */
function KpiReport(props: { kpi: KpiView }) {
  const k = () => props.kpi;
  const year = () => pick(k().survey.label);
  return (
    <div class="kpi-report">
      <section class="report-page">
        <h1>{adm('report.title', { year: year() })}</h1>
        <p>{adm('report.subtitle', { at: formatDateTime(k().asOf), opens: formatDate(k().survey.opensAt), closes: lastDay(k().survey.closesAt) })}</p>
        <Headline k={k()} />
        <ShareChart id="report-chart" title={adm('kpi.byPrefecture')}
          bars={k().byPrefecture.map((p) => ({ label: p.prefecture, share: p.effectiveShare, note: adm('kpi.respondedShort', { responded: p.responded, expected: p.expected }) }))} />
        <Show when={k().trend.length > 0}><TrendChart trend={k().trend} id="report-trend" /></Show>
        <p class="small">{adm('report.rules')}</p>
      </section>
      <For each={k().byPrefecture}>
        {(p) => (
          <section class="report-page" data-prefecture={p.prefecture}>
            <h2>{adm('report.prefecture', { year: year(), prefecture: p.prefecture })}</h2>
            <Headline k={p} />
            <MunicipalityTable id={`report-${p.prefecture}`} caption={adm('kpi.municipalitiesOf', { prefecture: p.prefecture })} rows={k().municipalities.filter((m) => m.prefecture === p.prefecture)} />
          </section>
        )}
      </For>
    </div>
  );
}
