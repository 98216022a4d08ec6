import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { AlarmSettings, WatchedApi } from './config.ts';

/**
 * One alarm per watched API and stage on its 5xx metric, in AWS/ApiGateway:
 * REST APIs publish `5XXError` by ApiName and Stage, HTTP APIs `5xx` by ApiId and Stage
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html).
 */

const PERIOD = Duration.minutes(1);

/** The metric dimensions the API publishes its stage metrics under. */
export function apiMetricDimensions(api: WatchedApi): Record<string, string> {
  return api.type === 'REST' ? { ApiName: api.name ?? api.apiId, Stage: api.stage } : { ApiId: api.apiId, Stage: api.stage };
}

function apiMetric(api: WatchedApi, metricName: string, label: string): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: apiMetricDimensions(api), statistic: 'Sum', period: PERIOD, label });
}

/** The 5xx count metric: a Sum is the number of 5xx responses in the period (the Average is their rate). */
export function fiveXxMetric(api: WatchedApi): cloudwatch.Metric {
  return apiMetric(api, api.type === 'REST' ? '5XXError' : '5xx', '5xx responses');
}

/**
 * errors / requests over a period, 0 below `minRequests` (and when no request was served, so that missing data
 * never divides by zero).
 */
export function errorRateExpression(api: WatchedApi, minRequests: number): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: `IF(requests >= ${minRequests}, errors / requests, 0)`,
    usingMetrics: { errors: fiveXxMetric(api), requests: apiMetric(api, 'Count', 'requests') },
    period: PERIOD,
    label: '5xx rate',
  });
}

export function alarmName(stackName: string, api: WatchedApi, settings: AlarmSettings): string {
  const who = api.type === 'REST' ? `${api.name ?? api.apiId}` : api.apiId;
  return `${stackName}-${api.type}-${who}-${api.stage}-${settings.errorRate ? '5xx-rate' : '5xx'}`.slice(0, 255);
}

/** The alarm a diagnosis starts from (its state change to ALARM is the workflow's input). */
export function createApiAlarm(scope: Construct, id: string, stackName: string, api: WatchedApi, settings: AlarmSettings): cloudwatch.Alarm {
  const what = api.type === 'REST' ? `REST API ${api.name ?? ''} (${api.apiId})` : `HTTP API ${api.apiId}`;
  const common = {
    alarmName: alarmName(stackName, api, settings),
    evaluationPeriods: settings.periods,
    datapointsToAlarm: settings.datapointsToAlarm,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    // No traffic is not an outage: a stage that served nothing stays OK.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  };
  if (settings.errorRate) {
    return new cloudwatch.Alarm(scope, id, {
      ...common,
      metric: errorRateExpression(api, settings.errorRate.minRequests),
      threshold: settings.errorRate.threshold,
      alarmDescription: `apigw-doctor: ${what} stage ${api.stage} answered >= ${settings.errorRate.threshold * 100} % of its requests (when at least ${settings.errorRate.minRequests} a minute) with 5xx in ${settings.datapointsToAlarm} of ${settings.periods} minute(s); starts a diagnosis.`,
    });
  }
  return new cloudwatch.Alarm(scope, id, {
    ...common,
    metric: fiveXxMetric(api),
    threshold: settings.threshold,
    alarmDescription: `apigw-doctor: ${what} stage ${api.stage} answered >= ${settings.threshold} 5xx a minute in ${settings.datapointsToAlarm} of ${settings.periods} minute(s); starts a diagnosis.`,
  });
}
