import { randomInt } from 'node:crypto';
import { AREAS } from '../contract/catalog.ts';
import type { FounderRecord } from '../contract/roles.ts';
import type { CodeBody, Cohort, CohortBody, EnrolmentCodeView, FounderPatch, FoundersPage, FoundersQuery, MoveResult, TenantActivity } from '../contract/staff.ts';
import type { TenantSettings } from '../contract/staff.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { AREA_LABELS } from '../domain/eligibility.ts';
import { fiscalYearLabel } from '../domain/kpi.ts';
import { fiscalYear, isoWeek, japanDay, lastDays, weekStart } from '../domain/totals.ts';
import { listAudit } from '../store/audit.ts';
import { getLearnerSummary, isFoundersPageKey, type LearnerSummary, listFoundersFiltered, listLearnerSummaries } from '../store/summaries.ts';
import {
  createCohort, getCohort, getTenant, listCohorts, listEnrolmentCodes, putEnrolmentCode, putTenantSettings,
  revokeEnrolmentCode, updateCohort,
} from '../store/tenants.ts';
import { listDayCounters, listWeekCounters, readHeadline } from '../store/totals.ts';
import { correctFounder as storeCorrection, EmailTaken, getUser, setDeactivated } from '../store/users.ts';
import type { Authenticated } from './auth.ts';
import { audit } from './audit.ts';
import { type LoadedFounder, loadFounder } from './access.ts';
import { getFounderRecord, getTenantTotals } from './dashboards.ts';
import type { Deps } from './deps.ts';
import { tenantSettings } from './settings.ts';

// The municipal staff workspace: access was decided by the route's checkpoint (tenant.read / tenant.manage /
// learner.read / learner.manage) before any of these run. Every change and export is audited.

export async function getSettings(deps: Deps, tenantId: string): Promise<TenantSettings> {
  if (!(await getTenant(deps.db, tenantId))) throw notFound('Municipality');
  return tenantSettings(deps, tenantId);
}

export async function putSettings(deps: Deps, auth: Authenticated, tenantId: string, s: TenantSettings): Promise<TenantSettings> {
  if (!(await getTenant(deps.db, tenantId))) throw notFound('Municipality');
  const at = deps.clock().toISOString();
  await putTenantSettings(deps.db, tenantId, s, auth.user.id, at);
  await audit(deps, auth, { tenantId, action: 'settings.update', detail: { ...s } }, s.auditRetentionYears);
  return s;
}

/**
 * Active founders over the last 7 and 30 Japan days and the fiscal year week by week: one Query of ≤ 30 day items (each
 * founder counted on the day of their last activity), one Query of ≤ 53 week items, and the headline (founders).
 */
export async function getActivity(deps: Deps, tenantId: string): Promise<TenantActivity> {
  const day = japanDay(deps.clock().toISOString());
  const week = isoWeek(day);
  const fy = fiscalYear(day);
  const firstWeek = isoWeek(`${fy}-04-01`);
  const days = lastDays(day, 30);
  const [settings, head, byDay, byWeek] = await Promise.all([
    tenantSettings(deps, tenantId), readHeadline(deps.db, tenantId, day, week),
    listDayCounters(deps.db, tenantId, days[0]!, day), listWeekCounters(deps.db, tenantId, firstWeek, week),
  ]);
  if (!head) throw notFound('Municipality');
  const { inactiveDays } = settings;
  const lastActiveWithin = (n: number) => days.slice(-n).reduce((sum, d) => sum + Math.max(0, byDay.get(d)?.lastActive ?? 0), 0);
  const founders = Math.max(0, head.totals.founders ?? 0);
  const weeks: TenantActivity['fiscalYear']['weeks'] = [];
  for (let w = firstWeek; ; ) {
    const c = byWeek.get(w) ?? {};
    weeks.push({ week: w, start: weekStart(w), enrolments: c.enrolments ?? 0, moduleCompletions: c.moduleCompletions ?? 0, courseCompletions: c.courseCompletions ?? 0, active: c.active ?? 0 });
    if (w === week) break;
    w = isoWeek(new Date(Date.parse(`${weekStart(w)}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10));
  }
  return {
    day, inactiveDays, activeLast7Days: lastActiveWithin(7), activeLast30Days: lastActiveWithin(30),
    inactive: Math.max(0, founders - lastActiveWithin(inactiveDays)),
    fiscalYear: { year: fy, label: fiscalYearLabel(fy), weeks },
  };
}

const encodeCursor = (k: Record<string, string>) => Buffer.from(JSON.stringify(k)).toString('base64url');
function decodeCursor(cursor: string): unknown {
  try { return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { return undefined; }
}

export const founderRow = (s: LearnerSummary) => ({
  userId: s.userId, name: s.name, email: s.email ?? '', cohortId: s.cohortId, joinedAt: s.joinedAt, lastActiveAt: s.lastActiveAt,
  completedModules: s.completedModules.length, coveredAreas: s.coveredAreas ?? [], eligibility: s.eligibility ?? 'not_yet',
  deactivated: Boolean(s.deactivatedAt),
  emailVerified: s.emailVerified === true,
  sessions: {
    attended: (s.evidence ?? []).filter((e) => e.kind === 'session' && !e.makeUp).length,
    madeUp: (s.evidence ?? []).filter((e) => e.kind === 'session' && e.makeUp).length,
  },
});

/** A page of the founders table: sorted by an index, filtered, searched; the cursor is checked to be this municipality's. */
export async function listFounders(deps: Deps, tenantId: string, q: ReturnType<typeof import('../contract/staff.ts').FoundersQuery.parse>): Promise<FoundersPage> {
  let start: Record<string, string> | undefined;
  if (q.cursor) {
    const k = decodeCursor(q.cursor);
    if (!isFoundersPageKey(tenantId, q.sort, k)) throw invalid('The page cursor does not belong to this list; start again from the first page', { cursor: 'invalid' });
    start = k;
  }
  let inactiveBefore: string | undefined;
  if (q.status === 'inactive') {
    const settings = await tenantSettings(deps, tenantId);
    inactiveBefore = new Date(deps.clock().getTime() - settings.inactiveDays * 86_400_000).toISOString();
  }
  const page = await listFoundersFiltered(deps.db, tenantId, {
    order: q.sort, limit: q.limit, ...(start ? { start } : {}),
    filters: {
      ...(q.cohort ? { cohortId: q.cohort } : {}), ...(q.code ? { enrolmentCode: q.code } : {}), ...(q.missingArea ? { missingArea: q.missingArea } : {}), ...(q.q ? { search: q.q } : {}),
      ...(q.status === 'eligible' || q.status === 'one_area_short' ? { eligibility: q.status } : {}), ...(inactiveBefore ? { inactiveBefore } : {}),
    },
  });
  return { founders: page.items.map(founderRow), next: page.next ? encodeCursor(page.next) : null };
}

/** The founder's record after a change the caller made: read again, since the change moved it; not audited as a view. */
async function recordAfterChange(deps: Deps, auth: Authenticated, userId: string): Promise<FounderRecord> {
  const fresh = await loadFounder(deps, userId);
  if (!fresh) throw notFound('Founder');
  return getFounderRecord(deps, auth, fresh, { asView: false });
}

/** Staff correct a founder's name, email or cohort: profile, summary, membership and email claim together; audited. */
export async function correctFounder(deps: Deps, auth: Authenticated, founder: LoadedFounder, patch: FounderPatch): Promise<FounderRecord> {
  const { user, tenantId, summary } = founder;
  const userId = user.id;
  const old = { name: summary.name, email: user.email, cohortId: summary.cohortId };
  const next = { name: patch.name ?? summary.name, email: patch.email ?? user.email, cohortId: patch.cohortId === undefined ? summary.cohortId : patch.cohortId };
  if (next.cohortId && !(await getCohort(deps.db, tenantId, next.cohortId))) throw invalid('There is no such cohort in this municipality', { cohortId: 'unknown' });
  try {
    await storeCorrection(deps.db, { userId, tenantId, old, next });
  } catch (e) {
    if (e instanceof EmailTaken) throw new DomainError('email_taken', 'Another account already uses this email', { email: 'taken' });
    throw e;
  }
  const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== old[k]);
  await audit(deps, auth, { tenantId, action: 'founder.update', subjectId: userId, subjectName: next.name, detail: { changed } });
  return recordAfterChange(deps, auth, userId);
}

/** Deactivate (sign-in refused, progress kept) or reactivate a founder; audited. */
export async function setFounderActive(deps: Deps, auth: Authenticated, founder: LoadedFounder, active: boolean): Promise<FounderRecord> {
  const { user, tenantId, summary } = founder;
  await setDeactivated(deps.db, user.id, tenantId, active ? null : deps.clock().toISOString());
  await audit(deps, auth, { tenantId, action: active ? 'founder.reactivate' : 'founder.deactivate', subjectId: user.id, subjectName: summary.name });
  return recordAfterChange(deps, auth, user.id);
}

const cohortView = (c: { id: string; name: string; startsOn: string | null; endsOn?: string | null }): Cohort =>
  ({ id: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn ?? null });

export async function getCohorts(deps: Deps, tenantId: string): Promise<{ cohorts: Cohort[] }> {
  const cohorts = await listCohorts(deps.db, tenantId);
  return { cohorts: cohorts.map(cohortView).sort((a, b) => (b.startsOn ?? '').localeCompare(a.startsOn ?? '') || a.name.localeCompare(b.name)) };
}

/** A cohort id from its name and start: readable in URLs and exports (`2027-spring-1a2b`). */
function cohortId(body: { startsOn: string | null }): string {
  return `${(body.startsOn ?? 'cohort').slice(0, 7)}-${randomInt(36 ** 4).toString(36).padStart(4, '0')}`;
}

export async function addCohort(deps: Deps, auth: Authenticated, tenantId: string, body: ReturnType<typeof import('../contract/staff.ts').CohortBody.parse>): Promise<Cohort> {
  if (!(await getTenant(deps.db, tenantId))) throw notFound('Municipality');
  for (let i = 0; i < 5; i++) {
    const c = { id: cohortId(body), tenantId, name: body.name, startsOn: body.startsOn, endsOn: body.endsOn };
    if (await createCohort(deps.db, c)) {
      await audit(deps, auth, { tenantId, action: 'cohort.create', detail: { cohortId: c.id, name: c.name } });
      return cohortView(c);
    }
  }
  throw new DomainError('conflict', 'Could not pick a free cohort id; please try again', undefined, 1);
}

export async function editCohort(deps: Deps, auth: Authenticated, tenantId: string, id: string, body: ReturnType<typeof import('../contract/staff.ts').CohortBody.parse>): Promise<Cohort> {
  const c = { id, tenantId, name: body.name, startsOn: body.startsOn, endsOn: body.endsOn };
  if (!(await updateCohort(deps.db, c))) throw notFound('Cohort');
  await audit(deps, auth, { tenantId, action: 'cohort.update', detail: { cohortId: id, name: c.name } });
  return cohortView(c);
}

const codeView = (c: Awaited<ReturnType<typeof listEnrolmentCodes>>[number]): EnrolmentCodeView => ({
  code: c.code, cohortId: c.cohortId, expiresAt: c.expiresAt, maxUses: c.maxUses, uses: c.uses, revokedAt: c.revokedAt ?? null, createdAt: c.createdAt,
});

export async function getCodes(deps: Deps, tenantId: string): Promise<{ codes: EnrolmentCodeView[] }> {
  return { codes: (await listEnrolmentCodes(deps.db, tenantId)).map(codeView).sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
}

/** No 0/O or 1/I: a code is read aloud at a seminar and typed from a slide. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export async function issueCode(deps: Deps, auth: Authenticated, tenantId: string, body: ReturnType<typeof import('../contract/staff.ts').CodeBody.parse>): Promise<EnrolmentCodeView> {
  if (!(await getCohort(deps.db, tenantId, body.cohortId))) throw invalid('There is no such cohort in this municipality', { cohortId: 'unknown' });
  const now = deps.clock();
  if (body.expiresAt && Date.parse(body.expiresAt) <= now.getTime()) throw invalid('The expiry must be in the future', { expiresAt: 'past' });
  for (let i = 0; i < 5; i++) {
    const code = `${tenantId.slice(0, 4)}-${Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;
    const c = { code, tenantId, cohortId: body.cohortId, expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : null, maxUses: body.maxUses, uses: 0, createdAt: now.toISOString() };
    try {
      await putEnrolmentCode(deps.db, c);
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') continue;
      throw e;
    }
    await audit(deps, auth, { tenantId, action: 'code.create', detail: { code, cohortId: body.cohortId } });
    return codeView({ ...c, revokedAt: null });
  }
  throw new DomainError('conflict', 'Could not pick a free code; please try again', undefined, 1);
}

export async function revokeCode(deps: Deps, auth: Authenticated, tenantId: string, code: string): Promise<EnrolmentCodeView> {
  const r = await revokeEnrolmentCode(deps.db, tenantId, code, deps.clock().toISOString());
  if (!r) throw notFound('Enrolment code');
  await audit(deps, auth, { tenantId, action: 'code.revoke', detail: { code } });
  return codeView(r);
}

export async function getAudit(deps: Deps, tenantId: string, q: { cursor?: string | undefined; limit: number }) {
  let next: Record<string, unknown> | undefined;
  if (q.cursor) {
    const k = decodeCursor(q.cursor) as Record<string, unknown> | undefined;
    if (!k || typeof k !== 'object' || k.pk !== `TENANT#${tenantId}` || typeof k.sk !== 'string' || !k.sk.startsWith('AUDIT#') || Object.keys(k).length !== 2) {
      throw invalid('The page cursor does not belong to this list; start again from the first page', { cursor: 'invalid' });
    }
    next = k;
  }
  const page = await listAudit(deps.db, tenantId, { limit: q.limit, ...(next ? { next } : {}) });
  return {
    entries: page.items.map((e) => ({
      at: e.at, actorId: e.actorId, actorName: e.actorName ?? null, action: e.action, subjectId: e.subjectId ?? null,
      subjectName: e.subjectName ?? null, detail: e.detail ?? null,
    })),
    next: page.next ? encodeCursor(page.next as Record<string, string>) : null,
  };
}


/**
 * The founders CSV, generated page by page from the summaries (never all founders in memory): UTF-8 with a BOM and
 * CRLF line ends so that Japanese Excel opens it as is. Audited when it starts.
 */
export async function exportFounders(deps: Deps, auth: Authenticated, tenantId: string): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const tenant = await getTenant(deps.db, tenantId);
  if (!tenant) throw notFound('Municipality');
  await audit(deps, auth, { tenantId, action: 'export.founders' });
  const day = japanDay(deps.clock().toISOString());
  const header = ['id', '氏名 name', 'メール email', 'コホート cohort', '登録日 joined', '最終学習 last active', '修了モジュール数 modules completed',
    ...AREAS.map((a) => `${AREA_LABELS.ja[a]} ${a}`), '全体修了 course completed', '特定創業支援 eligibility', '停止 deactivated'];
  const { stringify } = await csv();
  const encoder = new TextEncoder();
  const db = deps.db;
  let next: Record<string, unknown> | undefined;
  let first = true;
  // Pulled one page of 500 founders at a time, only as fast as the client reads: memory holds one page, not the file.
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await listLearnerSummaries(db, tenantId, { limit: 500, ...(next ? { next } : {}) });
      next = page.next;
      const rows = page.items.map((s) => {
        const covered = new Set(s.coveredAreas ?? []);
        const lastDate = (a: string) => (s.evidence ?? []).filter((e) => e.areas.includes(a as never)).map((e) => e.date).sort().at(-1) ?? '';
        return [
          s.userId, s.name, s.email ?? '', s.cohortId ?? '', japanDay(s.joinedAt), s.lastActiveAt ? japanDay(s.lastActiveAt) : '', s.completedModules.length,
          ...AREAS.map((a) => (covered.has(a) ? lastDate(a) || '済' : '')), s.courseCompletedAt ? japanDay(s.courseCompletedAt) : '',
          s.eligibility ?? 'not_yet', s.deactivatedAt ? japanDay(s.deactivatedAt) : '',
        ];
      });
      const text = stringify(first ? [header, ...rows] : rows, { bom: first, record_delimiter: 'windows' });
      first = false;
      if (text) controller.enqueue(encoder.encode(text));
      if (!next) controller.close();
    },
  }, { highWaterMark: 1 });
  return { fileName: `founders-${tenantId}-${day}.csv`, stream };
}

/** The CSV writer, loaded on the first export: nothing of it runs when a Lambda starts for a learner's request. */
const csv = () => import('csv-stringify/sync');

/**
 * The dashboard's tables as CSV for Excel (BOM, CRLF): `areas` (founders covering each area), `modules` (completions per
 * module, with titles) and `weeks` (the fiscal year week by week). Small: read from the counters, not the founders.
 */
export async function exportDashboardTable(deps: Deps, auth: Authenticated, tenantId: string, table: 'areas' | 'modules' | 'weeks'): Promise<{ fileName: string; text: string }> {
  const day = japanDay(deps.clock().toISOString());
  let rows: Array<Array<string | number>>;
  if (table === 'weeks') {
    const a = await getActivity(deps, tenantId);
    rows = [['週 week', '開始日 start', '登録 enrolments', '修了モジュール module completions', '全体修了 course completions', '学習者 active founders'],
      ...a.fiscalYear.weeks.map((w) => [w.week, w.start, w.enrolments, w.moduleCompletions, w.courseCompletions, w.active])];
  } else {
    const totals = await getTenantTotals(deps, tenantId);
    if (table === 'areas') {
      rows = [['分野 area', '修了した創業者 founders covering it', '登録者 founders'], ...AREAS.map((a) => [`${AREA_LABELS.ja[a]} ${a}`, totals.coveredByArea[a], totals.founders])];
    } else {
      const titles = new Map(deps.catalog().courses.flatMap((c) => c.modules.map((m) => [`${c.id}/${m.id}`, m.title] as const)));
      rows = [['講座 course', 'モジュール module', '題名 title', 'レッスン修了 lesson completions', 'モジュール修了 module completions'],
        ...totals.modules.map((m) => [m.courseId, m.moduleId, titles.get(`${m.courseId}/${m.moduleId}`)?.ja ?? m.moduleId, m.lessonCompletions, m.moduleCompletions])];
    }
  }
  await audit(deps, auth, { tenantId, action: `export.${table}` });
  const { stringify } = await csv();
  return { fileName: `${table}-${tenantId}-${day}.csv`, text: stringify(rows, { bom: true, record_delimiter: 'windows' }) };
}

/**
 * Moves founders of this municipality into one of its cohorts (≤ 100 at a time), each in its own correction write. A
 * founder of another municipality, or none, is reported as not found and left alone: ids cannot reach across.
 */
export async function moveToCohort(deps: Deps, auth: Authenticated, tenantId: string, cohortId: string, userIds: readonly string[]): Promise<MoveResult> {
  if (!(await getCohort(deps.db, tenantId, cohortId))) throw notFound('Cohort');
  const notFoundIds: string[] = [];
  let moved = 0;
  for (const userId of new Set(userIds)) {
    const [user, summary] = await Promise.all([getUser(deps.db, userId), getLearnerSummary(deps.db, tenantId, userId)]);
    if (!user || !summary || user.learnerTenantId !== tenantId) { notFoundIds.push(userId); continue; }
    if (summary.cohortId === cohortId) continue;
    await storeCorrection(deps.db, { userId, tenantId, old: { name: summary.name, email: user.email, cohortId: summary.cohortId }, next: { name: summary.name, email: user.email, cohortId } });
    moved++;
  }
  await audit(deps, auth, { tenantId, action: 'cohort.move', detail: { cohortId, moved, userIds: [...new Set(userIds)].filter((u) => !notFoundIds.includes(u)) } });
  return { moved, notFound: notFoundIds };
}
