import type { Area } from '../contract/catalog.ts';

/**
 * Assignments: modules a founder is asked to complete by a date — set by their advisor or their municipality's staff,
 * or automatically as the make-up of a seminar session they missed. One mechanism for all three (issues 10 and 11).
 * An assignment is done when every module it names is complete; the progress write that completes the last one closes
 * it in the same transaction, so it is never lost and never closed twice.
 */
export type AssignmentSource =
  | { kind: 'staff' | 'advisor'; byUserId: string; byName: string }
  | { kind: 'makeup'; sessionId: string; sessionTitle: string; areas: Area[] };

export interface Assignment {
  id: string;
  userId: string;
  tenantId: string;
  courseId: string;
  moduleIds: string[];
  /** The Japan day it is due (YYYY-MM-DD): overdue from the day after. */
  dueOn: string;
  note: string | null;
  source: AssignmentSource;
  createdAt: string;
  completedAt: string | null;
}

export type AssignmentState = 'done' | 'overdue' | 'due_soon' | 'open';

/** Due within this many days (today included) counts as due soon: the founder's home and the reminders job say so. */
export const DUE_SOON_DAYS = 2;

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

export function assignmentState(a: Pick<Assignment, 'dueOn' | 'completedAt'>, today: string): AssignmentState {
  if (a.completedAt) return 'done';
  const left = dayNumber(a.dueOn) - dayNumber(today);
  if (left < 0) return 'overdue';
  return left < DUE_SOON_DAYS ? 'due_soon' : 'open';
}

/** The open assignments a set of completed modules finishes (each once): the caller closes them with the write. */
export function finishedBy<A extends Pick<Assignment, 'id' | 'moduleIds' | 'completedAt'>>(open: readonly A[], completedModules: ReadonlySet<string>): A[] {
  return open.filter((a) => !a.completedAt && a.moduleIds.every((m) => completedModules.has(m)));
}

/**
 * The order a founder sees them in: open ones first — make-ups of missed sessions before the rest, then by due date
 * (so overdue ones lead) — then the done ones, most recent first.
 */
export function orderForFounder<A extends Pick<Assignment, 'dueOn' | 'completedAt' | 'source' | 'createdAt'>>(list: readonly A[]): A[] {
  const open = list.filter((a) => !a.completedAt);
  const done = list.filter((a) => a.completedAt);
  const rank = (a: A) => (a.source.kind === 'makeup' ? 0 : 1);
  open.sort((a, b) => rank(a) - rank(b) || a.dueOn.localeCompare(b.dueOn) || a.createdAt.localeCompare(b.createdAt));
  done.sort((a, b) => b.completedAt!.localeCompare(a.completedAt!));
  return [...open, ...done];
}
