import { A, Navigate } from '@solidjs/router';
import { createResource, createSignal, For, type JSX, Match, Show, Suspense, Switch } from 'solid-js';
import type { CourseProgress } from '../../../functions/contract/api.ts';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { Localized, PublicCourse, PublicCourseTranslation, PublicIndex, PublicLocalPages } from '../../../functions/contract/catalog.ts';
import { getCourseIndex, getProgress } from '../api/progress.ts';
import { account, isLearner, reloadMe, resendConfirmation, WORKSPACE_HOME, workspacesOf } from '../api/account.ts';
import { ApiFailure } from '../api/client.ts';
import { requestHomeSeminars } from '../api/my-sessions.ts';
import { getLocalPages, hasLocalPages, learnerMunicipality } from '../api/local.ts';
import { ErrorNotice, Loading, messageOf } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { formatDate, locale, pick, t } from '../i18n/index.ts';
import { fallsBack, lessonTitle, loadCourseWithTranslation } from './language.ts';
import { HomeSeminars, HomeSeminarsSlot } from './HomeSeminarsSlot.tsx';

async function loadHome(lang: 'ja' | 'en') {
  const index = await getCourseIndex();
  const first = index.courses[0];
  if (!first) return { index, course: null };
  const [c, progress] = await Promise.all([loadCourseWithTranslation(first.id, lang), getProgress(first.id)]);
  return { index, course: { ...c, progress } };
}

/**
 * Container: loads the course and the learner's progress; then, apart, the local pages of the founder's own
 * municipality when it publishes any (index.json lists them), so that they never hold up or break the home page.
 */
export function HomePage() {
  usePageTitle(() => t('home.title'));
  const [data, { refetch }] = createResource(() => (isLearner(account.me()) ? locale() : undefined), loadHome);
  // The assignments and sessions, and their chunk, are asked for beside the course and progress, not after them.
  if (isLearner(account.me())) { void HomeSeminars.preload(); requestHomeSeminars(); }
  const municipality = () => learnerMunicipality(account.me());
  const [local, { refetch: refetchLocal }] = createResource(() => {
    const d = data.latest;
    const m = municipality();
    return d && m && hasLocalPages(d.index, m.tenantId) ? { tenantId: m.tenantId, lang: locale() } : undefined;
  }, (k) => getLocalPages(k.tenantId, k.lang));
  return (
    <Switch fallback={<Loading />}>
      <Match when={!isLearner(account.me())}><OtherWorkspaces /></Match>
      <Match when={data.error}><h1>{t('home.title')}</h1><ErrorNotice error={data.error} onRetry={refetch} /></Match>
      <Match when={data.latest?.course}>
        {(c) => (
          // The page shows once, whole, with the assignments and sessions (HomeSeminarsSlot); the municipality's pages
          // come last on the page and in their own boundary, so they neither hold it up nor push anything when they arrive.
          <Suspense fallback={<Loading />}>
          <HomeView name={account.me()!.user.name} course={c().course} progress={c().progress} translation={c().translation} seminars={<HomeSeminarsSlot />}
            emailToConfirm={account.me()!.user.emailVerified ? undefined : account.me()!.user.email}
            local={<Suspense><LocalSection city={municipality()?.tenantName} pages={local.error ? undefined : local.latest} error={local.error} onRetry={refetchLocal} /></Suspense>} />
          </Suspense>
        )}
      </Match>
      <Match when={data.latest && !data.latest.course}><h1>{t('home.title')}</h1><p>{t('course.empty')}</p></Match>
    </Switch>
  );
}

/**
 * View: the municipality's notices and programmes as links to their pages, under 「〇〇市からのお知らせ・支援制度」.
 * Nothing at all when the municipality has no pages.
 */
export function LocalSection(props: { city: Localized | undefined; pages: PublicLocalPages | undefined; error?: unknown; onRetry?: () => void }) {
  const city = () => (props.city ? pick(props.city) : '');
  return (
    <Show when={props.city && (props.error || (props.pages && props.pages.pages.length > 0))}>
      <section class="card local" aria-labelledby="local-title">
        <h2 id="local-title">{t('local.title', { city: city() })}</h2>
        <Show when={props.pages} fallback={<ErrorNotice error={props.error} onRetry={props.onRetry} />}>
          {(p) => (
            <>
              <p class="small">{t('local.intro', { city: city() })}</p>
              <ul class="link-list local-pages">
                <For each={p().pages}>
                  {(page) => (
                    <li>
                      <A href={`/local/${page.id}`} lang={page.lang}>{page.title}</A>
                      <Show when={fallsBack(page.lang)}> <span class="badge lang ja-only">{t('course.japaneseOnly')}</span></Show>
                    </li>
                  )}
                </For>
              </ul>
            </>
          )}
        </Show>
      </section>
    </Show>
  );
}

/** Someone who is not a founder: straight to their only area, or a choice between several. */
function OtherWorkspaces() {
  const others = () => workspacesOf(account.me()).filter((w) => w !== 'learner');
  return (
    <Show when={others().length !== 1} fallback={<Navigate href={WORKSPACE_HOME[others()[0]!]} />}>
      <h1>{t('home.title')}</h1>
      <Show when={others().length > 1} fallback={<p class="notice">{t('home.notLearner')}</p>}>
        <h2>{t('home.chooseWorkspace')}</h2>
        <ul class="link-list start">
          <For each={others()}>{(w) => <li><A class="button" href={WORKSPACE_HOME[w]}>{t(`nav.workspace.${w}`)}</A></li>}</For>
        </ul>
      </Show>
    </Show>
  );
}

/**
 * The founder's address is not confirmed yet: say what that means and send the link again on request. (The account
 * works anyway; only reminder mails wait for it.)
 */
export function EmailNotConfirmed(props: { email: string }) {
  const [said, setSaid] = createSignal<{ ok: boolean; text: string }>();
  const [busy, setBusy] = createSignal(false);
  const resend = async () => {
    setBusy(true);
    setSaid(undefined);
    try {
      await resendConfirmation();
      setSaid({ ok: true, text: t('home.resent', { email: props.email }) });
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'conflict') { await reloadMe().catch(() => undefined); return; } // confirmed meanwhile
      const text = e instanceof ApiFailure && e.code === 'rate_limited'
        ? t('home.resendLater', { minutes: Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60)) }) : messageOf(e);
      setSaid({ ok: false, text });
    } finally { setBusy(false); }
  };
  return (
    <div class="notice unconfirmed">
      <p>{t('home.unconfirmed', { email: props.email })}</p>
      <p><button type="button" class="secondary" disabled={busy()} onClick={resend}>{t('home.resend')}</button></p>
      <Show when={said()}>{(s) => <p class={s().ok ? 'ok' : 'field-error'} role={s().ok ? 'status' : 'alert'}>{s().text}</p>}</Show>
    </div>
  );
}

/** View: the learner home from plain data. */
export function HomeView(props: {
  name: string; course: PublicCourse; progress: CourseProgress; translation?: PublicCourseTranslation; local?: JSX.Element; emailToConfirm?: string | undefined;
  /** Make-ups and other assignments, then the cohort's upcoming sessions (HomeSeminarsSlot): first after the greeting. */
  seminars?: JSX.Element;
}) {
  const resumeLesson = () => {
    const r = props.progress.resume;
    if (!r) return undefined;
    const m = props.course.modules.find((x) => x.id === r.moduleId);
    const l = m?.lessons.find((x) => x.id === r.lessonId);
    return l && m ? { href: `/courses/${props.course.id}/${m.id}/${l.id}`, title: lessonTitle(props.translation, m.id, l) } : undefined;
  };
  return (
    <>
      <h1>{t('home.greeting', { name: props.name })}</h1>
      {props.seminars}
      <section class="card resume" aria-labelledby="resume-title">
        <h2 id="resume-title">{pick(props.course.title)}</h2>
        <Show when={props.progress.completed}>
          {(c) => <p class="notice ok">✓ {t('course.completedOn', { date: formatDate(c().completedAt) })}</p>}
        </Show>
        <Show when={resumeLesson()} fallback={<p>{t('home.allDone')}</p>}>
          {(r) => (
            <>
              <Show when={r().title.lang !== locale()} fallback={<p>{t('home.continueLesson', { lesson: r().title.text })}</p>}>
                {/* A Japanese title in an English sentence is marked as Japanese, for screen readers. */}
                <p>{t('home.continueLesson', { lesson: '\u0000' }).split('\u0000').map((part, i) => (i === 0 ? part : <><span lang={r().title.lang}>{r().title.text}</span>{part}</>))}</p>
              </Show>
              <A class="button primary" href={r().href}>{props.progress.completedLessons > 0 || props.progress.lastActiveAt ? t('home.continue') : t('home.start')}</A>
            </>
          )}
        </Show>
        <Show when={props.progress.lastActiveAt}>{(d) => <p class="small">{t('home.lastActive', { date: formatDate(d()) })}</p>}</Show>
      </section>
      {/* After the way back into the course: studying comes first, the address can wait. */}
      <Show when={props.emailToConfirm}>{(email) => <EmailNotConfirmed email={email()} />}</Show>
      <section class="card" aria-labelledby="overall-title">
        <h2 id="overall-title">{t('home.overall')}</h2>
        <ProgressBar id="p-overall" label={t('home.overall')} value={props.progress.completedLessons} max={props.progress.totalLessons}
          detail={t('home.lessonsDone', { done: props.progress.completedLessons, total: props.progress.totalLessons })} />
      </section>
      <section class="card" aria-labelledby="areas-title">
        <h2 id="areas-title">{t('home.byArea')}</h2>
        <For each={AREAS.map((a) => props.progress.areas.find((x) => x.area === a)!).filter(Boolean)}>
          {(a) => (
            <ProgressBar id={`p-${a.area}`} label={`${t(`area.${a.area}`)}${a.covered ? ` ✓ ${t('home.covered')}` : ''}`} value={a.completedLessons} max={a.totalLessons}
              detail={`${t('home.lessonsDone', { done: a.completedLessons, total: a.totalLessons })} · ${t('home.modulesDone', { done: a.completedModules, total: a.totalModules })}`} />
          )}
        </For>
        <A href={`/courses/${props.course.id}`}>{t('home.openCourse')}</A>
      </section>
      <p><A class="button" href="/evidence">{t('home.evidence')}</A></p>
      {/* The municipality's pages arrive apart (their own file): last, so that they push nothing down when they come. */}
      {props.local}
    </>
  );
}
