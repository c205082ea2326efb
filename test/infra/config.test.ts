import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { type PlatformConfig, configFromContext } from '../../infra/config.ts';
import { SPA_ROUTING_FUNCTION, contentSecurityPolicy } from '../../infra/edge/headers.ts';
import { applyChecks } from '../../infra/nag.ts';
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

const appWith = (context: Record<string, string>) => new App({ outdir: join(tempDir(), 'cdk.out'), context: { ...cdkJsonContext(), ...context } });
const configWith = (context: Record<string, string>) => configFromContext(appWith(context), ROOT);

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
      stage: 'prod', region: 'ap-northeast-1', mailFrom: 'campus@city.example.jp', domainName: 'campus.example.jp',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', alarmEmail: 'ops@example.jp',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/campus/1',
    });
    expect(c).toMatchObject({ stage: 'prod', region: 'ap-northeast-1', domainName: 'campus.example.jp', alarmEmail: 'ops@example.jp' });
  });

  it.each([
    [{ stage: 'prod' }, /mailFrom .* required/],
    [{ stage: 'Prod!' }, /stage must match/],
    [{ mailFrom: 'not-an-address' }, /not an email address/],
    [{ domainName: 'campus.example.jp' }, /go together/],
    [{ domainName: 'campus.example.jp', certificateArn: 'arn:aws:acm:ap-northeast-3:1:certificate/x' }, /us-east-1/],
    [{ webAclArn: 'arn:aws:wafv2:ap-northeast-3:1:regional/webacl/x/y' }, /CLOUDFRONT-scope/],
  ])('refuses %j', (context, message) => {
    expect(() => configWith(context as Record<string, string>)).toThrow(message);
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

  it('keeps the app\'s CSP and adds only the uploads bucket to connect-src', () => {
    expect(contentSecurityPolicy('https://uploads.example')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; media-src 'self' https:; "
      + "connect-src 'self' https://uploads.example; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
      + "frame-ancestors 'none'; upgrade-insecure-requests",
    );
  });
});

describe('a dev stage', () => {
  it('can be destroyed: no deletion protection, no retained table or buckets', () => {
    const app = appWith({ stage: 'dev' });
    const config = configFromContext(app, ROOT);
    const data = new DataStack(app, 'Data', { env: { region: config.region }, config, siteOrigin: 'https://d111.cloudfront.net' });
    const template = Template.fromStack(data);
    expect(data.terminationProtection).toBe(false);
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(table).toMatchObject({ DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
    expect(table!.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) expect(bucket.DeletionPolicy).toBe('Delete');
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
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
