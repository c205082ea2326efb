import { A, useParams } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import type { ModuleFeedbackDetail, ModuleRanking } from '../../../functions/contract/region.ts';
import { getModuleDetail, getModuleRanking } from '../api/region.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { formatDateTime, pick } from '../i18n/index.ts';
import { formatNumber } from '../roles/i18n/index.ts';
import { percent } from './format.ts';
import { adm } from './i18n/index.ts';

type Ratings = ModuleRanking['modules'][number]['current'];
const mean = (r: Ratings | null) => (r && r.mean !== null ? r.mean.toFixed(2) : '—');
const rate = (v: number | null) => (v === null ? '—' : percent(v));

/** /admin/modules — the curriculum ranked by usefulness, worst first: what to rewrite. */
export function AdminModulesPage() {
  usePageTitle(() => adm('modules.title'));
  const [ranking, { refetch }] = createResource(getModuleRanking);
  return (
    <Switch fallback={<Loading />}>
      <Match when={ranking.error}><h1>{adm('modules.title')}</h1><ErrorNotice error={ranking.error} onRetry={refetch} /></Match>
      <Match when={ranking.latest}>{(r) => <ModuleRankingView ranking={r()} />}</Match>
    </Switch>
  );
}

export function ModuleRankingView(props: { ranking: ModuleRanking }) {
  return (
    <article aria-labelledby="modules-title">
      <h1 id="modules-title">{adm('modules.title')}</h1>
      <p>{adm('modules.intro')}</p>
      <p class="actions"><a class="button" href="/api/region/modules.csv" download="">{adm('modules.csv')}</a></p>
      <p class="small narrow-only">{adm('home.scrollHint')}</p>
      <div class="table-scroll" role="region" aria-labelledby="modules-caption" tabindex="0">
        <table class="data">
          <caption id="modules-caption">{adm('modules.caption')}</caption>
          <thead><tr>
            <th scope="col">{adm('modules.col.rank')}</th><th scope="col">{adm('modules.col.module')}</th>
            <th scope="col" class="num">{adm('modules.col.mean')}</th><th scope="col" class="num">{adm('modules.col.answers')}</th>
            <th scope="col" class="num">{adm('modules.col.helped')}</th><th scope="col">{adm('modules.col.trend')}</th>
            <th scope="col" class="num">{adm('modules.col.completion')}</th><th scope="col" class="num">{adm('modules.col.dropOff')}</th>
          </tr></thead>
          <tbody>
            <For each={props.ranking.modules}>
              {(m, i) => (
                <tr data-module={m.moduleId}>
                  <td class="num">{i() + 1}</td>
                  <th scope="row"><A href={`/admin/modules/${props.ranking.courseId}/${m.moduleId}`}>{pick(m.title)}</A></th>
                  <td class="num">{mean(m.current)}</td>
                  <td class="num">{formatNumber(m.current.answers)}</td>
                  <td class="num">{rate(m.current.helpedShare)}</td>
                  <td><span class={`badge trend-${m.trend}`}>{adm(`trend.${m.trend}`)}</span></td>
                  <td class="num">{rate(m.completionRate)} <span class="small">{adm('modules.ofStarted', { n: formatNumber(m.started) })}</span></td>
                  <td class="num">{rate(m.dropOffRate)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="small">{adm('modules.rules')}</p>
    </article>
  );
}

/** /admin/modules/:courseId/:moduleId — one module's versions and what founders wrote about the current one. */
export function AdminModulePage() {
  const params = useParams();
  const [detail, { refetch }] = createResource(() => [params.courseId!, params.moduleId!] as const, ([c, m]) => getModuleDetail(c, m));
  usePageTitle(() => (detail.latest ? pick(detail.latest.title) : adm('modules.title')));
  return (
    <Switch fallback={<Loading />}>
      <Match when={detail.error}><h1>{adm('modules.title')}</h1><ErrorNotice error={detail.error} onRetry={refetch} /></Match>
      <Match when={detail.latest}>{(d) => <ModuleDetailView detail={d()} />}</Match>
    </Switch>
  );
}

export function ModuleDetailView(props: { detail: ModuleFeedbackDetail }) {
  const d = () => props.detail;
  return (
    <article aria-labelledby="module-title">
      <p><A href="/admin/modules">{adm('modules.back')}</A></p>
      <h1 id="module-title">{pick(d().title)}</h1>
      <p><span class={`badge trend-${d().trend}`}>{adm(`trend.${d().trend}`)}</span> {adm(`trend.explain.${d().trend}`)}</p>
      <p>{adm('modules.flow', { started: formatNumber(d().started), completed: formatNumber(d().completed), completion: rate(d().completionRate), dropOff: rate(d().dropOffRate) })}</p>
      <div class="table-scroll" role="region" aria-labelledby="versions-caption" tabindex="0">
        <table class="data">
          <caption id="versions-caption">{adm('modules.versions')}</caption>
          <thead><tr>
            <th scope="col">{adm('modules.col.version')}</th><th scope="col" class="num">{adm('modules.col.mean')}</th><th scope="col" class="num">{adm('modules.col.answers')}</th>
            <th scope="col" class="num">{adm('modules.col.helped')}</th><th scope="col">{adm('modules.col.distribution')}</th><th scope="col">{adm('modules.col.last')}</th>
          </tr></thead>
          <tbody>
            <For each={d().versions}>
              {(v) => (
                <tr>
                  <th scope="row"><code>{v.version}</code>{v.version === d().currentVersion ? <> <span class="badge">{adm('modules.current')}</span></> : null}</th>
                  <td class="num">{mean(v)}</td><td class="num">{formatNumber(v.answers)}</td><td class="num">{rate(v.helpedShare)}</td>
                  <td>{v.distribution.map((n, i) => `${i + 1}: ${n}`).join(' / ')}</td>
                  <td>{v.lastAt ? formatDateTime(v.lastAt) : '—'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <h2>{adm('modules.comments')}</h2>
      <p class="small">{adm('modules.commentsAnonymous')}</p>
      <Show when={d().comments.length > 0} fallback={<p class="notice">{adm('modules.noComments')}</p>}>
        <ul class="comments">
          <For each={d().comments}>
            {(c) => <li><span class="small">{adm('modules.commentMeta', { usefulness: c.usefulness, helped: c.helpedPlan ? adm('modules.helpedYes') : adm('modules.helpedNo'), month: c.month })}</span><p class="prewrap">{c.comment}</p></li>}
          </For>
        </ul>
      </Show>
    </article>
  );
}
