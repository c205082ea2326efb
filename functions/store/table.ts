import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceNotFoundException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { INDEXES } from './keys.ts';

/** The table definition, for the local host and the tests. infra/ declares the same shape for AWS. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  const s = (n: string) => ({ AttributeName: n, AttributeType: 'S' as const });
  const gsi = (n: string) => ({
    IndexName: n,
    KeySchema: [{ AttributeName: `${n}pk`, KeyType: 'HASH' as const }, { AttributeName: `${n}sk`, KeyType: 'RANGE' as const }],
    Projection: { ProjectionType: 'ALL' as const },
  });
  await client.send(new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [s('pk'), s('sk'), ...INDEXES.flatMap((n) => [s(`${n}pk`), s(`${n}sk`)])],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: INDEXES.map(gsi),
  }));
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } }));
}

/** True when a DynamoDB (Local) endpoint answers; used while waiting for the engine to start. */
export async function pingDynamo(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region: 'ap-northeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** Local host only: drops a table (one written by an older key schema) so that ensureTable recreates it. */
export async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch((e: unknown) => {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  });
}
