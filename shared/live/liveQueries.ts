import { w3cTraceIdOfXray } from '../parsers/parseSpanRecord.ts';
import { ACCESS_FIELD_NAMES, accessLogQueryFields, regexLiteral, safeIds } from './logsInsights/queries.ts';

/**
 * The Logs Insights query texts of a live diagnosis (pure functions). They return raw events
 * (@timestamp, @message, @log, @logStream) so that the engine's one collector reads them exactly as it
 * reads a bundle, and so that `collect` can write them as `get-query-results` output. Syntax notes are in
 * logsInsights/queries.ts (regexes between slashes without flags, `in [...]`, `parse` leaving non-matching
 * events without the field).
 */

/** The columns every live query returns, in this order. */
export const RAW_FIELDS = 'fields @timestamp, @message, @log, @logStream';

/** Logs Insights returns at most this many rows without paging; more is a gap ("results cut"). */
export const RAW_ROW_LIMIT = 10_000;

/**
 * Every failing (5xx) record of the access log in the time range, as raw lines. The status is read with the
 * stage's own format (JSON key path, or a `parse` regex built from a CLF/CSV/XML template; the usual JSON
 * names and the console's CLF preset when the format is unknown), so a `status >= 500` test works whatever
 * the format calls the field: the status must be three digits starting with 5.
 */
export function failingAccessRecordsQuery(accessLogFormat?: string, limit = RAW_ROW_LIMIT): string {
  const fields = accessLogQueryFields(accessLogFormat);
  return [...fields.prelude, `filter ${ACCESS_FIELD_NAMES.status} like /^5\\d\\d$/`, RAW_FIELDS, 'sort @timestamp asc', `limit ${limit}`].join('\n| ');
}

/**
 * The failure lines API Gateway writes in REST execution logs (API_GATEWAY_LOG_SHAPES.md §1.2): what a failing
 * request says went wrong. Read beside the "Method completed with status: 5xx" lines when the stage has no
 * access log, so that the sample can be stratified by what failed, not only by status.
 */
export const EXECUTION_FAILURE_LINE =
  'Execution failed due to|Lambda execution failed with status|Lambda invocation failed with status|Endpoint request timed out|' +
  'Gateway response type: \\S+ with status code: 5\\d\\d|AuthorizerConfigurationException|Authorizer error|Invalid permissions on Lambda function|' +
  'Malformed Lambda proxy response|Unable to transform|Network error communicating with endpoint';

/**
 * Without an access log: the execution log's "Method completed with status: 5xx" lines (one per failing
 * request) and its failure lines, as raw lines.
 */
export function failingExecutionLinesQuery(limit = RAW_ROW_LIMIT): string {
  return [
    RAW_FIELDS,
    `filter @message like /Method completed with status: 5\\d\\d/ or @message like /${EXECUTION_FAILURE_LINE}/`,
    'sort @timestamp asc',
    `limit ${limit}`,
  ].join('\n| ');
}

/**
 * Lambda lines that fail an invocation's start: an init that errored or timed out is written before the
 * START line of the invocation it failed, without its request id (Lambda developer guide, "Lambda execution
 * environment lifecycle"; INIT_REPORT ... Status: error / timeout; "undefined ERROR Uncaught Exception"
 * of Node.js; Python's "[ERROR] Runtime.ImportModuleError").
 */
export const INIT_FAILURE_LINE =
  'INIT_REPORT.*Status: (?:error|timeout)|Phase: init|platform\\.initReport|Uncaught Exception|Runtime\\.ImportModuleError|' +
  'Runtime\\.HandlerNotFound|Runtime\\.UserCodeSyntaxError|Runtime\\.ExitError|Init Error|InitError';

/**
 * Lambda lines that say an invocation failed, for matching invocations to requests by time when the API's
 * logs name no Lambda request id: timeouts, platform errors, error-level lines, exceptions (the words
 * invocation.ts counts as notable, spelt out since Logs Insights regexes take no flags).
 */
export const NOTABLE_LAMBDA_LINE =
  'Task timed out|Status: (?:timeout|error)|Runtime exited|Process exited before completing|signal: killed|' +
  'ERROR|[Ee]rror|[Ee]xception|FATAL|[Ff]atal|[Pp]anic|[Tt]imed? ?out|[Dd]enied|[Rr]efused|[Tt]hrottl|[Ff]ail|[Uu]navailable';

export interface LambdaLinesOptions {
  /** Also the init failure lines (default true): they carry no request id. */
  initFailures?: boolean;
  /** Also every failure-like line (time matching, when the API's logs name no Lambda request id). */
  notable?: boolean;
  limit?: number;
}

/** Query texts stay well under Logs Insights' 10,000 characters: this many ids (37 characters each) at most. */
export const MAX_IDS_PER_QUERY = 150;

/**
 * The Lambda lines of the given invocations across function log groups: the id in the message (START/END/REPORT
 * "RequestId: id", runtime lines "<time>\t<id>\t...", JSON "requestId"), plus the init failures and, when asked,
 * every failure-like line. Undefined when there is nothing to ask for. Ids past MAX_IDS_PER_QUERY are left out.
 */
export function lambdaLinesQuery(lambdaRequestIds: readonly string[], options: LambdaLinesOptions = {}): string | undefined {
  const ids = safeIds(lambdaRequestIds).slice(0, MAX_IDS_PER_QUERY);
  const conditions: string[] = [];
  // Every line of an invocation that names it has the id in its text (START/END/REPORT, runtime lines, JSON
  // "requestId"), so one regex finds them; Logs Insights' @requestId would add nothing and double the length.
  if (ids.length > 0) conditions.push(`@message like /${ids.map(regexLiteral).join('|')}/`);
  if (options.notable === true) conditions.push(`@message like /${NOTABLE_LAMBDA_LINE}/`);
  if (conditions.length === 0) return undefined;
  if (options.initFailures !== false) conditions.push(`@message like /${INIT_FAILURE_LINE}/`);
  return [RAW_FIELDS, `filter ${conditions.join(' or ')}`, 'sort @timestamp asc', `limit ${options.limit ?? RAW_ROW_LIMIT}`].join('\n| ');
}

/** Every execution log line of the given REST requests: "(<requestId>) <text>" (unanchored: some exports put the time first). */
export function executionLinesOfRequestsQuery(requestIds: readonly string[], limit = RAW_ROW_LIMIT): string | undefined {
  const ids = safeIds(requestIds).slice(0, MAX_IDS_PER_QUERY);
  if (ids.length === 0) return undefined;
  return [RAW_FIELDS, `filter @message like /\\((?:${ids.map(regexLiteral).join('|')})\\)/`, 'sort @timestamp asc', `limit ${limit}`].join('\n| ');
}

/** The log group CloudWatch Transaction Search writes every span to (one JSON event per span). */
export const SPANS_LOG_GROUP = 'aws/spans';

/**
 * The spans of the given traces in `aws/spans`, as raw events. Spans there carry W3C trace ids (32 hex, the X-Ray id
 * without "1-" and the dash; CloudWatch "Transaction Search" guide), in the JSON field `traceId` that Logs Insights
 * discovers. X-Ray ids ("1-...", "Root=1-...") are converted; anything else is left out. Undefined when none is left.
 */
export function spansOfTracesQuery(traceIds: readonly string[], limit = RAW_ROW_LIMIT): string | undefined {
  const ids = [...new Set(traceIds.map(w3cTraceIdOfXray).filter((id): id is string => id !== undefined))].slice(0, MAX_IDS_PER_QUERY);
  if (ids.length === 0) return undefined;
  return [`filter traceId in [${ids.map((id) => `"${id}"`).join(', ')}]`, RAW_FIELDS, 'sort @timestamp asc', `limit ${limit}`].join('\n| ');
}
