import { type App, Tags } from 'aws-cdk-lib';
import { type PlatformConfig, stackName } from './config.ts';
import { applyChecks } from './nag.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { EdgeStack } from './stacks/edge-stack.ts';
import { JobsStack } from './stacks/jobs-stack.ts';
import { OpsStack } from './stacks/ops-stack.ts';

export interface Platform {
  edge: EdgeStack;
  data: DataStack;
  api: ApiStack;
  jobs?: JobsStack;
  ops: OpsStack;
}

/**
 * The whole platform in one app, in deploy order: Edge (CloudFront, web and content buckets, HTTP API, origin secret)
 * and Data (table, mail identity) → Api (the Hono function and its route) → Jobs → Ops (alarms, dashboard). cdk-nag's
 * AwsSolutions checks run on every synth.
 */
export function buildPlatform(app: App, config: PlatformConfig): Platform {
  // Region only: the templates are account-agnostic, identical offline and at deploy time (the CLI supplies the account).
  const env = { region: config.region };
  const edge = new EdgeStack(app, stackName(config, 'Edge'), { env, config, description: 'Sogyo Campus: CloudFront, web app, content, HTTP API' });
  const data = new DataStack(app, stackName(config, 'Data'), { env, config, description: 'Sogyo Campus: DynamoDB table, SES identity' });
  const shared = { table: data.table, mailIdentityArn: data.mailIdentityArn, siteOrigin: edge.siteOrigin };
  const api = new ApiStack(app, stackName(config, 'Api'), {
    env, config, httpApi: edge.httpApi, originVerify: edge.originSecrets.values, uploadsBucketName: edge.uploadsBucketName, ...shared, description: 'Sogyo Campus: API function',
  });
  const jobsEntry = config.jobsEntry;
  const jobs = jobsEntry === undefined
    ? undefined
    : new JobsStack(app, stackName(config, 'Jobs'), { env, config: { ...config, jobsEntry }, ...shared, description: 'Sogyo Campus: scheduled jobs' });
  const ops = new OpsStack(app, stackName(config, 'Ops'), {
    env, config, httpApi: edge.httpApi, table: data.table,
    functions: { Api: api.api.fn, ...(jobs ? { Jobs: jobs.jobs.fn } : {}) },
    description: 'Sogyo Campus: alarms and dashboard',
  });
  Tags.of(app).add('project', 'sogyo-campus');
  Tags.of(app).add('stage', config.stage);
  applyChecks(app);
  return { edge, data, api, ...(jobs ? { jobs } : {}), ops };
}
