import { Route, Router, type RouteSectionProps } from '@solidjs/router';
import { type Component, type JSX, lazy, Suspense } from 'solid-js';
import { render } from 'solid-js/web';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Notice.tsx';
import { RequireSignIn } from './components/RequireSignIn.tsx';
import { locale } from './i18n/index.ts';
import { CourseOutlinePage } from './learner/CourseOutline.tsx';
import { HomePage } from './learner/Home.tsx';
import { LessonPage } from './learner/Lesson.tsx';
import { prefetchLesson } from './api/progress.ts';
import { NotFoundPage } from './learner/NotFound.tsx';
import { loadQuizChunk } from './learner/quiz-chunk.ts';
import { registerServiceWorker } from './offline/service-worker.ts';
import { SignInPage } from './learner/SignIn.tsx';
import { SignUpPage } from './learner/SignUp.tsx';
import './styles.css';

// Pages opened less often load on demand, so the first visit stays small.
const QuizPage = lazy(() => loadQuizChunk().then((m) => ({ default: m.QuizPage })));
const EvidencePage = lazy(() => import('./learner/Evidence.tsx').then((m) => ({ default: m.EvidencePage })));
const VerifyPage = lazy(() => import('./learner/Verify.tsx').then((m) => ({ default: m.VerifyPage })));
const LocalPagePage = lazy(() => import('./learner/LocalPage.tsx').then((m) => ({ default: m.LocalPagePage })));
const CheckinPage = lazy(() => import('./learner/Checkin.tsx').then((m) => ({ default: m.CheckinPage })));
// The business plan (issue 11): its own chunk, for the founder, their advisor and their municipality's staff.
const PlanPage = lazy(() => import('./plan/PlanPage.tsx'));
const PlanReviewPage = lazy(() => import('./plan/PlanReview.tsx'));
const AdvisorPlanPage = () => <PlanReviewPage mode="advisor" />;
const StaffPlanPage = () => <PlanReviewPage mode="staff" />;
const ConsultationsPage = lazy(() => import('./consult/Consultations.tsx'));
const SlotsPage = lazy(() => import('./consult/Slots.tsx'));
const AdvisorFounderPage = lazy(() => advisor().then((m) => ({ default: m.AdvisorFounderPage })));

// Each role's area is its own chunk with its own messages: none of it is in the learner's first load.
const staff = () => import('./staff/index.tsx');
const advisor = () => import('./advisor/index.tsx');
const admin = () => import('./admin/index.tsx');
const StaffArea = lazy(() => staff().then((m) => ({ default: m.StaffArea })));
const StaffStartPage = lazy(() => staff().then((m) => ({ default: m.StaffStartPage })));
const StaffHomePage = lazy(() => staff().then((m) => ({ default: m.StaffHomePage })));
const StaffRulePage = lazy(() => staff().then((m) => ({ default: m.StaffRulePage })));
const StaffFoundersPage = lazy(() => staff().then((m) => ({ default: m.StaffFoundersPage })));
const StaffFounderPage = lazy(() => staff().then((m) => ({ default: m.StaffFounderPage })));
const StaffCohortsPage = lazy(() => staff().then((m) => ({ default: m.StaffCohortsPage })));
const StaffSessionsPage = lazy(() => staff().then((m) => ({ default: m.StaffSessionsPage })));
const StaffSessionPage = lazy(() => staff().then((m) => ({ default: m.StaffSessionPage })));
const StaffPeoplePage = lazy(() => staff().then((m) => ({ default: m.StaffPeoplePage })));
const StaffSettingsPage = lazy(() => staff().then((m) => ({ default: m.StaffSettingsPage })));
const StaffAuditPage = lazy(() => staff().then((m) => ({ default: m.StaffAuditPage })));
const StaffSurveyPage = lazy(() => staff().then((m) => ({ default: m.StaffSurveyPage })));
const StaffBenchmarkPage = lazy(() => staff().then((m) => ({ default: m.StaffBenchmarkPage })));
const AdvisorArea = lazy(() => advisor().then((m) => ({ default: m.AdvisorArea })));
const AdvisorHomePage = lazy(() => advisor().then((m) => ({ default: m.AdvisorHomePage })));
// The account pages, the mail links' pages and the privacy notice: their own chunk too.
const accountPages = () => import('./account/index.tsx');
const AccountPage = lazy(() => accountPages().then((m) => ({ default: m.AccountPage })));
const TwoFactorPage = lazy(() => accountPages().then((m) => ({ default: m.TwoFactorPage })));
const ConfirmEmailPage = lazy(() => accountPages().then((m) => ({ default: m.ConfirmEmailPage })));
const ResetPasswordPage = lazy(() => accountPages().then((m) => ({ default: m.ResetPasswordPage })));
const InvitePage = lazy(() => accountPages().then((m) => ({ default: m.InvitePage })));
const PrivacyPage = lazy(() => accountPages().then((m) => ({ default: m.PrivacyPage })));
const AdminArea = lazy(() => admin().then((m) => ({ default: m.AdminArea })));
const AdminHomePage = lazy(() => admin().then((m) => ({ default: m.AdminHomePage })));
const AdminInvitationsPage = lazy(() => admin().then((m) => ({ default: m.AdminInvitationsPage })));
const AdminSurveysPage = lazy(() => admin().then((m) => ({ default: m.AdminSurveysPage })));
const AdminKpiPage = lazy(() => admin().then((m) => ({ default: m.AdminKpiPage })));
const AdminModulesPage = lazy(() => admin().then((m) => ({ default: m.AdminModulesPage })));
const AdminModulePage = lazy(() => admin().then((m) => ({ default: m.AdminModulePage })));

document.documentElement.lang = locale();
// A lesson opened directly (a link, a reload): its files are requested now, beside the sign-in check, not after it.
prefetchLesson(location.pathname, locale());
// Offline use (a train between stations): the service worker is registered after the page has loaded.
registerServiceWorker();

const loaded = (Page: Component) => () => <Suspense fallback={<Loading />}><Page /></Suspense>;
const area = (Area: Component<RouteSectionProps>) => (props: RouteSectionProps) => <Suspense fallback={<Loading />}><Area {...props} /></Suspense>;
const signedIn = (Page: () => JSX.Element) => () => <RequireSignIn><Page /></RequireSignIn>;

render(() => (
  <Router root={Layout}>
    <Route path="/signin" component={SignInPage} />
    <Route path="/signup" component={SignUpPage} />
    <Route path="/verify/:code" component={loaded(VerifyPage)} />
    <Route path="/reset-password" component={loaded(ResetPasswordPage)} />
    <Route path="/invite" component={loaded(InvitePage)} />
    <Route path="/privacy" component={loaded(PrivacyPage)} />
    {/* Signed in or out: the page guards its own settings, and says so in place once the account is deleted. */}
    <Route path="/account" component={loaded(AccountPage)} />
    <Route path="/account/two-factor" component={signedIn(loaded(TwoFactorPage))} />
    <Route path="/account/confirm-email" component={loaded(ConfirmEmailPage)} />
    <Route path="/" component={signedIn(HomePage)} />
    <Route path="/evidence" component={signedIn(loaded(EvidencePage))} />
    <Route path="/plan" component={signedIn(loaded(PlanPage))} />
    <Route path="/consultations" component={signedIn(loaded(ConsultationsPage))} />
    <Route path="/local/:pageId" component={signedIn(loaded(LocalPagePage))} />
    <Route path="/courses/:courseId" component={signedIn(CourseOutlinePage)} />
    {/* Guards its own sign-in: it first takes the code out of the address (#c=…), which a trip through sign-in would lose. */}
    <Route path="/checkin/:tenantId/:sessionId" component={loaded(CheckinPage)} />
    <Route path="/courses/:courseId/:moduleId/quiz" component={signedIn(loaded(QuizPage))} />
    <Route path="/courses/:courseId/:moduleId/:lessonId" component={signedIn(LessonPage)} />
    <Route path="/staff" component={area(StaffArea)}>
      <Route path="/" component={loaded(StaffStartPage)} />
      <Route path="/:tenantId" component={loaded(StaffHomePage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/rule" component={loaded(StaffRulePage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/founders" component={loaded(StaffFoundersPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/founders/:userId" component={loaded(StaffFounderPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/founders/:userId/plan" component={loaded(StaffPlanPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/cohorts" component={loaded(StaffCohortsPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/sessions" component={loaded(StaffSessionsPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/sessions/:sessionId" component={loaded(StaffSessionPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/people" component={loaded(StaffPeoplePage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/settings" component={loaded(StaffSettingsPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/audit" component={loaded(StaffAuditPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/survey" component={loaded(StaffSurveyPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
      <Route path="/:tenantId/benchmark" component={loaded(StaffBenchmarkPage)} matchFilters={{ tenantId: /^\d{6}$/ }} />
    </Route>
    <Route path="/advisor" component={area(AdvisorArea)}>
      <Route path="/" component={loaded(AdvisorHomePage)} />
      <Route path="/founders/:userId" component={loaded(AdvisorFounderPage)} />
      <Route path="/founders/:userId/plan" component={loaded(AdvisorPlanPage)} />
      <Route path="/consultations" component={loaded(SlotsPage)} />
    </Route>
    <Route path="/admin" component={area(AdminArea)}>
      <Route path="/" component={loaded(AdminHomePage)} />
      <Route path="/invitations" component={loaded(AdminInvitationsPage)} />
      <Route path="/surveys" component={loaded(AdminSurveysPage)} />
      <Route path="/surveys/:fiscalYear" component={loaded(AdminKpiPage)} matchFilters={{ fiscalYear: /^\d{4}$/ }} />
      <Route path="/modules" component={loaded(AdminModulesPage)} />
      <Route path="/modules/:courseId/:moduleId" component={loaded(AdminModulePage)} />
    </Route>
    <Route path="*404" component={NotFoundPage} />
  </Router>
), document.getElementById('root')!);
