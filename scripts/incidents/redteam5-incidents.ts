/**
 * Fifth red team's incident bundles (events/incidents/rt5-*): VARIETY. An HTTP API REQUEST authorizer
 * timing out, a REST VPC link (NLB) reset, a non-proxy (AWS) Lambda integration whose error is mapped to
 * 500 by a selection pattern, a Rust (provided.al2023) panic, and a .NET JSON-log function whose SQS
 * SendMessage fails on the queue's KMS key. Helpers up to "Bundles of this red team" are copied from
 * redteam4-incidents.ts.
 *
 *   npx tsx scripts/incidents/redteam5-incidents.ts            # writes events/incidents/rt5-*
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
// Bundles of this red team
// =============================================================================================

function inWin(ts: number, win: { start: number; end: number }): boolean {
  return ts >= win.start && ts <= win.end;
}
function ebAlarm5xx(r: Rng, o: { name: string; account: string; region: string; ms: number; period: number; evals: number; threshold: number; failTimes: number[]; dims: Record<string, string>; metric: string }): unknown {
  const buckets = perBucket(o.failTimes, o.period);
  const last = Math.floor(o.ms / (o.period * 1000)) * o.period * 1000 - o.period * 1000;
  const points: { t: number; v: number }[] = [];
  for (let i = o.evals - 1; i >= 0; i--) points.push({ t: last - i * o.period * 1000, v: buckets.get(last - i * o.period * 1000) ?? 0 });
  return eventBridgeAlarm(r, {
    name: o.name, description: `${o.name}`, account: o.account, region: o.region, ms: o.ms,
    reason: reasonText(points, o.threshold),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(o.ms).slice(0, 23)}+0000`, startDate: `${iso(points[0]?.t ?? o.ms).slice(0, 23)}+0000`, statistic: 'Sum', period: o.period, recentDatapoints: points.map((p) => p.v), threshold: o.threshold, evaluatedDatapoints: points.map((p) => ({ timestamp: `${iso(p.t).slice(0, 23)}+0000`, sampleCount: 1, value: p.v })) }),
    metrics: [{ id: r.hex(8), metricStat: { metric: { namespace: 'AWS/ApiGateway', name: o.metric, dimensions: o.dims }, period: o.period, stat: 'Sum' }, returnData: true }],
  });
}
function snsAlarm5xx(o: { name: string; account: string; region: string; regionName: string; ms: number; period: number; evals: number; threshold: number; failTimes: number[]; dims: Record<string, string>; metric: string }): unknown {
  const buckets = perBucket(o.failTimes, o.period);
  const last = Math.floor(o.ms / (o.period * 1000)) * o.period * 1000 - o.period * 1000;
  const points: { t: number; v: number }[] = [];
  for (let i = o.evals - 1; i >= 0; i--) points.push({ t: last - i * o.period * 1000, v: buckets.get(last - i * o.period * 1000) ?? 0 });
  return snsAlarm({ name: o.name, description: o.name, account: o.account, region: o.region, regionName: o.regionName, ms: o.ms, reason: reasonText(points, o.threshold), trigger: snsTrigger(o.metric, o.dims, o.period, o.evals, o.threshold), topic: `arn:aws:sns:${o.region}:${o.account}:ops-alarms` });
}
function sizeReport(names: string[]): void {
  for (const n of names) {
    const dir = path.join(ROOT, n);
    let size = 0;
    const walk = (d: string): void => {
      for (const x of readdirSync(d)) {
        const p = path.join(d, x);
        if (statSync(p).isDirectory()) walk(p);
        else size += statSync(p).size;
      }
    };
    walk(dir);
    const e = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    console.log(`${n.padEnd(48)} ${e.rootCause} [${e.findings.join(',')}] failing=${e.failingRequests} ${(size / 1024).toFixed(0)} KB`);
  }
}

// =============================================================================================
// 1. rt5-http-request-authorizer-timeout
//    HTTP API, REQUEST Lambda authorizer (Node.js 20, 3 s timeout, no caching). The session store it
//    calls hangs: ~60% of authorizations time out ("Task timed out after 3.00 seconds"); the API answers
//    500 without calling the backend (integration fields "-").
// =============================================================================================

function bundleHttpAuthorizerTimeout(): string {
  const r = rng(0x5501);
  const name = 'rt5-http-request-authorizer-timeout';
  const b = new Bundle(name);
  const region = 'us-east-2';
  const account = '562018374409';
  const apiId = 'h5b8k2m4tz';
  const authFn = 'bookings-authz';
  const onset = Date.UTC(2026, 7, 11, 19, 4, 30);
  const recover = Date.UTC(2026, 7, 11, 19, 21, 0);
  const alarmMs = Date.UTC(2026, 7, 11, 19, 12, 41, 337);
  const win = windowOf(alarmMs, 60, 3);
  const tl = new TextLambda(r, { fn: authFn, region, runtimeVersion: 'nodejs:20.v52', memory: 256, init: [240, 420] });
  interface Q { id: string; ts: number; end: number; route: string; path: string; method: string; status: number; len: number; ip: string; intStatus: string; intReq: string; intLatency: string; authErr: string; err: string }
  const qs: Q[] = [];
  const routes = [{ method: 'GET', route: 'GET /bookings/{bookingId}', p: () => `/bookings/bk_${r.hex(10)}` }, { method: 'POST', route: 'POST /bookings', p: () => '/bookings' }, { method: 'GET', route: 'GET /availability', p: () => '/availability' }];
  for (let t = Date.UTC(2026, 7, 11, 18, 52, 0); t < Date.UTC(2026, 7, 11, 19, 24, 0); t += r.int(9000, 22000)) {
    const rt = r.pick(routes);
    const id = r.httpRequestId();
    const hang = t > onset && t < recover && r.chance(0.6);
    const deny = !hang && r.chance(0.06);
    const a = tl.invoke(t + r.int(3, 9), (lid, t0, push) => {
      push(t0 + 2, nodeLine(t0 + 2, lid, 'INFO', `authorize requestId=${id} routeKey=${rt.route}`));
      if (hang) {
        push(t0 + 3000, `${iso(t0 + 3000)} ${lid} Task timed out after 3.00 seconds\n`);
        return { end: t0 + 3002, status: 'timeout' };
      }
      const d = r.int(18, 140);
      push(t0 + d - 1, nodeLine(t0 + d - 1, lid, 'INFO', deny ? 'session expired, isAuthorized=false' : `session ok user=u_${r.hex(6)} isAuthorized=true`));
      return { end: t0 + d };
    });
    const authMs = a.end - t;
    if (hang) { qs.push({ id, ts: t, end: a.end + 4, route: rt.route, path: rt.p(), method: rt.method, status: 500, len: 35, ip: r.pick(IPS), intStatus: '-', intReq: '-', intLatency: '-', authErr: '-', err: 'Internal Server Error' }); continue; }
    if (deny) { qs.push({ id, ts: t, end: a.end + 3, route: rt.route, path: rt.p(), method: rt.method, status: 403, len: 23, ip: r.pick(IPS), intStatus: '-', intReq: '-', intLatency: '-', authErr: 'Forbidden', err: 'Forbidden' }); continue; }
    const lat = r.int(35, 260);
    qs.push({ id, ts: t, end: t + authMs + lat + 5, route: rt.route, path: rt.p(), method: rt.method, status: rt.method === 'POST' ? 201 : 200, len: r.int(90, 1800), ip: r.pick(IPS), intStatus: '200', intReq: r.uuid(), intLatency: String(lat), authErr: '-', err: '-' });
  }
  const fmt = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationStatus":"$context.integration.status","integrationRequestId":"$context.integration.requestId","integrationLatency":"$context.integration.latency","authorizerError":"$context.authorizer.error","errorMessage":"$context.error.message"}';
  b.put('logs/aws/vendedlogs/apigateway/bookings-http-prod.json', filterLogEvents(r, qs.map((q) => ({ ts: q.end, stream: `${apiId}_prod`, msg: JSON.stringify({ requestId: q.id, ip: q.ip, requestTime: clfTime(q.ts), httpMethod: q.method, routeKey: q.route, status: String(q.status), protocol: 'HTTP/1.1', responseLength: String(q.len), integrationStatus: q.intStatus, integrationRequestId: q.intReq, integrationLatency: q.intLatency, authorizerError: q.authErr, errorMessage: q.err }) }))));
  b.put(`logs/aws/lambda/${authFn}.log`, tailLong(tl.events));
  const failing = qs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', ebAlarm5xx(r, { name: 'bookings-http-prod-5xx', account, region, ms: alarmMs, period: 60, evals: 3, threshold: 2, failTimes: failing.map((q) => q.ts), dims: { ApiId: apiId, Stage: 'prod' }, metric: '5xx' }));
  b.json('api/stage.json', httpStage({ region, account, group: '/aws/vendedlogs/apigateway/bookings-http-prod', format: fmt, stage: 'prod', deploymentId: 'k2h7q1', created: Date.UTC(2025, 10, 2), updated: Date.UTC(2026, 7, 1, 9, 0, 0) }));
  const exp = httpExport({ title: 'bookings-http', apiId, region, version: '2026-08-01 09:00:00UTC', routes: [{ method: 'GET', path: '/bookings/{bookingId}', fnArn: `arn:aws:lambda:${region}:${account}:function:bookings-fn` }, { method: 'POST', path: '/bookings', fnArn: `arn:aws:lambda:${region}:${account}:function:bookings-fn` }, { method: 'GET', path: '/availability', fnArn: `arn:aws:lambda:${region}:${account}:function:bookings-fn` }] }) as { paths: Record<string, Record<string, Record<string, unknown>>>; components?: unknown };
  for (const p of Object.values(exp.paths)) for (const [k, op] of Object.entries(p)) if (k !== 'parameters') op['security'] = [{ 'bookings-authz': [] }];
  exp.components = { securitySchemes: { 'bookings-authz': { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authorizer': { identitySource: '$request.header.Authorization', authorizerUri: lambdaUri(region, `arn:aws:lambda:${region}:${account}:function:${authFn}`), authorizerPayloadFormatVersion: '2.0', authorizerResultTtlInSeconds: 0, type: 'request', enableSimpleResponses: true } } } };
  b.json('api/export.json', exp);
  b.json(`functions/${authFn}.json`, lambdaConfig(r, { name: authFn, account, region, runtime: 'nodejs20.x', handler: 'index.handler', memory: 256, timeout: 3, lastModified: Date.UTC(2026, 6, 20, 14, 0, 0), vpc: true, env: { SESSION_REDIS_HOST: 'bookings-sessions.x7c2ab.ng.0001.use2.cache.amazonaws.com' } }));
  b.json('expected.json', {
    rootCause: 'authorizer-error', findings: ['authorizer-error'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'HTTP' },
    notes: `${failing.length} 500s in the window: the REQUEST authorizer ${authFn} (3 s timeout) timed out ("Task timed out after 3.00 seconds", REPORT Status: timeout); the integration was never called (integrationStatus/integrationRequestId "-"). The authorizer's own log names the API request id it was deciding (authorize requestId=...). Must not be lambda-timeout of a backend: bookings-fn never ran for these. 403s (session expired) are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `From ${iso(onset)} to ${iso(recover)} the ElastiCache session store behind \`${authFn}\` hangs; the REQUEST authorizer (Node.js 20, 3 s timeout, result caching off) times out on ~60% of calls and the HTTP API answers 500 {"message":"Internal Server Error"} without calling bookings-fn. EventBridge alarm (5xx, 60 s × 3) at ${iso(alarmMs)}.`,
    api: `HTTP API \`bookings-http\` (\`${apiId}\`), stage \`prod\`, ${region}; Lambda proxy (payload 2.0) to bookings-fn behind a Lambda REQUEST authorizer (payload 2.0, simple responses, TTL 0). Expected: **authorizer-error**, ${failing.length} failing requests.`,
    files: ['`logs/aws/vendedlogs/apigateway/bookings-http-prod.json`: filter-log-events, custom JSON access log with integration.* and authorizer.error / error.message', `\`logs/aws/lambda/${authFn}.log\`: \`aws logs tail\` (long) of the authorizer, Node.js text format`, '`api/export.json` (apigatewayv2 export with x-amazon-apigateway-authorizer), `api/stage.json`, `functions/`, `alarm.json` (EventBridge)'],
    noise: '403 (authorizer said isAuthorized=false), healthy 200/201; no backend function logs in the bundle.',
    sources: [
      '`$context.authorizer.error`, `$context.integration.status`, `$context.integration.requestId`, `$context.error.message` for HTTP APIs: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html; public Terraform configs that log `authorizerError = "$context.authorizer.error"` (find_string).',
      'Authorizer timeout → 500 with no usable error field: https://github.com/oqtopus-team/oqtopus-cloud/pull/472 (authorizer hitting its 15 s timeout shows as untraceable 500s) and aws/serverless-application-model#2005 (error fields "-" on an HTTP API authorizer 500). The values we put in authorizerError ("-") and errorMessage ("Internal Server Error") for the timeout are our reading, not verified.',
      'Node.js timeout line `<ISO> <requestId> Task timed out after 3.00 seconds`: https://github.com/nasa/cumulus/issues/1043; REPORT `Status: timeout` as in the team\'s fixtures. Simple-response authorizer and `authorizerResultTtlInSeconds`: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html',
    ],
  }));
  b.write();
  return name;
}

// =============================================================================================
// 2. rt5-rest-vpclink-nlb-reset
//    REST API, HTTP_PROXY over a VPC link (v1, NLB). A new inventory-svc build closes idle keep-alive
//    connections after 5 s (shorter than the gateway's reuse): a third of requests die with
//    "Execution failed due to an vpc link error" (500).
// =============================================================================================

function bundleVpcLinkReset(): string {
  const r = rng(0x5502);
  const name = 'rt5-rest-vpclink-nlb-reset';
  const b = new Bundle(name);
  const region = 'eu-central-1';
  const account = '730418265193';
  const apiId = 'v7n2l9k4pc';
  const apiName = 'inventory-api';
  const nlb = 'inventory-nlb-4c1e9b7a2d6f8e30.elb.eu-central-1.amazonaws.com';
  const deploy = Date.UTC(2026, 2, 17, 13, 40, 12);
  const onset = Date.UTC(2026, 2, 17, 13, 43, 0);
  const alarmMs = Date.UTC(2026, 2, 17, 13, 56, 8, 774);
  const win = windowOf(alarmMs, 300, 1);
  interface Q { id: string; ts: number; end: number; method: string; resource: string; path: string; status: number; len: number; ip: string; lines: { dt: number; text: string }[] }
  const qs: Q[] = [];
  for (let t = Date.UTC(2026, 2, 17, 13, 30, 0); t < Date.UTC(2026, 2, 17, 13, 59, 0); t += r.int(12000, 26000)) {
    const id = r.uuid();
    const sku = `SKU-${r.int(10000, 99999)}`;
    const isPut = r.chance(0.25);
    const method = isPut ? 'PUT' : 'GET';
    const resource = '/items/{sku}';
    const p = `/items/${sku}`;
    const reset = t > onset && r.chance(0.33);
    const notFound = !reset && r.chance(0.07);
    const ext = r.extendedId();
    const L: { dt: number; text: string }[] = [];
    const add = (dt: number, text: string): void => { L.push({ dt, text: `(${id}) ${text}` }); };
    add(0, `Extended Request Id: ${ext}`);
    add(0, `Verifying Usage Plan for request: ${id}. API Key:  API Stage: ${apiId}/prod`);
    add(1, `API Key  authorized because method '${method} ${resource}' does not require API Key. Request will not contribute to throttle or quota limits`);
    add(1, `Usage Plan check succeeded for API Key  and API Stage ${apiId}/prod`);
    add(1, `Starting execution for request: ${id}`);
    add(1, `HTTP Method: ${method}, Resource Path: ${p}`);
    add(1, `Method request path: {sku=${sku}}`);
    add(1, 'Method request query string: {}');
    add(2, `Endpoint request URI: http://${nlb}:8080/items/${sku}`);
    add(2, `Sending request to http://${nlb}:8080/items/${sku}`);
    let status: number;
    let end: number;
    if (reset) {
      const d = r.int(3, 40);
      add(2 + d, 'Execution failed due to an vpc link error');
      add(2 + d, 'Method completed with status: 500');
      status = 500; end = t + d + 4;
    } else {
      const d = r.int(6, 70);
      status = notFound ? 404 : 200;
      add(2 + d, `Received response. Status: ${status}, Integration latency: ${d} ms`);
      add(2 + d, `Endpoint response headers: {Content-Type=application/json, Date=${httpDate(t + d)}, Content-Length=${notFound ? 34 : r.int(180, 900)}}`);
      add(3 + d, 'Method response body after transformations: [TRUNCATED]'.replace(' [TRUNCATED]', ''));
      add(3 + d, 'Method response headers: {Content-Type=application/json}');
      add(3 + d, 'Successfully completed execution');
      add(3 + d, `Method completed with status: ${status}`);
      end = t + d + 5;
    }
    qs.push({ id, ts: t, end, method, resource, path: p, status, len: status === 500 ? 36 : r.int(34, 900), ip: r.pick(IPS), lines: L });
  }
  const exec: Ev[] = [];
  const streams = [execStream(r), execStream(r)];
  for (const q of qs) { const s = r.pick(streams); for (const l of q.lines) exec.push({ ts: q.ts + l.dt, msg: l.text, stream: s }); }
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/prod.json`, filterLogEvents(r, exec));
  b.put(`logs/${apiName}-prod-access.json`, getLogEvents(r, qs.map((q) => ({ ts: q.end, stream: `${apiId}_prod`, msg: `${q.ip} - - [${clfTime(q.ts)}] "${q.method} ${q.resource} HTTP/1.1" ${q.status} ${q.len} ${q.id}` }))));
  const failing = qs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', snsAlarm5xx({ name: `${apiName}-prod-5xx`, account, region, regionName: 'EU (Frankfurt)', ms: alarmMs, period: 300, evals: 1, threshold: 3, failTimes: failing.map((q) => q.ts), dims: { ApiName: apiName, Stage: 'prod' }, metric: '5XXError' }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage: 'prod', paths: { '/items/{sku}': {
    get: { type: 'http_proxy', httpMethod: 'GET', uri: `http://${nlb}:8080/items/{sku}`, connectionType: 'VPC_LINK', connectionId: '7xq2lm', requestParameters: { 'integration.request.path.sku': 'method.request.path.sku' }, passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, responses: { default: { statusCode: '200' } } },
    put: { type: 'http_proxy', httpMethod: 'PUT', uri: `http://${nlb}:8080/items/{sku}`, connectionType: 'VPC_LINK', connectionId: '7xq2lm', requestParameters: { 'integration.request.path.sku': 'method.request.path.sku' }, passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, responses: { default: { statusCode: '200' } } },
  } } }));
  b.json('api/stage.json', restStage({ stage: 'prod', deploymentId: 'p3x8wq', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:${apiName}-prod-access`, format: '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId', created: Date.UTC(2024, 5, 5), updated: Date.UTC(2026, 1, 2, 8, 0, 0) }));
  b.json('changes/lookup-events.json', { Events: [cloudTrailEvent(r, {
    ms: deploy, eventName: 'UpdateService', eventSource: 'ecs.amazonaws.com', user: 'codepipeline-inventory', userArn: `arn:aws:sts::${account}:assumed-role/inventory-deploy/codepipeline-inventory`, region, account,
    resources: [{ ResourceType: 'AWS::ECS::Service', ResourceName: `arn:aws:ecs:${region}:${account}:service/prod/inventory-svc` }],
    request: { cluster: 'prod', service: 'inventory-svc', taskDefinition: 'inventory-svc:148', forceNewDeployment: false }, userAgent: 'codepipeline.amazonaws.com',
  })] });
  b.json('expected.json', {
    rootCause: 'backend-unreachable', findings: ['backend-unreachable'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `${failing.length} 500s in the window, each "Execution failed due to an vpc link error" right after "Sending request to http://<NLB>...", a few ms in — the VPC link (NLB) connection to the new inventory-svc:148 tasks was reset (they close idle keep-alive connections after 5 s). Not api-gateway-internal: the integration is VPC_LINK and the error names it; not backend-error-response (no status from the backend). 404s are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `CodePipeline rolled out inventory-svc task definition 148 at ${iso(deploy)}; its HTTP server closes idle keep-alive connections after 5 s, shorter than the connections API Gateway keeps through the VPC link, so from ~${iso(onset)} about a third of requests are reset and API Gateway answers 500. SNS alarm (5XXError, 300 s × 1) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}; **private integration**: HTTP_PROXY, connectionType VPC_LINK (v1 link \`7xq2lm\` → Network Load Balancer → ECS). Expected: **backend-unreachable**.`,
    files: [`\`logs/API-Gateway-Execution-Logs_${apiId}/prod.json\`: filter-log-events (INFO, no data trace)`, `\`logs/${apiName}-prod-access.json\`: get-log-events, CLF preset`, '`api/export.json` (connectionType VPC_LINK), `api/stage.json`, `changes/lookup-events.json` (ecs UpdateService), `alarm.json` (SNS)'],
    noise: '404 (unknown SKU), healthy 200s before and during the incident.',
    sources: [
      'Execution-log line `(<id>) Execution failed due to an vpc link error` after the endpoint request, for a REST API with a VPC link to an ECS service; AWS Support attributed it to the backend/NLB connection being closed: https://heroween.hateblo.jp/entry/2022/08/30/065339',
      'Other VPC-link 500 messages and causes (targets not listening, unhealthy): https://repost.aws/knowledge-center/api-gateway-500-error-vpc',
      'HTTP integration execution-log sequence (Endpoint request URI / Sending request to / Received response. Status: …, Integration latency) and CLF preset: the team\'s rest-backend-* fixtures and https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    ],
  }));
  b.write();
  return name;
}

// =============================================================================================
// 3. rt5-rest-nonproxy-lambda-selection-500
//    REST API, AWS (non-proxy) Lambda integration with a request template and integration responses:
//    selectionPattern ".*Invalid.*|.*Error.*" -> 500. A deploy of claims-intake (Python 3.11) raises
//    ValueError for new policy numbers. Lambda answers 200 + X-Amz-Function-Error: Unhandled; API Gateway
//    maps the errorMessage to 500 and says "Successfully completed execution".
// =============================================================================================

function bundleNonProxySelection(): string {
  const r = rng(0x5503);
  const name = 'rt5-rest-nonproxy-lambda-selection-500';
  const b = new Bundle(name);
  const region = 'ap-southeast-2';
  const account = '284710395562';
  const apiId = 'q2w9e4r7ty';
  const apiName = 'claims-legacy-api';
  const stage = 'v1';
  const fn = 'claims-intake';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const deploy = Date.UTC(2026, 9, 22, 1, 11, 40);
  const alarmMs = Date.UTC(2026, 9, 22, 1, 29, 17, 62);
  const win = windowOf(alarmMs, 300, 1);
  const tl = new TextLambda(r, { fn, region, runtimeVersion: 'python:3.11.v47', memory: 512, init: [520, 910] });
  interface Q { id: string; ts: number; end: number; status: number; intStatus: number; len: number; ip: string; lines: { dt: number; text: string }[]; lambdaId: string }
  const qs: Q[] = [];
  for (let t = Date.UTC(2026, 9, 22, 1, 5, 0); t < Date.UTC(2026, 9, 22, 1, 31, 0); t += r.int(14000, 30000)) {
    const id = r.uuid();
    const newFormat = t > deploy && r.chance(0.45);
    const pn = newFormat ? `PN-2026/${r.int(1000, 9999)}` : `PN${r.int(1000000, 9999999)}`;
    const badInput = !newFormat && r.chance(0.08);
    const claim = `CLM-${r.int(100000, 999999)}`;
    const errMsg = `Invalid policy number format: '${pn}'`;
    const lam = tl.invoke(t + r.int(20, 40), (lid, t0, push) => {
      push(t0 + 3, pyLine(t0 + 3, lid, 'INFO', `intake claim=${claim} policy=${pn}`));
      if (newFormat) {
        push(t0 + 12, `[ERROR] ValueError: ${errMsg}\nTraceback (most recent call last):\n  File "/var/task/app.py", line 38, in handler\n    policy = parse_policy_number(event["policyNumber"])\n  File "/var/task/claims/policy.py", line 21, in parse_policy_number\n    raise ValueError(f"Invalid policy number format: {raw!r}")\n`);
        return { end: t0 + 13 };
      }
      if (badInput) {
        push(t0 + 6, pyLine(t0 + 6, lid, 'WARNING', `rejecting claim ${claim}: missing incidentDate`));
        return { end: t0 + 8 };
      }
      const d = r.int(110, 480);
      push(t0 + d - 2, pyLine(t0 + d - 2, lid, 'INFO', `claim ${claim} stored`));
      return { end: t0 + d };
    });
    const back = lam.end - t + r.int(6, 14);
    const L: { dt: number; text: string }[] = [];
    const add = (dt: number, text: string): void => { L.push({ dt, text: `(${id}) ${text}` }); };
    const body = newFormat
      ? JSON.stringify({ errorMessage: errMsg, errorType: 'ValueError', requestId: lam.id, stackTrace: ['  File "/var/task/app.py", line 38, in handler\n    policy = parse_policy_number(event["policyNumber"])\n', '  File "/var/task/claims/policy.py", line 21, in parse_policy_number\n    raise ValueError(f"Invalid policy number format: {raw!r}")\n'] })
      : badInput ? '{"error": "BadRequest: missing incidentDate"}' : `{"claimId": "${claim}", "status": "RECEIVED"}`;
    add(0, `Extended Request Id: ${r.extendedId()}`);
    add(0, `Verifying Usage Plan for request: ${id}. API Key:  API Stage: ${apiId}/${stage}`);
    add(1, `API Key  authorized because method 'POST /claims' does not require API Key. Request will not contribute to throttle or quota limits`);
    add(1, `Usage Plan check succeeded for API Key  and API Stage ${apiId}/${stage}`);
    add(1, `Starting execution for request: ${id}`);
    add(1, 'HTTP Method: POST, Resource Path: /claims');
    add(1, 'Method request path: {}');
    add(1, 'Method request query string: {}');
    add(1, `Method request headers: {Accept=application/json, Content-Type=application/json, Host=${apiId}.execute-api.${region}.amazonaws.com, User-Agent=Apache-HttpClient/4.5.13 (Java/1.8.0_402), X-Forwarded-Proto=https}`);
    add(1, `Method request body before transformations: {"policyNumber":"${pn}","claimRef":"${claim}","incidentDate":"2026-10-19","amount":1840.50}`);
    add(2, `Endpoint request URI: https://lambda.${region}.amazonaws.com/2015-03-31/functions/${fnArn}/invocations`);
    add(2, `Endpoint request headers: {x-amzn-lambda-integration-tag=${id}, Authorization=************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************4f2b1c, X-Amz-Date=${iso(t).replace(/[-:]/g, '').slice(0, 15)}Z, x-amzn-apigateway-api-id=${apiId}, X-Amz-Source-Arn=arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/POST/claims, Accept=application/json, User-Agent=AmazonAPIGateway_${apiId}, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr//////////wEaDmFwLXNvdXRoZWFzdC0yIkcwRQIhAK [TRUNCATED]`);
    add(2, `Endpoint request body after transformations: {"policyNumber": "${pn}", "claimRef": "${claim}", "incidentDate": "2026-10-19", "amount": 1840.50, "sourceIp": "${r.pick(IPS)}"}`);
    add(2, `Sending request to https://lambda.${region}.amazonaws.com/2015-03-31/functions/${fnArn}/invocations`);
    add(back, `Received response. Status: 200, Integration latency: ${back - 3} ms`);
    add(back, `Endpoint response headers: {Date=${httpDate(t + back)}, Content-Type=application/json, Content-Length=${body.length}, Connection=keep-alive, x-amzn-RequestId=${lam.id}, ${newFormat ? 'X-Amz-Function-Error=Unhandled, ' : ''}x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=${traceIdAt(r, t)};parent=${r.hex(16)};sampled=0;lineage=1:${r.hex(8)}:0}`);
    add(back, `Endpoint response body before transformations: ${body}`);
    const status = newFormat ? 500 : badInput ? 400 : 200;
    const out = newFormat ? '{"message": "Internal error, claim not recorded"}' : badInput ? '{"message": "BadRequest: missing incidentDate"}' : `{"claimId": "${claim}", "status": "RECEIVED"}`;
    add(back + 1, `Method response body after transformations: ${out}`);
    add(back + 1, `Method response headers: {X-Amzn-Trace-Id=Root=${traceIdAt(r, t)};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0, Content-Type=application/json}`);
    add(back + 1, 'Successfully completed execution');
    add(back + 1, `Method completed with status: ${status}`);
    qs.push({ id, ts: t, end: t + back + 2, status, intStatus: 200, len: out.length, ip: r.pick(IPS), lines: L, lambdaId: lam.id });
  }
  const streams = [execStream(r), execStream(r), execStream(r)];
  const byStream = new Map<string, Ev[]>();
  for (const q of qs) { const s = r.pick(streams); const list = byStream.get(s) ?? []; for (const l of q.lines) list.push({ ts: q.ts + l.dt, msg: l.text, stream: s }); byStream.set(s, list); }
  for (const [s, evs] of byStream) b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}/${s}.json`, getLogEvents(r, evs));
  b.put(`logs/aws/lambda/${fn}.json`, filterLogEvents(r, tl.events));
  const fmt = '{"requestId":"$context.requestId","requestTime":"$context.requestTime","method":"$context.httpMethod","path":"$context.resourcePath","status":"$context.status","integrationStatus":"$context.integration.status","integrationLatency":"$context.integration.latency","lambdaRequestId":"$context.integration.requestId","responseLength":"$context.responseLength"}';
  b.put(`logs/aws/apigateway/${apiName}.jsonl`, jsonLines(qs.map((q) => ({ ts: q.end, stream: `${apiId}_${stage}`, msg: JSON.stringify({ requestId: q.id, requestTime: clfTime(q.ts), method: 'POST', path: '/claims', status: String(q.status), integrationStatus: String(q.intStatus), integrationLatency: String(q.end - q.ts - 5), lambdaRequestId: q.lambdaId, responseLength: String(q.len) }) })), 'plain'));
  const failing = qs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', snsAlarm5xx({ name: `${apiName}-${stage}-5xx`, account, region, regionName: 'Asia Pacific (Sydney)', ms: alarmMs, period: 300, evals: 1, threshold: 3, failTimes: failing.map((q) => q.ts), dims: { ApiName: apiName, Stage: stage }, metric: '5XXError' }));
  b.json('api/stage.json', restStage({ stage, deploymentId: 'n4c2x8', logLevel: 'INFO', dataTrace: true, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}`, format: fmt, created: Date.UTC(2021, 3, 9), updated: Date.UTC(2026, 5, 1, 0, 0, 0) }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/claims': { post: {
    type: 'aws', httpMethod: 'POST', uri: lambdaUri(region, fnArn), passthroughBehavior: 'when_no_templates',
    requestTemplates: { 'application/json': '#set($b = $input.path(\'$\'))\n{"policyNumber": "$b.policyNumber", "claimRef": "$b.claimRef", "incidentDate": "$b.incidentDate", "amount": $b.amount, "sourceIp": "$context.identity.sourceIp"}' },
    responses: {
      default: { statusCode: '200' },
      '.*BadRequest.*': { statusCode: '400', responseTemplates: { 'application/json': '{"message": "$input.path(\'$.error\')"}' } },
      '.*Invalid.*|.*Error.*': { statusCode: '500', responseTemplates: { 'application/json': '{"message": "Internal error, claim not recorded"}' } },
    },
  } } } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'python3.11', handler: 'app.handler', memory: 512, timeout: 20, lastModified: deploy }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error', findings: ['lambda-unhandled-error'], failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `${failing.length} 500s in the window. Non-proxy (type AWS) Lambda integration: Lambda answered 200 with X-Amz-Function-Error=Unhandled and {"errorMessage":"Invalid policy number format: ...","errorType":"ValueError"}; the integration response selectionPattern ".*Invalid.*|.*Error.*" mapped it to 500 and the execution log says "Successfully completed execution" then "Method completed with status: 500" — no "Lambda execution failed" line; the access log's integrationStatus is 200. Not mapping-template-error, not function-error-response (the function raised), not api-gateway-internal. 400s (BadRequest mapped by the other pattern) are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A deploy of \`${fn}\` (Python 3.11) at ${iso(deploy)} accepts only the old policy-number format; claims with the new \`PN-2026/nnnn\` numbers raise ValueError. The API's integration response maps any errorMessage matching \`.*Invalid.*|.*Error.*\` to 500. SNS alarm (5XXError, 300 s × 1) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`${stage}\`, ${region}; POST /claims is a **non-proxy AWS Lambda integration** (request template, integration responses with selection patterns). Execution logging INFO with data trace. Expected: **lambda-unhandled-error**.`,
    files: [`\`logs/API-Gateway-Execution-Logs_${apiId}/${stage}/<stream>.json\`: one get-log-events file per stream`, `\`logs/aws/lambda/${fn}.json\`: filter-log-events, Python text format`, `\`logs/aws/apigateway/${apiName}.jsonl\`: JSON Lines {"timestamp","message"}, custom JSON access log with integration.status (200 for the failures)`, '`api/export.json` (type aws, selection patterns), `api/stage.json`, `functions/`, `alarm.json` (SNS)'],
    noise: '400s (the function returns {"error":"BadRequest: ..."} and the other selection pattern maps it), healthy 200s.',
    sources: [
      'Non-proxy Lambda integration with an unhandled error: Lambda answers with `X-Amz-Function-Error=Unhandled` in the endpoint response headers and a body `{"stackTrace": [...], "errorType": "Exception", "errorMessage": "..."}` that the integration response regex maps to a status: public repo README "AnyResponseCodeDemo" (find_string "X-Amz-Function-Error=Unhandled"). Python 3.x error body (`errorMessage`, `errorType`, `requestId`, `stackTrace` of strings): awslambdaric.',
      'Endpoint response headers / body lines: execution-log captures in public issues (find_string "X-Amz-Function-Error=Unhandled", e.g. a 2024 capture with `X-Amzn-Trace-Id=root=…;parent=…;sampled=0;lineage=…`).',
      'Not verified: that API Gateway logs "Successfully completed execution" (and no "Lambda execution failed with status 200 due to customer function error" line) when a non-proxy integration maps a function error; this is our reading of how integration responses work (https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html).',
    ],
  }));
  b.write();
  return name;
}

// =============================================================================================
// 4. rt5-rest-rust-panic-provided
//    REST API, Lambda proxy to geo-resolver (Rust, provided.al2023, lambda_runtime + lambda_http).
//    A new postcode table lacks the Channel Islands; `.unwrap()` on the lookup panics. The runtime's
//    CatchPanicService turns it into an invocation error "Lambda panicked: ..." -> 502.
// =============================================================================================

function bundleRustPanic(): string {
  const r = rng(0x5504);
  const name = 'rt5-rest-rust-panic-provided';
  const b = new Bundle(name);
  const region = 'us-west-2';
  const account = '905713628840';
  const apiId = 'g3o8p1x5ra';
  const apiName = 'geo-api';
  const fn = 'geo-resolver';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const deploy = Date.UTC(2026, 3, 28, 22, 2, 50);
  const alarmMs = Date.UTC(2026, 3, 28, 22, 19, 3, 418);
  const win = windowOf(alarmMs, 60, 5);
  const tl = new TextLambda(r, { fn, region, runtimeVersion: 'provided:al2023.v94', memory: 256, init: [28, 61], xray: true });
  const panicMsg = 'called `Option::unwrap()` on a `None` value';
  const errType = '&alloc::boxed::Box<dyn core::any::Any + core::marker::Send>';
  const reqs: { id: string; ts: number; end: number; status: number; len: number; ip: string; path: string; lines: { dt: number; text: string }[]; trace: string }[] = [];
  for (let t = Date.UTC(2026, 3, 28, 21, 58, 0); t < Date.UTC(2026, 3, 28, 22, 21, 0); t += r.int(7000, 16000)) {
    const gy = t > deploy && r.chance(0.3);
    const pc = gy ? r.pick(['GY1 1AA', 'JE2 3NP', 'GY9 3TX', 'JE4 8PX']) : r.pick(['SW1A 1AA', 'M1 1AE', 'EH1 2NG', 'B33 8TH', 'CF10 1EP', 'LS1 4DY']);
    const trace = traceIdAt(r, t);
    const lam = tl.invoke(t + r.int(15, 30), (lid, t0, push) => {
      const span = `Lambda runtime invoke{requestId="${lid}" xrayTraceId="Root=${trace};Parent=${r.hex(16)};Sampled=1;Lineage=1:${r.hex(8)}:0"}`;
      push(t0 + 1, ` INFO ${span}: geo_resolver::handler: resolving postcode="${pc}"`);
      if (gy) {
        push(t0 + 2, `thread 'main' panicked at src/handler.rs:88:51:\n${panicMsg}\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace\n`);
        push(t0 + 2, `ERROR ${span}: lambda_runtime::layers::panic: user handler panicked error=Any { .. }`);
        return { end: t0 + 3, used: r.int(19, 24) };
      }
      const d = r.int(3, 14);
      if (r.chance(0.1)) push(t0 + d - 1, ` WARN ${span}: geo_resolver::cache: postcode cache miss, falling back to table scan`);
      return { end: t0 + d, used: r.int(19, 24) };
    }, { trace });
    const id = r.uuid();
    const latency = lam.end - t + r.int(8, 20);
    const out = gy ? JSON.stringify({ errorType: errType, errorMessage: `Lambda panicked: ${panicMsg}` }) : '{"statusCode":200,"headers":{"content-type":"application/json"},"multiValueHeaders":{},"body":"{...}","isBase64Encoded":false}';
    const lines = restExecLines({ id, ext: r.extendedId(), apiId, stage: 'prod', method: 'GET', resource: '/postcodes/{postcode}', path: `/postcodes/${pc.replace(' ', '%20')}`, fnArn, region, ts: t, latency, lambdaId: lam.id, status: gy ? 502 : 200, dataTrace: false, outcome: gy ? { kind: 'unhandled', errorMessage: `Lambda panicked: ${panicMsg}`, body: out } : { kind: 'ok', body: out }, trace });
    reqs.push({ id, ts: t, end: t + latency + 2, status: gy ? 502 : 200, len: gy ? 36 : r.int(140, 420), ip: r.pick(IPS), path: `/postcodes/${pc}`, lines, trace });
  }
  // Execution log: a Logs Insights query for errors only.
  const evs: Ev[] = [];
  const streams = [execStream(r), execStream(r), execStream(r)];
  for (const q of reqs) { const s = r.pick(streams); for (const l of q.lines) if (/customer function error|Method completed with status|X-ray Tracing ID/.test(l.text) || q.status >= 500) evs.push({ ts: q.ts + l.dt, msg: l.text, stream: s }); }
  b.put('logs/insights/geo-api-exec.json', insightsResults(r, evs, { account, group: `API-Gateway-Execution-Logs_${apiId}/prod`, requestIdField: false, ingestion: false }));
  b.put(`logs/aws/lambda/${fn}.log`, tailShort(tl.events));
  b.put(`logs/aws/apigateway/${apiName}-prod.csv.log`, tailLong(reqs.map((q) => ({ ts: q.end, stream: `${apiId}_prod`, msg: `${q.ip},-,-,${clfTime(q.ts)},GET,/postcodes/{postcode},HTTP/1.1,${q.status},${q.len},${q.id},${q.trace}` }))));
  const failing = reqs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', ebAlarm5xx(r, { name: `${apiName}-prod-5xx`, account, region, ms: alarmMs, period: 60, evals: 5, threshold: 1, failTimes: failing.map((q) => q.ts), dims: { ApiName: apiName, Stage: 'prod' }, metric: '5XXError' }));
  b.json('api/stage.json', restStage({ stage: 'prod', deploymentId: 'g7d1s4', logLevel: 'INFO', dataTrace: false, tracing: true, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}-prod`, format: '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.xrayTraceId', created: Date.UTC(2025, 8, 8), updated: Date.UTC(2026, 2, 2) }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'provided.al2023', handler: 'bootstrap', memory: 256, timeout: 10, lastModified: deploy, arch: 'arm64', tracing: 'Active', env: { RUST_LOG: 'info', POSTCODE_TABLE: 's3://geo-data-prod/postcodes-2026-04.bin' } }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error', findings: ['lambda-unhandled-error'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `${failing.length} 502s in the window: geo-resolver (Rust, provided.al2023) panics ("thread 'main' panicked at src/handler.rs:88:51: ${panicMsg}"); lambda_runtime catches the panic and reports an invocation error "Lambda panicked: ..." (no Runtime.ExitError, the process lives on, no new INIT). Not lambda-init-error, not malformed-proxy-response. Only errors and status lines are in the execution-log export.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A deploy of \`${fn}\` at ${iso(deploy)} loads a new postcode table without Channel Islands postcodes; the handler \`.unwrap()\`s the lookup and panics for GY/JE postcodes; GET /postcodes/{postcode} answers 502. EventBridge alarm (5XXError, 60 s × 5) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}; Lambda proxy to \`${fn}\` (Rust, **provided.al2023**, arm64, lambda_runtime/lambda_http, X-Ray active). Expected: **lambda-unhandled-error**.`,
    files: ['`logs/insights/geo-api-exec.json`: get-query-results (newest first) of the execution log, filtered to errors/status lines', `\`logs/aws/lambda/${fn}.log\`: \`aws logs tail --format short\` (tracing-subscriber text lines, panic message across 3 lines)`, `\`logs/aws/apigateway/${apiName}-prod.csv.log\`: \`aws logs tail\` of the CSV access log (with xrayTraceId)`, '`api/stage.json`, `functions/`, `alarm.json` (EventBridge)'],
    noise: 'Healthy 200s, WARN cache-miss lines, cold starts with short Init Duration (custom runtime).',
    sources: [
      'Panic → invocation error: lambda_runtime `CatchPanicService` logs `error!(error = ?err, "user handler panicked")` and reports `error_message: "Lambda panicked: {msg}"`, `error_type: type_name_of_val(&err)`: awslabs/aws-lambda-rust-runtime lambda-runtime/src/layers/panic.rs.',
      'Rust ≥1.73 default panic hook: `thread \'main\' panicked at src/…rs:L:C:` then the message on the next line, then `note: run with `RUST_BACKTRACE=1` …`; older form `panicked at \'msg\', file:line:col` in aws-lambda-rust-runtime#89.',
      'Span `Lambda runtime invoke{requestId=… xrayTraceId=…}` and the text layout of `tracing_subscriber` lines: our reading of lambda_runtime\'s tracing layer (lambda-runtime/src/layers/trace.rs), not a verified CloudWatch capture.',
      'Execution-log unhandled-error lines: public captures (find_string "X-Amz-Function-Error=Unhandled"), as in the team\'s fixtures.',
    ],
  }));
  b.write();
  return name;
}

// =============================================================================================
// 5. rt5-http-dotnet-json-sqs-kms-denied
//    HTTP API, Lambda proxy to notify-enqueue (.NET 8, LogFormat JSON). A security baseline switched the
//    notifications queue to a customer-managed KMS key; the function role lacks kms:GenerateDataKey.
//    SendMessage throws Amazon.SQS.Model.KmsAccessDeniedException, unhandled -> 500.
// =============================================================================================

function bundleDotnetKms(): string {
  const r = rng(0x5505);
  const name = 'rt5-http-dotnet-json-sqs-kms-denied';
  const b = new Bundle(name);
  const region = 'eu-west-1';
  const account = '146203958817';
  const apiId = 'n8t3f6y1wd';
  const fn = 'notify-enqueue';
  const change = Date.UTC(2026, 10, 9, 15, 31, 4);
  const alarmMs = Date.UTC(2026, 10, 9, 15, 46, 52, 205);
  const win = windowOf(alarmMs, 300, 1);
  const keyArn = `arn:aws:kms:${region}:${account}:key/5d1e7a3c-92b4-4f08-b6e1-0c8a2f4d9e71`;
  const events: Ev[] = [];
  const envs: { stream: string; freeAt: number }[] = [];
  const tracing = (tr: string): unknown => ({ spanId: r.hex(16), type: 'X-Amzn-Trace-Id', value: `Root=${tr};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0` });
  interface Q { id: string; ts: number; end: number; route: string; status: number; len: number; ip: string }
  const qs: Q[] = [];
  for (let t = Date.UTC(2026, 10, 9, 15, 20, 0); t < Date.UTC(2026, 10, 9, 15, 50, 0); t += r.int(10000, 24000)) {
    const id = r.httpRequestId();
    const isGet = r.chance(0.3);
    if (isGet) { qs.push({ id, ts: t, end: t + r.int(20, 80), route: 'GET /notifications/{id}', status: r.chance(0.2) ? 404 : 200, len: r.int(24, 500), ip: r.pick(IPS) }); continue; }
    const lid = r.uuid();
    const tr = traceIdAt(r, t);
    let env = envs.find((e) => e.freeAt < t);
    let t0 = t + r.int(10, 20);
    if (!env) {
      env = { stream: lambdaStream(r, t), freeAt: 0 };
      envs.push(env);
      const initMs = r.int(380, 620) + r.next();
      events.push({ ts: t0, stream: env.stream, msg: sysJson(t0, 'platform.initStart', { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'dotnet:8.v39', runtimeVersionArn: `arn:aws:lambda:${region}::runtime:${r.hex(64)}`, functionName: fn, functionVersion: '$LATEST' }) });
      events.push({ ts: t0 + Math.ceil(initMs), stream: env.stream, msg: sysJson(t0 + Math.ceil(initMs), 'platform.initRuntimeDone', { initializationType: 'on-demand', phase: 'init', status: 'success' }) });
      events.push({ ts: t0 + Math.ceil(initMs), stream: env.stream, msg: sysJson(t0 + Math.ceil(initMs), 'platform.initReport', { initializationType: 'on-demand', phase: 'init', status: 'success', metrics: { durationMs: Math.round(initMs * 1000) / 1000 } }) });
      t0 += Math.ceil(initMs) + 1;
    }
    const s = env.stream;
    events.push({ ts: t0, stream: s, msg: sysJson(t0, 'platform.start', { requestId: lid, version: '$LATEST', tracing: tracing(tr) }) });
    const channel = r.pick(['email', 'sms', 'push']);
    events.push({ ts: t0 + 4, stream: s, msg: JSON.stringify({ timestamp: iso(t0 + 4), level: 'Information', requestId: lid, traceId: `Root=${tr};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0`, message: `Enqueueing ${channel} notification for tenant t-${r.int(100, 999)}`, channel }) });
    const denied = t > change + 40_000;
    let end: number;
    if (denied) {
      const d = r.int(160, 320);
      const kmsReq = r.uuid();
      const msg = `The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access. (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: ${kmsReq}; Proxy: null)`;
      events.push({ ts: t0 + d, stream: s, msg: JSON.stringify({ timestamp: iso(t0 + d), level: 'Error', requestId: lid, traceId: `Root=${tr};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0`, message: null, errorType: 'Amazon.SQS.Model.KmsAccessDeniedException', errorMessage: msg, stackTrace: [
        `Amazon.SQS.Model.KmsAccessDeniedException: ${msg}`,
        '---> Amazon.Runtime.Internal.HttpErrorResponseException: Exception of type \'Amazon.Runtime.Internal.HttpErrorResponseException\' was thrown.',
        'at Amazon.Runtime.HttpWebRequestMessage.ProcessHttpResponseMessage(HttpResponseMessage responseMessage)',
        'at Amazon.Runtime.HttpWebRequestMessage.GetResponseAsync(CancellationToken cancellationToken)',
        '--- End of inner exception stack trace ---',
        'at Amazon.Runtime.Internal.HttpErrorResponseExceptionHandler.HandleExceptionStream(IRequestContext requestContext, IWebResponseData httpErrorResponse, HttpErrorResponseException exception, Stream responseStream)',
        'at Amazon.Runtime.Internal.ErrorHandler.InvokeAsync[T](IExecutionContext executionContext)',
        'at Amazon.Runtime.Internal.CallbackHandler.InvokeAsync[T](IExecutionContext executionContext)',
        'at Notify.Enqueue.NotificationQueue.SendAsync(Notification n) in /src/Notify.Enqueue/NotificationQueue.cs:line 44',
        'at Notify.Enqueue.Function.FunctionHandler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context) in /src/Notify.Enqueue/Function.cs:line 31',
        'at lambda_method1(Closure, Stream, ILambdaContext, Stream)',
        'at Amazon.Lambda.RuntimeSupport.HandlerWrapper.<>c__DisplayClass8_0.<<GetHandlerWrapper>b__0>d.MoveNext()',
      ] }) });
      end = t0 + d + 2;
      events.push({ ts: end, stream: s, msg: sysJson(end, 'platform.runtimeDone', { requestId: lid, status: 'error', errorType: 'KmsAccessDeniedException', metrics: { durationMs: end - t0, producedBytes: 0 }, tracing: tracing(tr), spans: [] }) });
      events.push({ ts: end, stream: s, msg: sysJson(end, 'platform.report', { requestId: lid, metrics: { durationMs: end - t0 + 0.41, billedDurationMs: end - t0 + 1, memorySizeMB: 512, maxMemoryUsedMB: r.int(96, 118) }, tracing: tracing(tr), status: 'error', errorType: 'KmsAccessDeniedException' }) });
    } else {
      const d = r.int(40, 140);
      events.push({ ts: t0 + d - 1, stream: s, msg: JSON.stringify({ timestamp: iso(t0 + d - 1), level: 'Information', requestId: lid, traceId: `Root=${tr};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0`, message: `Queued message ${r.uuid()}` }) });
      end = t0 + d;
      events.push({ ts: end, stream: s, msg: sysJson(end, 'platform.runtimeDone', { requestId: lid, status: 'success', metrics: { durationMs: d, producedBytes: 112 }, tracing: tracing(tr), spans: [] }) });
      events.push({ ts: end, stream: s, msg: sysJson(end, 'platform.report', { requestId: lid, metrics: { durationMs: d + 0.37, billedDurationMs: d + 1, memorySizeMB: 512, maxMemoryUsedMB: r.int(92, 110) }, tracing: tracing(tr), status: 'success' }) });
    }
    env.freeAt = end + 2;
    qs.push({ id, ts: t, end: end + r.int(4, 10), route: 'POST /notifications', status: denied ? 500 : 202, len: denied ? 35 : 52, ip: r.pick(IPS) });
  }
  b.put(`logs/aws/lambda/${fn}.json`, filterLogEvents(r, events));
  b.put('logs/insights/notify-http-access.json', insightsResults(r, qs.map((q) => ({ ts: q.end, stream: `${apiId}_$default`, msg: `{ "requestId":"${q.id}", "ip": "${q.ip}", "requestTime":"${clfTime(q.ts)}", "httpMethod":"${q.route.split(' ')[0] ?? ''}","routeKey":"${q.route}", "status":"${q.status}","protocol":"HTTP/1.1", "responseLength":"${q.len}" }` })), { account, group: '/aws/vendedlogs/apigateway/notify-http', requestIdField: false, ingestion: true }));
  const failing = qs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', snsAlarm5xx({ name: 'notify-http-5xx', account, region, regionName: 'EU (Ireland)', ms: alarmMs, period: 300, evals: 1, threshold: 5, failTimes: failing.map((q) => q.ts), dims: { ApiId: apiId, Stage: '$default' }, metric: '5xx' }));
  b.json('api/export.json', httpExport({ title: 'notify-http', apiId, region, version: '2026-10-01 10:00:00UTC', routes: [{ method: 'POST', path: '/notifications', fnArn: `arn:aws:lambda:${region}:${account}:function:${fn}` }, { method: 'GET', path: '/notifications/{id}', fnArn: `arn:aws:lambda:${region}:${account}:function:notify-status` }] }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'dotnet8', handler: 'Notify.Enqueue::Notify.Enqueue.Function::FunctionHandler', memory: 512, timeout: 15, lastModified: Date.UTC(2026, 9, 14, 9, 0, 0), logFormat: 'JSON', role: `arn:aws:iam::${account}:role/notify-enqueue-role`, env: { QUEUE_URL: `https://sqs.${region}.amazonaws.com/${account}/notifications` } }));
  b.json('changes/lookup-events.json', { Events: [cloudTrailEvent(r, {
    ms: change, eventName: 'SetQueueAttributes', eventSource: 'sqs.amazonaws.com', user: 'security-baseline', userArn: `arn:aws:sts::${account}:assumed-role/security-baseline-automation/security-baseline`, region, account,
    resources: [{ ResourceType: 'AWS::SQS::Queue', ResourceName: `https://sqs.${region}.amazonaws.com/${account}/notifications` }],
    request: { queueUrl: `https://sqs.${region}.amazonaws.com/${account}/notifications`, attributes: { KmsMasterKeyId: keyArn, KmsDataKeyReusePeriodSeconds: '300', SqsManagedSseEnabled: 'false' } }, userAgent: 'Boto3/1.35.40 md/Botocore#1.35.40 ua/2.0 os/linux#5.10.227 md/arch#x86_64 lang/python#3.12.6 exec-env/AWS_Lambda_python3.12',
  })] });
  b.json('expected.json', {
    rootCause: 'downstream-access-denied', findings: ['downstream-access-denied'], failingRequests: failing.length,
    api: { id: apiId, stage: '$default', type: 'HTTP' },
    notes: `${failing.length} POST /notifications 500s in the window. The function (.NET 8, LogFormat JSON) lets Amazon.SQS.Model.KmsAccessDeniedException escape: its role may send to the queue but has no kms:GenerateDataKey on the customer-managed key the queue was switched to at ${iso(change)} (CloudTrail SetQueueAttributes KmsMasterKeyId). The message says "you are not allowed to access" (Error Code: AccessDeniedException), not "is not authorized to perform". Per contract: downstream-access-denied, with lambda-unhandled-error as an alternative. GET 404s are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `At ${iso(change)} a security-baseline automation switched SQS queue \`notifications\` from SSE-SQS to a customer-managed KMS key. \`${fn}\`'s role has sqs:SendMessage but no kms:GenerateDataKey on that key, so every SendMessage fails with KmsAccessDeniedException, which the .NET handler does not catch: POST /notifications answers 500. SNS alarm (5xx, 300 s × 1) at ${iso(alarmMs)}.`,
    api: `HTTP API \`notify-http\` (\`${apiId}\`), stage \`$default\`, ${region}; Lambda proxy (payload 2.0). Function runtime **dotnet8**, **LogFormat JSON**. Expected: **downstream-access-denied**.`,
    files: [`\`logs/aws/lambda/${fn}.json\`: filter-log-events; JSON log format (platform.* records and {"timestamp","level","requestId","traceId","message",...} app records; the unhandled exception as {"errorType","errorMessage","stackTrace":[...]})`, '`logs/insights/notify-http-access.json`: get-query-results (newest first), console default HTTP JSON access format', '`changes/lookup-events.json` (sqs SetQueueAttributes), `api/export.json`, `functions/`, `alarm.json` (SNS)'],
    noise: 'GET /notifications/{id} (another function, 200/404), healthy POSTs before the change, cold starts.',
    sources: [
      '.NET JSON-format unhandled exception record `{"timestamp","level":"Error","requestId","traceId","message":null,"errorType","errorMessage","stackTrace":[...lines of ToString()]}`: aws/aws-lambda-dotnet#1737 (and structured logging announcement aws/aws-lambda-dotnet#1747).',
      'KMS access denial through a service: `The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access. (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: …; Proxy: null)`: opensearch-project/data-prepper#2422 (SQS), aws/aws-cdk#24337 (SNS producer, KMSAccessDeniedException); producers need kms:GenerateDataKey: github-aws-runners/terraform-aws-github-runner#3126, aws/aws-cdk#6609.',
      'Platform records (platform.start/runtimeDone/report with status "error" and errorType): Lambda Telemetry API schema; exception class `Amazon.SQS.Model.KmsAccessDeniedException` (SQS API error KMS.AccessDeniedException) is our reading of the .NET SDK naming.',
    ],
  }));
  b.write();
  return name;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

sizeReport([bundleHttpAuthorizerTimeout(), bundleVpcLinkReset(), bundleNonProxySelection(), bundleRustPanic(), bundleDotnetKms()]);
void gunzipSync;
void restAccessJsonDefault;
