/**
 * "CloudWatch Alarm State Change" events for the claim tests, in the shape of the single-metric example of the
 * CloudWatch User Guide, "Alarm events and EventBridge"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html): version "0",
 * detail-type, source aws.cloudwatch, account, time (seconds, "Z"), region, resources [alarm ARN], and detail with
 * alarmName, state {value, reason, reasonData (a JSON string), timestamp "…+0000"}, previousState, configuration
 * {description, metrics [{id, metricStat {metric {dimensions (a map), name, namespace}, period, stat}, returnData}]}.
 * Values are those of an API Gateway 5xx alarm (REST: 5XXError by ApiName and Stage; HTTP: 5xx by ApiId and Stage).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface AlarmEventOptions {
  name?: string;
  account?: string;
  region?: string;
  state?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  previous?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  /** ISO time of the transition. */
  at: string;
  dimensions?: Record<string, string>;
  metricName?: string;
  /** The EventBridge event id (a redelivery keeps it; a second event for the same transition may not). */
  id?: string;
}

/** "2026-03-10T13:56:52.616Z" -> "2026-03-10T13:56:52.616+0000", the way alarm events write it. */
function alarmTime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}

const REASONS = {
  ALARM: 'Threshold Crossed: 2 out of the last 2 datapoints [14.0 (10/03/26 13:55:00), 9.0 (10/03/26 13:54:00)] were greater than or equal to the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
  OK: 'Threshold Crossed: 1 out of the last 2 datapoints [0.0 (10/03/26 14:01:00)] was not greater than or equal to the threshold (5.0) (minimum 1 datapoint for ALARM -> OK transition).',
  INSUFFICIENT_DATA: 'Insufficient Data: 1 datapoint was unknown.',
};

export function alarmStateChangeEvent(options: AlarmEventOptions): Record<string, unknown> {
  const name = options.name ?? 'orders-api-prod-5xx';
  const account = options.account ?? '384756102938';
  const region = options.region ?? 'us-east-1';
  const state = options.state ?? 'ALARM';
  const at = new Date(options.at);
  return {
    version: '0',
    id: options.id ?? '714f4748-0e3b-4f91-9d17-5dd47373946e',
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account,
    time: `${at.toISOString().slice(0, 19)}Z`,
    region,
    resources: [`arn:aws:cloudwatch:${region}:${account}:alarm:${name}`],
    detail: {
      alarmName: name,
      state: {
        value: state,
        reason: REASONS[state],
        reasonData: JSON.stringify({ version: '1.0', queryDate: alarmTime(options.at), statistic: 'Sum', period: 60, recentDatapoints: [14.0, 9.0], threshold: 5.0 }),
        timestamp: alarmTime(options.at),
      },
      previousState: { value: options.previous ?? (state === 'ALARM' ? 'OK' : 'ALARM'), reason: REASONS[options.previous ?? (state === 'ALARM' ? 'OK' : 'ALARM')], timestamp: '2026-03-07T12:41:39.616+0000' },
      configuration: {
        description: `${name}: 5xx >= 5 per minute for 2 minutes`,
        metrics: [
          {
            id: '0d5cd96b-a875-45c5-a79d-a5b7803c6636',
            metricStat: {
              metric: { namespace: 'AWS/ApiGateway', name: options.metricName ?? '5XXError', dimensions: options.dimensions ?? { ApiName: 'orders-api', Stage: 'prod' } },
              period: 60,
              stat: 'Sum',
            },
            returnData: true,
          },
        ],
      },
    },
  };
}

/** An incident's alarm.json from events/incidents (written by colleagues from real AWS output). */
export function incidentAlarm(incident: string): unknown {
  const path = fileURLToPath(new URL(`../../../events/incidents/${incident}/alarm.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** A sample event from events/alarms (one per watched API kind, written for the workflow's rule). */
export function sampleAlarmEvent(file: string): unknown {
  const path = fileURLToPath(new URL(`../../../events/alarms/${file}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
