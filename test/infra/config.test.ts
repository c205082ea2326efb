import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PlatformConfig, configFromContext } from '../../infra/config.ts';
import { SPA_ROUTING_FUNCTION, contentSecurityPolicy } from '../../infra/edge/headers.ts';
import { applyChecks } from '../../infra/nag.ts';
import { buildPlatform } from '../../infra/platform.ts';
import { DataStack } from '../../infra/stacks/data-stack.ts';
import { EdgeStack } from '../../infra/stacks/edge-stack.ts';
import { ROOT, cdkJsonContext, distFixture } from './platform-fixture.ts';

// Fast checks that need no bundling: configuration rules, the edge code, the dev stage and the nag gate itself.
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sogyo-infra-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const appWith = (context: Record<string, unknown>) => new App({ outdir: join(tempDir(), 'cdk.out'), context: { ...cdkJsonContext(), ...context } });
const configWith = (context: Record<string, unknown>) => configFromContext(appWith(context), ROOT);

describe('configuration from context', () => {
  it('defaults to a dev stage in Osaka, reading the build from dist/', () => {
    const c = configWith({});
    expect(c).toMatchObject({ stage: 'dev', region: 'ap-northeast-3', mailFrom: 'no-reply@example.com' });
    expect(c.apiEntry).toBe(join(ROOT, 'functions/entry/lambda-api.ts'));
    expect(c.jobsEntry).toBe(join(ROOT, 'functions/entry/lambda-jobs.ts'));
    expect([c.webDir, c.contentDir, c.catalogFile]).toEqual(['web', 'content', 'catalog/server.json'].map((p) => join(ROOT, 'dist', p)));
  });

  it('takes the region, domain, certificate, web ACL and alarm address from context', () => {
    const c = configWith({
      stage: 'prod', region: 'ap-northeast-1', mailFrom: 'campus@city.example.jp', domainName: 'campus.example.jp', originSecrets: '1',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', alarmEmail: 'ops@example.jp',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/campus/1',
    });
    expect(c).toMatchObject({ stage: 'prod', region: 'ap-northeast-1', domainName: 'campus.example.jp', alarmEmail: 'ops@example.jp' });
  });

  it.each([
    [{ stage: 'prod', originSecrets: '1' }, /mailFrom .* required/],
    [{ stage: 'prod', mailFrom: 'campus@city.example.jp' }, /originSecrets .* required for stage prod/],
    [{ originSecrets: '0' }, /one generation number or two/],
    [{ originSecrets: '1,2,3' }, /one generation number or two/],
    [{ originSecrets: 'next' }, /one generation number or two/],
    [{ originSecrets: '2,2' }, /generation 2 twice/],
    [{ stage: 'Prod!' }, /stage must match/],
    [{ mailFrom: 'not-an-address' }, /not an email address/],
    [{ domainName: 'campus.example.jp' }, /go together/],
    [{ domainName: 'campus.example.jp', certificateArn: 'arn:aws:acm:ap-northeast-3:1:certificate/x' }, /us-east-1/],
    [{ webAclArn: 'arn:aws:wafv2:ap-northeast-3:1:regional/webacl/x/y' }, /CLOUDFRONT-scope/],
  ])('refuses %j', (context, message) => {
    expect(() => configWith(context as Record<string, string>)).toThrow(message);
  });

  it('reads the origin secret generations: 1 outside prod, the one CloudFront sends first', () => {
    expect(configWith({}).originSecrets).toEqual([1]);
    expect(configWith({ originSecrets: '2, 1' }).originSecrets).toEqual([2, 1]);
    // cdk.json may hold it as a number.
    expect(configWith({ stage: 'prod', mailFrom: 'campus@city.example.jp', originSecrets: 3 }).originSecrets).toEqual([3]);
  });
});

describe('edge code', () => {
  const route = new Function(`${SPA_ROUTING_FUNCTION}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };

  it.each([
    ['/', '/index.html'],
    ['/learner/modules/finance-1', '/index.html'],
    ['/v1.2/learner', '/index.html'],
    ['/assets/index-3f9a1c.js', '/assets/index-3f9a1c.js'],
    ['/favicon.ico', '/favicon.ico'],
  ])('the SPA function maps %s to %s', (uri, expected) => {
    expect(route({ request: { uri } }).uri).toBe(expected);
  });

  it('keeps the app\'s CSP: the browser connects to its own origin and posts files to the uploads bucket only', () => {
    expect(contentSecurityPolicy('https://uploads.s3.ap-northeast-3.amazonaws.com')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; media-src 'self' https:; "
      + "connect-src 'self' https://uploads.s3.ap-northeast-3.amazonaws.com; font-src 'self'; object-src 'none'; base-uri 'self'; "
      + "form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
    );
  });
});

describe('a dev stage', () => {
  it('can be destroyed: no deletion protection, no retained table or buckets', () => {
    const app = appWith({ stage: 'dev', distDir: distFixture(tempDir()) });
    const config = configFromContext(app, ROOT);
    const data = new DataStack(app, 'Data', { env: { region: config.region }, config });
    const edgeStack = new EdgeStack(app, 'Edge', { env: { region: config.region }, config });
    const template = Template.fromStack(data);
    expect(data.terminationProtection).toBe(false);
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(table).toMatchObject({ DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
    expect(table!.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    const edge = Template.fromStack(edgeStack);
    for (const template of [Template.fromStack(data), edge]) {
      for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) expect(bucket.DeletionPolicy).toBe('Delete');
    }
    // web, content, uploads (a dev stage keeps no personal data) and the logs.
    edge.resourceCountIs('Custom::S3AutoDeleteObjects', 4);
    for (const secret of Object.values(edge.findResources('AWS::SecretsManager::Secret'))) expect(secret.DeletionPolicy).toBe('Delete');
  });
});

describe('guards', () => {
  it('the AwsSolutions gate fails a synth on an unacknowledged finding', () => {
    const app = new App({ outdir: join(tempDir(), 'cdk.out') });
    new Bucket(new Stack(app, 'Careless'), 'NoLogsNoTls');
    applyChecks(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*AwsSolutions-S10/);
  });

  it('refuses to publish a folder that contains the server catalog', () => {
    const app = appWith({ distDir: distFixture(tempDir()) });
    const config: PlatformConfig = configFromContext(app, ROOT);
    const leaky = { ...config, catalogFile: join(config.contentDir, 'server.json') };
    expect(() => new EdgeStack(app, 'Edge', { env: { region: config.region }, config: leaky })).toThrow(/answer|published/);
  });
});

describe('rotating the origin secret (docs/deploying.md)', () => {
  // The whole prod platform per step, without bundling the functions (only the templates matter here), cdk-nag on.
  const synth = (originSecrets: string) => {
    const app = appWith({
      stage: 'prod', mailFrom: 'no-reply@campus.example.jp', originSecrets, distDir: distFixture(tempDir()), 'aws:cdk:bundling-stacks': [],
    });
    const platform = buildPlatform(app, configFromContext(app, ROOT));
    app.synth();
    const edge = Template.fromStack(platform.edge);
    const env = Object.values(Template.fromStack(platform.api).findResources('AWS::Lambda::Function'))
      .find((f) => f.Properties.Environment?.Variables?.ORIGIN_VERIFY_SECRET)!.Properties.Environment.Variables as Record<string, string>;
    const secrets = edge.findResources('AWS::SecretsManager::Secret');
    const nameOf = (ref: unknown) => secrets[(ref as { Ref: string }).Ref]!.Properties.Name as string;
    const header = (edge.findResources('AWS::CloudFront::Distribution')[Object.keys(edge.findResources('AWS::CloudFront::Distribution'))[0]!]!
      .Properties.DistributionConfig.Origins as Array<{ OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: { 'Fn::Join': [string, unknown[]] } }> }>)
      .flatMap((o) => o.OriginCustomHeaders ?? []).find((h) => h.HeaderName === 'X-Origin-Verify')!;
    const byName = (value: string | undefined) => value?.match(/^\{\{resolve:secretsmanager:(.+):SecretString:::\}\}$/)?.[1];
    return {
      /** Secret names that exist in this step. */
      exist: Object.values(secrets).map((r) => r.Properties.Name as string).sort(),
      /** The secret whose value CloudFront sends. */
      sent: nameOf(header.HeaderValue['Fn::Join'][1][1]),
      /** The secrets whose values the API accepts. */
      accepted: [byName(env.ORIGIN_VERIFY_SECRET), byName(env.ORIGIN_VERIFY_SECRET_ROTATING)].filter((n): n is string => n !== undefined).sort(),
      keys: Object.keys(env).filter((k) => k.startsWith('ORIGIN_VERIFY')).sort(),
    };
  };
  const g = (n: number) => `sogyo-campus/prod/origin-verify/${n}`;
  const procedure = ['1', '1,2', '2,1', '2'] as const;
  let steps: Record<(typeof procedure)[number], ReturnType<typeof synth>>;
  beforeAll(() => {
    steps = Object.fromEntries(procedure.map((p) => [p, synth(p)])) as typeof steps;
  }, 120_000);

  it('at each step CloudFront sends the first generation and the API accepts exactly the listed ones', () => {
    expect(steps['1']).toEqual({ exist: [g(1)], sent: g(1), accepted: [g(1)], keys: ['ORIGIN_VERIFY_SECRET'] });
    expect(steps['1,2']).toEqual({ exist: [g(1), g(2)], sent: g(1), accepted: [g(1), g(2)], keys: ['ORIGIN_VERIFY_SECRET', 'ORIGIN_VERIFY_SECRET_ROTATING'] });
    expect(steps['2,1']).toEqual({ exist: [g(1), g(2)], sent: g(2), accepted: [g(1), g(2)], keys: ['ORIGIN_VERIFY_SECRET', 'ORIGIN_VERIFY_SECRET_ROTATING'] });
    expect(steps['2']).toEqual({ exist: [g(2)], sent: g(2), accepted: [g(2)], keys: ['ORIGIN_VERIFY_SECRET'] });
  });

  it('never refuses CloudFront during the procedure: Edge deploys before Api, so the API of the step before must accept what CloudFront sends next', () => {
    // While a step deploys, the Edge stack goes first (CloudFront's edges switch over minutes) and the API still runs
    // with the previous step's values; once the Api stack is updated it runs with this step's.
    for (let i = 1; i < procedure.length; i++) {
      const before = steps[procedure[i - 1]!];
      const now = steps[procedure[i]!];
      expect(before.accepted, `${procedure[i]} after ${procedure[i - 1]}`).toContain(now.sent);
      expect(now.accepted, procedure[i]).toContain(now.sent);
      expect(now.exist).toEqual(expect.arrayContaining(now.accepted));
    }
    // Skipping the first step would switch CloudFront to a secret the running API does not accept yet.
    expect(steps['1'].accepted).not.toContain(steps['2,1'].sent);
  });
});
