import { randomBytes } from 'node:crypto';
import {
  ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_PLAN, PLAN_LIMITS, PLAN_SECTIONS, type AttachmentDownload, type AttachmentList, type AttachmentType,
  type AttachmentView, type BusinessPlan, type CommentBody, type CommentList, type CommentView, type PlanDraftBody, type PlanStatus,
  type PlanVersionList, type PlanVersionView, type PlanView, type ReviewBody, type UploadRequest, type UploadTicket,
} from '../contract/business-plan.ts';
import { checkPlan, computeFigures, diffPlans, explainFindings, matchesFileSignature, readyToSubmit, replyAllowed, statusAfter } from '../domain/business-plan.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { planReviewedMail, planSubmittedMail } from '../domain/mails.ts';
import { getTenant } from '../store/tenants.ts';
import { getUser } from '../store/users.ts';
import { copyObject, deleteObject, type Files, headObject, presignGet, presignPost, readStart } from '../store/files.ts';
import {
  getAttachment, getPlanHead, getPlanVersion, listPlanItems, listPlanVersions, loadPlan, type PlanHead, putAttachment, putComment, removeAttachment, saveVersion,
  setPlanState, type StoredAttachment, deletePlanItem,
} from '../store/plans.ts';
import type { LoadedFounder } from './access.ts';
import { audit } from './audit.ts';
import type { Authenticated } from './auth.ts';
import { subject, throttle } from './throttle.ts';
import { ACTION_RULES } from '../domain/throttle.ts';
import type { Deps } from './deps.ts';

/** Saves within this long of the previous one, with nothing pinning it, fold into one version: a sitting, not every keystroke. */
export const SITTING_MINUTES = 10;
/** How long an upload form and a download link work (the contract's limits, shown to the page too). */
const UPLOAD_TICKET_SECONDS = PLAN_LIMITS.uploadTicketSeconds;
const DOWNLOAD_LINK_SECONDS = PLAN_LIMITS.downloadUrlSeconds;

function filesOf(deps: Deps): Files {
  if (!deps.files) throw new DomainError('unavailable', 'File uploads are not available here');
  return deps.files;
}

const staleVersion = () => new DomainError('stale_version', 'The plan was saved meanwhile from another tab or device; load the newest version first');

function viewOf(head: PlanHead, comments: CommentView[]): PlanView {
  const findings = checkPlan(head.plan);
  const since = head.updatedAt ?? '';
  return {
    plan: head.plan, version: head.version, updatedAt: head.updatedAt, status: head.status,
    review: head.review ? { status: head.review.status, version: head.review.version, note: head.review.note, at: head.review.at } : null,
    checks: explainFindings(findings), figures: computeFigures(head.plan),
    newComments: comments.filter((c) => c.authorRole !== 'learner' && c.createdAt > since).length,
  };
}

const publicComment = ({ authorId: _a, ...c }: CommentView & { authorId?: string }): CommentView => c;
const publicAttachment = ({ key: _k, ...a }: StoredAttachment): AttachmentView => a;

/** The plan as its founder, their advisor or their municipality's staff see it; a view by anyone else is audited. */
export async function getPlan(deps: Deps, auth: Authenticated, founder: LoadedFounder): Promise<PlanView> {
  const { head, comments } = await loadPlan(deps.db, founder.user.id, founder.tenantId);
  if (auth.user.id !== founder.user.id) {
    await audit(deps, auth, { tenantId: founder.tenantId, action: 'plan.view', subjectId: founder.user.id, subjectName: founder.user.name, detail: { version: head.version } });
  }
  return viewOf(head, comments);
}

/**
 * Saves the founder's draft as a new version, if nobody saved since `baseVersion` (409 stale_version otherwise). A
 * save within a sitting folds the previous version away unless something pins it (submitted, reviewed, commented).
 */
export async function saveDraft(deps: Deps, founder: LoadedFounder, body: PlanDraftBody): Promise<PlanView> {
  const userId = founder.user.id;
  const { head, comments } = await loadPlan(deps.db, userId, founder.tenantId);
  if (head.version !== body.baseVersion) throw staleVersion();
  const now = deps.clock().toISOString();
  const status = statusAfter(head.status, 'save') ?? 'draft';
  const previous = head.version > 0 ? await getPlanVersion(deps.db, userId, head.version) : undefined;
  const foldable = previous && !previous.pinned && Date.parse(now) - Date.parse(previous.savedAt) < SITTING_MINUTES * 60_000;
  const changed = diffPlans(previous?.plan ?? {}, body.plan);
  const changedSections = foldable ? [...new Set([...previous.changedSections, ...changed])] : changed;
  const outcome = await saveVersion(deps.db, {
    userId, tenantId: founder.tenantId, baseVersion: body.baseVersion, plan: body.plan as BusinessPlan, status, at: now,
    changedSections: changedSections.sort((a, b) => PLAN_SECTIONS.indexOf(a) - PLAN_SECTIONS.indexOf(b)), fold: foldable ? previous.version : null,
  });
  if (outcome === 'stale') throw staleVersion();
  return viewOf({ ...head, plan: body.plan as BusinessPlan, version: body.baseVersion + 1, status, updatedAt: now }, comments);
}

/** Hands the newest version to the advisor: only with no error left, and only the version the founder is looking at. */
export async function submitPlan(deps: Deps, founder: LoadedFounder, version: number): Promise<PlanView> {
  const { head, comments } = await loadPlan(deps.db, founder.user.id, founder.tenantId);
  if (head.version !== version) throw staleVersion();
  const findings = checkPlan(head.plan);
  if (!readyToSubmit(findings)) {
    throw new DomainError('plan_not_ready', `Fix the ${findings.filter((f) => f.severity === 'error').length} problem(s) marked in the plan before handing it in`);
  }
  if (statusAfter(head.status, 'submit') === null) throw new DomainError('conflict', 'This version is already handed in');
  const now = deps.clock().toISOString();
  const ok = await setPlanState(deps.db, { userId: founder.user.id, tenantId: founder.tenantId, version, status: 'submitted', at: now, allowedFrom: ['draft', 'needs_work'], touchUpdatedAt: true });
  if (!ok) throw staleVersion();
  await tellAdvisors(deps, founder, version);
  return viewOf({ ...head, status: 'submitted', updatedAt: now }, comments);
}

/** The attached advisor marks the version they read; a newer save meanwhile makes it stale (409). */
export async function reviewPlan(deps: Deps, auth: Authenticated, founder: LoadedFounder, body: ReviewBody): Promise<PlanView> {
  const { head, comments } = await loadPlan(deps.db, founder.user.id, founder.tenantId);
  if (head.version === 0) throw notFound('Plan');
  if (head.version !== body.version) throw staleVersion();
  const now = deps.clock().toISOString();
  const review = { status: body.status, version: body.version, note: body.note?.trim() || null, at: now, by: auth.user.id };
  const all: PlanStatus[] = ['draft', 'submitted', 'reviewed', 'needs_work'];
  const ok = await setPlanState(deps.db, { userId: founder.user.id, tenantId: founder.tenantId, version: body.version, status: body.status, at: now, allowedFrom: all, review, touchUpdatedAt: false });
  if (!ok) throw staleVersion();
  await tellFounder(deps, auth, founder, review);
  await audit(deps, auth, { tenantId: founder.tenantId, action: 'plan.review', subjectId: founder.user.id, subjectName: founder.user.name, detail: { status: body.status, version: body.version } });
  return viewOf({ ...head, status: body.status, review }, comments);
}

/**
 * Mails the founder's attached advisors (confirmed addresses only) that a plan waits for them. A mail that fails is
 * not retried: the caseload shows the plan waiting either way, so the submission stands.
 */
async function tellAdvisors(deps: Deps, founder: LoadedFounder, version: number): Promise<void> {
  const tenant = await getTenant(deps.db, founder.tenantId);
  for (const id of founder.summary.advisorIds ?? []) {
    const advisor = await getUser(deps.db, id);
    if (!advisor?.emailVerifiedAt) continue;
    const mail = planSubmittedMail({
      locale: advisor.locale, advisorName: advisor.name, founderName: founder.user.name, tenantName: tenant?.name[advisor.locale] ?? founder.tenantId,
      version, link: `${deps.siteUrl}/advisor/founders/${founder.user.id}/plan`,
    });
    await deps.mailer.send({ to: advisor.email, ...mail }).catch(() => undefined);
  }
}

/** Mails the founder (a confirmed address only) that their advisor reviewed the plan; the plan page shows it either way. */
async function tellFounder(deps: Deps, auth: Authenticated, founder: LoadedFounder, review: NonNullable<PlanHead['review']>): Promise<void> {
  const user = founder.user;
  if (!user.emailVerifiedAt) return;
  const mail = planReviewedMail({ locale: user.locale, name: user.name, advisorName: auth.user.name, status: review.status, version: review.version, note: review.note, link: `${deps.siteUrl}/plan` });
  await deps.mailer.send({ to: user.email, ...mail }).catch(() => undefined);
}

export async function listVersions(deps: Deps, founder: LoadedFounder, cursor: string | undefined): Promise<PlanVersionList> {
  const after = cursor === undefined ? undefined : Number(cursor);
  if (after !== undefined && (!Number.isInteger(after) || after < 1)) throw new DomainError('invalid_request', 'Not a cursor of this list', { cursor: 'invalid' });
  const page = await listPlanVersions(deps.db, founder.user.id, after);
  return {
    versions: page.items.map((v) => ({ version: v.version, savedAt: v.savedAt, status: v.status, changedSections: v.changedSections ?? [], comments: v.comments ?? 0 })),
    nextCursor: page.next === null ? null : String(page.next),
  };
}

export async function getVersion(deps: Deps, founder: LoadedFounder, version: number): Promise<PlanVersionView> {
  const v = await getPlanVersion(deps.db, founder.user.id, version);
  if (!v) throw notFound('Version');
  return { version: v.version, savedAt: v.savedAt, status: v.status, plan: v.plan };
}

export async function listComments(deps: Deps, founder: LoadedFounder): Promise<CommentList> {
  const { comments } = await loadPlan(deps.db, founder.user.id, founder.tenantId);
  return { comments: comments.map(publicComment) };
}

/** A comment on one section of a version that exists (kept for good from then on), or a reply in its thread. */
export async function addComment(deps: Deps, auth: Authenticated, founder: LoadedFounder, body: CommentBody): Promise<CommentView> {
  const { head, comments } = await loadPlan(deps.db, founder.user.id, founder.tenantId);
  if (body.version > head.version) throw new DomainError('invalid_request', 'That version of the plan does not exist', { version: 'unknown' });
  if (body.replyTo !== undefined) {
    const parent = comments.find((c) => c.id === body.replyTo) ?? null;
    if (!replyAllowed(parent, { section: body.section, version: body.version })) {
      throw new DomainError('invalid_request', 'Reply to a comment of the same section, on the same or a newer version', { replyTo: 'invalid' });
    }
  }
  const mine = auth.user.id === founder.user.id;
  const c = {
    id: randomBytes(12).toString('base64url'), section: body.section, version: body.version, text: body.text.trim(), replyTo: body.replyTo ?? null,
    authorRole: mine ? 'learner' as const : 'advisor' as const, authorName: auth.user.name, createdAt: deps.clock().toISOString(), authorId: auth.user.id,
  };
  // A version folded into a later save no longer exists: comment on the one shown now.
  if (!await putComment(deps.db, founder.user.id, c)) throw new DomainError('invalid_request', 'That version of the plan is no longer kept; comment on the newest one', { version: 'folded' });
  if (!mine) await audit(deps, auth, { tenantId: founder.tenantId, action: 'plan.comment', subjectId: founder.user.id, subjectName: founder.user.name, detail: { section: c.section, version: c.version } });
  return publicComment(c);
}

// Attachments: the browser posts the file straight to S3 under incoming/ (a lifecycle rule deletes what is left there
// after a day); the API records it only after checking the object, and moves it under plans/.
const incomingPrefix = (f: LoadedFounder) => `incoming/${f.tenantId}/${f.user.id}/`;

export async function createUpload(deps: Deps, founder: LoadedFounder, body: UploadRequest): Promise<UploadTicket> {
  const files = filesOf(deps);
  const head = await getPlanHead(deps.db, founder.user.id, founder.tenantId);
  if (head.attachments >= ATTACHMENTS_PER_PLAN) throw tooMany();
  await throttle(deps, deps.clock(), [{ s: subject('upload', founder.user.id, ACTION_RULES.uploads, deps.clock()), rule: ACTION_RULES.uploads }], 'upload');
  const key = `${incomingPrefix(founder)}${randomBytes(18).toString('base64url')}`;
  const now = deps.clock();
  const post = await presignPost(files, {
    key, contentType: body.contentType, maxBytes: ATTACHMENT_MAX_BYTES, meta: { name: encodeURIComponent(body.fileName.trim()) },
    expiresInSeconds: UPLOAD_TICKET_SECONDS, now,
  });
  return { ...post, key, expiresAt: new Date(now.getTime() + UPLOAD_TICKET_SECONDS * 1000).toISOString(), maxBytes: ATTACHMENT_MAX_BYTES };
}
const tooMany = () => new DomainError('invalid_request', `A plan takes at most ${ATTACHMENTS_PER_PLAN} files; remove one first`, { file: 'too_many' });

/**
 * Records an uploaded file: only if the object exists under the founder's own prefix, within the size limit, of an
 * allowed type whose first bytes match it. Anything else is deleted and refused; nothing is recorded then.
 */
export async function confirmUpload(deps: Deps, founder: LoadedFounder, key: string): Promise<AttachmentView> {
  const files = filesOf(deps);
  const missing = () => new DomainError('upload_missing', 'The upload did not arrive; choose the file and upload it again');
  if (!key.startsWith(incomingPrefix(founder))) throw missing();
  const id = key.slice(key.lastIndexOf('/') + 1);
  const already = await getAttachment(deps.db, founder.user.id, id);
  if (already) return publicAttachment(already);
  const head = await headObject(files, key);
  if (!head) throw missing();
  const reject = async (message: string, field: string) => {
    await deleteObject(files, key);
    throw new DomainError('upload_rejected', message, { file: field });
  };
  const type = head.contentType.split(';')[0]!.trim().toLowerCase() as AttachmentType;
  if (head.size > ATTACHMENT_MAX_BYTES) return reject('The file is larger than 10 MB', 'too_large');
  if (head.size < 1) return reject('The file is empty', 'empty');
  if (!ATTACHMENT_CONTENT_TYPES.includes(type)) return reject('Only PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or WebP files', 'type');
  if (!matchesFileSignature(type, await readStart(files, key, 16))) return reject('The file is not what its type says', 'content');
  let fileName = 'file';
  try { fileName = decodeURIComponent(head.meta.name ?? 'file'); } catch { /* keep the plain name */ }
  const stored: StoredAttachment = {
    id, fileName, contentType: type, size: head.size, uploadedAt: deps.clock().toISOString(),
    version: (await getPlanHead(deps.db, founder.user.id, founder.tenantId)).version, key: `plans/${founder.tenantId}/${founder.user.id}/${id}`,
  };
  await copyObject(files, key, stored.key);
  const outcome = await putAttachment(deps.db, founder.user.id, founder.tenantId, stored, ATTACHMENTS_PER_PLAN);
  if (outcome === 'full') {
    await deleteObject(files, stored.key);
    await deleteObject(files, key);
    throw tooMany();
  }
  await deleteObject(files, key);
  return publicAttachment(outcome === 'exists' ? (await getAttachment(deps.db, founder.user.id, id))! : stored);
}

export async function listAttachments(deps: Deps, founder: LoadedFounder): Promise<AttachmentList> {
  const { attachments } = await loadPlan(deps.db, founder.user.id, founder.tenantId);
  return { attachments: attachments.map(publicAttachment).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt)) };
}

export async function deleteAttachment(deps: Deps, founder: LoadedFounder, attachmentId: string): Promise<void> {
  const a = await getAttachment(deps.db, founder.user.id, attachmentId);
  if (!a || !await removeAttachment(deps.db, founder.user.id, attachmentId)) throw notFound('File');
  await deleteObject(filesOf(deps), a.key);
}

/** A one-minute download link, for the founder, their advisor and their municipality's staff; others' downloads are audited. */
export async function downloadAttachment(deps: Deps, auth: Authenticated, founder: LoadedFounder, attachmentId: string): Promise<AttachmentDownload> {
  const files = filesOf(deps);
  const a = await getAttachment(deps.db, founder.user.id, attachmentId);
  if (!a) throw notFound('File');
  const now = deps.clock();
  if (auth.user.id !== founder.user.id) {
    await audit(deps, auth, { tenantId: founder.tenantId, action: 'plan.download', subjectId: founder.user.id, subjectName: founder.user.name, detail: { fileName: a.fileName } });
  }
  return { url: await presignGet(files, a.key, { fileName: a.fileName, expiresInSeconds: DOWNLOAD_LINK_SECONDS, now }), expiresAt: new Date(now.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
}

/** Everything of a founder's plan, for their personal-data export. */
export async function planForExport(deps: Deps, userId: string) {
  const items = await listPlanItems(deps.db, userId);
  const head = items.find((i) => i.sk === 'HEAD');
  return {
    plan: (head?.plan as Record<string, unknown> | undefined) ?? null,
    version: Number(head?.version ?? 0),
    comments: items.filter((i) => String(i.sk).startsWith('C#')).map((i) => ({
      section: String(i.section), version: Number(i.version), text: String(i.text), authorRole: String(i.authorRole), authorName: String(i.authorName), createdAt: String(i.createdAt),
    })),
    attachments: items.filter((i) => String(i.sk).startsWith('A#')).map((i) => ({ fileName: String(i.fileName), size: Number(i.size), uploadedAt: String(i.uploadedAt) })),
  };
}

/** Deletes a founder's plan: its files first, then every item (account erasure). */
export async function erasePlan(deps: Deps, userId: string): Promise<void> {
  const items = await listPlanItems(deps.db, userId);
  for (const i of items) if (String(i.sk).startsWith('A#') && deps.files) await deleteObject(deps.files, String(i.key));
  for (const i of items) await deletePlanItem(deps.db, String(i.pk), String(i.sk));
}
