import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { createResource, type JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupKey, TwoFactorPage } from '../../web/src/account/TwoFactor.tsx';
import { account } from '../../web/src/api/account.ts';
import { request } from '../../web/src/api/client.ts';
import { Layout } from '../../web/src/components/Layout.tsx';
import { RequireSignIn } from '../../web/src/components/RequireSignIn.tsx';
import { setLocale } from '../../web/src/i18n/index.ts';
import { RequireRole } from '../../web/src/roles/RequireRole.tsx';
import { meOf } from '../fixtures/web.ts';
import { json, RECOVERY_CODES, refusal, stubApi, totpEnrolment } from '../fixtures/web-account.ts';

// Two-step sign-in: the enrolment page, the gate in front of the staff, advisor and admin areas, and what any API
// answer 403 second_factor_required leads to.

const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => (
    <Router>
      <Route path="/signin" component={() => <h1>sign-in page</h1>} />
      <Route path="/staff" component={() => <h1>staff area</h1>} />
      <Route path="/" component={() => <h1>home</h1>} />
      <Route path="/account/two-factor" component={() => <RequireSignIn><TwoFactorPage /></RequireSignIn>} />
      <Route path="*" component={ui} />
    </Router>
  ));
};
const sakai = [{ tenantId: '271403', tenantName: { ja: '堺市', en: 'Sakai City' }, role: 'staff' as const, cohortId: null }];
const newStaff = () => meOf({ id: 'u-new', memberships: sakai, totp: false, secondFactor: false });

beforeEach(() => { setLocale('ja'); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); account.mutate(null); document.documentElement.classList.remove('print-codes'); });

describe('/account/two-factor: setting it up', () => {
  it('shows the QR code and the key in groups, takes a first code, then the recovery codes once, and goes on to `next`', async () => {
    let confirm = refusal(400, 'totp_invalid', { code: 'invalid' });
    const api = stubApi({
      'POST /api/me/totp': json(totpEnrolment(), 201), 'POST /api/me/totp/confirm': () => confirm,
      'GET /api/me': json(meOf({ id: 'u-new', memberships: sakai, totp: true, secondFactor: true })),
    });
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    account.mutate(newStaff());
    at('/account/two-factor?next=%2Fstaff', () => null);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('2段階認証の設定');
    expect(screen.getByText(/2段階認証の設定が必要です/)).toBeTruthy();
    const qr = await screen.findByRole('img', { name: /認証アプリに登録するためのQRコード/ });
    expect(qr.getAttribute('src')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    expect(document.querySelector('.totp-key')!.textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    fireEvent.click(screen.getByRole('button', { name: 'キーをコピー' }));
    expect(await screen.findByText('コピーしました。')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');

    const code = screen.getByLabelText('認証アプリに表示されている確認コード（6桁）');
    fireEvent.input(code, { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: '確認して有効にする' }));
    expect(await screen.findByText('6桁の数字を入力してください。')).toBeTruthy();
    expect(api.sent('POST', '/api/me/totp/confirm')).toHaveLength(0);
    fireEvent.input(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: '確認して有効にする' }));
    expect(await screen.findByText(/確認コードが正しくないか、すでに使われています。/)).toBeTruthy();
    expect(code.getAttribute('aria-invalid')).toBe('true');

    confirm = json({ recoveryCodes: RECOVERY_CODES });
    fireEvent.click(screen.getByRole('button', { name: '確認して有効にする' }));
    const list = await screen.findByRole('list', { name: 'リカバリーコード（10個）' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(RECOVERY_CODES);
    expect(api.sent('POST', '/api/me/totp/confirm').map((c) => c.body)).toEqual([{ code: '123456' }, { code: '123456' }]);
    await waitFor(() => expect(account.me()?.login.secondFactor).toBe(true));
    expect(screen.getByText('2段階認証を有効にしました。ほかの端末ではログアウトしました。')).toBeTruthy();

    // Saved as a text file…
    let saved: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { saved = b as Blob; return 'blob:codes'; });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('sogyo-campus-recovery-codes.txt');
    });
    fireEvent.click(screen.getByRole('button', { name: 'テキストファイルで保存' }));
    expect(clicked).toHaveBeenCalledTimes(1);
    const text = await saved!.text();
    expect(text).toContain('u-new@example.jp');
    for (const c of RECOVERY_CODES) expect(text).toContain(c);
    // …or printed: only the codes go on paper.
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true });
    fireEvent.click(screen.getByRole('button', { name: '印刷' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.documentElement.classList.contains('print-codes')).toBe(true);
    window.dispatchEvent(new Event('afterprint'));
    expect(document.documentElement.classList.contains('print-codes')).toBe(false);

    // Not before saying they are saved.
    fireEvent.click(screen.getByRole('button', { name: '次へ進む' }));
    expect(await screen.findByText('リカバリーコードを保存したら、ここにチェックを入れてください。')).toBeTruthy();
    expect(location.pathname).toBe('/account/two-factor');
    fireEvent.click(screen.getByLabelText('リカバリーコードを保存しました'));
    fireEvent.click(screen.getByRole('button', { name: '次へ進む' }));
    await screen.findByRole('heading', { name: 'staff area' });
  });

  it('can start again with a new key, and says when the key cannot be had', async () => {
    let start = refusal(503, 'unavailable');
    const api = stubApi({ 'POST /api/me/totp': () => start });
    account.mutate(meOf({ totp: false }));
    at('/account/two-factor', () => null);
    expect(screen.getByText(/ログインのときに、パスワードに加えて/)).toBeTruthy();
    expect(await screen.findByRole('alert')).toBeTruthy();
    start = json(totpEnrolment({ secret: 'ABCDEFGHIJKLMNOP' }), 201);
    fireEvent.click(screen.getByRole('button', { name: 'はじめからやり直す' }));
    await waitFor(() => expect(document.querySelector('.totp-key')?.textContent).toBe('ABCD EFGH IJKL MNOP'));
    start = json(totpEnrolment({ secret: 'QRSTUVWXYZ234567' }), 201);
    fireEvent.click(screen.getByRole('button', { name: 'はじめからやり直す' }));
    await waitFor(() => expect(document.querySelector('.totp-key')?.textContent).toBe('QRST UVWX YZ23 4567'));
    expect(api.sent('POST', '/api/me/totp')).toHaveLength(3);
  });

  it('already on, and used for this sign-in: just continues (never to another site)', async () => {
    const api = stubApi({});
    account.mutate(meOf({ memberships: sakai }));
    at('/account/two-factor?next=https%3A%2F%2Fevil.example%2F', () => null);
    expect(screen.getByText('2段階認証はすでに有効です。')).toBeTruthy();
    const go = screen.getByRole('link', { name: '次へ進む' });
    expect(go.getAttribute('href')).toBe('/');
    fireEvent.click(go);
    await screen.findByRole('heading', { name: 'home' });
    expect(api.calls).toHaveLength(0);
  });

  it('on, but this sign-in did not use it: asks to sign in again, and comes back afterwards', async () => {
    const api = stubApi({ 'POST /api/auth/signout': new Response(null, { status: 204 }) });
    account.mutate(meOf({ memberships: sakai, totp: true, secondFactor: false }));
    at('/account/two-factor?next=%2Fstaff', () => null);
    expect(screen.getByText(/いまのログインでは確認コードを入力していません。/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'ログインし直す' }));
    await screen.findByRole('heading', { name: 'sign-in page' });
    await waitFor(() => expect(account.me()).toBeNull());
    expect(location.search).toBe('?next=%2Fstaff');
    expect(api.sent('POST', '/api/auth/signout')).toHaveLength(1);
  });

  it('reads in English', async () => {
    stubApi({ 'POST /api/me/totp': json(totpEnrolment(), 201) });
    setLocale('en');
    account.mutate(meOf({ totp: false }));
    at('/account/two-factor', () => null);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Set up two-step sign-in');
    expect(await screen.findByRole('img', { name: /QR code for your authenticator app/ })).toBeTruthy();
    expect(screen.getByLabelText('The code shown in your authenticator app (6 digits)')).toBeTruthy();
  });

  it('groups any key in fours for reading', () => {
    expect(groupKey('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    expect(groupKey('ABCD EFGH')).toBe('ABCD EFGH');
  });
});

describe('the gate in front of the staff, advisor and admin areas', () => {
  it.each([
    ['without two-step sign-in', newStaff()],
    ['with it, but not used for this sign-in', meOf({ memberships: sakai, totp: true, secondFactor: false })],
  ])('sends staff %s to /account/two-factor with the page to come back to', async (_case, me) => {
    stubApi({ 'POST /api/me/totp': json(totpEnrolment(), 201) });
    account.mutate(me);
    at('/staff/271403/founders?sort=activity', () => <RequireRole role="staff" tenantId="271403"><p>founders of Sakai</p></RequireRole>);
    await waitFor(() => expect(location.pathname).toBe('/account/two-factor'));
    expect(new URLSearchParams(location.search).get('next')).toBe('/staff/271403/founders?sort=activity');
    expect(screen.queryByText('founders of Sakai')).toBeNull();
  });

  it('lets in staff whose sign-in passed it', () => {
    stubApi({});
    account.mutate(meOf({ memberships: sakai }));
    at('/staff/271403', () => <RequireRole role="staff" tenantId="271403"><p>Sakai dashboard</p></RequireRole>);
    expect(screen.getByText('Sakai dashboard')).toBeTruthy();
  });

  it('still tells a founder they have no access (no set-up offered)', () => {
    stubApi({});
    account.mutate(meOf());
    at('/admin', () => <RequireRole role="admin"><p>region</p></RequireRole>);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('このページを見る権限がありません');
    expect(location.pathname).toBe('/admin');
  });
});

describe('an API answer 403 second_factor_required, on any page', () => {
  it('leads to the set-up, with the page to come back to', async () => {
    stubApi({ 'GET /api/tenants/271403/totals': refusal(403, 'second_factor_required'), 'POST /api/me/totp': json(totpEnrolment(), 201) });
    account.mutate(newStaff());
    function Figures() {
      const [totals] = createResource(() => request('GET', '/api/tenants/271403/totals').catch(() => 'refused'));
      return <p>{String(totals() ?? '')}</p>;
    }
    history.replaceState(null, '', '/somewhere?x=1');
    render(() => (
      <Router root={Layout}>
        <Route path="/account/two-factor" component={() => <h1>two-factor page</h1>} />
        <Route path="*" component={Figures} />
      </Router>
    ));
    await screen.findByRole('heading', { name: 'two-factor page' });
    expect(new URLSearchParams(location.search).get('next')).toBe('/somewhere?x=1');
  });
});
