import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../web/src/api/client.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { en as invEn } from '../../web/src/roles/invitations/i18n/en.ts';
import { ja as invJa } from '../../web/src/roles/invitations/i18n/ja.ts';
import { InvitationTable } from '../../web/src/roles/invitations/Invitations.tsx';
import { PeoplePageContainer, PeopleView, problemText, readCsvFile, templateHref } from '../../web/src/staff/People.tsx';
import { cohorts } from '../fixtures/web.ts';
import { importResult, invitation, tenantInvitations } from '../fixtures/people.ts';

const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => <Router><Route path="*" component={ui} /></Router>);
};
const rows = (table: HTMLElement) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (status: number, code: string, fields: Record<string, string> = {}) => new ApiFailure(status, code as never, code, fields);
const csvFile = (text: string | Uint8Array<ArrayBuffer>, name = 'founders.csv') => new File([text], name, { type: 'text/csv' });
const choose = (input: HTMLElement, file: File) => fireEvent.change(input, { target: { files: [file] } });

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); });

function view(o: Partial<Parameters<typeof PeopleView>[0]> = {}) {
  const h = {
    onInvite: vi.fn(async (b: { email: string; role: string; cohortId?: string | null }) => invitation({ email: b.email, role: b.role as never, cohortId: b.cohortId ?? null })),
    onResend: vi.fn(async (id: string) => ({ ...tenantInvitations().find((i) => i.id === id)!, expiresAt: '2026-12-11T01:00:00.000Z' })),
    onRevoke: vi.fn(async () => undefined),
    onImport: vi.fn(async () => importResult()),
  };
  at('/staff/271004/people', () => <PeopleView tenantId="271004" tenantName="大阪市" cohorts={cohorts()} invitations={tenantInvitations()} {...h} {...o} />);
  return h;
}
const inviteForm = () => screen.getByRole('region', { name: '1人を招待する' });
const importForm = () => screen.getByRole('region', { name: '創業者をCSVファイルで招待する' });

describe('the invitation messages', () => {
  it('have the same keys in Japanese and English, none empty', () => {
    expect(Object.keys(invEn).sort()).toEqual(Object.keys(invJa).sort());
    for (const v of [...Object.values(invJa), ...Object.values(invEn)]) expect(v.trim()).not.toBe('');
  });
});

describe('error messages', () => {
  it('every error code the API answers has a message in Japanese and English', async () => {
    const { ERROR_CODES } = await import('../../functions/contract/constants.ts');
    const { ja } = await import('../../web/src/i18n/ja.ts');
    const { en } = await import('../../web/src/i18n/en.ts');
    for (const code of ERROR_CODES) {
      expect(ja, code).toHaveProperty([`error.${code}`]);
      expect(en, code).toHaveProperty([`error.${code}`]);
    }
  });
});

describe('staff: inviting one person', () => {
  it('checks the address before sending, with the error at the field and a summary', () => {
    const h = view();
    const form = inviteForm();
    fireEvent.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    expect(within(form).getByRole('alert').textContent).toBe('入力内容を確認してください。');
    expect(within(form).getByText('メールアドレスを入力してください。')).toBeTruthy();
    fireEvent.input(within(form).getByLabelText('メールアドレス'), { target: { value: 'not-an-address' } });
    fireEvent.input(within(form).getByLabelText('名前（任意）'), { target: { value: 'x'.repeat(81) } });
    fireEvent.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    expect(within(form).getByLabelText('メールアドレス').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('メールアドレスの形式で入力してください（例: name@example.jp）。')).toBeTruthy();
    expect(within(form).getByText('名前は80文字までにしてください。')).toBeTruthy();
    expect(h.onInvite).not.toHaveBeenCalled();
  });

  it('invites a founder into a cohort, and says where the mail went', async () => {
    const h = view();
    const form = inviteForm();
    expect((within(form).getByLabelText('役割') as HTMLSelectElement).value).toBe('learner');
    expect([...(within(form).getByLabelText('役割') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['創業者', '経営指導員', '市町村の担当者']);
    fireEvent.input(within(form).getByLabelText('メールアドレス'), { target: { value: ' Sato@Example.jp ' } });
    fireEvent.change(within(form).getByLabelText('期（創業者のみ）'), { target: { value: 'spring-2027' } });
    fireEvent.input(within(form).getByLabelText('名前（任意）'), { target: { value: '佐藤 一郎' } });
    fireEvent.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    await within(form).findByText('Sato@Example.jpに創業者としての招待メールを送りました（有効期限 2026年12月8日 10:00）。');
    expect(h.onInvite).toHaveBeenCalledWith({ email: 'Sato@Example.jp', role: 'learner', name: '佐藤 一郎', cohortId: 'spring-2027' });
    expect((within(form).getByLabelText('メールアドレス') as HTMLInputElement).value).toBe('');
  });

  it('invites an advisor without a cohort (the cohort is for founders only)', async () => {
    const h = view();
    const form = inviteForm();
    fireEvent.change(within(form).getByLabelText('役割'), { target: { value: 'advisor' } });
    expect(within(form).queryByLabelText('期（創業者のみ）')).toBeNull();
    fireEvent.input(within(form).getByLabelText('メールアドレス'), { target: { value: 'adv@example.jp' } });
    fireEvent.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    await within(form).findByRole('status');
    expect(h.onInvite).toHaveBeenCalledWith({ email: 'adv@example.jp', role: 'advisor' });
  });

  it.each([
    ['already holds the role', refusal(409, 'already_member', { email: 'member' }), 'advisor', 'この人はすでにその役割を持っています。招待は要りません。'],
    ['is already a founder', refusal(409, 'already_member', { email: 'member' }), 'learner', 'この人はすでに創業者として登録しています。招待は要りません。'],
    ['already has a pending invitation', refusal(409, 'conflict', { email: 'invited' }), 'learner', 'この人にはすでに返事待ちの招待があります。下の一覧から送り直してください。'],
    ['was refused as an address', refusal(400, 'invalid_request', { email: 'must be an email address' }), 'learner', 'メールアドレスの形式で入力してください（例: name@example.jp）。'],
    ['names a cohort that is gone', refusal(400, 'invalid_request', { cohortId: 'unknown' }), 'learner', 'この期は見つかりません。期を選び直してください。'],
  ])('shows the API’s refusal at its field when the person %s', async (_case, error, role, text) => {
    view({ onInvite: vi.fn(async () => { throw error; }) });
    const form = inviteForm();
    fireEvent.change(within(form).getByLabelText('役割'), { target: { value: role } });
    fireEvent.input(within(form).getByLabelText('メールアドレス'), { target: { value: 'someone@example.jp' } });
    fireEvent.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    await within(form).findByText(text);
    expect(within(form).getByRole('alert').textContent).toBe('入力内容を確認してください。');
  });

  it('says plainly when the mail could not be sent (nothing was saved), in English too', async () => {
    view({ onInvite: vi.fn(async () => { throw refusal(503, 'unavailable'); }) });
    const form = inviteForm();
    fireEvent.input(within(form).getByLabelText('メールアドレス'), { target: { value: 'someone@example.jp' } });
    fireEvent.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    await within(form).findByText('招待メールを送れませんでした。何も保存していません。少し待ってからもう一度お試しください。');
    setLocale('en');
    expect(within(form).getByText('The invitation mail could not be sent, and nothing was saved. Please wait a moment and try again.')).toBeTruthy();
  });
});

describe('staff: pending invitations', () => {
  it('lists email, role, cohort, who invited, sent, expiry and state', () => {
    view();
    const table = screen.getByRole('table', { name: '返事待ちの招待（新しい順）' });
    expect(rows(table).map((r) => r.slice(0, 7))).toEqual([
      ['new.founder@example.jp佐藤 一郎', '創業者', '2027年春 創業塾', '大阪市 担当', '2026年12月1日 10:00', '2026年12月8日 10:00', '返事待ち'],
      ['advisor.new@example.jp', '経営指導員', '—', '大阪市 担当', '2026年12月1日 10:00', '2026年12月8日 10:00', '返事待ち'],
      ['old.staff@example.jp', '市町村の担当者', '—', '大阪市 担当', '2026年12月1日 10:00', '2026年11月20日 10:00', '期限切れ'],
    ]);
  });

  it('sends an invitation again and says the old link stopped working', async () => {
    const h = view();
    fireEvent.click(screen.getByRole('button', { name: 'advisor.new@example.jpに送り直す' }));
    await screen.findByText('advisor.new@example.jpに招待メールを送り直しました（有効期限 2026年12月11日 10:00）。前のリンクは使えなくなりました。');
    expect(h.onResend).toHaveBeenCalledWith('inv-bbbbbbbbbbbb');
  });

  it('withdraws only after a confirmation; cancelling sends nothing', async () => {
    const h = view();
    fireEvent.click(screen.getByRole('button', { name: 'advisor.new@example.jpへの招待を取り消す' }));
    let confirm = screen.getByRole('group', { name: 'advisor.new@example.jpへの招待を取り消します。招待メールのリンクは使えなくなります。よろしいですか？' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'やめる' }));
    expect(h.onRevoke).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'advisor.new@example.jpへの招待を取り消す' }));
    confirm = screen.getByRole('group', { name: /advisor\.new@example\.jpへの招待を取り消します/ });
    fireEvent.click(within(confirm).getByRole('button', { name: 'はい、取り消す' }));
    await screen.findByText('advisor.new@example.jpへの招待を取り消しました。');
    expect(h.onRevoke).toHaveBeenCalledWith('inv-bbbbbbbbbbbb');
  });

  it('says when an invitation is gone meanwhile, or when there is none', async () => {
    render(() => <InvitationTable id="t" caption="c" items={[invitation()]} onResend={async () => { throw refusal(404, 'not_found'); }} onRevoke={async () => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'new.founder@example.jpに送り直す' }));
    expect((await screen.findByRole('alert')).textContent).toBe('この招待はもうありません（受け入れられたか、取り消されました）。一覧を読み込み直してください。');
    cleanup();
    setLocale('en');
    render(() => <InvitationTable id="t" caption="c" items={[]} onResend={vi.fn()} onRevoke={vi.fn()} />);
    expect(screen.getByText('No invitation is waiting for an answer.')).toBeTruthy();
  });

  it('reads in English', () => {
    setLocale('en');
    view();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('People and invitations of 大阪市');
    expect(rows(screen.getByRole('table', { name: 'Invitations waiting for an answer (newest first)' }))[2]!.slice(1, 3)).toEqual(['Municipal staff', '—']);
    expect(screen.getByRole('button', { name: 'Withdraw the invitation to old.staff@example.jp' })).toBeTruthy();
  });
});

describe('staff: importing founders from CSV', () => {
  it('asks for a file first, and refuses one over the size limit without sending it', async () => {
    const h = view();
    const form = importForm();
    fireEvent.click(within(form).getByRole('button', { name: '取り込んで招待する' }));
    expect(within(form).getByText('CSVファイルを選んでください。')).toBeTruthy();
    expect(within(form).getByLabelText('CSVファイル').getAttribute('aria-invalid')).toBe('true');
    choose(within(form).getByLabelText('CSVファイル'), csvFile('x'.repeat(512 * 1024 + 1)));
    fireEvent.click(within(form).getByRole('button', { name: '取り込んで招待する' }));
    await within(form).findByText('ファイルが大きすぎます（512KBまで）。ファイルを分けてください。');
    expect(h.onImport).not.toHaveBeenCalled();
  });

  it('sends the file’s text as it is (BOM and all) and reports invited, skipped rows and problem rows with their numbers', async () => {
    const h = view();
    const form = importForm();
    const text = '\uFEFF氏名,メールアドレス,コホート\r\n山田 一郎,ichiro@example.jp,2027年春 創業塾\r\n';
    choose(within(form).getByLabelText('CSVファイル'), csvFile(text));
    fireEvent.click(within(form).getByRole('button', { name: '取り込んで招待する' }));
    await within(form).findByText('4行を読み取り、1人に招待メールを送りました。');
    expect(h.onImport).toHaveBeenCalledWith(text);
    expect(within(form).getByText('2行は送りませんでした（すでに招待中・登録済み・ファイル内の重複）。')).toBeTruthy();
    expect(within(form).getByText('1行に問題があり、招待していません。下の表で直してから、もう一度取り込んでください。')).toBeTruthy();
    expect(rows(within(form).getByRole('table', { name: /招待しなかった行/ }))).toEqual([['4', 'メールアドレス', 'メールアドレスの形式ではありません。']]);
    expect(rows(within(form).getByRole('table', { name: /送らなかった行/ }))).toEqual([
      ['3', 'again@example.jp', 'すでに招待中です'], ['5', 'twice@example.jp', 'ファイルの中で同じメールアドレスが前の行にあります'],
    ]);
    setLocale('en');
    expect(rows(within(form).getByRole('table', { name: /Rows not invited/ }))).toEqual([['4', 'Email', 'This is not an email address.']]);
  });

  it.each([
    ['malformed', 'CSVとして読み取れませんでした。引用符（"）の閉じ忘れなどがないか確認してください。'],
    ['header', '1行目に列の見出し（氏名, メールアドレス, コホート）が必要です。ひな形を使うと確実です。'],
    ['too_many', '1回に取り込めるのは500人までです。ファイルを分けてください。'],
  ])('a file refused as a whole (%s) is an error that says nothing was imported', async (problem, text) => {
    view({ onImport: vi.fn(async () => { throw refusal(400, 'invalid_request', { csv: problem }); }) });
    const form = importForm();
    choose(within(form).getByLabelText('CSVファイル'), csvFile('name,email\n"unclosed,x@example.jp\n'));
    fireEvent.click(within(form).getByRole('button', { name: '取り込んで招待する' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe(`このファイルは取り込めませんでした。何も取り込んでいません（誰にもメールを送っていません）。${text}`);
    expect(within(form).queryByRole('table')).toBeNull();
  });

  it('says an import stopped by an unavailable service may have invited some, and that importing again is safe', async () => {
    view({ onImport: vi.fn(async () => { throw refusal(503, 'unavailable'); }) });
    const form = importForm();
    choose(within(form).getByLabelText('CSVファイル'), csvFile('name,email\nA,a@example.jp\n'));
    fireEvent.click(within(form).getByRole('button', { name: '取り込んで招待する' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/一部の人には招待を送った可能性があります。.*同じファイルをもう一度取り込むと、まだ送っていない人にだけ送ります。/);
  });

  it('maps the API’s English reasons to the page’s language, and keeps reasons it does not know', () => {
    expect(problemText('name is empty or longer than 80 characters')).toBe('氏名が空か、80文字を超えています。');
    expect(problemText('no cohort named "2030年 秋" in this municipality')).toBe('「2030年 秋」という期はこの市町村にありません。');
    expect(problemText('something new')).toBe('something new');
    setLocale('en');
    expect(problemText('no cohort named "x" in this municipality')).toBe('This municipality has no cohort named “x”.');
  });

  it('offers templates for Excel: UTF-8 with a BOM, the header the API reads, CRLF', () => {
    view();
    const links = within(importForm()).getAllByRole('link', { name: /ひな形をダウンロード/ });
    const decoded = links.map((a) => decodeURIComponent(a.getAttribute('href')!.replace(/^data:text\/csv;charset=utf-8,/, '')));
    expect(decoded).toEqual(['\uFEFF氏名,メールアドレス,コホート\r\n', '\uFEFFname,email,cohort\r\n']);
    expect(links.map((a) => a.getAttribute('download'))).toEqual(['founders-template-ja.csv', 'founders-template-en.csv']);
    expect(templateHref('en')).toMatch(/^data:text\/csv;charset=utf-8,%EF%BB%BFname%2Cemail%2Ccohort%0D%0A$/);
  });

  it('reads a Shift_JIS file (Excel’s plain CSV) as its Japanese text, and UTF-8 with its BOM kept', async () => {
    const sjis = new Uint8Array([0x8e, 0x81, 0x96, 0xbc, 0x2c, 0x65, 0x6d, 0x61, 0x69, 0x6c]); // 氏名,email
    expect(await readCsvFile(csvFile(sjis))).toBe('氏名,email');
    expect(await readCsvFile(csvFile('\uFEFFname,email'))).toBe('\uFEFFname,email');
  });
});

describe('staff: the people page container', () => {
  it('reads the invitations and cohorts, invites, and reads the list again after an import', async () => {
    const calls: string[] = [];
    let listed = tenantInvitations();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      const u = String(url);
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${u}`);
      if (u.endsWith('/cohorts')) return json({ cohorts: cohorts() });
      if (u.endsWith('/invitations/import')) {
        listed = [invitation({ id: 'inv-imported-aaa', email: 'imported@example.jp' }), ...listed];
        return json(importResult());
      }
      if (u.endsWith('/invitations') && method === 'POST') return json(invitation({ id: 'inv-new-aaaaaaaa', email: 'fresh@example.jp', role: 'staff', cohortId: null, name: null }), 201);
      return json({ items: listed });
    });
    at('/staff/271004/people', () => <PeoplePageContainer tenantId="271004" tenantName="大阪市" />);
    const table = await screen.findByRole('table', { name: '返事待ちの招待（新しい順）' });
    expect(calls).toEqual(expect.arrayContaining(['GET /api/tenants/271004/cohorts', 'GET /api/tenants/271004/invitations']));
    fireEvent.change(within(inviteForm()).getByLabelText('役割'), { target: { value: 'staff' } });
    fireEvent.input(within(inviteForm()).getByLabelText('メールアドレス'), { target: { value: 'fresh@example.jp' } });
    fireEvent.click(within(inviteForm()).getByRole('button', { name: '招待メールを送る' }));
    await waitFor(() => expect(rows(table)[0]![0]).toBe('fresh@example.jp'));
    expect(calls).toContain('POST /api/tenants/271004/invitations');
    choose(within(importForm()).getByLabelText('CSVファイル'), csvFile('name,email\nA,imported@example.jp\n'));
    fireEvent.click(within(importForm()).getByRole('button', { name: '取り込んで招待する' }));
    await waitFor(() => expect(screen.getByRole('table', { name: '返事待ちの招待（新しい順）' }).querySelector('tr[data-email="imported@example.jp"]')).toBeTruthy());
    expect(calls.filter((c) => c === 'GET /api/tenants/271004/invitations')).toHaveLength(2);
  });

  it('shows the API’s refusal (another municipality) with a retry', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => (String(url).endsWith('/cohorts') ? json({ cohorts: [] }) : json({ error: { code: 'forbidden', message: 'no' } }, 403)));
    at('/staff/271004/people', () => <PeoplePageContainer tenantId="271004" tenantName="大阪市" />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/この操作を行う権限がありません。/);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('大阪市の人と招待');
  });
});
