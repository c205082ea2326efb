import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../functions/contract/api.ts';
import type { FeedbackView } from '../../functions/contract/feedback.ts';
import { account } from '../../web/src/api/account.ts';
import { setLocale } from '../../web/src/i18n/index.ts';
import { CourseOutlineView } from '../../web/src/learner/CourseOutline.tsx';
import ModuleFeedback from '../../web/src/learner/feedback/ModuleFeedback.tsx';
import { LessonView } from '../../web/src/learner/Lesson.tsx';
import { meOf, progressOf, publicCourse, publicLesson } from '../fixtures/web.ts';

// Issue 12 point 1: after completing a module the founder is asked — skippable — how useful it was, whether it helped
// their plan, and for an optional comment; they can answer or change it later from the module's card in the outline.
const inRouter = (ui: () => JSX.Element) => render(() => <Router><Route path="*" component={ui} /></Router>);
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const view = (o: Partial<FeedbackView> = {}): FeedbackView => ({ courseId: 'kiso', moduleId: 'm2', version: 'm2-v1', canAnswer: true, answer: null, ...o });
const answer = (usefulness: number, helpedPlan: boolean, comment: string | null = null) =>
  ({ usefulness, helpedPlan, comment, answeredAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z' });

/** The feedback API of one founder on m2: GET answers what PUT stored. */
function feedbackApi(initial: FeedbackView = view(), extra: Record<string, () => Response> = {}) {
  let current = initial;
  const puts: unknown[] = [];
  const mock = vi.spyOn(globalThis, 'fetch').mockClear().mockImplementation(async (input, init) => {
    const path = String(input);
    const hit = Object.entries(extra).find(([p]) => path.endsWith(p));
    if (hit) return hit[1]();
    if (path.endsWith('/api/feedback/kiso/m2')) {
      if (init?.method === 'PUT') {
        const body = JSON.parse(String(init.body));
        puts.push(body);
        current = { ...current, answer: { ...answer(body.usefulness, body.helpedPlan, body.comment ?? null) } };
      }
      return json(current);
    }
    return json({ error: { code: 'not_found', message: 'nope' } }, 404);
  });
  return { mock, puts };
}

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); localStorage.clear(); account.mutate(undefined as unknown as Me); });

describe('the feedback prompt', () => {
  it('asks with a fieldset and legend per question, labelled radios, and a comment box with its count', async () => {
    feedbackApi();
    render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="prompt" />);
    await screen.findByRole('heading', { name: 'この単元はいかがでしたか？' });
    const groups = screen.getAllByRole('group');
    expect(groups.map((g) => g.querySelector('legend')!.textContent)).toEqual(['この単元はどのくらい役に立ちましたか', 'ご自身の事業計画づくりに役立ちましたか']);
    expect(within(groups[0]!).getAllByRole('radio').map((r) => (r as HTMLInputElement).labels![0]!.textContent))
      .toEqual(['1 まったく役に立たなかった', '2 あまり役に立たなかった', '3 どちらともいえない', '4 役に立った', '5 とても役に立った']);
    expect(within(groups[1]!).getByRole('radio', { name: 'はい' })).toBeTruthy();
    const box = screen.getByLabelText('ご意見・ご感想（任意）') as HTMLTextAreaElement;
    expect(box.getAttribute('aria-describedby')).toContain('-c-count');
    expect(screen.getByText('0 / 400文字')).toBeTruthy();
    fireEvent.input(box, { target: { value: '😀 ok' } });
    expect(screen.getByText('4 / 400文字')).toBeTruthy();
  });

  it('can be skipped: nothing is sent, and it says where to answer later', async () => {
    const { puts } = feedbackApi();
    render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="prompt" />);
    fireEvent.click(await screen.findByRole('button', { name: 'スキップ（あとで評価する）' }));
    expect(screen.queryByRole('heading', { name: 'この単元はいかがでしたか？' })).toBeNull();
    expect(screen.getByText('あとからコース画面のこの単元で評価できます。')).toBeTruthy();
    expect(puts).toEqual([]);
  });

  it('checks the choices before sending, then sends the answer and thanks the founder', async () => {
    const { puts } = feedbackApi();
    render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="prompt" />);
    fireEvent.click(await screen.findByRole('button', { name: '送信する' }));
    expect(screen.getByText('役に立った度合いを選んでください。')).toBeTruthy();
    expect(screen.getByText('「はい」か「いいえ」を選んでください。')).toBeTruthy();
    expect(puts).toEqual([]);

    fireEvent.click(screen.getByLabelText('4 役に立った'));
    fireEvent.click(screen.getByLabelText('はい'));
    fireEvent.input(screen.getByLabelText('ご意見・ご感想（任意）'), { target: { value: '  表が分かりやすかった  ' } });
    fireEvent.click(screen.getByRole('button', { name: '送信する' }));
    await screen.findByText('ご回答ありがとうございました。');
    expect(puts).toEqual([{ usefulness: 4, helpedPlan: true, comment: '表が分かりやすかった' }]);
    expect(screen.getByText('あなたの評価：4 / 5、事業計画に役立った')).toBeTruthy();
  });

  it('refuses a comment over 400 characters before sending, and says so', async () => {
    const { puts } = feedbackApi();
    render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="prompt" />);
    await screen.findByRole('heading', { name: 'この単元はいかがでしたか？' });
    fireEvent.click(screen.getByLabelText('2 あまり役に立たなかった'));
    fireEvent.click(screen.getByLabelText('いいえ'));
    const box = screen.getByLabelText('ご意見・ご感想（任意）');
    fireEvent.input(box, { target: { value: 'あ'.repeat(401) } });
    expect(screen.getByText('コメントは400文字以内にしてください（いま401文字）。')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '送信する' }));
    expect(puts).toEqual([]);
  });

  it('does not ask again for a version the founder already rated', async () => {
    feedbackApi(view({ answer: answer(3, true) }));
    const { container } = render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="prompt" />);
    await waitFor(() => expect(container.querySelector('[role=status]')).toBeNull());
    expect(screen.queryByRole('heading')).toBeNull();
  });

  it('shows the server’s refusal in the founder’s language', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => (init?.method === 'PUT'
      ? json({ error: { code: 'module_not_completed', message: 'x' } }, 409)
      : json(view())));
    render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="prompt" />);
    fireEvent.click(await screen.findByLabelText('5 とても役に立った'));
    fireEvent.click(screen.getByLabelText('はい'));
    fireEvent.click(screen.getByRole('button', { name: '送信する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('この単元を修了すると評価できます。');
  });

  it('stays out of the way when it cannot load, but says so when opened on request', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ error: { code: 'unavailable', message: 'x' } }, 503));
    const prompt = render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="prompt" />);
    await waitFor(() => expect(prompt.container.querySelector('[role=status]')).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
    prompt.unmount();
    render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="page" />);
    expect((await screen.findByRole('alert')).textContent).toContain('サービスに一時的につながりません');
    expect(screen.getByRole('button', { name: 'もう一度試す' })).toBeTruthy();
  });

  it('speaks English when the app does', async () => {
    setLocale('en');
    feedbackApi();
    render(() => <ModuleFeedback courseId="kiso" moduleId="m2" mode="prompt" />);
    await screen.findByRole('heading', { name: 'How was this module?' });
    expect(screen.getByLabelText('5 Very useful')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Skip (rate it later)' })).toBeTruthy();
  });
});

describe('where the prompt appears', () => {
  it('after the lesson that completes a module, and not before', async () => {
    account.mutate(meOf({ id: 'u-a' }));
    const done = progressOf({
      lessons: [{ moduleId: 'm2', lessonId: 'l1', status: 'completed', position: 1, completedAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z', version: 'v1' }] as never,
      completedModules: [{ moduleId: 'm2', completedAt: '2026-12-01T01:00:00.000Z', version: 'v1' }],
    });
    feedbackApi(view(), { '/api/progress/kiso/m2/l1': () => json(done) });
    inRouter(() => <LessonView lesson={publicLesson({ moduleId: 'm2', id: 'l1', next: null })} course={publicCourse()} progress={progressOf()} />);
    expect(screen.queryByRole('heading', { name: 'この単元はいかがでしたか？' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'このレッスンを完了にする' }));
    await screen.findByRole('heading', { name: 'この単元はいかがでしたか？' }, { timeout: 3000 });
  });

  it('not on a lesson of a module completed earlier', async () => {
    account.mutate(meOf({ id: 'u-a' }));
    const { mock } = feedbackApi();
    const earlier = progressOf({ completedModules: [{ moduleId: 'm2', completedAt: '2026-11-01T01:00:00.000Z', version: 'v1' }] });
    inRouter(() => <LessonView lesson={publicLesson({ moduleId: 'm2', id: 'l1', next: null })} course={publicCourse()} progress={earlier} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(mock.mock.calls.filter((c) => String(c[0]).includes('/api/feedback/'))).toEqual([]);
  });
});

describe('rating from the module’s card in the outline', () => {
  const completedM2 = () => progressOf({ completedModules: [{ moduleId: 'm2', completedAt: '2026-12-01T01:00:00.000Z', version: 'v1' }] });

  it('offers it only on completed modules, and loads nothing until asked', () => {
    const { mock } = feedbackApi();
    inRouter(() => <CourseOutlineView course={publicCourse()} progress={completedM2()} />);
    const buttons = screen.getAllByRole('button', { name: 'この単元を評価する' });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.closest('li')!.id).toBe('module-m2');
    expect(mock).not.toHaveBeenCalled();
  });

  it('shows the answer given earlier and changes it', async () => {
    const { puts } = feedbackApi(view({ answer: answer(3, false, '前の感想') }));
    inRouter(() => <CourseOutlineView course={publicCourse()} progress={completedM2()} />);
    fireEvent.click(screen.getByRole('button', { name: 'この単元を評価する' }));
    const heading = await screen.findByRole('heading', { name: 'この単元の評価' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('あなたの評価：3 / 5、事業計画に役立たなかった')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '評価を変更する' }));
    expect((screen.getByLabelText('3 どちらともいえない') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('いいえ') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('ご意見・ご感想（任意）') as HTMLTextAreaElement).value).toBe('前の感想');
    expect(screen.queryByRole('button', { name: /スキップ/ })).toBeNull();
    fireEvent.click(screen.getByLabelText('5 とても役に立った'));
    fireEvent.click(screen.getByLabelText('はい'));
    fireEvent.click(screen.getByRole('button', { name: '送信する' }));
    await screen.findByText('あなたの評価：5 / 5、事業計画に役立った');
    expect(puts).toEqual([{ usefulness: 5, helpedPlan: true, comment: '前の感想' }]);
    // Closing returns to the button, with the focus on it.
    fireEvent.click(screen.getByRole('button', { name: '閉じる' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'この単元を評価する' })));
  });
});
