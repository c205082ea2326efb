import { Aws, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { HttpMethod, HttpRoute, HttpRouteKey, type IHttpApi, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { type PlatformConfig, stageSettings } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import type { OriginVerifyValues } from '../constructs/origin-secrets.ts';
import { GSI_NAMES } from './data-stack.ts';

export interface ApiStackProps extends StackProps {
  config: PlatformConfig;
  httpApi: IHttpApi;
  siteOrigin: string;
  /** The X-Origin-Verify values to accept, as dynamic references to the Edge stack's secrets (EdgeStack.originSecrets). */
  originVerify: OriginVerifyValues;
  table: ITable;
  /** The SES identity of the sender: the API mails invitations, password resets and address confirmations. */
  mailIdentityArn: string;
  /** Business-plan attachments: the uploads bucket's name (EdgeStack.uploadsBucketName). */
  uploadsBucketName: string;
}

/** The Hono app as one Lambda function, attached to the edge's HTTP API at /api/{proxy+}. */
export class ApiStack extends Stack {
  readonly api: AppFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const s = stageSettings(config);

    this.api = new AppFunction(this, 'Api', {
      entry: config.apiEntry,
      root: config.root,
      catalogFile: config.catalogFile,
      description: `Sogyo Campus API (${config.stage})`,
      serviceName: 'sogyo-api',
      // ~0.6 vCPU: a password hash (scrypt, N=2^17, 128 MiB) stays near one second; idle costs nothing either way.
      memorySize: s.apiMemoryMb,
      timeout: s.apiTimeout,
      logRetention: s.logRetention,
      logLevel: s.logLevel,
      removalPolicy: s.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      environment: {
        STAGE: config.stage,
        APP_ORIGIN: props.siteOrigin,
        // Resolved by CloudFormation from Secrets Manager at deploy time: no Secrets Manager call at cold start and no
        // grant to the role. The values are as visible in the function's configuration as in the distribution's.
        ORIGIN_VERIFY_SECRET: props.originVerify.current,
        ...(props.originVerify.rotating ? { ORIGIN_VERIFY_SECRET_ROTATING: props.originVerify.rotating } : {}),
      },
    });
    this.api.bindTable(props.table, 'readwrite', GSI_NAMES);
    // Account mails (invitations, password resets, address confirmations) leave from the one verified sender only.
    this.api.bindMail(props.mailIdentityArn, config.mailFrom);
    // Business-plan attachments: objects under incoming/ and plans/ of the uploads bucket only.
    this.api.bindUploads(props.uploadsBucketName);
    Validations.of(this.api.role).acknowledge(...['incoming', 'plans'].map((prefix) => ({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.uploadsBucketName.replace(Aws.ACCOUNT_ID, '<AWS::AccountId>')}/${prefix}/*]`,
      reason: `Attachments are one object per file under ${prefix}/<municipality>/<founder>/<random id>; the grant is limited to that prefix of the one uploads bucket.`,
    })));

    const route = new HttpRoute(this, 'ApiRoute', {
      httpApi: props.httpApi,
      routeKey: HttpRouteKey.with('/api/{proxy+}', HttpMethod.ANY),
      integration: new HttpLambdaIntegration('ApiIntegration', this.api.fn, { payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 }),
    });

    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Authorization is the app\'s: every route resolves the __Host-sid session and checks one authorization policy (functions/domain/policy.ts), which tests cover per route and role. Public routes (sign-in, enrolment) must stay reachable without it.',
    });
  }
}
