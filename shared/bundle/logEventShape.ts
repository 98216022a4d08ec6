/**
 * The shapes a single CloudWatch Logs event takes in bundle files, turned into LogEvent fields:
 * an element of a filter-log-events / get-log-events "events" array, a JSON Lines record
 * ({"timestamp","message"} or {"@timestamp","@message"}), or a Logs Insights result row.
 */
import { parseTimeValue } from './timestamps.ts';

export interface EventFields {
  /** Undefined when the record has no readable time (the reader then uses the previous one). */
  timestamp: number | undefined;
  message: string;
  logGroup?: string;
  logStream?: string;
}

type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(obj: JsonObject, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = obj[key];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return undefined;
}

function messageText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return undefined;
}

/** "123456789012:/aws/lambda/orders-fn" (Logs Insights @log) → "/aws/lambda/orders-fn". */
export function groupFromInsightsLog(value: string): string {
  const m = /^\d+:(.+)$/.exec(value);
  return m?.[1] ?? value;
}

function withPlace(fields: EventFields, obj: JsonObject): EventFields {
  const stream = stringField(obj, 'logStreamName', 'logStream', '@logStream');
  const group = stringField(obj, 'logGroupName', 'logGroup');
  const insightsLog = stringField(obj, '@log');
  if (stream !== undefined) fields.logStream = stream;
  if (group !== undefined) fields.logGroup = group;
  else if (insightsLog !== undefined) fields.logGroup = groupFromInsightsLog(insightsLog);
  return fields;
}

/** An element of a filter-log-events / get-log-events "events" array; undefined when it is not an event. */
export function fieldsFromApiEvent(value: unknown): EventFields | undefined {
  if (!isJsonObject(value)) return undefined;
  const message = messageText(value.message ?? value['@message']);
  if (message === undefined) return undefined;
  const timestamp =
    parseTimeValue(value.timestamp ?? value['@timestamp']) ?? parseTimeValue(value.ingestionTime ?? value['@ingestionTime']);
  return withPlace({ timestamp, message }, value);
}

/** Keys that mark a structured log line (Lambda's JSON log format, Powertools, pino, structlog...). */
const STRUCTURED_LOG_KEYS = ['level', 'levelname', 'severity', 'logLevel', 'log.level', 'requestId', 'AWSRequestId', 'xray_trace_id'];

/**
 * Whether a JSON object is an event wrapper ({"timestamp","message",...}) rather than a log line
 * that is itself JSON: Lambda's JSON log format also has "timestamp" and "message", next to
 * "level" and "requestId". A wrapper has a message and either Insights (@) fields, a numeric epoch
 * timestamp (JSON log formats write ISO strings), or none of the keys structured logs have.
 */
export function isEventWrapper(obj: JsonObject): boolean {
  if (obj['@message'] !== undefined && obj['@message'] !== null) return true;
  const message = obj.message;
  if (message === undefined || message === null) return false;
  if (typeof obj.timestamp === 'number') return true;
  return !STRUCTURED_LOG_KEYS.some((key) => key in obj);
}

/** The time a structured (JSON) log message carries: Lambda JSON format "timestamp", platform events "time". */
export function timeOfStructuredMessage(obj: JsonObject): number | undefined {
  return parseTimeValue(obj.timestamp ?? obj.time ?? obj['@timestamp'] ?? obj.requestTimeEpoch);
}

/**
 * A Logs Insights row, [{"field":"@timestamp","value":"2026-03-10 14:04:37.296"},{"field":"@message",...},...].
 * Without @message the other fields make the message (as JSON); without @timestamp and @message
 * the row is an aggregate (stats ...), not an event.
 */
export function fieldsFromInsightsRow(row: unknown): EventFields | undefined {
  if (!Array.isArray(row)) return undefined;
  const values: JsonObject = {};
  let any = false;
  for (const cell of row) {
    if (!isJsonObject(cell) || typeof cell.field !== 'string') continue;
    values[cell.field] = cell.value;
    any = true;
  }
  if (!any) return undefined;
  const hasTime = values['@timestamp'] !== undefined;
  let message = messageText(values['@message']);
  if (message === undefined) {
    if (!hasTime) return undefined;
    const rest: JsonObject = {};
    for (const [k, v] of Object.entries(values)) if (k !== '@timestamp' && k !== '@ptr') rest[k] = v;
    message = JSON.stringify(rest);
  }
  return withPlace({ timestamp: parseTimeValue(values['@timestamp']), message }, values);
}
