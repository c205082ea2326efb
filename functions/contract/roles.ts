import * as z from 'zod';
import { PlanStatus } from './business-plan.ts';
import { Area, Localized, Slug } from './catalog.ts';

// What the staff, advisor and admin screens read. Every figure comes from stored totals (functions/domain/totals.ts),
// never from a pass over founders, so a municipality of 10,000 founders costs the same as one of ten.

const Count = z.number().int().min(0);
const AreaCounts = z.object({ management: Count, finance: Count, hr: Count, sales: Count }).strict();

/** GET /api/tenants/:tenantId/totals — the headline of a municipality's dashboard (staff of it, admin). */
export const TenantTotals = z.object({
  tenantId: z.string(),
  tenantName: Localized,
  /** When the figures were read. */
  asOf: z.string(),
  /** Japan day (YYYY-MM-DD) and ISO week (YYYY-Www, weeks from Monday, Japan time) the "active" figures refer to. */
  day: z.string(),
  week: z.string(),
  founders: Count,
  activeToday: Count,
  activeThisWeek: Count,
  /** Founders who have covered each area (every module that teaches it complete). */
  coveredByArea: AreaCounts,
  courseCompleted: Count,
  /** Founders whose dated evidence meets the municipality's 特定創業支援 rule, and those missing exactly one area. */
  eligible: Count,
  oneAreaShort: Count,
  modules: z.array(z.object({ courseId: Slug, moduleId: Slug, lessonCompletions: Count, moduleCompletions: Count }).strict()),
}).strict();
export type TenantTotals = z.infer<typeof TenantTotals>;

// GET /api/region/tenants: functions/contract/region.ts.

/** GET /api/caseload — the founders attached to the signed-in advisor, in every municipality they serve. */
export const Caseload = z.object({
  founders: z.array(z.object({
    userId: z.string(),
    name: z.string(),
    tenantId: z.string(),
    tenantName: Localized,
    lastActiveAt: z.string().nullable(),
    completedModules: Count,
    coveredAreas: z.array(Area),
    eligibility: z.enum(['eligible', 'one_area_short', 'not_yet']),
    /** Assignments past their due day, not done. */
    overdueAssignments: Count,
    /** Open assignments due within the coming week (today included). */
    dueSoonAssignments: Count,
    /** Why this founder is high on the list (domain/caseload.ts): the list is sorted by who needs attention first. */
    attention: z.array(z.enum(['overdue', 'plan_waiting', 'due_soon', 'quiet', 'never_started', 'one_area_short'])),
    /** The business plan's state (null: nothing saved yet); `submitted` waits for this advisor's review. */
    planStatus: PlanStatus.nullable(),
    /** When the founder last saved or submitted the plan. */
    planUpdatedAt: z.string().nullable(),
    /** The founder's next booked consultation with this advisor (null: none booked). */
    nextConsultationAt: z.string().nullable(),
  }).strict()),
  /** The municipalities the advisor serves, for the filter. */
  tenants: z.array(z.object({ id: z.string(), name: Localized }).strict()),
}).strict();
export type Caseload = z.infer<typeof Caseload>;

export const EligibilityStanding = z.enum(['eligible', 'one_area_short', 'not_yet']);

/** GET /api/founders/:userId — a founder's record as staff of their municipality and their advisors see it (audited). */
export const FounderParams = z.object({ userId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a founder id') }).strict();
export const FounderRecord = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  tenantId: z.string(),
  tenantName: Localized,
  cohortId: z.string().nullable(),
  joinedAt: z.string(),
  /** Sign-in refused by the municipality (progress kept; reversible). */
  deactivated: z.boolean(),
  /** The founder confirmed their address; reminders go only to confirmed addresses. */
  emailVerified: z.boolean(),
  lastActiveAt: z.string().nullable(),
  completedLessons: Count,
  completedModules: z.array(Slug),
  coveredAreas: z.array(Area),
  courseCompletedAt: z.string().nullable(),
  eligibility: EligibilityStanding,
  /** The dated evidence, as the founder sees it: module completions (and later sessions) with their Japan dates. */
  evidence: z.array(z.object({ kind: z.enum(['module', 'session']), ref: z.string(), date: z.string(), areas: z.array(Area) }).strict()),
  /** Best result per quiz taken, across courses. */
  quizzes: z.array(z.object({ courseId: Slug, moduleId: Slug, bestScore: z.number().int(), passed: z.boolean(), attempts: Count, lastAttemptAt: z.string() }).strict()),
}).strict();
export type FounderRecord = z.infer<typeof FounderRecord>;

/** GET /api/caseload?tenant=<id> — narrowed to one municipality the advisor serves. */
export const CaseloadQuery = z.object({ tenant: z.string().regex(/^\d{6}$/, 'a municipality code').optional() }).strict();
