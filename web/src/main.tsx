import { Route, Router } from '@solidjs/router';
import { type Component, type JSX, lazy, Suspense } from 'solid-js';
import { render } from 'solid-js/web';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Notice.tsx';
import { RequireSignIn } from './components/RequireSignIn.tsx';
import { locale } from './i18n/index.ts';
import { CourseOutlinePage } from './learner/CourseOutline.tsx';
import { HomePage } from './learner/Home.tsx';
import { LessonPage } from './learner/Lesson.tsx';
import { NotFoundPage } from './learner/NotFound.tsx';
import { SignInPage } from './learner/SignIn.tsx';
import { SignUpPage } from './learner/SignUp.tsx';
import './styles.css';

// Pages opened less often load on demand, so the first visit stays small.
const QuizPage = lazy(() => import('./learner/Quiz.tsx').then((m) => ({ default: m.QuizPage })));
const EvidencePage = lazy(() => import('./learner/Evidence.tsx').then((m) => ({ default: m.EvidencePage })));
const VerifyPage = lazy(() => import('./learner/Verify.tsx').then((m) => ({ default: m.VerifyPage })));

document.documentElement.lang = locale();

const loaded = (Page: Component) => () => <Suspense fallback={<Loading />}><Page /></Suspense>;
const signedIn = (Page: () => JSX.Element) => () => <RequireSignIn><Page /></RequireSignIn>;

render(() => (
  <Router root={Layout}>
    <Route path="/signin" component={SignInPage} />
    <Route path="/signup" component={SignUpPage} />
    <Route path="/verify/:code" component={loaded(VerifyPage)} />
    <Route path="/" component={signedIn(HomePage)} />
    <Route path="/evidence" component={signedIn(loaded(EvidencePage))} />
    <Route path="/courses/:courseId" component={signedIn(CourseOutlinePage)} />
    <Route path="/courses/:courseId/:moduleId/quiz" component={signedIn(loaded(QuizPage))} />
    <Route path="/courses/:courseId/:moduleId/:lessonId" component={signedIn(LessonPage)} />
    <Route path="*404" component={NotFoundPage} />
  </Router>
), document.getElementById('root')!);
