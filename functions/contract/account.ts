import * as z from 'zod';
import { Localized } from './catalog.ts';
import { DisplayName, Email, Me, Password, Role, TenantId } from './api.ts';
import { LIMITS } from './constants.ts';

// Accounts: invitations, password reset, email verification, the account page, two-factor sign-in, the founder's own
// data. Tokens travel in the body (never in a URL the server logs); mail links carry them in the fragment.

/** A one-time token from a mail link: 32 random bytes, base64url. */
export const Token = z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/, 'the link is not complete; open it again from the mail');
export const TokenBody = z.object({ token: Token }).strict();

const CurrentPassword = z.string().min(1).max(LIMITS.passwordMax);
export const TotpCode = z.string().trim().regex(/^\d{6}$/, 'six digits');
/** Recovery codes are shown as xxxxx-xxxxx; spaces and case do not matter. */
export const RecoveryCode = z.string().trim().toLowerCase().transform((s) => s.replace(/[\s-]/g, '')).pipe(z.string().regex(/^[a-z2-9]{10}$/, 'ten letters and digits'));

/** POST /api/auth/signin answers Me, or — for an account with two-factor sign-in — the second step to take. */
export const SecondStep = z.object({ next: z.literal('totp'), ticket: z.string() }).strict();
export type SecondStep = z.infer<typeof SecondStep>;
export const SignInResult = z.union([Me, SecondStep]);
export type SignInResult = z.infer<typeof SignInResult>;

export const TotpSignInBody = z.object({
  ticket: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'start again from the password step'),
  code: TotpCode.optional(),
  recoveryCode: RecoveryCode.optional(),
}).strict().refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), { message: 'send either code or recoveryCode', path: ['code'] });
export type TotpSignInBody = z.input<typeof TotpSignInBody>;

export const PasswordResetRequest = z.object({ email: Email }).strict();
export const PasswordResetConfirm = z.object({ token: Token, password: Password }).strict();
/** The same answer whatever the email: nobody learns from it whether an account exists. */
export const Accepted = z.object({ accepted: z.literal(true) }).strict();

export const AccountPatch = z.object({
  name: DisplayName.optional(),
  locale: z.enum(['ja', 'en']).optional(),
  /** No reminder mails to this person when true. */
  remindersOff: z.boolean().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, { message: 'change at least one of name, locale, remindersOff', path: ['_'] });
export type AccountPatch = z.input<typeof AccountPatch>;

export const PasswordChange = z.object({ currentPassword: CurrentPassword, newPassword: Password }).strict();
export const EmailChange = z.object({ email: Email, currentPassword: CurrentPassword }).strict();
export const PasswordConfirm = z.object({ currentPassword: CurrentPassword }).strict();

export const LoginInfo = z.object({
  id: z.string(),
  /** Browser and system, from the user agent at sign-in ("Chrome on Android"). */
  device: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
  secondFactor: z.boolean(),
}).strict();
export const LoginList = z.object({ items: z.array(LoginInfo) }).strict();
export type LoginInfo = z.infer<typeof LoginInfo>;
export const LoginParams = z.object({ loginId: z.string().regex(/^[A-Za-z0-9_-]{16}$/) }).strict();

export const TotpEnrolment = z.object({
  /** Base32, for typing into an authenticator by hand. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a QR code image (data:image/svg+xml). */
  qrDataUrl: z.string(),
}).strict();
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;
export const TotpCodeBody = z.object({ code: TotpCode }).strict();
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) }).strict();
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** Who can be invited: the three tenant roles, and the union's admins. */
export const InvitedRole = z.enum(['learner', 'advisor', 'staff', 'admin']);
export type InvitedRole = z.infer<typeof InvitedRole>;

/** Staff invite into their municipality: staff, advisors, and founders into a cohort. */
export const NewInvitation = z.object({
  email: Email,
  role: Role,
  name: DisplayName.optional(),
  cohortId: z.string().max(40).nullable().optional(),
}).strict();
export type NewInvitation = z.input<typeof NewInvitation>;

/** The union invites admins, and staff of any municipality. */
export const NewRegionInvitation = z.object({
  email: Email,
  role: z.enum(['admin', 'staff']),
  tenantId: TenantId.optional(),
  name: DisplayName.optional(),
}).strict().refine((b) => (b.role === 'staff') === (b.tenantId !== undefined), { message: 'staff need a municipality (tenantId); admins have none', path: ['tenantId'] });
export type NewRegionInvitation = z.input<typeof NewRegionInvitation>;

export const Invitation = z.object({
  id: z.string(),
  email: z.string(),
  role: InvitedRole,
  tenantId: z.string().nullable(),
  tenantName: Localized.nullable(),
  cohortId: z.string().nullable(),
  name: z.string().nullable(),
  invitedBy: z.object({ userId: z.string(), name: z.string() }).strict(),
  createdAt: z.string(),
  sentAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'expired']),
}).strict();
export type Invitation = z.infer<typeof Invitation>;
export const InvitationList = z.object({ items: z.array(Invitation) }).strict();
export const InvitationParams = z.object({ tenantId: TenantId, invitationId: z.string().regex(/^[A-Za-z0-9_-]{16}$/) }).strict();
export const RegionInvitationParams = z.object({ invitationId: z.string().regex(/^[A-Za-z0-9_-]{16}$/) }).strict();

/** What the invitation page shows before the person accepts. */
export const InvitationPreview = z.object({
  email: z.string(),
  role: InvitedRole,
  tenantName: Localized.nullable(),
  cohortName: z.string().nullable(),
  invitedByName: z.string(),
  expiresAt: z.string(),
  /** 'new': set a name and password; 'existing': sign in as this email, then accept. */
  account: z.enum(['new', 'existing']),
}).strict();
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const AcceptInvitation = z.object({
  token: Token,
  name: DisplayName.optional(),
  password: Password.optional(),
  locale: z.enum(['ja', 'en']).default('ja'),
}).strict();
export type AcceptInvitation = z.input<typeof AcceptInvitation>;

/** CSV import of founders (name, email, cohort) into invitations. */
export const FounderImport = z.object({ csv: z.string().min(1).max(LIMITS.importBytes) }).strict();
export const ImportProblem = z.object({ row: z.number().int(), field: z.string().nullable(), reason: z.string() }).strict();
export const ImportResult = z.object({
  rows: z.number().int(),
  invited: z.number().int(),
  /** Rows whose email already has a pending invitation here, or already is a founder here: nobody is invited twice. */
  skipped: z.array(z.object({ row: z.number().int(), email: z.string(), reason: z.enum(['already_invited', 'already_member', 'duplicate_row']) }).strict()),
  problems: z.array(ImportProblem),
}).strict();
export type ImportResult = z.infer<typeof ImportResult>;

/** Everything the platform holds about a founder (個人情報保護法 開示請求), as JSON. */
export const PersonalData = z.object({
  exportedAt: z.string(),
  profile: z.object({
    id: z.string(), name: z.string(), email: z.string(), emailVerified: z.boolean(), locale: z.enum(['ja', 'en']),
    createdAt: z.string(), remindersOff: z.boolean(), twoFactor: z.boolean(),
  }).strict(),
  memberships: z.array(z.object({ tenantId: z.string(), tenantName: Localized, role: Role, cohortId: z.string().nullable() }).strict()),
  progress: z.array(z.object({
    courseId: z.string(), moduleId: z.string(), lessonId: z.string().nullable(), kind: z.enum(['lesson', 'module', 'area', 'course', 'quiz_best']),
    status: z.string(), at: z.string().nullable(), detail: z.string(),
  }).strict()),
  quizAttempts: z.array(z.object({ courseId: z.string(), moduleId: z.string(), attemptId: z.string(), submittedAt: z.string(), score: z.number(), passed: z.boolean() }).strict()),
  evidence: z.object({ verificationCode: z.string().nullable(), issuedAt: z.string().nullable() }).strict(),
  assignments: z.array(z.object({
    courseId: z.string(), moduleIds: z.array(z.string()), dueOn: z.string(), note: z.string().nullable(), from: z.string(), createdAt: z.string(), completedAt: z.string().nullable(),
  }).strict()),
  /** Seminar sessions: the mark (present, excused, absent), when the session was, and when a make-up was completed. */
  attendance: z.array(z.object({ sessionId: z.string(), title: z.string(), status: z.string(), at: z.string(), madeUpAt: z.string().nullable() }).strict()),
  /** The founder's module feedback, one per module version (the comment is removed when the account is deleted). */
  feedback: z.array(z.object({
    courseId: z.string(), moduleId: z.string(), version: z.string(), usefulness: z.number().int(), helpedPlan: z.boolean(),
    comment: z.string().nullable(), answeredAt: z.string(), updatedAt: z.string(),
  }).strict()),
  /** The business plan as last saved, the comments on it (theirs and their advisor's) and the files attached. */
  businessPlan: z.object({
    version: z.number().int(),
    plan: z.record(z.string(), z.unknown()).nullable(),
    comments: z.array(z.object({ section: z.string(), version: z.number().int(), text: z.string(), authorRole: z.string(), authorName: z.string(), createdAt: z.string() }).strict()),
    attachments: z.array(z.object({ fileName: z.string(), size: z.number().int(), uploadedAt: z.string() }).strict()),
  }).strict(),
  logins: z.array(z.object({ device: z.string(), createdAt: z.string(), lastSeenAt: z.string() }).strict()),
}).strict();
export type PersonalData = z.infer<typeof PersonalData>;

export const Deleted = z.object({ deleted: z.literal(true), deletedAt: z.string() }).strict();
export type Deleted = z.infer<typeof Deleted>;
