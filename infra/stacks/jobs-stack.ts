import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { type PlatformConfig, stageSettings } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { GSI_NAMES } from './data-stack.ts';

export interface JobsStackProps extends StackProps {
  config: PlatformConfig & { jobsEntry: string };
  siteOrigin: string;
  table: ITable;
  mailIdentityArn: string;
}

/**
 * 09:00 in Japan is 00:00 UTC all year (Japan has no daylight saving time), so a plain UTC cron rule is exact; an
 * EventBridge rule invokes the function through its resource policy, with no role to grant.
 */
export const REMINDERS_SCHEDULE = Schedule.cron({ minute: '0', hour: '0' });
/** Make-ups are assigned within a quarter of an hour of a seminar session's end. */
export const MAKEUPS_SCHEDULE = Schedule.rate(Duration.minutes(15));

/** Scheduled work: the daily reminders job and the seminar make-ups job, sending mail through SES. */
export class JobsStack extends Stack {
  readonly jobs: AppFunction;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const s = stageSettings(config);

    this.jobs = new AppFunction(this, 'Jobs', {
      entry: config.jobsEntry,
      root: config.root,
      catalogFile: config.catalogFile,
      description: `Sogyo Campus scheduled jobs (${config.stage})`,
      serviceName: 'sogyo-jobs',
      memorySize: 512,
      timeout: Duration.minutes(5),
      logRetention: s.logRetention,
      logLevel: s.logLevel,
      removalPolicy: s.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      environment: { STAGE: config.stage, APP_ORIGIN: props.siteOrigin },
    });
    this.jobs.bindTable(props.table, 'readwrite', GSI_NAMES);
    this.jobs.bindMail(props.mailIdentityArn, config.mailFrom);

    new Rule(this, 'DailyReminders', {
      description: 'Reminders job, daily at 09:00 JST',
      schedule: REMINDERS_SCHEDULE,
      targets: [new LambdaFunction(this.jobs.fn, {
        event: RuleTargetInput.fromObject({ job: 'reminders' }),
        // Asynchronous invocation: a failed run is retried, and a run older than an hour is dropped (the next day's
        // run picks up whatever it missed).
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      })],
    });

    new Rule(this, 'SeminarMakeUps', {
      description: 'Make-ups for founders absent from seminar sessions that have ended, every 15 minutes',
      schedule: MAKEUPS_SCHEDULE,
      targets: [new LambdaFunction(this.jobs.fn, {
        event: RuleTargetInput.fromObject({ job: 'makeups' }),
        // The job is idempotent and the next run comes in 15 minutes: one retry, and nothing older than the interval.
        retryAttempts: 1,
        maxEventAge: Duration.minutes(15),
      })],
    });
  }
}
