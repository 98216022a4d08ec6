/**
 * The non-log documents of a bundle, shaped as the AWS CLI prints them: the alarm (EventBridge event or SNS
 * message), get-stage (REST and v2), get-deployments, get-export, get-function-configuration, get-metric-data,
 * cloudtrail lookup-events and xray batch-get-traces / get-trace-summaries.
 */
import { ACCOUNT_ID, REGION } from './logFiles.ts';
import type { Random } from './random.ts';
import { alarmReasonDate, alarmTimestamp, cliTimestamp, isoSeconds, lambdaLastModified } from './timeFormats.ts';

export interface AlarmSpec {
  name: string;
  description: string;
  metricName: string;
  dimensions: Record<string, string>;
  periodSeconds: number;
  evaluationPeriods: number;
  threshold: number;
  stateChangeTime: number;
  /** Value of the datapoint that tipped it. */
  breachingValue: number;
  /** Start of the breaching datapoint's period. */
  breachingPeriodStart: number;
}

function reason(spec: AlarmSpec): string {
  return `Threshold Crossed: 1 out of the last ${spec.evaluationPeriods} datapoints [${spec.breachingValue.toFixed(1)} (${alarmReasonDate(spec.breachingPeriodStart)})] was greater than or equal to the threshold (${spec.threshold.toFixed(1)}) (minimum 1 datapoint for OK -> ALARM transition).`;
}

/** "CloudWatch Alarm State Change" as EventBridge delivers it (dimensions as a map). */
export function alarmEventBridge(spec: AlarmSpec, rng: Random): unknown {
  const arn = `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:${spec.name}`;
  return {
    version: '0',
    id: rng.uuid(),
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: ACCOUNT_ID,
    time: isoSeconds(spec.stateChangeTime),
    region: REGION,
    resources: [arn],
    detail: {
      alarmName: spec.name,
      state: {
        value: 'ALARM',
        reason: reason(spec),
        reasonData: JSON.stringify({
          version: '1.0',
          queryDate: alarmTimestamp(spec.stateChangeTime),
          startDate: alarmTimestamp(spec.breachingPeriodStart),
          statistic: 'Sum',
          period: spec.periodSeconds,
          recentDatapoints: [spec.breachingValue],
          threshold: spec.threshold,
          evaluatedDatapoints: [{ timestamp: alarmTimestamp(spec.breachingPeriodStart), sampleCount: spec.breachingValue, value: spec.breachingValue }],
        }),
        timestamp: alarmTimestamp(spec.stateChangeTime),
      },
      previousState: {
        value: 'OK',
        reason: `Threshold Crossed: 1 out of the last ${spec.evaluationPeriods} datapoints [0.0 (${alarmReasonDate(spec.breachingPeriodStart - spec.periodSeconds * 1000)})] was not greater than or equal to the threshold (${spec.threshold.toFixed(1)}) (minimum ${spec.evaluationPeriods} datapoints for ALARM -> OK transition).`,
        timestamp: alarmTimestamp(spec.stateChangeTime - 3 * 86400_000),
      },
      configuration: {
        description: spec.description,
        metrics: [
          {
            id: `m${rng.hex(6)}`,
            metricStat: {
              metric: { namespace: 'AWS/ApiGateway', name: spec.metricName, dimensions: spec.dimensions },
              period: spec.periodSeconds,
              stat: 'Sum',
            },
            returnData: true,
          },
        ],
      },
    },
  };
}

/** The JSON message an alarm publishes to SNS (dimensions as a list of {value, name}). */
export function alarmSnsMessage(spec: AlarmSpec): unknown {
  return {
    AlarmName: spec.name,
    AlarmDescription: spec.description,
    AWSAccountId: ACCOUNT_ID,
    AlarmConfigurationUpdatedTimestamp: alarmTimestamp(spec.stateChangeTime - 41 * 86400_000),
    NewStateValue: 'ALARM',
    NewStateReason: reason(spec),
    StateChangeTime: alarmTimestamp(spec.stateChangeTime),
    Region: 'US East (N. Virginia)',
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:${spec.name}`,
    OldStateValue: 'OK',
    OKActions: [],
    AlarmActions: [`arn:aws:sns:${REGION}:${ACCOUNT_ID}:platform-alerts`],
    InsufficientDataActions: [],
    Trigger: {
      MetricName: spec.metricName,
      Namespace: 'AWS/ApiGateway',
      StatisticType: 'Statistic',
      Statistic: 'SUM',
      Unit: null,
      Dimensions: Object.entries(spec.dimensions).map(([name, value]) => ({ value, name })),
      Period: spec.periodSeconds,
      EvaluationPeriods: spec.evaluationPeriods,
      DatapointsToAlarm: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: spec.threshold,
      TreatMissingData: 'notBreaching',
      EvaluateLowSampleCountPercentile: '',
    },
  };
}

export interface RestStageSpec {
  stageName: string;
  deploymentId: string;
  loggingLevel: 'INFO' | 'ERROR' | 'OFF';
  dataTrace: boolean;
  accessLogFormat?: string;
  accessLogGroup?: string;
  tracing: boolean;
  created: number;
  updated: number;
  variables?: Record<string, string>;
}

/** `aws apigateway get-stage`. */
export function restStage(spec: RestStageSpec): unknown {
  // Key order as get-stage prints it: metricsEnabled, loggingLevel, dataTraceEnabled, throttling...
  const settings: Record<string, unknown> = {
    metricsEnabled: true,
    loggingLevel: spec.loggingLevel,
    dataTraceEnabled: spec.dataTrace,
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 10000.0,
    cachingEnabled: false,
    cacheTtlInSeconds: 300,
    cacheDataEncrypted: false,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
  };
  const out: Record<string, unknown> = {
    deploymentId: spec.deploymentId,
    stageName: spec.stageName,
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: { '*/*': settings },
  };
  if (spec.variables) out['variables'] = spec.variables;
  if (spec.accessLogFormat && spec.accessLogGroup) {
    out['accessLogSettings'] = { format: spec.accessLogFormat, destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${spec.accessLogGroup}` };
  }
  out['tracingEnabled'] = spec.tracing;
  out['createdDate'] = cliTimestamp(spec.created);
  out['lastUpdatedDate'] = cliTimestamp(spec.updated);
  return out;
}

export interface HttpStageSpec {
  stageName: string;
  deploymentId: string;
  accessLogFormat?: string;
  accessLogGroup?: string;
  created: number;
  updated: number;
}

/** `aws apigatewayv2 get-stage`. */
export function httpStage(spec: HttpStageSpec): unknown {
  const out: Record<string, unknown> = {};
  if (spec.accessLogFormat && spec.accessLogGroup) {
    out['AccessLogSettings'] = { DestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${spec.accessLogGroup}`, Format: spec.accessLogFormat };
  }
  Object.assign(out, {
    ApiGatewayManaged: spec.stageName === '$default' ? true : undefined,
    AutoDeploy: true,
    CreatedDate: cliTimestamp(spec.created),
    DefaultRouteSettings: { DetailedMetricsEnabled: false },
    DeploymentId: spec.deploymentId,
    LastDeploymentStatusMessage: `Successfully deployed stage with deployment ID '${spec.deploymentId}'`,
    LastUpdatedDate: cliTimestamp(spec.updated),
    RouteSettings: {},
    StageName: spec.stageName,
    StageVariables: {},
    Tags: {},
  });
  return JSON.parse(JSON.stringify(out));
}

export function restDeployments(items: { id: string; description?: string; created: number }[]): unknown {
  return { items: items.map((d) => ({ id: d.id, ...(d.description ? { description: d.description } : {}), createdDate: cliTimestamp(d.created) })) };
}

export function httpDeployments(items: { id: string; description?: string; created: number }[]): unknown {
  return {
    Items: items.map((d) => ({
      AutoDeployed: true,
      CreatedDate: cliTimestamp(d.created),
      DeploymentId: d.id,
      DeploymentStatus: 'DEPLOYED',
      ...(d.description ? { Description: d.description } : {}),
    })),
  };
}

export interface FunctionConfigSpec {
  name: string;
  runtime: string;
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
  lastModified: number;
  role: string;
  logFormat: 'Text' | 'JSON';
  tracing: boolean;
  description?: string;
  environment?: Record<string, string>;
  vpc?: boolean;
}

/** `aws lambda get-function-configuration`. */
export function functionConfiguration(spec: FunctionConfigSpec, rng: Random): unknown {
  const out: Record<string, unknown> = {
    FunctionName: spec.name,
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${spec.name}`,
    Runtime: spec.runtime,
    Role: spec.role,
    Handler: spec.handler,
    CodeSize: rng.int(40_000, 9_000_000),
    Description: spec.description ?? '',
    Timeout: spec.timeoutSeconds,
    MemorySize: spec.memoryMb,
    LastModified: lambdaLastModified(spec.lastModified),
    CodeSha256: Buffer.from(rng.hex(64), 'hex').toString('base64'),
    Version: '$LATEST',
  };
  if (spec.vpc) {
    out['VpcConfig'] = { SubnetIds: [`subnet-0${rng.hex(16)}`, `subnet-0${rng.hex(16)}`], SecurityGroupIds: [`sg-0${rng.hex(16)}`], VpcId: `vpc-0${rng.hex(16)}`, Ipv6AllowedForDualStack: false };
  }
  if (spec.environment) out['Environment'] = { Variables: spec.environment };
  Object.assign(out, {
    TracingConfig: { Mode: spec.tracing ? 'Active' : 'PassThrough' },
    RevisionId: rng.uuid(),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: { RuntimeVersionArn: `arn:aws:lambda:${REGION}::runtime:${rng.hex(64)}` },
    LoggingConfig: spec.logFormat === 'JSON'
      ? { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: `/aws/lambda/${spec.name}` }
      : { LogFormat: 'Text', LogGroup: `/aws/lambda/${spec.name}` },
  });
  return out;
}

export interface MetricSeriesSpec {
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSeconds: number;
  /** [periodStartMs, value] in time order. */
  points: [number, number][];
}

/** `aws cloudwatch get-metric-data` output, with the request's MetricDataQueries beside it (as collect writes). */
export function metricData(series: MetricSeriesSpec[]): unknown {
  return {
    MetricDataQueries: series.map((s) => ({
      Id: s.id,
      MetricStat: {
        Metric: { Namespace: s.namespace, MetricName: s.metricName, Dimensions: Object.entries(s.dimensions).map(([Name, Value]) => ({ Name, Value })) },
        Period: s.periodSeconds,
        Stat: s.stat,
      },
      ReturnData: true,
    })),
    MetricDataResults: series.map((s) => {
      // get-metric-data returns newest first by default (ScanBy TimestampDescending).
      const newestFirst = [...s.points].reverse();
      return {
        Id: s.id,
        Label: s.metricName,
        Timestamps: newestFirst.map(([t]) => cliTimestamp(t)),
        Values: newestFirst.map(([, v]) => v),
        StatusCode: 'Complete',
      };
    }),
    Messages: [],
  };
}

/** Per-minute buckets of event times, over [from, to). */
export function perMinute(times: number[], from: number, to: number, periodSeconds = 60): [number, number][] {
  const out: [number, number][] = [];
  for (let t = from; t < to; t += periodSeconds * 1000) {
    out.push([t, times.filter((x) => x >= t && x < t + periodSeconds * 1000).length]);
  }
  return out;
}

export interface TrailEventSpec {
  time: number;
  eventName: string;
  eventSource: string;
  user: string;
  resources: { type: string; name: string }[];
  requestParameters: Record<string, unknown>;
  responseElements?: Record<string, unknown> | null;
  userAgent?: string;
}

/** `aws cloudtrail lookup-events` output. */
export function lookupEvents(events: TrailEventSpec[], rng: Random): unknown {
  return {
    Events: [...events].sort((a, b) => b.time - a.time).map((e) => {
      const eventId = rng.uuid();
      const accessKey = `ASIA${rng.hex(16).toUpperCase()}`;
      const detail = {
        eventVersion: '1.09',
        userIdentity: {
          type: 'AssumedRole',
          principalId: `AROA${rng.hex(17).toUpperCase()}:${e.user}`,
          arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/AWSReservedSSO_PowerUserAccess_${rng.hex(16)}/${e.user}`,
          accountId: ACCOUNT_ID,
          accessKeyId: accessKey,
          sessionContext: {
            sessionIssuer: { type: 'Role', principalId: `AROA${rng.hex(17).toUpperCase()}`, arn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_PowerUserAccess`, accountId: ACCOUNT_ID, userName: 'AWSReservedSSO_PowerUserAccess' },
            attributes: { creationDate: isoSeconds(e.time - 3_600_000), mfaAuthenticated: 'false' },
          },
        },
        eventTime: isoSeconds(e.time),
        eventSource: e.eventSource,
        eventName: e.eventName,
        awsRegion: REGION,
        sourceIPAddress: '203.0.113.77',
        userAgent: e.userAgent ?? 'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#',
        requestParameters: e.requestParameters,
        responseElements: e.responseElements ?? null,
        requestID: rng.uuid(),
        eventID: eventId,
        readOnly: false,
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: ACCOUNT_ID,
        eventCategory: 'Management',
        tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${e.eventSource.split('.')[0]}.${REGION}.amazonaws.com` },
      };
      return {
        EventId: eventId,
        EventName: e.eventName,
        ReadOnly: 'false',
        AccessKeyId: accessKey,
        EventTime: cliTimestamp(e.time),
        EventSource: e.eventSource,
        Username: e.user,
        Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
        CloudTrailEvent: JSON.stringify(detail),
      };
    }),
  };
}

/** The period (aligned to the minute grid) with the most events among those ending at or before `before`:
 * the datapoint an alarm's reason would quote. */
export function breachingPeriod(times: number[], before: number, periodSeconds = 60): { start: number; value: number } {
  const periodMs = periodSeconds * 1000;
  let best = { start: Math.floor(before / periodMs) * periodMs - periodMs, value: 0 };
  const lastStart = Math.floor(before / periodMs) * periodMs - periodMs;
  for (let start = lastStart; start > lastStart - 10 * periodMs; start -= periodMs) {
    const value = times.filter((t) => t >= start && t < start + periodMs).length;
    if (value > best.value) best = { start, value };
    if (value > 0 && start === lastStart) return { start, value };
  }
  return best;
}

/** Failures inside the contract's window: period x evaluation periods + 15 min before the state change, to 5 min after. */
export function inAlarmWindow(t: number, stateChange: number, periodSeconds: number, evaluationPeriods: number): boolean {
  return t >= stateChange - periodSeconds * evaluationPeriods * 1000 - 15 * 60_000 && t <= stateChange + 5 * 60_000;
}

/** When an alarm on Sum >= threshold (1 datapoint to alarm) fires: shortly after the first period that breaches. */
export function firstBreach(times: number[], threshold: number, periodSeconds: number, delayMs: number): { stateChange: number; start: number; value: number } {
  const periodMs = periodSeconds * 1000;
  const sorted = [...times].sort((a, b) => a - b);
  const first = sorted[0];
  if (first === undefined) throw new Error('no failures to alarm on');
  for (let start = Math.floor(first / periodMs) * periodMs; start <= (sorted[sorted.length - 1] ?? first); start += periodMs) {
    const value = sorted.filter((t) => t >= start && t < start + periodMs).length;
    if (value >= threshold) return { stateChange: start + periodMs + delayMs, start, value };
  }
  throw new Error('threshold never reached');
}

/** Failing requests in the alarm window; throws when one straddles a window edge (start in, response out or
 * the reverse), because then the expected count would depend on which time a reader uses. */
export function countInWindow(requests: { start: number; responseLatency: number }[], stateChange: number, periodSeconds: number, evaluationPeriods: number): number {
  let count = 0;
  for (const r of requests) {
    const a = inAlarmWindow(r.start, stateChange, periodSeconds, evaluationPeriods);
    const z = inAlarmWindow(r.start + r.responseLatency, stateChange, periodSeconds, evaluationPeriods);
    if (a !== z) throw new Error(`request at ${new Date(r.start).toISOString()} straddles the alarm window edge`);
    if (a) count += 1;
  }
  return count;
}
