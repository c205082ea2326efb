import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { AuditPage } from '../../../functions/contract/staff.ts';
import { getAuditPage } from '../api/tenants.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { formatDateTime } from '../roles/i18n/index.ts';
import { ja, type StaffKey } from './i18n/ja.ts';
import { st } from './i18n/index.ts';
import { Pager } from './Pager.tsx';

/** The action in words; an action this page does not know yet is shown as the API names it. */
export const actionText = (action: string) => (`audit.action.${action}` in ja ? st(`audit.action.${action}` as StaffKey) : action);

/** Whom or what the action was about: a founder by name, else a cohort's name, a code or an invited email from the detail, else the id. */
export function subjectOf(e: AuditPage['entries'][number]): string {
  const d = e.detail ?? {};
  const fromDetail = typeof d.name === 'string' ? d.name : typeof d.code === 'string' ? d.code : typeof d.email === 'string' ? d.email : undefined;
  return e.subjectName ?? fromDetail ?? e.subjectId ?? st('audit.noSubject');
}

/** Container: the municipality's audit log, newest first, page by page (a stack of cursors for going back). */
export function AuditPageContainer(props: { tenantId: string; tenantName: string }) {
  const [stack, setStack] = createSignal<(string | undefined)[]>([undefined]);
  const [page, { refetch }] = createResource(() => ({ tenantId: props.tenantId, cursor: stack()[stack().length - 1] }), (s) => getAuditPage(s.tenantId, s.cursor));
  return (
    <Switch fallback={<Loading />}>
      <Match when={page.error}><h1>{st('audit.title', { tenant: props.tenantName })}</h1><ErrorNotice error={page.error} onRetry={refetch} /></Match>
      <Match when={page.latest}>
        {(p) => (
          <AuditView tenantName={props.tenantName} page={p()} pageNumber={stack().length} loading={page.loading}
            onNext={() => { const n = p().next; if (n) setStack([...stack(), n]); }}
            onPrev={stack().length > 1 ? () => setStack(stack().slice(0, -1)) : undefined} />
        )}
      </Match>
    </Switch>
  );
}

/** View: who did what to whom and when. */
export function AuditView(props: { tenantName: string; page: AuditPage; pageNumber: number; loading?: boolean; onNext: () => void; onPrev?: () => void }) {
  return (
    <article aria-labelledby="audit-title">
      <h1 id="audit-title">{st('audit.title', { tenant: props.tenantName })}</h1>
      <p>{st('audit.intro')}</p>
      <div aria-busy={props.loading ? 'true' : 'false'}>
        <Show when={props.page.entries.length > 0} fallback={<p class="notice">{st('audit.none')}</p>}>
          <div class="table-scroll" role="region" tabindex="0" aria-labelledby="audit-caption">
            <table class="data audit">
              <caption id="audit-caption">{st('audit.caption', { page: props.pageNumber })}</caption>
              <thead><tr><th scope="col">{st('audit.col.at')}</th><th scope="col">{st('audit.col.actor')}</th><th scope="col">{st('audit.col.action')}</th><th scope="col">{st('audit.col.subject')}</th></tr></thead>
              <tbody>
                <For each={props.page.entries}>
                  {(e) => (
                    <tr data-action={e.action}>
                      <th scope="row"><time datetime={e.at}>{formatDateTime(e.at)}</time></th>
                      <td>{e.actorName ?? e.actorId}</td>
                      <td>{actionText(e.action)}</td>
                      <td>{subjectOf(e)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        <Pager hasNext={Boolean(props.page.next)} onNext={() => props.onNext()} onPrev={props.onPrev} />
      </div>
    </article>
  );
}
