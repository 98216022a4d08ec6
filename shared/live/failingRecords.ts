import type { LogEvent } from '../model/logEvent.ts';
import type { AccessLogRecord, ExecutionLogLine } from '../model/records.ts';
import type { CompiledAccessLogFormat } from '../parsers/compileAccessLogFormat.ts';
import { parseAccessLogRecord } from '../parsers/parseAccessLogRecord.ts';
import { parseExecutionLogLine } from '../parsers/parseExecutionLogLine.ts';
import { SIGNATURE_PART_LENGTH, SIGNATURE_SEPARATOR } from './logsInsights/queries.ts';
import { type FailureGroup, type FailureSummary, stratifiedSample } from './logsInsights/failureRows.ts';

/**
 * The failing requests a live diagnosis found (pure functions): the raw failing records of the first query,
 * read with the engine's own parsers, grouped by error signature, and the stratified sample drawn from them.
 */

/** One failing API request as the first query found it. */
export interface FailingRequest {
  requestId: string;
  /** Epoch ms of its record (access log line, or "Method completed" line). */
  time: number;
  status?: number;
  route?: string;
  /** Status, route and error texts: requests that share it failed the same visible way. */
  signature: string;
  /** $context.integration.requestId: the Lambda request id, when the format logs it. */
  lambdaRequestId?: string;
  traceId?: string;
}

export interface FailingRequests {
  requests: FailingRequest[];
  summary: FailureSummary;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACE = /1-[0-9a-f]{8}-[0-9a-f]{24}/i;

/** Failing access log records (status ≥ 500) among the events; records of other APIs or stages are left out. */
export function failingFromAccessLog(events: readonly LogEvent[], format: CompiledAccessLogFormat | undefined, scope: { apiId?: string; stage?: string }): FailingRequests {
  const byId = new Map<string, FailingRequest>();
  for (const event of events) {
    const record = parseAccessLogRecord(event, format);
    if (!record || record.status === undefined || record.status < 500) continue;
    if (scope.apiId && record.apiId && record.apiId !== scope.apiId) continue;
    if (scope.stage && record.stage && record.stage !== scope.stage) continue;
    byId.set(record.requestId, fromAccessRecord(record));
  }
  return summarise([...byId.values()], 'access-log');
}

function fromAccessRecord(record: AccessLogRecord): FailingRequest {
  const route = record.routeKey && record.routeKey !== '-' ? record.routeKey : [record.httpMethod, record.resourcePath ?? record.path].filter(Boolean).join(' ');
  const texts = [
    record.errorResponseType,
    record.integrationErrorMessage ?? record.integrationError,
    record.errorMessage,
    record.authorizerError,
    record.integrationStatus === undefined ? undefined : String(record.integrationStatus),
  ].map((t) => (t === undefined || t === '-' ? '-' : masked(t)));
  const request: FailingRequest = {
    requestId: record.requestId,
    time: record.timestamp,
    signature: [String(record.status ?? '-'), route || '-', ...texts].join(SIGNATURE_SEPARATOR),
  };
  if (record.status !== undefined) request.status = record.status;
  if (route) request.route = route;
  const lambdaId = record.integrationRequestId?.trim();
  if (lambdaId && UUID.test(lambdaId)) request.lambdaRequestId = lambdaId.toLowerCase();
  const trace = record.xrayTraceId ? TRACE.exec(record.xrayTraceId)?.[0] : undefined;
  if (trace) request.traceId = trace.toLowerCase();
  return request;
}

/**
 * Failing requests from execution log lines: every request with a "Method completed with status: 5xx" line,
 * its signature the status and its first failure line. Failure lines of requests without such a line (a 4xx
 * that logged a failure) are not failing requests.
 */
export function failingFromExecutionLog(events: readonly LogEvent[], scope: { apiId?: string; stage?: string }): FailingRequests {
  const lines = new Map<string, ExecutionLogLine[]>();
  for (const event of events) {
    const line = parseExecutionLogLine(event);
    if (!line) continue;
    const group = event.logGroup ?? '';
    if (scope.apiId && group.startsWith('API-Gateway-Execution-Logs_') && group !== `API-Gateway-Execution-Logs_${scope.apiId}/${scope.stage ?? ''}`) continue;
    const list = lines.get(line.requestId) ?? [];
    list.push(line);
    lines.set(line.requestId, list);
  }
  const requests: FailingRequest[] = [];
  for (const [requestId, list] of lines) {
    const completed = list.map((l) => /^Method completed with status:\s*(5\d\d)/.exec(l.text)).find((m) => m !== null);
    if (!completed) continue;
    const status = Number(completed[1]);
    const failure = list.find((l) => !l.text.startsWith('Method completed'))?.text ?? '-';
    const time = Math.min(...list.map((l) => l.timestamp));
    requests.push({ requestId, time, status, signature: [String(status), masked(failure)].join(SIGNATURE_SEPARATOR) });
  }
  return summarise(requests, 'execution-log');
}

/** Error texts without what makes each one unique (ids, numbers, times), cut like the failure queries cut them. */
function masked(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\d+(?:\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SIGNATURE_PART_LENGTH);
}

/** Groups by signature, largest first, each group's ids oldest first (so that the sample spreads over time). */
function summarise(requests: FailingRequest[], countedFrom: FailureSummary['countedFrom']): FailingRequests {
  requests.sort((a, b) => a.time - b.time || a.requestId.localeCompare(b.requestId));
  const groups = new Map<string, FailureGroup>();
  const byStatus: Record<string, number> = {};
  const byRoute: Record<string, number> = {};
  for (const r of requests) {
    const group = groups.get(r.signature) ?? {
      key: r.signature,
      kind: countedFrom === 'access-log' ? ('access-log' as const) : ('execution-failure' as const),
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.route ? { route: r.route } : {}),
      signature: r.signature,
      rawSignature: r.signature,
      parts: {},
      count: 0,
      requestIds: [],
      firstSeen: r.time,
    };
    group.count++;
    group.requestIds.push(r.requestId);
    group.lastSeen = r.time;
    groups.set(r.signature, group);
    if (r.status !== undefined) byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
    if (r.route) byRoute[r.route] = (byRoute[r.route] ?? 0) + 1;
  }
  const summary: FailureSummary = {
    countedFrom,
    total: requests.length,
    byStatus,
    byRoute,
    groups: [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
  };
  const first = requests[0];
  const last = requests[requests.length - 1];
  if (first) summary.onset = first.time;
  if (last) summary.last = last.time;
  return { requests, summary };
}

/** The sample: `size` ids stratified by signature (a rare second cause is drawn too), spread over time. */
export function sampleFailing(failing: FailingRequests, size: number): FailingRequest[] {
  const ids = stratifiedSample(failing.summary, size).requestIds;
  const byId = new Map(failing.requests.map((r) => [r.requestId, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is FailingRequest => r !== undefined);
}
