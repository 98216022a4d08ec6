/**
 * Reads `aws xray batch-get-traces` output ({"Traces":[{Id,Duration,Segments:[{Id,Document}]}]}, each Document a
 * JSON string) and `aws xray get-trace-summaries` output ({"TraceSummaries":[...]}) into flat TraceSegments and
 * TraceSummaryRecords. Subsegments are flattened recursively, each keeping its parent's id. A segment document
 * that is not valid JSON is skipped and named in `problems`. Never throws on data.
 * Shapes and their sources: LAMBDA_AND_XRAY_SHAPES.md beside this file.
 */
import type { TraceSegment, TraceSummaryRecord } from '../model/records.ts';

export type TraceDocumentsResult =
  | { segments: TraceSegment[]; summaries: TraceSummaryRecord[]; problems: string[] }
  | { problem: string };

type JsonObject = Record<string, unknown>;

interface Accumulator {
  segments: TraceSegment[];
  summaries: TraceSummaryRecord[];
  problems: string[];
  /** Whether anything in the input had the shape of X-Ray output (an empty "Traces" list counts). */
  recognised: boolean;
}

/** Deeper nesting than any real document; stops a hostile or corrupt file from exhausting the stack. */
const MAX_SUBSEGMENT_DEPTH = 64;

export function parseTraceDocuments(json: unknown): TraceDocumentsResult {
  const acc: Accumulator = { segments: [], summaries: [], problems: [], recognised: false };
  try {
    readTopLevel(json, acc, 0);
  } catch (error) {
    // A bug here must not stop the diagnosis; what was read so far is still evidence.
    acc.problems.push(`unexpected failure while reading X-Ray output: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!acc.recognised) {
    return { problem: `not X-Ray output: expected {"Traces":[...]} (batch-get-traces) or {"TraceSummaries":[...]} (get-trace-summaries), got ${describe(json)}` };
  }
  return { segments: acc.segments, summaries: acc.summaries, problems: acc.problems };
}

function readTopLevel(value: unknown, acc: Accumulator, depth: number): void {
  if (Array.isArray(value)) {
    // `--query 'Traces[*]'` (as the X-Ray guide's own script does) prints a bare list; pages may be concatenated.
    value.forEach((item, index) => {
      if (!isObject(item)) {
        acc.problems.push(`item ${index}: not an object`);
        return;
      }
      if (depth < 2 && ('Traces' in item || 'TraceSummaries' in item)) readTopLevel(item, acc, depth + 1);
      else readOne(item, acc, `item ${index}`);
    });
    return;
  }
  if (!isObject(value)) return;
  let handled = false;
  if (Array.isArray(value['Traces'])) {
    acc.recognised = true;
    handled = true;
    value['Traces'].forEach((trace, index) => {
      if (isObject(trace)) readTrace(trace, acc, index);
      else acc.problems.push(`Traces[${index}]: not an object`);
    });
  }
  if (Array.isArray(value['TraceSummaries'])) {
    acc.recognised = true;
    handled = true;
    value['TraceSummaries'].forEach((summary, index) => {
      if (isObject(summary)) readSummary(summary, acc, `TraceSummaries[${index}]`);
      else acc.problems.push(`TraceSummaries[${index}]: not an object`);
    });
  }
  const unprocessed = value['UnprocessedTraceIds'];
  if (Array.isArray(unprocessed) && unprocessed.length > 0) {
    const ids = unprocessed.filter((id): id is string => typeof id === 'string');
    acc.problems.push(`X-Ray returned no data for ${unprocessed.length} trace(s) (UnprocessedTraceIds): ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}`);
  }
  if (!handled) readOne(value, acc, 'document');
}

/** A single trace, trace summary or segment document found outside the usual wrapper. */
function readOne(item: JsonObject, acc: Accumulator, where: string): void {
  if (Array.isArray(item['Segments'])) readTrace(item, acc, where);
  else if (looksLikeSummary(item)) readSummary(item, acc, where);
  else if (looksLikeSegmentDocument(item)) {
    acc.recognised = true;
    flatten(item, acc, { traceId: stringOf(item['trace_id']) ?? '', where }, 0);
  } else acc.problems.push(`${where}: not a trace, trace summary or segment document`);
}

function looksLikeSummary(item: JsonObject): boolean {
  return typeof item['Id'] === 'string' && ['HasFault', 'HasError', 'HasThrottle', 'Http', 'FaultRootCauses', 'ResponseTime'].some((key) => key in item);
}

function looksLikeSegmentDocument(item: JsonObject): boolean {
  return typeof item['id'] === 'string' && typeof item['name'] === 'string' && ('trace_id' in item || 'start_time' in item);
}

// ---------------------------------------------------------------------------------------------
// batch-get-traces
// ---------------------------------------------------------------------------------------------

function readTrace(trace: JsonObject, acc: Accumulator, index: number | string): void {
  acc.recognised = true;
  const traceId = stringOf(trace['Id']);
  const label = traceId ?? (typeof index === 'number' ? `Traces[${index}]` : index);
  if (trace['LimitExceeded'] === true) acc.problems.push(`trace ${label}: LimitExceeded, X-Ray returned only part of its segments`);
  const segments = trace['Segments'];
  if (!Array.isArray(segments)) {
    acc.problems.push(`trace ${label}: no Segments list`);
    return;
  }
  segments.forEach((segment, position) => {
    if (!isObject(segment)) {
      acc.problems.push(`trace ${label}: Segments[${position}] is not an object`);
      return;
    }
    const segmentId = stringOf(segment['Id']) ?? `#${position}`;
    const documentValue = segment['Document'];
    let document: unknown = documentValue;
    if (typeof documentValue === 'string') {
      try {
        document = JSON.parse(documentValue);
      } catch {
        acc.problems.push(`trace ${label}: segment ${segmentId} document is not valid JSON; skipped`);
        return;
      }
    }
    if (!isObject(document)) {
      acc.problems.push(`trace ${label}: segment ${segmentId} has no segment document; skipped`);
      return;
    }
    flatten(document, acc, { traceId: stringOf(document['trace_id']) ?? traceId ?? '', fallbackId: stringOf(segment['Id']), where: `trace ${label}` }, 0);
  });
}

interface FlattenContext {
  traceId: string;
  parentId?: string | undefined;
  fallbackId?: string | undefined;
  parentStartTime?: number | undefined;
  where: string;
}

/** One (sub)segment to a TraceSegment, then its subsegments, depth first. */
function flatten(doc: JsonObject, acc: Accumulator, context: FlattenContext, depth: number): void {
  const http = objectOf(doc['http']);
  const aws = objectOf(doc['aws']);
  const apiGateway = objectOf(aws['api_gateway']);
  const id = stringOf(doc['id']) ?? context.fallbackId ?? '';
  const startTime = secondsToMs(doc['start_time']) ?? context.parentStartTime ?? 0;
  const { exceptions, cause } = causeOf(doc['cause']);

  acc.segments.push(compact({
    traceId: stringOf(doc['trace_id']) ?? context.traceId,
    id,
    parentId: stringOf(doc['parent_id']) ?? context.parentId,
    name: stringOf(doc['name']) ?? '',
    origin: stringOf(doc['origin']),
    startTime,
    endTime: secondsToMs(doc['end_time']),
    fault: booleanOf(doc['fault']),
    error: booleanOf(doc['error']),
    throttle: booleanOf(doc['throttle']),
    httpStatus: integerOf(objectOf(http['response'])['status']),
    apiGatewayRequestId: stringOf(apiGateway['request_id']),
    awsRequestId: stringOf(aws['request_id']),
    awsOperation: stringOf(aws['operation']),
    namespace: stringOf(doc['namespace']),
    resourceArn: stringOf(doc['resource_arn']) ?? stringOf(aws['function_arn']) ?? stringOf(aws['resource_arn']),
    url: stringOf(objectOf(http['request'])['url']),
    exceptions,
    cause,
  }));

  const subsegments = doc['subsegments'];
  if (!Array.isArray(subsegments)) return;
  if (depth >= MAX_SUBSEGMENT_DEPTH) {
    acc.problems.push(`${context.where}: subsegments nested deeper than ${MAX_SUBSEGMENT_DEPTH} levels under ${id}; the rest skipped`);
    return;
  }
  for (const subsegment of subsegments) {
    if (isObject(subsegment)) {
      flatten(subsegment, acc, { traceId: stringOf(doc['trace_id']) ?? context.traceId, parentId: id, parentStartTime: startTime, where: context.where }, depth + 1);
    }
  }
}

/**
 * `cause` is either the 16-hex id of an exception recorded on another (sub)segment, or an object with
 * `exceptions` [{id, message, type, remote, stack, cause}]. The summary names the first exception.
 */
function causeOf(value: unknown): { exceptions: TraceSegment['exceptions']; cause?: string } {
  if (typeof value === 'string') return value === '' ? { exceptions: [] } : { exceptions: [], cause: value };
  if (!isObject(value)) return { exceptions: [] };
  const list = Array.isArray(value['exceptions']) ? value['exceptions'] : [];
  const exceptions: TraceSegment['exceptions'] = [];
  for (const item of list) {
    if (!isObject(item)) continue;
    exceptions.push(compact({ type: stringOf(item['type']), message: stringOf(item['message']), remote: booleanOf(item['remote']) }));
  }
  const first = exceptions[0];
  const summary = first === undefined ? stringOf(value['message']) : [first.type, first.message].filter((part) => part !== undefined && part !== '').join(': ');
  return summary === undefined || summary === '' ? { exceptions } : { exceptions, cause: summary };
}

// ---------------------------------------------------------------------------------------------
// get-trace-summaries
// ---------------------------------------------------------------------------------------------

function readSummary(summary: JsonObject, acc: Accumulator, where: string): void {
  acc.recognised = true;
  const traceId = stringOf(summary['Id']);
  if (traceId === undefined) {
    acc.problems.push(`${where}: trace summary without an Id; skipped`);
    return;
  }
  const http = objectOf(summary['Http']);
  acc.summaries.push(compact({
    traceId,
    hasFault: booleanOf(summary['HasFault']),
    hasError: booleanOf(summary['HasError']),
    hasThrottle: booleanOf(summary['HasThrottle']),
    httpStatus: integerOf(http['HttpStatus']),
    httpMethod: stringOf(http['HttpMethod']),
    url: stringOf(http['HttpURL']),
    faultRootCauses: rootCauses(summary['FaultRootCauses']),
    errorRootCauses: rootCauses(summary['ErrorRootCauses']),
    startTime: timeToMs(summary['StartTime']),
  }));
}

/**
 * FaultRootCauses[].Services[].EntityPath[].Exceptions[] flattened to "service-name: ExceptionName: message".
 * A service on the path with no exception is kept as "service-name > entity > entity" so the place is not lost.
 * ("Entities" is accepted as well as the API's "EntityPath".)
 */
function rootCauses(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const rootCause of value) {
    for (const service of arrayOf(objectOf(rootCause)['Services'])) {
      const serviceObject = objectOf(service);
      const names = arrayOf(serviceObject['Names']).filter((name): name is string => typeof name === 'string');
      const serviceName = stringOf(serviceObject['Name']) ?? names[0] ?? stringOf(serviceObject['Type']) ?? 'unknown service';
      const entities = arrayOf(serviceObject['EntityPath'] ?? serviceObject['Entities']).map(objectOf);
      let sawException = false;
      for (const entity of entities) {
        for (const exception of arrayOf(entity['Exceptions']).map(objectOf)) {
          sawException = true;
          out.push([serviceName, stringOf(exception['Name']), stringOf(exception['Message'])].filter((part) => part !== undefined && part !== '').join(': '));
        }
      }
      if (!sawException) {
        const path = entities.map((entity) => stringOf(entity['Name'])).filter((name): name is string => name !== undefined && name !== serviceName);
        out.push(path.length > 0 ? `${serviceName} > ${path.join(' > ')}` : serviceName);
      }
    }
  }
  return [...new Set(out)];
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** X-Ray times are epoch seconds with a fraction (1.478293361271E9); kept to the microsecond in ms. */
function secondsToMs(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return Math.round(seconds * 1e6) / 1e3;
}

/** Summary StartTime: epoch seconds (CLI v1, the API) or an ISO string (CLI v2 "2024-05-01T12:00:00.123000+00:00"). */
function timeToMs(value: unknown): number | undefined {
  if (typeof value === 'number') return secondsToMs(value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value.trim())) return secondsToMs(value);
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function integerOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

function booleanOf(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectOf(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 6).join(', ')}`;
  }
  return typeof value;
}

/** Drops keys whose value is undefined, so records hold only what the document said. */
function compact<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) {
    if (object[key] === undefined) delete object[key];
  }
  return object;
}
