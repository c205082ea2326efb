import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildLambdaBundle } from '../../infra/bundle.ts';
import { catalogFixture } from '../fixtures/catalog.ts';
import { testDeps } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD } from '../fixtures/factories.ts';

// The bundle is built exactly as CDK builds it, then loaded in a fresh Node process that serves API Gateway v2 events
// against DynamoDB Local. Inside the repository so that the external SES client resolves as the Lambda runtime's would.
const root = resolve('.');
const outdir = join(root, '.tmp', `bundle-${process.pid}`);

describe('the Lambda bundle really runs', () => {
  let bundle: { file: string; bytes: number };
  let t: Awaited<ReturnType<typeof testDeps>>;
  beforeAll(async () => {
    rmSync(outdir, { recursive: true, force: true });
    mkdirSync(outdir, { recursive: true });
    const catalogFile = join(outdir, 'fixture-catalog.json');
    writeFileSync(catalogFile, JSON.stringify(catalogFixture()));
    bundle = await buildLambdaBundle({ entry: join(root, 'functions/entry/lambda-api.ts'), outdir: join(outdir, 'asset'), catalogFile, root });
    t = await testDeps();
    await aTenant(t.deps);
    await aCode(t.deps);
    await anAccount(t.deps, { email: 'founder@example.jp', roles: [{ tenantId: '271004', role: 'learner' }] });
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** Runs the driver in a fresh process against the bundle; `env` adds to (or removes from) the Lambda's environment. */
  const drive = (env: Record<string, string | undefined> = {}) => {
    const out = execFileSync(process.execPath, [join(root, 'test/fixtures/lambda-driver.mjs'), bundle.file, 'founder@example.jp', PASSWORD, 'kiso', 'm1', 'l1'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH, AWS_REGION: 'ap-northeast-3', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'), TABLE_NAME: t.deps.db.table, APP_ORIGIN: 'https://campus.example.jp', ORIGIN_VERIFY_SECRET: 'e2b1c1a4-origin-secret', MAIL_FROM: 'no-reply@campus.example.jp', UPLOADS_BUCKET: 'sogyo-uploads-test',
        CATALOG_FILE: join(outdir, 'asset', 'catalog', 'server.json'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'WARN',
        ...env,
      },
    });
    return JSON.parse(out.trim().split('\n').at(-1)!) as { results: Array<{ status: number; body: any; cookies: string[] }> };
  };

  it('signs in, writes progress and reads it back in a fresh process', () => {
    const r = drive();
    const [signin, put, get, anonymous, forged] = r.results;
    expect(signin!.status).toBe(200);
    expect(signin!.cookies[0]).toMatch(/^__Host-sid=.+; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(put!.status).toBe(200);
    expect(get!.status).toBe(200);
    expect(get!.body).toMatchObject({ courseId: 'kiso', completedLessons: 1, resume: { moduleId: 'm1', lessonId: 'l2' } });
    expect(anonymous!.status).toBe(401);
    expect(forged!.status).toBe(403);
    expect(forged!.body.error.code).toBe('forbidden');
    // DESIGN.md allows 1 MB if that buys the cold start: the DynamoDB SDK is bundled since issue 13 (~400 KB of it),
    // which `npm run bench` measured faster than reading the runtime's SDK from its many files. SES stays outside.
    expect(bundle.bytes).toBeLessThan(1024 * 1024);
    const text = readFileSync(bundle.file, 'utf8');
    expect(text).toContain('@aws-sdk/client-sesv2');
    expect(text).not.toMatch(/from\s*["']@aws-sdk\/(client-dynamodb|lib-dynamodb)["']/);
  });

  it('holds none of the local host’s development pages or demo keys: no outbox page, no demo codes, no seed', async () => {
    const { readFileSync } = await import('node:fs');
    const code = readFileSync(bundle.file, 'utf8');
    for (const local of ['Local outbox', 'Demo two-step codes', 'sogyo-campus-demo', 'outbox.json', 'dev-pages', 'seedDemoRegion']) {
      expect(code.includes(local), local).toBe(false);
    }
    // Its only routes are the API's: a request for the local host's /dev/totp is the API's 404.
    const { results } = drive({ DRIVER_EXTRA_PATH: '/dev/totp' });
    expect(results.at(-1)).toMatchObject({ status: 404 });
  });

  it('during a rotation of the origin secret, accepts the old and the new value and nothing else', () => {
    const rotating = { ORIGIN_VERIFY_SECRET: 'new-origin-secret-generation-2', ORIGIN_VERIFY_SECRET_ROTATING: 'old-origin-secret-generation-1' };
    for (const sent of [rotating.ORIGIN_VERIFY_SECRET, rotating.ORIGIN_VERIFY_SECRET_ROTATING]) {
      const statuses = drive({ ...rotating, DRIVER_ORIGIN_VERIFY: sent }).results.map((x) => x.status);
      expect(statuses, sent).toEqual([200, 200, 200, 401, 403]);
    }
    // After the rotation the old value is refused on every request.
    const after = drive({ ORIGIN_VERIFY_SECRET: rotating.ORIGIN_VERIFY_SECRET, DRIVER_ORIGIN_VERIFY: rotating.ORIGIN_VERIFY_SECRET_ROTATING });
    expect(after.results.map((x) => x.status)).toEqual([403, 403, 403, 403, 403]);
  });
});
