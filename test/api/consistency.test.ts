import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { checkConsistency } from '../../drill/consistency.ts';
import { key } from '../../functions/store/keys.ts';
import { attachFounder } from '../../functions/store/caseload.ts';
import { listBookings } from '../../functions/store/consultations.ts';
import { loginAs, testApp, testClock, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, signUpBody } from '../fixtures/factories.ts';

// The consistency checker of the reliability drill (drill/consistency.ts): it finds nothing wrong in data written
// through the API, names every kind of derived figure once one is corrupted in the table, and never writes.
const T = '271004';
let n = 0;
const ev = (status: 'completed' | 'in_progress' = 'completed') => ({ eventId: `cons-${String(++n).padStart(8, '0')}`, status });

async function build() {
  const clock = testClock('2026-12-04T01:00:00.000Z');
  const t = await testDeps({ clock });
  const api = testApp(t.deps);
  await aTenant(t.deps);
  await aCode(t.deps);
  const advisorId = (await anAccount(t.deps, { email: 'adv@example.jp', name: '指導 一郎', roles: [{ tenantId: T, role: 'advisor' }] })).id;
  await anAccount(t.deps, { email: 'staff@example.jp', roles: [{ tenantId: T, role: 'staff' }] });
  const signed = async (c: TestClient, email: string) => { await loginAs(t.deps, c, email); return c; };
  const staff = await signed(api.client(), 'staff@example.jp');
  const advisor = await signed(api.client(), 'adv@example.jp');
  const founders: Array<{ c: TestClient; id: string }> = [];
  for (const email of ['a@example.jp', 'b@example.jp', 'c@example.jp']) {
    const c = api.client();
    const r = await c.post('/api/auth/signup', signUpBody('OSAKA-TEST', email));
    expect(r.status).toBe(201);
    founders.push({ c, id: r.body.user.id as string });
  }
  const [a, b, c] = founders as [typeof founders[0], typeof founders[0], typeof founders[0]];
  const ok = (r: { status: number; body: unknown }, status = 200) => { expect(r.status, JSON.stringify(r.body)).toBe(status); return r.body as Record<string, unknown>; };
  // Progress, a quiz (one failed and one passed attempt), feedback.
  for (const l of ['l1', 'l2']) ok(await a.c.put(`/api/progress/kiso/m1/${l}`, ev()));
  ok(await a.c.put('/api/progress/kiso/m4/l1', ev()));
  ok(await a.c.post('/api/quizzes/kiso/m4/attempts', { attemptId: 'cons-attempt-1', version: 'v1', answers: { q1: ['b'] } }), 201);
  ok(await a.c.post('/api/quizzes/kiso/m4/attempts', { attemptId: 'cons-attempt-2', version: 'v1', answers: { q1: ['a'] } }), 201);
  ok(await a.c.put('/api/feedback/kiso/m1', { usefulness: 4, helpedPlan: true, comment: '役に立った' }));
  ok(await b.c.put('/api/progress/kiso/m2/l1', ev()));
  ok(await b.c.put('/api/feedback/kiso/m2', { usefulness: 2, helpedPlan: false }));
  ok(await c.c.put('/api/progress/kiso/m3/l1', ev('in_progress')));
  // Caseloads (a and b), an assignment, a seminar session with marks.
  await attachFounder(t.deps.db, { advisorId, tenantId: T, userId: a.id, attachedAt: clock.now().toISOString(), attachedBy: 'test' });
  ok(await staff.post(`/api/tenants/${T}/advisors/${advisorId}/founders`, { userIds: [b.id] }));
  const assignment = ok(await staff.post(`/api/founders/${c.id}/assignments`, { courseId: 'kiso', moduleIds: ['m3'], dueOn: '2026-12-20' }), 201);
  const session = ok(await staff.post(`/api/tenants/${T}/sessions`, {
    cohortId: 'c1', title: '第3回 資金計画', startsAt: '2026-12-10T19:00:00+09:00', endsAt: '2026-12-10T21:00:00+09:00', place: '大阪産業創造館 5F',
    onlineUrl: null, capacity: 40, areas: ['finance'], courseId: 'kiso', moduleIds: ['m2'],
  }), 201);
  ok(await staff.post(`/api/tenants/${T}/sessions/${String(session.id)}/attendance`, { marks: [{ userId: a.id, status: 'present' }, { userId: b.id, status: 'excused' }] }));
  // A business plan with an advisor's comment; a consultation booked.
  ok(await a.c.put(`/api/plans/${a.id}/draft`, { plan: { motive: { text: '地元で食堂を開く' } }, baseVersion: 0 }));
  ok(await advisor.post(`/api/plans/${a.id}/comments`, { section: 'motive', version: 1, text: '資金の根拠を' }), 201);
  const slot = ok(await advisor.post('/api/consultations/slots', { tenantId: T, startsAt: '2026-12-11T10:00:00+09:00', endsAt: '2026-12-11T11:00:00+09:00', mode: 'in_person', place: '大阪商工会議所 3階' }), 201);
  ok(await b.c.post(`/api/consultations/slots/${String(slot.id)}/booking`, {}), 201);
  return { t, clock, a, b, c, advisorId, assignmentId: String(assignment.id), sessionId: String(session.id), slotId: String(slot.id) };
}

const READS = ['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand'];

/** A DynamoDB client on the shared DynamoDB Local that refuses every write command before it leaves, and lists what it sent. */
function readOnlyClient() {
  const sent: string[] = [];
  const raw = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'ap-northeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  raw.middlewareStack.add((next, context) => async (args) => {
    const name = String(context.commandName);
    sent.push(name);
    if (/^(Put|Update|Delete|BatchWrite|TransactWrite|CreateTable|DeleteTable|UpdateTable)/.test(name)) throw new Error(`write refused: ${name}`);
    return next(args);
  }, { step: 'initialize', name: 'refuseWrites' });
  return { raw, sent };
}

describe('the consistency checker', () => {
  it('finds nothing wrong in data written through the API, and names each corrupted summary, counter and rollup', async () => {
    const { t, clock, a, b, c, advisorId, assignmentId, sessionId, slotId } = await build();
    const ro = readOnlyClient();
    const table = { raw: ro.raw, table: t.deps.db.table };
    const clean = await checkConsistency(table, { catalog: t.deps.catalog(), now: clock.now() });
    expect(clean.problems).toEqual([]);
    for (const k of ['municipalities', 'summaries and counters of founders', 'quiz bests', 'assignments', 'feedback rollups', 'seminar sessions', 'caseload entries', 'business plans', 'consultation slots', 'enrolment codes']) {
      expect(clean.checked[k], k).toBeGreaterThan(0);
    }
    // Only reads left the client (the guard refuses writes; it is shown to work below).
    expect(ro.sent).toContain('QueryCommand');
    expect(ro.sent.filter((s) => !READS.includes(s))).toEqual([]);
    await expect(DynamoDBDocumentClient.from(ro.raw).send(new PutCommand({ TableName: table.table, Item: { pk: 'X', sk: 'X' } }))).rejects.toThrow(/write refused: PutItemCommand/);
    ro.sent.length = 0;

    // Corrupt one figure of each kind, directly in the table.
    const doc = t.deps.db.doc;
    const T_ = t.deps.db.table;
    const add = (k: { pk: string; sk: string }, expr: string, values: Record<string, unknown>, names?: Record<string, string>) =>
      doc.send(new UpdateCommand({ TableName: T_, Key: k, UpdateExpression: expr, ExpressionAttributeValues: values, ...(names ? { ExpressionAttributeNames: names } : {}) }));
    const one = { ':one': 1 };
    await add(key.learnerSummary(T, a.id), 'ADD completedLessons :one', one);
    await add(key.learnerSummary(T, c.id), 'ADD areaModules.#m :one', one, { '#m': 'management' });
    await add(key.totals(T), 'ADD founders :one', one);
    await add(key.dayTotals(T, '2026-12-04'), 'ADD enrolments :one', one);
    await add(key.weekTotals(T, '2026-W49'), 'ADD moduleCompletions :one', one);
    await add(key.moduleStat(T, 'kiso', 'm1'), 'ADD lessonCompletions :one', one);
    await add(key.quizBest(a.id, 'kiso', 'm4'), 'ADD attempts :one', one);
    await add(key.feedbackRollup(T, 'kiso', 'm1', 'm1-v1'), 'ADD answers :one', one);
    await add(key.seminarSession(T, sessionId), 'ADD #c.present :one', one, { '#c': 'counts' });
    await add(key.learnerSummary(T, b.id), 'DELETE advisorIds :a', { ':a': new Set([advisorId]) });
    await add(key.learnerSummary(T, c.id), 'ADD advisorIds :a', { ':a': new Set(['ghost-advisor-1']) });
    await add(key.planVersion(a.id, 1), 'ADD comments :one', one);
    await add(key.planHead(a.id), 'ADD attachments :one', one);
    await add(key.learnerSummary(T, a.id), 'SET planStatus = :s', { ':s': 'reviewed' });
    await add(key.learnerSummary(T, b.id), 'SET nextConsultationAt = :n', { ':n': '2026-12-12T01:00:00.000Z' });
    await add(key.assignment(c.id, 'kiso', assignmentId), 'SET completedAt = :at', { ':at': clock.now().toISOString() });
    await add(key.code('OSAKA-TEST'), 'ADD #u :five', { ':five': 5 }, { '#u': 'uses' });
    const [booking] = await listBookings(t.deps.db, b.id, '');
    expect(booking?.slotId).toBe(slotId);
    await doc.send(new DeleteCommand({ TableName: T_, Key: key.booking(b.id, booking!.startsAt, slotId) }));
    // An attempt the best does not count: a duplicate of a quiz attempt.
    await doc.send(new PutCommand({ TableName: T_, Item: { ...key.quizAttempt(b.id, 'kiso', 'm4', 'stray-attempt'), moduleId: 'm4', attemptId: 'stray-attempt', score: 0, passed: false, answers: {}, submittedAt: clock.now().toISOString(), version: 'v1' } }));

    const { problems } = await checkConsistency(table, { catalog: t.deps.catalog(), now: clock.now() });
    const expected: RegExp[] = [
      new RegExp(`LEARNER#${a.id} completedLessons: stored 4, recomputed 3`),
      new RegExp(`LEARNER#${c.id} areaModules`),
      /271004 TOTAL founders: stored 4, recomputed 3/,
      /TOTAL#DAY#2026-12-04 enrolments: stored 4, recomputed 3/,
      /TOTAL#WEEK#2026-W49 moduleCompletions/,
      /MODSTAT#kiso#m1 lessonCompletions: stored 3, recomputed 2/,
      new RegExp(`PROGRESS#${a.id}#kiso QUIZ#m4: stored \\{"attempts":3`),
      new RegExp(`ATTEMPTS#${b.id}#kiso m4#stray-attempt: an attempt with no quiz best`),
      /271004 FEEDBACK#kiso#m1#m1-v1 answers: stored 2, recomputed 1/,
      new RegExp(`SESSION#${sessionId} counts.present: stored 2, recomputed 1`),
      new RegExp(`ADVISOR#${advisorId} CASE#271004#${b.id}: the founder's summary does not list this advisor`),
      new RegExp(`LEARNER#${c.id} advisorIds: lists ghost-advisor-1`),
      new RegExp(`PLAN#${a.id} V#0000001 comments: stored 2, recomputed 1`),
      new RegExp(`PLAN#${a.id} HEAD attachments: stored 1, recomputed 0`),
      new RegExp(`LEARNER#${a.id} planStatus: stored "reviewed", plan head "draft"`),
      new RegExp(`LEARNER#${b.id} nextConsultationAt: stored 2026-12-12T01:00:00.000Z, but no booking then`),
      new RegExp(`CONSULT#${slotId} SLOT: booked by ${b.id}, who has no copy`),
      new RegExp(`ASSIGN#${assignmentId}: done, but not every module`),
      /CODE#OSAKA-TEST uses: stored 8, founders who signed up with it 3/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in\n${problems.join('\n')}`).toBe(true);
    // Nothing else: each corruption is named, and nothing that is still right.
    expect(problems.length).toBeLessThanOrEqual(expected.length + 2);
    expect(ro.sent.filter((s) => !READS.includes(s))).toEqual([]);
  }, 60_000);
});
