import type { AlarmInfo } from '../model/context.ts';
import { parseAwsTime } from './awsTime.ts';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  describeJsonType,
  dimensionsToMap,
  isRecord,
  parseEmbeddedJson,
  pick,
  type JsonRecord,
} from './json.ts';
import { neverThrow, type ParseProblem } from './problem.ts';

/**
 * The alarm that fired, from either real shape (see SHAPES.md):
 * - the EventBridge "CloudWatch Alarm State Change" event (detail.alarmName, detail.state, detail.configuration.metrics);
 * - the JSON message CloudWatch publishes to SNS (AlarmName, NewStateValue, StateChangeTime, Trigger),
 *   bare, inside the SNS envelope ({"Type":"Notification","Message":"<json>"}), inside a Lambda SNS event
 *   (Records[0].Sns.Message) or an SQS event (Records[0].body).
 */
export function parseAlarm(json: unknown, file: string): AlarmInfo | ParseProblem {
  return neverThrow(file, 'alarm', () => {
    const doc = unwrap(json, 0);
    if (isEventBridgeAlarm(doc)) return fromEventBridge(doc, file);
    if (isSnsAlarmMessage(doc)) return fromSnsMessage(doc);
    return { problem: unknownShape(doc, file) };
  });
}

/** Envelopes nest (SNS inside SQS, EventBridge inside SNS); a few levels is all real deliveries use. */
const MAX_ENVELOPES = 4;

function unwrap(doc: unknown, depth: number): unknown {
  if (depth >= MAX_ENVELOPES || !isRecord(doc)) return doc;
  if ('Message' in doc && ('Type' in doc || 'TopicArn' in doc || 'MessageId' in doc)) {
    const inner = typeof doc['Message'] === 'string' ? parseEmbeddedJson(doc['Message']) : doc['Message'];
    return inner === undefined ? doc : unwrap(inner, depth + 1);
  }
  const first = asArray(doc['Records'])?.[0];
  if (isRecord(first)) {
    const sns = asRecord(first['Sns']);
    if (sns) return unwrap(sns, depth + 1);
    if ('body' in first) {
      const body = typeof first['body'] === 'string' ? parseEmbeddedJson(first['body']) : first['body'];
      if (body !== undefined) return unwrap(body, depth + 1);
    }
  }
  return doc;
}

function isEventBridgeAlarm(doc: unknown): doc is JsonRecord {
  if (!isRecord(doc)) return false;
  const detail = asRecord(doc['detail']);
  return detail !== undefined && (asString(detail['alarmName']) !== undefined || doc['detail-type'] === 'CloudWatch Alarm State Change');
}

function isSnsAlarmMessage(doc: unknown): doc is JsonRecord {
  return isRecord(doc) && asString(doc['AlarmName']) !== undefined;
}

function fromEventBridge(event: JsonRecord, file: string): AlarmInfo | ParseProblem {
  const detail = asRecord(event['detail']) ?? {};
  const name = asString(detail['alarmName']) ?? alarmNameFromArn(asArray(event['resources'])?.[0]);
  if (name === undefined) {
    return { problem: `${file}: the alarm state-change event names no alarm (detail.alarmName is missing); it was skipped` };
  }
  const state = asRecord(detail['state']) ?? {};
  const configuration = asRecord(detail['configuration']) ?? {};
  const metrics = (asArray(configuration['metrics']) ?? []).filter(isRecord);
  const chosen = chooseMetric(
    metrics.map((m) => {
      const stat = asRecord(m['metricStat']);
      const metric = asRecord(stat?.['metric']);
      return {
        returnData: m['returnData'] === true,
        name: asString(metric?.['name']),
        namespace: asString(metric?.['namespace']),
        dimensions: dimensionsToMap(metric?.['dimensions']),
        period: asNumber(stat?.['period']) ?? asNumber(m['period']),
      };
    }),
  );
  const reasonData = asRecord(parseEmbeddedJson(state['reasonData']));
  const info: AlarmInfo = {
    name,
    dimensions: chosen?.dimensions ?? {},
    shape: 'eventbridge',
  };
  setIfDefined(info, 'state', asString(state['value']));
  setIfDefined(info, 'stateChangeTime', parseAwsTime(state['timestamp']) ?? parseAwsTime(event['time']));
  setIfDefined(info, 'metricName', chosen?.name);
  setIfDefined(info, 'namespace', chosen?.namespace);
  setIfDefined(info, 'periodSeconds', chosen?.period ?? asNumber(reasonData?.['period']));
  // The event does not carry EvaluationPeriods in its documented form; the state reason does
  // ("Threshold Crossed: 2 out of the last 3 datapoints [...]"), as does reasonData.recentDatapoints.
  const reason = asString(state['reason']);
  const fromReason = reason ? /out of the last (\d+) datapoints?/i.exec(reason)?.[1] : undefined;
  const recent = Array.isArray(reasonData?.['recentDatapoints']) ? (reasonData['recentDatapoints'] as unknown[]).length : undefined;
  setIfDefined(info, 'evaluationPeriods', asNumber(configuration['evaluationPeriods']) ?? (fromReason ? Number(fromReason) : undefined) ?? (recent && recent > 0 ? recent : undefined));
  setIfDefined(info, 'reason', reason);
  return info;
}

function fromSnsMessage(message: JsonRecord): AlarmInfo {
  const trigger = asRecord(message['Trigger']) ?? {};
  const metricMath = (asArray(trigger['Metrics']) ?? []).filter(isRecord);
  const single = asString(trigger['MetricName']) !== undefined
    ? {
        returnData: true,
        name: asString(trigger['MetricName']),
        namespace: asString(trigger['Namespace']),
        dimensions: dimensionsToMap(trigger['Dimensions']),
        period: asNumber(trigger['Period']),
      }
    : undefined;
  const chosen =
    single ??
    chooseMetric(
      metricMath.map((m) => {
        const stat = asRecord(m['MetricStat']);
        const metric = asRecord(stat?.['Metric']);
        return {
          returnData: m['ReturnData'] === true,
          name: asString(metric?.['MetricName']),
          namespace: asString(metric?.['Namespace']),
          dimensions: dimensionsToMap(metric?.['Dimensions']),
          period: asNumber(stat?.['Period']),
        };
      }),
    );
  const info: AlarmInfo = {
    name: asString(message['AlarmName']) ?? '',
    dimensions: chosen?.dimensions ?? {},
    shape: 'sns',
  };
  setIfDefined(info, 'state', asString(message['NewStateValue']));
  setIfDefined(info, 'stateChangeTime', parseAwsTime(message['StateChangeTime']));
  setIfDefined(info, 'metricName', chosen?.name);
  setIfDefined(info, 'namespace', chosen?.namespace);
  // Metric-math triggers carry Period at the top of Trigger as well as in each MetricStat.
  setIfDefined(info, 'periodSeconds', asNumber(trigger['Period']) ?? chosen?.period);
  setIfDefined(info, 'evaluationPeriods', asNumber(trigger['EvaluationPeriods']));
  setIfDefined(info, 'reason', asString(message['NewStateReason']));
  return info;
}

interface MetricCandidate {
  returnData: boolean;
  name: string | undefined;
  namespace: string | undefined;
  dimensions: Record<string, string>;
  period: number | undefined;
}

/**
 * Which metric of the alarm says what it watches. A plain alarm has one. A metric-math alarm
 * has an expression (no metric) over several metricStat entries, usually with returnData false:
 * take a returned metric first, then one that looks like the error count (5XXError / 5xx),
 * then the first. Dimensions missing on the chosen one come from the others (they share ApiName/Stage).
 */
function chooseMetric(candidates: MetricCandidate[]): MetricCandidate | undefined {
  const withMetric = candidates.filter((c) => c.name !== undefined);
  const chosen =
    withMetric.find((c) => c.returnData) ??
    withMetric.find((c) => /5xx|error|fault/i.test(c.name ?? '')) ??
    withMetric[0];
  if (!chosen) return undefined;
  const dimensions: Record<string, string> = {};
  for (const c of withMetric) {
    for (const [k, v] of Object.entries(c.dimensions)) if (!(k in dimensions)) dimensions[k] = v;
  }
  Object.assign(dimensions, chosen.dimensions);
  return {
    ...chosen,
    dimensions,
    period: chosen.period ?? withMetric.find((c) => c.period !== undefined)?.period,
  };
}

function alarmNameFromArn(arn: unknown): string | undefined {
  const text = asString(arn);
  const m = text === undefined ? null : /:alarm:(.+)$/.exec(text);
  return m?.[1];
}

function setIfDefined<K extends keyof AlarmInfo>(info: AlarmInfo, key: K, value: AlarmInfo[K] | undefined): void {
  if (value !== undefined) info[key] = value as AlarmInfo[K];
}

function unknownShape(doc: unknown, file: string): string {
  const expected =
    'expected the EventBridge "CloudWatch Alarm State Change" event (detail.alarmName, detail.state) ' +
    'or the SNS alarm message (AlarmName, NewStateValue, StateChangeTime, Trigger)';
  if (isRecord(doc) && (Array.isArray(doc['MetricAlarms']) || Array.isArray(doc['CompositeAlarms']))) {
    return `${file}: this is "aws cloudwatch describe-alarms" output, which does not say when the alarm fired; ${expected}. The alarm was not used`;
  }
  if (isRecord(doc) && pick(doc, 'detail-type') !== undefined) {
    return `${file}: this EventBridge event is "${String(doc['detail-type'])}", not an alarm state change; ${expected}. The alarm was not used`;
  }
  return `${file}: not a CloudWatch alarm (found ${describeJsonType(doc)}); ${expected}. The alarm was not used`;
}
