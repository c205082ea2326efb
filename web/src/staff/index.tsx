// The staff area (市町村の創業支援担当): one lazy chunk with its own messages, loaded only when someone opens /staff.
import { A, Navigate, useParams, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createResource, For, type JSX, Match, onCleanup, Show, Switch } from 'solid-js';
import type { Membership } from '../../../functions/contract/api.ts';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import { account } from '../api/account.ts';
import { getCourse } from '../api/progress.ts';
import { createEligibilityRule, createTenantActivity, createTenantTotals } from '../api/tenants.ts';
import { getRuleExplanation, listSessions } from '../api/sessions.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle as useSharedPageTitle } from '../components/PageTitle.ts';
import { pick, t } from '../i18n/index.ts';
import { RequireRole } from '../roles/RequireRole.tsx';
import { TenantDashboardView } from './Dashboard.tsx';
import { st } from './i18n/index.ts';
import { RuleExplanationView, RuleFormView } from './RuleForm.tsx';
import { AuditPageContainer } from './Audit.tsx';
import { CohortsPageContainer } from './Cohorts.tsx';
import { FounderPageContainer } from './Founder.tsx';
import { FoundersPageContainer } from './Founders.tsx';
import { PeoplePageContainer } from './People.tsx';
import { SettingsPageContainer } from './Settings.tsx';
import { SessionPageContainer } from './Session.tsx';
import { SessionsCard, SessionsPageContainer } from './Sessions.tsx';
import { SurveyPageContainer } from './Survey.tsx';
import { BenchmarkPageContainer } from './Benchmark.tsx';
import type { StaffKey } from './i18n/ja.ts';

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
            <A href={`/staff/${id()}/founders`}>{st('nav.founders')}</A>
            <A href={`/staff/${id()}/cohorts`}>{st('nav.cohorts')}</A>
            <A href={`/staff/${id()}/sessions`}>{st('nav.sessions')}</A>
            <A href={`/staff/${id()}/people`}>{st('nav.people')}</A>
            <A href={`/staff/${id()}/rule`}>{st('nav.rule')}</A>
            <A href={`/staff/${id()}/settings`}>{st('nav.settings')}</A>
            <A href={`/staff/${id()}/audit`}>{st('nav.audit')}</A>
            <A href={`/staff/${id()}/benchmark`}>{st('nav.benchmark')}</A>
            <A href={`/staff/${id()}/survey`}>{st('nav.survey')}</A>
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

/** The name of the municipality in view, from the person's memberships (no request needed), else its code. */
const tenantNameOf = (tenantId: string) => { const m = staffOf().find((x) => x.tenantId === tenantId); return m ? pick(m.tenantName) : tenantId; };

/** The browser tab says which page of which municipality this is, in the current language. */
function usePageTitle(page: () => string, tenantId: () => string) {
  useSharedPageTitle(() => st('title.suffix', { page: page(), tenant: tenantNameOf(tenantId()) }));
}

/** A staff page of one municipality: the guard (staff of that municipality only), the tab title, then the page. */
function StaffPage(props: { title: StaffKey; children: (tenantId: string) => JSX.Element }) {
  const params = useParams();
  usePageTitle(() => st(props.title), () => params.tenantId!);
  return <RequireRole role="staff" tenantId={params.tenantId}>{props.children(params.tenantId!)}</RequireRole>;
}

/** /staff/:tenantId — only for staff of that municipality. */
export function StaffHomePage() {
  return <StaffPage title="nav.dashboard">{(id) => <TenantDashboard tenantId={id} />}</StaffPage>;
}

/** /staff/:tenantId/founders — the founders table. */
export function StaffFoundersPage() {
  return <StaffPage title="nav.founders">{(id) => <FoundersPageContainer tenantId={id} tenantName={tenantNameOf(id)} />}</StaffPage>;
}

/** /staff/:tenantId/founders/:userId — one founder's record. */
export function StaffFounderPage() {
  const params = useParams();
  return <StaffPage title="nav.founders">{(id) => <FounderPageContainer tenantId={id} userId={params.userId!} />}</StaffPage>;
}

/** /staff/:tenantId/cohorts — cohorts and enrolment codes. */
export function StaffCohortsPage() {
  return <StaffPage title="nav.cohorts">{(id) => <CohortsPageContainer tenantId={id} tenantName={tenantNameOf(id)} />}</StaffPage>;
}

/** /staff/:tenantId/sessions — seminar sessions: the schedule, and a form to add one. */
export function StaffSessionsPage() {
  return <StaffPage title="nav.sessions">{(id) => <SessionsPageContainer tenantId={id} tenantName={tenantNameOf(id)} />}</StaffPage>;
}

/** /staff/:tenantId/sessions/:sessionId — one session: the door list, the check-in screen, the follow-up. */
export function StaffSessionPage() {
  const params = useParams();
  return <StaffPage title="nav.sessions">{(id) => <SessionPageContainer tenantId={id} sessionId={params.sessionId!} />}</StaffPage>;
}

/** /staff/:tenantId/people — invitations (staff, advisors, founders) and the CSV import of founders. */
export function StaffPeoplePage() {
  return <StaffPage title="nav.people">{(id) => <PeoplePageContainer tenantId={id} tenantName={tenantNameOf(id)} />}</StaffPage>;
}

/** /staff/:tenantId/settings */
export function StaffSettingsPage() {
  return <StaffPage title="nav.settings">{(id) => <SettingsPageContainer tenantId={id} tenantName={tenantNameOf(id)} />}</StaffPage>;
}

/** /staff/:tenantId/audit */
export function StaffAuditPage() {
  return <StaffPage title="nav.audit">{(id) => <AuditPageContainer tenantId={id} tenantName={tenantNameOf(id)} />}</StaffPage>;
}

/** /staff/:tenantId/survey — the union's yearly survey, answered for the municipality. */
export function StaffSurveyPage() {
  return <StaffPage title="nav.survey">{(id) => <SurveyPageContainer tenantId={id} tenantName={tenantNameOf(id)} />}</StaffPage>;
}

/** /staff/:tenantId/benchmark — the municipality's figures beside the regional median. */
export function StaffBenchmarkPage() {
  return <StaffPage title="nav.benchmark">{(id) => <BenchmarkPageContainer tenantId={id} tenantName={tenantNameOf(id)} />}</StaffPage>;
}

/** Container: the municipality's headline figures, with the curriculum's module titles. Made only once let in. */
function TenantDashboard(props: { tenantId: string }) {
  const { totals, refetch } = createTenantTotals(() => props.tenantId);
  // The activity figures are an addition: if they cannot be read, the headline still shows.
  const { activity } = createTenantActivity(() => props.tenantId);
  // So are the seminar sessions.
  const [sessions] = createResource(() => props.tenantId, async (id) => (await listSessions(id)).sessions);
  const courseIds = () => (totals.state === 'ready' ? [...new Set(totals().modules.map((m) => m.courseId))].join(',') : undefined);
  // A course the content no longer has still shows its figures, under the module ids.
  const [courses] = createResource(courseIds, async (ids) =>
    (await Promise.all(ids.split(',').filter(Boolean).map((id) => getCourse(id).catch(() => null)))).filter((c): c is PublicCourse => c !== null));
  return (
    <Switch fallback={<Loading />}>
      <Match when={totals.error}><h1>{st('nav.dashboard')}</h1><ErrorNotice error={totals.error} onRetry={refetch} /></Match>
      <Match when={totals.state === 'ready' && courses.state === 'ready'}>
        <TenantDashboardView totals={totals()!} courses={courses()!} activity={activity.error ? undefined : activity.latest}
          sessions={<SessionsCard tenantId={props.tenantId} sessions={sessions.error ? undefined : sessions.latest} error={sessions.error} now={new Date()} />} />
      </Match>
    </Switch>
  );
}

/** /staff/:tenantId/rule — only for staff of that municipality. */
export function StaffRulePage() {
  return <StaffPage title="nav.rule">{(id) => <TenantRule tenantId={id} />}</StaffPage>;
}

/** Container: the municipality's 特定創業支援 rule, read and saved through its store. */
function TenantRule(props: { tenantId: string }) {
  const store = createEligibilityRule(() => props.tenantId);
  const [explanation, { refetch: explainAgain }] = createResource(() => props.tenantId, getRuleExplanation);
  // The words follow the rule: read them again once a change is saved.
  const save = async (r: Parameters<typeof store.save>[0]) => { const kept = await store.save(r); void explainAgain(); return kept; };
  const { totals } = createTenantTotals(() => props.tenantId);
  const tenantName = () => (totals.state === 'ready' ? pick(totals().tenantName)
    : (() => { const m = staffOf().find((x) => x.tenantId === props.tenantId); return m ? pick(m.tenantName) : props.tenantId; })());
  return (
    <Switch fallback={<Loading />}>
      <Match when={store.rule.error}><h1>{st('nav.rule')}</h1><ErrorNotice error={store.rule.error} onRetry={store.refetch} /></Match>
      {/* Not keyed: the form is made once from the first answer and keeps its own draft while the store saves. */}
      <Match when={store.rule.state === 'ready' || store.rule.state === 'refreshing' ? store.rule() : undefined}>
        {(rule) => <RuleFormView tenantName={tenantName()} rule={rule()} save={save}
          explanation={<RuleExplanationView explanation={explanation.error ? undefined : explanation.latest} error={explanation.error} onRetry={explainAgain} />} />}
      </Match>
    </Switch>
  );
}
