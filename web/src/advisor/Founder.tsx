import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { AssignmentList, AssignmentView } from '../../../functions/contract/assignments.ts';
import { messageOf } from '../components/Notice.tsx';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { FounderRecord } from '../../../functions/contract/roles.ts';
import { request } from '../api/client.ts';
import { getCourse, getCourseIndex } from '../api/progress.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { formatDate, formatDay, pick, t } from '../i18n/index.ts';
import { at } from './i18n/index.ts';

const allCourses = async (): Promise<PublicCourse[]> => Promise.all((await getCourseIndex()).courses.map((c) => getCourse(c.id)));

/**
 * Container and view: one founder of the advisor's caseload — their standing, what they have done, their evidence, and
 * the advisor's assignments (issue 11, point 3). Reading it is audited like the staff's view (GET /api/founders/:id).
 */
export default function AdvisorFounderPage() {
  const params = useParams<{ userId: string }>();
  const [record, { refetch }] = createResource(() => params.userId, (id) => request<FounderRecord>('GET', `/api/founders/${encodeURIComponent(id)}`));
  const [courses] = createResource(allCourses);
  usePageTitle(() => (record.error ? undefined : record.latest?.name));
  const title = (moduleId: string) => {
    for (const c of (courses.error ? undefined : courses.latest) ?? []) { const m = c.modules.find((x) => x.id === moduleId || `${c.id}/${x.id}` === moduleId); if (m) return pick(m.title); }
    return moduleId;
  };
  return (
    <Switch fallback={<Loading />}>
      <Match when={record.error}><h1>{at('home.title')}</h1><ErrorNotice error={record.error} onRetry={refetch} /></Match>
      <Match when={record()}>
        {(r) => (
          <article aria-labelledby="advisor-founder-title">
            <p><A href="/advisor">← {at('founder.back')}</A></p>
            <h1 id="advisor-founder-title">{r().name}</h1>
            <p class="small">{pick(r().tenantName)}・{at('founder.audited')}</p>
            <p><A href={`/advisor/founders/${r().userId}/plan`}>{at('card.openPlan', { name: r().name })}</A></p>
            <dl class="facts">
              <div><dt>{at('card.lastActive')}</dt><dd>{r().lastActiveAt ? formatDate(r().lastActiveAt!) : at('card.never')}</dd></div>
              <div><dt>{at('founder.joined')}</dt><dd>{formatDate(r().joinedAt)}</dd></div>
              <div><dt>{at('card.modules')}</dt><dd>{at('card.modulesValue', { count: r().completedModules.length })}</dd></div>
              <div><dt>{at('card.areas')}</dt><dd>{r().coveredAreas.length ? AREAS.filter((a) => r().coveredAreas.includes(a)).map((a) => t(`area.${a}`)).join('・') : at('card.noAreas')}</dd></div>
            </dl>
            <section aria-labelledby="advisor-founder-evidence">
              <h2 id="advisor-founder-evidence">{at('founder.evidence')}</h2>
              <Show when={r().evidence.length > 0} fallback={<p>{at('founder.noEvidence')}</p>}>
                <ul><For each={r().evidence}>{(e) => <li>{formatDay(e.date)}・{e.kind === 'module' ? title(e.ref) : e.ref}（{e.areas.map((a) => t(`area.${a}`)).join('・')}）</li>}</For></ul>
              </Show>
            </section>
            <Show when={courses.state === 'ready'}>
              <Assignments userId={r().userId} course={((courses.error ? undefined : courses.latest) ?? [])[0]} />
            </Show>
          </article>
        )}
      </Match>
    </Switch>
  );
}

const inDays = (n: number) => new Date(Date.now() + 9 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** The advisor's assignments to this founder: open ones with withdraw, and a form for a module, a due day and a note. */
function Assignments(props: { userId: string; course: PublicCourse | undefined }) {
  const [list, { refetch }] = createResource(() => props.userId, (u) => request<AssignmentList>('GET', `/api/founders/${u}/assignments`));
  const [moduleId, setModuleId] = createSignal('');
  const [dueOn, setDueOn] = createSignal(inDays(7));
  const [note, setNote] = createSignal('');
  const [message, setMessage] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const open = () => ((list.error ? undefined : list.latest)?.assignments ?? []).filter((a) => a.state !== 'done' && a.source.kind !== 'makeup');
  const act = async (f: () => Promise<string>) => {
    setMessage(undefined); setProblem(undefined);
    try { setMessage(await f()); refetch(); } catch (e) { setProblem(messageOf(e)); }
  };
  const assign = (e: SubmitEvent) => {
    e.preventDefault();
    void act(async () => {
      if (!props.course || !moduleId()) throw new Error(at('assign.chooseModule'));
      await request<AssignmentView>('POST', `/api/founders/${props.userId}/assignments`, { courseId: props.course.id, moduleIds: [moduleId()], dueOn: dueOn(), ...(note().trim() ? { note: note().trim() } : {}) });
      setNote('');
      return at('assign.done', { date: formatDay(dueOn()) });
    });
  };
  return (
    <section aria-labelledby="advisor-assignments">
      <h2 id="advisor-assignments">{at('assign.title')}</h2>
      <Show when={list.error}><ErrorNotice error={list.error} onRetry={refetch} /></Show>
      <Show when={open().length > 0} fallback={<p>{at('assign.none')}</p>}>
        <ul>
          <For each={open()}>
            {(a) => (
              <li>
                {a.modules.map((m) => pick(m.title)).join('、')}・{at('assign.due', { date: formatDay(a.dueOn) })}
                <Show when={a.source.kind === 'advisor'}>
                  <button type="button" class="link" onClick={() => act(async () => { await request<void>('DELETE', `/api/founders/${props.userId}/assignments/${a.id}`); return at('assign.withdrawn'); })}>{at('assign.withdraw')}</button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.course}>
        {(c) => (
          <form onSubmit={assign}>
            <div class="field">
              <label for="advisor-assign-module">{at('assign.module')}</label>
              <select id="advisor-assign-module" value={moduleId()} onChange={(e) => setModuleId(e.currentTarget.value)}>
                <option value="">{at('assign.chooseModule')}</option>
                <For each={c().modules}>{(m) => <option value={m.id}>{pick(m.title)}</option>}</For>
              </select>
            </div>
            <div class="field"><label for="advisor-assign-due">{at('assign.dueOn')}</label><input id="advisor-assign-due" type="date" value={dueOn()} onInput={(e) => setDueOn(e.currentTarget.value)} /></div>
            <div class="field"><label for="advisor-assign-note">{at('assign.note')}</label><textarea id="advisor-assign-note" rows={2} maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} /></div>
            <button type="submit">{at('assign.submit')}</button>
          </form>
        )}
      </Show>
      <Show when={problem()}><p class="error" role="alert">{problem()}</p></Show>
      <p role="status">{message()}</p>
    </section>
  );
}
