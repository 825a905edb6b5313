// Alarms on what breaks bookings: any Lambda error (saga steps and API handlers throw only on
// system faults; business refusals are returned as data), state machine timeouts, and an
// unusual volume of failed executions. All of them notify one SNS topic per stage.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { physicalName } from '../artifacts/naming';
import type { StageConfig } from './stage-config';

export interface MonitoringStackProps extends StackProps {
  config: StageConfig;
  functions: ReadonlyMap<string, lambda.IFunction>;
  stateMachines: ReadonlyMap<string, sfn.IStateMachine>;
}

export class MonitoringStack extends Stack {
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: physicalName(config.stage, 'alarms'),
      displayName: `Courier ${config.stage} alarms`,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    const notify = new actions.SnsAction(this.alarmTopic);
    const watch = (alarm: cloudwatch.Alarm) => {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    };

    for (const [functionId, fn] of props.functions) {
      watch(
        new cloudwatch.Alarm(this, `${pascal(functionId)}Errors`, {
          alarmName: physicalName(config.stage, `${functionId}-errors`),
          alarmDescription: `${functionId} threw: a system fault (business refusals are returned, not thrown)`,
          metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    for (const [machineId, machine] of props.stateMachines) {
      watch(
        new cloudwatch.Alarm(this, `${pascal(machineId)}ExecutionsFailed`, {
          alarmName: physicalName(config.stage, `${machineId}-executions-failed`),
          alarmDescription: `Unusually many ${machineId} executions failed (refusals count too; check the saga's Lambda error alarms for faults)`,
          metric: machine.metricFailed({ period: Duration.minutes(15), statistic: cloudwatch.Stats.SUM }),
          threshold: config.failedExecutionsAlarmThreshold,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
      watch(
        new cloudwatch.Alarm(this, `${pascal(machineId)}ExecutionsTimedOut`, {
          alarmName: physicalName(config.stage, `${machineId}-executions-timed-out`),
          alarmDescription: `A ${machineId} execution hit its timeout: a caller was left without an answer`,
          metric: machine.metricTimedOut({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
  }
}

function pascal(id: string): string {
  return `${id[0].toUpperCase()}${id.slice(1)}`;
}
