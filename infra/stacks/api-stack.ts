import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { HttpMethod, HttpRoute, HttpRouteKey, type IHttpApi, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { type PlatformConfig, stageSettings, uploadsBucketName } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { nagAccount, nagPartition } from '../nag.ts';
import { GSI_NAMES } from './data-stack.ts';

export interface ApiStackProps extends StackProps {
  config: PlatformConfig;
  httpApi: IHttpApi;
  siteOrigin: string;
  /** The X-Origin-Verify value CloudFront sends (see EdgeStack.originSecret). */
  originSecret: string;
  table: ITable;
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
      environment: { STAGE: config.stage, APP_ORIGIN: props.siteOrigin, ORIGIN_VERIFY_SECRET: props.originSecret },
    });
    this.api.bindTable(props.table, 'readwrite', GSI_NAMES);
    // By its fixed name (see uploadsBucketName), so the grant reads as the bucket's ARN rather than a stack output.
    const uploads = Bucket.fromBucketName(this, 'Uploads', uploadsBucketName(config));
    this.api.bindUploads(uploads);
    Validations.of(this.api.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${nagPartition(this)}:s3:::${uploadsBucketName(config, nagAccount(this))}/*]`,
      reason: 'Presigned PUT/GET URLs address a key generated per upload, so the grant covers the objects of this one bucket: only GetObject and PutObject, no list, delete or bucket actions.',
    });
    // No SES grant: the API never sends mail; the reminders job does.

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
