import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { attachFounder } from '../../functions/store/caseload.ts';
import { headObject } from '../../functions/store/files.ts';
import { findUserIdByEmail } from '../../functions/store/users.ts';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { anAccount, aTenant, PASSWORD } from '../fixtures/factories.ts';

// Issue 11, points 4 and 5: the business plan online — drafts in versions, the domain's checks beside the fields,
// submission, the attached advisor's threaded comments and review, and attachments through presigned POSTs to the
// local S3 server, recorded only after the object exists and is what it says.
let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let clock: ReturnType<typeof testClock>;
let founder: TestClient;
let advisor: TestClient;
let staff: TestClient;
let founderId: string;
let otherId: string;
let other: TestClient;

const unbalanced = {
  funding: {
    equipment: [{ name: '厨房設備', supplier: '○○厨機', amount: 2_000_000 }],
    operating: [{ name: '仕入', amount: 500_000 }],
    ownFunds: 800_000, jfc: 1_500_000,
  },
};
const balanced = { funding: { ...unbalanced.funding, jfc: 1_700_000 } };

beforeEach(async () => {
  clock = testClock('2026-12-04T01:00:00.000Z');
  t = await testDeps({ clock });
  api = testApp(t.deps);
  await aTenant(t.deps);
  founderId = (await anAccount(t.deps, { email: 'f@example.jp', name: '創業 花子', roles: [{ tenantId: '271004', role: 'learner', cohortId: 'c1' }] })).id;
  otherId = (await anAccount(t.deps, { email: 'g@example.jp', roles: [{ tenantId: '271004', role: 'learner' }] })).id;
  const advisorId = (await anAccount(t.deps, { email: 'a@example.jp', name: '指導 一郎', roles: [{ tenantId: '271004', role: 'advisor' }] })).id;
  await anAccount(t.deps, { email: 's@example.jp', roles: [{ tenantId: '271004', role: 'staff' }] });
  await attachFounder(t.deps.db, { advisorId, tenantId: '271004', userId: founderId, attachedAt: clock.now().toISOString(), attachedBy: 'test' });
  founder = api.client(); await loginAs(t.deps, founder, 'f@example.jp');
  other = api.client(); await loginAs(t.deps, other, 'g@example.jp');
  advisor = api.client(); await loginAs(t.deps, advisor, 'a@example.jp');
  staff = api.client(); await loginAs(t.deps, staff, 's@example.jp');
});

const save = (plan: unknown, baseVersion: number, c = founder) => c.put(`/api/plans/${founderId}/draft`, { plan, baseVersion });

describe('drafts and versions', () => {
  it('an empty plan before the first save; each save is a version guarded by the version it was based on', async () => {
    const empty = await founder.get(`/api/plans/${founderId}`);
    expect(empty.body).toMatchObject({ plan: {}, version: 0, updatedAt: null, status: 'draft', review: null, checks: [], newComments: 0 });
    const first = await save({ motive: { text: '地元で食堂を開く' } }, 0);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, status: 'draft', updatedAt: '2026-12-04T01:00:00.000Z' });
    // Another tab still at version 0 is refused, and nothing changes.
    const stale = await save({ motive: { text: '上書き' } }, 0);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await founder.get(`/api/plans/${founderId}`)).body.plan).toEqual({ motive: { text: '地元で食堂を開く' } });
  });

  it('saves within a sitting fold into one version; a pause of ten minutes or a comment keeps the earlier one', async () => {
    await save({ motive: { text: 'a' } }, 0);
    clock.advance(60);
    await save({ motive: { text: 'ab' }, staff: { employees: 1 } }, 1);
    let versions = (await founder.get(`/api/plans/${founderId}/versions`)).body.versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expect(versions[0].changedSections).toEqual(['motive', 'staff']);
    clock.advance(11 * 60);
    await save({ motive: { text: 'abc' }, staff: { employees: 1 } }, 2);
    versions = (await founder.get(`/api/plans/${founderId}/versions`)).body.versions;
    expect(versions.map((v: { version: number; changedSections: string[] }) => [v.version, v.changedSections])).toEqual([[3, ['motive']], [2, ['motive', 'staff']]]);
    // The advisor comments on version 3: the next save a minute later must not fold it away.
    expect((await advisor.post(`/api/plans/${founderId}/comments`, { section: 'motive', version: 3, text: 'もう少し具体的に' })).status).toBe(201);
    clock.advance(60);
    await save({ motive: { text: 'abcd' }, staff: { employees: 1 } }, 3);
    versions = (await founder.get(`/api/plans/${founderId}/versions`)).body.versions;
    expect(versions.map((v: { version: number; comments: number }) => [v.version, v.comments])).toEqual([[4, 0], [3, 1], [2, 0]]);
    expect((await advisor.get(`/api/plans/${founderId}/versions/3`)).body.plan).toEqual({ motive: { text: 'abc' }, staff: { employees: 1 } });
    expect((await founder.get(`/api/plans/${founderId}/versions/1`)).status).toBe(404);
  });

  it('pages versions newest first with a cursor', async () => {
    let v = 0;
    for (let i = 0; i < 23; i++) {
      clock.advance(11 * 60);
      v = (await save({ motive: { text: `v${i}` } }, v)).body.version;
    }
    const one = (await founder.get(`/api/plans/${founderId}/versions`)).body;
    expect(one.versions).toHaveLength(20);
    expect(one.versions[0].version).toBe(23);
    const two = (await founder.get(`/api/plans/${founderId}/versions?cursor=${one.nextCursor}`)).body;
    expect(two.versions.map((x: { version: number }) => x.version)).toEqual([3, 2, 1]);
    expect(two.nextCursor).toBeNull();
    expect((await founder.get(`/api/plans/${founderId}/versions?cursor=abc`)).status).toBe(400);
  });

  it('the checks travel with every answer: an imbalance is flagged beside the totals and gone once fixed', async () => {
    const r = await save(unbalanced, 0);
    const flag = r.body.checks.find((c: { kind: string }) => c.kind === 'funds_unbalanced');
    expect(flag).toMatchObject({ section: 'funding', field: 'total', severity: 'error', params: { uses: 2_500_000, sources: 2_300_000, difference: 200_000 } });
    expect(flag.message.ja).toContain('200,000円');
    expect(r.body.figures.funding).toMatchObject({ uses: 2_500_000, sources: 2_300_000, difference: 200_000 });
    const fixed = await save(balanced, 1);
    expect(fixed.body.checks.some((c: { kind: string }) => c.kind === 'funds_unbalanced')).toBe(false);
    expect(fixed.body.figures.funding.difference).toBe(0);
  });

  it('refuses what can never be right, writing nothing: computed fields, negative yen, control characters, unknown sections, a body over the limit', async () => {
    for (const plan of [
      { outlook: { start: { sales: 100, profit: 50 } } }, { funding: { ownFunds: -1 } }, { funding: { ownFunds: 1.5 } },
      { motive: { text: 'a\u0007b' } }, { nonsense: {} },
    ]) {
      const r = await save(plan, 0);
      expect(r.status, JSON.stringify(plan)).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    const huge = await founder.request('PUT', `/api/plans/${founderId}/draft`, JSON.stringify({ plan: { motive: { text: 'x'.repeat(200_000) } }, baseVersion: 0 }));
    expect(huge.status).toBe(413);
    expect((await founder.get(`/api/plans/${founderId}`)).body.version).toBe(0);
  });

  it('only the founder writes their plan', async () => {
    for (const c of [advisor, staff, other]) expect((await save({ motive: { text: 'x' } }, 0, c)).status).toBe(403);
  });
});

describe('submission and review', () => {
  it('hand in only without errors; the advisor reviews the version they read; a save makes it a draft again', async () => {
    await save(unbalanced, 0);
    const notReady = await founder.post(`/api/plans/${founderId}/submit`, { version: 1 });
    expect(notReady.status).toBe(400);
    expect(notReady.body.error.code).toBe('plan_not_ready');
    await save(balanced, 1);
    expect((await founder.post(`/api/plans/${founderId}/submit`, { version: 1 })).status).toBe(409);
    const submitted = await founder.post(`/api/plans/${founderId}/submit`, { version: 2 });
    expect(submitted.body.status).toBe('submitted');
    // The caseload puts the founder up as waiting for review.
    const caseload = (await advisor.get('/api/caseload')).body.founders[0];
    expect(caseload).toMatchObject({ userId: founderId, planStatus: 'submitted', attention: expect.arrayContaining(['plan_waiting']) });

    expect((await advisor.get(`/api/plans/${founderId}`)).body).toMatchObject({ version: 2, status: 'submitted' });
    expect((await advisor.post(`/api/plans/${founderId}/review`, { status: 'needs_work', version: 1 })).status).toBe(409);
    const reviewed = await advisor.post(`/api/plans/${founderId}/review`, { status: 'needs_work', version: 2, note: '自己資金の根拠を' });
    expect(reviewed.body).toMatchObject({ status: 'needs_work', review: { status: 'needs_work', version: 2, note: '自己資金の根拠を' } });
    expect((await founder.post(`/api/plans/${founderId}/review`, { status: 'reviewed', version: 2 })).status).toBe(403);
    expect((await staff.post(`/api/plans/${founderId}/review`, { status: 'reviewed', version: 2 })).status).toBe(403);
    clock.advance(60);
    const again = await save({ ...balanced, motive: { text: '根拠を追記' } }, 2);
    expect(again.body).toMatchObject({ status: 'draft', review: { status: 'needs_work', version: 2 } });
    // The reviewed version stays, even though the next save came within the sitting.
    expect((await founder.get(`/api/plans/${founderId}/versions`)).body.versions.map((v: { version: number; status: string }) => [v.version, v.status]))
      .toEqual([[3, 'draft'], [2, 'needs_work']]);
    const audit = await t.deps.db.doc.send(new QueryCommand({
      TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': 'TENANT#271004', ':s': 'AUDIT#' },
    }));
    expect((audit.Items ?? []).map((i) => i.action)).toEqual(expect.arrayContaining(['plan.view', 'plan.review']));
  });
});

describe('mails', () => {
  it('the attached advisor hears of a submission, the founder of the review; unconfirmed addresses get nothing', async () => {
    await save(balanced, 0);
    await founder.post(`/api/plans/${founderId}/submit`, { version: 1 });
    const toAdvisor = t.mailer.sent.filter((m) => m.to === 'a@example.jp');
    expect(toAdvisor).toHaveLength(1);
    expect(toAdvisor[0]!.subject).toBe('【創業キャンパス】創業 花子さんが創業計画書を提出しました');
    expect(toAdvisor[0]!.text).toContain(`/advisor/founders/${founderId}/plan`);
    await advisor.post(`/api/plans/${founderId}/review`, { status: 'needs_work', version: 1, note: '返済計画を' });
    const toFounder = t.mailer.sent.filter((m) => m.to === 'f@example.jp');
    expect(toFounder).toHaveLength(1);
    expect(toFounder[0]!.text).toContain('「返済計画を」');
    expect(t.mailer.sent.some((m) => m.to === 's@example.jp' || m.to === 'g@example.jp')).toBe(false);
  });

  it('nobody unconfirmed is mailed', async () => {
    for (const email of ['f@example.jp', 'a@example.jp']) {
      const id = (await findUserIdByEmail(t.deps.db, email))!;
      await t.deps.db.doc.send(new UpdateCommand({ TableName: t.deps.db.table, Key: { pk: `USER#${id}`, sk: 'ID#PROFILE' }, UpdateExpression: 'REMOVE emailVerifiedAt' }));
    }
    await loginAs(t.deps, founder, 'f@example.jp');
    await loginAs(t.deps, advisor, 'a@example.jp');
    await save(balanced, 0);
    await founder.post(`/api/plans/${founderId}/submit`, { version: 1 });
    await advisor.post(`/api/plans/${founderId}/review`, { status: 'reviewed', version: 1 });
    expect(t.mailer.sent).toEqual([]);
  });
});

describe('comments', () => {
  it('threads per section, one level deep; the founder sees new advisor comments until they save; staff only read', async () => {
    await save(unbalanced, 0);
    clock.advance(120);
    const c1 = (await advisor.post(`/api/plans/${founderId}/comments`, { section: 'funding', version: 1, text: '資金の合計が合っていません' })).body;
    expect(c1).toMatchObject({ section: 'funding', version: 1, replyTo: null, authorRole: 'advisor', authorName: '指導 一郎' });
    expect((await founder.get(`/api/plans/${founderId}`)).body.newComments).toBe(1);
    clock.advance(30);
    const reply = await founder.post(`/api/plans/${founderId}/comments`, { section: 'funding', version: 1, text: '直します', replyTo: c1.id });
    expect(reply.body).toMatchObject({ replyTo: c1.id, authorRole: 'learner' });
    // A reply to a reply, a reply in another section, a version that does not exist: refused.
    expect((await advisor.post(`/api/plans/${founderId}/comments`, { section: 'funding', version: 1, text: 'x', replyTo: reply.body.id })).status).toBe(400);
    expect((await advisor.post(`/api/plans/${founderId}/comments`, { section: 'motive', version: 1, text: 'x', replyTo: c1.id })).status).toBe(400);
    expect((await advisor.post(`/api/plans/${founderId}/comments`, { section: 'motive', version: 9, text: 'x' })).status).toBe(400);
    expect((await advisor.post(`/api/plans/${founderId}/comments`, { section: 'motive', version: 1, text: '   ' })).status).toBe(400);
    expect((await staff.post(`/api/plans/${founderId}/comments`, { section: 'motive', version: 1, text: 'x' })).status).toBe(403);
    const list = (await staff.get(`/api/plans/${founderId}/comments`)).body.comments;
    expect(list.map((c: { text: string }) => c.text)).toEqual(['資金の合計が合っていません', '直します']);
    expect(JSON.stringify(list)).not.toContain('authorId');
    clock.advance(60);
    await save(balanced, 1);
    expect((await founder.get(`/api/plans/${founderId}`)).body.newComments).toBe(0);
  });
});

describe('attachments through the local S3 server', () => {
  const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
  async function upload(ticket: { url: string; fields: Record<string, string> }, bytes: Uint8Array, type: string) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(ticket.fields)) fd.append(k, v);
    fd.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), 'f');
    return fetch(ticket.url, { method: 'POST', body: fd });
  }
  const ask = (body: unknown, c = founder) => c.post(`/api/plans/${founderId}/attachments/uploads`, body);

  it('ticket, upload, confirm: listed for the founder, the advisor and staff, downloadable through a one-minute link, deletable', async () => {
    const ticket = await ask({ fileName: '見積書 2026.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ maxBytes: 10 * 1024 * 1024, expiresAt: '2026-12-04T01:05:00.000Z' });
    expect(ticket.body.key.startsWith(`incoming/271004/${founderId}/`)).toBe(true);
    expect((await upload(ticket.body, PDF, 'application/pdf')).ok).toBe(true);
    const confirmed = await founder.post(`/api/plans/${founderId}/attachments`, { key: ticket.body.key });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ fileName: '見積書 2026.pdf', contentType: 'application/pdf', size: PDF.length, version: 0 });
    // Confirming the same key again answers the same record.
    expect((await founder.post(`/api/plans/${founderId}/attachments`, { key: ticket.body.key })).body.id).toBe(confirmed.body.id);
    // Moved out of incoming/ (which the bucket's lifecycle empties) into plans/.
    expect(await headObject(t.deps.files!, ticket.body.key)).toBeUndefined();
    for (const c of [founder, advisor, staff]) expect((await c.get(`/api/plans/${founderId}/attachments`)).body.attachments).toHaveLength(1);
    const link = await advisor.get(`/api/plans/${founderId}/attachments/${confirmed.body.id}/download`);
    expect(link.body.expiresAt).toBe('2026-12-04T01:01:00.000Z');
    expect((await other.get(`/api/plans/${founderId}/attachments/${confirmed.body.id}/download`)).status).toBe(403);
    // The test clock is fixed in the past; fetch a link signed now to see the bytes.
    clock.set(new Date().toISOString());
    await loginAs(t.deps, advisor, 'a@example.jp');
    const fresh = await advisor.get(`/api/plans/${founderId}/attachments/${confirmed.body.id}/download`);
    const got = await fetch(fresh.body.url);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PDF);
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent('見積書 2026.pdf'));
    await loginAs(t.deps, founder, 'f@example.jp');
    expect((await founder.request('DELETE', `/api/plans/${founderId}/attachments/${confirmed.body.id}`)).status).toBe(204);
    expect((await founder.get(`/api/plans/${founderId}/attachments`)).body.attachments).toEqual([]);
    expect(await headObject(t.deps.files!, `plans/271004/${founderId}/${confirmed.body.id}`)).toBeUndefined();
  });

  it('refuses in the ticket what the policy could never accept: a type not allowed, a name that does not match, over 10 MB', async () => {
    expect((await ask({ fileName: 'a.exe', contentType: 'application/pdf', size: 10 })).status).toBe(400);
    expect((await ask({ fileName: 'a.png', contentType: 'application/pdf', size: 10 })).status).toBe(400);
    expect((await ask({ fileName: 'a.pdf', contentType: 'application/x-msdownload', size: 10 })).status).toBe(400);
    expect((await ask({ fileName: 'a.pdf', contentType: 'application/pdf', size: 10 * 1024 * 1024 + 1 })).status).toBe(400);
    expect((await ask({ fileName: '../a.pdf', contentType: 'application/pdf', size: 10 })).status).toBe(400);
    expect((await ask({ fileName: 'a.pdf', contentType: 'application/pdf', size: 10 }, advisor)).status).toBe(403);
  });

  it('an object of the wrong type or over the limit is deleted and never recorded (the local server does not enforce the policy, the API does)', async () => {
    // Declared a PDF, but the bytes are a PNG.
    const wrong = (await ask({ fileName: 'plan.pdf', contentType: 'application/pdf', size: 8 })).body;
    await upload(wrong, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'application/pdf');
    const r1 = await founder.post(`/api/plans/${founderId}/attachments`, { key: wrong.key });
    expect(r1.status).toBe(400);
    expect(r1.body.error).toMatchObject({ code: 'upload_rejected', fields: { file: 'content' } });
    expect(await headObject(t.deps.files!, wrong.key)).toBeUndefined();
    // Over 10 MB (the policy's content-length-range stops this on S3; s3rver stores it, the API refuses it).
    const big = (await ask({ fileName: 'big.pdf', contentType: 'application/pdf', size: 1000 })).body;
    const bytes = new Uint8Array(10 * 1024 * 1024 + 1);
    bytes.set(PDF);
    await upload(big, bytes, 'application/pdf');
    const r2 = await founder.post(`/api/plans/${founderId}/attachments`, { key: big.key });
    expect(r2.body.error).toMatchObject({ code: 'upload_rejected', fields: { file: 'too_large' } });
    expect(await headObject(t.deps.files!, big.key)).toBeUndefined();
    // A different Content-Type sent with the form than the ticket named.
    const typed = (await ask({ fileName: 'p.pdf', contentType: 'application/pdf', size: 10 })).body;
    await upload({ ...typed, fields: { ...typed.fields, 'Content-Type': 'text/html' } }, PDF, 'text/html');
    expect((await founder.post(`/api/plans/${founderId}/attachments`, { key: typed.key })).body.error).toMatchObject({ code: 'upload_rejected', fields: { file: 'type' } });
    expect((await founder.get(`/api/plans/${founderId}/attachments`)).body.attachments).toEqual([]);
  });

  it('an upload that never arrived, or another founder’s key, leaves no record', async () => {
    const ticket = (await ask({ fileName: 'p.pdf', contentType: 'application/pdf', size: 10 })).body;
    const r = await founder.post(`/api/plans/${founderId}/attachments`, { key: ticket.key });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('upload_missing');
    // The other founder posts a file and tries to record it into this founder's plan through their own key: no.
    const theirs = (await other.post(`/api/plans/${otherId}/attachments/uploads`, { fileName: 'x.pdf', contentType: 'application/pdf', size: PDF.length })).body;
    await upload(theirs, PDF, 'application/pdf');
    expect((await founder.post(`/api/plans/${founderId}/attachments`, { key: theirs.key })).body.error.code).toBe('upload_missing');
    expect((await founder.get(`/api/plans/${founderId}/attachments`)).body.attachments).toEqual([]);
  });
});

describe('erasure and export', () => {
  it('the personal-data export carries the plan, its comments and files; erasing the account deletes them and the objects', async () => {
    await save(unbalanced, 0);
    await advisor.post(`/api/plans/${founderId}/comments`, { section: 'funding', version: 1, text: '確認しました' });
    const ticket = (await founder.post(`/api/plans/${founderId}/attachments/uploads`, { fileName: 'q.pdf', contentType: 'application/pdf', size: 20 })).body;
    const fd = new FormData();
    for (const [k, v] of Object.entries(ticket.fields as Record<string, string>)) fd.append(k, v);
    fd.append('file', new Blob(['%PDF-1.4 tiny']), 'q.pdf');
    await fetch(ticket.url, { method: 'POST', body: fd });
    const att = (await founder.post(`/api/plans/${founderId}/attachments`, { key: ticket.key })).body;
    const data = (await founder.get('/api/me/data.json')).body;
    expect(data.businessPlan).toMatchObject({ version: 1, plan: unbalanced, comments: [{ text: '確認しました', authorRole: 'advisor' }], attachments: [{ fileName: 'q.pdf' }] });
    expect((await founder.post('/api/me/delete', { currentPassword: PASSWORD })).status).toBe(200);
    const left = await t.deps.db.doc.send(new QueryCommand({ TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `PLAN#${founderId}` } }));
    expect(left.Items ?? []).toEqual([]);
    expect(await headObject(t.deps.files!, `plans/271004/${founderId}/${att.id}`)).toBeUndefined();
  });
});
