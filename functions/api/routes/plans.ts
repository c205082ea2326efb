import { Hono } from 'hono';
import {
  AttachmentConfirmBody, AttachmentParams, CommentBody, PLAN_LIMITS, PlanDraftBody, PlanParams, PlanVersionParams, PlanVersionsQuery, ReviewBody,
  SubmitBody, UploadRequest,
} from '../../contract/business-plan.ts';
import {
  addComment, confirmUpload, createUpload, deleteAttachment, downloadAttachment, getPlan, getVersion, listAttachments, listComments, listVersions,
  reviewPlan, saveDraft, submitPlan,
} from '../../services/plans.ts';
import type { AppEnv } from '../env.ts';
import { allow, founderInPath, founderOf } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param, query } from '../validate.ts';

/**
 * A founder's business plan (創業計画書, issue 11): the founder writes it (`plan.write`), their attached advisor and the
 * founder discuss it (`plan.comment`), the advisor reviews it (`plan.review`), and the founder, the advisor, their
 * municipality's staff and admin read it (`learner.read`). `:userId` is always the founder's id.
 */
export const planRoutes = new Hono<AppEnv>()
  .get('/:userId', noQuery, param(PlanParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await getPlan(c.get('deps'), requireAuth(c), founderOf(c))))
  // A whole plan is larger than the global body limit (docs/business-plan.md): the draft route has its own.
  .put('/:userId/draft', noQuery, param(PlanParams), json(PlanDraftBody, PLAN_LIMITS.bodyBytes), allow('plan.write', founderInPath), async (c) =>
    c.json(await saveDraft(c.get('deps'), founderOf(c), c.req.valid('json'))))
  .post('/:userId/submit', noQuery, param(PlanParams), json(SubmitBody), allow('plan.write', founderInPath), async (c) =>
    c.json(await submitPlan(c.get('deps'), founderOf(c), c.req.valid('json').version)))
  .post('/:userId/review', noQuery, param(PlanParams), json(ReviewBody), allow('plan.review', founderInPath), async (c) =>
    c.json(await reviewPlan(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('json'))))
  .get('/:userId/versions', query(PlanVersionsQuery), param(PlanParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await listVersions(c.get('deps'), founderOf(c), c.req.valid('query').cursor)))
  .get('/:userId/versions/:version', noQuery, param(PlanVersionParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await getVersion(c.get('deps'), founderOf(c), c.req.valid('param').version)))
  .get('/:userId/comments', noQuery, param(PlanParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await listComments(c.get('deps'), founderOf(c))))
  .post('/:userId/comments', noQuery, param(PlanParams), json(CommentBody), allow('plan.comment', founderInPath), async (c) =>
    c.json(await addComment(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('json')), 201))
  .post('/:userId/attachments/uploads', noQuery, param(PlanParams), json(UploadRequest), allow('plan.write', founderInPath), async (c) =>
    c.json(await createUpload(c.get('deps'), founderOf(c), c.req.valid('json')), 201))
  .post('/:userId/attachments', noQuery, param(PlanParams), json(AttachmentConfirmBody), allow('plan.write', founderInPath), async (c) =>
    c.json(await confirmUpload(c.get('deps'), founderOf(c), c.req.valid('json').key), 201))
  .get('/:userId/attachments', noQuery, param(PlanParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await listAttachments(c.get('deps'), founderOf(c))))
  .delete('/:userId/attachments/:attachmentId', noQuery, param(AttachmentParams), allow('plan.write', founderInPath), async (c) => {
    await deleteAttachment(c.get('deps'), founderOf(c), c.req.valid('param').attachmentId);
    return c.body(null, 204);
  })
  .get('/:userId/attachments/:attachmentId/download', noQuery, param(AttachmentParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await downloadAttachment(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('param').attachmentId)));
