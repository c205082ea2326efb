// The dying-database drill (issue 13, point 2; docs/drills.md). It starts its own local host (free ports, a throw-away
// data folder, DynamoDB Local persisting under it), lets simulated learners, staff and advisors work over HTTP as
// browsers do, kills DynamoDB Local hard in the middle, keeps it down, restarts it on the same port and data, and then
// checks that every write the API acknowledged is there exactly once and that every summary, counter and rollup agrees
// with the items it summarises (drill/consistency.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerCourse } from '../functions/contract/catalog.ts';
import { freePort } from '../functions/entry/engines.ts';
import { type LocalHost, startLocalHost } from '../functions/entry/host.ts';
import { createAccountWithRoles } from '../functions/services/accounts.ts';
import { startLogin } from '../functions/services/auth.ts';
import type { Deps } from '../functions/services/deps.ts';
import { listCaseInTenant } from '../functions/store/caseload.ts';
import { listQuizAttempts } from '../functions/store/erasure.ts';
import { listFeedbackOfUser } from '../functions/store/feedback.ts';
import { loadPlan } from '../functions/store/plans.ts';
import { readCourseState } from '../functions/store/progress.ts';
import { attendanceOfUser, getAttendance } from '../functions/store/seminars.ts';
import { getLearnerSummary } from '../functions/store/summaries.ts';
import { putCohort, putEnrolmentCode, putTenant } from '../functions/store/tenants.ts';
import { loadUserWithMemberships } from '../functions/store/users.ts';
import { Tab, Tally } from './browser.ts';
import { checkConsistency } from './consistency.ts';

export interface DrillOptions {
  learners: number;
  staff: number;
  advisors: number;
  /** How long the clients work, in all. */
  seconds: number;
  killAfterSeconds: number;
  downSeconds: number;
  log?: (line: string) => void;
  /** Seed the demo region first, so the checker also reads a realistic municipality (slower: about a minute). */
  demo?: boolean;
  /** A 503 slower than this is a failure; default 5000 ms. Any answer while the database is down or restarting must
   * come within twice the local host's per-try limit of DynamoDB calls (2 × 6 s), or it counts as a hang. */
  answerBoundMs?: number;
}

export interface KindCounts { acknowledged: number; found: number; lost: number; duplicated: number; lostAtKill: number }

export interface DrillResult {
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
  /** Acknowledged writes lost within KILL_WINDOW_MS of the kill: DynamoDB Local's durability, reported apart. */
  lostAtKill: number;
  status503: number;
  status5xxOther: number;
  maxDownAnswerMs: number;
  /** The slowest answer of any status to a request sent while DynamoDB Local was down or starting again. */
  maxOutageAnswerMs: number;
  retries: number;
  consistency: { problems: string[]; checked: Record<string, number> };
  /** The same four counts per kind of write. */
  byKind: Record<string, KindCounts>;
  byStatus: Record<number, number>;
  /** Requests that got no HTTP answer, and 503s without Retry-After: both should be 0. */
  networkErrors: number;
  missingRetryAfter: number;
  /** Writes without an id of their own (assignments, comments) answered 503, and how many of them were written anyway. */
  ambiguous: { answered503: number; writtenAnyway: number };
  /** Seconds DynamoDB Local was down, from the kill until it answered again. */
  downForSeconds: number;
  /** Every lost or duplicated write and every other failure, in words. */
  failures: string[];
  /** The writes lost at the kill's instant, in words (not failures: see KILL_WINDOW_MS). */
  atKill: string[];
  /** What 409 answers said (retried by the clients): races the API answers honestly, for the report. */
  conflicts: string[];
}

const TENANT = '271004';
const COHORT = 'drill';
const CODE = 'DRILL-271004';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const id = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`;
const between = (a: number, b: number) => a + Math.random() * (b - a);

/** When the client got its 2xx (epoch ms): a loss acknowledged at the kill's instant is the engine's, not the API's. */
type Acked = { ackedAt?: number };
type Ack = Acked & (
  | { kind: 'signup'; userId: string }
  | { kind: 'progress'; userId: string; eventId: string; moduleId: string; lessonId: string; status: 'completed' | 'in_progress'; at?: string }
  | { kind: 'quiz'; userId: string; moduleId: string; attemptId: string; at?: string }
  | { kind: 'feedback'; userId: string; moduleId: string; usefulness: number }
  | { kind: 'attendance'; userId: string; status: string; seq: number }
  | { kind: 'attach'; advisorId: string; userId: string }
  | { kind: 'assignment'; userId: string; note: string }
  | { kind: 'comment'; userId: string; text: string });

/**
 * How close to the SIGKILL an acknowledged write may be and still be lost by DynamoDB Local rather than by the API:
 * DynamoDB Local can answer a write a moment before it is on disk (real DynamoDB answers once the write is durable in
 * two Availability Zones). Such writes are reported apart (`lostAtKill`), never hidden; any other loss fails the drill.
 */
export const KILL_WINDOW_MS = 250;

/** Runs the drill and reports what it found; never throws for what it measures, only for a drill that cannot run. */
export async function runDrill(o: DrillOptions): Promise<DrillResult> {
  const log = o.log ?? (() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'sogyo-drill-'));
  const fatal: Error[] = [];
  log(`Starting a local host of its own (data in ${dataDir})${o.demo ? ' and seeding the demo region' : ''}…`);
  const host = await startLocalHost({
    port: await freePort(), dynamoPort: await freePort(), s3Port: await freePort(), dataDir, quiet: true, jobs: false, seed: o.demo === true,
    onFatal: (e) => fatal.push(e),
  });
  try {
    return await drill(host, o, log, fatal);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function drill(host: LocalHost, o: DrillOptions, log: (line: string) => void, fatal: Error[]): Promise<DrillResult> {
  const deps = host.deps;
  const tally = new Tally();
  const acks: Ack[] = [];
  const ack = (a: Ack) => { acks.push({ ...a, ackedAt: Date.now() }); };
  let killedAt = 0;
  const failures: string[] = [];
  const ambiguous: Array<{ kind: 'assignment' | 'comment'; userId: string; marker: string }> = [];
  const course = deps.catalog().courses[0]!;
  const lessons = course.modules.flatMap((m) => m.lessons.map((l) => ({ moduleId: m.id, lessonId: l })));

  // --- Setting up: the municipality (unless seeded), the drill's code and cohort, staff and advisors, learners. ---
  if (!o.demo) await putTenant(deps.db, { id: TENANT, name: { ja: '大阪市', en: 'Osaka City' }, prefecture: '大阪府', createdAt: deps.clock().toISOString() });
  await putCohort(deps.db, { id: COHORT, tenantId: TENANT, name: 'ドリル', startsOn: null });
  await putEnrolmentCode(deps.db, { code: CODE, tenantId: TENANT, cohortId: COHORT, expiresAt: null, maxUses: null, uses: 0, createdAt: deps.clock().toISOString() });
  const signedIn = async (role: 'staff' | 'advisor', i: number) => {
    const user = await createAccountWithRoles(deps, {
      email: `drill.${role}${i}@example.jp`, name: `ドリル ${role} ${i}`, passwordHash: 'drill-no-password', roles: [{ tenantId: TENANT, role }],
    });
    const loaded = (await loadUserWithMemberships(deps.db, user.id))!;
    const s = await startLogin(deps, loaded.user, loaded.memberships, { secondFactor: true });
    const tab = new Tab(host.url, tally);
    tab.cookie = `sid=${s.token}`;
    tab.csrf = s.auth.csrfToken;
    return { id: user.id, tab };
  };
  const staff = await Promise.all(Array.from({ length: o.staff }, (_, i) => signedIn('staff', i + 1)));
  const advisors = await Promise.all(Array.from({ length: o.advisors }, (_, i) => signedIn('advisor', i + 1)));
  const learners: Array<{ id: string; tab: Tab; advisorId: string | null }> = [];
  // One after the other: each sign-up hashes a password with scrypt (128 MB, a good part of a second).
  for (let i = 0; i < o.learners; i++) {
    const tab = new Tab(host.url, tally);
    const r = await tab.once('POST', '/api/auth/signup', { code: CODE, name: `ドリル 受講者 ${i + 1}`, email: `drill.learner${i + 1}@example.jp`, password: `drill-${randomBytes(12).toString('base64url')}` });
    if (r?.status !== 201) throw new Error(`Sign-up of drill learner ${i + 1} failed: ${r?.status} ${JSON.stringify(r?.body)}`);
    const userId = (r.body as { user: { id: string } }).user.id;
    ack({ kind: 'signup', userId });
    learners.push({ id: userId, tab, advisorId: advisors.length ? advisors[i % advisors.length]!.id : null });
  }
  const setupGiveUp = Date.now() + 60_000;
  const must = async (tab: Tab, method: string, path: string, body: unknown, what: string) => {
    const r = await tab.retrying(method, path, body, setupGiveUp);
    if (!r || r.status >= 300) throw new Error(`${what} failed: ${r?.status} ${JSON.stringify(r?.body)}`);
    return r.body as Record<string, unknown>;
  };
  // A plan draft per learner (advisors comment on it), each learner attached to one advisor, a seminar session.
  for (const l of learners) await must(l.tab, 'PUT', `/api/plans/${l.id}/draft`, { plan: { motive: { text: 'ドリルの創業計画' } }, baseVersion: 0 }, 'A plan draft');
  if (staff.length && advisors.length) {
    for (const a of advisors) {
      const mine = learners.filter((l) => l.advisorId === a.id).map((l) => l.id);
      if (mine.length) await must(staff[0]!.tab, 'POST', `/api/tenants/${TENANT}/advisors/${a.id}/founders`, { userIds: mine }, 'Attaching founders');
    }
  }
  const inTwoHours = new Date(Date.now() + 2 * 3600_000);
  const session = staff.length
    ? await must(staff[0]!.tab, 'POST', `/api/tenants/${TENANT}/sessions`, {
      cohortId: COHORT, title: 'ドリル 第1回', startsAt: inTwoHours.toISOString(), endsAt: new Date(inTwoHours.getTime() + 2 * 3600_000).toISOString(),
      place: '大阪産業創造館', onlineUrl: null, capacity: 100, areas: [...course.modules[0]!.areas], courseId: course.id, moduleIds: [course.modules[0]!.id],
    }, 'A seminar session')
    : null;
  log(`Ready: ${learners.length} learners, ${staff.length} staff, ${advisors.length} advisors. Working for ${o.seconds} s; DynamoDB Local dies at ${o.killAfterSeconds} s for ${o.downSeconds} s.`);

  // --- The run. ---
  const t0 = Date.now();
  const endAt = t0 + o.seconds * 1000;
  const giveUpAt = endAt + 60_000;
  let downFor = 0;
  const outage = (async () => {
    await sleep(o.killAfterSeconds * 1000);
    log(`${((Date.now() - t0) / 1000).toFixed(1)} s: killing DynamoDB Local (SIGKILL, pid ${host.dynamoPid()})`);
    tally.down = true;
    killedAt = Date.now();
    await host.killDynamo();
    await sleep(o.downSeconds * 1000);
    log(`${((Date.now() - t0) / 1000).toFixed(1)} s: restarting it on the same port and data`);
    await host.restartDynamo();
    tally.down = false;
    downFor = (Date.now() - killedAt) / 1000;
    log(`${((Date.now() - t0) / 1000).toFixed(1)} s: DynamoDB Local answers again (pid ${host.dynamoPid()}; down ${downFor.toFixed(1)} s)`);
  })();

  const ok = (a: { status: number } | null) => a !== null && a.status >= 200 && a.status < 300;
  const learnerWork = learners.map(async (l, li) => {
    const done = new Set<string>();
    let k = 0;
    while (Date.now() < endAt) {
      const lesson = lessons[k % lessons.length]!;
      k++;
      // Halfway through a lesson, sometimes: a reading position.
      if (Math.random() < 0.3) {
        const eventId = id('pos');
        const a = await l.tab.retrying('PUT', `/api/progress/${course.id}/${lesson.moduleId}/${lesson.lessonId}`, { eventId, status: 'in_progress', position: 0.5 }, giveUpAt);
        if (ok(a)) ack({ kind: 'progress', userId: l.id, eventId, moduleId: lesson.moduleId, lessonId: lesson.lessonId, status: 'in_progress' });
      }
      const eventId = id('ev');
      const a = await l.tab.retrying('PUT', `/api/progress/${course.id}/${lesson.moduleId}/${lesson.lessonId}`, { eventId, status: 'completed', position: 1 }, giveUpAt);
      if (ok(a)) ack({ kind: 'progress', userId: l.id, eventId, moduleId: lesson.moduleId, lessonId: lesson.lessonId, status: 'completed', at: `${((Date.now() - t0) / 1000).toFixed(1)} s, ${a!.tries} tries` });
      else if (a) failures.push(`progress ${eventId} of ${l.id}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      const mod = course.modules.find((m) => m.id === lesson.moduleId)!;
      if (mod.lessons.at(-1) === lesson.lessonId && !done.has(mod.id)) {
        if (mod.quiz) await quiz(l, mod, (li + k) % 3 === 0);
        done.add(mod.id);
        const usefulness = 1 + ((li + k) % 5);
        const f = await l.tab.retrying('PUT', `/api/feedback/${course.id}/${mod.id}`, { usefulness, helpedPlan: usefulness >= 3 }, giveUpAt);
        if (ok(f)) ack({ kind: 'feedback', userId: l.id, moduleId: mod.id, usefulness });
        else if (f && f.status !== 403 && f.status !== 409) failures.push(`feedback on ${mod.id} of ${l.id}: ${f.status} ${JSON.stringify(f.body).slice(0, 200)}`);
      }
      await sleep(between(150, 450));
    }
  });
  async function quiz(l: (typeof learners)[number], mod: ServerCourse['modules'][number], failFirst: boolean) {
    const q = mod.quiz!;
    const answers = (right: boolean) => Object.fromEntries(q.questions.map((x) => [x.id, right ? [...x.correct] : [x.choiceIds.find((c) => !x.correct.includes(c)) ?? x.choiceIds[0]!]]));
    for (const right of failFirst ? [false, true] : [true]) {
      const attemptId = id('att');
      const a = await l.tab.retrying('POST', `/api/quizzes/${course.id}/${mod.id}/attempts`, { attemptId, version: deps.catalog().version, answers: answers(right) }, giveUpAt);
      if (ok(a)) ack({ kind: 'quiz', userId: l.id, moduleId: mod.id, attemptId, at: `${((Date.now() - t0) / 1000).toFixed(1)} s, ${a!.tries} tries` });
      else if (a) failures.push(`quiz attempt ${attemptId} of ${l.id}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
    }
  }

  let markSeq = 0;
  const staffWork = staff.map(async (s, si) => {
    for (let round = si; Date.now() < endAt; round++) {
      const l = learners[round % learners.length]!;
      switch (round % 6) {
        case 0: await s.tab.retrying('GET', `/api/tenants/${TENANT}/totals`, undefined, giveUpAt); break;
        case 1: await s.tab.retrying('GET', `/api/tenants/${TENANT}/activity`, undefined, giveUpAt); break;
        case 2: await s.tab.retrying('GET', `/api/tenants/${TENANT}/founders?sort=activity`, undefined, giveUpAt); break;
        case 3: await s.tab.retrying('GET', `/api/founders/${l.id}`, undefined, giveUpAt); break;
        case 4: {
          // Marks set a state: sending one again changes nothing, so it is retried like an id-carrying write.
          if (!session) break;
          const status = (['present', 'excused', 'absent'] as const)[round % 3]!;
          const seq = ++markSeq;
          const a = await s.tab.retrying('POST', `/api/tenants/${TENANT}/sessions/${String(session.id)}/attendance`, { marks: [{ userId: l.id, status }] }, giveUpAt);
          if (ok(a)) ack({ kind: 'attendance', userId: l.id, status, seq });
          else if (a) failures.push(`attendance of ${l.id}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
          break;
        }
        case 5: {
          if (round % 12 === 5 && l.advisorId) {
            const a = await s.tab.retrying('POST', `/api/tenants/${TENANT}/advisors/${l.advisorId}/founders`, { userIds: [l.id] }, giveUpAt);
            if (ok(a)) ack({ kind: 'attach', advisorId: l.advisorId, userId: l.id });
          } else await assign(s.tab, l.id, `staff-${si}`);
          break;
        }
      }
      await sleep(between(200, 600));
    }
  });
  const advisorWork = advisors.map(async (adv, ai) => {
    const mine = learners.filter((l) => l.advisorId === adv.id);
    for (let round = ai; Date.now() < endAt && mine.length; round++) {
      const l = mine[round % mine.length]!;
      switch (round % 4) {
        case 0: await adv.tab.retrying('GET', `/api/caseload?tenant=${TENANT}`, undefined, giveUpAt); break;
        case 1: await adv.tab.retrying('GET', `/api/plans/${l.id}`, undefined, giveUpAt); break;
        case 2: {
          const text = `ドリルのコメント ${id('c')}`;
          const a = await adv.tab.once('POST', `/api/plans/${l.id}/comments`, { section: 'motive', version: 1, text });
          if (ok(a)) ack({ kind: 'comment', userId: l.id, text });
          else if (a?.status === 503 || !a) ambiguous.push({ kind: 'comment', userId: l.id, marker: text });
          else failures.push(`comment on ${l.id}'s plan: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
          break;
        }
        case 3: await assign(adv.tab, l.id, `advisor-${ai}`); break;
      }
      await sleep(between(200, 600));
    }
  });
  /** Assignments carry no id of the sender's: a 503 leaves it unknown whether one was made, so they are sent once. */
  async function assign(tab: Tab, userId: string, by: string) {
    const note = `drill ${by} ${id('n')}`;
    const day = new Date(Date.now() + 9 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    const mod = course.modules[Math.floor(Math.random() * course.modules.length)]!;
    const a = await tab.once('POST', `/api/founders/${userId}/assignments`, { courseId: course.id, moduleIds: [mod.id], dueOn: day, note });
    if (ok(a)) ack({ kind: 'assignment', userId, note });
    else if (a?.status === 503 || !a) ambiguous.push({ kind: 'assignment', userId, marker: note });
    else failures.push(`assignment for ${userId}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
  }

  await Promise.all([...learnerWork, ...staffWork, ...advisorWork, outage]);
  log(`${((Date.now() - t0) / 1000).toFixed(1)} s: the clients stopped; checking every acknowledged write and every derived figure…`);
  if (fatal.length) failures.push(...fatal.map((e) => `local host: ${e.message}`));

  // --- Afterwards: each acknowledged write present exactly once. ---
  const byKind: Record<string, KindCounts> = {};
  const count = (kind: string, found: boolean, duplicated = 0) => {
    const k = (byKind[kind] ??= { acknowledged: 0, found: 0, lost: 0, duplicated: 0, lostAtKill: 0 });
    k.acknowledged++;
    if (found) k.found++; else if (atKill()) k.lostAtKill++; else k.lost++;
    k.duplicated += duplicated;
  };
  // verify() walks the acks in order; `atKill` says whether the one being counted was acknowledged at the kill.
  let current: Ack | undefined;
  const atKill = () => killedAt > 0 && current?.ackedAt !== undefined && Math.abs(current.ackedAt - killedAt) <= KILL_WINDOW_MS;
  const notes: string[] = [];
  const verified = await verify(deps, course, learners.map((l) => l.id), acks, ambiguous, count, failures, (a) => { current = a; }, atKill, notes);
  const consistency = await checkConsistency(deps.db, { catalog: deps.catalog(), now: deps.clock() });

  const sum = (f: keyof KindCounts) => Object.values(byKind).reduce((n, k) => n + k[f], 0);
  const bound = o.answerBoundMs ?? 5000;
  if (tally.maxDownAnswerMs > bound) failures.push(`a 503 took ${tally.maxDownAnswerMs} ms (bound ${bound} ms)`);
  if (tally.maxOutageAnswerMs > 12_000) failures.push(`an answer during the outage took ${tally.maxOutageAnswerMs} ms: a hang`);
  if (tally.missingRetryAfter > 0) failures.push(`${tally.missingRetryAfter} answer(s) 503 without Retry-After`);
  if (tally.networkErrors > 0) failures.push(`${tally.networkErrors} request(s) got no HTTP answer`);
  if (tally.status503 === 0) failures.push('no request met the outage (no 503 at all): the drill proved nothing about it');
  failures.push(...tally.samples.filter((s) => !s.includes(': no answer')));
  return {
    acknowledged: sum('acknowledged'), found: sum('found'), lost: sum('lost'), duplicated: sum('duplicated'), lostAtKill: sum('lostAtKill'), atKill: notes,
    status503: tally.status503, status5xxOther: tally.status5xxOther, maxDownAnswerMs: tally.maxDownAnswerMs, maxOutageAnswerMs: tally.maxOutageAnswerMs, retries: tally.retries,
    consistency, byKind, byStatus: tally.byStatus, networkErrors: tally.networkErrors, missingRetryAfter: tally.missingRetryAfter,
    ambiguous: verified.ambiguous, downForSeconds: Math.round(downFor * 10) / 10, failures, conflicts: tally.conflicts,
  };
}

/** Looks up every acknowledged write in the table and counts it found or lost, and counted more than once. */
async function verify(
  deps: Deps, course: ServerCourse, learnerIds: string[], acks: Ack[], ambiguous: Array<{ kind: 'assignment' | 'comment'; userId: string; marker: string }>,
  count: (kind: string, found: boolean, duplicated?: number) => void, failures: string[],
  counting: (a: Ack) => void, atKill: () => boolean, notes: string[],
): Promise<{ ambiguous: { answered503: number; writtenAnyway: number } }> {
  const db = deps.db;
  const states = new Map(await Promise.all(learnerIds.map(async (u) => [u, await readCourseState(db, u, course.id)] as const)));
  const attempts = new Map(await Promise.all(learnerIds.map(async (u) => [u, await listQuizAttempts(db, u, course.id)] as const)));
  const feedback = new Map(await Promise.all(learnerIds.map(async (u) => [u, await listFeedbackOfUser(db, u, course.id)] as const)));
  const summaries = new Map(await Promise.all(learnerIds.map(async (u) => [u, await getLearnerSummary(db, TENANT, u)] as const)));
  const plans = new Map(await Promise.all(learnerIds.map(async (u) => [u, await loadPlan(db, u, TENANT)] as const)));
  const lost = (what: string) => (atKill() ? notes : failures).push(`LOST${atKill() ? ' at the kill' : ''}: ${what}`);
  const dup = (what: string) => failures.push(`DUPLICATED: ${what}`);

  // Progress: the lesson is there (completed, for a completion); completions are counted once on the summary.
  const dupLessons = new Map<string, number>();
  for (const u of learnerIds) {
    const completedItems = states.get(u)!.lessons.filter((l) => l.status === 'completed').length;
    const counted = summaries.get(u)?.completedLessons ?? 0;
    if (counted > completedItems) { dupLessons.set(u, counted - completedItems); dup(`${u}: the summary counts ${counted} completed lessons, ${completedItems} are completed`); }
  }
  for (const a of acks) {
    counting(a);
    switch (a.kind) {
      case 'signup': {
        const found = summaries.get(a.userId) !== undefined;
        if (!found) lost(`sign-up of ${a.userId}`);
        count('sign-ups', found);
        break;
      }
      case 'progress': {
        const l = states.get(a.userId)!.lessons.find((x) => x.moduleId === a.moduleId && x.lessonId === a.lessonId);
        const found = l !== undefined && (a.status !== 'completed' || l.status === 'completed');
        if (!found) lost(`progress ${a.eventId} (${a.status} ${a.moduleId}/${a.lessonId}) of ${a.userId} (acknowledged at ${a.at ?? '?'})`);
        // Over-counting is charged to the learner's first acknowledged completion.
        const extra = a.status === 'completed' ? dupLessons.get(a.userId) ?? 0 : 0;
        if (extra) dupLessons.delete(a.userId);
        count(a.status === 'completed' ? 'lesson completions' : 'reading positions', found, extra);
        break;
      }
      case 'quiz': {
        const mine = attempts.get(a.userId)!.filter((x) => x.attemptId === a.attemptId);
        if (mine.length === 0) lost(`quiz attempt ${a.attemptId} on ${a.moduleId} of ${a.userId} (acknowledged at ${a.at ?? '?'})`);
        const best = states.get(a.userId)!.quizzes.find((q) => q.moduleId === a.moduleId);
        const stored = attempts.get(a.userId)!.filter((x) => x.moduleId === a.moduleId).length;
        // The best counts attempts: more than there are attempt items is an attempt counted twice (charged once per module).
        const firstOfModule = acks.find((x) => x.kind === 'quiz' && x.userId === a.userId && x.moduleId === a.moduleId) === a;
        const extra = firstOfModule && best ? Math.max(0, best.attempts - stored) : 0;
        if (extra) dup(`quiz ${a.moduleId} of ${a.userId}: the best counts ${best!.attempts} attempts, ${stored} are stored`);
        count('quiz attempts', mine.length > 0, Math.max(0, mine.length - 1) + extra);
        break;
      }
      case 'feedback': {
        const f = feedback.get(a.userId)!.filter((x) => x.moduleId === a.moduleId);
        const found = f.some((x) => x.usefulness === a.usefulness);
        if (!found) lost(`feedback of ${a.userId} on ${a.moduleId}`);
        count('module feedback', found);
        break;
      }
      case 'attendance': {
        // Only the last acknowledged mark of a founder is what the table must say (earlier ones were changed by later ones).
        const last = acks.filter((x) => x.kind === 'attendance' && x.userId === a.userId).at(-1) as typeof a;
        const mark = last === a ? await markOf(deps, a.userId) : undefined;
        const found = last !== a || mark?.status === a.status;
        if (!found) lost(`attendance mark ${a.status} of ${a.userId} (stored ${mark?.status ?? 'none'})`);
        count('attendance marks', found);
        break;
      }
      case 'attach': {
        const entries = await listCaseInTenant(db, a.advisorId, TENANT);
        const found = entries.includes(a.userId) && (summaries.get(a.userId)?.advisorIds ?? []).includes(a.advisorId);
        if (!found) lost(`attachment of ${a.userId} to ${a.advisorId}`);
        count('caseload attachments', found);
        break;
      }
      case 'assignment': {
        const n = states.get(a.userId)!.assignments.filter((x) => x.note === a.note).length;
        if (n === 0) lost(`assignment "${a.note}" of ${a.userId}`);
        if (n > 1) dup(`assignment "${a.note}" of ${a.userId}: ${n} of them`);
        count('assignments', n > 0, Math.max(0, n - 1));
        break;
      }
      case 'comment': {
        const n = plans.get(a.userId)!.comments.filter((c) => c.text === a.text).length;
        if (n === 0) lost(`comment "${a.text}" on ${a.userId}'s plan`);
        if (n > 1) dup(`comment "${a.text}" on ${a.userId}'s plan: ${n} of them`);
        count('plan comments', n > 0, Math.max(0, n - 1));
        break;
      }
    }
  }
  let writtenAnyway = 0;
  for (const x of ambiguous) {
    const n = x.kind === 'assignment'
      ? states.get(x.userId)!.assignments.filter((a) => a.note === x.marker).length
      : plans.get(x.userId)!.comments.filter((c) => c.text === x.marker).length;
    if (n > 1) dup(`${x.kind} "${x.marker}" (answered 503): ${n} of them`);
    if (n > 0) writtenAnyway++;
  }
  return { ambiguous: { answered503: ambiguous.length, writtenAnyway } };
}

/** A founder's mark on the drill's session (their only one). */
async function markOf(deps: Deps, userId: string) {
  const [mark] = await attendanceOfUser(deps.db, userId);
  return mark ? await getAttendance(deps.db, TENANT, mark.sessionId, userId) : undefined;
}
