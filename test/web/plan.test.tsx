import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanCheck, PlanView } from '../../functions/contract/business-plan.ts';
import { account } from '../../web/src/api/account.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import HomePlan from '../../web/src/plan/HomePlan.tsx';
import { PlanEditor } from '../../web/src/plan/PlanPage.tsx';
import { PlanReview } from '../../web/src/plan/PlanReview.tsx';
import { meOf } from '../fixtures/web.ts';
import { json, refusal, stubApi } from '../fixtures/web-account.ts';

// The business plan's pages (issue 11): the founder's editor saving as they type, with the API's checks beside the
// fields; attachments posted straight to the bucket; the advisor's review and the staff's read-only view; home's badge.

const U = 'u_founder01';
const figures = (difference = 0): PlanView['figures'] => ({
  funding: { equipment: 2_000_000, operating: 500_000, uses: 2_500_000, sources: 2_500_000 - difference, difference, ownFundsShare: 0.32 },
  outlook: { start: null, stable: null },
});
const imbalance: PlanCheck = {
  section: 'funding', field: 'total', kind: 'funds_unbalanced', severity: 'error', params: { uses: 2_500_000, sources: 2_300_000, difference: 200_000 },
  message: { ja: '必要な資金に対して調達が200,000円足りません。', en: 'Sources are ¥200,000 short of the funds needed.' },
};
const view = (o: Partial<PlanView> = {}): PlanView => ({
  plan: {}, version: 0, updatedAt: null, status: 'draft', review: null, checks: [], figures: figures(), newComments: 0, ...o,
});
const base = `/api/plans/${U}`;
const quiet = { [`GET ${base}/comments`]: json({ comments: [] }), [`GET ${base}/attachments`]: json({ attachments: [] }), [`GET ${base}/versions`]: json({ versions: [], nextCursor: null }) };

const at = (ui: () => JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);

beforeEach(() => { setLocale('ja'); account.mutate(null); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); vi.useRealTimers(); account.mutate(null); });

// Real timers: the editor's debounce (1.5 s) is part of what is tested; a loaded machine needs room.
describe('the founder’s editor', { timeout: 30_000 }, () => {
  it('saves as they type: nothing at once, one PUT a moment after the last keystroke, based on the version loaded; then “saved”', async () => {
    const api = stubApi({ ...quiet, [`PUT ${base}/draft`]: (b) => json(view({ plan: (b as { plan: PlanView['plan'] }).plan, version: 1, updatedAt: '2026-12-04T01:00:00Z' })) });
    at(() => <PlanEditor userId={U} initial={view()} myName="田中 美咲" onReload={() => {}} />);
    const motive = screen.getByLabelText('創業の目的・動機');
    fireEvent.input(motive, { target: { value: '地元で' } });
    fireEvent.input(motive, { target: { value: '地元でカフェを開く' } });
    expect(api.sent('PUT', `${base}/draft`)).toHaveLength(0);
    await waitFor(() => expect(api.sent('PUT', `${base}/draft`)).toHaveLength(1), { timeout: 10_000 });
    expect(api.sent('PUT', `${base}/draft`)[0]!.body).toEqual({ plan: { motive: { text: '地元でカフェを開く' } }, baseVersion: 0 });
    await screen.findByText(/^保存しました/, undefined, { timeout: 10_000 });
    // The next save is based on the version the last one answered.
    fireEvent.input(motive, { target: { value: '地元でカフェを開く。' } });
    await waitFor(() => expect(api.sent('PUT', `${base}/draft`)).toHaveLength(2), { timeout: 10_000 });
    expect((api.sent('PUT', `${base}/draft`)[1]!.body as { baseVersion: number }).baseVersion).toBe(1);
  });

  it('shows a check beside the totals, says how many points to fix, blocks submission, and drops the check once a save answers without it', async () => {
    const api = stubApi({ ...quiet, [`PUT ${base}/draft`]: (b) => json(view({ plan: (b as { plan: PlanView['plan'] }).plan, version: 3, checks: [] })) });
    at(() => <PlanEditor userId={U} initial={view({ version: 2, plan: { funding: { ownFunds: 800_000, jfc: 1_500_000 } }, checks: [imbalance], figures: figures(200_000) })} myName="x" onReload={() => {}} />);
    const totals = document.getElementById('plan-funding-total-checks')!;
    expect(totals.textContent).toContain('200,000円足りません');
    expect(screen.getByText('確認したい点 1件（要修正） ・ 0件（注意）')).toBeTruthy();
    expect((screen.getByRole('button', { name: '指導員に確認を依頼する' }) as HTMLButtonElement).disabled).toBe(true);
    const jfc = screen.getByLabelText('日本政策金融公庫 国民生活事業からの借入');
    expect(jfc.closest('.field')!.textContent).toContain('約150万円');
    fireEvent.input(jfc, { target: { value: '1,700,000' } });
    await waitFor(() => expect(api.sent('PUT', `${base}/draft`)).toHaveLength(1), { timeout: 10_000 });
    expect((api.sent('PUT', `${base}/draft`)[0]!.body as { plan: PlanView['plan'] }).plan.funding).toEqual({ ownFunds: 800_000, jfc: 1_700_000 });
    await waitFor(() => expect(document.getElementById('plan-funding-total-checks')).toBeNull());
    expect((screen.getByRole('button', { name: '指導員に確認を依頼する' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('refuses a yen amount that is not a number in the page, without saving it', async () => {
    const api = stubApi({ ...quiet });
    at(() => <PlanEditor userId={U} initial={view()} myName="x" onReload={() => {}} />);
    const own = screen.getByLabelText('自己資金');
    fireEvent.input(own, { target: { value: '八十万' } });
    expect(own.getAttribute('aria-invalid')).toBe('true');
    expect(own.getAttribute('aria-describedby')).toContain('plan-funding-ownFunds-invalid');
    await new Promise((r) => setTimeout(r, 1700));
    expect(api.sent('PUT', `${base}/draft`)).toHaveLength(0);
  });

  it('stops saving when another tab saved a newer version, and offers to load it', async () => {
    const reload = vi.fn();
    const api = stubApi({ ...quiet, [`PUT ${base}/draft`]: refusal(409, 'stale_version') });
    at(() => <PlanEditor userId={U} initial={view({ version: 4, plan: { motive: { text: 'a' } } })} myName="x" onReload={reload} />);
    fireEvent.input(screen.getByLabelText('業種'), { target: { value: 'カフェ' } });
    await screen.findByText(/別のタブか端末で、より新しい版が保存されています/, undefined, { timeout: 10_000 });
    fireEvent.input(screen.getByLabelText('業種'), { target: { value: 'カフェと軽食' } });
    await new Promise((r) => setTimeout(r, 1700));
    expect(api.sent('PUT', `${base}/draft`)).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '新しい版を読み込む' }));
    expect(reload).toHaveBeenCalled();
  });

  it('adds and removes rows, each input named with its row', async () => {
    stubApi({ ...quiet, [`PUT ${base}/draft`]: (b) => json(view({ plan: (b as { plan: PlanView['plan'] }).plan, version: 1 })) });
    at(() => <PlanEditor userId={U} initial={view()} myName="x" onReload={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: '行を追加：設備資金' }));
    fireEvent.input(screen.getByLabelText('設備資金の内訳（1行目）'), { target: { value: '厨房設備' } });
    expect(screen.getByLabelText('見積先（1行目）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '1行目を削除' }));
    expect(screen.queryByLabelText('設備資金の内訳（1行目）')).toBeNull();
  });

  it('attaches a file: checked in the page first, then ticket → form post to the bucket (fields first, file last) → confirm', async () => {
    const ticket = { url: 'http://127.0.0.1:4568/sogyo-uploads', fields: { key: `incoming/271004/${U}/abcdefghijklmnop`, 'Content-Type': 'application/pdf', Policy: 'e30=', 'X-Amz-Signature': 'ab' }, key: `incoming/271004/${U}/abcdefghijklmnop`, expiresAt: 'x', maxBytes: 10485760 };
    const attachment = { id: 'abcdefghijklmnop', fileName: '見積書.pdf', contentType: 'application/pdf', size: 2048, uploadedAt: '2026-12-04T01:00:00Z', version: 1 };
    let posted: FormData | undefined;
    const api = stubApi({
      ...quiet, [`POST ${base}/attachments/uploads`]: json(ticket, 201), [`POST ${base}/attachments`]: json(attachment, 201),
    });
    const inner = api.spy.getMockImplementation()!;
    api.spy.mockImplementation(async (input, init) => {
      if (String(input) === ticket.url) { posted = init?.body as FormData; return new Response(null, { status: 204 }); }
      return inner(input, init);
    });
    at(() => <PlanEditor userId={U} initial={view({ version: 1 })} myName="x" onReload={() => {}} />);
    const input = screen.getByLabelText('ファイルを選ぶ') as HTMLInputElement;
    const choose = (file: File) => { Object.defineProperty(input, 'files', { value: [file], configurable: true }); fireEvent.change(input); };
    choose(new File(['x'], 'virus.exe', { type: 'application/octet-stream' }));
    expect(screen.getByRole('alert').textContent).toContain('PDF・Word（.docx）');
    const big = new File(['x'], 'big.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    choose(big);
    expect(screen.getByRole('alert').textContent).toContain('10MBを超えています');
    expect(api.sent('POST', `${base}/attachments/uploads`)).toHaveLength(0);
    choose(new File(['%PDF-1.7'], '見積書.pdf', { type: 'application/pdf' }));
    await screen.findByText('「見積書.pdf」を添付しました。');
    expect(api.sent('POST', `${base}/attachments/uploads`)[0]!.body).toEqual({ fileName: '見積書.pdf', contentType: 'application/pdf', size: 8 });
    expect([...posted!.keys()]).toEqual(['key', 'Content-Type', 'Policy', 'X-Amz-Signature', 'file']);
    expect(api.sent('POST', `${base}/attachments`)[0]!.body).toEqual({ key: ticket.key });
    expect(screen.getByRole('button', { name: '「見積書.pdf」をダウンロード' })).toBeTruthy();
  });

  it('shows the advisor’s comments beside their section, threaded, and lets the founder reply', async () => {
    const comments = [
      { id: 'c-aaaaaaaa', section: 'funding', version: 1, text: '自己資金の根拠は？', replyTo: null, authorRole: 'advisor', authorName: '指導 一郎', createdAt: '2026-12-04T02:00:00Z' },
    ];
    const api = stubApi({ ...quiet, [`GET ${base}/comments`]: json({ comments }), [`POST ${base}/comments`]: (b) => json({ ...(b as object), id: 'c-bbbbbbbb', replyTo: 'c-aaaaaaaa', authorRole: 'learner', authorName: '田中 美咲', createdAt: '2026-12-04T03:00:00Z' }, 201) });
    at(() => <PlanEditor userId={U} initial={view({ version: 2, newComments: 1 })} myName="田中 美咲" onReload={() => {}} />);
    expect(screen.getByText('指導員からの新しいコメント 1件')).toBeTruthy();
    const funding = document.getElementById('plan-funding')!;
    await within(funding).findByText('自己資金の根拠は？');
    fireEvent.input(within(funding).getByLabelText('指導 一郎さんへの返信'), { target: { value: '退職金です' } });
    fireEvent.click(within(funding).getByRole('button', { name: '返信する' }));
    await within(funding).findByText('退職金です');
    expect(api.sent('POST', `${base}/comments`)[0]!.body).toEqual({ section: 'funding', version: 2, text: '退職金です', replyTo: 'c-aaaaaaaa' });
    expect(document.getElementById('plan-motive')!.textContent).toContain('この項目へのコメントはまだありません。');
  });
});

describe('the advisor’s review and the staff’s view', () => {
  const founderView = view({ version: 5, status: 'submitted', plan: { motive: { text: '地元でカフェを開く' } }, checks: [imbalance], figures: figures(200_000) });

  it('the advisor reads the plan with its checks, comments on a section and asks for changes on the version shown', async () => {
    const onView = vi.fn();
    const api = stubApi({
      ...quiet,
      [`POST ${base}/comments`]: (b) => json({ ...(b as object), id: 'c-cccccccc', replyTo: null, authorRole: 'advisor', authorName: '指導 一郎', createdAt: '2026-12-04T03:00:00Z' }, 201),
      [`POST ${base}/review`]: (b) => json({ ...founderView, status: (b as { status: string }).status, review: { status: 'needs_work', version: 5, note: '合計を', at: '2026-12-04T03:00:00Z' } }),
    });
    at(() => <PlanReview mode="advisor" userId={U} name="田中 美咲" view={founderView} onView={onView} onReload={() => {}} back="/advisor" />);
    expect(screen.getByRole('heading', { level: 1, name: '田中 美咲さんの創業計画書' })).toBeTruthy();
    expect(screen.getByText('地元でカフェを開く')).toBeTruthy();
    expect(document.body.textContent).toContain('200,000円足りません');
    const funding = screen.getByRole('region', { name: '7. 必要な資金と調達方法' });
    fireEvent.input(within(funding).getByLabelText('この項目にコメントする'), { target: { value: '見積書を添付してください' } });
    fireEvent.click(within(funding).getByRole('button', { name: '送信する' }));
    await within(funding).findByText('見積書を添付してください');
    expect(api.sent('POST', `${base}/comments`)[0]!.body).toEqual({ section: 'funding', version: 5, text: '見積書を添付してください' });
    fireEvent.input(screen.getByLabelText('創業者へのひとこと（任意）'), { target: { value: '合計を' } });
    fireEvent.click(screen.getByRole('button', { name: '修正をお願いする' }));
    await waitFor(() => expect(onView).toHaveBeenCalled());
    expect(api.sent('POST', `${base}/review`)[0]!.body).toEqual({ status: 'needs_work', version: 5, note: '合計を' });
  });

  it('a review of a version the founder has since replaced says so and offers to reload', async () => {
    const reload = vi.fn();
    stubApi({ ...quiet, [`POST ${base}/review`]: refusal(409, 'stale_version') });
    at(() => <PlanReview mode="advisor" userId={U} name="田中 美咲" view={founderView} onView={() => {}} onReload={reload} back="/advisor" />);
    fireEvent.click(screen.getByRole('button', { name: '確認済みにする' }));
    await screen.findByText(/創業者がより新しい版を保存しました/);
    fireEvent.click(screen.getByRole('button', { name: '読み込み直す' }));
    expect(reload).toHaveBeenCalled();
  });

  it('staff read the plan, the comments and the files, with no form to write', async () => {
    stubApi({ ...quiet });
    at(() => <PlanReview mode="staff" userId={U} name="田中 美咲" view={founderView} onView={() => {}} onReload={() => {}} back="/staff/271004/founders/u" />);
    expect(screen.getByText('地元でカフェを開く')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '確認済みにする' })).toBeNull();
    expect(screen.queryByLabelText('この項目にコメントする')).toBeNull();
    expect(document.querySelectorAll('textarea')).toHaveLength(0);
  });

  it('reads in English', () => {
    setLocale('en');
    stubApi({ ...quiet });
    at(() => <PlanReview mode="advisor" userId={U} name="Misaki" view={founderView} onView={() => {}} onReload={() => {}} back="/advisor" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Misaki’s business plan' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ask for changes' })).toBeTruthy();
    expect(document.body.textContent).toContain('Sources are ¥200,000 short');
  });
});

describe('home', () => {
  it('shows the plan’s state and the advisor’s new comments, linking to the plan', async () => {
    account.mutate(meOf());
    const id = account.me()!.user.id;
    stubApi({ [`GET /api/plans/${id}`]: json(view({ version: 3, status: 'needs_work', newComments: 2 })) });
    at(() => <HomePlan />);
    await screen.findByText('指導員からの新しいコメント 2件');
    expect(screen.getByText('状態：要修正（第3版）')).toBeTruthy();
    expect(screen.getByRole('link', { name: '創業計画書を開く' }).getAttribute('href')).toBe('/plan');
  });
});
