import type { EvidenceItem } from '../model/diagnosis.ts';
import type { ExecutionLogLine, TraceSegment } from '../model/records.ts';
import type { RequestEvidence } from '../correlate/requestEvidence.ts';
import type { LambdaLine } from '../correlate/invocation.ts';
import { redact } from '../redact/redact.ts';
import { accessErrorTexts, isFunctionErrorQuote } from './signals.ts';

/** Excerpts are quoted in messages people read: short, redacted, one concern each. */
const MAX_EXCERPT = 600;

export function trimExcerpt(text: string): string {
  const clean = redact(text.replace(/\r/g, ''));
  return clean.length > MAX_EXCERPT ? `${clean.slice(0, MAX_EXCERPT - 1)}…` : clean;
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) || ms <= 0 ? undefined : new Date(ms).toISOString();
}

function base(r: RequestEvidence): Pick<EvidenceItem, 'requestId' | 'lambdaRequestId' | 'traceId' | 'extendedRequestId' | 'functionName'> {
  const item: Pick<EvidenceItem, 'requestId' | 'lambdaRequestId' | 'traceId' | 'extendedRequestId' | 'functionName'> = {};
  // Requests reconstructed from Lambda logs alone have no API Gateway request id to quote.
  if (r.requestId) item.requestId = r.requestId;
  if (r.lambdaRequestId) item.lambdaRequestId = r.lambdaRequestId;
  if (r.traceId) item.traceId = r.traceId;
  const ext = r.access?.extendedRequestId ?? r.facts?.extendedRequestId;
  if (ext) item.extendedRequestId = ext;
  if (r.functionName) item.functionName = r.functionName;
  return item;
}

export function executionEvidence(r: RequestEvidence, line: ExecutionLogLine): EvidenceItem {
  const item: EvidenceItem = { source: 'execution-log', ...base(r), excerpt: trimExcerpt(`(${line.requestId}) ${line.text}`), file: line.file };
  const ts = iso(line.timestamp);
  if (ts) item.timestamp = ts;
  if (line.logGroup) item.logGroup = line.logGroup;
  return item;
}

export function lambdaEvidence(r: RequestEvidence, line: LambdaLine): EvidenceItem {
  const item: EvidenceItem = { source: 'lambda-log', ...base(r), excerpt: trimExcerpt(line.raw), file: r.invocation?.file ?? '' };
  const ts = iso(line.timestamp);
  if (ts) item.timestamp = ts;
  if (r.invocation?.logGroup) item.logGroup = r.invocation.logGroup;
  if (r.invocation) item.lambdaRequestId = r.invocation.requestId;
  return item;
}

/** The access-log record as the fields that matter, not the raw line (which may hold client IPs). */
export function accessEvidence(r: RequestEvidence): EvidenceItem | undefined {
  const a = r.access;
  if (!a) return undefined;
  const parts: string[] = [];
  const route = a.routeKey ?? (a.httpMethod && (a.resourcePath ?? a.path) ? `${a.httpMethod} ${a.resourcePath ?? a.path}` : undefined);
  if (route) parts.push(route);
  if (a.status !== undefined) parts.push(`status=${a.status}`);
  if (a.integrationStatus !== undefined) parts.push(`integrationStatus=${a.integrationStatus}`);
  if (a.errorMessage) parts.push(`error.message="${a.errorMessage}"`);
  if (a.errorResponseType) parts.push(`error.responseType=${a.errorResponseType}`);
  if (a.integrationErrorMessage) parts.push(`integrationErrorMessage="${a.integrationErrorMessage}"`);
  if (a.integrationError) parts.push(`integration.error="${a.integrationError}"`);
  if (a.authorizerError) parts.push(`authorizer.error="${a.authorizerError}"`);
  if (a.responseLatencyMs !== undefined) parts.push(`responseLatency=${a.responseLatencyMs}ms`);
  if (a.integrationLatencyMs !== undefined) parts.push(`integrationLatency=${a.integrationLatencyMs}ms`);
  const item: EvidenceItem = { source: 'access-log', ...base(r), excerpt: trimExcerpt(parts.join(' ')), file: a.file };
  const ts = iso(a.timestamp);
  if (ts) item.timestamp = ts;
  if (a.logGroup) item.logGroup = a.logGroup;
  return item;
}

export function traceEvidence(r: RequestEvidence, seg: TraceSegment): EvidenceItem {
  const flags = [seg.fault && 'fault', seg.error && 'error', seg.throttle && 'throttle'].filter(Boolean).join(',');
  const ex = seg.exceptions[0];
  const parts = [
    `${seg.name}${seg.origin ? ` (${seg.origin})` : ''}`,
    seg.awsOperation ? `operation=${seg.awsOperation}` : '',
    seg.httpStatus !== undefined ? `http.status=${seg.httpStatus}` : '',
    flags ? `[${flags}]` : '',
    ex ? `${ex.type ?? 'exception'}: ${ex.message ?? ''}` : seg.cause ?? '',
    seg.endTime !== undefined ? `duration=${Math.round(seg.endTime - seg.startTime)}ms` : '',
  ].filter(Boolean);
  const item: EvidenceItem = { source: 'xray', ...base(r), traceId: seg.traceId, excerpt: trimExcerpt(parts.join(' ')) };
  const ts = iso(seg.startTime);
  if (ts) item.timestamp = ts;
  return item;
}

/** First execution line matching a pattern, as evidence. */
export function findExecution(r: RequestEvidence, re: RegExp): { line: ExecutionLogLine; match: RegExpExecArray } | undefined {
  for (const line of r.execution?.lines ?? []) {
    const m = re.exec(line.text);
    if (m) return { line, match: m };
  }
  return undefined;
}

/** The integration's response as API Gateway received it ("Endpoint response body before transformations: ..."). */
export function endpointResponseBody(r: RequestEvidence): ExecutionLogLine | undefined {
  return (r.execution?.lines ?? []).find((l) => /^Endpoint response body before transformations:/i.test(l.text));
}

/** Execution lines that quote payloads (bodies, headers, parameters, the endpoint URL) rather than say what API Gateway did. */
export const PAYLOAD_LINE =
  /^(Method request (body|headers|path|query string)|Endpoint request (body|headers|URI)|Sending request to|Endpoint response (body|headers)|Method response (body|headers)|Authorizer result body)/i;

/**
 * First execution line in API Gateway's own words matching a pattern: not a quote of the function's error,
 * and not the error document the function returned (the response body when X-Amz-Function-Error is set);
 * with `skipPayloads`, no quoted body or header at all.
 */
export function findGatewayExecution(
  r: RequestEvidence,
  re: RegExp,
  options: { skipPayloads?: boolean } = {},
): { line: ExecutionLogLine; match: RegExpExecArray } | undefined {
  const functionFailed = r.facts?.functionErrorHeader !== undefined;
  for (const line of r.execution?.lines ?? []) {
    if (isFunctionErrorQuote(line.text) || (functionFailed && /^Endpoint response body/i.test(line.text))) continue;
    if (options.skipPayloads && PAYLOAD_LINE.test(line.text)) continue;
    const m = re.exec(line.text);
    if (m) return { line, match: m };
  }
  return undefined;
}

/** First Lambda line (init lines first, then the invocation's) whose raw text matches a pattern. */
export function findLambda(r: RequestEvidence, re: RegExp): { line: LambdaLine; match: RegExpExecArray } | undefined {
  const inv = r.invocation;
  if (!inv) return undefined;
  for (const line of [...inv.initLines, ...inv.lines]) {
    const m = re.exec(line.raw);
    if (m) return { line, match: m };
  }
  return undefined;
}

/** First Lambda line (init lines first, then the invocation's) whose raw text passes a test. */
export function findLambdaLine(r: RequestEvidence, test: (raw: string) => boolean): LambdaLine | undefined {
  const inv = r.invocation;
  if (!inv) return undefined;
  const lines = [...inv.initLines, ...inv.lines];
  // An ERROR line or a runtime error record says it better than a WARN about a retry.
  const isError = (l: LambdaLine) => l.record.kind !== 'app' || l.record.errorType !== undefined || l.record.level === 'ERROR' || l.record.level === 'FATAL';
  return lines.find((line) => isError(line) && test(line.raw)) ?? lines.find((line) => test(line.raw));
}

/**
 * API Gateway quoting the function's own error, when it matches: the "... customer function error: ..." line,
 * else HTTP APIs' "The Lambda function returned the following error: ..." access-log message.
 */
export function findFunctionErrorQuote(r: RequestEvidence, re: RegExp): { text: string; evidence: EvidenceItem } | undefined {
  for (const line of r.execution?.lines ?? []) {
    if (isFunctionErrorQuote(line.text) && re.test(line.text)) return { text: line.text, evidence: executionEvidence(r, line) };
  }
  const evidence = accessEvidence(r);
  const text = accessErrorTexts(r).find((t) => isFunctionErrorQuote(t) && re.test(t));
  return text !== undefined && evidence ? { text, evidence } : undefined;
}

export function compact<T>(items: (T | undefined | false)[]): T[] {
  return items.filter((x): x is T => x !== undefined && x !== false);
}
