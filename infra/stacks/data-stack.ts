import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { HttpMethods, type Bucket } from 'aws-cdk-lib/aws-s3';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { type PlatformConfig, stageSettings, uploadsBucketName } from '../config.ts';
import { accessLogBucket, privateBucket } from '../constructs/buckets.ts';

/** The secondary indexes, as functions/store/table.ts declares them for the local host. */
export const GSI_NAMES = ['gsi1', 'gsi2'] as const;

export interface DataStackProps extends StackProps {
  config: PlatformConfig;
  /** The site origin, the only origin allowed to PUT/GET uploads from a browser (CORS). */
  siteOrigin: string;
}

/**
 * What must survive every deploy: the one DynamoDB table, the uploads bucket (plan drafts) and the SES sender
 * identity. In prod the stack has termination protection and each resource is retained and deletion-protected.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly uploads: Bucket;
  readonly mailIdentityArn: string;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, { terminationProtection: stageSettings(props.config).prod, ...props });
    const { config } = props;
    const s = stageSettings(config);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: s.prod,
      removalPolicy: s.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      // Sessions, idempotency records and throttle windows carry an expiry in epoch seconds.
      timeToLiveAttribute: 'ttl',
    });
    for (const name of GSI_NAMES) {
      this.table.addGlobalSecondaryIndex({
        indexName: name,
        partitionKey: { name: `${name}pk`, type: AttributeType.STRING },
        sortKey: { name: `${name}sk`, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    const logs = accessLogBucket(this, 'LogsBucket', { days: s.accessLogDays, disposable: !s.prod });
    this.uploads = privateBucket(this, 'UploadsBucket', {
      bucketName: uploadsBucketName(config),
      logs,
      serverAccessLogsPrefix: 's3/uploads/',
      disposable: !s.prod,
      versioned: true,
      lifecycleRules: [{
        id: 'expire-old-versions',
        // A replaced or deleted draft can be restored for 30 days, then it is gone for good.
        noncurrentVersionExpiration: Duration.days(30),
        expiredObjectDeleteMarker: true,
      }],
      cors: [{
        allowedOrigins: [props.siteOrigin],
        allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
        allowedHeaders: ['content-type', 'x-amz-*'],
        exposedHeaders: ['ETag'],
        maxAge: 3600,
      }],
    });

    const identity = new EmailIdentity(this, 'MailFrom', { identity: Identity.email(config.mailFrom) });
    this.mailIdentityArn = identity.emailIdentityArn;

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UploadsBucketName', { value: this.uploads.bucketName });
  }
}
