// npm run drill                      the dying-database drill on a local host of its own (docs/drills.md)
//   [-- --learners 20 --staff 3 --advisors 3 --seconds 60 --kill-at 20 --down 10 --demo]
// npm run drill -- --check --table <name> [--region ap-northeast-3] [--endpoint URL] [--tenant 271004]
//                                    only the consistency checker, read-only, against any table (default AWS credentials)
// npm run drill -- --fuzz [--count 10000] [--seed N]
//                                    the hostile-input fuzzer of every route (drill/fuzz.ts) against engines of its own
// Exit code: 0 when nothing was lost, duplicated or inconsistent and no 5xx other than 503 was answered; 1 otherwise;
// 2 when the drill could not run (bad arguments, no engines).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startDynamo, startS3 } from '../functions/entry/engines.ts';
import { buildIfStale } from '../functions/entry/host.ts';
import { checkConsistency } from './consistency.ts';
import { KILL_WINDOW_MS, runDrill } from './dying-db.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: {
  check: { type: 'boolean', default: false }, fuzz: { type: 'boolean', default: false },
  table: { type: 'string' }, region: { type: 'string', default: 'ap-northeast-3' }, endpoint: { type: 'string' }, tenant: { type: 'string' },
  learners: { type: 'string', default: '20' }, staff: { type: 'string', default: '3' }, advisors: { type: 'string', default: '3' },
  seconds: { type: 'string', default: '60' }, 'kill-at': { type: 'string', default: '20' }, down: { type: 'string', default: '10' },
  demo: { type: 'boolean', default: false }, count: { type: 'string', default: '10000' }, seed: { type: 'string' },
} });

const table = (rows: Array<[string, string | number]>) => {
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${String(v).padStart(8)}`);
};
const int = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) { console.error(`--${name} takes a whole number`); process.exit(2); }
  return n;
};

async function check(): Promise<number> {
  if (!values.table) { console.error('--check needs --table <name> (and --endpoint URL for DynamoDB Local)'); return 2; }
  if (values.tenant && !/^\d{6}$/.test(values.tenant)) { console.error('--tenant takes a 6-digit local-government code'); return 2; }
  // The default credentials chain (environment, profile, SSO, instance role); DynamoDB Local takes any keys.
  const raw = new DynamoDBClient({
    region: values.region, maxAttempts: 5,
    ...(values.endpoint ? { endpoint: values.endpoint, ...(/localhost|127\.0\.0\.1/.test(values.endpoint) ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}) } : {}),
  });
  console.log(`Checking ${values.table}${values.endpoint ? ` at ${values.endpoint}` : ` in ${values.region}`}, read-only…`);
  const r = await checkConsistency({ raw, table: values.table }, { ...(values.tenant ? { tenantId: values.tenant } : {}), log: (l) => console.log(l) });
  table(Object.entries(r.checked));
  console.log(r.problems.length === 0 ? 'Every summary, counter and rollup agrees with its items.' : `${r.problems.length} problem(s):`);
  for (const p of r.problems) console.log(`  ${p}`);
  return r.problems.length === 0 ? 0 : 1;
}

async function fuzz(): Promise<number> {
  let mod: { fuzzRoutes(o: { count: number; seed?: number; dynamoEndpoint?: string; s3Endpoint?: string; log?: (s: string) => void }): Promise<{ requests: number; byStatus: Record<number, number>; failures: string[]; routes: number }> };
  try {
    // Written beside this drill by another hand; loaded only when asked for.
    mod = await import('./fuzz.ts' as string);
  } catch (e) {
    console.error(`drill/fuzz.ts could not be loaded: ${(e as Error).message}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sogyo-fuzz-'));
  const [dynamo, s3] = await Promise.all([startDynamo(await freePort()), startS3(await freePort(), dir)]);
  try {
    const r = await mod.fuzzRoutes({
      count: int('count', values.count), ...(values.seed !== undefined ? { seed: int('seed', values.seed) } : {}),
      dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, log: (l) => console.log(l),
    });
    const fiveXX = Object.entries(r.byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
    table([['routes', r.routes], ['requests', r.requests], ['5xx answers', fiveXX], ['failures', r.failures.length]]);
    for (const f of r.failures.slice(0, 50)) console.log(`  ${f}`);
    return fiveXX === 0 && r.failures.length === 0 ? 0 : 1;
  } finally {
    await Promise.all([dynamo.stop(), s3.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function drill(): Promise<number> {
  if (!buildIfStale()) return 2;
  const r = await runDrill({
    learners: int('learners', values.learners), staff: int('staff', values.staff), advisors: int('advisors', values.advisors),
    seconds: int('seconds', values.seconds), killAfterSeconds: int('kill-at', values['kill-at']), downSeconds: int('down', values.down),
    demo: values.demo, log: (l) => console.log(l),
  });
  console.log('\nWrites acknowledged by the API (2xx), looked up afterwards:');
  table([['acknowledged', r.acknowledged], ['found', r.found], ['lost', r.lost], ['duplicated', r.duplicated], [`lost at the kill (±${KILL_WINDOW_MS} ms)`, r.lostAtKill]]);
  for (const n of r.atKill) console.log(`  ${n}`);
  console.log('\nBy kind (acknowledged / found / lost / duplicated):');
  for (const [k, c] of Object.entries(r.byKind)) console.log(`  ${k.padEnd(22)} ${c.acknowledged} / ${c.found} / ${c.lost} / ${c.duplicated}${c.lostAtKill ? ` (+${c.lostAtKill} lost at the kill)` : ''}`);
  console.log('\nWhile DynamoDB Local was down:');
  table([
    ['down for (s)', r.downForSeconds], ['503 answers', r.status503], ['503 without Retry-After', r.missingRetryAfter],
    ['slowest 503 (ms)', r.maxDownAnswerMs], ['slowest answer, any status (ms)', r.maxOutageAnswerMs], ['other 5xx answers', r.status5xxOther], ['requests with no answer', r.networkErrors],
    ['retries by the clients', r.retries],
    ['id-less writes answered 503', r.ambiguous.answered503], ['  of which written anyway', r.ambiguous.writtenAnyway],
  ]);
  console.log(`\nAnswers by status: ${Object.entries(r.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
  console.log(`\nConsistency check: ${r.consistency.problems.length === 0 ? 'every summary, counter and rollup agrees' : `${r.consistency.problems.length} problem(s)`}`);
  for (const p of r.consistency.problems) console.log(`  ${p}`);
  if (r.conflicts.length) { console.log('\n409 answers (retried):'); for (const c of r.conflicts) console.log(`  ${c}`); }
  if (r.failures.length) { console.log('\nFailures:'); for (const f of r.failures) console.log(`  ${f}`); }
  const bad = r.lost > 0 || r.duplicated > 0 || r.consistency.problems.length > 0 || r.status5xxOther > 0 || r.failures.length > 0;
  return bad ? 1 : 0;
}

try {
  process.exit(values.check ? await check() : values.fuzz ? await fuzz() : await drill());
} catch (e) {
  console.error(e);
  process.exit(2);
}
