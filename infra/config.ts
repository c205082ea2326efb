import { join, resolve } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/** Osaka: the learners' data stays in Japan, in the region nearest the Kansai municipalities. */
export const DEFAULT_REGION = 'ap-northeast-3';

/** Everything that differs between deployments, read once from CDK context (see docs/deploying.md). */
export interface PlatformConfig {
  /** `prod` turns on deletion protection, RETAIN and long log retention; any other name is a disposable stage. */
  readonly stage: string;
  readonly region: string;
  /** Repository root: the bundler's working directory and the lock file's home. */
  readonly root: string;
  readonly apiEntry: string;
  /** Absent until functions/entry/lambda-jobs.ts exists: then there is no Jobs stack. */
  readonly jobsEntry?: string;
  /** Built web app (Vite): index.html at the root, hashed files under assets/. */
  readonly webDir: string;
  /** Compiled public course content, served under /content/. */
  readonly contentDir: string;
  /** Server catalog with quiz answer keys: copied into the Lambda bundles only, never to a bucket. */
  readonly catalogFile: string;
  /** Sender address; an SES email identity is created for it. */
  readonly mailFrom: string;
  /** Optional custom domain (its certificate must be in us-east-1, CloudFront's requirement). */
  readonly domainName?: string;
  readonly certificateArn?: string;
  /** Optional AWS WAF web ACL (scope CLOUDFRONT, so created in us-east-1) to attach to the distribution. */
  readonly webAclArn?: string;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /**
   * Generations of the X-Origin-Verify secret (context `originSecrets`; required for prod, `1` elsewhere): CloudFront
   * sends the first, the API accepts every one listed (at most two, during a rotation), and only the listed ones
   * exist. See docs/deploying.md, "Rotating the origin secret".
   */
  readonly originSecrets: readonly number[];
}

/** The settings that follow from the stage name, so that prod cannot be half-configured. */
export function stageSettings(config: PlatformConfig) {
  const prod = config.stage === 'prod';
  return {
    prod,
    logRetention: prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
    accessLogDays: prod ? 365 : 30,
    logLevel: prod ? 'INFO' : 'DEBUG',
    /** Requests per second over the whole API (API Gateway stage throttling); login has its own limit in the app. */
    apiThrottle: { rateLimit: prod ? 200 : 50, burstLimit: prod ? 400 : 100 },
    apiMemoryMb: 1024,
    apiTimeout: Duration.seconds(10),
  } as const;
}

export const stackName = (config: PlatformConfig, part: string) => `SogyoCampus-${config.stage}-${part}`;

const STAGE = /^[a-z][a-z0-9]{1,9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GENERATIONS = /^[1-9][0-9]{0,3}(,[1-9][0-9]{0,3})?$/;

/**
 * `1` or `2,1`: the generation CloudFront sends first, then the one the API accepts besides it during a rotation.
 * Two different generations at most, so that a rotation cannot be left half-done with old secrets piling up.
 */
function parseOriginSecrets(value: string): number[] {
  const compact = value.replace(/\s+/g, '');
  if (!GENERATIONS.test(compact)) {
    throw new Error(`Context originSecrets must be one generation number or two separated by a comma (e.g. 1, or 2,1), got "${value}"`);
  }
  const generations = compact.split(',').map(Number);
  if (generations[0] === generations[1]) throw new Error(`Context originSecrets names generation ${generations[0]} twice`);
  return generations;
}

/**
 * Reads the configuration from context (`--context stage=prod` or cdk.json). Fails loudly on values that would deploy
 * something broken, rather than at CloudFormation time.
 */
export function configFromContext(app: IConstruct, root: string): PlatformConfig {
  const get = (key: string): string | undefined => {
    const v: unknown = app.node.tryGetContext(key);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw new Error(`Context ${key} must be a string`);
    return v;
  };
  const stage = get('stage') ?? 'dev';
  if (!STAGE.test(stage)) throw new Error(`Context stage must match ${STAGE} (e.g. dev, prod), got "${stage}"`);
  const prod = stage === 'prod';

  const mailFrom = get('mailFrom') ?? (prod ? undefined : 'no-reply@example.com');
  if (!mailFrom) throw new Error('Context mailFrom (the SES sender address) is required for stage prod');
  if (!EMAIL.test(mailFrom)) throw new Error(`Context mailFrom is not an email address: "${mailFrom}"`);

  const domainName = get('domainName');
  const certificateArn = get('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('Context domainName and certificateArn go together');
  }
  if (certificateArn && !certificateArn.includes(':us-east-1:')) {
    throw new Error('Context certificateArn must be an ACM certificate in us-east-1 (CloudFront requires it)');
  }
  const webAclArn = get('webAclArn');
  if (webAclArn && !webAclArn.includes(':us-east-1:') && !webAclArn.includes('/global/')) {
    throw new Error('Context webAclArn must be a CLOUDFRONT-scope web ACL (created in us-east-1)');
  }

  // Required for prod: a deploy that silently fell back to generation 1 after a rotation would make a new secret and
  // switch CloudFront to it before the API accepts it.
  const generation: unknown = app.node.tryGetContext('originSecrets');
  const originSecrets = (typeof generation === 'number' ? String(generation) : get('originSecrets')) ?? (prod ? undefined : '1');
  if (!originSecrets) throw new Error('Context originSecrets (the origin secret generation, 1 at first) is required for stage prod; see docs/deploying.md');

  const dist = resolve(root, get('distDir') ?? 'dist');
  return {
    stage,
    region: get('region') ?? DEFAULT_REGION,
    root,
    apiEntry: join(root, 'functions/entry/lambda-api.ts'),
    jobsEntry: join(root, 'functions/entry/lambda-jobs.ts'),
    webDir: join(dist, 'web'),
    contentDir: join(dist, 'content'),
    catalogFile: join(dist, 'catalog/server.json'),
    mailFrom,
    ...(domainName ? { domainName } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    ...(webAclArn ? { webAclArn } : {}),
    ...(get('alarmEmail') ? { alarmEmail: get('alarmEmail') as string } : {}),
    originSecrets: parseOriginSecrets(originSecrets),
  };
}
