// npm run bench: the figures of DESIGN.md's budgets, printed (not asserted). Noisy on a 2-core machine: compare runs
// on the same machine, and trust request and capacity-unit counts over DynamoDB Local's latency.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildLambdaBundle } from '../infra/bundle.ts';
import { createApp } from '../functions/api/app.ts';
import { freePort } from '../functions/entry/engines.ts';
import { buildIfStale, startLocalHost } from '../functions/entry/host.ts';
import { createAccountWithRoles } from '../functions/services/accounts.ts';
import { putCohort, putEnrolmentCode, putTenant } from '../functions/store/tenants.ts';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { counterChanges, isoWeek, japanDay, mergeChanges, type TotalsEvent } from '../functions/domain/totals.ts';
import { startLogin } from '../functions/services/auth.ts';
import { findUserIdByEmail, loadUserWithMemberships } from '../functions/store/users.ts';
import type { Deps } from '../functions/services/deps.ts';
import { attachFounder } from '../functions/store/caseload.ts';
import { key } from '../functions/store/keys.ts';
import { newSummaryItem } from '../functions/store/summaries.ts';
import { counterKey, putCounters } from '../functions/store/totals.ts';
import { gsi } from '../functions/store/keys.ts';
import { putSurvey } from '../functions/store/surveys.ts';
import { checkDigit } from '../functions/contract/region.ts';
import { SURVEY_QUESTIONS_R8 } from '../functions/contract/survey.ts';
import { fiscalYearBounds, fiscalYearOf } from '../functions/domain/kpi.ts';
import { lighthousePages, medianRun, PERFORMANCE_BUDGET } from './lighthouse.ts';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Figures, type Results } from './figures.ts';
import { type ActionCost, type ActionName, monthlyCost, OSAKA_PRICES, USAGE } from './cost.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.SCRYPT_LOG2N ??= '12'; // bench accounts only: sign-in cost is not what is measured here
const root = resolve('.');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);
const fig = new Figures(line);
const KB = (n: number) => Math.round((n / 1024) * 10) / 10;

async function webSize() {
  if (!buildIfStale(() => {})) throw new Error('build failed');
  const gz = (f: string) => gzipSync(readFileSync(join('dist/web', f))).length;
  const html = readFileSync('dist/web/index.html', 'utf8');
  // dist/web.chunks.json (written by web/vite.config.ts) says which source modules each chunk holds and what it imports.
  const { chunks } = JSON.parse(readFileSync('dist/web.chunks.json', 'utf8')) as {
    chunks: Array<{ file: string; imports: string[]; css: string[]; modules: string[] }>;
  };
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const closure = (start: string[]) => {
    const seen = new Set<string>();
    const todo = [...start];
    while (todo.length > 0) { const f = todo.pop()!; if (seen.has(f) || !byFile.has(f)) continue; seen.add(f); todo.push(...byFile.get(f)!.imports); }
    return seen;
  };
  const initialJs = closure([...html.matchAll(/src="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  const initialCss = [...html.matchAll(/href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]!);
  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + gz(f), 0);
  console.log('\nWeb app (learner)');
  const W = 'Web app';
  fig.add({ key: 'web.initialJs', group: W, label: 'learner initial JS, gzip', value: KB(sum(initialJs)), unit: 'KB', budget: { max: 50 } });
  fig.add({ key: 'web.initialCss', group: W, label: 'learner initial CSS, gzip', value: KB(sum(initialCss)), unit: 'KB' });
  fig.add({ key: 'web.allJs', group: W, label: 'all JS chunks, gzip', value: KB(sum(readdirSync('dist/web/assets').filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`))), unit: 'KB' });
  console.log('\nWeb app: role areas, loaded on entering them (never part of the learner\'s first load)');
  for (const role of ['staff', 'advisor', 'admin']) {
    const own = chunks.find((c) => c.modules.includes(`web/src/${role}/index.tsx`));
    if (!own) { line(`${role}`, 'no chunk found'); continue; }
    // The area's own chunk and what it pulls in beyond the first load (the chunk the role areas share).
    const extra = [...closure([own.file])].filter((f) => !initialJs.has(f));
    const css = [...new Set(extra.flatMap((f) => byFile.get(f)!.css))];
    const inInitial = [...initialJs].some((f) => byFile.get(f)!.modules.some((m) => m.startsWith(`web/src/${role}/`)));
    fig.add({ key: `web.${role}.chunk`, group: W, label: `${role}: own chunk, gzip`, value: KB(gz(own.file)), unit: 'KB', ...(inInitial ? { note: '(!) also in the initial load' } : {}) });
    fig.add({ key: `web.${role}.entering`, group: W, label: `${role}: on entering, JS + CSS gzip`, value: KB(sum(extra) + sum(css)), unit: 'KB', note: `(${extra.length} JS files)` });
    if (inInitial) fig.add({ key: `web.${role}.inInitial`, group: W, label: `${role}: bytes of it in the learner's first load`, value: 1, unit: '', budget: { max: 0 } });
  }
}

/**
 * Cold start as a fresh process: the bundle built as CDK builds it, imported by a new Node process that serves API
 * Gateway events through its handler (test/fixtures/lambda-driver.mjs). The first request is a signed-in founder's
 * course-progress read (a login made beforehand), the commonest request a cold function meets. Two packagings are
 * measured, the runtime's SDK (external, as deployed) and the SDK bundled in; docs/architecture.md records the choice.
 */
async function lambdaBundle(deps: Deps, dynamoEndpoint: string, table: string, courseId: string, moduleId: string, lessonId: string) {
  const loaded = (await loadUserWithMemberships(deps.db, (await findUserIdByEmail(deps.db, 'bench0@example.jp'))!))!;
  const login = await startLogin(deps, loaded.user, loaded.memberships, {});
  console.log('\nLambda cold start (fresh Node process per run, median of 5; first request: a signed-in progress read)');
  const L = 'Lambda';
  const variants = [
    { key: 'runtimeSdk', name: 'runtime SDK', external: ['@aws-sdk/*'] },
    { key: 'bundledSdk', name: 'SDK bundled', external: [] as string[] },
    { key: 'deployed', name: 'as deployed (LAMBDA_BUNDLE)', external: undefined },
  ];
  for (const v of variants) {
    const out = join(root, '.tmp', `bench-bundle-${process.pid}-${v.key}`);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const b = await buildLambdaBundle({ entry: join(root, 'functions/entry/lambda-api.ts'), outdir: join(out, 'asset'), catalogFile: 'dist/catalog/server.json', root, ...(v.external ? { external: v.external } : {}) });
    const runs: Array<{ importMs: number; firstRequestMs: number; startToFirstResponseMs: number; processMs: number }> = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const o = execFileSync(process.execPath, [join(root, 'test/fixtures/lambda-driver.mjs'), b.file, 'bench0@example.jp', 'bench-passphrase-0', courseId, moduleId, lessonId], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, AWS_REGION: 'ap-northeast-3', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
          TABLE_NAME: table, APP_ORIGIN: 'https://campus.example.jp', ORIGIN_VERIFY_SECRET: 'e2b1c1a4-origin-secret', MAIL_FROM: 'no-reply@campus.example.jp', UPLOADS_BUCKET: 'sogyo-uploads-bench', CATALOG_FILE: join(out, 'asset', 'catalog', 'server.json'),
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR', DRIVER_COOKIE: `__Host-sid=${login.token}` },
      });
      const r = JSON.parse(o.trim().split('\n').at(-1)!) as { importMs: number; firstRequestMs: number; startToFirstResponseMs: number; results: Array<{ status: number }> };
      if (r.results[0]?.status !== 200) throw new Error(`cold start: the first request answered ${r.results[0]?.status}`);
      runs.push({ ...r, processMs: performance.now() - t0 });
    }
    rmSync(out, { recursive: true, force: true });
    const med = (f: (r: typeof runs[number]) => number) => Math.round(pct(runs.map(f), 50));
    fig.add({ key: `lambda.${v.key}.bytes`, group: L, label: `${v.name}: bundle, minified`, value: KB(b.bytes), unit: 'KB', ...(v.external ? {} : { budget: { max: 1024 } }) });
    fig.add({ key: `lambda.${v.key}.init`, group: L, label: `${v.name}: init (import of the bundle)`, value: med((r) => r.importMs), unit: 'ms' });
    fig.add({ key: `lambda.${v.key}.firstRequest`, group: L, label: `${v.name}: first request`, value: med((r) => r.firstRequestMs), unit: 'ms' });
    fig.add({ key: `lambda.${v.key}.cold`, group: L, label: `${v.name}: init + first request`, value: med((r) => r.startToFirstResponseMs), unit: 'ms', ...(v.external ? {} : { budget: { max: 200 } }) });
    fig.add({ key: `lambda.${v.key}.process`, group: L, label: `${v.name}: whole process incl. Node start`, value: med((r) => r.processMs), unit: 'ms' });
  }
}

interface Counter { requests: number; capacity: number; dynamoMs: number; dynamoCpuMs: number; reads: number; writes: number }

/**
 * The staff, advisor and admin reads on a municipality of 10,000 founders and a region of 200 municipalities. The
 * founders are written directly as summaries and counters (as 10,000 sign-ups and their study would leave them);
 * what is measured is the read: DynamoDB requests and capacity per page, and the API's own time.
 */
type Measure = (key: string, label: string, n: number, fn: (i: number) => Response | Promise<Response>) => Promise<void>;
type Load = (key: string, label: string, path: string, cookie: string) => Promise<void>;
/** What each action costs, for the monthly estimate (bench/cost.ts). */
const actions = new Map<string, ActionCost>();

async function dashboards(deps: Deps, app: ReturnType<typeof createApp>, origin: string, counter: Counter,
  measure: Measure, load: Load) {
  const T = '271100';
  const big = 10_000;
  const now = new Date().toISOString();
  await putTenant(deps.db, { id: T, name: { ja: '大阪市北区', en: 'Kita Ward' }, prefecture: '大阪府', createdAt: now });
  const advisor = await createAccountWithRoles(deps, { email: 'bench-advisor@example.jp', name: 'Bench advisor', password: 'bench-passphrase-a', roles: [{ tenantId: T, role: 'advisor' }] });
  await createAccountWithRoles(deps, { email: 'bench-staff@example.jp', name: 'Bench staff', password: 'bench-passphrase-s', roles: [{ tenantId: T, role: 'staff' }] });
  await createAccountWithRoles(deps, { email: 'bench-admin@example.jp', name: 'Bench admin', password: 'bench-passphrase-x', admin: true, roles: [] });
  const course = deps.catalog().courses[0]!;
  const events: TotalsEvent[] = [];
  const t0 = performance.now();
  for (let i = 0; i < big; i += 12) {
    const items = [];
    for (let j = i; j < Math.min(big, i + 12); j++) {
      const joined = new Date(Date.now() - (j % 200) * 86_400_000).toISOString();
      const done = course.modules.slice(0, j % (course.modules.length + 1));
      const item = newSummaryItem({ tenantId: T, userId: `bench-founder-${j}`, name: `創業 太郎${j}`, email: `bench-founder-${j}@example.jp`, cohortId: 'c1', joinedAt: joined });
      Object.assign(item, { completedModules: done.map((m) => m.id), lastActiveAt: joined, lastActiveDay: japanDay(joined) });
      items.push({ PutRequest: { Item: item } });
      items.push({ PutRequest: { Item: { ...key.user(`bench-founder-${j}`), id: `bench-founder-${j}`, email: `bench-founder-${j}@example.jp`, name: `創業 太郎${j}`,
        passwordHash: 'x', admin: false, locale: 'ja', learnerTenantId: T, createdAt: joined } } });
      events.push({ kind: 'signed_up', at: joined }, { kind: 'active', at: joined, prevDay: null });
      for (const m of done) events.push({ kind: 'module_completed', courseId: course.id, moduleId: m.id, at: joined });
    }
    await deps.db.doc.send(new BatchWriteCommand({ RequestItems: { [deps.db.table]: items } }));
  }
  for (let j = 0; j < 40; j++) await attachFounder(deps.db, { advisorId: advisor.id, tenantId: T, userId: `bench-founder-${j}`, attachedAt: now, attachedBy: 'bench' });
  // Merged without spreading: 10,000 founders leave more events than a call's arguments can hold.
  for (const c of mergeChanges(events.flatMap(counterChanges))) await putCounters(deps.db, T, c.target, c.fields);
  // 199 more municipalities of 2,000 founders each for the region view: what their founders leave behind is what the
  // region reads — headline and week counters, module counters, feedback rollups, four seminar sessions with their
  // attendance counts this fiscal year, and an answer to this year's survey — never a founder.
  const week = isoWeek(japanDay(now));
  const fyStart = Date.parse(fiscalYearBounds(fiscalYearOf(now)).start);
  const puts: Array<Record<string, unknown>> = [];
  const ids: string[] = [];
  for (let i = 0; i < 199; i++) {
    const five = String(28000 + i * 3).padStart(5, '0').slice(0, 5);
    const id = `${five}${checkDigit(five)}`;
    ids.push(id);
    await putTenant(deps.db, { id, name: { ja: `町${i}`, en: `Town ${i}` }, prefecture: ['兵庫県', '京都府', '奈良県', '滋賀県', '和歌山県'][i % 5]!, createdAt: new Date(fyStart - 86_400_000).toISOString() });
    puts.push({ ...counterKey(id, { kind: 'tenant' }), tenantId: id, founders: 2000, courseCompleted: 40 + i, eligible: 30 + (i % 7), oneAreaShort: 12 });
    puts.push({ ...counterKey(id, { kind: 'week', week }), tenantId: id, week, active: 150 + (i % 50) });
    for (const [k, m] of course.modules.entries()) {
      puts.push({ ...counterKey(id, { kind: 'module', courseId: course.id, moduleId: m.id }), tenantId: id, courseId: course.id, moduleId: m.id,
        gsi1pk: gsi.moduleStats(course.id), gsi1sk: `${m.id}#${id}`, starts: 1500 - k * 40, moduleCompletions: 1200 - k * 50, lessonCompletions: 3000 });
      const answers = 200 + ((i + k) % 40);
      puts.push({ ...key.feedbackRollup(id, course.id, m.id, m.version), tenantId: id, courseId: course.id, moduleId: m.id, version: m.version, lastAt: now,
        gsi1pk: gsi.feedbackRollups(course.id), gsi1sk: gsi.feedbackRollupSort(m.id, m.version, id),
        answers, usefulnessSum: answers * (3 + (k % 3) * 0.5), helped: answers / 2, comments: 10, u1: 10, u2: 20, u3: answers - 100, u4: 40, u5: 30 });
    }
    for (let s = 0; s < 4; s++) {
      const startsAt = new Date(Math.min(Date.now() - 86_400_000, fyStart + (30 + s * 40) * 86_400_000)).toISOString();
      const sessionId = `bench-${id}-${s}`;
      puts.push({ ...key.seminarSession(id, sessionId), id: sessionId, tenantId: id, cohortId: 'c1', title: `第${s + 1}回`, startsAt, endsAt: startsAt, place: '会議室', onlineUrl: null, capacity: 40,
        areas: ['management'], courseId: course.id, moduleIds: [course.modules[0]!.id], createdAt: now, createdBy: 'bench', followedUpAt: now, checkinSecret: 'bench',
        counts: { present: 30, excused: 4, absent: 6, madeUp: 5 }, gsi2pk: gsi.regionSessions, gsi2sk: `${startsAt}#${id}#${sessionId}` });
    }
    if (i % 4 !== 3) {
      puts.push({ ...key.surveyAnswer(id, fiscalYearOf(now)), tenantId: id, fiscalYear: fiscalYearOf(now), surveyVersion: 1, at: now, firstAt: now, rev: 1, answeredBy: 'bench',
        answers: { effective: i % 5 !== 0, seminar_fit: 4, less_work: 3, founder_use: 4 }, gsi1pk: gsi.surveyAnswers(fiscalYearOf(now)), gsi1sk: id });
    }
  }
  for (let i = 0; i < puts.length; i += 25) {
    await deps.db.doc.send(new BatchWriteCommand({ RequestItems: { [deps.db.table]: puts.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  await putSurvey(deps.db, { fiscalYear: fiscalYearOf(now), version: 1, opensAt: new Date(Date.now() - 10 * 86_400_000).toISOString(), closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    questions: SURVEY_QUESTIONS_R8, updatedAt: now, updatedBy: 'bench' }, null, null);
  console.log(`\nRole screens on a municipality of ${big} founders and a region of 200 × 2,000 (written in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  // Staff, advisors and admins work with a login that passed two-step sign-in: made here by the sign-in's own service
  // (the code step is not what is measured; each request still checks the login: 1 GetItem + 1 Query).
  const signIn = async (email: string, _password: string) => {
    const loaded = (await loadUserWithMemberships(deps.db, (await findUserIdByEmail(deps.db, email))!))!;
    const s = await startLogin(deps, loaded.user, loaded.memberships, { secondFactor: true });
    return `${deps.config.secureCookies ? '__Host-sid' : 'sid'}=${s.token}`;
  };
  const staff = await signIn('bench-staff@example.jp', 'bench-passphrase-s');
  const admin = await signIn('bench-admin@example.jp', 'bench-passphrase-x');
  console.log('  (each figure includes the sign-in check of the request: 1 GetItem + 1 Query)');
  await measure('dashboard', 'dashboard headline, 10,000 founders', 100, () => app.request(`${origin}/api/tenants/${T}/totals`, { headers: { cookie: staff } }));
  await measure('activity', 'activity: active 7/30 days, fiscal-year weeks', 100, () => app.request(`${origin}/api/tenants/${T}/activity`, { headers: { cookie: staff } }));
  await measure('foundersPage', 'founders table, page of 50 by name', 100, (i) => app.request(`${origin}/api/tenants/${T}/founders?limit=50${i % 2 ? '&sort=activity' : ''}`, { headers: { cookie: staff } }));
  await measure('foundersInactive', 'founders table, page of 50, filter "inactive"', 50, () => app.request(`${origin}/api/tenants/${T}/founders?limit=50&status=inactive`, { headers: { cookie: staff } }));
  await measure('foundersSearch', 'founders table, search by name', 50, (i) => app.request(`${origin}/api/tenants/${T}/founders?limit=50&q=${encodeURIComponent(`太郎${i * 97}`)}`, { headers: { cookie: staff } }));
  // The CSV of all 10,000 founders, read as a client would; the heap is sampled while it streams.
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
  const e0 = performance.now();
  const csv = await app.request(`${origin}/api/tenants/${T}/exports/founders.csv`, { headers: { cookie: staff } });
  let bytes = 0;
  const reader = csv.body!.getReader();
  for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.byteLength; peak = Math.max(peak, process.memoryUsage().heapUsed); }
  clearInterval(sampler);
  const X = 'Exports';
  fig.add({ key: 'export.foundersCsv.seconds', group: X, label: 'founders CSV, 10,000 rows: time', value: (performance.now() - e0) / 1000, unit: 's', note: `(${(bytes / 1024 / 1024).toFixed(2)} MB)` });
  fig.add({ key: 'export.foundersCsv.heapMb', group: X, label: 'founders CSV: heap growth at peak while streaming', value: (peak - heap0) / 1024 / 1024, unit: 'MB', note: '(garbage included: the rows are not held)' });
  await measure('founderRecord', 'founder record (audited)', 100, (i) => app.request(`${origin}/api/founders/bench-founder-${i}`, { headers: { cookie: staff } }));
  await measure('regionView', 'region view, 200 municipalities × 2,000 founders', 30, () => app.request(`${origin}/api/region/tenants`, { headers: { cookie: admin } }));
  await measure('regionCsv', 'region CSV, 200 municipalities', 10, () => app.request(`${origin}/api/region/tenants.csv`, { headers: { cookie: admin } }));
  await measure('kpi', 'KPI of the year\'s survey, 200 municipalities', 30, () => app.request(`${origin}/api/surveys/${fiscalYearOf(now)}/kpi`, { headers: { cookie: admin } }));
  await measure('moduleRanking', 'module ranking across 200 municipalities', 30, () => app.request(`${origin}/api/region/modules`, { headers: { cookie: admin } }));
  await measure('benchmark', 'a municipality\'s benchmark against 200', 30, () => app.request(`${origin}/api/tenants/${ids[0]}/benchmark`, { headers: { cookie: admin } }));
  const adv = await signIn('bench-advisor@example.jp', 'bench-passphrase-a');
  await measure('caseload', 'advisor caseload, 40 founders', 100, () => app.request(`${origin}/api/caseload`, { headers: { cookie: adv } }));
  void counter;
  console.log('\nHTTP at 50 concurrent clients on the role screens (autocannon, 10 s each, against the local host)');
  await load('dashboard', 'dashboard headline, 10,000 founders', `/api/tenants/${T}/totals`, staff);
  await load('foundersPage', 'founders table, page of 50', `/api/tenants/${T}/founders?limit=50`, staff);
  await load('caseload', 'advisor caseload, 40 founders', '/api/caseload', adv);
}

/** The monthly AWS estimate from what the actions cost here (bench/cost.ts states the prices and the usage model). */
function costEstimate() {
  const need: ActionName[] = ['progressWrite', 'courseProgressRead', 'quizAttempt', 'me', 'dashboard', 'foundersPage', 'founderRecord', 'caseload', 'regionView'];
  const missing = need.filter((k) => !actions.has(k));
  if (missing.length > 0) { line('monthly cost estimate', `not computed: ${missing.join(', ')} not measured`); return; }
  const est = monthlyCost(Object.fromEntries(need.map((k) => [k, actions.get(k)!])) as Record<ActionName, ActionCost>);
  console.log(`\nMonthly AWS estimate, ${USAGE.founders.toLocaleString('en')} founders (${USAGE.activeShare * 100}% active a month) and ${USAGE.municipalities} municipalities, Osaka prices (bench/cost.ts)`);
  const C = 'Monthly cost (USD)';
  for (const l of est.lines) fig.add({ key: `cost.${l.service.replace(/\W+/g, '_')}`, group: C, label: l.service, value: l.usd, unit: 'USD', note: `(${l.basis})` });
  fig.add({ key: 'cost.total', group: C, label: 'total a month', value: est.totalUsd, unit: 'USD', note: `(${(est.requests / 1e6).toFixed(1)} M API requests; DynamoDB at $${OSAKA_PRICES.dynamoWritePerMillion}/M writes, $${OSAKA_PRICES.dynamoReadPerMillion}/M reads)` });
}

/** The one table of every figure beside its budget, and bench/results.json for the next run to compare with. */
function finish() {
  const file = join(root, 'bench', 'results.json');
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Results : undefined;
  console.log('\nEvery figure beside its budget\n');
  console.log(fig.table(previous));
  const over = fig.all.filter((f) => f.ok === false);
  console.log(`\n${fig.all.length} figures, ${fig.all.filter((f) => f.budget).length} with a budget, ${over.length} over it${over.length ? `: ${over.map((f) => f.key).join(', ')}` : ''}`);
  if (process.argv.some((a) => a.startsWith('--only') || a.startsWith('--pages'))) return; // a partial run does not replace the record
  writeFileSync(file, `${JSON.stringify(fig.results(`${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`), null, 2)}\n`);
  console.log(`written to ${file}`);
}

async function main() {
  console.log('Sōgyō Campus bench', new Date().toISOString(), `node ${process.version}`);
  // `npm run bench -- --only=lighthouse`: the web sizes and the Lighthouse lines, without the API load figures.
  await webSize();

  const dataDir = mkdtempSync(join(tmpdir(), 'sogyo-bench-'));
  const host = await startLocalHost({ port: await freePort(), dynamoPort: await freePort(), s3Port: await freePort(), dataDir, seed: false, quiet: true, jobs: false });
  try {
    const { deps } = host;
    const course = deps.catalog().courses[0]!;
    const lessons = course.modules.flatMap((m) => m.lessons.map((l) => ({ moduleId: m.id, lessonId: l })));
    await putTenant(deps.db, { id: '271004', name: { ja: '大阪市', en: 'Osaka City' }, prefecture: '大阪府', createdAt: new Date().toISOString() });
    await putCohort(deps.db, { id: 'c1', tenantId: '271004', name: 'bench', startsOn: null });
    await putEnrolmentCode(deps.db, { code: 'BENCH-CODE', tenantId: '271004', cohortId: 'c1', expiresAt: null, maxUses: null, uses: 0, createdAt: new Date().toISOString() });
    const N = 50;
    for (let i = 0; i < N; i++) {
      await createAccountWithRoles(deps, { email: `bench${i}@example.jp`, name: `Bench ${i}`, password: `bench-passphrase-${i}`, roles: [{ tenantId: '271004', role: 'learner', cohortId: 'c1' }] });
    }

    // Count DynamoDB requests and capacity units per action, and the time inside DynamoDB calls: from send() to its
    // answer, so the SDK's marshalling, signing and HTTP are the call's, and what remains is the API's own time.
    const counter: Counter = { requests: 0, capacity: 0, dynamoMs: 0, dynamoCpuMs: 0, reads: 0, writes: 0 };
    const send = deps.db.doc.send.bind(deps.db.doc) as (command: { input: Record<string, unknown>; constructor: { name: string } }) => Promise<unknown>;
    // Calls made in parallel (Promise.all) overlap: DynamoDB time is the time at least one call was in flight.
    let inflight = 0;
    let since = 0;
    let cpuSince = process.cpuUsage();
    (deps.db.doc as unknown as { send: typeof send }).send = async (command) => {
      command.input.ReturnConsumedCapacity = 'TOTAL';
      if (inflight++ === 0) { since = performance.now(); cpuSince = process.cpuUsage(); }
      try {
        const r = await send(command);
        const cc = (r as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> }).ConsumedCapacity;
        // Read or write units by the command's kind (DynamoDB bills them apart; TOTAL gives one figure per call).
        const writes = /Put|Update|Delete|BatchWrite|TransactWrite/.test(command.constructor.name);
        for (const c of Array.isArray(cc) ? cc : cc ? [cc] : []) {
          counter.capacity += c.CapacityUnits ?? 0;
          counter[writes ? 'writes' : 'reads'] += c.CapacityUnits ?? 0;
        }
        return r;
      } finally {
        counter.requests++;
        if (--inflight === 0) {
          counter.dynamoMs += performance.now() - since;
          const c = process.cpuUsage(cpuSince);
          counter.dynamoCpuMs += (c.user + c.system) / 1000;
        }
      }
    };

    const app = createApp(deps, { clientAddress: () => '127.0.0.1', log: () => {} });
    const origin = 'http://localhost';
    deps.config.allowedOrigins.push(origin);
    const signIn = async (i: number) => {
      const r = await app.request(`${origin}/api/auth/signin`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ email: `bench${i}@example.jp`, password: `bench-passphrase-${i}` }) });
      return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
    };
    // One after the other: 50 sign-ins at the same instant from one address would meet the per-address limit.
    const sessions: Array<{ cookie: string; csrf: string }> = [];
    for (let i = 0; i < N; i++) sessions.push(await signIn(i));

    if (process.argv.includes('--only=lambda')) {
      await lambdaBundle(deps, host.endpoints.dynamo, deps.db.table, course.id, lessons[0]!.moduleId, lessons[0]!.lessonId);
      finish();
      return;
    }
    // The learner's pages as a phone gets them: the landing page signed out, home and a lesson signed in (a founder's
    // login cookie, sent by Lighthouse on every request).
    console.log(`\nWeb app in Lighthouse (mobile: simulated slow 4G and a 4× slower CPU; against ${host.url})`);
    const founder = { Cookie: sessions[1]!.cookie };
    const first = lessons[0]!;
    // `--pages=lesson,home` measures only those (a quicker loop while working on one page).
    const only = process.argv.find((a) => a.startsWith('--pages='))?.slice('--pages='.length).split(',');
    const pages = await lighthousePages([
      { label: 'landing (/signin, signed out)', url: `${host.url}/signin`, key: 'landing' },
      { label: 'home (/)', url: `${host.url}/`, headers: founder, key: 'home' },
      { label: 'lesson', url: `${host.url}/courses/${course.id}/${first.moduleId}/${first.lessonId}`, headers: founder, key: 'lesson' },
    ].filter((p) => !only || only.includes(p.key)), line);
    for (const p of pages) {
      const m = medianRun(p.runs);
      fig.add({ key: `lighthouse.${p.key}.performance`, group: 'Lighthouse (mobile)', label: `${p.label}: performance, median of ${p.runs.length}`, value: m.score, unit: 'score', budget: { min: PERFORMANCE_BUDGET } });
      const a11y = p.runs.map((r) => r.accessibility ?? 0);
      fig.add({ key: `lighthouse.${p.key}.accessibility`, group: 'Lighthouse (mobile)', label: `${p.label}: accessibility, lowest of ${p.runs.length}`, value: Math.min(...a11y), unit: 'score', budget: { min: 1 } });
    }
    if (process.argv.includes('--only=lighthouse')) { finish(); return; }

    // The API's own CPU per request: process.cpuUsage() of this Node process around each in-process request. DynamoDB
    // Local is a separate JVM process, so its CPU is never in these figures. "Outside DynamoDB calls" leaves out the CPU
    // this process spends while a call is in flight (the SDK's marshalling, signing and HTTP) — DESIGN.md's budget;
    // "incl. the SDK" is what Lambda bills. Beside them, the wall time outside DynamoDB calls, which a busy machine
    // inflates (it holds waits for the CPU).
    const measure: Measure = async (key, label, n, fn) => {
      const own: number[] = []; const cpu: number[] = []; const appCpu: number[] = []; let req = 0; let cap = 0; let reads = 0; let writes = 0;
      for (let i = 0; i < n; i++) {
        Object.assign(counter, { requests: 0, capacity: 0, dynamoMs: 0, dynamoCpuMs: 0, reads: 0, writes: 0 });
        const c0 = process.cpuUsage();
        const t = performance.now();
        const r = await fn(i);
        await r.arrayBuffer();
        const c = process.cpuUsage(c0);
        if (r.status !== 200 && r.status !== 201) throw new Error(`${label}: ${r.status}`);
        own.push(performance.now() - t - counter.dynamoMs);
        cpu.push((c.user + c.system) / 1000);
        appCpu.push(Math.max(0, (c.user + c.system) / 1000 - counter.dynamoCpuMs));
        req += counter.requests; cap += counter.capacity; reads += counter.reads; writes += counter.writes;
      }
      const A = 'API per action (in process)';
      fig.add({ key: `api.${key}.requests`, group: A, label: `${label}: DynamoDB requests`, value: req / n, unit: '' });
      fig.add({ key: `api.${key}.capacity`, group: A, label: `${label}: capacity units (read + write)`, value: cap / n, unit: 'CU', note: `(${(reads / n).toFixed(2)} + ${(writes / n).toFixed(2)})` });
      fig.add({ key: `api.${key}.cpuP50`, group: A, label: `${label}: API CPU outside DynamoDB calls p50`, value: pct(appCpu, 50), unit: 'ms' });
      fig.add({ key: `api.${key}.cpuP99`, group: A, label: `${label}: API CPU outside DynamoDB calls p99`, value: pct(appCpu, 99), unit: 'ms', budget: { max: 5 } });
      fig.add({ key: `api.${key}.cpuSdkP50`, group: A, label: `${label}: API CPU incl. the SDK p50`, value: pct(cpu, 50), unit: 'ms' });
      fig.add({ key: `api.${key}.ownP99`, group: A, label: `${label}: wall time outside DynamoDB p99`, value: pct(own, 99), unit: 'ms' });
      actions.set(key, { readUnits: reads / n, writeUnits: writes / n, cpuMs: pct(cpu, 50), dynamoRequests: req / n });
    };
    console.log('\nPer action, in process (app.request, sequential, 300 each)');
    const s0 = sessions[0]!;
    let ev = 0;
    await measure('progressWrite', 'progress write', 300, (i) => app.request(`${origin}/api/progress/${course.id}/${lessons[i % lessons.length]!.moduleId}/${lessons[i % lessons.length]!.lessonId}`, {
      method: 'PUT', headers: { origin, cookie: s0.cookie, 'x-csrf-token': s0.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ eventId: `bench-${process.pid}-${ev++}`, status: i % 3 === 0 ? 'completed' : 'in_progress', position: (i % 10) / 10 }),
    }));
    await measure('courseProgressRead', 'course progress read', 300, () => app.request(`${origin}/api/progress/${course.id}`, { headers: { cookie: s0.cookie } }));
    const quizModule = deps.catalog().courses[0]!.modules.find((m) => m.quiz)!;
    await measure('quizAttempt', 'quiz attempt', 100, (i) => app.request(`${origin}/api/quizzes/${course.id}/${quizModule.id}/attempts`, {
      method: 'POST', headers: { origin, cookie: sessions[2 + (i % 40)]!.cookie, 'x-csrf-token': sessions[2 + (i % 40)]!.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ attemptId: `bench-q-${process.pid}-${i}`, version: deps.catalog().version, answers: Object.fromEntries(quizModule.quiz!.questions.map((q) => [q.id, [q.choiceIds[i % q.choiceIds.length]!]])) }),
    }));
    await measure('me', 'who am I (/api/me)', 100, () => app.request(`${origin}/api/me`, { headers: { cookie: s0.cookie } }));

    console.log(`\nHTTP at 50 concurrent clients (autocannon, 10 s each, one founder per connection, against ${host.url})`);
    let next = 0;
    const setupClient = (write: boolean) => (client: { setHeaders(h: Record<string, string>): void; on(e: string, f: () => void): void; setBody(b: string): void }) => {
      const s = sessions[next++ % N]!;
      client.setHeaders({ cookie: s.cookie, 'x-csrf-token': s.csrf, origin: host.url, 'content-type': 'application/json' });
      if (write) {
        const body = () => { const l = lessons[Math.floor(Math.random() * lessons.length)]!; return { path: `/api/progress/${course.id}/${l.moduleId}/${l.lessonId}`, body: JSON.stringify({ eventId: `ac-${process.pid}-${ev++}`, status: 'in_progress', position: Math.random() }) }; };
        const first = body();
        (client as unknown as { setRequest(r: object): void }).setRequest({ method: 'PUT', ...first });
        client.on('response', () => (client as unknown as { setRequest(r: object): void }).setRequest({ method: 'PUT', ...body() }));
      }
    };
    const H = 'API at 50 concurrent clients (local host)';
    const record = (key: string, label: string, r: autocannon.Result) => {
      fig.add({ key: `http.${key}.p50`, group: H, label: `${label}: p50`, value: r.latency.p50, unit: 'ms' });
      fig.add({ key: `http.${key}.p99`, group: H, label: `${label}: p99`, value: r.latency.p99, unit: 'ms' });
      fig.add({ key: `http.${key}.rps`, group: H, label: `${label}: requests/s`, value: r.requests.average, unit: '/s' });
      fig.add({ key: `http.${key}.errors`, group: H, label: `${label}: non-2xx answers`, value: r.non2xx + r.errors, unit: '', budget: { max: 0 } });
    };
    const load: Load = async (key, label, path, cookie) => {
      const r = await autocannon({ url: `${host.url}${path}`, connections: 50, duration: 10, headers: { cookie } });
      record(key, label, r);
    };
    for (const [label, write] of [['progress write (PUT)', true], ['course progress read (GET)', false]] as const) {
      next = 0;
      const r = await autocannon({ url: `${host.url}/api/progress/${course.id}`, connections: 50, duration: 10, setupClient: setupClient(write) as never });
      record(write ? 'progressWrite' : 'courseProgressRead', label, r);
    }

    await dashboards(deps, app, origin, counter, measure, load);

    await lambdaBundle(deps, host.endpoints.dynamo, deps.db.table, course.id, lessons[0]!.moduleId, lessons[0]!.lessonId);

    costEstimate();
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => { console.error(e); process.exit(1); });
