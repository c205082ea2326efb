import { A, useLocation, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { PublicCourse } from '../../../functions/contract/catalog.ts';
import type { FounderRecord } from '../../../functions/contract/roles.ts';
import type { Cohort, FounderPatch } from '../../../functions/contract/staff.ts';
import { ApiFailure } from '../api/client.ts';
import { createCohorts } from '../api/cohorts.ts';
import { eraseFounder, founderDataUrl, getFounderRecord, patchFounder, setFounderActive } from '../api/founders.ts';
import { getCourse, getCourseIndex } from '../api/progress.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading, messageOf } from '../components/Notice.tsx';
import { formatDate, formatDay, pick, t } from '../i18n/index.ts';
import { formatDateTime, formatNumber } from '../roles/i18n/index.ts';
import { Confirm, refusedFields, SelectField } from './controls.tsx';
import { cohortName, standing } from './Founders.tsx';
import { FounderSupport } from './Support.tsx';
import { st } from './i18n/index.ts';
import type { StaffKey } from './i18n/ja.ts';
import '../roles/invitations/people.css';

/** Every published course, for module titles; a course that fails to load leaves its modules under their ids. */
async function allCourses(): Promise<PublicCourse[]> {
  const ids = (await getCourseIndex().catch(() => null))?.courses.map((c) => c.id) ?? [];
  return (await Promise.all(ids.map((id) => getCourse(id).catch(() => null)))).filter((c): c is PublicCourse => c !== null);
}

/** Container: one founder's record (the server audits the view), with corrections and (de)activation. */
export function FounderPageContainer(props: { tenantId: string; userId: string }) {
  const [record, { mutate, refetch }] = createResource(() => props.userId, getFounderRecord);
  const { cohorts } = createCohorts(() => props.tenantId);
  const [courses] = createResource(allCourses);
  // A person who is staff of two municipalities sees each founder under their own municipality only.
  const hidden = () => (record.error instanceof ApiFailure && (record.error.status === 403 || record.error.status === 404))
    || (!record.error && record.latest !== undefined && record.latest.tenantId !== props.tenantId);
  // Back to the table as it was left (its filters), when the record was opened from it.
  const location = useLocation<{ founders?: string }>();
  const back = () => { const q = location.state?.founders; return `/staff/${props.tenantId}/founders${typeof q === 'string' && q.startsWith('?') ? q : ''}`; };
  const onPatch = async (p: FounderPatch) => { const r = await patchFounder(props.userId, p); mutate(r); return r; };
  const onStatus = async (active: boolean) => { const r = await setFounderActive(props.userId, active); mutate(r); return r; };
  // Deleted: back to the table as it was left, which says so (the record is gone, so there is nothing to stay on).
  const navigate = useNavigate();
  const onErase = async () => {
    const name = record.latest?.name ?? '';
    await eraseFounder(props.userId);
    navigate(back(), { state: { erased: name } });
  };
  return (
    <Switch fallback={<Loading />}>
      <Match when={hidden()}>
        <section class="narrow" aria-labelledby="founder-missing">
          <h1 id="founder-missing">{st('founder.notFound')}</h1>
          <p>{st('founder.notFoundBody')}</p>
          <p><A href={`/staff/${props.tenantId}/founders`}>{st('founder.back')}</A></p>
        </section>
      </Match>
      <Match when={record.error}><h1>{st('nav.founders')}</h1><ErrorNotice error={record.error} onRetry={refetch} /></Match>
      <Match when={record.latest && record.latest.tenantId === props.tenantId && (courses.state === 'ready' || courses.state === 'errored')}>
        <FounderView tenantId={props.tenantId} backHref={back()} record={record.latest!} cohorts={cohorts.latest ?? []} courses={courses.latest ?? []} onPatch={onPatch} onStatus={onStatus} onErase={onErase} />
      </Match>
    </Switch>
  );
}

/** A module's evidence names it as `course/module` (or just `module`): → [moduleId, courseId?]. */
const refParts = (ref: string): [string, string | undefined] => { const [a, b] = ref.split('/'); return b ? [b, a] : [a!, undefined]; };

type Errors = Partial<Record<'name' | 'email' | 'cohortId', StaffKey>>;

/** View: a founder's record as staff see it, the correction form and the account switch (with a confirmation). */
export function FounderView(props: {
  tenantId: string; backHref?: string; record: FounderRecord; cohorts: Cohort[]; courses: PublicCourse[];
  onPatch: (p: FounderPatch) => Promise<FounderRecord>; onStatus: (active: boolean) => Promise<FounderRecord>;
  /** Deletes the account (the container then leaves the page); absent, the section offers only the downloads. */
  onErase?: () => Promise<void>;
}) {
  const r = () => props.record;
  const moduleTitle = (moduleId: string, courseId?: string) => {
    for (const c of props.courses) {
      if (courseId && c.id !== courseId) continue;
      const m = c.modules.find((x) => x.id === moduleId);
      if (m) return pick(m.title);
    }
    return moduleId;
  };
  const byArea = () => AREAS.map((area) => ({
    area, covered: r().coveredAreas.includes(area),
    entries: r().evidence.filter((e) => e.areas.includes(area)).sort((a, b) => a.date.localeCompare(b.date)),
  }));
  return (
    <article aria-labelledby="founder-title">
      <p class="crumbs"><A href={props.backHref ?? `/staff/${props.tenantId}/founders`}>{st('founder.back')}</A></p>
      <h1 id="founder-title">{st('founder.title', { name: r().name })}</h1>
      <p><A href={`/staff/${props.tenantId}/founders/${r().userId}/plan`}>{st('founder.plan')}</A></p>
      <p class="small">{st('founder.audited')}</p>

      <section aria-labelledby="founder-facts">
        <h2 id="founder-facts">{st('founder.facts')}</h2>
        <dl class="facts">
          <div>
            <dt>{st('founder.email')}</dt>
            <dd>
              {r().email}
              <Show when={!r().emailVerified}> <span class="tag off" aria-describedby="email-unverified-hint">{st('founder.emailUnverified')}</span></Show>
              <Show when={!r().emailVerified}><br /><span class="small" id="email-unverified-hint">{st('founder.emailUnverifiedHint')}</span></Show>
            </dd>
          </div>
          <div><dt>{st('founder.cohort')}</dt><dd>{cohortName(props.cohorts, r().cohortId)}</dd></div>
          <div><dt>{st('founder.joined')}</dt><dd>{formatDate(r().joinedAt)}</dd></div>
          <div><dt>{st('founder.lastActive')}</dt><dd>{r().lastActiveAt ? formatDateTime(r().lastActiveAt!) : st('founders.never')}</dd></div>
          <div><dt>{st('founder.status')}</dt><dd data-deactivated={String(r().deactivated)}>{st(r().deactivated ? 'founder.status.deactivated' : 'founder.status.active')}</dd></div>
          <div><dt>{st('founder.standing')}</dt><dd data-eligibility={r().eligibility}>{standing(r().eligibility)}</dd></div>
          <div><dt>{st('founder.lessons')}</dt><dd>{formatNumber(r().completedLessons)}</dd></div>
          <div><dt>{st('founder.courseCompleted')}</dt><dd>{r().courseCompletedAt ? formatDate(r().courseCompletedAt!) : st('founder.notCompleted')}</dd></div>
        </dl>
      </section>

      <section aria-labelledby="founder-areas">
        <h2 id="founder-areas">{st('founder.areas')}</h2>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="founder-areas-caption">
          <table class="data areas">
            <caption id="founder-areas-caption">{st('founder.areasCaption')}</caption>
            <thead><tr><th scope="col">{st('founder.col.area')}</th><th scope="col">{st('founder.col.covered')}</th><th scope="col">{st('founder.col.evidence')}</th></tr></thead>
            <tbody>
              <For each={byArea()}>
                {(a) => (
                  <tr data-area={a.area}>
                    <th scope="row">{t(`area.${a.area}`)}</th>
                    <td>{a.covered ? `✓ ${st('founder.covered')}` : st('founder.notCovered')}</td>
                    <td>
                      <Show when={a.entries.length > 0} fallback={st('founder.noEvidence')}>
                        <ul class="evidence-list">
                          <For each={a.entries}>
                            {(e) => <li><time datetime={e.date}>{formatDay(e.date)}</time> {e.kind === 'session' ? st('founder.session', { ref: e.ref }) : moduleTitle(...refParts(e.ref))}</li>}
                          </For>
                        </ul>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="founder-quizzes">
        <h2 id="founder-quizzes">{st('founder.quizzes')}</h2>
        <Show when={r().quizzes.length > 0} fallback={<p>{st('founder.noQuizzes')}</p>}>
          <div class="table-scroll" role="region" tabindex="0" aria-labelledby="founder-quizzes-caption">
            <table class="data quizzes">
              <caption id="founder-quizzes-caption">{st('founder.quizzesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{st('founder.col.quiz')}</th><th scope="col" class="num">{st('founder.col.best')}</th><th scope="col">{st('founder.col.passed')}</th>
                  <th scope="col" class="num">{st('founder.col.attempts')}</th><th scope="col">{st('founder.col.lastAttempt')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().quizzes}>
                  {(q) => (
                    <tr>
                      <th scope="row">{moduleTitle(q.moduleId, q.courseId)}</th>
                      <td class="num">{q.bestScore}%</td>
                      <td>{q.passed ? `✓ ${st('founder.passed')}` : st('founder.notPassed')}</td>
                      <td class="num">{formatNumber(q.attempts)}</td>
                      <td>{formatDate(q.lastAttemptAt)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <FounderSupport tenantId={props.tenantId} userId={r().userId} courses={props.courses} />
      <CorrectionForm record={r()} cohorts={props.cohorts} onPatch={props.onPatch} />
      <AccountSwitch record={r()} onStatus={props.onStatus} />
      <PersonalData record={r()} onErase={props.onErase} />
    </article>
  );
}

function CorrectionForm(props: { record: FounderRecord; cohorts: Cohort[]; onPatch: (p: FounderPatch) => Promise<FounderRecord> }) {
  const [name, setName] = createSignal(props.record.name);
  const [email, setEmail] = createSignal(props.record.email);
  const [cohortId, setCohortId] = createSignal(props.record.cohortId ?? '');
  const [errors, setErrors] = createSignal<Errors>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [note, setNote] = createSignal<StaffKey>();
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const err = (k: keyof Errors) => { const key = errors()[k]; return key ? st(key) : undefined; };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFailure(undefined); setNote(undefined);
    const errs: Errors = {};
    if (!name().trim() || name().trim().length > 100) errs.name = 'error.name';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email().trim())) errs.email = 'error.email';
    setErrors(errs);
    if (Object.keys(errs).length > 0) { queueMicrotask(() => summary?.focus()); return; }
    const patch: FounderPatch = {};
    if (name().trim() !== props.record.name) patch.name = name().trim();
    if (email().trim().toLowerCase() !== props.record.email) patch.email = email().trim();
    if ((cohortId() || null) !== props.record.cohortId) patch.cohortId = cohortId() || null;
    if (Object.keys(patch).length === 0) { setNote('founder.nothingChanged'); return; }
    setBusy(true);
    try {
      const kept = await props.onPatch(patch);
      setName(kept.name); setEmail(kept.email); setCohortId(kept.cohortId ?? '');
      setNote('founder.saved');
    } catch (x) {
      const fields = refusedFields(x);
      const mapped: Errors = {};
      if (fields.name) mapped.name = 'error.name';
      if (fields.email) mapped.email = fields.email === 'taken' || (x instanceof ApiFailure && x.code === 'email_taken') ? 'error.emailTaken' : 'error.email';
      if (x instanceof ApiFailure && x.code === 'email_taken') mapped.email = 'error.emailTaken';
      if (fields.cohortId) mapped.cohortId = 'error.cohortId';
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(x);
      queueMicrotask(() => summary?.focus());
    } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="founder-edit">
      <h2 id="founder-edit">{st('founder.edit')}</h2>
      <p class="hint">{st('founder.editIntro')}</p>
      <div tabindex="-1" ref={summary}>
        <Show when={Object.keys(errors()).length > 0}><div class="notice error" role="alert"><p>{st('error.summary')}</p></div></Show>
        <ErrorNotice error={failure()} />
        <Show when={note()}>{(k) => <p class="notice ok" role="status">{st(k())}</p>}</Show>
      </div>
      <form onSubmit={submit} novalidate>
        <Field id="founder-name" label={st('founder.name')} error={err('name')} autocomplete="off" maxlength={100} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        <Field id="founder-email" label={st('founder.email')} error={err('email')} type="email" autocomplete="off" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
        <SelectField id="founder-cohort" label={st('founder.cohort')} error={err('cohortId')} value={cohortId()} onChange={(e) => setCohortId(e.currentTarget.value)}
          options={[{ value: '', label: st('founders.noCohort') }, ...props.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        <button type="submit" class="primary" disabled={busy()}>{busy() ? st('founder.saving') : st('founder.save')}</button>
      </form>
    </section>
  );
}

function AccountSwitch(props: { record: FounderRecord; onStatus: (active: boolean) => Promise<FounderRecord> }) {
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  const [done, setDone] = createSignal<StaffKey>();
  let opener: HTMLButtonElement | undefined;
  const ask = () => { setDone(undefined); setFailure(undefined); setAsking(true); queueMicrotask(() => (document.querySelector('#account-confirm button') as HTMLButtonElement | null)?.focus()); };
  const cancel = () => { setAsking(false); queueMicrotask(() => opener?.focus()); };
  const go = async () => {
    const active = props.record.deactivated;
    setBusy(true);
    try {
      await props.onStatus(active);
      setDone(active ? 'founder.reactivated' : 'founder.deactivated');
      setAsking(false);
      queueMicrotask(() => opener?.focus());
    } catch (e) { setFailure(e); } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="founder-account">
      <h2 id="founder-account">{st('founder.account')}</h2>
      <p>{st('founder.deactivateIntro')}</p>
      <ErrorNotice error={failure()} />
      <Show when={done()}>{(k) => <p class="notice ok" role="status">{st(k())}</p>}</Show>
      <Show when={asking()} fallback={
        <button type="button" class={props.record.deactivated ? '' : 'danger'} ref={opener} onClick={ask}>
          {st(props.record.deactivated ? 'founder.reactivate' : 'founder.deactivate')}
        </button>
      }>
        <Confirm id="account-confirm" busy={busy()} onYes={go} onNo={cancel}
          text={st(props.record.deactivated ? 'founder.confirmReactivate' : 'founder.confirmDeactivate', { name: props.record.name })}
          yes={st('founder.confirmYes')} no={st('founder.confirmNo')} />
      </Show>
    </section>
  );
}

/**
 * On the founder's request (個人情報保護法 開示・消去): the data held, as JSON and as CSV (plain links, so the browser
 * saves the file with the login cookie), and deleting the account after a modal dialog that says what happens.
 */
function PersonalData(props: { record: FounderRecord; onErase?: (() => Promise<void>) | undefined }) {
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  let dialog: HTMLDialogElement | undefined;
  let opener: HTMLButtonElement | undefined;
  const open = () => { setFailure(undefined); dialog?.showModal(); };
  const close = () => { dialog?.close(); };
  const erase = async () => {
    setBusy(true); setFailure(undefined);
    try {
      await props.onErase?.();
      close();
    } catch (e) {
      setFailure(() => e);
    } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="founder-data">
      <h2 id="founder-data">{st('founder.data')}</h2>
      <p>{st('founder.dataIntro')}</p>
      <ul class="link-list start">
        <li><a href={founderDataUrl(props.record.userId, 'json')} download="">{st('founder.dataJson')}</a></li>
        <li><a href={founderDataUrl(props.record.userId, 'csv')} download="">{st('founder.dataCsv')}</a></li>
      </ul>
      <Show when={props.onErase}>
        <button type="button" class="danger" ref={opener} onClick={open}>{st('founder.erase')}</button>
        {/* Escape or the cancel button close it; the browser then gives focus back to the button that opened it. */}
        <dialog ref={dialog} class="erase-dialog" aria-labelledby="erase-title" aria-describedby="erase-what" onClose={() => { setFailure(undefined); opener?.focus(); }}>
          <h2 id="erase-title">{st('founder.eraseTitle', { name: props.record.name })}</h2>
          <p id="erase-what">{st('founder.eraseWhat')}</p>
          <ul>
            <li>{st('founder.eraseData')}</li>
            <li>{st('founder.eraseCounts')}</li>
            <li>{st('founder.eraseEvidence')}</li>
          </ul>
          <p class="small">{st('founder.eraseFirst')}</p>
          <Show when={failure()}>
            {(e) => <div class="notice error" role="alert"><p>{e() instanceof ApiFailure && (e() as ApiFailure).code === 'forbidden' ? st('founder.eraseRefused') : messageOf(e())}</p></div>}
          </Show>
          <div class="actions">
            <button type="button" class="danger solid" disabled={busy()} onClick={() => void erase()}>{busy() ? st('founder.erasing') : st('founder.eraseYes')}</button>
            <button type="button" autofocus onClick={close}>{st('founder.confirmNo')}</button>
          </div>
        </dialog>
      </Show>
    </section>
  );
}
