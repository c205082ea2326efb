import type {
  AttachmentDownload, AttachmentList, AttachmentView, BusinessPlan, CommentBody, CommentList, CommentView, PlanVersionList, PlanVersionView,
  PlanView, ReviewBody, UploadTicket,
} from '../../../functions/contract/business-plan.ts';
import { ATTACHMENT_MAX_BYTES, attachmentTypeOf } from '../../../functions/contract/plan-constants.ts';
import { ApiFailure, request } from '../api/client.ts';

// The business plan's API (functions/api/routes/plans.ts). `userId` is always the founder's id.
const base = (userId: string) => `/api/plans/${encodeURIComponent(userId)}`;

export const getPlan = (userId: string) => request<PlanView>('GET', base(userId));
export const saveDraft = (userId: string, plan: BusinessPlan, baseVersion: number) => request<PlanView>('PUT', `${base(userId)}/draft`, { plan, baseVersion });
export const submitPlan = (userId: string, version: number) => request<PlanView>('POST', `${base(userId)}/submit`, { version });
export const reviewPlan = (userId: string, body: ReviewBody) => request<PlanView>('POST', `${base(userId)}/review`, body);
export const getVersions = (userId: string, cursor?: string) => request<PlanVersionList>('GET', `${base(userId)}/versions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
export const getVersion = (userId: string, version: number) => request<PlanVersionView>('GET', `${base(userId)}/versions/${version}`);
export const getComments = (userId: string) => request<CommentList>('GET', `${base(userId)}/comments`);
export const addComment = (userId: string, body: CommentBody) => request<CommentView>('POST', `${base(userId)}/comments`, body);
export const getAttachments = (userId: string) => request<AttachmentList>('GET', `${base(userId)}/attachments`);
export const deleteAttachment = (userId: string, id: string) => request<void>('DELETE', `${base(userId)}/attachments/${encodeURIComponent(id)}`);
export const downloadAttachment = (userId: string, id: string) => request<AttachmentDownload>('GET', `${base(userId)}/attachments/${encodeURIComponent(id)}/download`);

/** Why a file cannot be attached, checked in the page before anything is sent (the API and S3 check again). */
export function fileProblem(file: { name: string; size: number; type: string }): 'type' | 'too_large' | 'empty' | null {
  const type = attachmentTypeOf(file.name);
  if (!type) return 'type';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'too_large';
  if (file.size < 1) return 'empty';
  return null;
}

/**
 * Attaches a file: a presigned POST ticket from the API, the file posted straight to the bucket (the form's fields
 * first, the file last, no cookies), then the API records it once it has checked the object.
 */
export async function uploadAttachment(userId: string, file: File): Promise<AttachmentView> {
  const contentType = attachmentTypeOf(file.name)!;
  const ticket = await request<UploadTicket>('POST', `${base(userId)}/attachments/uploads`, { fileName: file.name, contentType, size: file.size });
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', file);
  let posted: Response;
  try {
    posted = await fetch(ticket.url, { method: 'POST', body: form, credentials: 'omit' });
  } catch {
    throw new ApiFailure(0, 'network', 'network');
  }
  if (!posted.ok) throw new ApiFailure(posted.status, 'upload_rejected', 'The file store refused the file');
  return request<AttachmentView>('POST', `${base(userId)}/attachments`, { key: ticket.key });
}
