import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../web/src/i18n/index.ts';
import { CohortAdvisors, FounderSupport } from '../../web/src/staff/Support.tsx';
import { publicCourse } from '../fixtures/web.ts';
import { json, refusal, stubApi } from '../fixtures/web-account.ts';

// Issue 11, points 1 and 2 on the staff's founder page: attach the founder to an advisor, detach, assign a module.
const T = '271004';
const U = 'u_founder01';
const advisors = { advisors: [{ userId: 'u_advisor01', name: '指導 一郎', email: 'a@example.jp', founders: 3 }, { userId: 'u_advisor02', name: '支援 花子', email: 'b@example.jp', founders: 0 }] };
const show = () => render(() => <Router><Route path="*" component={() => <FounderSupport tenantId={T} userId={U} courses={[publicCourse()]} />} /></Router>);

beforeEach(() => setLocale('ja'));
afterEach(() => { cleanup(); vi.restoreAllMocks(); });

describe('advisors and assignments on a founder’s page', () => {
  it('attaches the founder to the chosen advisor and detaches another', async () => {
    let attached = [U];
    const api = stubApi({
      [`GET /api/tenants/${T}/advisors`]: json(advisors),
      [`GET /api/tenants/${T}/advisors/u_advisor01/founders`]: () => json({ founders: attached.map((userId) => ({ userId, name: 'x', cohortId: null, lastActiveAt: null })) }),
      [`GET /api/tenants/${T}/advisors/u_advisor02/founders`]: json({ founders: [] }),
      [`GET /api/founders/${U}/assignments`]: json({ assignments: [] }),
      [`POST /api/tenants/${T}/advisors/u_advisor02/founders`]: json({ attached: 1, alreadyAttached: 0, notFound: [] }),
      [`DELETE /api/tenants/${T}/advisors/u_advisor01/founders/${U}`]: () => { attached = []; return new Response(null, { status: 204 }); },
    });
    show();
    await screen.findByRole('button', { name: '指導 一郎さんを担当から外す' });
    fireEvent.change(screen.getByLabelText('担当にする経営指導員'), { target: { value: 'u_advisor02' } });
    fireEvent.click(screen.getByRole('button', { name: '担当にする' }));
    await screen.findByText('支援 花子さんを担当にしました。');
    expect(api.sent('POST', `/api/tenants/${T}/advisors/u_advisor02/founders`)[0]!.body).toEqual({ userIds: [U] });
    fireEvent.click(screen.getByRole('button', { name: '指導 一郎さんを担当から外す' }));
    await screen.findByText('指導 一郎さんを担当から外しました。');
    await waitFor(() => expect(screen.queryByRole('button', { name: '指導 一郎さんを担当から外す' })).toBeNull());
  });

  it('assigns a module with a due day and a note, and shows a refusal in words', async () => {
    const api = stubApi({
      [`GET /api/tenants/${T}/advisors`]: json({ advisors: [] }),
      [`GET /api/founders/${U}/assignments`]: json({ assignments: [] }),
      [`POST /api/founders/${U}/assignments`]: refusal(400, 'invalid_request', { dueOn: 'past' }),
    });
    show();
    await screen.findByText('この市町村には、まだ経営指導員がいません。「関係者の招待」から招待してください。');
    const m = publicCourse().modules[1]!;
    fireEvent.change(screen.getByLabelText('課題にするモジュール'), { target: { value: m.id } });
    fireEvent.input(screen.getByLabelText('期限'), { target: { value: '2027-01-15' } });
    fireEvent.input(screen.getByLabelText('ひとこと（任意）'), { target: { value: '資金計画を先に' } });
    fireEvent.click(screen.getByRole('button', { name: '課題を出す' }));
    await screen.findByRole('alert');
    expect(api.sent('POST', `/api/founders/${U}/assignments`)[0]!.body).toEqual({ courseId: publicCourse().id, moduleIds: [m.id], dueOn: '2027-01-15', note: '資金計画を先に' });
  });
});

describe('a whole cohort to an advisor', () => {
  it('attaches every founder of the chosen cohort and says how many', async () => {
    const api = stubApi({
      [`GET /api/tenants/${T}/advisors`]: json(advisors),
      [`POST /api/tenants/${T}/advisors/u_advisor02/founders`]: json({ attached: 12, alreadyAttached: 3, notFound: [] }),
    });
    render(() => <Router><Route path="*" component={() => <CohortAdvisors tenantId={T} cohorts={[{ id: 'c1', name: '秋の創業塾' }]} />} /></Router>);
    fireEvent.change(await screen.findByLabelText('期'), { target: { value: 'c1' } });
    fireEvent.change(screen.getByLabelText('担当にする経営指導員'), { target: { value: 'u_advisor02' } });
    fireEvent.click(screen.getByRole('button', { name: '期の全員を担当にする' }));
    await screen.findByText('秋の創業塾の12人を支援 花子さんの担当にしました（すでに担当だった人：3人）。');
    expect(api.sent('POST', `/api/tenants/${T}/advisors/u_advisor02/founders`)[0]!.body).toEqual({ cohortId: 'c1' });
  });
});
