import { createResource, createSignal, For, Show } from 'solid-js';
import type { AssignmentList, AssignmentView } from '../../../functions/contract/assignments.ts';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import type { AdvisorFounders, AdvisorList, AttachResult } from '../../../functions/contract/staff.ts';
import { request } from '../api/client.ts';
import { ErrorNotice, messageOf } from '../components/Notice.tsx';
import { formatDay, pick } from '../i18n/index.ts';
import { st } from './i18n/index.ts';

/** The founder's advisors in this municipality: every advisor, and whether this founder is in their caseload. */
async function advisorsOf(tenantId: string, userId: string) {
  const { advisors } = await request<AdvisorList>('GET', `/api/tenants/${tenantId}/advisors`);
  const mine = await Promise.all(advisors.map(async (a) => (await request<AdvisorFounders>('GET', `/api/tenants/${tenantId}/advisors/${a.userId}/founders`)).founders.some((f) => f.userId === userId)));
  return advisors.map((a, i) => ({ ...a, attached: mine[i]! }));
}

const inDays = (n: number) => new Date(Date.now() + 9 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Container and view (issue 11, points 1 and 2): on a founder's page, staff attach the founder to one of the
 * municipality's advisors (or detach them), and assign modules with a due day and a note; the founder sees them on home.
 */
export function FounderSupport(props: { tenantId: string; userId: string; courses: PublicCourse[]; /** Staff attach advisors; an advisor only assigns. */ attach?: boolean }) {
  const [advisors, { refetch: refetchAdvisors }] = createResource(() => (props.attach === false ? undefined : [props.tenantId, props.userId] as const), ([t, u]) => advisorsOf(t, u));
  const [assignments, { refetch: refetchAssignments }] = createResource(() => props.userId, (u) => request<AssignmentList>('GET', `/api/founders/${u}/assignments`));
  const [advisorId, setAdvisorId] = createSignal('');
  const [message, setMessage] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const course = () => props.courses[0];
  const [moduleId, setModuleId] = createSignal('');
  const [dueOn, setDueOn] = createSignal(inDays(7));
  const [note, setNote] = createSignal('');
  const act = async (f: () => Promise<string>) => {
    setProblem(undefined);
    setMessage(undefined);
    try { setMessage(await f()); } catch (e) { setProblem(messageOf(e)); }
  };
  const attach = () => act(async () => {
    const a = advisorList()?.find((x) => x.userId === advisorId());
    if (!a) throw new Error(st('support.chooseAdvisor'));
    await request<AttachResult>('POST', `/api/tenants/${props.tenantId}/advisors/${a.userId}/founders`, { userIds: [props.userId] });
    refetchAdvisors();
    return st('support.attached', { name: a.name });
  });
  const detach = (a: { userId: string; name: string }) => act(async () => {
    await request<void>('DELETE', `/api/tenants/${props.tenantId}/advisors/${a.userId}/founders/${props.userId}`);
    refetchAdvisors();
    return st('support.detached', { name: a.name });
  });
  const assign = (e: SubmitEvent) => {
    e.preventDefault();
    void act(async () => {
      const c = course();
      if (!c || !moduleId()) throw new Error(st('support.chooseModule'));
      await request<AssignmentView>('POST', `/api/founders/${props.userId}/assignments`, { courseId: c.id, moduleIds: [moduleId()], dueOn: dueOn(), ...(note().trim() ? { note: note().trim() } : {}) });
      refetchAssignments();
      setNote('');
      return st('support.assigned', { date: formatDay(dueOn()) });
    });
  };
  const withdraw = (a: AssignmentView) => act(async () => {
    await request<void>('DELETE', `/api/founders/${props.userId}/assignments/${a.id}`);
    refetchAssignments();
    return st('support.withdrawn');
  });
  // A resource's `latest` throws its error: read it only when there is none.
  const advisorList = () => (advisors.error ? undefined : advisors.latest);
  const assignmentList = () => (assignments.error ? undefined : assignments.latest);
  const open = () => (assignmentList()?.assignments ?? []).filter((a) => a.state !== 'done' && a.source.kind !== 'makeup');
  return (
    <section class="card" aria-labelledby="founder-support">
      <h2 id="founder-support">{props.attach === false ? st('support.assignments') : st('support.title')}</h2>
      <Show when={advisors.error}><ErrorNotice error={advisors.error} onRetry={refetchAdvisors} /></Show>
      <Show when={advisorList()}>
        {(list) => (
          <>
            <h3>{st('support.advisors')}</h3>
            <Show when={list().some((a) => a.attached)} fallback={<p>{st('support.noAdvisor')}</p>}>
              <ul>
                <For each={list().filter((a) => a.attached)}>
                  {(a) => <li>{a.name} <button type="button" class="link" onClick={() => detach(a)}>{st('support.detach', { name: a.name })}</button></li>}
                </For>
              </ul>
            </Show>
            <Show when={list().some((a) => !a.attached)} fallback={<Show when={list().length === 0}><p class="small">{st('support.noAdvisors')}</p></Show>}>
              <div class="field">
                <label for="support-advisor">{st('support.advisor')}</label>
                <select id="support-advisor" value={advisorId()} onChange={(e) => setAdvisorId(e.currentTarget.value)}>
                  <option value="">{st('support.chooseAdvisor')}</option>
                  <For each={list().filter((a) => !a.attached)}>{(a) => <option value={a.userId}>{a.name}</option>}</For>
                </select>
              </div>
              <button type="button" onClick={attach} disabled={!advisorId()}>{st('support.attach')}</button>
            </Show>
          </>
        )}
      </Show>
      <Show when={props.attach !== false}><h3>{st('support.assignments')}</h3></Show>
      <Show when={assignments.error}><ErrorNotice error={assignments.error} onRetry={refetchAssignments} /></Show>
      <Show when={open().length > 0} fallback={<Show when={assignmentList()}><p>{st('support.noAssignments')}</p></Show>}>
        <ul>
          <For each={open()}>
            {(a) => (
              <li>
                {a.modules.map((m) => pick(m.title)).join('、')}・{st('support.due', { date: formatDay(a.dueOn) })}{a.state === 'overdue' ? `（${st('support.overdue')}）` : ''}
                <button type="button" class="link" onClick={() => withdraw(a)}>{st('support.withdraw')}</button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={course()}>
        {(c) => (
          <form onSubmit={assign}>
            <div class="field">
              <label for="support-module">{st('support.module')}</label>
              <select id="support-module" value={moduleId()} onChange={(e) => setModuleId(e.currentTarget.value)}>
                <option value="">{st('support.chooseModule')}</option>
                <For each={c().modules}>{(m) => <option value={m.id}>{pick(m.title)}</option>}</For>
              </select>
            </div>
            <div class="field">
              <label for="support-due">{st('support.dueOn')}</label>
              <input id="support-due" type="date" value={dueOn()} onInput={(e) => setDueOn(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="support-note">{st('support.note')}</label>
              <textarea id="support-note" rows={2} maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
            </div>
            <button type="submit">{st('support.assign')}</button>
          </form>
        )}
      </Show>
      <Show when={problem()}><p class="error" role="alert">{problem()}</p></Show>
      <p role="status">{message()}</p>
    </section>
  );
}

/** On the cohorts page: attach every founder of a cohort to one of the municipality's advisors at once. */
export function CohortAdvisors(props: { tenantId: string; cohorts: Array<{ id: string; name: string }> }) {
  const [advisors, { refetch }] = createResource(() => props.tenantId, async (t) => (await request<AdvisorList>('GET', `/api/tenants/${t}/advisors`)).advisors);
  const [cohortId, setCohortId] = createSignal('');
  const [advisorId, setAdvisorId] = createSignal('');
  const [message, setMessage] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const list = () => (advisors.error ? undefined : advisors.latest);
  const attach = async (e: SubmitEvent) => {
    e.preventDefault();
    setMessage(undefined); setProblem(undefined);
    const a = list()?.find((x) => x.userId === advisorId());
    const c = props.cohorts.find((x) => x.id === cohortId());
    if (!a || !c) { setProblem(st('support.chooseBoth')); return; }
    try {
      const r = await request<AttachResult>('POST', `/api/tenants/${props.tenantId}/advisors/${a.userId}/founders`, { cohortId: c.id });
      setMessage(st('support.cohortAttached', { cohort: c.name, name: a.name, count: r.attached, already: r.alreadyAttached }));
      refetch();
    } catch (err) { setProblem(messageOf(err)); }
  };
  return (
    <section aria-labelledby="cohort-advisors">
      <h2 id="cohort-advisors">{st('support.cohortTitle')}</h2>
      <Show when={advisors.error}><ErrorNotice error={advisors.error} onRetry={refetch} /></Show>
      <Show when={list()}>
        {(list) => (
          <Show when={list().length > 0 && props.cohorts.length > 0} fallback={<p class="small">{st('support.noAdvisors')}</p>}>
            <form onSubmit={attach}>
              <div class="field">
                <label for="cohort-advisor-cohort">{st('support.cohort')}</label>
                <select id="cohort-advisor-cohort" value={cohortId()} onChange={(e) => setCohortId(e.currentTarget.value)}>
                  <option value="">{st('support.chooseCohort')}</option>
                  <For each={props.cohorts}>{(c) => <option value={c.id}>{c.name}</option>}</For>
                </select>
              </div>
              <div class="field">
                <label for="cohort-advisor-advisor">{st('support.advisor')}</label>
                <select id="cohort-advisor-advisor" value={advisorId()} onChange={(e) => setAdvisorId(e.currentTarget.value)}>
                  <option value="">{st('support.chooseAdvisor')}</option>
                  <For each={list()}>{(a) => <option value={a.userId}>{st('support.advisorCount', { name: a.name, count: a.founders })}</option>}</For>
                </select>
              </div>
              <button type="submit">{st('support.attachCohort')}</button>
            </form>
          </Show>
        )}
      </Show>
      <Show when={problem()}><p class="error" role="alert">{problem()}</p></Show>
      <p role="status">{message()}</p>
    </section>
  );
}
