import type { AdvisorFounders, AdvisorList, AttachBody, AttachResult } from '../contract/staff.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { attachFounder, detachFounder, listAdvisorIds, listCaseInTenant } from '../store/caseload.ts';
import { getLearnerSummaries, getLearnerSummary, listFoundersFiltered } from '../store/summaries.ts';
import { getCohort, getTenant } from '../store/tenants.ts';
import { getUser } from '../store/users.ts';
import { audit } from './audit.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';

// A municipality's advisors (経営指導員) and the founders its staff attach to them (issue 11). Access (tenant.manage)
// was decided by the route; an advisor then sees exactly the founders attached to them, through the one policy, which
// reads the founder's summary.

export async function listAdvisors(deps: Deps, tenantId: string): Promise<AdvisorList> {
  if (!(await getTenant(deps.db, tenantId))) throw notFound('Municipality');
  const ids = await listAdvisorIds(deps.db, tenantId);
  const advisors = await Promise.all(ids.map(async (id) => {
    const [user, cases] = await Promise.all([getUser(deps.db, id), listCaseInTenant(deps.db, id, tenantId)]);
    return user ? { userId: id, name: user.name, email: user.email, founders: cases.length } : undefined;
  }));
  return { advisors: advisors.filter((a) => a !== undefined).sort((a, b) => a.name.localeCompare(b.name, 'ja')) };
}

/** The person must advise in this municipality: attaching founders to anyone else is refused as not found. */
async function advisorIn(deps: Deps, tenantId: string, advisorId: string) {
  if (!(await listAdvisorIds(deps.db, tenantId)).includes(advisorId)) throw notFound('Advisor');
  const user = await getUser(deps.db, advisorId);
  if (!user) throw notFound('Advisor');
  return user;
}

export async function advisorFounders(deps: Deps, tenantId: string, advisorId: string): Promise<AdvisorFounders> {
  await advisorIn(deps, tenantId, advisorId);
  const ids = await listCaseInTenant(deps.db, advisorId, tenantId);
  const summaries = [];
  for (let i = 0; i < ids.length; i += 100) summaries.push(...await getLearnerSummaries(deps.db, ids.slice(i, i + 100).map((userId) => ({ tenantId, userId }))));
  return {
    founders: summaries.filter((s) => (s.advisorIds ?? []).includes(advisorId) && !s.erasedAt)
      .map((s) => ({ userId: s.userId, name: s.name, cohortId: s.cohortId, lastActiveAt: s.lastActiveAt }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja')),
  };
}

/** Attaches founders (by id, or a whole cohort) to an advisor; attaching twice changes nothing. Audited as one entry. */
export async function attach(deps: Deps, actor: Authenticated, tenantId: string, advisorId: string, body: AttachBody): Promise<AttachResult> {
  const advisor = await advisorIn(deps, tenantId, advisorId);
  let ids: string[];
  if ('cohortId' in body) {
    if (!(await getCohort(deps.db, tenantId, body.cohortId))) throw invalid('No such cohort', { cohortId: 'unknown' });
    ids = [];
    let start: Record<string, string> | undefined;
    do {
      const page = await listFoundersFiltered(deps.db, tenantId, { order: 'name', limit: 100, filters: { cohortId: body.cohortId }, maxReads: 50, ...(start ? { start } : {}) });
      ids.push(...page.items.filter((s) => !s.erasedAt).map((s) => s.userId));
      start = page.next;
    } while (start);
  } else ids = body.userIds;
  const result: AttachResult = { attached: 0, alreadyAttached: 0, notFound: [] };
  const at = deps.clock().toISOString();
  for (const userId of ids) {
    const s = await getLearnerSummary(deps.db, tenantId, userId);
    if (!s || s.erasedAt) { result.notFound.push(userId); continue; }
    if ((s.advisorIds ?? []).includes(advisorId)) { result.alreadyAttached++; continue; }
    if (await attachFounder(deps.db, { advisorId, tenantId, userId, attachedAt: at, attachedBy: actor.user.id })) result.attached++;
    else result.notFound.push(userId);
  }
  await audit(deps, actor, {
    tenantId, action: 'advisor.attach', subjectId: advisorId, subjectName: advisor.name,
    detail: { ...('cohortId' in body ? { cohortId: body.cohortId } : { founders: body.userIds.length }), attached: result.attached },
  });
  return result;
}

/** Detaches one founder: the advisor loses access at once (the policy reads the founder's summary). */
export async function detach(deps: Deps, actor: Authenticated, tenantId: string, advisorId: string, userId: string): Promise<void> {
  const advisor = await advisorIn(deps, tenantId, advisorId);
  const s = await getLearnerSummary(deps.db, tenantId, userId);
  if (!s || !(s.advisorIds ?? []).includes(advisorId)) throw notFound('Founder in this advisor’s caseload');
  await detachFounder(deps.db, { advisorId, tenantId, userId });
  await audit(deps, actor, { tenantId, action: 'advisor.detach', subjectId: userId, subjectName: s.name, detail: { advisorId, advisorName: advisor.name } });
}
