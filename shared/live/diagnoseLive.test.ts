import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { run } from '../../cli/run.ts';
import { fakeIo } from '../../test/cli/fakeIo.ts';
import { ApiNotFoundError } from './apiScopeErrors.ts';
import { diagnoseLive } from './diagnoseLive.ts';
import { ACCOUNT, REST_API_ID } from './liveFixtures.ts';
import { ACCESS_GROUP, NOW, WINDOW, fakeClock, installAccount, mockedClients, mocks } from './mockedAccount.ts';

// The EventBridge alarm event of events/incidents/rest-lambda-timeout/alarm.json (CloudWatch User Guide, "Alarm events
// and EventBridge"), trimmed: REST alarms name the API by ApiName.
const alarmEvent = {
  version: '0',
  id: '714f4748-0e3b-4f91-9d17-5dd47373946e',
  'detail-type': 'CloudWatch Alarm State Change',
  source: 'aws.cloudwatch',
  account: ACCOUNT,
  time: '2026-03-10T13:56:52Z',
  region: 'us-east-1',
  resources: [`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:orders-api-prod-5xx`],
  detail: {
    alarmName: 'orders-api-prod-5xx',
    state: {
      value: 'ALARM',
      reason: 'Threshold Crossed: 2 out of the last 2 datapoints [2.0 (10/03/26 13:55:00), 2.0 (10/03/26 13:54:00)] was greater than or equal to the threshold (2.0) (minimum 2 datapoints for OK -> ALARM transition).',
      timestamp: '2026-03-10T13:56:52.616+0000',
    },
    previousState: { value: 'OK', timestamp: '2026-03-07T12:41:39.616+0000' },
    configuration: {
      metrics: [{ id: '0d5cd96b', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: { ApiName: 'orders-api', Stage: 'prod' } }, period: 60, stat: 'Sum' }, returnData: true }],
    },
  },
};

describe('diagnoseLive', () => {
  beforeEach(() => {
    installAccount();
  });

  it('--api/--stage with --from/--to: the diagnosis, its window from the command line, and what it cost', async () => {
    const clients = mockedClients();
    const live = await diagnoseLive(clients, { kind: 'api', api: 'orders-api', stage: 'prod' }, { from: WINDOW.start, to: WINDOW.end, clock: fakeClock(), logsClientInstrumented: false, region: 'us-east-1' });
    const d = live.diagnosis;
    expect(d.api).toEqual({ id: REST_API_ID, stage: 'prod', type: 'REST', name: 'orders-api' });
    expect(d.window).toEqual({ start: '2026-03-10T13:45:00.000Z', end: '2026-03-10T14:00:00.000Z', source: 'command-line' });
    expect(d.rootCause.id).toBe('lambda-timeout');
    expect(live.engineOptions).toEqual({ from: WINDOW.start, to: WINDOW.end, apiId: REST_API_ID, stage: 'prod' });
    expect(d.cost?.logsInsightsQueries).toBe(3);
    expect(d.cost?.bytesScanned).toBeGreaterThan(0);
    const calls = Object.fromEntries((d.cost?.apiCalls ?? []).map((c) => [`${c.service}:${c.action}`, c.count]));
    expect(calls['logs:StartQuery']).toBe(3);
    expect(calls['logs:GetQueryResults']).toBeGreaterThanOrEqual(9);
  });

  it('--since ends the window at the clock', async () => {
    const clock = fakeClock();
    const live = await diagnoseLive(mockedClients(), { kind: 'api', api: REST_API_ID, stage: 'prod' }, { since: 45 * 60_000, clock, logsClientInstrumented: false });
    expect(live.engineOptions).toMatchObject({ from: NOW - 45 * 60_000, to: NOW });
    expect(mocks.logs).toHaveReceivedCommandWith(StartQueryCommand, { logGroupNames: [ACCESS_GROUP], startTime: (NOW - 45 * 60_000) / 1000, endTime: NOW / 1000 });
  });

  it('an alarm event gives the API (by name), the stage and the window; alarm.json is kept for collect', async () => {
    const live = await diagnoseLive(mockedClients(), { kind: 'alarm-event', event: alarmEvent }, { clock: fakeClock(), logsClientInstrumented: false });
    expect(live.diagnosis.window).toEqual({ start: '2026-03-10T13:39:52.616Z', end: '2026-03-10T14:01:52.616Z', source: 'alarm' });
    expect(live.diagnosis.alarm).toMatchObject({ name: 'orders-api-prod-5xx', state: 'ALARM', metric: 'AWS/ApiGateway/5XXError' });
    expect(live.diagnosis.rootCause.id).toBe('lambda-timeout');
    expect(live.engineOptions.from).toBeUndefined();
    expect(live.source.documents['alarm.json']).toEqual(alarmEvent);
  });

  it('--alarm NAME reads the alarm and its last transition to ALARM', async () => {
    mocks.cloudWatch
      .on(DescribeAlarmsCommand, { AlarmNames: ['orders-api-prod-5xx'] })
      .resolves({
        MetricAlarms: [
          {
            AlarmName: 'orders-api-prod-5xx',
            AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:orders-api-prod-5xx`,
            StateValue: 'OK',
            MetricName: '5XXError',
            Namespace: 'AWS/ApiGateway',
            Statistic: 'Sum',
            Dimensions: [{ Name: 'ApiName', Value: 'orders-api' }, { Name: 'Stage', Value: 'prod' }],
            Period: 60,
            EvaluationPeriods: 2,
            Threshold: 2,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          },
        ],
        CompositeAlarms: [],
      })
      .on(DescribeAlarmHistoryCommand)
      .resolves({
        AlarmHistoryItems: [
          { AlarmName: 'orders-api-prod-5xx', Timestamp: new Date('2026-03-10T14:09:52.616Z'), HistoryItemType: 'StateUpdate', HistorySummary: 'Alarm updated from ALARM to OK', HistoryData: '{"version":"1.0","oldState":{"stateValue":"ALARM"},"newState":{"stateValue":"OK","stateReason":"Threshold Crossed"}}' },
          { AlarmName: 'orders-api-prod-5xx', Timestamp: new Date('2026-03-10T13:56:52.616Z'), HistoryItemType: 'StateUpdate', HistorySummary: 'Alarm updated from OK to ALARM', HistoryData: '{"version":"1.0","oldState":{"stateValue":"OK"},"newState":{"stateValue":"ALARM","stateReason":"Threshold Crossed: 2 out of the last 2 datapoints"}}' },
        ],
      });
    const live = await diagnoseLive(mockedClients(), { kind: 'alarm', alarmName: 'orders-api-prod-5xx' }, { clock: fakeClock(), logsClientInstrumented: false });
    // period 60 s × 2 evaluation periods + 15 min before the state change, 5 min after.
    expect(live.diagnosis.window).toEqual({ start: '2026-03-10T13:39:52.616Z', end: '2026-03-10T14:01:52.616Z', source: 'alarm' });
    expect(live.diagnosis.rootCause.id).toBe('lambda-timeout');
    expect(live.source.documents['alarm.json']).toMatchObject({ AlarmName: 'orders-api-prod-5xx', NewStateValue: 'ALARM', StateChangeTime: '2026-03-10T13:56:52.616+0000' });
  });

  it('an API that does not exist: ApiNotFoundError, and through the CLI exit 2 with the message', async () => {
    installAccount({ noApi: true });
    await expect(diagnoseLive(mockedClients(), { kind: 'api', api: 'ordres-api', stage: 'prod' }, { clock: fakeClock(), region: 'us-east-1' })).rejects.toBeInstanceOf(ApiNotFoundError);
    const io = fakeIo({
      diagnoseLive: async (request) => {
        const target = request.target.kind === 'api' ? { kind: 'api' as const, api: request.target.api, stage: request.target.stage } : { kind: 'alarm' as const, alarmName: request.target.alarmName };
        return (await diagnoseLive(mockedClients(), target, { clock: fakeClock(), region: 'eu-west-1' })).diagnosis;
      },
    });
    expect(await run(['diagnose', '--api', 'ordres-api', '--stage', 'prod'], io)).toBe(2);
    expect(io.err()).toBe(
      'apigw-doctor: No REST or HTTP API with id or name "ordres-api" in eu-west-1. There is no REST or HTTP API there: check --region and --profile.\n' +
        "Run 'apigw-doctor diagnose --help' for usage.\n",
    );
    expect(io.out()).toBe('');
  });
});
