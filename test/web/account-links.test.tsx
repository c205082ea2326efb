import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfirmEmailPage } from '../../web/src/account/ConfirmEmail.tsx';
import { InvitePage } from '../../web/src/account/Invite.tsx';
import { ResetPasswordPage } from '../../web/src/account/ResetPassword.tsx';
import { account } from '../../web/src/api/account.ts';
import { locale, setLocale } from '../../web/src/i18n/index.ts';
import { meOf } from '../fixtures/web.ts';
import { invitationPreview, json, refusal, stubApi, TOKEN } from '../fixtures/web-account.ts';

// The pages that account mails link to: /reset-password, /account/confirm-email and /invite, each with its link's
// token in the fragment (#t=…), which the page takes and removes from the address bar.

/** Renders the page at `path`, inside a router that also answers where the pages send people. */
const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => (
    <Router>
      <Route path="/account/two-factor" component={() => <h1>two-factor page</h1>} />
      <Route path="/staff" component={() => <h1>staff area</h1>} />
      <Route path="/" component={() => <h1>founder home</h1>} />
      <Route path="*" component={ui} />
    </Router>
  ));
};
const where = () => `${location.pathname}${location.search}${location.hash}`;

beforeEach(() => { setLocale('ja'); sessionStorage.clear(); account.mutate(null); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); account.mutate(null); });

describe('/reset-password without a link: asking for one', () => {
  it('checks the address first, then gives the same answer whatever the address (valid for 30 minutes)', async () => {
    const api = stubApi({ 'POST /api/auth/password-reset': json({ accepted: true }, 202) });
    at('/reset-password', () => <ResetPasswordPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('パスワードの再設定');
    fireEvent.click(screen.getByRole('button', { name: '再設定のリンクを送る' }));
    expect(await screen.findByText('入力してください。')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('メールアドレス'), { target: { value: 'not-an-address' } });
    fireEvent.click(screen.getByRole('button', { name: '再設定のリンクを送る' }));
    expect(await screen.findByText('メールアドレスの形式で入力してください。')).toBeTruthy();
    expect(api.calls).toHaveLength(0);
    fireEvent.input(screen.getByLabelText('メールアドレス'), { target: { value: ' nobody@example.jp ' } });
    fireEvent.click(screen.getByRole('button', { name: '再設定のリンクを送る' }));
    const said = await screen.findByRole('status');
    expect(said.textContent).toContain('nobody@example.jp のアカウントがある場合は、パスワードを再設定するリンクを送りました。リンクは30分間有効です。');
    expect(api.sent('POST', '/api/auth/password-reset').map((c) => c.body)).toEqual([{ email: 'nobody@example.jp' }]);
    // Another address: the form again.
    fireEvent.click(screen.getByRole('button', { name: '別のアドレスで送る' }));
    expect((screen.getByLabelText('メールアドレス') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('link', { name: 'ログイン画面へ' }).getAttribute('href')).toBe('/signin');
  });

  it('says when requests are paused, and for how long, in English too', async () => {
    stubApi({ 'POST /api/auth/password-reset': refusal(429, 'rate_limited', undefined, { 'retry-after': '600' }) });
    setLocale('en');
    at('/reset-password', () => <ResetPasswordPage />);
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'a@example.jp' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many requests in a row: this is paused for now. Please try again in about 10 minutes.');
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('/reset-password#t=…: the new password', () => {
  it('takes the token out of the address, keeps the length rule, shows the too-common refusal at the field, then signs in anew', async () => {
    let answer = refusal(400, 'password_too_common', { password: 'too_common' });
    const api = stubApi({ 'POST /api/auth/password-reset/confirm': () => answer });
    account.mutate(meOf());
    at(`/reset-password#t=${TOKEN}`, () => <ResetPasswordPage />);
    expect(where()).toBe('/reset-password');
    const field = screen.getByLabelText('新しいパスワード');
    fireEvent.input(field, { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'パスワードを設定する' }));
    expect(await screen.findByText('8文字以上128文字以下で入力してください。')).toBeTruthy();
    expect(api.calls).toHaveLength(0);
    fireEvent.input(field, { target: { value: 'password123' } });
    fireEvent.click(screen.getByRole('button', { name: 'パスワードを設定する' }));
    expect(await screen.findByText('よく使われるパスワードは使えません。')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    answer = new Response(null, { status: 204 });
    fireEvent.input(field, { target: { value: 'a long and personal passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'パスワードを設定する' }));
    expect((await screen.findByRole('status')).textContent).toBe('パスワードを変更しました。新しいパスワードでログインしてください。');
    expect(screen.getByRole('link', { name: 'ログインする' }).getAttribute('href')).toBe('/signin');
    expect(api.sent('POST', '/api/auth/password-reset/confirm').map((c) => c.body)).toEqual([
      { token: TOKEN, password: 'password123' }, { token: TOKEN, password: 'a long and personal passphrase' },
    ]);
    // The server ended every login, this browser's too; the link is used up.
    expect(account.me()).toBeNull();
    expect(sessionStorage.getItem('sogyo.link.reset')).toBeNull();
  });

  it.each([
    ['expired', refusal(400, 'token_expired', { token: 'expired' }), 'このリンクは有効期限が切れています。もう一度手続きをしてください。'],
    ['used or replaced', refusal(400, 'token_invalid', { token: 'invalid' }), 'このリンクは無効です。すでに使われたか、正しくコピーされていません。もう一度手続きをしてください。'],
  ])('an %s link says so and offers a new one', async (_kind, answer, text) => {
    stubApi({ 'POST /api/auth/password-reset/confirm': answer });
    at(`/reset-password#t=${TOKEN}`, () => <ResetPasswordPage />);
    fireEvent.input(screen.getByLabelText('新しいパスワード'), { target: { value: 'a long and personal passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'パスワードを設定する' }));
    expect((await screen.findByRole('alert')).textContent).toBe(text);
    expect(screen.queryByLabelText('新しいパスワード')).toBeNull();
    expect(sessionStorage.getItem('sogyo.link.reset')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '新しいリンクを送ってもらう' }));
    expect(screen.getByRole('button', { name: '再設定のリンクを送る' })).toBeTruthy();
  });

  it('a cut or altered link is refused before anything is sent', () => {
    const api = stubApi({});
    at('/reset-password#t=AbCdEf', () => <ResetPasswordPage />);
    expect(screen.getByRole('alert').textContent).toContain('このリンクは無効です。');
    expect(screen.queryByLabelText('新しいパスワード')).toBeNull();
    expect(api.calls).toHaveLength(0);
  });

  it('takes the mailed link opened in the same tab, on this page (only the fragment changes), even a second time', async () => {
    stubApi({ 'POST /api/auth/password-reset/confirm': new Response(null, { status: 204 }) });
    at('/reset-password', () => <ResetPasswordPage />);
    expect(screen.getByRole('button', { name: '再設定のリンクを送る' })).toBeTruthy();
    const open = () => { history.replaceState(null, '', `/reset-password#t=${TOKEN}`); window.dispatchEvent(new HashChangeEvent('hashchange')); };
    open();
    fireEvent.input(await screen.findByLabelText('新しいパスワード'), { target: { value: 'a long and personal passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'パスワードを設定する' }));
    await screen.findByText('パスワードを変更しました。新しいパスワードでログインしてください。');
    expect(where()).toBe('/reset-password');
    open();
    expect(await screen.findByLabelText('新しいパスワード')).toBeTruthy();
  });

  it('survives a reload: the token waits in this tab, never in the address', () => {
    stubApi({});
    at(`/reset-password#t=${TOKEN}`, () => <ResetPasswordPage />);
    cleanup();
    at('/reset-password', () => <ResetPasswordPage />);
    expect(screen.getByLabelText('新しいパスワード')).toBeTruthy();
    expect(where()).toBe('/reset-password');
  });
});

describe('/account/confirm-email#t=…', () => {
  it('confirms for someone signed out and offers sign-in', async () => {
    const api = stubApi({ 'POST /api/auth/confirm-email': new Response(null, { status: 204 }) });
    at(`/account/confirm-email#t=${TOKEN}`, () => <ConfirmEmailPage />);
    expect(where()).toBe('/account/confirm-email');
    expect((await screen.findByText('メールアドレスを確認しました。')).getAttribute('role')).toBe('status');
    expect(screen.getByRole('link', { name: 'ログインする' }).getAttribute('href')).toBe('/signin');
    expect(api.sent('POST', '/api/auth/confirm-email').map((c) => c.body)).toEqual([{ token: TOKEN }]);
    expect(api.sent('GET', '/api/me')).toHaveLength(0);
  });

  it('signed in, reads the account again and shows the confirmed (new) address', async () => {
    const after = meOf({ emailVerified: true });
    after.user.email = 'moved@example.jp';
    const api = stubApi({ 'POST /api/auth/confirm-email': new Response(null, { status: 204 }), 'GET /api/me': json(after) });
    account.mutate(meOf({ emailVerified: false }));
    at(`/account/confirm-email#t=${TOKEN}`, () => <ConfirmEmailPage />);
    expect((await screen.findByText('メールアドレスを確認しました。このアカウントのメールアドレスは moved@example.jp です。')).getAttribute('role')).toBe('status');
    expect(api.sent('GET', '/api/me')).toHaveLength(1);
    expect(account.me()?.user).toMatchObject({ email: 'moved@example.jp', emailVerified: true });
    expect(screen.getByRole('link', { name: 'アカウント設定へ' }).getAttribute('href')).toBe('/account');
  });

  it('an expired link says so, with the way to a new one (signed out: sign in, then the account page)', async () => {
    stubApi({ 'POST /api/auth/confirm-email': refusal(400, 'token_expired', { token: 'expired' }) });
    at(`/account/confirm-email#t=${TOKEN}`, () => <ConfirmEmailPage />);
    expect((await screen.findByRole('alert')).textContent).toBe('このリンクは有効期限が切れています。もう一度手続きをしてください。');
    expect(screen.getByText('ログインしてから、アカウント設定で確認のメールを送り直してください。')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'ログインする' }).getAttribute('href')).toBe('/signin?next=%2Faccount');
    expect(sessionStorage.getItem('sogyo.link.confirm')).toBeNull();
  });

  it('a used link, signed in: says so in English and points to the account page', async () => {
    setLocale('en');
    stubApi({ 'POST /api/auth/confirm-email': refusal(400, 'token_invalid', { token: 'invalid' }) });
    account.mutate(meOf({ emailVerified: false }));
    at(`/account/confirm-email#t=${TOKEN}`, () => <ConfirmEmailPage />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^This link is not valid/);
    expect(screen.getByText('You can have the confirmation mail sent again from your account page.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'To your account' }).getAttribute('href')).toBe('/account');
  });

  it('without a link, says where to open it from and sends nothing', () => {
    const api = stubApi({});
    at('/account/confirm-email', () => <ConfirmEmailPage />);
    expect(screen.getByText('このページは、確認のメールにあるリンクから開いてください。')).toBeTruthy();
    expect(api.calls).toHaveLength(0);
  });
});

describe('/invite#t=…', () => {
  const facts = () => Object.fromEntries([...document.querySelectorAll('dl.invitation > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));

  it('shows what the invitation is for; a new person chooses name, password and language, and staff go on to two-step set-up', async () => {
    let accept = refusal(400, 'password_too_common', { password: 'too_common' });
    const staffMe = meOf({ id: 'u-new', name: '堺 新任', memberships: [{ tenantId: '271403', tenantName: { ja: '堺市', en: 'Sakai City' }, role: 'staff', cohortId: null }], totp: false, secondFactor: false });
    const api = stubApi({ 'POST /api/invitations/preview': json(invitationPreview()), 'POST /api/invitations/accept': () => accept });
    at(`/invite#t=${TOKEN}`, () => <InvitePage />);
    expect(where()).toBe('/invite');
    await screen.findByText('招待の内容');
    expect(facts()).toEqual({
      招待されたメールアドレス: 'new.staff@example.jp', 役割: '市町村の創業支援担当', 市町村: '堺市', 招待した人: '連合 管理者', 有効期限: '2026年12月11日 12:00',
    });
    expect(screen.getByText(/登録のあとに2段階認証/)).toBeTruthy();
    expect((screen.getByLabelText('招待されたメールアドレス') as HTMLInputElement).readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '招待を受けて登録する' }));
    expect(await screen.findByText('入力してください。')).toBeTruthy();
    expect(screen.getByText('8文字以上128文字以下で入力してください。')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('お名前'), { target: { value: ' 堺 新任 ' } });
    fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'password123' } });
    fireEvent.change(screen.getByLabelText('画面とメールの言語'), { target: { value: 'en' } });
    fireEvent.click(screen.getByRole('button', { name: '招待を受けて登録する' }));
    expect(await screen.findByText('よく使われるパスワードは使えません。')).toBeTruthy();
    accept = json(staffMe, 201);
    fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'a long and personal passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: '招待を受けて登録する' }));
    await screen.findByRole('heading', { name: 'two-factor page' });
    expect(where()).toBe('/account/two-factor?next=%2Fstaff');
    expect(api.sent('POST', '/api/invitations/accept').at(-1)!.body).toEqual({ token: TOKEN, name: '堺 新任', password: 'a long and personal passphrase', locale: 'en' });
    expect(account.me()?.user.id).toBe('u-new');
    expect(locale()).toBe('en');
    expect(sessionStorage.getItem('sogyo.link.invite')).toBeNull();
  });

  it('a founder invited into a cohort goes home after accepting', async () => {
    stubApi({
      'POST /api/invitations/preview': json(invitationPreview({ role: 'learner', email: 'f@example.jp', tenantName: { ja: '大阪市', en: 'Osaka City' }, cohortName: '2027年春 創業塾' })),
      'POST /api/invitations/accept': json(meOf(), 201),
    });
    at(`/invite#t=${TOKEN}`, () => <InvitePage />);
    await screen.findByText('招待の内容');
    expect(facts()).toMatchObject({ 役割: '創業者（受講者）', 市町村: '大阪市', 期: '2027年春 創業塾' });
    expect(screen.queryByText(/2段階認証/)).toBeNull();
    fireEvent.input(screen.getByLabelText('お名前'), { target: { value: '田中 花子' } });
    fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'a long and personal passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: '招待を受けて登録する' }));
    await screen.findByRole('heading', { name: 'founder home' });
  });

  it('an existing person signs in first: the token waits in this tab (never in the query), then one button accepts', async () => {
    const existing = invitationPreview({ email: 'staff.osaka@example.jp', account: 'existing', role: 'admin', tenantName: null });
    const admin = meOf({ id: 'u-staff', admin: true, memberships: [{ tenantId: '271004', tenantName: { ja: '大阪市', en: 'Osaka City' }, role: 'staff', cohortId: null }] });
    admin.user.email = 'staff.osaka@example.jp';
    const api = stubApi({ 'POST /api/invitations/preview': json(existing), 'POST /api/invitations/accept': json(admin) });
    at(`/invite#t=${TOKEN}`, () => <InvitePage />);
    await screen.findByText('招待の内容');
    expect(facts()).toMatchObject({ 役割: '広域連合の管理者', 市町村: '広域連合（すべての市町村）' });
    expect(screen.getByText('staff.osaka@example.jp のアカウントはすでにあります。そのアカウントでログインしてから、招待を受けてください。')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'ログインして招待を受ける' });
    expect(link.getAttribute('href')).toBe('/signin?next=%2Finvite');
    expect(link.getAttribute('href')).not.toContain(TOKEN);
    expect(sessionStorage.getItem('sogyo.link.invite')).toBe(TOKEN);
    // Back from the sign-in page, signed in, the address without its fragment.
    cleanup();
    account.mutate({ ...admin, user: { ...admin.user, admin: false } });
    at('/invite', () => <InvitePage />);
    await screen.findByText(/さんのアカウントに、この役割を追加します。/);
    fireEvent.click(screen.getByRole('button', { name: '招待を受ける' }));
    await waitFor(() => expect(location.pathname).toBe('/admin'));
    expect(api.sent('POST', '/api/invitations/accept').map((c) => c.body)).toEqual([{ token: TOKEN }]);
    expect(account.me()?.user.admin).toBe(true);
  });

  it('signed in as someone else: the mismatch is said, with a way to sign out', async () => {
    const api = stubApi({
      'POST /api/invitations/preview': json(invitationPreview({ account: 'existing', email: 'other@example.jp' })),
      'POST /api/auth/signout': new Response(null, { status: 204 }),
    });
    account.mutate(meOf());
    at(`/invite#t=${TOKEN}`, () => <InvitePage />);
    expect((await screen.findByRole('alert')).textContent).toContain('この招待は別のメールアドレスあてです。招待されたメールアドレスでログインしてください。');
    expect(screen.getByText(/いま u-founder@example.jp でログインしています。/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '招待を受ける' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'ログアウトする' }));
    await screen.findByRole('link', { name: 'ログインして招待を受ける' });
    expect(api.sent('POST', '/api/auth/signout')).toHaveLength(1);
    expect(sessionStorage.getItem('sogyo.link.invite')).toBe(TOKEN);
  });

  it.each([
    ['token_expired', 'このリンクは有効期限が切れています。'],
    ['token_invalid', 'このリンクは無効です。'],
  ])('a %s invitation says so and whom to ask for a new one', async (code, text) => {
    stubApi({ 'POST /api/invitations/preview': refusal(400, code, { token: 'x' }) });
    at(`/invite#t=${TOKEN}`, () => <InvitePage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(text);
    expect(alert.textContent).toContain('招待した人（市町村または広域連合の担当者）に、招待の再送を依頼してください。');
    expect(sessionStorage.getItem('sogyo.link.invite')).toBeNull();
  });

  it('an invitation used up while the form was open says so at accepting', async () => {
    stubApi({ 'POST /api/invitations/preview': json(invitationPreview()), 'POST /api/invitations/accept': refusal(400, 'token_invalid', { token: 'invalid' }) });
    at(`/invite#t=${TOKEN}`, () => <InvitePage />);
    fireEvent.input(await screen.findByLabelText('お名前'), { target: { value: '堺 新任' } });
    fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'a long and personal passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: '招待を受けて登録する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('このリンクは無効です。');
    expect(screen.queryByLabelText('お名前')).toBeNull();
  });

  it('opened without its link, says where to open it from', () => {
    const api = stubApi({});
    at('/invite', () => <InvitePage />);
    expect(screen.getByText('このページは、招待のメールにあるリンクから開いてください。')).toBeTruthy();
    expect(api.calls).toHaveLength(0);
  });
});
