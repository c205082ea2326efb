/**
 * The hostile-input fuzzer (issue 13, point 3): generated requests to every route of the API, as every role.
 *
 *   fuzzRoutes({ count, seed?, log?, dynamoEndpoint?, s3Endpoint?, concurrency? })
 *     → { requests, byStatus, failures, routes }
 *
 * - `count` requests in all (the drill sends 10,000: `npm run drill -- --fuzz`; test/api/fuzz.test.ts about 1,500).
 * - `seed` makes a run repeatable (same requests in the same order per route; the interleaving of concurrent requests
 *   is not). A failure line names the request by route, role and number.
 * - `dynamoEndpoint` and `s3Endpoint`: engines the caller started (drill/cli.ts with functions/entry/engines.ts). Inside
 *   vitest they may be left out: the api project's engines are used (vitest `inject`). The fuzzer makes its own table.
 * - `failures` is empty when the run passed; every entry is one line. `routes` is how many routes were fuzzed, read
 *   from the Hono app itself (so a new route is fuzzed without a change here), with their contract schemas from the
 *   validators' registry (functions/api/validate.ts `validatorOf`).
 *
 * What is sent. Values derived from each route's body, path and query schemas (z.toJSONSchema, drill/fuzz-arbitraries.ts),
 * filled from a pool of the fixture's real ids so that many requests are valid, then mutated: wrong types, dropped and
 * extra keys, `__proto__` / `constructor` / `prototype` keys, 100 KB+ strings, lone surrogates, NUL, bidi controls, emoji
 * sequences, markup; bodies as text/plain, multipart, form data, with no type, broken JSON, invalid UTF-8 or a lying
 * Content-Length; duplicated, unknown and badly encoded query parameters; path parameters with traversal, NUL, bad
 * percent-encoding and 5,000 characters. Most requests carry the right Origin and CSRF token (so they reach the
 * handlers); some carry none, a foreign origin, a wrong token or a forged session cookie.
 *
 * What is asserted, per answer: no status ≥ 500; no stack frame, source path, node_modules, table name, AWS or zod or JS
 * error name in the body unless the request itself carried that text; every answer matches its contract (the error
 * format on 4xx, the response schema of the route on 2xx, test/fixtures/contracts.ts); no 2xx to a body its contract
 * refuses, to a body sent as something other than JSON, or to a state-changing request from a foreign origin; no error
 * logged as unhandled by the API. After the run: Object.prototype, Array.prototype and Function.prototype unchanged.
 *
 * "Anyone else's data". The fixture (test/fixtures/roles-fixture.ts) is Osaka and Sakai with a founder and staff each, an
 * advisor serving both with a caseload, another advisor and an admin — the callers — plus Kyoto: a founder with
 * progress, module feedback, a business plan with an advisor's comment and a booked consultation, Kyoto's staff (a
 * session, a pending invitation, the survey answered), an advisor serving Kyoto only, and a second admin — the others,
 * each signed in once and then left alone. Their ids and emails are in the pool every caller draws from.
 *  1. Phase one: every role but admin (anonymous included). None of them holds any role in Kyoto or over the union, so
 *     every item of Kyoto's partition, of the Kyoto people's partitions (profile, memberships, logins, plan, progress,
 *     quiz attempts, feedback, caseload, email claims, consultation slots) and of the union's partition (REGION) must
 *     be byte for byte as before, and none may appear. Kyoto's enrolment code is not in the pool: a code is a secret
 *     the municipality hands out, and anyone holding it may join.
 *  2. Phase two: the admin, who may legitimately change any municipality's data (correct a Kyoto founder, erase them,
 *     onboard municipalities). Left alone must be what the policy keeps even from admins: the second admin's account,
 *     and the Kyoto founder's own work — plan, lessons and quiz bests, quiz attempts, feedback, their consultation — unless
 *     the phase erased that founder, which removes it by design.
 * Not compared: throttle windows (shared by design) and password-reset tokens (anyone may ask for a reset mail).
 * The acting accounts' own data changes freely; the erase and status routes take their founder from spare accounts
 * and the others, so a run never ends an acting account. A caller whose login was ended (sign-out, logins page) signs
 * in again.
 */
import fc from 'fast-check';
import { createApp } from '../functions/api/app.ts';
import { validatorOf, type ValidatorInfo } from '../functions/api/validate.ts';
import { checkResponse } from '../test/fixtures/contracts.ts';
import { ORIGIN, testApp, testDeps, TestClient } from '../test/fixtures/deps.ts';
import { buildRoleWorld, EMAIL, KYOTO, OSAKA, type RoleWorld, SAKAI, signInAs, type Who, WHO } from '../test/fixtures/roles-fixture.ts';
import {
  encodeBody, encodeLoose, encodeQuery, ENCODINGS, type Encoding, HOSTILE_SEGMENTS, hostileText, hostileValue, type JsonSchema, mutate, mutationArb, type Mutation, type Pool, textArb,
  toJsonSchema, validArb,
} from './fuzz-arbitraries.ts';
import { changesToOthers, type Others, snapshot } from './fuzz-isolation.ts';

export interface FuzzOptions {
  count: number;
  seed?: number;
  log?: (s: string) => void;
  dynamoEndpoint?: string;
  s3Endpoint?: string;
  /** Requests in flight at once (default 6). */
  concurrency?: number;
}
export interface FuzzReport { requests: number; byStatus: Record<number, number>; failures: string[]; routes: number }

interface Route { method: string; path: string; json?: ValidatorInfo & { js: JsonSchema }; param?: ValidatorInfo & { js: JsonSchema }; query?: ValidatorInfo & { js: JsonSchema } }

/** Every route of the app with the schemas of its validators, from the app's own route list. */
export function appRoutes(app: ReturnType<typeof createApp>): Route[] {
  const byKey = new Map<string, Route>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const k = `${r.method} ${r.path}`;
    const route = byKey.get(k) ?? { method: r.method, path: r.path };
    byKey.set(k, route);
    const v = validatorOf(r.handler);
    if (v) route[v.target] = { ...v, js: toJsonSchema(v.schema) };
  }
  return [...byKey.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** Routes that end an account: their founder comes from the spares and the others, never an acting account. */
const ENDS_AN_ACCOUNT = new Set(['POST /api/founders/:userId/erase', 'POST /api/founders/:userId/status']);

function poolOf(w: RoleWorld): { pool: Pool; spare: Pool } {
  const v = w.victims!;
  const people = [...Object.values(w.ids), ...w.spares, v.founder, v.staff, v.advisor, v.admin];
  const pool: Pool = {
    tenantId: [OSAKA, SAKAI, KYOTO], tenant: [OSAKA, SAKAI, KYOTO], userId: people, advisorId: people, userIds: people,
    cohortId: ['c1'], cohort: ['c1'], courseId: ['kiso'], moduleId: ['m1', 'm2', 'm3', 'm4'], moduleIds: ['m1', 'm2', 'm3', 'm4'], lessonId: ['l1', 'l2'],
    sessionId: [w.sessions.open, w.sessions.upcoming, v.session], slotId: [...w.slots, v.slot], code: w.codes,
    loginId: v.loginIds, email: [...Object.values(EMAIL), ...v.emails], staffEmail: v.emails, fiscalYear: [String(w.fiscalYear), String(w.fiscalYear + 1)],
    version: ['1', '2'], area: ['management', 'finance'],
  };
  return { pool, spare: { ...pool, userId: [...w.spares, v.founder, v.staff] } };
}

/**
 * What one request attacks: nothing (a valid request, to reach the handlers and change state), its body, the body's
 * encoding, its query, its path, its headers (origin, CSRF token, cookie) or its method — or all of them at once. The
 * other parts stay valid, so each hostile part is met by the code behind the checks before it.
 */
const FOCUS = ['valid', 'body', 'encoding', 'query', 'path', 'headers', 'method', 'all'] as const;
type Focus = (typeof FOCUS)[number];
const focusArb = fc.oneof(...([[30, 'valid'], [28, 'body'], [8, 'encoding'], [10, 'query'], [12, 'path'], [7, 'headers'], [2, 'method'], [3, 'all']] as const)
  .map(([weight, f]) => ({ weight, arbitrary: fc.constant<Focus>(f) })));

interface Plan {
  focus: Focus;
  mutation: Mutation;
  pick: number; bad: unknown; text: string; body: unknown; query: unknown; params: Record<string, string>; hostileParams: Record<string, string>;
  encoding: Encoding; queryKind: number; queryBad: string; origin: number; csrf: number; cookie: number; method: number;
}

function planArb(route: Route, pool: Pool): fc.Arbitrary<Plan> {
  const params = Object.entries(route.param?.js.properties ?? {});
  const valid = Object.fromEntries(params.map(([k, js]) => [k, validArb(js, pool, k).map((x) => encodeLoose(String(x)))]));
  const hostile = Object.fromEntries(params.map(([k, js]) => [k, fc.oneof(
    { arbitrary: validArb(js, pool, k).map((x) => encodeLoose(String(x))), weight: 1 },
    { arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS), weight: 3 },
    { arbitrary: hostileText.map((t) => encodeLoose(t.slice(0, 300))), weight: 2 },
  )]));
  return fc.record({
    focus: focusArb, mutation: mutationArb, pick: fc.nat(), bad: hostileValue, text: textArb,
    body: route.json ? validArb(route.json.js, pool) : fc.constant(undefined),
    query: route.query ? validArb(route.query.js, pool) : fc.constant(undefined),
    params: fc.record(valid) as fc.Arbitrary<Record<string, string>>, hostileParams: fc.record(hostile) as fc.Arbitrary<Record<string, string>>,
    encoding: fc.constantFrom(...ENCODINGS), queryKind: fc.nat(), queryBad: fc.oneof(hostileText, fc.constantFrom('1', '0', '-1', '101', 'abc')),
    origin: fc.nat(5), csrf: fc.nat(5), cookie: fc.nat(9), method: fc.nat(3),
  });
}

/** Text that must never reach a caller: stack frames, source paths, engine and library names, JS error names. */
const LEAKS: Array<[string, RegExp]> = [
  ['a stack frame', /\n\s+at \S/], ['a stack frame', /\bat (?:async )?[\w$.<>]+ \((?:file:|node:|\/)/], ['a source path', /\.(?:ts|js|mjs|cjs):\d+/],
  ['node_modules', /node_modules/], ['a file path', /\/(?:work|home|tmp|var\/task|opt)\//], ['a file URL', /file:\/\//],
  ['DynamoDB', /dynamodb/i], ['an AWS error', /ConditionalCheckFailed|TransactionCanceled|ValidationException|ResourceNotFoundException|ProvisionedThroughput|ThrottlingException|SerializationException/],
  ['an S3 error', /NoSuchKey|NoSuchBucket|SignatureDoesNotMatch|s3rver|test-uploads/], ['an SDK name', /@aws-sdk|@smithy/],
  ['ZodError', /ZodError|\$ZodError|_zod/], ['a JS error', /\b(?:TypeError|ReferenceError|SyntaxError|RangeError|URIError|EvalError|AggregateError)\b/],
  ['a JS error', /Cannot read propert|is not a function|is not defined|undefined is not|Unexpected token|Maximum call stack/], ['[object Object]', /\[object Object\]/],
];

const safeDecode = (s: string) => { try { return decodeURIComponent(s); } catch { return s; } };

export async function fuzzRoutes(o: FuzzOptions): Promise<FuzzReport> {
  const log = o.log ?? (() => {});
  const seed = o.seed ?? Date.now() % 2 ** 31;
  const started = Date.now();
  const endpoints = o.dynamoEndpoint && o.s3Endpoint ? { dynamo: o.dynamoEndpoint, s3: o.s3Endpoint } : undefined;
  const { deps } = await testDeps(endpoints ? { endpoints } : {});
  const world = await buildRoleWorld(deps, testApp(deps), { victims: true });
  const victims = world.victims!;
  const unhandled = new Map<string, string>();
  const app = createApp(deps, {
    clientAddress: (c) => c.req.header('x-fuzz-client') ?? '192.0.2.1',
    log: (level, message, extra) => { if (level === 'error') unhandled.set(String(extra?.requestId ?? ''), `${message}: ${String(extra?.error ?? '').slice(0, 600)}`); },
  });
  const routes = appRoutes(app);
  const { pool, spare } = poolOf(world);
  log(`fuzz: ${routes.length} routes, ${o.count} requests, seed ${seed}, table ${deps.db.table}`);

  // Request i goes to route i mod R as role ⌊i / R⌋ mod 8: every route × role pair is sent once before any twice.
  const perRoute = routes.map((r, ri) => {
    const n = Math.ceil(Math.max(0, o.count - ri) / routes.length);
    return n ? fc.sample(planArb(r, ENDS_AN_ACCOUNT.has(`${r.method} ${r.path}`) ? spare : pool), { numRuns: n, seed: seed + ri }) : [];
  });
  const jobs = Array.from({ length: o.count }, (_, i) => {
    const ri = i % routes.length;
    return { i, route: routes[ri]!, who: WHO[Math.floor(i / routes.length) % WHO.length]!, plan: perRoute[ri]![Math.floor(i / routes.length)]! };
  });

  // One browser tab per signed-in role; a login ended by the run (sign-out, the logins page) is started again.
  const tabs = new Map<Who, TestClient>();
  const relogin = new Map<Who, Promise<void>>();
  for (const who of WHO) {
    if (who === 'anonymous') continue;
    const c = new TestClient(app);
    await signInAs(deps, c, world.ids[who]);
    tabs.set(who, c);
  }
  const ensureTab = async (who: Who) => { await relogin.get(who); };
  const loginEnded = (who: Who) => {
    if (who === 'anonymous' || relogin.has(who)) return;
    relogin.set(who, signInAs(deps, tabs.get(who)!, world.ids[who]).then(() => { relogin.delete(who); }));
  };

  const failures: string[] = [];
  const byStatus: Record<number, number> = {};
  const byCode: Record<string, number> = {};
  const fail = (s: string) => { if (failures.length < 500) failures.push(s); };
  const protoBefore = [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(','));

  async function send(job: (typeof jobs)[number]): Promise<void> {
    const { route, who, plan: p } = job;
    const name = `#${job.i} ${route.method} ${route.path} as ${who}`;
    await ensureTab(who);
    const tab = tabs.get(who);
    const on = (f: Focus) => p.focus === f || p.focus === 'all';
    const path = route.path.replace(/:([A-Za-z]+)/g, (_m, k: string) => (on('path') ? p.hostileParams : p.params)[k] ?? 'x');
    const query = encodeQuery(p.query as Record<string, unknown> | undefined, on('query') ? 3 + (p.queryKind % 5) : 0, p.pick, p.queryBad);
    const method = on('method') ? ['HEAD', 'OPTIONS', 'PATCH', route.method === 'PUT' ? 'POST' : 'PUT'][p.method]! : route.method;
    const safe = method === 'GET' || method === 'HEAD';
    // Routes without a body schema get a stray body when their body is the focus.
    const mutation = on('body') ? p.mutation : 'valid';
    const value = route.json ? mutate(p.body, mutation, p.pick, p.bad, p.text) : (on('body') ? p.bad : undefined);
    const encoding: Encoding = on('encoding') ? p.encoding : 'json';
    const wire = value !== undefined || route.json ? encodeBody(value, encoding, p.pick) : { headers: {} };
    const headers: Record<string, string> = { ...wire.headers, 'x-amzn-trace-id': `fuzz-${job.i}`, 'x-fuzz-client': `198.51.100.${job.i % 250}` };
    const attack = on('headers') ? ['origin', 'csrf', 'cookie'][p.pick % 3] : null;
    const originOk = attack !== 'origin';
    if (originOk) headers.origin = ORIGIN;
    else if (p.origin > 0) headers.origin = ['https://evil.example', 'null', `${ORIGIN}.evil.example`, 'http://localhost:1', 'HTTP://LOCALHOST'][p.origin - 1]!;
    if (tab?.cookie) {
      headers['x-csrf-token'] = attack === 'csrf' ? ['', 'x', tab.csrf!.slice(1), `${tab.csrf}x`, 'a'.repeat(10_000), tab.csrf!.toUpperCase()][p.csrf]! : tab.csrf!;
      if (headers['x-csrf-token'] === '') delete headers['x-csrf-token'];
      headers.cookie = attack === 'cookie'
        ? ['__Host-sid=forged', `${tab.cookie}; __Host-sid=forged`, `__Host-sid=forged; ${tab.cookie}`, `__Host-sid=${'a'.repeat(5000)}`, 'sid=x; __Host-sid=', '__Host-sid=%00%ff', `${tab.cookie}x`, '__proto__=x', 'a=b', ''][p.cookie]!
        : tab.cookie;
      if (headers.cookie === '') delete headers.cookie;
    } else if (attack === 'cookie') headers.cookie = ['__Host-sid=forged', `__Host-sid=${'A'.repeat(43)}`, '__Host-sid=', '__proto__=x', 'a=b', `sid=${'A'.repeat(43)}`][p.cookie % 6]!;
    const init: RequestInit = { method, headers };
    if (!safe && wire.body !== undefined) init.body = wire.body as BodyInit;

    let res: Response;
    try {
      res = await app.request(`${ORIGIN}${path}${query ? `?${query}` : ''}`, init);
    } catch (e) {
      fail(`${name}: the app threw instead of answering: ${(e as Error).stack?.slice(0, 400)}`);
      return;
    }
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    const sent = safeDecode(`${path}?${query}`) + JSON.stringify(headers) + (typeof wire.body === 'string' ? wire.body : '');
    const why = unhandled.get(`fuzz-${job.i}`);
    if (res.status >= 500) fail(`${name}: answered ${res.status} ${text.slice(0, 200)}${why ? ` — logged: ${why}` : ''}`);
    else if (why) fail(`${name}: answered ${res.status} but logged an unhandled error: ${why}`);
    if (text.includes(deps.db.table)) fail(`${name}: the body names the table: ${text.slice(0, 300)}`);
    for (const [what, re] of LEAKS) {
      const m = re.exec(text);
      if (m && !sent.includes(m[0])) { fail(`${name}: the body shows ${what} (${JSON.stringify(m[0])}): ${text.slice(0, 300)}`); break; }
    }
    if (method === 'HEAD' || method === 'OPTIONS') return;
    let json: unknown = text || null;
    if ((res.headers.get('content-type') ?? '').includes('application/json')) {
      try { json = text ? JSON.parse(text) : null; } catch { fail(`${name}: the body is not the JSON it says it is: ${text.slice(0, 200)}`); return; }
    }
    try {
      // Checked against the path the app saw: the URL parser folds dot segments (%2e%2e) before routing.
      checkResponse(method, new URL(`${ORIGIN}${path}`).pathname, res.status, json);
    } catch (e) {
      fail(`${name}: ${(e as Error).message.slice(0, 600)}`);
    }
    const ok = res.status < 300;
    const code = ok ? `${res.status} ${route.method} ${route.path}` : `${res.status} ${(json as { error?: { code?: string } } | null)?.error?.code ?? ''}`;
    byCode[code] = (byCode[code] ?? 0) + 1;
    if (ok && route.json && method === route.method) {
      if (!['json', 'json-charset', 'bogus-length', 'bom'].includes(encoding) || (encoding === 'json-charset' && /json-patch/.test(headers['content-type']!))) {
        fail(`${name}: accepted a body sent as ${encoding} (${headers['content-type'] ?? 'no content type'})`);
      } else if (!route.json.schema.safeParse(value).success) {
        fail(`${name}: accepted a body its contract refuses: ${JSON.stringify(value)?.slice(0, 200)}`);
      }
    }
    if (ok && !safe && method !== 'OPTIONS' && !originOk && headers.origin !== ORIGIN) fail(`${name}: accepted a state change from origin ${JSON.stringify(headers.origin ?? null)}`);
    if (res.status === 401 && tab && (json as { error?: { code?: string } } | null)?.error?.code === 'unauthenticated' && headers.cookie === tab.cookie) loginEnded(who);
    if (route.path === '/api/auth/signout' && ok) loginEnded(who);
  }

  async function run(batch: typeof jobs) {
    let next = 0;
    const worker = async () => { while (next < batch.length) await send(batch[next++]!); };
    await Promise.all(Array.from({ length: o.concurrency ?? 6 }, worker));
  }

  const phases: Array<{ name: string; jobs: typeof jobs; others: Others }> = [
    { name: 'every role but admin', jobs: jobs.filter((j) => j.who !== 'admin'), others: {
      tenants: new Set([KYOTO]), users: new Set([victims.founder, victims.staff, victims.advisor, victims.admin]), emails: new Set(victims.emails), region: true,
    } },
    { name: 'admin', jobs: jobs.filter((j) => j.who === 'admin'), others: {
      tenants: new Set(), users: new Set([victims.admin]), emails: new Set([victims.emails[3]!]), region: false,
      unlessErased: { userId: victims.founder, advisorId: victims.advisor },
    } },
  ];
  for (const phase of phases) {
    const before = await snapshot(deps.db);
    const t0 = Date.now();
    await run(phase.jobs);
    await Promise.all([...relogin.values()]);
    const changes = changesToOthers(before, await snapshot(deps.db), phase.others);
    for (const c of changes.slice(0, 50)) fail(`${phase.name}: ${c}`);
    log(`fuzz: ${phase.name}: ${phase.jobs.length} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${changes.length} change(s) to others' data`);
  }

  const protoAfter = [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(','));
  if (protoAfter.join('|') !== protoBefore.join('|')) fail('a built-in prototype gained or lost a property during the run');
  const probe = {} as Record<string, unknown>;
  for (const k of ['polluted', 'isAdmin']) if (probe[k] !== undefined || k in Object.prototype) fail(`Object.prototype is polluted: ${k}`);

  if (process.env.FUZZ_DEBUG) log(Object.entries(byCode).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${k}: ${n}`).join('\n'));
  const covered = new Set(jobs.map((j) => `${j.route.method} ${j.route.path}`));
  log(`fuzz: ${jobs.length} requests to ${covered.size} routes in ${((Date.now() - started) / 1000).toFixed(1)} s; by status ${JSON.stringify(byStatus)}; ${failures.length} failure(s)`);
  return { requests: jobs.length, byStatus, failures, routes: covered.size };
}
