import * as z from 'zod';
import { Area, Localized, Slug } from './catalog.ts';

/** Modules a founder is asked to complete by a date: from their advisor or municipality, or a make-up of a missed session. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');

export const AssignmentBody = z.object({
  courseId: Slug,
  moduleIds: z.array(Slug).min(1).max(30).refine((m) => new Set(m).size === m.length, { message: 'each module once' }),
  /** The Japan day it is due; overdue from the next day. */
  dueOn: Day,
  note: z.string().trim().max(500).optional(),
}).strict();
export type AssignmentBody = z.input<typeof AssignmentBody>;

export const AssignmentSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['staff', 'advisor']), byUserId: z.string(), byName: z.string() }).strict(),
  z.object({ kind: z.literal('makeup'), sessionId: z.string(), sessionTitle: z.string(), areas: z.array(Area) }).strict(),
]);

export const AssignmentView = z.object({
  id: z.string(),
  courseId: Slug,
  modules: z.array(z.object({ moduleId: Slug, title: Localized, completed: z.boolean() }).strict()),
  dueOn: Day,
  note: z.string().nullable(),
  source: AssignmentSource,
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  /** done, overdue (past its day), due_soon (today or tomorrow), open. */
  state: z.enum(['done', 'overdue', 'due_soon', 'open']),
}).strict();
export type AssignmentView = z.infer<typeof AssignmentView>;

/** Open ones first (make-ups, then by due date), then done ones. */
export const AssignmentList = z.object({ assignments: z.array(AssignmentView) }).strict();
export type AssignmentList = z.infer<typeof AssignmentList>;

export const AssignmentParams = z.object({
  userId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a founder id'),
  assignmentId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an assignment id'),
}).strict();

/** A cohort assignment: every founder of the cohort gets it (those who already did the modules get it as done). */
export const CohortAssignResult = z.object({ founders: z.number().int(), assigned: z.number().int(), alreadyDone: z.number().int() }).strict();
export type CohortAssignResult = z.infer<typeof CohortAssignResult>;
