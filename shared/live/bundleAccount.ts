/**
 * Test and benchmark support: an AWS account built FROM an incident bundle (events/incidents/*), answering the
 * live clients inside their SDK middleware stack (answerInStack, so every call is recorded as in production):
 * - API Gateway / API Gateway V2: the API (id from expected.json, name from the alarm or the export title), its
 *   stage (api/stage.json), deployments and export, in the SDK's types (dates as Date, the export as bytes);
 * - Lambda: functions/*.json by name or ARN, ResourceNotFoundException for any other function;
 * - CloudWatch Logs Insights: StartQuery over the bundle's log groups (ResourceNotFoundException "Log group 'X'
 *   does not exist for account ID 'N'" for others); GetQueryResults stays Scheduled then Running for a few polls,
 *   then runs the query text over the group's events in the time range with the emulator (which evaluates the
 *   `parse`, `fields`, `filter`, `sort` and `limit` the query builders write) and reports the bytes in range as
 *   scanned; StopQuery;
 * - X-Ray: summaries and traces of traces/*.json; CloudWatch: the bundle's metric series by namespace, name and
 *   dimensions, the alarm (DescribeAlarms, DescribeAlarmHistory) from alarm.json; CloudTrail: changes/*.json
 *   events naming the resource, 50 a page.
 * Services can be denied (AccessDeniedException, as the SDK throws it) and given a latency.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BundleEvidenceSource } from '../bundle/BundleEvidenceSource.ts';
import { listBundleFiles } from '../bundle/bundleFiles.ts';
import type { AlarmInfo, MetricSeries } from '../model/context.ts';
import { parseTimeValue } from '../bundle/timestamps.ts';
import { parseAccessLogRecord } from '../parsers/parseAccessLogRecord.ts';
import { type AnswerOptions, answerInStack, serviceError, type StackAnswer } from './answerInStack.ts';
import type { AwsClients } from './awsClients.ts';
import { runEmulatedQuery, type EmulatedEvent } from './logsInsights/insightsEmulator.ts';

export interface BundleAccount {
  dir: string;
  accountId: string;
  region: string;
  apiId: string;
  apiName?: string;
  apiType: 'REST' | 'HTTP';
  stageName: string;
  alarmDocument?: unknown;
  alarm?: AlarmInfo;
  stage?: Record<string, unknown>;
  deployments?: Record<string, unknown>;
  exported?: unknown;
  functions: Record<string, unknown>[];
  eventsByGroup: Map<string, EmulatedEvent[]>;
  metrics: MetricSeries[];
  traceSummaries: Record<string, unknown>[];
  traces: Record<string, unknown>[];
  changes: Record<string, unknown>[];
}

export type AwsService = 'apigateway' | 'apigatewayv2' | 'lambda' | 'logs' | 'xray' | 'cloudwatch' | 'cloudtrail';

export interface BundleAccountOptions {
  /** Services whose every call is refused with AccessDeniedException. */
  deny?: ReadonlySet<AwsService>;
  /** Simulated latency of a call, ms. */
  latencyMs?: (service: AwsService, command: string) => number;
  sleep?: (ms: number) => Promise<void>;
  /** Polls a query answers Running before Complete (default 2; the first poll says Scheduled). */
  runningPolls?: number | ((queryId: string) => number);
  /** The clock queries are timed with (for `runningForMs`). */
  now?: () => number;
  /** Instead of a number of polls: a query is Running until this long after StartQuery (the benchmark's 3 s). */
  runningForMs?: number;
}

const DEFAULT_ACCOUNT = '384756102938';

/** Reads a bundle into the account it was recorded from. */
export async function loadBundleAccount(dir: string): Promise<BundleAccount> {
  const source = await BundleEvidenceSource.open(dir);
  const context = await source.readContext();
  const files = await listBundleFiles(dir);
  const json = async (file: string | undefined): Promise<unknown> => {
    if (file === undefined) return undefined;
    try {
      return JSON.parse(await readFile(path.join(dir, file), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  };
  const expected = asRecord(await json('expected.json'));
  const expectedApi = asRecord(expected?.['api']);
  const stage = asRecord(await json(files.stage?.file));
  const exported = await json(files.apiExport?.file);
  const alarmDocument = await json(files.alarm?.file);
  const alarm = context.alarm;

  const eventsByGroup = new Map<string, EmulatedEvent[]>();
  let accountId: string | undefined;
  const lastTime = new Map<string, number>();
  for await (const event of source.logEvents()) {
    let group = event.logGroup ?? event.file.replace(/^logs\//, '/').replace(/\.[a-z]+(\.gz)?$/, '');
    // logs/aws/lambda/fn/2026_03_10___LATEST_<hex>.json is one stream of /aws/lambda/fn, named as a file can be.
    const streamFile = /^(\/aws\/lambda\/[^/]+)\/(\d{4})_(\d\d)_(\d\d)___?(\w+?)_([0-9a-f]{32})$/.exec(group);
    let logStream = event.logStream;
    if (streamFile) {
      group = streamFile[1] ?? group;
      logStream ??= `${streamFile[2]}/${streamFile[3]}/${streamFile[4]}/[$${(streamFile[5] ?? 'LATEST').replace(/^_+/, '')}]${streamFile[6]}`;
    }
    const list = eventsByGroup.get(group) ?? [];
    // A plain-text export without times (a CSV access log) has none on the event; CloudWatch always has one:
    // the record's own request time, else the previous event's.
    const timestamp = event.timestamp > 0 ? event.timestamp : (parseAccessLogRecord(event)?.timestamp ?? lastTime.get(event.file) ?? 0);
    lastTime.set(event.file, timestamp);
    list.push({ timestamp, message: event.message, ...(logStream ? { logStream } : {}) });
    eventsByGroup.set(group, list);
  }
  const arns = [stageString(stage, 'accessLogSettings', 'destinationArn'), stageString(stage, 'AccessLogSettings', 'DestinationArn'), ...context.functions.map((f) => f.arn)];
  for (const arn of arns) accountId ??= /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arn ?? '')?.[1];
  const region = arns.map((arn) => /^arn:[^:]+:[^:]+:([a-z0-9-]+):/.exec(arn ?? '')?.[1]).find(Boolean) ?? 'us-east-1';

  const apiType: 'REST' | 'HTTP' =
    expectedApi?.['type'] === 'HTTP' || alarm?.dimensions['ApiId'] !== undefined || (stage !== undefined && 'StageName' in stage) ? 'HTTP' : 'REST';
  const apiId =
    asString(expectedApi?.['id']) ??
    alarm?.dimensions['ApiId'] ??
    [...eventsByGroup.keys()].map((g) => /^API-Gateway-Execution-Logs_([a-z0-9]{10})\//.exec(g)?.[1]).find(Boolean) ??
    'a1b2c3d4e5';
  const apiName = alarm?.dimensions['ApiName'] ?? context.api?.title;
  const stageName = alarm?.dimensions['Stage'] ?? asString(expectedApi?.['stage']) ?? context.stage?.stageName ?? 'prod';

  const functions: Record<string, unknown>[] = [];
  for (const file of files.functions) {
    const doc = asRecord(await json(file.file));
    if (doc) functions.push(doc);
  }
  // The bundle path of a custom log group ("/storefront/prod/lambda") loses its leading slash: give it back.
  const named = [stageString(stage, 'accessLogSettings', 'destinationArn'), stageString(stage, 'AccessLogSettings', 'DestinationArn')]
    .map((arn) => arn?.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, ''))
    .concat(functions.map((doc) => asString(asRecord((asRecord(doc['Configuration']) ?? doc)['LoggingConfig'])?.['LogGroup'])));
  for (const group of named) {
    if (group === undefined || eventsByGroup.has(group) || !eventsByGroup.has(group.replace(/^\//, ''))) continue;
    eventsByGroup.set(group, eventsByGroup.get(group.replace(/^\//, '')) ?? []);
    eventsByGroup.delete(group.replace(/^\//, ''));
  }
  const traceSummaries: Record<string, unknown>[] = [];
  const traces: Record<string, unknown>[] = [];
  for (const file of files.traces) {
    const doc = asRecord(await json(file.file));
    for (const s of asArray(doc?.['TraceSummaries'])) if (asRecord(s)) traceSummaries.push(s as Record<string, unknown>);
    for (const t of asArray(doc?.['Traces'])) if (asRecord(t)) traces.push(t as Record<string, unknown>);
  }
  // X-Ray keeps a summary of every trace: a bundle with only batch-get-traces output still had them.
  if (traceSummaries.length === 0) traceSummaries.push(...traces.map(summaryOfTrace));
  const changes: Record<string, unknown>[] = [];
  for (const file of files.changes) for (const e of asArray(asRecord(await json(file.file))?.['Events'])) if (asRecord(e)) changes.push(e as Record<string, unknown>);

  const account: BundleAccount = {
    dir,
    accountId: accountId ?? DEFAULT_ACCOUNT,
    region,
    apiId,
    apiType,
    stageName,
    functions,
    eventsByGroup,
    metrics: context.metrics,
    traceSummaries,
    traces,
    changes,
  };
  if (apiName !== undefined) account.apiName = apiName;
  if (alarmDocument !== undefined) account.alarmDocument = alarmDocument;
  if (alarm) account.alarm = alarm;
  // A bundle without get-stage output still came from a stage: one with neither access nor execution logging.
  account.stage = stage ?? (apiType === 'REST' ? { deploymentId: 'a1b2c3', stageName, methodSettings: {}, tracingEnabled: false } : { StageName: stageName, DeploymentId: 'a1b2c3', DefaultRouteSettings: {} });
  const deployments = asRecord(await json(files.deployments?.file));
  if (deployments) account.deployments = deployments;
  if (exported !== undefined) account.exported = exported;
  return account;
}

/** The window that covers every event of the bundle (for runs without an alarm). */
export function eventSpan(account: BundleAccount): { start: number; end: number } {
  const times = [...account.eventsByGroup.values()].flat().map((e) => e.timestamp).filter((t) => t > 0);
  return { start: Math.min(...times), end: Math.max(...times) };
}

/** Makes every client of `clients` answer as the bundle's account. */
export function answerFromBundle(clients: AwsClients, account: BundleAccount, options: BundleAccountOptions = {}): void {
  const answer = (service: AwsService, real: StackAnswer): StackAnswer => {
    if (!options.deny?.has(service)) return real;
    const prefix = service === 'apigatewayv2' ? 'apigateway' : service;
    return (command) => {
      throw serviceError(
        'AccessDeniedException',
        `User: arn:aws:sts::${account.accountId}:assumed-role/oncall-readonly/alice is not authorized to perform: ${prefix}:${command} because no identity-based policy allows the ${prefix}:${command} action`,
        403,
      );
    };
  };
  const timing = (service: AwsService): AnswerOptions => ({
    ...(options.latencyMs ? { latencyMs: (command: string) => options.latencyMs?.(service, command) ?? 0 } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  answerInStack(clients.apiGateway, answer('apigateway', restAnswer(account)), timing('apigateway'));
  answerInStack(clients.apiGatewayV2, answer('apigatewayv2', httpAnswer(account)), timing('apigatewayv2'));
  answerInStack(clients.lambda, answer('lambda', lambdaAnswer(account)), timing('lambda'));
  answerInStack(clients.logs, answer('logs', logsAnswer(account, options)), timing('logs'));
  answerInStack(clients.xray, answer('xray', xrayAnswer(account)), timing('xray'));
  answerInStack(clients.cloudWatch, answer('cloudwatch', cloudWatchAnswer(account)), timing('cloudwatch'));
  answerInStack(clients.cloudTrail, answer('cloudtrail', cloudTrailAnswer(account)), timing('cloudtrail'));
}

function restAnswer(account: BundleAccount): StackAnswer {
  const notFound = (what: string) => serviceError('NotFoundException', `Invalid ${what} identifier specified ${account.accountId}:${account.apiId}`, 404);
  const restApi = { id: account.apiId, name: account.apiName ?? account.apiId, createdDate: new Date('2025-11-02T09:14:27Z'), apiKeySource: 'HEADER', endpointConfiguration: { types: ['REGIONAL'] } };
  const isOurs = (input: Record<string, unknown>) => account.apiType === 'REST' && input['restApiId'] === account.apiId;
  return (command, input) => {
    switch (command) {
      case 'GetRestApi':
        if (!isOurs(input)) throw notFound('API');
        return restApi;
      case 'GetRestApis':
        return { items: account.apiType === 'REST' ? [restApi] : [] };
      case 'GetStage':
        if (!isOurs(input) || input['stageName'] !== account.stageName || !account.stage) throw serviceError('NotFoundException', 'Invalid stage identifier specified', 404);
        return withDates(account.stage, ['createdDate', 'lastUpdatedDate']);
      case 'GetStages':
        return { item: account.stage ? [withDates(account.stage, ['createdDate', 'lastUpdatedDate'])] : [] };
      case 'GetDeployments':
        if (!isOurs(input)) throw notFound('API');
        return { items: asArray(account.deployments?.['items']).map((d) => withDates(asRecord(d) ?? {}, ['createdDate'])) };
      case 'GetExport':
        if (!isOurs(input) || account.exported === undefined) throw serviceError('NotFoundException', 'Invalid stage identifier specified', 404);
        return { body: new TextEncoder().encode(JSON.stringify(account.exported)), contentType: 'application/json', contentDisposition: `attachment; filename="oas30_${Date.now()}.json"` };
      case 'GetResources':
      case 'GetAuthorizers':
        if (!isOurs(input)) throw notFound('API');
        return { items: [] };
      default:
        throw notFound('API');
    }
  };
}

function httpAnswer(account: BundleAccount): StackAnswer {
  const notFound = () => serviceError('NotFoundException', `Invalid API identifier specified ${account.accountId}:${account.apiId}`, 404);
  const api = { ApiId: account.apiId, Name: account.apiName ?? account.apiId, ProtocolType: 'HTTP', ApiEndpoint: `https://${account.apiId}.execute-api.${account.region}.amazonaws.com`, CreatedDate: new Date('2025-11-02T09:14:27Z'), RouteSelectionExpression: '$request.method $request.path' };
  const isOurs = (input: Record<string, unknown>) => account.apiType === 'HTTP' && input['ApiId'] === account.apiId;
  return (command, input) => {
    switch (command) {
      case 'GetApi':
        if (!isOurs(input)) throw notFound();
        return api;
      case 'GetApis':
        return { Items: account.apiType === 'HTTP' ? [api] : [] };
      case 'GetStage':
        if (!isOurs(input) || input['StageName'] !== account.stageName || !account.stage) throw serviceError('NotFoundException', `Invalid stage identifier specified`, 404);
        return withDates(account.stage, ['CreatedDate', 'LastUpdatedDate']);
      case 'GetStages':
        return { Items: account.stage ? [withDates(account.stage, ['CreatedDate', 'LastUpdatedDate'])] : [] };
      case 'GetDeployments':
        if (!isOurs(input)) throw notFound();
        return { Items: asArray(account.deployments?.['Items']).map((d) => withDates(asRecord(d) ?? {}, ['CreatedDate'])) };
      case 'ExportApi':
        if (!isOurs(input) || account.exported === undefined) throw notFound();
        return { body: new TextEncoder().encode(JSON.stringify(account.exported)) };
      case 'GetRoutes':
      case 'GetIntegrations':
      case 'GetAuthorizers':
        return { Items: [] };
      default:
        throw notFound();
    }
  };
}

function lambdaAnswer(account: BundleAccount): StackAnswer {
  const configOf = (doc: Record<string, unknown>) => asRecord(doc['Configuration']) ?? doc;
  const find = (input: Record<string, unknown>) => {
    const name = String(input['FunctionName'] ?? '');
    const bare = /:function:([^:]+)/.exec(name)?.[1] ?? name.split(':')[0] ?? name;
    return account.functions.find((doc) => configOf(doc)['FunctionName'] === bare);
  };
  return (command, input) => {
    const doc = find(input);
    const arn = `arn:aws:lambda:${account.region}:${account.accountId}:function:${String(input['FunctionName'] ?? '').replace(/^.*:function:/, '')}`;
    if (!doc) throw serviceError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
    if (command === 'GetFunctionConcurrency') {
      const reserved = asRecord(doc['Concurrency'])?.['ReservedConcurrentExecutions'];
      return typeof reserved === 'number' ? { ReservedConcurrentExecutions: reserved } : {};
    }
    return configOf(doc);
  };
}

interface RunningQuery {
  groups: string[];
  query: string;
  start: number;
  end: number;
  polls: number;
  startedAt: number;
}

function logsAnswer(account: BundleAccount, options: BundleAccountOptions): StackAnswer {
  const queries = new Map<string, RunningQuery>();
  let next = 0;
  return (command, input) => {
    if (command === 'StartQuery') {
      const groups = asArray(input['logGroupNames']).map(String);
      const missing = groups.find((g) => !account.eventsByGroup.has(g));
      if (missing !== undefined) {
        throw serviceError('ResourceNotFoundException', `Log group '${missing}' does not exist for account ID '${account.accountId}' (Service: CloudWatchLogs, Status Code: 400)`, 400);
      }
      const queryId = `${(++next).toString(16).padStart(8, '0')}-3b1c-4f6e-9a7d-0c5e8f2a1b3d`;
      queries.set(queryId, {
        groups,
        query: String(input['queryString'] ?? ''),
        start: Number(input['startTime']) * 1000,
        end: Number(input['endTime']) * 1000 + 999,
        polls: 0,
        startedAt: options.now?.() ?? 0,
      });
      return { queryId };
    }
    if (command === 'StopQuery') return { success: true };
    if (command !== 'GetQueryResults') throw serviceError('InvalidParameterException', `${command} is not supported here`, 400);
    const queryId = String(input['queryId']);
    const q = queries.get(queryId);
    if (!q) throw serviceError('ResourceNotFoundException', `Query does not exist. Query Id: ${queryId}`, 400);
    q.polls++;
    const runningPolls = typeof options.runningPolls === 'function' ? options.runningPolls(queryId) : (options.runningPolls ?? 2);
    const stillRunning = options.runningForMs !== undefined ? (options.now?.() ?? 0) - q.startedAt < options.runningForMs : q.polls <= runningPolls;
    if (stillRunning) {
      return { status: q.polls === 1 ? 'Scheduled' : 'Running', results: [], statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 } };
    }
    const events = q.groups.flatMap((group) =>
      (account.eventsByGroup.get(group) ?? [])
        .filter((e) => e.timestamp >= q.start && e.timestamp <= q.end)
        .map((e) => ({ ...e, log: `${account.accountId}:${group}` })),
    );
    const rows = runEmulatedQuery(q.query, events);
    const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message) + 26, 0);
    return {
      status: 'Complete',
      results: rows.map((row) => [...Object.entries(row).map(([field, value]) => ({ field, value })), { field: '@ptr', value: `CmMKKgomMzg0NzU2MTAyOTM4${queryId.slice(0, 8)}` }]),
      statistics: { recordsMatched: rows.length, recordsScanned: events.length, bytesScanned: bytes },
    };
  };
}

function xrayAnswer(account: BundleAccount): StackAnswer {
  return (command, input) => {
    if (command === 'GetTraceSummaries') {
      const start = input['StartTime'] instanceof Date ? input['StartTime'].getTime() : 0;
      const end = input['EndTime'] instanceof Date ? input['EndTime'].getTime() : Number.POSITIVE_INFINITY;
      const inRange = account.traceSummaries.filter((s) => {
        const t = parseTimeValue(s['StartTime']);
        return t === undefined || (t >= start && t <= end);
      });
      return { TraceSummaries: inRange.map((s) => withDates(s, ['StartTime', 'MatchedEventTime'])), ApproximateTime: new Date(end), TracesProcessedCount: inRange.length };
    }
    if (command === 'BatchGetTraces') {
      const ids = asArray(input['TraceIds']).map(String);
      const found = account.traces.filter((t) => ids.includes(String(t['Id'])));
      return { Traces: found, UnprocessedTraceIds: [] };
    }
    // A bundle that holds aws/spans was recorded from an account with CloudWatch Transaction Search on.
    if (command === 'GetTraceSegmentDestination') return { Destination: account.eventsByGroup.has('aws/spans') ? 'CloudWatchLogs' : 'XRay', Status: 'ACTIVE' };
    throw serviceError('InvalidRequestException', `${command} is not supported here`, 400);
  };
}

function cloudWatchAnswer(account: BundleAccount): StackAnswer {
  return (command, input) => {
    if (command === 'GetMetricData') {
      const start = input['StartTime'] instanceof Date ? input['StartTime'].getTime() : 0;
      const end = input['EndTime'] instanceof Date ? input['EndTime'].getTime() : Number.POSITIVE_INFINITY;
      const results = asArray(input['MetricDataQueries']).map((raw) => {
        const q = asRecord(raw) ?? {};
        const stat = asRecord(q['MetricStat']);
        const metric = asRecord(stat?.['Metric']);
        const dims = Object.fromEntries(asArray(metric?.['Dimensions']).map((d) => [String(asRecord(d)?.['Name']), String(asRecord(d)?.['Value'])]));
        const series = account.metrics.find(
          (m) => m.metricName === metric?.['MetricName'] && (m.namespace === undefined || m.namespace === metric?.['Namespace']) && sameDimensions(m.dimensions, dims),
        );
        const points = (series?.points ?? []).filter((p) => p.timestamp >= start && p.timestamp < end).sort((a, b) => a.timestamp - b.timestamp);
        return { Id: q['Id'], Label: q['Label'], Timestamps: points.map((p) => new Date(p.timestamp)), Values: points.map((p) => p.value), StatusCode: 'Complete' };
      });
      return { MetricDataResults: results, Messages: [] };
    }
    if (command === 'DescribeAlarms') {
      const alarm = account.alarm;
      const names = asArray(input['AlarmNames']).map(String);
      if (!alarm || !names.includes(alarm.name)) return { MetricAlarms: [], CompositeAlarms: [] };
      return {
        MetricAlarms: [
          {
            AlarmName: alarm.name,
            AlarmArn: `arn:aws:cloudwatch:${account.region}:${account.accountId}:alarm:${alarm.name}`,
            ActionsEnabled: true,
            StateValue: alarm.state ?? 'ALARM',
            StateReason: alarm.reason,
            StateUpdatedTimestamp: alarm.stateChangeTime !== undefined ? new Date(alarm.stateChangeTime) : undefined,
            MetricName: alarm.metricName,
            Namespace: alarm.namespace,
            Statistic: 'Sum',
            Dimensions: Object.entries(alarm.dimensions).map(([Name, Value]) => ({ Name, Value })),
            Period: alarm.periodSeconds ?? 60,
            EvaluationPeriods: alarm.evaluationPeriods ?? 1,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            TreatMissingData: 'notBreaching',
          },
        ],
        CompositeAlarms: [],
      };
    }
    if (command === 'DescribeAlarmHistory') {
      const alarm = account.alarm;
      if (!alarm || alarm.stateChangeTime === undefined || input['AlarmName'] !== alarm.name) return { AlarmHistoryItems: [] };
      return {
        AlarmHistoryItems: [
          {
            AlarmName: alarm.name,
            AlarmType: 'MetricAlarm',
            Timestamp: new Date(alarm.stateChangeTime),
            HistoryItemType: 'StateUpdate',
            HistorySummary: 'Alarm updated from OK to ALARM',
            HistoryData: JSON.stringify({ version: '1.0', oldState: { stateValue: 'OK', stateReason: 'Threshold Crossed' }, newState: { stateValue: 'ALARM', stateReason: alarm.reason ?? 'Threshold Crossed' } }),
          },
        ],
      };
    }
    throw serviceError('InvalidParameterValue', `${command} is not supported here`, 400);
  };
}

function cloudTrailAnswer(account: BundleAccount): StackAnswer {
  return (_command, input) => {
    const attribute = asRecord(asArray(input['LookupAttributes'])[0]);
    const name = String(attribute?.['AttributeValue'] ?? '');
    const start = input['StartTime'] instanceof Date ? input['StartTime'].getTime() : 0;
    const end = input['EndTime'] instanceof Date ? input['EndTime'].getTime() : Number.POSITIVE_INFINITY;
    const matching = account.changes
      .filter((e) => asArray(e['Resources']).some((r) => asRecord(r)?.['ResourceName'] === name))
      .filter((e) => {
        const t = parseTimeValue(e['EventTime']);
        return t !== undefined && t >= start && t <= end;
      })
      .sort((a, b) => (parseTimeValue(b['EventTime']) ?? 0) - (parseTimeValue(a['EventTime']) ?? 0));
    const offset = Number(input['NextToken'] ?? 0) || 0;
    const page = matching.slice(offset, offset + 50);
    return {
      Events: page.map((e) => withDates(e, ['EventTime'])),
      ...(offset + 50 < matching.length ? { NextToken: String(offset + 50) } : {}),
    };
  };
}

/** A TraceSummary as X-Ray derives it from a trace's segments: start, duration, fault / error / throttle flags. */
function summaryOfTrace(trace: Record<string, unknown>): Record<string, unknown> {
  const documents = asArray(trace['Segments']).map((segment) => {
    try {
      return asRecord(JSON.parse(String(asRecord(segment)?.['Document'] ?? ''))) ?? {};
    } catch {
      return {};
    }
  });
  const any = (flag: string) => documents.some((d) => d[flag] === true || JSON.stringify(d).includes(`"${flag}":true`));
  const starts = documents.map((d) => Number(d['start_time'])).filter((t) => Number.isFinite(t) && t > 0);
  const summary: Record<string, unknown> = { Id: trace['Id'], Duration: trace['Duration'], HasFault: any('fault'), HasError: any('error'), HasThrottle: any('throttle'), IsPartial: false };
  if (starts.length > 0) summary['StartTime'] = new Date(Math.min(...starts) * 1000).toISOString();
  return summary;
}

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The SDK deserialises timestamps to Date objects: so does the fake. */
function withDates(doc: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const key of keys) {
    const t = parseTimeValue(out[key]);
    if (t !== undefined) out[key] = new Date(t);
  }
  return out;
}

function stageString(stage: Record<string, unknown> | undefined, settings: string, key: string): string | undefined {
  return asString(asRecord(stage?.[settings])?.[key]);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
