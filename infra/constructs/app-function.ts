import { Aws, type Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CATALOG_FILE_ON_LAMBDA, LAMBDA_BUNDLE, lambdaBundling } from '../bundle.ts';

/** The runtime every function uses; LAMBDA_BUNDLE.target must name the same Node version. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** Item-level reads: transactions (TransactGetItems) are authorized by GetItem. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
/** Item-level writes: TransactWriteItems is authorized by these per item. No Scan, no table administration. */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export interface AppFunctionProps {
  entry: string;
  root: string;
  catalogFile: string;
  description: string;
  /** Powertools service name, the `service` field of every log line and metric. */
  serviceName: string;
  memorySize: number;
  timeout: Duration;
  logRetention: RetentionDays;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  removalPolicy: RemovalPolicy;
  environment: Record<string, string>;
}

/**
 * A Lambda function of the platform: Node 24 on ARM64, the shared ESM bundle with the server catalog, JSON logs in a
 * log group with retention, and a role that starts with nothing but writing to that log group. Each `bind*` sets the
 * environment variable and the grant together, so a function cannot know a resource it may not use.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    if (!LAMBDA_RUNTIME.name.startsWith(LAMBDA_BUNDLE.target.replace('node', 'nodejs'))) {
      throw new Error(`Bundle target ${LAMBDA_BUNDLE.target} does not match runtime ${LAMBDA_RUNTIME.name}`);
    }
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    // Our own role instead of the default one: that one carries the AWS managed AWSLambdaBasicExecutionRole, which
    // may write to any log group of the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (least privilege)`,
    });
    this.logGroup.grantWrite(this.role);
    const applicationLogLevel = ApplicationLogLevel[props.logLevel];
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.root,
      depsLockFilePath: `${props.root}/package-lock.json`,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      // Platform lines (START, REPORT) as JSON too; Powertools writes the application's JSON lines with the request id.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: applicationLogLevel,
      systemLogLevelV2: SystemLogLevel.INFO,
      bundling: lambdaBundling(props.catalogFile),
      environment: {
        ...props.environment,
        CATALOG_FILE: CATALOG_FILE_ON_LAMBDA,
        LOG_LEVEL: props.logLevel,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: 'SogyoCampus',
      },
    });
  }

  /** TABLE_NAME plus item-level access to the table and Query on the named indexes (never `index/*`). */
  bindTable(table: ITable, access: 'read' | 'readwrite', indexNames: readonly string[]): void {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    const actions = access === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
    this.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'TableItems', actions, resources: [table.tableArn] }));
    this.role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'TableIndexes',
      actions: ['dynamodb:Query'],
      resources: indexNames.map((name) => `${table.tableArn}/index/${name}`),
    }));
  }

  /**
   * UPLOADS_BUCKET plus object access under the two prefixes the API uses: `incoming/` (what the browser posted, checked
   * and then deleted) and `plans/` (recorded attachments). Put (the presigned POSTs are signed with this role, and the
   * copy), Get (HEAD, the first bytes, presigned downloads) and Delete — no listing, nothing bucket-wide.
   */
  bindUploads(bucketName: string): void {
    this.fn.addEnvironment('UPLOADS_BUCKET', bucketName);
    const arn = `arn:${Aws.PARTITION}:s3:::${bucketName}`;
    this.role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'UploadObjects',
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
      resources: [`${arn}/incoming/*`, `${arn}/plans/*`],
    }));
  }

  /** MAIL_FROM plus SES sending, only through this identity and only with this From address. */
  bindMail(identityArn: string, mailFrom: string): void {
    this.fn.addEnvironment('MAIL_FROM', mailFrom);
    this.role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'SendMail',
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [identityArn],
      conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
    }));
  }
}
