/**
 * Third red team's incident bundles (events/incidents/rt3-*): realistic incidents aimed where the first
 * two rounds did not go: bundles recorded by a hurried human on Windows (odd names, CRLF, UTF-16 LE,
 * @message-only Logs Insights rows, the full SNS envelope, get-function output), data tracing with
 * secrets in bodies, third-party 503s handled by the function, two stages failing at once, init
 * timeouts mixed with handler timeouts, Step Functions StartSyncExecution failures, HTTP API permission
 * loss, and a three-request incident under a 3-of-5 alarm. Every shape is looked up; sources are in
 * each README.md. Deterministic: seeded randomness, fixed clocks.
 *
 *   npx tsx scripts/incidents/redteam3-incidents.ts            # writes events/incidents/rt3-*
 *   npx tsx scripts/incidents/redteam3-incidents.ts --check    # validates the bundles it wrote
 */
import { mkdirSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '../../events/incidents');

// ---------------------------------------------------------------------------------------------
// Randomness and ids
// ---------------------------------------------------------------------------------------------

interface Rng {
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

function rng(seed: number): Rng {
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

function traceIdAt(r: Rng, ms: number): string {
  return `1-${Math.floor(ms / 1000).toString(16).padStart(8, '0')}-${r.hex(24)}`;
}

const IPS = ['203.0.113.24', '198.51.100.7', '192.0.2.181', '100.64.33.12', '54.240.197.3', '81.2.69.160', '203.0.113.99', '198.51.100.250', '18.202.11.9'];

// ---------------------------------------------------------------------------------------------
// Time formats
// ---------------------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number): string => String(n).padStart(2, '0');
const p3 = (n: number): string => String(n).padStart(3, '0');

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
/** $context.requestTime: 14/May/2026:09:12:03 +0000 */
function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}
/** Logs Insights: 2026-05-14 09:12:03.123 */
function insightsTime(ms: number): string {
  return iso(ms).replace('T', ' ').replace('Z', '');
}
/** aws logs tail (detailed): 2026-05-14T09:12:03.123000+00:00 */
function tailTime(ms: number): string {
  return `${iso(ms).slice(0, 23)}000+00:00`;
}
/** aws logs tail --format short: 2026-05-14T09:12:03 */
function tailShortTime(ms: number): string {
  return iso(ms).slice(0, 19);
}
/** Go's log package default flags (LstdFlags): 2026/05/14 09:12:03 */
function goLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
/** Ruby Logger default: 2026-05-14T09:12:03.123456 */
function rubyTime(ms: number, r: Rng): string {
  return `${iso(ms).slice(0, 23)}${p3(r.int(0, 999))}`;
}
/** Powertools Python: 2026-05-14 09:12:03,123+0000 */
function powertoolsTime(ms: number): string {
  return `${iso(ms).slice(0, 19).replace('T', ' ')},${iso(ms).slice(20, 23)}+0000`;
}
/** HTTP Date header: Thu, 14 May 2026 09:12:03 GMT */
function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}
/** CloudTrail / API timestamps as the CLI prints them: 2026-05-14T09:03:41+00:00 */
function cliTime(ms: number): string {
  return `${iso(ms).slice(0, 19)}+00:00`;
}
function cliTimeMs(ms: number): string {
  return `${iso(ms).slice(0, 23)}000+00:00`;
}

// ---------------------------------------------------------------------------------------------
// Log events and the file formats the CLI prints
// ---------------------------------------------------------------------------------------------

interface Ev {
  ts: number;
  msg: string;
  stream: string;
  /** Extra Logs Insights fields (e.g. @requestId) for this event. */
  requestId?: string;
}

function sortEvents(events: Ev[]): Ev[] {
  return [...events].sort((a, b) => a.ts - b.ts);
}

function eventId(r: Rng): string {
  let s = '3';
  for (let i = 0; i < 55; i++) s += String(r.int(0, 9));
  return s;
}

/** aws logs filter-log-events (pretty JSON, 4-space indent like CLI v2). */
function filterLogEvents(r: Rng, events: Ev[], withSearched: string[] = []): string {
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
function getLogEvents(r: Rng, events: Ev[]): string {
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
function insightsResults(r: Rng, events: Ev[], opts: { account: string; group: string; requestIdField: boolean; ingestion: boolean }): string {
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
function tailLong(events: Ev[]): string {
  return sortEvents(events)
    .map((e) => `${tailTime(e.ts)} ${e.stream} ${e.msg.replace(/\n$/, '')}`)
    .join('\n')
    .concat('\n');
}

/** aws logs tail --format short: "<time> <message>" (no stream). */
function tailShort(events: Ev[]): string {
  return sortEvents(events)
    .map((e) => `${tailShortTime(e.ts)} ${e.msg.replace(/\n$/, '')}`)
    .join('\n')
    .concat('\n');
}

function lambdaStream(r: Rng, ms: number, version = '$LATEST', fn?: string): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${fn ?? ''}[${version}]${r.hex(32)}`;
}

// ---------------------------------------------------------------------------------------------
// Bundle writing
// ---------------------------------------------------------------------------------------------

interface Expected {
  rootCause: string;
  findings: string[];
  failingRequests: number;
  api: { id: string; stage: string; type: 'REST' | 'HTTP' };
  notes: string;
}

class Bundle {
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
    for (const [rel, content] of this.files) {
      const file = path.join(dir, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
}

function windowOf(alarmMs: number, periodS: number, evals: number): { start: number; end: number } {
  return { start: alarmMs - periodS * evals * 1000 - 15 * 60_000, end: alarmMs + 5 * 60_000 };
}

// ---------------------------------------------------------------------------------------------
// Context documents (CLI output shapes)
// ---------------------------------------------------------------------------------------------

function cloudTrailEvent(r: Rng, o: {
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

function snsAlarm(o: {
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

function eventBridgeAlarm(r: Rng, o: {
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
function metricData(o: {
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

function lambdaConfig(r: Rng, o: {
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

function lambdaUri(region: string, fnArn: string): string {
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`;
}

// ---------------------------------------------------------------------------------------------
// Lambda platform lines (text format)
// ---------------------------------------------------------------------------------------------

function startLine(id: string, version = '$LATEST'): string {
  return `START RequestId: ${id} Version: ${version}\n`;
}
function endLine(id: string): string {
  return `END RequestId: ${id}\n`;
}
function reportLine(o: { id: string; durationMs: number; memory: number; used: number; initMs?: number; status?: string; errorType?: string; trace?: { id: string; segment: string } }): string {
  const billed = Math.ceil(o.durationMs + (o.initMs ?? 0));
  let s = `REPORT RequestId: ${o.id}\tDuration: ${o.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${o.memory} MB\tMax Memory Used: ${o.used} MB\t`;
  if (o.initMs !== undefined) s += `Init Duration: ${o.initMs.toFixed(2)} ms\t`;
  if (o.status) s += `Status: ${o.status}\t`;
  if (o.errorType) s += `Error Type: ${o.errorType}\t`;
  s += '\n';
  if (o.trace) s += `XRAY TraceId: ${o.trace.id}\tSegmentId: ${o.trace.segment}\tSampled: true\t\n`;
  return s;
}
function initStartLine(runtime: string, region: string, r: Rng): string {
  return `INIT_START Runtime Version: ${runtime}\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:${r.hex(64)}\n`;
}


// ---------------------------------------------------------------------------------------------
// README helper
// ---------------------------------------------------------------------------------------------

function readme(title: string, parts: { what: string; api: string; files: string[]; noise: string; sources: string[] }): string {
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

interface RestExecRequest {
  id: string; ext: string; apiId: string; stage: string; method: string; resource: string; path: string; fnArn: string; region: string;
  ts: number; latency: number; lambdaId?: string; status: number; dataTrace: boolean;
  /** What Lambda answered. */
  outcome: { kind: 'ok'; body: string } | { kind: 'unhandled'; errorMessage: string; body: string } | { kind: 'invoke-failed'; lambdaStatus: number; body: string; config: string; errorType: string };
  trace?: string;
}

function restExecLines(x: RestExecRequest): { dt: number; text: string }[] {
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

function restStage(o: { stage: string; deploymentId: string; logLevel: 'INFO' | 'ERROR' | 'OFF'; dataTrace: boolean; accessArn?: string; format?: string; tracing?: boolean; variables?: Record<string, string>; created: number; updated: number }): unknown {
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

function restExport(o: { title: string; apiId: string; region: string; stage: string; paths: Record<string, Record<string, Record<string, unknown>>>; securitySchemes?: Record<string, unknown> }): unknown {
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

function proxyIntegration(region: string, fnArn: string): Record<string, unknown> {
  return { httpMethod: 'POST', uri: lambdaUri(region, fnArn), responses: { default: { statusCode: '200' } }, passthroughBehavior: 'when_no_match', contentHandling: 'CONVERT_TO_TEXT', type: 'aws_proxy' };
}

/** Group execution lines of many requests into streams the way API Gateway does (one request, one stream). */
function execEvents(r: Rng, reqs: { ts: number; lines: { dt: number; text: string }[] }[], streams: string[]): Map<string, Ev[]> {
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
function nodeLine(ms: number, id: string, level: string, msg: string): string {
  return `${iso(ms)}\t${id}\t${level}\t${msg}\n`;
}
/** Python text format: "[LEVEL]\t<ISO>\t<requestId>\t<message>\n". */
function pyLine(ms: number, id: string, level: string, msg: string): string {
  return `[${level}]\t${iso(ms)}\t${id}\t${msg}\n`;
}
/** Lambda JSON log format, system record. */
function sysJson(ms: number, type: string, record: Record<string, unknown>): string {
  return JSON.stringify({ time: iso(ms), type, record });
}
/** Lambda JSON log format, Node.js application line (console.* under LogFormat JSON). */
function nodeJson(ms: number, id: string, level: string, message: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ timestamp: iso(ms), level, requestId: id, message, ...extra });
}
/** JSON Lines export of log events: {"timestamp","message"} or {"@timestamp","@message"} (Insights style, zone-less time). */
function jsonLines(events: Ev[], style: 'plain' | 'insights'): string {
  return sortEvents(events)
    .map((e) => (style === 'plain' ? JSON.stringify({ timestamp: e.ts, message: e.msg }) : JSON.stringify({ '@timestamp': insightsTime(e.ts), '@message': e.msg, '@logStream': e.stream })))
    .join('\n')
    .concat('\n');
}
function gz(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
}
/** $context.requestTime of HTTP APIs and REST: "21/Apr/2026:10:03:12 +0000" (second resolution). */
const reqTime = clfTime;

/** Stream name of an execution log group: 32 hex characters. */
function execStream(r: Rng): string {
  return r.hex(32);
}

function snsTrigger(metric: string, dims: Record<string, string>, period: number, evals: number, threshold: number): Record<string, unknown> {
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
function perBucket(times: number[], periodS: number): Map<number, number> {
  const m = new Map<number, number>();
  for (const t of times) {
    const b = Math.floor(t / (periodS * 1000)) * periodS * 1000;
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** "Threshold Crossed: 1 out of the last 1 datapoints [12.0 (21/04/26 10:14:00)] ..." */
function reasonText(points: { t: number; v: number }[], threshold: number, op = 'greater than or equal to'): string {
  const fmt = (t: number): string => {
    const d = new Date(t);
    return `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).slice(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:00`;
  };
  const list = points.map((p) => `${p.v.toFixed(1)} (${fmt(p.t)})`).join(', ');
  return `Threshold Crossed: ${points.length} out of the last ${points.length} datapoints [${list}] were ${op} the threshold (${threshold.toFixed(1)}) (minimum ${points.length} datapoint${points.length > 1 ? 's' : ''} for OK -> ALARM transition).`;
}

function httpStage(o: { region: string; account: string; group: string; format: string; stage: string; deploymentId: string; created: number; updated: number; autoDeploy?: boolean }): unknown {
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

function httpExport(o: { title: string; apiId: string; region: string; routes: { method: string; path: string; fnArn: string }[]; version: string }): unknown {
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
function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * What Windows PowerShell 5.1 writes for `aws ... > file`: the redirection operator is Out-File with its
 * default "Unicode" encoding, i.e. UTF-16 LE with a BOM, and CRLF line ends (about_Character_Encoding,
 * about_Redirection; "Out-File and the redirection operators > and >> create UTF-16LE").
 */
function powershellRedirect(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf(text), 'utf16le')]);
}

/** `aws logs get-query-results` of `fields @message` (Logs Insights adds @ptr), newest first. */
function insightsMessageOnly(r: Rng, events: Ev[]): string {
  const rows = sortEvents(events)
    .reverse()
    .map((e) => [
      { field: '@message', value: e.msg },
      { field: '@ptr', value: `CmUKLAooNjA0ODE3MjkzNTUxOi9hd3MvYXBpZ2F0ZXdheS8${r.hex(12)}QABIxBCIB${r.hex(16)}GABCIQ${r.hex(10)}` },
    ]);
  return `${JSON.stringify({ results: rows, statistics: { recordsMatched: rows.length, recordsScanned: rows.length, estimatedRecordsSkipped: 0, bytesScanned: rows.length * 402, estimatedBytesSkipped: 0, logGroupsScanned: 1 }, status: 'Complete' }, null, 4)}\n`;
}

/** The JSON document SNS POSTs to an HTTP(S) subscriber (sns/latest/dg/http-notification-json). */
function snsEnvelope(r: Rng, o: { topic: string; subject: string; message: unknown; ms: number; region: string }): string {
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
function getFunctionOutput(r: Rng, cfg: unknown, o: { region: string; account: string; name: string; tags: Record<string, string> }): unknown {
  const loc = `https://awslambda-${o.region}-tasks.s3.${o.region}.amazonaws.com/snapshots/${o.account}/${o.name}-${r.uuid()}?versionId=${r.hex(32)}&X-Amz-Security-Token=IQoJb3JpZ2luX2VjE${r.hex(40)}&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260617T084955Z&X-Amz-SignedHeaders=host&X-Amz-Expires=600&X-Amz-Credential=ASIA${r.hex(16).toUpperCase()}%2F20260617%2F${o.region}%2Fs3%2Faws4_request&X-Amz-Signature=${r.hex(64)}`;
  return { Configuration: cfg, Code: { RepositoryType: 'S3', Location: loc }, Tags: o.tags };
}

/** Lambda execution environments of one function (text log format): cold starts, reuse, START/END/REPORT. */
class TextLambda {
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
    opts: { forceCold?: boolean; initLines?: (stream: string, start: number, push: (ts: number, msg: string) => void) => number; trace?: string } = {},
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
    const id = r.uuid();
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
function pyDumps(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyDumps).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${pyDumps(x)}`).join(', ')}}`;
}

/** Node.js "Invoke Error" line of the text log format (runtime's own report of an unhandled error). */
function nodeInvokeError(ms: number, id: string, errorType: string, errorMessage: string, stack: string[]): string {
  return nodeLine(ms, id, 'ERROR', `Invoke Error \t${JSON.stringify({ errorType, errorMessage, stack: [`${errorType}: ${errorMessage}`, ...stack] })}`);
}

/** "Threshold Crossed: 3 out of the last 5 datapoints [...] ... (minimum 3 datapoints for OK -> ALARM transition)." */
function reasonMofN(points: { t: number; v: number }[], m: number, threshold: number): string {
  const fmt = (t: number): string => {
    const d = new Date(t);
    return `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).slice(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:00`;
  };
  const recent = [...points].reverse();
  const breaching = recent.filter((p) => p.v >= threshold).length;
  return `Threshold Crossed: ${breaching} out of the last ${points.length} datapoints [${recent.map((p) => `${p.v.toFixed(1)} (${fmt(p.t)})`).join(', ')}] were greater than or equal to the threshold (${threshold.toFixed(1)}) (minimum ${m} datapoints for OK -> ALARM transition).`;
}

function alarmDims(apiName: string, stage: string): Record<string, string> {
  return { ApiName: apiName, Stage: stage };
}

function restAccessJsonDefault(q: { id: string; ip: string; ts: number; method: string; resource: string; status: number; len: number }): string {
  // REST console JSON preset (set-up-logging.md), one line.
  return `{ "requestId":"${q.id}", "ip": "${q.ip}", "caller":"-", "user":"-","requestTime":"${reqTime(q.ts)}", "httpMethod":"${q.method}","resourcePath":"${q.resource}", "status":"${q.status}","protocol":"HTTP/1.1", "responseLength":"${q.len}" }`;
}

// =============================================================================================
// 1. rt3-rest-hurried-human-windows-export
//    A REST API behind a Node.js 20 function; a deploy reads product.price.amount where the new
//    catalogue schema moved prices to offers[] => TypeError on ~40% of GET /products/{sku} => 502.
//    Recorded by an on-call engineer on a Windows laptop in a hurry: logs/exec.txt (`aws logs tail`,
//    CRLF), logs/lambda-logs.json (filter-log-events redirected by PowerShell 5.1: UTF-16 LE + BOM,
//    CRLF), logs/access/part-0000N.json.gz (two Logs Insights exports of `fields @message`: no
//    @timestamp column), logs/notes.txt (the engineer's own notes), alarm.json as the whole SNS HTTP
//    envelope, functions/*.json as `aws lambda get-function` output. No api/ or changes/.
//    Truth: lambda-unhandled-error.
// =============================================================================================

function bundleHurriedHuman(): void {
  const r = rng(0x3e01);
  const name = 'rt3-rest-hurried-human-windows-export';
  const b = new Bundle(name);
  const region = 'eu-west-1';
  const account = '318520047796';
  const apiId = 'c4t9lq2m7x';
  const apiName = 'catalog-api';
  const stage = 'prod';
  const fn = 'catalog-search';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 5, 17, 8, 42, 13, 512);
  const win = windowOf(alarmMs, 60, 5);
  const deploy = Date.UTC(2026, 5, 17, 8, 24, 40);
  const lam = new TextLambda(r, { fn, region, runtimeVersion: 'nodejs:20.v48', memory: 512, init: [180, 420] });

  interface Req { id: string; ext: string; ts: number; end: number; method: string; resource: string; path: string; status: number; len: number; ip: string; lines: { dt: number; text: string }[] }
  const reqs: Req[] = [];
  const brokenSkus = new Set<string>();
  for (let t = Date.UTC(2026, 5, 17, 8, 6, 0); t < Date.UTC(2026, 5, 17, 8, 49, 30); t += r.int(4000, 11000)) {
    const roll = r.next();
    const id = r.uuid();
    const ext = r.extendedId();
    const ip = r.pick(IPS);
    const trace = traceIdAt(r, t);
    let method = 'GET';
    let resource = '/products/{sku}';
    let path = '';
    let status = 200;
    let len = 0;
    let outcome: RestExecRequest['outcome'];
    const gwIn = r.int(14, 30);
    const inv = lam.invoke(t + gwIn, (lid, t0, push) => {
      if (roll < 0.5) {
        const sku = `SKU-${r.int(10000, 99999)}`;
        path = `/products/${sku}`;
        const migrated = t > deploy && (brokenSkus.has(sku) || r.chance(0.4));
        if (migrated) brokenSkus.add(sku);
        push(t0 + 2, nodeLine(t0 + 2, lid, 'INFO', `GET ${path} cache=${r.chance(0.3) ? 'hit' : 'miss'}`));
        if (migrated) {
          const d = r.int(40, 160);
          const msg = "Cannot read properties of undefined (reading 'amount')";
          push(t0 + d, nodeInvokeError(t0 + d, lid, 'TypeError', msg, ['    at toListing (/var/task/src/listing.js:27:38)', '    at Runtime.handler (/var/task/index.js:44:21)', '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)']));
          status = 502;
          len = 36;
          outcome = { kind: 'unhandled', errorMessage: msg, body: JSON.stringify({ errorType: 'TypeError', errorMessage: msg, trace: [`TypeError: ${msg}`, '    at toListing (/var/task/src/listing.js:27:38)'] }) };
          return { end: t0 + d + 1 };
        }
        const d = r.int(25, 140);
        if (r.chance(0.08)) {
          push(t0 + d - 1, nodeLine(t0 + d - 1, lid, 'WARN', `Product ${sku} not found`));
          status = 404;
          len = 32;
        } else {
          len = r.int(900, 2400);
        }
        outcome = { kind: 'ok', body: '' };
        return { end: t0 + d };
      }
      if (roll < 0.85) {
        resource = '/search';
        path = '/search';
        const d = r.int(60, 380);
        push(t0 + d - 2, nodeLine(t0 + d - 2, lid, 'INFO', `search q="${r.pick(['trail shoes', 'rain jacket', 'headlamp', 'tent 2p', 'merino'])}" hits=${r.int(0, 140)} took=${d - 5}ms`));
        len = r.int(2000, 9000);
        outcome = { kind: 'ok', body: '' };
        return { end: t0 + d };
      }
      method = 'POST';
      resource = '/cart/items';
      path = '/cart/items';
      const d = r.int(30, 120);
      if (r.chance(0.1)) {
        push(t0 + d - 1, nodeLine(t0 + d - 1, lid, 'WARN', 'Rejected cart item: quantity must be between 1 and 20'));
        status = 400;
        len = 58;
      } else {
        status = 201;
        len = r.int(120, 400);
      }
      outcome = { kind: 'ok', body: '' };
      return { end: t0 + d };
    });
    const latency = inv.end - t + r.int(3, 9);
    const lines = restExecLines({ id, ext, apiId, stage, method, resource, path, fnArn, region, ts: t, latency, lambdaId: inv.id, status, dataTrace: false, outcome: outcome!, trace });
    reqs.push({ id, ext, ts: t, end: t + latency, method, resource, path, status, len, ip, lines });
  }

  // logs/exec.txt: aws logs tail (detailed) of an ERROR-level execution log, saved on Windows.
  const streams = [execStream(r), execStream(r), execStream(r), execStream(r)];
  const exec: Ev[] = [];
  const errorLevel = reqs.map((q) => ({ ts: q.ts, lines: q.lines.filter((l) => /Lambda execution failed|Method completed with status: 5/.test(l.text)) }));
  for (const [s, evs] of execEvents(r, errorLevel.filter((q) => q.lines.length > 0), streams)) for (const e of evs) exec.push({ ...e, stream: s });
  b.put('logs/exec.txt', crlf(tailLong(exec)));
  // logs/lambda-logs.json: filter-log-events --filter-pattern ERROR, redirected with PowerShell 5.1.
  b.put('logs/lambda-logs.json', powershellRedirect(filterLogEvents(r, lam.events.filter((e) => /\tERROR\t/.test(e.msg)), ['2026/06/17/[$LATEST]' + r.hex(32)])));
  // logs/access/part-0000N.json.gz: two `fields @message` exports (newest first), split at 08:30.
  const split = Date.UTC(2026, 5, 17, 8, 30, 0);
  const access = (list: Req[]): Ev[] => list.map((q) => ({ ts: q.end, stream: 'x', msg: restAccessJsonDefault({ id: q.id, ip: q.ip, ts: q.ts, method: q.method, resource: q.resource, status: q.status, len: q.len }) }));
  b.put('logs/access/part-00001.json.gz', gz(insightsMessageOnly(r, access(reqs.filter((q) => q.ts >= split)))));
  b.put('logs/access/part-00002.json.gz', gz(insightsMessageOnly(r, access(reqs.filter((q) => q.ts < split)))));
  b.put('logs/notes.txt', crlf([
    'catalog-api prod 502s - paged 08:42 UTC',
    'exec.txt = aws logs tail API-Gateway-Execution-Logs_c4t9lq2m7x/prod --since 1h  (stage logs ERROR only)',
    'lambda-logs.json = aws logs filter-log-events --log-group-name /aws/lambda/catalog-search --filter-pattern ERROR',
    'access = 2 insights queries (fields @message), split at 08:30',
    'deploy of catalog-search went out ~08:25?? check with Mateo',
    '',
  ].join('\n')));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const perMin = perBucket(failing.map((q) => q.ts), 60);
  const points = [5, 4, 3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000).map((t) => ({ t, v: perMin.get(t) ?? 0 }));
  const alarmName = 'catalog-api-prod-5xx';
  const message = snsAlarm({
    name: alarmName, description: 'catalog-api prod 5XXError', account, region, regionName: 'EU (Ireland)', ms: alarmMs,
    reason: reasonMofN(points, 3, 1),
    trigger: { ...snsTrigger('5XXError', alarmDims(apiName, stage), 60, 5, 1), DatapointsToAlarm: 3 },
    topic: `arn:aws:sns:${region}:${account}:oncall-catalog`,
  });
  b.put('alarm.json', snsEnvelope(r, { topic: `arn:aws:sns:${region}:${account}:oncall-catalog`, subject: `ALARM: "${alarmName}" in EU (Ireland)`, message, ms: alarmMs, region }));
  const cfg = lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs20.x', handler: 'index.handler', memory: 512, timeout: 10, lastModified: deploy, env: { CATALOG_TABLE: 'catalog-v2', NODE_OPTIONS: '--enable-source-maps' } });
  b.json(`functions/${fn}.json`, getFunctionOutput(r, cfg, { region, account, name: fn, tags: { team: 'catalog', 'aws:cloudformation:stack-name': 'catalog-prod' } }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error',
    findings: ['lambda-unhandled-error'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `catalog-search was redeployed at ${iso(deploy)} (LastModified in get-function); for products migrated to the new schema it reads price.amount of undefined: "Invoke Error" TypeError "Cannot read properties of undefined (reading 'amount')", API Gateway "Lambda execution failed with status 200 due to customer function error" and 502. ${failing.length} failing GET /products/{sku} in the alarm window (period 60 x 5 evaluation periods + 15 min). The bundle is what a hurried engineer saved on Windows: exec.txt (aws logs tail, CRLF), lambda-logs.json (UTF-16 LE with BOM, CRLF, from PowerShell's > redirect), access/part-0000N.json.gz (Logs Insights rows with only @message and @ptr: no @timestamp, the time is the access log's requestTime), notes.txt (free text, not a log), alarm.json = the SNS HTTP envelope whose Message holds the alarm JSON as a string, functions/catalog-search.json = get-function output (Configuration/Code/Tags). Nothing must be lost to the encoding or the file names.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `\`catalog-search\` was redeployed at ${iso(deploy)}. The new code reads \`product.price.amount\`; products already moved to the new catalogue schema keep prices in \`offers[]\`, so about 40% of GET /products/{sku} throw \`TypeError: Cannot read properties of undefined (reading 'amount')\` and API Gateway answers 502. SNS alarm (5XXError, 60 s × 5, 3 of 5) at ${iso(alarmMs)}. The on-call engineer saved what they could from a Windows laptop.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`${stage}\`, ${region}; Lambda proxy to \`${fn}\` (Node.js 20, text log format). Expected: **lambda-unhandled-error**.`,
    files: [
      '`logs/exec.txt`: `aws logs tail API-Gateway-Execution-Logs_c4t9lq2m7x/prod` (detailed: time, stream, message) of an **ERROR-level** execution log (per failing request the customer-function-error line and `Method completed with status: 502`), **CRLF** line ends.',
      '`logs/lambda-logs.json`: `aws logs filter-log-events --log-group-name /aws/lambda/catalog-search --filter-pattern ERROR > lambda-logs.json` run in Windows PowerShell 5.1: **UTF-16 LE with BOM, CRLF**. Only the Node.js text-format ERROR lines (`<time>\\t<requestId>\\tERROR\\tInvoke Error \\t{...}`): no START/END/REPORT.',
      '`logs/access/part-00001.json.gz`, `part-00002.json.gz`: gzipped `get-query-results` of `fields @message` over the access-log group (two time ranges, rows newest first): each row is only `@message` and `@ptr`, **no `@timestamp`**; the REST console JSON preset inside.',
      '`logs/notes.txt`: the engineer\'s free-text notes (not a log; must not become requests).',
      '`alarm.json`: the **whole SNS HTTP notification** (`Type`, `MessageId`, `TopicArn`, `Subject`, `Message` = the alarm JSON as a string, `Timestamp`, `Signature`, `SigningCertURL`, `UnsubscribeURL`), printed by SNS with ` : ` between keys and values.',
      '`functions/catalog-search.json`: `aws lambda get-function` output (`Configuration`, `Code.Location` pre-signed URL, `Tags`), not get-function-configuration.',
    ],
    noise: 'GET /search and POST /cart/items on the same function, 404 for unknown SKUs, 400 for bad cart items (WARN), requests before the deploy, cold starts, four execution-log streams interleaved.',
    sources: [
      'Node.js text-format unhandled error `<time>\\t<id>\\tERROR\\tInvoke Error \\t{"errorType":…,"errorMessage":…,"stack":[…]}`: public CloudWatch pastes found with find_string "ERROR\\tInvoke Error \\t{\\"errorType\\"" (e.g. a serverless product-catalogue README quoting `2020-11-03T00:36:23.376Z\\t3eb496cd-…\\tERROR\\tInvoke Error \\t{"errorType":"AssertionError",…}`).',
      'Execution-log lines (`Lambda execution failed with status 200 due to customer function error: …. Lambda request id: …`, `Method completed with status: 502`): as in the team\'s rest-lambda-unhandled-error-node bundle (public execution-log fixtures).',
      'PowerShell 5.1 `>` = `Out-File` with UTF-16 LE + BOM: learn.microsoft.com about_Character_Encoding ("In Windows PowerShell … Out-File and the redirection operators > and >> create UTF-16LE", quoted in gist aruku7230) and Out-File docs ("Redirecting the output … using the redirection operator (>) is functionally equivalent to piping to Out-File").',
      'SNS HTTP/HTTPS notification JSON (`Type`, `MessageId`, `TopicArn`, `Subject`, `Message`, `Timestamp`, `SignatureVersion`, `Signature`, `SigningCertURL`, `UnsubscribeURL`): docs.aws.amazon.com/sns/latest/dg/http-notification-json.html. Alarm subject `ALARM: "<name>" in <region name>` and the Message JSON: CloudWatch alarm SNS notifications (as in the team\'s other SNS alarms).',
      'Logs Insights `get-query-results` rows of `fields @message` (Insights adds `@ptr` to every row): CloudWatch Logs Insights query syntax docs; REST console JSON access-log preset: awsdocs set-up-logging.md.',
      '`aws lambda get-function` output shape (`Configuration`, `Code.RepositoryType`/`Location`, `Tags`): Lambda API reference GetFunction.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 2. rt3-rest-datatrace-secrets-body-object
//    REST API with execution logging INFO and data tracing ON ("Log full requests/responses").
//    A refactor of signup-fn (Python 3.12) returns {"statusCode": 201, "headers": {...}, "body": {...}}
//    with body as a dict: every POST /signup fails with "Malformed Lambda proxy response" (502).
//    The data-trace lines carry secrets: Authorization: Bearer <JWT>, Cookie session ids, passwords
//    and card numbers in request bodies, a session JWT in the malformed response body; the function
//    also prints the whole event (escaped JSON body with the password) since the same deploy.
//    Truth: malformed-proxy-response. Every excerpt in the diagnosis must be free of those secrets.
// =============================================================================================

function bundleDataTraceSecrets(): void {
  const r = rng(0x3e02);
  const name = 'rt3-rest-datatrace-secrets-body-object';
  const b = new Bundle(name);
  const region = 'us-east-2';
  const account = '702958113460';
  const apiId = 'm8r3v6x1pa';
  const apiName = 'accounts-api';
  const stage = 'prod';
  const fn = 'signup-fn';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 2, 3, 19, 27, 41, 205);
  const win = windowOf(alarmMs, 300, 1);
  const deploy = Date.UTC(2026, 2, 3, 19, 11, 2);
  const lam = new TextLambda(r, { fn, region, runtimeVersion: 'python:3.12.v38', memory: 256, init: [420, 780] });
  const jwt = (): string => `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ik${r.hex(10)}In0.eyJzdWIiOiJ1c3JfJ${r.hex(20)}IiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUuZXhhbXBsZSIsImV4cCI6MTc3MjU2${r.hex(8)}fQ.${Buffer.from(r.hex(48)).toString('base64url').slice(0, 86)}`;
  const host = `${apiId}.execute-api.${region}.amazonaws.com`;
  const names = ['lena.fischer', 'omar.haddad', 'sofia.marin', 'kenji.watanabe', 'ana.pereira', 'tom.okafor', 'julia.nowak', 'ravi.menon'];
  const pwds = ['Sommer2026!x', 'correct-horse-42', 'Tr0ub4dor&3', 'n0t$oSecret', 'Kiwi#Banana77', 'pa55w0rd!Spring'];
  const cards = ['4242424242424242', '5555555555554444', '4000056655665556', '378282246310005'];

  interface Req { id: string; ts: number; end: number; method: string; resource: string; status: number; len: number; ip: string; lambdaId: string; intLatency: number; lines: { dt: number; text: string }[] }
  const reqs: Req[] = [];
  for (let t = Date.UTC(2026, 2, 3, 19, 0, 0); t < Date.UTC(2026, 2, 3, 19, 31, 0); t += r.int(9000, 26000)) {
    const roll = r.next();
    const id = r.uuid();
    const ext = r.extendedId();
    const ip = r.pick(IPS);
    const trace = traceIdAt(r, t);
    const user = r.pick(names);
    const email = `${user}@example.org`;
    const token = jwt();
    const sessionCookie = `sid=${Buffer.from(r.hex(24)).toString('base64url')}`;
    const kind = roll < 0.35 ? 'signup' : roll < 0.7 ? 'login' : 'profile';
    const method = kind === 'profile' ? 'GET' : 'POST';
    const resource = kind === 'signup' ? '/signup' : kind === 'login' ? '/login' : '/profile';
    const reqBody = kind === 'signup'
      ? JSON.stringify({ email, password: r.pick(pwds), plan: r.pick(['free', 'team', 'business']), card: { number: r.pick(cards), exp: `${p2(r.int(1, 12))}/${r.int(27, 31)}`, cvc: String(r.int(100, 999)) } })
      : kind === 'login' ? JSON.stringify({ email, password: r.pick(pwds) }) : '';
    const headers: [string, string][] = [
      ['Accept', 'application/json'],
      ...(kind === 'profile' ? [['Authorization', `Bearer ${token}`] as [string, string]] : []),
      ...(kind !== 'signup' ? [['Cookie', `ajs_anonymous_id=${r.uuid()}; ${sessionCookie}`] as [string, string]] : []),
      ...(method === 'POST' ? [['Content-Type', 'application/json'] as [string, string]] : []),
      ['Host', host],
      ['User-Agent', r.pick(['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 'okhttp/4.12.0', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'])],
      ['X-Amzn-Trace-Id', `Root=${trace}`],
      ['X-Forwarded-For', ip],
      ['X-Forwarded-Port', '443'],
      ['X-Forwarded-Proto', 'https'],
    ];
    const lines: { dt: number; text: string }[] = [];
    const add = (dt: number, text: string): void => {
      lines.push({ dt, text: `(${id}) ${text}` });
    };
    add(0, `Extended Request Id: ${ext}`);
    add(0, `Verifying Usage Plan for request: ${id}. API Key:  API Stage: ${apiId}/${stage}`);
    add(1, `API Key  authorized because method '${method} ${resource}' does not require API Key. Request will not contribute to throttle or quota limits`);
    add(1, `Usage Plan check succeeded for API Key  and API Stage ${apiId}/${stage}`);
    add(1, `Starting execution for request: ${id}`);
    add(1, `HTTP Method: ${method}, Resource Path: ${resource}`);
    add(1, 'Method request path: {}');
    add(1, 'Method request query string: {}');
    add(1, `Method request headers: {${headers.map(([k, v]) => `${k}=${v}`).join(', ')}}`);
    add(1, `Method request body before transformations: ${reqBody}`);
    const invUri = `https://lambda.${region}.amazonaws.com/2015-03-31/functions/${fnArn}/invocations`;
    add(2, `Endpoint request URI: ${invUri}`);
    add(2, `Endpoint request headers: {x-amzn-lambda-integration-tag=${id}, Authorization=${'*'.repeat(102)}${r.hex(6)}, X-Amz-Date=${new Date(t).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z, x-amzn-apigateway-api-id=${apiId}, X-Amz-Source-Arn=arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/${method}${resource}, Accept=application/json, User-Agent=AmazonAPIGateway_${apiId}, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEPr//////////wEaCXVzLWVhc3QtMiJHMEUCIQD${r.hex(40)} [TRUNCATED]`);
    const event = {
      resource, path: resource, httpMethod: method,
      headers: Object.fromEntries(headers),
      multiValueHeaders: Object.fromEntries(headers.map(([k, v]) => [k, [v]])),
      queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, stageVariables: null,
      requestContext: { resourceId: r.hex(6), resourcePath: resource, httpMethod: method, extendedRequestId: ext, requestTime: reqTime(t), path: `/${stage}${resource}`, accountId: account, protocol: 'HTTP/1.1', stage, domainPrefix: apiId, requestTimeEpoch: t, requestId: id, identity: { sourceIp: ip, userAgent: headers.find(([k]) => k === 'User-Agent')?.[1] ?? '' }, domainName: host, apiId },
      body: reqBody || null,
      isBase64Encoded: false,
    };
    const eventJson = JSON.stringify(event);
    add(2, `Endpoint request body after transformations: ${eventJson.slice(0, 1000)} [TRUNCATED]`);
    add(2, `Sending request to ${invUri}`);
    let status = 200;
    let len = 0;
    let respBody = '';
    const gwIn = r.int(20, 40);
    const inv = lam.invoke(t + gwIn, (lid, t0, push) => {
      if (kind === 'signup' && t > deploy) push(t0 + 1, pyDumps(event));
      if (kind === 'signup') {
        const d = r.int(280, 640);
        const userId = `usr_${r.hex(12)}`;
        push(t0 + d - 6, pyLine(t0 + d - 6, lid, 'INFO', `Created user ${userId} plan=${String((JSON.parse(reqBody) as { plan: string }).plan)}`));
        if (r.chance(0.12)) {
          push(t0 + d - 2, pyLine(t0 + d - 2, lid, 'WARNING', `Stripe customer for ${userId} created without default payment method (card_declined)`));
        }
        const session = jwt();
        if (t > deploy) {
          respBody = pyDumps({ statusCode: 201, headers: { 'Content-Type': 'application/json', 'Set-Cookie': `sid=${Buffer.from(r.hex(24)).toString('base64url')}; Path=/; Secure; HttpOnly` }, body: { userId, email, sessionToken: session } });
          status = 502;
          len = 36;
        } else {
          respBody = pyDumps({ statusCode: 201, headers: { 'Content-Type': 'application/json' }, body: pyDumps({ userId, email }) });
          status = 201;
          len = 74;
        }
        return { end: t0 + d };
      }
      if (kind === 'login') {
        const d = r.int(90, 260);
        if (r.chance(0.15)) {
          push(t0 + d - 2, pyLine(t0 + d - 2, lid, 'WARNING', `Login failed for ${email}: bad credentials`));
          respBody = pyDumps({ statusCode: 401, headers: { 'Content-Type': 'application/json' }, body: pyDumps({ message: 'invalid credentials' }) });
          status = 401;
          len = 33;
        } else {
          push(t0 + d - 2, pyLine(t0 + d - 2, lid, 'INFO', `Login ok for ${email}`));
          respBody = pyDumps({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: pyDumps({ token: jwt(), expiresIn: 3600 }) });
          status = 200;
          len = 640;
        }
        return { end: t0 + d };
      }
      const d = r.int(40, 120);
      push(t0 + d - 1, pyLine(t0 + d - 1, lid, 'INFO', `Profile served for ${email}`));
      respBody = pyDumps({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: pyDumps({ email, plan: 'team', mfa: true }) });
      len = 58;
      return { end: t0 + d };
    });
    const back = inv.end - t + r.int(2, 6);
    add(back, `Received response. Status: 200, Integration latency: ${back - gwIn} ms`);
    add(back, `Endpoint response headers: {Date=${httpDate(t + back)}, Content-Type=application/json, Content-Length=${respBody.length}, Connection=keep-alive, x-amzn-RequestId=${inv.id}, x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=${trace};parent=${r.hex(16)};sampled=0;lineage=1:${r.hex(8)}:0}`);
    add(back, `Endpoint response body before transformations: ${respBody}`);
    if (status === 502) {
      add(back + 1, 'Execution failed due to configuration error: Malformed Lambda proxy response');
      add(back + 1, 'Method completed with status: 502');
    } else {
      const inner = (JSON.parse(respBody) as { body: string }).body;
      add(back + 1, `Method response body after transformations: ${inner}`);
      add(back + 1, `Method response headers: {Content-Type=application/json, X-Amzn-Trace-Id=Root=${trace};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0}`);
      add(back + 1, 'Successfully completed execution');
      add(back + 1, `Method completed with status: ${status}`);
      add(back + 1, `AWS Integration Endpoint RequestId : ${inv.id}`);
    }
    reqs.push({ id, ts: t, end: t + back + 2, method, resource, status, len, ip, lambdaId: inv.id, intLatency: back - gwIn, lines });
  }

  const streams = Array.from({ length: 5 }, () => execStream(r));
  const exec: Ev[] = [];
  for (const [s, evs] of execEvents(r, reqs.map((q) => ({ ts: q.ts, lines: q.lines })), streams)) for (const e of evs) exec.push({ ...e, stream: s });
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.json.gz`, gz(filterLogEvents(r, exec, streams)));
  b.put(`logs/aws/lambda/${fn}.json.gz`, gz(filterLogEvents(r, lam.events)));
  // Access log: JSON with the team's own short field names.
  const accessFormat = '{"rid":"$context.requestId","t":"$context.requestTime","src":"$context.identity.sourceIp","m":"$context.httpMethod","res":"$context.resourcePath","code":"$context.status","bytes":"$context.responseLength","lat":"$context.responseLatency","int_rid":"$context.integration.requestId","int_status":"$context.integration.status","int_lat":"$context.integration.latency","err":"$context.error.message","err_type":"$context.error.responseType"}';
  const access: Ev[] = reqs.map((q) => ({
    ts: q.end,
    stream: `${apiId}_${stage}`,
    msg: JSON.stringify({ rid: q.id, t: reqTime(q.ts), src: q.ip, m: q.method, res: q.resource, code: String(q.status), bytes: String(q.len), lat: String(q.end - q.ts), int_rid: q.lambdaId, int_status: '200', int_lat: String(q.intLatency), err: q.status === 502 ? 'Internal server error' : q.status === 401 ? '-' : '-', err_type: q.status === 502 ? 'DEFAULT_5XX' : '-' }),
  }));
  b.put(`logs/aws/apigateway/${apiName}-${stage}.json`, getLogEvents(r, access));

  b.json('api/stage.json', restStage({ stage, deploymentId: 'q7nd2k', logLevel: 'INFO', dataTrace: true, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}-${stage}`, format: accessFormat, created: Date.UTC(2025, 6, 2, 12, 0, 0), updated: Date.UTC(2026, 1, 20, 8, 14, 0) }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: {
    '/signup': { post: proxyIntegration(region, fnArn) }, '/login': { post: proxyIntegration(region, fnArn) }, '/profile': { get: proxyIntegration(region, fnArn) },
  } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'python3.12', handler: 'app.handler', memory: 256, timeout: 10, lastModified: deploy, env: { USERS_TABLE: 'accounts-users', STRIPE_SECRET_ARN: `arn:aws:secretsmanager:${region}:${account}:secret:stripe-live-${r.hex(6)}` } }));
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: deploy, eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com', user: 'gha-accounts-deploy', userArn: `arn:aws:sts::${account}:assumed-role/github-actions-deploy/gha-accounts-deploy`, region, account,
      resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: fnArn }], request: { functionName: fn, publish: false, dryRun: false }, response: { functionName: fn, functionArn: fnArn, runtime: 'python3.12', lastModified: `${iso(deploy).slice(0, 23)}+0000` }, userAgent: 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1017-azure md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#lambda.update-function-code' }),
  ] });
  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  b.json('alarm.json', snsAlarm({
    name: 'accounts-api-prod-5xx', description: 'accounts-api prod: any 5XX in 5 minutes', account, region, regionName: 'US East (Ohio)', ms: alarmMs,
    reason: reasonText([{ t: Math.floor(alarmMs / 300_000) * 300_000 - 300_000, v: failing.length }], 1),
    trigger: snsTrigger('5XXError', alarmDims(apiName, stage), 300, 1, 1),
    topic: `arn:aws:sns:${region}:${account}:accounts-alerts`,
  }));
  b.json('expected.json', {
    rootCause: 'malformed-proxy-response',
    findings: ['malformed-proxy-response'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `signup-fn was redeployed at ${iso(deploy)}; the new response helper returns "body" as a dict ({"statusCode": 201, "headers": {...}, "body": {"userId": ..., "sessionToken": "eyJ..."}}), so every POST /signup after it ends in "Execution failed due to configuration error: Malformed Lambda proxy response" and 502 (the function itself succeeded: REPORT without error, integration status 200). ${failing.length} failing requests in the window. Data tracing is on: method request headers carry "Authorization=Bearer <JWT>" and session cookies, request bodies carry passwords and card numbers, the malformed response body carries a session JWT and a Set-Cookie, and the function prints the whole proxy event (escaped JSON body with the password) since the deploy. No excerpt, summary or remediation of the diagnosis may contain any of them (JWTs, "password":..., \\"password\\":\\"...\\", card numbers, sid= cookies, e-mail addresses).`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `At ${iso(deploy)} a refactor of \`signup-fn\` (Python 3.12) shipped a response helper that returns \`{"statusCode": 201, "headers": {...}, "body": {...}}\` with \`body\` as a dict. Lambda serialises it as a JSON object, API Gateway rejects it: every POST /signup answers 502. The same deploy left a debug \`print(json.dumps(event))\` in. SNS alarm at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`${stage}\`, ${region}; Lambda proxy to \`${fn}\`. Execution logging **INFO with data tracing** (full request/response bodies). Expected: **malformed-proxy-response**.`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.json.gz\`: gzipped \`filter-log-events\` over five streams. Every request logs its method request headers (\`Authorization=Bearer eyJ…\`, \`Cookie=…; sid=…\`), the method request body (e-mail, password, card number), the Lambda proxy event (first 1 000 characters, \`[TRUNCATED]\`) and the endpoint response body; failing ones end with \`Execution failed due to configuration error: Malformed Lambda proxy response\` and \`Method completed with status: 502\`.`,
      `\`logs/aws/lambda/${fn}.json.gz\`: gzipped \`filter-log-events\`; Python text format (\`[INFO]\\t<time>\\t<id>\\t…\`), the bare \`print\` of the proxy event (one JSON line, the body an escaped JSON string with the password), START/END/REPORT.`,
      `\`logs/aws/apigateway/${apiName}-${stage}.json\`: \`get-log-events\`; access log in JSON with **custom short field names** (\`rid\`, \`t\`, \`code\`, \`int_rid\`, \`int_status\`, \`err\`, \`err_type\`).`,
      '`api/stage.json` (dataTraceEnabled true), `api/export.json`, `functions/signup-fn.json`, `changes/cloudtrail.json` (UpdateFunctionCode20150331v2), `alarm.json` (SNS message, 5XXError, 300 s × 1).',
    ],
    noise: 'POST /login (200 with a JWT in the response body, 401 with WARNING), GET /profile with a Bearer token, signups before the deploy (201), Stripe WARNING lines, cold starts.',
    sources: [
      '`Execution failed due to configuration error: Malformed Lambda proxy response` after `Endpoint response body before transformations:` and a 502: public write-ups found with find_string "Malformed Lambda proxy response" (e.g. a Korean post quoting `Endpoint response body before transformations: {…}` / `Execution failed due to configuration error: Malformed Lambda proxy response`; a Lambda tutorial README: "if the format differs it simply says \\"Malformed Lambda proxy response\\" and returns a 502"); proxy response format (body must be a string): API Gateway developer guide set-up-lambda-proxy-integrations.',
      'Data-trace lines (`Method request headers: {…}`, `Method request body before transformations:`, `Endpoint request body after transformations: … [TRUNCATED]`, `Endpoint response body before transformations:`): the team\'s REST fixtures and elastic/integrations#4266 (pasted execution log whose `Endpoint response body before transformations` holds an `access_token` and a `refresh_token` in clear). AWS\'s own advice not to enable data tracing on production because it can log sensitive data: set-up-logging.md. Whether API Gateway masks an incoming `Authorization` header in `Method request headers` was not verified; a clear Bearer token is the harder case.',
      'Lambda proxy event fields and order (`resource, path, httpMethod, headers, multiValueHeaders, …, requestContext, body, isBase64Encoded`): API Gateway developer guide, input format of a Lambda function for proxy integration.',
      'Python runtime text format `[LEVEL]\\t<ISO time>\\t<request id>\\t<message>` and bare `print` lines: Lambda developer guide python-logging; INIT_START `Runtime Version: python:3.12.v38`: public Lambda logs.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 3. rt3-http-stripe-503-node-json-powertools
//    HTTP API -> payments-api (Node.js 22, LogFormat JSON, Powertools for AWS Lambda TypeScript
//    Logger). Stripe's API answers 503 for ~18 minutes; stripe-node retries twice, then throws
//    StripeAPIError (statusCode 503); the handler catches it, logs it and returns
//    {"statusCode": 500, ...} on purpose. Lambda itself succeeds (platform.report "success").
//    Log lines: platform.* records, console.warn(object) wrapped by the runtime (message = object),
//    and Powertools lines (raw JSON to stdout, not wrapped: function_request_id, error{...}).
//    Truth: downstream-dependency-failure (alternative function-error-response).
// =============================================================================================

function bundleStripe503(): void {
  const r = rng(0x3e03);
  const name = 'rt3-http-stripe-503-node-json-powertools';
  const b = new Bundle(name);
  const region = 'us-west-2';
  const account = '559087214430';
  const apiId = 'p2k7w9d4hs';
  const stage = 'prod';
  const fn = 'payments-api';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 7, 19, 17, 12, 44, 87);
  const win = windowOf(alarmMs, 60, 3);
  const outageFrom = Date.UTC(2026, 7, 19, 17, 3, 10);
  const outageTo = Date.UTC(2026, 7, 19, 17, 21, 30);
  const lambda: Ev[] = [];
  const envs: { stream: string; freeAt: number; cold: boolean }[] = [];
  const service = 'payments';
  const pt = (ms: number, level: string, message: string, ctx: { id: string; cold: boolean; trace: string }, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ level, message, timestamp: iso(ms), service, cold_start: ctx.cold, function_arn: fnArn, function_memory_size: 1024, function_name: fn, function_request_id: ctx.id, sampling_rate: 0, xray_trace_id: ctx.trace, ...extra });

  interface Req { id: string; ts: number; end: number; route: string; path: string; method: string; status: number; len: number; ip: string; lambdaId: string; intLatency: number }
  const reqs: Req[] = [];
  for (let t = Date.UTC(2026, 7, 19, 16, 54, 0); t < Date.UTC(2026, 7, 19, 17, 24, 0); t += r.int(5000, 16000)) {
    const roll = r.next();
    const ip = r.pick(IPS);
    const trace = traceIdAt(r, t);
    const start = t + r.int(8, 20);
    let env = envs.find((e) => e.freeAt < start);
    let t0 = start;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0, cold: true };
      envs.push(env);
      const initMs = 380 + r.next() * 260;
      lambda.push({ ts: start, stream: env.stream, msg: sysJson(start, 'platform.initStart', { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'nodejs:22.v30', runtimeVersionArn: `arn:aws:lambda:${region}::runtime:${r.hex(64)}`, functionName: fn, functionVersion: '$LATEST' }) });
      t0 = start + Math.ceil(initMs);
      lambda.push({ ts: t0 - 1, stream: env.stream, msg: sysJson(t0 - 1, 'platform.initReport', { initializationType: 'on-demand', phase: 'init', status: 'success', metrics: { durationMs: Math.round(initMs * 1000) / 1000 } }) });
    }
    const s = env.stream;
    const lid = r.uuid();
    const ctx = { id: lid, cold: env.cold, trace };
    env.cold = false;
    const push = (ms: number, msg: string): void => {
      lambda.push({ ts: ms, stream: s, msg });
    };
    push(t0, sysJson(t0, 'platform.start', { requestId: lid, version: '$LATEST' }));
    let d: number;
    let status: number;
    let len: number;
    let route: string;
    let path: string;
    let method: string;
    if (roll < 0.6) {
      route = 'POST /payments';
      path = '/payments';
      method = 'POST';
      const orderId = `ord_${r.hex(10)}`;
      const amount = r.int(900, 48000);
      push(t0 + 3, pt(t0 + 3, 'INFO', 'Creating payment intent', ctx, { orderId, amount, currency: 'usd' }));
      if (start > outageFrom && start < outageTo) {
        let at = t0 + 3;
        for (const attempt of [1, 2]) {
          at += r.int(700, 1400);
          push(at, nodeJson(at, lid, 'WARN', { event: 'stripe_response', method: 'POST', path: '/v1/payment_intents', status: 503, request_id: `req_${r.hex(14)}`, elapsed: r.int(650, 1300), retry: attempt }));
        }
        at += r.int(800, 1500);
        const stripeReq = `req_${r.hex(14)}`;
        const msg = 'An unknown error occurred';
        const stack = `Error: ${msg}\n    at generateV1Error (file:///var/task/node_modules/stripe/esm/Error.js:8:20)\n    at res.toJSON.then.Error_js_1.StripeAPIError.message (file:///var/task/node_modules/stripe/esm/RequestSender.js:105:62)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at async createPaymentIntent (file:///var/task/src/stripe.mjs:41:20)\n    at async handler (file:///var/task/src/handler.mjs:63:22)`;
        push(at, pt(at, 'ERROR', 'Stripe paymentIntents.create failed, responding 500', ctx, {
          orderId,
          error: { name: 'Error', location: 'file:///var/task/node_modules/stripe/esm/Error.js:8', message: msg, stack, type: 'StripeAPIError', raw: { message: msg, type: 'api_error', headers: { 'content-type': 'application/json', 'request-id': stripeReq, 'stripe-version': '2024-06-20' }, statusCode: 503, requestId: stripeReq }, rawType: 'api_error', headers: { 'content-type': 'application/json', 'request-id': stripeReq, 'stripe-version': '2024-06-20' }, requestId: stripeReq, statusCode: 503 },
        }));
        d = at - t0 + r.int(2, 6);
        status = 500;
        len = 44;
      } else if (r.chance(0.12)) {
        d = r.int(380, 900);
        push(t0 + d - 3, pt(t0 + d - 3, 'WARN', 'Card declined', ctx, { orderId, decline_code: r.pick(['insufficient_funds', 'do_not_honor', 'expired_card']) }));
        status = 402;
        len = 58;
      } else {
        d = r.int(420, 1100);
        push(t0 + d - 3, pt(t0 + d - 3, 'INFO', 'Payment intent created', ctx, { orderId, paymentIntent: `pi_${r.hex(24)}` }));
        status = 201;
        len = r.int(180, 260);
      }
    } else {
      const pid = `pay_${r.hex(10)}`;
      route = 'GET /payments/{paymentId}';
      path = `/payments/${pid}`;
      method = 'GET';
      d = r.int(18, 90);
      if (r.chance(0.1)) {
        push(t0 + d - 1, pt(t0 + d - 1, 'WARN', 'Payment not found', ctx, { paymentId: pid }));
        status = 404;
        len = 31;
      } else {
        push(t0 + d - 1, pt(t0 + d - 1, 'INFO', 'Payment fetched', ctx, { paymentId: pid }));
        status = 200;
        len = r.int(300, 700);
      }
    }
    const end = t0 + d;
    push(end, sysJson(end, 'platform.report', { requestId: lid, metrics: { durationMs: Math.round((d - r.next()) * 1000) / 1000, billedDurationMs: d, memorySizeMB: 1024, maxMemoryUsedMB: r.int(118, 176) }, tracing: { spanId: r.hex(16), type: 'X-Amzn-Trace-Id', value: `Root=${trace};Parent=${r.hex(16)};Sampled=1` }, status: 'success' }));
    env.freeAt = end + 2;
    reqs.push({ id: r.httpRequestId(), ts: t, end: end + r.int(4, 12), route, path, method, status, len, ip, lambdaId: lid, intLatency: end - start + r.int(1, 4) });
  }

  const group = `/aws/vendedlogs/apigateway/checkout-http-${stage}`;
  const format = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","responseLatency":"$context.responseLatency","integrationRequestId":"$context.integration.requestId","integrationStatus":"$context.integration.integrationStatus","integrationLatency":"$context.integration.latency","integrationErrorMessage":"$context.integrationErrorMessage"}';
  const access: Ev[] = reqs.map((q) => ({
    ts: q.end,
    stream: stage,
    msg: JSON.stringify({ requestId: q.id, ip: q.ip, requestTime: reqTime(q.ts), httpMethod: q.method, routeKey: q.route, status: String(q.status), protocol: 'HTTP/1.1', responseLength: String(q.len), responseLatency: String(q.end - q.ts), integrationRequestId: q.lambdaId, integrationStatus: '200', integrationLatency: String(q.intLatency), integrationErrorMessage: '-' }),
  }));
  b.put('logs/aws/vendedlogs/apigateway/checkout-http-prod.jsonl', jsonLines(access, 'plain'));
  b.put(`logs/aws/lambda/${fn}.json.gz`, gz(filterLogEvents(r, lambda)));
  b.json('api/stage.json', httpStage({ region, account, group, format, stage, deploymentId: 'x81kqp', created: Date.UTC(2025, 10, 3, 9, 0, 0), updated: Date.UTC(2026, 7, 12, 14, 2, 9) }));
  b.json('api/export.json', httpExport({ title: 'checkout-http', apiId, region, version: '2026-08-12 14:02:08UTC', routes: [{ method: 'POST', path: '/payments', fnArn }, { method: 'GET', path: '/payments/{paymentId}', fnArn }] }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs22.x', handler: 'src/handler.handler', memory: 1024, timeout: 15, logFormat: 'JSON', tracing: 'Active', arch: 'arm64', lastModified: Date.UTC(2026, 7, 12, 13, 58, 40), env: { POWERTOOLS_SERVICE_NAME: service, POWERTOOLS_LOG_LEVEL: 'INFO', STRIPE_SECRET_ARN: `arn:aws:secretsmanager:${region}:${account}:secret:stripe/live-${r.hex(6)}`, PAYMENTS_TABLE: 'payments' } }));
  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const f60 = perBucket(failing.map((q) => q.ts), 60);
  const buckets = [3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000);
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'checkout-http-prod-5xx', description: 'checkout-http prod 5xx >= 2 per minute for 3 minutes', account, region, ms: alarmMs,
    reason: reasonText(buckets.map((t) => ({ t, v: f60.get(t) ?? 2 })), 2),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, startDate: `${iso(buckets[0] ?? alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 60, recentDatapoints: buckets.map((t) => f60.get(t) ?? 2), threshold: 2.0, evaluatedDatapoints: buckets.map((t) => ({ timestamp: `${iso(t).slice(0, 23)}+0000`, sampleCount: 9, value: f60.get(t) ?? 2 })) }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5xx', dimensions: { ApiId: apiId, Stage: stage } }, period: 60, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'downstream-dependency-failure',
    findings: ['downstream-dependency-failure'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'HTTP' },
    notes: `Stripe's API answered 503 from about ${iso(outageFrom)}; stripe-node retried twice (the app's own response hook logs each 503 with console.warn(object), so under LogFormat JSON the runtime wraps it: "message" is an object with status 503), then threw StripeAPIError (type "StripeAPIError", rawType "api_error", statusCode 503) which the handler catches: Powertools ERROR "Stripe paymentIntents.create failed, responding 500" and a deliberate {"statusCode": 500}. The invocation succeeds (platform.report "status":"success"); the HTTP API passes the 500 on (integrationStatus 200). ${failing.length} failing POST /payments in the window. The dependency that failed is named in the function's logs, so the contract wants downstream-dependency-failure with function-error-response as the alternative. Powertools lines have no "requestId" key: the Lambda request id is "function_request_id"; the access log's integrationRequestId ties requests to invocations.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `From ${iso(outageFrom)} to ${iso(outageTo)} Stripe's API answered 503 to \`POST /v1/payment_intents\`. \`${fn}\` (Node.js 22) lets stripe-node retry twice, catches the resulting \`StripeAPIError\` and deliberately returns \`{"statusCode": 500, "body": "{\\"error\\":\\"payment_provider_unavailable\\"}"}\`. EventBridge alarm at ${iso(alarmMs)}.`,
    api: `HTTP API \`checkout-http\` (\`${apiId}\`), stage \`${stage}\`, ${region}; Lambda proxy (payload 2.0) for POST /payments and GET /payments/{paymentId}. Lambda **LogFormat JSON** with **Powertools for AWS Lambda (TypeScript) Logger**. Expected: **downstream-dependency-failure** (alternative function-error-response).`,
    files: [
      '`logs/aws/vendedlogs/apigateway/checkout-http-prod.jsonl`: JSON Lines `{"timestamp","message"}`; access-log JSON with `$context.integration.requestId`, `$context.integration.integrationStatus`, `$context.integration.latency`, `$context.integrationErrorMessage` (`-`: the integration itself succeeded).',
      `\`logs/aws/lambda/${fn}.json.gz\`: gzipped \`filter-log-events\`. Three kinds of line: Lambda's \`platform.initStart/initReport/start/report\` records; \`console.warn({...})\` wrapped by the runtime as \`{"timestamp","level":"WARN","requestId","message":{…object…}}\`; Powertools lines written straight to stdout (\`level, message, timestamp, service, cold_start, function_arn, function_memory_size, function_name, function_request_id, sampling_rate, xray_trace_id\`, then \`error\` or extra keys).`,
      '`api/stage.json`, `api/export.json`, `functions/payments-api.json` (LoggingConfig JSON, tracing Active), `alarm.json` (EventBridge, metric `5xx`, ApiId/Stage, 60 s × 3).',
    ],
    noise: 'GET /payments/{paymentId} (200 and 404 with WARN), card declines answered 402 with a Powertools WARN, payments before and after the outage, cold starts; the outage outlasts the alarm window (later failures are outside it).',
    sources: [
      'Powertools TypeScript Logger keys and order (`level, message, timestamp, service, cold_start, function_arn, function_memory_size, function_name, function_request_id, sampling_rate, xray_trace_id`, then extra keys): aws-powertools/powertools-lambda-typescript packages/logger/src/formatter/PowertoolsLogFormatter.ts; error formatting `{name, location, message, stack, …own enumerable properties}` and `location` from the first `(file:line:col)` stack frame: same repo, LogFormatter.ts `formatError`/`getCodeLocation`; the docs\' error example (`"error": {"name": "Error", "location": "…handler.ts:18", "message": …, "stack": …}`).',
      'Powertools writes to stdout through its own Console, so its lines are not prefixed/wrapped by the runtime: powertools-lambda-typescript#747 and PR #748; the runtime wraps `console.*` under LogFormat JSON as `{"timestamp","level","requestId","message": <object>}`: aws/aws-durable-execution-sdk-js#305 (shows `"message": {"statusCode": 200, …}`) and the Lambda Node.js logging guide.',
      'stripe-node error object (`type` = constructor name `StripeAPIError`, `raw`, `rawType` `api_error`, `headers`, `requestId`, `statusCode`; `name` stays `Error`) and retries on 5xx: stripe/stripe-node src/Error.ts and src/RequestSender.ts (`_shouldRetry`: "Retry on 500, 503, and other internal errors"). The exact message Stripe sends with a 503 was not found; "An unknown error occurred" is a placeholder.',
      'Lambda `platform.*` records (`platform.report` with `metrics`, `tracing`, `status`): Lambda Telemetry API schema reference. HTTP API access-log variables: http-api-logging-variables.md.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 4. rt3-rest-two-stages-template-and-429
//    REST API partner-orders-api with API keys and a usage plan. At the same time:
//      - prod (the alarm's stage): a deployment ships a request mapping template that calls
//        $util.parseJson on an object => "Execution failed due to configuration error: Unable to
//        transform request" => 500 on every POST /orders;
//      - dev: a QA load test hits a dev backend scaled to zero => 503 mapped to 502 (more failures
//        than prod, same minutes);
//      - prod: one partner's key exceeds its usage-plan throttle => 429 (not 5xx).
//    Execution logs of both stages come in ONE Logs Insights export (@log tells the group); the
//    access log group is shared by both stages ($context.stage in each record).
//    Truth: mapping-template-error for prod only.
// =============================================================================================

function bundleTwoStages(): void {
  const r = rng(0x3e04);
  const name = 'rt3-rest-two-stages-template-and-429';
  const b = new Bundle(name);
  const region = 'ap-northeast-1';
  const account = '861204937725';
  const apiId = 'h3x8n1q6vt';
  const apiName = 'partner-orders-api';
  const alarmMs = Date.UTC(2026, 9, 6, 5, 19, 7, 331);
  const win = windowOf(alarmMs, 300, 1);
  const putIntegration = Date.UTC(2026, 9, 6, 4, 58, 50);
  const deploy = Date.UTC(2026, 9, 6, 5, 1, 12);
  const planId = 'u7kq2d';
  const keys = [
    { partner: 'acme', masked: `${'*'.repeat(34)}Gq71sT`, keyId: 'a1b2c3d4e5', hot: true },
    { partner: 'globex', masked: `${'*'.repeat(34)}pW09xz`, keyId: 'f6g7h8i9j0', hot: false },
    { partner: 'initech', masked: `${'*'.repeat(34)}Lm44Rb`, keyId: 'k1l2m3n4o5', hot: false },
  ];
  const resIds: Record<string, string> = { '/orders': 'x2k9a1', '/orders/{orderId}': 'p8c3z7' };
  interface Req { id: string; ts: number; end: number; stage: 'prod' | 'dev'; method: string; resource: string; status: number; len: number; ip: string; keyId: string; lines: { dt: number; text: string }[] }
  const reqs: Req[] = [];
  const make = (stage: 'prod' | 'dev', t: number): void => {
    const id = r.uuid();
    const ext = r.extendedId();
    const ip = stage === 'dev' ? '10.40.12.7' : r.pick(IPS);
    const key = stage === 'dev' ? { partner: 'qa', masked: `${'*'.repeat(34)}qAk6Zz`, keyId: 'qa0000load', hot: false } : r.pick(keys);
    const post = stage === 'dev' ? r.chance(0.7) : r.chance(0.45);
    const method = post ? 'POST' : 'GET';
    const resource = post ? '/orders' : '/orders/{orderId}';
    const orderId = `PO-${r.int(100000, 999999)}`;
    const path = post ? '/orders' : `/orders/${orderId}`;
    const lines: { dt: number; text: string }[] = [];
    const add = (dt: number, text: string): void => {
      lines.push({ dt, text: `(${id}) ${text}` });
    };
    add(0, `Extended Request Id: ${ext}`);
    add(0, `Verifying Usage Plan for request: ${id}. API Key: ${key.masked} API Stage: ${apiId}/${stage}`);
    if (stage === 'prod' && key.hot && t > Date.UTC(2026, 9, 6, 5, 4, 0) && t < Date.UTC(2026, 9, 6, 5, 16, 0) && r.chance(0.55)) {
      add(1, `API Key ${key.masked} exceeded throttle limit for API Stage ${apiId}/${stage}: Key throttle limit exceeded for Usage Plan ID ${planId}, RestApi ${apiId}, Stage ${stage}, Resource ${resIds[resource] ?? ''}, HttpMethod ${method}. Limit: 5.00 Burst: 10`);
      reqs.push({ id, ts: t, end: t + 2, stage, method, resource, status: 429, len: 29, ip, keyId: key.keyId, lines });
      return;
    }
    add(1, `Usage Plan check succeeded for API Key ${key.masked} and API Stage ${apiId}/${stage}`);
    add(1, `Starting execution for request: ${id}`);
    add(1, `HTTP Method: ${method}, Resource Path: ${path}`);
    add(1, `Method request path: ${post ? '{}' : `{orderId=${orderId}}`}`);
    add(1, 'Method request query string: {}');
    if (stage === 'prod' && post && t > deploy) {
      add(2, 'Execution failed due to configuration error: Unable to transform request');
      add(2, 'Method completed with status: 500');
      reqs.push({ id, ts: t, end: t + 3, stage, method, resource, status: 500, len: 36, ip, keyId: key.keyId, lines });
      return;
    }
    const hostName = stage === 'prod' ? 'orders-backend.prod.partner-svc.example.net' : 'orders-backend.dev.partner-svc.example.net';
    const uri = `http://${hostName}/v1/orders${post ? '' : `/${orderId}`}`;
    add(2, `Endpoint request URI: ${uri}`);
    add(2, `Sending request to ${uri}`);
    const devDown = stage === 'dev' && t > Date.UTC(2026, 9, 6, 5, 0, 0);
    const lat = devDown ? r.int(4, 18) : r.int(35, 220);
    const backStatus = devDown ? 503 : post ? 201 : r.chance(0.08) ? 404 : 200;
    add(2 + lat, `Received response. Status: ${backStatus}, Integration latency: ${lat} ms`);
    add(2 + lat, `Endpoint response headers: {Date=${httpDate(t + lat)}, Content-Type=${devDown ? 'text/html' : 'application/json'}, Content-Length=${devDown ? 162 : r.int(60, 900)}, Connection=keep-alive${devDown ? '' : `, X-Request-Id=${r.uuid()}`}}`);
    const status = devDown ? 502 : backStatus === 404 ? 404 : backStatus;
    add(3 + lat, `Method response headers: {Content-Type=application/json, X-Amzn-Trace-Id=Root=${traceIdAt(r, t)};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0}`);
    add(3 + lat, 'Successfully completed execution');
    add(3 + lat, `Method completed with status: ${status}`);
    reqs.push({ id, ts: t, end: t + lat + 4, stage, method, resource, status, len: devDown ? 40 : r.int(60, 900), ip, keyId: key.keyId, lines });
  };
  for (let t = Date.UTC(2026, 9, 6, 4, 55, 0); t < Date.UTC(2026, 9, 6, 5, 23, 0); t += r.int(6000, 15000)) make('prod', t);
  // QA load test on dev: bursts every few seconds from 04:58.
  for (let t = Date.UTC(2026, 9, 6, 4, 58, 0); t < Date.UTC(2026, 9, 6, 5, 22, 0); t += r.int(5000, 12000)) make('dev', t);

  // Execution logs of both stages: one Logs Insights export (newest first), @log names the group.
  const rows: { ts: number; msg: string; stream: string; group: string }[] = [];
  const streamsOf: Record<string, string[]> = { prod: [execStream(r), execStream(r), execStream(r)], dev: [execStream(r), execStream(r)] };
  for (const q of reqs) {
    const s = r.pick(streamsOf[q.stage] ?? []);
    for (const l of q.lines) rows.push({ ts: q.ts + l.dt, msg: l.text, stream: s, group: `API-Gateway-Execution-Logs_${apiId}/${q.stage}` });
  }
  rows.sort((a, c) => c.ts - a.ts);
  const results = rows.map((e) => [
    { field: '@timestamp', value: insightsTime(e.ts) },
    { field: '@message', value: e.msg },
    { field: '@logStream', value: e.stream },
    { field: '@log', value: `${account}:${e.group}` },
    { field: '@ptr', value: `CnUKPAo4${r.hex(20)}EAEaGQ${r.hex(10)}AAAA` },
  ]);
  b.put('logs/insights/partner-orders-exec-prod-and-dev.json.gz', gz(`${JSON.stringify({ results, statistics: { recordsMatched: results.length, recordsScanned: results.length + 311, estimatedRecordsSkipped: 0, bytesScanned: results.length * 236, estimatedBytesSkipped: 0, logGroupsScanned: 2 }, status: 'Complete' }, null, 4)}\n`));
  // Access log: one group for both stages.
  const accessFormat = '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user","requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength", "stage":"$context.stage", "apiKeyId":"$context.identity.apiKeyId", "errorMessage":"$context.error.message" }';
  const access: Ev[] = reqs.map((q) => ({
    ts: q.end,
    stream: `${apiId}_${q.stage}`,
    msg: `{ "requestId":"${q.id}", "ip": "${q.ip}", "caller":"-", "user":"-","requestTime":"${reqTime(q.ts)}", "httpMethod":"${q.method}","resourcePath":"${q.resource}", "status":"${q.status}","protocol":"HTTP/1.1", "responseLength":"${q.len}", "stage":"${q.stage}", "apiKeyId":"${q.keyId}", "errorMessage":"${q.status === 429 ? 'Too Many Requests' : q.status === 500 ? 'Internal server error' : q.status === 502 ? 'Internal server error' : '-'}" }`,
  }));
  b.put(`logs/aws/apigateway/${apiName}.json.gz`, gz(filterLogEvents(r, access)));

  b.json('api/stage.json', { ...(restStage({ stage: 'prod', deploymentId: 'k2m9xq', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}`, format: accessFormat, variables: { backendHost: 'orders-backend.prod.partner-svc.example.net' }, created: Date.UTC(2025, 3, 1, 3, 0, 0), updated: deploy }) as Record<string, unknown>) });
  b.json('api/deployments.json', { items: [
    { id: 'k2m9xq', description: 'orders: pass partner metadata to backend', createdDate: cliTime(deploy) },
    { id: 'd7v1pe', description: 'orders: dev backend host', createdDate: cliTime(Date.UTC(2026, 9, 5, 9, 12, 0)) },
    { id: 'w3n8cb', description: 'orders v1.14', createdDate: cliTime(Date.UTC(2026, 8, 28, 2, 41, 0)) },
  ] });
  const template = '#set($body = $input.path(\'$\'))\n#set($meta = $util.parseJson($input.path(\'$.metadata\')))\n{\n  "partnerId": "$context.identity.apiKeyId",\n  "items": $input.json(\'$.items\'),\n  "shipTo": $input.json(\'$.shipTo\'),\n  "metadata": {\n#foreach($k in $meta.keySet())\n    "$k": "$util.escapeJavaScript($meta.get($k))"#if($foreach.hasNext),#end\n#end\n  }\n}';
  const httpIntegration = (uri: string, withTemplate: boolean): Record<string, unknown> => ({
    type: 'http', httpMethod: withTemplate ? 'POST' : 'GET', uri, passthroughBehavior: withTemplate ? 'never' : 'when_no_match', timeoutInMillis: 29000,
    ...(withTemplate ? { requestTemplates: { 'application/json': template } } : { requestParameters: { 'integration.request.path.orderId': 'method.request.path.orderId' } }),
    responses: { default: { statusCode: withTemplate ? '201' : '200' }, '404': { statusCode: '404' }, '5\\d{2}': { statusCode: '502' } },
    'x-security': [{ api_key: [] }],
  });
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage: 'prod', paths: {
    '/orders': { post: httpIntegration('http://${stageVariables.backendHost}/v1/orders', true) },
    '/orders/{orderId}': { get: httpIntegration('http://${stageVariables.backendHost}/v1/orders/{orderId}', false) },
  }, securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } }));
  const user = 'kaito.mori';
  const userArn = `arn:aws:sts::${account}:assumed-role/PartnerPlatformDeveloper/${user}`;
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: deploy, eventName: 'CreateDeployment', eventSource: 'apigateway.amazonaws.com', user, userArn, region, account, userAgent: 'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#apigateway.create-deployment',
      resources: [{ ResourceType: 'AWS::ApiGateway::Deployment', ResourceName: 'k2m9xq' }], request: { restApiId: apiId, createDeploymentInput: { stageName: 'prod', description: 'orders: pass partner metadata to backend' }, template: false }, response: { id: 'k2m9xq', description: 'orders: pass partner metadata to backend', createdDate: iso(deploy) } }),
    cloudTrailEvent(r, { ms: putIntegration, eventName: 'PutIntegration', eventSource: 'apigateway.amazonaws.com', user, userArn, region, account, userAgent: 'console.amazonaws.com',
      resources: [{ ResourceType: 'AWS::ApiGateway::RestApi', ResourceName: apiId }], request: { restApiId: apiId, resourceId: resIds['/orders'], httpMethod: 'POST', putIntegrationInput: { type: 'HTTP', httpMethod: 'POST', uri: 'http://${stageVariables.backendHost}/v1/orders', passthroughBehavior: 'NEVER', requestTemplates: { 'application/json': template } }, template: false } }),
    cloudTrailEvent(r, { ms: Date.UTC(2026, 9, 6, 4, 57, 30), eventName: 'UpdateStage', eventSource: 'apigateway.amazonaws.com', user: 'qa-loadtest', userArn: `arn:aws:sts::${account}:assumed-role/QaAutomation/qa-loadtest`, region, account, userAgent: 'aws-sdk-js/3.600.0 ua/2.0 os/linux#5.10 lang/js md/nodejs#20.15.0 api/api-gateway#3.600.0',
      resources: [{ ResourceType: 'AWS::ApiGateway::Stage', ResourceName: 'dev' }], request: { restApiId: apiId, stageName: 'dev', updateStageInput: { patchOperations: [{ op: 'replace', path: '/variables/backendHost', value: 'orders-backend.dev.partner-svc.example.net' }] }, template: false } }),
  ] });
  const failing = reqs.filter((q) => q.stage === 'prod' && q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const devFailing = reqs.filter((q) => q.stage === 'dev' && q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const throttled = reqs.filter((q) => q.status === 429 && q.ts >= win.start && q.ts <= win.end);
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'partner-orders-api-prod-5XXError', description: 'partner-orders-api prod 5XXError >= 5 in 5 minutes', account, region, ms: alarmMs,
    reason: reasonText([{ t: Math.floor(alarmMs / 300_000) * 300_000 - 300_000, v: failing.length }], 5),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 300, recentDatapoints: [failing.length], threshold: 5.0 }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: { ApiName: apiName, Stage: 'prod' } }, period: 300, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'mapping-template-error',
    findings: ['mapping-template-error'],
    failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `PutIntegration at ${iso(putIntegration)} changed the POST /orders request template to $util.parseJson($input.path('$.metadata')) (metadata is already an object); CreateDeployment k2m9xq to prod at ${iso(deploy)}. From then every prod POST /orders logs "Execution failed due to configuration error: Unable to transform request" and "Method completed with status: 500" without calling the backend: ${failing.length} in the window. Out of scope: dev (a QA load test against a dev backend scaled to zero, 503 -> 502 through the 5\\d{2} integration response: ${devFailing.length} failures in the same window, more than prod) and ${throttled.length} prod 429s ("exceeded throttle limit for API Stage … Usage Plan ID ${planId}"), which are not 5xx. Both stages' execution logs are in one Logs Insights export where only @log tells the stage; the access log group is shared and only "stage" tells them apart.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `At ${iso(putIntegration)} a developer changed the POST /orders request mapping template of \`${apiName}\` and deployed it to prod at ${iso(deploy)}. The template calls \`$util.parseJson\` on \`$.metadata\`, an object: every prod POST /orders fails in API Gateway with 500. In the same minutes QA load-tests dev against a backend scaled to zero (502), and partner "acme" exceeds its usage-plan throttle on prod (429). EventBridge alarm on prod at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stages \`prod\` (alarm) and \`dev\`, ${region}; HTTP (non-proxy) integrations to \`http://\${stageVariables.backendHost}/v1/orders\`, API keys with a usage plan. Expected: **mapping-template-error** (prod only).`,
    files: [
      '`logs/insights/partner-orders-exec-prod-and-dev.json.gz`: ONE gzipped `get-query-results` over both execution-log groups (`API-Gateway-Execution-Logs_h3x8n1q6vt/prod` and `/dev`), rows newest first with `@timestamp`, `@message`, `@logStream`, `@log` (`861204937725:API-Gateway-Execution-Logs_h3x8n1q6vt/dev` …), `@ptr`. INFO level, no data trace. The file path names no group.',
      `\`logs/aws/apigateway/${apiName}.json.gz\`: gzipped \`filter-log-events\` of the access-log group both stages write to; REST console JSON preset plus \`"stage":"$context.stage"\`, \`"apiKeyId"\`, \`"errorMessage"\`.`,
      '`api/stage.json` (prod, variables.backendHost), `api/deployments.json` (`get-deployments`), `api/export.json` (requestTemplates with the VTL, integration responses `default`/`404`/`5\\d{2}`→502, api_key security), `changes/cloudtrail.json` (PutIntegration, CreateDeployment, a dev UpdateStage), `alarm.json` (EventBridge, 5XXError, ApiName/Stage=prod, 300 s).',
    ],
    noise: 'dev stage: many 502s from the QA load test (more than prod\'s 500s); prod 429s from the usage plan; healthy GET /orders/{orderId} (200/404) on both stages; prod POSTs before the deploy.',
    sources: [
      '`Execution failed due to configuration error: Unable to transform request` → `Method completed with status: 500`: a public serverless-thumbnail write-up and two Korean CDK notes quoting CloudWatch (find_string "due to configuration error: Unable to transform"), e.g. `(1cb53717-…) Execution failed due to configuration error: Unable to transform request`.',
      'Usage-plan throttle line `API Key ****…F0yrv6 exceeded throttle limit for API Stage rohkz08x02/dev: Key throttle limit exceeded for Usage Plan ID nnpegc, RestApi rohkz08x02, Stage dev, Resource f646q2, HttpMethod GET. Limit: 5.00 Burst: 10`: repost.aws knowledge-center/api-gateway-429-limit. `Verifying Usage Plan for request: … API Key: … API Stage: …` / `Usage Plan check succeeded for API Key … and API Stage …`: the team\'s REST fixtures.',
      'HTTP non-proxy integration lines (`Endpoint request URI`, `Received response. Status: 503, Integration latency: …`, `Successfully completed execution`, `Method completed with status: 502` after a `5\\d{2}` selection pattern): API Gateway developer guide (integration responses, selection patterns) and the team\'s rest-backend-error-response bundle.',
      'Logs Insights rows with `@log` `account:log-group` over several groups (logGroupsScanned 2): CloudWatch Logs Insights docs; `$context.stage`, `$context.identity.apiKeyId`, `$context.error.message`: access-logging variables reference. `get-deployments` output (`items[].id/description/createdDate`): API Gateway CLI reference.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 5. rt3-rest-python313-init-timeout-then-timeouts
//    pdf-render (Python 3.13, timeout 12 s, 2048 MB) gets a new layout model loaded at import time.
//    A batch client starts 7 renders at once right after the deploy: the 7 fresh sandboxes download
//    the model concurrently, the Init phase passes its 10 s limit (INIT_REPORT Phase: init Status:
//    timeout), Lambda retries Init inside the invocation with the function's 12 s budget and that
//    times out too (INIT_REPORT Phase: invoke Status: timeout, "Task timed out after 12.00 seconds").
//    Later sandboxes initialise in 9.2-9.9 s (REPORT "Init Duration" close to the limits) and the new
//    model makes big documents run past 12 s: ordinary handler timeouts, the majority.
//    Truth: lambda-timeout (most requests) + lambda-init-error (the first wave).
// =============================================================================================

function bundleInitTimeoutThenTimeouts(): void {
  const r = rng(0x3e05);
  const name = 'rt3-rest-python313-init-timeout-then-timeouts';
  const b = new Bundle(name);
  const region = 'eu-central-1';
  const account = '447190382615';
  const apiId = 'r5d2k8w3nz';
  const apiName = 'render-api';
  const stage = 'live';
  const fn = 'pdf-render';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 10, 12, 9, 47, 52, 407);
  const win = windowOf(alarmMs, 60, 5);
  const deploy = Date.UTC(2026, 10, 12, 9, 30, 5);
  const burst = Date.UTC(2026, 10, 12, 9, 31, 40);
  const rtv = 'python:3.13.v16';
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number; version: 'old' | 'new' }
  const envs: Env[] = [];
  type Kind = 'ok' | 'handler-timeout' | 'init-timeout';
  const pyInit = (ms: number, level: string, msg: string): string => `[${level}]\t${iso(ms)}\t\t${msg}\n`;

  const run = (start: number, pages: number, forceNew: boolean): { id: string; end: number; kind: Kind } => {
    const version: 'old' | 'new' = start > deploy ? 'new' : 'old';
    let env = forceNew ? undefined : envs.find((e) => e.freeAt < start && e.version === version);
    const id = r.uuid();
    let t0 = start;
    let initMs: number | undefined;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0, version };
      envs.push(env);
      const s = env.stream;
      lambda.push({ ts: start, stream: s, msg: initStartLine(rtv, region, r) });
      if (version === 'new') lambda.push({ ts: start + 180, stream: s, msg: pyInit(start + 180, 'INFO', 'Loading layout model s3://render-models-447190382615/layout/v3/model.onnx (412 MB)') });
      if (forceNew) {
        // First wave: Init passes 10 s, is retried inside the invocation and runs out of the 12 s budget.
        const initEnd = start + 10000;
        lambda.push({ ts: initEnd, stream: s, msg: `INIT_REPORT Init Duration: ${(10000 + r.next() * 0.9).toFixed(2)} ms\tPhase: init\tStatus: timeout\n` });
        lambda.push({ ts: initEnd + 160, stream: s, msg: pyInit(initEnd + 160, 'INFO', 'Loading layout model s3://render-models-447190382615/layout/v3/model.onnx (412 MB)') });
        const end = initEnd + 12000;
        lambda.push({ ts: end, stream: s, msg: `INIT_REPORT Init Duration: ${(12000 + r.next() * 2).toFixed(2)} ms\tPhase: invoke\tStatus: timeout\n` });
        lambda.push({ ts: end, stream: s, msg: startLine(id) });
        lambda.push({ ts: end + 1, stream: s, msg: `${iso(end + 1)} ${id} Task timed out after 12.00 seconds\n` });
        lambda.push({ ts: end + 2, stream: s, msg: endLine(id) });
        lambda.push({ ts: end + 2, stream: s, msg: reportLine({ id, durationMs: 12000.0, memory: 2048, used: r.int(1380, 1510), status: 'timeout' }) });
        env.freeAt = Number.POSITIVE_INFINITY;
        return { id, end: end + 2, kind: 'init-timeout' };
      }
      initMs = version === 'new' ? 9180 + r.next() * 720 : 1900 + r.next() * 400;
      t0 = start + Math.ceil(initMs);
      if (version === 'new') lambda.push({ ts: t0 - 12, stream: s, msg: pyInit(t0 - 12, 'INFO', `Layout model ready in ${((initMs - 200) / 1000).toFixed(1)} s`) });
    }
    const s = env.stream;
    lambda.push({ ts: t0, stream: s, msg: startLine(id) });
    lambda.push({ ts: t0 + 2, stream: s, msg: pyLine(t0 + 2, id, 'INFO', `Rendering job with ${pages} page(s)`) });
    const perPage = version === 'new' ? 520 + r.int(0, 160) : 90 + r.int(0, 40);
    const need = 300 + pages * perPage;
    if (need > 12000) {
      const end = t0 + 12000;
      lambda.push({ ts: end + 1, stream: s, msg: `${iso(end + 1)} ${id} Task timed out after 12.00 seconds\n` });
      lambda.push({ ts: end + 2, stream: s, msg: endLine(id) });
      lambda.push({ ts: end + 2, stream: s, msg: reportLine({ id, durationMs: 12000.0, memory: 2048, used: r.int(1200, 1650), initMs, status: 'timeout' }) });
      env.freeAt = Number.POSITIVE_INFINITY; // a timed-out environment is reset; model it as a fresh one next time
      return { id, end: end + 2, kind: 'handler-timeout' };
    }
    const end = t0 + need;
    if (pages > 30) lambda.push({ ts: t0 + Math.floor(need / 2), stream: s, msg: pyLine(t0 + Math.floor(need / 2), id, 'WARNING', `Large document: ${pages} pages, consider the async endpoint`) });
    lambda.push({ ts: end - 2, stream: s, msg: pyLine(end - 2, id, 'INFO', `Rendered ${pages} page(s) in ${need - 4} ms`) });
    lambda.push({ ts: end, stream: s, msg: endLine(id) });
    lambda.push({ ts: end, stream: s, msg: reportLine({ id, durationMs: need - r.next(), memory: 2048, used: r.int(version === 'new' ? 900 : 310, version === 'new' ? 1400 : 480), initMs }) });
    env.freeAt = end + 3;
    return { id, end, kind: 'ok' };
  };

  interface Req { id: string; ts: number; end: number; method: string; resource: string; path: string; status: number; len: number; ip: string; kind: Kind; lines: { dt: number; text: string }[] }
  const reqs: Req[] = [];
  const render = (t: number, forceNew: boolean, pagesOverride?: number): void => {
    const id = r.uuid();
    const ext = r.extendedId();
    const pages = pagesOverride ?? (r.chance(0.45) ? r.int(19, 48) : r.int(1, 14));
    const gwIn = r.int(15, 30);
    const inv = run(t + gwIn, pages, forceNew);
    const latency = inv.end - t + r.int(3, 8);
    const failed = inv.kind !== 'ok';
    const msg = `RequestId: ${inv.id} Error: Task timed out after 12.00 seconds`;
    const lines = restExecLines({ id, ext, apiId, stage, method: 'POST', resource: '/render', path: '/render', fnArn, region, ts: t, latency, lambdaId: inv.id, status: failed ? 502 : 200, dataTrace: false, trace: traceIdAt(r, t),
      outcome: failed ? { kind: 'unhandled', errorMessage: msg, body: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: msg }) } : { kind: 'ok', body: '' } });
    reqs.push({ id, ts: t, end: t + latency, method: 'POST', resource: '/render', path: '/render', status: failed ? 502 : 200, len: failed ? 36 : r.int(90, 140), ip: r.pick(IPS), kind: inv.kind, lines });
  };
  const poll = (t: number): void => {
    const id = r.uuid();
    const ext = r.extendedId();
    const job = r.hex(12);
    const inv = run(t + 12, 0, false);
    const latency = inv.end - t + 4;
    const lines = restExecLines({ id, ext, apiId, stage, method: 'GET', resource: '/renders/{jobId}', path: `/renders/${job}`, fnArn, region, ts: t, latency, lambdaId: inv.id, status: inv.kind === 'ok' ? 200 : 502, dataTrace: false, trace: traceIdAt(r, t), outcome: { kind: 'ok', body: '' } });
    reqs.push({ id, ts: t, end: t + latency, method: 'GET', resource: '/renders/{jobId}', path: `/renders/${job}`, status: inv.kind === 'ok' ? 200 : 502, len: 88, ip: r.pick(IPS), kind: inv.kind, lines });
  };
  for (let t = Date.UTC(2026, 10, 12, 9, 20, 0); t < Date.UTC(2026, 10, 12, 9, 51, 0); t += r.int(11000, 24000)) {
    if (t > burst - 4000 && t < burst + 30000) continue;
    if (r.chance(0.3)) poll(t);
    else render(t, false);
  }
  for (let i = 0; i < 7; i++) render(burst + i * r.int(80, 260), true, r.int(2, 9));
  reqs.sort((a, c) => a.ts - c.ts);
  // GET /renders polls have pages=0 and never time out: their status stays 200.

  const streams = [execStream(r), execStream(r), execStream(r)];
  const exec: Ev[] = [];
  for (const [s, evs] of execEvents(r, reqs.map((q) => ({ ts: q.ts, lines: q.lines })), streams)) for (const e of evs) exec.push({ ...e, stream: s });
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.json.gz`, gz(filterLogEvents(r, exec)));
  const byStream = new Map<string, Ev[]>();
  for (const e of lambda) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
  for (const [s, evs] of byStream) b.put(`logs/aws/lambda/${fn}/${s.replace(/\//g, '-')}.json`, `${JSON.stringify(JSON.parse(getLogEvents(r, evs)))}\n`);
  const clf = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.integrationLatency';
  const access: Ev[] = reqs.map((q) => ({ ts: q.end, stream: 'x', msg: `${q.ip} - - [${reqTime(q.ts)}] "${q.method} ${q.resource} HTTP/1.1" ${q.status} ${q.len} ${q.id} ${q.end - q.ts - r.int(4, 9)}` }));
  b.put(`logs/aws/apigateway/${apiName}-${stage}.jsonl`, jsonLines(access, 'insights'));

  b.json('api/stage.json', restStage({ stage, deploymentId: 'f4h8j1', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}-${stage}`, format: clf, created: Date.UTC(2025, 4, 2, 8, 0, 0), updated: Date.UTC(2026, 9, 1, 10, 0, 0) }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/render': { post: proxyIntegration(region, fnArn) }, '/renders/{jobId}': { get: proxyIntegration(region, fnArn) } } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'python3.13', handler: 'render.handler', memory: 2048, timeout: 12, lastModified: deploy, arch: 'arm64', env: { MODEL_URI: 's3://render-models-447190382615/layout/v3/model.onnx', OMP_NUM_THREADS: '2' } }));
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: deploy, eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com', user: 'codebuild-render-deploy', userArn: `arn:aws:sts::${account}:assumed-role/codebuild-render-service-role/AWSCodeBuild-${r.uuid()}`, region, account, userAgent: 'aws-sdk-java/2.25.60 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.11',
      resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: fnArn }], request: { functionName: fn, imageUri: null, publish: false }, response: { functionName: fn, runtime: 'python3.13', timeout: 12, memorySize: 2048, lastModified: `${iso(deploy).slice(0, 23)}+0000` } }),
  ] });
  const inWin = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const initFails = inWin.filter((q) => q.kind === 'init-timeout').length;
  const handlerFails = inWin.filter((q) => q.kind === 'handler-timeout').length;
  const perMin = perBucket(inWin.map((q) => q.ts), 60);
  const points = [5, 4, 3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000).map((t) => ({ t, v: perMin.get(t) ?? 0 }));
  b.json('alarm.json', snsAlarm({
    name: 'render-api-live-5xx', description: 'render-api live 5XXError', account, region, regionName: 'EU (Frankfurt)', ms: alarmMs,
    reason: reasonMofN(points, 2, 1),
    trigger: { ...snsTrigger('5XXError', alarmDims(apiName, stage), 60, 5, 1), DatapointsToAlarm: 2 },
    topic: `arn:aws:sns:${region}:${account}:render-oncall`,
  }));
  b.json('expected.json', {
    rootCause: 'lambda-timeout',
    findings: ['lambda-timeout', 'lambda-init-error'],
    failingRequests: inWin.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `pdf-render was redeployed at ${iso(deploy)} with a 412 MB layout model loaded at import time. Two failure kinds, both "Task timed out after 12.00 seconds" in the execution log (502): (1) ${initFails} requests of the first wave at ${iso(burst)} (7 sandboxes started together): "INIT_REPORT Init Duration: 10000.xx ms Phase: init Status: timeout", then the retried Init inside the invocation "INIT_REPORT … Phase: invoke Status: timeout" before START, REPORT Status: timeout with no handler line: the function never started, so lambda-init-error is the more specific id for them (lambda-timeout is their alternative); (2) ${handlerFails} later requests whose handler ran past 12 s (REPORT Status: timeout after "Rendering job with N page(s)", some with Init Duration 9.2-9.9 s on the same REPORT): lambda-timeout. Most requests are (2), so rootCause lambda-timeout with lambda-init-error as the second finding. Integration latency of (1) is ~22 s (10 s init + 12 s), under the 29 s integration timeout: not integration-timeout.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `\`${fn}\` (Python 3.13, 12 s timeout) was redeployed at ${iso(deploy)} with a 412 MB layout model loaded at import time. At ${iso(burst)} a batch client submits 7 renders at once: 7 fresh sandboxes download the model together, Init passes its 10 s limit, is retried inside the invocation and runs out of the 12 s budget. Later sandboxes initialise in 9.2-9.9 s, but the new model makes documents over ~20 pages run past 12 s. SNS alarm (5XXError, 60 s × 5, 2 of 5) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`${stage}\`, ${region}; Lambda proxy to \`${fn}\` for POST /render and GET /renders/{jobId}. Expected: **lambda-timeout**, then **lambda-init-error**.`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.json.gz\`: gzipped \`filter-log-events\` (INFO, no data trace); failures: \`Lambda execution failed with status 200 due to customer function error: RequestId: … Error: Task timed out after 12.00 seconds. Lambda request id: …\` then \`Method completed with status: 502\`.`,
      `\`logs/aws/lambda/${fn}/<stream>.json\`: one \`get-log-events\` file per log stream (the stream name with "/" turned into "-"), saved with \`--output json --no-cli-pager | jq -c .\` (one line). Python text format; init-time lines have an empty request id (\`[INFO]\\t<time>\\t\\t…\`); first wave: \`INIT_REPORT Init Duration: 10000.xx ms\\tPhase: init\\tStatus: timeout\`, \`INIT_REPORT Init Duration: 12000.xx ms\\tPhase: invoke\\tStatus: timeout\`, START, \`<time> <id> Task timed out after 12.00 seconds\`, END, REPORT \`Status: timeout\`.`,
      `\`logs/aws/apigateway/${apiName}-${stage}.jsonl\`: JSON Lines with Insights keys (\`@timestamp\`, \`@message\`, \`@logStream\`); REST CLF preset plus \`$context.integrationLatency\`.`,
      '`api/stage.json`, `api/export.json`, `functions/pdf-render.json` (Timeout 12), `changes/cloudtrail.json` (UpdateFunctionCode20150331v2), `alarm.json` (SNS message, DatapointsToAlarm 2).',
    ],
    noise: 'GET /renders/{jobId} polls, small documents that succeed, WARNING for large documents, old-version traffic before the deploy (cold starts of ~2 s).',
    sources: [
      'INIT_REPORT timeout in the init phase and the retried init in the invoke phase, followed by START / "Task timed out" / END / REPORT: a public SST reproduction README (`INIT_REPORT Init Duration: 10337.01 ms\\tPhase: init\\tStatus: timeout`, `[WARNING]\\t2024-01-29T16:40:40.116Z\\t\\t…` with an empty request id, `INIT_REPORT Init Duration: 45045.69 ms\\tPhase: invoke\\tStatus: error\\tError Type: Runtime.Unknown`, `START …`, `2024-01-29T16:41:15.998Z <guid> Task timed out after 45.05 seconds`); `INIT_REPORT ... Phase: invoke Status: timeout` is quoted in a public CDK stack comment (find_string "Phase: invoke Status: timeout"). The 10 s Init limit and the retry "at the first function invocation with the configured function timeout": Lambda developer guide, lambda-runtime-environment ("Init phase is limited to 10 seconds …").',
      'REPORT `Status: timeout` with `Duration` equal to the timeout: aaronstuyvenberg.com "Avoiding the Lambda Doom Loop" (`REPORT RequestId: … Duration: 3000.00 ms … Status: timeout`), and public pastes (`Max Memory Used: 127 MB\\tStatus: timeout`).',
      'Python 3.13 `INIT_START Runtime Version: python:3.13.vNN`: public Lambda logs; Python text format: Lambda developer guide python-logging.',
      'REST CLF access-log preset: awsdocs set-up-logging.md; `$context.integrationLatency`: access-logging variables.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 6. rt3-rest-sfn-startsync-executionfailed
//    REST API built with CDK's StepFunctionsRestApi: POST /checkout is an AWS integration to
//    states:action/StartSyncExecution on the EXPRESS state machine CheckoutExpress. A pipeline
//    updates the definition: ChargeCard's Parameters read "$.order.total", clients send
//    "$.cart.total". Every execution fails (States.Runtime). Step Functions answers HTTP 200 with
//    "status":"FAILED"; CDK's integration-response template sets
//    $context.responseOverride.status = 500. The execution log even says "Successfully completed
//    execution" before "Method completed with status: 500".
//    Truth: aws-service-integration-error.
// =============================================================================================

function bundleSfnSync(): void {
  const r = rng(0x3e06);
  const name = 'rt3-rest-sfn-startsync-executionfailed';
  const b = new Bundle(name);
  const region = 'us-east-1';
  const account = '238810457119';
  const apiId = 'k9v2f6c3mj';
  const apiName = 'CheckoutApi';
  const stage = 'prod';
  const sm = 'CheckoutExpress';
  const smArn = `arn:aws:states:${region}:${account}:stateMachine:${sm}`;
  const role = `arn:aws:iam::${account}:role/CheckoutStack-CheckoutApiStartSyncExecutionRole-${r.hex(12).toUpperCase()}`;
  const alarmMs = Date.UTC(2026, 4, 28, 22, 9, 18, 954);
  const win = windowOf(alarmMs, 60, 2);
  const update = Date.UTC(2026, 4, 28, 21, 58, 26);
  const host = `${apiId}.execute-api.${region}.amazonaws.com`;
  const endpoint = `https://sync-states.${region}.amazonaws.com/?Action=StartSyncExecution`;
  interface Req { id: string; ts: number; end: number; method: string; resource: string; status: number; len: number; ip: string; awsReqId: string; intStatus: string; intLatency: string; lines: { dt: number; text: string }[] }
  const reqs: Req[] = [];
  const sfnLogs: Ev[] = [];
  const sfnStream = `states/${sm}/${new Date(update).toISOString().slice(0, 10)}-${r.hex(8)}/${r.hex(8)}`;

  for (let t = Date.UTC(2026, 4, 28, 21, 48, 0); t < Date.UTC(2026, 4, 28, 22, 13, 0); t += r.int(7000, 18000)) {
    const id = r.uuid();
    const ext = r.extendedId();
    const ip = r.pick(IPS);
    const trace = traceIdAt(r, t);
    const lines: { dt: number; text: string }[] = [];
    const add = (dt: number, text: string): void => {
      lines.push({ dt, text: `(${id}) ${text}` });
    };
    add(0, `Extended Request Id: ${ext}`);
    add(0, `Verifying Usage Plan for request: ${id}. API Key:  API Stage: ${apiId}/${stage}`);
    if (r.chance(0.25)) {
      // GET /health (MOCK)
      add(1, `API Key  authorized because method 'GET /health' does not require API Key. Request will not contribute to throttle or quota limits`);
      add(1, `Usage Plan check succeeded for API Key  and API Stage ${apiId}/${stage}`);
      add(1, `Starting execution for request: ${id}`);
      add(1, 'HTTP Method: GET, Resource Path: /health');
      add(1, 'Method request path: {}');
      add(1, 'Method request query string: {}');
      add(1, `Method request headers: {User-Agent=ELB-HealthChecker/2.0, Host=${host}, X-Amzn-Trace-Id=Root=${trace}}`);
      add(1, 'Method request body before transformations: ');
      add(2, 'Method response body after transformations: {"status":"ok"}');
      add(2, `Method response headers: {Content-Type=application/json}`);
      add(2, 'Successfully completed execution');
      add(2, 'Method completed with status: 200');
      reqs.push({ id, ts: t, end: t + 3, method: 'GET', resource: '/health', status: 200, len: 15, ip, awsReqId: '-', intStatus: '-', intLatency: '-', lines });
      continue;
    }
    add(1, `API Key  authorized because method 'POST /checkout' does not require API Key. Request will not contribute to throttle or quota limits`);
    add(1, `Usage Plan check succeeded for API Key  and API Stage ${apiId}/${stage}`);
    add(1, `Starting execution for request: ${id}`);
    add(1, 'HTTP Method: POST, Resource Path: /checkout');
    add(1, 'Method request path: {}');
    add(1, 'Method request query string: {}');
    add(1, `Method request headers: {Accept=application/json, Content-Type=application/json, Host=${host}, User-Agent=checkout-web/2026.5.3, X-Amzn-Trace-Id=Root=${trace}, X-Forwarded-For=${ip}, X-Forwarded-Port=443, X-Forwarded-Proto=https}`);
    const cartId = `cart_${r.hex(10)}`;
    const total = (r.int(1200, 42000) / 100).toFixed(2);
    const invalid = r.chance(0.07);
    const body = invalid ? JSON.stringify({ cartId }) : JSON.stringify({ cartId, customerId: `cus_${r.hex(8)}`, cart: { currency: 'USD', total: Number(total), items: r.int(1, 6) } });
    add(1, `Method request body before transformations: ${body}`);
    if (invalid) {
      add(2, 'Request body does not match model schema for content type application/json: [object has missing required properties (["cart","customerId"])]');
      add(2, 'Method completed with status: 400');
      reqs.push({ id, ts: t, end: t + 4, method: 'POST', resource: '/checkout', status: 400, len: 35, ip, awsReqId: '-', intStatus: '-', intLatency: '-', lines });
      continue;
    }
    const input = JSON.stringify({ body: JSON.parse(body) as unknown, querystring: {}, path: {}, header: {} });
    const reqBody = JSON.stringify({ input, stateMachineArn: smArn });
    add(2, `Endpoint request URI: ${endpoint}`);
    add(2, `Endpoint request headers: {Authorization=${'*'.repeat(110)}${r.hex(6)}, X-Amz-Date=${new Date(t).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z, x-amzn-apigateway-api-id=${apiId}, Accept=application/json, User-Agent=AmazonAPIGateway_${apiId}, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEH0aCXVzLWVhc3QtMSJHMEUCIB${r.hex(40)} [TRUNCATED]`);
    add(2, `Endpoint request body after transformations: ${reqBody}`);
    add(2, `Sending request to ${endpoint}`);
    const failed = t > update;
    const lat = failed ? r.int(95, 240) : r.int(420, 1300);
    const awsReqId = r.uuid();
    const execName = r.uuid();
    const execArn = `arn:aws:states:${region}:${account}:express:${sm}:${execName}:${r.uuid()}`;
    const startDate = (t + 40) / 1000;
    const resp = failed
      ? { billingDetails: { billedDurationInMilliseconds: 100, billedMemoryUsedInMB: 64 }, cause: `An error occurred while executing the state 'ChargeCard' (entered at the event id #2). The JSONPath '$.order.total' specified for the field 'amount.$' could not be found in the input '${input.replace(/"/g, '"')}'`, error: 'States.Runtime', executionArn: execArn, input, inputDetails: { included: true }, name: execName, outputDetails: { included: true }, startDate, stateMachineArn: smArn, status: 'FAILED', stopDate: startDate + lat / 1000 - 0.02, traceHeader: `Root=${trace};Sampled=0` }
      : { billingDetails: { billedDurationInMilliseconds: Math.ceil(lat / 100) * 100, billedMemoryUsedInMB: 64 }, executionArn: execArn, input, inputDetails: { included: true }, name: execName, output: JSON.stringify({ orderId: `ord_${r.hex(10)}`, paymentIntent: `pi_${r.hex(24)}`, status: 'CONFIRMED' }), outputDetails: { included: true }, startDate, stateMachineArn: smArn, status: 'SUCCEEDED', stopDate: startDate + lat / 1000 - 0.02, traceHeader: `Root=${trace};Sampled=0` };
    const respText = JSON.stringify(resp);
    add(2 + lat, `Received response. Status: 200, Integration latency: ${lat} ms`);
    add(2 + lat, `Endpoint response headers: {Date=${httpDate(t + lat)}, Content-Type=application/x-amz-json-1.0, Content-Length=${respText.length}, Connection=keep-alive, x-amzn-RequestId=${awsReqId}}`);
    add(2 + lat, `Endpoint response body before transformations: ${respText.length > 1000 ? `${respText.slice(0, 1000)} [TRUNCATED]` : respText}`);
    if (failed) {
      add(3 + lat, `Method response body after transformations: {\n"error": "States.Runtime",\n"cause": "${resp.cause ?? ''}"\n}`.replace(/\n/g, ''));
      sfnLogs.push({ ts: t + lat - 20, stream: sfnStream, msg: JSON.stringify({ id: '3', type: 'ExecutionFailed', details: { cause: resp.cause, error: 'States.Runtime' }, previous_event_id: '2', event_timestamp: String(t + lat - 20), execution_arn: execArn, redrive_count: '0' }) });
    } else {
      add(3 + lat, `Method response body after transformations: ${resp.output ?? ''}`);
    }
    add(3 + lat, `Method response headers: {X-Amzn-Trace-Id=Root=${trace};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0, Content-Type=application/json}`);
    add(3 + lat, 'Successfully completed execution');
    add(3 + lat, `Method completed with status: ${failed ? 500 : 200}`);
    add(3 + lat, `AWS Integration Endpoint RequestId : ${awsReqId}`);
    reqs.push({ id, ts: t, end: t + lat + 4, method: 'POST', resource: '/checkout', status: failed ? 500 : 200, len: failed ? 560 : 96, ip, awsReqId, intStatus: '200', intLatency: String(lat), lines });
  }

  const streams = [execStream(r), execStream(r), execStream(r)];
  const exec: Ev[] = [];
  for (const [s, evs] of execEvents(r, reqs.map((q) => ({ ts: q.ts, lines: q.lines })), streams)) for (const e of evs) exec.push({ ...e, stream: s });
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.jsonl.gz`, gz(jsonLines(exec, 'plain')));
  const accessFormat = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationStatus":"$context.integrationStatus","integrationLatency":"$context.integrationLatency","awsEndpointRequestId":"$context.awsEndpointRequestId"}';
  const access: Ev[] = reqs.map((q) => ({ ts: q.end, stream: `${apiId}_${stage}`, msg: JSON.stringify({ requestId: q.id, ip: q.ip, requestTime: reqTime(q.ts), httpMethod: q.method, resourcePath: q.resource, status: String(q.status), protocol: 'HTTP/1.1', responseLength: String(q.len), integrationStatus: q.intStatus, integrationLatency: q.intLatency, awsEndpointRequestId: q.awsReqId }) }));
  b.put(`logs/aws/apigateway/${apiName}-${stage}.json`, getLogEvents(r, access));
  b.put(`logs/aws/vendedlogs/states/${sm}-Logs.json`, filterLogEvents(r, sfnLogs));

  b.json('api/stage.json', restStage({ stage, deploymentId: 'cq3x7w', logLevel: 'INFO', dataTrace: true, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}-${stage}`, format: accessFormat, created: Date.UTC(2025, 11, 9, 16, 0, 0), updated: Date.UTC(2026, 3, 30, 11, 2, 0) }));
  const responseTemplate = ['#set($inputRoot = $input.path(\'$\'))', '#if($input.path(\'$.status\').toString().equals("FAILED"))', '#set($context.responseOverride.status = 500)', '{', '"error": "$input.path(\'$.error\')",', '"cause": "$input.path(\'$.cause\')"', '}', '#else', '$input.path(\'$.output\')', '#end'].join('\n');
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: {
    '/checkout': { post: {
      type: 'aws', httpMethod: 'POST', uri: `arn:aws:apigateway:${region}:states:action/StartSyncExecution`, credentials: role, passthroughBehavior: 'never',
      requestTemplates: { 'application/json': `## Request template created by StepFunctionsRestApi\n#set($allParams = $input.params())\n{\n  "input": "{\\"body\\": $util.escapeJavaScript($input.json('$'))}",\n  "stateMachineArn": "${smArn}"\n}` },
      responses: { '200': { statusCode: '200', responseTemplates: { 'application/json': responseTemplate } }, '4\\d{2}': { statusCode: '400', responseTemplates: { 'application/json': '{\n            "error": "Bad request!"\n          }' } }, '5\\d{2}': { statusCode: '500', responseTemplates: { 'application/json': '"error": $input.path(\'$.error\')' } } },
    } },
    '/health': { get: { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"status":"ok"}' } } }, passthroughBehavior: 'when_no_match' } },
  } }));
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: update, eventName: 'UpdateStateMachine', eventSource: 'states.amazonaws.com', user: 'AWSCloudFormation', userArn: `arn:aws:sts::${account}:assumed-role/cdk-hnb659fds-cfn-exec-role-${account}-${region}/AWSCloudFormation`, region, account, userAgent: 'cloudformation.amazonaws.com',
      resources: [{ ResourceType: 'AWS::StepFunctions::StateMachine', ResourceName: smArn }], request: { stateMachineArn: smArn, definition: 'HIDDEN_DUE_TO_SECURITY_REASONS', loggingConfiguration: { level: 'ERROR', includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:${region}:${account}:log-group:/aws/vendedlogs/states/${sm}-Logs:*` } }] } }, response: { updateDate: `${iso(update).slice(0, 19)}Z`, revisionId: r.uuid() } }),
  ] });
  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  b.json('alarm.json', snsAlarm({
    name: 'CheckoutApi-prod-5XXError', description: 'Checkout API 5XX', account, region, regionName: 'US East (N. Virginia)', ms: alarmMs,
    reason: reasonText([1, 0].map((k) => ({ t: Math.floor(alarmMs / 60_000) * 60_000 - (k + 1) * 60_000, v: 3 })), 3),
    trigger: snsTrigger('5XXError', alarmDims(apiName, stage), 60, 2, 3),
    topic: `arn:aws:sns:${region}:${account}:checkout-alarms`,
  }));
  b.json('expected.json', {
    rootCause: 'aws-service-integration-error',
    findings: ['aws-service-integration-error'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `UpdateStateMachine at ${iso(update)} (CloudFormation) changed CheckoutExpress: ChargeCard now reads $.order.total, clients send cart.total. Every StartSyncExecution since then returns HTTP 200 with "status":"FAILED", "error":"States.Runtime" and the JSONPath cause; CDK's StepFunctionsRestApi response template sets $context.responseOverride.status = 500. The execution log shows "Received response. Status: 200", the failed execution in "Endpoint response body before transformations", "Successfully completed execution" and then "Method completed with status: 500"; no Lambda is involved. ${failing.length} failing POST /checkout in the window. The express state machine's own log (ERROR level: ExecutionFailed events, JSON with execution_arn) is in logs/aws/vendedlogs/states. Not api-gateway-internal (the failure is named), not mapping-template-error (the template worked as designed), not backend-error-response (no HTTP backend).`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `At ${iso(update)} a CDK pipeline updated the EXPRESS state machine \`${sm}\`: its \`ChargeCard\` state reads \`$.order.total\`, while clients send \`cart.total\`. Every synchronous execution fails with \`States.Runtime\`; Step Functions still answers HTTP 200 (status FAILED) and the API's integration response turns that into 500. SNS alarm at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`${stage}\`, ${region}, built with CDK \`StepFunctionsRestApi\`: POST /checkout is an **AWS integration** to \`states:action/StartSyncExecution\` with a credentials role; GET /health is MOCK. Expected: **aws-service-integration-error**.`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.jsonl.gz\`: gzipped JSON Lines \`{"timestamp","message"}\`; INFO with data trace: the StartSyncExecution request, \`Received response. Status: 200\`, the FAILED execution document, the overridden method response body, \`Successfully completed execution\`, \`Method completed with status: 500\`, \`AWS Integration Endpoint RequestId : …\`. 400s from the request validator.`,
      `\`logs/aws/apigateway/${apiName}-${stage}.json\`: \`get-log-events\`; access-log JSON with \`integrationStatus\` (200 even for the failures), \`integrationLatency\`, \`awsEndpointRequestId\`.`,
      `\`logs/aws/vendedlogs/states/${sm}-Logs.json\`: \`filter-log-events\` of the state machine's log group (level ERROR): \`{"id","type":"ExecutionFailed","details":{"cause","error"},"previous_event_id","event_timestamp","execution_arn","redrive_count"}\` — neither an API Gateway nor a Lambda log.`,
      '`api/export.json` (CDK StepFunctionsRestApi integration with its request/response templates), `api/stage.json`, `changes/cloudtrail.json` (UpdateStateMachine), `alarm.json` (SNS message, 5XXError, 60 s × 2).',
    ],
    noise: 'GET /health (MOCK), POST /checkout that succeeded before the update, 400s from request validation.',
    sources: [
      'CDK StepFunctionsRestApi integration (`arn:aws:apigateway:<region>:states:action/StartSyncExecution`, credentials role, passthrough NEVER) and its integration responses: aws-cdk-lib aws-apigateway lib/integrations/stepfunctions.ts as found with find_string "responseOverride.status = 500)" (`#if($input.path(\'$.status\').toString().equals("FAILED"))`, `#set($context.responseOverride.status = 500)`, `{"error": …, "cause": …}`, `4\\d{2}` → 400 "Bad request!", `5\\d{2}` → 500); public Terraform stacks with the same URI (find_string "states:action/StartSyncExecution").',
      'StartSyncExecution response fields (`billingDetails`, `cause`, `error`, `executionArn` of an express execution, `input`, `inputDetails`, `name`, `output`, `outputDetails`, `startDate`, `stateMachineArn`, `status`, `stopDate`, `traceHeader`): Step Functions API reference StartSyncExecution. The `sync-states.<region>.amazonaws.com` endpoint is the SDKs\' host prefix for StartSyncExecution; that API Gateway\'s log prints this exact host was not verified.',
      '`States.Runtime` cause text `An error occurred while executing the state \'X\' (entered at the event id #N). The JSONPath \'$.…\' specified for the field \'….$\' could not be found in the input \'…\'`: a public get-execution-history paste (find_string "could not be found in the input").',
      'Step Functions CloudWatch Logs record `{"id","type","details","previous_event_id","event_timestamp","execution_arn","redrive_count"}`: a public paste of a state machine log group (find_string `"previous_event_id": "`); log levels: Step Functions developer guide, cw-logs.',
      'AWS-integration execution-log lines (`Endpoint request URI: https://<service>.<region>.amazonaws.com/?Action=…`, masked `Authorization=****…`, `AWS Integration Endpoint RequestId : …`): the team\'s rest-aws-service-integration-error bundle; request-validator line `Request body does not match model schema for content type application/json: […]`: API Gateway request validation docs.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 7. rt3-http-lambda-permission-removed
//    HTTP API media-http: POST /uploads -> media-upload-url (Java 21), GET /media/{mediaId} ->
//    media-meta (Python 3.12). A "permission hygiene" automation removes the resource-based policy
//    statement that let the API invoke media-upload-url (RemovePermission20150331v2). From then POST
//    /uploads answers 500 and the access log's $context.integrationErrorMessage says the IAM role
//    "doesn't have permissions to call the integration". media-upload-url logs nothing for them.
//    Truth: invoke-permission-denied (on an HTTP API).
// =============================================================================================

function bundleHttpPermissionRemoved(): void {
  const r = rng(0x3e07);
  const name = 'rt3-http-lambda-permission-removed';
  const b = new Bundle(name);
  const region = 'ap-southeast-1';
  const account = '903417265508';
  const apiId = 'u6m1z4b8qe';
  const stage = 'prod';
  const upFn = 'media-upload-url';
  const metaFn = 'media-meta';
  const upArn = `arn:aws:lambda:${region}:${account}:function:${upFn}`;
  const metaArn = `arn:aws:lambda:${region}:${account}:function:${metaFn}`;
  const alarmMs = Date.UTC(2026, 8, 19, 4, 21, 36, 18);
  const win = windowOf(alarmMs, 300, 1);
  const removed = Date.UTC(2026, 8, 19, 4, 9, 58);
  const permMsg = "The IAM role configured on the integration or API Gateway doesn't have permissions to call the integration. Check the permissions and try again.";
  const up = new TextLambda(r, { fn: upFn, region, runtimeVersion: 'java:21.v25', memory: 1024, init: [2100, 3400] });
  const meta = new TextLambda(r, { fn: metaFn, region, runtimeVersion: 'python:3.12.v38', memory: 256, init: [300, 600] });
  /** aws-lambda-java-log4j2 pattern "%d{yyyy-MM-dd HH:mm:ss} %X{AWSRequestId} %-5p %c{1} - %m%n". */
  const j = (ms: number, id: string, level: string, cls: string, msg: string): string => `${iso(ms).slice(0, 19).replace('T', ' ')} ${id} ${level.padEnd(5)} ${cls} - ${msg}\n`;
  interface Req { id: string; ts: number; end: number; route: string; method: string; status: number; len: number; ip: string; err: string }
  const reqs: Req[] = [];
  for (let t = Date.UTC(2026, 8, 19, 3, 58, 0); t < Date.UTC(2026, 8, 19, 4, 27, 0); t += r.int(3000, 11000)) {
    const ip = r.pick(IPS);
    if (r.chance(0.45)) {
      if (t > removed) {
        reqs.push({ id: r.httpRequestId(), ts: t, end: t + r.int(8, 22), route: 'POST /uploads', method: 'POST', status: 500, len: 35, ip, err: permMsg });
        continue;
      }
      const inv = up.invoke(t + r.int(10, 25), (lid, t0, push) => {
        const d = r.int(60, 210);
        const key = `uploads/${r.hex(2)}/${r.uuid()}.jpg`;
        push(t0 + 4, j(t0 + 4, lid, 'INFO', 'UploadUrlHandler', `Presigning PUT for s3://media-ingest-${account}/${key} (expires 900 s)`));
        if (r.chance(0.1)) {
          push(t0 + d - 2, j(t0 + d - 2, lid, 'WARN', 'UploadUrlHandler', 'Rejected content type application/x-msdownload'));
        }
        return { end: t0 + d };
      });
      reqs.push({ id: r.httpRequestId(), ts: t, end: inv.end + r.int(6, 14), route: 'POST /uploads', method: 'POST', status: 201, len: r.int(620, 700), ip, err: '-' });
      continue;
    }
    const mid = `m_${r.hex(10)}`;
    let status = 200;
    const inv = meta.invoke(t + r.int(10, 20), (lid, t0, push) => {
      const d = r.int(15, 70);
      if (r.chance(0.1)) {
        push(t0 + d - 1, pyLine(t0 + d - 1, lid, 'WARNING', `media ${mid} not found`));
        status = 404;
      } else {
        push(t0 + d - 1, pyLine(t0 + d - 1, lid, 'INFO', `media ${mid} served from table media-meta-prod`));
      }
      return { end: t0 + d };
    });
    reqs.push({ id: r.httpRequestId(), ts: t, end: inv.end + r.int(5, 12), route: 'GET /media/{mediaId}', method: 'GET', status, len: status === 404 ? 23 : r.int(300, 800), ip, err: '-' });
  }

  // Access log: HTTP console CSV preset with $context.integrationErrorMessage appended.
  const csv = '$context.identity.sourceIp,$context.requestTime,$context.httpMethod,$context.routeKey,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.integrationErrorMessage';
  const access: Ev[] = reqs.map((q) => ({ ts: q.end, stream: stage, msg: `${q.ip},${reqTime(q.ts)},${q.method},${q.route},HTTP/1.1,${q.status},${q.len},${q.id},${q.err}` }));
  b.put(`logs/aws/vendedlogs/media-http-${stage}.jsonl`, jsonLines(access, 'insights'));
  b.put(`logs/aws/lambda/${upFn}.log`, tailLong(up.events));
  b.put(`logs/aws/lambda/${metaFn}.log`, tailLong(meta.events));
  const group = `/aws/vendedlogs/media-http-${stage}`;
  b.json('api/stage.json', httpStage({ region, account, group, format: csv, stage, deploymentId: 'n3b8vq', autoDeploy: false, created: Date.UTC(2025, 9, 14, 2, 0, 0), updated: Date.UTC(2026, 8, 2, 6, 31, 0) }));
  b.json('api/export.json', httpExport({ title: 'media-http', apiId, region, version: '2026-09-02 06:31:00UTC', routes: [{ method: 'POST', path: '/uploads', fnArn: upArn }, { method: 'GET', path: '/media/{mediaId}', fnArn: metaArn }] }));
  b.json(`functions/${upFn}.json`, lambdaConfig(r, { name: upFn, account, region, runtime: 'java21', handler: 'com.example.media.UploadUrlHandler::handleRequest', memory: 1024, timeout: 15, lastModified: Date.UTC(2026, 7, 28, 10, 11, 0), env: { BUCKET: `media-ingest-${account}`, JAVA_TOOL_OPTIONS: '-XX:+TieredCompilation -XX:TieredStopAtLevel=1' } }));
  b.json(`functions/${metaFn}.json`, lambdaConfig(r, { name: metaFn, account, region, runtime: 'python3.12', handler: 'app.handler', memory: 256, timeout: 6, lastModified: Date.UTC(2026, 7, 21, 9, 0, 0), env: { TABLE: 'media-meta-prod' } }));
  const bot = 'lambda-permission-hygiene';
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: removed, eventName: 'RemovePermission20150331v2', eventSource: 'lambda.amazonaws.com', user: bot, userArn: `arn:aws:sts::${account}:assumed-role/SecOpsPermissionHygiene/${bot}`, region, account, userAgent: 'Boto3/1.35.20 md/Botocore#1.35.20 ua/2.0 os/linux#5.10.224-233.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.5 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.20',
      resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: upArn }], request: { functionName: upFn, statementId: `apigw-${apiId}-uploads` } }),
    cloudTrailEvent(r, { ms: removed - 2000, eventName: 'GetPolicy20150331v2', eventSource: 'lambda.amazonaws.com', user: bot, userArn: `arn:aws:sts::${account}:assumed-role/SecOpsPermissionHygiene/${bot}`, region, account, readOnly: true, userAgent: 'Boto3/1.35.20 md/Botocore#1.35.20 ua/2.0 os/linux#5.10.224-233.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.5 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.20',
      resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: upArn }], request: { functionName: upFn } }),
  ] });
  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'media-http-prod-5xx', description: 'media-http prod 5xx >= 5 in 5 minutes', account, region, ms: alarmMs,
    reason: reasonText([{ t: Math.floor(alarmMs / 300_000) * 300_000 - 300_000, v: failing.length }], 5),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 300, recentDatapoints: [failing.length], threshold: 5.0 }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5xx', dimensions: { ApiId: apiId, Stage: stage } }, period: 300, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'invoke-permission-denied',
    findings: ['invoke-permission-denied'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'HTTP' },
    notes: `At ${iso(removed)} the SecOps "permission hygiene" automation called RemovePermission20150331v2 on media-upload-url (statement apigw-${apiId}-uploads). From then every POST /uploads answers 500 with $context.integrationErrorMessage "${permMsg}" (the HTTP API message for a Lambda integration API Gateway may not invoke) and media-upload-url logs nothing. GET /media/{mediaId} (media-meta) keeps working. ${failing.length} failing requests in the window. HTTP APIs have no execution logs: the CSV access log's last column and the CloudTrail change are the evidence.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `At ${iso(removed)} a SecOps automation removed the Lambda resource-policy statement that allowed \`media-http\` to invoke \`${upFn}\`. Every POST /uploads since then answers 500; the function is never invoked. EventBridge alarm at ${iso(alarmMs)}.`,
    api: `HTTP API \`media-http\` (\`${apiId}\`), stage \`${stage}\`, ${region}; Lambda proxy (payload 2.0): POST /uploads → \`${upFn}\` (Java 21), GET /media/{mediaId} → \`${metaFn}\` (Python 3.12). Expected: **invoke-permission-denied**.`,
    files: [
      `\`logs/aws/vendedlogs/media-http-${stage}.jsonl\`: JSON Lines with Insights keys; the HTTP API console **CSV** preset with \`$context.integrationErrorMessage\` appended as a last, unquoted column (\`-\` when empty; the permission message contains an apostrophe, no comma).`,
      `\`logs/aws/lambda/${upFn}.log\`, \`${metaFn}.log\`: \`aws logs tail\` (detailed); Java lines in the aws-lambda-java-log4j2 pattern \`%d{yyyy-MM-dd HH:mm:ss} %X{AWSRequestId} %-5p %c{1} - %m%n\`, Python text format; only invocations before the change for media-upload-url.`,
      '`changes/cloudtrail.json` (GetPolicy20150331v2 then RemovePermission20150331v2 by the automation role), `api/stage.json`, `api/export.json`, `functions/*.json`, `alarm.json` (EventBridge, 5xx, ApiId/Stage, 300 s).',
    ],
    noise: 'GET /media/{mediaId} (200, 404 with WARNING), uploads before the change (201), a WARN for a rejected content type, Java cold starts of 2-3 s.',
    sources: [
      'HTTP API integrationErrorMessage for a Lambda integration without invoke permission, "The IAM role configured on the integration or API Gateway doesn\'t have permissions to call the integration. Check the permissions and try again.": repost.aws knowledge-center/api-gateway-http-lambda-integrations (English text quoted in the Korean page; French/Japanese translations of the same article).',
      'HTTP API CSV preset `$context.identity.sourceIp,$context.requestTime,$context.httpMethod,$context.routeKey,$context.protocol,$context.status,$context.responseLength,$context.requestId` and the advice to add `$context.integrationErrorMessage`: http-api-logging.md and http-api-troubleshooting-lambda.md (as recorded in shared/parsers/API_GATEWAY_LOG_SHAPES.md).',
      'CloudTrail event names `RemovePermission20150331v2`, `GetPolicy20150331v2` (versioned Lambda API names in CloudTrail) and the request parameters `functionName`, `statementId`: Lambda API reference RemovePermission and "Logging Lambda API calls using CloudTrail".',
      'aws-lambda-java-log4j2 pattern `%d{yyyy-MM-dd HH:mm:ss} %X{AWSRequestId} %-5p %c{1} - %m%n`: Lambda developer guide java-logging (log4j2.xml example); `INIT_START Runtime Version: java:21.vNN`: public Lambda logs.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 8. rt3-rest-three-failures-3of5-alarm
//    ledger-api (REST, HTTP proxy integrations to an ALB) serves ~1 400 requests an hour. Three GET
//    /statements/{accountId} for a huge account hit the 29 s integration timeout in three different
//    minutes; the alarm (5XXError Sum >= 1, 60 s periods, 3 out of 5 datapoints) fires. Two identical
//    timeouts 80-170 s before the alarm window (too few to alarm) and one 50 s after it are not this
//    incident. Execution logging ERROR only (one file per stream), access log CSV preset + latencies,
//    gzipped.
//    Truth: integration-timeout, exactly 3 failing requests.
// =============================================================================================

function bundleThreeFailures(): void {
  const r = rng(0x3e08);
  const name = 'rt3-rest-three-failures-3of5-alarm';
  const b = new Bundle(name);
  const region = 'eu-west-2';
  const account = '126634580912';
  const apiId = 'n7c3x9w2lb';
  const apiName = 'ledger-api';
  const stage = 'live';
  const alarmMs = Date.UTC(2026, 6, 2, 13, 36, 40, 118);
  const win = windowOf(alarmMs, 60, 5);
  const slowStarts = [
    Date.UTC(2026, 6, 2, 13, 13, 50, 412), Date.UTC(2026, 6, 2, 13, 15, 20, 77), // before the window
    Date.UTC(2026, 6, 2, 13, 32, 30, 905), Date.UTC(2026, 6, 2, 13, 34, 0, 266), Date.UTC(2026, 6, 2, 13, 35, 35, 640), // the incident
    Date.UTC(2026, 6, 2, 13, 42, 30, 18), // after the window
  ];
  interface Req { id: string; ext: string; ts: number; end: number; method: string; resource: string; status: number; len: number; ip: string; intLat: number | '-' }
  const reqs: Req[] = [];
  const routes = [
    { method: 'GET', resource: '/accounts/{accountId}/balance', w: 0.55 },
    { method: 'GET', resource: '/statements/{accountId}', w: 0.2 },
    { method: 'POST', resource: '/transfers', w: 0.25 },
  ];
  for (let t = Date.UTC(2026, 6, 2, 12, 55, 0); t < Date.UTC(2026, 6, 2, 13, 50, 0); t += r.int(800, 4200)) {
    const x = r.next();
    const route = x < 0.55 ? routes[0] : x < 0.75 ? routes[1] : routes[2];
    if (!route) continue;
    const lat = route.resource.startsWith('/statements') ? r.int(400, 6500) : r.int(18, 160);
    let status = route.method === 'POST' ? 201 : 200;
    if (r.chance(0.04)) status = 404;
    if (route.method === 'POST' && r.chance(0.05)) status = 422;
    if (r.chance(0.01)) status = 403;
    reqs.push({ id: r.uuid(), ext: r.extendedId(), ts: t, end: t + lat + r.int(3, 9), method: route.method, resource: route.resource, status, len: status >= 400 ? r.int(40, 90) : r.int(80, 4000), ip: r.pick(IPS), intLat: status === 403 ? '-' : lat });
  }
  for (const t of slowStarts) reqs.push({ id: r.uuid(), ext: r.extendedId(), ts: t, end: t + 29000 + r.int(3, 30), method: 'GET', resource: '/statements/{accountId}', status: 504, len: 41, ip: '81.2.69.160', intLat: 29000 + r.int(0, 14) });
  reqs.sort((a, c) => a.ts - c.ts);

  // Execution log, ERROR level: only the timeouts. One get-log-events file per stream.
  const streams = [execStream(r), execStream(r), execStream(r), execStream(r)];
  const byStream = new Map<string, Ev[]>();
  for (const q of reqs.filter((x) => x.status === 504)) {
    const s = r.pick(streams);
    const list = byStream.get(s) ?? [];
    list.push({ ts: q.end - 1, stream: s, msg: `(${q.id}) Execution failed due to a timeout error` });
    list.push({ ts: q.end, stream: s, msg: `(${q.id}) Method completed with status: 504` });
    byStream.set(s, list);
  }
  for (const [s, evs] of byStream) b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}/${s}.json`, getLogEvents(r, evs));
  // Access log: REST CSV preset + latencies, gzipped get-log-events.
  const csv = '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId,$context.integrationLatency,$context.responseLatency';
  const access: Ev[] = reqs.map((q) => ({ ts: q.end, stream: `${apiId}_${stage}`, msg: `${q.ip},-,-,${reqTime(q.ts)},${q.method},${q.resource},HTTP/1.1,${q.status},${q.len},${q.id},${q.ext},${q.intLat},${q.end - q.ts}` }));
  b.put(`logs/aws/apigateway/${apiName}-${stage}.json.gz`, gz(getLogEvents(r, access)));

  const albUri = 'https://ledger-core.internal.example.net';
  const proxy = (p: string, method: string): Record<string, unknown> => ({ type: 'http_proxy', httpMethod: method, uri: `${albUri}${p}`, passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, connectionType: 'INTERNET', responses: { default: { statusCode: '200' } }, requestParameters: { 'integration.request.path.accountId': 'method.request.path.accountId' } });
  b.json('api/stage.json', restStage({ stage, deploymentId: 'y2c6tr', logLevel: 'ERROR', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}-${stage}`, format: csv, created: Date.UTC(2025, 1, 11, 10, 0, 0), updated: Date.UTC(2026, 5, 3, 15, 45, 0) }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: {
    '/accounts/{accountId}/balance': { get: proxy('/accounts/{accountId}/balance', 'GET') },
    '/statements/{accountId}': { get: proxy('/statements/{accountId}', 'GET') },
    '/transfers': { post: { ...proxy('/transfers', 'POST'), requestParameters: undefined } },
  } }));
  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const allFail = reqs.filter((q) => q.status >= 500);
  const perMin = perBucket(allFail.map((q) => q.ts), 60);
  const points = [5, 4, 3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000).map((t) => ({ t, v: perMin.get(t) ?? 0 }));
  b.json('alarm.json', snsAlarm({
    name: 'ledger-api-live-5xx-3of5', description: 'ledger-api live: 5XX in 3 of the last 5 minutes', account, region, regionName: 'EU (London)', ms: alarmMs,
    reason: reasonMofN(points, 3, 1),
    trigger: { ...snsTrigger('5XXError', alarmDims(apiName, stage), 60, 5, 1), DatapointsToAlarm: 3, TreatMissingData: 'notBreaching' },
    topic: `arn:aws:sns:${region}:${account}:ledger-oncall`,
  }));
  const counts = perBucket(reqs.map((q) => q.ts), 60);
  b.json('metrics/apigateway-ledger-api.json', metricData({
    queries: [
      { id: 'e5xx', namespace: 'AWS/ApiGateway', metric: '5XXError', dims: alarmDims(apiName, stage), stat: 'Sum' },
      { id: 'cnt', namespace: 'AWS/ApiGateway', metric: 'Count', dims: alarmDims(apiName, stage), stat: 'Sum' },
    ],
    period: 60, start: Date.UTC(2026, 6, 2, 12, 55, 0), end: Date.UTC(2026, 6, 2, 13, 49, 0),
    values: (id, t) => (id === 'e5xx' ? perMin.get(t) ?? 0 : counts.get(t) ?? 0),
  }));
  b.json('expected.json', {
    rootCause: 'integration-timeout',
    findings: ['integration-timeout'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `Three GET /statements/{accountId} for one very large account (${slowStarts.slice(2, 5).map(iso).join(', ')}) waited the full 29 s on the HTTP proxy backend: "Execution failed due to a timeout error", "Method completed with status: 504", integrationLatency ~29000. The alarm is 5XXError Sum >= 1 with Period 60, EvaluationPeriods 5, DatapointsToAlarm 3: the window is 60 s x 5 + 15 min before ${iso(alarmMs)} to 5 min after, i.e. ${iso(win.start)} .. ${iso(win.end)}. Two identical timeouts at ${iso(slowStarts[0] ?? 0)} and ${iso(slowStarts[1] ?? 0)} (before the window) and one at ${iso(slowStarts[5] ?? 0)} (after it) are not this incident: failingRequests is exactly ${failing.length} among ~${reqs.length} requests. Execution logging is ERROR only; the access log (CSV preset + integrationLatency/responseLatency) has every request.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `Three GET /statements/{accountId} for one very large account wait on the backend past API Gateway's 29 s limit, in three different minutes; the alarm "5XXError >= 1 in 3 of 5 one-minute datapoints" goes to ALARM at ${iso(alarmMs)}. Around it, ~${reqs.length} healthy requests an hour; the same timeout also happened twice shortly before the alarm window and once just after it.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`${stage}\`, ${region}; HTTP proxy integrations to an internet-facing ALB (\`${albUri}\`), default 29 s timeout. Expected: **integration-timeout**, exactly ${failing.length} failing requests.`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/${stage}/<stream>.json\`: one \`get-log-events\` file per stream, **ERROR** level: only \`Execution failed due to a timeout error\` and \`Method completed with status: 504\` for the six timeouts (in and out of the window).`,
      `\`logs/aws/apigateway/${apiName}-${stage}.json.gz\`: gzipped \`get-log-events\` of the access log: REST **CSV** preset plus \`$context.integrationLatency,$context.responseLatency\` (\`-\` where no integration ran).`,
      '`metrics/apigateway-ledger-api.json`: `get-metric-data` of 5XXError and Count per minute with its MetricDataQueries. `alarm.json`: SNS message with `Period` 60, `EvaluationPeriods` 5, `DatapointsToAlarm` 3, `TreatMissingData` notBreaching and the "3 out of the last 5 datapoints" reason. `api/stage.json` (loggingLevel ERROR), `api/export.json`.',
    ],
    noise: `About ${reqs.length} requests in all: balances, transfers (201/422), statements that finish in time, 404s and 403s, and the three out-of-window timeouts.`,
    sources: [
      '`Execution failed due to a timeout error` + `Method completed with status: 504` for a 29 s integration timeout: the team\'s rest-integration-timeout-lambda bundle and API Gateway quotas (29 s default integration timeout) in the developer guide. That ERROR-level logging keeps these two lines is the team\'s reading (see rt-rest-error-level-exec-logs-only), not verified in a public sample.',
      'M-out-of-N alarms (`DatapointsToAlarm`, "3 out of the last 5 datapoints … (minimum 3 datapoints for OK -> ALARM transition)"): CloudWatch "Evaluating an alarm" docs and alarm SNS messages; `TreatMissingData`: same.',
      'REST CSV preset `$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId`: awsdocs set-up-logging.md; appended latencies: access-logging variables.',
      '`get-metric-data` output with MetricDataQueries beside MetricDataResults: the contract (what `collect` writes) and the CloudWatch API reference.',
    ],
  }));
  b.write();
}

// ---------------------------------------------------------------------------------------------
// Check and main
// ---------------------------------------------------------------------------------------------

const MINE = [
  'rt3-rest-hurried-human-windows-export', 'rt3-rest-datatrace-secrets-body-object', 'rt3-http-stripe-503-node-json-powertools', 'rt3-rest-two-stages-template-and-429',
  'rt3-rest-python313-init-timeout-then-timeouts', 'rt3-rest-sfn-startsync-executionfailed', 'rt3-http-lambda-permission-removed', 'rt3-rest-three-failures-3of5-alarm',
];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function textOf(file: string): string {
  const raw = readFileSync(file);
  const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8');
}

function check(): void {
  let problems = 0;
  const fail = (msg: string): void => {
    problems++;
    console.log(msg);
  };
  for (const name of [...MINE].sort()) {
    const dir = path.join(ROOT, name);
    const files = walk(dir);
    let onDisk = 0;
    const texts = new Map<string, string>();
    for (const f of files) {
      onDisk += statSync(f).size;
      const text = textOf(f);
      texts.set(f, text);
      const base = f.replace(/\.gz$/, '');
      if (base.endsWith('.json')) {
        try {
          JSON.parse(text);
        } catch (e) {
          fail(`${name}: ${path.relative(dir, f)} is not JSON: ${String(e)}`);
        }
      }
      if (base.endsWith('.jsonl')) {
        for (const [i, line] of text.split(/\r?\n/).entries()) {
          if (!line) continue;
          try {
            JSON.parse(line);
          } catch {
            fail(`${name}: ${path.relative(dir, f)} line ${i + 1} is not JSON`);
          }
        }
      }
    }
    const alarm = texts.get(path.join(dir, 'alarm.json'));
    if (alarm) {
      const doc = JSON.parse(alarm) as Record<string, unknown>;
      if (typeof doc['Message'] === 'string') JSON.parse(doc['Message']);
    }
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    const all = [...texts.values()].join('\n');
    if (!all.includes(expected.api.id)) fail(`${name}: api id ${expected.api.id} appears nowhere`);
    if (expected.failingRequests <= 0) fail(`${name}: no failing requests`);
    // Every Lambda request id API Gateway quotes must be in a Lambda log.
    const quoted = [...all.matchAll(/Lambda request id: ([0-9a-f-]{36})/g)].map((m) => m[1] ?? '');
    const lambdaText = [...texts.entries()].filter(([f]) => /lambda/.test(path.relative(dir, f))).map(([, t]) => t).join('\n');
    const missing = quoted.filter((id) => !lambdaText.includes(id)).length;
    if (missing > 0) fail(`${name}: ${missing} quoted Lambda request ids not in any Lambda log`);
    // Access-log request ids and execution-log request ids must agree.
    const execIds = new Set([...all.matchAll(/\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\) (?:Method completed|Execution failed|API Key)/g)].map((m) => m[1] ?? ''));
    const notInAccess = [...execIds].filter((id) => ![...texts.entries()].some(([f, t]) => /apigateway|access|vendedlogs/.test(path.relative(dir, f)) && t.includes(id))).length;
    if (notInAccess > 0) fail(`${name}: ${notInAccess} execution-log request ids not in the access log`);
    if (!files.some((f) => f.endsWith('README.md'))) fail(`${name}: no README.md`);
    console.log(`${name.padEnd(48)} ${expected.rootCause.padEnd(30)} findings=[${expected.findings.join(', ')}] failing=${expected.failingRequests} ${(onDisk / 1024).toFixed(0)} KB`);
    if (onDisk > 360 * 1024) fail(`${name}: bundle larger than ~300 KB`);
  }
  if (problems > 0) {
    console.log(`${problems} problem(s)`);
    process.exitCode = 1;
  }
}

if (process.argv.includes('--check')) {
  check();
} else {
  bundleHurriedHuman();
  bundleDataTraceSecrets();
  bundleStripe503();
  bundleTwoStages();
  bundleInitTimeoutThenTimeouts();
  bundleSfnSync();
  bundleHttpPermissionRemoved();
  bundleThreeFailures();
  check();
}
