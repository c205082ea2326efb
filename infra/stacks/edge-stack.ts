import { isAbsolute, relative } from 'node:path';
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods, CacheCookieBehavior, CacheHeaderBehavior, CachePolicy, CacheQueryStringBehavior, Distribution,
  Function as CloudFrontFunction, FunctionCode, FunctionEventType, FunctionRuntime, HeadersFrameOption,
  HeadersReferrerPolicy, HttpVersion, OriginProtocolPolicy, OriginRequestPolicy, OriginSslPolicy, PriceClass,
  ResponseHeadersPolicy, SecurityPolicyProtocol, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { type PlatformConfig, stageSettings, uploadsOrigin } from '../config.ts';
import { accessLogBucket, privateBucket } from '../constructs/buckets.ts';
import { HSTS_SECONDS, SPA_ROUTING_FUNCTION, contentSecurityPolicy } from '../edge/headers.ts';
import { acknowledgeBucketDeployment } from '../nag.ts';

export interface EdgeStackProps extends StackProps {
  config: PlatformConfig;
}

/**
 * Everything the browser talks to: the CloudFront distribution, the buckets of the built web app and of the public
 * course content, and the HTTP API that CloudFront forwards /api/* to. The API's Lambda function attaches its route
 * from the Api stack; keeping the HTTP API itself here is what lets that function know the site origin (APP_ORIGIN)
 * while the distribution knows the API's address, without a cycle between stacks.
 */
export class EdgeStack extends Stack {
  readonly distribution: Distribution;
  readonly httpApi: HttpApi;
  /** `https://<domain>`: the site, and the only origin the API and the uploads bucket accept. */
  readonly siteOrigin: string;
  /**
   * Sent by CloudFront to the API as X-Origin-Verify; the API refuses requests without it, so nobody can call the
   * execute-api address directly to skip CloudFront (and spoof CloudFront-Viewer-Address, which sign-in throttling
   * trusts). This stack's UUID: unguessable, stable across deploys, and no secret to rotate by hand.
   */
  readonly originSecret: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const s = stageSettings(config);
    refuseSecretsInPublicDirs(config);

    const logs = accessLogBucket(this, 'LogsBucket', { days: s.accessLogDays, disposable: !s.prod, acceptsCloudFrontLogs: true });
    // Both hold only what a deploy writes again, so they are emptied and removed with the stack.
    const web = privateBucket(this, 'WebBucket', { logs, serverAccessLogsPrefix: 's3/web/', disposable: true });
    const content = privateBucket(this, 'ContentBucket', { logs, serverAccessLogsPrefix: 's3/content/', disposable: true });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `sogyo-campus-${config.stage}`,
      description: 'Sogyo Campus API, reached through CloudFront /api/*',
      createDefaultStage: false,
    });
    const apiAccessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: s.logRetention,
      removalPolicy: s.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'ApiStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: s.apiThrottle,
      // No source IP here: behind CloudFront it is an edge address; CloudFront's own logs carry the viewer's.
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiAccessLogs),
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId',
          time: '$context.requestTime',
          method: '$context.httpMethod',
          path: '$context.path',
          routeKey: '$context.routeKey',
          status: '$context.status',
          protocol: '$context.protocol',
          responseLength: '$context.responseLength',
          latencyMs: '$context.responseLatency',
          integrationLatencyMs: '$context.integrationLatency',
          integrationError: '$context.integrationErrorMessage',
          userAgent: '$context.identity.userAgent',
        })),
      },
    });
    const apiDomain = `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Sogyo Campus security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(uploadsOrigin(config)), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_SECONDS), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true }],
      },
    });
    // Cache-Control set on each object at deploy time decides: a year for hashed assets, revalidate for index.html.
    const staticCache = new CachePolicy(this, 'StaticCache', {
      comment: 'Static files: honour the object Cache-Control; nothing from the viewer in the key',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      comment: 'Client-side routes get index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_ROUTING_FUNCTION),
    });

    // CloudFront's default certificate fixes the viewer policy at TLSv1; with our own, TLS 1.2 is the minimum.
    const custom = config.domainName && config.certificateArn
      ? {
        domainNames: [config.domainName],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn),
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }
      : {};
    const originSecret = Fn.select(2, Fn.split('/', this.stackId));
    this.originSecret = originSecret;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Sogyo Campus ${config.stage}`,
      ...custom,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes Japan and the rest of Asia, at a lower price than all edge locations.
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      ...(config.webAclArn ? { webAclId: config.webAclArn } : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(web),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: staticCache,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/content/*': {
          origin: S3BucketOrigin.withOriginAccessControl(content),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: staticCache,
          responseHeadersPolicy: headers,
          compress: true,
        },
        '/api/*': {
          origin: new HttpOrigin(apiDomain, {
            customHeaders: { 'X-Origin-Verify': originSecret },
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            readTimeout: Duration.seconds(30),
          }),
          // Redirecting would turn a POST into a GET; plain HTTP is refused instead.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Cookies (the __Host-sid session), query strings and every header but Host, which must name the API.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          compress: true,
        },
      },
    });
    this.siteOrigin = `https://${config.domainName ?? this.distribution.distributionDomainName}`;

    // Hashed assets first and never pruned, so a browser still holding the previous index.html finds its files.
    const assets = new BucketDeployment(this, 'DeployWebAssets', {
      sources: [Source.asset(config.webDir)],
      destinationBucket: web,
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      memoryLimit: 512,
    });
    const shell = new BucketDeployment(this, 'DeployWebShell', {
      sources: [Source.asset(config.webDir)],
      destinationBucket: web,
      exclude: ['assets/*'],
      prune: true,
      // Revalidated on every request, so a deploy is visible at once without an invalidation.
      cacheControl: [CacheControl.fromString('no-cache')],
      memoryLimit: 512,
    });
    shell.node.addDependency(assets);
    const lessons = new BucketDeployment(this, 'DeployContent', {
      sources: [Source.asset(config.contentDir)],
      destinationBucket: content,
      destinationKeyPrefix: 'content/',
      prune: true,
      // Lesson files are not content-hashed: a curriculum change reaches every learner within five minutes.
      cacheControl: [CacheControl.fromString('public, max-age=300')],
      memoryLimit: 512,
    });
    // Browsers ignore a captions track that is not served as text/vtt, and the sync guesses types by extension with
    // no entry for .vtt: put the captions again with their type, after the sync.
    const captions = new BucketDeployment(this, 'DeployCaptions', {
      sources: [Source.asset(config.contentDir)],
      destinationBucket: content,
      destinationKeyPrefix: 'content/',
      exclude: ['*'],
      include: ['*.vtt'],
      prune: false,
      contentType: 'text/vtt; charset=utf-8',
      cacheControl: [CacheControl.fromString('public, max-age=300')],
      memoryLimit: 512,
    });
    captions.node.addDependency(lessons);

    acknowledgeBucketDeployment(this, [web, content]);
    acknowledgeDistribution(this.distribution, config);
    new CfnOutput(this, 'SiteUrl', { value: this.siteOrigin, description: 'The site: web app, /content and /api' });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
  }
}

function acknowledgeDistribution(distribution: Distribution, config: PlatformConfig): void {
  const v = Validations.of(distribution);
  v.acknowledge({
    id: 'AwsSolutions-CFR1',
    reason: 'No geo restriction on purpose: founders study from anywhere, including abroad; every API route requires a session and personal data never reaches the cache.',
  });
  if (!config.webAclArn) {
    v.acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'WAF is optional (context webAclArn) because a web ACL costs about USD 8/month even with no traffic. Without it: API Gateway stage throttling, the app\'s own login rate limits, and no cacheable personal data.',
    });
  }
  if (!config.domainName) {
    v.acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'With the default *.cloudfront.net certificate CloudFront fixes the viewer security policy at TLSv1; browsers negotiate TLS 1.2+ anyway. Setting context domainName/certificateArn applies TLSv1.2_2021.',
    });
  }
}

/** The server catalog holds quiz answer keys: refuse to deploy if it sits inside a folder that goes to a bucket. */
function refuseSecretsInPublicDirs(config: PlatformConfig): void {
  for (const dir of [config.webDir, config.contentDir]) {
    const rel = relative(dir, config.catalogFile);
    if (!rel.startsWith('..') && !isAbsolute(rel)) {
      throw new Error(`The server catalog ${config.catalogFile} is inside ${dir}, which is published: build it elsewhere`);
    }
  }
}
