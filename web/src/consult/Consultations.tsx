import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { MyBooking, MyBookings, OpenSlot, OpenSlots } from '../../../functions/contract/consultations.ts';
import { request } from '../api/client.ts';
import { ErrorNotice, Loading, messageOf } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { pick } from '../i18n/index.ts';
import { ct, whenOf } from './i18n.ts';
import './consult.css';

/** Container and view: the founder's consultations — free slots of their municipality to book, and their bookings. */
export default function ConsultationsPage() {
  usePageTitle(() => ct('title'));
  const [params] = useSearchParams<{ from?: string }>();
  const from = () => (params.from === 'plan' || params.from === 'assignment' ? params.from : undefined);
  const [open, { refetch: refetchOpen }] = createResource(async () => (await request<OpenSlots>('GET', '/api/consultations/open')).slots);
  const [mine, { refetch: refetchMine }] = createResource(async () => (await request<MyBookings>('GET', '/api/consultations/mine')).bookings);
  const [message, setMessage] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const act = async (f: () => Promise<string>) => {
    setMessage(undefined); setProblem(undefined);
    try { setMessage(await f()); } catch (e) { setProblem(messageOf(e)); }
    refetchOpen(); refetchMine();
  };
  const book = (s: OpenSlot, note: string) => act(async () => {
    await request<MyBooking>('POST', `/api/consultations/slots/${s.id}/booking`, { ...(note.trim() ? { note: note.trim() } : {}), ...(from() ? { from: from() } : {}) });
    return ct('booked', { when: whenOf(s) });
  });
  const cancel = (b: MyBooking) => act(async () => {
    await request<void>('DELETE', `/api/consultations/slots/${b.id}/booking`);
    return ct('cancelled');
  });
  return (
    <article class="consult" aria-labelledby="consult-title">
      <h1 id="consult-title">{ct('title')}</h1>
      <p>{ct('intro')}</p>
      <Show when={from() === 'plan'}><p class="notice">{ct('fromPlan')}</p></Show>
      <Show when={from() === 'assignment'}><p class="notice">{ct('fromAssignment')}</p></Show>
      <p role="status">{message()}</p>
      <Show when={problem()}><p class="error" role="alert">{problem()}</p></Show>
      <section aria-labelledby="consult-mine">
        <h2 id="consult-mine">{ct('mine.title')}</h2>
        <Show when={mine.error}><ErrorNotice error={mine.error} onRetry={refetchMine} /></Show>
        <Show when={!mine.error && mine.latest} fallback={<Show when={!mine.error}><Loading /></Show>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{ct('mine.none')}</p>}>
              <ul class="slots">
                <For each={list()}>
                  {(b) => (
                    <li class="card slot">
                      <h3>{whenOf(b)}</h3>
                      <Where s={b} />
                      <p>{ct('with', { name: b.advisorName })}</p>
                      <Show when={b.myNote}>{(n) => <p>{ct('mine.note', { note: n() })}</p>}</Show>
                      <p><a href={`/api/consultations/slots/${b.id}/calendar.ics`} download="">{ct('calendar')}</a></p>
                      <button type="button" class="secondary" onClick={() => cancel(b)}>{ct('cancel', { when: whenOf(b) })}</button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </section>
      <section aria-labelledby="consult-open">
        <h2 id="consult-open">{ct('open.title')}</h2>
        <Show when={open.error}><ErrorNotice error={open.error} onRetry={refetchOpen} /></Show>
        <Show when={!open.error && open.latest} fallback={<Show when={!open.error}><Loading /></Show>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{ct('open.none')}</p>}>
              <ul class="slots"><For each={list()}>{(s) => <OpenSlotCard s={s} onBook={(note) => book(s, note)} />}</For></ul>
            </Show>
          )}
        </Show>
      </section>
    </article>
  );
}

function Where(props: { s: { mode: 'in_person' | 'online'; place: string | null; meetingUrl: string | null; tenantName: { ja: string; en: string } } }) {
  return (
    <p>
      {pick(props.s.tenantName)}・{props.s.mode === 'in_person' ? ct('mode.in_person', { place: props.s.place ?? '' }) : ct('mode.online')}
      <Show when={props.s.meetingUrl}>{(u) => <> <a href={u()} rel="noopener noreferrer" target="_blank">{ct('join')}</a></>}</Show>
    </p>
  );
}

function OpenSlotCard(props: { s: OpenSlot; onBook: (note: string) => Promise<void> }) {
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const id = `consult-note-${props.s.id}`;
  return (
    <li class="card slot">
      <h3>{whenOf(props.s)}</h3>
      <Where s={props.s} />
      <p>{ct('with', { name: props.s.advisorName })}</p>
      <Show when={props.s.note}>{(n) => <p class="small">{n()}</p>}</Show>
      <div class="field">
        <label for={id}>{ct('note.label', { when: whenOf(props.s) })}</label>
        <textarea id={id} rows={2} maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <button type="button" disabled={busy()} onClick={async () => { setBusy(true); await props.onBook(note()); setBusy(false); }}>{ct('book', { when: whenOf(props.s) })}</button>
    </li>
  );
}
