import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminArea } from '../../web/src/admin/index.tsx';
import { AdminInvitationsPage, AdminInvitationsView } from '../../web/src/admin/Invitations.tsx';
import { account } from '../../web/src/api/account.ts';
import { ApiFailure } from '../../web/src/api/client.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { adminInvitation, invitation, tenantInvitations } from '../fixtures/people.ts';
import { meOf, regionTenants } from '../fixtures/web.ts';

// The union's invitations page (/admin/invitations): admins and staff of any municipality, the admins' pending
// invitations, and one municipality's pending invitations at a time.
const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => <Router><Route path="*" component={ui} /></Router>);
};
const rows = (table: HTMLElement) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); });

function view(o: Partial<Parameters<typeof AdminInvitationsView>[0]> = {}) {
  const h = {
    onInvite: vi.fn(async (b: { email: string; role: 'admin' | 'staff'; tenantId?: string }) => invitation({ email: b.email, role: b.role, tenantId: b.tenantId ?? null, cohortId: null })),
    onResendAdmin: vi.fn(async () => adminInvitation()), onRevokeAdmin: vi.fn(async () => undefined),
    onPickTenant: vi.fn(), onResendTenant: vi.fn(async () => invitation()), onRevokeTenant: vi.fn(async () => undefined),
  };
  at('/admin/invitations', () => (
    <AdminInvitationsView tenants={regionTenants().tenants} admins={[adminInvitation()]} shownTenant="271004" tenantItems={tenantInvitations()} {...h} {...o} />
  ));
  return h;
}
const form = () => screen.getByRole('region', { name: '招待する' });

describe('the admin area', () => {
  it('links its pages from its own menu', () => {
    account.mutate(meOf({ admin: true, memberships: [] }));
    at('/admin', () => <AdminArea params={{}} location={{} as never} data={undefined}><p>page</p></AdminArea>);
    const nav = screen.getByRole('navigation', { name: '広域連合の管理メニュー' });
    expect(within(nav).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['市町村の一覧', '/admin'], ['利用市町村アンケート', '/admin/surveys'], ['教材の評価', '/admin/modules'], ['招待', '/admin/invitations']]);
  });
});

describe('inviting from the union', () => {
  it('needs a municipality for staff, checked before sending', () => {
    const h = view();
    fireEvent.input(within(form()).getByLabelText('メールアドレス'), { target: { value: 'new.staff@example.jp' } });
    fireEvent.click(within(form()).getByRole('button', { name: '招待メールを送る' }));
    expect(within(form()).getByText('担当者を招待する市町村を選んでください。')).toBeTruthy();
    expect(within(form()).getByLabelText('市町村（担当者のみ）').getAttribute('aria-invalid')).toBe('true');
    expect(h.onInvite).not.toHaveBeenCalled();
  });

  it('invites staff of a municipality chosen from the union’s list (by code)', async () => {
    const h = view();
    const tenant = within(form()).getByLabelText('市町村（担当者のみ）') as HTMLSelectElement;
    expect([...tenant.options].map((o) => o.textContent)).toEqual(['市町村を選んでください', '大阪市（271004）', '堺市（271403）']);
    fireEvent.change(tenant, { target: { value: '271403' } });
    fireEvent.input(within(form()).getByLabelText('メールアドレス'), { target: { value: 'new.staff@example.jp' } });
    fireEvent.input(within(form()).getByLabelText('名前（任意）'), { target: { value: '堺 花子' } });
    fireEvent.click(within(form()).getByRole('button', { name: '招待メールを送る' }));
    await within(form()).findByText('new.staff@example.jpに堺市の担当者としての招待メールを送りました（有効期限 2026年12月8日 10:00）。');
    expect(h.onInvite).toHaveBeenCalledWith({ email: 'new.staff@example.jp', role: 'staff', tenantId: '271403', name: '堺 花子' });
  });

  it('invites another admin without a municipality', async () => {
    const h = view();
    fireEvent.change(within(form()).getByLabelText('役割'), { target: { value: 'admin' } });
    expect(within(form()).queryByLabelText('市町村（担当者のみ）')).toBeNull();
    fireEvent.input(within(form()).getByLabelText('メールアドレス'), { target: { value: 'office2@example.jp' } });
    fireEvent.click(within(form()).getByRole('button', { name: '招待メールを送る' }));
    await within(form()).findByText(/office2@example.jpに事務局（管理者）としての招待メールを送りました/);
    expect(h.onInvite).toHaveBeenCalledWith({ email: 'office2@example.jp', role: 'admin' });
  });

  it('shows the API’s refusals: already an admin, already invited', async () => {
    const answers = [new ApiFailure(409, 'already_member', 'x', { email: 'member' }), new ApiFailure(409, 'conflict', 'x', { email: 'invited' })];
    view({ onInvite: vi.fn(async () => { throw answers.shift(); }) });
    fireEvent.change(within(form()).getByLabelText('役割'), { target: { value: 'admin' } });
    fireEvent.input(within(form()).getByLabelText('メールアドレス'), { target: { value: 'admin@example.jp' } });
    fireEvent.click(within(form()).getByRole('button', { name: '招待メールを送る' }));
    await within(form()).findByText('この人はすでにその役割を持っています。招待は要りません。');
    fireEvent.click(within(form()).getByRole('button', { name: '招待メールを送る' }));
    await within(form()).findByText('この人にはすでに返事待ちの招待があります。下の一覧から送り直してください。');
  });
});

describe('pending invitations of the union and of a municipality', () => {
  it('lists the admins’ invitations and the chosen municipality’s, with resend and withdraw for each', async () => {
    const h = view();
    expect(rows(screen.getByRole('table', { name: '事務局（管理者）の返事待ちの招待（新しい順）' })).map((r) => r.slice(0, 2))).toEqual([['office@example.jp', '広域連合の事務局（管理者）']]);
    const osaka = screen.getByRole('region', { name: '大阪市の返事待ちの招待' });
    expect(rows(within(osaka).getByRole('table')).map((r) => r[0])).toEqual(['new.founder@example.jp佐藤 一郎', 'advisor.new@example.jp', 'old.staff@example.jp']);
    fireEvent.click(within(osaka).getByRole('button', { name: 'advisor.new@example.jpに送り直す' }));
    await within(osaka).findByRole('status');
    expect(h.onResendTenant).toHaveBeenCalledWith('inv-bbbbbbbbbbbb');
    fireEvent.click(screen.getByRole('button', { name: 'office@example.jpへの招待を取り消す' }));
    fireEvent.click(screen.getByRole('button', { name: 'はい、取り消す' }));
    await waitFor(() => expect(h.onRevokeAdmin).toHaveBeenCalledWith('inv-admin-aaaaaa'));
    fireEvent.change(screen.getByLabelText('表示する市町村'), { target: { value: '271403' } });
    expect(h.onPickTenant).toHaveBeenCalledWith('271403');
  });

  it('reads in English', () => {
    setLocale('en');
    view({ admins: [] });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Invitations: the union’s office and municipal staff');
    expect(screen.getByText('No invitation is waiting for an answer.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Invitations of Osaka City waiting for an answer' })).toBeTruthy();
  });
});

describe('the admin invitations page container', () => {
  it('reads the union’s list, the admins’ and the first municipality’s invitations; a staff invitation shows under its municipality', async () => {
    const calls: string[] = [];
    const sakai: ReturnType<typeof invitation>[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      const u = String(url);
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${u}`);
      if (u === '/api/region/tenants') return json(regionTenants());
      if (u === '/api/region/invitations' && method === 'POST') {
        const body = JSON.parse(String(init!.body)) as { email: string; tenantId: string };
        const i = invitation({ id: 'inv-sakai-aaaaaa', email: body.email, role: 'staff', tenantId: body.tenantId, cohortId: null, name: null });
        sakai.push(i);
        return json(i, 201);
      }
      if (u === '/api/region/invitations') return json({ items: [adminInvitation()] });
      if (u === '/api/tenants/271403/invitations') return json({ items: sakai });
      return json({ items: tenantInvitations() });
    });
    at('/admin/invitations', () => <AdminInvitationsPage />);
    await screen.findByRole('region', { name: '大阪市の返事待ちの招待' });
    expect(calls).toEqual(expect.arrayContaining(['GET /api/region/tenants', 'GET /api/region/invitations', 'GET /api/tenants/271004/invitations']));
    fireEvent.change(within(form()).getByLabelText('市町村（担当者のみ）'), { target: { value: '271403' } });
    fireEvent.input(within(form()).getByLabelText('メールアドレス'), { target: { value: 'sakai.new@example.jp' } });
    fireEvent.click(within(form()).getByRole('button', { name: '招待メールを送る' }));
    const region = await screen.findByRole('region', { name: '堺市の返事待ちの招待' });
    await waitFor(() => expect(region.querySelector('tr[data-email="sakai.new@example.jp"]')).toBeTruthy());
    expect((screen.getByLabelText('表示する市町村') as HTMLSelectElement).value).toBe('271403');
    expect(calls).toContain('POST /api/region/invitations');
    expect(document.title).toMatch(/^招待 \| 創業キャンパス$/);
  });
});
