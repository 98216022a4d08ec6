import type { AccessLogRecord, ExecutionLogLine, LambdaLogRecord, TraceSegment } from '../../../model/records.ts';
import type { BundleContext, FunctionInfo, IntegrationInfo } from '../../../model/context.ts';
import type { RequestEvidence, InvocationMatch } from '../../../correlate/requestEvidence.ts';
import type { ExecutionRequest } from '../../../correlate/EvidenceCollector.ts';
import { type Invocation, type LambdaLine, functionNameOfLogGroup, isNotableRecord } from '../../../correlate/invocation.ts';
import { normaliseTraceId } from '../../../correlate/correlateRequests.ts';
import { parseExecutionLogLine } from '../../../parsers/parseExecutionLogLine.ts';
import { extractExecutionFacts } from '../../../parsers/executionLogFacts.ts';
import { parseAccessLogRecord } from '../../../parsers/parseAccessLogRecord.ts';
import { lambdaRequestIdOf, parseLambdaLogLine } from '../../../parsers/parseLambdaLogLine.ts';
import { parseTraceDocuments } from '../../../parsers/parseTraceDocuments.ts';
import type { ClassifyContext, FindingFacts, Rule, RuleMatch } from '../../rule.ts';

/**
 * Test helper: a RequestEvidence built from real log text, through the real parsers, the way the engine
 * builds one (EvidenceCollector groups lines, correlateRequests ties the layers). Tests pass the lines
 * as AWS writes them; nothing here invents a parsed record.
 */

export const API_ID = 'a1b2c3d4e5';
export const REGION = 'eu-west-1';
export const ACCOUNT_ID = '123456789012';
/** A fixed start time: 2024-05-21T19:48:44.000Z. */
export const T0 = Date.UTC(2024, 4, 21, 19, 48, 44);

export interface EvidenceLines {
  /** API Gateway's request id; a UUID for REST. Default: the access record's, else a fixed UUID. */
  requestId?: string;
  /** Execution log texts as written after "(<requestId>) ", in order. */
  execution?: readonly string[];
  executionLogGroup?: string;
  /** One access log line as written (or an object, written as JSON). */
  access?: string | Record<string, unknown>;
  /** The messages the function's log stream holds, in order (INIT lines before START become init lines). */
  lambda?: readonly string[];
  lambdaLogGroup?: string;
  /** The integrated function, when no log names it (HTTP APIs, or REST without execution logs). */
  functionName?: string;
  /** How the invocation was tied to the request; default: by the id a gateway log names, else by time. */
  invocationMatch?: InvocationMatch;
  /** Fields of `aws lambda get-function-configuration`, normalised. */
  functionConfig?: Omit<FunctionInfo, 'name' | 'file'> & { name?: string };
  integration?: IntegrationInfo;
  /** `aws xray batch-get-traces` output. */
  traces?: unknown;
  time?: number;
}

const DEFAULT_REQUEST_ID = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';

export function requestEvidence(spec: EvidenceLines): RequestEvidence {
  const time = spec.time ?? T0;
  const access = spec.access !== undefined ? accessRecord(spec.access, time) : undefined;
  const requestId = spec.requestId ?? access?.requestId ?? DEFAULT_REQUEST_ID;
  const r: RequestEvidence = { requestId, time: access?.timestamp ?? time, segments: [] };
  if (access) r.access = access;

  if (spec.execution && spec.execution.length > 0) {
    const group = spec.executionLogGroup ?? `API-Gateway-Execution-Logs_${API_ID}/prod`;
    const lines = spec.execution.map((text, i) => executionLine(requestId, text, time + i * 5, group));
    const status = [...lines].reverse().map((l) => /^Method completed with status:\s*(\d{3})/.exec(l.text)?.[1]).find((s) => s !== undefined);
    const execution: ExecutionRequest = { requestId, lines, first: lines[0]?.timestamp ?? time, last: lines[lines.length - 1]?.timestamp ?? time };
    if (status !== undefined) execution.status = Number(status);
    r.execution = execution;
    r.facts = extractExecutionFacts(lines);
  }

  const status = access?.status ?? r.execution?.status ?? r.facts?.status;
  if (status !== undefined) r.status = status;
  const route = routeOf(r);
  if (route) r.route = route;
  if (spec.integration) r.integration = spec.integration;

  const fromLogs = r.facts?.functionName ?? spec.integration?.functionName ?? spec.functionName;
  const logGroup = spec.lambdaLogGroup ?? (fromLogs ? `/aws/lambda/${fromLogs}` : undefined);
  if (spec.lambda && spec.lambda.length > 0) r.invocation = invocation(spec.lambda, time + 20, logGroup);

  const traceId = normaliseTraceId(access?.xrayTraceId) ?? normaliseTraceId(r.facts?.traceId);
  if (traceId) r.traceId = traceId;
  if (spec.traces !== undefined) {
    const parsed = parseTraceDocuments(spec.traces);
    if ('problem' in parsed) throw new Error(`fixture is not X-Ray output: ${parsed.problem}`);
    r.segments = parsed.segments;
    r.traceId ??= parsed.segments[0]?.traceId;
  }

  const gatewayLambdaId = r.facts?.lambdaRequestId ?? access?.integrationRequestId;
  if (gatewayLambdaId) r.lambdaRequestId = gatewayLambdaId;
  if (r.invocation) {
    r.invocationMatch =
      spec.invocationMatch ??
      (gatewayLambdaId === r.invocation.requestId ? 'request-id' : r.segments.some((s) => s.awsRequestId === r.invocation?.requestId) ? 'trace' : 'time');
    r.lambdaRequestId ??= r.invocation.requestId;
  }

  const functionName = fromLogs ?? functionNameOfLogGroup(r.invocation?.logGroup, new Map());
  if (functionName && !functionName.includes('${')) r.functionName = functionName;
  if (spec.functionConfig) {
    const name = spec.functionConfig.name ?? r.functionName ?? 'function';
    r.functionConfig = { ...spec.functionConfig, name, file: `functions/${name}.json` };
  }
  return r;
}

function accessRecord(line: string | Record<string, unknown>, time: number): AccessLogRecord {
  const message = typeof line === 'string' ? line : JSON.stringify(line);
  const record = parseAccessLogRecord({ timestamp: time, message, logGroup: `/aws/apigateway/${API_ID}-access`, file: 'logs/access.json' });
  if (!record) throw new Error(`fixture is not an access log line: ${message}`);
  return record;
}

function executionLine(requestId: string, text: string, timestamp: number, logGroup: string): ExecutionLogLine {
  const line = parseExecutionLogLine({ timestamp, message: `(${requestId}) ${text}`, logGroup, file: 'logs/execution.json' });
  if (!line) throw new Error(`fixture is not an execution log line: ${text}`);
  return line;
}

/** One log stream's lines grouped as EvidenceCollector groups them: init lines, then START … REPORT. */
function invocation(messages: readonly string[], start: number, logGroup: string | undefined): Invocation {
  const parsed = messages.map((raw, i) => ({ raw, record: parseLambdaLogLine(raw), timestamp: start + i * 10 }));
  const hasStart = parsed.some((p) => p.record?.kind === 'start');
  let started = !hasStart;
  let requestId: string | undefined;
  let report: Extract<LambdaLogRecord, { kind: 'report' }> | undefined;
  let end: number | undefined;
  const initLines: LambdaLine[] = [];
  const lines: LambdaLine[] = [];
  for (const p of parsed) {
    if (!p.record) continue;
    const line: LambdaLine = { timestamp: p.timestamp, record: p.record, raw: p.raw };
    if (p.record.kind === 'start') {
      started = true;
      requestId = p.record.requestId;
      continue;
    }
    if (!started || (!hasStart && p.record.kind === 'init')) {
      // As the collector does: before START only init records and failure-like lines are kept.
      if (p.record.kind === 'init' || isNotableRecord(p.record)) initLines.push(line);
      continue;
    }
    lines.push(line);
    if (p.record.kind === 'report') {
      report = p.record;
      end = p.timestamp;
    }
  }
  requestId ??= report?.requestId ?? messages.map((m) => lambdaRequestIdOf(m)).find((id) => id !== undefined) ?? 'a0f5bb76-5f0c-4a3e-9d3c-2d1e0f9a8b7c';
  const inv: Invocation = {
    requestId,
    file: 'logs/lambda.json',
    start,
    lines,
    initLines,
    notable: [...initLines, ...lines].some((l) => isNotableRecord(l.record)),
    truncated: false,
  };
  if (logGroup) inv.logGroup = logGroup;
  if (report) inv.report = report;
  if (end !== undefined) inv.end = end;
  return inv;
}

/** "GET /orders/{id}", as correlateRequests names routes. */
function routeOf(r: RequestEvidence): string | undefined {
  const a = r.access;
  if (a?.routeKey) return a.routeKey;
  const method = a?.httpMethod ?? r.facts?.httpMethod;
  const path = a?.resourcePath ?? r.facts?.resourcePath ?? a?.path ?? r.facts?.path;
  if (method && path) return `${method} ${path}`;
  return path;
}

export function emptyContext(overrides: Partial<BundleContext> = {}): BundleContext {
  return { deployments: [], functions: [], metrics: [], changes: [], ...overrides };
}

export function classifyContext(apiType: ClassifyContext['apiType'], context: Partial<BundleContext> = {}): ClassifyContext {
  return { apiType, context: emptyContext(context) };
}

/** The match a rule must find; fails the test with the rule's id when it finds none. */
export function mustMatch(rule: Rule, r: RequestEvidence, ctx: ClassifyContext): RuleMatch {
  const m = rule.match(r, ctx);
  if (!m) throw new Error(`${rule.id} did not match request ${r.requestId}`);
  return m;
}

/** What buildFindings hands summarise/remediate for a finding made of these matched requests. */
export function findingFacts(
  matched: readonly { request: RequestEvidence; match: RuleMatch }[],
  ctx: ClassifyContext,
  scope: Partial<Pick<FindingFacts, 'region' | 'accountId' | 'apiId' | 'stage' | 'firstSeen'>> = {},
): FindingFacts {
  const distinct = <T>(xs: (T | undefined)[]): T[] => [...new Set(xs.filter((x): x is T => x !== undefined))];
  return {
    requestCount: matched.length,
    routes: distinct(matched.map((m) => m.request.route)),
    functions: distinct(matched.map((m) => m.match.facts.functionName ?? m.request.functionName)),
    statusCodes: distinct(matched.map((m) => m.request.status)).sort(),
    facts: { ...matched[0]?.match.facts },
    apiType: ctx.apiType,
    context: ctx.context,
    ...scope,
  };
}

export function segmentsOf(traces: unknown): TraceSegment[] {
  const parsed = parseTraceDocuments(traces);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.segments;
}
