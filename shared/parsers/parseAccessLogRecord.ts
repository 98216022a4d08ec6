import type { LogEvent } from '../model/logEvent.ts';
import type { AccessLogRecord } from '../model/records.ts';
import {
  PATH_SEPARATOR,
  fieldsOfContextVariable,
  matchTextFormat,
  type AccessLogField,
  type CompiledAccessLogFormat,
  type FieldTarget,
} from './compileAccessLogFormat.ts';

/**
 * Access log lines of REST and HTTP APIs, whatever format the stage writes: JSON with any field names,
 * the console's CLF, XML and CSV presets, the Serverless Framework's "key: value" list, or the stage's own
 * format when it is known. Lambda logs and execution logs are refused. Shapes: API_GATEWAY_LOG_SHAPES.md.
 */

/** Normalised key (lower case, letters and digits only) → the field it names. */
const KEY_ALIASES: Record<string, FieldTarget[]> = {};

function alias(field: AccessLogField, rank: number, ...keys: string[]): void {
  for (const key of keys) (KEY_ALIASES[key] ??= []).push({ field, rank });
}

alias('requestId', 0, 'requestid', 'reqid', 'apigwrequestid', 'apigatewayrequestid', 'gatewayrequestid', 'contextrequestid', 'amznrequestid', 'xamznrequestid');
alias('extendedRequestId', 0, 'extendedrequestid', 'extrequestid', 'extendedid', 'amzapigwid', 'xamzapigwid', 'apigwid');
alias('status', 0, 'status', 'statuscode', 'httpstatus', 'httpstatuscode', 'responsestatus', 'responsestatuscode', 'responsecode', 'methodstatus');
alias('integrationStatus', 0, 'integrationstatus', 'integrationstatuscode');
alias('integrationStatus', 1, 'integrationresponsestatus', 'backendstatus', 'upstreamstatus', 'functionresponsestatus', 'functionstatus', 'lambdastatus');
alias('integrationStatus', 2, 'integrationintegrationstatus');
alias('integrationStatus', 3, 'integrationstatusalternate');
alias('integrationErrorMessage', 0, 'integrationerrormessage', 'integrationerror', 'integrationerrormsg', 'integrationerrorstring');
alias('integrationError', 0, 'integrationerror', 'integrationerrormessage', 'integrationerrormsg');
alias('errorMessage', 0, 'errormessage', 'errormsg');
alias('errorMessage', 1, 'error', 'errormessagestring', 'gatewayerror', 'gatewayerrormessage');
alias('errorMessage', 2, 'message');
alias('errorResponseType', 0, 'errorresponsetype', 'responsetype', 'gatewayresponsetype');
alias('authorizerError', 0, 'authorizererror', 'authorizererrormessage', 'autherror', 'authorizationerror');
alias('authorizerError', 1, 'authorizeerror', 'authenticateerror');
alias('authorizerStatus', 0, 'authorizerstatus', 'authorizerstatuscode');
alias('authorizerStatus', 1, 'authorizerintegrationstatus');
alias('authorizerStatus', 2, 'authorizestatus');
alias('responseLatencyMs', 0, 'responselatency', 'latency', 'responselatencyms', 'latencyms', 'totallatency');
alias('integrationLatencyMs', 0, 'integrationlatency', 'integrationlatencyms', 'backendlatency', 'upstreamlatency');
alias('xrayTraceId', 0, 'xraytraceid', 'traceid', 'xray', 'amzntraceid', 'xamzntraceid', 'tracingid');
alias('integrationRequestId', 0, 'integrationrequestid');
alias('integrationRequestId', 1, 'awsendpointrequestid', 'endpointrequestid', 'lambdarequestid', 'integrationawsrequestid');
alias('routeKey', 0, 'routekey', 'route');
alias('resourcePath', 0, 'resourcepath', 'resource');
alias('path', 0, 'path', 'requestpath', 'rawpath', 'uri', 'requesturi');
alias('httpMethod', 0, 'httpmethod', 'method', 'requestmethod', 'verb', 'httpverb');
alias('ip', 0, 'ip', 'sourceip', 'identitysourceip', 'clientip', 'remoteip', 'remoteaddr', 'remoteaddress', 'callerip', 'sourceipaddress');
alias('apiId', 0, 'apiid', 'restapiid', 'httpapiid');
alias('stage', 0, 'stage', 'stagename');
alias('protocol', 0, 'protocol', 'httpprotocol', 'httpversion');
alias('requestTime', 0, 'requesttime', 'requestdatetime', 'requesttimestamp');
alias('requestTimeEpoch', 0, 'requesttimeepoch', 'requestepoch', 'requesttimeepochms', 'epoch');
alias('responseLength', 0, 'responselength', 'responsesize', 'bytes', 'bytessent', 'contentlength');
alias('userAgent', 0, 'useragent', 'identityuseragent');
alias('domainName', 0, 'domainname', 'host');

/** Fields that describe a request beyond its id and status; an access log line carries at least one. */
const DESCRIBING_FIELDS = new Set<AccessLogField>([
  'httpMethod', 'routeKey', 'resourcePath', 'path', 'ip', 'requestTime', 'requestTimeEpoch', 'protocol',
  'responseLength', 'responseLatencyMs', 'integrationLatencyMs', 'userAgent', 'domainName', 'integrationStatus',
  'integrationErrorMessage', 'integrationError', 'errorResponseType', 'extendedRequestId', 'apiId', 'stage',
  'integrationRequestId',
]);

/** Keys that only Lambda's own JSON logs and Powertools write. */
const LAMBDA_LOG_KEYS = new Set([
  'level', 'loglevel', 'severity', 'coldstart', 'functionrequestid', 'functionname', 'functionarn', 'functionmemorysize',
  'functionversion', 'awsrequestid', 'stacktrace', 'logger', 'sampleratevalue',
]);

/** Wrapper objects whose children may be matched by their own names ({"context": {"status": 502}}). */
const WRAPPER_KEYS = new Set([
  'context', 'ctx', 'request', 'req', 'response', 'res', 'apigw', 'apigateway', 'gateway', 'api', 'accesslog', 'access',
  'log', 'fields', 'detail', 'data', 'http',
]);

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EXTENDED_ID = /^[A-Za-z0-9_-]{12,22}={1,2}$/;
const HTTP_METHODS = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|CONNECT|TRACE)$/;
const ROUTE_KEY = /^(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/\S*|\$default|\$connect|\$disconnect)$/;
const PROTOCOL = /^(?:HTTP\/\d(?:\.\d)?|HTTPS?|WebSocket)$/i;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]+$/;
const CLF_TIME = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\s*([+-])(\d{2}):?(\d{2})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const GATEWAY_RESPONSE_TYPES = /^(?:ACCESS_DENIED|API_CONFIGURATION_ERROR|AUTHORIZER_CONFIGURATION_ERROR|AUTHORIZER_FAILURE|BAD_REQUEST_PARAMETERS|BAD_REQUEST_BODY|DEFAULT_4XX|DEFAULT_5XX|EXPIRED_TOKEN|INTEGRATION_FAILURE|INTEGRATION_TIMEOUT|INVALID_API_KEY|INVALID_SIGNATURE|MISSING_AUTHENTICATION_TOKEN|QUOTA_EXCEEDED|REQUEST_TOO_LARGE|RESOURCE_NOT_FOUND|THROTTLED|UNAUTHORIZED|UNSUPPORTED_MEDIA_TYPE|WAF_FILTERED)$/;
/** $context.error.message values API Gateway itself writes (as opposed to integration error messages). */
const GATEWAY_MESSAGES = /^(?:Internal server error|Endpoint request timed out|Missing Authentication Token|Forbidden|Unauthorized|Not Found|Too Many Requests|Limit Exceeded|Network error communicating with endpoint|Service Unavailable|Request too long|Invalid request body|Invalid key=value pair.*|User is not authorized.*)$/i;
const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** Values collected for one line: the best-ranked value per field, and which fields were named at all. */
class FieldValues {
  private readonly values = new Map<AccessLogField, { value: string; rank: number }>();
  readonly named = new Set<AccessLogField>();

  offer(target: FieldTarget, raw: unknown, rankOffset = 0): void {
    this.named.add(target.field);
    const value = cleanValue(raw);
    if (value === undefined) return;
    const rank = target.rank + rankOffset;
    const current = this.values.get(target.field);
    if (!current || rank < current.rank) this.values.set(target.field, { value, rank });
  }

  get(field: AccessLogField): string | undefined {
    return this.values.get(field)?.value;
  }

  has(field: AccessLogField): boolean {
    return this.values.has(field);
  }
}

/** A value as text, with quotes that API Gateway's "String" variables add taken off; "-" and blanks are absent. */
function cleanValue(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
  if (typeof raw === 'boolean') return String(raw);
  if (typeof raw !== 'string') return undefined;
  let value = raw.trim();
  for (let i = 0; i < 2 && value.length >= 2 && value.startsWith('"') && value.endsWith('"'); i++) value = value.slice(1, -1).trim();
  if (value.length === 0 || value === '-' || value === 'null' || value === 'undefined' || value === '(none)') return undefined;
  return value;
}

/** normalizeKey's answers: a bundle's records repeat the same few keys millions of times. */
const NORMALIZED_KEYS = new Map<string, string>();
const MAX_NORMALIZED_KEYS = 4096;

function normalizeKey(key: string): string {
  let normalized = NORMALIZED_KEYS.get(key);
  if (normalized === undefined) {
    normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (NORMALIZED_KEYS.size < MAX_NORMALIZED_KEYS) NORMALIZED_KEYS.set(key, normalized);
  }
  return normalized;
}

/** Parse one log event as an access log record; null for anything that is not one. Never throws. */
export function parseAccessLogRecord(event: LogEvent, format?: CompiledAccessLogFormat): AccessLogRecord | null {
  try {
    return parseUnsafe(event, format);
  } catch {
    return null;
  }
}

function parseUnsafe(event: LogEvent, format: CompiledAccessLogFormat | undefined): AccessLogRecord | null {
  const message = typeof event.message === 'string' ? event.message.trim() : '';
  if (message.length === 0 || message.length > 256 * 1024) return null;
  if (isExecutionLogLine(message) || isLambdaTextLine(message)) return null;

  if (format && format.kind === 'text') {
    const values = fromTextFormat(message, format);
    if (values) {
      const record = buildRecord(values, event, { requireStatus: format.variables.includes('status'), requireDescribing: false });
      if (record) return record;
    }
  }
  if (message.startsWith('{')) {
    const object = parseJsonObject(message);
    if (!object) return null;
    const values = fromJsonObject(object, format && format.kind === 'json' ? format : undefined);
    if (!values) return null;
    return buildRecord(values, event, { requireStatus: true, requireDescribing: true });
  }
  if (message.startsWith('<')) {
    const values = fromXml(message);
    return values ? buildRecord(values, event, { requireStatus: true, requireDescribing: true }) : null;
  }
  const clf = fromClf(message);
  if (clf) return buildRecord(clf, event, { requireStatus: true, requireDescribing: true });
  const keyValues = fromKeyValueList(message);
  if (keyValues) {
    const record = buildRecord(keyValues, event, { requireStatus: true, requireDescribing: true });
    if (record) return record;
  }
  const csv = fromCsv(message);
  if (csv) return buildRecord(csv, event, { requireStatus: true, requireDescribing: true });
  return null;
}

/** "(uuid) text" - an execution log line, never an access log. */
function isExecutionLogLine(message: string): boolean {
  return /^\((?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9_-]{12,22}={1,2})\) /.test(message);
}

/** Lambda's text log lines: platform lines and "time\trequestId\tLEVEL\tmessage" runtime lines. */
function isLambdaTextLine(message: string): boolean {
  return (
    /^(?:START|END|REPORT|INIT_START|INIT_REPORT|INIT_RUNTIME_DONE|RESTORE_START|RESTORE_REPORT|EXTENSION|TELEMETRY|LOGS|XRAY TraceId:)\b/.test(message) ||
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?\t/.test(message) ||
    /^\[(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\]\t/.test(message) ||
    /^RequestId: [0-9a-fA-F-]{36} Error:/.test(message) ||
    /\tTask timed out after/.test(message)
  );
}

// ---------- JSON ----------

function parseJsonObject(message: string): Record<string, unknown> | undefined {
  // The repaired form is made only when the message as it is does not parse.
  for (let tries = 0; tries < 2; tries++) {
    const attempt = tries === 0 ? message : repairJson(message);
    try {
      const parsed: unknown = JSON.parse(attempt);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      return undefined;
    } catch {
      // try the next form
    }
  }
  return lenientFlatObject(message);
}

/** Bare "-" where a template left a number unquoted ("latency": -) is not JSON; make it null. */
function repairJson(message: string): string {
  return message.replace(/:\s*-\s*(?=[,}])/g, ': null').replace(/,\s*}$/, '}');
}

/**
 * Last resort for lines that are almost JSON, e.g. $context.error.messageString inside quotes gives
 * "error_messageString": ""Endpoint request timed out"" (DataBiosphere/azul#6284). Flat objects only.
 */
function lenientFlatObject(message: string): Record<string, unknown> | undefined {
  if (!message.endsWith('}')) return undefined;
  const body = message.slice(1, -1);
  const keyPattern = /(?:^|,)\s*"([^"\\]{1,200})"\s*:\s*/g;
  const keys: Array<{ key: string; start: number; end: number }> = [];
  for (const match of body.matchAll(keyPattern)) {
    if (match[1] === undefined || match.index === undefined) continue;
    keys.push({ key: match[1], start: match.index, end: match.index + match[0].length });
  }
  if (keys.length < 2) return undefined;
  const out: Record<string, unknown> = {};
  keys.forEach((entry, index) => {
    const next = keys[index + 1];
    const raw = body.slice(entry.end, next ? next.start : body.length).trim();
    out[entry.key] = raw;
  });
  return out;
}

function fromJsonObject(object: Record<string, unknown>, format: Extract<CompiledAccessLogFormat, { kind: 'json' }> | undefined): FieldValues | undefined {
  // A record written in the stage's own format is an access log whatever its keys resemble
  // ("aws_request_id" for $context.awsEndpointRequestId looks like a Lambda logger's key).
  const inFormat = format !== undefined && Object.keys(object).filter((k) => format.variableByPath.has(k)).length >= 2;
  if (!inFormat && hasLambdaLogMarkers(object)) return undefined;
  const values = new FieldValues();
  for (const { path, value } of flatten(object)) {
    const variable = format?.variableByPath.get(path.join(PATH_SEPARATOR));
    if (variable !== undefined) {
      for (const target of fieldsOfContextVariable(variable)) values.offer(target, value);
      continue;
    }
    for (const target of aliasTargets(path)) values.offer(target, value, format ? 10 : 0);
  }
  return values;
}

function aliasTargets(path: string[]): FieldTarget[] {
  const full = KEY_ALIASES[normalizeKey(path.join(''))];
  if (full) return full;
  // {"context": {"status": 502}}: a known wrapper around a known name.
  for (let drop = 1; drop < path.length; drop++) {
    const wrapper = path.slice(0, drop).map(normalizeKey);
    if (!wrapper.every((segment) => WRAPPER_KEYS.has(segment))) break;
    const rest = KEY_ALIASES[normalizeKey(path.slice(drop).join(''))];
    if (rest) return rest;
  }
  return [];
}

function flatten(object: Record<string, unknown>): Array<{ path: string[]; value: unknown }> {
  const out: Array<{ path: string[]; value: unknown }> = [];
  const walk = (value: unknown, path: string[], depth: number): void => {
    if (depth > 8) return;
    if (typeof value === 'object' && value !== null) {
      if (Array.isArray(value)) return;
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key], depth + 1);
      return;
    }
    out.push({ path, value });
  };
  walk(object, [], 0);
  return out;
}

function hasLambdaLogMarkers(object: Record<string, unknown>): boolean {
  for (const key of Object.keys(object)) {
    if (LAMBDA_LOG_KEYS.has(normalizeKey(key)) || key === '_aws') return true;
  }
  const type = object.type;
  if (typeof type === 'string' && /^(?:platform\.|extension$|function$)/.test(type)) return true;
  if (typeof object.record === 'object' && object.record !== null) return true;
  if ('errorType' in object && 'errorMessage' in object) return true;
  return false;
}

// ---------- text formats ----------

function fromTextFormat(message: string, format: Extract<CompiledAccessLogFormat, { kind: 'text' }>): FieldValues | undefined {
  const matched = matchTextFormat(format, message);
  if (!matched) return undefined;
  const values = new FieldValues();
  for (const [variable, value] of Object.entries(matched)) {
    for (const target of fieldsOfContextVariable(variable)) values.offer(target, value);
  }
  return values;
}

function fromXml(message: string): FieldValues | undefined {
  const root = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"]*")*)\s*>/.exec(message);
  if (!root) return undefined;
  const values = new FieldValues();
  for (const attribute of (root[2] ?? '').matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/g)) {
    const key = normalizeKey(attribute[1] ?? '');
    const targets = key === 'id' ? [{ field: 'requestId' as const, rank: 0 }] : (KEY_ALIASES[key] ?? []);
    for (const target of targets) values.offer(target, decodeXml(attribute[2] ?? ''));
  }
  let children = 0;
  for (const element of message.matchAll(/<([A-Za-z_][\w.:-]*)>([^<]*)<\/\1>/g)) {
    children++;
    for (const target of KEY_ALIASES[normalizeKey(element[1] ?? '')] ?? []) values.offer(target, decodeXml(element[2] ?? ''));
  }
  return children > 0 ? values : undefined;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Common Log Format as the console presets write it:
 * REST  "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId"
 * HTTP  "$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId"
 * with anything before the "[" and ids or an error message after the length.
 */
function fromClf(message: string): FieldValues | undefined {
  const match = /^([^[\]"]*?)\[([^\]]+)\]\s*"([^"]*)"\s+(\d{3}|-)\s+(\d+|-)(?:\s+([\s\S]*))?$/.exec(message);
  if (!match) return undefined;
  const values = new FieldValues();
  const prefix = (match[1] ?? '').trim().split(/\s+/).filter((token) => token.length > 0);
  for (const token of prefix) {
    if (IPV4.test(token) || IPV6.test(token)) values.offer({ field: 'ip', rank: 0 }, token);
    else if (EXTENDED_ID.test(token)) values.offer({ field: 'extendedRequestId', rank: 0 }, token);
    else if (UUID.test(token)) values.offer({ field: 'requestId', rank: 0 }, token);
  }
  values.offer({ field: 'requestTime', rank: 0 }, match[2]);
  const request = (match[3] ?? '').trim().split(/\s+/);
  if (request.length > 0 && HTTP_METHODS.test(request[0] ?? '')) {
    values.offer({ field: 'httpMethod', rank: 0 }, request.shift());
  }
  if (request.length > 0 && PROTOCOL.test(request[request.length - 1] ?? '')) {
    values.offer({ field: 'protocol', rank: 0 }, request.pop());
  }
  const target = request.join(' ');
  if (ROUTE_KEY.test(target)) values.offer({ field: 'routeKey', rank: 0 }, target);
  else if (target.startsWith('/')) values.offer({ field: 'resourcePath', rank: 0 }, target);
  values.offer({ field: 'status', rank: 0 }, match[4]);
  values.offer({ field: 'responseLength', rank: 0 }, match[5]);
  assignTrailingIds((match[6] ?? '').trim(), values);
  return values;
}

/** After CLF's length: the request id, the extended id, further ids, then free text (the integration error message). */
function assignTrailingIds(rest: string, values: FieldValues): void {
  const tokens = rest.split(/\s+/).filter((token) => token.length > 0);
  let index = 0;
  for (; index < tokens.length; index++) {
    const token = tokens[index] ?? '';
    if (token === '-' || token === '|') continue;
    if (UUID.test(token)) {
      if (!values.has('requestId')) values.offer({ field: 'requestId', rank: 0 }, token);
      else values.offer({ field: 'integrationRequestId', rank: 1 }, token);
      continue;
    }
    if (EXTENDED_ID.test(token)) {
      if (!values.has('requestId') && !values.has('extendedRequestId')) {
        // HTTP APIs' request ids look like extended ids ("KyDfdgZ9oAMEYpA=").
        values.offer({ field: 'requestId', rank: 1 }, token);
      }
      values.offer({ field: 'extendedRequestId', rank: 0 }, token);
      continue;
    }
    break;
  }
  const text = tokens.slice(index).join(' ').replace(/^[|,;]\s*/, '').trim();
  if (text.length > 0 && text !== '-') offerMessage(text, values);
}

function offerMessage(text: string, values: FieldValues): void {
  if (GATEWAY_MESSAGES.test(cleanValue(text) ?? '')) values.offer({ field: 'errorMessage', rank: 1 }, text);
  else {
    values.offer({ field: 'integrationErrorMessage', rank: 1 }, text);
    values.offer({ field: 'integrationError', rank: 1 }, text);
  }
}

/** The Serverless Framework's default REST format: "requestId: x, ip: y, caller: -, ... status: 502, ...". */
function fromKeyValueList(message: string): FieldValues | undefined {
  if (!/^[A-Za-z_][\w.-]*: /.test(message)) return undefined;
  const keys: Array<{ key: string; start: number; end: number }> = [];
  for (const match of message.matchAll(/(?:^|,\s+)([A-Za-z_][\w.-]*):\s/g)) {
    if (match[1] === undefined || match.index === undefined) continue;
    keys.push({ key: match[1], start: match.index, end: match.index + match[0].length });
  }
  if (keys.length < 3) return undefined;
  const values = new FieldValues();
  keys.forEach((entry, index) => {
    const next = keys[index + 1];
    const raw = message.slice(entry.end, next ? next.start : message.length);
    for (const target of KEY_ALIASES[normalizeKey(entry.key)] ?? []) values.offer(target, raw);
  });
  return values;
}

/** CSV without a header (console presets and custom lists): columns are recognised by their content. */
function fromCsv(message: string): FieldValues | undefined {
  if (!message.includes(',')) return undefined;
  const cells = splitCsv(message);
  if (cells.length < 4) return undefined;
  const values = new FieldValues();
  let strong = 0;
  let uuids = 0;
  for (const cell of cells) {
    const value = cleanValue(cell);
    if (value === undefined) continue;
    if (UUID.test(value)) {
      values.offer({ field: uuids === 0 ? 'requestId' : 'integrationRequestId', rank: uuids === 0 ? 0 : 1 }, value);
      uuids++;
    } else if (EXTENDED_ID.test(value)) {
      values.offer({ field: 'extendedRequestId', rank: 0 }, value);
    } else if (IPV4.test(value) || IPV6.test(value)) {
      values.offer({ field: 'ip', rank: 0 }, value);
      strong++;
    } else if (CLF_TIME.test(value) || ISO_TIME.test(value)) {
      values.offer({ field: 'requestTime', rank: 0 }, value);
      strong++;
    } else if (HTTP_METHODS.test(value)) {
      values.offer({ field: 'httpMethod', rank: 0 }, value);
      strong++;
    } else if (ROUTE_KEY.test(value)) {
      values.offer({ field: 'routeKey', rank: 0 }, value);
      strong++;
    } else if (PROTOCOL.test(value)) {
      values.offer({ field: 'protocol', rank: 0 }, value);
      strong++;
    } else if (/^\/\S*$/.test(value)) {
      values.offer({ field: value.includes('{') ? 'resourcePath' : 'path', rank: 0 }, value);
      strong++;
    } else if (/^\d{3}$/.test(value) && !values.has('status') && Number(value) >= 100 && Number(value) <= 599) {
      values.offer({ field: 'status', rank: 0 }, value);
    } else if (/^\d{10}(?:\d{3})?$/.test(value)) {
      values.offer({ field: 'requestTimeEpoch', rank: 0 }, value);
    } else if (GATEWAY_RESPONSE_TYPES.test(value)) {
      values.offer({ field: 'errorResponseType', rank: 0 }, value);
    } else if (/[A-Za-z]{2,}\s+[A-Za-z]/.test(value)) {
      offerMessage(value, values);
    }
  }
  if (!values.has('requestId') && values.has('extendedRequestId')) {
    values.offer({ field: 'requestId', rank: 1 }, values.get('extendedRequestId'));
  }
  // Presets carry several of these (ip, time, method, protocol, path); one alone is too weak a sign.
  return strong >= 2 ? values : undefined;
}

function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else {
        quoted = !quoted;
      }
      continue;
    }
    if (char === ',' && !quoted) {
      cells.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  cells.push(current);
  return cells;
}

// ---------- building the record ----------

function buildRecord(
  values: FieldValues,
  event: LogEvent,
  rules: { requireStatus: boolean; requireDescribing: boolean },
): AccessLogRecord | null {
  const requestId = values.get('requestId') ?? values.get('extendedRequestId');
  if (requestId === undefined || /\s/.test(requestId) || requestId.length > 200) return null;
  const status = httpStatus(values.get('status'));
  if (rules.requireStatus && status === undefined) return null;
  if (rules.requireDescribing && ![...values.named].some((field) => DESCRIBING_FIELDS.has(field))) return null;

  const record: AccessLogRecord = {
    requestId,
    timestamp: requestTimestamp(values) ?? event.timestamp,
    file: event.file,
  };
  if (status !== undefined) record.status = status;
  const integrationStatus = httpStatus(values.get('integrationStatus'));
  if (integrationStatus !== undefined) record.integrationStatus = integrationStatus;
  const authorizerStatus = httpStatus(values.get('authorizerStatus'));
  if (authorizerStatus !== undefined) record.authorizerStatus = authorizerStatus;
  const responseLatency = milliseconds(values.get('responseLatencyMs'));
  if (responseLatency !== undefined) record.responseLatencyMs = responseLatency;
  const integrationLatency = milliseconds(values.get('integrationLatencyMs'));
  if (integrationLatency !== undefined) record.integrationLatencyMs = integrationLatency;

  const text = (field: AccessLogField): string | undefined => values.get(field);
  const extendedRequestId = text('extendedRequestId');
  if (extendedRequestId !== undefined) record.extendedRequestId = extendedRequestId;
  const integrationError = text('integrationError');
  if (integrationError !== undefined) record.integrationError = integrationError;
  const integrationErrorMessage = text('integrationErrorMessage');
  if (integrationErrorMessage !== undefined) record.integrationErrorMessage = integrationErrorMessage;
  const errorMessage = text('errorMessage');
  if (errorMessage !== undefined) record.errorMessage = errorMessage;
  const errorResponseType = text('errorResponseType');
  if (errorResponseType !== undefined) record.errorResponseType = errorResponseType;
  const authorizerError = text('authorizerError');
  if (authorizerError !== undefined) record.authorizerError = authorizerError;
  const traceId = text('xrayTraceId');
  if (traceId !== undefined) record.xrayTraceId = traceId.replace(/^Root=/i, '').split(';')[0] ?? traceId;
  const integrationRequestId = text('integrationRequestId');
  if (integrationRequestId !== undefined) record.integrationRequestId = integrationRequestId;
  const routeKey = text('routeKey');
  if (routeKey !== undefined) record.routeKey = routeKey;
  const resourcePath = text('resourcePath');
  // Formats that log $context.routeKey under "resourcePath" (the Serverless "SLS_HTTP_API_LOG" format does).
  if (resourcePath !== undefined && ROUTE_KEY.test(resourcePath)) record.routeKey ??= resourcePath;
  else if (resourcePath !== undefined) record.resourcePath = resourcePath;
  const path = text('path');
  if (path !== undefined) record.path = path;
  const httpMethod = text('httpMethod');
  if (httpMethod !== undefined) record.httpMethod = httpMethod.toUpperCase();
  const ip = text('ip');
  if (ip !== undefined) record.ip = ip;
  const apiId = text('apiId');
  if (apiId !== undefined) record.apiId = apiId;
  const stage = text('stage');
  if (stage !== undefined) record.stage = stage;
  const protocol = text('protocol');
  if (protocol !== undefined) record.protocol = protocol;
  if (event.logGroup !== undefined) record.logGroup = event.logGroup;
  return record;
}

function httpStatus(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{3}(?:\.0+)?$/.test(text)) return undefined;
  const value = Math.trunc(Number(text));
  return value >= 100 && value <= 599 ? value : undefined;
}

function milliseconds(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+(?:\.\d+)?(?:\s*ms)?$/.test(text)) return undefined;
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? value : undefined;
}

/** requestTimeEpoch (milliseconds for REST, seconds for HTTP APIs) or requestTime (CLF or ISO). */
function requestTimestamp(values: FieldValues): number | undefined {
  const epoch = epochMilliseconds(values.get('requestTimeEpoch'));
  if (epoch !== undefined) return epoch;
  const time = values.get('requestTime');
  if (time === undefined) return undefined;
  return parseClfTime(time) ?? parseIsoTime(time) ?? epochMilliseconds(time);
}

function epochMilliseconds(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{9,13}(?:\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
}

export function parseClfTime(text: string): number | undefined {
  const match = CLF_TIME.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS[(match[2] ?? '').toLowerCase()];
  if (month === undefined) return undefined;
  const utc = Date.UTC(
    Number(match[3]),
    month,
    Number(match[1]),
    Number(match[4]),
    Number(match[5]),
    Number(match[6]),
    Number((match[7] ?? '0').padEnd(3, '0')),
  );
  const offsetMinutes = (Number(match[9]) * 60 + Number(match[10])) * (match[8] === '-' ? -1 : 1);
  const value = utc - offsetMinutes * 60_000;
  return Number.isFinite(value) ? value : undefined;
}

function parseIsoTime(text: string): number | undefined {
  if (!ISO_TIME.test(text.trim())) return undefined;
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text.trim()) ? text.trim() : `${text.trim().replace(' ', 'T')}Z`;
  const value = Date.parse(withZone);
  return Number.isFinite(value) ? value : undefined;
}
