import { describe, expect, it } from 'vitest';
import { loginAs, testApp, testDeps } from '../fixtures/deps.ts';
import { anAccount, aTenant } from '../fixtures/factories.ts';

// The CSV import of founders (POST /api/tenants/:t/invitations/import) as staff write their files: the staff pages call
// a cohort 期, and a spreadsheet numbers every line, blank ones too.
async function setup() {
  const t = await testDeps();
  const api = testApp(t.deps);
  await aTenant(t.deps); // with cohort c1 「秋の創業塾」
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
  const staff = api.client();
  await loginAs(t.deps, staff, 'staff@example.jp');
  return { t, staff };
}

describe('importing founders from CSV', () => {
  it('reads a cohort column headed 期 (the staff pages’ word for a cohort) instead of dropping it', async () => {
    const { staff } = await setup();
    const r = await staff.post('/api/tenants/271004/invitations/import', { csv: '\uFEFF氏名,メールアドレス,期\r\n山田 一郎,ichiro@example.jp,秋の創業塾\r\n川口 二郎,jiro@example.jp,春の創業塾\r\n' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rows: 2, invited: 1, problems: [{ row: 3, field: 'cohort', reason: 'no cohort named "春の創業塾" in this municipality' }] });
    const listed = (await staff.get('/api/tenants/271004/invitations')).body.items;
    expect(listed.map((i: { email: string; cohortId: string | null }) => [i.email, i.cohortId])).toEqual([['ichiro@example.jp', 'c1']]);
  });

  it('numbers rows as a spreadsheet does: blank lines count', async () => {
    const { staff, t } = await setup();
    const csv = 'name,email\r\nA,a@example.jp\r\n\r\nB,not-an-address\r\n\r\n\r\nC,c@example.jp\r\nC again,c@example.jp\r\n';
    const r = await staff.post('/api/tenants/271004/invitations/import', { csv });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      rows: 4, invited: 2,
      skipped: [{ row: 8, email: 'c@example.jp', reason: 'duplicate_row' }],
      problems: [{ row: 4, field: 'email', reason: 'not an email address' }],
    });
    expect(t.mailer.sent.map((m) => m.to).sort()).toEqual(['a@example.jp', 'c@example.jp']);
  });
});
