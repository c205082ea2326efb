import { Route, Router } from '@solidjs/router';
import { render } from 'solid-js/web';
import { Layout } from './components/Layout.tsx';
import { RequireSignIn } from './components/RequireSignIn.tsx';
import { locale } from './i18n/index.ts';
import { CourseOutlinePage } from './pages/CourseOutline.tsx';
import { HomePage } from './pages/Home.tsx';
import { LessonPage } from './pages/Lesson.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { SignInPage } from './pages/SignIn.tsx';
import { SignUpPage } from './pages/SignUp.tsx';
import './styles.css';

document.documentElement.lang = locale();

const signedIn = (Page: () => import('solid-js').JSX.Element) => () => <RequireSignIn><Page /></RequireSignIn>;

render(() => (
  <Router root={Layout}>
    <Route path="/signin" component={SignInPage} />
    <Route path="/signup" component={SignUpPage} />
    <Route path="/" component={signedIn(HomePage)} />
    <Route path="/courses/:courseId" component={signedIn(CourseOutlinePage)} />
    <Route path="/courses/:courseId/:moduleId/:lessonId" component={signedIn(LessonPage)} />
    <Route path="*404" component={NotFoundPage} />
  </Router>
), document.getElementById('root')!);
