import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { feedbackCounts, feedbackRollupChanges } from '../../functions/domain/feedback.ts';
import { getFeedbackRollup, listFeedbackComments, listFeedbackRollups, writeFeedback as write } from '../../functions/store/feedback.ts';
import { catalogFixture } from '../fixtures/catalog.ts';
import { testApp, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, aTenant, signUpBody } from '../fixtures/factories.ts';

let t: Awaited<ReturnType<typeof testDeps>>;
let api: ReturnType<typeof testApp>;
let founder: TestClient;
let other: TestClient;
let n = 0;
const ev = () => ({ eventId: `fb-${String(++n).padStart(8, '0')}`, status: 'completed' as const });
/** m2 has one lesson: completing it completes the module. Its version in the fixture catalog is `m2-v1`. */
const M2 = '/api/feedback/kiso/m2';
const rollup = (version = 'm2-v1', tenantId = '271004') => getFeedbackRollup(t.deps.db, tenantId, 'kiso', 'm2', version);

/** Every item the founders' feedback wrote: answers and rollups. */
async function feedbackItems() {
  const rollups = await t.deps.db.doc.send(new QueryCommand({
    TableName: t.deps.db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': 'TENANT#271004', ':s': 'FEEDBACK#' },
  }));
  return rollups.Items ?? [];
}

beforeEach(async () => {
  t = await testDeps();
  api = testApp(t.deps);
  await aTenant(t.deps);
  const code = await aCode(t.deps);
  founder = api.client();
  other = api.client();
  expect((await founder.post('/api/auth/signup', signUpBody(code))).status).toBe(201);
  expect((await other.post('/api/auth/signup', signUpBody(code, 'other@example.jp'))).status).toBe(201);
});

describe('module feedback', () => {
  it('is refused before the module is completed, and nothing is written', async () => {
    const before = await founder.get(M2);
    expect(before.body).toEqual({ courseId: 'kiso', moduleId: 'm2', version: 'm2-v1', canAnswer: false, answer: null });
    const r = await founder.put(M2, { usefulness: 5, helpedPlan: true });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('module_not_completed');
    expect(await feedbackItems()).toEqual([]);
  });

  it('is answered after completion, kept as the founder wrote it (trimmed), and counted once', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    expect((await founder.get(M2)).body).toMatchObject({ canAnswer: true, answer: null });
    const r = await founder.put(M2, { usefulness: 4, helpedPlan: true, comment: '  資金計画の表が\r\n役に立ちました。  ' });
    expect(r.status).toBe(200);
    expect(r.body.answer).toEqual({ usefulness: 4, helpedPlan: true, comment: '資金計画の表が\n役に立ちました。', answeredAt: '2026-11-28T01:00:00.000Z', updatedAt: '2026-11-28T01:00:00.000Z' });
    expect((await founder.get(M2)).body).toEqual(r.body);
    expect(await rollup()).toEqual({ answers: 1, usefulnessSum: 4, helped: 1, comments: 1, u1: 0, u2: 0, u3: 0, u4: 1, u5: 0 });

    // The same answer again (a retried request, a second tab) changes nothing: PUT is idempotent.
    t.clock.advance(60);
    const again = await founder.put(M2, { usefulness: 4, helpedPlan: true, comment: '資金計画の表が\n役に立ちました。' });
    expect(again.body.answer.updatedAt).toBe('2026-11-28T01:00:00.000Z');
    expect((await rollup()).answers).toBe(1);
  });

  it('can be changed: the new answer replaces the old one and the rollup moves by the difference', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    await founder.put(M2, { usefulness: 4, helpedPlan: true, comment: 'よかった' });
    t.clock.advance(600);
    const changed = await founder.put(M2, { usefulness: 2, helpedPlan: false });
    expect(changed.body.answer).toEqual({ usefulness: 2, helpedPlan: false, comment: null, answeredAt: '2026-11-28T01:00:00.000Z', updatedAt: '2026-11-28T01:10:00.000Z' });
    expect(await rollup()).toEqual({ answers: 1, usefulnessSum: 2, helped: 0, comments: 0, u1: 0, u2: 1, u3: 0, u4: 0, u5: 0 });
    // The comment is gone from the comments as well.
    expect(await listFeedbackComments(t.deps.db, { courseId: 'kiso', moduleId: 'm2', version: 'm2-v1' })).toEqual([]);
  });

  it('keeps the rollup equal to the sum of the current answers after many changes by several founders', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    await other.put('/api/progress/kiso/m2/l1', ev());
    const answers = [
      [founder, { usefulness: 3, helpedPlan: true }], [other, { usefulness: 5, helpedPlan: true, comment: 'とても良い' }],
      [founder, { usefulness: 1, helpedPlan: false, comment: 'むずかしい' }], [other, { usefulness: 5, helpedPlan: false }],
      [founder, { usefulness: 1, helpedPlan: false, comment: 'むずかしい' }], [founder, { usefulness: 4, helpedPlan: true }],
      [other, { usefulness: 2, helpedPlan: true, comment: '   ' }],
    ] as const;
    for (const [who, body] of answers) {
      t.clock.advance(10);
      expect((await who.put(M2, body)).status).toBe(200);
    }
    const current = await Promise.all([founder, other].map(async (c) => (await c.get(M2)).body.answer));
    expect(current.map((a) => [a.usefulness, a.helpedPlan, a.comment])).toEqual([[4, true, null], [2, true, null]]);
    expect(await rollup()).toEqual(feedbackCounts(current));
    expect((await rollup()).answers).toBe(2);
  });

  it('never counts a founder twice when answers race from several tabs', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    const bodies = [1, 2, 3, 4, 5].map((u) => ({ usefulness: u, helpedPlan: u % 2 === 0, comment: `tab ${u}` }));
    const results = await Promise.all(bodies.map((b) => founder.put(M2, b)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const final = (await founder.get(M2)).body.answer;
    expect(await rollup()).toEqual(feedbackCounts([final]));
  });

  it.each([
    ['usefulness 0', { usefulness: 0, helpedPlan: true }, 'usefulness'],
    ['usefulness 6', { usefulness: 6, helpedPlan: true }, 'usefulness'],
    ['a fractional usefulness', { usefulness: 3.5, helpedPlan: true }, 'usefulness'],
    ['usefulness as text', { usefulness: '4', helpedPlan: true }, 'usefulness'],
    ['no helpedPlan', { usefulness: 4 }, 'helpedPlan'],
    ['helpedPlan as text', { usefulness: 4, helpedPlan: 'yes' }, 'helpedPlan'],
    ['a comment of 401 characters', { usefulness: 4, helpedPlan: true, comment: 'あ'.repeat(401) }, 'comment'],
    ['a control character in the comment', { usefulness: 4, helpedPlan: true, comment: 'ok\u0007bell' }, 'comment'],
    ['a tab in the comment', { usefulness: 4, helpedPlan: true, comment: 'a\tb' }, 'comment'],
    ['an unknown field', { usefulness: 4, helpedPlan: true, name: '田中' }, 'name'],
  ])('refuses %s with 400 and writes nothing', async (_name, body, field) => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    const r = await founder.put(M2, body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(Object.keys(r.body.error.fields)).toContain(field);
    expect(await feedbackItems()).toEqual([]);
    expect((await founder.get(M2)).body.answer).toBeNull();
  });

  it('accepts exactly 400 characters, counting an emoji as one', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    const comment = '😀'.repeat(400);
    const r = await founder.put(M2, { usefulness: 5, helpedPlan: true, comment });
    expect(r.status).toBe(200);
    expect(r.body.answer.comment).toBe(comment);
  });

  it('answers 404 for a module or course that does not exist', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    expect((await founder.put('/api/feedback/kiso/m99', { usefulness: 4, helpedPlan: true })).status).toBe(404);
    expect((await founder.get('/api/feedback/nope/m2')).status).toBe(404);
    expect((await founder.put('/api/feedback/kiso/NOT_A_SLUG', { usefulness: 4, helpedPlan: true })).status).toBe(404);
  });

  it('shows each founder only their own answer', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    await founder.put(M2, { usefulness: 5, helpedPlan: true, comment: '私の感想' });
    const theirs = await other.get(M2);
    expect(theirs.body).toEqual({ courseId: 'kiso', moduleId: 'm2', version: 'm2-v1', canAnswer: false, answer: null });
    expect(JSON.stringify(theirs.body)).not.toContain('私の感想');
  });

  it('keeps answers per module version: a rewritten module is rated afresh, the old version keeps its rollup', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    await founder.put(M2, { usefulness: 2, helpedPlan: false });
    t.setCatalog(catalogFixture('v2'));
    const fresh = await founder.get(M2);
    expect(fresh.body).toMatchObject({ version: 'm2-v2', canAnswer: true, answer: null });
    await founder.put(M2, { usefulness: 5, helpedPlan: true });
    expect((await rollup('m2-v1')).usefulnessSum).toBe(2);
    expect((await rollup('m2-v2')).usefulnessSum).toBe(5);
    const all = await listFeedbackRollups(t.deps.db, 'kiso');
    expect(all.map((r) => [r.moduleId, r.version, r.tenantId, r.counts.answers])).toEqual([['m2', 'm2-v1', '271004', 1], ['m2', 'm2-v2', '271004', 1]]);
  });

  it('keeps comments for excerpts without anything that names the founder', async () => {
    await founder.put('/api/progress/kiso/m2/l1', ev());
    await founder.put(M2, { usefulness: 5, helpedPlan: true, comment: '売上の見込みが立てられた' });
    const comments = await listFeedbackComments(t.deps.db, { courseId: 'kiso', moduleId: 'm2', version: 'm2-v1' });
    expect(comments).toEqual([{ tenantId: '271004', usefulness: 5, helpedPlan: true, comment: '売上の見込みが立てられた', at: '2026-11-28T01:00:00.000Z' }]);
    const me = (await founder.get('/api/me')).body;
    const rolled = JSON.stringify(await feedbackItems());
    for (const s of [me.id, me.name, me.email]) {
      expect(JSON.stringify(comments)).not.toContain(s);
      expect(rolled).not.toContain(s);
    }
  });
});

describe('the feedback store', () => {
  const writeFeedback = (db: typeof t.deps.db, next: Parameters<typeof write>[1], prev: Parameters<typeof write>[2]) =>
    write(db, next, prev, feedbackRollupChanges(prev ?? null, next));
  it('moves an answer to the new municipality\'s rollup when the founder has moved', async () => {
    const base = { userId: 'u1', courseId: 'kiso', moduleId: 'm2', version: 'm2-v1', answeredAt: 'a', updatedAt: 'a', comment: null };
    const first = { ...base, tenantId: '271004', usefulness: 4, helpedPlan: true, rev: 1 };
    expect(await writeFeedback(t.deps.db, first, undefined)).toBe('written');
    // A second writer that read nothing loses: the answer exists now.
    expect(await writeFeedback(t.deps.db, { ...first, usefulness: 1 }, undefined)).toBe('conflict');
    const moved = { ...base, tenantId: '271403', usefulness: 3, helpedPlan: false, rev: 2 };
    expect(await writeFeedback(t.deps.db, moved, first)).toBe('written');
    expect(await rollup('m2-v1', '271004')).toMatchObject({ answers: 0, usefulnessSum: 0, helped: 0, u4: 0 });
    expect(await rollup('m2-v1', '271403')).toMatchObject({ answers: 1, usefulnessSum: 3, helped: 0, u3: 1 });
    // A write decided from a stale revision is refused.
    expect(await writeFeedback(t.deps.db, { ...moved, usefulness: 5, rev: 2 }, first)).toBe('conflict');
  });
});
