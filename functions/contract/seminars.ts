import * as z from 'zod';
import { Area, Localized, Slug } from './catalog.ts';

// Blended seminars (issue 10): the in-person 創業塾 sessions of a cohort, attendance at the door (staff's list or the
// rotating check-in QR code), make-up assignments for everyone who was not there, and the follow-up list.

const Count = z.number().int().min(0);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');
const Instant = z.iso.datetime({ offset: true });
export const SessionId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a session id');
const TenantId = z.string().regex(/^\d{6}$/, 'a municipality code');

/** The longest session a municipality schedules (a full-day seminar). */
export const MAX_SESSION_HOURS = 12;

/** POST /api/tenants/:tenantId/sessions and PUT …/:sessionId — what staff schedule. */
export const SessionBody = z.object({
  cohortId: Slug,
  title: z.string().trim().min(1).max(80),
  /** ISO date-times with an offset; the app sends Japan time (+09:00). */
  startsAt: Instant,
  endsAt: Instant,
  /** The venue (address or room), or null for an online-only session. */
  place: z.string().trim().min(1).max(200).nullable().default(null),
  /** The meeting link of an online (or hybrid) session. */
  onlineUrl: z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(500).nullable().default(null),
  /** Seats; null for no limit. */
  capacity: z.number().int().min(1).max(1000).nullable().default(null),
  /** The areas of 特定創業支援 the session teaches. */
  areas: z.array(Area).min(1).max(4).refine((a) => new Set(a).size === a.length, { message: 'each area once' }),
  courseId: Slug,
  /** The e-learning modules that teach the same content: a founder who misses the session makes it up with them. */
  moduleIds: z.array(Slug).min(1).max(10).refine((m) => new Set(m).size === m.length, { message: 'each module once' }),
}).strict()
  .refine((s) => s.place !== null || s.onlineUrl !== null, { message: 'give a place, an online link, or both', path: ['place'] })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'the end must be after the start', path: ['endsAt'] })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= MAX_SESSION_HOURS * 3_600_000, { message: `a session lasts at most ${MAX_SESSION_HOURS} hours`, path: ['endsAt'] });
export type SessionBody = z.input<typeof SessionBody>;

export const SessionParams = z.object({ tenantId: TenantId, sessionId: SessionId }).strict();

/**
 * upcoming: before check-in opens; open: check-in is open (from 30 minutes before the start to the end);
 * ended: over, make-ups not yet assigned; followed_up: make-ups assigned to everyone who was not there.
 */
export const SessionState = z.enum(['upcoming', 'open', 'ended', 'followed_up']);
export type SessionState = z.infer<typeof SessionState>;

export const AttendanceCounts = z.object({
  present: Count,
  /** Said in advance they could not come. */
  excused: Count,
  absent: Count,
  /** Of the excused and absent: completed the make-up. */
  madeUp: Count,
}).strict();
export type AttendanceCounts = z.infer<typeof AttendanceCounts>;

const SessionCore = {
  id: SessionId,
  tenantId: TenantId,
  cohortId: Slug,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  capacity: z.number().int().nullable(),
  areas: z.array(Area),
  courseId: Slug,
  modules: z.array(z.object({ moduleId: Slug, title: Localized }).strict()),
  state: SessionState,
};

/** A session as staff see it, with its attendance so far. */
export const SessionView = z.object({
  ...SessionCore,
  counts: AttendanceCounts,
  /** When the make-up job assigned the make-ups (null until the session has ended and the job ran). */
  followedUpAt: z.string().nullable(),
  createdAt: z.string(),
}).strict();
export type SessionView = z.infer<typeof SessionView>;

/** GET /api/tenants/:tenantId/sessions — newest first; ?cohort= narrows to one cohort. */
export const SessionsQuery = z.object({ cohort: Slug.optional() }).strict();
export const SessionList = z.object({ sessions: z.array(SessionView) }).strict();
export type SessionList = z.infer<typeof SessionList>;

export const AttendanceStatus = z.enum(['present', 'excused', 'absent']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;
/** How a mark was made: staff's list, the founder's scan of the QR code, the founder's notice, or the make-up job. */
export const AttendanceVia = z.enum(['staff', 'checkin', 'notice', 'job']);

/** POST /api/tenants/:tenantId/sessions/:sessionId/attendance — staff tick founders off (up to 100 at once). */
export const AttendanceBody = z.object({
  marks: z.array(z.object({ userId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a founder id'), status: AttendanceStatus }).strict())
    .min(1).max(100).refine((m) => new Set(m.map((x) => x.userId)).size === m.length, { message: 'each founder once' }),
}).strict();
export type AttendanceBody = z.input<typeof AttendanceBody>;
/** changed: marks that changed something; unchanged: already so (a double tap, a second staff member); notFound: not founders of the session's cohort. */
export const AttendanceResult = z.object({ changed: Count, unchanged: Count, notFound: z.array(z.string()), counts: AttendanceCounts }).strict();
export type AttendanceResult = z.infer<typeof AttendanceResult>;

/** The make-up of one founder for one session. */
export const MakeUpView = z.object({
  dueOn: Day,
  /** done, overdue, due_soon, open (domain/assignments.ts). */
  state: z.enum(['done', 'overdue', 'due_soon', 'open']),
  madeUpAt: z.string().nullable(),
}).strict();

/**
 * One founder of the session's cohort. status null: not marked (yet). followUp: present; made_up; overdue; pending
 * (make-up open, not yet due); excused/absent before the make-up job ran; unmarked before the session ends.
 */
export const FollowUpRow = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  status: AttendanceStatus.nullable(),
  via: AttendanceVia.nullable(),
  markedAt: z.string().nullable(),
  makeUp: MakeUpView.nullable(),
  followUp: z.enum(['present', 'made_up', 'overdue', 'pending', 'excused', 'absent', 'unmarked']),
}).strict();
export type FollowUpRow = z.infer<typeof FollowUpRow>;

/** GET /api/tenants/:tenantId/sessions/:sessionId/follow-up — the door list before and during, the follow-up list after. */
export const FollowUp = z.object({
  session: SessionView,
  rows: z.array(FollowUpRow),
  /** An enrolment code of the session's cohort that still works, for walk-ins to register on the spot (null if none). */
  walkInCode: z.string().nullable(),
}).strict();
export type FollowUp = z.infer<typeof FollowUp>;

/** GET /api/tenants/:tenantId/sessions/:sessionId/checkin-code — what the venue's screen shows; it changes every 30 seconds. */
export const CheckinDisplay = z.object({
  open: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  /** The URL a founder's phone opens (the code rides in the fragment); null while closed. */
  url: z.string().nullable(),
  /** The QR code of `url` as an SVG data URL; null while closed. */
  qr: z.string().nullable(),
  /** When this code stops being shown (the next one starts); a scan stays valid a little longer. */
  refreshAt: z.string().nullable(),
}).strict();
export type CheckinDisplay = z.infer<typeof CheckinDisplay>;

/** POST /api/sessions/:tenantId/:sessionId/checkin — a signed-in founder who scanned the code. */
export const CheckinBody = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'the code from the QR code') }).strict();

/** PUT /api/sessions/:tenantId/:sessionId/absence — a founder says in advance they cannot come (or takes it back). */
export const AbsenceBody = z.object({ absent: z.boolean() }).strict();

/** A session as a founder of its cohort sees it. */
export const FounderSession = z.object({
  ...SessionCore,
  /** Their own mark: present, excused (they said they cannot come), absent; null if none. */
  myStatus: AttendanceStatus.nullable(),
  madeUpAt: z.string().nullable(),
}).strict();
export type FounderSession = z.infer<typeof FounderSession>;

/** GET /api/sessions — the founder's cohort's sessions: upcoming (soonest first) and past (newest first). */
export const FounderSessions = z.object({ upcoming: z.array(FounderSession), past: z.array(FounderSession) }).strict();
export type FounderSessions = z.infer<typeof FounderSessions>;

export const CheckinResult = z.object({ session: FounderSession, alreadyPresent: z.boolean() }).strict();
export type CheckinResult = z.infer<typeof CheckinResult>;
