/**
 * Second red team's incident bundles (events/incidents/rt2-*): realistic incidents aimed at places the
 * first two rounds did not go (raised integration timeouts, SnapStart restore failures, null authorizer
 * policies, another stage's evidence, time-only correlation across routes of one function, JSON log
 * format timeouts, big gzipped noisy bundles). Every shape is looked up; sources are in each README.md.
 * Deterministic: seeded randomness, fixed clocks.
 *
 *   npx tsx scripts/incidents/redteam2-incidents.ts            # writes events/incidents/rt2-*
 *   npx tsx scripts/incidents/redteam2-incidents.ts --check    # validates the bundles it wrote
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

// =============================================================================================
// 1. rt2-rest-regional-50s-integration-timeout
//    Regional REST API whose POST /reports integration timeout was raised to 50 s (timeoutInMillis
//    50000 after a Service Quotas increase); report-builder (Python 3.12) may run 60 s. A new tenant's
//    reports take 51-75 s: the gateway gives up at 50 s (504) while the function runs on, finishing
//    late or hitting its own 60 s timeout AFTER the client already got the 504. Execution logging is
//    OFF; the access log is the console's XML preset with latency/status fields appended.
//    Truth: integration-timeout (lambda-timeout is a later consequence for some requests).
// =============================================================================================

function bundleRaisedIntegrationTimeout(): void {
  const r = rng(0x50a1);
  const name = 'rt2-rest-regional-50s-integration-timeout';
  const b = new Bundle(name);
  const region = 'us-east-2';
  const account = '604817293551';
  const apiId = 'h7c2m9x4qe';
  const apiName = 'reports-api';
  const stage = 'prod';
  const fn = 'report-builder';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 3, 21, 10, 19, 42, 118);
  const win = windowOf(alarmMs, 300, 1);
  const onboard = Date.UTC(2026, 3, 21, 10, 3, 0);

  interface Req { ts: number; id: string; ext: string; method: string; resource: string; path: string; status: number; len: number; respLat: number; intLat: number | '-'; intStatus: number | '-'; ip: string }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number }
  const envs: Env[] = [];
  const envFor = (start: number): { env: Env; cold: boolean } => {
    const free = envs.find((e) => e.freeAt < start);
    if (free) return { env: free, cold: false };
    const env = { stream: lambdaStream(r, start), freeAt: 0 };
    envs.push(env);
    return { env, cold: true };
  };
  const tenants = ['acme', 'initech', 'umbrella', 'hooli', 'vandelay'];
  const invoke = (start: number, body: (id: string, s: string, t0: number) => { end: number; status?: string; used: number }): string => {
    const { env, cold } = envFor(start);
    const id = r.uuid();
    let t0 = start;
    let initMs: number | undefined;
    if (cold) {
      initMs = 780 + r.next() * 420;
      lambda.push({ ts: start - 2, stream: env.stream, msg: initStartLine('python:3.12.v38', region, r) });
      t0 = start + Math.ceil(initMs);
    }
    lambda.push({ ts: t0, stream: env.stream, msg: startLine(id) });
    const out = body(id, env.stream, t0);
    lambda.push({ ts: out.end, stream: env.stream, msg: endLine(id) });
    lambda.push({ ts: out.end, stream: env.stream, msg: reportLine({ id, durationMs: out.end - t0 - 0.37 + r.next() * 0.3, memory: 2048, used: out.used, ...(initMs !== undefined ? { initMs } : {}), ...(out.status ? { status: out.status } : {}) }) });
    env.freeAt = out.end + 5;
    return id;
  };

  const createReport = (ts: number, tenant: string, durMs: number): void => {
    const rid = `rpt-${r.hex(10)}`;
    const qid = r.uuid();
    const from = tenant === 'globex' ? '2019-01-01' : '2026-03-01';
    let finishedAt = 0;
    let timedOut = false;
    invoke(ts + r.int(20, 40), (id, s, t0) => {
      lambda.push({ ts: t0 + 3, stream: s, msg: pyLine(t0 + 3, id, 'INFO', `Starting report ${rid} for tenant ${tenant} range ${from}..2026-03-31`) });
      lambda.push({ ts: t0 + 180, stream: s, msg: pyLine(t0 + 180, id, 'INFO', `Athena query ${qid} submitted (workgroup reports-prod)`) });
      for (let w = 30_000; w < Math.min(durMs, 60_000) - 500; w += 30_000) {
        lambda.push({ ts: t0 + w, stream: s, msg: pyLine(t0 + w, id, 'INFO', `Athena query ${qid} still RUNNING after ${(w / 1000).toFixed(1)} s`) });
      }
      if (durMs >= 60_000) {
        timedOut = true;
        const end = t0 + 60_000 + r.int(1, 30);
        lambda.push({ ts: end - 1, stream: s, msg: `${iso(end - 1)} ${id} Task timed out after 60.00 seconds\n` });
        finishedAt = end;
        return { end, status: 'timeout', used: r.int(190, 240) };
      }
      const end = t0 + durMs;
      lambda.push({ ts: end - 2, stream: s, msg: pyLine(end - 2, id, 'INFO', `Report ${rid} written to s3://reports-prod-${account}/${tenant}/${rid}.parquet (${r.int(1200, 900000)} rows)`) });
      finishedAt = end;
      return { end, used: r.int(170, 230) };
    });
    void finishedAt;
    void timedOut;
    const gaveUp = durMs > 50_000;
    const respLat = gaveUp ? 50_000 + r.int(3, 14) : durMs + r.int(35, 80);
    reqs.push({
      ts, id: r.uuid(), ext: r.extendedId(), method: 'POST', resource: '/reports', path: '/reports', status: gaveUp ? 504 : 201,
      len: gaveUp ? 41 : r.int(96, 120), respLat, intLat: gaveUp ? respLat - r.int(1, 3) : respLat - r.int(8, 20), intStatus: gaveUp ? '-' : 200, ip: r.pick(IPS),
    });
  };

  for (let t = Date.UTC(2026, 3, 21, 9, 50, 0); t < Date.UTC(2026, 3, 21, 10, 23, 0); t += r.int(9000, 21000)) {
    const kind = r.next();
    if (kind < 0.45) {
      // Polling a report's status.
      const found = r.chance(0.85);
      const rid = `rpt-${r.hex(10)}`;
      let lat = 0;
      invoke(t + r.int(15, 30), (id, s, t0) => {
        const d = r.int(45, 160);
        if (!found) lambda.push({ ts: t0 + d - 3, stream: s, msg: pyLine(t0 + d - 3, id, 'WARNING', `Report ${rid} not found for tenant ${r.pick(tenants)}`) });
        lat = d;
        return { end: t0 + d, used: r.int(150, 180) };
      });
      reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: 'GET', resource: '/reports/{reportId}', path: `/reports/${rid}`, status: found ? 200 : 404, len: found ? r.int(300, 900) : 38, respLat: lat + r.int(30, 60), intLat: lat + r.int(20, 40), intStatus: 200, ip: r.pick(IPS) });
    } else if (kind < 0.6) {
      reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: 'GET', resource: '/health', path: '/health', status: 200, len: 15, respLat: r.int(2, 6), intLat: '-', intStatus: '-', ip: '100.64.33.12' });
    } else {
      createReport(t, r.pick(tenants), r.int(2_500, 24_000));
    }
  }
  // The new tenant's multi-year exports, from onboarding on.
  const globexTimes: number[] = [];
  for (let t = onboard + r.int(0, 20_000); t < Date.UTC(2026, 3, 21, 10, 21, 30); t += r.int(28_000, 52_000)) globexTimes.push(t);
  for (const t of globexTimes) createReport(t, 'globex', r.int(51_000, 76_000));
  reqs.sort((a, c) => a.ts - c.ts);

  // Access log: the console's XML preset with three fields appended.
  const access: Ev[] = reqs.map((q) => ({
    ts: q.ts + (typeof q.respLat === 'number' ? q.respLat : 0) + r.int(1, 4),
    stream: 'f0a8c5d2e6b4931a7c2e8d5f1b3a6c90',
    msg: `<request id="${q.id}"> <extendedRequestId>${q.ext}</extendedRequestId> <ip>${q.ip}</ip> <caller>-</caller> <user>-</user> <requestTime>${reqTime(q.ts)}</requestTime> <httpMethod>${q.method}</httpMethod> <resourcePath>${q.resource}</resourcePath> <status>${q.status}</status> <protocol>HTTP/1.1</protocol> <responseLength>${q.len}</responseLength> <responseLatency>${q.respLat}</responseLatency> <integrationLatency>${q.intLat}</integrationLatency> <integrationStatus>${q.intStatus}</integrationStatus> </request>`,
  }));
  b.put('logs/aws/apigateway/reports-api-prod.json.gz', gz(filterLogEvents(r, access, ['f0a8c5d2e6b4931a7c2e8d5f1b3a6c90'])));
  b.put(`logs/aws/lambda/${fn}.log`, tailLong(lambda));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const xmlFormat = '<request id="$context.requestId"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> <responseLatency>$context.responseLatency</responseLatency> <integrationLatency>$context.integrationLatency</integrationLatency> <integrationStatus>$context.integrationStatus</integrationStatus> </request>';
  b.json('api/stage.json', restStage({ stage, deploymentId: 'v3kq8a', logLevel: 'OFF', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/reports-api-prod`, format: xmlFormat, created: Date.UTC(2025, 10, 2, 9, 0, 0), updated: Date.UTC(2026, 3, 15, 16, 40, 12) }));
  const proxy50 = { ...proxyIntegration(region, fnArn), timeoutInMillis: 50000 };
  const proxy29 = { ...proxyIntegration(region, fnArn), timeoutInMillis: 29000 };
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: {
    '/health': { get: { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"status":"ok"}' } } }, passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
    '/reports': { post: proxy50 },
    '/reports/{reportId}': { get: proxy29 },
  } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'python3.12', handler: 'app.handler', memory: 2048, timeout: 60, lastModified: Date.UTC(2026, 3, 15, 16, 31, 5), env: { ATHENA_WORKGROUP: 'reports-prod', OUTPUT_BUCKET: `reports-prod-${account}` } }));
  const role = `arn:aws:sts::${account}:assumed-role/AWSReservedSSO_PlatformAdmin_5c1e2f3a4b6d7e8f/dana.kim@example.com`;
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: Date.UTC(2026, 3, 15, 16, 31, 5), eventName: 'UpdateFunctionConfiguration20150331v2', eventSource: 'lambda.amazonaws.com', user: 'dana.kim@example.com', userArn: role, region, account, resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: fn }], request: { functionName: fn, timeout: 60 }, userAgent: 'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/macos#24.3.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#lambda.update-function-configuration' }),
    cloudTrailEvent(r, { ms: Date.UTC(2026, 3, 15, 16, 38, 44), eventName: 'UpdateIntegration', eventSource: 'apigateway.amazonaws.com', user: 'dana.kim@example.com', userArn: role, region, account, resources: [], request: { restApiId: apiId, resourceId: 'k2x9qa', httpMethod: 'POST', patchOperations: [{ op: 'replace', path: '/timeoutInMillis', value: '50000' }] }, userAgent: 'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/macos#24.3.0 md/arch#arm64 lang/python#3.11.9 md/command#apigateway.update-integration' }),
    cloudTrailEvent(r, { ms: Date.UTC(2026, 3, 15, 16, 40, 12), eventName: 'CreateDeployment', eventSource: 'apigateway.amazonaws.com', user: 'dana.kim@example.com', userArn: role, region, account, resources: [{ ResourceType: 'AWS::ApiGateway::Deployment', ResourceName: 'v3kq8a' }], request: { restApiId: apiId, stageName: stage }, userAgent: 'aws-cli/2.17.20 md/command#apigateway.create-deployment' }),
  ] });
  const fail5 = perBucket(failing.map((q) => q.ts + 50_000), 300);
  const lastBucket = Math.floor((alarmMs - 300_000) / 300_000) * 300_000;
  b.json('alarm.json', snsAlarm({
    name: 'reports-api-prod-5xx', description: 'reports-api prod: 5XX errors', account, region, regionName: 'US East (Ohio)', ms: alarmMs,
    reason: reasonText([{ t: lastBucket, v: fail5.get(lastBucket) ?? 6 }], 5),
    trigger: snsTrigger('5XXError', { ApiName: apiName, Stage: stage }, 300, 1, 5), topic: `arn:aws:sns:${region}:${account}:reports-oncall`,
  }));
  const lat = new Map<number, number>();
  for (const q of reqs) {
    const bk = Math.floor(q.ts / 60_000) * 60_000;
    lat.set(bk, Math.max(lat.get(bk) ?? 0, q.respLat));
  }
  const f60 = perBucket(failing.map((q) => q.ts + 50_000), 60);
  b.json('metrics/apigateway-reports-api.json', metricData({
    queries: [
      { id: 'm5xx', namespace: 'AWS/ApiGateway', metric: '5XXError', dims: { ApiName: apiName, Stage: stage }, stat: 'Sum' },
      { id: 'mlat', namespace: 'AWS/ApiGateway', metric: 'IntegrationLatency', dims: { ApiName: apiName, Stage: stage }, stat: 'Maximum' },
    ],
    period: 60, start: Date.UTC(2026, 3, 21, 9, 50), end: Date.UTC(2026, 3, 21, 10, 22),
    values: (id, t) => (id === 'm5xx' ? (f60.get(t) ?? 0) : lat.get(t)),
  }));
  b.json('expected.json', {
    rootCause: 'integration-timeout',
    findings: ['integration-timeout'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `POST /reports has timeoutInMillis 50000 (a Regional API, raised through Service Quotas on 2026-04-15) and report-builder may run 60 s. From ${iso(onboard)} the new tenant globex asks for multi-year reports that run 51-76 s: API Gateway stops waiting at 50 s and answers 504 ({"message": "Endpoint request timed out"}, responseLatency ~50005). The function runs on: some invocations finish at 51-60 s (their result is thrown away), the others hit "Task timed out after 60.00 seconds" ten seconds AFTER the client got its 504. So the cause of the 504s is the gateway's 50 s integration timeout; lambda-timeout is a later consequence of some of the same requests and at most an alternative. Remediation should speak of 50 s (the configured timeout), not 29 s. Execution logging is OFF; nothing in the access log names the error, only status 504 + latency. ${failing.length} 504s in the window; the 404 WARNING lines of GET /reports/{reportId} are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `On 2026-04-15 the team raised the integration timeout of \`POST /reports\` to 50 s (Regional REST API, after a Service Quotas increase) and \`report-builder\`'s timeout to 60 s. From ${iso(onboard)} a newly onboarded tenant (globex) requests multi-year reports whose Athena queries take 51-76 s. API Gateway gives up at 50 s with 504; the function keeps running and either finishes late or hits its own 60 s timeout after the client already has its 504. SNS alarm at ${iso(alarmMs)} (period 300, 1 evaluation period).`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}, Regional endpoint. Lambda proxy to \`${fn}\` (Python 3.12, 2048 MB, timeout 60 s); \`POST /reports\` timeoutInMillis 50000, \`GET /reports/{reportId}\` 29000, \`GET /health\` MOCK. Expected: **integration-timeout**.`,
    files: [
      '`logs/aws/apigateway/reports-api-prod.json.gz`: gzipped `filter-log-events` of the access log. Format: the console\'s **XML** preset with `<responseLatency>`, `<integrationLatency>` and `<integrationStatus>` appended (`-` where API Gateway had no integration status: the 504s and the MOCK route). No error message or response type is logged.',
      '`logs/aws/lambda/report-builder.log`: `aws logs tail` (detailed) of the Python function: `[INFO]`/`[WARNING]` text lines, INIT_START on cold starts, `<ISO> <id> Task timed out after 60.00 seconds` and `REPORT ... Status: timeout` for the invocations that ran to 60 s.',
      '`api/stage.json` (`loggingLevel` OFF — no execution logs), `api/export.json` (OAS 3.0 with `timeoutInMillis` per method), `functions/report-builder.json` (Timeout 60), `metrics/apigateway-reports-api.json` (5XXError, IntegrationLatency Maximum ≈ 50 s), `changes/cloudtrail.json` (the 2026-04-15 UpdateFunctionConfiguration, UpdateIntegration timeoutInMillis 50000, CreateDeployment — context, not the trigger), `alarm.json` (SNS message, 5XXError, ApiName/Stage).',
    ],
    noise: 'Other tenants\' reports (3-24 s, 201), status polling with 404s and WARNING lines, the MOCK /health route, cold starts, requests after the alarm.',
    sources: [
      'Integration timeout above 29 s for Regional and private REST APIs: "Amazon API Gateway integration timeout limit increase beyond 29 seconds" (aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/), repost.aws QUlDTc_17EQ_mOJAhR3LHNDw (up to 300000 ms, Regional and private only), hashicorp/terraform-provider-aws#37859 (timeout_milliseconds range 50-300000); `timeoutInMillis` in `x-amazon-apigateway-integration`: API Gateway OpenAPI extensions reference.',
      'XML access-log preset `<request id="$context.requestId"> <extendedRequestId>… <responseLength>$context.responseLength</responseLength> </request>`: awsdocs set-up-access-logging.md (console examples), as recorded in shared/parsers/API_GATEWAY_LOG_SHAPES.md; `$context.responseLatency`, `$context.integrationLatency`, `$context.integrationStatus` and `-` for missing values: api-gateway-variables-for-access-logging.md.',
      '504 body `{"message": "Endpoint request timed out"}` (41 bytes) for INTEGRATION_TIMEOUT: API Gateway gateway-response defaults; DataBiosphere/azul#6284 (access log with `Endpoint request timed out` / `INTEGRATION_TIMEOUT`). That `$context.integrationStatus` is `-` and `$context.integrationLatency` ≈ the timeout for a 504 is NOT verified in a public sample.',
      'Python runtime text lines `[LEVEL]\\t<ISO>\\t<request id>\\t<message>`, `Task timed out after N.00 seconds`, `REPORT … Status: timeout`, INIT_START: AWS Lambda developer guide (python-logging, monitoring-cloudwatchlogs) and the team\'s bundles; `aws logs tail` output: awscli customizations/logs/tail.py.',
      'SNS alarm message shape (`Trigger.Dimensions` as `[{"value","name"}]`): CloudWatch alarm notification format, as in the first red team\'s bundles.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 2. rt2-rest-fn-timeout-10s-under-50s-integration
//    The converse of 1: Regional REST API with timeoutInMillis 50000 on every method, quote-engine
//    (Node.js 22, LogFormat JSON) with a 10 s timeout. The FX-rates provider slows down; the function
//    awaits it with no client timeout and is stopped by Lambda at 10 s: API Gateway quotes "Task timed
//    out after 10.00 seconds" and answers 502. Execution logs one stream per file (get-log-events with
//    nextForwardToken), access log = the console CSV preset with integration fields appended, Lambda
//    logs in the JSON log format (platform.report status "timeout").
//    Truth: lambda-timeout. Remediation must not cap the function at 29 s: the gateway waits 50.
// =============================================================================================

function bundleFnTimeoutUnderRaisedIntegration(): void {
  const r = rng(0x10b2);
  const name = 'rt2-rest-fn-timeout-10s-under-50s-integration';
  const b = new Bundle(name);
  const region = 'eu-west-1';
  const account = '731904552816';
  const apiId = 'q5w8e2r7t4';
  const apiName = 'pricing-api';
  const stage = 'live';
  const fn = 'quote-engine';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 8, 8, 15, 44, 5, 731);
  const win = windowOf(alarmMs, 60, 5);
  const slowFrom = Date.UTC(2026, 8, 8, 15, 31, 20);

  interface Req { ts: number; id: string; ext: string; method: string; resource: string; path: string; status: number; len: number; lambdaId: string; lat: number; outcome: 'ok' | 'timeout' | 'bad'; trace: string }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number }
  const envs: Env[] = [];
  for (let t = Date.UTC(2026, 8, 8, 15, 24, 30); t < Date.UTC(2026, 8, 8, 15, 47, 0); t += r.int(7000, 16000)) {
    const batch = r.chance(0.12);
    const route = batch ? { m: 'POST', res: '/quotes/batch' } : { m: 'POST', res: '/quotes' };
    const start = t + r.int(18, 35);
    let env = envs.find((e) => e.freeAt < start);
    let initMs: number | undefined;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0 };
      envs.push(env);
      initMs = 210 + r.next() * 140;
    }
    const s = env.stream;
    const id = r.uuid();
    const trace = traceIdAt(r, t);
    const slow = start > slowFrom && start < Date.UTC(2026, 8, 8, 15, 45, 30) && r.chance(0.62);
    const bad = !slow && r.chance(0.05);
    let t0 = start;
    if (initMs !== undefined) {
      lambda.push({ ts: start - 1, stream: s, msg: sysJson(start - 1, 'platform.initStart', { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'nodejs:22.v41', runtimeVersionArn: `arn:aws:lambda:${region}::runtime:${r.hex(64)}`, functionName: fn, functionVersion: '$LATEST', instanceId: r.hex(32), instanceMaxMemory: 1073741824 }) });
      t0 = start + Math.ceil(initMs);
      lambda.push({ ts: t0 - 1, stream: s, msg: sysJson(t0 - 1, 'platform.initReport', { initializationType: 'on-demand', phase: 'init', status: 'success', metrics: { durationMs: Math.round(initMs * 1000) / 1000 } }) });
    }
    lambda.push({ ts: t0, stream: s, msg: sysJson(t0, 'platform.start', { requestId: id, version: '$LATEST', tracing: { spanId: r.hex(16), type: 'X-Amzn-Trace-Id', value: `Root=${trace};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0` } }) });
    const items = batch ? r.int(20, 200) : r.int(1, 6);
    lambda.push({ ts: t0 + 2, stream: s, msg: nodeJson(t0 + 2, id, 'INFO', `Pricing ${items} line item(s) for account ${r.pick(['A-10293', 'A-20441', 'A-31877', 'A-40012', 'A-58820'])} in ${r.pick(['EUR', 'GBP', 'USD'])}`) });
    lambda.push({ ts: t0 + 4, stream: s, msg: nodeJson(t0 + 4, id, 'INFO', 'Fetching FX rates from https://fx.ratesfeed.example/v2/latest?base=EUR') });
    let end: number;
    let status = 'success';
    if (slow) {
      end = t0 + 10_000 + r.int(0, 3);
      status = 'timeout';
    } else if (bad) {
      const d = r.int(25, 60);
      lambda.push({ ts: t0 + d - 1, stream: s, msg: nodeJson(t0 + d - 1, id, 'WARN', `Rejecting quote: unknown SKU ${`SKU-${r.int(10000, 99999)}`}`) });
      end = t0 + d;
    } else {
      const d = (start > slowFrom && start < Date.UTC(2026, 8, 8, 15, 45, 30) ? r.int(3500, 9200) : r.int(90, 420)) + (batch ? r.int(200, 900) : 0);
      lambda.push({ ts: t0 + d - 2, stream: s, msg: nodeJson(t0 + d - 2, id, 'INFO', `Quote Q-${r.hex(8).toUpperCase()} priced (${items} items)`) });
      end = t0 + d;
    }
    const durationMs = Math.round((end - t0) * 1000 - r.int(0, 900)) / 1000;
    lambda.push({ ts: end + 1, stream: s, msg: sysJson(end + 1, 'platform.report', { requestId: id, metrics: { durationMs: status === 'timeout' ? 10000.0 : durationMs, billedDurationMs: status === 'timeout' ? 10000 : Math.ceil(durationMs + (initMs ?? 0)), memorySizeMB: 1024, maxMemoryUsedMB: r.int(118, 160), ...(initMs !== undefined ? { initDurationMs: Math.round(initMs * 1000) / 1000 } : {}) }, tracing: { spanId: r.hex(16), type: 'X-Amzn-Trace-Id', value: `Root=${trace};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0` }, status }) });
    env.freeAt = end + 3;
    const lat = end - t + r.int(4, 12);
    reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: route.m, resource: route.res, path: route.res, status: slow ? 502 : bad ? 422 : 200, len: slow ? 36 : bad ? 61 : r.int(240, 4200), lambdaId: id, lat, outcome: slow ? 'timeout' : bad ? 'bad' : 'ok', trace });
  }

  // Execution logs (INFO, no data trace), one file per stream, get-log-events output.
  const execReqs = reqs.map((q) => ({
    ts: q.ts,
    lines: restExecLines({
      id: q.id, ext: q.ext, apiId, stage, method: q.method, resource: q.resource, path: q.path, fnArn, region, ts: q.ts, latency: q.lat, lambdaId: q.lambdaId, status: q.status, dataTrace: false, trace: q.trace,
      outcome: q.outcome === 'timeout'
        ? { kind: 'unhandled', errorMessage: `RequestId: ${q.lambdaId} Error: Task timed out after 10.00 seconds`, body: `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ${q.lambdaId} Error: Task timed out after 10.00 seconds"}` }
        : { kind: 'ok', body: q.outcome === 'bad' ? '{"statusCode":422}' : '{"statusCode":200}' },
    }),
  }));
  const streams = [execStream(r), execStream(r), execStream(r), execStream(r)];
  for (const [s, evs] of execEvents(r, execReqs, streams)) b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}/${s}.json.gz`, gz(getLogEvents(r, evs)));

  // Access log: the console CSV preset + integration latency, Lambda's status and the function's status.
  const access: Ev[] = reqs.map((q) => ({
    ts: q.ts + q.lat + r.int(1, 3),
    stream: 'a1c3e5f7091b2d4f6a8c0e2b4d6f8a1c',
    msg: [r.pick(IPS), '-', '-', reqTime(q.ts), q.method, q.resource, 'HTTP/1.1', q.status, q.len, q.id, q.ext, q.lat - r.int(3, 8), 200, q.outcome === 'timeout' ? '-' : q.status].join(','),
  }));
  b.put('logs/aws/apigateway/pricing-api-live.json', filterLogEvents(r, access, ['a1c3e5f7091b2d4f6a8c0e2b4d6f8a1c']));
  b.put(`logs/aws/lambda/${fn}.json.gz`, gz(filterLogEvents(r, lambda, [...new Set(lambda.map((e) => e.stream))])));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const csv = '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId,$context.integration.latency,$context.integration.integrationStatus,$context.integration.status';
  b.json('api/stage.json', restStage({ stage, deploymentId: 'p8w2nd', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/pricing-api-live`, format: csv, tracing: false, created: Date.UTC(2025, 1, 12, 8, 0, 0), updated: Date.UTC(2026, 7, 28, 11, 5, 40) }));
  const integ = { ...proxyIntegration(region, fnArn), timeoutInMillis: 50000 };
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/quotes': { post: { ...integ } }, '/quotes/batch': { post: { ...integ } } } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs22.x', handler: 'dist/handler.quote', memory: 1024, timeout: 10, logFormat: 'JSON', lastModified: Date.UTC(2026, 7, 28, 10, 52, 9), env: { FX_URL: 'https://fx.ratesfeed.example/v2/latest', NODE_OPTIONS: '--enable-source-maps' } }));
  const f60 = perBucket(failing.map((q) => q.ts), 60);
  const buckets = [4, 3, 2, 1, 0].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - (k + 1) * 60_000);
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'pricing-api-live-5xx', description: 'pricing-api live 5XXError >= 2 for 5 minutes', account, region, ms: alarmMs,
    reason: reasonText(buckets.reverse().map((t) => ({ t, v: Math.max(2, f60.get(t) ?? 2) })), 2),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, startDate: `${iso(buckets[buckets.length - 1] ?? alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 60, recentDatapoints: buckets.map((t) => Math.max(2, f60.get(t) ?? 2)), threshold: 2.0, evaluatedDatapoints: buckets.map((t) => ({ timestamp: `${iso(t).slice(0, 23)}+0000`, sampleCount: 20, value: Math.max(2, f60.get(t) ?? 2) })) }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: { ApiName: apiName, Stage: stage } }, period: 60, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'lambda-timeout',
    findings: ['lambda-timeout'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `Every method has timeoutInMillis 50000 (raised for the batch route); quote-engine has a 10 s timeout. From ${iso(slowFrom)} the FX-rates feed answers slowly; the function awaits it without a client timeout and Lambda stops it at 10 s: platform.report status "timeout" (JSON log format, no "Task timed out" text line), API Gateway "Lambda execution failed with status 200 due to customer function error: RequestId: … Error: Task timed out after 10.00 seconds", 502, integration latency ~10 s — far below the gateway's 50 s. Truth: lambda-timeout. The remediation must not tell the reader to keep the function below 29 s (the gateway waits 50 s here); raising the timeout up to ~49 s or adding a client timeout on the FX call are both valid. ${failing.length} 502s in the window; 422s (unknown SKU, WARN) are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `\`pricing-api\` is a Regional REST API whose methods all have a 50 s integration timeout (raised for the batch route). \`quote-engine\` (Node.js 22, LogFormat JSON) has a 10 s timeout and fetches FX rates on every quote with no client timeout. From ${iso(slowFrom)} the FX feed answers in 3-15 s: quotes that wait past 10 s are stopped by Lambda and API Gateway answers 502. EventBridge alarm at ${iso(alarmMs)} (period 60, 5 evaluation periods).`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`live\`, ${region}; Lambda proxy (POST /quotes, POST /quotes/batch, timeoutInMillis 50000) to \`${fn}\`. Expected: **lambda-timeout**.`,
    files: [
      '`logs/API-Gateway-Execution-Logs_q5w8e2r7t4/live/<stream>.json.gz`: one gzipped `get-log-events` file per stream (with `nextForwardToken`/`nextBackwardToken`, no stream or group inside: the path names them). INFO, no data trace.',
      '`logs/aws/apigateway/pricing-api-live.json`: `filter-log-events`; the console **CSV** preset with `$context.integration.latency,$context.integration.integrationStatus,$context.integration.status` appended (Lambda\'s own status 200, then the function\'s status, `-` when the function returned none).',
      '`logs/aws/lambda/quote-engine.json.gz`: gzipped `filter-log-events` of a **JSON log format** function: `platform.initStart`/`initReport`/`start`/`report` system records and `{"timestamp","level","requestId","message"}` app records; timeouts end with `platform.report` `"status":"timeout"` and no text line.',
      '`api/stage.json` (CSV format), `api/export.json` (timeoutInMillis 50000), `functions/quote-engine.json` (Timeout 10, LoggingConfig JSON), `alarm.json` (EventBridge, 5XXError).',
    ],
    noise: 'Successful quotes (slower during the incident but under 10 s), 422s with WARN lines, cold starts (initStart/initReport), batch quotes.',
    sources: [
      'Regional REST integration timeout up to 300000 ms: aws.amazon.com what\'s-new 2024/06 (amazon-api-gateway-integration-timeout-limit-29-seconds), repost.aws QUlDTc_17EQ_mOJAhR3LHNDw.',
      'JSON-format timeout record `{"time":…,"type":"platform.report","record":{"requestId":…,"metrics":{"durationMs":5000.0,"billedDurationMs":5000,"memorySizeMB":128,"maxMemoryUsedMB":94},"status":"timeout"}}`: a public write-up quoting Lambda platform telemetry (found by searching `"type":"platform.report","record":{"requestId"`); `platform.start`/`initStart`/`initReport` fields: Lambda telemetry schema reference. That CloudWatch holds no separate "Task timed out" text under LogFormat JSON is our reading, not verified.',
      'Node.js JSON app line `{"timestamp","level","requestId","message"}`: AWS Lambda developer guide, nodejs-logging (JSON log format).',
      'Execution-log lines (`Lambda execution failed with status 200 due to customer function error: RequestId: … Error: Task timed out after 10.00 seconds. Lambda request id: …`, `X-Amz-Function-Error=Unhandled`): as in the team\'s REST bundles; the errorType `Sandbox.Timedout` body: the first red team\'s authorizer bundle sources.',
      'CSV preset: awsdocs set-up-access-logging.md (recorded in shared/parsers/API_GATEWAY_LOG_SHAPES.md); `$context.integration.integrationStatus` (Lambda\'s status) vs `$context.integration.status` (the function\'s): api-gateway-variables-for-access-logging.md.',
      '`get-log-events` output with `nextForwardToken` `f/…/s`: CloudWatch Logs API reference / CLI output.',
    ],
  }));
  b.write();
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

// =============================================================================================
// 3. rt2-http-json-logformat-timeout-widget-warn-noise
//    HTTP API, Node.js 20 with LogFormat JSON, 6 s timeout. A dashboard page load fires GET
//    /dashboards/{id} and 3-6 parallel GET /widgets/{id} in the same second; deleted widgets answer 404
//    after a WARN line. After a Redshift resize, dashboard queries hang and the function times out
//    (platform.report "status":"timeout", nothing else). The access log is the HTTP console's default
//    JSON (no integration request id, second-resolution requestTime), exported through Logs Insights
//    (rows newest first, @log "account:group", zone-less timestamps); Lambda logs one gzipped
//    get-log-events file per stream. No execution logs exist for HTTP APIs.
//    Truth: lambda-timeout on every failing request; time-only correlation must not hand the failing
//    requests the WARN invocations of their sibling widget requests.
// =============================================================================================

function bundleHttpJsonTimeoutWarnNoise(): void {
  const r = rng(0x3c33);
  const name = 'rt2-http-json-logformat-timeout-widget-warn-noise';
  const b = new Bundle(name);
  const region = 'ap-south-1';
  const account = '482910374655';
  const apiId = 'w2n6b8k3zt';
  const fn = 'analytics-api';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 4, 6, 12, 14, 27, 640);
  const win = windowOf(alarmMs, 60, 3);
  const resize = Date.UTC(2026, 4, 6, 11, 58, 30);
  const slowFrom = Date.UTC(2026, 4, 6, 12, 1, 0);

  interface Req { ts: number; id: string; route: string; path: string; method: string; status: number; len: number; end: number; ip: string }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number }
  const envs: Env[] = [];
  const invoke = (start: number, lines: (id: string, t0: number, push: (ts: number, msg: string) => void) => { end: number; status?: string }): void => {
    let env = envs.find((e) => e.freeAt < start);
    let initMs: number | undefined;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0 };
      envs.push(env);
      initMs = 260 + r.next() * 200;
    }
    const s = env.stream;
    let t0 = start;
    if (initMs !== undefined) {
      lambda.push({ ts: start, stream: s, msg: sysJson(start, 'platform.initStart', { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'nodejs:20.v52', runtimeVersionArn: `arn:aws:lambda:${region}::runtime:${r.hex(64)}`, functionName: fn, functionVersion: '$LATEST' }) });
      t0 = start + Math.ceil(initMs);
      lambda.push({ ts: t0 - 1, stream: s, msg: sysJson(t0 - 1, 'platform.initReport', { initializationType: 'on-demand', phase: 'init', status: 'success', metrics: { durationMs: Math.round(initMs * 1000) / 1000 } }) });
    }
    const id = r.uuid();
    lambda.push({ ts: t0, stream: s, msg: sysJson(t0, 'platform.start', { requestId: id, version: '$LATEST' }) });
    const out = lines(id, t0, (ts, msg) => lambda.push({ ts, stream: s, msg }));
    const dur = out.status === 'timeout' ? 6000.0 : Math.round((out.end - t0) * 1000 - r.int(0, 800)) / 1000;
    lambda.push({ ts: out.end, stream: s, msg: sysJson(out.end, 'platform.report', { requestId: id, metrics: { durationMs: dur, billedDurationMs: Math.ceil(dur + (initMs ?? 0)), memorySizeMB: 512, maxMemoryUsedMB: r.int(88, 131), ...(initMs !== undefined ? { initDurationMs: Math.round(initMs * 1000) / 1000 } : {}) }, status: out.status ?? 'success' }) });
    env.freeAt = out.end + 2;
  };

  const load = (t: number): void => {
    const dash = `d-${r.hex(6)}`;
    const widgets = Array.from({ length: r.int(3, 6) }, () => `w-${r.hex(6)}`);
    const ip = r.pick(IPS);
    // Widgets first or dashboard first: the browser fires them together.
    const dStart = t + r.int(40, 260);
    const slow = dStart > slowFrom && dStart < Date.UTC(2026, 4, 6, 12, 16, 30) && r.chance(0.5);
    let dEnd = dStart;
    invoke(dStart + r.int(6, 18), (id, t0, push) => {
      push(t0 + 3, nodeJson(t0 + 3, id, 'INFO', `Loading dashboard ${dash} (${widgets.length} widgets)`));
      push(t0 + 40, nodeJson(t0 + 40, id, 'INFO', `Redshift Data API statement ${r.uuid()} submitted for ${dash}`));
      if (slow) {
        dEnd = t0 + 6000 + r.int(1, 20);
        return { end: dEnd, status: 'timeout' };
      }
      const d = dStart > resize ? r.int(900, 4800) : r.int(380, 1400);
      push(t0 + d - 2, nodeJson(t0 + d - 2, id, 'INFO', `Dashboard ${dash} ready in ${d} ms`));
      dEnd = t0 + d;
      return { end: dEnd };
    });
    reqs.push({ ts: dStart, id: r.httpRequestId(), route: 'GET /dashboards/{dashboardId}', path: `/dashboards/${dash}`, method: 'GET', status: slow ? 500 : 200, len: slow ? 35 : r.int(1800, 9000), end: dEnd + r.int(5, 20), ip });
    for (const w of widgets) {
      const wStart = t + r.int(20, 300);
      const gone = r.chance(0.3);
      let wEnd = wStart;
      invoke(wStart + r.int(5, 15), (id, t0, push) => {
        const d = r.int(25, 140);
        if (gone) push(t0 + d - 2, nodeJson(t0 + d - 2, id, 'WARN', `Widget ${w} not found (deleted from dashboard ${dash}?)`));
        wEnd = t0 + d;
        return { end: wEnd };
      });
      reqs.push({ ts: wStart, id: r.httpRequestId(), route: 'GET /widgets/{widgetId}', path: `/widgets/${w}`, method: 'GET', status: gone ? 404 : 200, len: gone ? 29 : r.int(200, 1400), end: wEnd + r.int(4, 15), ip });
    }
    if (r.chance(0.5)) {
      const eStart = t + r.int(300, 900);
      let eEnd = eStart;
      invoke(eStart + 8, (id, t0, push) => {
        const d = r.int(12, 40);
        push(t0 + d - 1, nodeJson(t0 + d - 1, id, 'INFO', `Tracked ${r.int(1, 4)} event(s)`));
        eEnd = t0 + d;
        return { end: eEnd };
      });
      reqs.push({ ts: eStart, id: r.httpRequestId(), route: 'POST /events', path: '/events', method: 'POST', status: 202, len: 2, end: eEnd + 6, ip });
    }
  };
  for (let t = Date.UTC(2026, 4, 6, 11, 52, 0); t < Date.UTC(2026, 4, 6, 12, 17, 0); t += r.int(9000, 26000)) load(t);
  reqs.sort((a, c) => a.ts - c.ts);

  // Access log, default HTTP console JSON, exported with Logs Insights (newest first).
  const group = '/aws/vendedlogs/apigateway/insights-http-default';
  const access: Ev[] = reqs.map((q) => ({
    ts: q.end,
    stream: '$default',
    msg: `{ "requestId":"${q.id}", "ip": "${q.ip}", "requestTime":"${reqTime(q.ts)}", "httpMethod":"${q.method}","routeKey":"${q.route}", "status":"${q.status}","protocol":"HTTP/1.1", "responseLength":"${q.len}" }`,
  }));
  b.put('logs/aws/vendedlogs/apigateway/insights-http-default.json.gz', gz(insightsResults(r, access, { account, group, requestIdField: false, ingestion: false })));
  // Lambda logs: one gzipped get-log-events file per stream.
  const byStream = new Map<string, Ev[]>();
  for (const e of lambda) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
  for (const [s, evs] of byStream) {
    const fileName = s.replace(/\//g, '_').replace('[$LATEST]', '___LATEST_');
    b.put(`logs/aws/lambda/${fn}/${fileName}.json.gz`, gz(getLogEvents(r, evs)));
  }

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  b.json('api/stage.json', httpStage({ region, account, group, stage: '$default', deploymentId: 'b7q2xe', created: Date.UTC(2025, 8, 1, 7, 0, 0), updated: Date.UTC(2026, 4, 2, 9, 41, 3),
    format: '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }' }));
  b.json('api/export.json', httpExport({ title: 'insights-http', apiId, region, version: '2026-05-02 09:41:02UTC', routes: [
    { method: 'GET', path: '/dashboards/{dashboardId}', fnArn }, { method: 'GET', path: '/widgets/{widgetId}', fnArn }, { method: 'POST', path: '/events', fnArn },
  ] }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs20.x', handler: 'index.handler', memory: 512, timeout: 6, logFormat: 'JSON', lastModified: Date.UTC(2026, 4, 2, 9, 38, 51), env: { REDSHIFT_WORKGROUP: 'analytics', REDSHIFT_CLUSTER: 'analytics-ra3', DB: 'dash' } }));
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: resize, eventName: 'ResizeCluster', eventSource: 'redshift.amazonaws.com', user: 'priya.n', userArn: `arn:aws:sts::${account}:assumed-role/DataPlatformAdmin/priya.n`, region, account,
      resources: [{ ResourceType: 'AWS::Redshift::Cluster', ResourceName: 'analytics-ra3' }], request: { clusterIdentifier: 'analytics-ra3', nodeType: 'ra3.xlplus', numberOfNodes: 2, classic: false }, userAgent: 'console.amazonaws.com' }),
  ] });
  const f60 = perBucket(failing.map((q) => q.ts), 60);
  const buckets = [3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000);
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'insights-http-5xx', description: 'insights-http: 5xx >= 1 for 3 minutes', account, region, ms: alarmMs,
    reason: reasonText(buckets.map((t) => ({ t, v: Math.max(1, f60.get(t) ?? 1) })), 1),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, startDate: `${iso(buckets[0] ?? alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 60, recentDatapoints: buckets.map((t) => Math.max(1, f60.get(t) ?? 1)), threshold: 1.0, evaluatedDatapoints: buckets.map((t) => ({ timestamp: `${iso(t).slice(0, 23)}+0000`, sampleCount: 12, value: Math.max(1, f60.get(t) ?? 1) })) }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5xx', dimensions: { ApiId: apiId, Stage: '$default' } }, period: 60, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'lambda-timeout',
    findings: ['lambda-timeout'],
    failingRequests: failing.length,
    api: { id: apiId, stage: '$default', type: 'HTTP' },
    notes: `Redshift cluster analytics-ra3 was resized at ${iso(resize)}; from ${iso(slowFrom)} about half of GET /dashboards/{dashboardId} wait on the Redshift Data API until analytics-api (timeout 6 s, LogFormat JSON) is stopped: platform.report "status":"timeout", durationMs 6000.0; the HTTP API answers 500. Every one of the ${failing.length} failing requests is a dashboard timeout. The access log (HTTP console default JSON) has no integration request id and a second-resolution requestTime, and each page load starts the dashboard request together with 3-6 widget requests on the same function, 30% of which log a WARN ("Widget … not found") and answer 404: time-only correlation must prefer the invocation that failed like the request (a timeout of ~6 s matching the request's duration) over a WARN-only 404 invocation of a sibling request. All ${failing.length} should be lambda-timeout.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A data engineer resized the Redshift cluster behind the analytics dashboards at ${iso(resize)}. From ${iso(slowFrom)} dashboard queries hang; \`analytics-api\` (timeout 6 s) is stopped by Lambda on about half of the dashboard loads and the HTTP API answers 500. EventBridge alarm at ${iso(alarmMs)} (metric 5xx, period 60, 3 evaluation periods).`,
    api: `HTTP API \`insights-http\` (\`${apiId}\`), stage \`$default\`, ${region}; Lambda proxy (payload 2.0) for GET /dashboards/{dashboardId}, GET /widgets/{widgetId}, POST /events, all to \`${fn}\` (Node.js 20, LogFormat JSON). Expected: **lambda-timeout**.`,
    files: [
      '`logs/aws/vendedlogs/apigateway/insights-http-default.json.gz`: gzipped `get-query-results` (`fields @timestamp, @message, @logStream, @log`, `sort @timestamp desc`): rows **newest first**, `@timestamp` like `2026-05-06 12:04:37.296` (no zone), `@log` = `482910374655:/aws/vendedlogs/apigateway/insights-http-default`. Messages are the **HTTP console default JSON** (with the console\'s irregular spaces), no integration fields.',
      '`logs/aws/lambda/analytics-api/<date>___LATEST_<id>.json.gz`: one gzipped `get-log-events` file per log stream. JSON log format: `platform.initStart`, `platform.initReport`, `platform.start`, `platform.report` (`"status":"timeout"` on timeouts, `"success"` otherwise) and `{"timestamp","level","requestId","message"}` app records; WARN records for deleted widgets.',
      '`api/stage.json` (`apigatewayv2 get-stage`), `api/export.json` (`apigatewayv2 export`), `functions/analytics-api.json`, `changes/cloudtrail.json` (ResizeCluster), `alarm.json` (EventBridge, `5xx` with ApiId/Stage).',
    ],
    noise: 'Widget requests (30% are 404 with a WARN line, fired in the same second as the failing dashboard request), POST /events, dashboards that load slowly but in time, cold starts.',
    sources: [
      'HTTP API console default JSON access-log format `{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }`: API Gateway HTTP API logging docs (http-api-logging.md), elastic/integrations test-apigateway-http.log; HTTP API request id shape `Iq8dHhlwIAMEV_g=`: same.',
      'HTTP API 500 body `{"message":"Internal Server Error"}` (35 bytes) for a Lambda function error: HTTP API troubleshooting docs (http-api-troubleshooting-lambda.md).',
      'JSON-format timeout `platform.report` with `"status":"timeout"`: public platform-telemetry sample found by searching `"type":"platform.report","record":{"requestId"` (a write-up quoting `{"type":"platform.report","record":{"requestId":…,"metrics":{"durationMs":5000.0,…},"status":"timeout"}}`); platform record fields: Lambda telemetry schema reference. Node JSON app records: Lambda developer guide nodejs-logging.',
      'Logs Insights `get-query-results` rows with `@log` `account-id:log-group` and zone-less `@timestamp`: CloudWatch Logs Insights docs (discovered fields) and the contract; per-stream `get-log-events` output with tokens: CloudWatch Logs API reference.',
      'EventBridge "CloudWatch Alarm State Change" event with `detail.configuration.metrics[].metricStat`: CloudWatch alarm events documentation.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 4. rt2-rest-python-psycopg2-sg-handled-500
//    REST API, claims-service (Python 3.11, text format, in a VPC). A Terraform apply replaces the
//    database security group's ingress rules and drops the Lambda security group: warm containers
//    keep their open connection (tracked flows survive), new containers cannot connect: psycopg2
//    "could not connect to server: Connection timed out" after connect_timeout=5, logged with
//    logger.exception, and the handler returns 500 itself. Execution logs with data trace (gzipped
//    filter-log-events), access log = snake_case custom JSON (JSON Lines), Lambda logs = `aws logs tail
//    --format short` (no stream names; tracebacks continue on lines without a time), gzipped.
//    Truth: downstream-dependency-failure (alternative function-error-response).
// =============================================================================================

function bundlePsycopgHandled(): void {
  const r = rng(0x4d44);
  const name = 'rt2-rest-python-psycopg2-sg-handled-500';
  const b = new Bundle(name);
  const region = 'ca-central-1';
  const account = '219384756012';
  const apiId = 'c4v7b1n9m2';
  const apiName = 'claims-api';
  const stage = 'prod';
  const fn = 'claims-service';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const dbHost = 'claims-db.cqz8vxk2lq1n.ca-central-1.rds.amazonaws.com';
  const alarmMs = Date.UTC(2026, 1, 17, 8, 27, 3, 402);
  const win = windowOf(alarmMs, 60, 2);
  const sgChange = Date.UTC(2026, 1, 17, 8, 12, 41);

  interface Req { ts: number; id: string; ext: string; method: string; resource: string; path: string; status: number; len: number; lambdaId: string; lat: number; body: string; reqBody: string; trace: string }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number; connected: boolean }
  const envs: Env[] = [];
  const traceback = (): string => [
    'Traceback (most recent call last):',
    '  File "/var/task/app.py", line 57, in handler',
    '    conn = db.connection()',
    '  File "/var/task/claims/db.py", line 23, in connection',
    '    _conn = psycopg2.connect(DSN, connect_timeout=5)',
    '  File "/opt/python/psycopg2/__init__.py", line 122, in connect',
    '    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)',
    `psycopg2.OperationalError: could not connect to server: Connection timed out`,
    `\tIs the server running on host "${dbHost}" (10.20.3.41) and accepting`,
    '\tTCP/IP connections on port 5432?',
  ].join('\n');

  const busyFrom = Date.UTC(2026, 1, 17, 8, 14, 0);
  const arrivals: number[] = [];
  for (let t = Date.UTC(2026, 1, 17, 8, 7, 30); t < Date.UTC(2026, 1, 17, 8, 29, 0); t += r.int(8000, 16000)) {
    // Claims batches from the partner portal arrive as several parallel requests from 08:14 on.
    const burst = t > busyFrom && t < Date.UTC(2026, 1, 17, 8, 25, 30) && r.chance(0.45) ? r.int(3, 6) : 1;
    for (let k = 0; k < burst; k++) arrivals.push(t + k * r.int(20, 180));
  }
  arrivals.sort((a, c) => a - c);
  for (const t of arrivals) {
    const post = r.chance(0.35);
    const claimId = `CLM-${r.int(100000, 999999)}`;
    const start = t + r.int(20, 40);
    let env = envs.find((e) => e.freeAt < start);
    let cold = false;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0, connected: false };
      envs.push(env);
      cold = true;
    }
    const s = env.stream;
    const id = r.uuid();
    const trace = traceIdAt(r, t);
    let t0 = start;
    let initMs: number | undefined;
    if (cold) {
      initMs = 640 + r.next() * 300;
      lambda.push({ ts: start, stream: s, msg: initStartLine('python:3.11.v52', region, r) });
      t0 = start + Math.ceil(initMs);
    }
    lambda.push({ ts: t0, stream: s, msg: startLine(id) });
    lambda.push({ ts: t0 + 1, stream: s, msg: pyLine(t0 + 1, id, 'INFO', `${post ? 'POST /claims' : `GET /claims/${claimId}`} from ${r.pick(['adjuster-portal', 'mobile', 'partner:northshore'])}`) });
    let end: number;
    let status: number;
    let body: string;
    const canConnect = env.connected || start < sgChange;
    if (!canConnect) {
      const failAt = t0 + 5000 + r.int(2, 30);
      lambda.push({ ts: failAt, stream: s, msg: `${pyLine(failAt, id, 'ERROR', 'Could not open database connection').trimEnd()}\n${traceback()}\n` });
      end = failAt + r.int(2, 6);
      status = 500;
      body = '{"message": "Service temporarily unavailable, please retry"}';
    } else {
      if (!env.connected) {
        lambda.push({ ts: t0 + 30, stream: s, msg: pyLine(t0 + 30, id, 'INFO', `Connected to ${dbHost}:5432/claims as claims_app`) });
        env.connected = true;
      }
      const d = r.int(35, 220);
      const invalid = !post && r.chance(0.07);
      if (invalid) {
        lambda.push({ ts: t0 + d - 2, stream: s, msg: pyLine(t0 + d - 2, id, 'WARNING', `Claim ${claimId} not found`) });
        status = 404;
        body = `{"message": "Claim ${claimId} not found"}`;
      } else {
        status = post ? 201 : 200;
        body = post ? `{"claimId": "${claimId}", "status": "RECEIVED"}` : `{"claimId": "${claimId}", "status": "${r.pick(['RECEIVED', 'IN_REVIEW', 'APPROVED'])}"}`;
      }
      end = t0 + d;
    }
    lambda.push({ ts: end, stream: s, msg: endLine(id) });
    lambda.push({ ts: end, stream: s, msg: reportLine({ id, durationMs: end - t0 - r.next(), memory: 512, used: r.int(92, 118), ...(initMs !== undefined ? { initMs } : {}) }) });
    env.freeAt = end + 3;
    const lat = end - t + r.int(5, 14);
    const reqBody = post ? `{"policyNumber":"POL-${r.int(1000000, 9999999)}","incidentDate":"2026-02-${p2(r.int(1, 16))}","type":"${r.pick(['auto', 'home', 'travel'])}"}` : '';
    reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: post ? 'POST' : 'GET', resource: post ? '/claims' : '/claims/{claimId}', path: post ? '/claims' : `/claims/${claimId}`, status, len: body.length, lambdaId: id, lat, body, reqBody, trace });
  }

  const execReqs = reqs.map((q) => {
    const proxyBody = JSON.stringify({ statusCode: q.status, headers: { 'Content-Type': 'application/json' }, body: q.body });
    const lines = restExecLines({ id: q.id, ext: q.ext, apiId, stage, method: q.method, resource: q.resource, path: q.path, fnArn, region, ts: q.ts, latency: q.lat, lambdaId: q.lambdaId, status: q.status, dataTrace: true, trace: q.trace, outcome: { kind: 'ok', body: proxyBody } });
    return {
      ts: q.ts,
      lines: lines.map((l) => ({
        dt: l.dt,
        text: l.text
          .replace(/Method request body before transformations: .*/, `Method request body before transformations: ${q.reqBody}`)
          .replace(/User-Agent=partner-sync\/4\.2/, 'User-Agent=claims-portal/3.8 (+https://claims.example)')
          .replace('Method response body after transformations: {"ok":true}', `Method response body after transformations: ${q.body}`)
          .replace(/"path":"[^"]*","httpMethod"/, `"path":"${q.path}","httpMethod"`),
      })),
    };
  });
  const streams = [execStream(r), execStream(r), execStream(r), execStream(r), execStream(r)];
  const execAll: Ev[] = [];
  for (const evs of execEvents(r, execReqs, streams).values()) execAll.push(...evs);
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.json.gz`, gz(filterLogEvents(r, execAll, streams)));

  const access: Ev[] = reqs.map((q) => ({
    ts: q.ts + q.lat + r.int(1, 3),
    stream: 'c0ffee11d00d42a8b6e9f3a1c2d4e6f8',
    msg: JSON.stringify({ request_id: q.id, extended_request_id: q.ext, source_ip: r.pick(IPS), request_time: String(q.ts), http_method: q.method, resource_path: q.resource, status: String(q.status), response_length: String(q.len), integration_latency: String(q.lat - r.int(3, 9)), integration_status: String(q.status), endpoint_request_id: q.lambdaId, xray_trace_id: '-' }),
  }));
  b.put('logs/aws/apigateway/claims-api-prod-access.jsonl.gz', gz(jsonLines(access, 'plain')));
  b.put(`logs/aws/lambda/${fn}.log.gz`, gz(tailShort(lambda)));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const format = '{"request_id":"$context.requestId","extended_request_id":"$context.extendedRequestId","source_ip":"$context.identity.sourceIp","request_time":"$context.requestTimeEpoch","http_method":"$context.httpMethod","resource_path":"$context.resourcePath","status":"$context.status","response_length":"$context.responseLength","integration_latency":"$context.integrationLatency","integration_status":"$context.integration.status","endpoint_request_id":"$context.awsEndpointRequestId","xray_trace_id":"$context.xrayTraceId"}';
  b.json('api/stage.json', restStage({ stage, deploymentId: 'ce41za', logLevel: 'INFO', dataTrace: true, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/claims-api-prod-access`, format, created: Date.UTC(2024, 10, 4, 12, 0, 0), updated: Date.UTC(2026, 0, 29, 15, 2, 11) }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/claims': { post: proxyIntegration(region, fnArn) }, '/claims/{claimId}': { get: proxyIntegration(region, fnArn) } } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'python3.11', handler: 'app.handler', memory: 512, timeout: 15, vpc: true, lastModified: Date.UTC(2026, 0, 29, 14, 58, 40), env: { DB_HOST: dbHost, DB_NAME: 'claims', DB_SECRET_ARN: `arn:aws:secretsmanager:${region}:${account}:secret:claims/db-app-Xk29Qw` }, layers: [`arn:aws:lambda:${region}:${account}:layer:psycopg2-py311:4`] }));
  const tf = `arn:aws:sts::${account}:assumed-role/terraform-ci/atlantis-9f3c`;
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: sgChange - 1200, eventName: 'RevokeSecurityGroupIngress', eventSource: 'ec2.amazonaws.com', user: 'atlantis-9f3c', userArn: tf, region, account, resources: [{ ResourceType: 'AWS::EC2::SecurityGroup', ResourceName: 'sg-0c1d2e3f4a5b6c7d8' }],
      request: { groupId: 'sg-0c1d2e3f4a5b6c7d8', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, groups: { items: [{ groupId: 'sg-07a1b2c3d4e5f6a7b' }] } }] } }, response: { _return: true } }),
    cloudTrailEvent(r, { ms: sgChange, eventName: 'AuthorizeSecurityGroupIngress', eventSource: 'ec2.amazonaws.com', user: 'atlantis-9f3c', userArn: tf, region, account, resources: [{ ResourceType: 'AWS::EC2::SecurityGroup', ResourceName: 'sg-0c1d2e3f4a5b6c7d8' }],
      request: { groupId: 'sg-0c1d2e3f4a5b6c7d8', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, ipRanges: { items: [{ cidrIp: '10.20.64.0/20', description: 'reporting subnet' }] } }] } }, response: { _return: true } }),
  ] });
  const f60 = perBucket(failing.map((q) => q.ts), 60);
  const buckets = [2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000);
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'claims-api-prod-5xx', description: 'claims-api prod 5XXError', account, region, ms: alarmMs,
    reason: reasonText(buckets.map((t) => ({ t, v: Math.max(3, f60.get(t) ?? 3) })), 3),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, startDate: `${iso(buckets[0] ?? alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 60, recentDatapoints: buckets.map((t) => Math.max(3, f60.get(t) ?? 3)), threshold: 3.0, evaluatedDatapoints: buckets.map((t) => ({ timestamp: `${iso(t).slice(0, 23)}+0000`, sampleCount: 20, value: Math.max(3, f60.get(t) ?? 3) })) }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: { ApiName: apiName, Stage: stage } }, period: 60, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'downstream-dependency-failure',
    findings: ['downstream-dependency-failure'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `At ${iso(sgChange)} a Terraform apply replaced the ingress rules of the database security group, dropping the Lambda security group. Warm claims-service containers keep their established connection; every new container (more of them from 08:14 as traffic rises) fails psycopg2.connect after connect_timeout=5: "[ERROR] Could not open database connection" + traceback ending "psycopg2.OperationalError: could not connect to server: Connection timed out / Is the server running on host \\"${dbHost}\\" (10.20.3.41) …port 5432?", and the handler returns {"statusCode": 500} itself (API Gateway: Status 200 from Lambda, "Method completed with status: 500"). Truth: downstream-dependency-failure (the database is unreachable from the function), alternative function-error-response; the suspect change is the security-group pair in CloudTrail. ${failing.length} failing requests in the window.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A Terraform apply at ${iso(sgChange)} rewrote the ingress rules of the RDS PostgreSQL security group and left out the Lambda security group. Containers of \`${fn}\` that already had a connection keep working; new containers time out connecting (psycopg2, connect_timeout=5), log the exception and return 500. Traffic rises from 08:14, so more new containers fail. EventBridge alarm at ${iso(alarmMs)} (period 60, 2 of 2).`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}; Lambda proxy to \`${fn}\` (Python 3.11, text log format, VPC, psycopg2 layer). Expected: **downstream-dependency-failure** (alternative function-error-response).`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/prod.json.gz\`: gzipped \`filter-log-events\`, INFO **with data trace** (method request headers/body, endpoint response body \`{"statusCode": 500, …}\`).`,
      '`logs/aws/apigateway/claims-api-prod-access.jsonl.gz`: gzipped JSON Lines `{"timestamp","message"}`; the access-log format uses **snake_case keys** (`request_id`, `request_time` = `$context.requestTimeEpoch`, `integration_status` = `$context.integration.status`, `endpoint_request_id` = `$context.awsEndpointRequestId`, `xray_trace_id` = `-`).',
      `\`logs/aws/lambda/${fn}.log.gz\`: gzipped \`aws logs tail --format short\` (time without zone, no stream names, several containers interleaved); \`logger.exception\` tracebacks continue on lines that do not start with a time.`,
      '`api/stage.json`, `api/export.json`, `functions/claims-service.json` (VpcConfig, layer), `changes/cloudtrail.json` (RevokeSecurityGroupIngress / AuthorizeSecurityGroupIngress by the CI role), `alarm.json` (EventBridge).',
    ],
    noise: 'Successful claims from warm containers during the incident, 404 "Claim … not found" WARNING lines, cold starts before the change that connect fine, "Connected to …" INFO lines.',
    sources: [
      'psycopg2 (libpq < 14) message `could not connect to server: Connection timed out\\n\\tIs the server running on host "….rds.amazonaws.com" (34.246.133.146) and accepting\\n\\tTCP/IP connections on port 5432?`: hellno/kono_data#262 and #172 (Bugsnag reports of an RDS connection timeout); psycopg2 `connect` frame `psycopg2/__init__.py … conn = _connect(dsn, connection_factory=connection_factory, **kwasync)`: psycopg/psycopg2 lib/__init__.py.',
      'Python runtime text format `[ERROR]\\t<ISO>\\t<request id>\\t<message>` with `logger.exception` appending the traceback: Lambda developer guide python-logging; aws-lambda-python-runtime-interface-client (LambdaLoggerHandler format).',
      'Execution-log sequence with data trace (`Method request headers`, `Endpoint response body before transformations`, `Method response body after transformations`, `Method completed with status: 500` after a 200 from Lambda): repost.aws knowledge-center/api-gateway-logs and the team\'s REST bundles.',
      '`$context.awsEndpointRequestId`, `$context.requestTimeEpoch` (ms for REST), `$context.integration.status`: api-gateway-variables-for-access-logging.md; snake_case key styles (`request_id`, `resource_path`, `http_method`, `source_ip`): public stacks listed in shared/parsers/API_GATEWAY_LOG_SHAPES.md.',
      '`aws logs tail --format short` (`2026-02-17T08:14:03 <message>`): awscli customizations/logs/tail.py; security groups are stateful, so tracked connections outlive a rule removal: Amazon VPC security group docs ("Connection tracking").',
    ],
  }));
  b.write();
}

// =============================================================================================
// 5. rt2-rest-lambdalith-throttle-and-typeerror
//    REST API with a single ANY /{proxy+} Lambda proxy to a "Lambdalith" (Node.js 20 text format).
//    A flash sale: POST /orders meets DynamoDB ProvisionedThroughputExceededException, which the code
//    catches and answers 503; GET /orders/{id}/invoice (new code) throws TypeError on voucher orders
//    (no shipping) -> Invoke Error -> 502. Nearly equal counts. The access log is the console's CLF
//    preset (resourcePath is "/{proxy+}" for everything, no integration request id); execution
//    logging is OFF. Only the status (502 vs 503) and the Lambda logs tell the two apart.
//    Truth: findings [lambda-unhandled-error, downstream-dependency-failure] with the right counts.
// =============================================================================================

function bundleLambdalithTwoCauses(): void {
  const r = rng(0x5e55);
  const name = 'rt2-rest-lambdalith-throttle-and-typeerror';
  const b = new Bundle(name);
  const region = 'us-west-2';
  const account = '850316274901';
  const apiId = 'k3j7h1g5f9';
  const apiName = 'shop-api';
  const stage = 'prod';
  const fn = 'shop-monolith';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 10, 27, 12, 7, 52, 317);
  const win = windowOf(alarmMs, 60, 3);
  const saleStart = Date.UTC(2026, 10, 27, 12, 0, 0);
  const saleHot = Date.UTC(2026, 10, 27, 12, 9, 30);
  const deploy = Date.UTC(2026, 10, 27, 11, 52, 14);

  interface Req { ts: number; id: string; ext: string; method: string; path: string; status: number; len: number; lat: number; ip: string }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number }
  const envs: Env[] = [];
  const voucherOrders: string[] = [];
  const invoke = (start: number, body: (id: string, t0: number, push: (ts: number, msg: string) => void) => number): number => {
    let env = envs.find((e) => e.freeAt < start);
    let initMs: number | undefined;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0 };
      envs.push(env);
      initMs = 410 + r.next() * 260;
    }
    const s = env.stream;
    let t0 = start;
    if (initMs !== undefined) {
      lambda.push({ ts: start, stream: s, msg: initStartLine('nodejs:20.v52', region, r) });
      t0 = start + Math.ceil(initMs);
    }
    const id = r.uuid();
    lambda.push({ ts: t0, stream: s, msg: startLine(id) });
    const end = body(id, t0, (ts, msg) => lambda.push({ ts, stream: s, msg }));
    lambda.push({ ts: end, stream: s, msg: endLine(id) });
    lambda.push({ ts: end, stream: s, msg: reportLine({ id, durationMs: end - t0 - r.next(), memory: 1024, used: r.int(140, 196), ...(initMs !== undefined ? { initMs } : {}) }) });
    env.freeAt = end + 2;
    return end;
  };
  const ddbError = (): string => [
    'ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    '    at throwDefaultError (/var/task/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
    '    at /var/task/node_modules/@smithy/smithy-client/dist-cjs/index.js:876:5',
    '    at de_CommandError (/var/task/node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js:2298:14)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async /var/task/node_modules/@smithy/middleware-serde/dist-cjs/index.js:35:20',
    '    at async /var/task/node_modules/@smithy/core/dist-cjs/index.js:193:18',
    '    at async /var/task/node_modules/@smithy/middleware-retry/dist-cjs/index.js:320:38',
    '    at async createOrder (/var/task/src/orders.js:61:5)',
    '    at async route (/var/task/src/router.js:28:14) {',
    "  '$fault': 'client',",
    "  '$metadata': {",
    '    httpStatusCode: 400,',
    `    requestId: '${r.hex(4).toUpperCase()}${'ABCDEFGHIJKLMNOPQRSTUV0123456789'.charAt(r.int(0, 31))}QGJ9N2T6KV8M3P1R5S7U0W4Y6VJF66Q9ASUAAJG',`,
    '    extendedRequestId: undefined,',
    '    cfId: undefined,',
    '    attempts: 3,',
    '    totalRetryDelay: 161',
    '  },',
    "  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException'",
    '}',
  ].join('\n');

  const add = (ts: number, kind: 'list' | 'get' | 'order' | 'invoice' | 'cart'): void => {
    const start = ts + r.int(18, 40);
    const orderId = kind === 'invoice' && voucherOrders.length > 0 && r.chance(ts > saleStart ? 0.75 : 0.2) ? r.pick(voucherOrders) : `o-${r.hex(8)}`;
    let status = 200;
    let len = r.int(300, 2600);
    let method = 'GET';
    let path = '/products';
    let end = 0;
    if (kind === 'list') {
      path = r.pick(['/products', '/products?category=sale', '/products?category=audio']);
      end = invoke(start, (id, t0, push) => {
        const d = r.int(25, 120);
        push(t0 + d - 1, nodeLine(t0 + d - 1, id, 'INFO', `GET ${path} -> 200 (${r.int(8, 48)} items)`));
        return t0 + d;
      });
    } else if (kind === 'get') {
      const pid = `p-${r.int(1000, 9999)}`;
      path = `/products/${pid}`;
      const missing = r.chance(0.08);
      status = missing ? 404 : 200;
      len = missing ? 36 : r.int(400, 1200);
      end = invoke(start, (id, t0, push) => {
        const d = r.int(15, 70);
        if (missing) push(t0 + d - 1, nodeLine(t0 + d - 1, id, 'WARN', `Product ${pid} not found`));
        return t0 + d;
      });
    } else if (kind === 'cart') {
      method = 'PUT';
      path = `/carts/c-${r.hex(8)}`;
      const invalid = r.chance(0.1);
      status = invalid ? 400 : 200;
      len = invalid ? 52 : r.int(200, 700);
      end = invoke(start, (id, t0, push) => {
        const d = r.int(20, 90);
        if (invalid) push(t0 + d - 1, nodeLine(t0 + d - 1, id, 'WARN', 'Cart rejected: quantity must be between 1 and 10'));
        return t0 + d;
      });
    } else if (kind === 'order') {
      method = 'POST';
      path = '/orders';
      const hot = start > saleStart + 40_000 && start < saleHot;
      const throttled = hot && r.chance(0.5);
      const voucher = r.chance(ts > saleStart ? 0.55 : 0.1);
      status = throttled ? 503 : 201;
      len = throttled ? 42 : r.int(150, 260);
      end = invoke(start, (id, t0, push) => {
        push(t0 + 2, nodeLine(t0 + 2, id, 'INFO', `POST /orders items=${r.int(1, 4)} voucher=${voucher}`));
        if (throttled) {
          const d = r.int(160, 420);
          push(t0 + d - 1, nodeLine(t0 + d - 1, id, 'ERROR', `POST /orders failed ${ddbError()}`));
          return t0 + d;
        }
        const oid = `o-${r.hex(8)}`;
        if (voucher) voucherOrders.push(oid);
        const d = r.int(40, hot ? 260 : 120);
        push(t0 + d - 1, nodeLine(t0 + d - 1, id, 'INFO', `Order ${oid} created`));
        return t0 + d;
      });
    } else {
      method = 'GET';
      path = `/orders/${orderId}/invoice`;
      const isVoucher = voucherOrders.includes(orderId) && start > deploy;
      status = isVoucher ? 502 : 200;
      len = isVoucher ? 36 : r.int(2000, 9000);
      end = invoke(start, (id, t0, push) => {
        push(t0 + 2, nodeLine(t0 + 2, id, 'INFO', `GET /orders/${orderId}/invoice`));
        const d = r.int(30, 140);
        if (isVoucher) {
          const doc = { errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'lines')", stack: ["TypeError: Cannot read properties of undefined (reading 'lines')", '    at renderInvoice (/var/task/src/invoice.js:42:38)', '    at getInvoice (/var/task/src/invoice.js:17:10)', '    at async route (/var/task/src/router.js:28:14)', '    at async Runtime.handler (/var/task/src/index.js:9:12)'] };
          push(t0 + d - 1, nodeLine(t0 + d - 1, id, 'ERROR', `Invoke Error \t${JSON.stringify(doc)}`));
        }
        return t0 + d;
      });
    }
    reqs.push({ ts, id: r.uuid(), ext: r.extendedId(), method, path, status, len, lat: end - ts + r.int(4, 11), ip: r.pick(IPS) });
  };

  for (let t = Date.UTC(2026, 10, 27, 11, 50, 0); t < Date.UTC(2026, 10, 27, 12, 11, 0); ) {
    const sale = t > saleStart && t < saleHot;
    add(t, r.pick(sale ? (['order', 'order', 'order', 'invoice', 'invoice', 'list', 'get', 'cart'] as const) : (['list', 'list', 'get', 'get', 'cart', 'order', 'invoice'] as const)));
    t += sale ? r.int(1800, 5200) : r.int(6000, 12000);
  }
  reqs.sort((a, c) => a.ts - c.ts);

  const stream = 'e7b3a0c94f1d2e8b6a5c3d9f0e1b2a4c';
  const access: Ev[] = reqs.map((q) => ({
    ts: q.ts + q.lat,
    stream,
    msg: `${q.ip} - - [${reqTime(q.ts)}]"${q.method} /{proxy+} HTTP/1.1" ${q.status} ${q.len} ${q.id} ${q.ext}`,
  }));
  b.put('logs/aws/apigateway/shop-api-prod.log.gz', gz(tailLong(access)));
  b.put(`logs/aws/lambda/${fn}.json.gz`, gz(filterLogEvents(r, lambda, [...new Set(lambda.map((e) => e.stream))])));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const n502 = failing.filter((q) => q.status === 502).length;
  const n503 = failing.filter((q) => q.status === 503).length;
  const clf = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId';
  b.json('api/stage.json', restStage({ stage, deploymentId: 'hq3m1t', logLevel: 'OFF', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/shop-api-prod`, format: clf, created: Date.UTC(2025, 2, 3, 18, 0, 0), updated: Date.UTC(2026, 9, 30, 10, 12, 0) }));
  const proxy = proxyIntegration(region, fnArn);
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/': { 'x-amazon-apigateway-any-method': { ...proxy } }, '/{proxy+}': { 'x-amazon-apigateway-any-method': { ...proxy, requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' }, cacheKeyParameters: ['method.request.path.proxy'] } } } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs20.x', handler: 'src/index.handler', memory: 1024, timeout: 15, lastModified: deploy, env: { ORDERS_TABLE: 'orders', PRODUCTS_TABLE: 'products', NODE_ENV: 'production' } }));
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: deploy, eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com', user: 'GitHubActions', userArn: `arn:aws:sts::${account}:assumed-role/gha-shop-deploy/GitHubActions`, region, account, resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: fn }], request: { functionName: fn, publish: false, dryRun: false, s3Bucket: `shop-artifacts-${account}`, s3Key: 'shop-monolith/8f1c2ab.zip' }, userAgent: 'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 lang/python#3.12.6 md/command#lambda.update-function-code' }),
  ] });
  const wte = new Map<number, number>();
  for (const q of reqs.filter((x) => x.status === 503)) {
    const bk = Math.floor(q.ts / 60_000) * 60_000;
    wte.set(bk, (wte.get(bk) ?? 0) + 3);
  }
  b.json('metrics/dynamodb-orders.json', metricData({
    queries: [{ id: 'wte', namespace: 'AWS/DynamoDB', metric: 'WriteThrottleEvents', dims: { TableName: 'orders' }, stat: 'Sum' }, { id: 'pwcu', namespace: 'AWS/DynamoDB', metric: 'ProvisionedWriteCapacityUnits', dims: { TableName: 'orders' }, stat: 'Average' }],
    period: 60, start: Date.UTC(2026, 10, 27, 11, 50), end: Date.UTC(2026, 10, 27, 12, 11), values: (id, t) => (id === 'wte' ? (wte.get(t) ?? 0) : t > saleHot ? 40 : 10),
  }));
  const f60 = perBucket(failing.map((q) => q.ts), 60);
  const buckets = [3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000);
  b.json('alarm.json', snsAlarm({
    name: 'shop-api-prod-5xx', description: 'shop-api prod 5XXError >= 3 for 3 minutes', account, region, regionName: 'US West (Oregon)', ms: alarmMs,
    reason: reasonText(buckets.map((t) => ({ t, v: Math.max(3, f60.get(t) ?? 3) })), 3), trigger: snsTrigger('5XXError', { Stage: stage, ApiName: apiName }, 60, 3, 3), topic: `arn:aws:sns:${region}:${account}:shop-oncall`,
  }));
  const first = n502 >= n503 ? 'lambda-unhandled-error' : 'downstream-dependency-failure';
  const second = first === 'lambda-unhandled-error' ? 'downstream-dependency-failure' : 'lambda-unhandled-error';
  b.json('expected.json', {
    rootCause: first,
    findings: [first, second],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `Two causes on one function behind ANY /{proxy+} during the flash sale from ${iso(saleStart)}: ${n502} × 502 on GET /orders/{id}/invoice (the invoice code deployed at ${iso(deploy)} reads order.shipping.lines; voucher orders have no shipping: "Invoke Error \\t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'lines')"…}") and ${n503} × 503 on POST /orders (DynamoDB ProvisionedThroughputExceededException after 3 SDK attempts, caught and answered 503; WriteThrottleEvents > 0). The access log is the CLF preset: every request has resourcePath "/{proxy+}" and no integration request id; execution logging is OFF. A request can be tied to its invocation only by time and by its status (502 = the function threw, 503 = the function answered): lambda-unhandled-error should count ${n502}, downstream-dependency-failure ${n503}. 404/400 WARN lines are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A flash sale starts at ${iso(saleStart)}. POST /orders exceeds the provisioned write capacity of the DynamoDB table \`orders\`; the SDK gives up after 3 attempts and the order route answers 503. At the same time the invoice renderer deployed at ${iso(deploy)} throws a TypeError for voucher orders (no shipping address), so GET /orders/{id}/invoice fails with 502. Both routes live in the same function. SNS alarm at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}; \`ANY /\` and \`ANY /{proxy+}\` Lambda proxy to \`${fn}\` (Node.js 20, text log format, one router for every path). Expected: **${first}** and **${second}** (${n502} vs ${n503}).`,
    files: [
      '`logs/aws/apigateway/shop-api-prod.log.gz`: gzipped `aws logs tail` (detailed) of the access log in the console **CLF preset** — `[$context.requestTime]"$context.httpMethod $context.resourcePath …"` with no space after `]`; resourcePath is `/{proxy+}` for every request.',
      `\`logs/aws/lambda/${fn}.json.gz\`: gzipped \`filter-log-events\`, Node.js text format; \`console.error('POST /orders failed', err)\` prints the SDK v3 error with its stack and \`$metadata\`; the unhandled TypeError is the runtime's \`Invoke Error \\t{…}\` line.`,
      '`api/stage.json` (loggingLevel OFF, CLF format), `api/export.json` (ANY /{proxy+}), `functions/shop-monolith.json`, `metrics/dynamodb-orders.json` (WriteThrottleEvents), `changes/cloudtrail.json` (UpdateFunctionCode from GitHub Actions), `alarm.json` (SNS).',
    ],
    noise: 'Product listings and pages (404 WARN), cart updates (400 WARN), invoices of ordinary orders (200), orders created before the capacity ran out, cold starts during the spike.',
    sources: [
      'CLF preset (no space after `]`): awsdocs set-up-access-logging.md, recorded in shared/parsers/API_GATEWAY_LOG_SHAPES.md; `$context.resourcePath` is the resource template (`/{proxy+}`), not the request path: api-gateway-variables-for-access-logging.md.',
      'DynamoDB message "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API." and the SDK v3 error print (`$fault`, `$metadata.attempts`, `__type: com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException`, smithy-client `throwDefaultError` frames): DynamoDB error docs and aws/aws-sdk-js-v3 issues with pasted errors (searched "ProvisionedThroughputExceededException $metadata attempts").',
      'Node.js runtime `Invoke Error \\t{"errorType","errorMessage","stack":[…]}` line: aws-lambda-nodejs-runtime-interface-client (textErrorLogger), as in the team\'s Node bundles; TypeError text "Cannot read properties of undefined (reading \'lines\')": V8 (Node ≥ 16).',
      'A 502 for a function error and the function\'s own status passed through for Lambda proxy: API Gateway Lambda proxy integration docs.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 6. rt2-rest-java-snapstart-restore-timeout
//    REST API -> alias orders-java:live, Java 21 with SnapStart. Version 57 adds an afterRestore hook
//    that refreshes DB credentials from Secrets Manager; a network cleanup deleted the Secrets Manager
//    VPC endpoint two minutes earlier, so the hook hangs and every restore times out at 10 s
//    ("RESTORE_REPORT Restore Duration: … Status: timeout"). Invoke returns SnapStartTimeoutException
//    (408); API Gateway logs "Lambda invocation failed with status: 408" and answers 500. The failing
//    invocations never START: no Lambda request id in the function's log.
//    Truth: lambda-init-error (restore = the SnapStart start of an execution environment).
// =============================================================================================

function bundleSnapStartRestoreTimeout(): void {
  const r = rng(0x6a6a);
  const name = 'rt2-rest-java-snapstart-restore-timeout';
  const b = new Bundle(name);
  const region = 'eu-central-1';
  const account = '377104825630';
  const apiId = 's9d3f6g1h4';
  const apiName = 'orders-api';
  const stage = 'prod';
  const fn = 'orders-java';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}:live`;
  const alarmMs = Date.UTC(2026, 5, 3, 9, 49, 31, 27);
  const win = windowOf(alarmMs, 60, 3);
  const vpceDelete = Date.UTC(2026, 5, 3, 9, 37, 52);
  const publish = Date.UTC(2026, 5, 3, 9, 39, 40);
  const aliasSwitch = Date.UTC(2026, 5, 3, 9, 41, 58);
  const rtVersion = `arn:aws:lambda:${region}::runtime:${r.hex(64)}`;

  interface Req { ts: number; id: string; ext: string; method: string; resource: string; path: string; status: number; len: number; lambdaId: string; lat: number; failed: boolean; ip: string }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number }
  const envs56: Env[] = [];
  const log4j = (ms: number, id: string, level: string, cls: string, line: number, msg: string): string => `${iso(ms).slice(0, 19).replace('T', ' ')} ${id} ${level.padEnd(5)} ${cls}:${line} - ${msg}\n`;

  for (let t = Date.UTC(2026, 5, 3, 9, 31, 0); t < Date.UTC(2026, 5, 3, 9, 51, 0); t += r.int(6000, 15000)) {
    const post = r.chance(0.3);
    const oid = `o-${r.hex(8)}`;
    const start = t + r.int(15, 30);
    const lambdaId = r.uuid();
    if (start > aliasSwitch + 6000) {
      // Version 57: a new execution environment is restored for the request and the restore times out.
      const s = `2026/06/03/[57]${r.hex(32)}`;
      lambda.push({ ts: start, stream: s, msg: `RESTORE_START Runtime Version: java:21.v27\tRuntime Version ARN: ${rtVersion}\n` });
      lambda.push({ ts: start + 412, stream: s, msg: log4j(start + 412, '', 'INFO', 'DbCredentialsHook', 38, 'afterRestore: refreshing database credentials from secret prod/orders/aurora-app') });
      lambda.push({ ts: start + 10_000, stream: s, msg: 'RESTORE_REPORT Restore Duration: 10000.00 ms Status: timeout\n' });
      const lat = 10_000 + r.int(40, 160);
      reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: post ? 'POST' : 'GET', resource: post ? '/orders' : '/orders/{orderId}', path: post ? '/orders' : `/orders/${oid}`, status: 500, len: 36, lambdaId, lat, failed: true, ip: r.pick(IPS) });
      continue;
    }
    // Version 56, before the switch (and the few seconds the alias takes to propagate).
    let env = envs56.find((e) => e.freeAt < start);
    let restoreMs: number | undefined;
    if (!env) {
      env = { stream: `2026/06/03/[56]${r.hex(32)}`, freeAt: 0 };
      envs56.push(env);
      restoreMs = 380 + r.next() * 220;
      lambda.push({ ts: start, stream: env.stream, msg: `RESTORE_START Runtime Version: java:21.v27\tRuntime Version ARN: ${rtVersion}\n` });
      lambda.push({ ts: start + Math.ceil(restoreMs), stream: env.stream, msg: `RESTORE_REPORT Restore Duration: ${restoreMs.toFixed(2)} ms\n` });
    }
    const s = env.stream;
    const t0 = start + (restoreMs ? Math.ceil(restoreMs) + 2 : 0);
    lambda.push({ ts: t0, stream: s, msg: startLine(lambdaId, '56') });
    const d = r.int(18, post ? 160 : 90);
    const missing = !post && r.chance(0.08);
    lambda.push({ ts: t0 + d - 2, stream: s, msg: log4j(t0 + d - 2, lambdaId, missing ? 'WARN' : 'INFO', 'OrderHandler', missing ? 71 : 88, missing ? `Order ${oid} not found` : `${post ? 'POST /orders' : `GET /orders/${oid}`} -> ${post ? 201 : 200}`) });
    const end = t0 + d;
    lambda.push({ ts: end, stream: s, msg: endLine(lambdaId) });
    let rep = reportLine({ id: lambdaId, durationMs: d - r.next(), memory: 2048, used: r.int(180, 260) });
    if (restoreMs) rep = rep.replace(/\t\n$/, `\tRestore Duration: ${restoreMs.toFixed(2)} ms\tBilled Restore Duration: ${Math.ceil(restoreMs * 0.42)} ms\t\n`);
    lambda.push({ ts: end, stream: s, msg: rep });
    env.freeAt = end + 2;
    reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: post ? 'POST' : 'GET', resource: post ? '/orders' : '/orders/{orderId}', path: post ? '/orders' : `/orders/${oid}`, status: missing ? 404 : post ? 201 : 200, len: missing ? 41 : r.int(180, 900), lambdaId, lat: end - t + r.int(4, 10), failed: false, ip: r.pick(IPS) });
  }

  const execReqs = reqs.map((q) => ({
    ts: q.ts,
    lines: restExecLines({
      id: q.id, ext: q.ext, apiId, stage, method: q.method, resource: q.resource, path: q.path, fnArn, region, ts: q.ts, latency: q.lat, lambdaId: q.lambdaId, status: q.status, dataTrace: false,
      outcome: q.failed
        ? { kind: 'invoke-failed', lambdaStatus: 408, body: `{"Type":"User","message":"Lambda couldn't restore the snapshot within the timeout limit."}`, config: "Lambda couldn't restore the snapshot within the timeout limit.", errorType: 'SnapStartTimeoutException' }
        : { kind: 'ok', body: '{"statusCode":200}' },
    }),
  }));
  const streams = [execStream(r), execStream(r), execStream(r)];
  const execAll: Ev[] = [];
  for (const evs of execEvents(r, execReqs, streams).values()) execAll.push(...evs);
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.txt.gz`, gz(tailLong(execAll)));
  const access: Ev[] = reqs.map((q) => ({
    ts: q.ts + q.lat + 2,
    stream: 'b9e1c7a3d5f2048e6c1a9b3d7f5e2c80',
    msg: `{ "requestId":"${q.id}", "extendedRequestId":"${q.ext}","ip": "${q.ip}", "caller":"-", "user":"-", "requestTime":"${reqTime(q.ts)}", "httpMethod":"${q.method}", "resourcePath":"${q.resource}", "status":"${q.status}", "protocol":"HTTP/1.1", "responseLength":"${q.len}" }`,
  }));
  b.put('logs/aws/apigateway/orders-api-prod.json', filterLogEvents(r, access, ['b9e1c7a3d5f2048e6c1a9b3d7f5e2c80']));
  b.put(`logs/aws/lambda/${fn}.json.gz`, gz(filterLogEvents(r, lambda, [...new Set(lambda.map((e) => e.stream))])));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const json = '{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }';
  b.json('api/stage.json', restStage({ stage, deploymentId: 'w2r9ku', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/orders-api-prod`, format: json, created: Date.UTC(2025, 5, 1, 9, 0, 0), updated: Date.UTC(2026, 4, 20, 14, 3, 0) }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/orders': { post: proxyIntegration(region, fnArn) }, '/orders/{orderId}': { get: proxyIntegration(region, fnArn) } } }));
  const cfg = lambdaConfig(r, { name: fn, account, region, runtime: 'java21', handler: 'com.example.orders.OrderHandler::handleRequest', memory: 2048, timeout: 20, vpc: true, lastModified: publish - 95_000, env: { DB_SECRET_ID: 'prod/orders/aurora-app', JAVA_TOOL_OPTIONS: '-XX:+TieredCompilation -XX:TieredStopAtLevel=1' } }) as Record<string, unknown>;
  cfg['FunctionArn'] = `arn:aws:lambda:${region}:${account}:function:${fn}:57`;
  cfg['Version'] = '57';
  cfg['SnapStart'] = { ApplyOn: 'PublishedVersions', OptimizationStatus: 'On' };
  b.json(`functions/${fn}.json`, cfg);
  const ops = `arn:aws:sts::${account}:assumed-role/network-cleanup-automation/cleanup-run-2291`;
  const ci = `arn:aws:sts::${account}:assumed-role/orders-deploy/codebuild-orders-java`;
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: vpceDelete, eventName: 'DeleteVpcEndpoints', eventSource: 'ec2.amazonaws.com', user: 'cleanup-run-2291', userArn: ops, region, account, resources: [{ ResourceType: 'AWS::EC2::VPCEndpoint', ResourceName: 'vpce-0a7b3c9d1e5f24680' }], request: { DeleteVpcEndpointsRequest: { VpcEndpointId: { tag: 1, content: 'vpce-0a7b3c9d1e5f24680' } } }, response: { DeleteVpcEndpointsResponse: { unsuccessful: '', requestId: r.uuid() } }, userAgent: 'Boto3/1.34.120 md/Botocore#1.34.120 ua/2.0 os/linux#5.10.219-208.866.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.120' }),
    cloudTrailEvent(r, { ms: publish, eventName: 'PublishVersion20150331', eventSource: 'lambda.amazonaws.com', user: 'codebuild-orders-java', userArn: ci, region, account, resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: fn }], request: { functionName: fn, description: 'afterRestore: refresh DB credentials' }, response: { functionName: fn, version: '57', snapStart: { applyOn: 'PublishedVersions', optimizationStatus: 'On' } } }),
    cloudTrailEvent(r, { ms: aliasSwitch, eventName: 'UpdateAlias20150331', eventSource: 'lambda.amazonaws.com', user: 'codebuild-orders-java', userArn: ci, region, account, resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: fn }], request: { functionName: fn, name: 'live', functionVersion: '57' }, response: { aliasArn: fnArn, name: 'live', functionVersion: '57' } }),
  ] });
  const f60 = perBucket(failing.map((q) => q.ts), 60);
  const buckets = [3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000);
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'orders-api-prod-5xx', description: 'orders-api prod 5XXError', account, region, ms: alarmMs,
    reason: reasonText(buckets.map((t) => ({ t, v: Math.max(1, f60.get(t) ?? 1) })), 1),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, startDate: `${iso(buckets[0] ?? alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 60, recentDatapoints: buckets.map((t) => Math.max(1, f60.get(t) ?? 1)), threshold: 1.0, evaluatedDatapoints: buckets.map((t) => ({ timestamp: `${iso(t).slice(0, 23)}+0000`, sampleCount: 9, value: Math.max(1, f60.get(t) ?? 1) })) }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: { ApiName: apiName, Stage: stage } }, period: 60, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'lambda-init-error',
    findings: ['lambda-init-error'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `Version 57 of orders-java (SnapStart, published ${iso(publish)}, alias live switched at ${iso(aliasSwitch)}) adds an afterRestore hook that fetches DB credentials from Secrets Manager. The Secrets Manager interface endpoint was deleted at ${iso(vpceDelete)}; the function is in a VPC without NAT, so the hook hangs and every restore ends "RESTORE_REPORT Restore Duration: 10000.00 ms Status: timeout". Invoke returns SnapStartTimeoutException (HTTP 408, "Lambda couldn't restore the snapshot within the timeout limit."); API Gateway: "Lambda invocation failed with status: 408", "Execution failed due to configuration error: …", 500. The failing invocations never START: their Lambda request ids appear only in the execution log. Truth: lambda-init-error (the environment could not start; contract: "timeout during init"); not lambda-timeout, not integration-timeout, not api-gateway-internal. Suspect changes: DeleteVpcEndpoints and UpdateAlias. ${failing.length} 500s in the window.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `CodeBuild published \`${fn}\` version 57 at ${iso(publish)} (SnapStart on published versions) with a new CRaC afterRestore hook that refreshes the database credentials from Secrets Manager, and pointed alias \`live\` at it at ${iso(aliasSwitch)}. Two minutes before, a network-cleanup automation had deleted the VPC's Secrets Manager interface endpoint. The hook now hangs; each restore times out after 10 s, Lambda answers SnapStartTimeoutException and API Gateway returns 500 for every request. EventBridge alarm at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}; Lambda proxy to \`${fn}:live\` (Java 21, SnapStart, VPC, 2048 MB). Expected: **lambda-init-error**.`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/prod.txt.gz\`: gzipped \`aws logs tail\` (detailed) of the execution log, INFO without data trace: \`Received response. Status: 408\`, \`x-amzn-ErrorType=SnapStartTimeoutException\`, \`Lambda invocation failed with status: 408. Lambda request id: …\`, \`Execution failed due to configuration error: Lambda couldn't restore the snapshot within the timeout limit.\`, \`Method completed with status: 500\`.`,
      `\`logs/aws/lambda/${fn}.json.gz\`: gzipped \`filter-log-events\`; stream names carry the version (\`2026/06/03/[56]…\`, \`[57]…\`). Version 56: \`RESTORE_START\`/\`RESTORE_REPORT Restore Duration: … ms\`, START (\`Version: 56\`), log4j2 lines with the Lambda appender layout, REPORT with \`Restore Duration\`/\`Billed Restore Duration\`. Version 57: \`RESTORE_START\`, the hook's log line (no request id), \`RESTORE_REPORT Restore Duration: 10000.00 ms Status: timeout\` and nothing else.`,
      '`logs/aws/apigateway/orders-api-prod.json`: access log, console JSON preset. `api/stage.json`, `api/export.json` (URI with `:live`), `functions/orders-java.json` (`get-function-configuration --qualifier 57`: SnapStart PublishedVersions / On, VpcConfig), `changes/cloudtrail.json` (DeleteVpcEndpoints, PublishVersion, UpdateAlias), `alarm.json` (EventBridge).',
    ],
    noise: 'Successful requests on version 56 before the switch, 404 WARN lines, normal restores of version 56 environments.',
    sources: [
      '`RESTORE_REPORT Restore Duration: 1236.04 ms Status: timeout` and `… Status: error Error Type: Runtime.ExitError` for a failed Restore phase: AWS Lambda developer guide, lambda-runtime-environment ("Failure during the Restore phase"), found as a public copy (zh_cn) by searching "RESTORE_REPORT Restore Duration". `RESTORE_START Runtime Version: java:11.v21\\tRuntime Version ARN: …` and `RESTORE_REPORT Restore Duration: 511.25 ms` for healthy restores, stream names `2023/07/05/[56]374cd…` with the version: public `sam logs --tail` output (find_string "RESTORE_REPORT Restore Duration") and repost.aws "lambda snap start restore duration"; REPORT `Restore Duration`/`Billed Restore Duration`: Lambda snapstart-monitoring docs.',
      'SnapStartTimeoutException "Lambda couldn\'t restore the snapshot within the timeout limit." with `Status Code: 408`, after-restore hooks limited to 10 s, "Network connection and credentials issues can also cause Restore phase timeouts": Lambda snapstart-troubleshooting docs and botocore SnapStartTimeoutException reference.',
      'That API Gateway logs a Lambda invoke failure as `Lambda invocation failed with status: <code>. Lambda request id: …` followed by `Execution failed due to configuration error: <Lambda\'s message>` and answers 500: as for 429 throttles (DataBiosphere/azul#7470, "Execution failed due to configuration error: Rate Exceeded."). The exact lines for a 408 are NOT verified in a public sample.',
      'log4j2 Lambda appender layout `%d{yyyy-MM-dd HH:mm:ss} %X{AWSRequestId} %-5p %c{1}:%L - %m%n`: aws-lambda-java-libs aws-lambda-java-log4j2 README.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 7. rt2-rest-token-authorizer-null-policy
//    REST API with HTTP_PROXY integrations behind a TOKEN Lambda authorizer (Node.js 20, TTL 0).
//    Version 2 of the authorizer looks up the issuer in a map; tokens of the newly migrated tenant-b
//    issuer are not in it and the handler falls through to `return;`: Lambda returns null, API Gateway
//    logs "Authorizer result body before parsing: null", "Execution failed due to configuration error:
//    Could not parse policy", "AuthorizerConfigurationException" and answers 500. The authorizer's own
//    log shows only a WARN line and a normal REPORT (it did not crash). Access log: the Serverless
//    Framework's REST default "key: value" list, as JSON Lines in the Insights key style.
//    Truth: authorizer-error.
// =============================================================================================

function bundleAuthorizerNullPolicy(): void {
  const r = rng(0x7a77);
  const name = 'rt2-rest-token-authorizer-null-policy';
  const b = new Bundle(name);
  const region = 'us-west-2';
  const account = '566201938477';
  const apiId = 'f3k8j2l5p9';
  const apiName = 'fleet-api';
  const stage = 'v1';
  const authzFn = 'fleet-token-authz';
  const authzArn = `arn:aws:lambda:${region}:${account}:function:${authzFn}`;
  const authorizerId = '7tq2mz';
  const alarmMs = Date.UTC(2026, 2, 12, 13, 16, 44, 905);
  const win = windowOf(alarmMs, 300, 1);
  const deploy = Date.UTC(2026, 2, 12, 13, 2, 37);
  const backend = 'https://fleet-backend.fleetco.example';

  interface Req { ts: number; id: string; ext: string; method: string; resource: string; path: string; status: number; len: number; outcome: 'ok' | 'null' | 'deny'; authzLat: number; intLat: number; principal: string }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number; v2: boolean }
  const envs: Env[] = [];
  for (let t = Date.UTC(2026, 2, 12, 12, 58, 0); t < Date.UTC(2026, 2, 12, 13, 19, 0); t += r.int(9000, 19000)) {
    const post = r.chance(0.55);
    const vid = `VH-${r.int(10000, 99999)}`;
    const tenant = r.chance(0.32) ? 'tenant-b' : 'tenant-a';
    const expired = r.chance(0.05);
    const start = t + r.int(4, 9);
    // Environments of the old code are not reused after the deploy.
    let env = envs.find((e) => e.freeAt < start && e.v2 === start > deploy);
    let initMs: number | undefined;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0, v2: start > deploy };
      envs.push(env);
      initMs = 190 + r.next() * 120;
    }
    const s = env.stream;
    const id = r.uuid();
    let t0 = start;
    if (initMs !== undefined) {
      lambda.push({ ts: start, stream: s, msg: initStartLine('nodejs:20.v52', region, r) });
      t0 = start + Math.ceil(initMs);
    }
    lambda.push({ ts: t0, stream: s, msg: startLine(id) });
    const iss = `https://login.fleetco.example/${tenant}`;
    lambda.push({ ts: t0 + 2, stream: s, msg: nodeLine(t0 + 2, id, 'INFO', `Verifying bearer token iss=${iss} methodArn=arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/${post ? 'POST/telemetry' : `GET/vehicles/${vid}`}`) });
    let outcome: Req['outcome'];
    const d = r.int(9, 60);
    if (expired) {
      outcome = 'deny';
      lambda.push({ ts: t0 + d - 1, stream: s, msg: nodeLine(t0 + d - 1, id, 'WARN', 'Token rejected: jwt expired') });
    } else if (tenant === 'tenant-b' && start > deploy) {
      outcome = 'null';
      lambda.push({ ts: t0 + d - 1, stream: s, msg: nodeLine(t0 + d - 1, id, 'WARN', `No JWKS configured for issuer ${iss}; skipping verification`) });
    } else {
      outcome = 'ok';
      lambda.push({ ts: t0 + d - 1, stream: s, msg: nodeLine(t0 + d - 1, id, 'INFO', `Allow fleet-operator ${tenant}/${r.hex(6)} scopes=vehicles:read telemetry:write`) });
    }
    const end = t0 + d;
    lambda.push({ ts: end, stream: s, msg: endLine(id) });
    lambda.push({ ts: end, stream: s, msg: reportLine({ id, durationMs: d - r.next(), memory: 256, used: r.int(71, 88), ...(initMs !== undefined ? { initMs } : {}) }) });
    env.freeAt = end + 2;
    const authzLat = end - start + r.int(8, 20);
    const intLat = outcome === 'ok' ? r.int(30, 240) : 0;
    reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: post ? 'POST' : 'GET', resource: post ? '/telemetry' : '/vehicles/{vehicleId}', path: post ? '/telemetry' : `/vehicles/${vid}`, status: outcome === 'null' ? 500 : outcome === 'deny' ? 401 : post ? 202 : 200, len: outcome === 'null' ? 16 : outcome === 'deny' ? 26 : r.int(40, 900), outcome, authzLat, intLat, principal: `${tenant}/${r.hex(6)}` });
  }

  const execReqs = reqs.map((q) => {
    const lines: { dt: number; text: string }[] = [];
    const add = (dt: number, text: string): void => {
      lines.push({ dt, text: `(${q.id}) ${text}` });
    };
    add(0, `Extended Request Id: ${q.ext}`);
    add(1, `Starting authorizer: ${authorizerId} for request: ${q.id}`);
    add(1, `Incoming identity: ${'*'.repeat(r.int(40, 48))}${r.hex(6)}`);
    add(1, `Endpoint request URI: https://lambda.${region}.amazonaws.com/2015-03-31/functions/${authzArn}/invocations`);
    add(2, `Sending request to https://lambda.${region}.amazonaws.com/2015-03-31/functions/${authzArn}/invocations`);
    const back = q.authzLat;
    if (q.outcome === 'null') {
      add(back, 'Authorizer result body before parsing: null');
      add(back, 'Execution failed due to configuration error: Could not parse policy');
      add(back, 'AuthorizerConfigurationException');
      return { ts: q.ts, lines };
    }
    if (q.outcome === 'deny') {
      add(back, `Unauthorized request: ${q.id}`);
      return { ts: q.ts, lines };
    }
    add(back, `Authorizer result body before parsing: {"principalId":"${q.principal}","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/*"}]},"context":{"tenant":"${q.principal.split('/')[0] ?? ''}"}}`);
    add(back, `Using valid authorizer policy for principal: ${'*'.repeat(8)}${q.principal.slice(-4)}`);
    add(back, 'Successfully completed authorizer execution');
    add(back + 1, `Verifying Usage Plan for request: ${q.id}. API Key:  API Stage: ${apiId}/${stage}`);
    add(back + 1, `API Key  authorized because method '${q.method} ${q.resource}' does not require API Key. Request will not contribute to throttle or quota limits`);
    add(back + 1, `Usage Plan check succeeded for API Key  and API Stage ${apiId}/${stage}`);
    add(back + 1, `Starting execution for request: ${q.id}`);
    add(back + 1, `HTTP Method: ${q.method}, Resource Path: ${q.path}`);
    add(back + 2, `Endpoint request URI: ${backend}${q.path}`);
    add(back + 2, `Sending request to ${backend}${q.path}`);
    add(back + q.intLat, `Received response. Status: ${q.status}, Integration latency: ${q.intLat - 2} ms`);
    add(back + q.intLat + 1, 'Successfully completed execution');
    add(back + q.intLat + 1, `Method completed with status: ${q.status}`);
    return { ts: q.ts, lines };
  });
  const streams = [execStream(r), execStream(r), execStream(r), execStream(r)];
  const execAll: Ev[] = [];
  for (const evs of execEvents(r, execReqs, streams).values()) execAll.push(...evs);
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.json.gz`, gz(filterLogEvents(r, execAll, streams)));
  const access: Ev[] = reqs.map((q) => ({
    ts: q.ts + q.authzLat + q.intLat + 3,
    stream: 'd4c3b2a1908f7e6d5c4b3a2918f7e6d5',
    msg: `requestId: ${q.id}, ip: ${r.pick(IPS)}, caller: -, user: -, requestTime: ${reqTime(q.ts)}, httpMethod: ${q.method}, resourcePath: ${q.resource}, status: ${q.status}, protocol: HTTP/1.1, responseLength: ${q.len}`,
  }));
  b.put('logs/aws/api-gateway/fleet-api-v1.jsonl', jsonLines(access, 'insights'));
  b.put(`logs/aws/lambda/${authzFn}.json`, filterLogEvents(r, lambda, [...new Set(lambda.map((e) => e.stream))]));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  b.json('api/stage.json', restStage({ stage, deploymentId: 'nn4k2c', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/api-gateway/fleet-api-v1`, format: 'requestId: $context.requestId, ip: $context.identity.sourceIp, caller: $context.identity.caller, user: $context.identity.user, requestTime: $context.requestTime, httpMethod: $context.httpMethod, resourcePath: $context.resourcePath, status: $context.status, protocol: $context.protocol, responseLength: $context.responseLength', created: Date.UTC(2025, 6, 9, 10, 0, 0), updated: Date.UTC(2026, 1, 20, 9, 14, 0) }));
  const http = (p: string, m: string): Record<string, unknown> => ({ type: 'http_proxy', httpMethod: m, uri: `${backend}${p}`, passthroughBehavior: 'when_no_match', connectionType: 'INTERNET', timeoutInMillis: 29000, responses: { default: { statusCode: '200' } }, 'x-security': [{ 'fleet-token': [] }] });
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/telemetry': { post: http('/telemetry', 'POST') }, '/vehicles/{vehicleId}': { get: http('/vehicles/{vehicleId}', 'GET') } },
    securitySchemes: { 'fleet-token': { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'custom', 'x-amazon-apigateway-authorizer': { authorizerUri: lambdaUri(region, authzArn), authorizerResultTtlInSeconds: 0, type: 'token' } } } }));
  b.json(`functions/${authzFn}.json`, lambdaConfig(r, { name: authzFn, account, region, runtime: 'nodejs20.x', handler: 'authorizer.handler', memory: 256, timeout: 5, lastModified: deploy, env: { ISSUERS: 'https://login.fleetco.example/tenant-a', AUDIENCE: 'fleet-api' } }));
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: deploy, eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com', user: 'sam-deploy', userArn: `arn:aws:sts::${account}:assumed-role/fleet-pipeline-deploy/sam-deploy`, region, account, resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: authzFn }], request: { functionName: authzFn, s3Bucket: `aws-sam-cli-managed-default-samclisourcebucket-${r.hex(12)}`, s3Key: `fleet/${r.hex(32)}` }, userAgent: 'cloudformation.amazonaws.com' }),
  ] });
  const fail5 = perBucket(failing.map((q) => q.ts), 300);
  const lastBucket = Math.floor((alarmMs - 300_000) / 300_000) * 300_000;
  b.json('alarm.json', snsAlarm({
    name: 'fleet-api-v1-5xx', description: 'fleet-api v1 5XXError', account, region, regionName: 'US West (Oregon)', ms: alarmMs,
    reason: reasonText([{ t: lastBucket, v: fail5.get(lastBucket) ?? 10 }], 10), trigger: snsTrigger('5XXError', { ApiName: apiName, Stage: stage }, 300, 1, 10), topic: `arn:aws:sns:${region}:${account}:fleet-alerts`,
  }));
  b.json('expected.json', {
    rootCause: 'authorizer-error',
    findings: ['authorizer-error'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `The authorizer ${authzFn} deployed at ${iso(deploy)} keys JWKS by issuer; tenant-b's issuer is missing from ISSUERS and the handler falls through to \`return;\` (WARN "No JWKS configured for issuer …; skipping verification", REPORT normal — no crash, no timeout). Lambda returns null; API Gateway: "Authorizer result body before parsing: null", "Execution failed due to configuration error: Could not parse policy", "AuthorizerConfigurationException", 500 (16-byte {"message":null}). The integrations are HTTP_PROXY: no Lambda integration exists, the only function is the authorizer. Truth: authorizer-error (an invalid, null, policy); the remediation should point at the authorizer's return value. 401s (expired tokens) are noise. ${failing.length} failing requests in the window.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `SAM deployed a new \`${authzFn}\` at ${iso(deploy)} that verifies tokens with a per-issuer JWKS map. Tenant-b (migrated to its own issuer the same week) is missing from the map, and for those tokens the handler returns nothing. API Gateway cannot parse a null policy and answers 500 to about a third of the requests. SNS alarm at ${iso(alarmMs)} (period 300, 1 period).`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`v1\`, ${region}; HTTP_PROXY integrations (GET /vehicles/{vehicleId}, POST /telemetry) behind a TOKEN Lambda authorizer \`${authorizerId}\` → \`${authzFn}\` (Node.js 20, TTL 0). Expected: **authorizer-error**.`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/v1.json.gz\`: gzipped \`filter-log-events\`, INFO: the authorizer sequence (\`Starting authorizer\`, \`Incoming identity\`, \`Authorizer result body before parsing: null\`, \`Execution failed due to configuration error: Could not parse policy\`, \`AuthorizerConfigurationException\`) and, for the others, the HTTP backend call.`,
      '`logs/aws/api-gateway/fleet-api-v1.jsonl`: JSON Lines in the **Insights key style** (`{"@timestamp": "2026-03-12 13:04:37.296", "@message": …, "@logStream": …}`, zone-less times); messages in the **Serverless Framework REST default** format `requestId: …, ip: …, caller: -, user: -, requestTime: …, httpMethod: …, resourcePath: …, status: …, protocol: …, responseLength: …`.',
      `\`logs/aws/lambda/${authzFn}.json\`: \`filter-log-events\`, Node.js text format; WARN lines for tenant-b and expired tokens.`,
      '`api/stage.json`, `api/export.json` (TOKEN authorizer in `components.securitySchemes`, `http_proxy` integrations), `functions/fleet-token-authz.json`, `changes/cloudtrail.json` (UpdateFunctionCode by CloudFormation), `alarm.json` (SNS).',
    ],
    noise: 'tenant-a traffic that is authorized and proxied, 401s for expired tokens (`Unauthorized request`), cold starts after the deploy, requests before the deploy.',
    sources: [
      '`Authorizer result body before parsing: null` / `Execution failed due to configuration error: Could not parse policy` / `AuthorizerConfigurationException` for an authorizer that returned nothing: ExpanseLLC/lambda_authorizer#1 ("caused when … apigateway expected a returned policy document but (erroneously) received null"); AuthorizerConfigurationException for non-policy returns: serverless/examples#305, aws/aws-lambda-rust-runtime#863. The `{"message":null}` 500 body: loige.co "Debugging custom ApiGateway authorizers".',
      '`Starting authorizer: … for request: …`, `Incoming identity`, `Using valid authorizer policy for principal`, `Successfully completed authorizer execution`, `Unauthorized request: …`: repost.aws knowledge-center/api-gateway-logs and the first red team\'s authorizer bundle.',
      'Serverless Framework REST access-log default (`requestId: $context.requestId, ip: $context.identity.sourceIp, caller: …`): serverless/serverless lib/plugins/aws/package/compile/events/api-gateway/lib/hack/update-stage.js, recorded in shared/parsers/API_GATEWAY_LOG_SHAPES.md.',
      'Node.js text format and START/END/REPORT: Lambda developer guide (nodejs-logging, monitoring-cloudwatchlogs).',
    ],
  }));
  b.write();
}

// =============================================================================================
// 8. rt2-rest-prod-alarm-only-staging-logs
//    The alarm is on orders-api / prod. Prod has execution logging OFF and no access logging; the
//    collector picked up what the account had: the staging stage's execution log group, staging's own
//    access-log group (console JSON preset, no stage field in the records) and the staging function's
//    logs, where a QA load test is hitting a malformed-proxy-response bug at the same time. Only the
//    prod 5XXError metric speaks about prod.
//    Truth: insufficient-evidence for prod (logging off); every staging failure is out of scope —
//    including the access-log records, whose request ids are those of the staging execution log.
// =============================================================================================

function bundleProdAlarmStagingLogs(): void {
  const r = rng(0x8b88);
  const name = 'rt2-rest-prod-alarm-only-staging-logs';
  const b = new Bundle(name);
  const region = 'eu-west-2';
  const account = '905612387441';
  const apiId = 'm1x5c8v2b6';
  const apiName = 'orders-api';
  const alarmMs = Date.UTC(2026, 6, 22, 16, 42, 10, 551);
  const win = windowOf(alarmMs, 60, 5);
  const stFn = 'orders-fn-staging';
  const stArn = `arn:aws:lambda:${region}:${account}:function:${stFn}`;
  const loadTest = Date.UTC(2026, 6, 22, 16, 26, 0);

  interface Req { ts: number; id: string; ext: string; method: string; resource: string; path: string; status: number; len: number; lambdaId: string; lat: number; malformed: boolean }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  interface Env { stream: string; freeAt: number }
  const envs: Env[] = [];
  for (let t = Date.UTC(2026, 6, 22, 16, 20, 0); t < Date.UTC(2026, 6, 22, 16, 45, 0); t += (t > loadTest ? r.int(6000, 13000) : r.int(20000, 45000))) {
    const post = t > loadTest ? r.chance(0.6) : r.chance(0.3);
    const start = t + r.int(15, 30);
    let env = envs.find((e) => e.freeAt < start);
    let initMs: number | undefined;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0 };
      envs.push(env);
      initMs = 300 + r.next() * 200;
    }
    const s = env.stream;
    const id = r.uuid();
    let t0 = start;
    if (initMs !== undefined) {
      lambda.push({ ts: start, stream: s, msg: initStartLine('nodejs:22.v12', region, r) });
      t0 = start + Math.ceil(initMs);
    }
    lambda.push({ ts: t0, stream: s, msg: startLine(id) });
    const oid = `o-${r.hex(8)}`;
    lambda.push({ ts: t0 + 2, stream: s, msg: nodeLine(t0 + 2, id, 'INFO', `${post ? 'POST /orders' : `GET /orders/${oid}`} (qa-loadtest=${t > loadTest})`) });
    // The staging build returns body as an object on POST (a bug fixed only in prod's version).
    const malformed = post;
    const d = r.int(30, 140);
    const end = t0 + d;
    lambda.push({ ts: end, stream: s, msg: endLine(id) });
    lambda.push({ ts: end, stream: s, msg: reportLine({ id, durationMs: d - r.next(), memory: 512, used: r.int(80, 101), ...(initMs !== undefined ? { initMs } : {}) }) });
    env.freeAt = end + 2;
    reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: post ? 'POST' : 'GET', resource: post ? '/orders' : '/orders/{orderId}', path: post ? '/orders' : `/orders/${oid}`, status: malformed ? 502 : 200, len: malformed ? 36 : r.int(200, 800), lambdaId: id, lat: end - t + r.int(4, 10), malformed });
  }
  const execReqs = reqs.map((q) => {
    const base = restExecLines({ id: q.id, ext: q.ext, apiId, stage: 'staging', method: q.method, resource: q.resource, path: q.path, fnArn: stArn, region, ts: q.ts, latency: q.lat, lambdaId: q.lambdaId, status: q.malformed ? 502 : 200, dataTrace: false, outcome: { kind: 'ok', body: '{}' } });
    if (!q.malformed) return { ts: q.ts, lines: base };
    // Malformed proxy response: the lines up to "Endpoint response headers", then the failure.
    const cut = base.findIndex((l) => l.text.includes('Endpoint response headers:'));
    const lines = base.slice(0, cut + 1);
    const dt = lines[lines.length - 1]?.dt ?? 0;
    lines.push({ dt: dt + 1, text: `(${q.id}) Execution failed due to configuration error: Malformed Lambda proxy response` });
    lines.push({ dt: dt + 1, text: `(${q.id}) Method completed with status: 502` });
    return { ts: q.ts, lines };
  });
  const streams = [execStream(r), execStream(r), execStream(r)];
  const execAll: Ev[] = [];
  for (const evs of execEvents(r, execReqs, streams).values()) execAll.push(...evs);
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/staging.json.gz`, gz(filterLogEvents(r, execAll, streams)));
  const access: Ev[] = reqs.map((q) => ({
    ts: q.ts + q.lat + 2,
    stream: '0a9b8c7d6e5f40312a3b4c5d6e7f8091',
    msg: `{ "requestId":"${q.id}", "extendedRequestId":"${q.ext}","ip": "10.40.${r.int(1, 9)}.${r.int(10, 250)}", "caller":"-", "user":"-", "requestTime":"${reqTime(q.ts)}", "httpMethod":"${q.method}", "resourcePath":"${q.resource}", "status":"${q.status}", "protocol":"HTTP/1.1", "responseLength":"${q.len}" }`,
  }));
  b.put('logs/aws/apigateway/orders-api-staging-access.json', filterLogEvents(r, access, ['0a9b8c7d6e5f40312a3b4c5d6e7f8091']));
  b.put(`logs/aws/lambda/${stFn}.json.gz`, gz(filterLogEvents(r, lambda, [...new Set(lambda.map((e) => e.stream))])));

  // Prod: execution logging OFF, no access logging. Only the metric knows.
  b.json('api/stage.json', restStage({ stage: 'prod', deploymentId: 'a7c2k9', logLevel: 'OFF', dataTrace: false, created: Date.UTC(2025, 0, 14, 9, 0, 0), updated: Date.UTC(2026, 6, 1, 11, 0, 0) }));
  const prodFailTimes: number[] = [];
  for (let t = Date.UTC(2026, 6, 22, 16, 33, 20); t < Date.UTC(2026, 6, 22, 16, 43, 0); t += r.int(15000, 45000)) prodFailTimes.push(t);
  const pf = perBucket(prodFailTimes, 60);
  const inWin = prodFailTimes.filter((t) => t >= win.start && t <= win.end).length;
  b.json('metrics/apigateway-prod.json', metricData({
    queries: [{ id: 'e5', namespace: 'AWS/ApiGateway', metric: '5XXError', dims: { ApiName: apiName, Stage: 'prod' }, stat: 'Sum' }, { id: 'cnt', namespace: 'AWS/ApiGateway', metric: 'Count', dims: { ApiName: apiName, Stage: 'prod' }, stat: 'Sum' }],
    period: 60, start: Date.UTC(2026, 6, 22, 16, 20), end: Date.UTC(2026, 6, 22, 16, 46), values: (id, t) => (id === 'e5' ? (pf.get(t) ?? 0) : 140 + r.int(0, 60)),
  }));
  const buckets = [5, 4, 3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000);
  b.json('alarm.json', snsAlarm({
    name: 'orders-api-prod-5xx', description: 'orders-api prod: any 5XX for 5 minutes', account, region, regionName: 'EU (London)', ms: alarmMs,
    reason: reasonText(buckets.map((t) => ({ t, v: Math.max(1, pf.get(t) ?? 1) })), 1), trigger: snsTrigger('5XXError', { Stage: 'prod', ApiName: apiName }, 60, 5, 1), topic: `arn:aws:sns:${region}:${account}:orders-oncall`,
  }));
  b.json('expected.json', {
    rootCause: 'insufficient-evidence',
    findings: [],
    failingRequests: inWin,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `The alarm names orders-api / prod. Prod logs nothing (get-stage: loggingLevel OFF, no accessLogSettings); its 5XXError metric counts ${inWin} failures in the window — that is all the bundle knows about prod. Every log in the bundle is staging's: API-Gateway-Execution-Logs_${apiId}/staging (a QA load test from ${iso(loadTest)} hitting "Malformed Lambda proxy response" on POST /orders, 502), staging's access-log group (console JSON preset: no stage or api id field in the records; their request ids are exactly those of the staging execution log) and orders-fn-staging's logs. None of it is evidence for prod: the diagnosis should be insufficient-evidence (turn on prod execution/access logging), say in gaps that the staging logs were set aside, and not report malformed-proxy-response or count the staging 502s as prod failures.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `The SNS alarm \`orders-api-prod-5xx\` fired at ${iso(alarmMs)}. Prod has no execution or access logging; the on-call engineer collected every log group of the API and the function it could find — all of them staging's, where a QA load test (from ${iso(loadTest)}) hits a known malformed-proxy-response bug at the same time. Only the prod 5XXError metric speaks about prod.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stages \`prod\` (alarmed, no logging) and \`staging\` (logged), ${region}; Lambda proxy. Expected: **insufficient-evidence** (failing count from the prod metric).`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/staging.json.gz\`: staging's execution log (INFO), with \`Execution failed due to configuration error: Malformed Lambda proxy response\` / \`Method completed with status: 502\`.`,
      '`logs/aws/apigateway/orders-api-staging-access.json`: staging\'s access-log group, console JSON preset (no `stage`/`apiId` fields) — the group name is the only hint, and the request ids match the staging execution log.',
      `\`logs/aws/lambda/${stFn}.json.gz\`: the staging function's log (gzipped \`filter-log-events\`) (nothing failure-like in it: the function returned normally).`,
      '`api/stage.json`: `get-stage --stage-name prod` (loggingLevel OFF, no accessLogSettings). `metrics/apigateway-prod.json`: 5XXError and Count for ApiName/Stage prod. `alarm.json`: SNS message (5XXError, Stage prod).',
    ],
    noise: 'Everything in logs/ is out of scope: staging traffic before and during the load test, GET 200s, POST 502s.',
    sources: [
      'Execution log group name `API-Gateway-Execution-Logs_{rest-api-id}/{stage_name}`: API Gateway developer guide, set-up-logging.md ("the log group is named …").',
      '`Execution failed due to configuration error: Malformed Lambda proxy response` + `Method completed with status: 502`: API Gateway Lambda proxy troubleshooting (repost.aws knowledge-center/malformed-502-api-gateway), as in the team\'s rest-malformed-proxy-response bundle.',
      'REST console JSON preset (no stage field unless `$context.stage` is added): awsdocs set-up-access-logging.md, recorded in shared/parsers/API_GATEWAY_LOG_SHAPES.md.',
      'get-stage output with methodSettings `*/*` loggingLevel OFF and no accessLogSettings: API Gateway GetStage reference; SNS alarm message: CloudWatch alarm notification format.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 9. rt2-rest-account-concurrency-exhausted-error-level
//    A data team raises a Kinesis event source mapping's ParallelizationFactor for a ledger backfill;
//    ledger-backfill takes the whole unreserved account concurrency (1000). payment-intents (no
//    reserved concurrency) behind a REST API is throttled on ~40% of requests. Execution logs at
//    ERROR level only; the access log is an "every variable" snake_case JSON (integration_error
//    "Execution failed due to configuration error: Rate Exceeded.", error_responseType
//    INTEGRATION_FAILURE) printed with `aws logs tail --format short`; Lambda logs from Logs Insights.
//    Metrics: the function's Throttles and the account's ConcurrentExecutions at 1000.
//    Truth: lambda-throttled — at the account level (another function), not a reserved-concurrency cap.
// =============================================================================================

function bundleAccountConcurrency(): void {
  const r = rng(0x9c99);
  const name = 'rt2-rest-account-concurrency-exhausted-error-level';
  const b = new Bundle(name);
  const region = 'us-east-1';
  const account = '118273645509';
  const apiId = 'p7n3b5v9c1';
  const apiName = 'payments-api';
  const stage = 'prod';
  const fn = 'payment-intents';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 9, 14, 14, 13, 48, 210);
  const win = windowOf(alarmMs, 60, 3);
  const esmChange = Date.UTC(2026, 9, 14, 14, 1, 31);
  const saturated = Date.UTC(2026, 9, 14, 14, 3, 10);

  interface Req { ts: number; id: string; ext: string; method: string; resource: string; path: string; status: number; len: number; lambdaId: string; lat: number; kind: 'ok' | 'throttled' | 'declined'; trace: string }
  const reqs: Req[] = [];
  const lambda: (Ev & { requestId?: string })[] = [];
  interface Env { stream: string; freeAt: number }
  const envs: Env[] = [];
  for (let t = Date.UTC(2026, 9, 14, 13, 58, 0); t < Date.UTC(2026, 9, 14, 14, 16, 0); t += r.int(6000, 14000)) {
    const confirm = r.chance(0.4);
    const pi = `pi_${r.hex(12)}`;
    const start = t + r.int(12, 25);
    const lambdaId = r.uuid();
    const trace = traceIdAt(r, t);
    const throttled = start > saturated && r.chance(0.42);
    if (throttled) {
      reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: 'POST', resource: confirm ? '/payment-intents/{id}/confirm' : '/payment-intents', path: confirm ? `/payment-intents/${pi}/confirm` : '/payment-intents', status: 500, len: 36, lambdaId, lat: r.int(14, 40), kind: 'throttled', trace });
      continue;
    }
    let env = envs.find((e) => e.freeAt < start);
    let initMs: number | undefined;
    if (!env) {
      env = { stream: lambdaStream(r, start), freeAt: 0 };
      envs.push(env);
      initMs = 240 + r.next() * 180;
    }
    const s = env.stream;
    let t0 = start;
    if (initMs !== undefined) {
      lambda.push({ ts: start, stream: s, msg: initStartLine('nodejs:22.v41', region, r) });
      t0 = start + Math.ceil(initMs);
    }
    lambda.push({ ts: t0, stream: s, msg: startLine(lambdaId), requestId: lambdaId });
    const declined = confirm && r.chance(0.12);
    const d = r.int(60, 380);
    lambda.push({ ts: t0 + 3, stream: s, msg: nodeLine(t0 + 3, lambdaId, 'INFO', `${confirm ? `confirm ${pi}` : 'create payment intent'} merchant=${r.pick(['m_1029', 'm_2211', 'm_4810', 'm_7723'])}`) });
    if (declined) lambda.push({ ts: t0 + d - 2, stream: s, msg: nodeLine(t0 + d - 2, lambdaId, 'WARN', `Card declined for ${pi}: insufficient_funds`) });
    const end = t0 + d;
    lambda.push({ ts: end, stream: s, msg: endLine(lambdaId), requestId: lambdaId });
    lambda.push({ ts: end, stream: s, msg: reportLine({ id: lambdaId, durationMs: d - r.next(), memory: 1024, used: r.int(110, 150), ...(initMs !== undefined ? { initMs } : {}) }), requestId: lambdaId });
    env.freeAt = end + 2;
    reqs.push({ ts: t, id: r.uuid(), ext: r.extendedId(), method: 'POST', resource: confirm ? '/payment-intents/{id}/confirm' : '/payment-intents', path: confirm ? `/payment-intents/${pi}/confirm` : '/payment-intents', status: declined ? 402 : confirm ? 200 : 201, len: declined ? 71 : r.int(300, 700), lambdaId, lat: end - t + r.int(4, 10), kind: declined ? 'declined' : 'ok', trace });
  }

  // Execution log at ERROR level: only the failing requests' error lines.
  const execReqs = reqs.filter((q) => q.kind === 'throttled').map((q) => ({
    ts: q.ts,
    lines: [
      { dt: q.lat - 3, text: `(${q.id}) Lambda invocation failed with status: 429. Lambda request id: ${q.lambdaId}` },
      { dt: q.lat - 2, text: `(${q.id}) Execution failed due to configuration error: Rate Exceeded.` },
      { dt: q.lat - 2, text: `(${q.id}) Method completed with status: 500` },
    ],
  }));
  const streams = [execStream(r), execStream(r), execStream(r)];
  const execAll: Ev[] = [];
  for (const evs of execEvents(r, execReqs, streams).values()) execAll.push(...evs);
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}.json`, filterLogEvents(r, execAll, streams));

  const access: Ev[] = reqs.map((q) => {
    const thr = q.kind === 'throttled';
    const rec: Record<string, string> = {
      accountId: account, apiId, authorizer_error: '-', authorizer_integrationStatus: '-', authorizer_latency: '-', authorizer_requestId: '-', authorizer_status: '-', awsEndpointRequestId: thr ? '-' : q.lambdaId, domainName: `${apiId}.execute-api.${region}.amazonaws.com`,
      error_message: thr ? 'Internal server error' : '-', error_responseType: thr ? 'INTEGRATION_FAILURE' : '-', extendedRequestId: q.ext, httpMethod: q.method, identity_sourceIp: r.pick(IPS), identity_userAgent: r.pick(['Stripe-Connect/2.1', 'okhttp/4.12.0', 'axios/1.7.7']),
      integration_error: thr ? 'Execution failed due to configuration error: Rate Exceeded.' : '-', integration_integrationStatus: thr ? '-' : '200', integration_latency: thr ? '-' : String(q.lat - 6), integration_requestId: thr ? '-' : q.lambdaId, integration_status: thr ? '-' : String(q.status),
      path: `/prod${q.path}`, protocol: 'HTTP/1.1', requestId: q.id, requestTime: reqTime(q.ts), requestTimeEpoch: String(q.ts), resourcePath: q.resource, responseLatency: String(q.lat), responseLength: String(q.len), stage, status: String(q.status), xrayTraceId: '-',
    };
    return { ts: q.ts + q.lat + 1, stream: 'a0b1c2d3e4f5061728394a5b6c7d8e9f', msg: JSON.stringify(rec, null, 0).replace(/":"/g, '": "').replace(/","/g, '", "') };
  });
  b.put('logs/aws/apigateway/payments-api-prod.txt', tailShort(access));
  b.put(`logs/aws/lambda/${fn}.json.gz`, gz(insightsResults(r, lambda, { account, group: `/aws/lambda/${fn}`, requestIdField: true, ingestion: true })));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const throttles = perBucket(reqs.filter((q) => q.kind === 'throttled').map((q) => q.ts), 60);
  b.json('metrics/lambda-concurrency.json', metricData({
    queries: [
      { id: 'thr', namespace: 'AWS/Lambda', metric: 'Throttles', dims: { FunctionName: fn }, stat: 'Sum' },
      { id: 'acct', namespace: 'AWS/Lambda', metric: 'ConcurrentExecutions', dims: {}, stat: 'Maximum', label: 'ConcurrentExecutions (account)' },
      { id: 'bf', namespace: 'AWS/Lambda', metric: 'ConcurrentExecutions', dims: { FunctionName: 'ledger-backfill' }, stat: 'Maximum' },
    ],
    period: 60, start: Date.UTC(2026, 9, 14, 13, 56), end: Date.UTC(2026, 9, 14, 14, 16),
    values: (id, t) => (id === 'thr' ? (throttles.get(t) ?? 0) * 3 : id === 'acct' ? (t > saturated - 60_000 ? 1000 : r.int(160, 240)) : t > esmChange ? (t > saturated - 60_000 ? r.int(955, 990) : 610) : 0),
  }));
  b.json('api/stage.json', restStage({ stage, deploymentId: 'kz81va', logLevel: 'ERROR', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/payments-api-prod`, format: '{"accountId": "$context.accountId", "apiId": "$context.apiId", "authorizer_error": "$context.authorizer.error", "...": "every $context variable, snake_case (azul JSON_LOG_FORMAT style)"}', created: Date.UTC(2025, 3, 2, 9, 0, 0), updated: Date.UTC(2026, 8, 30, 16, 0, 0) }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/payment-intents': { post: proxyIntegration(region, fnArn) }, '/payment-intents/{id}/confirm': { post: proxyIntegration(region, fnArn) } } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs22.x', handler: 'index.handler', memory: 1024, timeout: 10, lastModified: Date.UTC(2026, 8, 30, 15, 51, 0), env: { PSP_ENDPOINT: 'https://psp.example/v1' } }));
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: esmChange, eventName: 'UpdateEventSourceMapping20150331', eventSource: 'lambda.amazonaws.com', user: 'mateo.r', userArn: `arn:aws:sts::${account}:assumed-role/DataEngineering/mateo.r`, region, account, resources: [], request: { uUID: r.uuid(), functionName: 'ledger-backfill', batchSize: 500, parallelizationFactor: 10, maximumBatchingWindowInSeconds: 0 }, response: { functionArn: `arn:aws:lambda:${region}:${account}:function:ledger-backfill`, eventSourceArn: `arn:aws:kinesis:${region}:${account}:stream/ledger-events`, parallelizationFactor: 10, state: 'Updating' }, userAgent: 'console.amazonaws.com' }),
  ] });
  const f60 = perBucket(failing.map((q) => q.ts), 60);
  const buckets = [3, 2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000);
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'payments-api-prod-5xx', description: 'payments-api prod 5XXError', account, region, ms: alarmMs,
    reason: reasonText(buckets.map((t) => ({ t, v: Math.max(2, f60.get(t) ?? 2) })), 2),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, startDate: `${iso(buckets[0] ?? alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 60, recentDatapoints: buckets.map((t) => Math.max(2, f60.get(t) ?? 2)), threshold: 2.0, evaluatedDatapoints: buckets.map((t) => ({ timestamp: `${iso(t).slice(0, 23)}+0000`, sampleCount: 14, value: Math.max(2, f60.get(t) ?? 2) })) }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: { ApiName: apiName, Stage: stage } }, period: 60, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'lambda-throttled',
    findings: ['lambda-throttled'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `At ${iso(esmChange)} a data engineer raised the ParallelizationFactor of ledger-backfill's Kinesis mapping to 10; from ${iso(saturated)} it holds nearly all of the account's 1000 concurrent executions (account ConcurrentExecutions = 1000). payment-intents has no reserved concurrency, so Lambda refuses ~40% of its invocations: execution log (ERROR level) "Lambda invocation failed with status: 429", "Execution failed due to configuration error: Rate Exceeded.", 500; access log integration_error "Execution failed due to configuration error: Rate Exceeded.", error_responseType INTEGRATION_FAILURE. Truth: lambda-throttled, account-level: the remediation should point at the account's unreserved concurrency and the other function (reserve concurrency for payment-intents, cap ledger-backfill), not at a reserved concurrency of payment-intents (it has none). 402 declines are noise. ${failing.length} 500s in the window.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A data engineer raised the ParallelizationFactor of \`ledger-backfill\`'s Kinesis event source mapping to 10 at ${iso(esmChange)}. The backfill takes the account's whole unreserved concurrency (1000) from ${iso(saturated)}, and \`${fn}\`, which has no reserved concurrency, is throttled on ~40% of its invocations; API Gateway answers 500. EventBridge alarm at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}; Lambda proxy (POST /payment-intents, POST /payment-intents/{id}/confirm) to \`${fn}\` (Node.js 22). Expected: **lambda-throttled** (account concurrency, not a reserved-concurrency cap).`,
    files: [
      `\`logs/API-Gateway-Execution-Logs_${apiId}/prod.json\`: \`filter-log-events\` of an **ERROR-level** execution log: three lines per failing request, nothing for the others.`,
      '`logs/aws/apigateway/payments-api-prod.txt`: `aws logs tail --format short` of the access log; each message is a JSON record with **every context variable** under snake_case-ish keys (`integration_error`, `integration_integrationStatus`, `error_responseType`, `awsEndpointRequestId`, `requestTimeEpoch`, …), `-` where API Gateway had no value.',
      `\`logs/aws/lambda/${fn}.json.gz\`: gzipped \`get-query-results\` (newest first, \`@requestId\` on START/END/REPORT, \`@ingestionTime\`, \`@ptr\`); throttled requests left nothing here.`,
      '`metrics/lambda-concurrency.json`: Throttles (payment-intents), ConcurrentExecutions without dimensions (the account, 1000) and for ledger-backfill, with their MetricDataQueries. `changes/cloudtrail.json`: UpdateEventSourceMapping (parallelizationFactor 10). `api/stage.json` (loggingLevel ERROR), `api/export.json`, `functions/payment-intents.json` (no reserved concurrency), `alarm.json` (EventBridge).',
    ],
    noise: 'Payments that succeed throughout, 402 declines with WARN lines, cold starts.',
    sources: [
      'Access-log record for a throttle: `error_responseType INTEGRATION_FAILURE, status 500, integration_status -, integration_integrationStatus -, error_message Internal server error, integration_error Execution failed due to configuration error: Rate Exceeded.`: DataBiosphere/azul#7470 and #6624 (Logs Insights tables of their "every variable" JSON access log); key style: azul `JSON_LOG_FORMAT` (as recorded in shared/parsers/API_GATEWAY_LOG_SHAPES.md).',
      '`Rate Exceeded.` (TooManyRequestsException, HTTP 429, reason ConcurrentInvocationLimitExceeded when the account limit is hit): Lambda Invoke API errors reference; alexcasalboni/aws-lambda-power-tuning#133.',
      'That ERROR-level execution logging keeps `Lambda invocation failed with status: 429. Lambda request id: …`, `Execution failed due to configuration error: Rate Exceeded.` and `Method completed with status: 500` and drops the INFO lines is our reading of the logging levels, NOT verified in a public sample (the first red team flagged the same).',
      'Kinesis ParallelizationFactor (up to 10 concurrent batches per shard) and unreserved account concurrency (default 1000): Lambda developer guide (with-kinesis, lambda-concurrency). ConcurrentExecutions without dimensions is the account-level series: Lambda metrics docs.',
      'Logs Insights `@requestId`, `@ingestionTime`, `@ptr`: CloudWatch Logs Insights discovered fields; `aws logs tail --format short`: awscli tail.py.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 10. rt2-http-noisy-s3-explicit-deny-gz
//     A large, noisy HTTP API bundle (thousands of healthy requests, 4xx, client retries) with a small
//     5xx burst: a bucket-policy hardening adds an explicit Deny for requests not coming through the
//     VPC endpoint; docs-api (not in a VPC) catches S3's AccessDenied and answers 500 on GET
//     /documents/{id}/content. The same function also indexes new uploads from S3 events: those
//     asynchronous invocations fail the same way but are not API requests. Clients retry twice.
//     Access log: JSON with integration fields, gzipped JSON Lines; Lambda log: gzipped
//     filter-log-events run with --filter-pattern "?ERROR ?WARN" (no START/END/REPORT at all).
//     Truth: downstream-access-denied; exactly the failing API requests (retries included, the S3
//     event invocations excluded).
// =============================================================================================

function bundleNoisyS3Deny(): void {
  const r = rng(0xa10a);
  const name = 'rt2-http-noisy-s3-explicit-deny-gz';
  const b = new Bundle(name);
  const region = 'eu-north-1';
  const account = '640128375519';
  const apiId = 'd8s2a5f9g3';
  const stage = 'prod';
  const fn = 'docs-api';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const roleName = 'docs-api-role-7kq2m1xz';
  const bucket = 'acme-docs-prod';
  const alarmMs = Date.UTC(2026, 11, 2, 16, 27, 19, 448);
  const win = windowOf(alarmMs, 60, 2);
  const policyOn = Date.UTC(2026, 11, 2, 16, 20, 5);
  const policyOff = Date.UTC(2026, 11, 2, 16, 31, 40);

  interface Req { ts: number; id: string; route: string; path: string; method: string; status: number; len: number; lambdaId: string; lat: number; ip: string }
  const reqs: Req[] = [];
  const lambda: Ev[] = [];
  const streams: string[] = [];
  for (let i = 0; i < 14; i++) streams.push(lambdaStream(r, Date.UTC(2026, 11, 2, 15, 40 + i, 0)));
  const denied = (key: string): string => `AccessDenied: User: arn:aws:sts::${account}:assumed-role/${roleName}/${fn} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${bucket}/${key}" with an explicit deny in a resource-based policy`;
  const denyStack = (key: string): string => [
    denied(key),
    '    at throwDefaultError (/var/task/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
    '    at /var/task/node_modules/@smithy/smithy-client/dist-cjs/index.js:876:5',
    '    at de_CommandError (/var/task/node_modules/@aws-sdk/client-s3/dist-cjs/index.js:4919:14)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async getContent (/var/task/src/content.js:33:20) {',
    "  '$fault': 'client',",
    "  '$metadata': {",
    '    httpStatusCode: 403,',
    `    requestId: '${r.hex(16).toUpperCase()}',`,
    `    extendedRequestId: '${Buffer.from(r.hex(48)).toString('base64').slice(0, 76)}',`,
    '    cfId: undefined,',
    '    attempts: 1,',
    '    totalRetryDelay: 0',
    '  },',
    "  Code: 'AccessDenied',",
    `  RequestId: '${r.hex(16).toUpperCase()}',`,
    `  HostId: '${Buffer.from(r.hex(48)).toString('base64').slice(0, 76)}'`,
    '}',
  ].join('\n');

  const add = (ts: number, route: string, path: string, method: string, outcome: 'ok' | 'denied' | 'forbidden' | 'missing', key?: string): void => {
    const lambdaId = r.uuid();
    const s = r.pick(streams);
    const t0 = ts + r.int(12, 30);
    let d = r.int(18, 120);
    let status = method === 'POST' ? 201 : 200;
    let len = r.int(200, 3000);
    if (outcome === 'denied') {
      d = r.int(60, 160);
      lambda.push({ ts: t0 + d - 2, stream: s, msg: nodeLine(t0 + d - 2, lambdaId, 'ERROR', `S3 GetObject failed for ${key ?? ''} ${denyStack(key ?? '')}`) });
      status = 500;
      len = 35;
    } else if (outcome === 'forbidden') {
      lambda.push({ ts: t0 + d - 2, stream: s, msg: nodeLine(t0 + d - 2, lambdaId, 'WARN', `Tenant mismatch: caller t-${r.int(10, 99)} asked for ${path}`) });
      status = 403;
      len = 23;
    } else if (outcome === 'missing') {
      status = 404;
      len = 33;
    } else if (route.endsWith('/content')) {
      d = r.int(80, 420);
      len = r.int(40_000, 4_000_000);
    }
    reqs.push({ ts, id: r.httpRequestId(), route, path, method, status, len, lambdaId, lat: d + r.int(20, 45), ip: r.pick(IPS) });
  };

  let n = 0;
  for (let t = Date.UTC(2026, 11, 2, 16, 5, 0); t < Date.UTC(2026, 11, 2, 16, 33, 0); t += r.int(250, 1100)) {
    n++;
    const docId = `doc-${r.hex(8)}`;
    const tenant = `t-${r.int(10, 99)}`;
    const k = r.next();
    if (k < 0.42) add(t, 'GET /documents/{documentId}', `/documents/${docId}`, 'GET', r.chance(0.03) ? 'missing' : r.chance(0.02) ? 'forbidden' : 'ok');
    else if (k < 0.72) add(t, 'GET /documents', '/documents', 'GET', 'ok');
    else if (k < 0.86) add(t, 'GET /search', '/search', 'GET', 'ok');
    else if (k < 0.92) add(t, 'POST /documents', '/documents', 'POST', 'ok');
    else if (k < 0.96) add(t, 'GET /documents/{documentId}', `/documents/${docId}`, 'GET', 'ok');
    else {
      const key = `tenants/${tenant}/${docId}/${r.pick(['contract.pdf', 'invoice-2026-11.pdf', 'scan-0042.tiff', 'minutes.docx'])}`;
      const deny = t > policyOn && t < policyOff;
      add(t, 'GET /documents/{documentId}/content', `/documents/${docId}/content`, 'GET', deny ? 'denied' : r.chance(0.02) ? 'forbidden' : 'ok', key);
      // The web client retries a failed download twice (1 s, then 2 s later).
      if (deny) {
        add(t + 1000 + r.int(200, 500), 'GET /documents/{documentId}/content', `/documents/${docId}/content`, 'GET', 'denied', key);
        add(t + 3000 + r.int(500, 900), 'GET /documents/{documentId}/content', `/documents/${docId}/content`, 'GET', 'denied', key);
      }
    }
    // New uploads are indexed from S3 ObjectCreated events (asynchronous, not API requests).
    if (r.chance(0.03)) {
      const id = r.uuid();
      const s = r.pick(streams);
      const key = `tenants/${tenant}/${docId}/upload-${r.hex(4)}.pdf`;
      if (t > policyOn && t < policyOff) lambda.push({ ts: t + 400, stream: s, msg: nodeLine(t + 400, id, 'ERROR', `Indexing s3://${bucket}/${key} failed ${denyStack(key)}`) });
    }
  }
  void n;
  reqs.sort((a, c) => a.ts - c.ts);
  const access: Ev[] = reqs.map((q) => ({
    ts: q.ts + q.lat,
    stream: `${apiId}-prod`,
    msg: JSON.stringify({ requestId: q.id, ip: q.ip, requestTime: reqTime(q.ts), httpMethod: q.method, routeKey: q.route, status: String(q.status), protocol: 'HTTP/1.1', responseLength: String(q.len), integrationRequestId: q.lambdaId, integrationStatus: String(q.status), integrationLatency: String(q.lat - r.int(8, 20)), responseLatency: String(q.lat) }),
  }));
  b.put('logs/aws/vendedlogs/docs-http-prod-access.jsonl.gz', gz(jsonLines(access, 'plain')));
  b.put(`logs/aws/lambda/${fn}.json.gz`, gz(filterLogEvents(r, lambda, streams)));

  const failing = reqs.filter((q) => q.status >= 500 && q.ts >= win.start && q.ts <= win.end);
  const format = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationRequestId":"$context.integration.requestId","integrationStatus":"$context.integration.status","integrationLatency":"$context.integration.latency","responseLatency":"$context.responseLatency"}';
  b.json('api/stage.json', httpStage({ region, account, group: '/aws/vendedlogs/docs-http-prod-access', format, stage, deploymentId: 'r5t8u1', created: Date.UTC(2025, 3, 22, 8, 0, 0), updated: Date.UTC(2026, 10, 20, 10, 0, 0), autoDeploy: false }));
  b.json('api/export.json', httpExport({ title: 'docs-http', apiId, region, version: '2026-11-20 10:00:00UTC', routes: [
    { method: 'GET', path: '/documents', fnArn }, { method: 'POST', path: '/documents', fnArn }, { method: 'GET', path: '/documents/{documentId}', fnArn }, { method: 'GET', path: '/documents/{documentId}/content', fnArn }, { method: 'GET', path: '/search', fnArn },
  ] }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs22.x', handler: 'src/index.handler', memory: 1024, timeout: 15, role: `arn:aws:iam::${account}:role/${roleName}`, lastModified: Date.UTC(2026, 10, 20, 9, 58, 0), env: { BUCKET: bucket, TABLE: 'documents' } }));
  const sec = `arn:aws:sts::${account}:assumed-role/SecurityAutomation/guardrails-remediator`;
  const policy = (deny: boolean): string => JSON.stringify({ Version: '2012-10-17', Statement: [
    { Sid: 'AllowDocsApi', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:role/${roleName}` }, Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${bucket}/*` },
    ...(deny ? [{ Sid: 'DenyOutsideVpce', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0f1e2d3c4b5a69788' } } }] : []),
  ] });
  b.json('changes/cloudtrail.json', { Events: [
    cloudTrailEvent(r, { ms: policyOn, eventName: 'PutBucketPolicy', eventSource: 's3.amazonaws.com', user: 'guardrails-remediator', userArn: sec, region, account, resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: bucket }], request: { bucketName: bucket, Host: `${bucket}.s3.${region}.amazonaws.com`, bucketPolicy: JSON.parse(policy(true)) as unknown, policy: '' }, userAgent: '[Boto3/1.35.40 md/Botocore#1.35.40 ua/2.0 os/linux#5.10.226-214.880.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.40]' }),
    cloudTrailEvent(r, { ms: policyOff, eventName: 'PutBucketPolicy', eventSource: 's3.amazonaws.com', user: 'lea.m', userArn: `arn:aws:sts::${account}:assumed-role/AWSReservedSSO_Admin_1a2b3c4d5e6f7a8b/lea.m@example.com`, region, account, resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: bucket }], request: { bucketName: bucket, Host: `${bucket}.s3.${region}.amazonaws.com`, bucketPolicy: JSON.parse(policy(false)) as unknown, policy: '' }, userAgent: '[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.750]' }),
  ] });
  const f60 = perBucket(failing.map((q) => q.ts), 60);
  const buckets = [2, 1].map((k) => Math.floor(alarmMs / 60_000) * 60_000 - k * 60_000);
  b.json('alarm.json', snsAlarm({
    name: 'docs-http-prod-5xx', description: 'docs-http prod: 5xx >= 3 per minute', account, region, regionName: 'EU (Stockholm)', ms: alarmMs,
    reason: reasonText(buckets.map((t) => ({ t, v: Math.max(3, f60.get(t) ?? 3) })), 3),
    trigger: { ...snsTrigger('5xx', { ApiId: apiId, Stage: stage }, 60, 2, 3) }, topic: `arn:aws:sns:${region}:${account}:docs-oncall`,
  }));
  const asyncFails = lambda.filter((e) => e.msg.includes('Indexing s3://')).length;
  b.json('expected.json', {
    rootCause: 'downstream-access-denied',
    findings: ['downstream-access-denied'],
    failingRequests: failing.length,
    api: { id: apiId, stage, type: 'HTTP' },
    notes: `At ${iso(policyOn)} a guardrails remediator added a bucket-policy statement denying s3:* unless aws:SourceVpce = vpce-0f1e2d3c4b5a69788; docs-api runs outside the VPC, so every GetObject gets "AccessDenied: User: …assumed-role/${roleName}/docs-api is not authorized to perform: s3:GetObject on resource: \\"arn:aws:s3:::${bucket}/…\\" with an explicit deny in a resource-based policy". The handler catches it and answers 500 on GET /documents/{documentId}/content until the policy is replaced at ${iso(policyOff)}; the web client retries each failed download twice (every retry is a failing request of its own). The fix is the bucket policy (an explicit Deny), not an Allow on the role. ${asyncFails} S3-event indexing invocations of the same function fail the same way but are not API requests (no access-log record). ${failing.length} failing requests in the window among ${reqs.length} requests; the Lambda log holds only ERROR/WARN lines (filter pattern), no START/END/REPORT.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A security-automation Lambda hardened the bucket \`${bucket}\` at ${iso(policyOn)}: a Deny for any request not coming through the S3 VPC endpoint. \`${fn}\` runs outside the VPC; its downloads (GET /documents/{documentId}/content) get AccessDenied, which the code catches and turns into a 500. The web client retries twice. An admin restores the old policy at ${iso(policyOff)}. SNS alarm at ${iso(alarmMs)}. Thousands of other requests in the same minutes succeed.`,
    api: `HTTP API \`docs-http\` (\`${apiId}\`), stage \`prod\`, ${region}; Lambda proxy (payload 2.0) for five routes to \`${fn}\` (Node.js 22, text format), which also handles S3 ObjectCreated events. Expected: **downstream-access-denied**.`,
    files: [
      '`logs/aws/vendedlogs/docs-http-prod-access.jsonl.gz`: gzipped JSON Lines `{"timestamp","message"}` of the access log (thousands of records); format with `$context.integration.requestId`, `$context.integration.status`, `$context.integration.latency`, `$context.responseLatency`.',
      `\`logs/aws/lambda/${fn}.json.gz\`: gzipped \`aws logs filter-log-events --filter-pattern "?ERROR ?WARN"\` over 14 streams: only ERROR/WARN lines (the SDK v3 AccessDenied print with \`$metadata\`, tenant-mismatch WARN lines), **no START/END/REPORT**; the S3-event indexing failures are in the same file.`,
      '`api/stage.json` (apigatewayv2), `api/export.json`, `functions/docs-api.json` (role docs-api-role-…), `changes/cloudtrail.json` (the two PutBucketPolicy calls), `alarm.json` (SNS, metric 5xx, ApiId/Stage).',
    ],
    noise: `${reqs.length} requests in total: document metadata, listings, search, uploads; 403 (tenant mismatch, WARN) and 404; client retries; asynchronous S3-event invocations failing with the same AccessDenied.`,
    sources: [
      'S3 AccessDenied text `User: arn:aws:sts::…:assumed-role/…/… is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bucket/key" with an explicit deny in a resource-based policy` (resource in double quotes): public test and CTF write-ups found with find_string "with an explicit deny in a resource-based policy" (an S3 `<Error><Code>AccessDenied</Code><Message>User: arn:aws:sts::…:assumed-role/… is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::…/private/flag.txt" with an explicit deny in a resource-based policy</Message>`); IAM docs "access denied error messages".',
      'SDK v3 error print (`$fault`, `$metadata.httpStatusCode: 403`, `Code: \'AccessDenied\'`, `RequestId`, `HostId`): aws/aws-sdk-js-v3 S3 ServiceException shape, as printed by console.error.',
      'HTTP API access-log variables `$context.integration.requestId` (the Lambda request id), `$context.integration.status`, `$context.integration.latency`, `$context.responseLatency`: http-api-logging-variables.md; request id shape `Iq8dHhlwIAMEV_g=`: elastic/integrations test-apigateway-http.log.',
      '`aws:SourceVpce` deny statement: S3 docs "Controlling access from VPC endpoints with bucket policies". `filter-log-events --filter-pattern "?ERROR ?WARN"`: CloudWatch Logs filter pattern syntax.',
    ],
  }));
  b.write();
}

// ---------------------------------------------------------------------------------------------
// Check: JSON parses where JSON is expected (gzip included), ids cross-reference, sizes are sane
// ---------------------------------------------------------------------------------------------

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
  return file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
}

function check(): void {
  let problems = 0;
  const fail = (msg: string): void => {
    problems++;
    console.log(msg);
  };
  for (const name of readdirSync(ROOT).filter((n) => n.startsWith('rt2-')).sort()) {
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
        for (const [i, line] of text.split('\n').entries()) {
          if (!line) continue;
          try {
            JSON.parse(line);
          } catch {
            fail(`${name}: ${path.relative(dir, f)} line ${i + 1} is not JSON`);
          }
        }
      }
    }
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    const all = [...texts.values()].join('\n');
    if (!all.includes(expected.api.id)) fail(`${name}: api id ${expected.api.id} appears nowhere`);
    if (expected.rootCause !== 'insufficient-evidence' && expected.failingRequests <= 0) fail(`${name}: no failing requests`);
    // Every Lambda request id that API Gateway quotes must exist in the Lambda log unless the invocation never ran.
    const quoted = [...all.matchAll(/Lambda request id: ([0-9a-f-]{36})/g)].map((m) => m[1] ?? '');
    const lambdaText = [...texts.entries()].filter(([f]) => f.includes('/logs/aws/lambda/')).map(([, t]) => t).join('\n');
    const missing = quoted.filter((id) => !lambdaText.includes(id)).length;
    if (!files.some((f) => f.endsWith('README.md'))) fail(`${name}: no README.md`);
    console.log(`${name.padEnd(52)} ${expected.rootCause.padEnd(30)} findings=[${expected.findings.join(', ')}] failing=${expected.failingRequests} quotedLambdaIdsNotInLambdaLog=${missing} ${(onDisk / 1024).toFixed(0)} KB`);
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
  bundleRaisedIntegrationTimeout();
  bundleFnTimeoutUnderRaisedIntegration();
  bundleHttpJsonTimeoutWarnNoise();
  bundlePsycopgHandled();
  bundleLambdalithTwoCauses();
  bundleSnapStartRestoreTimeout();
  bundleAuthorizerNullPolicy();
  bundleProdAlarmStagingLogs();
  bundleAccountConcurrency();
  bundleNoisyS3Deny();
  check();
}
