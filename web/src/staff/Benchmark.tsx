import { createResource, For, Match, Show, Switch } from 'solid-js';
import type { Benchmark } from '../../../functions/contract/region.ts';
import { getBenchmark } from '../api/region.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { formatDateTime, locale } from '../i18n/index.ts';
import { formatNumber } from '../roles/i18n/index.ts';
import { st } from './i18n/index.ts';

type Figure = Benchmark['figures'][number]['own'];

/** Container: the municipality's figures beside the region's median. */
export function BenchmarkPageContainer(props: { tenantId: string; tenantName: string }) {
  const [data, { refetch }] = createResource(() => props.tenantId, getBenchmark);
  return (
    <Switch fallback={<Loading />}>
      <Match when={data.error}><h1>{st('bench.title', { tenant: props.tenantName })}</h1><ErrorNotice error={data.error} onRetry={refetch} /></Match>
      <Match when={data.latest}>{(b) => <BenchmarkView tenantName={props.tenantName} data={b()} />}</Match>
    </Switch>
  );
}

const pct = (v: number) => new Intl.NumberFormat(locale() === 'ja' ? 'ja-JP' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(v);

/**
 * View: one row per figure, the municipality beside the regional median. A suppressed figure says why (too few
 * founders or municipalities behind it) instead of a number; no other municipality is ever named.
 */
export function BenchmarkView(props: { tenantName: string; data: Benchmark }) {
  const value = (figure: Benchmark['figures'][number]['figure'], f: Figure) => {
    if (f.suppressed) return <span class="suppressed">{st(`bench.suppressed.${f.reason}`, { n: formatNumber(f.n) })}</span>;
    return <>{figure === 'feedbackScore' ? st('bench.score', { v: f.value.toFixed(2) }) : pct(f.value)} <span class="small">{st('bench.n', { n: formatNumber(f.n) })}</span></>;
  };
  return (
    <section aria-labelledby="bench-title">
      <h1 id="bench-title">{st('bench.title', { tenant: props.tenantName })}</h1>
      <p>{st('bench.intro', { count: formatNumber(props.data.municipalities) })}</p>
      <p class="small">{st('bench.asOf', { at: formatDateTime(props.data.asOf) })}</p>
      <div class="table-scroll" role="region" aria-labelledby="bench-caption" tabindex="0">
        <table class="data">
          <caption id="bench-caption">{st('bench.caption', { tenant: props.tenantName })}</caption>
          <thead><tr><th scope="col">{st('bench.col.figure')}</th><th scope="col">{props.tenantName}</th><th scope="col">{st('bench.col.region')}</th></tr></thead>
          <tbody>
            <For each={props.data.figures}>
              {(f) => (
                <tr data-figure={f.figure}>
                  <th scope="row">{st(`bench.figure.${f.figure}`)}<br /><span class="small">{st(`bench.about.${f.figure}`)}</span></th>
                  <td>{value(f.figure, f.own)}</td>
                  <td>{value(f.figure, f.region)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.data.figures.some((f) => f.own.suppressed || f.region.suppressed)}>
        <p class="small">{st('bench.why')}</p>
      </Show>
    </section>
  );
}
