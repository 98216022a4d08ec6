import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseAlarm } from './alarm.ts';
import { isParseProblem } from './problem.ts';

const FILE = 'alarm.json';

// Shape: AWS docs "Alarm events and EventBridge", single-metric example
// (awsdocs/amazon-cloudwatch-user-guide doc_source/cloudwatch-and-eventbridge.md), values for a REST API 5XXError alarm.
const eventBridgeSingle = {
  version: '0',
  id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
  'detail-type': 'CloudWatch Alarm State Change',
  source: 'aws.cloudwatch',
  account: '123456789012',
  time: '2026-11-24T10:15:32Z',
  region: 'us-east-1',
  resources: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-prod-5xx'],
  detail: {
    alarmName: 'orders-api-prod-5xx',
    configuration: {
      description: '5XX errors on orders-api prod',
      metrics: [
        {
          id: '30b6c6b2-a864-43a2-4877-c09a1afc3b87',
          metricStat: {
            metric: { dimensions: { ApiName: 'orders-api', Stage: 'prod' }, name: '5XXError', namespace: 'AWS/ApiGateway' },
            period: 60,
            stat: 'Sum',
          },
          returnData: true,
        },
      ],
    },
    previousState: {
      reason: 'Threshold Crossed: 1 out of the last 1 datapoints [0.0 (24/11/26 10:09:00)] was not greater than the threshold (5.0) (minimum 1 datapoint for ALARM -> OK transition).',
      timestamp: '2026-11-24T09:10:32.987+0000',
      value: 'OK',
    },
    state: {
      reason: 'Threshold Crossed: 1 out of the last 1 datapoints [41.0 (24/11/26 10:14:00)] was greater than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).',
      reasonData:
        '{"version":"1.0","queryDate":"2026-11-24T10:15:32.120+0000","startDate":"2026-11-24T10:14:00.000+0000","statistic":"Sum","period":60,"recentDatapoints":[41.0],"threshold":5.0}',
      timestamp: '2026-11-24T10:15:32.123+0000',
      value: 'ALARM',
    },
  },
};

// Shape: same docs page, "State change for a metric math alarm" (expression entry + metricStat entries with returnData false).
const eventBridgeMetricMath = {
  version: '0',
  id: '2dde0eb1-528b-d2d5-9ca6-6d590caf2329',
  'detail-type': 'CloudWatch Alarm State Change',
  source: 'aws.cloudwatch',
  account: '123456789012',
  time: '2026-11-24T10:15:33Z',
  region: 'us-east-1',
  resources: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-5xx-rate'],
  detail: {
    alarmName: 'orders-api-5xx-rate',
    configuration: {
      metrics: [
        { expression: '100*(m1/m2)', id: 'e1', label: '5XX rate', returnData: true },
        {
          id: 'm2',
          metricStat: { metric: { dimensions: { ApiName: 'orders-api', Stage: 'prod' }, name: 'Count', namespace: 'AWS/ApiGateway' }, period: 300, stat: 'Sum' },
          returnData: false,
        },
        {
          id: 'm1',
          metricStat: { metric: { dimensions: { ApiName: 'orders-api', Stage: 'prod' }, name: '5XXError', namespace: 'AWS/ApiGateway' }, period: 300, stat: 'Sum' },
          returnData: false,
        },
      ],
    },
    previousState: { reason: 'Unchecked: Initial alarm creation', timestamp: '2026-11-24T09:20:03.642+0000', value: 'INSUFFICIENT_DATA' },
    state: {
      reason: 'Threshold Crossed: 1 out of the last 1 datapoints [12.5 (24/11/26 10:10:00)] was greater than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).',
      timestamp: '2026-11-24T10:15:33.554+0000',
      value: 'ALARM',
    },
  },
};

// Shape: SNS alarm message as pasted in public code (kenju/go-cloudwatch main.go, and the
// "StatusCheckFailed_Instance" sample: Trigger.Dimensions as [{value,name}], StatisticType "Statistic").
const snsMessage = {
  AlarmName: 'orders-api-prod-5xx',
  AlarmDescription: null,
  AWSAccountId: '123456789012',
  AlarmConfigurationUpdatedTimestamp: '2026-10-01T08:00:00.000+0000',
  NewStateValue: 'ALARM',
  NewStateReason:
    'Threshold Crossed: 3 out of the last 3 datapoints [40.0 (24/11/26 10:14:00), 38.0 (24/11/26 10:13:00), 35.0 (24/11/26 10:12:00)] were greater than the threshold (5.0) (minimum 3 datapoints for OK -> ALARM transition).',
  StateChangeTime: '2026-11-24T10:15:32.123+0000',
  Region: 'US East (N. Virginia)',
  AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-prod-5xx',
  OldStateValue: 'OK',
  OKActions: [],
  AlarmActions: ['arn:aws:sns:us-east-1:123456789012:oncall'],
  InsufficientDataActions: [],
  Trigger: {
    MetricName: '5XXError',
    Namespace: 'AWS/ApiGateway',
    StatisticType: 'Statistic',
    Statistic: 'SUM',
    Unit: null,
    Dimensions: [
      { value: 'orders-api', name: 'ApiName' },
      { value: 'prod', name: 'Stage' },
    ],
    Period: 60,
    EvaluationPeriods: 3,
    DatapointsToAlarm: 3,
    ComparisonOperator: 'GreaterThanThreshold',
    Threshold: 5.0,
    TreatMissingData: 'missing',
    EvaluateLowSampleCountPercentile: '',
  },
};

// Shape: SNS metric-math message — Trigger.Metrics with Expression / MetricStat.Metric.{Dimensions,MetricName,Namespace}
// (public sample with "ANOMALY_DETECTION_BAND(m1, 1.5)" on AWS/ApiGateway, and the "100*(healthyHostCount/fleetCapacity)" sample).
const snsMetricMathHttpApi = {
  AlarmName: 'payments-http-5xx-rate',
  NewStateValue: 'ALARM',
  NewStateReason: 'Threshold Crossed: 2 out of the last 2 datapoints [...] were greater than the threshold (2.0).',
  StateChangeTime: '2026-11-24T11:02:00.500+0000',
  OldStateValue: 'OK',
  Trigger: {
    Period: 60,
    EvaluationPeriods: 2,
    ComparisonOperator: 'GreaterThanThreshold',
    Threshold: 2.0,
    TreatMissingData: 'notBreaching',
    EvaluateLowSampleCountPercentile: '',
    Metrics: [
      { Expression: '100*(m1/m2)', Id: 'e1', Label: '5xx rate', ReturnData: true },
      {
        Id: 'm1',
        MetricStat: {
          Metric: { Dimensions: [{ value: 'a1b2c3d4e5', name: 'ApiId' }, { value: '$default', name: 'Stage' }], MetricName: '5xx', Namespace: 'AWS/ApiGateway' },
          Period: 60,
          Stat: 'Sum',
        },
        ReturnData: false,
      },
      {
        Id: 'm2',
        MetricStat: {
          Metric: { Dimensions: [{ value: 'a1b2c3d4e5', name: 'ApiId' }, { value: '$default', name: 'Stage' }], MetricName: 'Count', Namespace: 'AWS/ApiGateway' },
          Period: 60,
          Stat: 'SampleCount',
        },
        ReturnData: false,
      },
    ],
  },
};

describe('parseAlarm — EventBridge "CloudWatch Alarm State Change"', () => {
  it('reads name, state, time, metric and dimensions as a map', () => {
    expect(parseAlarm(eventBridgeSingle, FILE)).toEqual({
      name: 'orders-api-prod-5xx',
      state: 'ALARM',
      stateChangeTime: Date.UTC(2026, 10, 24, 10, 15, 32, 123),
      metricName: '5XXError',
      namespace: 'AWS/ApiGateway',
      dimensions: { ApiName: 'orders-api', Stage: 'prod' },
      periodSeconds: 60,
      evaluationPeriods: 1,
      reason: eventBridgeSingle.detail.state.reason,
      shape: 'eventbridge',
    });
  });

  it('takes evaluationPeriods from the state reason, which the event carries instead of the setting', () => {
    const alarm = parseAlarm(eventBridgeSingle, FILE);
    const n = /out of the last (\d+) datapoints/.exec(eventBridgeSingle.detail.state.reason)?.[1];
    expect(isParseProblem(alarm) ? 'problem' : alarm.evaluationPeriods).toBe(Number(n));
  });

  it('leaves evaluationPeriods undefined when neither the reason nor reasonData says it', () => {
    const bare = structuredClone(eventBridgeSingle);
    bare.detail.state.reason = 'Unchecked: Initial alarm creation';
    (bare.detail.state as Record<string, unknown>)['reasonData'] = undefined;
    const alarm = parseAlarm(bare, FILE);
    expect(isParseProblem(alarm) ? 'problem' : alarm.evaluationPeriods).toBeUndefined();
  });

  it('picks the error metric of a metric-math alarm, not the expression or the Count', () => {
    const alarm = parseAlarm(eventBridgeMetricMath, FILE);
    expect(alarm).toMatchObject({
      name: 'orders-api-5xx-rate',
      metricName: '5XXError',
      namespace: 'AWS/ApiGateway',
      dimensions: { ApiName: 'orders-api', Stage: 'prod' },
      periodSeconds: 300,
      stateChangeTime: Date.UTC(2026, 10, 24, 10, 15, 33, 554),
    });
  });

  it('prefers the metric that returns data (anomaly-detection alarm: metricStat with returnData true beside the band expression)', () => {
    // Shape: docs "State change for an anomaly detection alarm" (m1 returnData true + ad1 ANOMALY_DETECTION_BAND).
    const alarm = parseAlarm(
      {
        ...eventBridgeSingle,
        detail: {
          ...eventBridgeSingle.detail,
          configuration: {
            metrics: [
              { id: 'm0', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: 'Latency', dimensions: { ApiName: 'orders-api' } }, period: 60, stat: 'p99' }, returnData: false },
              { id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: 'Count', dimensions: { ApiName: 'orders-api', Stage: 'prod' } }, period: 60, stat: 'Sum' }, returnData: true },
              { id: 'ad1', expression: 'ANOMALY_DETECTION_BAND(m1, 2)', label: 'Count (expected)', returnData: true },
            ],
          },
        },
      },
      FILE,
    );
    expect(alarm).toMatchObject({ metricName: 'Count', dimensions: { ApiName: 'orders-api', Stage: 'prod' } });
  });

  it('falls back to the event time and the alarm ARN when detail lacks them', () => {
    const alarm = parseAlarm(
      {
        ...eventBridgeSingle,
        detail: { state: { value: 'ALARM' }, configuration: { metrics: [] } },
      },
      FILE,
    );
    expect(alarm).toMatchObject({ name: 'orders-api-prod-5xx', stateChangeTime: Date.UTC(2026, 10, 24, 10, 15, 32), dimensions: {} });
  });
});

describe('parseAlarm — SNS alarm message', () => {
  it('reads the Trigger with Dimensions as a list, period and evaluation periods', () => {
    expect(parseAlarm(snsMessage, FILE)).toEqual({
      name: 'orders-api-prod-5xx',
      state: 'ALARM',
      stateChangeTime: Date.UTC(2026, 10, 24, 10, 15, 32, 123),
      metricName: '5XXError',
      namespace: 'AWS/ApiGateway',
      dimensions: { ApiName: 'orders-api', Stage: 'prod' },
      periodSeconds: 60,
      evaluationPeriods: 3,
      reason: snsMessage.NewStateReason,
      shape: 'sns',
    });
  });

  it('reads Trigger.Metrics of a metric-math alarm on an HTTP API (5xx with ApiId and Stage)', () => {
    expect(parseAlarm(snsMetricMathHttpApi, FILE)).toMatchObject({
      name: 'payments-http-5xx-rate',
      metricName: '5xx',
      namespace: 'AWS/ApiGateway',
      dimensions: { ApiId: 'a1b2c3d4e5', Stage: '$default' },
      periodSeconds: 60,
      evaluationPeriods: 2,
      shape: 'sns',
    });
  });

  it('unwraps the SNS envelope ({"Type":"Notification","Message":"<json>"})', () => {
    // Envelope fields as in the public SNS deliveries quoted in SNS-to-Slack code (Type, MessageId, TopicArn, Subject, Message, Timestamp).
    const envelope = {
      Type: 'Notification',
      MessageId: '8b15e083-30a3-5a57-a17e-b7a721ad365d',
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:oncall',
      Subject: 'ALARM: "orders-api-prod-5xx" in US East (N. Virginia)',
      Message: JSON.stringify(snsMessage),
      Timestamp: '2026-11-24T10:15:32.180Z',
      SignatureVersion: '1',
    };
    expect(parseAlarm(envelope, FILE)).toMatchObject({ name: 'orders-api-prod-5xx', evaluationPeriods: 3, shape: 'sns' });
  });

  it('unwraps a Lambda SNS event (Records[0].Sns.Message)', () => {
    const lambdaEvent = {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:oncall:2f2b1c10-0000-4000-8000-000000000000',
          Sns: {
            Type: 'Notification',
            MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
            TopicArn: 'arn:aws:sns:us-east-1:123456789012:oncall',
            Subject: 'ALARM: "orders-api-prod-5xx" in US East (N. Virginia)',
            Message: JSON.stringify(snsMessage),
            Timestamp: '2026-11-24T10:15:32.180Z',
          },
        },
      ],
    };
    expect(parseAlarm(lambdaEvent, FILE)).toMatchObject({ name: 'orders-api-prod-5xx', dimensions: { ApiName: 'orders-api', Stage: 'prod' } });
  });

  it('reads an EventBridge event that was delivered through SNS', () => {
    const envelope = { Type: 'Notification', MessageId: 'x', Message: JSON.stringify(eventBridgeSingle) };
    expect(parseAlarm(envelope, FILE)).toMatchObject({ shape: 'eventbridge', name: 'orders-api-prod-5xx' });
  });
});

describe('parseAlarm — bad input', () => {
  it('reports a problem for documents that are not an alarm', () => {
    for (const doc of [null, [], 'ALARM', 42, {}, { Events: [] }, [snsMessage], { Type: 'Notification', Message: '{not json' }]) {
      const result = parseAlarm(doc, FILE);
      expect(isParseProblem(result), JSON.stringify(doc)).toBe(true);
    }
  });

  it('names describe-alarms output when that is what the file holds', () => {
    const result = parseAlarm({ MetricAlarms: [{ AlarmName: 'x' }], CompositeAlarms: [] }, FILE);
    expect(isParseProblem(result) && result.problem).toMatch(/describe-alarms/);
  });

  it('survives wrong types inside a real shape', () => {
    const broken = {
      ...snsMessage,
      StateChangeTime: 12,
      Trigger: { MetricName: '5XXError', Namespace: ['AWS/ApiGateway'], Dimensions: { oops: true }, Period: 'sixty', EvaluationPeriods: null },
    };
    const result = parseAlarm(broken, FILE);
    expect(result).toMatchObject({ name: 'orders-api-prod-5xx', shape: 'sns' });
    expect(isParseProblem(result) ? {} : result.dimensions).toEqual({ oops: 'true' });
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const r = parseAlarm(doc, FILE);
        return isParseProblem(r) || (typeof r.name === 'string' && r.name.length > 0);
      }),
    );
  });
});
