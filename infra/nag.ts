import { type App, type CfnElement, DefaultStackSynthesizer, type Stack, Token, Validations } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';

/** AwsSolutions on every synth; acknowledgements are also written into the templates' metadata for the reviewer. */
export function applyChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
}

/** How cdk-nag prints a value that CloudFormation resolves: `<AWS::AccountId>`, `<Bucket1234.Arn>`. */
export const nagAccount = (stack: Stack) => (Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account);
export const nagPartition = (stack: Stack) => (Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition);
const nagArnOf = (stack: Stack, bucket: IBucket) => `<${stack.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>`;

/**
 * BucketDeployment brings CDK's own handler (one per stack), which copies the build from the CDK asset bucket into
 * ours during a deploy. Its findings are acknowledged on that handler only: the same finding on one of our functions
 * still fails the synth. Call after the deployments exist.
 */
export function acknowledgeBucketDeployment(stack: Stack, destinations: IBucket[]): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) throw new Error(`No BucketDeployment handler in ${stack.stackName}`);
  const assetBucket = `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${nagAccount(stack)}-${stack.region}`;
  const why = 'CDK BucketDeployment handler, invoked only by CloudFormation during a deploy';
  const v = Validations.of(handler);
  v.acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `${why}: CDK attaches AWSLambdaBasicExecutionRole (log writing only) to it and offers no way to replace the role.`,
    },
    {
      id: 'AwsSolutions-L1',
      reason: `${why}: CDK pins its Python runtime (python3.13, supported) together with the bundled AWS CLI layer; we cannot choose it.`,
    },
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${why}: CDK's read grant on the asset bucket and read-write grant on the destination (sync with prune) use this action group.`,
    })),
    {
      id: `AwsSolutions-IAM5[Resource::arn:${nagPartition(stack)}:s3:::${assetBucket}/*]`,
      reason: `${why}: reads the uploaded build archive from the CDK bootstrap asset bucket, whose object keys are content hashes.`,
    },
    ...destinations.map((bucket) => ({
      id: `AwsSolutions-IAM5[Resource::${nagArnOf(stack, bucket)}/*]`,
      reason: `${why}: writes and prunes the deployed files, any key of this one bucket, which holds nothing else.`,
    })),
  );
}
