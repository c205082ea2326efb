// npm run totals:rebuild -- [--table <TableName>] [--tenant 271004] [--fix] [--region ap-northeast-3] [--endpoint URL]
// The consistency check of the tenant totals: recomputes every municipality's counters and every founder's summary
// from the items they summarise and prints each difference. Read-only unless --fix, which writes the recomputed values.
// Without --table it checks the local table of `npm start` (DynamoDB Local on DYNAMO_PORT, default 8000; npm start must run).
// Exit code: 0 when everything agrees (or was fixed), 1 when differences remain, 2 on bad arguments.
import { parseArgs } from 'node:util';
import { loadServerCatalog } from '../functions/catalog/loader.ts';
import { rebuildAll } from '../functions/services/totals.ts';
import { createDb } from '../functions/store/db.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: {
  table: { type: 'string' }, tenant: { type: 'string' }, fix: { type: 'boolean', default: false },
  region: { type: 'string', default: 'ap-northeast-3' }, endpoint: { type: 'string' }, catalog: { type: 'string' },
} });
if (values.tenant && !/^\d{6}$/.test(values.tenant)) {
  console.error('--tenant takes a 6-digit local-government code, e.g. --tenant 271004');
  process.exit(2);
}
const local = !values.table;
const endpoint = values.endpoint ?? (local ? `http://127.0.0.1:${process.env.DYNAMO_PORT ?? 8000}` : undefined);
const db = createDb({ table: values.table ?? 'sogyo-campus', region: values.region, ...(endpoint ? { endpoint } : {}), timeouts: { connectMs: 2000, requestMs: 20_000, attempts: 3 } });
const catalog = loadServerCatalog(values.catalog);
try {
  const reports = await rebuildAll(db, catalog, new Date(), { fix: values.fix, ...(values.tenant ? { tenantId: values.tenant } : {}) });
  let remaining = 0;
  for (const r of reports) {
    console.log(`${r.tenantId}: ${r.founders} founders, ${r.differences.length === 0 ? 'all totals agree' : `${r.differences.length} difference(s)${r.fixed ? ', fixed' : ''}`}`);
    for (const d of r.differences) console.log(`  ${d.item} ${d.field}: stored ${JSON.stringify(d.stored)}, recomputed ${JSON.stringify(d.expected)}`);
    if (!r.fixed) remaining += r.differences.length;
  }
  if (reports.length === 0) console.log('No municipalities in this table.');
  process.exit(remaining > 0 ? 1 : 0);
} catch (e) {
  console.error(local && (e as Error).name === 'Unavailable' ? 'DynamoDB Local does not answer: start the platform with `npm start` first (or pass --table for AWS).' : e);
  process.exit(2);
}
