import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/entry/engines.ts';
import { type LocalHost, startLocalHost } from '../../functions/entry/host.ts';
import { buildLambdaBundle } from '../../infra/bundle.ts';

// DESIGN.md "Availability" and "Errors", through the real hosts: the local host (as `npm start` runs it) and the Lambda
// bundle (as CDK builds it), each against a real DynamoDB Local that dies or misbehaves.
const dataDir = mkdtempSync(join(tmpdir(), 'sogyo-avail-'));
let host: LocalHost;
const fatal: Error[] = [];

beforeAll(async () => {
  host = await startLocalHost({
    port: await freePort(), dynamoPort: await freePort(), s3Port: await freePort(), dataDir, quiet: true, jobs: false,
    onFatal: (e) => fatal.push(e),
  });
}, 180_000);
afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(email = 'founder1@example.jp') {
  const r = await fetch(`${host.url}/api/auth/signin`, {
    method: 'POST', headers: { origin: host.url, 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'sogyo-campus-demo' }),
  });
  expect(r.status).toBe(200);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

/** The whole body of an error answer: the error format, and on 5xx the request id — nothing else. */
function expectBareError(body: unknown, code: string) {
  const b = body as { error: Record<string, unknown> };
  expect(Object.keys(b)).toEqual(['error']);
  expect(b.error.code).toBe(code);
  expect(Object.keys(b.error).sort()).toEqual(['code', 'message', 'requestId']);
  expect(String(b.error.message)).not.toMatch(/at .*\.(ts|js|mjs):\d+|Exception|dynamodb|TABLE|stack/i);
  expect(String(b.error.requestId).length).toBeGreaterThan(8);
}

describe('a dying database, on the local host', () => {
  it('answers 503 with Retry-After within seconds while DynamoDB Local is down, and recovers by itself', async () => {
    const cookie = await signIn();
    const before = await fetch(`${host.url}/api/progress/sogyo-kiso`, { headers: { cookie } });
    const pid = host.dynamoPid();
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');

    const t0 = Date.now();
    const down = await fetch(`${host.url}/api/me`, { headers: { cookie } });
    expect(Date.now() - t0).toBeLessThan(6000);
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expectBareError(await down.json(), 'unavailable');

    // The watchdog restarts DynamoDB Local on the same port and data; the API serves again without a restart of its own.
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await fetch(`${host.url}/api/me`, { headers: { cookie } })).status;
      if (status === 200) break;
      expect(status).toBe(503);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    expect(host.dynamoPid()).not.toBe(pid);
    expect(fatal).toEqual([]);
    const after = await fetch(`${host.url}/api/progress/sogyo-kiso`, { headers: { cookie } });
    expect(after.status).toBe(before.status);
    if (before.status === 200) expect((await after.json()).completedLessons).toBe((await before.json()).completedLessons);
  }, 90_000);
});

describe('an internal error carries only the error format and the request id', () => {
  it('on the Lambda bundle', async () => {
    const root = resolve('.');
    const out = join(root, '.tmp', `avail-bundle-${process.pid}`);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    try {
      const b = await buildLambdaBundle({ entry: join(root, 'functions/entry/lambda-api.ts'), outdir: join(out, 'asset'), catalogFile: 'dist/catalog/server.json', root });
      // A table that does not exist: DynamoDB answers ResourceNotFoundException, which no code path expects.
      const driver = join(out, 'driver.mjs');
      writeFileSync(driver, `
        const { handler } = await import(${JSON.stringify(b.file)});
        const now = Date.now();
        const r = await handler({
          version: '2.0', routeKey: '$default', rawPath: '/api/me', rawQueryString: '', cookies: ['__Host-sid=${'a'.repeat(43)}'],
          headers: { host: 'api.example', 'x-origin-verify': 'origin-secret-for-test' },
          requestContext: { accountId: '1', apiId: 'api', domainName: 'api.example', domainPrefix: 'api', requestId: 'r1', routeKey: '$default',
            stage: '$default', time: new Date(now).toISOString(), timeEpoch: now, authentication: null, authorizer: {},
            http: { method: 'GET', path: '/api/me', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' } },
          isBase64Encoded: false,
        }, { awsRequestId: 'r1', getRemainingTimeInMillis: () => 10000 });
        console.log(JSON.stringify({ status: r.statusCode, body: JSON.parse(r.body) }));
      `);
      const o = execFileSync(process.execPath, [driver], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
        env: { PATH: process.env.PATH, AWS_REGION: 'ap-northeast-3', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
          AWS_ENDPOINT_URL_DYNAMODB: host.endpoints.dynamo, TABLE_NAME: 'no-such-table', APP_ORIGIN: 'https://campus.example.jp',
          ORIGIN_VERIFY_SECRET: 'origin-secret-for-test', MAIL_FROM: 'no-reply@campus.example.jp', UPLOADS_BUCKET: 'sogyo-uploads-test',
          CATALOG_FILE: join(out, 'asset', 'catalog', 'server.json'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'CRITICAL' },
      });
      const r = JSON.parse(o.trim().split('\n').at(-1)!);
      expect(r.status).toBe(500);
      expectBareError(r.body, 'internal');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('on the local host', async () => {
    const cookie = await signIn('founder2@example.jp');
    await host.deps.db.raw.send(new DeleteTableCommand({ TableName: host.deps.db.table }));
    const r = await fetch(`${host.url}/api/me`, { headers: { cookie } });
    expect(r.status).toBe(500);
    expectBareError(await r.json(), 'internal');
  });
});
