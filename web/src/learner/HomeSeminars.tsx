import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { AssignmentView } from '../../../functions/contract/assignments.ts';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import type { FounderSession } from '../../../functions/contract/seminars.ts';
import { calendarUrl, setAbsence, takeAssignments, takeSessions } from '../api/my-sessions.ts';
import { getCourse } from '../api/progress.ts';
import { ErrorNotice, messageOf } from '../components/Notice.tsx';
import { formatDate, formatDay, pick } from '../i18n/index.ts';
import { type SeminarKey, sessionWhen, sm } from './seminars-i18n.ts';
import './seminars.css';

/**
 * Container (a lazy chunk of the home page): the founder's assignments — make-ups of missed sessions first, as the
 * API orders them — and their cohort's upcoming sessions. While they load it holds the home page's Suspense boundary, so
 * the page appears whole (HomePage asked for them as it started); nothing shows when there is nothing to show. (A
 * resource's `latest` throws its error: each is read only when it has none.)
 */
export default function HomeSeminars() {
  const [assignments, { refetch: refetchAssignments }] = createResource(async () => (await takeAssignments()).assignments);
  const [sessions, { mutate, refetch: refetchSessions }] = createResource(takeSessions);
  // Module links go to each module's first lesson: the course files are cached content (home has read the first course).
  const courseIds = () => {
    const a = assignments.error ? undefined : assignments.latest;
    return a ? [...new Set(a.filter((x) => x.state !== 'done').map((x) => x.courseId))].sort().join(',') : undefined;
  };
  const [courses] = createResource(courseIds, async (ids) =>
    (await Promise.all(ids.split(',').filter(Boolean).map((id) => getCourse(id).catch(() => null)))).filter((c): c is PublicCourse => c !== null));
  const replace = (s: FounderSession) => mutate((all) => (all ? { ...all, upcoming: all.upcoming.map((x) => (x.id === s.id ? s : x)) } : all));
  return (
    <>
      <Show when={assignments.error}><ErrorNotice error={assignments.error} onRetry={refetchAssignments} /></Show>
      <Show when={!assignments.error && assignments.latest}>{(a) => <AssignmentsView assignments={a()} courses={courses.latest ?? []} />}</Show>
      <Show when={sessions.error}><ErrorNotice error={sessions.error} onRetry={refetchSessions} /></Show>
      <Show when={!sessions.error && sessions.latest}>
        {(s) => <UpcomingSessionsView sessions={s().upcoming} onAbsence={async (x, absent) => { replace(await setAbsence(x, absent)); }} />}
      </Show>
    </>
  );
}

/** The href of a module's first lesson, or the course outline when the course file has not been read. */
export function moduleHref(courses: PublicCourse[], courseId: string, moduleId: string): string {
  const lesson = courses.find((c) => c.id === courseId)?.modules.find((m) => m.id === moduleId)?.lessons[0];
  return lesson ? `/courses/${courseId}/${moduleId}/${lesson.id}` : `/courses/${courseId}`;
}

const assignmentTitle = (a: AssignmentView) =>
  (a.source.kind === 'makeup' ? sm('assign.makeup', { title: a.source.sessionTitle }) : sm('assign.from', { name: a.source.byName }));

/** View: open assignments in the API's order (make-ups first), overdue ones marked; done ones folded away. */
export function AssignmentsView(props: { assignments: AssignmentView[]; courses: PublicCourse[] }) {
  const open = () => props.assignments.filter((a) => a.state !== 'done');
  const done = () => props.assignments.filter((a) => a.state === 'done');
  return (
    <Show when={props.assignments.length > 0}>
      <section class="card assignments" aria-labelledby="assign-title">
        <h2 id="assign-title">{sm('assign.title')}</h2>
        <ul class="assignment-list">
          <For each={open()}>
            {(a) => (
              <li class="assignment" data-state={a.state} data-kind={a.source.kind}>
                <h3 id={`assign-${a.id}`}>{assignmentTitle(a)}</h3>
                <p class="due">
                  <span>{sm('assign.due', { date: formatDay(a.dueOn) })}</span>
                  <Show when={a.state === 'overdue'}> <strong class="due-tag overdue">{sm('assign.overdue')}</strong></Show>
                  <Show when={a.state === 'due_soon'}> <strong class="due-tag soon">{sm('assign.dueSoon')}</strong></Show>
                </p>
                <Show when={a.source.kind === 'makeup'}><p class="small">{sm('assign.makeupWhy')}</p></Show>
                <Show when={a.note}>{(n) => <p class="note">{n()}</p>}</Show>
                <Show when={a.source.kind === 'advisor'}>
                  <p><A href={`/consultations?from=assignment&assignment=${encodeURIComponent(a.id)}`}>{sm('assign.consult')}</A></p>
                </Show>
                <ul class="assignment-modules" aria-labelledby={`assign-${a.id}`}>
                  <For each={a.modules}>
                    {(m) => (
                      <li>
                        <A href={moduleHref(props.courses, a.courseId, m.moduleId)}>{pick(m.title)}</A>{' '}
                        <span class={m.completed ? 'done' : 'small'}>{m.completed ? `✓ ${sm('assign.moduleDone')}` : sm('assign.moduleOpen')}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ul>
        <Show when={done().length > 0}>
          <details class="assignments-done">
            <summary>{sm('assign.done', { count: done().length })}</summary>
            <ul>
              <For each={done()}>
                {(a) => <li>{assignmentTitle(a)}<Show when={a.completedAt}>{(d) => <span class="small">{sm('assign.doneOn', { date: formatDate(d()) })}</span>}</Show></li>}
              </For>
            </ul>
          </details>
        </Show>
      </section>
    </Show>
  );
}

/** View: the cohort's upcoming sessions with a calendar file, the advance notice of absence, and check-in when open. */
export function UpcomingSessionsView(props: { sessions: FounderSession[]; onAbsence: (s: FounderSession, absent: boolean) => Promise<void> }) {
  return (
    <Show when={props.sessions.length > 0}>
      <section class="card sessions" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{sm('sessions.title')}</h2>
        <ul class="session-list">
          <For each={props.sessions}>{(s) => <SessionItem session={s} onAbsence={props.onAbsence} />}</For>
        </ul>
      </section>
    </Show>
  );
}

function SessionItem(props: { session: FounderSession; onAbsence: (s: FounderSession, absent: boolean) => Promise<void> }) {
  const s = () => props.session;
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  const excused = () => s().myStatus === 'excused';
  // Each control names its session, so a list of several reads unambiguously (and the visible words come first).
  const about = (k: SeminarKey) => sm('sessions.about', { action: sm(k), title: s().title });
  const toggle = async () => {
    setBusy(true); setFailure(undefined);
    try { await props.onAbsence(s(), !excused()); } catch (e) { setFailure(e); } finally { setBusy(false); }
  };
  return (
    <li class="session" data-session={s().id} data-state={s().state}>
      <h3>{s().title}</h3>
      <p class="when">{sessionWhen(s())}</p>
      <Show when={s().place}>{(p) => <p>{sm('sessions.place', { place: p() })}</p>}</Show>
      <Show when={s().onlineUrl}>
        {(u) => <p><a href={u()} rel="noopener noreferrer" target="_blank" aria-label={about('sessions.online')}>{sm('sessions.online')}</a></p>}
      </Show>
      <Show when={s().state === 'open'}>
        <Show when={s().myStatus === 'present'} fallback={<p class="notice scan">{sm('sessions.scan')}</p>}>
          <p class="notice ok">✓ {sm('sessions.present')}</p>
        </Show>
      </Show>
      <Show when={s().state === 'upcoming' && excused()}><p class="notice excused" role="status">{sm('sessions.excused')}</p></Show>
      <div class="actions">
        <a class="button" href={calendarUrl(s())} download="" aria-label={about('sessions.calendar')}>{sm('sessions.calendar')}</a>
        <Show when={s().state === 'upcoming'}>
          <button type="button" disabled={busy()} aria-label={busy() ? undefined : about(excused() ? 'sessions.canCome' : 'sessions.cannotCome')} onClick={toggle}>
            {busy() ? sm('sessions.saving') : sm(excused() ? 'sessions.canCome' : 'sessions.cannotCome')}
          </button>
        </Show>
      </div>
      <Show when={failure()}>{(e) => <p class="field-error" role="alert">{messageOf(e())}</p>}</Show>
    </li>
  );
}
