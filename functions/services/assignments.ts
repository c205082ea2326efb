import { randomBytes } from 'node:crypto';
import type { AssignmentBody, AssignmentList, AssignmentView, CohortAssignResult } from '../contract/assignments.ts';
import { type Assignment, type AssignmentSource, assignmentState, orderForFounder } from '../domain/assignments.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { japanDay } from '../domain/totals.ts';
import { AssignmentExists, putAssignment, readCourseState, withdrawAssignment } from '../store/progress.ts';
import { listFoundersFiltered } from '../store/summaries.ts';
import { getCohort } from '../store/tenants.ts';
import type { LoadedFounder } from './access.ts';
import { audit } from './audit.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';
import { backoff } from './retry.ts';

/** Who the assignment is from: the founder's advisor, or (staff, admin) their municipality. */
function sourceOf(actor: Authenticated, tenantId: string): AssignmentSource {
  const staff = actor.user.admin || actor.memberships.some((m) => m.tenantId === tenantId && m.role === 'staff');
  return { kind: staff ? 'staff' : 'advisor', byUserId: actor.user.id, byName: actor.user.name };
}

/** The course and modules named must exist; the due day must not be past. */
function checkBody(deps: Deps, body: AssignmentBody) {
  const course = deps.catalog().courses.find((c) => c.id === body.courseId);
  if (!course) throw new DomainError('invalid_request', 'No such course', { courseId: 'unknown' });
  const unknown = body.moduleIds.filter((m) => !course.modules.some((x) => x.id === m));
  if (unknown.length) throw new DomainError('invalid_request', `No such module: ${unknown.join(', ')}`, { moduleIds: 'unknown' });
  if (body.dueOn < japanDay(deps.clock().toISOString())) throw new DomainError('invalid_request', 'The due date is in the past', { dueOn: 'past' });
  if (Number.isNaN(Date.parse(`${body.dueOn}T00:00:00Z`))) throw new DomainError('invalid_request', 'Not a date', { dueOn: 'invalid' });
}

/**
 * Adds one assignment to one founder, serialized with their progress writes (store/progress.putAssignment): if they
 * have already completed every module it names, it is created done.
 */
async function addOne(deps: Deps, a: Omit<Assignment, 'completedAt' | 'createdAt'>): Promise<Assignment> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const state = await readCourseState(deps.db, a.userId, a.courseId);
    const done = new Set(state.modules.map((m) => m.moduleId));
    const now = deps.clock().toISOString();
    const full: Assignment = { ...a, createdAt: now, completedAt: a.moduleIds.every((m) => done.has(m)) ? now : null };
    if ((await putAssignment(deps.db, full, state.rev)) === 'written') return full;
    await backoff(attempt);
  }
  throw new DomainError('conflict', 'The founder’s progress is being saved at this moment; please try again', undefined, 1);
}

export async function assignToFounder(deps: Deps, actor: Authenticated, founder: LoadedFounder, body: AssignmentBody): Promise<AssignmentView> {
  checkBody(deps, body);
  const a = await addOne(deps, {
    id: randomBytes(12).toString('base64url'), userId: founder.user.id, tenantId: founder.tenantId, courseId: body.courseId,
    moduleIds: body.moduleIds, dueOn: body.dueOn, note: body.note || null, source: sourceOf(actor, founder.tenantId),
  });
  await audit(deps, actor, { tenantId: founder.tenantId, action: 'assignment.create', subjectId: founder.user.id, subjectName: founder.user.name, detail: { modules: body.moduleIds, dueOn: body.dueOn } });
  return viewOf(deps, a, new Set(a.completedAt ? a.moduleIds : []));
}

/** Every founder of a cohort gets the assignment (one id for the cohort's, so a retry of the request adds nobody twice). */
export async function assignToCohort(deps: Deps, actor: Authenticated, tenantId: string, cohortId: string, body: AssignmentBody & { requestId?: string }): Promise<CohortAssignResult> {
  checkBody(deps, body);
  if (!(await getCohort(deps.db, tenantId, cohortId))) throw notFound('Cohort');
  const id = `cohort-${randomBytes(9).toString('base64url')}`;
  const result: CohortAssignResult = { founders: 0, assigned: 0, alreadyDone: 0 };
  let start: Record<string, string> | undefined;
  do {
    const page = await listFoundersFiltered(deps.db, tenantId, { order: 'name', limit: 100, filters: { cohortId }, ...(start ? { start } : {}) });
    for (const s of page.items) {
      result.founders++;
      try {
        const a = await addOne(deps, { id, userId: s.userId, tenantId, courseId: body.courseId, moduleIds: body.moduleIds, dueOn: body.dueOn, note: body.note || null, source: sourceOf(actor, tenantId) });
        if (a.completedAt) result.alreadyDone++; else result.assigned++;
      } catch (e) {
        if (!(e instanceof AssignmentExists)) throw e;
      }
    }
    start = page.next;
  } while (start);
  await audit(deps, actor, { tenantId, action: 'assignment.cohort', detail: { cohortId, modules: body.moduleIds, dueOn: body.dueOn, ...result } });
  return result;
}

function viewOf(deps: Deps, a: Assignment, completed: ReadonlySet<string>): AssignmentView {
  const course = deps.catalog().courses.find((c) => c.id === a.courseId);
  return {
    id: a.id, courseId: a.courseId,
    modules: a.moduleIds.map((m) => ({ moduleId: m, title: course?.modules.find((x) => x.id === m)?.title ?? { ja: m, en: m }, completed: completed.has(m) })),
    dueOn: a.dueOn, note: a.note, source: a.source, createdAt: a.createdAt, completedAt: a.completedAt,
    state: assignmentState(a, japanDay(deps.clock().toISOString())),
  };
}

/** A founder's assignments in every course, in the order they see them (domain/assignments.orderForFounder). */
export async function listAssignments(deps: Deps, userId: string): Promise<AssignmentList> {
  const states = await Promise.all(deps.catalog().courses.map(async (c) => readCourseState(deps.db, userId, c.id)));
  const views: Array<Assignment & { view: AssignmentView }> = [];
  for (const state of states) {
    const done = new Set(state.modules.map((m) => m.moduleId));
    for (const a of state.assignments) views.push({ ...a, view: viewOf(deps, a, done) });
  }
  return { assignments: orderForFounder(views).map((a) => a.view) };
}

export async function withdraw(deps: Deps, actor: Authenticated, founder: LoadedFounder, assignmentId: string): Promise<void> {
  for (const c of deps.catalog().courses) {
    const state = await readCourseState(deps.db, founder.user.id, c.id);
    const a = state.assignments.find((x) => x.id === assignmentId);
    if (!a) continue;
    if (a.completedAt) throw new DomainError('conflict', 'This assignment is done; it stays as a record of the work');
    // An advisor withdraws only their own; staff any of their municipality's founder.
    const staff = actor.user.admin || actor.memberships.some((m) => m.tenantId === founder.tenantId && m.role === 'staff');
    if (!staff && !(a.source.kind === 'advisor' && a.source.byUserId === actor.user.id)) throw new DomainError('forbidden', 'Only the person who set it, or the municipality’s staff, can withdraw it');
    await withdrawAssignment(deps.db, founder.user.id, c.id, assignmentId);
    await audit(deps, actor, { tenantId: founder.tenantId, action: 'assignment.withdraw', subjectId: founder.user.id, subjectName: founder.user.name, detail: { assignmentId } });
    return;
  }
  throw notFound('Assignment');
}
