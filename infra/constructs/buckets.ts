import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type BucketProps, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** What every bucket of the platform has: no public access, encryption at rest, TLS only, no ACLs. */
const BASELINE = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
} as const satisfies BucketProps;

export interface PrivateBucketProps extends Omit<BucketProps, keyof typeof BASELINE | 'serverAccessLogsBucket'> {
  /** Server access logs go here, under `serverAccessLogsPrefix`. */
  logs: IBucket;
  /** Whether the bucket only holds what a deploy recreates (then it is emptied and deleted with its stack). */
  disposable: boolean;
}

/** A private bucket with the baseline, access logs and clean-up of abandoned multipart uploads. */
export function privateBucket(scope: Construct, id: string, props: PrivateBucketProps): Bucket {
  const { logs, disposable, lifecycleRules = [], ...rest } = props;
  return new Bucket(scope, id, {
    ...BASELINE,
    serverAccessLogsBucket: logs,
    lifecycleRules: [{ id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) }, ...lifecycleRules],
    removalPolicy: disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    autoDeleteObjects: disposable,
    ...rest,
  });
}

/**
 * The bucket that receives S3 server access logs and, where `acceptsCloudFrontLogs`, CloudFront standard logs
 * (those are delivered by ACL, which needs BucketOwnerPreferred). Logs expire after `days`.
 */
export function accessLogBucket(
  scope: Construct, id: string, props: { days: number; disposable: boolean; acceptsCloudFrontLogs?: boolean },
): Bucket {
  const bucket = new Bucket(scope, id, {
    ...BASELINE,
    objectOwnership: props.acceptsCloudFrontLogs ? ObjectOwnership.BUCKET_OWNER_PREFERRED : ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [
      { id: 'expire-logs', expiration: Duration.days(props.days) },
      { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    removalPolicy: props.disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    autoDeleteObjects: props.disposable,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This is the access-log bucket itself; logging its own access into itself would loop. Its writes come only from the S3 and CloudFront log delivery services.',
  });
  return bucket;
}
