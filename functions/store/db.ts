import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
}

/** One document client per process; `removeUndefinedValues` so optional fields simply vanish. */
export function createDb(o: DbOptions): Db {
  const raw = new DynamoDBClient({
    region: o.region ?? process.env.AWS_REGION ?? 'ap-northeast-3',
    ...(o.endpoint ? { endpoint: o.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return { doc, raw, table: o.table };
}

/** Which items of a cancelled transaction failed their condition (by index). */
export function failedConditions(e: unknown): number[] | null {
  if (!(e instanceof TransactionCanceledException)) return null;
  return (e.CancellationReasons ?? []).flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}

/** Strip the key attributes before an item leaves the store. */
export function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ttl: _t, ...rest } = item;
  return rest as T;
}
