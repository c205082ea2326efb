import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { INDEXES } from '../../functions/store/keys.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_IN_BUNDLE, buildLambdaBundle } from '../../infra/bundle.ts';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/app-function.ts';
import { HSTS_SECONDS } from '../../infra/edge/headers.ts';
import { type Platform, buildPlatform } from '../../infra/platform.ts';
import { type TestPlatformApp, testPlatformApp } from './platform-fixture.ts';

// One synthesized prod app for the whole file: bundling with esbuild is the slow part and runs once.
let t: TestPlatformApp;
let platform: Platform;
let synthError: unknown;
const tpl = {} as Record<'edge' | 'data' | 'api' | 'jobs' | 'ops', Template>;

beforeAll(() => {
  t = testPlatformApp({ stage: 'prod', mailFrom: 'no-reply@campus.example.jp', alarmEmail: 'ops@campus.example.jp', originSecrets: '1' });
  platform = buildPlatform(t.app, t.config);
  try {
    t.app.synth();
  } catch (e) {
    synthError = e;
  }
  if (synthError) return;
  tpl.edge = Template.fromStack(platform.edge);
  tpl.data = Template.fromStack(platform.data);
  tpl.api = Template.fromStack(platform.api);
  tpl.jobs = Template.fromStack(platform.jobs!);
  tpl.ops = Template.fromStack(platform.ops);
});

afterAll(() => t?.cleanup());

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
const all = (template: Template, type: string) => Object.entries(template.findResources(type)) as [string, Resource][];
const allTemplates = () => {
  expect(Object.keys(tpl), 'the templates of the five stacks (the synth failed?)').toHaveLength(5);
  return Object.values(tpl);
};
const one = (template: Template, type: string, idPrefix: string): Resource => {
  const found = all(template, type).filter(([id]) => id.startsWith(idPrefix));
  expect(found, `${type} ${idPrefix}*`).toHaveLength(1);
  return found[0]![1];
};
const statementsOf = (template: Template, rolePrefix: string) => all(template, 'AWS::IAM::Policy')
  .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(rolePrefix))
  .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
const asList = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

describe('cdk-nag (AwsSolutions)', () => {
  it('synthesizes the prod app with no unacknowledged finding', () => {
    // A finding makes app.synth() throw with the report; show it rather than a bare failure.
    expect(synthError === undefined ? '' : String((synthError as Error).message)).toBe('');
  });

  it('acknowledges only specific findings, each with a concrete reason', () => {
    const acks: Array<{ path: string; id: string; reason: string }> = [];
    const visit = (c: IConstruct) => {
      for (const m of c.node.metadata) {
        if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(m.data as Record<string, string>)) acks.push({ path: c.node.path, id, reason });
      }
      c.node.children.forEach(visit);
    };
    visit(t.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(60);
      // IAM findings are acknowledged one wildcard at a time, never the whole rule.
      if (/IAM5/.test(a.id)) expect(a.id, a.path).toMatch(/IAM5\[(Action|Resource)::.+\]$/);
      // Nothing is waved through for a whole stack or the app.
      expect(a.path.split('/').length, `${a.id} on ${a.path}`).toBeGreaterThan(1);
    }
  });
});

describe('stacks', () => {
  it('deploys to Osaka, one stack per concern, Data protected from deletion', () => {
    for (const stack of [platform.edge, platform.data, platform.api, platform.jobs!, platform.ops]) {
      expect(stack.region).toBe('ap-northeast-3');
    }
    expect(platform.data.terminationProtection).toBe(true);
    // Data needs nothing from the edge any more (no uploads bucket, so no CORS origin).
    expect(platform.data.dependencies).toEqual([]);
    // The Api stack deploys after Edge: it names Edge's origin secrets, which must exist first.
    expect(platform.api.dependencies).toEqual(expect.arrayContaining([platform.edge, platform.data]));
  });
});

describe('data', () => {
  it('has one on-demand table with PITR, deletion protection, RETAIN, TTL and the indexes the store uses', () => {
    const table = one(tpl.data, 'AWS::DynamoDB::Table', 'Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    });
    const gsis = table.Properties.GlobalSecondaryIndexes as Array<Record<string, any>>;
    // The same indexes as the store's key design (functions/store/keys.ts), which the local table is created with.
    expect(gsis.map((g) => g.IndexName)).toEqual([...INDEXES]);
    for (const g of gsis) {
      expect(g.KeySchema).toEqual([
        { AttributeName: `${g.IndexName}pk`, KeyType: 'HASH' }, { AttributeName: `${g.IndexName}sk`, KeyType: 'RANGE' },
      ]);
      expect(g.Projection).toEqual({ ProjectionType: 'ALL' });
    }
  });

  it('holds no bucket: the uploads bucket lives in Edge (its CSP and CORS need the site), and only it has CORS', () => {
    expect(all(tpl.data, 'AWS::S3::Bucket')).toEqual([]);
    for (const template of allTemplates()) {
      for (const [id, bucket] of all(template, 'AWS::S3::Bucket')) {
        if (!id.startsWith('UploadsBucket')) expect(bucket.Properties.CorsConfiguration, id).toBeUndefined();
      }
    }
  });

  it('creates the SES identity for the configured sender', () => {
    tpl.data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'no-reply@campus.example.jp' });
  });
});

describe('buckets, in every stack', () => {
  it('block public access, encrypt, disable ACLs (except CloudFront log delivery) and log access', () => {
    let count = 0;
    for (const template of allTemplates()) {
      for (const [id, bucket] of all(template, 'AWS::S3::Bucket')) {
        count++;
        const p = bucket.Properties;
        expect(p.PublicAccessBlockConfiguration, id).toEqual({
          BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
        });
        expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, id).toBe('AES256');
        expect(JSON.stringify(p.LifecycleConfiguration.Rules), id).toContain('AbortIncompleteMultipartUpload');
        const ownership = p.OwnershipControls.Rules[0].ObjectOwnership;
        if (id.startsWith('LogsBucket')) {
          expect(ownership, id).toBe(template === tpl.edge ? 'BucketOwnerPreferred' : 'BucketOwnerEnforced');
        } else {
          expect(ownership, id).toBe('BucketOwnerEnforced');
          expect(p.LoggingConfiguration?.DestinationBucketName, `${id} access logs`).toBeDefined();
        }
      }
    }
    expect(count).toBe(4); // web, content, uploads, edge logs
  });

  it('have a policy that denies plain HTTP and allows no anonymous principal', () => {
    for (const template of allTemplates()) {
      const buckets = all(template, 'AWS::S3::Bucket').map(([id]) => id);
      const policies = all(template, 'AWS::S3::BucketPolicy');
      expect(policies.map(([, p]) => p.Properties.Bucket.Ref).sort()).toEqual(buckets.sort());
      for (const [id, policy] of policies) {
        const statements = policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>;
        expect(statements, id).toContainEqual(expect.objectContaining({
          Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }));
        for (const s of statements.filter((x) => x.Effect === 'Allow')) {
          expect(JSON.stringify(s.Principal), id).not.toMatch(/"\*"/);
          if (s.Principal.Service) expect(s.Condition, `${id}: a service principal is pinned to its source`).toBeDefined();
        }
      }
    }
  });

  it('let CloudFront read web and content files only through this distribution (OAC)', () => {
    for (const prefix of ['WebBucket', 'ContentBucket']) {
      const policy = all(tpl.edge, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref.startsWith(prefix))![1];
      const reads = (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>)
        .filter((s) => s.Effect === 'Allow' && asList(s.Action).some((a: string) => a.startsWith('s3:Get')) && s.Principal.Service);
      expect(reads, prefix).toHaveLength(1);
      expect(reads[0]!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(reads[0]!.Action).toBe('s3:GetObject');
      expect(JSON.stringify(reads[0]!.Condition.StringEquals['AWS:SourceArn'])).toMatch(/:distribution\/.*Distribution/);
    }
  });
});

describe('edge', () => {
  const distribution = () => one(tpl.edge, 'AWS::CloudFront::Distribution', 'Distribution').Properties.DistributionConfig;
  const behavior = (path: string) => (distribution().CacheBehaviors as Array<Record<string, any>>).find((b) => b.PathPattern === path)!;
  const originOf = (b: Record<string, any>) => (distribution().Origins as Array<Record<string, any>>).find((o) => o.Id === b.TargetOriginId)!;

  it('serves the web app and content from S3 through origin access control', () => {
    const oacs = all(tpl.edge, 'AWS::CloudFront::OriginAccessControl');
    expect(oacs).toHaveLength(2);
    for (const [, oac] of oacs) {
      expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
        OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4',
      });
    }
    const web = originOf(distribution().DefaultCacheBehavior);
    expect(JSON.stringify(web.DomainName)).toContain('WebBucket');
    expect(web.OriginAccessControlId).toBeDefined();
    expect(web.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    const content = originOf(behavior('/content/*'));
    expect(JSON.stringify(content.DomainName)).toContain('ContentBucket');
    expect(content.OriginAccessControlId).toBeDefined();
  });

  it('routes client-side paths to index.html with a viewer-request function, not with error pages', () => {
    const d = distribution();
    expect(d.DefaultRootObject).toBe('index.html');
    expect(d.CustomErrorResponses).toBeUndefined();
    expect(d.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^SpaRouting/), 'FunctionARN'] } },
    ]);
  });

  it('serves the service worker from the web bucket, never kept at the edge, revalidated by browsers', () => {
    const sw = behavior('/sw.js');
    expect(sw.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(sw.TargetOriginId).toBe(distribution().DefaultCacheBehavior.TargetOriginId);
    expect(sw.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
    expect(sw.FunctionAssociations).toBeUndefined();
    // sw.js is in the shell deployment (everything but assets/), whose objects say no-cache to browsers.
    const shell = all(tpl.edge, 'Custom::CDKBucketDeployment').find(([id]) => id.startsWith('DeployWebShell'))![1].Properties;
    expect(shell.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
  });

  it('forwards /api/* to the HTTP API uncached, with every method, cookies and query strings', () => {
    const api = behavior('/api/*');
    expect(api.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    const origin = originOf(api);
    expect(JSON.stringify(origin.DomainName)).toMatch(/HttpApi.*execute-api\.ap-northeast-3\./);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('sends X-Origin-Verify from a generated Secrets Manager secret, which the API function reads from the same secret', () => {
    // The API refuses calls without this header: nobody can reach it around CloudFront.
    const api = behavior('/api/*');
    const verify = originOf(api).OriginCustomHeaders.find((h: { HeaderName: string }) => h.HeaderName === 'X-Origin-Verify');
    const secrets = all(tpl.edge, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0]!;
    // A dynamic reference: CloudFormation reads the value at deploy time; the template holds no secret.
    expect(verify.HeaderValue).toEqual({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] });
    expect(secret.Properties).toMatchObject({
      Name: 'sogyo-campus/prod/origin-verify/1',
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
    });
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.DeletionPolicy).toBe('Delete');
    const env = fn(tpl.api, 'ApiFunction').Environment.Variables;
    expect(env.ORIGIN_VERIFY_SECRET).toBe(`{{resolve:secretsmanager:${secret.Properties.Name}:SecretString:::}}`);
    expect(env.ORIGIN_VERIFY_SECRET_ROTATING).toBeUndefined();
    // The old stack-id value is gone from every template.
    for (const template of allTemplates()) expect(JSON.stringify(template.toJSON())).not.toContain('AWS::StackId');
  });

  it('never serves plain HTTP and logs every request', () => {
    const d = distribution();
    for (const b of [d.DefaultCacheBehavior, ...d.CacheBehaviors]) expect(b.ViewerProtocolPolicy).toMatch(/^(redirect-to-https|https-only)$/);
    expect(d.Logging).toMatchObject({ Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^LogsBucket/), 'RegionalDomainName'] }, IncludeCookies: false });
  });

  it('sends the security headers on every behavior', () => {
    const d = distribution();
    const policies = all(tpl.edge, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0]!;
    for (const b of [d.DefaultCacheBehavior, ...d.CacheBehaviors]) expect(b.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const h = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(h.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: HSTS_SECONDS, IncludeSubdomains: true, Override: true });
    expect(HSTS_SECONDS).toBe(63_072_000);
    expect(h.ContentTypeOptions).toEqual({ Override: true });
    expect(h.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(h.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
    const csp = JSON.stringify(h.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    // Besides its own origin, the page connects only to the uploads bucket (attachments posted with presigned POSTs).
    expect(csp).toMatch(/connect-src 'self' https:\/\/sogyo-campus-prod-uploads-",\{"Ref":"AWS::AccountId"\},"\.s3\.ap-northeast-3\.",\{"Ref":"AWS::URLSuffix"\},"; /);
  });

  it('caches hashed assets for a year, revalidates index.html, and keeps the answer keys out of every bucket', () => {
    const deployments = all(tpl.edge, 'Custom::CDKBucketDeployment').map(([id, r]) => [id, r.Properties] as const);
    const byId = (prefix: string) => deployments.find(([id]) => id.startsWith(prefix))![1];
    expect(byId('DeployWebAssets').SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
    expect(byId('DeployWebAssets').Prune).toBe(false);
    expect(byId('DeployWebShell').SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(byId('DeployContent').DestinationBucketKeyPrefix).toBe('content/');
    expect(byId('DeployCaptions').SystemMetadata).toEqual({ 'content-type': 'text/vtt; charset=utf-8', 'cache-control': 'public, max-age=300' });
    expect(byId('DeployCaptions').Prune).toBe(false);
    expect(tpl.edge.toJSON().Resources[deployments.find(([id]) => id.startsWith('DeployCaptions'))![0]].DependsOn.join(' ')).toMatch(/DeployContent/);
    for (const [id, d] of deployments) {
      for (const key of d.SourceObjectKeys as string[]) {
        const assetDir = join(t.app.outdir, `asset.${key.replace(/\.zip$/, '')}`);
        expect(existsSync(assetDir), `${id}: ${assetDir}`).toBe(true);
        expect(filesUnder(assetDir).filter((f) => f.endsWith('server.json')), id).toEqual([]);
      }
    }
  });

  it('throttles the HTTP API, logs its access, and exposes only /api/{proxy+}', () => {
    tpl.edge.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    const routes = allTemplates().flatMap((x) => all(x, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map(([, r]) => r.Properties.RouteKey)).toEqual(['ANY /api/{proxy+}']);
  });

  it('outputs the site URL', () => {
    tpl.edge.hasOutput('SiteUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Distribution'), 'DomainName'] }]] } });
  });
});

describe('functions', () => {
  it.each([['api', 'ApiFunction'], ['jobs', 'JobsFunction']] as const)('%s: Node 24 on ARM64, ESM bundle, JSON logs kept, catalog path set', (name, prefix) => {
    const p = fn(tpl[name], prefix);
    expect(p).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: { Ref: expect.stringMatching(/Logs/) } });
    expect(Object.keys(p.Environment.Variables).sort()).toEqual([
      'APP_ORIGIN', 'CATALOG_FILE', 'LOG_LEVEL', 'MAIL_FROM', ...(name === 'jobs' ? [] : ['ORIGIN_VERIFY_SECRET']), 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME',
      'STAGE', 'TABLE_NAME', ...(name === 'jobs' ? [] : ['UPLOADS_BUCKET']),
    ]);
    expect(p.Environment.Variables).toMatchObject({ CATALOG_FILE: '/var/task/catalog/server.json', STAGE: 'prod' });
    expect(JSON.stringify(p.Environment.Variables.APP_ORIGIN)).toMatch(/https:\/\/.*Distribution.*DomainName/);
    tpl[name].hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('api: sized for the password hash, within the HTTP API integration timeout', () => {
    expect(fn(tpl.api, 'ApiFunction')).toMatchObject({ MemorySize: 1024, Timeout: 10 });
    tpl.api.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  });

  it.each([['api', 'ApiRole'], ['jobs', 'JobsRole']] as const)('%s: own role, no managed policy, no action wildcard, no Scan', (name, role) => {
    const [, r] = all(tpl[name], 'AWS::IAM::Role').find(([id]) => id.startsWith(role))!;
    expect(r.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOf(tpl[name], role);
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      for (const a of asList(s.Action) as string[]) expect(a, JSON.stringify(s)).not.toContain('*');
    }
    expect(statements.flatMap((s) => asList(s.Action))).not.toContain('dynamodb:Scan');
    const items = statements.find((s) => s.Sid === 'TableItems')!;
    expect([...items.Action].sort()).toEqual([...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS].sort());
    expect(JSON.stringify(items.Resource)).toMatch(/Table.*Arn/);
    const indexes = statements.find((s) => s.Sid === 'TableIndexes')!;
    expect(indexes.Action).toBe('dynamodb:Query');
    expect(JSON.stringify(indexes.Resource)).toMatch(/\/index\/gsi1".*\/index\/gsi2".*\/index\/gsi3"/);
    expect(JSON.stringify(indexes.Resource)).not.toContain('index/*');
    // Both send mail (the API: invitations, resets, confirmations; the jobs: reminders), only from the one sender.
    const mail = statements.find((s) => s.Sid === 'SendMail')!;
    expect(mail.Action).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(mail.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@campus.example.jp' } });
    expect(JSON.stringify(mail.Resource)).toContain(':identity/');
  });

  it('api: objects of the uploads bucket under incoming/ and plans/ only — put, get, delete; no listing, nothing else of S3', () => {
    const s3 = statementsOf(tpl.api, 'ApiRole').filter((s) => (asList(s.Action) as string[]).some((a) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(s3[0]).toMatchObject({ Sid: 'UploadObjects', Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'] });
    const resources = JSON.stringify(s3[0]!.Resource);
    expect(resources).toContain('s3:::sogyo-campus-prod-uploads-');
    expect(resources.match(/\/(incoming|plans)\/\*/g)).toEqual(['/incoming/*', '/plans/*']);
    expect(fn(tpl.api, 'ApiFunction').Environment.Variables.UPLOADS_BUCKET).toEqual({ 'Fn::Join': ['', ['sogyo-campus-prod-uploads-', { Ref: 'AWS::AccountId' }]] });
  });

  it('edge: the uploads bucket takes form posts from the site only, empties incoming/ after a day, and is kept in prod', () => {
    const [[, bucket]] = all(tpl.edge, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('UploadsBucket')) as [[string, any]];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketName).toEqual({ 'Fn::Join': ['', ['sogyo-campus-prod-uploads-', { Ref: 'AWS::AccountId' }]] });
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([{
      AllowedMethods: ['POST'], AllowedHeaders: ['*'], MaxAge: 3000, AllowedOrigins: [expect.anything()],
    }]);
    expect(JSON.stringify(bucket.Properties.CorsConfiguration.CorsRules[0].AllowedOrigins)).toMatch(/https:\/\/.*Distribution.*DomainName|https:\/\/campus/);
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ Id: 'expire-unconfirmed-uploads', Prefix: 'incoming/', ExpirationInDays: 1, Status: 'Enabled' }),
    ]));
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toBe('s3/uploads/');
  });

  it.each([['api', 'ApiRole'], ['jobs', 'JobsRole']] as const)('%s: no Secrets Manager or KMS access (the origin secret arrives resolved); jobs no S3 either', (name, role) => {
    const actions = statementsOf(tpl[name], role).flatMap((s) => asList(s.Action) as string[]);
    expect(actions.filter((a) => (name === 'jobs' && a.startsWith('s3:')) || a.startsWith('secretsmanager:') || a.startsWith('kms:'))).toEqual([]);
    expect(actions.length).toBeGreaterThan(0);
  });

  it('jobs: runs daily at 09:00 JST (00:00 UTC) with retries', () => {
    const rule = one(tpl.jobs, 'AWS::Events::Rule', 'DailyReminders').Properties;
    expect(rule.ScheduleExpression).toBe('cron(0 0 * * ? *)');
    expect(rule.Targets).toEqual([expect.objectContaining({
      Arn: { 'Fn::GetAtt': [expect.stringMatching(/^JobsFunction/), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
      Input: JSON.stringify({ job: 'reminders' }),
    })]);
  });

  it('jobs: seminar make-ups run every 15 minutes on the same function, with one retry', () => {
    const rule = one(tpl.jobs, 'AWS::Events::Rule', 'SeminarMakeUps').Properties;
    expect(rule.ScheduleExpression).toBe('rate(15 minutes)');
    expect(rule.Targets).toEqual([expect.objectContaining({
      Arn: { 'Fn::GetAtt': [expect.stringMatching(/^JobsFunction/), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 900 },
      Input: JSON.stringify({ job: 'makeups' }),
    })]);
  });
});

describe('the API bundle', () => {
  it('is byte for byte what buildLambdaBundle produces, with the server catalog inside', async () => {
    const code = fn(tpl.api, 'ApiFunction').Code as { S3Key: string };
    const asset = join(t.app.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    const out = mkdtempSync(join(tmpdir(), 'sogyo-bundle-'));
    try {
      const built = await buildLambdaBundle({ entry: t.config.apiEntry, outdir: out, catalogFile: t.config.catalogFile, root: t.config.root });
      expect(readFileSync(built.file).equals(readFileSync(join(asset, 'index.mjs')))).toBe(true);
      expect(readFileSync(join(asset, CATALOG_IN_BUNDLE), 'utf8')).toBe(readFileSync(t.config.catalogFile, 'utf8'));
      expect(readFileSync(join(out, CATALOG_IN_BUNDLE), 'utf8')).toBe(readFileSync(t.config.catalogFile, 'utf8'));
      expect(readFileSync(built.file, 'utf8')).toMatch(/^import\{createRequire as /);
      expect(built.bytes).toBe(statSync(join(asset, 'index.mjs')).size);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('operations', () => {
  const alarms = () => all(tpl.ops, 'AWS::CloudWatch::Alarm').map(([id, a]) => [id, a.Properties] as const);

  it('alarms on the API 5xx rate, Lambda errors and throttles, and DynamoDB throttles, and notifies the topic', () => {
    expect(alarms().map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'Api5xxRate', 'ApiErrors', 'ApiThrottles', 'JobsErrors', 'JobsThrottles', 'TableThrottles',
    ]);
    const [topicId] = all(tpl.ops, 'AWS::SNS::Topic')[0]!;
    for (const [id, a] of alarms()) {
      expect(a.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(a.TreatMissingData, id).toBe('notBreaching');
    }
    const rate = alarms().find(([id]) => id.startsWith('Api5xxRate'))![1];
    const metrics = JSON.stringify(rate.Metrics);
    expect(metrics).toContain('"MetricName":"5xx"');
    expect(metrics).toContain('"MetricName":"Count"');
    expect(rate.Threshold).toBe(5);
    const ddb = JSON.stringify(alarms().find(([id]) => id.startsWith('TableThrottles'))![1].Metrics);
    expect(ddb).toContain('ReadThrottleEvents');
    expect(ddb).toContain('WriteThrottleEvents');
  });

  it('has a dashboard, a TLS-only alarm topic and the e-mail subscription from context', () => {
    expect(all(tpl.ops, 'AWS::CloudWatch::Dashboard')).toHaveLength(1);
    tpl.ops.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@campus.example.jp' });
    const policy = all(tpl.ops, 'AWS::SNS::TopicPolicy')[0]![1];
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });
});

function fn(template: Template, prefix: string) {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0]![1].Properties as Record<string, any>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}
