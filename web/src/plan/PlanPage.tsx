import { A } from '@solidjs/router';
import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import type { AttachmentView, BusinessPlan, PlanCheck, PlanVersionList, PlanView as View } from '../../../functions/contract/business-plan.ts';
import { ATTACHMENT_ACCEPT, OUTLOOK_COLUMN_LABELS, OUTLOOK_COLUMNS, PLAN_SECTION_LABELS, PLAN_SECTIONS, type PlanSectionKey } from '../../../functions/contract/plan-constants.ts';
import { account } from '../api/account.ts';
import { ApiFailure } from '../api/client.ts';
import { ErrorNotice, Loading, messageOf } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { formatDate, formatDateTime, pick } from '../i18n/index.ts';
import {
  addComment, deleteAttachment, downloadAttachment, fileProblem, getAttachments, getComments, getPlan, getVersion, getVersions, saveDraft,
  submitPlan, uploadAttachment,
} from './api.ts';
import { checksAt, type Field, FORM, inputId, labelOf, manYen, OUTLOOK_FIELDS, parseWhole, valueAt, withValue } from './form.ts';
import { pt } from './i18n.ts';
import { AttachmentList, changedSinceOf, Checks, FundingTotals, nowTime, OutlookComputed, PlanView, statusLabel, Threads } from './parts.tsx';
import './plan.css';

/** Saves this long after the last keystroke; also when the page is hidden. */
export const SAVE_DELAY_MS = 1500;

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'failed' | 'stale';

/** Container: the founder's own business plan (/plan). */
export default function PlanPage() {
  usePageTitle(() => pt('title'));
  const userId = () => account.me()?.user.id ?? '';
  const [view, { refetch }] = createResource(userId, getPlan);
  return (
    <Switch fallback={<Loading />}>
      <Match when={view.error}><h1>{pt('title')}</h1><ErrorNotice error={view.error} onRetry={refetch} /></Match>
      <Match when={view()}>{(v) => <PlanEditor userId={userId()} initial={v()} myName={account.me()?.user.name ?? ''} onReload={refetch} />}</Match>
    </Switch>
  );
}

/** View and behaviour: the editable plan, saved as the founder types, with checks beside the fields. */
export function PlanEditor(props: { userId: string; initial: View; myName: string; onReload: () => void }) {
  const [plan, setPlan] = createSignal<BusinessPlan>(props.initial.plan);
  const [view, setView] = createSignal<View>(props.initial);
  const [state, setState] = createSignal<SaveState>('idle');
  const [savedAt, setSavedAt] = createSignal<string>();
  const [bad, setBad] = createSignal<Record<string, boolean>>({});
  const [notice, setNotice] = createSignal<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let again = false;

  async function flush() {
    clearTimeout(timer);
    if (state() === 'stale' || state() === 'saved' || state() === 'idle') return;
    if (inFlight) { again = true; return; }
    inFlight = true;
    const sent = plan();
    setState('saving');
    try {
      const next = await saveDraft(props.userId, sent, view().version);
      setView(next);
      setSavedAt(nowTime());
      setState(plan() === sent ? 'saved' : 'dirty');
      void refetchVersions();
    } catch (e) {
      setState(e instanceof ApiFailure && e.code === 'stale_version' ? 'stale' : 'failed');
    } finally {
      inFlight = false;
      if (again || state() === 'dirty') { again = false; schedule(); }
    }
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => { void flush(); }, SAVE_DELAY_MS);
  }
  const change = (path: string[], value: unknown) => {
    if (state() === 'stale') return;
    setPlan((p) => withValue(p, path, value));
    setState('dirty');
    schedule();
  };
  const onHide = () => { if (document.visibilityState === 'hidden') void flush(); };
  document.addEventListener('visibilitychange', onHide);
  onCleanup(() => { document.removeEventListener('visibilitychange', onHide); if (state() === 'dirty') void flush(); clearTimeout(timer); });

  const [comments, { mutate: setComments }] = createResource(() => props.userId, async (id) => (await getComments(id)).comments);
  const [files, { mutate: setFiles, refetch: refetchFiles }] = createResource(() => props.userId, async (id) => (await getAttachments(id)).attachments);
  const [versions, { refetch: refetchVersions }] = createResource(() => props.userId, (id) => getVersions(id));
  const changed = () => changedSinceOf((versions.error ? undefined : versions.latest)?.versions ?? []);
  const checks = () => view().checks;
  const errors = () => checks().filter((c) => c.severity === 'error').length;

  const send = (section: PlanSectionKey) => async (text: string, replyTo?: string) => {
    const c = await addComment(props.userId, { section, version: Math.max(1, view().version), text, ...(replyTo ? { replyTo } : {}) });
    setComments((all) => [...(all ?? []), c]);
    setNotice(pt('comments.sent'));
  };
  const submit = async () => {
    await flush();
    try {
      setView(await submitPlan(props.userId, view().version));
      setNotice(pt('submit.done'));
    } catch (e) {
      setNotice(messageOf(e));
    }
  };

  return (
    <article class="plan" aria-labelledby="plan-title">
      <div class="plan-screen">
        <h1 id="plan-title">{pt('title')}</h1>
        <p>{pt('intro')}</p>
        <div class="plan-bar">
          <p class="plan-status"><span class={`badge ${view().status}`}>{pt('status.label', { status: statusLabel(view().version === 0 ? null : view().status) })}</span>
            <Show when={view().version > 0}> {pt('version', { version: view().version })}</Show></p>
          <SaveStatus state={state()} savedAt={savedAt()} onRetry={() => { setState('dirty'); void flush(); }} onReload={props.onReload} />
          <Show when={view().newComments > 0}><p class="plan-badge">{pt('comments.badge', { count: view().newComments })}</p></Show>
          <Show when={view().review}>
            {(r) => <p class="plan-review-note">{pt('review.last', { version: r().version, date: formatDate(r().at), status: statusLabel(r().status) })}<Show when={r().note}>{(n) => <>「{n()}」</>}</Show></p>}
          </Show>
          <p class="plan-summary" aria-live="polite">{checks().length ? pt('checks.summary', { errors: errors(), warnings: checks().length - errors() }) : pt('checks.none')}</p>
          <div class="plan-actions">
            <button type="button" onClick={submit} disabled={errors() > 0 || view().version === 0 || view().status === 'submitted' || state() === 'stale'}>{pt('submit')}</button>
            <button type="button" class="secondary" onClick={() => window.print()}>{pt('print')}</button>
            <A href="/consultations?from=plan" class="button secondary">{pt('consult')}</A>
          </div>
          <Show when={errors() > 0 && view().version > 0}><p class="plan-muted">{pt('submit.blocked', { count: errors() })}</p></Show>
          <Show when={notice()}><p role="status">{notice()}</p></Show>
        </div>

        <nav class="plan-toc" aria-label={pt('title')}>
          <ol><For each={PLAN_SECTIONS}>{(s) => <li><a href={`#plan-${s}`}>{pick(PLAN_SECTION_LABELS[s])}</a></li>}</For></ol>
        </nav>

        <For each={PLAN_SECTIONS}>
          {(s, i) => {
            const sectionChecks = () => checks().filter((c) => c.section === s);
            return (
              <section class="plan-section" id={`plan-${s}`} aria-labelledby={`plan-${s}-title`}>
                <h2 id={`plan-${s}-title`}>{i() + 1}. {pick(PLAN_SECTION_LABELS[s])}</h2>
                <Show when={sectionChecks().length > 0}><p class="plan-section-count">{pt('checks.section', { count: sectionChecks().length })}</p></Show>
                <SectionEditor section={s} plan={plan()} checks={checks()} bad={bad()} setBad={(k, v) => setBad((b) => ({ ...b, [k]: v }))} onChange={change} />
                <Show when={s === 'funding'}><FundingTotals figures={view().figures} checks={checks()} /></Show>
                <Show when={s === 'outlook'}><OutlookComputed figures={view().figures} /></Show>
                <Threads section={s} comments={(comments.error ? undefined : comments.latest) ?? []} version={view().version} changedSince={changed()(s)} myName={props.myName}
                  {...(view().version > 0 ? { onSend: send(s) } : {})} />
              </section>
            );
          }}
        </For>

        <Files userId={props.userId} files={(files.error ? undefined : files.latest) ?? []} onChange={setFiles} onError={() => refetchFiles()} />
        <Versions userId={props.userId} list={versions.error ? undefined : versions.latest} />
      </div>
      {/* The printed page: the plan as the founder copies it into the form, A4, without the app around it. */}
      <div class="plan-print" aria-hidden="true">
        <h1>{pt('title')}</h1>
        <PlanView plan={plan()} figures={view().figures} />
      </div>
    </article>
  );
}

function SaveStatus(props: { state: SaveState; savedAt: string | undefined; onRetry: () => void; onReload: () => void }) {
  return (
    <div class="plan-save" role="status" aria-live="polite">
      <Switch>
        <Match when={props.state === 'saving'}>{pt('save.saving')}</Match>
        <Match when={props.state === 'saved' && props.savedAt}>{pt('save.saved', { time: props.savedAt! })}</Match>
        <Match when={props.state === 'failed'}>{pt('save.failed')} <button type="button" class="link" onClick={props.onRetry}>{pt('save.retry')}</button></Match>
        <Match when={props.state === 'stale'}>{pt('save.stale')} <button type="button" class="link" onClick={props.onReload}>{pt('save.loadNewest')}</button></Match>
        <Match when={props.state === 'idle' || props.state === 'dirty'}>{pt('save.idle')}</Match>
      </Switch>
    </div>
  );
}

/** The inputs of one section, in the form's order. */
function SectionEditor(props: {
  section: PlanSectionKey; plan: BusinessPlan; checks: PlanCheck[]; bad: Record<string, boolean>;
  setBad: (k: string, v: boolean) => void; onChange: (path: string[], value: unknown) => void;
}) {
  const s = props.section;
  return (
    <For each={FORM[s]}>
      {(part) => {
        if ('field' in part) return <Input path={[part.field.key]} field={part.field} label={labelOf(s, part.field.key)} {...props} />;
        if ('group' in part) {
          return (
            <fieldset class="plan-group">
              <legend>{labelOf(s, `${part.group.key}.${part.group.fields[0]!.key}`).replace(/の.*$/, '')}</legend>
              <For each={part.group.fields}>{(f) => <Input path={[part.group.key, f.key]} field={f} label={labelOf(s, `${part.group.key}.${f.key}`)} {...props} />}</For>
            </fieldset>
          );
        }
        if ('rows' in part) {
          const rows = () => (valueAt(props.plan, [s, part.rows.key]) as unknown[] | undefined) ?? [];
          const listChecks = () => checksAt(props.checks, s, part.rows.key);
          return (
            <fieldset class="plan-rows" aria-describedby={listChecks().length ? `${inputId(s, part.rows.key)}-checks` : undefined}>
              <legend>{labelOf(s, part.rows.key)}</legend>
              <Checks checks={listChecks()} id={`${inputId(s, part.rows.key)}-checks`} />
              <For each={rows()}>
                {(_row, i) => (
                  <div class="plan-row">
                    <p class="plan-row-title">{pt('rows.row', { n: i() + 1 })}</p>
                    <For each={part.rows.rows}>
                      {(f) => <Input path={[part.rows.key, String(i()), f.key]} field={f} label={`${labelOf(s, `${part.rows.key}.${f.key}`)}（${pt('rows.row', { n: i() + 1 })}）`} {...props} />}
                    </For>
                    <button type="button" class="link danger" onClick={() => props.onChange([s, part.rows.key], rows().filter((_, j) => j !== i()))}>{pt('rows.remove', { n: i() + 1 })}</button>
                  </div>
                )}
              </For>
              <Show when={rows().length < part.rows.max} fallback={<p class="plan-muted">{pt('rows.max', { max: part.rows.max })}</p>}>
                <button type="button" class="secondary" onClick={() => props.onChange([s, part.rows.key, String(rows().length)], {})}>{pt('rows.add')}：{labelOf(s, part.rows.key)}</button>
              </Show>
            </fieldset>
          );
        }
        return (
          <For each={OUTLOOK_COLUMNS}>
            {(c) => (
              <fieldset class="plan-group">
                <legend>{pt('outlook.column', { column: pick(OUTLOOK_COLUMN_LABELS[c]) })}</legend>
                <For each={OUTLOOK_FIELDS}>{(k) => <Input path={[c, k]} field={{ key: k, kind: 'yen' }} label={`${labelOf('outlook', k)}（${pick(OUTLOOK_COLUMN_LABELS[c])}）`} {...props} />}</For>
              </fieldset>
            )}
          </For>
        );
      }}
    </For>
  );
}

/** One input with its label, its checks (aria-describedby) and, for yen, the amount in 万円. */
function Input(props: {
  section: PlanSectionKey; path: string[]; field: Field; label: string; plan: BusinessPlan; checks: PlanCheck[]; bad: Record<string, boolean>;
  setBad: (k: string, v: boolean) => void; onChange: (path: string[], value: unknown) => void;
}) {
  const id = () => inputId(props.section, props.path.join('.'));
  const full = () => [props.section, ...props.path];
  const value = () => valueAt(props.plan, full());
  const mine = () => checksAt(props.checks, props.section, props.path.join('.'));
  const numeric = () => props.field.kind === 'yen' || props.field.kind === 'count' || props.field.kind === 'percent';
  const invalid = () => props.bad[id()] === true;
  const describedBy = () => [mine().length ? `${id()}-checks` : '', invalid() ? `${id()}-invalid` : '', props.field.kind === 'yen' ? `${id()}-man` : ''].filter(Boolean).join(' ') || undefined;
  const set = (raw: string) => {
    if (numeric()) {
      const n = parseWhole(raw);
      const out = n !== undefined && (Number.isNaN(n) || (props.field.kind === 'percent' && n > 100));
      props.setBad(id(), out);
      if (!out) props.onChange(full(), n);
      return;
    }
    props.onChange(full(), raw === '' ? undefined : raw);
  };
  const common = () => ({
    id: id(), 'aria-describedby': describedBy(), 'aria-invalid': invalid() || mine().some((c) => c.severity === 'error') ? true : undefined,
  });
  return (
    <div class={`field plan-field ${props.field.kind}`}>
      <label for={id()}>{props.label}</label>
      <Switch>
        <Match when={props.field.kind === 'long'}>
          <textarea {...common()} rows={4} maxLength={props.field.max} value={(value() as string | undefined) ?? ''} onInput={(e) => set(e.currentTarget.value)} />
        </Match>
        <Match when={props.field.kind === 'choice'}>
          <select {...common()} value={(value() as string | undefined) ?? ''} onChange={(e) => set(e.currentTarget.value)}>
            <option value="">{pt('choose')}</option>
            <For each={props.field.options?.() ?? []}>{(o) => <option value={o.value}>{o.label}</option>}</For>
          </select>
        </Match>
        <Match when={props.field.kind === 'month'}>
          <input {...common()} type="month" value={(value() as string | undefined) ?? ''} onInput={(e) => set(e.currentTarget.value)} />
        </Match>
        <Match when={numeric()}>
          <input {...common()} type="text" inputmode="numeric" autocomplete="off" value={value() === undefined ? '' : String(value())} onInput={(e) => set(e.currentTarget.value)} />
        </Match>
        <Match when={props.field.kind === 'text'}>
          <input {...common()} type="text" maxLength={props.field.max} value={(value() as string | undefined) ?? ''} onInput={(e) => set(e.currentTarget.value)} />
        </Match>
      </Switch>
      <Show when={props.field.kind === 'yen'}><span class="plan-man" id={`${id()}-man`}>{typeof value() === 'number' ? manYen(value() as number) : pt('yen.hint')}</span></Show>
      <Show when={invalid()}><p class="error" id={`${id()}-invalid`}>{pt('yen.hint')}</p></Show>
      <Checks checks={mine()} id={`${id()}-checks`} />
    </div>
  );
}

/** Attachments: pick a file, checked here first, posted straight to the bucket, then recorded by the API. */
function Files(props: { userId: string; files: AttachmentView[]; onChange: (f: AttachmentView[]) => void; onError: () => void }) {
  const [busy, setBusy] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const pickFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const p = fileProblem(file);
    setProblem(p ? pt(`files.${p}`) : undefined);
    setDone(undefined);
    if (p) return;
    setBusy(file.name);
    try {
      const a = await uploadAttachment(props.userId, file);
      props.onChange([...props.files.filter((x) => x.id !== a.id), a]);
      setDone(pt('files.uploaded', { name: a.fileName }));
    } catch (e) {
      setProblem(messageOf(e));
      props.onError();
    } finally {
      setBusy(undefined);
    }
  };
  const download = async (a: AttachmentView) => {
    try { window.location.assign((await downloadAttachment(props.userId, a.id)).url); } catch (e) { setProblem(messageOf(e)); }
  };
  const remove = async (a: AttachmentView) => {
    try {
      await deleteAttachment(props.userId, a.id);
      props.onChange(props.files.filter((x) => x.id !== a.id));
      setDone(pt('files.deleted', { name: a.fileName }));
    } catch (e) { setProblem(messageOf(e)); }
  };
  return (
    <section class="plan-section plan-files-section" aria-labelledby="plan-files-title">
      <h2 id="plan-files-title">{pt('files.title')}</h2>
      <p>{pt('files.intro')}</p>
      <AttachmentList attachments={props.files} onDownload={download} onDelete={remove} />
      <div class="field">
        <label for="plan-file">{pt('files.choose')}</label>
        <input id="plan-file" type="file" accept={ATTACHMENT_ACCEPT} disabled={busy() !== undefined} onChange={(e) => pickFile(e.currentTarget)}
          aria-describedby={problem() ? 'plan-file-problem' : undefined} />
      </div>
      <Show when={busy()}>{(n) => <p role="status">{pt('files.uploading', { name: n() })}</p>}</Show>
      <Show when={problem()}><p class="error" id="plan-file-problem" role="alert">{problem()}</p></Show>
      <p role="status">{done()}</p>
    </section>
  );
}

/** Saved versions, newest first; one can be opened read-only. */
function Versions(props: { userId: string; list: PlanVersionList | undefined }) {
  const [open, setOpen] = createSignal<number>();
  const [version] = createResource(open, (v) => getVersion(props.userId, v));
  return (
    <Show when={(props.list?.versions.length ?? 0) > 0}>
      <section class="plan-section plan-versions" aria-labelledby="plan-versions-title">
        <h2 id="plan-versions-title">{pt('versions.title')}</h2>
        <ul>
          <For each={props.list!.versions}>
            {(v) => (
              <li>
                <button type="button" class="link" onClick={() => setOpen(open() === v.version ? undefined : v.version)} aria-expanded={open() === v.version}>{pt('versions.view', { version: v.version })}</button>
                <span class="plan-muted"> {formatDateTime(v.savedAt)}・{statusLabel(v.status)}
                  <Show when={v.changedSections.length}>・{pt('versions.changed', { sections: v.changedSections.map((s) => pick(PLAN_SECTION_LABELS[s])).join('、') })}</Show>
                  <Show when={v.comments}>・{pt('versions.comments', { count: v.comments })}</Show></span>
              </li>
            )}
          </For>
        </ul>
        <Show when={version()}>
          {(v) => (
            <div class="plan-version-view">
              <h3>{pt('versions.viewing', { version: v().version, date: formatDateTime(v().savedAt) })}</h3>
              <PlanView plan={v().plan} headingLevel={3} />
              <button type="button" class="secondary" onClick={() => setOpen(undefined)}>{pt('versions.close')}</button>
            </div>
          )}
        </Show>
      </section>
    </Show>
  );
}

