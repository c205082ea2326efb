import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { account } from '../../web/src/api/account.ts';
import { RecordTables } from '../../web/src/components/RecordTables.tsx';
import { setLocale } from '../../web/src/i18n/index.ts';
import { CheckinPage, forgetCheckins } from '../../web/src/learner/Checkin.tsx';
import HomeSeminars, { AssignmentsView } from '../../web/src/learner/HomeSeminars.tsx';
import { evidenceRecord, meOf, publicCourse } from '../fixtures/web.ts';
import { json, refusal, stubApi } from '../fixtures/web-account.ts';
import { assignmentView, founderSession } from '../fixtures/seminars.ts';

// The founder's side of blended seminars: make-ups and assignments and the cohort's sessions on the home page, the
// check-in page the venue's QR code opens, and how a session shows in the evidence record.

const at = (path: string, ui: () => JSX.Element) => {
  history.replaceState(null, '', path);
  return render(() => (
    <Router>
      <Route path="/signin" component={() => <h1>sign-in page</h1>} />
      <Route path="/checkin/:tenantId/:sessionId" component={ui} />
      <Route path="*" component={ui} />
    </Router>
  ));
};

beforeEach(() => { setLocale('ja'); sessionStorage.clear(); forgetCheckins(); account.mutate(null); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); history.replaceState(null, '', '/'); account.mutate(null); });

describe('home: assignments', () => {
  const list = () => [
    assignmentView({ id: 'asg-late-000001', dueOn: '2026-12-01', state: 'overdue', source: { kind: 'makeup', sessionId: 's-old-000001', sessionTitle: '創業塾 第0回 心構え', areas: ['management'] } }),
    assignmentView({ id: 'asg-open-000002', state: 'open' }),
    assignmentView({
      id: 'asg-adv-0000003', dueOn: '2026-12-30', state: 'open', note: '年内にお願いします',
      modules: [{ moduleId: 'm2', title: { ja: '資金計画', en: 'Funding plan' }, completed: true }, { moduleId: 'm9', title: { ja: '新しい単元', en: 'New' }, completed: false }],
      source: { kind: 'advisor', byUserId: 'u-adv', byName: '佐藤 指導員' },
    }),
    assignmentView({ id: 'asg-done-000004', state: 'done', completedAt: '2026-12-05T03:00:00.000Z', source: { kind: 'staff', byUserId: 'u-st', byName: '大阪 担当' } }),
  ];

  it('shows open ones in the API’s order, a make-up as 「補講：<session>」 with its due date, overdue ones marked', () => {
    at('/', () => <AssignmentsView assignments={list()} courses={[publicCourse()]} />);
    const items = [...document.querySelectorAll('.assignment-list > li')] as HTMLElement[];
    expect(items.map((li) => li.querySelector('h3')!.textContent)).toEqual(['補講：創業塾 第0回 心構え', '補講：創業塾 第1回 事業計画', '佐藤 指導員さんからの課題']);
    expect(items[0]!.textContent).toContain('期限：2026年12月1日');
    expect(within(items[0]!).getByText('期限を過ぎています')).toBeTruthy();
    expect(items[0]!.getAttribute('data-state')).toBe('overdue');
    expect(within(items[1]!).queryByText('期限を過ぎています')).toBeNull();
    expect(items[1]!.textContent).toContain('期限：2026年12月24日');
    expect(items[2]!.textContent).toContain('年内にお願いします');
    // Done ones are folded away below the open ones.
    expect(screen.getByText('済んだ課題（1件）')).toBeTruthy();
  });

  it('links each module to its first lesson (the course outline when the course is not known), with its state', () => {
    at('/', () => <AssignmentsView assignments={list()} courses={[publicCourse()]} />);
    const adv = document.querySelectorAll('.assignment-list > li')[2] as HTMLElement;
    expect(within(adv).getByRole('link', { name: '資金計画' }).getAttribute('href')).toBe('/courses/kiso/m2/l1');
    expect(within(adv).getByRole('link', { name: '新しい単元' }).getAttribute('href')).toBe('/courses/kiso');
    expect(adv.querySelector('.done')!.textContent).toBe('✓ 修了');
    // An advisor's assignment leads to booking a consultation about it (issue 11, point 6).
    expect(within(adv).getByRole('link', { name: 'この課題について経営指導員に相談を予約する' }).getAttribute('href')).toBe('/consultations?from=assignment&assignment=asg-adv-0000003');
    expect(within(document.querySelector('.assignment-list > li') as HTMLElement).queryByRole('link', { name: /相談を予約/ })).toBeNull();
    const first = document.querySelector('.assignment-list > li') as HTMLElement;
    expect(within(first).getByRole('link', { name: '事業コンセプト' }).getAttribute('href')).toBe('/courses/kiso/m1/l1');
  });

  it('reads in English', () => {
    setLocale('en');
    at('/', () => <AssignmentsView assignments={list()} courses={[publicCourse()]} />);
    expect(screen.getByRole('heading', { level: 3, name: 'Make-up: 創業塾 第0回 心構え' })).toBeTruthy();
    expect(screen.getByText('Overdue')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Business concept' })).toHaveLength(2);
    expect(screen.getByText('Completed assignments (1)')).toBeTruthy();
  });

  it('shows nothing when there is nothing assigned', () => {
    at('/', () => <AssignmentsView assignments={[]} courses={[]} />);
    expect(document.querySelector('.assignments')).toBeNull();
  });
});

describe('home: the cohort’s sessions (container)', () => {
  const serve = (o: { upcoming?: ReturnType<typeof founderSession>[]; absence?: (body: unknown) => Response } = {}) => stubApi({
    'GET /api/assignments': json({ assignments: [assignmentView({ state: 'overdue', dueOn: '2026-12-01' })] }),
    'GET /api/sessions': json({ upcoming: o.upcoming ?? [founderSession()], past: [] }),
    'GET /content/kiso/course.json': json(publicCourse()),
    'PUT /api/sessions/271004/sess-0001-abcd/absence': o.absence ?? ((b) => json(founderSession({ myStatus: (b as { absent: boolean }).absent ? 'excused' : null }))),
  });

  it('lists upcoming sessions in Japan time with the place and an .ics link, after the make-up', async () => {
    serve({ upcoming: [founderSession(), founderSession({ id: 'sess-0002-abcd', title: '創業塾 第2回 資金', place: null, onlineUrl: 'https://meet.example.jp/abc', startsAt: '2026-12-17T09:30:00.000Z', endsAt: '2026-12-17T12:00:00.000Z' })] });
    at('/', () => <HomeSeminars />);
    const sessions = await screen.findByRole('region', { name: '講座の予定' });
    const first = within(sessions).getAllByRole('listitem')[0]!;
    expect(first.textContent).toContain('2026年12月10日(木) 18:30〜20:30');
    expect(first.textContent).toContain('会場：大阪産業創造館 5階');
    expect(within(first).getByRole('link', { name: 'カレンダーに追加：創業塾 第1回 事業計画' }).getAttribute('href')).toBe('/api/sessions/271004/sess-0001-abcd/calendar.ics');
    const second = within(sessions).getAllByRole('listitem')[1]!;
    expect(second.textContent).toContain('2026年12月17日(木) 18:30〜21:00');
    expect(within(second).getByRole('link', { name: 'オンライン参加のリンク：創業塾 第2回 資金' }).getAttribute('href')).toBe('https://meet.example.jp/abc');
    // The make-up comes first on the page.
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['取り組む課題', '講座の予定']);
  });

  it('says "I can’t come" and takes it back, one request each, showing the server’s answer', async () => {
    const api = serve();
    at('/', () => <HomeSeminars />);
    fireEvent.click(await screen.findByRole('button', { name: '参加できない：創業塾 第1回 事業計画' }));
    expect(await screen.findByText(/欠席の連絡をしました/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'やはり参加できる：創業塾 第1回 事業計画' }));
    await screen.findByRole('button', { name: '参加できない：創業塾 第1回 事業計画' });
    expect(screen.queryByText(/欠席の連絡をしました/)).toBeNull();
    expect(api.sent('PUT', '/api/sessions/271004/sess-0001-abcd/absence').map((c) => c.body)).toEqual([{ absent: true }, { absent: false }]);
  });

  it('shows the refusal when check-in has opened meanwhile, and keeps the session as it was', async () => {
    serve({ absence: () => refusal(409, 'session_locked') });
    at('/', () => <HomeSeminars />);
    fireEvent.click(await screen.findByRole('button', { name: '参加できない：創業塾 第1回 事業計画' }));
    expect((await screen.findByRole('alert')).textContent).toContain('この回はすでに始まっているか');
    expect(screen.queryByText(/欠席の連絡をしました/)).toBeNull();
  });

  it('during check-in says to scan the code at the venue, and offers no absence toggle', async () => {
    serve({ upcoming: [founderSession({ state: 'open' })] });
    at('/', () => <HomeSeminars />);
    expect(await screen.findByText('チェックインを受け付けています。会場の画面のQRコードをスマートフォンで読み取ってください。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /参加できない/ })).toBeNull();
  });
});

describe('check-in page', () => {
  const PATH = '/api/sessions/271004/sess-0001-abcd/checkin';
  const CODE = 'Zx9-code_1234abcd';
  const open = () => at(`/checkin/271004/sess-0001-abcd#c=${CODE}`, () => <CheckinPage />);

  it('takes the code out of the address, posts it once, and says the founder is marked present', async () => {
    account.mutate(meOf());
    const api = stubApi({ [`POST ${PATH}`]: json({ session: founderSession({ state: 'open', myStatus: 'present' }), alreadyPresent: false }) });
    open();
    expect(location.hash).toBe('');
    expect(location.pathname).toBe('/checkin/271004/sess-0001-abcd');
    expect(await screen.findByRole('heading', { level: 2, name: '✓ 出席を記録しました' })).toBeTruthy();
    expect(screen.getByText('創業塾 第1回 事業計画')).toBeTruthy();
    expect(screen.getByText('2026年12月10日(木) 18:30〜20:30')).toBeTruthy();
    expect(api.sent('POST', PATH).map((c) => c.body)).toEqual([{ code: CODE }]);
    // Used up: a reload of the page does not send it again.
    expect(sessionStorage.length).toBe(0);
  });

  it('a page shown again while the account is re-read (the guard unmounts and remounts it) does not post the code twice', async () => {
    account.mutate(meOf());
    let answer!: (r: Response) => void;
    const api = stubApi({ [`POST ${PATH}`]: () => new Promise<Response>((r) => { answer = r; }) });
    open();
    await waitFor(() => expect(api.sent('POST', PATH)).toHaveLength(1));
    account.mutate(undefined);
    await screen.findByText('読み込んでいます…');
    account.mutate(meOf());
    answer(json({ session: founderSession({ state: 'open', myStatus: 'present' }), alreadyPresent: false }));
    expect(await screen.findByText('✓ 出席を記録しました')).toBeTruthy();
    expect(api.sent('POST', PATH)).toHaveLength(1);
  });

  it('says so when the founder was already marked present', async () => {
    account.mutate(meOf());
    stubApi({ [`POST ${PATH}`]: json({ session: founderSession({ state: 'open', myStatus: 'present' }), alreadyPresent: true }) });
    open();
    expect(await screen.findByText('この回の出席はすでに記録されています。')).toBeTruthy();
  });

  it.each([
    [400, 'checkin_invalid', 'このチェックインコードは無効か、有効期限が切れています。'],
    [409, 'checkin_closed', 'この回のチェックインは現在受け付けていません。'],
    [403, 'not_in_cohort', 'この回は別の受講グループの講座です。'],
  ])('shows the refusal %s %s in words', async (status, code, text) => {
    account.mutate(meOf());
    const api = stubApi({ [`POST ${PATH}`]: refusal(status, code) });
    open();
    expect((await screen.findByRole('alert')).textContent).toContain(text);
    expect(screen.queryByText(/出席を記録しました/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'もう一度試す' })).toBeNull();
    expect(api.sent('POST', PATH)).toHaveLength(1);
  });

  it('reads in English', async () => {
    setLocale('en');
    account.mutate(meOf());
    stubApi({ [`POST ${PATH}`]: refusal(409, 'checkin_closed') });
    open();
    expect(screen.getByRole('heading', { level: 1, name: 'Seminar check-in' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('Check-in for this session is not open now.');
  });

  it('signed out: keeps the code for this tab only, sends the founder to sign in and back, and posts nothing yet', async () => {
    const api = stubApi({});
    open();
    expect(await screen.findByRole('heading', { name: 'sign-in page' })).toBeTruthy();
    expect(`${location.pathname}${location.search}`).toBe(`/signin?next=${encodeURIComponent('/checkin/271004/sess-0001-abcd')}`);
    expect(api.sent('POST', PATH)).toHaveLength(0);
    expect(sessionStorage.getItem('sogyo.checkin.271004.sess-0001-abcd')).toBe(CODE);
    // Back from sign-in (no fragment now): the kept code is sent.
    cleanup();
    account.mutate(meOf());
    const back = stubApi({ [`POST ${PATH}`]: json({ session: founderSession({ state: 'open', myStatus: 'present' }), alreadyPresent: false }) });
    at('/checkin/271004/sess-0001-abcd', () => <CheckinPage />);
    expect(await screen.findByText('✓ 出席を記録しました')).toBeTruthy();
    expect(back.sent('POST', PATH).map((c) => c.body)).toEqual([{ code: CODE }]);
  });

  it('without a code, asks to scan again and sends nothing', async () => {
    account.mutate(meOf());
    const api = stubApi({});
    at('/checkin/271004/sess-0001-abcd', () => <CheckinPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('チェックインのコードが見つかりません');
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('a lost connection keeps the code and offers to send it again', async () => {
    account.mutate(meOf());
    let n = 0;
    const api = stubApi({});
    api.spy.mockImplementation(async () => {
      n += 1;
      if (n === 1) throw new TypeError('Failed to fetch');
      return json({ session: founderSession({ state: 'open', myStatus: 'present' }), alreadyPresent: false });
    });
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'もう一度試す' }));
    expect(await screen.findByText('✓ 出席を記録しました')).toBeTruthy();
    expect(n).toBe(2);
  });
});

describe('evidence record: how a session was attended', () => {
  it('shows 会場で出席, オンラインで出席 and 補講で代替 for session lines, e-learning for modules', () => {
    const session = (ref: string, mode: 'in_person' | 'online' | 'makeup') => ({
      kind: 'session' as const, ref, title: { ja: `講座 ${ref}`, en: `Session ${ref}` }, areas: ['management' as const], date: '2026-12-10', quizScore: null, version: null, mode,
    });
    const base = evidenceRecord().areas[0]!.entries[0]!;
    render(() => <RecordTables areas={[{ area: 'management', entries: [base, session('s1', 'in_person'), session('s2', 'online'), session('s3', 'makeup')] }]} />);
    const kinds = [...document.querySelectorAll('.record tbody tr')].map((tr) => tr.lastElementChild!.textContent);
    expect(kinds).toEqual(['eラーニング', '会場で出席', 'オンラインで出席', '補講で代替']);
  });

  it('a session line without a mode (older records) still reads as an in-person seminar; English too', () => {
    setLocale('en');
    render(() => <RecordTables areas={evidenceRecord().areas} />);
    const kinds = [...document.querySelectorAll('.record tbody tr')].map((tr) => tr.lastElementChild!.textContent);
    expect(kinds).toEqual(['E-learning', 'In-person seminar', 'E-learning']);
  });
});
