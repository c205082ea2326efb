import { Route, Router, useLocation } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../web/src/api/client.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { FounderPageContainer, FounderView } from '../../web/src/staff/Founder.tsx';
import { FoundersView } from '../../web/src/staff/Founders.tsx';
import { cohorts, founderRecord, founderRow, foundersPage, publicCourse } from '../fixtures/web.ts';

// Issue 8 point 6 on the staff side: a founder's record shows an unconfirmed email, and on the founder's request staff
// download their data and delete their account; the founders table marks unconfirmed emails.
const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => <Router><Route path="*" component={ui} /></Router>);
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); });

function record(o: { onErase?: () => Promise<void>; emailVerified?: boolean } = {}) {
  const onErase = o.onErase ?? vi.fn(async () => undefined);
  at('/staff/271004/founders/u-tanaka-0001', () => (
    <FounderView tenantId="271004" record={founderRecord({ emailVerified: o.emailVerified ?? true })} cohorts={cohorts()} courses={[publicCourse()]}
      onPatch={vi.fn()} onStatus={vi.fn()} onErase={onErase} />
  ));
  return { onErase };
}

describe('a founder’s record: the email and the data held', () => {
  it('marks an email the founder has not confirmed, with what that means', () => {
    record({ emailVerified: false });
    const email = [...document.querySelectorAll('.facts > div')].find((d) => d.querySelector('dt')!.textContent === 'メールアドレス')!.querySelector('dd')!;
    expect(within(email as HTMLElement).getByText('未確認').getAttribute('aria-describedby')).toBe('email-unverified-hint');
    expect(email.textContent).toContain('この人はまだメールアドレスを確認していません。お知らせのメールは届きません。');
    cleanup();
    record({ emailVerified: true });
    expect(screen.queryByText('未確認')).toBeNull();
  });

  it('links the data as JSON and CSV for the browser to save', () => {
    record();
    const section = screen.getByRole('region', { name: '本人の依頼による開示と削除' });
    expect(within(section).getByRole('link', { name: '保有しているデータをダウンロード（JSON）' }).getAttribute('href')).toBe('/api/founders/u-tanaka-0001/data.json');
    const csv = within(section).getByRole('link', { name: '保有しているデータをダウンロード（CSV・Excel用）' });
    expect(csv.getAttribute('href')).toBe('/api/founders/u-tanaka-0001/data.csv');
    expect(csv.hasAttribute('download')).toBe(true);
  });
});

describe('a founder’s record: deleting the account on request', () => {
  it('asks in a dialog that says what happens; cancelling deletes nothing', () => {
    const { onErase } = record();
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'アカウントを削除する' }));
    const dialog = screen.getByRole('dialog', { name: '田中 美咲さんのアカウントを削除しますか？' });
    expect(dialog.getAttribute('aria-describedby')).toBe('erase-what');
    expect([...dialog.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '氏名・メールアドレスなどの個人情報と、確認テストの解答はすぐに消去されます。この人はログインできなくなります。',
      '学習の進み具合は、市町村の集計に匿名の数としてだけ残ります（登録者数などの数字は変わりません）。',
      '受講記録の確認コードでは、この人の名前や記録を確認できなくなります。',
    ]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'やめる' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onErase).not.toHaveBeenCalled();
  });

  it('deletes after “yes”', async () => {
    const { onErase } = record();
    fireEvent.click(screen.getByRole('button', { name: 'アカウントを削除する' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'はい、削除する' }));
    await vi.waitFor(() => expect(onErase).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says why when the API refuses (an account with other roles), in English too, and keeps the dialog open', async () => {
    record({ onErase: vi.fn(async () => { throw new ApiFailure(403, 'forbidden', 'no'); }) });
    fireEvent.click(screen.getByRole('button', { name: 'アカウントを削除する' }));
    fireEvent.click(screen.getByRole('button', { name: 'はい、削除する' }));
    const dialog = screen.getByRole('dialog');
    expect((await within(dialog).findByRole('alert')).textContent).toBe('このアカウントには創業者以外の役割（担当者など）があるため、ここでは削除できません。広域連合の事務局に依頼してください。');
    setLocale('en');
    expect(within(dialog).getByRole('alert').textContent).toBe('This account also has other roles (such as staff), so it cannot be deleted here. Please ask the union’s office.');
    expect(within(dialog).getByRole('heading').textContent).toBe('Delete the account of 田中 美咲?');
  });

  it('the container posts the deletion, then goes back to the founders table, which says whom it deleted', async () => {
    const calls: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      const u = String(url);
      calls.push(`${init?.method ?? 'GET'} ${u}`);
      if (u.includes('/cohorts')) return json({ cohorts: cohorts() });
      if (u.startsWith('/content/')) return json(u.endsWith('index.json') ? { version: 'v1', courses: [{ id: 'kiso' }] } : publicCourse());
      if (u.endsWith('/erase')) return json({ deleted: true, deletedAt: '2026-12-04T01:00:00.000Z' });
      return json(founderRecord());
    });
    history.replaceState(null, '', '/staff/271004/founders/u-tanaka-0001');
    render(() => (
      <Router>
        <Route path="/staff/:t/founders" component={() => <h1>founders table {String(useLocation<{ erased?: string }>().state?.erased)}</h1>} />
        <Route path="/staff/:t/founders/:id" component={() => <FounderPageContainer tenantId="271004" userId="u-tanaka-0001" />} />
      </Router>
    ));
    fireEvent.click(await screen.findByRole('button', { name: 'アカウントを削除する' }));
    fireEvent.click(screen.getByRole('button', { name: 'はい、削除する' }));
    await screen.findByRole('heading', { name: 'founders table 田中 美咲' });
    expect(location.pathname).toBe('/staff/271004/founders');
    expect(calls).toContain('POST /api/founders/u-tanaka-0001/erase');
  });
});

describe('the founders table', () => {
  const view = (o: Partial<Parameters<typeof FoundersView>[0]> = {}) => at('/staff/271004/founders', () => (
    <FoundersView tenantId="271004" tenantName="大阪市" filters={{ sort: 'name' }} pageNumber={1} cohorts={cohorts()} onQuery={vi.fn()} onNext={vi.fn()}
      page={foundersPage({ founders: [founderRow(), founderRow({ userId: 'u-new', name: '新井 空', email: 'sora@example.jp', emailVerified: false })] })} {...o} />
  ));

  it('marks founders whose email is not confirmed', () => {
    view();
    expect(document.querySelector('tr[data-user="u-new"] .tag')!.textContent).toBe('メール未確認');
    expect(document.querySelector('tr[data-user="u-tanaka-0001"] .tag')).toBeNull();
    setLocale('en');
    expect(document.querySelector('tr[data-user="u-new"] .tag')!.textContent).toBe('Email not confirmed');
  });

  it('says whose account was just deleted', () => {
    view({ erased: '田中 美咲' });
    expect(screen.getByText('田中 美咲さんのアカウントを削除しました。個人情報は消去され、学習の進み具合は匿名の数としてだけ残っています。').getAttribute('role')).toBe('status');
    cleanup();
    view();
    expect(screen.queryByText(/アカウントを削除しました/)).toBeNull();
  });
});
