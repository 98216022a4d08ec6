import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { APIGatewayClient, GetRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApiCommand, GetStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { parseAlarm } from '../context/alarm.ts';
import { serviceError } from './answerInStack.ts';
import { AlarmScopeError, alarmScopeFromEvent, alarmScopeFromName, onlyStageOf, snsAlarmMessage } from './alarmScope.ts';
import { HTTP_API_ID, httpApi, httpStage } from './liveFixtures.ts';

const cloudWatch = mockClient(CloudWatchClient);
const apiGateway = mockClient(APIGatewayClient);
const apiGatewayV2 = mockClient(ApiGatewayV2Client);
const client = () => new CloudWatchClient({ region: 'eu-west-1' });

// The SNS message CloudWatch publishes for an HTTP API alarm (SHAPES.md "SNS alarm message"; shape of
// events/incidents/http-lambda-timeout/alarm.json): HTTP APIs alarm on 5xx by ApiId and Stage.
const snsMessage = {
  AlarmName: 'checkout-http-5xx',
  AlarmDescription: null,
  AWSAccountId: '902118437615',
  NewStateValue: 'ALARM',
  NewStateReason: 'Threshold Crossed: 1 out of the last 1 datapoints [7.0 (30/03/26 15:29:00)] was greater than or equal to the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).',
  StateChangeTime: '2026-03-30T15:30:21.498+0000',
  Region: 'EU (Ireland)',
  AlarmArn: 'arn:aws:cloudwatch:eu-west-1:902118437615:alarm:checkout-http-5xx',
  OldStateValue: 'OK',
  Trigger: {
    MetricName: '5xx',
    Namespace: 'AWS/ApiGateway',
    StatisticType: 'Statistic',
    Statistic: 'SUM',
    Unit: null,
    Dimensions: [
      { value: HTTP_API_ID, name: 'ApiId' },
      { value: '$default', name: 'Stage' },
    ],
    Period: 60,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    Threshold: 5,
    TreatMissingData: 'notBreaching',
    EvaluateLowSampleCountPercentile: '',
  },
};

const restAlarm: MetricAlarm = {
  AlarmName: 'orders-api-prod-5xx',
  AlarmArn: 'arn:aws:cloudwatch:eu-west-1:384756102938:alarm:orders-api-prod-5xx',
  StateValue: 'ALARM',
  StateReason: 'Threshold Crossed: 2 out of the last 2 datapoints',
  StateUpdatedTimestamp: new Date('2026-03-10T13:56:52.616Z'),
  MetricName: '5XXError',
  Namespace: 'AWS/ApiGateway',
  Statistic: 'Sum',
  Dimensions: [
    { Name: 'ApiName', Value: 'orders-api' },
    { Name: 'Stage', Value: 'prod' },
  ],
  Period: 60,
  EvaluationPeriods: 2,
  DatapointsToAlarm: 2,
  Threshold: 2,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  TreatMissingData: 'notBreaching',
};

const history = (time: string, from: string, to: string) => ({
  AlarmName: 'orders-api-prod-5xx',
  AlarmType: 'MetricAlarm' as const,
  Timestamp: new Date(time),
  HistoryItemType: 'StateUpdate' as const,
  HistorySummary: `Alarm updated from ${from} to ${to}`,
  HistoryData: JSON.stringify({
    version: '1.0',
    oldState: { stateValue: from, stateReason: 'Threshold Crossed' },
    newState: { stateValue: to, stateReason: `Threshold Crossed: 2 datapoints [2.0, 3.0] (${to})`, stateReasonData: { version: '1.0', period: 60, recentDatapoints: [2, 3], threshold: 2 } },
  }),
});

beforeEach(() => {
  cloudWatch.reset();
  apiGateway.reset();
  apiGatewayV2.reset();
});

describe('alarmScopeFromEvent', () => {
  it('an HTTP API alarm names the API by id; the window is the evaluation range + 15 min before, 5 min after', () => {
    const scope = alarmScopeFromEvent(snsMessage);
    expect(scope).toMatchObject({ api: HTTP_API_ID, apiType: 'HTTP', stage: '$default' });
    expect(scope.window).toEqual({ start: Date.parse('2026-03-30T15:14:21.498Z'), end: Date.parse('2026-03-30T15:35:21.498Z') });
    expect(scope.document).toBe(snsMessage);
  });

  it('reads it inside its SNS and SQS envelopes too', () => {
    const sns = { Type: 'Notification', MessageId: 'c8f1a8a3-5b2e-5f8e-9d51-7e1b0f3a1c2d', TopicArn: 'arn:aws:sns:eu-west-1:902118437615:oncall', Message: JSON.stringify(snsMessage) };
    const sqs = { Records: [{ messageId: '2e1424d4-f796-459a-8184-9c92662be6da', body: JSON.stringify(sns) }] };
    expect(alarmScopeFromEvent(sqs)).toMatchObject({ api: HTTP_API_ID, stage: '$default' });
  });

  it('an alarm without a Stage dimension leaves the stage to --stage or the API', () => {
    const noStage = { ...snsMessage, Trigger: { ...snsMessage.Trigger, Dimensions: [{ value: HTTP_API_ID, name: 'ApiId' }] } };
    expect(alarmScopeFromEvent(noStage).stage).toBeUndefined();
    expect(alarmScopeFromEvent(noStage, { stage: 'live' }).stage).toBe('live');
  });

  it('refuses an alarm on something that is not an API, or with no state change time, or not an alarm', () => {
    const lambdaAlarm = { ...snsMessage, Trigger: { ...snsMessage.Trigger, MetricName: 'Errors', Namespace: 'AWS/Lambda', Dimensions: [{ value: 'orders-fn', name: 'FunctionName' }] } };
    expect(() => alarmScopeFromEvent(lambdaAlarm)).toThrow(/^The alarm "checkout-http-5xx" \(AWS\/Lambda\/Errors, dimensions FunctionName=orders-fn\) watches no API Gateway API .*; pass --api and --stage$/);
    const { StateChangeTime: _dropped, ...noTime } = snsMessage;
    expect(() => alarmScopeFromEvent(noTime)).toThrow(/does not say when it changed state/);
    expect(() => alarmScopeFromEvent({ MetricAlarms: [restAlarm] })).toThrow(AlarmScopeError);
  });
});

describe('alarmScopeFromName', () => {
  it('finds the last transition to ALARM across history pages and rebuilds the SNS message the alarm sent', async () => {
    cloudWatch
      .on(DescribeAlarmsCommand, { AlarmNames: ['orders-api-prod-5xx'] })
      .resolves({ MetricAlarms: [{ ...restAlarm, StateValue: 'OK' }], CompositeAlarms: [] })
      .on(DescribeAlarmHistoryCommand)
      .resolvesOnce({ AlarmHistoryItems: [history('2026-03-10T14:20:00Z', 'ALARM', 'OK')], NextToken: 'eyJwYWdlIjoyfQ==' })
      .resolves({ AlarmHistoryItems: [history('2026-03-10T13:56:52.616Z', 'OK', 'ALARM'), history('2026-03-07T12:41:39Z', 'ALARM', 'OK')] });
    const scope = await alarmScopeFromName(client(), 'orders-api-prod-5xx', { region: 'eu-west-1' });
    expect(scope).toMatchObject({ api: 'orders-api', apiType: 'REST', stage: 'prod' });
    expect(scope.window).toEqual({ start: Date.parse('2026-03-10T13:39:52.616Z'), end: Date.parse('2026-03-10T14:01:52.616Z') });
    expect(cloudWatch).toHaveReceivedCommandTimes(DescribeAlarmHistoryCommand, 2);
    expect(cloudWatch).toHaveReceivedNthCommandWith(DescribeAlarmHistoryCommand, 2, { AlarmName: 'orders-api-prod-5xx', HistoryItemType: 'StateUpdate', ScanBy: 'TimestampDescending', NextToken: 'eyJwYWdlIjoyfQ==' });
    expect(scope.document).toEqual({
      AlarmName: 'orders-api-prod-5xx',
      AlarmDescription: null,
      AWSAccountId: '384756102938',
      NewStateValue: 'ALARM',
      NewStateReason: 'Threshold Crossed: 2 datapoints [2.0, 3.0] (ALARM)',
      StateChangeTime: '2026-03-10T13:56:52.616+0000',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-1:384756102938:alarm:orders-api-prod-5xx',
      OldStateValue: 'OK',
      Trigger: {
        Period: 60,
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 2,
        TreatMissingData: 'notBreaching',
        EvaluateLowSampleCountPercentile: '',
        MetricName: '5XXError',
        Namespace: 'AWS/ApiGateway',
        StatisticType: 'Statistic',
        Statistic: 'SUM',
        Unit: null,
        Dimensions: [
          { value: 'orders-api', name: 'ApiName' },
          { value: 'prod', name: 'Stage' },
        ],
      },
    });
  });

  it('a metric-math alarm becomes Trigger.Metrics, which the alarm parser reads back', () => {
    const math: MetricAlarm = {
      ...restAlarm,
      MetricName: undefined,
      Namespace: undefined,
      Dimensions: undefined,
      Statistic: undefined,
      Period: undefined,
      Metrics: [
        { Id: 'e1', Expression: '100*(m1/m2)', Label: '5xx rate', ReturnData: true },
        { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: [{ Name: 'ApiName', Value: 'orders-api' }, { Name: 'Stage', Value: 'prod' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        { Id: 'm2', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: [{ Name: 'ApiName', Value: 'orders-api' }, { Name: 'Stage', Value: 'prod' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
      ],
    };
    const message = JSON.parse(JSON.stringify(snsAlarmMessage(math, { time: new Date('2026-03-10T13:56:52.616Z') }))) as unknown;
    const parsed = parseAlarm(message, 'alarm.json');
    expect(parsed).toMatchObject({ name: 'orders-api-prod-5xx', metricName: '5XXError', periodSeconds: 60, evaluationPeriods: 2, dimensions: { ApiName: 'orders-api', Stage: 'prod' }, shape: 'sns' });
  });

  it('an alarm in ALARM with no transition in its 30 days of history uses its state time; one never in ALARM is refused', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [restAlarm] }).on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    expect((await alarmScopeFromName(client(), 'orders-api-prod-5xx')).window.end).toBe(Date.parse('2026-03-10T14:01:52.616Z'));
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ ...restAlarm, StateValue: 'OK' }] });
    await expect(alarmScopeFromName(client(), 'orders-api-prod-5xx')).rejects.toThrow(/has not gone into ALARM in its history \(CloudWatch keeps 30 days; it is OK now\)/);
  });

  it('an alarm that does not exist, a composite alarm, and a refused DescribeAlarms are usage errors', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
    await expect(alarmScopeFromName(client(), 'orders-5xx', { region: 'eu-west-1' })).rejects.toThrow(new AlarmScopeError('No CloudWatch alarm named "orders-5xx" in eu-west-1. Check the name (it is case-sensitive), --region and --profile.'));
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [{ AlarmName: 'orders-5xx', AlarmRule: 'ALARM(a) OR ALARM(b)' }] });
    await expect(alarmScopeFromName(client(), 'orders-5xx')).rejects.toThrow(/composite alarm/);
    cloudWatch
      .on(DescribeAlarmsCommand)
      .rejects(serviceError('AccessDenied', 'User: arn:aws:sts::384756102938:assumed-role/oncall-readonly/alice is not authorized to perform: cloudwatch:DescribeAlarms on resource: arn:aws:cloudwatch:eu-west-1:384756102938:alarm:orders-5xx', 403));
    await expect(alarmScopeFromName(client(), 'orders-5xx')).rejects.toThrow(/cloudwatch:DescribeAlarms denied for arn:aws:sts::384756102938:assumed-role\/oncall-readonly\/alice/);
  });
});

describe('onlyStageOf', () => {
  const clients = () => ({ apiGateway: new APIGatewayClient({ region: 'eu-west-1' }), apiGatewayV2: new ApiGatewayV2Client({ region: 'eu-west-1' }) });
  const scope = () => alarmScopeFromEvent({ ...snsMessage, Trigger: { ...snsMessage.Trigger, Dimensions: [{ value: HTTP_API_ID, name: 'ApiId' }] } });

  it("takes the API's only stage, and refuses to guess among several", async () => {
    apiGateway.on(GetRestApiCommand).rejects(serviceError('NotFoundException', 'Invalid API identifier specified', 404)).on(GetRestApisCommand).resolves({ items: [] });
    apiGatewayV2.on(GetApiCommand, { ApiId: HTTP_API_ID }).resolves(httpApi).on(GetStagesCommand).resolves({ Items: [httpStage] });
    expect(await onlyStageOf(clients(), scope())).toBe('$default');
    apiGatewayV2.on(GetStagesCommand).resolves({ Items: [httpStage, { ...httpStage, StageName: 'canary' }] });
    await expect(onlyStageOf(clients(), scope())).rejects.toThrow(/names no stage and HTTP API yha1rvrori has several \(\$default, canary\); pass --stage/);
  });
});
