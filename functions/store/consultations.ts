import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { busy, type Db, failedConditions, strip, transactIf } from './db.ts';
import { gsi, key } from './keys.ts';

/** A consultation slot as stored; the booking, when there is one, is written on it. */
export interface SlotRecord {
  id: string;
  tenantId: string;
  advisorId: string;
  advisorName: string;
  startsAt: string;
  endsAt: string;
  mode: 'in_person' | 'online';
  place: string | null;
  meetingUrl: string | null;
  note: string | null;
  createdAt: string;
  bookedBy?: string;
  bookedName?: string;
  bookingNote?: string | null;
  bookedAt?: string;
  bookedFrom?: 'plan' | 'assignment' | null;
  /** The day-before reminder was claimed (mailed to both). */
  reminderMailedAt?: string;
}

export interface BookingRecord { slotId: string; startsAt: string; userId: string; bookedAt: string }

const slotKeys = (s: Pick<SlotRecord, 'id' | 'advisorId' | 'tenantId' | 'startsAt'>) => ({
  ...key.slot(s.id),
  gsi1pk: gsi.slotsOfAdvisor(s.advisorId), gsi1sk: `${s.startsAt}#${s.id}`,
  gsi2pk: gsi.slotsOfTenant(s.tenantId), gsi2sk: `${s.startsAt}#${s.id}`,
});

export async function putSlot(db: Db, s: SlotRecord): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...slotKeys(s), ...s }, ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function getSlot(db: Db, slotId: string): Promise<SlotRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.slot(slotId) }));
  return strip<SlotRecord>(r.Item);
}

async function queryIndex(db: Db, index: 'gsi1' | 'gsi2', pk: string, from: string, to?: string): Promise<SlotRecord[]> {
  const out: SlotRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: index,
      KeyConditionExpression: to ? `${index}pk = :p AND ${index}sk BETWEEN :f AND :t` : `${index}pk = :p AND ${index}sk >= :f`,
      ExpressionAttributeValues: { ':p': pk, ':f': from, ...(to ? { ':t': to } : {}) }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => strip<SlotRecord>(i)!));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/** An advisor's slots from `from` (an instant) on, in time order (one Query of gsi1). */
export const listAdvisorSlots = (db: Db, advisorId: string, from: string) => queryIndex(db, 'gsi1', gsi.slotsOfAdvisor(advisorId), from);
/** A municipality's slots between two instants, in time order (one Query of gsi2). */
export const listTenantSlots = (db: Db, tenantId: string, from: string, to?: string) => queryIndex(db, 'gsi2', gsi.slotsOfTenant(tenantId), from, to ? `${to}~` : undefined);

/**
 * Books a slot for a founder, in one transaction: the slot, on condition that nobody holds it and it has not started
 * (two founders at once: exactly one wins), and the founder's copy. 'taken' when someone else holds it, 'gone' when the
 * slot no longer exists or has started.
 */
export async function bookSlot(db: Db, s: SlotRecord, b: { userId: string; name: string; note: string | null; from: 'plan' | 'assignment' | null; at: string }): Promise<'booked' | 'taken' | 'gone'> {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: [
        { Update: {
          TableName: db.table, Key: key.slot(s.id),
          UpdateExpression: 'SET bookedBy = :u, bookedName = :n, bookingNote = :note, bookedAt = :at, bookedFrom = :from',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(bookedBy) AND startsAt > :at',
          ExpressionAttributeValues: { ':u': b.userId, ':n': b.name, ':note': b.note, ':at': b.at, ':from': b.from },
        } },
        { Put: { TableName: db.table, Item: { ...key.booking(b.userId, s.startsAt, s.id), slotId: s.id, startsAt: s.startsAt, userId: b.userId, bookedAt: b.at } } },
      ] }));
      return 'booked';
    } catch (e) {
      const failed = failedConditions(e);
      if (failed === null) throw e;
      const now = await getSlot(db, s.id);
      if (!now || now.startsAt <= b.at) return 'gone';
      if (now.bookedBy) return now.bookedBy === b.userId ? 'booked' : 'taken';
      // Cancelled by a concurrent transaction on the same slot (both may lose): the slot is still free, try again.
      if (failed !== 'busy') return 'gone';
      await new Promise((r) => setTimeout(r, 30 * (attempt + 1) + Math.random() * 40));
    }
  }
  throw busy();
}

/** Frees a slot the founder holds, with their copy, in one transaction. False: they do not hold it (any more). */
export async function cancelBooking(db: Db, s: SlotRecord, userId: string): Promise<boolean> {
  return (await transactIf(db, [
    { Update: {
      TableName: db.table, Key: key.slot(s.id), UpdateExpression: 'REMOVE bookedBy, bookedName, bookingNote, bookedAt, bookedFrom, reminderMailedAt',
      ConditionExpression: 'bookedBy = :u', ExpressionAttributeValues: { ':u': userId },
    } },
    { Delete: { TableName: db.table, Key: key.booking(userId, s.startsAt, s.id) } },
  ])) === true;
}

/** Deletes a slot nobody holds. False: someone booked it meanwhile. */
export async function deleteSlot(db: Db, slotId: string): Promise<boolean> {
  return (await transactIf(db, [
    { Delete: { TableName: db.table, Key: key.slot(slotId), ConditionExpression: 'attribute_not_exists(bookedBy)' } },
  ])) === true;
}

/** A founder's bookings from `from` on, in time order (one Query of their partition). */
export async function listBookings(db: Db, userId: string, from: string): Promise<BookingRecord[]> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p AND sk BETWEEN :f AND :t',
    ExpressionAttributeValues: { ':p': `USER#${userId}`, ':f': `${key.bookingPrefix}${from}`, ':t': `${key.bookingPrefix}~` },
  }));
  return (r.Items ?? []).map((i) => strip<BookingRecord>(i)!);
}

/** Claims the day-before reminder of a booked slot, once: the first claim wins, so two runs never both mail. */
export async function claimSlotReminder(db: Db, slotId: string, bookedBy: string, at: string): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.slot(slotId), UpdateExpression: 'SET reminderMailedAt = :at',
      ConditionExpression: 'attribute_not_exists(reminderMailedAt) AND bookedBy = :u', ExpressionAttributeValues: { ':at': at, ':u': bookedBy },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** The founder's next consultation on their summary (for the advisor's caseload). */
export async function setNextConsultation(db: Db, tenantId: string, userId: string, next: string | null): Promise<void> {
  await db.doc.send(new UpdateCommand({
    TableName: db.table, Key: key.learnerSummary(tenantId, userId), UpdateExpression: 'SET nextConsultationAt = :n',
    ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':n': next },
  })).catch((e: unknown) => { if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e; });
}
