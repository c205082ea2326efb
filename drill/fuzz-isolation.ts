// "No change to anyone else's data" for drill/fuzz.ts: a raw Scan of the whole table before and after a phase, and the
// items of the people the phase's callers have no authority over compared byte for byte (see the header of fuzz.ts).
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../functions/store/db.ts';

export type Item = Record<string, unknown>;
export type Snapshot = Map<string, Item>;

export async function snapshot(db: Db): Promise<Snapshot> {
  const out: Snapshot = new Map();
  let next: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new ScanCommand({ TableName: db.table, ConsistentRead: true, ...(next ? { ExclusiveStartKey: next } : {}) }));
    for (const i of r.Items ?? []) out.set(`${i.pk}|${i.sk}`, i);
    next = r.LastEvaluatedKey;
  } while (next);
  return out;
}

/** Whom a phase must leave alone: their municipalities, their accounts (ids and emails), and optionally the union's items. */
export interface Others {
  tenants: ReadonlySet<string>;
  users: ReadonlySet<string>;
  emails: ReadonlySet<string>;
  region: boolean;
  /** Items of these partitions' owners that are left alone only while the owner's profile still exists (see fuzz.ts). */
  unlessErased?: { userId: string; advisorId: string };
}

const OWNED_BY_USER = new Set(['USER', 'PLAN', 'ADVISOR', 'PROGRESS', 'ATTEMPTS', 'FEEDBACK', 'EVENT']);

/**
 * Whether an item is someone else's. Throttle windows are shared by design (a wrong password for an address counts
 * against it whoever sends it) and a password-reset token may be asked for by anyone who knows an address (the link
 * goes to its owner's mailbox): neither is data of the person, so neither is compared.
 */
export function isOthers(item: Item, o: Others): boolean {
  const pk = String(item.pk);
  const [kind = '', id = ''] = pk.split('#');
  if (kind === 'THROTTLE') return false;
  if (kind === 'TOKEN' && item.purpose === 'reset') return false;
  if (kind === 'TENANT' && o.tenants.has(id)) return true;
  if (OWNED_BY_USER.has(kind) && o.users.has(id)) return true;
  if (kind === 'EMAIL' && o.emails.has(pk.slice('EMAIL#'.length))) return true;
  if (pk === 'REGION') return o.region;
  for (const a of ['userId', 'advisorId', 'createdBy']) if (typeof item[a] === 'string' && o.users.has(item[a] as string)) return true;
  for (const a of ['tenantId', 'learnerTenantId']) if (typeof item[a] === 'string' && o.tenants.has(item[a] as string)) return true;
  return false;
}

/** A founder's own work that only they (and their advisor) write, which erasing the account legitimately removes. */
function isPrivateWork(item: Item, u: { userId: string; advisorId: string }): boolean {
  const pk = String(item.pk);
  const sk = String(item.sk);
  if (pk === `PLAN#${u.userId}` || pk.startsWith(`FEEDBACK#${u.userId}#`) || pk.startsWith(`ATTEMPTS#${u.userId}#`)) return true;
  // Progress: lessons, completions and quiz bests; the HEAD revision and assignments move when an admin assigns.
  if (pk.startsWith(`PROGRESS#${u.userId}#`)) return sk !== 'HEAD' && !sk.startsWith('ASSIGN#');
  if (pk.startsWith('CONSULT#')) return item.advisorId === u.advisorId;
  return false;
}

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Set)
  ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
  : x instanceof Set ? [...x].sort() : x));

/** Every item of someone else that was created, changed or deleted between the two snapshots, described in one line each. */
export function changesToOthers(before: Snapshot, after: Snapshot, o: Others): string[] {
  const out: string[] = [];
  const erased = o.unlessErased ? !after.has(`USER#${o.unlessErased.userId}|ID#PROFILE`) : false;
  const guarded = (i: Item) => isOthers(i, o) || (!!o.unlessErased && !erased && isPrivateWork(i, o.unlessErased));
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(k);
    const a = after.get(k);
    if (!(b && guarded(b)) && !(a && guarded(a))) continue;
    if (!b) out.push(`someone else's data: created ${k}: ${canonical(a).slice(0, 300)}`);
    else if (!a) out.push(`someone else's data: deleted ${k}`);
    else if (canonical(a) !== canonical(b)) {
      const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => canonical(a[f]) !== canonical(b[f]));
      out.push(`someone else's data: changed ${k}: ${fields.map((f) => `${f}: ${canonical(b[f]).slice(0, 80)} → ${canonical(a[f]).slice(0, 80)}`).join('; ')}`);
    }
  }
  return out;
}
