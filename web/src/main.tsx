import { Route, Router } from '@solidjs/router';
import { type Component, type JSX, lazy, Suspense } from 'solid-js';
import { render } from 'solid-js/web';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Notice.tsx';
import { RequireSignIn } from './components/RequireSignIn.tsx';
import { locale } from './i18n/index.ts';
import { CourseOutlinePage } from './pages/CourseOutline.tsx';
import { HomePage } from './pages/Home.tsx';
import { LessonPage } from './pages/Lesson.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { SignInPage } from './pages/SignIn.tsx';
import { SignUpPage } from './pages/SignUp.tsx';
import './styles.css';

// Pages opened less often load on demand, so the first visit stays small.
const QuizPage = lazy(() => import('./pages/Quiz.tsx').then((m) => ({ default: m.QuizPage })));
const EvidencePage = lazy(() => import('./pages/Evidence.tsx').then((m) => ({ default: m.EvidencePage })));
const VerifyPage = lazy(() => import('./pages/Verify.tsx').then((m) => ({ default: m.VerifyPage })));

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
