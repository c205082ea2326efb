import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { type PlatformConfig, stageSettings } from '../config.ts';

/** The secondary indexes, as functions/store/table.ts declares them for the local host. */
/** The same indexes as functions/store/keys.ts INDEXES: gsi2 and gsi3 page a municipality's founders by name and by last activity. */
export const GSI_NAMES = ['gsi1', 'gsi2', 'gsi3'] as const;

export interface DataStackProps extends StackProps {
  config: PlatformConfig;
}

/**
 * What must survive every deploy: the one DynamoDB table and the SES sender identity. In prod the stack has
 * termination protection and the table is retained and deletion-protected. (Plan-draft uploads will bring their
 * bucket here when that feature is built; until then no bucket holds personal data.)
 */
export class DataStack extends Stack {
  readonly table: Table;
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
      // Logins, idempotency records, throttle windows and audit entries carry an expiry in epoch seconds.
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

    const identity = new EmailIdentity(this, 'MailFrom', { identity: Identity.email(config.mailFrom) });
    this.mailIdentityArn = identity.emailIdentityArn;

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }
}
