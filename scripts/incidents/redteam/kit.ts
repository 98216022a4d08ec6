/**
 * Helpers shared by the red-team incident generators (scripts/incidents/redteam4-incidents.ts and
 * redteam5-incidents.ts): seeded ids and times, the AWS CLI output shapes, Lambda and API Gateway log
 * lines, and the bundle writer. Earlier rounds (redteam-, redteam2-, redteam3-) carry older copies.
 */
import { mkdirSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export const ROOT = path.resolve(import.meta.dirname, '../../../events/incidents');

// ---------------------------------------------------------------------------------------------
// Randomness and ids
// ---------------------------------------------------------------------------------------------

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  hex(n: number): string;
  uuid(): string;
  /** HTTP API $context.requestId: 16 chars of base64 ending in "=" (e.g. "KZbV8jG_vHcEJqQ="). */
  httpRequestId(): string;
  /** REST $context.extendedRequestId, same alphabet. */
  extendedId(): string;
}

export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'.charAt(int(0, 15));
    return s;
  };
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const base64ish = (): string => {
    let s = '';
    for (let i = 0; i < 15; i++) s += b64.charAt(int(0, 63));
    return `${s}=`;
  };
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const v = items[int(0, items.length - 1)];
      if (v === undefined) throw new Error('empty pick');
      return v;
    },
    chance: (p) => next() < p,
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'.charAt(int(0, 3))}${hex(3)}-${hex(12)}`,
    httpRequestId: base64ish,
    extendedId: base64ish,
  };
}

export function traceIdAt(r: Rng, ms: number): string {
  return `1-${Math.floor(ms / 1000).toString(16).padStart(8, '0')}-${r.hex(24)}`;
}

export const IPS = ['203.0.113.24', '198.51.100.7', '192.0.2.181', '100.64.33.12', '54.240.197.3', '81.2.69.160', '203.0.113.99', '198.51.100.250', '18.202.11.9'];

// ---------------------------------------------------------------------------------------------
// Time formats
// ---------------------------------------------------------------------------------------------

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const p2 = (n: number): string => String(n).padStart(2, '0');
export const p3 = (n: number): string => String(n).padStart(3, '0');

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
/** $context.requestTime: 14/May/2026:09:12:03 +0000 */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}
/** Logs Insights: 2026-05-14 09:12:03.123 */
export function insightsTime(ms: number): string {
  return iso(ms).replace('T', ' ').replace('Z', '');
}
/** aws logs tail (detailed): 2026-05-14T09:12:03.123000+00:00 */
export function tailTime(ms: number): string {
  return `${iso(ms).slice(0, 23)}000+00:00`;
}
/** aws logs tail --format short: 2026-05-14T09:12:03 */
export function tailShortTime(ms: number): string {
  return iso(ms).slice(0, 19);
}
/** Go's log package default flags (LstdFlags): 2026/05/14 09:12:03 */
export function goLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
/** Ruby Logger default: 2026-05-14T09:12:03.123456 */
export function rubyTime(ms: number, r: Rng): string {
  return `${iso(ms).slice(0, 23)}${p3(r.int(0, 999))}`;
}
/** Powertools Python: 2026-05-14 09:12:03,123+0000 */
export function powertoolsTime(ms: number): string {
  return `${iso(ms).slice(0, 19).replace('T', ' ')},${iso(ms).slice(20, 23)}+0000`;
}
/** HTTP Date header: Thu, 14 May 2026 09:12:03 GMT */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}
/** CloudTrail / API timestamps as the CLI prints them: 2026-05-14T09:03:41+00:00 */
export function cliTime(ms: number): string {
  return `${iso(ms).slice(0, 19)}+00:00`;
}
export function cliTimeMs(ms: number): string {
  return `${iso(ms).slice(0, 23)}000+00:00`;
}

// ---------------------------------------------------------------------------------------------
// Log events and the file formats the CLI prints
// ---------------------------------------------------------------------------------------------

export interface Ev {
  ts: number;
  msg: string;
  stream: string;
  /** Extra Logs Insights fields (e.g. @requestId) for this event. */
  requestId?: string;
}

export function sortEvents(events: Ev[]): Ev[] {
  return [...events].sort((a, b) => a.ts - b.ts);
}

export function eventId(r: Rng): string {
  let s = '3';
  for (let i = 0; i < 55; i++) s += String(r.int(0, 9));
  return s;
}

/** aws logs filter-log-events (pretty JSON, 4-space indent like CLI v2). */
export function filterLogEvents(r: Rng, events: Ev[], withSearched: string[] = []): string {
  const out = {
    events: sortEvents(events).map((e) => ({
      logStreamName: e.stream,
      timestamp: e.ts,
      message: e.msg,
      ingestionTime: e.ts + r.int(300, 2400),
      eventId: eventId(r),
    })),
    searchedLogStreams: withSearched.map((s) => ({ logStreamName: s, searchedCompletely: true })),
  };
  return `${JSON.stringify(out, null, 4)}\n`;
}

/** aws logs get-log-events for one stream. */
export function getLogEvents(r: Rng, events: Ev[]): string {
  const sorted = sortEvents(events);
  const out = {
    events: sorted.map((e) => ({ timestamp: e.ts, message: e.msg, ingestionTime: e.ts + r.int(200, 1900) })),
    nextForwardToken: `f/${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}/s`,
    nextBackwardToken: `b/${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}${String(r.int(1e8, 9e8))}/s`,
  };
  return `${JSON.stringify(out, null, 4)}\n`;
}

/**
 * aws logs get-query-results for `fields @timestamp, @requestId, @message, @ingestionTime, @logStream, @log
 * | sort @timestamp desc`: rows newest first, @ptr last, @requestId only where Insights discovered one.
 */
export function insightsResults(r: Rng, events: Ev[], opts: { account: string; group: string; requestIdField: boolean; ingestion: boolean }): string {
  const rows = sortEvents(events)
    .reverse()
    .map((e) => {
      const row: { field: string; value: string }[] = [{ field: '@timestamp', value: insightsTime(e.ts) }];
      if (opts.requestIdField && e.requestId) row.push({ field: '@requestId', value: e.requestId });
      row.push({ field: '@message', value: e.msg });
      if (opts.ingestion) row.push({ field: '@ingestionTime', value: insightsTime(e.ts + r.int(250, 2200)) });
      row.push({ field: '@logStream', value: e.stream });
      row.push({ field: '@log', value: `${opts.account}:${opts.group}` });
      row.push({ field: '@ptr', value: `Cn8KPgo6${r.hex(8)}${r.hex(8)}OjEyMzQ1Njc4OTAxMjova${r.hex(12)}EAEaGQ${r.hex(10)}AAAA` });
      return row;
    });
  const out = {
    results: rows,
    statistics: { recordsMatched: rows.length, recordsScanned: rows.length * 7 + 113, estimatedRecordsSkipped: 0, bytesScanned: rows.length * 1311 + 4096, estimatedBytesSkipped: 0, logGroupsScanned: 1 },
    status: 'Complete',
  };
  return `${JSON.stringify(out, null, 4)}\n`;
}

/** aws logs tail (detailed): "<time> <stream> <message>"; a multi-line message prints its later lines bare. */
export function tailLong(events: Ev[]): string {
  return sortEvents(events)
    .map((e) => `${tailTime(e.ts)} ${e.stream} ${e.msg.replace(/\n$/, '')}`)
    .join('\n')
    .concat('\n');
}

/** aws logs tail --format short: "<time> <message>" (no stream). */
export function tailShort(events: Ev[]): string {
  return sortEvents(events)
    .map((e) => `${tailShortTime(e.ts)} ${e.msg.replace(/\n$/, '')}`)
    .join('\n')
    .concat('\n');
}

export function lambdaStream(r: Rng, ms: number, version = '$LATEST', fn?: string): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${fn ?? ''}[${version}]${r.hex(32)}`;
}

// ---------------------------------------------------------------------------------------------
// Bundle writing
// ---------------------------------------------------------------------------------------------

export interface Expected {
  rootCause: string;
  findings: string[];
  failingRequests: number;
  api: { id: string; stage: string; type: 'REST' | 'HTTP' };
  notes: string;
}

export class Bundle {
  readonly files = new Map<string, string | Buffer>();
  constructor(readonly name: string) {}
  put(rel: string, content: string | Buffer): void {
    this.files.set(rel, content);
  }
  json(rel: string, value: unknown): void {
    this.put(rel, `${JSON.stringify(value, null, 4)}\n`);
  }
  write(): void {
    const dir = path.join(ROOT, this.name);
    rmSync(dir, { recursive: true, force: true });
    for (const [rel0, content0] of this.files) {
      // Keep bundles small: big log files are stored gzipped, as `aws logs ... | gzip` would.
      const big = rel0.startsWith('logs/') && content0.length > 30_000;
      const rel = big ? `${rel0}.gz` : rel0;
      const content = big ? gzipSync(typeof content0 === 'string' ? Buffer.from(content0, 'utf8') : content0, { level: 9 }) : content0;
      const file = path.join(dir, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
}

export function windowOf(alarmMs: number, periodS: number, evals: number): { start: number; end: number } {
  return { start: alarmMs - periodS * evals * 1000 - 15 * 60_000, end: alarmMs + 5 * 60_000 };
}

// ---------------------------------------------------------------------------------------------
// Context documents (CLI output shapes)
// ---------------------------------------------------------------------------------------------

export function cloudTrailEvent(r: Rng, o: {
  ms: number; eventName: string; eventSource: string; user: string; userArn: string; region: string; account: string;
  resources: { ResourceType: string; ResourceName: string }[]; request: unknown; response?: unknown; readOnly?: boolean; userAgent?: string;
}): unknown {
  const eventIdValue = r.uuid();
  const detail = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROA${r.hex(16).toUpperCase()}:${o.user}`,
      arn: o.userArn,
      accountId: o.account,
      accessKeyId: `ASIA${r.hex(16).toUpperCase()}`,
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: `AROA${r.hex(16).toUpperCase()}`, arn: o.userArn.replace(/:assumed-role\/([^/]+)\/.*/, ':role/$1').replace('arn:aws:sts', 'arn:aws:iam'), accountId: o.account, userName: o.userArn.replace(/.*:assumed-role\/([^/]+)\/.*/, '$1') },
        attributes: { creationDate: iso(o.ms - 3_600_000).replace(/\.\d+Z$/, 'Z'), mfaAuthenticated: 'false' },
      },
    },
    eventTime: iso(o.ms).replace(/\.\d+Z$/, 'Z'),
    eventSource: o.eventSource,
    eventName: o.eventName,
    awsRegion: o.region,
    sourceIPAddress: r.pick(IPS),
    userAgent: o.userAgent ?? 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.7 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64',
    requestParameters: o.request,
    responseElements: o.response ?? null,
    requestID: r.uuid(),
    eventID: eventIdValue,
    readOnly: o.readOnly ?? false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: o.account,
    eventCategory: 'Management',
  };
  return {
    EventId: eventIdValue,
    EventName: o.eventName,
    ReadOnly: String(o.readOnly ?? false),
    AccessKeyId: detail.userIdentity.accessKeyId,
    EventTime: cliTime(o.ms),
    EventSource: o.eventSource,
    Username: o.user,
    Resources: o.resources,
    CloudTrailEvent: JSON.stringify(detail),
  };
}

export function snsAlarm(o: {
  name: string; description: string; account: string; region: string; regionName: string; ms: number; reason: string;
  trigger: Record<string, unknown>; topic: string;
}): unknown {
  return {
    AlarmName: o.name,
    AlarmDescription: o.description,
    AWSAccountId: o.account,
    AlarmConfigurationUpdatedTimestamp: `${iso(o.ms - 40 * 86_400_000).slice(0, 23)}+0000`,
    NewStateValue: 'ALARM',
    NewStateReason: o.reason,
    StateChangeTime: `${iso(o.ms).slice(0, 23)}+0000`,
    Region: o.regionName,
    AlarmArn: `arn:aws:cloudwatch:${o.region}:${o.account}:alarm:${o.name}`,
    OldStateValue: 'OK',
    OKActions: [],
    AlarmActions: [o.topic],
    InsufficientDataActions: [],
    Trigger: o.trigger,
  };
}

export function eventBridgeAlarm(r: Rng, o: {
  name: string; description: string; account: string; region: string; ms: number; reason: string; reasonData: string;
  metrics: unknown[];
}): unknown {
  return {
    version: '0',
    id: r.uuid(),
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: o.account,
    time: iso(o.ms).replace(/\.\d+Z$/, 'Z'),
    region: o.region,
    resources: [`arn:aws:cloudwatch:${o.region}:${o.account}:alarm:${o.name}`],
    detail: {
      alarmName: o.name,
      state: { value: 'ALARM', reason: o.reason, reasonData: o.reasonData, timestamp: `${iso(o.ms).slice(0, 23)}+0000` },
      previousState: { value: 'OK', reason: 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].', reasonData: '{"version":"1.0","queryDate":"2026-01-01T00:00:00.000+0000","statistic":"Sum","period":60,"recentDatapoints":[],"threshold":1.0,"evaluatedDatapoints":[{"timestamp":"2026-01-01T00:00:00.000+0000"}]}', timestamp: `${iso(o.ms - 6 * 86_400_000).slice(0, 23)}+0000` },
      configuration: { description: o.description, metrics: o.metrics },
    },
  };
}

/** get-metric-data with the request's MetricDataQueries beside the results (what `collect` writes). */
export function metricData(o: {
  queries: { id: string; namespace: string; metric: string; dims: Record<string, string>; stat: string; label?: string }[];
  period: number; start: number; end: number; values: (id: string, t: number) => number | undefined;
}): unknown {
  const results = o.queries.map((q) => {
    const ts: string[] = [];
    const vs: number[] = [];
    for (let t = Math.floor(o.end / (o.period * 1000)) * o.period * 1000; t >= o.start; t -= o.period * 1000) {
      const v = o.values(q.id, t);
      if (v === undefined) continue;
      ts.push(cliTime(t));
      vs.push(v);
    }
    return { Id: q.id, Label: q.label ?? q.metric, Timestamps: ts, Values: vs, StatusCode: 'Complete' };
  });
  return {
    MetricDataQueries: o.queries.map((q) => ({
      Id: q.id,
      MetricStat: { Metric: { Namespace: q.namespace, MetricName: q.metric, Dimensions: Object.entries(q.dims).map(([Name, Value]) => ({ Name, Value })) }, Period: o.period, Stat: q.stat },
      ReturnData: true,
    })),
    MetricDataResults: results,
    Messages: [],
  };
}

export function lambdaConfig(r: Rng, o: {
  name: string; account: string; region: string; runtime: string; handler: string; memory: number; timeout: number; lastModified: number;
  logFormat?: 'Text' | 'JSON'; logGroup?: string; tracing?: 'Active' | 'PassThrough'; arch?: 'x86_64' | 'arm64'; env?: Record<string, string>;
  vpc?: boolean; role?: string; layers?: string[]; runtimeVersionArn?: string;
}): unknown {
  const cfg: Record<string, unknown> = {
    FunctionName: o.name,
    FunctionArn: `arn:aws:lambda:${o.region}:${o.account}:function:${o.name}`,
    Runtime: o.runtime,
    Role: o.role ?? `arn:aws:iam::${o.account}:role/${o.name}-role-${r.hex(8)}`,
    Handler: o.handler,
    CodeSize: r.int(40_000, 9_000_000),
    Description: '',
    Timeout: o.timeout,
    MemorySize: o.memory,
    LastModified: `${iso(o.lastModified).slice(0, 23)}+0000`,
    CodeSha256: Buffer.from(r.hex(32)).toString('base64').slice(0, 43) + '=',
    Version: '$LATEST',
  };
  if (o.vpc) cfg['VpcConfig'] = { SubnetIds: [`subnet-${r.hex(17)}`, `subnet-${r.hex(17)}`], SecurityGroupIds: [`sg-${r.hex(17)}`], VpcId: `vpc-${r.hex(17)}`, Ipv6AllowedForDualStack: false };
  if (o.env) cfg['Environment'] = { Variables: o.env };
  cfg['TracingConfig'] = { Mode: o.tracing ?? 'PassThrough' };
  cfg['RevisionId'] = r.uuid();
  if (o.layers) cfg['Layers'] = o.layers.map((Arn) => ({ Arn, CodeSize: r.int(100_000, 9_000_000) }));
  Object.assign(cfg, {
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [o.arch ?? 'x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: { RuntimeVersionArn: o.runtimeVersionArn ?? `arn:aws:lambda:${o.region}::runtime:${r.hex(64)}` },
    LoggingConfig: { LogFormat: o.logFormat ?? 'Text', ...(o.logFormat === 'JSON' ? { ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' } : {}), LogGroup: o.logGroup ?? `/aws/lambda/${o.name}` },
  });
  return cfg;
}

export function lambdaUri(region: string, fnArn: string): string {
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`;
}

// ---------------------------------------------------------------------------------------------
// Lambda platform lines (text format)
// ---------------------------------------------------------------------------------------------

export function startLine(id: string, version = '$LATEST'): string {
  return `START RequestId: ${id} Version: ${version}\n`;
}
export function endLine(id: string): string {
  return `END RequestId: ${id}\n`;
}
export function reportLine(o: { id: string; durationMs: number; memory: number; used: number; initMs?: number; status?: string; errorType?: string; trace?: { id: string; segment: string } }): string {
  const billed = Math.ceil(o.durationMs + (o.initMs ?? 0));
  let s = `REPORT RequestId: ${o.id}\tDuration: ${o.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${o.memory} MB\tMax Memory Used: ${o.used} MB\t`;
  if (o.initMs !== undefined) s += `Init Duration: ${o.initMs.toFixed(2)} ms\t`;
  if (o.status) s += `Status: ${o.status}\t`;
  if (o.errorType) s += `Error Type: ${o.errorType}\t`;
  s += '\n';
  if (o.trace) s += `XRAY TraceId: ${o.trace.id}\tSegmentId: ${o.trace.segment}\tSampled: true\t\n`;
  return s;
}
export function initStartLine(runtime: string, region: string, r: Rng): string {
  return `INIT_START Runtime Version: ${runtime}\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:${r.hex(64)}\n`;
}


// ---------------------------------------------------------------------------------------------
// README helper
// ---------------------------------------------------------------------------------------------

export function readme(title: string, parts: { what: string; api: string; files: string[]; noise: string; sources: string[] }): string {
  return [
    `# ${title}`,
    '',
    `**What happened.** ${parts.what}`,
    '',
    `**API and integration.** ${parts.api}`,
    '',
    '**Files.**',
    ...parts.files.map((f) => `- ${f}`),
    '',
    `**Noise.** ${parts.noise}`,
    '',
    '**Where each shape comes from.**',
    ...parts.sources.map((s) => `- ${s}`),
    '',
  ].join('\n');
}


// ---------------------------------------------------------------------------------------------
// REST execution-log lines of one Lambda proxy request (INFO level)
// ---------------------------------------------------------------------------------------------

export interface RestExecRequest {
  id: string; ext: string; apiId: string; stage: string; method: string; resource: string; path: string; fnArn: string; region: string;
  ts: number; latency: number; lambdaId?: string; status: number; dataTrace: boolean;
  /** What Lambda answered. */
  outcome: { kind: 'ok'; body: string } | { kind: 'unhandled'; errorMessage: string; body: string } | { kind: 'invoke-failed'; lambdaStatus: number; body: string; config: string; errorType: string };
  trace?: string;
}

export function restExecLines(x: RestExecRequest): { dt: number; text: string }[] {
  const out: { dt: number; text: string }[] = [];
  const add = (dt: number, text: string): void => {
    out.push({ dt, text: `(${x.id}) ${text}` });
  };
  add(0, `Extended Request Id: ${x.ext}`);
  add(0, `Verifying Usage Plan for request: ${x.id}. API Key:  API Stage: ${x.apiId}/${x.stage}`);
  add(1, `API Key  authorized because method '${x.method} ${x.resource}' does not require API Key. Request will not contribute to throttle or quota limits`);
  add(1, `Usage Plan check succeeded for API Key  and API Stage ${x.apiId}/${x.stage}`);
  add(1, `Starting execution for request: ${x.id}`);
  add(1, `HTTP Method: ${x.method}, Resource Path: ${x.path}`);
  const pathParams = x.resource.includes('{') ? `{${x.resource.replace(/.*\{([^}]+)\}.*/, '$1')}=${x.path.split('/').pop() ?? ''}}` : '{}';
  add(1, `Method request path: ${pathParams}`);
  add(1, 'Method request query string: {}');
  if (x.dataTrace) {
    add(1, `Method request headers: {Accept=application/json, X-Forwarded-For=203.0.113.9, 130.176.98.${(x.ts % 200) + 10}, User-Agent=partner-sync/4.2, Host=${x.apiId}.execute-api.${x.region}.amazonaws.com, X-Forwarded-Port=443, X-Amzn-Trace-Id=Root=${x.trace ?? '1-00000000-000000000000000000000000'}, X-Forwarded-Proto=https, Content-Type=application/json}`);
    add(1, x.method === 'POST' ? 'Method request body before transformations: {"partner":"p-1182","items":[{"sku":"SKU-20931","qty":2}],"currency":"EUR","discount":""}' : 'Method request body before transformations: ');
  }
  add(2, `Endpoint request URI: https://lambda.${x.region}.amazonaws.com/2015-03-31/functions/${x.fnArn}/invocations`);
  if (x.dataTrace) {
    add(2, `Endpoint request headers: {X-Amz-Date=${new Date(x.ts).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z, x-amzn-apigateway-api-id=${x.apiId}, Accept=application/json, User-Agent=AmazonAPIGateway_${x.apiId}, Host=lambda.${x.region}.amazonaws.com, X-Amz-Content-Sha256=${'0'.repeat(8)}[TRUNCATED]`);
    add(2, `Endpoint request body after transformations: {"resource":"${x.resource}","path":"${x.path}","httpMethod":"${x.method}","headers":{"Accept":"application/json","Content-Type":"application/json","Host":"${x.apiId}.execute-api.${x.region}.amazonaws.com"},"multiValueHeaders":{"Accept":["application/json"] [TRUNCATED]`);
  }
  add(2, `Sending request to https://lambda.${x.region}.amazonaws.com/2015-03-31/functions/${x.fnArn}/invocations`);
  const back = x.latency - 3;
  if (x.outcome.kind === 'invoke-failed') {
    add(back, `Received response. Status: ${x.outcome.lambdaStatus}, Integration latency: ${back - 2} ms`);
    add(back, `Endpoint response headers: {Date=${httpDate(x.ts + back)}, Content-Type=application/json, Content-Length=${x.outcome.body.length}, Connection=keep-alive, x-amzn-RequestId=${x.lambdaId ?? ''}, x-amzn-ErrorType=${x.outcome.errorType}}`);
    if (x.dataTrace) add(back, `Endpoint response body before transformations: ${x.outcome.body}`);
    add(back, `Lambda invocation failed with status: ${x.outcome.lambdaStatus}. Lambda request id: ${x.lambdaId ?? ''}`);
    add(back + 1, `Execution failed due to configuration error: ${x.outcome.config}`);
    add(back + 1, `Method completed with status: ${x.status}`);
    return out;
  }
  add(back, `Received response. Status: 200, Integration latency: ${back - 2} ms`);
  const fnError = x.outcome.kind === 'unhandled' ? 'X-Amz-Function-Error=Unhandled, ' : '';
  add(back, `Endpoint response headers: {Date=${httpDate(x.ts + back)}, Content-Type=application/json, Content-Length=${x.outcome.body.length}, Connection=keep-alive, x-amzn-RequestId=${x.lambdaId ?? ''}, ${fnError}x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=${x.trace ?? '1-00000000-000000000000000000000000'};parent=${x.id.replace(/-/g, '').slice(0, 16)};sampled=0;lineage=1:${x.id.slice(0, 8)}:0}`);
  if (x.dataTrace) add(back, `Endpoint response body before transformations: ${x.outcome.body}`);
  if (x.outcome.kind === 'unhandled') {
    add(back + 1, `Lambda execution failed with status 200 due to customer function error: ${x.outcome.errorMessage}. Lambda request id: ${x.lambdaId ?? ''}`);
    add(back + 1, `Method completed with status: ${x.status}`);
    return out;
  }
  add(back + 1, 'Method response body after transformations: [TRUNCATED]'.replace(' [TRUNCATED]', x.dataTrace ? ' {"ok":true}' : ''));
  add(back + 1, `Method response headers: {Content-Type=application/json, X-Amzn-Trace-Id=Root=${x.trace ?? '1-00000000-000000000000000000000000'};Parent=${x.id.replace(/-/g, '').slice(8, 24)};Sampled=0;Lineage=1:${x.id.slice(0, 8)}:0}`);
  add(back + 1, 'Successfully completed execution');
  add(back + 1, `Method completed with status: ${x.status}`);
  add(back + 1, `AWS Integration Endpoint RequestId : ${x.lambdaId ?? ''}`);
  return out;
}

export function restStage(o: { stage: string; deploymentId: string; logLevel: 'INFO' | 'ERROR' | 'OFF'; dataTrace: boolean; accessArn?: string; format?: string; tracing?: boolean; variables?: Record<string, string>; created: number; updated: number }): unknown {
  const ms: Record<string, unknown> = { metricsEnabled: false, dataTraceEnabled: o.dataTrace, throttlingBurstLimit: 5000, throttlingRateLimit: 10000.0, cachingEnabled: false, cacheTtlInSeconds: 300, cacheDataEncrypted: false, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER' };
  if (o.logLevel !== 'OFF') ms['loggingLevel'] = o.logLevel;
  else ms['loggingLevel'] = 'OFF';
  const s: Record<string, unknown> = {
    deploymentId: o.deploymentId,
    stageName: o.stage,
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: { '*/*': ms },
  };
  if (o.variables) s['variables'] = o.variables;
  if (o.accessArn && o.format) s['accessLogSettings'] = { format: o.format, destinationArn: o.accessArn };
  s['tracingEnabled'] = o.tracing ?? false;
  s['createdDate'] = cliTime(o.created);
  s['lastUpdatedDate'] = cliTime(o.updated);
  return s;
}

export function restExport(o: { title: string; apiId: string; region: string; stage: string; paths: Record<string, Record<string, Record<string, unknown>>>; securitySchemes?: Record<string, unknown> }): unknown {
  const paths: Record<string, unknown> = {};
  for (const [p, methods] of Object.entries(o.paths)) {
    const entry: Record<string, unknown> = {};
    for (const [m, integration] of Object.entries(methods)) {
      const params = [...p.matchAll(/\{([^}]+)\}/g)].map((mm) => ({ name: mm[1], in: 'path', required: true, schema: { type: 'string' } }));
      const op: Record<string, unknown> = {};
      if (params.length) op['parameters'] = params;
      op['responses'] = {};
      if (integration['x-security']) {
        op['security'] = integration['x-security'];
        delete integration['x-security'];
      }
      op['x-amazon-apigateway-integration'] = integration;
      entry[m] = op;
    }
    paths[p] = entry;
  }
  const doc: Record<string, unknown> = {
    openapi: '3.0.1',
    info: { title: o.title, version: '2026-01-12T10:22:41Z' },
    servers: [{ url: `https://${o.apiId}.execute-api.${o.region}.amazonaws.com/{basePath}`, variables: { basePath: { default: o.stage } } }],
    paths,
  };
  if (o.securitySchemes) doc['components'] = { securitySchemes: o.securitySchemes };
  return doc;
}

export function proxyIntegration(region: string, fnArn: string): Record<string, unknown> {
  return { httpMethod: 'POST', uri: lambdaUri(region, fnArn), responses: { default: { statusCode: '200' } }, passthroughBehavior: 'when_no_match', contentHandling: 'CONVERT_TO_TEXT', type: 'aws_proxy' };
}

/** Group execution lines of many requests into streams the way API Gateway does (one request, one stream). */
export function execEvents(r: Rng, reqs: { ts: number; lines: { dt: number; text: string }[] }[], streams: string[]): Map<string, Ev[]> {
  const byStream = new Map<string, Ev[]>();
  for (const q of reqs) {
    const s = r.pick(streams);
    const list = byStream.get(s) ?? [];
    for (const l of q.lines) list.push({ ts: q.ts + l.dt, msg: l.text, stream: s });
    byStream.set(s, list);
  }
  return byStream;
}


// ---------------------------------------------------------------------------------------------
// More line and file shapes used by this red team
// ---------------------------------------------------------------------------------------------

/** Node.js / .NET text format: "<ISO>\t<requestId>\t<LEVEL>\t<message>\n". */
export function nodeLine(ms: number, id: string, level: string, msg: string): string {
  return `${iso(ms)}\t${id}\t${level}\t${msg}\n`;
}
/** Python text format: "[LEVEL]\t<ISO>\t<requestId>\t<message>\n". */
export function pyLine(ms: number, id: string, level: string, msg: string): string {
  return `[${level}]\t${iso(ms)}\t${id}\t${msg}\n`;
}
/** Lambda JSON log format, system record. */
export function sysJson(ms: number, type: string, record: Record<string, unknown>): string {
  return JSON.stringify({ time: iso(ms), type, record });
}
/** Lambda JSON log format, Node.js application line (console.* under LogFormat JSON). */
export function nodeJson(ms: number, id: string, level: string, message: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ timestamp: iso(ms), level, requestId: id, message, ...extra });
}
/** JSON Lines export of log events: {"timestamp","message"} or {"@timestamp","@message"} (Insights style, zone-less time). */
export function jsonLines(events: Ev[], style: 'plain' | 'insights'): string {
  return sortEvents(events)
    .map((e) => (style === 'plain' ? JSON.stringify({ timestamp: e.ts, message: e.msg }) : JSON.stringify({ '@timestamp': insightsTime(e.ts), '@message': e.msg, '@logStream': e.stream })))
    .join('\n')
    .concat('\n');
}
export function gz(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
}
/** $context.requestTime of HTTP APIs and REST: "21/Apr/2026:10:03:12 +0000" (second resolution). */
export const reqTime = clfTime;

/** Stream name of an execution log group: 32 hex characters. */
export function execStream(r: Rng): string {
  return r.hex(32);
}

export function snsTrigger(metric: string, dims: Record<string, string>, period: number, evals: number, threshold: number): Record<string, unknown> {
  return {
    MetricName: metric,
    Namespace: 'AWS/ApiGateway',
    StatisticType: 'Statistic',
    Statistic: 'SUM',
    Unit: null,
    Dimensions: Object.entries(dims).map(([name, value]) => ({ value, name })),
    Period: period,
    EvaluationPeriods: evals,
    DatapointsToAlarm: evals,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    Threshold: threshold,
    TreatMissingData: 'missing',
    EvaluateLowSampleCountPercentile: '',
  };
}

/** Minute buckets of a list of times (for metric series consistent with the logs). */
export function perBucket(times: number[], periodS: number): Map<number, number> {
  const m = new Map<number, number>();
  for (const t of times) {
    const b = Math.floor(t / (periodS * 1000)) * periodS * 1000;
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** "Threshold Crossed: 1 out of the last 1 datapoints [12.0 (21/04/26 10:14:00)] ..." */
export function reasonText(points: { t: number; v: number }[], threshold: number, op = 'greater than or equal to'): string {
  const fmt = (t: number): string => {
    const d = new Date(t);
    return `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).slice(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:00`;
  };
  const list = points.map((p) => `${p.v.toFixed(1)} (${fmt(p.t)})`).join(', ');
  return `Threshold Crossed: ${points.length} out of the last ${points.length} datapoints [${list}] were ${op} the threshold (${threshold.toFixed(1)}) (minimum ${points.length} datapoint${points.length > 1 ? 's' : ''} for OK -> ALARM transition).`;
}

export function httpStage(o: { region: string; account: string; group: string; format: string; stage: string; deploymentId: string; created: number; updated: number; autoDeploy?: boolean }): unknown {
  return {
    AccessLogSettings: { DestinationArn: `arn:aws:logs:${o.region}:${o.account}:log-group:${o.group}`, Format: o.format },
    ApiGatewayManaged: false,
    AutoDeploy: o.autoDeploy ?? true,
    CreatedDate: cliTime(o.created),
    DefaultRouteSettings: { DetailedMetricsEnabled: false },
    DeploymentId: o.deploymentId,
    LastDeploymentStatusMessage: `Successfully deployed stage with deployment ID '${o.deploymentId}'`,
    LastUpdatedDate: cliTime(o.updated),
    RouteSettings: {},
    StageName: o.stage,
    StageVariables: {},
    Tags: {},
  };
}

export function httpExport(o: { title: string; apiId: string; region: string; routes: { method: string; path: string; fnArn: string }[]; version: string }): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const rt of o.routes) {
    const entry = (paths[rt.path] ??= {});
    entry[rt.method.toLowerCase()] = {
      responses: { default: { description: `Default response for ${rt.method} ${rt.path}` } },
      'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: rt.fnArn, payloadFormatVersion: '2.0', connectionType: 'INTERNET', timeoutInMillis: 30000 },
    };
    const params = [...rt.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', description: `Generated path parameter for ${m[1] ?? ''}`, required: true, schema: { type: 'string' } }));
    if (params.length) entry['parameters'] = params;
  }
  return {
    openapi: '3.0.1',
    info: { title: o.title, version: o.version },
    servers: [{ url: `https://${o.apiId}.execute-api.${o.region}.amazonaws.com/{basePath}`, variables: { basePath: { default: '' } } }],
    paths,
    'x-amazon-apigateway-importexport-version': '1.0',
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers of this red team
// ---------------------------------------------------------------------------------------------

/** Windows line endings, as a file saved on Windows (or by PowerShell) has them. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * What Windows PowerShell 5.1 writes for `aws ... > file`: the redirection operator is Out-File with its
 * default "Unicode" encoding, i.e. UTF-16 LE with a BOM, and CRLF line ends (about_Character_Encoding,
 * about_Redirection; "Out-File and the redirection operators > and >> create UTF-16LE").
 */
export function powershellRedirect(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf(text), 'utf16le')]);
}

/** `aws logs get-query-results` of `fields @message` (Logs Insights adds @ptr), newest first. */
export function insightsMessageOnly(r: Rng, events: Ev[]): string {
  const rows = sortEvents(events)
    .reverse()
    .map((e) => [
      { field: '@message', value: e.msg },
      { field: '@ptr', value: `CmUKLAooNjA0ODE3MjkzNTUxOi9hd3MvYXBpZ2F0ZXdheS8${r.hex(12)}QABIxBCIB${r.hex(16)}GABCIQ${r.hex(10)}` },
    ]);
  return `${JSON.stringify({ results: rows, statistics: { recordsMatched: rows.length, recordsScanned: rows.length, estimatedRecordsSkipped: 0, bytesScanned: rows.length * 402, estimatedBytesSkipped: 0, logGroupsScanned: 1 }, status: 'Complete' }, null, 4)}\n`;
}

/** The JSON document SNS POSTs to an HTTP(S) subscriber (sns/latest/dg/http-notification-json). */
export function snsEnvelope(r: Rng, o: { topic: string; subject: string; message: unknown; ms: number; region: string }): string {
  const sig = Buffer.from(Array.from({ length: 256 }, () => r.int(0, 255))).toString('base64');
  // SNS prints "key" : "value" with spaces around the colon.
  const fields: [string, string][] = [
    ['Type', 'Notification'],
    ['MessageId', r.uuid()],
    ['TopicArn', o.topic],
    ['Subject', o.subject],
    ['Message', JSON.stringify(o.message)],
    ['Timestamp', iso(o.ms + r.int(80, 400))],
    ['SignatureVersion', '1'],
    ['Signature', sig],
    ['SigningCertURL', `https://sns.${o.region}.amazonaws.com/SimpleNotificationService-${r.hex(32)}.pem`],
    ['UnsubscribeURL', `https://sns.${o.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${o.topic}:${r.uuid()}`],
  ];
  return `{\n${fields.map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(',\n')}\n}\n`;
}

/** `aws lambda get-function` output: Configuration, Code (a pre-signed S3 URL), Tags. */
export function getFunctionOutput(r: Rng, cfg: unknown, o: { region: string; account: string; name: string; tags: Record<string, string> }): unknown {
  const loc = `https://awslambda-${o.region}-tasks.s3.${o.region}.amazonaws.com/snapshots/${o.account}/${o.name}-${r.uuid()}?versionId=${r.hex(32)}&X-Amz-Security-Token=IQoJb3JpZ2luX2VjE${r.hex(40)}&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260617T084955Z&X-Amz-SignedHeaders=host&X-Amz-Expires=600&X-Amz-Credential=ASIA${r.hex(16).toUpperCase()}%2F20260617%2F${o.region}%2Fs3%2Faws4_request&X-Amz-Signature=${r.hex(64)}`;
  return { Configuration: cfg, Code: { RepositoryType: 'S3', Location: loc }, Tags: o.tags };
}

/** Lambda execution environments of one function (text log format): cold starts, reuse, START/END/REPORT. */
export class TextLambda {
  readonly events: Ev[] = [];
  private readonly envs: { stream: string; freeAt: number; fresh: boolean }[] = [];
  constructor(
    private readonly r: Rng,
    private readonly o: { fn: string; region: string; runtimeVersion: string; memory: number; init: [number, number]; version?: string; xray?: boolean },
  ) {}

  /** Runs one invocation that starts at `start`; `body` writes the app lines and says when it ended. */
  invoke(
    start: number,
    body: (id: string, t0: number, push: (ts: number, msg: string) => void, cold: boolean) => { end: number; status?: 'timeout' | 'error'; errorType?: string; used?: number },
    opts: { id?: string; forceCold?: boolean; initLines?: (stream: string, start: number, push: (ts: number, msg: string) => void) => number; trace?: string } = {},
  ): { id: string; end: number; stream: string; cold: boolean } {
    const r = this.r;
    let env = opts.forceCold ? undefined : this.envs.find((e) => e.freeAt < start);
    let initMs: number | undefined;
    const push = (stream: string) => (ts: number, msg: string): void => {
      this.events.push({ ts, msg, stream });
    };
    let t0 = start;
    if (!env) {
      env = { stream: lambdaStream(r, start, this.o.version ?? '$LATEST'), freeAt: 0, fresh: true };
      this.envs.push(env);
      this.events.push({ ts: start, stream: env.stream, msg: initStartLine(this.o.runtimeVersion, this.o.region, r) });
      if (opts.initLines) {
        t0 = opts.initLines(env.stream, start, push(env.stream));
      } else {
        initMs = this.o.init[0] + r.next() * (this.o.init[1] - this.o.init[0]);
        t0 = start + Math.ceil(initMs);
      }
    }
    const cold = env.fresh;
    env.fresh = false;
    const id = opts.id ?? r.uuid();
    this.events.push({ ts: t0, stream: env.stream, msg: startLine(id, this.o.version ?? '$LATEST') });
    const out = body(id, t0, push(env.stream), cold);
    const dur = out.end - t0;
    this.events.push({ ts: out.end, stream: env.stream, msg: endLine(id) });
    const trace = opts.trace && this.o.xray ? { id: opts.trace, segment: r.hex(16) } : undefined;
    this.events.push({
      ts: out.end,
      stream: env.stream,
      msg: reportLine({ id, durationMs: out.status === 'timeout' ? dur : dur - r.next() * 0.9, memory: this.o.memory, used: out.used ?? r.int(Math.round(this.o.memory * 0.18), Math.round(this.o.memory * 0.34)), initMs, status: out.status, errorType: out.errorType, trace }),
    });
    env.freeAt = out.end + 3;
    return { id, end: out.end, stream: env.stream, cold };
  }
}

/** Python's json.dumps with its default separators (", " and ": "). */
export function pyDumps(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyDumps).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${pyDumps(x)}`).join(', ')}}`;
}

/** Node.js "Invoke Error" line of the text log format (runtime's own report of an unhandled error). */
export function nodeInvokeError(ms: number, id: string, errorType: string, errorMessage: string, stack: string[]): string {
  return nodeLine(ms, id, 'ERROR', `Invoke Error \t${JSON.stringify({ errorType, errorMessage, stack: [`${errorType}: ${errorMessage}`, ...stack] })}`);
}

/** "Threshold Crossed: 3 out of the last 5 datapoints [...] ... (minimum 3 datapoints for OK -> ALARM transition)." */
export function reasonMofN(points: { t: number; v: number }[], m: number, threshold: number): string {
  const fmt = (t: number): string => {
    const d = new Date(t);
    return `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).slice(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:00`;
  };
  const recent = [...points].reverse();
  const breaching = recent.filter((p) => p.v >= threshold).length;
  return `Threshold Crossed: ${breaching} out of the last ${points.length} datapoints [${recent.map((p) => `${p.v.toFixed(1)} (${fmt(p.t)})`).join(', ')}] were greater than or equal to the threshold (${threshold.toFixed(1)}) (minimum ${m} datapoints for OK -> ALARM transition).`;
}

export function alarmDims(apiName: string, stage: string): Record<string, string> {
  return { ApiName: apiName, Stage: stage };
}

export function restAccessJsonDefault(q: { id: string; ip: string; ts: number; method: string; resource: string; status: number; len: number }): string {
  // REST console JSON preset (set-up-logging.md), one line.
  return `{ "requestId":"${q.id}", "ip": "${q.ip}", "caller":"-", "user":"-","requestTime":"${reqTime(q.ts)}", "httpMethod":"${q.method}","resourcePath":"${q.resource}", "status":"${q.status}","protocol":"HTTP/1.1", "responseLength":"${q.len}" }`;
}
