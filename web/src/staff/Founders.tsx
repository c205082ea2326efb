import { A, useLocation, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { AREAS } from '../../../functions/contract/constants.ts';
import type { Area } from '../../../functions/contract/catalog.ts';
import type { Cohort, FounderRow, FoundersPage, FoundersQuery, MoveResult } from '../../../functions/contract/staff.ts';
import { createCohorts, moveToCohort } from '../api/cohorts.ts';
import { getFoundersPage } from '../api/founders.ts';
import { foundersCsvUrl } from '../api/tenants.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { formatDate, t } from '../i18n/index.ts';
import { formatNumber } from '../roles/i18n/index.ts';
import { SelectField } from './controls.tsx';
import { Pager } from './Pager.tsx';
import { st } from './i18n/index.ts';
import type { StaffKey } from './i18n/ja.ts';

export type FounderFilters = Pick<FoundersQuery, 'sort' | 'cohort' | 'code' | 'missingArea' | 'status' | 'q'>;
const STATUSES = ['inactive', 'eligible', 'one_area_short'] as const;

/** The filters as the URL carries them (so the dashboard can link to "inactive"); unknown values are dropped. */
export function filtersOf(params: Record<string, string | string[] | undefined>): FounderFilters {
  const one = (k: string) => { const v = params[k]; return (Array.isArray(v) ? v[0] : v)?.trim() || undefined; };
  const status = one('status');
  const area = one('missingArea');
  const cohort = one('cohort');
  const code = one('code')?.toUpperCase();
  return {
    sort: one('sort') === 'activity' ? 'activity' : 'name',
    cohort: cohort && /^[a-z0-9][a-z0-9-]{0,63}$/.test(cohort) ? cohort : undefined,
    missingArea: AREAS.includes(area as Area) ? (area as Area) : undefined,
    status: STATUSES.includes(status as (typeof STATUSES)[number]) ? (status as (typeof STATUSES)[number]) : undefined,
    q: one('q')?.slice(0, 80),
    ...(code && /^[A-Z0-9-]{4,32}$/.test(code) ? { code } : {}),
  };
}

export const cohortName = (cohorts: Cohort[], id: string | null) => (id ? cohorts.find((c) => c.id === id)?.name ?? id : st('founders.noCohort'));
export const standing = (s: FounderRow['eligibility']) => st(`standing.${s}` as StaffKey);
const areasText = (areas: Area[]) => (areas.length > 0 ? AREAS.filter((a) => areas.includes(a)).map((a) => t(`area.${a}`)).join('・') : st('founders.noAreas'));

/** Container: the founders table of a municipality; filters live in the URL, pages in a stack of cursors. */
export function FoundersPageContainer(props: { tenantId: string; tenantName: string }) {
  const [params, setParams] = useSearchParams();
  const filters = createMemo(() => filtersOf(params), undefined, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  // cursors[i] is the cursor of page i + 1 (page 1 has none); a new set of filters starts again from page 1.
  const [cursors, setCursors] = createSignal<{ key: string; list: (string | undefined)[] }>({ key: '', list: [undefined] });
  const stack = () => (cursors().key === JSON.stringify(filters()) ? cursors().list : [undefined]);
  const source = () => ({ tenantId: props.tenantId, filters: filters(), cursor: stack()[stack().length - 1] });
  const [page, { refetch }] = createResource(source, (s) => getFoundersPage(s.tenantId, { ...s.filters, ...(s.cursor ? { cursor: s.cursor } : {}) }));
  const { cohorts } = createCohorts(() => props.tenantId);
  const onQuery = (f: FounderFilters) => setParams({ sort: f.sort === 'name' ? undefined : f.sort, cohort: f.cohort, code: f.code, missingArea: f.missingArea, status: f.status, q: f.q || undefined }, { replace: false });
  const onNext = () => { const next = page()?.next; if (next) setCursors({ key: JSON.stringify(filters()), list: [...stack(), next] }); };
  const onMove = async (cohortId: string, userIds: string[]) => { const r = await moveToCohort(props.tenantId, cohortId, userIds); await refetch(); return r; };
  const onPrev = () => setCursors({ key: JSON.stringify(filters()), list: stack().slice(0, -1) });
  // A founder's record sends people back here after deleting the account, naming whom.
  const location = useLocation<{ erased?: string }>();
  const erased = () => { const n = location.state?.erased; return typeof n === 'string' ? n : undefined; };
  return (
    <Switch fallback={<Loading />}>
      <Match when={page.error}><h1>{st('founders.title', { tenant: props.tenantName })}</h1><ErrorNotice error={page.error} onRetry={refetch} /></Match>
      <Match when={page.latest}>
        {(p) => (
          <FoundersView tenantId={props.tenantId} tenantName={props.tenantName} filters={filters()} page={p()} pageNumber={stack().length}
            cohorts={cohorts.latest ?? []} loading={page.loading} erased={erased()} onQuery={onQuery} onNext={onNext} onMove={onMove} onPrev={stack().length > 1 ? onPrev : undefined} />
        )}
      </Match>
    </Switch>
  );
}

/** View: filters, one page of founders (a table that scrolls inside its own region at 360 px), paging and the CSV link. */
export function FoundersView(props: {
  tenantId: string; tenantName: string; filters: FounderFilters; page: FoundersPage; pageNumber: number; cohorts: Cohort[]; loading?: boolean;
  /** The name of a founder whose account was just deleted from their record. */
  erased?: string | undefined;
  onQuery: (f: FounderFilters) => void; onNext: () => void; onPrev?: () => void;
  onMove?: (cohortId: string, userIds: string[]) => Promise<MoveResult>;
}) {
  const [selected, setSelected] = createSignal<string[]>([]);
  const toggle = (id: string, on: boolean) => setSelected(on ? [...selected(), id] : selected().filter((x) => x !== id));
  const [draft, setDraft] = createSignal<FounderFilters>({ ...props.filters });
  const set = <K extends keyof FounderFilters>(k: K, v: FounderFilters[K]) => setDraft({ ...draft(), [k]: v });
  const any = { value: '', label: st('founders.any') };
  const submit = (e: SubmitEvent) => { e.preventDefault(); props.onQuery({ ...draft(), q: draft().q?.trim() || undefined }); };
  const reset = () => { const f: FounderFilters = { sort: 'name' }; setDraft(f); props.onQuery(f); };
  return (
    <article aria-labelledby="founders-title">
      <h1 id="founders-title">{st('founders.title', { tenant: props.tenantName })}</h1>
      <Show when={props.erased !== undefined}><p class="notice ok" role="status">{st('founder.erased', { name: props.erased! })}</p></Show>
      <Show when={props.filters.code}>
        {(code) => (
          <div class="notice">
            <p>{st('founders.byCode', { code: code() })}</p>
            <p><button type="button" class="link" onClick={() => { const f = { ...draft(), code: undefined }; setDraft(f); props.onQuery(f); }}>{st('founders.byCodeClear')}</button></p>
          </div>
        )}
      </Show>
      <form class="filters" onSubmit={submit} role="search" aria-labelledby="filters-title">
        <h2 id="filters-title" class="sr-only">{st('founders.filters')}</h2>
        <Field id="q" label={st('founders.q')} hint={st('founders.qHint')} type="search" maxlength={80} value={draft().q ?? ''} onInput={(e) => set('q', e.currentTarget.value)} />
        <div class="row">
          <SelectField id="sort" label={st('founders.sort')} value={draft().sort ?? 'name'} onChange={(e) => set('sort', e.currentTarget.value as 'name' | 'activity')}
            options={[{ value: 'name', label: st('founders.sort.name') }, { value: 'activity', label: st('founders.sort.activity') }]} />
          <SelectField id="cohort" label={st('founders.cohort')} value={draft().cohort ?? ''} onChange={(e) => set('cohort', e.currentTarget.value || undefined)}
            options={[any, ...props.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
          <SelectField id="missingArea" label={st('founders.missingArea')} value={draft().missingArea ?? ''}
            onChange={(e) => set('missingArea', (e.currentTarget.value || undefined) as Area | undefined)}
            options={[any, ...AREAS.map((a) => ({ value: a, label: t(`area.${a}`) }))]} />
          <SelectField id="status" label={st('founders.status')} value={draft().status ?? ''}
            onChange={(e) => set('status', (e.currentTarget.value || undefined) as FounderFilters['status'])}
            options={[any, ...STATUSES.map((s) => ({ value: s, label: st(`founders.status.${s}`) }))]} />
        </div>
        <div class="actions">
          <button type="submit" class="primary">{st('founders.apply')}</button>
          <button type="button" onClick={reset}>{st('founders.reset')}</button>
        </div>
      </form>

      <p class="download">
        <a class="button" href={foundersCsvUrl(props.tenantId)} download="" aria-describedby="export-hint">{st('founders.export')}</a>
      </p>
      <p class="hint" id="export-hint">{st('founders.exportHint')}</p>

      <div aria-busy={props.loading ? 'true' : 'false'}>
        {/* Says what a new search or page shows, for those who cannot see the table change. */}
        <p class="sr-only" role="status">
          {props.page.founders.length > 0 ? st('founders.caption', { page: props.pageNumber, count: formatNumber(props.page.founders.length) }) : ''}
        </p>
        <Show when={props.page.founders.length > 0} fallback={<p class="notice" role="status">{st('founders.empty')}</p>}>
          <div class="table-scroll" role="region" tabindex="0" aria-labelledby="founders-caption">
            <table class="data founders">
              <caption id="founders-caption">{st('founders.caption', { page: props.pageNumber, count: formatNumber(props.page.founders.length) })}</caption>
              <thead>
                <tr>
                  <Show when={props.onMove}><th scope="col"><span class="sr-only">{st('founders.col.select')}</span></th></Show>
                  <th scope="col">{st('founders.col.name')}</th>
                  <th scope="col">{st('founders.col.cohort')}</th>
                  <th scope="col">{st('founders.col.lastActive')}</th>
                  <th scope="col" class="num">{st('founders.col.modules')}</th>
                  <th scope="col">{st('founders.col.areas')}</th>
                  <th scope="col">{st('founders.col.standing')}</th>
                  <th scope="col" class="num">{st('founders.col.sessions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.page.founders}>
                  {(f) => (
                    <tr data-user={f.userId}>
                      <Show when={props.onMove}>
                        <td class="pick">
                          <input type="checkbox" aria-label={st('founders.select', { name: f.name })} checked={selected().includes(f.userId)}
                            onChange={(e) => toggle(f.userId, e.currentTarget.checked)} />
                        </td>
                      </Show>
                      <th scope="row">
                        <A href={`/staff/${props.tenantId}/founders/${f.userId}`} state={{ founders: location.search }}>{f.name}</A>
                        <Show when={f.deactivated}> <span class="tag off">{st('founders.deactivated')}</span></Show>
                        <br /><span class="small">{f.email}</span>
                        <Show when={!f.emailVerified}> <span class="tag off">{st('founders.unverified')}</span></Show>
                      </th>
                      <td>{cohortName(props.cohorts, f.cohortId)}</td>
                      <td>{f.lastActiveAt ? formatDate(f.lastActiveAt) : st('founders.never')}</td>
                      <td class="num">{formatNumber(f.completedModules)}</td>
                      <td>{areasText(f.coveredAreas)}</td>
                      <td data-eligibility={f.eligibility}>{standing(f.eligibility)}</td>
                      <td class="num" data-sessions>{st('founders.sessions', { attended: formatNumber(f.sessions.attended), madeUp: formatNumber(f.sessions.madeUp) })}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        <Show when={props.onMove && props.page.founders.length > 0 && props.cohorts.length > 0}>
          <MoveForm cohorts={props.cohorts} selected={selected()} onMove={props.onMove!} onMoved={() => setSelected([])} />
        </Show>
        <Pager hasNext={Boolean(props.page.next)} onNext={() => props.onNext()} onPrev={props.onPrev} />
      </div>
    </article>
  );
}

/** Moves the founders ticked in the table into one cohort, in one request. */
function MoveForm(props: { cohorts: Cohort[]; selected: string[]; onMove: (cohortId: string, userIds: string[]) => Promise<MoveResult>; onMoved: () => void }) {
  const [cohortId, setCohortId] = createSignal('');
  const [problem, setProblem] = createSignal<StaffKey>();
  const [failure, setFailure] = createSignal<unknown>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setProblem(undefined); setFailure(undefined); setDone(undefined);
    if (props.selected.length === 0) { setProblem('founders.moveNone'); return; }
    if (!cohortId()) { setProblem('founders.moveNoCohort'); return; }
    setBusy(true);
    try {
      const r = await props.onMove(cohortId(), props.selected);
      setDone(st('founders.moved', { count: formatNumber(r.moved), cohort: cohortName(props.cohorts, cohortId()) }));
      props.onMoved();
    } catch (x) { setFailure(x); } finally { setBusy(false); }
  };
  return (
    <form class="filters move" onSubmit={submit} novalidate aria-labelledby="move-title">
      <h2 id="move-title">{st('founders.move')}</h2>
      <ErrorNotice error={failure()} />
      <Show when={done()}><p class="notice ok" role="status">{done()}</p></Show>
      <SelectField id="move-cohort" label={st('founders.moveCohort')} value={cohortId()} onChange={(e) => setCohortId(e.currentTarget.value)}
        error={problem() === 'founders.moveNoCohort' ? st('founders.moveNoCohort') : undefined}
        options={[{ value: '', label: st('codes.chooseCohort') }, ...props.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
      <Show when={problem() === 'founders.moveNone'}><p class="field-error" role="alert">{st('founders.moveNone')}</p></Show>
      <button type="submit" class="primary" disabled={busy()}>{st('founders.moveButton', { count: formatNumber(props.selected.length) })}</button>
    </form>
  );
}
