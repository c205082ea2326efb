import * as z from 'zod';
import {
  ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES, type AttachmentType, attachmentTypeOf, LOAN_PURPOSES, OUTLOOK_COLUMNS, PLAN_LIMITS,
  PLAN_MAX_YEN, PLAN_SECTIONS,
} from './plan-constants.ts';

export * from './plan-constants.ts';

// The business plan online (issue 11, points 4 and 5): the 創業計画書 of 日本政策金融公庫 section by section, saved as a
// draft while the founder types, kept in versions, reviewed by their advisor with comments per section, with files
// attached through presigned POSTs. docs/business-plan.md explains the sections, the checks and the sources.
//
// A plan is always a draft shape: every section and every field is optional, because the app saves what the founder
// has typed so far. What a complete plan needs is the domain's business (functions/domain/business-plan.ts reports
// empty required fields as findings beside the field, never as a rejection). The schemas refuse only what can never be
// right: unknown keys, negative or fractional yen, texts beyond their limits, a share above 100 %.

// Letters, digits, punctuation, line breaks and tabs; no other control characters (they break the printed form).
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
const text = (max: number) => z.string().max(max).regex(NO_CONTROL, 'no control characters');
const LongText = text(PLAN_LIMITS.longText);
const MediumText = text(PLAN_LIMITS.mediumText);
const NoteText = text(PLAN_LIMITS.noteText);
const ShortText = text(PLAN_LIMITS.shortText);

/** An amount in yen: a whole, non-negative number of 円 (the form writes 万円; the app keeps 円 and shows both). */
export const Yen = z.number().int('whole yen').min(0).max(PLAN_MAX_YEN);
const Percent = z.number().int().min(0).max(100);
const People = z.number().int().min(0).max(PLAN_LIMITS.people);
/** A month, YYYY-MM. */
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

/** 1 創業の動機 — why, why this business, why now and here. 業種 and 開業予定時期 come from the worksheet's 事業の基本. */
export const MotiveSection = z.object({
  industry: ShortText,
  plannedStart: Month,
  text: LongText,
}).partial().strict();

/** 2 経営者の略歴等 — career entries, past business experience, qualifications, intellectual property. */
export const CareerSection = z.object({
  entries: z.array(z.object({ period: text(40), description: MediumText }).partial().strict()).max(PLAN_LIMITS.careerEntries),
  /** none: 事業を経営していたことはない; running: 経営していて今も続けている; closed: 経営していたが既にやめた. */
  pastBusiness: z.enum(['none', 'running', 'closed']),
  pastBusinessNote: NoteText,
  /** Empty means 特になし. */
  qualifications: NoteText,
  intellectualProperty: z.enum(['none', 'pending', 'registered']),
  intellectualPropertyNote: NoteText,
}).partial().strict();

/** 3 取扱商品・サービス — what is sold (with its share of sales), selling points, target and strategy, competition. */
export const ProductsSection = z.object({
  items: z.array(z.object({ name: ShortText, price: text(40), sharePercent: Percent }).partial().strict()).max(PLAN_LIMITS.productItems),
  sellingPoints: MediumText,
  targetAndStrategy: MediumText,
  competition: MediumText,
}).partial().strict();

const Partner = z.object({
  name: ShortText,
  /** 所在地（市区町村）. */
  location: ShortText,
  sharePercent: Percent,
  /** 掛取引の割合: the share paid later rather than on the spot. */
  creditPercent: Percent,
  /** 回収・支払の条件, e.g. 末日締 翌月20日回収. */
  terms: text(60),
}).partial().strict();

/** 4 取引先・取引関係等 — customers, suppliers, subcontractors with their terms; when staff are paid. */
export const PartnersSection = z.object({
  customers: z.array(Partner).max(PLAN_LIMITS.partnersPerGroup),
  suppliers: z.array(Partner).max(PLAN_LIMITS.partnersPerGroup),
  subcontractors: z.array(Partner).max(PLAN_LIMITS.partnersPerGroup),
  payroll: z.object({ closingDay: text(20), payDay: text(20), bonusMonths: text(40) }).partial().strict(),
}).partial().strict();

/** 5 従業員 — people employed 3 months or more, of whom family and part-time; officers for a company. */
export const StaffSection = z.object({
  officers: People,
  employees: People,
  family: People,
  partTime: People,
}).partial().strict();

/** 6 お借入の状況 — the founder's own borrowings (a company's: its representative's), business or private. */
export const BorrowingsSection = z.object({
  loans: z.array(z.object({
    lender: ShortText,
    purpose: z.enum(LOAN_PURPOSES),
    balance: Yen,
    annualRepayment: Yen,
  }).partial().strict()).max(PLAN_LIMITS.loans),
}).partial().strict();

/** 7 必要な資金と調達方法 — uses (equipment with who quoted it, working capital) and sources; the totals must agree. */
export const FundingSection = z.object({
  /** 設備資金: premises, fit-out, machines, fixtures, vehicles (each with the supplier who quoted it). */
  equipment: z.array(z.object({ name: ShortText, supplier: ShortText, amount: Yen }).partial().strict()).max(PLAN_LIMITS.equipmentItems),
  /** 運転資金: stock, and expenses paid before sales come in. */
  operating: z.array(z.object({ name: ShortText, amount: Yen }).partial().strict()).max(PLAN_LIMITS.operatingItems),
  ownFunds: Yen,
  relatives: Yen,
  /** 内訳・返済方法 of the family loans. */
  relativesTerms: NoteText,
  jfc: Yen,
  otherInstitutions: Yen,
  otherInstitutionsTerms: NoteText,
  /** Anything else that need not be repaid (a subsidy paid up front, a partner's investment). */
  other: Yen,
  otherNote: NoteText,
}).partial().strict();

/**
 * One column of the monthly outlook, as the founder types it. Gross profit, expenses and profit are not here: the
 * domain computes them (computeOutlook), so they can never disagree with the lines above them.
 */
export const OutlookColumnFigures = z.object({
  sales: Yen,
  costOfSales: Yen,
  /** 人件費: a sole proprietor leaves out their own living (the form's note). */
  labour: Yen,
  rent: Yen,
  interest: Yen,
  otherExpenses: Yen,
  /** 減価償却費: the part of other expenses that is depreciation (money already spent on equipment, no cash out). */
  depreciation: Yen,
  /** 借入金の月返済額: principal repaid per month on the business loans (interest is an expense above). */
  loanRepayment: Yen,
}).partial().strict();
export type OutlookColumnFigures = z.infer<typeof OutlookColumnFigures>;

/** 8 事業の見通し（月平均） — 創業当初 and 軌道に乗った後, when that is, and how the figures were worked out. */
export const OutlookSection = z.object({
  start: OutlookColumnFigures,
  stable: OutlookColumnFigures,
  stableFrom: Month,
  basis: LongText,
}).partial().strict();

/** A business plan as saved: any section, any field may still be missing. */
export const BusinessPlan = z.object({
  motive: MotiveSection,
  career: CareerSection,
  products: ProductsSection,
  partners: PartnersSection,
  staff: StaffSection,
  borrowings: BorrowingsSection,
  funding: FundingSection,
  outlook: OutlookSection,
}).partial().strict();
export type BusinessPlan = z.infer<typeof BusinessPlan>;

export const PlanSection = z.enum(PLAN_SECTIONS);
export type PlanSection = z.infer<typeof PlanSection>;
export const PlanStatus = z.enum(['draft', 'submitted', 'reviewed', 'needs_work']);
export type PlanStatus = z.infer<typeof PlanStatus>;
/** A plan's version number: 1 for the first save, one more for every save after it. */
export const PlanVersion = z.number().int().min(1).max(1_000_000);

/**
 * PUT /api/plans/:userId/draft (the founder's own) — the founder's plan as typed so far. `baseVersion` is the version the page loaded (0 before
 * the first save); a save based on an older version than the current one is refused with stale_version (another tab
 * or device saved in between), so a save never silently overwrites another.
 */
export const PlanDraftBody = z.object({
  plan: BusinessPlan,
  baseVersion: z.number().int().min(0).max(1_000_000),
}).strict();
export type PlanDraftBody = z.input<typeof PlanDraftBody>;

/** What the domain found: `field` is a path inside the section (`equipment.1.amount`, `stable.loanRepayment`). */
export const FindingKind = z.enum([
  'required', 'funds_unbalanced', 'own_funds_low', 'quote_missing', 'loan_terms_missing', 'shares_over_100',
  'staff_breakdown_exceeds', 'depreciation_exceeds_other', 'cost_exceeds_sales', 'repayment_exceeds_capacity',
  'repayment_missing', 'loss_when_stable',
]);
export type FindingKind = z.infer<typeof FindingKind>;
export const PlanFinding = z.object({
  section: PlanSection,
  field: z.string(),
  kind: FindingKind,
  /** error: the plan is not ready to hand in until it is fixed; warning: worth a second look. */
  severity: z.enum(['error', 'warning']),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
}).strict();
export type PlanFinding = z.infer<typeof PlanFinding>;
/** A finding with its sentence in both languages (domain describeFinding), since the page cannot import the domain. */
export const PlanCheck = PlanFinding.extend({ message: z.object({ ja: z.string(), en: z.string() }).strict() }).strict();
export type PlanCheck = z.infer<typeof PlanCheck>;

const Figures = z.object({
  sales: z.number().int(), costOfSales: z.number().int(), grossProfit: z.number().int(), labour: z.number().int(),
  rent: z.number().int(), interest: z.number().int(), otherExpenses: z.number().int(), expenses: z.number().int(),
  profit: z.number().int(), depreciation: z.number().int(), repaymentCapacity: z.number().int(), loanRepayment: z.number().int(),
}).strict();
/** The arithmetic of the outlook, one column (null while the founder has typed nothing in it). */
export const OutlookFigures = z.object({ start: Figures.nullable(), stable: Figures.nullable() }).strict();
export type OutlookFigures = z.infer<typeof OutlookFigures>;
/** The totals of 必要な資金と調達方法. ownFundsShare is a fraction of the funds needed (null when nothing is needed yet). */
export const FundingFigures = z.object({
  equipment: z.number().int(), operating: z.number().int(), uses: z.number().int(), sources: z.number().int(),
  difference: z.number().int(), ownFundsShare: z.number().nullable(),
}).strict();
export type FundingFigures = z.infer<typeof FundingFigures>;
export const PlanFigures = z.object({ funding: FundingFigures, outlook: OutlookFigures }).strict();
export type PlanFigures = z.infer<typeof PlanFigures>;

/**
 * GET /api/plans/:userId (the founder, their advisor, their municipality's staff, admin): the plan at its newest version, the domain's
 * findings and figures on it, for the page to show beside the fields. version 0 and updatedAt null: nothing saved yet.
 */
export const PlanView = z.object({
  plan: BusinessPlan,
  version: z.number().int().min(0),
  updatedAt: z.string().nullable(),
  status: PlanStatus,
  /** The advisor's last review: the version it was of, and its note. */
  review: z.object({ status: z.enum(['reviewed', 'needs_work']), version: PlanVersion, note: z.string().nullable(), at: z.string() }).strict().nullable(),
  checks: z.array(PlanCheck),
  figures: PlanFigures,
  /** Comments by the advisor since the founder's last save: the badge on the founder's home and plan page. */
  newComments: z.number().int().min(0),
}).strict();
export type PlanView = z.infer<typeof PlanView>;

/** GET …/plans/:userId/versions?cursor= — newest first, a page at a time. */
export const PlanVersionsQuery = z.object({ cursor: z.string().max(200).optional() }).strict();
export const PlanVersionSummary = z.object({
  version: PlanVersion,
  savedAt: z.string(),
  status: PlanStatus,
  /** The sections this version changed against the one before it (domain diffPlans). */
  changedSections: z.array(PlanSection),
  comments: z.number().int().min(0),
}).strict();
export const PlanVersionList = z.object({ versions: z.array(PlanVersionSummary), nextCursor: z.string().nullable() }).strict();
export type PlanVersionList = z.infer<typeof PlanVersionList>;
/** GET …/versions/:version — one version as it was saved. */
export const PlanVersionView = z.object({ version: PlanVersion, savedAt: z.string(), status: PlanStatus, plan: BusinessPlan }).strict();
export type PlanVersionView = z.infer<typeof PlanVersionView>;

export const CommentId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a comment id');
/**
 * POST …/plans/:userId/comments — a comment on one section of one version (the version the writer was looking at), or
 * a reply to one: replies thread under the comment they answer, one level deep, in the same section.
 */
export const CommentBody = z.object({
  section: PlanSection,
  version: PlanVersion,
  text: z.string().trim().min(1).max(PLAN_LIMITS.commentText).regex(NO_CONTROL, 'no control characters'),
  replyTo: CommentId.optional(),
}).strict();
export type CommentBody = z.input<typeof CommentBody>;
export const CommentView = z.object({
  id: CommentId,
  section: PlanSection,
  /** The version the comment refers to; the page says "on version N" and what changed since (diffPlans). */
  version: PlanVersion,
  text: z.string(),
  replyTo: CommentId.nullable(),
  authorRole: z.enum(['learner', 'advisor', 'staff']),
  authorName: z.string(),
  createdAt: z.string(),
}).strict();
export type CommentView = z.infer<typeof CommentView>;
export const CommentList = z.object({ comments: z.array(CommentView) }).strict();
export type CommentList = z.infer<typeof CommentList>;

/** POST …/plans/:userId/review — the attached advisor marks the version they read. */
export const ReviewBody = z.object({
  status: z.enum(['reviewed', 'needs_work']),
  /** The version the advisor read: a review of an older version than the newest is refused (stale_version). */
  version: PlanVersion,
  note: z.string().trim().max(PLAN_LIMITS.reviewNote).regex(NO_CONTROL, 'no control characters').optional(),
}).strict();
export type ReviewBody = z.input<typeof ReviewBody>;

export const AttachmentContentType = z.enum(ATTACHMENT_CONTENT_TYPES as [AttachmentType, ...AttachmentType[]]);
/** A file name as shown and printed: no folders, no control characters, with an extension of its type. */
export const AttachmentFileName = z.string().trim().min(1).max(PLAN_LIMITS.fileName)
  .regex(/^[^\\/\u0000-\u001F\u007F]+$/, 'a file name without folders or control characters')
  .refine((n) => attachmentTypeOf(n) !== null, { message: 'a PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or WebP file' });

/**
 * POST /api/plans/:userId/attachments/uploads — ask for a presigned POST. The ticket's policy repeats the type and the size
 * limit, so S3 refuses a different or bigger file however the browser sends it.
 */
export const UploadRequest = z.object({
  fileName: AttachmentFileName,
  contentType: AttachmentContentType,
  size: z.number().int().min(1, 'an empty file').max(ATTACHMENT_MAX_BYTES, 'at most 10 MB'),
}).strict().refine((r) => attachmentTypeOf(r.fileName) === r.contentType, {
  message: 'the file name does not match the file type', path: ['fileName'],
});
export type UploadRequest = z.input<typeof UploadRequest>;

/**
 * The object key of an upload: incoming/<municipality>/<founder>/<random id>. The API moves a checked file under plans/;
 * what is never confirmed is deleted from incoming/ by the bucket's lifecycle rule after a day.
 */
export const AttachmentKey = z.string().regex(/^incoming\/\d{6}\/[A-Za-z0-9_-]{8,40}\/[A-Za-z0-9_-]{16,64}$/, 'an attachment key');
/** The presigned POST: the form posts `fields` (then the file, last) to `url` before `expiresAt`. */
export const UploadTicket = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  key: AttachmentKey,
  expiresAt: z.string(),
  maxBytes: z.number().int(),
}).strict();
export type UploadTicket = z.infer<typeof UploadTicket>;
/** POST /api/plans/:userId/attachments — after the upload: the API records the attachment only if the object exists. */
export const AttachmentConfirmBody = z.object({ key: AttachmentKey }).strict();
export type AttachmentConfirmBody = z.input<typeof AttachmentConfirmBody>;
export const AttachmentId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'an attachment id');
export const AttachmentView = z.object({
  id: AttachmentId,
  fileName: z.string(),
  contentType: AttachmentContentType,
  size: z.number().int(),
  uploadedAt: z.string(),
  /** The plan version that was newest when the file was attached. */
  version: z.number().int().min(0),
}).strict();
export type AttachmentView = z.infer<typeof AttachmentView>;
export const AttachmentList = z.object({ attachments: z.array(AttachmentView) }).strict();
export type AttachmentList = z.infer<typeof AttachmentList>;
/** GET …/attachments/:id/download — a presigned GET that works for a minute. */
export const AttachmentDownload = z.object({ url: z.string(), expiresAt: z.string() }).strict();
export type AttachmentDownload = z.infer<typeof AttachmentDownload>;

const FounderId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a founder id');
/** Path parameters of /api/plans/:userId/… */
export const PlanParams = z.object({ userId: FounderId }).strict();
export const PlanVersionParams = z.object({ userId: FounderId, version: z.coerce.number().pipe(PlanVersion) }).strict();
export const AttachmentParams = z.object({ userId: FounderId, attachmentId: AttachmentId }).strict();
/** POST …/submit: the version the founder is looking at. */
export const SubmitBody = z.object({ version: PlanVersion }).strict();

/** The columns of the outlook, for code that walks both. */
export const OutlookColumnKey = z.enum(OUTLOOK_COLUMNS);
