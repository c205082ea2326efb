// The advisor area (経営指導員): one lazy chunk with its own messages, loaded only when someone opens /advisor.
import type { RouteSectionProps } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { Caseload } from '../../../functions/contract/roles.ts';
import { createCaseload } from '../api/caseload.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { formatDate, pick, t } from '../i18n/index.ts';
import { formatNumber } from '../roles/i18n/index.ts';
import { RequireRole } from '../roles/RequireRole.tsx';
import { at } from './i18n/index.ts';

export function AdvisorArea(props: RouteSectionProps) {
  return <RequireRole role="advisor">{props.children}</RequireRole>;
}

/** Container: the advisor's caseload. */
export function AdvisorHomePage() {
  const { caseload, refetch } = createCaseload();
  return (
    <Switch fallback={<Loading />}>
      <Match when={caseload.error}><h1>{at('home.title')}</h1><ErrorNotice error={caseload.error} onRetry={refetch} /></Match>
      <Match when={caseload()}>{(c) => <CaseloadView caseload={c()} />}</Match>
    </Switch>
  );
}

type Founder = Caseload['founders'][number];

const ELIGIBILITY: Record<Founder['eligibility'], () => string> = {
  eligible: () => `✓ ${at('card.eligibleYes')}`,
  one_area_short: () => at('card.eligibleOneShort'),
  not_yet: () => at('card.eligibleNo'),
};

/** View: the founders assigned to the advisor, by municipality, the least recently active first. */
export function CaseloadView(props: { caseload: Caseload }) {
  const groups = () => {
    const by = new Map<string, Founder[]>();
    for (const f of props.caseload.founders) by.set(f.tenantId, [...(by.get(f.tenantId) ?? []), f]);
    // Who has gone quiet longest needs the advisor first; never-active founders lead.
    const quiet = (f: Founder) => (f.lastActiveAt ? Date.parse(f.lastActiveAt) : 0);
    return [...by.values()].map((fs) => fs.sort((a, b) => quiet(a) - quiet(b) || a.name.localeCompare(b.name, 'ja')))
      .sort((a, b) => a[0]!.tenantId.localeCompare(b[0]!.tenantId));
  };
  return (
    <article class="caseload" aria-labelledby="caseload-title">
      <h1 id="caseload-title">{at('home.title')}</h1>
      <Show when={props.caseload.founders.length > 0} fallback={<p class="notice">{at('home.empty')}</p>}>
        <p>{at('home.intro', { count: formatNumber(props.caseload.founders.length) })}</p>
        <For each={groups()}>
          {(fs) => (
            <section aria-labelledby={`tenant-${fs[0]!.tenantId}`}>
              <h2 id={`tenant-${fs[0]!.tenantId}`}>{at('home.inTenant', { tenant: pick(fs[0]!.tenantName), count: formatNumber(fs.length) })}</h2>
              <ul class="cards">
                <For each={fs}>
                  {(f) => (
                    <li class="card founder" data-user={f.userId}>
                      <h3>{f.name}</h3>
                      <dl class="facts compact">
                        <div><dt>{at('card.lastActive')}</dt><dd>{f.lastActiveAt ? formatDate(f.lastActiveAt) : at('card.never')}</dd></div>
                        <div><dt>{at('card.modules')}</dt><dd>{at('card.modulesValue', { count: formatNumber(f.completedModules) })}</dd></div>
                        <div>
                          <dt>{at('card.areas')}</dt>
                          <dd>{f.coveredAreas.length > 0 ? AREAS.filter((a) => f.coveredAreas.includes(a)).map((a) => t(`area.${a}`)).join('・') : at('card.noAreas')}</dd>
                        </div>
                        <div><dt>{at('card.eligible')}</dt><dd data-eligibility={f.eligibility}>{ELIGIBILITY[f.eligibility]()}</dd></div>
                      </dl>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          )}
        </For>
      </Show>
    </article>
  );
}
