import {
  PATH_SEPARATOR,
  compileAccessLogFormat,
  fieldsOfContextVariable,
  type AccessLogField,
  type CompiledAccessLogFormat,
  type TemplatePiece,
} from '../../parsers/compileAccessLogFormat.ts';

/**
 * Logs Insights query texts (pure functions). Syntax as documented in the CloudWatch Logs user guide,
 * CWL_QuerySyntax.md and its pages (filter, parse, stats, fields, sort, limit), checked against public queries:
 *  - `like /re/` and `=~` take a regular expression between slashes; no trailing flags (`/x/i` is a
 *    MalformedQueryException "unexpected symbol found i", public lab notes 2025), `(?i)` inside instead;
 *  - `in ["a", "b"]` tests set membership on whole values;
 *  - `parse @message /(?<name>...)/` leaves an event without the field when it does not match (it is not dropped);
 *  - `coalesce(a, b, "-")` takes literals as well as fields; `concat`, `substr(s, start, length)` (0-based);
 *  - `stats ... by a, b, bin(5m) as t` groups; `earliest(f)` / `latest(f)` give the value of the oldest / newest
 *    event of the group; `bin()` is not allowed in `sort` ("unexpected symbol found (");
 *  - field names with characters other than letters, digits, `@` and `.` need backticks; nested JSON keys are
 *    joined with dots.
 */

/** The names the access-log queries give what they read, whatever the stage's format calls it. */
export const ACCESS_FIELD_NAMES = {
  requestId: 'gwRequestId',
  status: 'gwStatus',
  method: 'gwMethod',
  route: 'gwRoute',
  errorMessage: 'gwErrorMessage',
  errorResponseType: 'gwResponseType',
  integrationError: 'gwIntegrationError',
  integrationStatus: 'gwIntegrationStatus',
  authorizerError: 'gwAuthorizerError',
  integrationRequestId: 'gwIntegrationRequestId',
  xrayTraceId: 'gwTraceId',
  extendedRequestId: 'gwExtendedRequestId',
} as const;
export type AccessQueryField = keyof typeof ACCESS_FIELD_NAMES;

/** The route column of the failure rows: "GET /orders/{id}" whatever the format. */
const ROUTE_LABEL = 'gwRouteLabel';

/** Columns of the failure queries' result rows. */
export const FAILURE_COLUMNS = {
  status: ACCESS_FIELD_NAMES.status,
  route: ROUTE_LABEL,
  signature: 'gwSignature',
  failure: 'gwFailure',
  bin: 'gwBin',
  requests: 'requests',
  firstRequestId: 'firstRequestId',
  lastRequestId: 'lastRequestId',
  firstSeen: 'firstSeen',
  lastSeen: 'lastSeen',
} as const;

/** The parts of gwSignature, in order, joined by SIGNATURE_SEPARATOR ("-" where the format lacks one or the line has none). */
export const SIGNATURE_PARTS = ['errorResponseType', 'integrationError', 'errorMessage', 'authorizerError', 'integrationStatus'] as const;
export const SIGNATURE_SEPARATOR = ' ~|~ ';
/** Error texts are cut to this many characters before grouping, so ids inside a message cannot make every row unique. */
export const SIGNATURE_PART_LENGTH = 160;
const TEXT_PARTS = new Set<AccessQueryField>(['integrationError', 'errorMessage', 'authorizerError']);

/** Which AccessLogField(s) fill each query field, best first. */
const FIELD_SOURCES: Record<AccessQueryField, AccessLogField[]> = {
  requestId: ['requestId'],
  status: ['status'],
  method: ['httpMethod'],
  route: ['routeKey', 'resourcePath', 'path'],
  errorMessage: ['errorMessage'],
  errorResponseType: ['errorResponseType'],
  integrationError: ['integrationErrorMessage', 'integrationError'],
  integrationStatus: ['integrationStatus'],
  authorizerError: ['authorizerError'],
  integrationRequestId: ['integrationRequestId'],
  xrayTraceId: ['xrayTraceId'],
  extendedRequestId: ['extendedRequestId'],
};

/**
 * JSON field names Logs Insights discovers when the format is not known, best first. Field names are case-sensitive;
 * the spellings are the ones seen in public stacks (API_GATEWAY_LOG_SHAPES.md §2): the console presets, DataBiosphere/azul's
 * snake_case `integration_status`, nested `integration.status`, `functionResponseStatus`, `traceId`, ...
 */
const DISCOVERED_NAMES: Record<AccessQueryField, string[]> = {
  requestId: ['requestId', 'request_id', 'requestID', 'RequestId', 'reqId', 'apigwRequestId'],
  status: ['status', 'statusCode', 'status_code', 'httpStatus', 'http_status', 'responseStatus', 'response_status'],
  method: ['httpMethod', 'http_method', 'method', 'requestMethod', 'httpVerb'],
  route: ['routeKey', 'route_key', 'route', 'resourcePath', 'resource_path', 'resource', 'path', 'requestPath'],
  errorMessage: ['error.message', 'error_message', 'errorMessage', 'error.messageString', 'error_messageString', 'errorMessageString'],
  errorResponseType: ['error.responseType', 'error_responseType', 'errorResponseType', 'responseType'],
  integrationError: ['integrationErrorMessage', 'integrationError', 'integration.error', 'integration_error', 'integrationErrorMsg'],
  integrationStatus: [
    'integration.status',
    'integration_status',
    'integrationStatus',
    'functionResponseStatus',
    'integration.integrationStatus',
    'integration_integrationStatus',
  ],
  authorizerError: ['authorizer.error', 'authorizer_error', 'authorizerError', 'authorize.error'],
  integrationRequestId: ['integration.requestId', 'integration_requestId', 'integrationRequestId', 'awsEndpointRequestId', 'lambdaRequestId'],
  xrayTraceId: ['xrayTraceId', 'traceId', 'xray_trace_id', 'trace_id'],
  extendedRequestId: ['extendedRequestId', 'extended_request_id', 'extendedRequestID'],
};

/**
 * The console's CLF presets (REST `"$httpMethod $resourcePath $protocol" $status $responseLength $requestId`, HTTP APIs
 * the same with $routeKey, which holds a space), read when the format is unknown and the line is not JSON.
 */
const CLF_FALLBACK =
  'parse @message /\\"(?<gwMethodClf>[A-Z]+) (?<gwRouteClf>[^\\"]+?) (?<gwProtocolClf>HTTP\\/[0-9.]+|-)\\" (?<gwStatusClf>\\d{3}) \\S+ (?<gwRequestIdClf>[^\\s,]+)/';

export interface AccessLogQueryFields {
  /** Commands that define every ACCESS_FIELD_NAMES field (and gwSignature), to run before filter/stats. */
  prelude: string[];
  /** Query fields the format actually carries (always all of them when the format is unknown). */
  available: AccessQueryField[];
  /** The columns the prelude defines (the available gw* fields, gwRouteLabel and gwSignature), for `fields`. */
  columns: string[];
  /** How the fields were found. */
  source: 'format-json' | 'format-text' | 'discovered';
}

/**
 * The commands that read an access log line into the gw* fields. With the stage's `accessLogSettings.format`, its
 * own key paths (JSON) or a regex built from its template (CLF, CSV, XML, key-value); without it, the JSON names
 * Logs Insights discovers, with the usual spellings coalesced, and the CLF presets. Every field ends up non-null
 * ("-" when absent), as API Gateway itself prints missing values, so that `stats ... by` never meets a null key.
 */
export function accessLogQueryFields(accessLogFormat?: string): AccessLogQueryFields {
  const compiled = accessLogFormat ? compileAccessLogFormat(accessLogFormat) : undefined;
  let sources: Map<AccessQueryField, string[]>;
  const prelude: string[] = [];
  let source: AccessLogQueryFields['source'];
  if (compiled?.kind === 'json') {
    source = 'format-json';
    sources = new Map();
    const rawParses: string[] = [];
    for (const [field, path] of bestJsonPaths(compiled)) {
      const refs = [fieldReference(path.split(PATH_SEPARATOR).join('.'))];
      // A template with bare numbers prints `"status": -` for a missing value, which is not JSON: Logs Insights then
      // discovers nothing on that line. Read top-level keys with a regex as well.
      if (!path.includes(PATH_SEPARATOR)) {
        const raw = `${ACCESS_FIELD_NAMES[field]}Raw`;
        rawParses.push(`parse @message /\\"${regexLiteral(path)}\\"\\s*:\\s*\\"?(?<${raw}>[^\\",}]*)/`);
        refs.push(raw);
      }
      sources.set(field, refs);
    }
    prelude.push(...rawParses);
  } else if (compiled?.kind === 'text') {
    source = 'format-text';
    const { command, captured } = textFormatParse(compiled);
    prelude.push(command);
    sources = new Map([...captured].map(([field, group]) => [field, [group]]));
  } else {
    source = 'discovered';
    prelude.push(CLF_FALLBACK);
    sources = new Map(
      (Object.keys(DISCOVERED_NAMES) as AccessQueryField[]).map((field) => [field, DISCOVERED_NAMES[field].map(fieldReference)]),
    );
    sources.get('requestId')?.push('gwRequestIdClf');
    sources.get('status')?.push('gwStatusClf');
    sources.get('method')?.push('gwMethodClf');
    sources.get('route')?.push('gwRouteClf');
  }

  // Id and status are what every failure query needs: when the stage's format lacks one, look for it as discovered.
  for (const essential of ['requestId', 'status'] as const) {
    if ((sources.get(essential) ?? []).length === 0) sources.set(essential, DISCOVERED_NAMES[essential].map(fieldReference));
  }
  const available = (Object.keys(ACCESS_FIELD_NAMES) as AccessQueryField[]).filter((field) => (sources.get(field) ?? []).length > 0);
  prelude.push(`fields ${available.map((field) => `coalesce(${[...(sources.get(field) ?? []), '"-"'].join(', ')}) as ${ACCESS_FIELD_NAMES[field]}`).join(', ')}`);
  // A field the format does not carry reads as "-", as API Gateway prints a missing value.
  const value = (field: AccessQueryField): string => (available.includes(field) ? ACCESS_FIELD_NAMES[field] : '"-"');

  // Route: HTTP APIs' routeKey already names the method ("GET /orders/{id}"); REST's resourcePath does not.
  const methodAndRoute = `concat(${value('method')}, " ", ${value('route')})`;
  const route =
    source === 'discovered'
      ? `coalesce(${['routeKey', 'route_key'].map(fieldReference).join(', ')}, ${methodAndRoute})`
      : routeComesFromRouteKey(compiled)
        ? value('route')
        : methodAndRoute;
  // Free texts are cut (an id inside a message must not make every row unique); status and response type are short.
  const parts = SIGNATURE_PARTS.map((part) =>
    !available.includes(part)
      ? '"-"'
      : TEXT_PARTS.has(part)
        ? `substr(${ACCESS_FIELD_NAMES[part]}, 0, ${SIGNATURE_PART_LENGTH})`
        : ACCESS_FIELD_NAMES[part],
  );
  prelude.push(`fields ${route} as ${ROUTE_LABEL}, concat(${parts.join(`, "${SIGNATURE_SEPARATOR}", `)}) as ${FAILURE_COLUMNS.signature}`);
  const columns = [...available.map((field) => ACCESS_FIELD_NAMES[field]), ROUTE_LABEL, FAILURE_COLUMNS.signature];
  return { prelude, available, columns, source };
}

export interface FailureQueryOptions {
  /** The stage's accessLogSettings.format, when known. */
  accessLogFormat?: string;
  /** Length of the diagnosis window, ms: sets the time bins that spread the sampled ids over time. */
  windowMs: number;
  /** Which statuses count as failing; default 5xx. A regular expression over the status text, without slashes. */
  statusPattern?: string;
  /** Time bins over the window (default 30): each gives up to two candidate ids per signature. */
  bins?: number;
}

/**
 * Failing requests of the access log, in one query: counts by status, route and error signature per time bin, with
 * the oldest and newest request id of each group. Summed over bins these are the counts by route, status and error
 * message; the ids, one or two per signature and bin, are the candidates of a sample stratified by signature and
 * spread over the window, so that a rare second cause is sampled too. Read the rows with readAccessLogFailureRows.
 */
export function accessLogFailuresQuery(options: FailureQueryOptions): string {
  const fields = accessLogQueryFields(options.accessLogFormat);
  const status = options.statusPattern ?? '5\\d\\d';
  return [
    ...fields.prelude,
    `filter ${ACCESS_FIELD_NAMES.status} like /^(?:${status})$/`,
    `stats count(*) as ${FAILURE_COLUMNS.requests}, earliest(${ACCESS_FIELD_NAMES.requestId}) as ${FAILURE_COLUMNS.firstRequestId}, ` +
      `latest(${ACCESS_FIELD_NAMES.requestId}) as ${FAILURE_COLUMNS.lastRequestId}, min(@timestamp) as ${FAILURE_COLUMNS.firstSeen}, ` +
      `max(@timestamp) as ${FAILURE_COLUMNS.lastSeen} by ${ACCESS_FIELD_NAMES.status}, ${FAILURE_COLUMNS.route}, ${FAILURE_COLUMNS.signature}, ` +
      `bin(${binFor(options.windowMs, options.bins)}) as ${FAILURE_COLUMNS.bin}`,
  ].join('\n| ');
}

/** One group of accessLogFailuresQuery's rows: pass FailureGroup's status, rawRoute and rawSignature. */
export interface SignatureFilter {
  status?: string;
  /** The route column of a failure row as the query returned it (gwRouteLabel; FailureGroup.rawRoute). */
  route?: string;
  /** The gwSignature column of a failure row (FailureGroup.rawSignature). */
  signature?: string;
}

/**
 * Up to `k` failing requests of one signature, newest first, with their raw access log lines. For a signature that
 * needs more sampled ids than the failure query's oldest/newest per bin gave.
 */
export function signatureSampleQuery(signature: SignatureFilter, k: number, options: Omit<FailureQueryOptions, 'windowMs'> = {}): string {
  const fields = accessLogQueryFields(options.accessLogFormat);
  const status = signature.status !== undefined ? regexLiteral(signature.status) : (options.statusPattern ?? '5\\d\\d');
  const conditions = [`${ACCESS_FIELD_NAMES.status} like /^(?:${status})$/`];
  if (signature.route !== undefined) conditions.push(`${ROUTE_LABEL} = ${stringLiteral(signature.route)}`);
  if (signature.signature !== undefined) conditions.push(`${FAILURE_COLUMNS.signature} = ${stringLiteral(signature.signature)}`);
  return [
    ...fields.prelude,
    `filter ${conditions.join(' and ')}`,
    `fields @timestamp, @message, @log, @logStream, ${fields.columns.join(', ')}`,
    'sort @timestamp desc',
    `limit ${Math.max(1, Math.floor(k))}`,
  ].join('\n| ');
}

/** The raw access log lines of the given requests (to read integration request ids, trace ids and the full record). */
export function accessLogRequestsQuery(requestIds: readonly string[], options: { accessLogFormat?: string } = {}): string | undefined {
  const ids = safeIds(requestIds);
  if (ids.length === 0) return undefined;
  const fields = accessLogQueryFields(options.accessLogFormat);
  return [
    ...fields.prelude,
    `filter ${ACCESS_FIELD_NAMES.requestId} in ${stringList(ids)}`,
    `fields @timestamp, @message, @log, @logStream, ${fields.columns.join(', ')}`,
    'sort @timestamp asc',
    `limit ${Math.max(1, ids.length * 2)}`,
  ].join('\n| ');
}

/**
 * Every execution log line of the given REST request ids (undefined when no usable id is given: nothing to query). Each line starts with "(<requestId>) " (WebSocket APIs put
 * the extended id there), so one regex over @message finds them; run it over a narrow time range around the requests
 * (windowAround) to keep the scan small.
 */
export function executionLogLinesQuery(requestIds: readonly string[], limit = 10_000): string | undefined {
  const ids = safeIds(requestIds);
  if (ids.length === 0) return undefined;
  return [
    'fields @timestamp, @message, @logStream, @log',
    `filter @message like /\\((?:${ids.map(regexLiteral).join('|')})\\)/`,
    'sort @timestamp asc',
    `limit ${limit}`,
  ].join('\n| ');
}

/**
 * The Lambda log lines of the given invocations, across several function log groups: START, END and REPORT carry
 * "RequestId: <id>", the runtimes' own lines carry the id after the timestamp (text format) or as "requestId" (JSON
 * format), platform lines ("Task timed out", "Runtime exited") carry it too. @requestId is Logs Insights' own field
 * for Lambda logs; the regex catches the lines it leaves out.
 */
export function lambdaLogLinesQuery(lambdaRequestIds: readonly string[], limit = 10_000): string | undefined {
  const ids = safeIds(lambdaRequestIds);
  if (ids.length === 0) return undefined;
  return [
    'fields @timestamp, @message, @logStream, @log, @requestId',
    `filter @requestId in ${stringList(ids)} or @message like /${ids.map(regexLiteral).join('|')}/`,
    'sort @timestamp asc',
    `limit ${limit}`,
  ].join('\n| ');
}

/**
 * All lines of the given Lambda log streams: for lines a runtime writes without a request id (Python's print, a
 * crash during init), read between an invocation's START and END. Use with a narrow time range.
 */
export function lambdaStreamLinesQuery(logStreams: readonly string[], limit = 10_000): string | undefined {
  const streams = [...new Set(logStreams.filter((stream) => stream.length > 0))];
  if (streams.length === 0) return undefined;
  return [
    'fields @timestamp, @message, @logStream, @log',
    `filter @logStream in ${stringList(streams)}`,
    'sort @timestamp asc',
    `limit ${limit}`,
  ].join('\n| ');
}

/**
 * Failing requests from REST execution logs, for stages without an access log. One query, two kinds of rows:
 * "Method completed with status: 5xx" lines (gwStatus set, gwFailure "-"), counted per status, and the failure lines
 * of the same requests ("Execution failed due to ...", "Lambda execution failed ...", "Endpoint request timed out",
 * ...), cut to a stable prefix (gwFailure set, gwStatus "-"), each with the oldest and newest request id per time bin.
 * Read them with readExecutionLogFailureRows.
 */
export function executionLogFailuresQuery(options: { windowMs: number; statusPattern?: string; bins?: number }): string {
  const status = options.statusPattern ?? '5\\d\\d';
  return [
    'fields @timestamp, @message',
    `filter @message like /Method completed with status: (?:${status})\\b/ or @message like /${EXECUTION_FAILURE_FILTER}/`,
    'parse @message /^\\((?<gwRequestIdRaw>[^)\\s]+)\\) /',
    'parse @message /Method completed with status: (?<gwStatusRaw>\\d{3})/',
    `parse @message /\\) (?<gwFailureRaw>${EXECUTION_FAILURE_PATTERN})/`,
    // "Task timed out" texts start with their own time and Lambda request id: keep the words around them only.
    `parse @message /\\) (?<gwLambdaFailureRaw>${LAMBDA_FUNCTION_ERROR})(?::\\s*(?:\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\s+[0-9a-f-]{36}\\s+)?(?<gwLambdaErrorRaw>[^0-9\\n]{0,60}))?/`,
    `fields coalesce(gwRequestIdRaw, "-") as ${ACCESS_FIELD_NAMES.requestId}, coalesce(gwStatusRaw, "-") as ${ACCESS_FIELD_NAMES.status}, ` +
      `coalesce(gwFailureRaw, concat(gwLambdaFailureRaw, ": ", coalesce(gwLambdaErrorRaw, "")), "-") as ${FAILURE_COLUMNS.failure}`,
    `stats count(*) as ${FAILURE_COLUMNS.requests}, earliest(${ACCESS_FIELD_NAMES.requestId}) as ${FAILURE_COLUMNS.firstRequestId}, ` +
      `latest(${ACCESS_FIELD_NAMES.requestId}) as ${FAILURE_COLUMNS.lastRequestId}, min(@timestamp) as ${FAILURE_COLUMNS.firstSeen}, ` +
      `max(@timestamp) as ${FAILURE_COLUMNS.lastSeen} by ${ACCESS_FIELD_NAMES.status}, ${FAILURE_COLUMNS.failure}, ` +
      `bin(${binFor(options.windowMs, options.bins)}) as ${FAILURE_COLUMNS.bin}`,
  ].join('\n| ');
}

/**
 * Failure lines of REST execution logs (API_GATEWAY_LOG_SHAPES.md §1.2), up to the part that names the kind of
 * failure (an ARN or a number ends it). Lambda function errors are read apart (LAMBDA_FUNCTION_ERROR).
 */
const EXECUTION_FAILURE_PATTERN = [
  'Execution failed due to [^:.\\n]*(?::\\s*[^.:0-9\\n]{0,80})?',
  'Lambda invocation failed with status: \\d+',
  'Endpoint request timed out',
  'Gateway response type: \\S+ with status code: 5\\d\\d',
  'AuthorizerConfigurationException',
  'AuthorizerFailure',
].join('|');
const LAMBDA_FUNCTION_ERROR = 'Lambda execution failed with status \\d+ due to customer function error';
const EXECUTION_FAILURE_FILTER = `${EXECUTION_FAILURE_PATTERN}|${LAMBDA_FUNCTION_ERROR}`;

/**
 * The time bin for a window: about `targetBins` bins (default 30), at a step Logs Insights accepts (seconds, minutes or hours;
 * never days, which some accounts reject in `bin()`).
 */
export function binFor(windowMs: number, targetBins = 30): string {
  const steps = [10, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400];
  const wanted = Math.max(1, windowMs) / 1000 / Math.max(1, targetBins);
  const seconds = steps.find((step) => step >= wanted) ?? 86_400;
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${seconds / 60}m`;
  return `${seconds / 3_600}h`;
}

/**
 * A narrow time range around some instants (epoch ms): from the first minus `beforeMs` to the last plus `afterMs`.
 * Execution and Lambda lines of a request lie within its integration timeout of the access log line (29 s by
 * default, up to several minutes when raised), hence the defaults.
 */
export function windowAround(times: readonly number[], beforeMs = 60_000, afterMs = 5 * 60_000): { startTime: number; endTime: number } | undefined {
  const finite = times.filter((time) => Number.isFinite(time));
  if (finite.length === 0) return undefined;
  return { startTime: Math.min(...finite) - beforeMs, endTime: Math.max(...finite) + afterMs };
}

/** Pick the best JSON key path for each query field from a compiled JSON format. */
function bestJsonPaths(compiled: Extract<CompiledAccessLogFormat, { kind: 'json' }>): Map<AccessQueryField, string> {
  const best = new Map<AccessQueryField, { path: string; score: number }>();
  for (const [path, variable] of compiled.variableByPath) {
    for (const target of fieldsOfContextVariable(variable)) {
      for (const field of Object.keys(FIELD_SOURCES) as AccessQueryField[]) {
        const index = FIELD_SOURCES[field].indexOf(target.field);
        if (index < 0) continue;
        const score = index * 10 + target.rank;
        const current = best.get(field);
        if (!current || score < current.score) best.set(field, { path, score });
      }
    }
  }
  return new Map([...best].map(([field, { path }]) => [field, path]));
}

function routeComesFromRouteKey(compiled: CompiledAccessLogFormat | undefined): boolean {
  if (!compiled || compiled.kind === 'unusable') return false;
  return compiled.variables.includes('routekey');
}

/**
 * A text template as one `parse` regex with a named group per variable a query field needs (the first time it
 * appears), mirroring matchTextFormat: literal whitespace matches any whitespace, numbers and "-" for numeric
 * variables, no spaces in id-like ones, anything (shortest first) in free text.
 */
function textFormatParse(compiled: Extract<CompiledAccessLogFormat, { kind: 'text' }>): {
  command: string;
  captured: Map<AccessQueryField, string>;
} {
  const variables = [...new Set(compiled.variables)];
  // The variable that fills each field: best source, then best rank, as for JSON.
  const chosen = new Map<AccessQueryField, string>();
  for (const field of Object.keys(FIELD_SOURCES) as AccessQueryField[]) {
    let best: { variable: string; score: number } | undefined;
    for (const variable of variables) {
      for (const target of fieldsOfContextVariable(variable)) {
        const index = FIELD_SOURCES[field].indexOf(target.field);
        if (index < 0) continue;
        const score = index * 10 + target.rank;
        if (!best || score < best.score) best = { variable, score };
      }
    }
    if (best) chosen.set(field, best.variable);
  }
  const groupOf = new Map<string, string>();
  for (const variable of chosen.values()) if (!groupOf.has(variable)) groupOf.set(variable, `gwVar${groupOf.size}`);

  const used = new Set<string>();
  const pieces = compiled.pieces;
  const regex = pieces
    .map((piece: TemplatePiece, index: number) => {
      if ('literal' in piece) {
        return piece.literal
          .split(/(\s+)/)
          .map((part) => (/^\s+$/.test(part) ? '\\s+' : regexLiteral(part)))
          .join('');
      }
      const last = index === pieces.length - 1;
      const body = piece.shape === 'number' ? '-?\\d+(?:\\.\\d+)?|-' : piece.shape === 'token' ? '\\S*' : last ? '.*' : '.*?';
      const group = groupOf.get(piece.variable);
      if (group !== undefined && !used.has(group)) {
        used.add(group);
        return `(?<${group}>${body})`;
      }
      return `(?:${body})`;
    })
    .join('');
  const captured = new Map<AccessQueryField, string>();
  for (const [field, variable] of chosen) {
    const group = groupOf.get(variable);
    if (group !== undefined && used.has(group)) captured.set(field, group);
  }
  return { command: `parse @message /^${regex}/`, captured };
}

/** A field name as a query can use it: backticks unless it is letters, digits, "@" and "." only. */
export function fieldReference(name: string): string {
  return /^[A-Za-z@][A-Za-z0-9@.]*$/.test(name) ? name : `\`${name.replace(/`/g, '')}\``;
}

/**
 * Text to match literally inside a /regex/: regex metacharacters, the delimiter and double quotes escaped (public
 * queries escape quotes inside regexes; an escaped quote is a plain quote to RE2, Java and JavaScript alike).
 */
export function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/"]/g, '\\$&');
}

/** A double-quoted string literal. */
export function stringLiteral(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

function stringList(values: readonly string[]): string {
  return `[${values.map(stringLiteral).join(', ')}]`;
}

/**
 * Request ids as they can appear in a query: REST ids are UUIDs, HTTP API and WebSocket ids base64-like
 * ("KyDfdgZ9oAMEYpA="), Lambda ids UUIDs. Anything else is dropped rather than spliced into a query.
 */
export function safeIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()).filter((id) => /^[A-Za-z0-9+/=_-]{6,128}$/.test(id)))];
}
