import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { Unavailable } from '../domain/errors.ts';

export interface Db {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  table: string;
}

export interface DbOptions {
  table: string;
  /** Local engines only (DynamoDB Local); AWS uses the default endpoint and credentials. */
  endpoint?: string;
  region?: string;
  /** Per-try limits: a dead or hung database must answer 503 within a few seconds, never hang a request. */
  timeouts?: { connectMs: number; requestMs: number; attempts: number };
}

/** Errors that say "the service cannot answer now", as opposed to "your request is wrong". */
const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError',
  'ServiceUnavailable', 'ServiceUnavailableException', 'LimitExceededException', 'TimeoutError', 'RequestTimeout',
  'RequestTimeoutException', 'SlowDown', 'InternalError', 'NetworkingError',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);

/** True for an error from an AWS SDK call that means the store is down, unreachable or throttling. */
export function isUnavailability(e: unknown): boolean {
  const err = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; cause?: unknown };
  if (!err || typeof err !== 'object') return false;
  if (err.name && UNAVAILABLE.has(err.name)) return true;
  if (err.code && NETWORK_CODES.has(err.code)) return true;
  const status = err.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return err.cause !== undefined && err.cause !== e && isUnavailability(err.cause);
}

/**
 * Converts unavailability into the domain's Unavailable (answered 503 + Retry-After) at the SDK boundary, so no caller
 * needs to know AWS error names; other errors (conditions, validation) pass through unchanged.
 */
export function guardClient(client: { middlewareStack: DynamoDBClient['middlewareStack'] }, what: string): void {
  client.middlewareStack.add((next) => async (args) => {
    try {
      return await next(args);
    } catch (e) {
      if (isUnavailability(e)) throw new Unavailable(`${what} unavailable: ${(e as Error).name ?? ''} ${(e as Error).message ?? ''}`.trim());
      throw e;
    }
  }, { step: 'initialize', name: 'sogyoUnavailable' });
}

export const DEFAULT_TIMEOUTS = { connectMs: 1000, requestMs: 2500, attempts: 2 };

/** One document client per process; `removeUndefinedValues` so optional fields simply vanish. */
export function createDb(o: DbOptions): Db {
  const t = o.timeouts ?? DEFAULT_TIMEOUTS;
  const raw = new DynamoDBClient({
    region: o.region ?? process.env.AWS_REGION ?? 'ap-northeast-3',
    maxAttempts: t.attempts,
    // Without throwOnRequestTimeout this SDK version only logs a warning when requestTimeout passes, and waits on.
    requestHandler: { connectionTimeout: t.connectMs, requestTimeout: t.requestMs, throwOnRequestTimeout: true },
    ...(o.endpoint ? { endpoint: o.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  guardClient(raw, 'DynamoDB');
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return { doc, raw, table: o.table };
}

/**
 * Which items of a cancelled transaction failed their condition (by index); 'busy' when it was cancelled only by
 * concurrent transactions or throttling (retry later); null when the error is not a cancelled transaction.
 */
export function failedConditions(e: unknown): number[] | 'busy' | null {
  if (!(e instanceof TransactionCanceledException)) return null;
  const reasons = e.CancellationReasons ?? [];
  const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
  return failed.length > 0 ? failed : 'busy';
}

/**
 * Sends a transaction whose conditions may fail: true when it was written, otherwise the indexes of the items whose
 * condition failed. Cancelled only by contention, it is "try again shortly" (busy).
 */
export async function transactIf(db: Db, items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<true | number[]> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    return failed;
  }
}

/** For writes that have nothing to retry themselves: a transaction cancelled by contention is "try again shortly". */
export function busy(): Unavailable {
  return new Unavailable('The database is busy with concurrent writes', 1);
}

/** Strip the key attributes before an item leaves the store. */
export function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, ttl: _t, ...rest } = item;
  return rest as T;
}
