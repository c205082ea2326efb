import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm, AlarmStatusWidget, ComparisonOperator, Dashboard, GraphWidget, type IMetric, MathExpression, Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { PlatformConfig } from '../config.ts';

export interface OpsStackProps extends StackProps {
  config: PlatformConfig;
  httpApi: IHttpApi;
  table: ITable;
  /** The functions to watch, by a short name used in alarm names. */
  functions: Record<string, IFunction>;
}

const FIVE_MINUTES = Duration.minutes(5);

/** Alarms on what breaks the learners' experience, one dashboard, and a topic that tells people. */
export class OpsStack extends Stack {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OpsStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: `Sogyo Campus ${config.stage} alarms`, enforceSSL: true });
    Validations.of(this.alarmTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm notifications carry only alarm names and metric values, no personal data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer-managed key would add a fixed monthly cost to an otherwise idle-free platform.',
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    const action = new SnsAction(this.alarmTopic);
    const alarm = (id: string, description: string, metric: IMetric, threshold: number) => {
      const a = new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };

    // Rate rather than count, so a busy seminar evening does not page anyone for one bad request; under 20 requests
    // in five minutes the rate is treated as zero.
    const requests = props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const errorRate = new MathExpression({
      label: 'API 5xx rate (%)',
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: FIVE_MINUTES,
    });
    alarm('Api5xxRate', 'More than 5% of API requests answered 5xx in 5 minutes', errorRate, 5);

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, `The ${name} function failed (crash, timeout or unhandled rejection)`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1);
      alarm(`${name}Throttles`, `The ${name} function was throttled (concurrency limit reached)`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1);
    }

    const tableMetric = (metricName: string) => new Metric({
      namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: props.table.tableName }, period: FIVE_MINUTES, statistic: 'Sum',
    });
    const throttles = new MathExpression({
      label: 'DynamoDB throttle events',
      expression: 'reads + writes',
      usingMetrics: { reads: tableMetric('ReadThrottleEvents'), writes: tableMetric('WriteThrottleEvents') },
      period: FIVE_MINUTES,
    });
    alarm('TableThrottles', 'DynamoDB throttled reads or writes on the table (on-demand limits or a hot partition)', throttles, 1);

    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `SogyoCampus-${config.stage}` });
    const fnWidgets = Object.entries(props.functions).flatMap(([name, fn]) => [
      new GraphWidget({
        title: `${name}: invocations, errors, throttles`, width: 12,
        left: [fn.metricInvocations({ period: FIVE_MINUTES }), fn.metricErrors({ period: FIVE_MINUTES }), fn.metricThrottles({ period: FIVE_MINUTES })],
      }),
      new GraphWidget({
        title: `${name}: duration (p50, p99)`, width: 12,
        left: [fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p50' }), fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' })],
      }),
    ]);
    dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
      new GraphWidget({
        title: 'API requests and errors', width: 12,
        left: [requests, props.httpApi.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' }), serverErrors],
      }),
      new GraphWidget({
        title: 'API latency (p50, p99)', width: 12,
        left: [props.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }), props.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' })],
      }),
      ...fnWidgets,
      new GraphWidget({
        title: 'DynamoDB consumed capacity', width: 12,
        left: [tableMetric('ConsumedReadCapacityUnits'), tableMetric('ConsumedWriteCapacityUnits')],
      }),
      new GraphWidget({ title: 'DynamoDB throttles', width: 12, left: [throttles] }),
    );
    new CfnOutput(this, 'DashboardName', { value: `SogyoCampus-${config.stage}` });
  }
}
