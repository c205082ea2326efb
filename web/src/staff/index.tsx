// The staff area (市町村の創業支援担当): one lazy chunk with its own messages, loaded only when someone opens /staff.
import { A, Navigate, useParams, type RouteSectionProps } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import type { Membership } from '../../../functions/contract/api.ts';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import { account } from '../api/account.ts';
import { getCourse } from '../api/progress.ts';
import { createEligibilityRule, createTenantTotals } from '../api/tenants.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { pick } from '../i18n/index.ts';
import { RequireRole } from '../roles/RequireRole.tsx';
import { TenantDashboardView } from './Dashboard.tsx';
import { st } from './i18n/index.ts';
import { RuleFormView } from './RuleForm.tsx';

/** The municipalities where the signed-in person is staff. */
const staffOf = (): Membership[] => account.me()?.memberships.filter((m) => m.role === 'staff') ?? [];

/** Layout of every staff page: the guard, then the area's menu for the municipality in view. */
export function StaffArea(props: RouteSectionProps) {
  const params = useParams();
  return (
    <RequireRole role="staff">
      <Show when={params.tenantId}>
        {(id) => (
          <nav class="subnav" aria-label={st('nav.label')}>
            <A href={`/staff/${id()}`} end>{st('nav.dashboard')}</A>
            <A href={`/staff/${id()}/rule`}>{st('nav.rule')}</A>
            <Show when={staffOf().length > 1}><A href="/staff" end>{st('nav.switch')}</A></Show>
          </nav>
        )}
      </Show>
      {props.children}
    </RequireRole>
  );
}

/** /staff: straight to the one municipality, or a choice when the person is staff in several. */
export function StaffStartPage() {
  return (
    <Show when={staffOf().length !== 1} fallback={<Navigate href={`/staff/${staffOf()[0]!.tenantId}`} />}>
      <section class="narrow" aria-labelledby="pick-title">
        <h1 id="pick-title">{st('pick.title')}</h1>
        <p>{st('pick.body')}</p>
        <ul class="link-list start">
          <For each={staffOf()}>{(m) => <li><A class="button" href={`/staff/${m.tenantId}`}>{pick(m.tenantName)}</A></li>}</For>
        </ul>
      </section>
    </Show>
  );
}

/** /staff/:tenantId — only for staff of that municipality. */
export function StaffHomePage() {
  const params = useParams();
  return <RequireRole role="staff" tenantId={params.tenantId}><TenantDashboard tenantId={params.tenantId!} /></RequireRole>;
}

/** Container: the municipality's headline figures, with the curriculum's module titles. Made only once let in. */
function TenantDashboard(props: { tenantId: string }) {
  const { totals, refetch } = createTenantTotals(() => props.tenantId);
  const courseIds = () => (totals.state === 'ready' ? [...new Set(totals().modules.map((m) => m.courseId))].join(',') : undefined);
  // A course the content no longer has still shows its figures, under the module ids.
  const [courses] = createResource(courseIds, async (ids) =>
    (await Promise.all(ids.split(',').filter(Boolean).map((id) => getCourse(id).catch(() => null)))).filter((c): c is PublicCourse => c !== null));
  return (
    <Switch fallback={<Loading />}>
      <Match when={totals.error}><h1>{st('nav.dashboard')}</h1><ErrorNotice error={totals.error} onRetry={refetch} /></Match>
      <Match when={totals.state === 'ready' && courses.state === 'ready'}>
        <TenantDashboardView totals={totals()!} courses={courses()!} />
      </Match>
    </Switch>
  );
}

/** /staff/:tenantId/rule — only for staff of that municipality. */
export function StaffRulePage() {
  const params = useParams();
  return <RequireRole role="staff" tenantId={params.tenantId}><TenantRule tenantId={params.tenantId!} /></RequireRole>;
}

/** Container: the municipality's 特定創業支援 rule, read and saved through its store. */
function TenantRule(props: { tenantId: string }) {
  const store = createEligibilityRule(() => props.tenantId);
  const { totals } = createTenantTotals(() => props.tenantId);
  const tenantName = () => (totals.state === 'ready' ? pick(totals().tenantName)
    : (() => { const m = staffOf().find((x) => x.tenantId === props.tenantId); return m ? pick(m.tenantName) : props.tenantId; })());
  return (
    <Switch fallback={<Loading />}>
      <Match when={store.rule.error}><h1>{st('nav.rule')}</h1><ErrorNotice error={store.rule.error} onRetry={store.refetch} /></Match>
      {/* Not keyed: the form is made once from the first answer and keeps its own draft while the store saves. */}
      <Match when={store.rule.state === 'ready' || store.rule.state === 'refreshing' ? store.rule() : undefined}>
        {(rule) => <RuleFormView tenantName={tenantName()} rule={rule()} save={store.save} />}
      </Match>
    </Switch>
  );
}
