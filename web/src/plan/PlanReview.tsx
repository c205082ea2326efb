import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import type { AttachmentView, CommentView, PlanView as View } from '../../../functions/contract/business-plan.ts';
import type { PlanSectionKey } from '../../../functions/contract/plan-constants.ts';
import { account } from '../api/account.ts';
import { ApiFailure, request } from '../api/client.ts';
import { ErrorNotice, Loading, messageOf } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { formatDate } from '../i18n/index.ts';
import type { FounderRecord } from '../../../functions/contract/roles.ts';
import { addComment, downloadAttachment, getAttachments, getComments, getPlan, getVersions, reviewPlan } from './api.ts';
import { pt } from './i18n.ts';
import { AttachmentList, changedSinceOf, PlanView, statusLabel, Threads } from './parts.tsx';
import './plan.css';

/** Container: a founder's plan for their attached advisor (comments, review) or their municipality's staff (read only). */
export default function PlanReviewPage(props: { mode: 'advisor' | 'staff' }) {
  const params = useParams<{ userId: string; tenantId?: string }>();
  const [founder] = createResource(() => params.userId, (id) => request<FounderRecord>('GET', `/api/founders/${encodeURIComponent(id)}`));
  const [view, { refetch, mutate }] = createResource(() => params.userId, getPlan);
  const founderName = () => (founder.error ? undefined : founder.latest?.name);
  usePageTitle(() => (founderName() ? pt('review.of', { name: founderName()! }) : pt('review.title')));
  return (
    <Switch fallback={<Loading />}>
      <Match when={view.error}><h1>{pt('review.title')}</h1><ErrorNotice error={view.error} onRetry={refetch} /></Match>
      <Match when={view()}>
        {(v) => (
          <PlanReview mode={props.mode} userId={params.userId} name={founderName() ?? ''} view={v()} onView={(x) => mutate(x)} onReload={refetch}
            back={props.mode === 'advisor' ? `/advisor/founders/${params.userId}` : `/staff/${params.tenantId}/founders/${params.userId}`} />
        )}
      </Match>
    </Switch>
  );
}

/** View: the plan read-only with its checks, files and threads; the advisor comments per section and reviews. */
export function PlanReview(props: { mode: 'advisor' | 'staff'; userId: string; name: string; view: View; onView: (v: View) => void; onReload: () => void; back: string }) {
  // The threads: as loaded, plus what this page sent (kept in a signal of its own, read by every section's aside).
  const [loaded] = createResource(() => props.userId, async (id) => (await getComments(id)).comments);
  const [sent, setSent] = createSignal<CommentView[]>([]);
  const all = () => [...((loaded.error ? undefined : loaded.latest) ?? []), ...sent()];
  const [files] = createResource(() => props.userId, async (id) => (await getAttachments(id)).attachments);
  const [versions] = createResource(() => `${props.userId}:${props.view.version}`, () => getVersions(props.userId));
  const [note, setNote] = createSignal('');
  const [message, setMessage] = createSignal<string>();
  const [stale, setStale] = createSignal(false);
  const advisor = () => props.mode === 'advisor';
  const send = (section: PlanSectionKey) => async (text: string, replyTo?: string) => {
    const c = await addComment(props.userId, { section, version: props.view.version, text, ...(replyTo ? { replyTo } : {}) });
    setSent((x) => [...x, c]);
    setMessage(pt('comments.sent'));
  };
  const review = async (status: 'reviewed' | 'needs_work') => {
    setMessage(undefined);
    try {
      const v = await reviewPlan(props.userId, { status, version: props.view.version, ...(note().trim() ? { note: note().trim() } : {}) });
      props.onView(v);
      setNote('');
      setMessage(pt('review.done', { version: v.version, status: statusLabel(status) }));
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'stale_version') setStale(true);
      else setMessage(messageOf(e));
    }
  };
  const download = async (a: AttachmentView) => {
    try { window.location.assign((await downloadAttachment(props.userId, a.id)).url); } catch (e) { setMessage(messageOf(e)); }
  };
  return (
    <article class="plan" aria-labelledby="plan-review-title">
      <p><A href={props.back}>← {props.name}</A></p>
      <h1 id="plan-review-title">{props.name ? pt('review.of', { name: props.name }) : pt('review.title')}</h1>
      <Show when={props.view.version > 0} fallback={<p>{pt('review.none')}</p>}>
        <div class="plan-bar">
          <p class="plan-status"><span class={`badge ${props.view.status}`}>{pt('status.label', { status: statusLabel(props.view.status) })}</span> {pt('version', { version: props.view.version })}
            <Show when={props.view.updatedAt}>{(u) => <>・{formatDate(u())}</>}</Show></p>
          <Show when={props.view.review}>
            {(r) => <p>{pt('review.last', { version: r().version, date: formatDate(r().at), status: statusLabel(r().status) })}<Show when={r().note}>{(n) => <>「{n()}」</>}</Show></p>}
          </Show>
          <Show when={advisor()}>
            <div class="field">
              <label for="plan-review-note">{pt('review.note')}</label>
              <textarea id="plan-review-note" rows={2} maxLength={2000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
            </div>
            <div class="plan-actions">
              <button type="button" onClick={() => review('reviewed')}>{pt('review.reviewed')}</button>
              <button type="button" class="secondary" onClick={() => review('needs_work')}>{pt('review.needsWork')}</button>
            </div>
          </Show>
          <Show when={stale()}><p role="alert">{pt('review.stale')} <button type="button" class="link" onClick={() => { setStale(false); props.onReload(); }}>{pt('review.reload')}</button></p></Show>
          <Show when={message()}><p role="status">{message()}</p></Show>
        </div>
        <PlanView plan={props.view.plan} figures={props.view.figures} checks={props.view.checks}
          aside={(s) => (
            <Threads section={s} comments={all()} version={props.view.version} changedSince={changedSinceOf((versions.error ? undefined : versions.latest)?.versions ?? [])(s)}
              myName={account.me()?.user.name ?? ''} {...(advisor() ? { onSend: send(s) } : {})} />
          )} />
        <section class="plan-section" aria-labelledby="plan-review-files">
          <h2 id="plan-review-files">{pt('files.title')}</h2>
          <AttachmentList attachments={(files.error ? undefined : files.latest) ?? []} onDownload={download} />
        </section>
      </Show>
    </article>
  );
}
