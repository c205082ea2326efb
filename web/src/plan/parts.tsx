import { createSignal, For, type JSX, Show } from 'solid-js';
import type { AttachmentView, BusinessPlan, CommentView, PlanCheck, PlanFigures } from '../../../functions/contract/business-plan.ts';
import {
  OUTLOOK_COLUMN_LABELS, OUTLOOK_COLUMNS, PLAN_LIMITS, PLAN_SECTION_LABELS, PLAN_SECTIONS, type PlanSectionKey,
} from '../../../functions/contract/plan-constants.ts';
import { messageOf } from '../components/Notice.tsx';
import { formatDate, formatDateTime, locale, pick } from '../i18n/index.ts';
import { FORM, formatYen, labelOf, manYen, OUTLOOK_FIELDS, type Part, valueAt } from './form.ts';
import { pt } from './i18n.ts';

// Pieces both plan pages use: the read-only plan (advisor, staff, a saved version, the printed A4 page), the checks
// beside a field, the funding totals and the outlook's computed rows, comment threads, the list of attachments.

export const statusLabel = (s: string | null) => pt(`status.${(s ?? 'none') as 'none' | 'draft' | 'submitted' | 'reviewed' | 'needs_work'}`);

/** The checks of one place, each with its severity and sentence; `id` ties it to its input (aria-describedby). */
export function Checks(props: { checks: PlanCheck[]; id?: string }) {
  return (
    <Show when={props.checks.length > 0}>
      <ul class="plan-checks" id={props.id}>
        <For each={props.checks}>
          {(c) => <li class={`plan-check ${c.severity}`}><strong>{pt(`severity.${c.severity}`)}</strong> {pick(c.message)}</li>}
        </For>
      </ul>
    </Show>
  );
}

const shown = (v: unknown, kind: string): string => {
  if (v === undefined || v === null || v === '') return pt('empty');
  if (kind === 'yen' && typeof v === 'number') return `${formatYen(v)}${manYen(v) ? `（${manYen(v)}）` : ''}`;
  if (kind === 'percent' && typeof v === 'number') return `${v}%`;
  return String(v);
};

function choiceLabel(part: Extract<Part, { field: unknown }>['field'], v: unknown) {
  return part.options?.().find((o) => o.value === v)?.label ?? v;
}

/** The totals of 必要な資金と調達方法, as the API computed them. */
export function FundingTotals(props: { figures: PlanFigures; checks: PlanCheck[] }) {
  const f = () => props.figures.funding;
  return (
    <div class="plan-totals" id="plan-funding-total">
      <dl>
        <dt>{pt('funding.usesTotal')}</dt><dd>{formatYen(f().uses)}</dd>
        <dt>{pt('funding.sourcesTotal')}</dt><dd>{formatYen(f().sources)}</dd>
        <dt>{pt('funding.difference')}</dt><dd class={f().difference === 0 ? '' : 'off'}>{formatYen(f().difference)}</dd>
      </dl>
      <Show when={f().ownFundsShare !== null}>
        <p>{pt('funding.ownShare', { share: `${Math.round((f().ownFundsShare ?? 0) * 1000) / 10}%` })}</p>
      </Show>
      <Checks checks={props.checks.filter((c) => c.section === 'funding' && c.field === 'total')} id="plan-funding-total-checks" />
    </div>
  );
}

/** The outlook's computed rows per column (gross profit, expenses, profit, repayment capacity). */
export function OutlookComputed(props: { figures: PlanFigures }) {
  const rows = [['grossProfit', 'outlook.grossProfit'], ['expenses', 'outlook.expenses'], ['profit', 'outlook.profit'], ['repaymentCapacity', 'outlook.capacity']] as const;
  return (
    <div class="table-scroll">
      <table class="plan-table">
        <caption>{pt('outlook.computed')}</caption>
        <thead><tr><td /><For each={OUTLOOK_COLUMNS}>{(c) => <th scope="col">{pick(OUTLOOK_COLUMN_LABELS[c])}</th>}</For></tr></thead>
        <tbody>
          <For each={rows}>
            {([k, label]) => (
              <tr>
                <th scope="row">{pt(label)}</th>
                <For each={OUTLOOK_COLUMNS}>{(c) => { const col = () => props.figures.outlook[c]; return <td class={col() && col()![k] < 0 ? 'off' : ''}>{col() ? formatYen(col()![k]) : '—'}</td>; }}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** One section, read-only: fields as a description list, rows as a table, the outlook as a two-column table. */
export function SectionView(props: { section: PlanSectionKey; plan: BusinessPlan; figures?: PlanFigures; checks?: PlanCheck[] }) {
  const at = (path: string[]) => valueAt(props.plan, [props.section, ...path]);
  const checks = () => props.checks ?? [];
  return (
    <For each={FORM[props.section]}>
      {(part) => {
        if ('field' in part) {
          return (
            <div class="plan-readonly-field">
              <span class="plan-label">{labelOf(props.section, part.field.key)}</span>
              <span class="plan-value">{shown(part.field.kind === 'choice' ? choiceLabel(part.field, at([part.field.key])) : at([part.field.key]), part.field.kind)}</span>
              <Checks checks={checks().filter((c) => c.section === props.section && c.field === part.field.key)} />
            </div>
          );
        }
        if ('rows' in part) {
          const list = () => (at([part.rows.key]) as Array<Record<string, unknown>> | undefined) ?? [];
          return (
            <div class="table-scroll">
              <table class="plan-table">
                <caption>{labelOf(props.section, part.rows.key)}</caption>
                <thead><tr><For each={part.rows.rows}>{(f) => <th scope="col">{labelOf(props.section, `${part.rows.key}.${f.key}`)}</th>}</For></tr></thead>
                <tbody>
                  <Show when={list().length > 0} fallback={<tr><td colSpan={part.rows.rows.length}>{pt('empty')}</td></tr>}>
                    <For each={list()}>{(row) => <tr><For each={part.rows.rows}>{(f) => <td>{shown(f.kind === 'choice' ? choiceLabel(f, row[f.key]) : row[f.key], f.kind)}</td>}</For></tr>}</For>
                  </Show>
                </tbody>
              </table>
              <Checks checks={checks().filter((c) => c.section === props.section && c.field.startsWith(part.rows.key))} />
            </div>
          );
        }
        if ('group' in part) {
          return (
            <For each={part.group.fields}>
              {(f) => (
                <div class="plan-readonly-field">
                  <span class="plan-label">{labelOf(props.section, `${part.group.key}.${f.key}`)}</span>
                  <span class="plan-value">{shown(at([part.group.key, f.key]), f.kind)}</span>
                </div>
              )}
            </For>
          );
        }
        return (
          <>
            <div class="table-scroll">
              <table class="plan-table">
                <caption>{pick(PLAN_SECTION_LABELS.outlook)}</caption>
                <thead><tr><td /><For each={OUTLOOK_COLUMNS}>{(c) => <th scope="col">{pick(OUTLOOK_COLUMN_LABELS[c])}</th>}</For></tr></thead>
                <tbody>
                  <For each={OUTLOOK_FIELDS}>
                    {(k) => <tr><th scope="row">{labelOf('outlook', k)}</th><For each={OUTLOOK_COLUMNS}>{(c) => <td>{shown(at([c, k]), 'yen')}</td>}</For></tr>}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={props.figures}>{(f) => <OutlookComputed figures={f()} />}</Show>
            <Checks checks={checks().filter((c) => c.section === 'outlook' && /^(start|stable)\./.test(c.field))} />
          </>
        );
      }}
    </For>
  );
}

/** The whole plan, read-only, in the form's order: the advisor's and staff's view, a saved version, the printed page. */
export function PlanView(props: { plan: BusinessPlan; figures?: PlanFigures; checks?: PlanCheck[]; aside?: (s: PlanSectionKey) => JSX.Element; headingLevel?: 2 | 3 }) {
  return (
    <For each={PLAN_SECTIONS}>
      {(s, i) => (
        <section class="plan-section" aria-labelledby={`plan-view-${s}`}>
          {props.headingLevel === 3
            ? <h3 id={`plan-view-${s}`}>{i() + 1}. {pick(PLAN_SECTION_LABELS[s])}</h3>
            : <h2 id={`plan-view-${s}`}>{i() + 1}. {pick(PLAN_SECTION_LABELS[s])}</h2>}
          <SectionView section={s} plan={props.plan} {...(props.figures ? { figures: props.figures } : {})} {...(props.checks ? { checks: props.checks } : {})} />
          <Show when={s === 'funding' && props.figures}>{(f) => <FundingTotals figures={f()} checks={props.checks ?? []} />}</Show>
          {props.aside?.(s)}
        </section>
      )}
    </For>
  );
}

/**
 * The comments of one section as threads (one level of replies, oldest first), "on version N", with a note when the
 * section changed since, and forms to reply or start a thread when `onSend` is given.
 */
export function Threads(props: {
  section: PlanSectionKey; comments: CommentView[]; version: number; changedSince: (version: number) => boolean; myName: string;
  onSend?: (text: string, replyTo?: string) => Promise<void>;
}) {
  const mine = () => props.comments.filter((c) => c.section === props.section).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const threads = () => mine().filter((c) => c.replyTo === null);
  const replies = (id: string) => mine().filter((c) => c.replyTo === id);
  return (
    <div class="plan-threads">
      <h3 class="plan-threads-title">{pt('comments.title')}</h3>
      <Show when={threads().length > 0} fallback={<p class="plan-muted">{pt('comments.none')}</p>}>
        <ul class="plan-thread-list">
          <For each={threads()}>
            {(c) => (
              <li class="plan-thread">
                <Comment c={c} changed={props.changedSince(c.version)} />
                <Show when={replies(c.id).length > 0}>
                  <ul class="plan-replies"><For each={replies(c.id)}>{(r) => <li><Comment c={r} changed={false} /></li>}</For></ul>
                </Show>
                <Show when={props.onSend}>
                  {(send) => <CommentForm label={pt('comments.replyLabel', { name: c.authorName })} button={pt('comments.reply')} onSend={(text) => send()(text, c.id)} />}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.onSend}>{(send) => <CommentForm label={pt('comments.new')} button={pt('comments.send')} onSend={(text) => send()(text)} />}</Show>
    </div>
  );
}

function Comment(props: { c: CommentView; changed: boolean }) {
  return (
    <article class={`plan-comment ${props.c.authorRole}`}>
      <p class="plan-comment-meta">{props.c.authorName}・{formatDateTime(props.c.createdAt)}・{pt('comments.on', { version: props.c.version })}</p>
      <p class="plan-comment-text">{props.c.text}</p>
      <Show when={props.changed}><p class="plan-muted">{pt('comments.changed')}</p></Show>
    </article>
  );
}

let formSeq = 0;
function CommentForm(props: { label: string; button: string; onSend: (text: string) => Promise<void> }) {
  const id = `plan-comment-${++formSeq}`;
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const send = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!text().trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onSend(text().trim());
      setText('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="plan-comment-form" onSubmit={send}>
      <label for={id}>{props.label}</label>
      <textarea id={id} rows={2} maxLength={PLAN_LIMITS.commentText} value={text()} onInput={(e) => setText(e.currentTarget.value)} aria-describedby={error() ? `${id}-error` : undefined} />
      <Show when={error()}><p class="error" id={`${id}-error`} role="alert">{error()}</p></Show>
      <button type="submit" class="secondary" disabled={busy() || !text().trim()}>{props.button}</button>
    </form>
  );
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The files attached to the plan, each with a download button (a one-minute link) and, for the founder, delete. */
export function AttachmentList(props: { attachments: AttachmentView[]; onDownload: (a: AttachmentView) => void; onDelete?: (a: AttachmentView) => void }) {
  return (
    <Show when={props.attachments.length > 0} fallback={<p class="plan-muted">{pt('files.none')}</p>}>
      <ul class="plan-files">
        <For each={props.attachments}>
          {(a) => (
            <li>
              <span class="plan-file-name">{a.fileName}</span>
              <span class="plan-muted">{pt('files.meta', { size: size(a.size), date: formatDate(a.uploadedAt) })}</span>
              <button type="button" class="link" onClick={() => props.onDownload(a)}>{pt('files.download', { name: a.fileName })}</button>
              <Show when={props.onDelete}>{(del) => <button type="button" class="link danger" onClick={() => del()(a)}>{pt('files.delete', { name: a.fileName })}</button>}</Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Sections changed after `version`, from the versions list (each version lists what it changed). */
export function changedSinceOf(versions: Array<{ version: number; changedSections: string[] }>) {
  return (section: string) => (version: number) => versions.some((v) => v.version > version && v.changedSections.includes(section));
}

export const nowTime = () => new Date().toLocaleTimeString(locale() === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
