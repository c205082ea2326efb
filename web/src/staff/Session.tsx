import { A } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import type { AttendanceBody, AttendanceResult, AttendanceStatus, CheckinDisplay, FollowUp, FollowUpRow } from '../../../functions/contract/seminars.ts';
import { followUpCsvUrl, getCheckinCode, getFollowUp, markAll } from '../api/sessions.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading, messageOf } from '../components/Notice.tsx';
import { formatDay } from '../i18n/index.ts';
import { formatDateTime, formatNumber } from '../roles/i18n/index.ts';
import { st } from './i18n/index.ts';
import { sessionWhen } from './time.ts';
import './sessions.css';

type Part = 'door' | 'checkin' | 'followUp';
const PARTS: Part[] = ['door', 'checkin', 'followUp'];

/** Container: one session's door list, check-in screen and follow-up, all from one read of its follow-up list. */
export function SessionPageContainer(props: { tenantId: string; sessionId: string }) {
  const [data, { refetch }] = createResource(() => ({ t: props.tenantId, s: props.sessionId }), (k) => getFollowUp(k.t, k.s));
  return (
    <Switch fallback={<Loading />}>
      <Match when={data.error}>
        <h1>{st('nav.sessions')}</h1>
        <ErrorNotice error={data.error} onRetry={refetch} />
        <p><A href={`/staff/${props.tenantId}/sessions`}>{st('session.back')}</A></p>
      </Match>
      <Match when={data.latest}>
        {(d) => <SessionView tenantId={props.tenantId} data={d()} reload={refetch} send={(marks) => markAll(props.tenantId, props.sessionId, marks)} />}
      </Match>
    </Switch>
  );
}

/** View: the session's heading and its three parts, one shown at a time (phone first). */
export function SessionView(props: {
  tenantId: string; data: FollowUp; reload: () => unknown; send: (marks: AttendanceBody['marks']) => Promise<AttendanceResult>;
  loadCheckin?: () => Promise<CheckinDisplay>; now?: () => Date;
}) {
  const s = () => props.data.session;
  const ended = () => s().state === 'ended' || s().state === 'followed_up';
  const [part, setPart] = createSignal<Part>(ended() ? 'followUp' : 'door');
  const show = (p: Part) => {
    // The follow-up states (made up, overdue) change after marks and over time: read them afresh.
    if (p === 'followUp' && part() !== 'followUp') void props.reload();
    setPart(p);
  };
  return (
    <article class="session-page" aria-labelledby="session-title">
      <p class="small"><A href={`/staff/${props.tenantId}/sessions`}>{st('session.back')}</A></p>
      <h1 id="session-title">{s().title}</h1>
      <p class="meta">
        <span>{sessionWhen(s())}</span>
        <span>{s().place ?? st('sessions.onlineOnly')}</span>
        <span>{st(`sessions.state.${s().state}`)}</span>
      </p>
      <nav class="parts" aria-label={st('session.parts')}>
        <For each={PARTS}>
          {(p) => <button type="button" aria-pressed={part() === p ? 'true' : 'false'} onClick={() => show(p)}>{st(`session.part.${p}`)}</button>}
        </For>
      </nav>
      <Switch>
        <Match when={part() === 'door'}>
          {/* Keyed on the read: a reload starts the list afresh from the server's marks. */}
          <Show when={props.data} keyed>{(d) => <DoorList rows={d.rows} send={props.send} onReload={() => void props.reload()} />}</Show>
        </Match>
        <Match when={part() === 'checkin'}>
          <CheckinScreen title={s().title} load={props.loadCheckin ?? (() => getCheckinCode(props.tenantId, s().id))} now={props.now} />
          <WalkIn code={props.data.walkInCode} origin={location.origin} />
        </Match>
        <Match when={part() === 'followUp'}>
          <FollowUpView data={props.data} csvUrl={followUpCsvUrl(props.tenantId, s().id)} />
        </Match>
      </Switch>
    </article>
  );
}

type Mark = AttendanceStatus | null;
const MARKS: AttendanceStatus[] = ['present', 'absent', 'excused'];
/** Names and emails compared without spaces and case: 「田中美咲」 finds 「田中 美咲」. */
const norm = (v: string) => v.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * The door list: every founder of the cohort with one big button per mark, a name filter, and "select all shown" +
 * "mark selected present" as ONE request (the API takes 100 marks at a time; longer lists go in batches). Every change
 * shows at once and is put back if the server refuses it. Rows are made once; a mark changes only its own buttons.
 */
export function DoorList(props: { rows: FollowUpRow[]; send: (marks: AttendanceBody['marks']) => Promise<AttendanceResult>; onReload?: () => void }) {
  const [marks, setMarks] = createStore<Record<string, Mark>>(Object.fromEntries(props.rows.map((r) => [r.userId, r.status])));
  const [selected, setSelected] = createStore<Record<string, boolean>>({});
  const [query, setQuery] = createSignal('');
  const [said, setSaid] = createSignal<string>();
  const [failure, setFailure] = createSignal<unknown>();
  const [pending, setPending] = createSignal(0);
  const search = props.rows.map((r) => ({ row: r, text: norm(`${r.name} ${r.email}`) }));
  const shown = createMemo(() => { const q = norm(query()); return q ? search.filter((x) => x.text.includes(q)).map((x) => x.row) : props.rows; });
  const chosen = createMemo(() => props.rows.filter((r) => selected[r.userId]).map((r) => r.userId));
  const counts = createMemo(() => {
    const c = { present: 0, absent: 0, excused: 0, unmarked: 0 };
    for (const r of props.rows) { const m = marks[r.userId]; c[m ?? 'unmarked'] += 1; }
    return c;
  });

  /** Shows the marks at once, sends them, and on a refusal puts back each one this change still owns. */
  async function apply(changes: AttendanceBody['marks']) {
    const todo = changes.filter((c) => marks[c.userId] !== c.status);
    if (todo.length === 0) return true;
    const before = new Map(todo.map((c) => [c.userId, marks[c.userId] ?? null]));
    setMarks(produce((m) => { for (const c of todo) m[c.userId] = c.status; }));
    setSaid(undefined); setFailure(undefined); setPending((n) => n + 1);
    try {
      await props.send(todo);
      setSaid(st('door.saved', { count: formatNumber(todo.length) }));
      return true;
    } catch (e) {
      setMarks(produce((m) => { for (const c of todo) if (m[c.userId] === c.status) m[c.userId] = before.get(c.userId)!; }));
      setFailure(e);
      return false;
    } finally { setPending((n) => n - 1); }
  }
  const markSelected = async () => {
    const ids = chosen();
    if (ids.length === 0) return;
    if (await apply(ids.map((userId) => ({ userId, status: 'present' as const })))) setSelected(produce((s) => { for (const id of ids) delete s[id]; }));
  };
  const selectShown = () => setSelected(produce((s) => { for (const r of shown()) s[r.userId] = true; }));
  const figure = (k: 'present' | 'absent' | 'excused' | 'unmarked') => (
    <div class="figure" data-count={k}><dt>{st(`door.count.${k}`)}</dt><dd>{st('door.people', { count: formatNumber(counts()[k]) })}</dd></div>
  );

  return (
    <section class="door" aria-labelledby="door-title">
      <h2 id="door-title">{st('door.title')}</h2>
      <dl class="figures door-counts">
        {figure('present')}{figure('absent')}{figure('excused')}{figure('unmarked')}
      </dl>
      <div class="door-status">
        <Show when={failure()}>
          {(e) => <div class="notice error" role="alert"><p>{st('door.rolledBack')}</p><p>{messageOf(e())}</p></div>}
        </Show>
        <p class="saved" role="status">{said() ?? ''}</p>
      </div>
      <Show when={props.rows.length > 0} fallback={<p>{st('door.none')}</p>}>
        <div class="door-tools">
          <Field id="door-filter" label={st('door.filter')} hint={st('door.filterHint')} type="search" autocomplete="off" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
          <div class="actions">
            <button type="button" onClick={selectShown} disabled={shown().length === 0}>{st('door.selectShown', { count: formatNumber(shown().length) })}</button>
            <button type="button" class="primary" onClick={() => void markSelected()} disabled={chosen().length === 0}>
              {st('door.markSelected', { count: formatNumber(chosen().length) })}
            </button>
            <Show when={chosen().length > 0}><button type="button" class="link" onClick={() => setSelected(produce((s) => { for (const k of Object.keys(s)) delete s[k]; }))}>{st('door.clearSelection')}</button></Show>
            <Show when={props.onReload}><button type="button" class="link" disabled={pending() > 0} onClick={() => props.onReload?.()}>{st('door.refresh')}</button></Show>
          </div>
        </div>
        <Show when={shown().length > 0} fallback={<p>{st('door.noMatch', { q: query().trim() })}</p>}>
          <ul class="door-list" aria-label={st('door.listLabel', { count: formatNumber(props.rows.length), shown: formatNumber(shown().length) })}>
            <For each={shown()}>
              {(r) => (
                <li class="door-row" data-user={r.userId} data-mark={marks[r.userId] ?? 'none'}>
                  <div class="who">
                    <input type="checkbox" id={`pick-${r.userId}`} checked={Boolean(selected[r.userId])} onChange={(e) => setSelected(r.userId, e.currentTarget.checked)} />
                    <label for={`pick-${r.userId}`}>{r.name}<span class="small email">{r.email}</span></label>
                  </div>
                  <div class="marks" role="group" aria-label={r.name}>
                    <For each={MARKS}>
                      {(m) => (
                        <button type="button" class={`mark ${m}`} aria-pressed={marks[r.userId] === m ? 'true' : 'false'}
                          aria-label={st('door.markLabel', { status: st(`door.mark.${m}`), name: r.name })}
                          onClick={() => void apply([{ userId: r.userId, status: m }])}>
                          {st(`door.mark.${m}`)}
                        </button>
                      )}
                    </For>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}

/**
 * The venue's screen: a large QR code that changes every 30 seconds. It reads the next code at `refreshAt` (and, while
 * closed, at the opening time) by itself; a failed read is tried again shortly.
 */
export function CheckinScreen(props: { title: string; load: () => Promise<CheckinDisplay>; now?: () => Date }) {
  const now = () => (props.now ? props.now() : new Date());
  const [display, { refetch }] = createResource(props.load);
  let box: HTMLElement | undefined;
  createEffect(() => {
    let next: number | undefined;
    if (display.error) next = now().getTime() + 10_000;
    else if (display.state === 'ready') {
      const d = display();
      if (d.open && d.refreshAt) next = Date.parse(d.refreshAt);
      else if (!d.open && now().getTime() < Date.parse(d.opensAt)) next = Date.parse(d.opensAt);
    }
    if (next === undefined) return;
    const timer = setTimeout(() => void refetch(), Math.max(1000, next - now().getTime()));
    onCleanup(() => clearTimeout(timer));
  });
  const ended = (d: CheckinDisplay) => now().getTime() >= Date.parse(d.closesAt);
  return (
    <section class="card checkin-screen" aria-labelledby="qr-title" ref={box}>
      <h2 id="qr-title">{st('qr.title')}</h2>
      <Show when={display.error}><ErrorNotice error={display.error} onRetry={refetch} /></Show>
      <Show when={!display.error && display.latest}>
        {(d) => (
          <Show when={d().open && d().qr} fallback={
            <p class="notice" role="status">{ended(d()) ? st('qr.ended', { closes: formatDateTime(d().closesAt) }) : st('qr.closed', { opens: formatDateTime(d().opensAt), closes: formatDateTime(d().closesAt) })}</p>
          }>
            <p class="qr-session">{props.title}</p>
            <img class="qr" src={d().qr!} alt={st('qr.alt', { title: props.title })} width="320" height="320" />
            <p>{st('qr.help')}</p>
          </Show>
        )}
      </Show>
      <Show when={typeof document !== 'undefined' && document.fullscreenEnabled}>
        <button type="button" onClick={() => void box?.requestFullscreen?.()}>{st('qr.fullscreen')}</button>
      </Show>
    </section>
  );
}

/** The address a walk-in opens to register with the cohort's code. */
export const walkInUrl = (origin: string, code: string) => `${origin}/signup?code=${encodeURIComponent(code)}`;

/** Walk-ins register on the spot: the cohort's code, and a QR code of the sign-up page with it (made here, by `qrcode`, loaded on first use). */
export function WalkIn(props: { code: string | null; origin: string }) {
  const [qr] = createResource(() => props.code ?? undefined, async (code) => {
    const QRCode = (await import('qrcode')).default;
    const svg = await QRCode.toString(walkInUrl(props.origin, code), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
  return (
    <section class="card walk-in" aria-labelledby="walkin-title">
      <h2 id="walkin-title">{st('walkin.title')}</h2>
      <Show when={props.code} fallback={<p class="notice">{st('walkin.none')}</p>}>
        {(code) => (
          <>
            <p>{st('walkin.help')}</p>
            <dl class="facts"><div><dt>{st('walkin.code')}</dt><dd class="code-text walkin-code">{code()}</dd></div></dl>
            <Show when={!qr.error && qr.latest}>{(src) => <img class="qr small-qr" src={src()} alt={st('walkin.alt', { code: code() })} width="200" height="200" />}</Show>
            <p class="small"><a href={walkInUrl(props.origin, code())}>{walkInUrl(props.origin, code())}</a></p>
          </>
        )}
      </Show>
    </section>
  );
}

/** The follow-up list (once kept in Excel): who was absent, who made it up, who is overdue — in the API's order, overdue first. */
export function FollowUpView(props: { data: FollowUp; csvUrl: string }) {
  const status = (r: FollowUpRow) => st(r.status ? `follow.status.${r.status}` : 'follow.status.none');
  return (
    <section class="follow-up" aria-labelledby="follow-title">
      <h2 id="follow-title">{st('follow.title')}</h2>
      <p class="download"><a class="button" href={props.csvUrl} download="">{st('follow.csv')}</a></p>
      <Show when={props.data.rows.length > 0} fallback={<p>{st('follow.none')}</p>}>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="follow-caption">
          <table class="data follow">
            <caption id="follow-caption">{st('follow.caption', { title: props.data.session.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{st('follow.col.name')}</th><th scope="col">{st('follow.col.state')}</th><th scope="col">{st('follow.col.status')}</th>
                <th scope="col">{st('follow.col.via')}</th><th scope="col">{st('follow.col.due')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.data.rows}>
                {(r) => (
                  <tr data-user={r.userId} data-follow-up={r.followUp}>
                    <th scope="row">{r.name}<br /><span class="small">{r.email}</span></th>
                    <td><span class={`follow-state ${r.followUp}`}>{st(`follow.state.${r.followUp}`)}</span></td>
                    <td>{status(r)}</td>
                    <td>{r.via ? st(`follow.via.${r.via}`) : st('follow.noDue')}</td>
                    <td>{r.makeUp ? formatDay(r.makeUp.dueOn) : st('follow.noDue')}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
