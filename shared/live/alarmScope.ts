import {
  type AlarmHistoryItem,
  type CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { GetStagesCommand as GetHttpStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { describeAwsError } from './awsErrors.ts';
import { type AlarmScope, AlarmScopeError, alarmScopeFromEvent } from './alarmScopeFromEvent.ts';

// The pure part (an alarm event as delivered) has its own module, so that the functions that only read events
// do not bundle the CloudWatch and API Gateway clients.
export { type AlarmScope, AlarmScopeError, alarmScopeFromEvent } from './alarmScopeFromEvent.ts';
import { type FindApiClients, findApi } from './findApi.ts';

/** DescribeAlarmHistory pages read at most looking for the last transition to ALARM (100 items a page). */
const MAX_HISTORY_PAGES = 5;

/**
 * From an alarm's name: DescribeAlarms for its metric and dimensions, DescribeAlarmHistory for its last
 * transition to ALARM (history is kept 30 days). The alarm document is the SNS message CloudWatch sends for that
 * transition, rebuilt from the two answers, so that a replayed bundle reads the same alarm.
 */
export async function alarmScopeFromName(cloudWatch: CloudWatchClient, name: string, options: { stage?: string; region?: string } = {}): Promise<AlarmScope> {
  const where = options.region ? ` in ${options.region}` : '';
  const described = await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })).catch((error: unknown) => {
    throw usageErrorFor(error, 'cloudwatch:DescribeAlarms', `read the alarm "${name}"${where}`);
  });
  const metricAlarm = described.MetricAlarms?.find((a) => a.AlarmName === name) ?? described.MetricAlarms?.[0];
  if (!metricAlarm) {
    if ((described.CompositeAlarms ?? []).length > 0) {
      throw new AlarmScopeError(`"${name}" is a composite alarm, which watches other alarms and no API metric; pass the alarm on the API's 5XXError/5xx metric, or --api and --stage`);
    }
    throw new AlarmScopeError(`No CloudWatch alarm named "${name}"${where}. Check the name (it is case-sensitive), --region and --profile.`);
  }
  const transition = await lastAlarmTransition(cloudWatch, name, metricAlarm);
  // As JSON (undefined fields dropped): the document is what alarm.json will hold.
  const message: unknown = JSON.parse(JSON.stringify(snsAlarmMessage(metricAlarm, transition)));
  return alarmScopeFromEvent(message, options.stage !== undefined ? { stage: options.stage } : {});
}

interface Transition {
  time: Date;
  reason?: string;
  reasonData?: string;
  oldState?: string;
}

async function lastAlarmTransition(cloudWatch: CloudWatchClient, name: string, alarm: MetricAlarm): Promise<Transition> {
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const response = await cloudWatch
      .send(
        new DescribeAlarmHistoryCommand({
          AlarmName: name,
          HistoryItemType: 'StateUpdate',
          ScanBy: 'TimestampDescending',
          MaxRecords: 100,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      )
      .catch((error: unknown) => {
        throw usageErrorFor(error, 'cloudwatch:DescribeAlarmHistory', `read when the alarm "${name}" fired`);
      });
    for (const item of response.AlarmHistoryItems ?? []) {
      const found = toAlarmTransition(item);
      if (found) return found;
    }
    nextToken = response.NextToken;
    if (!nextToken) break;
  }
  // No transition in the history (kept 30 days): an alarm in ALARM now still says since when.
  if (alarm.StateValue === 'ALARM' && alarm.StateUpdatedTimestamp) {
    return {
      time: alarm.StateUpdatedTimestamp,
      ...(alarm.StateReason ? { reason: alarm.StateReason } : {}),
      ...(alarm.StateReasonData ? { reasonData: alarm.StateReasonData } : {}),
    };
  }
  throw new AlarmScopeError(
    `The alarm "${name}" has not gone into ALARM in its history (CloudWatch keeps 30 days; it is ${alarm.StateValue ?? 'in an unknown state'} now). Pass --api, --stage and --from/--to instead.`,
  );
}

/** A StateUpdate item whose newState is ALARM (HistoryData is JSON: {version, oldState, newState{stateValue, stateReason, stateReasonData}}). */
function toAlarmTransition(item: AlarmHistoryItem): Transition | undefined {
  if (!item.Timestamp || !item.HistoryData) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(item.HistoryData);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as { newState?: { stateValue?: unknown; stateReason?: unknown; stateReasonData?: unknown }; oldState?: { stateValue?: unknown } };
  if (record.newState?.stateValue !== 'ALARM') return undefined;
  const transition: Transition = { time: item.Timestamp };
  if (typeof record.newState.stateReason === 'string') transition.reason = record.newState.stateReason;
  if (record.newState.stateReasonData !== undefined) transition.reasonData = JSON.stringify(record.newState.stateReasonData);
  if (typeof record.oldState?.stateValue === 'string') transition.oldState = record.oldState.stateValue;
  return transition;
}

/**
 * The JSON message CloudWatch publishes to SNS for a state change (SHAPES.md "SNS alarm message": AlarmName,
 * NewStateValue, NewStateReason, StateChangeTime "2026-03-10T13:56:52.616+0000", Trigger with Dimensions as
 * [{value, name}], or Trigger.Metrics for metric math).
 */
export function snsAlarmMessage(alarm: MetricAlarm, transition: Transition): Record<string, unknown> {
  const dimensions = (list: { Name?: string | undefined; Value?: string | undefined }[] | undefined) => (list ?? []).map((d) => ({ value: d.Value, name: d.Name }));
  const trigger: Record<string, unknown> = {
    Period: alarm.Period ?? alarm.Metrics?.find((m) => m.MetricStat?.Period)?.MetricStat?.Period,
    EvaluationPeriods: alarm.EvaluationPeriods,
    ...(alarm.DatapointsToAlarm !== undefined ? { DatapointsToAlarm: alarm.DatapointsToAlarm } : {}),
    ComparisonOperator: alarm.ComparisonOperator,
    Threshold: alarm.Threshold,
    TreatMissingData: alarm.TreatMissingData ?? 'missing',
    EvaluateLowSampleCountPercentile: alarm.EvaluateLowSampleCountPercentile ?? '',
  };
  if (alarm.MetricName !== undefined) {
    Object.assign(trigger, {
      MetricName: alarm.MetricName,
      Namespace: alarm.Namespace,
      StatisticType: alarm.ExtendedStatistic ? 'ExtendedStatistic' : 'Statistic',
      Statistic: alarm.ExtendedStatistic ?? alarm.Statistic?.toUpperCase(),
      Unit: alarm.Unit ?? null,
      Dimensions: dimensions(alarm.Dimensions),
    });
  } else {
    trigger['Metrics'] = (alarm.Metrics ?? []).map((m) =>
      m.MetricStat
        ? {
            Id: m.Id,
            MetricStat: {
              Metric: { Dimensions: dimensions(m.MetricStat.Metric?.Dimensions), MetricName: m.MetricStat.Metric?.MetricName, Namespace: m.MetricStat.Metric?.Namespace },
              Period: m.MetricStat.Period,
              Stat: m.MetricStat.Stat,
            },
            ReturnData: m.ReturnData ?? true,
          }
        : { Expression: m.Expression, Id: m.Id, Label: m.Label, ReturnData: m.ReturnData ?? true },
    );
  }
  const account = /^arn:[^:]+:cloudwatch:[^:]*:(\d{12}):/.exec(alarm.AlarmArn ?? '')?.[1];
  return {
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription ?? null,
    ...(account ? { AWSAccountId: account } : {}),
    NewStateValue: 'ALARM',
    NewStateReason: transition.reason ?? '',
    StateChangeTime: cloudWatchTime(transition.time),
    ...(alarm.AlarmArn ? { AlarmArn: alarm.AlarmArn } : {}),
    OldStateValue: transition.oldState ?? 'OK',
    Trigger: trigger,
  };
}

/** "2026-03-10T13:56:52.616+0000", as CloudWatch writes StateChangeTime. */
function cloudWatchTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/**
 * The stage of an alarm that names none (an HTTP API's $default stage is often alarmed without the Stage
 * dimension): the API's only stage, or a usage error listing them.
 */
export async function onlyStageOf(clients: FindApiClients, scope: AlarmScope, region?: string): Promise<string> {
  const api = await findApi(clients, { api: scope.api, apiType: scope.apiType, ...(region !== undefined ? { region } : {}) });
  const names =
    api.type === 'REST'
      ? ((await clients.apiGateway.send(new GetStagesCommand({ restApiId: api.id }))).item ?? []).map((s) => s.stageName)
      : ((await clients.apiGatewayV2.send(new GetHttpStagesCommand({ ApiId: api.id }))).Items ?? []).map((s) => s.StageName);
  const stages = names.filter((n): n is string => n !== undefined);
  const [only] = stages;
  if (stages.length === 1 && only !== undefined) return only;
  throw new AlarmScopeError(
    `The alarm "${scope.alarm.name}" names no stage and ${api.type} API ${api.id} has ${stages.length === 0 ? 'no stage' : `several (${stages.join(', ')})`}; pass --stage`,
  );
}

/** Refusals that stop an alarm-started diagnosis before it begins: exit 2 with what to allow or check. */
function usageErrorFor(error: unknown, action: string, purpose: string): Error {
  const info = describeAwsError(error);
  if (info.kind === 'access-denied') return new AlarmScopeError(`Not allowed to ${purpose}: ${action} denied${info.principal ? ` for ${info.principal}` : ''}. Add it to the policy (docs/IAM.md), or pass --api, --stage and --from/--to.`);
  if (info.kind === 'credentials') return new AlarmScopeError(`AWS credentials were rejected (${info.name}: ${info.message}). Check --profile, AWS_PROFILE or your session.`);
  return error instanceof Error ? error : new Error(String(error));
}
