import { randomInt } from 'node:crypto';
import { DEFAULT_ELIGIBILITY_RULE, type EligibilityRule } from '../contract/eligibility.ts';
import type { EvidenceRecord, VerifiedRecord } from '../contract/evidence.ts';
import { describeMissing, evaluateEligibility } from '../domain/eligibility.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import { byArea, eligibilityItems, moduleEvidence, sessionEntries } from '../domain/evidence.ts';
import { attendanceOfUser } from '../store/seminars.ts';
import { getEligibilityRule, getVerification, getVerificationOfUser, putEligibilityRule, putVerification } from '../store/evidence.ts';
import { readCourseState } from '../store/progress.ts';
import { getTenant } from '../store/tenants.ts';
import { loadUserWithMemberships } from '../store/users.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';
import { rerateTenant } from './totals.ts';

/** No 0/O or 1/I: a code is read aloud and typed from paper. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/**
 * The founder's dated lines across every course of the catalog (one Query per course) and every seminar session they
 * attended or made up (one Query of their marks), by date.
 */
async function recordAreas(deps: Deps, userId: string) {
  const courses = deps.catalog().courses;
  const [states, marks] = await Promise.all([Promise.all(courses.map((c) => readCourseState(deps.db, userId, c.id))), attendanceOfUser(deps.db, userId)]);
  return [...courses.flatMap((course, i) => moduleEvidence(course, states[i]!.modules, states[i]!.quizzes)), ...sessionEntries(marks)]
    .sort((a, b) => a.date.localeCompare(b.date) || a.ref.localeCompare(b.ref));
}

async function verificationCodeOf(deps: Deps, userId: string, tenantId: string): Promise<string> {
  const existing = await getVerificationOfUser(deps.db, userId);
  if (existing) return existing.code;
  for (;;) {
    const v = { code: newCode(), userId, tenantId, createdAt: deps.clock().toISOString() };
    const r = await putVerification(deps.db, v);
    if (r === 'ok') return v.code;
    if (r === 'has_code') return (await getVerificationOfUser(deps.db, userId))!.code;
  }
}

/** The founder's own dated record per area, their municipality's rule applied, and the code of its public page. */
export async function getMyEvidence(deps: Deps, auth: Authenticated): Promise<EvidenceRecord> {
  const tenantId = auth.user.learnerTenantId;
  if (!tenantId) throw forbidden('Only enrolled founders have an evidence record');
  const [entries, tenant, rule, code] = await Promise.all([
    recordAreas(deps, auth.user.id), getTenant(deps.db, tenantId), getEligibilityRule(deps.db, tenantId),
    verificationCodeOf(deps, auth.user.id, tenantId),
  ]);
  if (!tenant) throw notFound('Municipality');
  const result = evaluateEligibility(rule ?? DEFAULT_ELIGIBILITY_RULE, eligibilityItems(entries));
  return {
    learner: { name: auth.user.name }, tenant: { id: tenant.id, name: tenant.name }, courseIds: deps.catalog().courses.map((c) => c.id), areas: byArea(entries),
    firstDate: result.firstDate, lastDate: result.lastDate, distinctDays: result.distinctDays,
    eligibility: { eligible: result.eligible, missing: result.missing, missingText: result.missing.map((m) => ({ ja: describeMissing(m, 'ja'), en: describeMissing(m, 'en') })) },
    verificationCode: code, generatedAt: deps.clock().toISOString(),
  };
}

/** Public: name, municipality and the dated record behind a verification code — nothing else. */
export async function verifyRecord(deps: Deps, code: string): Promise<VerifiedRecord> {
  const v = await getVerification(deps.db, code);
  if (!v) throw notFound('A record with this verification code');
  const [person, tenant, entries] = await Promise.all([
    loadUserWithMemberships(deps.db, v.userId), getTenant(deps.db, v.tenantId), recordAreas(deps, v.userId),
  ]);
  if (!person || !tenant) throw notFound('A record with this verification code');
  return { learner: { name: person.user.name }, tenant: { name: tenant.name }, areas: byArea(entries), generatedAt: deps.clock().toISOString() };
}

export async function getTenantRule(deps: Deps, tenantId: string): Promise<EligibilityRule> {
  if (!(await getTenant(deps.db, tenantId))) throw notFound('Municipality');
  return (await getEligibilityRule(deps.db, tenantId)) ?? DEFAULT_ELIGIBILITY_RULE;
}

export async function setTenantRule(deps: Deps, auth: Authenticated, tenantId: string, rule: EligibilityRule): Promise<EligibilityRule> {
  if (!(await getTenant(deps.db, tenantId))) throw notFound('Municipality');
  await putEligibilityRule(deps.db, tenantId, rule, auth.user.id, deps.clock().toISOString());
  // Each founder's standing is stored, so a new rule re-rates them now; the dashboard's counts follow in the same writes.
  await rerateTenant(deps.db, tenantId, rule);
  return rule;
}
