import * as z from 'zod';
import { DisplayName, Email } from './api.ts';
import { Area, Localized, Slug } from './catalog.ts';
import { EligibilityStanding } from './roles.ts';

// The municipal staff workspace (issue 9): activity over time, the founders table, corrections, cohorts and codes,
// settings, exports and the audit log. Every list is paged by an opaque cursor; every figure comes from stored
// summaries and counters.

const Count = z.number().int().min(0);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** An opaque page cursor handed back by the API (base64url JSON); never built by the client. */
export const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,2048}$/, 'a page cursor from the previous answer');

/** GET/PUT /api/tenants/:tenantId/settings — what the municipality decides for its own workspace. */
export const TenantSettings = z.object({
  /** A founder with no activity for this many days counts as inactive on the dashboard (7–30). */
  inactiveDays: z.number().int().min(7).max(30).default(14),
  /** How long audit entries are kept (years, 1–10; default 5). */
  auditRetentionYears: z.number().int().min(1).max(10).default(5),
  /** Days a founder has to make up a seminar session they missed (1–60; default 14). */
  makeUpDays: z.number().int().min(1).max(60).default(14),
}).strict();
export type TenantSettings = z.infer<typeof TenantSettings>;

/** GET /api/tenants/:tenantId/activity — active founders over rolling windows, and the fiscal year week by week. */
export const TenantActivity = z.object({
  day: IsoDate,
  inactiveDays: z.number().int(),
  activeLast7Days: Count,
  activeLast30Days: Count,
  /** Founders with no activity within `inactiveDays` (never active counts as inactive). */
  inactive: Count,
  fiscalYear: z.object({
    /** Calendar year the fiscal year starts in (April): 2026 is 令和8年度. */
    year: z.number().int(),
    label: Localized,
    weeks: z.array(z.object({
      week: z.string(), start: IsoDate, enrolments: Count, moduleCompletions: Count, courseCompletions: Count, active: Count,
    }).strict()),
  }).strict(),
}).strict();
export type TenantActivity = z.infer<typeof TenantActivity>;

export const FounderFilter = z.enum(['inactive', 'eligible', 'one_area_short']);
/** GET /api/tenants/:tenantId/founders?… */
export const FoundersQuery = z.object({
  sort: z.enum(['name', 'activity']).default('name'),
  cohort: Slug.optional(),
  /** Founders who signed up with this enrolment code (a code's uses). */
  code: z.string().regex(/^[A-Z0-9-]{4,32}$/, 'an enrolment code').optional(),
  missingArea: Area.optional(),
  status: FounderFilter.optional(),
  /** Part of a name or email (case-insensitive), 1–80 characters. */
  q: z.string().trim().min(1).max(80).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: Cursor.optional(),
}).strict();
export type FoundersQuery = z.input<typeof FoundersQuery>;

export const FounderRow = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  cohortId: z.string().nullable(),
  joinedAt: z.string(),
  lastActiveAt: z.string().nullable(),
  completedModules: Count,
  coveredAreas: z.array(Area),
  eligibility: EligibilityStanding,
  deactivated: z.boolean(),
  /** The founder confirmed their address (sign-ups by code start unconfirmed). */
  emailVerified: z.boolean(),
  /** Seminar sessions attended (at the venue or online) and made up after missing them. */
  sessions: z.object({ attended: Count, madeUp: Count }).strict(),
}).strict();
export type FounderRow = z.infer<typeof FounderRow>;

export const FoundersPage = z.object({ founders: z.array(FounderRow), next: Cursor.nullable() }).strict();
export type FoundersPage = z.infer<typeof FoundersPage>;

/** PATCH /api/founders/:userId — staff correct a founder's name, email or cohort (audited). */
export const FounderPatch = z.object({ name: DisplayName.optional(), email: Email.optional(), cohortId: Slug.nullable().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one of name, email, cohortId' });
export type FounderPatch = z.input<typeof FounderPatch>;

/** POST /api/founders/:userId/status — deactivate (sign-in refused, progress kept) or reactivate. */
export const FounderStatusBody = z.object({ active: z.boolean() }).strict();

export const CohortParams = z.object({ tenantId: z.string().regex(/^\d{6}$/), cohortId: Slug }).strict();
export const CohortBody = z.object({
  name: z.string().trim().min(1).max(80),
  startsOn: IsoDate.nullable().default(null),
  endsOn: IsoDate.nullable().default(null),
}).strict().refine((c) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn, { message: 'the end must not be before the start', path: ['endsOn'] });
export type CohortBody = z.input<typeof CohortBody>;
export const Cohort = z.object({ id: Slug, name: z.string(), startsOn: IsoDate.nullable(), endsOn: IsoDate.nullable() }).strict();
export type Cohort = z.infer<typeof Cohort>;
export const Cohorts = z.object({ cohorts: z.array(Cohort) }).strict();

/** POST /api/tenants/:tenantId/codes — a new enrolment code for a cohort. */
export const CodeBody = z.object({
  cohortId: Slug,
  /** ISO date-time; null for no expiry. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  maxUses: z.number().int().min(1).max(10_000).nullable().default(null),
}).strict();
export type CodeBody = z.input<typeof CodeBody>;
export const CodeParams = z.object({ tenantId: z.string().regex(/^\d{6}$/), code: z.string().regex(/^[A-Z0-9-]{4,32}$/) }).strict();
export const EnrolmentCodeView = z.object({
  code: z.string(), cohortId: z.string().nullable(), expiresAt: z.string().nullable(), maxUses: z.number().int().nullable(),
  uses: Count, revokedAt: z.string().nullable(), createdAt: z.string(),
}).strict();
export type EnrolmentCodeView = z.infer<typeof EnrolmentCodeView>;
export const EnrolmentCodes = z.object({ codes: z.array(EnrolmentCodeView) }).strict();

/** GET /api/tenants/:tenantId/audit — newest first, paged. Never editable. */
export const AuditQuery = z.object({ cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();
export const AuditEntryView = z.object({
  at: z.string(), actorId: z.string(), actorName: z.string().nullable(), action: z.string(),
  subjectId: z.string().nullable(), subjectName: z.string().nullable(), detail: z.record(z.string(), z.unknown()).nullable(),
}).strict();
export const AuditPage = z.object({ entries: z.array(AuditEntryView), next: Cursor.nullable() }).strict();
export type AuditPage = z.infer<typeof AuditPage>;

/** GET /api/tenants/:tenantId/exports/:table.csv — the dashboard's tables as CSV. */
export const DashboardTableParams = z.object({ tenantId: z.string().regex(/^\d{6}$/), table: z.enum(['areas', 'modules', 'weeks']) }).strict();

/** POST /api/tenants/:tenantId/cohorts/:cohortId/members — move founders of this municipality into a cohort. */
export const MoveBody = z.object({ userIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{8,40}$/)).min(1).max(100) }).strict();
export const MoveResult = z.object({ moved: Count, notFound: z.array(z.string()) }).strict();
export type MoveResult = z.infer<typeof MoveResult>;

// Advisors of a municipality and the founders attached to them (issue 11). Staff attach founders one by one or a
// whole cohort; an advisor then sees exactly those founders (the policy reads the founder's summary).
const FounderId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a founder id');
export const AdvisorParams = z.object({ tenantId: z.string().regex(/^\d{6}$/), advisorId: FounderId }).strict();
export const AdvisorFounderParams = z.object({ tenantId: z.string().regex(/^\d{6}$/), advisorId: FounderId, userId: FounderId }).strict();
/** GET /api/tenants/:tenantId/advisors */
export const AdvisorList = z.object({
  advisors: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string(), founders: Count }).strict()),
}).strict();
export type AdvisorList = z.infer<typeof AdvisorList>;
/** POST /api/tenants/:tenantId/advisors/:advisorId/founders — founders by id (≤ 100), or every founder of a cohort. */
export const AttachBody = z.union([
  z.object({ userIds: z.array(FounderId).min(1).max(100).refine((u) => new Set(u).size === u.length, { message: 'each founder once' }) }).strict(),
  z.object({ cohortId: Slug }).strict(),
]);
export type AttachBody = z.infer<typeof AttachBody>;
export const AttachResult = z.object({ attached: Count, alreadyAttached: Count, notFound: z.array(z.string()) }).strict();
export type AttachResult = z.infer<typeof AttachResult>;
/** GET /api/tenants/:tenantId/advisors/:advisorId/founders — the advisor's founders in this municipality. */
export const AdvisorFounders = z.object({
  founders: z.array(z.object({ userId: z.string(), name: z.string(), cohortId: z.string().nullable(), lastActiveAt: z.string().nullable() }).strict()),
}).strict();
export type AdvisorFounders = z.infer<typeof AdvisorFounders>;
