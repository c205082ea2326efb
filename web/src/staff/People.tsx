import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { ImportResult, Invitation, NewInvitation } from '../../../functions/contract/account.ts';
import type { Role } from '../../../functions/contract/api.ts';
import { LIMITS } from '../../../functions/contract/constants.ts';
import type { Cohort } from '../../../functions/contract/staff.ts';
import { ApiFailure } from '../api/client.ts';
import { createCohorts } from '../api/cohorts.ts';
import { createInvitations, importFounders, inviteToTenant, listTenantInvitations, tenantInvitationActions } from '../api/invitations.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { formatNumber, formatDateTime } from '../roles/i18n/index.ts';
import { checkPerson, FormSummary, InvitationTable, inviteRefusal, type InviteErrors, roleName, type Text } from '../roles/invitations/Invitations.tsx';
import { SelectField } from './controls.tsx';
import { cohortName } from './Founders.tsx';
import { st } from './i18n/index.ts';
import type { StaffKey } from './i18n/ja.ts';

/** Container: a municipality's invitations (staff, advisors, founders), the invite form and the CSV import of founders. */
export function PeoplePageContainer(props: { tenantId: string; tenantName: string }) {
  const { cohorts } = createCohorts(() => props.tenantId);
  const list = createInvitations(() => props.tenantId, listTenantInvitations, tenantInvitationActions);
  const onInvite = async (body: NewInvitation) => { const i = await inviteToTenant(props.tenantId, body); list.added(i); return i; };
  // The new invitations of an import are read back from the server, with everything else pending.
  const onImport = async (csv: string) => { const r = await importFounders(props.tenantId, csv); if (r.invited > 0) void list.refetch(); return r; };
  return (
    <Switch fallback={<Loading />}>
      <Match when={list.items.error}>
        <h1>{st('people.title', { tenant: props.tenantName })}</h1>
        <ErrorNotice error={list.items.error} onRetry={list.refetch} />
      </Match>
      <Match when={list.items.latest && (cohorts.state === 'ready' || cohorts.state === 'errored' || cohorts.latest)}>
        <PeopleView tenantId={props.tenantId} tenantName={props.tenantName} cohorts={cohorts.latest ?? []} invitations={list.items.latest!} loading={list.items.loading}
          onInvite={onInvite} onResend={list.resend} onRevoke={list.revoke} onImport={onImport} />
      </Match>
    </Switch>
  );
}

/** View: invite one person, invite founders from a CSV file, and the invitations waiting for an answer. */
export function PeopleView(props: {
  tenantId: string; tenantName: string; cohorts: Cohort[]; invitations: Invitation[]; loading?: boolean;
  onInvite: (b: NewInvitation) => Promise<Invitation>; onResend: (id: string) => Promise<Invitation>; onRevoke: (id: string) => Promise<void>;
  onImport: (csv: string) => Promise<ImportResult>;
}) {
  return (
    <article aria-labelledby="people-title">
      <h1 id="people-title">{st('people.title', { tenant: props.tenantName })}</h1>
      <p>{st('people.intro')}</p>
      <InviteForm cohorts={props.cohorts} onInvite={props.onInvite} />
      <ImportForm onImport={props.onImport} />
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">{st('people.pending')}</h2>
        <InvitationTable id="pending" caption={st('people.pendingCaption')} items={props.invitations} busy={props.loading}
          cohortName={(id) => cohortName(props.cohorts, id)} onResend={props.onResend} onRevoke={props.onRevoke} />
      </section>
    </article>
  );
}

const ROLES: Role[] = ['learner', 'advisor', 'staff'];

function InviteForm(props: { cohorts: Cohort[]; onInvite: (b: NewInvitation) => Promise<Invitation> }) {
  const blank = { email: '', name: '', role: 'learner' as Role, cohortId: '' };
  const [draft, setDraft] = createSignal({ ...blank });
  const [errors, setErrors] = createSignal<InviteErrors>({});
  const [notice, setNotice] = createSignal<Text>();
  const [failure, setFailure] = createSignal<unknown>();
  const [done, setDone] = createSignal<Text>();
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const set = (k: keyof typeof blank, v: string) => { setDraft({ ...draft(), [k]: v }); setDone(undefined); };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setNotice(undefined); setFailure(undefined); setDone(undefined);
    const d = draft();
    const errs = checkPerson(d);
    setErrors(errs);
    if (Object.keys(errs).length > 0) { queueMicrotask(() => summary?.focus()); return; }
    const body: NewInvitation = {
      email: d.email.trim(), role: d.role, ...(d.name.trim() ? { name: d.name.trim() } : {}), ...(d.role === 'learner' && d.cohortId ? { cohortId: d.cohortId } : {}),
    };
    setBusy(true);
    try {
      const i = await props.onInvite(body);
      setDone(() => () => st('people.invited', { email: i.email, role: roleName(i.role), expires: formatDateTime(i.expiresAt) }));
      setDraft({ ...blank, role: d.role, cohortId: d.cohortId });
    } catch (x) {
      const r = inviteRefusal(x, d.role, { cohortId: () => st('people.error.cohort') });
      setErrors(r.fields); setNotice(() => r.notice);
      if (Object.keys(r.fields).length === 0 && !r.notice) setFailure(x);
    } finally { setBusy(false); }
    queueMicrotask(() => summary?.focus());
  };
  return (
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{st('people.invite')}</h2>
      <p class="hint">{st('people.inviteIntro')}</p>
      <FormSummary ref={(el) => { summary = el; }} errors={errors()} notice={notice()} failure={failure()} done={done()} />
      <form onSubmit={submit} novalidate>
        <Field id="invite-email" label={st('people.email')} hint={st('people.emailHint')} error={errors().email?.()} type="email" autocomplete="off" maxlength={LIMITS.emailMax}
          value={draft().email} onInput={(e) => set('email', e.currentTarget.value)} />
        <SelectField id="invite-role" label={st('people.role')} error={errors().role?.()} value={draft().role} onChange={(e) => set('role', e.currentTarget.value)}
          options={ROLES.map((r) => ({ value: r, label: roleName(r) }))} />
        <Show when={draft().role === 'learner'}>
          <SelectField id="invite-cohort" label={st('people.cohort')} hint={props.cohorts.length === 0 ? st('people.noCohorts') : undefined} error={errors().cohortId?.()}
            value={draft().cohortId} onChange={(e) => set('cohortId', e.currentTarget.value)}
            options={[{ value: '', label: st('founders.noCohort') }, ...props.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        </Show>
        <Field id="invite-name" label={st('people.name')} hint={st('people.nameHint')} error={errors().name?.()} autocomplete="off" maxlength={LIMITS.nameMax}
          value={draft().name} onInput={(e) => set('name', e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy()}>{busy() ? st('people.sending') : st('people.send')}</button>
      </form>
    </section>
  );
}

/** The template's header row: the words the API reads, in the chosen language. */
export const TEMPLATE_HEADER = { ja: '氏名,メールアドレス,コホート', en: 'name,email,cohort' } as const;
/** A template file for Excel: UTF-8 with a BOM, the header row and CRLF. A data URL, so no request and nothing to clean up. */
export const templateHref = (lang: 'ja' | 'en') => `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${TEMPLATE_HEADER[lang]}\r\n`)}`;

/**
 * A CSV file's text. UTF-8 (with or without BOM) is read as it is; a file that is not UTF-8 is read as Shift_JIS, the
 * encoding Japanese Excel's plain "CSV" saves in, so such a file is not garbled into names nobody can read.
 */
export async function readCsvFile(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try { return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes); } catch { /* not UTF-8 */ }
  try { return new TextDecoder('shift_jis').decode(bytes); } catch { return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes); }
}

/** Why the API refused a file as a whole (its `fields.csv`), in words; nothing was imported. */
const FILE_PROBLEM: Record<string, StaffKey> = {
  malformed: 'import.file.malformed', header: 'import.file.header', empty: 'import.file.empty', too_many: 'import.file.tooMany',
};

/** The API's reasons for a bad row are English sentences; the ones it gives are said in the page's language. */
export function problemText(reason: string): string {
  if (reason === 'name is empty or longer than 80 characters') return st('import.reason.name');
  if (reason === 'not an email address') return st('import.reason.email');
  const cohort = /^no cohort named "(.*)" in this municipality$/.exec(reason);
  if (cohort) return st('import.reason.cohort', { cohort: cohort[1]! });
  return reason;
}
const fieldText = (field: string | null) => (field && ['name', 'email', 'cohort'].includes(field) ? st(`import.field.${field}` as StaffKey) : field ?? '—');

function ImportForm(props: { onImport: (csv: string) => Promise<ImportResult> }) {
  const [file, setFile] = createSignal<File>();
  const [error, setError] = createSignal<StaffKey>();
  const [refused, setRefused] = createSignal<StaffKey>();
  const [stopped, setStopped] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  const [result, setResult] = createSignal<ImportResult>();
  const [busy, setBusy] = createSignal(false);
  let outcome: HTMLDivElement | undefined;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined); setRefused(undefined); setStopped(false); setFailure(undefined); setResult(undefined);
    const f = file();
    if (!f) { setError('import.error.noFile'); return; }
    if (f.size === 0) { setError('import.file.empty'); return; }
    if (f.size > LIMITS.importBytes) { setError('import.error.tooBig'); return; }
    setBusy(true);
    try {
      setResult(await props.onImport(await readCsvFile(f)));
    } catch (x) {
      const problem = x instanceof ApiFailure ? x.fields.csv : undefined;
      if (x instanceof ApiFailure && (x.code === 'invalid_request' || x.code === 'payload_too_large')) {
        setRefused(x.code === 'payload_too_large' ? 'import.error.tooBig' : FILE_PROBLEM[problem ?? ''] ?? 'import.file.malformed');
      } else if (x instanceof ApiFailure && x.code === 'unavailable') {
        // The rows before the failure may be invited; importing again skips them, so the way on is to repeat it.
        setStopped(true);
      } else setFailure(x);
    } finally { setBusy(false); }
    queueMicrotask(() => outcome?.focus());
  };
  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">{st('import.title')}</h2>
      <p>{st('import.intro')}</p>
      <ul class="hint-list">
        <li>{st('import.columns')}</li>
        <li>{st('import.cohortHint')}</li>
        <li>{st('import.twice')}</li>
      </ul>
      <p class="download buttons">
        <a class="button" href={templateHref('ja')} download="founders-template-ja.csv">{st('import.templateJa')}</a>
        <a class="button" href={templateHref('en')} download="founders-template-en.csv" hreflang="en">{st('import.templateEn')}</a>
      </p>
      <form onSubmit={submit} novalidate>
        <div class="field" classList={{ invalid: Boolean(error()) }}>
          <label for="import-file">{st('import.file')}</label>
          <p class="hint" id="import-file-hint">{st('import.fileHint')}</p>
          <input id="import-file" name="import-file" type="file" accept=".csv,text/csv" aria-invalid={error() ? 'true' : undefined}
            aria-describedby={`import-file-hint${error() ? ' import-file-error' : ''}`}
            onChange={(e) => { setFile(e.currentTarget.files?.[0]); setError(undefined); }} />
          <Show when={error()}>{(k) => <p class="field-error" id="import-file-error">{st(k())}</p>}</Show>
        </div>
        <button type="submit" class="primary" disabled={busy()}>{busy() ? st('import.sending') : st('import.send')}</button>
      </form>
      <div tabindex="-1" ref={outcome} class="import-outcome">
        <Show when={refused()}>
          {(k) => <div class="notice error" role="alert"><p>{st('import.refused')}</p><p>{st(k())}</p></div>}
        </Show>
        <Show when={stopped()}><div class="notice error" role="alert"><p>{st('import.error.unavailable')}</p></div></Show>
        <ErrorNotice error={failure()} />
        <Show when={result()}>{(r) => <ImportReport result={r()} />}</Show>
      </div>
    </section>
  );
}

/** What an import did: invited, skipped (with rows and why) and the rows with problems (row, field, reason). */
export function ImportReport(props: { result: ImportResult }) {
  const r = () => props.result;
  return (
    <div class="import-report">
      <div class="notice ok" role="status">
        <p>{st('import.done', { rows: formatNumber(r().rows), invited: formatNumber(r().invited) })}</p>
        <Show when={r().skipped.length > 0}><p>{st('import.doneSkipped', { count: formatNumber(r().skipped.length) })}</p></Show>
        <Show when={r().problems.length > 0}><p>{st('import.doneProblems', { count: formatNumber(r().problems.length) })}</p></Show>
      </div>
      <Show when={r().problems.length > 0}>
        <h3 id="import-problems">{st('import.problems')}</h3>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="import-problems-caption">
          <table class="data import-problems">
            <caption id="import-problems-caption">{st('import.problemsCaption')}</caption>
            <thead><tr><th scope="col" class="num">{st('import.col.row')}</th><th scope="col">{st('import.col.field')}</th><th scope="col">{st('import.col.reason')}</th></tr></thead>
            <tbody>
              <For each={r().problems}>
                {(p) => <tr data-row={p.row}><th scope="row" class="num">{formatNumber(p.row)}</th><td>{fieldText(p.field)}</td><td>{problemText(p.reason)}</td></tr>}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={r().skipped.length > 0}>
        <h3 id="import-skipped">{st('import.skipped')}</h3>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="import-skipped-caption">
          <table class="data import-skipped">
            <caption id="import-skipped-caption">{st('import.skippedCaption')}</caption>
            <thead><tr><th scope="col" class="num">{st('import.col.row')}</th><th scope="col">{st('import.col.email')}</th><th scope="col">{st('import.col.why')}</th></tr></thead>
            <tbody>
              <For each={r().skipped}>
                {(s) => <tr data-row={s.row}><th scope="row" class="num">{formatNumber(s.row)}</th><td>{s.email}</td><td>{st(`import.skip.${s.reason}` as StaffKey)}</td></tr>}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}
