import { describe, expect, it } from 'vitest';
import type { LessonProgress } from '../../functions/contract/api.ts';
import { enrolmentCodeState } from '../../functions/domain/enrolment.ts';
import { passwordProblem } from '../../functions/domain/password.ts';
import { type Action, can, type Principal, type Resource } from '../../functions/domain/policy.ts';
import { type AreaCompletion, type Completions, eventTime, mergeLessonProgress, type ModuleCompletion, newCompletions, newlyCompletedModules, summarizeCourse } from '../../functions/domain/progress.ts';
import { loginVerdict } from '../../functions/domain/login.ts';
import { lockedUntil, minutesToSay, secondsToWait, SIGN_IN_RULES } from '../../functions/domain/throttle.ts';
import { catalogFixture } from '../fixtures/catalog.ts';

const course = catalogFixture().courses[0]!;

describe('authorization policy', () => {
  const learner: Principal = { userId: 'L', admin: false, memberships: [{ tenantId: '271004', role: 'learner' }], secondFactor: true };
  const staffOsaka: Principal = { userId: 'S', admin: false, memberships: [{ tenantId: '271004', role: 'staff' }], secondFactor: true };
  const staffSakai: Principal = { userId: 'S2', admin: false, memberships: [{ tenantId: '271403', role: 'staff' }], secondFactor: true };
  const advisor: Principal = { userId: 'A', admin: false, memberships: [{ tenantId: '271004', role: 'advisor' }, { tenantId: '271403', role: 'advisor' }], secondFactor: true };
  const otherAdvisor: Principal = { userId: 'A2', admin: false, memberships: [{ tenantId: '271004', role: 'advisor' }], secondFactor: true };
  const admin: Principal = { userId: 'X', admin: true, memberships: [], secondFactor: true };
  const nobody: Principal = { userId: 'N', admin: false, memberships: [], secondFactor: true };
  const founder: Resource = { kind: 'learner', userId: 'L', tenantId: '271004', advisorIds: ['A'] };
  const osaka: Resource = { kind: 'tenant', tenantId: '271004' };

  it.each<[string, Principal, Action, Resource, boolean]>([
    ['a founder studies', learner, 'study', { kind: 'self' }, true],
    ['staff without a learner role do not study', staffOsaka, 'study', { kind: 'self' }, false],
    ['admin without a learner role do not study', { userId: 'adm', admin: true, memberships: [], secondFactor: true }, 'study', { kind: 'self' }, false],
    ['admin who is also a founder studies', { userId: 'adm', admin: true, memberships: [{ tenantId: '271004', role: 'learner' }], secondFactor: true }, 'study', { kind: 'self' }, true],
    ['a founder reads their own record', learner, 'learner.read', founder, true],
    ['staff read founders of their municipality', staffOsaka, 'learner.read', founder, true],
    ['staff of another municipality do not', staffSakai, 'learner.read', founder, false],
    ['the assigned advisor reads the founder', advisor, 'learner.read', founder, true],
    ['an advisor not assigned does not', otherAdvisor, 'learner.read', founder, false],
    ['the assigned advisor comments on the plan', advisor, 'plan.comment', founder, true],
    ['the founder replies on their own plan, even without a second factor', { ...learner, secondFactor: false }, 'plan.comment', founder, true],
    ['staff do not comment on plans', staffOsaka, 'plan.comment', founder, false],
    ['an advisor not attached does not comment', otherAdvisor, 'plan.comment', founder, false],
    ['admin does not comment on plans', admin, 'plan.comment', founder, false],
    ['the attached advisor comments only after the second factor', { ...advisor, secondFactor: false }, 'plan.comment', founder, false],
    ['the founder writes their own plan', { ...learner, secondFactor: false }, 'plan.write', founder, true],
    ['nobody else writes it: staff', staffOsaka, 'plan.write', founder, false],
    ['nobody else writes it: the attached advisor', advisor, 'plan.write', founder, false],
    ['nobody else writes it: admin', admin, 'plan.write', founder, false],
    ['a founder of another municipality with the same id claim does not', { ...learner, memberships: [{ tenantId: '271403', role: 'learner' }] }, 'plan.write', founder, false],
    ['the attached advisor reviews', advisor, 'plan.review', founder, true],
    ['the founder does not review their own plan', learner, 'plan.review', founder, false],
    ['staff do not review', staffOsaka, 'plan.review', founder, false],
    ['admin does not review', admin, 'plan.review', founder, false],
    ['an advisor of Osaka offers consultations in Osaka', advisor, 'consultation.offer', osaka, true],
    ['staff do not offer consultations', staffOsaka, 'consultation.offer', osaka, false],
    ['admin does not offer consultations', admin, 'consultation.offer', osaka, false],
    ['an advisor of Sakai only does not offer them in Osaka', { ...otherAdvisor, memberships: [{ tenantId: '271403', role: 'advisor' }] }, 'consultation.offer', osaka, false],
    ['staff read their tenant', staffOsaka, 'tenant.read', osaka, true],
    ['staff manage their tenant', staffOsaka, 'tenant.manage', osaka, true],
    ['staff of another tenant do not', staffSakai, 'tenant.read', osaka, false],
    ['advisors do not manage a tenant', advisor, 'tenant.manage', osaka, false],
    ['founders do not read dashboards', learner, 'tenant.read', osaka, false],
    ['only admin reads the region', staffOsaka, 'region.read', { kind: 'region' }, false],
    ['admin reads the region', admin, 'region.read', { kind: 'region' }, true],
    ['admin reads any founder', admin, 'learner.read', founder, true],
    ['a person without roles can do nothing', nobody, 'learner.read', founder, false],
    ['an advisor assigned in a tenant where they are not advisor cannot read', otherAdvisor, 'learner.read', { ...founder, tenantId: '271403', advisorIds: ['A2'] }, false],
  ])('%s', (_name, p, action, r, expected) => {
    expect(can(p, action, r)).toBe(expected);
  });
});

describe('lesson progress rules', () => {
  const ids = { moduleId: 'm1', lessonId: 'l1' };
  const at = (m: number) => new Date(Date.UTC(2026, 10, 28, 1, m)).toISOString();

  it('completion never regresses and keeps its first date and version', () => {
    const a = mergeLessonProgress(undefined, ids, { status: 'completed', position: 1, at: at(0), version: 'v1' });
    expect(a.newlyCompleted).toBe(true);
    const b = mergeLessonProgress(a.next, ids, { status: 'in_progress', position: 0.2, at: at(5), version: 'v2' });
    expect(b.next).toMatchObject({ status: 'completed', completedAt: at(0), completedVersion: 'v1', position: 0.2 });
    expect(b.newlyCompleted).toBe(false);
    const c = mergeLessonProgress(b.next, ids, { status: 'completed', position: 1, at: at(9), version: 'v2' });
    expect(c.newlyCompleted).toBe(false);
    expect(c.next.completedVersion).toBe('v1');
  });

  it('an older event does not move the position back', () => {
    const a = mergeLessonProgress(undefined, ids, { status: 'in_progress', position: 0.7, at: at(10), version: 'v1' });
    const b = mergeLessonProgress(a.next, ids, { status: 'in_progress', position: 0.1, at: at(2), version: 'v1' });
    expect(b.next.position).toBe(0.7);
    expect(b.changed).toBe(false);
  });

  it('clamps client clocks: never in the future, never more than a week back', () => {
    const now = new Date('2026-11-28T01:00:00.000Z');
    expect(eventTime('2030-01-01T00:00:00.000Z', now)).toBe(now.toISOString());
    expect(eventTime('2020-01-01T00:00:00.000Z', now)).toBe('2026-11-21T01:00:00.000Z');
    expect(eventTime(undefined, now)).toBe(now.toISOString());
  });

  const done = (moduleId: string, lessonId: string): LessonProgress => ({
    moduleId, lessonId, status: 'completed', position: 1, positionAt: at(1), completedAt: at(1), completedVersion: 'v1', updatedAt: at(1),
  });

  it('a module completes when all lessons are done and its quiz (if any) is passed', () => {
    const lessons = [done('m1', 'l1'), done('m1', 'l2'), done('m4', 'l1')];
    expect(newlyCompletedModules(course, lessons, new Set(), [], at(2), 'v1').map((m) => m.moduleId)).toEqual(['m1']);
    expect(newlyCompletedModules(course, lessons, new Set(['m4']), [], at(2), 'v1').map((m) => m.moduleId)).toEqual(['m1', 'm4']);
    expect(newlyCompletedModules(course, lessons, new Set(['m4']), [{ moduleId: 'm1', completedAt: at(0), version: 'v0' }], at(2), 'v1')
      .map((m) => m.moduleId)).toEqual(['m4']);
  });

  it('areas count modules with several areas in each, and the course summary resumes at the first unfinished lesson in course order', () => {
    const s = summarizeCourse(course, 'v1', [done('m3', 'l1'), done('m3', 'l2')], recorded([{ moduleId: 'm3', completedAt: at(1), version: 'v1' }]));
    expect(s.areas.find((a) => a.area === 'hr')).toMatchObject({ covered: true, completedModules: 1 });
    expect(s.areas.find((a) => a.area === 'finance')).toMatchObject({ covered: false, completedModules: 1, totalModules: 2 });
    expect(s.resume).toEqual({ moduleId: 'm1', lessonId: 'l1', position: 0 });
    expect(s.completedLessons).toBe(2);
  });

  it('"Next" is the first unfinished lesson in course order, at its saved position, even after a glance at a later lesson', () => {
    const first = course.modules[0]!;
    const last = course.modules[course.modules.length - 1]!;
    const halfRead: LessonProgress = { ...done(first.id, first.lessons[1]!), status: 'in_progress', position: 0.4, completedAt: null, completedVersion: null };
    // Read later than anything else, unfinished: before, "Next" pointed here and skipped the first module's second lesson.
    const glance: LessonProgress = { ...done(last.id, last.lessons[0]!), status: 'in_progress', position: 0.1, positionAt: at(9), completedAt: null, completedVersion: null, updatedAt: at(9) };
    const s = summarizeCourse(course, 'v1', [done(first.id, first.lessons[0]!), halfRead, glance], recorded([]));
    expect(s.resume).toEqual({ moduleId: first.id, lessonId: first.lessons[1], position: 0.4 });
  });

  it('lists the modules whose quiz was passed, in course order, so the outline can mark them', () => {
    const ids = course.modules.map((m) => m.id);
    const s = summarizeCourse(course, 'v1', [], recorded([]), new Set([ids[1]!, ids[0]!, 'retired']));
    expect(s.passedQuizzes).toEqual([ids[0], ids[1]]);
  });

  it('keeps a completion recorded on an older version even when the module is gone from the catalog', () => {
    const s = summarizeCourse(course, 'v2', [], recorded([{ moduleId: 'retired', completedAt: at(1), version: 'v1' }]));
    expect(s.completedModules).toEqual([{ moduleId: 'retired', completedAt: at(1), version: 'v1' }]);
  });

  const recorded = (modules: ModuleCompletion[], areas: AreaCompletion[] = [], done: Completions['course'] = null): Completions => ({ modules, areas, course: done });
  const allLessons = () => course.modules.flatMap((m) => m.lessons.map((l) => done(m.id, l)));
  const mod = (moduleId: string): ModuleCompletion => ({ moduleId, completedAt: at(1), version: 'v1' });

  it('covers an area when every module teaching it is complete, a module with two areas counting for both', () => {
    // m3 teaches hr and finance; finance also has m2.
    const first = newCompletions(course, [done('m3', 'l1'), done('m3', 'l2')], new Set(), recorded([]), at(2), 'v1');
    expect(first.modules.map((m) => m.moduleId)).toEqual(['m3']);
    expect(first.areas).toEqual([{ area: 'hr', completedAt: at(2), version: 'v1' }]);
    expect(first.course).toBeNull();
    const second = newCompletions(course, [done('m2', 'l1'), done('m3', 'l1'), done('m3', 'l2')], new Set(), recorded([mod('m3')], first.areas), at(3), 'v1');
    expect(second.areas.map((a) => a.area)).toEqual(['finance']);
  });

  it('completes the course once every area is covered, exactly once', () => {
    const r = newCompletions(course, allLessons(), new Set(['m4']), recorded([]), at(5), 'v1');
    expect(r.modules.map((m) => m.moduleId)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(r.areas.map((a) => a.area)).toEqual(['management', 'finance', 'hr', 'sales']);
    expect(r.course).toEqual({ completedAt: at(5), version: 'v1' });
    const again = newCompletions(course, allLessons(), new Set(['m4']), recorded(r.modules, r.areas, r.course), at(6), 'v1');
    expect(again).toEqual({ modules: [], areas: [], course: null });
    const s = summarizeCourse(course, 'v1', allLessons(), recorded(r.modules, r.areas, r.course));
    expect(s.completed).toEqual({ completedAt: at(5), version: 'v1' });
    expect(s.areas.every((a) => a.covered && a.coveredAt === at(5))).toBe(true);
  });

  it('never regresses when a new curriculum version adds a module to a covered area', () => {
    const v1 = newCompletions(course, allLessons(), new Set(['m4']), recorded([]), at(5), 'v1');
    const v2: typeof course = { ...course, modules: [...course.modules, { id: 'm5', version: 'm5-v2', title: { ja: '新', en: 'New' }, areas: ['management'], lessons: ['l1'], quiz: null }] };
    const s = summarizeCourse(v2, 'v2', allLessons(), recorded(v1.modules, v1.areas, v1.course));
    expect(s.areas.find((a) => a.area === 'management')).toMatchObject({ covered: true, completedModules: 1, totalModules: 2, coveredAt: at(5) });
    expect(s.completed).toEqual({ completedAt: at(5), version: 'v1' });
    // A founder who had not yet covered management on v1 now needs the new module too.
    const later = newCompletions(v2, allLessons().filter((l) => l.moduleId !== 'm5'), new Set(['m4']), recorded([]), at(7), 'v2');
    expect(later.areas.map((a) => a.area)).toEqual(['finance', 'hr', 'sales']);
    expect(later.course).toBeNull();
  });
});

describe('sessions, throttling, codes, passwords', () => {
  const t0 = '2026-11-28T00:00:00.000Z';
  const plus = (min: number) => new Date(Date.parse(t0) + min * 60_000);
  it.each([
    [0.5, t0, 'valid'], [2, t0, 'valid_touch'], [30, t0, 'expired'], [719, plus(700).toISOString(), 'valid_touch'], [720, plus(719).toISOString(), 'expired'],
  ] as const)('after %s minutes (last seen %s) a session is %s', (min, lastSeenAt, verdict) => {
    expect(loginVerdict({ createdAt: t0, lastSeenAt }, plus(min))).toBe(verdict);
  });

  it('a lock lasts one window from the failure that started it, whatever the clock; the wait is said in whole minutes', () => {
    const failedAt = new Date('2026-11-28T00:14:50.000Z'); // ten seconds before a quarter hour ends
    const until = lockedUntil(failedAt, SIGN_IN_RULES.account);
    expect(new Date(until).toISOString()).toBe('2026-11-28T00:29:50.000Z');
    expect(secondsToWait(new Date('2026-11-28T00:15:00.000Z'), SIGN_IN_RULES.account, until)).toBe(890);
    expect(minutesToSay(890)).toBe(15);
    expect(minutesToSay(61)).toBe(2);
    expect(minutesToSay(1)).toBe(1);
    // Over the limit without a lock yet (attempts still being checked): a whole lock.
    expect(secondsToWait(failedAt, SIGN_IN_RULES.account)).toBe(900);
    expect(secondsToWait(failedAt, SIGN_IN_RULES.account, until - 900_000)).toBe(900);
  });

  it.each([
    [{ expiresAt: null, maxUses: null, uses: 99 }, 'ok'],
    [{ expiresAt: '2026-11-28T00:00:00.000Z', maxUses: null, uses: 0 }, 'expired'],
    [{ expiresAt: '2026-12-01T00:00:00.000Z', maxUses: 3, uses: 3 }, 'used_up'],
    [{ expiresAt: '2026-12-01T00:00:00.000Z', maxUses: 3, uses: 2 }, 'ok'],
  ])('enrolment code %o is %s', (c, state) => {
    expect(enrolmentCodeState({ code: 'X', tenantId: '271004', cohortId: null, ...c }, new Date('2026-11-28T00:00:00.000Z'))).toBe(state);
  });

  it.each([['password1'], ['Password123'], ['qwertyuiop'], ['aaaaaaaaaa'], ['hanako@example.jp']])('refuses %s', (pw) => {
    expect(passwordProblem(pw, { email: 'hanako@example.jp' })).toBe('too_common');
  });
  it.each([['とても ながい あいことば'], ['correct horse battery staple'], ['kq8#vX0!zt']])('accepts %s', (pw) => {
    expect(passwordProblem(pw, { email: 'hanako@example.jp' })).toBeNull();
  });
});
