import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionBody } from '../../functions/contract/seminars.ts';
import { ApiFailure } from '../../web/src/api/client.ts';
import { markAll } from '../../web/src/api/sessions.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { RuleExplanationView, RuleFormView } from '../../web/src/staff/RuleForm.tsx';
import { CheckinScreen, DoorList, FollowUpView, SessionView, WalkIn } from '../../web/src/staff/Session.tsx';
import { checkSession, type SessionDraft, SessionsCard, SessionsView } from '../../web/src/staff/Sessions.tsx';
import { cohorts, eligibilityRule, publicCourse } from '../fixtures/web.ts';
import { json, stubApi } from '../fixtures/web-account.ts';
import { doorRows, followUp, followUpRow, sessionView } from '../fixtures/seminars.ts';

// The staff side of blended seminars: the schedule and its form, one session's door list, check-in screen, walk-ins and
// follow-up, the dashboard's card, and the rule in words.

const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => <Router><Route path="*" component={ui} /></Router>);
};
const rows = (table: HTMLElement) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
const result = (o: Partial<{ changed: number }> = {}) => ({ changed: o.changed ?? 1, unchanged: 0, notFound: [], counts: { present: 1, excused: 0, absent: 0, madeUp: 0 } });
const count = (k: string) => document.querySelector(`[data-count="${k}"] dd`)!.textContent;

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); vi.useRealTimers(); history.replaceState(null, '', '/'); });

describe('the session form’s checks mirror the contract', () => {
  const draft = (o: Partial<SessionDraft> = {}): SessionDraft => ({
    cohortId: 'spring-2027', title: ' 創業塾 第1回 ', date: '2026-12-10', start: '18:30', end: '20:30', place: '大阪産業創造館', onlineUrl: '', capacity: '40',
    areas: ['finance', 'management'], courseId: 'kiso', moduleIds: ['m1'], ...o,
  });

  it('turns a valid form into a body the contract accepts, in Japan time, areas in the law’s order', () => {
    const { body, errors } = checkSession(draft());
    expect(errors).toEqual({});
    expect(body).toEqual({
      cohortId: 'spring-2027', title: '創業塾 第1回', startsAt: '2026-12-10T18:30:00+09:00', endsAt: '2026-12-10T20:30:00+09:00',
      place: '大阪産業創造館', onlineUrl: null, capacity: 40, areas: ['management', 'finance'], courseId: 'kiso', moduleIds: ['m1'],
    });
    expect(SessionBody.safeParse(body).success).toBe(true);
    expect(Date.parse(body!.startsAt)).toBe(Date.parse('2026-12-10T09:30:00Z'));
  });

  it.each([
    ['no cohort', { cohortId: '' }, 'cohortId', 'sessions.error.cohort'],
    ['an empty title', { title: '  ' }, 'title', 'sessions.error.title'],
    ['a title over 80', { title: 'あ'.repeat(81) }, 'title', 'sessions.error.title'],
    ['no date', { date: '' }, 'date', 'sessions.error.date'],
    ['an end before the start', { end: '18:00' }, 'end', 'sessions.error.order'],
    ['over 12 hours', { start: '07:00', end: '19:30' }, 'end', 'sessions.error.long'],
    ['neither place nor link', { place: ' ' }, 'place', 'sessions.error.placeOrOnline'],
    ['a plain-http link', { onlineUrl: 'http://meet.example.jp/x' }, 'onlineUrl', 'sessions.error.onlineUrl'],
    ['capacity 0', { capacity: '0' }, 'capacity', 'sessions.error.capacity'],
    ['capacity 1001', { capacity: '1001' }, 'capacity', 'sessions.error.capacity'],
    ['no area', { areas: [] }, 'areas', 'sessions.error.areas'],
    ['no module', { moduleIds: [] }, 'moduleIds', 'sessions.error.modules'],
  ] as const)('refuses %s, as the contract does', (_name, o, field, key) => {
    const d = draft(o as Partial<SessionDraft>);
    expect(checkSession(d).errors).toEqual({ [field]: key });
    // The same input, as the server would receive it, is refused by the contract too.
    const raw = {
      cohortId: d.cohortId, title: d.title, startsAt: d.date ? `${d.date}T${d.start}:00+09:00` : '', endsAt: d.date ? `${d.date}T${d.end}:00+09:00` : '',
      place: d.place.trim() || null, onlineUrl: d.onlineUrl || null, capacity: d.capacity ? Number(d.capacity) : null, areas: d.areas, courseId: d.courseId, moduleIds: d.moduleIds,
    };
    expect(SessionBody.safeParse(raw).success).toBe(false);
  });

  it('an online-only session needs no place', () => {
    expect(checkSession(draft({ place: '', onlineUrl: 'https://meet.example.jp/abc' })).body?.place).toBeNull();
  });
});

describe('sessions page', () => {
  const now = new Date('2026-12-04T01:00:00Z');
  const list = () => [
    sessionView(),
    sessionView({ id: 'sess-0000-past', title: '創業塾 第0回 心構え', startsAt: '2026-11-20T09:30:00.000Z', endsAt: '2026-11-20T11:30:00.000Z', state: 'followed_up',
      place: null, onlineUrl: 'https://meet.example.jp/x', counts: { present: 30, excused: 3, absent: 7, madeUp: 4 } }),
  ];
  const view = (o: Partial<Parameters<typeof SessionsView>[0]> = {}) => {
    const h = { onCreate: vi.fn(async (b: SessionBody) => sessionView({ title: b.title })), onUpdate: vi.fn(async (_id: string, b: SessionBody) => sessionView({ title: b.title })), onDelete: vi.fn(async () => undefined) };
    at('/staff/271004/sessions', () => <SessionsView tenantId="271004" tenantName="大阪市" sessions={list()} cohorts={cohorts()} courses={[publicCourse()]} now={now} {...h} {...o} />);
    return h;
  };

  it('lists sessions in Japan time with cohort, place, state and counts, each linking to its page', () => {
    view();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('大阪市の講座・出欠');
    const table = within(screen.getByRole('region', { name: /講座の一覧/ })).getByRole('table');
    const r = rows(table);
    expect(r[0]!.slice(0, 6)).toEqual(['創業塾 第1回 事業計画', '2026年12月10日(木) 18:30〜20:30', '2027年春 創業塾', '大阪産業創造館 5階', '開始前', '出席 0・欠席 0・連絡あり 0・補講済み 0']);
    expect(r[1]!.slice(0, 6)).toEqual(['創業塾 第0回 心構え', '2026年11月20日(金) 18:30〜20:30', '2027年春 創業塾', 'オンラインのみ', '終了（補講を割り当て済み）', '出席 30・欠席 7・連絡あり 3・補講済み 4']);
    expect(r[1]![6]).toBe('開始後は変更できません');
    expect(screen.getByRole('link', { name: '創業塾 第1回 事業計画' }).getAttribute('href')).toBe('/staff/271004/sessions/sess-0001-abcd');
    expect(screen.queryByRole('button', { name: '編集：創業塾 第0回 心構え' })).toBeNull();
  });

  it('adds a session from the form: cohort, title, day and times, place, areas and modules', async () => {
    const h = view();
    const form = screen.getByRole('region', { name: '講座を登録する' });
    const w = within(form);
    fireEvent.click(w.getByRole('button', { name: '登録する' }));
    expect(await w.findByText('期を選んでください。')).toBeTruthy();
    expect(h.onCreate).not.toHaveBeenCalled();
    fireEvent.change(w.getByLabelText('期'), { target: { value: 'spring-2027' } });
    fireEvent.input(w.getByLabelText('講座名'), { target: { value: '創業塾 第2回 資金計画' } });
    fireEvent.input(w.getByLabelText('開催日'), { target: { value: '2026-12-17' } });
    fireEvent.input(w.getByLabelText('開始時刻（日本時間）'), { target: { value: '18:30' } });
    fireEvent.input(w.getByLabelText('終了時刻（日本時間）'), { target: { value: '21:00' } });
    fireEvent.input(w.getByLabelText('会場'), { target: { value: '大阪産業創造館' } });
    fireEvent.input(w.getByLabelText('定員'), { target: { value: '30' } });
    fireEvent.click(w.getByLabelText('財務'));
    fireEvent.click(w.getByLabelText(/資金計画/));
    fireEvent.click(w.getByRole('button', { name: '登録する' }));
    expect(await w.findByText('「創業塾 第2回 資金計画」を登録しました。')).toBeTruthy();
    expect(h.onCreate).toHaveBeenCalledWith({
      cohortId: 'spring-2027', title: '創業塾 第2回 資金計画', startsAt: '2026-12-17T18:30:00+09:00', endsAt: '2026-12-17T21:00:00+09:00',
      place: '大阪産業創造館', onlineUrl: null, capacity: 30, areas: ['finance'], courseId: 'kiso', moduleIds: ['m2'],
    });
  });

  it('shows the API’s refusal at its field', async () => {
    view({ onUpdate: vi.fn(async () => { throw new ApiFailure(400, 'invalid_request', 'bad', { 'onlineUrl': 'Invalid URL', 'endsAt': 'a session lasts at most 12 hours' }); }) });
    fireEvent.click(screen.getByRole('button', { name: '編集：創業塾 第1回 事業計画' }));
    const form = within(screen.getByRole('region', { name: '「創業塾 第1回 事業計画」を編集' }));
    expect((form.getByLabelText('開始時刻（日本時間）') as HTMLInputElement).value).toBe('18:30');
    expect((form.getByLabelText('開催日') as HTMLInputElement).value).toBe('2026-12-10');
    fireEvent.click(form.getByRole('button', { name: '保存する' }));
    expect(await form.findByText('https:// で始まるURLを500文字以内で入力してください。')).toBeTruthy();
    expect(form.getByLabelText('オンライン参加のリンク').getAttribute('aria-invalid')).toBe('true');
    expect(form.getByText('1回の講座は12時間以内にしてください。')).toBeTruthy();
  });

  it('deletes a session not yet started after a confirmation; a refusal (already started) is shown', async () => {
    const onDelete = vi.fn(async () => { throw new ApiFailure(409, 'session_locked', 'locked'); });
    view({ onDelete });
    fireEvent.click(screen.getByRole('button', { name: '削除：創業塾 第1回 事業計画' }));
    expect(screen.getByText(/「創業塾 第1回 事業計画」を削除しますか？/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '削除する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('この回はすでに始まっているか');
    expect(onDelete).toHaveBeenCalledWith('sess-0001-abcd');
    // Still listed.
    expect(screen.getByRole('link', { name: '創業塾 第1回 事業計画' })).toBeTruthy();
  });
});

describe('door list', () => {
  it('marks everyone shown present in ONE request, after filtering by name, and counts at once', async () => {
    const send = vi.fn(async (_marks: unknown[]) => result({ changed: 2 }));
    at('/', () => <DoorList rows={[...doorRows(40), followUpRow({ userId: 'u-tanaka-0001', name: '田中 美咲', status: 'excused' })]} send={send} />);
    expect(count('unmarked')).toBe('40人');
    expect(count('excused')).toBe('1人');
    fireEvent.input(screen.getByLabelText('名前で絞り込む'), { target: { value: '創業者 0' } });
    expect(screen.getAllByRole('group')).toHaveLength(9);
    fireEvent.click(screen.getByRole('button', { name: '表示中の9人をすべて選ぶ' }));
    fireEvent.click(screen.getByRole('button', { name: '選んだ9人を出席にする' }));
    expect(count('present')).toBe('9人');
    expect(count('unmarked')).toBe('31人');
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toEqual(Array.from({ length: 9 }, (_, i) => ({ userId: `u-founder-000${i + 1}`, status: 'present' })));
    expect(await screen.findByText('9人の出欠を記録しました。')).toBeTruthy();
    // The selection is cleared once saved.
    expect(screen.getByRole('button', { name: '選んだ0人を出席にする' }).hasAttribute('disabled')).toBe(true);
  });

  it('one tap marks one founder; the pressed state says which mark they have', async () => {
    const send = vi.fn(async () => result());
    at('/', () => <DoorList rows={doorRows(3)} send={send} />);
    const absent = screen.getByRole('button', { name: '欠席：創業者 02' });
    expect(absent.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(absent);
    expect(absent.getAttribute('aria-pressed')).toBe('true');
    expect(send).toHaveBeenCalledWith([{ userId: 'u-founder-0002', status: 'absent' }]);
    // The same mark again sends nothing.
    fireEvent.click(absent);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('puts the marks back when the server refuses, and says why', async () => {
    const send = vi.fn(async () => { throw new ApiFailure(503, 'unavailable', 'down'); });
    at('/', () => <DoorList rows={[...doorRows(2), followUpRow({ userId: 'u-x-00000003', name: '山本 大輔', status: 'absent' })]} send={send} />);
    fireEvent.click(screen.getByRole('checkbox', { name: /創業者 01/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /山本 大輔/ }));
    fireEvent.click(screen.getByRole('button', { name: '選んだ2人を出席にする' }));
    expect(count('present')).toBe('2人');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('出欠を記録できなかったため、表示を元に戻しました。');
    expect(count('present')).toBe('0人');
    expect(count('absent')).toBe('1人');
    expect(screen.getByRole('button', { name: '欠席：山本 大輔' }).getAttribute('aria-pressed')).toBe('true');
    // Still selected, to try again.
    expect(screen.getByRole('button', { name: '選んだ2人を出席にする' }).hasAttribute('disabled')).toBe(false);
  });

  it('sends more than 100 marks in batches of 100 (the contract’s limit)', async () => {
    const api = stubApi({ 'POST /api/tenants/271004/sessions/sess-0001-abcd/attendance': () => json(result()) });
    const marks = doorRows(130).map((r) => ({ userId: r.userId, status: 'present' as const }));
    await markAll('271004', 'sess-0001-abcd', marks);
    const sent = api.sent('POST', '/api/tenants/271004/sessions/sess-0001-abcd/attendance').map((c) => (c.body as { marks: unknown[] }).marks.length);
    expect(sent).toEqual([100, 30]);
  });

  it('the session page sends the door list’s bulk marking as one attendance request', async () => {
    const api = stubApi({
      'POST /api/tenants/271004/sessions/sess-0001-abcd/attendance': () => json(result({ changed: 3 })),
      'GET /api/tenants/271004/sessions/sess-0001-abcd/follow-up': json(followUp()),
    });
    at('/', () => <SessionView tenantId="271004" data={followUp()} reload={vi.fn()} send={(m) => markAll('271004', 'sess-0001-abcd', m)} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('創業塾 第1回 事業計画');
    fireEvent.click(screen.getByRole('button', { name: '表示中の3人をすべて選ぶ' }));
    fireEvent.click(screen.getByRole('button', { name: '選んだ3人を出席にする' }));
    await screen.findByText('3人の出欠を記録しました。');
    expect(api.sent('POST', '/api/tenants/271004/sessions/sess-0001-abcd/attendance')).toHaveLength(1);
  });
});

describe('check-in screen and walk-ins', () => {
  const display = (o: Record<string, unknown> = {}) => ({
    open: true, opensAt: '2026-12-10T09:00:00.000Z', closesAt: '2026-12-10T11:30:00.000Z', url: 'https://campus.example/checkin/271004/sess-0001-abcd#c=abc',
    qr: 'data:image/svg+xml;base64,PHN2Zy8+', refreshAt: new Date(Date.now() + 1000).toISOString(), ...o,
  });

  it('shows a large QR code with the session title, and reads the next one at refreshAt by itself', async () => {
    const load = vi.fn(async () => display({ qr: `data:image/svg+xml;base64,${load.mock.calls.length}` }));
    at('/', () => <CheckinScreen title="創業塾 第1回 事業計画" load={load} />);
    const img = await screen.findByRole('img', { name: '創業塾 第1回 事業計画のチェックイン用QRコード' });
    expect(img.getAttribute('src')).toBe('data:image/svg+xml;base64,1');
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2), { timeout: 3000 });
    await waitFor(() => expect(screen.getByRole('img', { name: /チェックイン用QRコード/ }).getAttribute('src')).toBe('data:image/svg+xml;base64,2'));
  });

  it('when closed, says when check-in opens (Japan time)', async () => {
    at('/', () => <CheckinScreen title="x" now={() => new Date('2026-12-10T08:00:00Z')} load={async () => display({ open: false, qr: null, url: null, refreshAt: null })} />);
    expect((await screen.findByRole('status')).textContent).toBe('チェックインは2026年12月10日 18:00から受け付けます（2026年12月10日 20:30まで）。時間になると自動で表示します。');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows the cohort’s code and a QR code of the sign-up page with it', async () => {
    at('/', () => <WalkIn code="OSAKA-2027" origin="https://campus.example" />);
    expect(screen.getByText('OSAKA-2027')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'https://campus.example/signup?code=OSAKA-2027' })).toBeTruthy();
    const img = await screen.findByRole('img', { name: '新規登録ページのQRコード（登録コード OSAKA-2027）' });
    expect(decodeURIComponent(img.getAttribute('src')!)).toMatch(/^data:image\/svg\+xml;charset=utf-8,<svg/);
  });

  it('says where to issue a code when the cohort has none', () => {
    at('/', () => <WalkIn code={null} origin="https://campus.example" />);
    expect(screen.getByText(/この期に使える登録コードがありません/)).toBeTruthy();
  });
});

describe('follow-up', () => {
  const data = () => followUp({
    session: sessionView({ state: 'followed_up', followedUpAt: '2026-12-10T12:00:00.000Z' }),
    rows: [
      followUpRow({ userId: 'u-1', name: '遅 一郎', status: 'absent', via: 'job', makeUp: { dueOn: '2026-12-24', state: 'overdue', madeUpAt: null }, followUp: 'overdue' }),
      followUpRow({ userId: 'u-2', name: '中 二郎', status: 'excused', via: 'notice', makeUp: { dueOn: '2027-01-07', state: 'open', madeUpAt: null }, followUp: 'pending' }),
      followUpRow({ userId: 'u-3', name: '欠 三郎', status: 'absent', via: 'staff', followUp: 'absent' }),
      followUpRow({ userId: 'u-4', name: '連 四郎', status: 'excused', via: 'notice', followUp: 'excused' }),
      followUpRow({ userId: 'u-5', name: '未 五郎', followUp: 'unmarked' }),
      followUpRow({ userId: 'u-6', name: '補 六郎', status: 'absent', via: 'job', makeUp: { dueOn: '2026-12-24', state: 'done', madeUpAt: '2026-12-20T01:00:00.000Z' }, followUp: 'made_up' }),
      followUpRow({ userId: 'u-7', name: '出 七郎', status: 'present', via: 'checkin', followUp: 'present' }),
    ],
  });

  it('lists every founder in the API’s order (overdue first) with clear labels, and offers the CSV', () => {
    at('/', () => <FollowUpView data={data()} csvUrl="/api/tenants/271004/sessions/sess-0001-abcd/follow-up.csv" />);
    const table = within(screen.getByRole('region', { name: /対応が必要な人から順/ })).getByRole('table');
    expect(rows(table).map((r) => [r[0]!.replace('misaki@example.jp', ''), ...r.slice(1)])).toEqual([
      ['遅 一郎', '補講の期限切れ', '欠席', '終了時に自動', '2026年12月24日'],
      ['中 二郎', '補講中（期限前）', '連絡あり欠席', '本人の連絡', '2027年1月7日'],
      ['欠 三郎', '欠席', '欠席', '担当者', 'なし'],
      ['連 四郎', '連絡あり欠席', '連絡あり欠席', '本人の連絡', 'なし'],
      ['未 五郎', '未記録', '未記録', 'なし', 'なし'],
      ['補 六郎', '補講済み', '欠席', '終了時に自動', '2026年12月24日'],
      ['出 七郎', '出席', '出席', 'QRコード', 'なし'],
    ]);
    const csv = screen.getByRole('link', { name: 'フォローアップの一覧をCSVでダウンロード' });
    expect(csv.getAttribute('href')).toBe('/api/tenants/271004/sessions/sess-0001-abcd/follow-up.csv');
    expect(csv.hasAttribute('download')).toBe(true);
  });

  it('reads in English', () => {
    setLocale('en');
    at('/', () => <FollowUpView data={data()} csvUrl="/x.csv" />);
    expect(screen.getByText('Make-up overdue')).toBeTruthy();
    expect(screen.getByText('Made up')).toBeTruthy();
    expect(screen.getByText('Make-up pending')).toBeTruthy();
  });

  it('an ended session opens on its follow-up', () => {
    at('/', () => <SessionView tenantId="271004" data={data()} reload={vi.fn()} send={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'フォローアップ' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('heading', { level: 2, name: 'フォローアップ' })).toBeTruthy();
  });
});

describe('dashboard card and the rule in words', () => {
  it('shows upcoming sessions (soonest first), then recent ones, with present / absent / made up, each linking to its page', () => {
    const sessions = [
      sessionView({ id: 'sess-later-0001', title: '第3回', startsAt: '2026-12-24T09:30:00.000Z', endsAt: '2026-12-24T11:30:00.000Z' }),
      sessionView(),
      sessionView({ id: 'sess-0000-past', title: '第0回', startsAt: '2026-11-20T09:30:00.000Z', endsAt: '2026-11-20T11:30:00.000Z', state: 'followed_up', counts: { present: 30, excused: 3, absent: 7, madeUp: 4 } }),
    ];
    at('/', () => <SessionsCard tenantId="271004" sessions={sessions} now={new Date('2026-12-04T01:00:00Z')} />);
    const items = [...document.querySelectorAll('.dash-session-list li')];
    expect(items.map((li) => li.querySelector('a')!.textContent)).toEqual(['創業塾 第1回 事業計画', '第3回', '第0回']);
    expect(items[2]!.textContent).toContain('出席 30人・欠席 10人（連絡ありを含む）・補講済み 4人');
    expect(screen.getByRole('link', { name: '第0回' }).getAttribute('href')).toBe('/staff/271004/sessions/sess-0000-past');
    expect(screen.getByRole('link', { name: 'すべての講座と出欠を見る' }).getAttribute('href')).toBe('/staff/271004/sessions');
  });

  it('shows the rule explained in words in the current language, above the form', () => {
    const explanation = { ja: ['4つの分野すべてを学習すること。', '会場またはオンラインで1回以上出席すること。'], en: ['Study all four areas.', 'Attend at least one session, at the venue or online.'] };
    at('/', () => <RuleFormView tenantName="大阪市" rule={eligibilityRule()} save={vi.fn()} explanation={<RuleExplanationView explanation={explanation} />} />);
    const words = screen.getByRole('region', { name: 'この要件を文章にすると' });
    expect([...words.querySelectorAll('li')].map((li) => li.textContent)).toEqual(explanation.ja);
    cleanup();
    setLocale('en');
    at('/', () => <RuleExplanationView explanation={explanation} />);
    expect(screen.getByRole('heading', { name: 'This rule in words' })).toBeTruthy();
    expect(screen.getByText('Study all four areas.')).toBeTruthy();
  });

  it('says when the words cannot be read, with a retry', () => {
    const retry = vi.fn();
    at('/', () => <RuleExplanationView explanation={undefined} error={new ApiFailure(503, 'unavailable', 'x')} onRetry={retry} />);
    fireEvent.click(screen.getByRole('button', { name: 'もう一度試す' }));
    expect(retry).toHaveBeenCalled();
  });
});

