import { A } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import type { CourseProgress } from '../../../functions/contract/api.ts';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import type { EvidenceRecord } from '../../../functions/contract/evidence.ts';
import { getEvidence, verifyUrl } from '../api/evidence.ts';
import { getCourse, getCourseIndex, getProgress } from '../api/progress.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { NotCertificate, RecordTables } from '../components/RecordTables.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { formatDate, formatDay, locale, pick, t } from '../i18n/index.ts';

/** Container: the signed-in founder's own record. */
export function EvidencePage() {
  usePageTitle(() => t('evidence.title'));
  const [data, { refetch }] = createResource(getEvidence);
  // Before the first entry, the way there: where the founder stands in the module they are studying. Only then.
  const [start] = createResource(() => (data() && isEmpty(data()!) ? data()!.courseIds[0] ?? null : undefined), async (courseId) => {
    const id = courseId ?? (await getCourseIndex()).courses[0]?.id;
    if (!id) return undefined;
    const [course, progress] = await Promise.all([getCourse(id), getProgress(id)]);
    return firstSteps(course, progress);
  });
  return (
    <Switch fallback={<Loading />}>
      <Match when={data.error}><h1>{t('evidence.title')}</h1><ErrorNotice error={data.error} onRetry={refetch} /></Match>
      <Match when={data()}>{(r) => <EvidenceView record={r()} start={start.error ? undefined : start()} />}</Match>
    </Switch>
  );
}

const isEmpty = (r: EvidenceRecord) => r.areas.every((a) => a.entries.length === 0);

/** Where a founder with nothing on the record yet stands: the module they are in, its lessons done, and its quiz. */
export interface FirstSteps { courseId: string; moduleId: string; moduleTitle: { ja: string; en: string }; done: number; total: number; hasQuiz: boolean; href: string }

/** The module in progress (the resume point's, else the first not completed), counted from the progress. */
export function firstSteps(course: PublicCourse, progress: CourseProgress): FirstSteps | undefined {
  const completed = new Set(progress.completedModules.map((m) => m.moduleId));
  const m = course.modules.find((x) => x.id === progress.resume?.moduleId && !completed.has(x.id)) ?? course.modules.find((x) => !completed.has(x.id));
  if (!m) return undefined;
  const isDone = (l: string) => progress.lessons.some((x) => x.moduleId === m.id && x.lessonId === l && x.status === 'completed');
  const next = m.lessons.find((l) => !isDone(l.id));
  return {
    courseId: course.id, moduleId: m.id, moduleTitle: m.title, done: m.lessons.filter((l) => isDone(l.id)).length, total: m.lessons.length, hasQuiz: Boolean(m.quiz),
    href: next ? `/courses/${course.id}/${m.id}/${next.id}` : m.quiz ? `/courses/${course.id}/${m.id}/quiz` : `/courses/${course.id}`,
  };
}

/**
 * View: an empty record explained. What counts (a completed module: its lessons and its quiz; an in-person session the
 * municipality records) and how far the founder is toward the first entry.
 */
export function RecordStart(props: { start?: FirstSteps | undefined }) {
  return (
    <section class="card record-start" aria-labelledby="record-start-title">
      <h2 id="record-start-title">{t('evidence.startTitle')}</h2>
      <p>{t('evidence.startWhat')}</p>
      <ul>
        <li>{t('evidence.countsModule')}</li>
        <li>{t('evidence.countsSession')}</li>
      </ul>
      <Show when={props.start}>
        {(s) => (
          <>
            <ProgressBar id="p-first-module" label={t('evidence.startModule', { module: pick(s().moduleTitle) })} value={s().done} max={s().total}
              detail={t('home.lessonsDone', { done: s().done, total: s().total })} />
            <p>{s().done < s().total ? t(s().hasQuiz ? 'evidence.startLessonsQuiz' : 'evidence.startLessons', { left: s().total - s().done })
              : t('evidence.startQuiz')}</p>
            <p><A class="button" href={s().href}>{t('evidence.startGo')}</A></p>
          </>
        )}
      </Show>
    </section>
  );
}

/** View: the record as the founder shows or prints it for the municipality, with where it stands against the local rule. */
export function EvidenceView(props: { record: EvidenceRecord; origin?: string; start?: FirstSteps | undefined }) {
  const url = () => verifyUrl(props.record.verificationCode, props.origin ?? location.origin);
  const day = (d: string | null) => (d ? formatDay(d) : t('evidence.noDate'));
  return (
    <article class="evidence" lang={locale()} aria-labelledby="evidence-title">
      <h1 id="evidence-title">{t('evidence.title')}</h1>
      <NotCertificate />
      <dl class="facts">
        <div><dt>{t('evidence.name')}</dt><dd>{props.record.learner.name}</dd></div>
        <div><dt>{t('evidence.municipality')}</dt><dd>{pick(props.record.tenant.name)}</dd></div>
      </dl>
      <p class="small">{t('evidence.generatedAt', { date: formatDate(props.record.generatedAt) })}</p>
      <p class="no-print"><button type="button" onClick={() => window.print()}>{t('evidence.print')}</button></p>

      <Show when={isEmpty(props.record)}><RecordStart start={props.start} /></Show>
      <RecordTables areas={props.record.areas} />

      <section aria-labelledby="evidence-period">
        <h2 id="evidence-period">{t('evidence.period')}</h2>
        <dl class="facts">
          <div><dt>{t('evidence.firstDate')}</dt><dd>{day(props.record.firstDate)}</dd></div>
          <div><dt>{t('evidence.lastDate')}</dt><dd>{day(props.record.lastDate)}</dd></div>
          <div><dt>{t('evidence.days')}</dt><dd>{t('evidence.daysValue', { count: props.record.distinctDays })}</dd></div>
        </dl>
      </section>

      <section aria-labelledby="evidence-rule">
        <h2 id="evidence-rule">{t('evidence.rule')}</h2>
        <Show when={props.record.eligibility.eligible} fallback={
          <div class="notice missing">
            <p>{t('evidence.missing')}</p>
            <ul><For each={props.record.eligibility.missingText}>{(m) => <li>{pick(m)}</li>}</For></ul>
          </div>
        }>
          <p class="notice ok">✓ {t('evidence.eligible')}</p>
        </Show>
      </section>

      <section aria-labelledby="evidence-code">
        <h2 id="evidence-code">{t('evidence.verification')}</h2>
        <p class="code">{props.record.verificationCode}</p>
        <p>{t('evidence.verifyHelp')}</p>
        <p class="verify-url"><a href={url()}>{url()}</a></p>
      </section>
      <p class="no-print"><A href="/">{t('state.goHome')}</A></p>
    </article>
  );
}
