import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Area } from '../contract/catalog.ts';
import type { EligibilityRule } from '../contract/eligibility.ts';
import type { EvidenceItem } from '../domain/eligibility.ts';
import type { EligibilityClass } from '../domain/totals.ts';
import { busy, type Db, failedConditions, strip } from './db.ts';
import type { TransactItem } from './totals.ts';
import { gsi, key } from './keys.ts';

/**
 * A founder's row in their municipality (TENANT#<t> / LEARNER#<u>), kept by every progress write: what the dashboards,
 * the founders table, the reminders job and the authorization policy read instead of the founder's history.
 */
export interface LearnerSummary {
  userId: string;
  tenantId: string;
  name: string;
  email: string;
  /** Name and email, normalized (NFKC, lower case), for the founders table's search. */
  search?: string;
  /** Set while the municipality has deactivated the account (sign-in refused, progress kept). */
  deactivatedAt?: string | null;
  cohortId: string | null;
  joinedAt: string;
  /** The enrolment code the founder signed up with, if any: a code's uses can be listed. */
  enrolmentCode?: string;
  completedLessons: number;
  completedModules: string[];
  areaModules: Record<string, number>;
  coveredAreas?: Area[];
  courseCompletedAt?: string | null;
  lastActiveAt: string | null;
  /** Japan day of the last activity: the day and week counters move once per founder per day and week. */
  lastActiveDay?: string | null;
  /** The dated evidence the municipality's rule reads (module completions, later attended sessions). */
  evidence?: EvidenceItem[];
  /** Standing against the municipality's rule, stored when it changes (never computed per request). */
  eligibility?: EligibilityClass;
  /** Advisors attached to this founder: the policy decides advisor access from this list. */
  advisorIds?: string[];
  remindedAt?: string | null;
  /** The address was confirmed; reminders go only to confirmed addresses. */
  emailVerified?: boolean;
  remindersOff?: boolean;
  /** The founder's account was deleted: this row keeps only anonymous counts. */
  erasedAt?: string;
  /** The business plan's state and last save, for the advisor's caseload (set by store/plans.ts). */
  planStatus?: 'draft' | 'submitted' | 'reviewed' | 'needs_work';
  planUpdatedAt?: string;
  /** The founder's next booked consultation (set and recomputed by store/consultations.ts). */
  nextConsultationAt?: string | null;
}

/** The item of a new founder's summary, with its index keys (by name, by last activity). */
/** The text the founders table searches: name and email, normalized so that ｙａｍａ finds Yama. */
export const searchText = (name: string, email: string) => `${name} ${email}`.normalize('NFKC').toLowerCase();

export function newSummaryItem(s: { tenantId: string; userId: string; name: string; email: string; cohortId: string | null; joinedAt: string; code?: string }) {
  return {
    ...key.learnerSummary(s.tenantId, s.userId),
    gsi2pk: gsi.learnersOfTenant(s.tenantId), gsi2sk: gsi.learnerByName(s.name, s.userId),
    gsi3pk: gsi.learnersOfTenant(s.tenantId), gsi3sk: gsi.learnerByActivity(null, s.userId),
    userId: s.userId, tenantId: s.tenantId, name: s.name, email: s.email, search: searchText(s.name, s.email), cohortId: s.cohortId, joinedAt: s.joinedAt,
    ...(s.code ? { enrolmentCode: s.code } : {}),
    completedLessons: 0, completedModules: [], areaModules: {}, coveredAreas: [], lastActiveAt: null, lastActiveDay: null,
    evidence: [], eligibility: 'not_yet' as EligibilityClass,
  };
}

/** An item as a summary: the advisors are stored as a string set (ADD/DELETE are atomic), handed out as an array. */
function summaryOf(item: Record<string, unknown>): LearnerSummary {
  const s = strip<LearnerSummary & { advisorIds?: Iterable<string> }>(item)!;
  return { ...s, advisorIds: s.advisorIds ? [...s.advisorIds] : [] };
}

export async function getLearnerSummary(db: Db, tenantId: string, userId: string): Promise<LearnerSummary | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.learnerSummary(tenantId, userId) }));
  return r.Item ? summaryOf(r.Item) : undefined;
}

/** The founder's summary and their municipality's rule, in one request: what a completing write needs to re-rate them. */
export async function getSummaryAndRule(db: Db, tenantId: string, userId: string): Promise<{ summary?: LearnerSummary; rule?: EligibilityRule }> {
  const keys = [key.learnerSummary(tenantId, userId), key.eligibilityRule(tenantId)];
  const r = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys } } }));
  const items = r.Responses?.[db.table] ?? [];
  const summary = items.find((i) => i.sk === keys[0]!.sk);
  const rule = items.find((i) => i.sk === keys[1]!.sk);
  return { ...(summary ? { summary: summaryOf(summary) } : {}), ...(rule ? { rule: rule.rule as EligibilityRule } : {}) };
}

/** Summaries of several founders (≤ 100 keys), in one BatchGet. */
export async function getLearnerSummaries(db: Db, refs: ReadonlyArray<{ tenantId: string; userId: string }>): Promise<LearnerSummary[]> {
  if (refs.length === 0) return [];
  const out: LearnerSummary[] = [];
  let pending: Array<Record<string, unknown>> | undefined = refs.map((r) => key.learnerSummary(r.tenantId, r.userId));
  for (let round = 0; pending && pending.length > 0 && round < 5; round++) {
    const r: BatchGetCommandOutput = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending } } }));
    out.push(...(r.Responses?.[db.table] ?? []).map(summaryOf));
    pending = r.UnprocessedKeys?.[db.table]?.Keys;
  }
  return out;
}

/** One page of a tenant's founders, in one Query; `next` continues it. */
export async function listLearnerSummaries(db: Db, tenantId: string, page: { limit?: number; next?: Record<string, unknown> } = {}) {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': key.tenantPartition(tenantId), ':s': key.learnerSummaryPrefix },
    Limit: page.limit ?? 100, ...(page.next ? { ExclusiveStartKey: page.next } : {}),
  }));
  return { items: (r.Items ?? []).map(summaryOf), next: r.LastEvaluatedKey };
}

/**
 * Claims a reminder for this founder: only if nobody recorded one since `expected` (so two overlapping job runs never
 * both send). False when another run got there first.
 */
export async function claimReminder(db: Db, tenantId: string, userId: string, expected: string | null | undefined, at: string): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.learnerSummary(tenantId, userId), UpdateExpression: 'SET remindedAt = :at',
      ConditionExpression: expected ? 'remindedAt = :prev' : 'attribute_exists(pk) AND (attribute_not_exists(remindedAt) OR remindedAt = :null)',
      ExpressionAttributeValues: expected ? { ':at': at, ':prev': expected } : { ':at': at, ':null': null },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/**
 * Re-rates founders after their municipality's rule changed: each summary conditional on the standing it was rated
 * from, and the headline counters, in one transaction (≤ 98 founders per call). False when a summary changed meanwhile.
 */
export async function applyStandings(
  db: Db, tenantId: string, changes: ReadonlyArray<{ userId: string; from: EligibilityClass | null; to: EligibilityClass }>,
  counters: TransactItem[],
): Promise<boolean> {
  if (changes.length === 0) return true;
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: [
      ...changes.map((c) => ({ Update: {
        TableName: db.table, Key: key.learnerSummary(tenantId, c.userId), UpdateExpression: 'SET eligibility = :to',
        ConditionExpression: c.from === null ? 'attribute_exists(pk) AND attribute_not_exists(eligibility)' : 'eligibility = :from',
        ExpressionAttributeValues: { ':to': c.to, ...(c.from === null ? {} : { ':from': c.from }) },
      } })),
      ...counters,
    ] as never }));
    return true;
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    return false;
  }
}

/** Overwrites summary fields with values recomputed from the founder's items (the rebuild's repair). */
export async function repairSummary(db: Db, tenantId: string, userId: string, fields: Partial<LearnerSummary>): Promise<void> {
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  await db.doc.send(new UpdateCommand({
    TableName: db.table, Key: key.learnerSummary(tenantId, userId), ConditionExpression: 'attribute_exists(pk)',
    UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v ?? null])),
  }));
}

/**
 * One page of a municipality's founders in a stable order, from its index: by name (gsi2) or by last activity, most
 * recent first (gsi3). One Query per page, whatever the size of the municipality.
 */
export async function listLearnersPage(db: Db, tenantId: string, o: { order: 'name' | 'activity'; limit?: number; next?: Record<string, unknown> }) {
  const index = o.order === 'name' ? 'gsi2' : 'gsi3';
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, IndexName: index, KeyConditionExpression: `${index}pk = :p`,
    ExpressionAttributeValues: { ':p': gsi.learnersOfTenant(tenantId) }, ScanIndexForward: o.order === 'name',
    Limit: o.limit ?? 50, ...(o.next ? { ExclusiveStartKey: o.next } : {}),
  }));
  return { items: (r.Items ?? []).map(summaryOf), next: r.LastEvaluatedKey };
}

export interface FounderFilters { enrolmentCode?: string; cohortId?: string; missingArea?: string; eligibility?: EligibilityClass; inactiveBefore?: string; search?: string }

/** Page keys of the founders indexes: what a cursor may hold, checked against the municipality before use. */
const PAGE_KEYS = { name: ['pk', 'sk', 'gsi2pk', 'gsi2sk'], activity: ['pk', 'sk', 'gsi3pk', 'gsi3sk'] } as const;

/** Whether `start` is a page key of this municipality's founders index in this order (never another's). */
export function isFoundersPageKey(tenantId: string, order: 'name' | 'activity', start: unknown): start is Record<string, string> {
  if (!start || typeof start !== 'object' || Array.isArray(start)) return false;
  const k = start as Record<string, unknown>;
  const keys = PAGE_KEYS[order];
  if (Object.keys(k).length !== keys.length || !keys.every((x) => typeof k[x] === 'string')) return false;
  const index = order === 'name' ? 'gsi2pk' : 'gsi3pk';
  return k.pk === key.tenantPartition(tenantId) && String(k.sk).startsWith(key.learnerSummaryPrefix) && k[index] === gsi.learnersOfTenant(tenantId);
}

/**
 * A page of a municipality's founders in index order, filtered. DynamoDB filters after reading, so this reads index
 * pages until `limit` founders match or `maxReads` Queries were made; the cursor then continues after the last founder
 * returned (or after the last one read). Requests per page depend on the filter's selectivity, never on history.
 */
export async function listFoundersFiltered(db: Db, tenantId: string, o: {
  order: 'name' | 'activity'; limit: number; start?: Record<string, string>; filters: FounderFilters; maxReads?: number;
}): Promise<{ items: LearnerSummary[]; next: Record<string, string> | undefined }> {
  const index = o.order === 'name' ? 'gsi2' : 'gsi3';
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':p': gsi.learnersOfTenant(tenantId) };
  const cond: string[] = [];
  const f = o.filters;
  if (f.cohortId) { cond.push('cohortId = :c'); values[':c'] = f.cohortId; }
  if (f.enrolmentCode) { cond.push('enrolmentCode = :code'); values[':code'] = f.enrolmentCode; }
  if (f.missingArea) { cond.push('NOT contains(coveredAreas, :a)'); values[':a'] = f.missingArea; }
  if (f.eligibility) { cond.push('eligibility = :el'); values[':el'] = f.eligibility; }
  if (f.inactiveBefore) { cond.push('(attribute_not_exists(lastActiveAt) OR lastActiveAt = :null OR lastActiveAt < :cut)'); values[':null'] = null; values[':cut'] = f.inactiveBefore; }
  if (f.search) { cond.push('contains(#search, :q)'); names['#search'] = 'search'; values[':q'] = f.search.normalize('NFKC').toLowerCase(); }
  const items: LearnerSummary[] = [];
  let start: Record<string, unknown> | undefined = o.start;
  let lastRaw: Record<string, unknown> | undefined;
  for (let reads = 0; reads < (o.maxReads ?? 8); reads++) {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: index, KeyConditionExpression: `${index}pk = :p`, ScanIndexForward: o.order === 'name',
      ExpressionAttributeValues: values, ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ...(cond.length ? { FilterExpression: cond.join(' AND ') } : {}),
      Limit: cond.length ? 200 : o.limit - items.length, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    for (const raw of r.Items ?? []) {
      if (items.length === o.limit) break;
      items.push(summaryOf(raw));
      lastRaw = raw;
    }
    if (items.length === o.limit) {
      // Continue after the last founder returned (the page may have read past it).
      const keys = PAGE_KEYS[o.order];
      return { items, next: Object.fromEntries(keys.map((k) => [k, String(lastRaw![k])])) };
    }
    start = r.LastEvaluatedKey;
    if (!start) return { items, next: undefined };
  }
  return { items, next: start as Record<string, string> };
}
