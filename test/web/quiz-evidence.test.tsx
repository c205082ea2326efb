import { createMemoryHistory, MemoryRouter, Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import type { QuizStanding } from '../../functions/contract/evidence.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VideoPlayer } from '../../web/src/components/VideoPlayer.tsx';
import { account } from '../../web/src/api/account.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { CourseOutlineView } from '../../web/src/learner/CourseOutline.tsx';
import { EvidenceView } from '../../web/src/learner/Evidence.tsx';
import { HomeView } from '../../web/src/learner/Home.tsx';
import { LessonView } from '../../web/src/learner/Lesson.tsx';
import { QuizView } from '../../web/src/learner/Quiz.tsx';
import { VerifyPage, VerifyView } from '../../web/src/learner/Verify.tsx';
import { courseWithQuiz, evidenceRecord, meOf, progressOf, publicCourse, publicQuiz, quizBest, quizResult, verifiedRecord } from '../fixtures/web.ts';

const inRouter = (ui: () => JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const apiError = (status: number, code: string, fields?: Record<string, string>) => json({ error: { code, message: code, ...(fields ? { fields } : {}) } }, status);
/** Replies by path; anything else answers 404. */
const mockFetch = (routes: Record<string, () => Response>) => vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
  const path = String(input);
  const hit = Object.entries(routes).find(([p]) => path.endsWith(p));
  return hit ? hit[1]() : apiError(404, 'not_found');
});
const callsTo = (m: ReturnType<typeof mockFetch>, suffix: string) => m.mock.calls.filter((c) => String(c[0]).endsWith(suffix));
const bodyOf = (call: unknown[] | undefined) => JSON.parse(String((call?.[1] as RequestInit | undefined)?.body));

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); localStorage.clear(); });

const renderQuiz = (standing: QuizStanding = { best: null, attemptsLeft: 3 }) =>
  inRouter(() => <QuizView course={courseWithQuiz()} quiz={publicQuiz()} standing={standing} />);
const answerAll = () => {
  fireEvent.click(screen.getByLabelText('事業の目的'));
  fireEvent.click(screen.getByLabelText('家賃'));
  fireEvent.click(screen.getByLabelText('人件費'));
};

describe('QuizView', () => {
  it('asks each question in a fieldset with a legend, radios for one answer and checkboxes for several', () => {
    renderQuiz({ best: quizBest({ bestScore: 50 }), attemptsLeft: 2 });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('確認テスト: 事業コンセプト');
    expect(screen.getByText('合格点: 80%以上')).toBeTruthy();
    expect(screen.getByText('残りの受験回数: 2回')).toBeTruthy();
    expect(screen.getByText('これまでの最高点: 50%')).toBeTruthy();
    const groups = screen.getAllByRole('group');
    expect(groups).toHaveLength(2);
    expect(groups[0]!.querySelector('legend')!.textContent).toContain('問1 創業計画書で最初に書くことは？');
    expect(within(groups[0]!).getAllByRole('radio')).toHaveLength(3);
    expect(groups[1]!.querySelector('legend')!.textContent).toContain('すべて選んでください');
    expect(within(groups[1]!).getAllByRole('checkbox')).toHaveLength(3);
    expect(within(groups[1]!).getByRole('checkbox', { name: '家賃' })).toBeTruthy();
  });

  it('does not send an attempt with an unanswered question; it focuses that question and says so', async () => {
    const fetchMock = mockFetch({});
    renderQuiz();
    fireEvent.click(screen.getByLabelText('事業の目的'));
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('答えていない問題があります: 問2');
    const q2 = document.getElementById('q-q2')!;
    await waitFor(() => expect(document.activeElement).toBe(q2));
    expect(q2.getAttribute('aria-describedby')).toBe('q-q2-error');
    expect(within(q2).getByText('この問題に答えてください。')).toBeTruthy();
    expect(callsTo(fetchMock, '/attempts')).toHaveLength(0);
  });

  it('sends the attempt id, content version and answers, then shows the score, explanations and a retry', async () => {
    const fetchMock = mockFetch({ '/api/quizzes/kiso/m1/attempts': () => json(quizResult()) });
    renderQuiz();
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    const heading = await screen.findByRole('heading', { name: '結果' });
    const calls = callsTo(fetchMock, '/api/quizzes/kiso/m1/attempts');
    expect(calls).toHaveLength(1);
    expect((calls[0]![1] as RequestInit).method).toBe('POST');
    const body = bodyOf(calls[0]);
    expect(body.attemptId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(body).toEqual({ attemptId: body.attemptId, version: 'v1', answers: { q1: ['a'], q2: ['a', 'c'] } });

    const status = screen.getByRole('status');
    expect(status.textContent).toContain('2問中1問正解（50%）');
    expect(status.textContent).toContain('不合格です（合格点 80%）');
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const items = document.querySelectorAll('.result-item');
    expect(items[0]!.textContent).toContain('✓ 正解');
    expect(items[1]!.textContent).toContain('✗ 不正解');
    expect(items[1]!.textContent).toContain('仕入は売上に応じて変わる変動費です。');
    expect(items[1]!.textContent).toContain('あなたの解答: 家賃、人件費');
    expect(screen.getByText('残りの受験回数: 2回')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'もう一度受ける' }));
    const h1 = screen.getByRole('heading', { level: 1 });
    await waitFor(() => expect(document.activeElement).toBe(h1));
    expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
    expect(screen.getAllByRole('checkbox').some((r) => (r as HTMLInputElement).checked)).toBe(false);
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    await screen.findByRole('heading', { name: '結果' });
    const second = bodyOf(callsTo(fetchMock, '/attempts')[1]);
    expect(second.attemptId).not.toBe(body.attemptId);
  });

  it('offers no retry when the last attempt is used', async () => {
    mockFetch({ '/attempts': () => json(quizResult({ attemptsLeft: 0 })) });
    renderQuiz({ best: null, attemptsLeft: 1 });
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    await screen.findByRole('heading', { name: '結果' });
    expect(screen.queryByRole('button', { name: 'もう一度受ける' })).toBeNull();
    expect(screen.getByText(/受験回数の上限に達したため/)).toBeTruthy();
  });

  it('celebrates a completed module with a focused heading and the way on', async () => {
    mockFetch({ '/attempts': () => json(quizResult({ score: 100, correctCount: 2, passed: true, moduleCompleted: true, best: quizBest({ bestScore: 100, passed: true }) })) });
    renderQuiz();
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    const heading = await screen.findByRole('heading', { name: 'モジュール修了おめでとうございます' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('「事業コンセプト」を修了しました。')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('合格です');
    expect(screen.getByRole('link', { name: '次のモジュール「資金計画」へ' }).getAttribute('href')).toBe('/courses/kiso/m2/l1');
    expect(screen.getByRole('link', { name: 'ホームへ' }).getAttribute('href')).toBe('/');
    expect(screen.getByRole('link', { name: '学習記録を見る' }).getAttribute('href')).toBe('/evidence');
    expect(screen.queryByRole('button', { name: 'もう一度受ける' })).toBeNull();
  });

  it('asks for a reload when the content changed since the page was opened', async () => {
    mockFetch({ '/attempts': () => apiError(409, 'stale_version') });
    renderQuiz();
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('講座の内容が更新されました');
    expect(screen.getByRole('button', { name: 'ページを再読み込みする' })).toBeTruthy();
  });

  it('marks the questions the server refused', async () => {
    mockFetch({ '/attempts': () => apiError(400, 'invalid_request', { 'answers.q2': 'required' }) });
    renderQuiz();
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: '採点する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('問2');
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('q-q2')));
  });
});

describe('links to the quiz', () => {
  it('from the module card of the course outline', () => {
    inRouter(() => <CourseOutlineView course={courseWithQuiz()} progress={progressOf()} />);
    expect(screen.getByRole('link', { name: '確認テスト（2問）' }).getAttribute('href')).toBe('/courses/kiso/m1/quiz');
  });

  it('from the module’s last lesson only', () => {
    const lesson = (id: string) => ({ courseId: 'kiso', moduleId: 'm1', id, title: id, minutes: 10, html: '<p>本文</p>', video: null, prev: null, next: null, version: 'v1' });
    inRouter(() => <LessonView lesson={lesson('l2')} course={courseWithQuiz()} progress={progressOf()} />);
    expect(screen.getByRole('link', { name: '確認テストへ' }).getAttribute('href')).toBe('/courses/kiso/m1/quiz');
    cleanup();
    inRouter(() => <LessonView lesson={lesson('l1')} course={courseWithQuiz()} progress={progressOf()} />);
    expect(screen.queryByRole('link', { name: '確認テストへ' })).toBeNull();
  });

  it('home links to the evidence record', () => {
    inRouter(() => <HomeView name="田中" course={publicCourse()} progress={progressOf()} />);
    expect(screen.getByRole('link', { name: '学習記録を見る' }).getAttribute('href')).toBe('/evidence');
  });
});

describe('EvidenceView', () => {
  it('shows the record per area, the period, what is still missing and the public check address', () => {
    inRouter(() => <EvidenceView record={evidenceRecord()} origin="https://campus.example.jp" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('学習記録（受講の記録）');
    expect(screen.getByText('この記録は証明書ではありません。特定創業支援等事業の証明書は、お住まいの市町村が確認のうえ発行します。')).toBeTruthy();
    expect(screen.getByText('田中 花子')).toBeTruthy();
    expect(screen.getByText('大阪市')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['経営', '財務', '人材育成', '販路開拓']);
    const management = screen.getByRole('table', { name: '経営' });
    const rows = within(management).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows).toEqual([['2026年11月27日', '事業コンセプト', '100%', 'eラーニング'], ['2026年12月5日', '創業塾 第1回', '—なし', '対面講座']]);
    expect(screen.getByRole('table', { name: '財務' })).toBeTruthy();
    expect(screen.getAllByText('この分野の記録はまだありません。')).toHaveLength(2);
    expect(screen.getByText('3日')).toBeTruthy();
    expect(screen.getByText('人材育成の分野を学習してください')).toBeTruthy();
    expect(screen.getByText('販路開拓の分野を学習してください')).toBeTruthy();
    expect(screen.queryByText('市町村の要件を満たしています')).toBeNull();
    expect(screen.getByText('ABCD2345WXYZ')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'https://campus.example.jp/verify/ABCD2345WXYZ' })).toBeTruthy();
    expect(document.querySelector('article')!.getAttribute('lang')).toBe('ja');
  });

  it('says the rule is met, and prints in the current language', () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    setLocale('en');
    try {
      inRouter(() => <EvidenceView record={evidenceRecord({ eligibility: { eligible: true, missing: [], missingText: [] } })} origin="https://campus.example.jp" />);
      expect(screen.getByText(/You meet your municipality’s requirements/)).toBeTruthy();
      expect(screen.getByText(/This record is not a certificate/)).toBeTruthy();
      expect(screen.getByText('Osaka City')).toBeTruthy();
      expect(document.querySelector('article')!.getAttribute('lang')).toBe('en');
      fireEvent.click(screen.getByRole('button', { name: 'Print' }));
      expect(print).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
      setLocale('ja');
    }
  });
});

describe('VerifyView', () => {
  it('shows the name, municipality and dated record, and nothing about eligibility or contact details', () => {
    inRouter(() => <VerifyView record={verifiedRecord()} />);
    expect(screen.getByText('田中 花子')).toBeTruthy();
    expect(screen.getByText('大阪市')).toBeTruthy();
    expect(screen.getByRole('table', { name: '経営' })).toBeTruthy();
    expect(screen.getByText(/この記録は証明書ではありません/)).toBeTruthy();
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/要件|@|ABCD2345WXYZ|印刷/);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says when no record has the code', async () => {
    const fetchMock = mockFetch({});
    const history = createMemoryHistory();
    history.set({ value: '/verify/NOPE00000000' });
    render(() => <MemoryRouter history={history}><Route path="/verify/:code" component={VerifyPage} /></MemoryRouter>);
    expect((await screen.findByRole('alert')).textContent).toContain('この確認コードの記録は見つかりません');
    expect(callsTo(fetchMock, '/api/verify/NOPE00000000')).toHaveLength(1);
  });
});

describe('VideoPlayer', () => {
  const ids = { courseId: 'kiso', moduleId: 'm1', lessonId: 'l1' };
  const video = { url: '/media/l1.mp4', captions: [{ src: '/media/l1.ja.vtt', lang: 'ja', label: '日本語' }, { src: '/media/l1.en.vtt', lang: 'en', label: 'English' }] };
  const setup = (position: number) => {
    account.mutate(meOf());
    const fetchMock = mockFetch({ '/api/progress/kiso/m1/l1': () => json(progressOf()) });
    const onProgress = vi.fn();
    render(() => <VideoPlayer video={video} title="事業コンセプト" ids={ids} position={position} onProgress={onProgress} />);
    const el = document.querySelector('video')!;
    Object.defineProperty(el, 'duration', { value: 600, configurable: true });
    Object.defineProperty(el, 'currentTime', { value: 0, writable: true, configurable: true });
    Object.defineProperty(el, 'ended', { value: false, writable: true, configurable: true });
    return { el, fetchMock, onProgress, saves: () => callsTo(fetchMock, '/api/progress/kiso/m1/l1').map(bodyOf) };
  };

  it('has controls, loads metadata only, and offers every caption track with the first as default', () => {
    const { el } = setup(0);
    expect(el.hasAttribute('controls')).toBe(true);
    expect(el.getAttribute('preload')).toBe('metadata');
    const tracks = [...el.querySelectorAll('track')];
    expect(tracks.map((t) => [t.getAttribute('kind'), t.getAttribute('srclang'), t.getAttribute('label'), t.getAttribute('src')]))
      .toEqual([['captions', 'ja', '日本語', '/media/l1.ja.vtt'], ['captions', 'en', 'English', '/media/l1.en.vtt']]);
    expect((tracks[0] as HTMLTrackElement).default || tracks[0]!.hasAttribute('default')).toBe(true);
    expect((tracks[1] as HTMLTrackElement).default || tracks[1]!.hasAttribute('default')).toBe(false);
  });

  it('resumes at the saved fraction, saves the position as it plays and when paused, and completes on ended', async () => {
    const { el, onProgress, saves } = setup(0.25);
    fireEvent(el, new Event('loadedmetadata'));
    expect(el.currentTime).toBe(150);

    el.currentTime = 155;
    fireEvent(el, new Event('timeupdate'));
    expect(saves()).toHaveLength(0); // too soon after the last save

    el.currentTime = 180;
    fireEvent(el, new Event('timeupdate'));
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]).toMatchObject({ status: 'in_progress', position: 0.3 });

    el.currentTime = 186;
    fireEvent(el, new Event('pause'));
    await waitFor(() => expect(saves()).toHaveLength(2));
    expect(saves()[1]).toMatchObject({ status: 'in_progress', position: 0.31 });

    el.currentTime = 600;
    (el as unknown as { ended: boolean }).ended = true;
    fireEvent(el, new Event('ended'));
    await waitFor(() => expect(saves()).toHaveLength(3));
    expect(saves()[2]).toMatchObject({ status: 'completed', position: 1 });
    await waitFor(() => expect(onProgress).toHaveBeenCalledTimes(3));
  });
});
