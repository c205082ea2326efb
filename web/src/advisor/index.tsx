// The advisor area (経営指導員): one lazy chunk with its own messages, loaded only when someone opens /advisor.
import { A, type RouteSectionProps } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { Caseload } from '../../../functions/contract/roles.ts';
import { createCaseload } from '../api/caseload.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { formatDate, formatDateTime, pick, t } from '../i18n/index.ts';
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

const PLAN_STATUS: Record<NonNullable<Founder['planStatus']> | 'none', () => string> = {
  none: () => at('plan.none'), draft: () => at('plan.draft'), submitted: () => at('plan.submitted'), reviewed: () => at('plan.reviewed'), needs_work: () => at('plan.needs_work'),
};

const REASON: Record<Founder['attention'][number], () => string> = {
  overdue: () => at('attention.overdue'),
  plan_waiting: () => at('attention.plan_waiting'),
  due_soon: () => at('attention.due_soon'),
  never_started: () => at('attention.never_started'),
  quiet: () => at('attention.quiet'),
  one_area_short: () => at('attention.one_area_short'),
};

/**
 * View: the founders assigned to the advisor in every municipality they serve, who needs them first (the API's order:
 * overdue assignments, then quiet or never started, then one area short — functions/domain/caseload.ts), with why, and
 * a filter by municipality.
 */
export function CaseloadView(props: { caseload: Caseload }) {
  const [tenant, setTenant] = createSignal('');
  const shown = () => props.caseload.founders.filter((f) => !tenant() || f.tenantId === tenant());
  return (
    <article class="caseload" aria-labelledby="caseload-title">
      <h1 id="caseload-title">{at('home.title')}</h1>
      <p><A href="/advisor/consultations">{at('home.slots')}</A></p>
      <Show when={props.caseload.founders.length > 0} fallback={<p class="notice">{at('home.empty')}</p>}>
        <p>{at('home.intro', { count: formatNumber(props.caseload.founders.length) })}</p>
        <p class="small">{at('home.waitingPlans', { count: formatNumber(props.caseload.founders.filter((f) => f.planStatus === 'submitted').length) })}・{at('home.upcomingConsultations', { count: formatNumber(props.caseload.founders.filter((f) => f.nextConsultationAt).length) })}</p>
        <Show when={props.caseload.tenants.length > 1}>
          <div class="field">
            <label for="caseload-tenant">{at('home.filter')}</label>
            <select id="caseload-tenant" value={tenant()} onChange={(e) => setTenant(e.currentTarget.value)}>
              <option value="">{at('home.allTenants')}</option>
              <For each={props.caseload.tenants}>{(x) => <option value={x.id}>{pick(x.name)}</option>}</For>
            </select>
          </div>
        </Show>
        <section aria-labelledby="caseload-order">
          <h2 id="caseload-order">{at('home.order', { count: formatNumber(shown().length) })}</h2>
          <ul class="cards">
            <For each={shown()}>
              {(f) => (
                <li class="card founder" data-user={f.userId} data-attention={f.attention.join(' ')}>
                  <h3>{f.name}</h3>
                  <p class="small">{pick(f.tenantName)}</p>
                  <Show when={f.attention.length > 0}>
                    <ul class="badges" aria-label={at('attention.label')}>
                      <For each={f.attention}>{(r) => <li class={`badge ${r}`}>{r === 'overdue' ? at('attention.overdueCount', { count: formatNumber(f.overdueAssignments) }) : REASON[r]()}</li>}</For>
                    </ul>
                  </Show>
                  <dl class="facts compact">
                    <div><dt>{at('card.lastActive')}</dt><dd>{f.lastActiveAt ? formatDate(f.lastActiveAt) : at('card.never')}</dd></div>
                    <div><dt>{at('card.modules')}</dt><dd>{at('card.modulesValue', { count: formatNumber(f.completedModules) })}</dd></div>
                    <div>
                      <dt>{at('card.areas')}</dt>
                      <dd>{f.coveredAreas.length > 0 ? AREAS.filter((a) => f.coveredAreas.includes(a)).map((a) => t(`area.${a}`)).join('・') : at('card.noAreas')}</dd>
                    </div>
                    <div><dt>{at('card.eligible')}</dt><dd data-eligibility={f.eligibility}>{ELIGIBILITY[f.eligibility]()}</dd></div>
                    <div><dt>{at('card.plan')}</dt><dd data-plan={f.planStatus ?? 'none'}>{PLAN_STATUS[f.planStatus ?? 'none']()}{f.planUpdatedAt ? `（${formatDate(f.planUpdatedAt)}）` : ''}</dd></div>
                    <div><dt>{at('card.consultation')}</dt><dd>{f.nextConsultationAt ? formatDateTime(f.nextConsultationAt) : at('card.noConsultation')}</dd></div>
                  </dl>
                  <p><A href={`/advisor/founders/${f.userId}`}>{at('card.openFounder', { name: f.name })}</A></p>
                  <p><A href={`/advisor/founders/${f.userId}/plan`}>{at('card.openPlan', { name: f.name })}</A></p>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </article>
  );
}

/** The advisor's founder page, in this chunk (one chunk per role area). */
export { default as AdvisorFounderPage } from './Founder.tsx';
