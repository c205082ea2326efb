import { createResource, createSignal, For, Show } from 'solid-js';
import type { AdvisorSlot, AdvisorSlots } from '../../../functions/contract/consultations.ts';
import { account } from '../api/account.ts';
import { request } from '../api/client.ts';
import { ErrorNotice, Loading, messageOf } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { pick } from '../i18n/index.ts';
import { ct, whenOf } from './i18n.ts';
import './consult.css';

const jstDay = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Container and view: the advisor publishes consultation slots per municipality and sees who booked them. */
export default function SlotsPage() {
  usePageTitle(() => ct('advisor.title'));
  const tenants = () => (account.me()?.memberships ?? []).filter((m) => m.role === 'advisor');
  const [slots, { refetch }] = createResource(async () => (await request<AdvisorSlots>('GET', '/api/consultations/slots/mine')).slots);
  const [tenantId, setTenantId] = createSignal(tenants()[0]?.tenantId ?? '');
  const [day, setDay] = createSignal(jstDay(7));
  const [start, setStart] = createSignal('10:00');
  const [end, setEnd] = createSignal('11:00');
  const [mode, setMode] = createSignal<'in_person' | 'online'>('in_person');
  const [place, setPlace] = createSignal('');
  const [url, setUrl] = createSignal('');
  const [note, setNote] = createSignal('');
  const [message, setMessage] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const add = async (e: SubmitEvent) => {
    e.preventDefault();
    setMessage(undefined); setProblem(undefined);
    try {
      const s = await request<AdvisorSlot>('POST', '/api/consultations/slots', {
        tenantId: tenantId(), startsAt: `${day()}T${start()}:00+09:00`, endsAt: `${day()}T${end()}:00+09:00`, mode: mode(),
        place: mode() === 'in_person' ? place().trim() || null : null, meetingUrl: mode() === 'online' ? url().trim() || null : null,
        ...(note().trim() ? { note: note().trim() } : {}),
      });
      setMessage(ct('advisor.added', { when: whenOf(s) }));
      refetch();
    } catch (err) { setProblem(messageOf(err)); }
  };
  const remove = async (s: AdvisorSlot) => {
    setMessage(undefined); setProblem(undefined);
    try { await request<void>('DELETE', `/api/consultations/slots/${s.id}`); setMessage(ct('advisor.deleted')); refetch(); } catch (err) { setProblem(messageOf(err)); }
  };
  return (
    <article class="consult" aria-labelledby="slots-title">
      <h1 id="slots-title">{ct('advisor.title')}</h1>
      <p>{ct('advisor.intro')}</p>
      <form class="card" onSubmit={add} aria-labelledby="slots-new">
        <h2 id="slots-new">{ct('advisor.new')}</h2>
        <div class="field">
          <label for="slot-tenant">{ct('advisor.tenant')}</label>
          <select id="slot-tenant" value={tenantId()} onChange={(e) => setTenantId(e.currentTarget.value)}>
            <For each={tenants()}>{(m) => <option value={m.tenantId}>{pick(m.tenantName)}</option>}</For>
          </select>
        </div>
        <div class="field"><label for="slot-day">{ct('advisor.day')}</label><input id="slot-day" type="date" value={day()} onInput={(e) => setDay(e.currentTarget.value)} /></div>
        <div class="field"><label for="slot-start">{ct('advisor.start')}</label><input id="slot-start" type="time" value={start()} onInput={(e) => setStart(e.currentTarget.value)} /></div>
        <div class="field"><label for="slot-end">{ct('advisor.end')}</label><input id="slot-end" type="time" value={end()} onInput={(e) => setEnd(e.currentTarget.value)} /></div>
        <fieldset>
          <legend>{ct('advisor.mode')}</legend>
          <label><input type="radio" name="slot-mode" value="in_person" checked={mode() === 'in_person'} onChange={() => setMode('in_person')} /> {ct('advisor.inPerson')}</label>
          <label><input type="radio" name="slot-mode" value="online" checked={mode() === 'online'} onChange={() => setMode('online')} /> {ct('advisor.online')}</label>
        </fieldset>
        <Show when={mode() === 'in_person'} fallback={<div class="field"><label for="slot-url">{ct('advisor.url')}</label><input id="slot-url" type="url" value={url()} onInput={(e) => setUrl(e.currentTarget.value)} /></div>}>
          <div class="field"><label for="slot-place">{ct('advisor.place')}</label><input id="slot-place" type="text" maxLength={200} value={place()} onInput={(e) => setPlace(e.currentTarget.value)} /></div>
        </Show>
        <div class="field"><label for="slot-note">{ct('advisor.note')}</label><textarea id="slot-note" rows={2} maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} /></div>
        <button type="submit">{ct('advisor.add')}</button>
      </form>
      <p role="status">{message()}</p>
      <Show when={problem()}><p class="error" role="alert">{problem()}</p></Show>
      <section aria-labelledby="slots-list">
        <h2 id="slots-list">{ct('advisor.list')}</h2>
        <Show when={slots.error}><ErrorNotice error={slots.error} onRetry={refetch} /></Show>
        <Show when={!slots.error && slots.latest} fallback={<Show when={!slots.error}><Loading /></Show>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{ct('advisor.none')}</p>}>
              <ul class="slots">
                <For each={list()}>
                  {(s) => (
                    <li class="card slot" data-booked={s.booking ? 'yes' : 'no'}>
                      <h3>{whenOf(s)}</h3>
                      <p>{pick(s.tenantName)}・{s.mode === 'in_person' ? ct('mode.in_person', { place: s.place ?? '' }) : ct('mode.online')}</p>
                      <p><strong>{s.booking ? ct('advisor.bookedBy', { name: s.booking.name }) : ct('advisor.free')}</strong></p>
                      <Show when={s.booking?.note}>{(n) => <p>{ct('mine.note', { note: n() })}</p>}</Show>
                      <button type="button" class="secondary" onClick={() => remove(s)}>{ct('advisor.delete', { when: whenOf(s) })}</button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </section>
    </article>
  );
}
