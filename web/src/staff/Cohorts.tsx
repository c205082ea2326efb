import { CohortAdvisors } from './Support.tsx';
import { A } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { Cohort, CodeBody, CohortBody, EnrolmentCodeView } from '../../../functions/contract/staff.ts';
import { createCodes, createCohorts } from '../api/cohorts.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { formatDate, formatDay } from '../i18n/index.ts';
import { formatNumber } from '../roles/i18n/index.ts';
import { Confirm, refusedFields, SelectField } from './controls.tsx';
import { cohortName } from './Founders.tsx';
import { st } from './i18n/index.ts';
import type { StaffKey } from './i18n/ja.ts';

/** Container: the municipality's cohorts and enrolment codes. */
export function CohortsPageContainer(props: { tenantId: string; tenantName: string }) {
  const cohorts = createCohorts(() => props.tenantId);
  const codes = createCodes(() => props.tenantId);
  return (
    <Switch fallback={<Loading />}>
      <Match when={cohorts.cohorts.error || codes.codes.error}>
        <h1>{st('cohorts.title', { tenant: props.tenantName })}</h1>
        <ErrorNotice error={cohorts.cohorts.error ?? codes.codes.error} onRetry={() => { void cohorts.refetch(); void codes.refetch(); }} />
      </Match>
      <Match when={cohorts.cohorts.latest && codes.codes.latest}>
        <CohortsView tenantId={props.tenantId} tenantName={props.tenantName} cohorts={cohorts.cohorts.latest!} codes={codes.codes.latest!} now={new Date()}
          onCreate={cohorts.create} onUpdate={cohorts.update} onIssue={codes.issue} onRevoke={codes.revoke} />
      </Match>
    </Switch>
  );
}

type CohortErrors = Partial<Record<'name' | 'startsOn' | 'endsOn', StaffKey>>;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a cohort form with the contract's limits (functions/contract/staff.ts CohortBody). */
export function checkCohort(d: { name: string; startsOn: string; endsOn: string }): { body?: CohortBody; errors: CohortErrors } {
  const errors: CohortErrors = {};
  const name = d.name.trim();
  if (!name || name.length > 80) errors.name = 'cohorts.error.name';
  if (d.startsOn && !ISO_DAY.test(d.startsOn)) errors.startsOn = 'cohorts.error.date';
  if (d.endsOn && !ISO_DAY.test(d.endsOn)) errors.endsOn = 'cohorts.error.date';
  if (!errors.startsOn && !errors.endsOn && d.startsOn && d.endsOn && d.startsOn > d.endsOn) errors.endsOn = 'cohorts.error.order';
  return Object.keys(errors).length > 0 ? { errors } : { errors, body: { name, startsOn: d.startsOn || null, endsOn: d.endsOn || null } };
}

type CodeErrors = Partial<Record<'cohortId' | 'expiresAt' | 'maxUses', StaffKey>>;

/** Checks the code form; the expiry day means "to the end of that day, Japan time". */
export function checkCode(d: { cohortId: string; expiresOn: string; maxUses: string }, today: string): { body?: CodeBody; errors: CodeErrors } {
  const errors: CodeErrors = {};
  if (!d.cohortId) errors.cohortId = 'codes.error.cohort';
  if (d.expiresOn && (!ISO_DAY.test(d.expiresOn) || d.expiresOn < today)) errors.expiresAt = 'codes.error.expires';
  const uses = d.maxUses.trim();
  if (uses && !(/^\d+$/.test(uses) && Number(uses) >= 1 && Number(uses) <= 10_000)) errors.maxUses = 'codes.error.maxUses';
  if (Object.keys(errors).length > 0) return { errors };
  return { errors, body: { cohortId: d.cohortId, expiresAt: d.expiresOn ? `${d.expiresOn}T23:59:59+09:00` : null, maxUses: uses ? Number(uses) : null } };
}

const japanDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** View: cohorts (list, create, edit) and enrolment codes (list with uses, issue, revoke with a confirmation). */
export function CohortsView(props: {
  tenantId: string; tenantName: string; cohorts: Cohort[]; codes: EnrolmentCodeView[]; now: Date;
  onCreate: (b: CohortBody) => Promise<Cohort>; onUpdate: (id: string, b: CohortBody) => Promise<Cohort>;
  onIssue: (b: CodeBody) => Promise<EnrolmentCodeView>; onRevoke: (code: string) => Promise<EnrolmentCodeView>;
}) {
  const [editing, setEditing] = createSignal<string>();
  const [asking, setAsking] = createSignal<string>();
  const [revokeBusy, setRevokeBusy] = createSignal(false);
  const [revokeFailure, setRevokeFailure] = createSignal<unknown>();
  const [revoked, setRevoked] = createSignal<string>();
  const editingCohort = () => props.cohorts.find((c) => c.id === editing());
  const state = (c: EnrolmentCodeView) => {
    if (c.revokedAt) return st('codes.state.revoked', { date: formatDate(c.revokedAt) });
    if (c.expiresAt && Date.parse(c.expiresAt) < props.now.getTime()) return st('codes.state.expired');
    if (c.maxUses !== null && c.uses >= c.maxUses) return st('codes.state.usedUp');
    return st('codes.state.valid');
  };
  const revoke = async (code: string) => {
    setRevokeBusy(true); setRevokeFailure(undefined);
    try { await props.onRevoke(code); setRevoked(code); setAsking(undefined); } catch (e) { setRevokeFailure(e); } finally { setRevokeBusy(false); }
  };
  const day = (d: string | null) => (d ? formatDay(d) : st('cohorts.noDate'));
  return (
    <article aria-labelledby="cohorts-title">
      <h1 id="cohorts-title">{st('cohorts.title', { tenant: props.tenantName })}</h1>

      <section aria-labelledby="cohorts-list">
        <h2 id="cohorts-list">{st('cohorts.list')}</h2>
        <Show when={props.cohorts.length > 0} fallback={<p>{st('cohorts.none')}</p>}>
          <div class="table-scroll" role="region" tabindex="0" aria-labelledby="cohorts-caption">
            <table class="data cohorts">
              <caption id="cohorts-caption">{st('cohorts.caption')}</caption>
              <thead><tr><th scope="col">{st('cohorts.col.name')}</th><th scope="col">{st('cohorts.col.starts')}</th><th scope="col">{st('cohorts.col.ends')}</th><th scope="col">{st('cohorts.col.actions')}</th></tr></thead>
              <tbody>
                <For each={props.cohorts}>
                  {(c) => (
                    <tr data-cohort={c.id}>
                      <th scope="row">{c.name}</th>
                      <td>{day(c.startsOn)}</td>
                      <td>{day(c.endsOn)}</td>
                      <td><button type="button" onClick={() => setEditing(c.id)}>{st('cohorts.edit', { name: c.name })}</button></td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        <Show when={editingCohort()} keyed>
          {(c) => (
            <CohortForm id="cohort-edit" title={st('cohorts.editTitle', { name: c.name })} initial={c} submitLabel={st('cohorts.save')}
              done={(saved) => st('cohorts.updated', { name: saved.name })} onSubmit={(b) => props.onUpdate(c.id, b)} onCancel={() => setEditing(undefined)} />
          )}
        </Show>
        <CohortForm id="cohort-new" title={st('cohorts.new')} submitLabel={st('cohorts.create')} done={(saved) => st('cohorts.created', { name: saved.name })}
          onSubmit={props.onCreate} resetOnSave />
      </section>

      <CohortAdvisors tenantId={props.tenantId} cohorts={props.cohorts} />

      <section aria-labelledby="codes-list">
        <h2 id="codes-list">{st('codes.list')}</h2>
        <ErrorNotice error={revokeFailure()} />
        <Show when={revoked()}>{(code) => <p class="notice ok" role="status">{st('codes.revoked', { code: code() })}</p>}</Show>
        <Show when={props.codes.length > 0} fallback={<p>{st('codes.none')}</p>}>
          <div class="table-scroll" role="region" tabindex="0" aria-labelledby="codes-caption">
            <table class="data codes">
              <caption id="codes-caption">{st('codes.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{st('codes.col.code')}</th><th scope="col">{st('codes.col.cohort')}</th><th scope="col" class="num">{st('codes.col.uses')}</th>
                  <th scope="col">{st('codes.col.expires')}</th><th scope="col">{st('codes.col.state')}</th><th scope="col">{st('codes.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.codes}>
                  {(c) => (
                    <tr data-code={c.code}>
                      <th scope="row"><span class="code-text">{c.code}</span></th>
                      <td>{cohortName(props.cohorts, c.cohortId)}</td>
                      <td class="num">
                        {formatNumber(c.uses)} / {c.maxUses === null ? st('codes.noLimit') : formatNumber(c.maxUses)}
                        <Show when={c.uses > 0}>
                          <br /><A href={`/staff/${props.tenantId}/founders?code=${encodeURIComponent(c.code)}`} aria-label={st('codes.seeUses', { code: c.code })} class="small">
                            {st('codes.seeUsesShort')}
                          </A>
                        </Show>
                      </td>
                      <td>{c.expiresAt ? formatDate(c.expiresAt) : st('codes.noExpiry')}</td>
                      <td>{state(c)}</td>
                      <td>
                        <Show when={!c.revokedAt}>
                          <Show when={asking() === c.code} fallback={<button type="button" class="danger" onClick={() => { setRevoked(undefined); setAsking(c.code); }}>{st('codes.revoke', { code: c.code })}</button>}>
                            <Confirm id={`revoke-${c.code}`} text={st('codes.confirmRevoke', { code: c.code })} yes={st('codes.confirmYes')} no={st('cohorts.cancel')}
                              busy={revokeBusy()} onYes={() => void revoke(c.code)} onNo={() => setAsking(undefined)} />
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
        <Show when={props.cohorts.length > 0} fallback={<p class="notice">{st('codes.needCohort')}</p>}>
          <CodeForm cohorts={props.cohorts} today={japanDay(props.now)} onIssue={props.onIssue} />
        </Show>
      </section>
    </article>
  );
}

function CohortForm(props: {
  id: string; title: string; submitLabel: string; initial?: Cohort; resetOnSave?: boolean;
  done: (c: Cohort) => string; onSubmit: (b: CohortBody) => Promise<Cohort>; onCancel?: () => void;
}) {
  const blank = () => ({ name: props.initial?.name ?? '', startsOn: props.initial?.startsOn ?? '', endsOn: props.initial?.endsOn ?? '' });
  const [draft, setDraft] = createSignal(blank());
  const [errors, setErrors] = createSignal<CohortErrors>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [note, setNote] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const err = (k: keyof CohortErrors) => { const key = errors()[k]; return key ? st(key) : undefined; };
  const set = (k: 'name' | 'startsOn' | 'endsOn', v: string) => { setDraft({ ...draft(), [k]: v }); setNote(undefined); };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFailure(undefined); setNote(undefined);
    const checked = checkCohort(draft());
    setErrors(checked.errors);
    if (!checked.body) return;
    setBusy(true);
    try {
      const saved = await props.onSubmit(checked.body);
      setNote(props.done(saved));
      if (props.resetOnSave) setDraft({ name: '', startsOn: '', endsOn: '' });
    } catch (x) {
      const f = refusedFields(x);
      const mapped: CohortErrors = {};
      if (f.name) mapped.name = 'cohorts.error.name';
      if (f.startsOn) mapped.startsOn = 'cohorts.error.date';
      if (f.endsOn) mapped.endsOn = /before/i.test(f.endsOn) ? 'cohorts.error.order' : 'cohorts.error.date';
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(x);
    } finally { setBusy(false); }
  };
  return (
    <section class="card" aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <ErrorNotice error={failure()} />
      <Show when={Object.keys(errors()).length > 0}><div class="notice error" role="alert"><p>{st('error.summary')}</p></div></Show>
      <Show when={note()}><p class="notice ok" role="status">{note()}</p></Show>
      <form onSubmit={submit} novalidate>
        <Field id={`${props.id}-name`} label={st('cohorts.name')} hint={st('cohorts.nameHint')} error={err('name')} maxlength={80} value={draft().name} onInput={(e) => set('name', e.currentTarget.value)} />
        <Field id={`${props.id}-starts`} label={st('cohorts.starts')} error={err('startsOn')} type="date" value={draft().startsOn} onInput={(e) => set('startsOn', e.currentTarget.value)} />
        <Field id={`${props.id}-ends`} label={st('cohorts.ends')} error={err('endsOn')} type="date" value={draft().endsOn} onInput={(e) => set('endsOn', e.currentTarget.value)} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy()}>{props.submitLabel}</button>
          <Show when={props.onCancel}><button type="button" onClick={() => props.onCancel?.()}>{st('cohorts.cancel')}</button></Show>
        </div>
      </form>
    </section>
  );
}

function CodeForm(props: { cohorts: Cohort[]; today: string; onIssue: (b: CodeBody) => Promise<EnrolmentCodeView> }) {
  const [draft, setDraft] = createSignal({ cohortId: '', expiresOn: '', maxUses: '' });
  const [errors, setErrors] = createSignal<CodeErrors>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [issued, setIssued] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const err = (k: keyof CodeErrors) => { const key = errors()[k]; return key ? st(key) : undefined; };
  const set = (k: 'cohortId' | 'expiresOn' | 'maxUses', v: string) => { setDraft({ ...draft(), [k]: v }); setIssued(undefined); };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFailure(undefined); setIssued(undefined);
    const checked = checkCode(draft(), props.today);
    setErrors(checked.errors);
    if (!checked.body) return;
    setBusy(true);
    try {
      const c = await props.onIssue(checked.body);
      setIssued(c.code);
      setDraft({ cohortId: '', expiresOn: '', maxUses: '' });
    } catch (x) {
      const f = refusedFields(x);
      const mapped: CodeErrors = {};
      if (f.cohortId) mapped.cohortId = 'codes.error.cohort';
      if (f.expiresAt) mapped.expiresAt = 'codes.error.expires';
      if (f.maxUses) mapped.maxUses = 'codes.error.maxUses';
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFailure(x);
    } finally { setBusy(false); }
  };
  return (
    <section class="card" aria-labelledby="code-new-title">
      <h3 id="code-new-title">{st('codes.new')}</h3>
      <ErrorNotice error={failure()} />
      <Show when={Object.keys(errors()).length > 0}><div class="notice error" role="alert"><p>{st('error.summary')}</p></div></Show>
      <Show when={issued()}>{(code) => <p class="notice ok" role="status">{st('codes.issued', { code: code() })}</p>}</Show>
      <form onSubmit={submit} novalidate>
        <SelectField id="code-cohort" label={st('codes.cohort')} error={err('cohortId')} value={draft().cohortId} onChange={(e) => set('cohortId', e.currentTarget.value)}
          options={[{ value: '', label: st('codes.chooseCohort') }, ...props.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        <Field id="code-expires" label={st('codes.expires')} error={err('expiresAt')} type="date" min={props.today} value={draft().expiresOn} onInput={(e) => set('expiresOn', e.currentTarget.value)} />
        <Field id="code-max" label={st('codes.maxUses')} hint={st('codes.maxUsesHint')} error={err('maxUses')} type="number" inputmode="numeric" min={1} max={10000} step={1}
          value={draft().maxUses} onInput={(e) => set('maxUses', e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy()}>{st('codes.issue')}</button>
      </form>
    </section>
  );
}
