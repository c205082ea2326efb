import { BatchGetCommand, type BatchGetCommandOutput, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { CounterTarget, mergeChanges } from '../domain/totals.ts';
import { type Db, strip } from './db.ts';
import { gsi, key } from './keys.ts';

export type TransactItem = { Update: Record<string, unknown> } | { Put: Record<string, unknown> } | { ConditionCheck: Record<string, unknown> } | { Delete: Record<string, unknown> };

export function counterKey(tenantId: string, t: CounterTarget) {
  switch (t.kind) {
    case 'tenant': return key.totals(tenantId);
    case 'day': return key.dayTotals(tenantId, t.day);
    case 'week': return key.weekTotals(tenantId, t.week);
    case 'module': return key.moduleStat(tenantId, t.courseId, t.moduleId);
  }
}

/** What an item says about itself besides its counters, so a person reading the table can tell what it counts. */
function labels(t: CounterTarget, tenantId: string): Record<string, string> {
  switch (t.kind) {
    case 'tenant': return {};
    case 'day': return { day: t.day };
    case 'week': return { week: t.week };
    // Module counters are also indexed across municipalities (gsi1): the union's module ranking reads them in one Query.
    case 'module': return { courseId: t.courseId, moduleId: t.moduleId, gsi1pk: gsi.moduleStats(t.courseId), gsi1sk: `${t.moduleId}#${tenantId}` };
  }
}

/**
 * The transaction items that apply counter changes: one Update per counter item (a transaction may touch an item only
 * once), ADD for every field, so concurrent writers never lose an increment.
 */
export function counterUpdates(table: string, tenantId: string, merged: ReturnType<typeof mergeChanges>): TransactItem[] {
  return merged.map(({ target, fields }) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':tenant': tenantId };
    const adds = Object.entries(fields).map(([f, n], i) => { names[`#f${i}`] = f; values[`:f${i}`] = n; return `#f${i} :f${i}`; });
    const sets = ['tenantId = :tenant', ...Object.entries(labels(target, tenantId)).map(([k, v], i) => { names[`#l${i}`] = k; values[`:l${i}`] = v; return `#l${i} = :l${i}`; })];
    return { Update: {
      TableName: table, Key: counterKey(tenantId, target),
      UpdateExpression: `ADD ${adds.join(', ')} SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names, ExpressionAttributeValues: values,
    } };
  });
}

export type Counters = Record<string, number>;
const countersOf = (item: Record<string, unknown> | undefined): Counters =>
  Object.fromEntries(Object.entries(strip<Record<string, unknown>>(item) ?? {}).filter(([, v]) => typeof v === 'number')) as Counters;

/**
 * The headline of a municipality in one request: its profile, the headline totals, today's and this week's counters.
 * Returns undefined when the tenant does not exist.
 */
export async function readHeadline(db: Db, tenantId: string, day: string, week: string) {
  const keys = [key.tenant(tenantId), key.totals(tenantId), key.dayTotals(tenantId, day), key.weekTotals(tenantId, week)];
  const r = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys } } }));
  const items = r.Responses?.[db.table] ?? [];
  const find = (k: { sk: string }) => items.find((i) => i.sk === k.sk);
  const profile = find(keys[0]!);
  if (!profile) return undefined;
  return {
    profile: strip<{ id: string; name: { ja: string; en: string }; prefecture: string }>(profile)!,
    totals: countersOf(find(keys[1]!)), day: countersOf(find(keys[2]!)), week: countersOf(find(keys[3]!)),
  };
}

/** The headline totals and this week's counters of many tenants (≤ 50 per call: two items each, ≤ 100 keys). */
export async function readTotalsOf(db: Db, tenantIds: readonly string[], week: string): Promise<Map<string, { totals: Counters; week: Counters }>> {
  const out = new Map<string, { totals: Counters; week: Counters }>(tenantIds.map((t) => [t, { totals: {}, week: {} }]));
  let pending: Array<Record<string, unknown>> | undefined = tenantIds.flatMap((t) => [key.totals(t), key.weekTotals(t, week)]);
  for (let round = 0; pending && pending.length > 0 && round < 5; round++) {
    const r: BatchGetCommandOutput = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending } } }));
    for (const i of r.Responses?.[db.table] ?? []) {
      const entry = out.get(String(i.tenantId));
      if (!entry) continue;
      if (i.sk === 'TOTAL') entry.totals = countersOf(i); else entry.week = countersOf(i);
    }
    pending = r.UnprocessedKeys?.[db.table]?.Keys;
  }
  return out;
}

/** Per-module counters of a tenant: one Query (one item per module of the curriculum, whatever the activity). */
export async function listModuleCounters(db: Db, tenantId: string): Promise<Array<{ courseId: string; moduleId: string; counters: Counters }>> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': key.tenantPartition(tenantId), ':s': key.moduleStatPrefix },
  }));
  return (r.Items ?? []).map((i) => ({ courseId: String(i.courseId), moduleId: String(i.moduleId), counters: countersOf(i) }));
}

/** Every counter item of a tenant (headline, days, weeks, modules), for the rebuild check. Maintenance only. */
export async function listAllCounters(db: Db, tenantId: string): Promise<Map<string, Counters>> {
  const out = new Map<string, Counters>();
  for (const prefix of ['TOTAL', key.moduleStatPrefix]) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const r = await db.doc.send(new QueryCommand({
        TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': key.tenantPartition(tenantId), ':s': prefix }, ExclusiveStartKey,
      }));
      for (const i of r.Items ?? []) out.set(String(i.sk), countersOf(i));
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return out;
}

/** Overwrites one counter item with exact values (the rebuild's repair; live writes only ever ADD). */
export async function putCounters(db: Db, tenantId: string, target: CounterTarget, values: Counters): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...counterKey(tenantId, target), tenantId, ...labels(target, tenantId), ...values } }));
}

/** Day counters from `from` to `to` (Japan days, inclusive), one Query: ≤ 31 small items for a 30-day window. */
export async function listDayCounters(db: Db, tenantId: string, from: string, to: string): Promise<Map<string, Counters>> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':p': key.tenantPartition(tenantId), ':a': key.dayTotals(tenantId, from).sk, ':b': key.dayTotals(tenantId, to).sk },
  }));
  return new Map((r.Items ?? []).map((i) => [String(i.day), countersOf(i)]));
}

/** Week counters from `from` to `to` (ISO weeks, inclusive), one Query: ≤ 53 small items for a fiscal year. */
export async function listWeekCounters(db: Db, tenantId: string, from: string, to: string): Promise<Map<string, Counters>> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':p': key.tenantPartition(tenantId), ':a': key.weekTotals(tenantId, from).sk, ':b': key.weekTotals(tenantId, to).sk },
  }));
  return new Map((r.Items ?? []).map((i) => [String(i.week), countersOf(i)]));
}

/**
 * Every municipality's counters of every module of a course (one Query of gsi1, paged: one small item per municipality
 * and module): what the union's module ranking reads, never a founder.
 */
export async function listModuleCountersOfRegion(db: Db, courseId: string): Promise<Array<{ tenantId: string; moduleId: string; counters: Counters }>> {
  const out: Array<{ tenantId: string; moduleId: string; counters: Counters }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r: QueryCommandOutput = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': gsi.moduleStats(courseId) }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    for (const i of r.Items ?? []) out.push({ tenantId: String(i.tenantId), moduleId: String(i.moduleId), counters: countersOf(i) });
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}
