import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { account } from '../../web/src/api/account.ts';
import ConsultationsPage from '../../web/src/consult/Consultations.tsx';
import SlotsPage from '../../web/src/consult/Slots.tsx';
import { setLocale } from '../../web/src/i18n/index.ts';
import { meOf } from '../fixtures/web.ts';
import { json, refusal, stubApi } from '../fixtures/web-account.ts';

// Issue 11, point 6: the founder's consultation page and the advisor's slots page.
const slot = { id: 'slot-00000001', tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, advisorId: 'u_adv', advisorName: '指導 一郎', startsAt: '2026-12-10T01:00:00.000Z', endsAt: '2026-12-10T02:00:00.000Z', mode: 'in_person', place: '大阪商工会議所', meetingUrl: null, note: null };
const at = (path: string, Page: () => ReturnType<typeof ConsultationsPage>) => {
  history.replaceState(null, '', path);
  return render(() => <Router><Route path="*" component={Page} /></Router>);
};

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); account.mutate(null); });

describe('the founder’s consultations', () => {
  it('books a free slot with a note, from the plan page; a slot taken just before says so in words', async () => {
    let taken = false;
    const api = stubApi({
      'GET /api/consultations/open': () => json({ slots: [slot] }),
      'GET /api/consultations/mine': json({ bookings: [] }),
      [`POST /api/consultations/slots/${slot.id}/booking`]: () => (taken ? refusal(409, 'slot_taken') : json({ ...slot, myNote: '資金計画', bookedAt: '2026-12-04T01:00:00Z' }, 201)),
    });
    at('/consultations?from=plan', ConsultationsPage);
    expect(await screen.findByText('創業計画書について相談する予約です。')).toBeTruthy();
    fireEvent.input(await screen.findByLabelText('2026-12-10 10:00〜11:00の相談で話したいこと（任意）'), { target: { value: '資金計画' } });
    fireEvent.click(screen.getByRole('button', { name: '2026-12-10 10:00〜11:00に予約する' }));
    await screen.findByText('2026-12-10 10:00〜11:00の相談を予約しました。確認のメールをお送りしました。');
    expect(api.sent('POST', `/api/consultations/slots/${slot.id}/booking`)[0]!.body).toEqual({ note: '資金計画', from: 'plan' });
    taken = true;
    fireEvent.click(screen.getByRole('button', { name: '2026-12-10 10:00〜11:00に予約する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('この枠は直前にほかの方が予約しました');
  });

  it('lists bookings with the calendar file and cancels one', async () => {
    const api = stubApi({
      'GET /api/consultations/open': json({ slots: [] }),
      'GET /api/consultations/mine': json({ bookings: [{ ...slot, myNote: null, bookedAt: '2026-12-04T01:00:00Z' }] }),
      [`DELETE /api/consultations/slots/${slot.id}/booking`]: new Response(null, { status: 204 }),
    });
    at('/consultations', ConsultationsPage);
    expect((await screen.findByRole('link', { name: 'カレンダーに追加（.ics）' })).getAttribute('href')).toBe(`/api/consultations/slots/${slot.id}/calendar.ics`);
    expect(screen.getByText('今のところ予約できる枠はありません。しばらくしてからもう一度ご覧ください。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '2026-12-10 10:00〜11:00の予約を取り消す' }));
    await screen.findByText('予約を取り消しました。');
    expect(api.sent('DELETE', `/api/consultations/slots/${slot.id}/booking`)).toHaveLength(1);
  });
});

describe('the advisor’s slots', () => {
  it('publishes a slot for a municipality they serve, in Japan time, and shows who booked each', async () => {
    account.mutate(meOf({ memberships: [{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'advisor', cohortId: null }] }));
    const api = stubApi({
      'GET /api/consultations/slots/mine': json({ slots: [{ ...slot, booking: { userId: 'u1', name: '田中 美咲', note: '資金計画', bookedAt: 'x', from: 'plan' } }] }),
      'POST /api/consultations/slots': (b) => json({ ...slot, ...(b as object), booking: null, startsAt: '2026-12-11T05:00:00.000Z', endsAt: '2026-12-11T05:30:00.000Z' }, 201),
    });
    at('/advisor/consultations', SlotsPage);
    await screen.findByText('予約：田中 美咲さん');
    fireEvent.input(screen.getByLabelText('日付'), { target: { value: '2026-12-11' } });
    fireEvent.input(screen.getByLabelText('開始時刻（日本時間）'), { target: { value: '14:00' } });
    fireEvent.input(screen.getByLabelText('終了時刻（日本時間）'), { target: { value: '14:30' } });
    fireEvent.input(screen.getByLabelText('場所'), { target: { value: '堺商工会議所' } });
    fireEvent.click(screen.getByRole('button', { name: '相談枠を追加する' }));
    await waitFor(() => expect(api.sent('POST', '/api/consultations/slots')).toHaveLength(1));
    expect(api.sent('POST', '/api/consultations/slots')[0]!.body).toEqual({
      tenantId: '271004', startsAt: '2026-12-11T14:00:00+09:00', endsAt: '2026-12-11T14:30:00+09:00', mode: 'in_person', place: '堺商工会議所', meetingUrl: null,
    });
    await screen.findByText('2026-12-11 14:00〜14:30の相談枠を追加しました。');
  });
});
