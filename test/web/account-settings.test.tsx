import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../functions/contract/api.ts';
import { AccountPage } from '../../web/src/account/Account.tsx';
import { account } from '../../web/src/api/account.ts';
import { queueKey } from '../../web/src/api/outbox.ts';
import { outbox } from '../../web/src/api/progress.ts';
import { locale, setLocale } from '../../web/src/i18n/index.ts';
import { meOf } from '../fixtures/web.ts';
import { json, loginInfo, RECOVERY_CODES, refusal, stubApi } from '../fixtures/web-account.ts';

// /account: every signed-in person's own settings, section by section, with the API's refusals where they belong.

const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => (
    <Router>
      <Route path="/signin" component={() => <h1>sign-in page</h1>} />
      <Route path="*" component={ui} />
    </Router>
  ));
};
const section = (name: string) => screen.getByRole('region', { name });
const noContent = () => new Response(null, { status: 204 });
const devices = { 'GET /api/me/logins': json({ items: [loginInfo()] }) };
const staffSakai = () => meOf({ id: 'u-staff', name: '堺市 担当', memberships: [{ tenantId: '271403', tenantName: { ja: '堺市', en: 'Sakai City' }, role: 'staff', cohortId: null }] });
const withUser = (me: Me, user: Partial<Me['user']>): Me => ({ ...me, user: { ...me.user, ...user } });

beforeEach(() => { setLocale('ja'); account.mutate(meOf()); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); account.mutate(null); setLocale('ja'); });

describe('the account page', () => {
  it('sends the signed-out to sign-in and back', async () => {
    stubApi({});
    account.mutate(null);
    at('/account', () => <AccountPage />);
    await screen.findByRole('heading', { name: 'sign-in page' });
    expect(location.search).toBe('?next=%2Faccount');
  });

  it('has one section per setting, each named by its heading', () => {
    stubApi(devices);
    at('/account', () => <AccountPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('アカウント設定');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'お名前と言語', 'メールアドレス', 'パスワード', 'お知らせメール', 'ログイン中の端末', '2段階認証', 'あなたのデータ', 'アカウントの削除',
    ]);
    expect(document.title).toBe('アカウント設定 | 創業キャンパス');
  });
});

describe('name and language', () => {
  it('refuses an empty name, then saves both and switches the screens to the chosen language', async () => {
    const saved = withUser(meOf(), { name: '田中 花', locale: 'en' });
    const api = stubApi({ ...devices, 'PATCH /api/me': json(saved) });
    at('/account', () => <AccountPage />);
    const name = screen.getByLabelText('お名前') as HTMLInputElement;
    expect(name.value).toBe('田中 花子');
    fireEvent.input(name, { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'お名前と言語を保存する' }));
    expect(await within(section('お名前と言語')).findByText('入力してください。')).toBeTruthy();
    expect(api.sent('PATCH', '/api/me')).toHaveLength(0);
    fireEvent.input(name, { target: { value: ' 田中 花 ' } });
    fireEvent.change(screen.getByLabelText('画面とメールの言語'), { target: { value: 'en' } });
    fireEvent.click(screen.getByRole('button', { name: 'お名前と言語を保存する' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(api.sent('PATCH', '/api/me').map((c) => c.body)).toEqual([{ name: '田中 花', locale: 'en' }]);
    expect(locale()).toBe('en');
    expect(account.me()?.user.name).toBe('田中 花');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Account settings');
  });
});

describe('email address', () => {
  it('shows a confirmed address as confirmed, with no resend', () => {
    stubApi(devices);
    at('/account', () => <AccountPage />);
    const s = section('メールアドレス');
    expect(within(s).getByText('u-founder@example.jp')).toBeTruthy();
    expect(within(s).getByText('確認済み')).toBeTruthy();
    expect(within(s).queryByRole('button', { name: '確認のメールを送り直す' })).toBeNull();
  });

  it('an unconfirmed address can have its link sent again; a paused resend says for how long', async () => {
    let answer = json({ accepted: true }, 202);
    const api = stubApi({ ...devices, 'POST /api/me/email-verification': () => answer });
    account.mutate(meOf({ emailVerified: false }));
    at('/account', () => <AccountPage />);
    const s = section('メールアドレス');
    expect(within(s).getByText('未確認')).toBeTruthy();
    fireEvent.click(within(s).getByRole('button', { name: '確認のメールを送り直す' }));
    expect(await within(s).findByText('確認のメールを u-founder@example.jp に送りました（7日間有効）。')).toBeTruthy();
    answer = refusal(429, 'rate_limited', undefined, { 'retry-after': '120' });
    fireEvent.click(within(s).getByRole('button', { name: '確認のメールを送り直す' }));
    expect((await within(s).findByRole('alert')).textContent).toBe('操作が続いたため、一時的に受け付けを止めています。2分ほど待ってからお試しください。');
    expect(api.sent('POST', '/api/me/email-verification')).toHaveLength(2);
  });

  it('a change needs a new address and the current password; refusals go to their fields; then "check the new inbox"', async () => {
    let answer = refusal(400, 'password_incorrect', { currentPassword: 'incorrect' });
    const api = stubApi({ ...devices, 'POST /api/me/email': () => answer });
    at('/account', () => <AccountPage />);
    const s = section('メールアドレス');
    const submit = () => fireEvent.click(within(s).getByRole('button', { name: '確認のリンクを送る' }));
    fireEvent.input(within(s).getByLabelText('新しいメールアドレス'), { target: { value: 'U-Founder@example.jp' } });
    submit();
    expect(await within(s).findByText('現在のメールアドレスと同じです。')).toBeTruthy();
    expect(within(s).getByText('入力してください。')).toBeTruthy();
    expect(api.sent('POST', '/api/me/email')).toHaveLength(0);
    fireEvent.input(within(s).getByLabelText('新しいメールアドレス'), { target: { value: 'new@example.jp' } });
    fireEvent.input(within(s).getByLabelText('現在のパスワード'), { target: { value: 'wrong' } });
    submit();
    expect(await within(s).findByText('現在のパスワードが正しくありません。')).toBeTruthy();
    expect(within(s).getByLabelText('現在のパスワード').getAttribute('aria-invalid')).toBe('true');
    answer = refusal(409, 'email_taken', { email: 'taken' });
    submit();
    expect(await within(s).findByText('このメールアドレスはほかのアカウントで使われています。')).toBeTruthy();
    answer = json({ accepted: true }, 202);
    submit();
    expect(await within(s).findByText(/new@example.jp に確認のリンクを送りました。新しいアドレスの受信箱を開き/)).toBeTruthy();
    expect(api.sent('POST', '/api/me/email').at(-1)!.body).toEqual({ email: 'new@example.jp', currentPassword: 'wrong' });
    expect((within(s).getByLabelText('現在のパスワード') as HTMLInputElement).value).toBe('');
  });
});

describe('password', () => {
  it('checks length and sameness, shows the wrong current password and a too-common new one at their fields, then confirms', async () => {
    let answer = refusal(400, 'password_incorrect', { currentPassword: 'incorrect' });
    const api = stubApi({ ...devices, 'POST /api/me/password': () => answer });
    at('/account', () => <AccountPage />);
    const s = section('パスワード');
    const submit = () => fireEvent.click(within(s).getByRole('button', { name: 'パスワードを変更する' }));
    fireEvent.input(within(s).getByLabelText('現在のパスワード'), { target: { value: 'same old passphrase' } });
    fireEvent.input(within(s).getByLabelText('新しいパスワード'), { target: { value: 'short' } });
    submit();
    expect(await within(s).findByText('8文字以上128文字以下で入力してください。')).toBeTruthy();
    fireEvent.input(within(s).getByLabelText('新しいパスワード'), { target: { value: 'same old passphrase' } });
    submit();
    expect(await within(s).findByText('現在のパスワードと違うパスワードにしてください。')).toBeTruthy();
    expect(api.calls.filter((c) => c.path === '/api/me/password')).toHaveLength(0);
    fireEvent.input(within(s).getByLabelText('新しいパスワード'), { target: { value: 'password1234' } });
    submit();
    expect(await within(s).findByText('現在のパスワードが正しくありません。')).toBeTruthy();
    answer = refusal(400, 'password_too_common', { password: 'too_common' });
    submit();
    expect(await within(s).findByText('よく使われるパスワードは使えません。')).toBeTruthy();
    expect(within(s).getByLabelText('新しいパスワード').getAttribute('aria-invalid')).toBe('true');
    answer = noContent();
    fireEvent.input(within(s).getByLabelText('新しいパスワード'), { target: { value: 'a brand new passphrase' } });
    submit();
    expect((await within(s).findByRole('status')).textContent).toBe('パスワードを変更しました。ほかの端末ではログアウトしました。');
    expect(api.sent('POST', '/api/me/password').at(-1)!.body).toEqual({ currentPassword: 'same old passphrase', newPassword: 'a brand new passphrase' });
  });
});

describe('reminder mails', () => {
  it('saves as the box changes, and puts it back when the server refuses', async () => {
    let answer = json(withUser(meOf(), { remindersOff: true }));
    const api = stubApi({ ...devices, 'PATCH /api/me': () => answer });
    at('/account', () => <AccountPage />);
    const box = screen.getByLabelText('学習のお知らせ（リマインダー）メールを受け取る') as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(await screen.findByText('お知らせメールを止めました。')).toBeTruthy();
    expect(api.sent('PATCH', '/api/me').map((c) => c.body)).toEqual([{ remindersOff: true }]);
    expect(account.me()?.user.remindersOff).toBe(true);
    answer = refusal(503, 'unavailable');
    fireEvent.click(box);
    expect(await within(section('お知らせメール')).findByRole('alert')).toBeTruthy();
    expect(box.checked).toBe(false);
  });
});

describe('signed-in devices', () => {
  const two = () => json({ items: [loginInfo(), loginInfo({ id: 'login-other-00001', device: 'Safari on iOS', current: false, lastSeenAt: '2026-12-03T12:00:00.000Z' })] });

  it('lists each device with when it was last seen, this one marked; another is signed out by its own button', async () => {
    let list = two();
    const api = stubApi({ 'GET /api/me/logins': () => list, 'DELETE /api/me/logins/login-other-00001': noContent() });
    at('/account', () => <AccountPage />);
    const s = section('ログイン中の端末');
    const items = await within(s).findAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.device-name')!.textContent)).toEqual(['Chrome on Android この端末', 'Safari on iOS']);
    expect(items[1]!.textContent).toContain('最終利用: 2026年12月3日 21:00');
    const button = within(s).getByRole('button', { name: 'Safari on iOS（最終利用 2026年12月3日 21:00）をログアウトさせる' });
    list = json({ items: [loginInfo()] });
    fireEvent.click(button);
    expect(await within(s).findByText('Safari on iOS をログアウトさせました。')).toBeTruthy();
    await waitFor(() => expect(within(s).getAllByRole('listitem')).toHaveLength(1));
    expect(within(s).getByText('ほかにログイン中の端末はありません。')).toBeTruthy();
    expect(api.sent('DELETE', '/api/me/logins/login-other-00001')).toHaveLength(1);
  });

  it('this device signs out the usual way and goes to sign-in', async () => {
    const api = stubApi({ 'GET /api/me/logins': two(), 'POST /api/auth/signout': noContent() });
    at('/account', () => <AccountPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'この端末からログアウトする' }));
    await screen.findByRole('heading', { name: 'sign-in page' });
    expect(api.sent('POST', '/api/auth/signout')).toHaveLength(1);
    expect(account.me()).toBeNull();
  });
});

describe('two-step sign-in', () => {
  it('off: says so and links to the set-up, coming back here', () => {
    stubApi(devices);
    at('/account', () => <AccountPage />);
    const s = section('2段階認証');
    expect(within(s).getByText('設定されていません。')).toBeTruthy();
    expect(within(s).getByRole('link', { name: '2段階認証を設定する' }).getAttribute('href')).toBe('/account/two-factor?next=%2Faccount');
  });

  it('on, for a founder: new recovery codes with the password, and turning it off', async () => {
    let codes = refusal(400, 'password_incorrect', { currentPassword: 'incorrect' });
    const api = stubApi({
      ...devices, 'POST /api/me/totp/recovery-codes': () => codes, 'POST /api/me/totp/off': noContent(), 'GET /api/me': json(meOf({ totp: false })),
    });
    account.mutate(meOf({ totp: true, secondFactor: true }));
    at('/account', () => <AccountPage />);
    const s = section('2段階認証');
    expect(within(s).getByText(/^有効です。/)).toBeTruthy();
    const pw = within(s).getAllByLabelText('現在のパスワード');
    fireEvent.input(pw[0]!, { target: { value: 'wrong' } });
    fireEvent.click(within(s).getByRole('button', { name: 'リカバリーコードを発行する' }));
    expect(await within(s).findByText('現在のパスワードが正しくありません。')).toBeTruthy();
    codes = json({ recoveryCodes: RECOVERY_CODES });
    fireEvent.click(within(s).getByRole('button', { name: 'リカバリーコードを発行する' }));
    const list = await within(s).findByRole('list', { name: 'リカバリーコード（10個）' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(RECOVERY_CODES);
    fireEvent.input(within(s).getByLabelText('現在のパスワード'), { target: { value: 'my passphrase' } });
    fireEvent.click(within(s).getByRole('button', { name: 'オフにする' }));
    expect(await within(s).findByText('2段階認証をオフにしました。')).toBeTruthy();
    await within(s).findByText('設定されていません。');
    expect(api.sent('POST', '/api/me/totp/off').map((c) => c.body)).toEqual([{ currentPassword: 'my passphrase' }]);
  });

  it('on, for staff: cannot be turned off, and says why', () => {
    stubApi(devices);
    account.mutate(staffSakai());
    at('/account', () => <AccountPage />);
    const s = section('2段階認証');
    expect(within(s).queryByRole('button', { name: 'オフにする' })).toBeNull();
    expect(within(s).getByText(/2段階認証が必須のため、オフにはできません。/)).toBeTruthy();
  });
});

describe('your data', () => {
  it('downloads everything as JSON and as CSV, through plain links', () => {
    stubApi(devices);
    at('/account', () => <AccountPage />);
    const s = section('あなたのデータ');
    for (const [name, href] of [['JSON形式でダウンロード', '/api/me/data.json'], ['CSV形式（Excelで開けます）でダウンロード', '/api/me/data.csv']] as const) {
      const a = within(s).getByRole('link', { name });
      expect(a.getAttribute('href')).toBe(href);
      expect(a.hasAttribute('download')).toBe(true);
    }
    expect(within(s).getByRole('link', { name: '個人情報の取扱いについて' }).getAttribute('href')).toBe('/privacy');
  });
});

describe('deleting the account', () => {
  it('says what goes and what stays, asks for the password and a confirmation, then signs out and says so', async () => {
    let answer = refusal(400, 'password_incorrect', { currentPassword: 'incorrect' });
    const api = stubApi({ ...devices, 'POST /api/me/delete': () => answer });
    await outbox.enqueue({ kind: 'progress', userId: 'u-founder', courseId: 'kiso', moduleId: 'm1', lessonId: 'l1', eventId: 'e1', status: 'completed', position: 1, at: '2026-12-04T02:00:00.000Z' });
    expect(outbox.pending('u-founder')).toHaveLength(1);
    // And a queue an older version left in localStorage, not yet moved.
    localStorage.setItem(queueKey('u-founder'), JSON.stringify([{ eventId: 'e0', userId: 'u-founder' }]));
    at('/account', () => <AccountPage />);
    const s = section('アカウントの削除');
    expect(s.textContent).toContain('確認テストの解答、ログイン中の端末');
    expect(s.textContent).toContain('匿名の数として残ります');
    fireEvent.click(within(s).getByRole('button', { name: 'アカウントを削除する' }));
    expect(await within(s).findByText('入力してください。')).toBeTruthy();
    fireEvent.input(within(s).getByLabelText('現在のパスワード'), { target: { value: 'wrong' } });
    fireEvent.click(within(s).getByRole('button', { name: 'アカウントを削除する' }));
    const confirm = within(s).getByRole('group', { name: '田中 花子さんのアカウントを削除します。元に戻せません。よろしいですか？' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'やめる' }));
    expect(within(s).queryByRole('group')).toBeNull();
    expect(api.sent('POST', '/api/me/delete')).toHaveLength(0);
    fireEvent.click(within(s).getByRole('button', { name: 'アカウントを削除する' }));
    fireEvent.click(within(s).getByRole('button', { name: 'はい、削除する' }));
    expect(await within(s).findByText('現在のパスワードが正しくありません。')).toBeTruthy();
    expect(account.me()).not.toBeNull();
    answer = json({ deleted: true, deletedAt: '2026-12-04T03:00:00.000Z' });
    fireEvent.input(within(s).getByLabelText('現在のパスワード'), { target: { value: 'my passphrase' } });
    fireEvent.click(within(s).getByRole('button', { name: 'アカウントを削除する' }));
    fireEvent.click(within(s).getByRole('button', { name: 'はい、削除する' }));
    await screen.findByRole('heading', { level: 1, name: 'アカウントを削除しました' });
    expect(screen.getByRole('status').textContent).toContain('この端末からログアウトしました');
    expect(location.pathname).toBe('/account');
    expect(account.me()).toBeNull();
    expect(localStorage.getItem(queueKey('u-founder'))).toBeNull();
    expect(outbox.pending('u-founder')).toEqual([]);
    expect(api.sent('POST', '/api/me/delete').at(-1)!.body).toEqual({ currentPassword: 'my passphrase' });
  });

  it('is not offered to staff, advisors or admins, and says whom to ask', () => {
    stubApi(devices);
    account.mutate(staffSakai());
    at('/account', () => <AccountPage />);
    const s = section('アカウントの削除');
    expect(within(s).queryByRole('button')).toBeNull();
    expect(s.textContent).toContain('広域連合の事務局にご連絡ください');
  });
});
