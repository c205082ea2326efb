import { Hono } from 'hono';
import { FounderParams } from '../../contract/roles.ts';
import { FounderPatch, FounderStatusBody } from '../../contract/staff.ts';
import { getFounderRecord } from '../../services/dashboards.ts';
import { correctFounder, setFounderActive } from '../../services/staff.ts';
import { audit } from '../../services/audit.ts';
import { AssignmentBody, AssignmentParams } from '../../contract/assignments.ts';
import { assignToFounder, listAssignments, withdraw } from '../../services/assignments.ts';
import { collectPersonalData, eraseAccount, exportFileName, personalDataCsv } from '../../services/personal-data.ts';
import type { AppEnv } from '../env.ts';
import { allow, founderInPath, founderOf } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

/** One founder's record: the founder, staff of their municipality, advisors they are attached to, admin. */
export const founderRoutes = new Hono<AppEnv>()
  .get('/:userId', noQuery, param(FounderParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await getFounderRecord(c.get('deps'), requireAuth(c), founderOf(c))))
  .patch('/:userId', noQuery, param(FounderParams), json(FounderPatch), allow('learner.manage', founderInPath), async (c) =>
    c.json(await correctFounder(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('json'))))
  .post('/:userId/status', noQuery, param(FounderParams), json(FounderStatusBody), allow('learner.manage', founderInPath), async (c) =>
    c.json(await setFounderActive(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('json').active)))
  // On the founder's request (個人情報保護法 開示・消去), their municipality can do what the founder can do themselves.
  .get('/:userId/data.json', noQuery, param(FounderParams), allow('learner.manage', founderInPath), async (c) => {
    const deps = c.get('deps');
    const f = founderOf(c);
    const data = await collectPersonalData(deps, f.user.id);
    await audit(deps, requireAuth(c), { tenantId: f.tenantId, action: 'founder.data_export', subjectId: f.user.id, subjectName: f.user.name, detail: { format: 'json' } });
    c.header('Content-Disposition', `attachment; filename="${exportFileName(f.user.id, 'json', deps.clock())}"`);
    return c.json(data);
  })
  .get('/:userId/data.csv', noQuery, param(FounderParams), allow('learner.manage', founderInPath), async (c) => {
    const deps = c.get('deps');
    const f = founderOf(c);
    const data = await collectPersonalData(deps, f.user.id);
    await audit(deps, requireAuth(c), { tenantId: f.tenantId, action: 'founder.data_export', subjectId: f.user.id, subjectName: f.user.name, detail: { format: 'csv' } });
    return c.body(await personalDataCsv(data, requireAuth(c).user.locale), 200, {
      'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${exportFileName(f.user.id, 'csv', deps.clock())}"`,
    });
  })
  .get('/:userId/assignments', noQuery, param(FounderParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await listAssignments(c.get('deps'), founderOf(c).user.id)))
  .post('/:userId/assignments', noQuery, param(FounderParams), json(AssignmentBody), allow('learner.assign', founderInPath), async (c) =>
    c.json(await assignToFounder(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('json')), 201))
  .delete('/:userId/assignments/:assignmentId', noQuery, param(AssignmentParams), allow('learner.assign', founderInPath), async (c) => {
    await withdraw(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('param').assignmentId);
    return c.body(null, 204);
  })
  .post('/:userId/erase', noQuery, param(FounderParams), allow('learner.manage', founderInPath), async (c) =>
    c.json(await eraseAccount(c.get('deps'), founderOf(c).user.id, requireAuth(c))));
