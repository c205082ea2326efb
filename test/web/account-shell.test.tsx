import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en as accountEn } from '../../web/src/account/i18n/en.ts';
import { ja as accountJa } from '../../web/src/account/i18n/ja.ts';
import { PrivacyPage } from '../../web/src/account/Privacy.tsx';
import { account } from '../../web/src/api/account.ts';
import { Layout } from '../../web/src/components/Layout.tsx';
import { setLocale } from '../../web/src/i18n/index.ts';
import { HomeView } from '../../web/src/learner/Home.tsx';
import { SignInPage } from '../../web/src/learner/SignIn.tsx';
import { SignUpPage } from '../../web/src/learner/SignUp.tsx';
import { meOf, progressOf, publicCourse } from '../fixtures/web.ts';
import { json, refusal, stubApi } from '../fixtures/web-account.ts';

// Where the account pages meet the rest of the app: the sign-in page's "forgot", the header and footer, the founder
// home's unconfirmed-address notice, the privacy notice, and the account chunk's own messages.

const inRouter = (ui: () => JSX.Element, path = '/') => {
  history.replaceState(null, '', path);
  return render(() => <Router><Route path="*" component={ui} /></Router>);
};

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); account.mutate(null); });

describe('the account chunk’s messages', () => {
  it('has the same keys in Japanese and English, none empty', () => {
    expect(Object.keys(accountEn).sort()).toEqual(Object.keys(accountJa).sort());
    for (const v of [...Object.values(accountJa), ...Object.values(accountEn)]) expect(String(v).trim()).not.toBe('');
  });
});

describe('ways in', () => {
  it('the sign-in page links to the password reset (not while a two-step code is asked)', () => {
    stubApi({});
    inRouter(() => <SignInPage />, '/signin');
    expect(screen.getByRole('link', { name: 'パスワードをお忘れの方' }).getAttribute('href')).toBe('/reset-password');
    setLocale('en');
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toBeTruthy();
  });

  it('the sign-up page links to the privacy notice (and, opened without a code, asks the API about none)', async () => {
    const api = stubApi({});
    inRouter(() => <SignUpPage />, '/signup');
    expect(screen.getByRole('link', { name: '個人情報の取扱い' }).getAttribute('href')).toBe('/privacy');
    await new Promise((r) => setTimeout(r, 10));
    expect(api.calls.filter((c) => c.path.startsWith('/api/codes'))).toEqual([]);
  });

  it('every page has the privacy notice in its footer; a signed-in person of any role has Account in the header', () => {
    stubApi({});
    const { unmount } = render(() => <Router root={Layout}><Route path="*" component={() => <p>page</p>} /></Router>);
    expect(within(screen.getByRole('contentinfo')).getByRole('link', { name: '個人情報の取扱い' }).getAttribute('href')).toBe('/privacy');
    expect(screen.queryByRole('link', { name: 'アカウント' })).toBeNull();
    unmount();
    account.mutate(meOf({ admin: true, memberships: [] }));
    render(() => <Router root={Layout}><Route path="*" component={() => <p>page</p>} /></Router>);
    const nav = screen.getByRole('navigation', { name: 'メインメニュー' });
    expect(within(nav).getByRole('link', { name: 'アカウント' }).getAttribute('href')).toBe('/account');
  });
});

describe('the founder home with an unconfirmed address', () => {
  const home = (email?: string) => inRouter(() => <HomeView name="田中" course={publicCourse()} progress={progressOf()} emailToConfirm={email} />);

  it('says so, and sends the link again', async () => {
    const api = stubApi({ 'POST /api/me/email-verification': json({ accepted: true }, 202) });
    home('hanako@example.jp');
    expect(screen.getByText(/メールアドレス（hanako@example.jp）の確認がまだです。/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '確認のメールを送り直す' }));
    expect((await screen.findByRole('status')).textContent).toBe('確認のメールを hanako@example.jp に送りました。');
    expect(api.sent('POST', '/api/me/email-verification')).toHaveLength(1);
  });

  it('says when to try again if mails were sent just now', async () => {
    stubApi({ 'POST /api/me/email-verification': refusal(429, 'rate_limited', undefined, { 'retry-after': '300' }) });
    home('hanako@example.jp');
    fireEvent.click(screen.getByRole('button', { name: '確認のメールを送り直す' }));
    expect((await screen.findByRole('alert')).textContent).toBe('確認のメールは少し前に送りました。5分ほど待ってから、もう一度お試しください。');
  });

  it('confirmed: no notice', () => {
    stubApi({});
    home(undefined);
    expect(screen.queryByRole('button', { name: '確認のメールを送り直す' })).toBeNull();
  });
});

describe('/privacy', () => {
  it('says what is kept, why, for how long, who sees it, the founder’s rights and whom to ask', () => {
    stubApi({});
    inRouter(() => <PrivacyPage />, '/privacy');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('個人情報の取扱い');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['保存する情報', '利用の目的', '保存する期間', '情報を見る人', 'あなたの権利', 'お問い合わせ']);
    const text = document.querySelector('article')!.textContent!;
    for (const s of ['確認テストの解答', '学習記録（受講の記録）の確認コード', 'ログイン中の端末', '操作の記録', '特定創業支援等事業の証明書', '匿名の統計',
      '定めがない場合は5年間', '最長12時間', '30分（パスワードの再設定）から7日間', '匿名の数', 'あなたが登録した市町村の創業支援担当者', '担当になった経営指導員', '広域連合の事務局の管理者',
      'ダウンロード', '市町村の窓口にお申し出ください', 'アカウント設定から']) expect(text, s).toContain(s);
    expect(screen.queryByRole('link', { name: 'アカウント設定を開く' })).toBeNull();
  });

  it('a signed-in founder is pointed to their account page and their municipality; in English too', () => {
    stubApi({});
    account.mutate(meOf());
    inRouter(() => <PrivacyPage />, '/privacy');
    expect(screen.getByRole('link', { name: 'アカウント設定を開く' }).getAttribute('href')).toBe('/account');
    expect(screen.getByText('あなたが登録した市町村: 大阪市')).toBeTruthy();
    setLocale('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Privacy notice');
    expect(screen.getByText('You registered with: Osaka City')).toBeTruthy();
    expect(document.title).toBe('Privacy notice | Sōgyō Campus');
  });
});
