import { accessKeyId, base64, hex, uuid } from './ids.ts';
import type { Rng } from './rng.ts';
import { alarmDatapointTime, cliTimestamp, isoPlus0000, isoSeconds } from './time.ts';

/**
 * The context documents of a bundle as the AWS CLI (v2, JSON output) prints them. Shapes:
 * - EventBridge "CloudWatch Alarm State Change": https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
 * - SNS alarm message: real messages in public test fixtures (e.g. "Trigger":{"MetricName":...,"StatisticType":"Statistic",
 *   "Statistic":"SUM","Unit":null,"Dimensions":[{"value":...,"name":...}],...}; search index file 16994572314)
 * - get-stage / get-deployments / get-export, get-function-configuration, get-metric-data, cloudtrail lookup-events:
 *   the API references of API Gateway, Lambda, CloudWatch and CloudTrail.
 */

export const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'eu-central-1': 'EU (Frankfurt)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
};

export interface AlarmSpec {
  account: string;
  region: string;
  alarmName: string;
  description: string;
  metricName: string;
  namespace: string;
  dimensions: Record<string, string>;
  periodSeconds: number;
  evaluationPeriods: number;
  threshold: number;
  /** Epoch ms of the OK -> ALARM transition. */
  stateChange: number;
  /** Epoch ms of the previous transition (to OK). */
  previousStateChange: number;
  /** The breaching datapoints, oldest first: [minute start ms, value]. */
  datapoints: [number, number][];
  snsTopicArn: string;
}

function thresholdText(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

function reason(spec: AlarmSpec): string {
  const n = spec.datapoints.length;
  const points = [...spec.datapoints].reverse().map(([t, v]) => `${thresholdText(v)} (${alarmDatapointTime(t)})`).join(', ');
  return `Threshold Crossed: ${n} out of the last ${n} datapoints [${points}] was greater than or equal to the threshold (${thresholdText(spec.threshold)}) (minimum ${n} datapoint${n > 1 ? 's' : ''} for OK -> ALARM transition).`;
}

/** CloudWatch writes reasonData with Java doubles: 3.0, not 3 (the period stays an integer). */
function javaDoubles(json: string): string {
  return json.replace(/([:[,])(-?\d+)(?=[,\]}])/g, '$1$2.0').replace(/"period":(\d+)\.0/, '"period":$1');
}

function reasonData(spec: AlarmSpec): string {
  const first = spec.datapoints[0]?.[0] ?? spec.stateChange;
  return javaDoubles(JSON.stringify({
    version: '1.0',
    queryDate: isoPlus0000(spec.stateChange - 3),
    startDate: isoPlus0000(first),
    statistic: 'Sum',
    period: spec.periodSeconds,
    recentDatapoints: spec.datapoints.map(([, v]) => v),
    threshold: spec.threshold,
    evaluatedDatapoints: [...spec.datapoints].reverse().map(([t, v]) => ({ timestamp: isoPlus0000(t), sampleCount: v, value: v })),
  }));
}

export function alarmEventBridge(rng: Rng, spec: AlarmSpec): unknown {
  return {
    version: '0',
    id: uuid(rng),
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: spec.account,
    time: isoSeconds(spec.stateChange),
    region: spec.region,
    resources: [`arn:aws:cloudwatch:${spec.region}:${spec.account}:alarm:${spec.alarmName}`],
    detail: {
      alarmName: spec.alarmName,
      state: { value: 'ALARM', reason: reason(spec), reasonData: reasonData(spec), timestamp: isoPlus0000(spec.stateChange) },
      previousState: {
        value: 'OK',
        reason: `Threshold Crossed: 1 out of the last ${spec.evaluationPeriods} datapoints [0.0 (${alarmDatapointTime(spec.previousStateChange - 60_000)})] was not greater than or equal to the threshold (${thresholdText(spec.threshold)}) (minimum 1 datapoint for ALARM -> OK transition).`,
        timestamp: isoPlus0000(spec.previousStateChange),
      },
      configuration: {
        description: spec.description,
        metrics: [{
          id: uuid(rng),
          metricStat: {
            metric: { namespace: spec.namespace, name: spec.metricName, dimensions: spec.dimensions },
            period: spec.periodSeconds,
            stat: 'Sum',
          },
          returnData: true,
        }],
      },
    },
  };
}

export function alarmSnsMessage(spec: AlarmSpec): unknown {
  return {
    AlarmName: spec.alarmName,
    AlarmDescription: spec.description,
    AWSAccountId: spec.account,
    AlarmConfigurationUpdatedTimestamp: isoPlus0000(spec.previousStateChange - 86_400_000 * 12),
    NewStateValue: 'ALARM',
    NewStateReason: reason(spec),
    StateChangeTime: isoPlus0000(spec.stateChange),
    Region: REGION_NAMES[spec.region] ?? spec.region,
    AlarmArn: `arn:aws:cloudwatch:${spec.region}:${spec.account}:alarm:${spec.alarmName}`,
    OldStateValue: 'OK',
    OKActions: [spec.snsTopicArn],
    AlarmActions: [spec.snsTopicArn],
    InsufficientDataActions: [],
    Trigger: {
      MetricName: spec.metricName,
      Namespace: spec.namespace,
      StatisticType: 'Statistic',
      Statistic: 'SUM',
      Unit: null,
      Dimensions: Object.entries(spec.dimensions).map(([name, value]) => ({ value, name })),
      Period: spec.periodSeconds,
      EvaluationPeriods: spec.evaluationPeriods,
      DatapointsToAlarm: spec.evaluationPeriods,
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
  description?: string;
  loggingLevel: 'INFO' | 'ERROR' | 'OFF';
  dataTraceEnabled: boolean;
  accessLogFormat?: string;
  accessLogDestinationArn?: string;
  tracingEnabled: boolean;
  variables?: Record<string, string>;
  createdDate: number;
  lastUpdatedDate: number;
}

export function restStage(spec: RestStageSpec): unknown {
  const stage: Record<string, unknown> = {
    deploymentId: spec.deploymentId,
    stageName: spec.stageName,
  };
  if (spec.description !== undefined) stage['description'] = spec.description;
  stage['cacheClusterEnabled'] = false;
  stage['cacheClusterStatus'] = 'NOT_AVAILABLE';
  stage['methodSettings'] = {
    '*/*': {
      metricsEnabled: true,
      loggingLevel: spec.loggingLevel,
      dataTraceEnabled: spec.dataTraceEnabled,
      throttlingBurstLimit: 5000,
      throttlingRateLimit: 10000.0,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
    },
  };
  if (spec.variables !== undefined) stage['variables'] = spec.variables;
  if (spec.accessLogFormat !== undefined && spec.accessLogDestinationArn !== undefined) {
    stage['accessLogSettings'] = { format: spec.accessLogFormat, destinationArn: spec.accessLogDestinationArn };
  }
  stage['tracingEnabled'] = spec.tracingEnabled;
  stage['createdDate'] = cliTimestamp(spec.createdDate);
  stage['lastUpdatedDate'] = cliTimestamp(spec.lastUpdatedDate);
  return stage;
}

export interface HttpStageSpec {
  stageName: string;
  deploymentId: string;
  accessLogFormat: string;
  accessLogDestinationArn: string;
  createdDate: number;
  lastUpdatedDate: number;
  autoDeploy: boolean;
  variables?: Record<string, string>;
}

export function httpStage(spec: HttpStageSpec): unknown {
  return {
    AccessLogSettings: { DestinationArn: spec.accessLogDestinationArn, Format: spec.accessLogFormat },
    AutoDeploy: spec.autoDeploy,
    CreatedDate: cliTimestamp(spec.createdDate),
    DefaultRouteSettings: { DetailedMetricsEnabled: true },
    DeploymentId: spec.deploymentId,
    LastDeploymentStatusMessage: `Successfully deployed stage with deployment ID '${spec.deploymentId}'`,
    LastUpdatedDate: cliTimestamp(spec.lastUpdatedDate),
    RouteSettings: {},
    StageName: spec.stageName,
    StageVariables: spec.variables ?? {},
    Tags: {},
  };
}

export function restDeployments(items: { id: string; description: string; createdDate: number }[]): unknown {
  return { items: items.map((d) => ({ id: d.id, description: d.description, createdDate: cliTimestamp(d.createdDate) })) };
}

export function httpDeployments(items: { id: string; description: string; createdDate: number; autoDeployed: boolean }[]): unknown {
  return {
    Items: items.map((d) => ({ AutoDeployed: d.autoDeployed, CreatedDate: cliTimestamp(d.createdDate), DeploymentId: d.id, DeploymentStatus: 'DEPLOYED', Description: d.description })),
  };
}

export interface ExportRoute {
  method: string;
  path: string;
  /** Lambda function ARN, or an ARN with ${stageVariables.x} in it. */
  functionArn: string;
  timeoutInMillis?: number;
  parameters?: string[];
}

export function lambdaIntegrationUri(region: string, functionArn: string): string {
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

export function restExport(p: { apiId: string; title: string; region: string; stage: string; version: number; routes: ExportRoute[] }): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of p.routes) {
    const operation: Record<string, unknown> = {};
    if (r.parameters && r.parameters.length > 0) {
      operation['parameters'] = r.parameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    }
    operation['x-amazon-apigateway-integration'] = {
      httpMethod: 'POST',
      uri: lambdaIntegrationUri(p.region, r.functionArn),
      passthroughBehavior: 'when_no_match',
      timeoutInMillis: r.timeoutInMillis ?? 29000,
      type: 'aws_proxy',
    };
    paths[r.path] = { ...(paths[r.path] ?? {}), [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.0.1',
    info: { title: p.title, version: cliTimestamp(p.version).replace('+00:00', 'Z') },
    servers: [{ url: `https://${p.apiId}.execute-api.${p.region}.amazonaws.com/{basePath}`, variables: { basePath: { default: p.stage } } }],
    paths,
    components: {},
  };
}

export function httpExport(p: { apiId: string; title: string; region: string; version: number; routes: ExportRoute[] }): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of p.routes) {
    const operation: Record<string, unknown> = {
      responses: { default: { description: `Default response for ${r.method} ${r.path}` } },
      'x-amazon-apigateway-integration': {
        payloadFormatVersion: '2.0',
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: lambdaIntegrationUri(p.region, r.functionArn),
        connectionType: 'INTERNET',
        timeoutInMillis: r.timeoutInMillis ?? 30000,
      },
    };
    if (r.parameters && r.parameters.length > 0) {
      operation['parameters'] = r.parameters.map((name) => ({ name, in: 'path', description: `Generated path parameter for ${name}`, required: true, schema: { type: 'string' } }));
    }
    paths[r.path] = { ...(paths[r.path] ?? {}), [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.0.1',
    info: { title: p.title, version: cliTimestamp(p.version).replace('+00:00', '') },
    servers: [{ url: `https://${p.apiId}.execute-api.${p.region}.amazonaws.com/{basePath}`, variables: { basePath: { default: '' } } }],
    paths,
    'x-amazon-apigateway-importexport-version': '1.0',
  };
}

export interface FunctionConfigSpec {
  name: string;
  arn: string;
  runtime: string;
  role: string;
  handler: string;
  timeoutSeconds: number;
  memorySizeMb: number;
  lastModified: number;
  environment?: Record<string, string>;
  tracing: 'Active' | 'PassThrough';
  logFormat: 'Text' | 'JSON';
  logGroup: string;
  architecture: 'x86_64' | 'arm64';
  runtimeVersionArn: string;
  codeSize: number;
  vpc?: { subnetIds: string[]; securityGroupIds: string[]; vpcId: string };
  layers?: string[];
  version?: string;
}

export function functionConfiguration(rng: Rng, spec: FunctionConfigSpec): unknown {
  const config: Record<string, unknown> = {
    FunctionName: spec.name,
    FunctionArn: spec.arn,
    Runtime: spec.runtime,
    Role: spec.role,
    Handler: spec.handler,
    CodeSize: spec.codeSize,
    Description: '',
    Timeout: spec.timeoutSeconds,
    MemorySize: spec.memorySizeMb,
    LastModified: isoPlus0000(spec.lastModified),
    CodeSha256: `${base64(rng, 43)}=`,
    Version: spec.version ?? '$LATEST',
  };
  if (spec.vpc) config['VpcConfig'] = { SubnetIds: spec.vpc.subnetIds, SecurityGroupIds: spec.vpc.securityGroupIds, VpcId: spec.vpc.vpcId, Ipv6AllowedForDualStack: false };
  if (spec.environment) config['Environment'] = { Variables: spec.environment };
  config['TracingConfig'] = { Mode: spec.tracing };
  config['RevisionId'] = uuid(rng);
  if (spec.layers) config['Layers'] = spec.layers.map((arn) => ({ Arn: arn, CodeSize: 2_300_000 + rng.int(0, 90_000) }));
  config['State'] = 'Active';
  config['LastUpdateStatus'] = 'Successful';
  config['PackageType'] = 'Zip';
  config['Architectures'] = [spec.architecture];
  config['EphemeralStorage'] = { Size: 512 };
  config['SnapStart'] = { ApplyOn: 'None', OptimizationStatus: 'Off' };
  config['RuntimeVersionConfig'] = { RuntimeVersionArn: spec.runtimeVersionArn };
  config['LoggingConfig'] = { LogFormat: spec.logFormat, ...(spec.logFormat === 'JSON' ? { ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' } : {}), LogGroup: spec.logGroup };
  return config;
}

export interface MetricQuery {
  id: string;
  label: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSeconds: number;
  /** [period start ms, value], any order. */
  points: [number, number][];
}

/** get-metric-data output, newest first (ScanBy TimestampDescending), with the request's MetricDataQueries beside it. */
export function metricData(queries: MetricQuery[]): unknown {
  return {
    MetricDataResults: queries.map((q) => {
      const points = [...q.points].sort((a, b) => b[0] - a[0]);
      return { Id: q.id, Label: q.label, Timestamps: points.map(([t]) => cliTimestamp(t)), Values: points.map(([, v]) => v), StatusCode: 'Complete' };
    }),
    Messages: [],
    MetricDataQueries: queries.map((q) => ({
      Id: q.id,
      MetricStat: {
        Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })) },
        Period: q.periodSeconds,
        Stat: q.stat,
      },
      Label: q.label,
      ReturnData: true,
    })),
  };
}

export interface TrailEventSpec {
  time: number;
  eventName: string;
  eventSource: string;
  region: string;
  account: string;
  /** lookup-events Username: the session name of an assumed role, or the IAM user name. */
  username: string;
  /** The assumed role's name ("github-actions-deploy", "AWSReservedSSO_PowerUserAccess_1a2b3c4d5e6f7a8b"). */
  roleName: string;
  userAgent: string;
  sourceIp: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  resources: { type: string; name: string }[];
  readOnly?: boolean;
}

export function cloudTrailLookup(rng: Rng, events: TrailEventSpec[]): unknown {
  const sorted = [...events].sort((a, b) => b.time - a.time);
  return {
    Events: sorted.map((e) => {
      const keyId = accessKeyId(rng);
      const principal = `AROA${hex(rng, 17).toUpperCase()}`;
      const eventId = uuid(rng);
      const trail = {
        eventVersion: '1.09',
        userIdentity: {
          type: 'AssumedRole',
          principalId: `${principal}:${e.username}`,
          arn: `arn:aws:sts::${e.account}:assumed-role/${e.roleName}/${e.username}`,
          accountId: e.account,
          accessKeyId: keyId,
          sessionContext: {
            sessionIssuer: { type: 'Role', principalId: principal, arn: `arn:aws:iam::${e.account}:role/${e.roleName}`, accountId: e.account, userName: e.roleName },
            attributes: { creationDate: isoSeconds(e.time - rng.int(600_000, 3_000_000)), mfaAuthenticated: 'false' },
          },
        },
        eventTime: isoSeconds(e.time),
        eventSource: e.eventSource,
        eventName: e.eventName,
        awsRegion: e.region,
        sourceIPAddress: e.sourceIp,
        userAgent: e.userAgent,
        requestParameters: e.requestParameters,
        responseElements: e.responseElements,
        requestID: uuid(rng),
        eventID: eventId,
        readOnly: e.readOnly ?? false,
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: e.account,
        eventCategory: 'Management',
        tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${e.eventSource.split('.')[0]}.${e.region}.amazonaws.com` },
      };
      return {
        EventId: eventId,
        EventName: e.eventName,
        ReadOnly: String(e.readOnly ?? false),
        AccessKeyId: keyId,
        EventTime: cliTimestamp(e.time),
        EventSource: e.eventSource,
        Username: e.username,
        Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
        CloudTrailEvent: JSON.stringify(trail),
      };
    }),
  };
}
