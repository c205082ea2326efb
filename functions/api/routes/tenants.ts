import { Hono } from 'hono';
import { EligibilityRule } from '../../contract/eligibility.ts';
import { TenantParams } from '../../contract/evidence.ts';
import { AuditQuery, CodeBody, CodeParams, CohortBody, CohortParams, DashboardTableParams, FoundersQuery, MoveBody, TenantSettings } from '../../contract/staff.ts';
import { getTenantTotals } from '../../services/dashboards.ts';
import { tenantBenchmark } from '../../services/region.ts';
import { getTenantRule, setTenantRule } from '../../services/evidence.ts';
import {
  addCohort, editCohort, exportDashboardTable, exportFounders, getActivity, getAudit, getCodes, getCohorts, getSettings, issueCode, listFounders, moveToCohort, putSettings, revokeCode,
} from '../../services/staff.ts';
import { FounderImport, InvitationParams, NewInvitation } from '../../contract/account.ts';
import { LIMITS } from '../../contract/constants.ts';
import { importFounders, invite, listPending, resend, revoke } from '../../services/invitations.ts';
import { AssignmentBody } from '../../contract/assignments.ts';
import { assignToCohort } from '../../services/assignments.ts';
import { explainRule } from '../../services/seminars.ts';
import type { AppEnv } from '../env.ts';
import { allow, founderInvitations, invitationIn, tenantInPath } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param, query } from '../validate.ts';

const read = allow('tenant.read', tenantInPath);
const manage = allow('tenant.manage', tenantInPath);

/** A municipality's workspace, for its staff (and the union's admins): figures, founders, cohorts, codes, audit. */
export const tenantRoutes = new Hono<AppEnv>()
  .get('/:tenantId/totals', noQuery, param(TenantParams), read, async (c) =>
    c.json(await getTenantTotals(c.get('deps'), c.req.valid('param').tenantId)))
  .get('/:tenantId/benchmark', noQuery, param(TenantParams), read, async (c) =>
    c.json(await tenantBenchmark(c.get('deps'), c.req.valid('param').tenantId)))
  .get('/:tenantId/activity', noQuery, param(TenantParams), read, async (c) =>
    c.json(await getActivity(c.get('deps'), c.req.valid('param').tenantId)))
  .get('/:tenantId/eligibility-rule', noQuery, param(TenantParams), read, async (c) =>
    c.json(await getTenantRule(c.get('deps'), c.req.valid('param').tenantId)))
  .get('/:tenantId/eligibility-rule/explanation', noQuery, param(TenantParams), read, async (c) =>
    c.json(await explainRule(c.get('deps'), c.req.valid('param').tenantId)))
  .put('/:tenantId/eligibility-rule', noQuery, param(TenantParams), json(EligibilityRule), manage, async (c) =>
    c.json(await setTenantRule(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json'))))
  .get('/:tenantId/settings', noQuery, param(TenantParams), read, async (c) =>
    c.json(await getSettings(c.get('deps'), c.req.valid('param').tenantId)))
  .put('/:tenantId/settings', noQuery, param(TenantParams), json(TenantSettings), manage, async (c) =>
    c.json(await putSettings(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json'))))
  .get('/:tenantId/founders', query(FoundersQuery), param(TenantParams), read, async (c) =>
    c.json(await listFounders(c.get('deps'), c.req.valid('param').tenantId, c.req.valid('query'))))
  .get('/:tenantId/cohorts', noQuery, param(TenantParams), read, async (c) =>
    c.json(await getCohorts(c.get('deps'), c.req.valid('param').tenantId)))
  .post('/:tenantId/cohorts', noQuery, param(TenantParams), json(CohortBody), manage, async (c) =>
    c.json(await addCohort(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json')), 201))
  .put('/:tenantId/cohorts/:cohortId', noQuery, param(CohortParams), json(CohortBody), manage, async (c) =>
    c.json(await editCohort(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').cohortId, c.req.valid('json'))))
  .post('/:tenantId/cohorts/:cohortId/members', noQuery, param(CohortParams), json(MoveBody), manage, async (c) =>
    c.json(await moveToCohort(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').cohortId, c.req.valid('json').userIds)))
  .post('/:tenantId/cohorts/:cohortId/assignments', noQuery, param(CohortParams), json(AssignmentBody), manage, async (c) =>
    c.json(await assignToCohort(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').cohortId, c.req.valid('json'))))
  .get('/:tenantId/codes', noQuery, param(TenantParams), read, async (c) =>
    c.json(await getCodes(c.get('deps'), c.req.valid('param').tenantId)))
  .post('/:tenantId/codes', noQuery, param(TenantParams), json(CodeBody), manage, async (c) =>
    c.json(await issueCode(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json')), 201))
  .post('/:tenantId/codes/:code/revoke', noQuery, param(CodeParams), manage, async (c) =>
    c.json(await revokeCode(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').code)))
  .get('/:tenantId/invitations', noQuery, param(TenantParams), manage, async (c) =>
    c.json(await listPending(c.get('deps'), c.req.valid('param').tenantId)))
  .post('/:tenantId/invitations', noQuery, param(TenantParams), json(NewInvitation), allow('invite', invitationIn('path')), async (c) =>
    c.json(await invite(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json')), 201))
  .post('/:tenantId/invitations/import', noQuery, param(TenantParams), json(FounderImport, LIMITS.importBytes + 1024), allow('invite', founderInvitations), async (c) =>
    c.json(await importFounders(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json').csv)))
  .post('/:tenantId/invitations/:invitationId/resend', noQuery, param(InvitationParams), manage, async (c) =>
    c.json(await resend(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').invitationId)))
  .delete('/:tenantId/invitations/:invitationId', noQuery, param(InvitationParams), manage, async (c) => {
    await revoke(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').invitationId);
    return c.body(null, 204);
  })
  .get('/:tenantId/audit', query(AuditQuery), param(TenantParams), read, async (c) =>
    c.json(await getAudit(c.get('deps'), c.req.valid('param').tenantId, c.req.valid('query'))))
  .get('/:tenantId/exports/tables/:table', noQuery, param(DashboardTableParams), read, async (c) => {
    const { fileName, text } = await exportDashboardTable(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').table);
    return c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` });
  })
  .get('/:tenantId/exports/founders.csv', noQuery, param(TenantParams), read, async (c) => {
    const { fileName, stream } = await exportFounders(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId);
    return c.body(stream, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
    });
  });
