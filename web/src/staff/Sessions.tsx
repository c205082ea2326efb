import { A } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { Area, PublicCourse } from '../../../functions/contract/catalog.ts';
import type { SessionBody, SessionView } from '../../../functions/contract/seminars.ts';
import type { Cohort } from '../../../functions/contract/staff.ts';
import { listCohorts } from '../api/cohorts.ts';
import { getCourse, getCourseIndex } from '../api/progress.ts';
import { createSession, deleteSession, listSessions, updateSession } from '../api/sessions.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { pick, t } from '../i18n/index.ts';
import { formatNumber } from '../roles/i18n/index.ts';
import { Confirm, refusedFields, SelectField } from './controls.tsx';
import { cohortName } from './Founders.tsx';
import { st } from './i18n/index.ts';
import type { StaffKey } from './i18n/ja.ts';
import { japanDayTime, japanInstant, sessionWhen } from './time.ts';
import './sessions.css';

/** Loads the curriculum's courses (their modules are what a session's make-up assigns). */
async function loadCourses(): Promise<PublicCourse[]> {
  const index = await getCourseIndex();
  return Promise.all(index.courses.map((c) => getCourse(c.id)));
}

/** Container: the municipality's sessions, its cohorts and the curriculum, then the list and the form. */
export function SessionsPageContainer(props: { tenantId: string; tenantName: string }) {
  const [sessions, { mutate, refetch }] = createResource(() => props.tenantId, async (id) => (await listSessions(id)).sessions);
  const [cohorts, { refetch: refetchCohorts }] = createResource(() => props.tenantId, async (id) => (await listCohorts(id)).cohorts);
  const [courses, { refetch: refetchCourses }] = createResource(loadCourses);
  const put = (s: SessionView) => mutate((l) => {
    const rest = (l ?? []).filter((x) => x.id !== s.id);
    return [...rest, s].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  });
  const error = () => sessions.error ?? cohorts.error ?? courses.error;
  return (
    <Switch fallback={<Loading />}>
      <Match when={error()}>
        <h1>{st('sessions.title', { tenant: props.tenantName })}</h1>
        <ErrorNotice error={error()} onRetry={() => { void refetch(); void refetchCohorts(); void refetchCourses(); }} />
      </Match>
      <Match when={sessions.latest && cohorts.latest && courses.latest}>
        <SessionsView tenantId={props.tenantId} tenantName={props.tenantName} sessions={sessions.latest!} cohorts={cohorts.latest!} courses={courses.latest!} now={new Date()}
          onCreate={async (b) => { const s = await createSession(props.tenantId, b); put(s); return s; }}
          onUpdate={async (id, b) => { const s = await updateSession(props.tenantId, id, b); put(s); return s; }}
          onDelete={async (id) => { await deleteSession(props.tenantId, id); mutate((l) => (l ?? []).filter((x) => x.id !== id)); }} />
      </Match>
    </Switch>
  );
}

/** Sessions that have not started may still be changed (the API answers 409 session_locked after the start). */
export const changeable = (s: SessionView, now: Date) => s.state === 'upcoming' || (s.state === 'open' && now.getTime() < Date.parse(s.startsAt));

export const countsText = (c: SessionView['counts']) => st('sessions.counts', {
  present: formatNumber(c.present), absent: formatNumber(c.absent), excused: formatNumber(c.excused), madeUp: formatNumber(c.madeUp),
});

/** View: the sessions (newest first), each linking to its page; edit and delete before the start; the form to add one. */
export function SessionsView(props: {
  tenantId: string; tenantName: string; sessions: SessionView[]; cohorts: Cohort[]; courses: PublicCourse[]; now: Date;
  onCreate: (b: SessionBody) => Promise<SessionView>; onUpdate: (id: string, b: SessionBody) => Promise<SessionView>; onDelete: (id: string) => Promise<void>;
}) {
  const [editing, setEditing] = createSignal<string>();
  const [asking, setAsking] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  const [deleted, setDeleted] = createSignal<string>();
  const editingSession = () => props.sessions.find((s) => s.id === editing());
  const remove = async (s: SessionView) => {
    setBusy(true); setFailure(undefined);
    try { await props.onDelete(s.id); setDeleted(s.title); setAsking(undefined); if (editing() === s.id) setEditing(undefined); } catch (e) { setFailure(e); } finally { setBusy(false); }
  };
  const place = (s: SessionView) => (s.place ? `${s.place}${s.onlineUrl ? ` ${st('sessions.alsoOnline')}` : ''}` : st('sessions.onlineOnly'));
  return (
    <article aria-labelledby="sessions-title">
      <h1 id="sessions-title">{st('sessions.title', { tenant: props.tenantName })}</h1>
      <section aria-labelledby="sessions-list">
        <h2 id="sessions-list">{st('sessions.list')}</h2>
        <ErrorNotice error={failure()} />
        <Show when={deleted()}>{(title) => <p class="notice ok" role="status">{st('sessions.deleted', { title: title() })}</p>}</Show>
        <Show when={props.sessions.length > 0} fallback={<p>{st('sessions.none')}</p>}>
          <div class="table-scroll" role="region" tabindex="0" aria-labelledby="sessions-caption">
            <table class="data sessions">
              <caption id="sessions-caption">{st('sessions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{st('sessions.col.title')}</th><th scope="col">{st('sessions.col.when')}</th><th scope="col">{st('sessions.col.cohort')}</th>
                  <th scope="col">{st('sessions.col.place')}</th><th scope="col">{st('sessions.col.state')}</th><th scope="col">{st('sessions.col.counts')}</th>
                  <th scope="col">{st('sessions.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.sessions}>
                  {(s) => (
                    <tr data-session={s.id} data-state={s.state}>
                      <th scope="row"><A href={`/staff/${props.tenantId}/sessions/${s.id}`}>{s.title}</A></th>
                      <td>{sessionWhen(s)}</td>
                      <td>{cohortName(props.cohorts, s.cohortId)}</td>
                      <td>{place(s)}</td>
                      <td>{st(`sessions.state.${s.state}`)}</td>
                      <td>{countsText(s.counts)}</td>
                      <td>
                        <Show when={changeable(s, props.now)} fallback={<span class="small">{st('sessions.locked')}</span>}>
                          <Show when={asking() === s.id} fallback={
                            <div class="actions">
                              <button type="button" onClick={() => { setDeleted(undefined); setEditing(s.id); }}>{st('sessions.edit', { title: s.title })}</button>
                              <button type="button" class="danger" onClick={() => { setDeleted(undefined); setAsking(s.id); }}>{st('sessions.delete', { title: s.title })}</button>
                            </div>
                          }>
                            <Confirm id={`delete-${s.id}`} text={st('sessions.confirmDelete', { title: s.title })} yes={st('sessions.confirmYes')} no={st('sessions.cancel')}
                              busy={busy()} onYes={() => void remove(s)} onNo={() => setAsking(undefined)} />
                          </Show>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>
      <Show when={props.cohorts.length > 0} fallback={<p class="notice">{st('sessions.needCohort')}</p>}>
        <Show when={editingSession()} keyed>
          {(s) => (
            <SessionForm id="session-edit" title={st('sessions.editTitle', { title: s.title })} initial={s} cohorts={props.cohorts} courses={props.courses}
              submitLabel={st('sessions.save')} done={(x) => st('sessions.updated', { title: x.title })} onSubmit={(b) => props.onUpdate(s.id, b)} onCancel={() => setEditing(undefined)} />
          )}
        </Show>
        <SessionForm id="session-new" title={st('sessions.new')} cohorts={props.cohorts} courses={props.courses} submitLabel={st('sessions.create')}
          done={(x) => st('sessions.created', { title: x.title })} onSubmit={props.onCreate} resetOnSave />
      </Show>
    </article>
  );
}

/** The form's own state: what was typed, so a half-typed value is shown back and checked, not lost. */
export interface SessionDraft {
  cohortId: string; title: string; date: string; start: string; end: string; place: string; onlineUrl: string; capacity: string;
  areas: Area[]; courseId: string; moduleIds: string[];
}
type SessionField = 'cohortId' | 'title' | 'date' | 'start' | 'end' | 'place' | 'onlineUrl' | 'capacity' | 'areas' | 'moduleIds';
export type SessionErrors = Partial<Record<SessionField, StaffKey>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

function httpsUrl(v: string): boolean {
  if (v.length > 500) return false;
  try { const u = new URL(v); return u.protocol === 'https:' && DOMAIN.test(u.hostname); } catch { return false; }
}

/** Checks the form with the contract's limits (functions/contract/seminars.ts SessionBody) before anything is sent. */
export function checkSession(d: SessionDraft): { body?: SessionBody; errors: SessionErrors } {
  const errors: SessionErrors = {};
  if (!d.cohortId) errors.cohortId = 'sessions.error.cohort';
  const title = d.title.trim();
  if (!title || title.length > 80) errors.title = 'sessions.error.title';
  if (!DAY.test(d.date)) errors.date = 'sessions.error.date';
  if (!TIME.test(d.start)) errors.start = 'sessions.error.time';
  if (!TIME.test(d.end)) errors.end = 'sessions.error.time';
  if (!errors.start && !errors.end) {
    const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
    const length = minutes(d.end) - minutes(d.start);
    if (length <= 0) errors.end = 'sessions.error.order';
    else if (length > 12 * 60) errors.end = 'sessions.error.long';
  }
  const place = d.place.trim();
  const onlineUrl = d.onlineUrl.trim();
  if (place.length > 200) errors.place = 'sessions.error.place';
  if (onlineUrl && !httpsUrl(onlineUrl)) errors.onlineUrl = 'sessions.error.onlineUrl';
  if (!place && !onlineUrl) errors.place = 'sessions.error.placeOrOnline';
  const seats = d.capacity.trim();
  if (seats && !(/^\d+$/.test(seats) && Number(seats) >= 1 && Number(seats) <= 1000)) errors.capacity = 'sessions.error.capacity';
  if (d.areas.length < 1 || d.areas.length > 4) errors.areas = 'sessions.error.areas';
  if (!d.courseId || d.moduleIds.length < 1 || d.moduleIds.length > 10) errors.moduleIds = 'sessions.error.modules';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    body: {
      cohortId: d.cohortId, title, startsAt: japanInstant(d.date, d.start), endsAt: japanInstant(d.date, d.end),
      place: place || null, onlineUrl: onlineUrl || null, capacity: seats ? Number(seats) : null,
      areas: AREAS.filter((a) => d.areas.includes(a)), courseId: d.courseId, moduleIds: [...d.moduleIds],
    },
  };
}

/** The API's `fields` (zod paths) → this form's messages, at their fields. */
export function sessionServerErrors(e: unknown): SessionErrors {
  const f = refusedFields(e);
  const errors: SessionErrors = {};
  if (f.cohortId) errors.cohortId = 'sessions.error.cohort';
  if (f.title) errors.title = 'sessions.error.title';
  if (f.startsAt) errors.start = 'sessions.error.time';
  if (f.endsAt) errors.end = /hour/i.test(f.endsAt) ? 'sessions.error.long' : /after/i.test(f.endsAt) ? 'sessions.error.order' : 'sessions.error.time';
  if (f.place) errors.place = /online/i.test(f.place) ? 'sessions.error.placeOrOnline' : 'sessions.error.place';
  if (f.onlineUrl) errors.onlineUrl = 'sessions.error.onlineUrl';
  if (f.capacity) errors.capacity = 'sessions.error.capacity';
  if (f.areas) errors.areas = 'sessions.error.areas';
  if (f.moduleIds || f.courseId) errors.moduleIds = 'sessions.error.modules';
  return errors;
}

const blankDraft = (courses: PublicCourse[]): SessionDraft => ({
  cohortId: '', title: '', date: '', start: '', end: '', place: '', onlineUrl: '', capacity: '', areas: [], courseId: courses[0]?.id ?? '', moduleIds: [],
});

export const draftOf = (s: SessionView): SessionDraft => {
  const start = japanDayTime(s.startsAt);
  return {
    cohortId: s.cohortId, title: s.title, date: start.date, start: start.time, end: japanDayTime(s.endsAt).time, place: s.place ?? '', onlineUrl: s.onlineUrl ?? '',
    capacity: s.capacity === null ? '' : String(s.capacity), areas: [...s.areas], courseId: s.courseId, moduleIds: s.modules.map((m) => m.moduleId),
  };
};

function SessionForm(props: {
  id: string; title: string; submitLabel: string; initial?: SessionView; resetOnSave?: boolean; cohorts: Cohort[]; courses: PublicCourse[];
  done: (s: SessionView) => string; onSubmit: (b: SessionBody) => Promise<SessionView>; onCancel?: () => void;
}) {
  const [draft, setDraft] = createSignal<SessionDraft>(props.initial ? draftOf(props.initial) : blankDraft(props.courses));
  const [errors, setErrors] = createSignal<SessionErrors>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [note, setNote] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const err = (k: SessionField) => { const key = errors()[k]; return key ? st(key) : undefined; };
  const set = <K extends keyof SessionDraft>(k: K, v: SessionDraft[K]) => { setDraft({ ...draft(), [k]: v }); setNote(undefined); };
  const toggle = <T extends string>(list: T[], v: T, on: boolean) => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));
  const course = () => props.courses.find((c) => c.id === draft().courseId);
  const fid = (k: string) => `${props.id}-${k}`;
  const describedBy = (k: SessionField, hint: boolean) => [hint ? `${fid(k)}-hint` : '', err(k) ? `${fid(k)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFailure(undefined); setNote(undefined);
    const checked = checkSession(draft());
    setErrors(checked.errors);
    if (!checked.body) { queueMicrotask(() => summary?.focus()); return; }
    setBusy(true);
    try {
      const saved = await props.onSubmit(checked.body);
      setNote(props.done(saved));
      if (props.resetOnSave) setDraft(blankDraft(props.courses));
    } catch (x) {
      const mapped = sessionServerErrors(x);
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(x);
      queueMicrotask(() => summary?.focus());
    } finally { setBusy(false); }
  };
  return (
    <section class="card session-form" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div tabindex="-1" ref={summary}>
        <ErrorNotice error={failure()} />
        <Show when={Object.keys(errors()).length > 0}><div class="notice error" role="alert"><p>{st('error.summary')}</p></div></Show>
        <Show when={note()}><p class="notice ok" role="status">{note()}</p></Show>
      </div>
      <form onSubmit={submit} novalidate>
        <SelectField id={fid('cohort')} label={st('sessions.cohort')} error={err('cohortId')} value={draft().cohortId} onChange={(e) => set('cohortId', e.currentTarget.value)}
          options={[{ value: '', label: st('sessions.chooseCohort') }, ...props.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        <Field id={fid('name')} label={st('sessions.name')} hint={st('sessions.nameHint')} error={err('title')} maxlength={80} value={draft().title} onInput={(e) => set('title', e.currentTarget.value)} />
        <div class="when-fields">
          <Field id={fid('date')} label={st('sessions.date')} error={err('date')} type="date" value={draft().date} onInput={(e) => set('date', e.currentTarget.value)} />
          <Field id={fid('start')} label={st('sessions.start')} error={err('start')} type="time" step={60} value={draft().start} onInput={(e) => set('start', e.currentTarget.value)} />
          <Field id={fid('end')} label={st('sessions.end')} error={err('end')} type="time" step={60} value={draft().end} onInput={(e) => set('end', e.currentTarget.value)} />
        </div>
        <Field id={fid('place')} label={st('sessions.place')} hint={st('sessions.placeHint')} error={err('place')} maxlength={200} value={draft().place} onInput={(e) => set('place', e.currentTarget.value)} />
        <Field id={fid('online')} label={st('sessions.onlineUrl')} hint={st('sessions.onlineUrlHint')} error={err('onlineUrl')} type="url" inputmode="url" maxlength={500}
          value={draft().onlineUrl} onInput={(e) => set('onlineUrl', e.currentTarget.value)} />
        <Field id={fid('capacity')} label={st('sessions.capacity')} hint={st('sessions.capacityHint')} error={err('capacity')} type="number" inputmode="numeric" min={1} max={1000} step={1}
          value={draft().capacity} onInput={(e) => set('capacity', e.currentTarget.value)} />
        <fieldset class="group" classList={{ invalid: Boolean(err('areas')) }} aria-describedby={describedBy('areas', true)}>
          <legend>{st('sessions.areas')}</legend>
          <p class="hint" id={`${fid('areas')}-hint`}>{st('sessions.areasHint')}</p>
          <Show when={err('areas')}><p class="field-error" id={`${fid('areas')}-error`}>{err('areas')}</p></Show>
          <For each={AREAS}>
            {(a) => (
              <div class="choice">
                <input type="checkbox" id={fid(`area-${a}`)} checked={draft().areas.includes(a)} onChange={(e) => set('areas', toggle(draft().areas, a, e.currentTarget.checked))} />
                <label for={fid(`area-${a}`)}>{t(`area.${a}`)}</label>
              </div>
            )}
          </For>
        </fieldset>
        <Show when={props.courses.length > 1}>
          <SelectField id={fid('course')} label={st('sessions.course')} value={draft().courseId} onChange={(e) => setDraft({ ...draft(), courseId: e.currentTarget.value, moduleIds: [] })}
            options={props.courses.map((c) => ({ value: c.id, label: pick(c.title) }))} />
        </Show>
        <fieldset class="group modules-pick" classList={{ invalid: Boolean(err('moduleIds')) }} aria-describedby={describedBy('moduleIds', true)}>
          <legend>{st('sessions.modules')}</legend>
          <p class="hint" id={`${fid('moduleIds')}-hint`}>{st('sessions.modulesHint')}</p>
          <Show when={err('moduleIds')}><p class="field-error" id={`${fid('moduleIds')}-error`}>{err('moduleIds')}</p></Show>
          <For each={course()?.modules ?? []}>
            {(m) => (
              <div class="choice">
                <input type="checkbox" id={fid(`module-${m.id}`)} checked={draft().moduleIds.includes(m.id)}
                  onChange={(e) => set('moduleIds', toggle(draft().moduleIds, m.id, e.currentTarget.checked))} />
                <label for={fid(`module-${m.id}`)}>{pick(m.title)} <span class="small">（{m.areas.map((a) => t(`area.${a}`)).join('・')}）</span></label>
              </div>
            )}
          </For>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy()}>{props.submitLabel}</button>
          <Show when={props.onCancel}><button type="button" onClick={() => props.onCancel?.()}>{st('sessions.cancel')}</button></Show>
        </div>
      </form>
    </section>
  );
}

/** The dashboard's card: upcoming sessions (soonest first) and the latest past ones, with their counts, each linking to its page. */
export function SessionsCard(props: { tenantId: string; sessions: SessionView[] | undefined; error?: unknown; now: Date }) {
  const pickShown = () => {
    const all = props.sessions ?? [];
    const ahead = all.filter((s) => Date.parse(s.endsAt) > props.now.getTime()).sort((a, b) => a.startsAt.localeCompare(b.startsAt)).slice(0, 3);
    const past = all.filter((s) => Date.parse(s.endsAt) <= props.now.getTime()).slice(0, 3);
    return [...ahead, ...past];
  };
  return (
    <section class="card dash-sessions" aria-labelledby="dash-sessions">
      <h2 id="dash-sessions">{st('dash.sessions')}</h2>
      <Show when={!props.error} fallback={<ErrorNotice error={props.error} />}>
        <Show when={pickShown().length > 0} fallback={<p>{st('dash.sessionsNone')}</p>}>
          <ul class="dash-session-list">
            <For each={pickShown()}>
              {(s) => (
                <li data-session={s.id}>
                  <A href={`/staff/${props.tenantId}/sessions/${s.id}`}>{s.title}</A>
                  <span class="small"> {sessionWhen(s)}・{st(`sessions.state.${s.state}`)}</span>
                  <br />
                  <span>{st('dash.sessionCounts', { present: formatNumber(s.counts.present), absent: formatNumber(s.counts.absent + s.counts.excused), madeUp: formatNumber(s.counts.madeUp) })}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <p><A href={`/staff/${props.tenantId}/sessions`}>{st('dash.sessionsAll')}</A></p>
    </section>
  );
}
