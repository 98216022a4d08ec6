import type { ExecutionLogLine } from '../model/records.ts';
import { apiAndStageFromExecutionLogGroup } from './parseExecutionLogLine.ts';

/**
 * What one REST API request's execution log lines say, in API Gateway's own terms.
 * Every line shape matched here is catalogued with its source in API_GATEWAY_LOG_SHAPES.md.
 */

export type IntegrationKind = 'lambda' | 'http' | 'aws-service';

/** The failure lines API Gateway writes, by what they mean. Rules quote `ExecutionFailure.text`. */
export type ExecutionFailureKind =
  /** "Lambda execution failed with status 200 due to customer function error: ..." */
  | 'lambda-function-error'
  /** "Lambda invocation failed with status: 429. Lambda request id: ..." (the status is in `status`) */
  | 'lambda-invocation-failed'
  /** "Execution failed due to configuration error: Rate Exceeded." */
  | 'rate-exceeded'
  /** "Execution failed due to a timeout error", "Endpoint request timed out" */
  | 'timeout'
  /** "Execution failed due to configuration error: Invalid permissions on Lambda function" */
  | 'invalid-permissions'
  /** "... API Gateway does not have permission to assume the provided role arn:..." */
  | 'assume-role-denied'
  | 'malformed-proxy-response'
  /** "Unable to transform request" */
  | 'transform-request'
  /** "Unable to transform response" */
  | 'transform-response'
  /** "Output mapping refers to an invalid method response", "No match for output mapping ..." */
  | 'output-mapping'
  | 'invalid-endpoint-address'
  /** "Invalid JSON in response" */
  | 'invalid-json'
  /** "General SSLEngine problem", "PKIX path building failed", "Host name ... does not match the certificate subject" */
  | 'tls'
  /** "Network error communicating with endpoint", "Connection is closed", connection refused/reset/timed out */
  | 'network'
  /** "Execution failed due to an vpc link error" */
  | 'vpc-link'
  /** "Authorizer error", "AuthorizerConfigurationException" */
  | 'authorizer-error'
  /** "Unauthorized request: <id>" */
  | 'unauthorized'
  /** "Execution failed due to an internal error", "There was an internal error while executing your request" */
  | 'internal-error'
  /** A direct AWS service integration answered with an AWS error ("__type":"...#AccessDeniedException") */
  | 'aws-service-error'
  /** "There was an error evaluating the AWS WAF rules associated with this API" */
  | 'waf'
  /** "Key throttle limit exceeded for RestApi ...", "Method throttle limit exceeded" */
  | 'api-throttled'
  /** Any other "Execution failed due to configuration error: ..." */
  | 'configuration-error'
  /** Any other "Execution failed ..." */
  | 'execution-failed';

export interface ExecutionFailure {
  kind: ExecutionFailureKind;
  /** The line as API Gateway wrote it (without the "(requestId) " prefix). */
  text: string;
  timestamp: number;
  /** Whether the line belongs to the Lambda authorizer's run or to the method's integration. */
  phase: 'authorizer' | 'integration';
  /** "Lambda request id: X" in the line. */
  lambdaRequestId?: string;
  /** The status the line names ("Lambda invocation failed with status: 429", "... with status 200 due to ..."). */
  status?: number;
}

/** A Lambda function named by an invocation URI (".../functions/arn:aws:lambda:REGION:ACCT:function:NAME[:QUAL]/invocations"). */
export interface LambdaTarget {
  functionArn: string;
  functionName: string;
  qualifier?: string;
  /** True when the ARN ends in ":" with nothing after it: a stage variable that resolved to nothing. */
  qualifierEmpty: boolean;
  region?: string;
  accountId?: string;
}

export interface IntegrationTarget {
  kind: IntegrationKind;
  /** For AWS service integrations: "dynamodb", "sqs", "states", "s3", "sns", "kinesis", "events", ... */
  awsService?: string;
  /** "?Action=PutItem" or "arn:aws:apigateway:...:action/PutItem" */
  awsAction?: string;
  lambda?: LambdaTarget;
}

export interface AuthorizerFacts {
  /** "Starting authorizer: 62mgrc for request: ..." */
  authorizerId?: string;
  endpointUri?: string;
  functionArn?: string;
  functionName?: string;
  qualifier?: string;
  lambdaRequestId?: string;
  integrationStatus?: number;
  integrationLatencyMs?: number;
  functionErrorHeader?: string;
  /** "Authorizer result body before parsing: ..." */
  resultBody?: string;
  outcome?: 'authorized' | 'unauthorized' | 'error';
}

export interface ExecutionFacts {
  /** API Gateway's request id (the "(...)" prefix) of the first line. */
  requestId?: string;
  apiId?: string;
  stage?: string;
  firstTimestamp?: number;
  lastTimestamp?: number;
  lineCount: number;
  /** "Extended Request Id: FOjNQEjfBcwFtAg=" */
  extendedRequestId?: string;
  /** "HTTP Method: GET, Resource Path: /orders/{id}" */
  httpMethod?: string;
  resourcePath?: string;
  /** The concrete path: from the proxy event body when logged, else the resource path with "Method request path" filled in. */
  path?: string;
  pathParameters?: Record<string, string>;
  /** The method response status: the last "Method completed with status: N". */
  status?: number;
  /** Saw "Method completed with status". */
  completed: boolean;
  /** Saw "Successfully completed execution". */
  succeeded: boolean;
  /** The integration's "Endpoint request URI:" (or "Sending request to") - never the authorizer's. */
  endpointUri?: string;
  integrationKind?: IntegrationKind;
  awsService?: string;
  awsAction?: string;
  functionArn?: string;
  functionName?: string;
  qualifier?: string;
  /** The invocation ARN ended in ":" - typically a stage variable with no value. */
  functionQualifierEmpty?: boolean;
  functionRegion?: string;
  functionAccountId?: string;
  /** Stage variables named anywhere in the lines ("${stageVariables.alias}"). */
  stageVariablesReferenced: string[];
  /** x-amzn-RequestId of the integration's response, or "AWS Integration Endpoint RequestId : X". */
  integrationRequestId?: string;
  /** The Lambda request id of the integration function (headers, "Lambda request id: X"). */
  lambdaRequestId?: string;
  /** X-Amz-Function-Error header of the integration response: "Unhandled" or "Handled". */
  functionErrorHeader?: string;
  /** errorType / errorMessage of a function error, from the failure line or the response body. */
  functionErrorType?: string;
  functionErrorMessage?: string;
  /** x-amzn-ErrorType header of the integration response ("TooManyRequestsException"). */
  endpointErrorType?: string;
  /** The error the integration response body names (Lambda error JSON, AWS "__type", S3/SQS XML, throttle "Reason"). */
  endpointResponseError?: { type?: string; message?: string; reason?: string };
  /** X-Ray trace id "1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy". */
  traceId?: string;
  /** The integration response status: "Received response. Status: 200, Integration latency: 25 ms". */
  integrationStatus?: number;
  integrationLatencyMs?: number;
  /** "Endpoint response body before transformations: ..." of the integration. */
  endpointResponseBody?: string;
  /** statusCode of a Lambda proxy response body. */
  proxyStatusCode?: number;
  /** "Method response body after transformations: ..." */
  methodResponseBody?: string;
  /** "Lambda invocation failed with status: N" */
  lambdaInvocationStatus?: number;
  /** "Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500" */
  gatewayResponseType?: string;
  gatewayResponseStatus?: number;
  /** A timeout failure line was seen. */
  timedOut: boolean;
  authorizer?: AuthorizerFacts;
  /** Failure lines in the order they were written. */
  failures: ExecutionFailure[];
}

const TRACE_ID = /1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}/;
const ROOT_TRACE_ID = /(?:^|[\s;,{=])Root=(1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24})/i;
const STAGE_VARIABLE = /\$\{?stageVariables\.([A-Za-z0-9_]+)\}?/g;

/** Services API Gateway can integrate with directly, by the first label of their endpoint host. */
const AWS_SERVICE_HOSTS = new Set([
  'dynamodb', 'sqs', 'sns', 'states', 'sync-states', 'kinesis', 'firehose', 's3', 'events', 'lambda', 'sts', 'ssm',
  'secretsmanager', 'sagemaker', 'runtime', 'appconfig', 'appconfigdata', 'athena', 'glue', 'logs', 'monitoring',
  'cognito-idp', 'cognito-identity', 'ses', 'email', 'iot', 'data', 'kms', 'bedrock', 'bedrock-runtime', 'textract',
  'rekognition', 'comprehend', 'translate', 'polly', 'transcribe', 'apigateway', 'cloudformation', 'ec2', 'ecs',
  'batch', 'codebuild', 'timestream', 'scheduler', 'pipes', 'mediaconvert', 'elasticloadbalancing', 'iam',
  'codepipeline', 'appsync', 'kinesisanalytics', 'personalize', 'forecast', 'location', 'geo', 'ecr', 'eks', 'xray',
]);

/** Parse a Lambda invocation URI or ARN (stage variables and empty qualifiers included). */
export function lambdaTargetFromUri(uri: string): LambdaTarget | undefined {
  if (typeof uri !== 'string') return undefined;
  const decoded = safeDecode(uri);
  const functions = /\/functions\/([^/]+)\/invocations/.exec(decoded);
  const candidate = functions?.[1] ?? (/^arn:aws[\w-]*:lambda:/.test(decoded) ? decoded : undefined);
  if (candidate === undefined) return undefined;
  const arn = /^arn:(aws[\w-]*):lambda:([^:]*):([^:]*):function:([^:/]+)(?::([^/]*))?$/.exec(candidate);
  if (arn) {
    const name = arn[4] ?? '';
    const rawQualifier = arn[5];
    const target: LambdaTarget = {
      functionArn: candidate,
      functionName: name,
      qualifierEmpty: rawQualifier !== undefined && rawQualifier.length === 0,
    };
    if (rawQualifier !== undefined && rawQualifier.length > 0) target.qualifier = rawQualifier;
    if (arn[2]) target.region = arn[2];
    if (arn[3]) target.accountId = arn[3];
    return target;
  }
  // A bare name ("functions/my-fn/invocations") or a name with a qualifier.
  const bare = /^([A-Za-z0-9_${}.-]+)(?::([^/]*))?$/.exec(candidate);
  if (!bare || bare[1] === undefined) return undefined;
  const target: LambdaTarget = {
    functionArn: candidate,
    functionName: bare[1],
    qualifierEmpty: bare[2] !== undefined && bare[2].length === 0,
  };
  if (bare[2]) target.qualifier = bare[2];
  return target;
}

/** Guess what an integration talks to from its endpoint URI (execution log URL or integration ARN). */
export function integrationTargetFromUri(uri: string): IntegrationTarget | undefined {
  if (typeof uri !== 'string' || uri.trim().length === 0) return undefined;
  const text = uri.trim();
  const lambda = lambdaTargetFromUri(text);
  if (lambda && /\/functions\//.test(text)) return { kind: 'lambda', lambda };

  // Integration ARNs: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem, ...:s3:path/bucket/key
  const apigwArn = /^arn:aws[\w-]*:apigateway:[^:]*:([^:]+):(action|path)\/(.*)$/.exec(text);
  if (apigwArn && apigwArn[1] !== undefined) {
    const labels = apigwArn[1].split('.');
    const service = labels.find((label) => AWS_SERVICE_HOSTS.has(label)) ?? labels[labels.length - 1] ?? apigwArn[1];
    const target: IntegrationTarget = { kind: 'aws-service', awsService: service };
    if (apigwArn[2] === 'action' && apigwArn[3]) target.awsAction = apigwArn[3].split(/[?&/]/)[0] ?? apigwArn[3];
    return target;
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  if (/\.amazonaws\.com(\.cn)?$/.test(host) && !/\.(elb|execute-api|compute|compute-1|vpce|cloudfront)\./.test(`.${host}`)) {
    const labels = host.split('.');
    const service = awsServiceFromHostLabels(labels);
    if (service !== undefined) {
      const target: IntegrationTarget = { kind: 'aws-service', awsService: service };
      const action = url.searchParams.get('Action') ?? url.searchParams.get('action');
      if (action) target.awsAction = action;
      return target;
    }
  }
  return { kind: 'http' };
}

function awsServiceFromHostLabels(labels: string[]): string | undefined {
  // bucket.s3.us-east-1.amazonaws.com, s3.amazonaws.com, s3-eu-west-1.amazonaws.com
  if (labels.some((label) => label === 's3' || /^s3-/.test(label))) return 's3';
  const first = labels[0];
  if (first === undefined) return undefined;
  if (first === 'runtime' && labels[1] === 'sagemaker') return 'sagemaker';
  if (first === 'data' && labels[1] === 'iot') return 'iot';
  if (first === 'sync-states') return 'states';
  return AWS_SERVICE_HOSTS.has(first) ? first : undefined;
}

function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "{id=123, name=x}" → {id: "123", name: "x"} (API Gateway prints Java maps). */
function parseJavaMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  if (body.trim().length === 0) return out;
  for (const part of body.split(/,\s*(?=[^,=\s]+=)/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    if (key.length > 0) out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

/** A header value out of "{Date=Thu, 01 Apr 2021 ..., x-amzn-RequestId=abc, ...}" (case-insensitive name). */
function headerValue(headers: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|[{,\\s])${escaped}=([^,}\\s]+)`, 'i').exec(headers);
  return match?.[1];
}

function traceIdFrom(text: string): string | undefined {
  const root = ROOT_TRACE_ID.exec(text);
  if (root?.[1] !== undefined) return root[1];
  return undefined;
}

function toInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringField(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/** The error a response body names: Lambda error JSON, AWS JSON error, AWS XML error, Lambda throttle body. */
function errorFromBody(body: string): { type?: string; message?: string; reason?: string; statusCode?: number } {
  const out: { type?: string; message?: string; reason?: string; statusCode?: number } = {};
  const trimmed = body.trim();
  let parsed: Record<string, unknown> | undefined;
  if (trimmed.startsWith('{')) {
    try {
      parsed = asRecord(JSON.parse(trimmed));
    } catch {
      parsed = undefined;
    }
  }
  if (parsed) {
    const type = stringField(parsed, 'errorType', '__type', 'code', 'Code', 'Type');
    const message = stringField(parsed, 'errorMessage', 'message', 'Message');
    const reason = stringField(parsed, 'Reason');
    if (type !== undefined) out.type = type.includes('#') ? (type.split('#').pop() ?? type) : type;
    if (message !== undefined) out.message = message;
    if (reason !== undefined) out.reason = reason;
    const statusCode = parsed.statusCode;
    if (typeof statusCode === 'number' && Number.isInteger(statusCode)) out.statusCode = statusCode;
    else if (typeof statusCode === 'string' && /^\d{3}$/.test(statusCode)) out.statusCode = Number(statusCode);
    return out;
  }
  // Truncated or non-JSON bodies: pick the fields out by pattern.
  const jsonString = (key: string): string | undefined =>
    new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(trimmed)?.[1];
  const type = jsonString('errorType') ?? jsonString('__type');
  const message = jsonString('errorMessage') ?? jsonString('message') ?? jsonString('Message');
  const reason = jsonString('Reason');
  const xmlCode = /<Code>([^<]+)<\/Code>/.exec(trimmed)?.[1];
  const xmlMessage = /<Message>([^<]*)<\/Message>/.exec(trimmed)?.[1];
  const chosenType = type ?? xmlCode;
  const chosenMessage = message ?? xmlMessage;
  if (chosenType !== undefined) out.type = chosenType.includes('#') ? (chosenType.split('#').pop() ?? chosenType) : chosenType;
  if (chosenMessage !== undefined) out.message = chosenMessage;
  if (reason !== undefined) out.reason = reason;
  const statusCode = /"statusCode"\s*:\s*"?(\d{3})\b/.exec(trimmed)?.[1];
  if (statusCode !== undefined && trimmed.startsWith('{')) out.statusCode = Number(statusCode);
  return out;
}

/** Classify a line that reports a failure; undefined for any other line. */
export function classifyExecutionFailure(text: string): { kind: ExecutionFailureKind; status?: number; lambdaRequestId?: string } | undefined {
  const line = text.trim();
  const functionError = /^Lambda execution failed with status (\d{3}) due to customer function error:/i.exec(line);
  if (functionError) {
    const result: { kind: ExecutionFailureKind; status?: number; lambdaRequestId?: string } = { kind: 'lambda-function-error' };
    const status = toInt(functionError[1]);
    if (status !== undefined) result.status = status;
    const requestId = /Lambda request id:\s*([A-Za-z0-9-]+)\s*$/i.exec(line)?.[1];
    if (requestId !== undefined) result.lambdaRequestId = requestId;
    return result;
  }
  const invocation = /^Lambda invocation failed with status:?\s*(\d{3})/i.exec(line);
  if (invocation) {
    const result: { kind: ExecutionFailureKind; status?: number; lambdaRequestId?: string } = { kind: 'lambda-invocation-failed' };
    const status = toInt(invocation[1]);
    if (status !== undefined) result.status = status;
    const requestId = /Lambda request id:\s*([A-Za-z0-9-]+)/i.exec(line)?.[1];
    if (requestId !== undefined) result.lambdaRequestId = requestId;
    return result;
  }
  if (/^(?:Key|Method|Stage|Account|API) throttle limit exceeded/i.test(line) || /^Usage Plan check failed/i.test(line)) {
    return { kind: 'api-throttled' };
  }
  if (/^Unauthorized request\b/i.test(line) || /^Unauthorized\.?$/i.test(line)) return { kind: 'unauthorized' };
  if (/^(?:Execution failed|Endpoint request timed out|Authorizer error|AuthorizerConfigurationException|Internal server error|There was an (?:internal error|error evaluating the AWS WAF)|Invalid permissions on Lambda function|Malformed Lambda proxy response|Invalid endpoint address|Invalid JSON in response|Network error communicating with endpoint|Unable to transform (?:request|response)|General SSLEngine problem|PKIX path)/i.test(line)) {
    return { kind: failureKindOf(line) };
  }
  return undefined;
}

function failureKindOf(line: string): ExecutionFailureKind {
  if (/Authorizer error|AuthorizerConfigurationException|Authorizer (?:configuration|failure)/i.test(line)) return 'authorizer-error';
  if (/Invalid permissions on Lambda function/i.test(line)) return 'invalid-permissions';
  if (/does not have permission to assume the provided role/i.test(line)) return 'assume-role-denied';
  if (/Malformed Lambda proxy response/i.test(line)) return 'malformed-proxy-response';
  if (/Rate Exceeded/i.test(line)) return 'rate-exceeded';
  if (/Unable to transform request/i.test(line)) return 'transform-request';
  if (/Unable to transform response/i.test(line)) return 'transform-response';
  if (/output mapping/i.test(line)) return 'output-mapping';
  if (/Invalid endpoint address/i.test(line)) return 'invalid-endpoint-address';
  if (/Invalid JSON in response/i.test(line)) return 'invalid-json';
  if (/SSLEngine|PKIX|certificat|SSLHandshake|SSLPeerUnverified|SSLException|handshake/i.test(line)) return 'tls';
  if (/vpc ?link/i.test(line)) return 'vpc-link';
  if (/network error|Connection (?:is closed|closed|refused|reset|timed out)|connect timed out|UnknownHost|Unable to (?:connect|resolve)|No route to host|Name or service not known/i.test(line)) return 'network';
  if (/timeout error|timed out/i.test(line)) return 'timeout';
  if (/WAF/i.test(line)) return 'waf';
  if (/internal error|Internal server error/i.test(line)) return 'internal-error';
  if (/configuration error/i.test(line)) return 'configuration-error';
  return 'execution-failed';
}

interface PendingServiceError {
  order: number;
  text: string;
  timestamp: number;
}

/** Everything a diagnosis needs from one request's execution log lines (in any order; sorted by time here). */
export function extractExecutionFacts(lines: ExecutionLogLine[]): ExecutionFacts {
  const facts: ExecutionFacts = {
    lineCount: 0,
    completed: false,
    succeeded: false,
    stageVariablesReferenced: [],
    timedOut: false,
    failures: [],
  };
  const valid = (Array.isArray(lines) ? lines : []).filter(
    (line): line is ExecutionLogLine => typeof line === 'object' && line !== null && typeof line.text === 'string',
  );
  if (valid.length === 0) return facts;

  // Stable sort by time keeps API Gateway's own order for lines that share a millisecond.
  const ordered = valid
    .map((line, index) => ({ line, index }))
    .sort((a, b) => (a.line.timestamp - b.line.timestamp) || (a.index - b.index))
    .map((entry) => entry.line);

  facts.lineCount = ordered.length;
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  if (first) {
    facts.requestId = first.requestId;
    facts.firstTimestamp = first.timestamp;
    const group = first.logGroup !== undefined ? apiAndStageFromExecutionLogGroup(first.logGroup) : undefined;
    if (group) {
      facts.apiId = group.apiId;
      facts.stage = group.stage;
    }
  }
  if (last) facts.lastTimestamp = last.timestamp;

  let phase: 'authorizer' | 'integration' = 'integration';
  let executionStarted = false;
  let traceFromXrayLine: string | undefined;
  let traceFromRequestHeaders: string | undefined;
  let traceFromResponseHeaders: string | undefined;
  let proxyEventPath: string | undefined;
  let pendingServiceError: PendingServiceError | undefined;
  const failureOrder: number[] = [];
  const stageVariables = new Set<string>();

  const authorizer = (): AuthorizerFacts => {
    if (!facts.authorizer) facts.authorizer = {};
    return facts.authorizer;
  };

  ordered.forEach((line, order) => {
    const text = line.text.trim();
    for (const match of text.matchAll(STAGE_VARIABLE)) if (match[1] !== undefined) stageVariables.add(match[1]);

    let m: RegExpExecArray | null;
    if ((m = /^Extended Request Id:\s*(\S+)/i.exec(text))) {
      facts.extendedRequestId = m[1];
      return;
    }
    if ((m = /^Starting authorizer:\s*(\S+)/i.exec(text))) {
      phase = 'authorizer';
      const id = m[1];
      if (id !== undefined) authorizer().authorizerId = id;
      return;
    }
    if ((m = /^Authorizer result body before parsing:\s*([\s\S]*)$/i.exec(text))) {
      const body = m[1] ?? '';
      authorizer().resultBody = body;
      return;
    }
    if (/^Using valid authorizer policy for principal/i.test(text)) {
      authorizer().outcome = 'authorized';
      return;
    }
    if (/^Successfully completed authorizer execution/i.test(text)) {
      const run = authorizer();
      if (run.outcome === undefined) run.outcome = 'authorized';
      phase = 'integration';
      return;
    }
    if ((m = /^Verifying Usage Plan for request:[\s\S]*?API Stage:\s*([A-Za-z0-9]+)\/(\S+)/i.exec(text))) {
      if (facts.apiId === undefined && m[1] !== undefined) facts.apiId = m[1];
      if (facts.stage === undefined && m[2] !== undefined) facts.stage = m[2];
      phase = 'integration';
      return;
    }
    if (/^Starting execution for request/i.test(text)) {
      phase = 'integration';
      executionStarted = true;
      return;
    }
    if ((m = /^HTTP Method:\s*([A-Za-z]+),\s*Resource Path:\s*(\S[^\n]*)$/i.exec(text))) {
      phase = 'integration';
      executionStarted = true;
      if (m[1] !== undefined) facts.httpMethod = m[1].toUpperCase();
      if (m[2] !== undefined) facts.resourcePath = m[2].trim();
      return;
    }
    if ((m = /^Method request path:\s*([\s\S]*)$/i.exec(text))) {
      const parameters = parseJavaMap(m[1] ?? '');
      if (Object.keys(parameters).length > 0) facts.pathParameters = parameters;
      return;
    }
    if ((m = /^Method request headers:\s*([\s\S]*)$/i.exec(text))) {
      traceFromRequestHeaders ??= traceIdFrom(m[1] ?? '');
      return;
    }
    if ((m = /^Endpoint request URI:\s*(\S+)/i.exec(text))) {
      setEndpoint(m[1] ?? '', true);
      return;
    }
    if ((m = /^Sending request to\s+(\S+)/i.exec(text))) {
      setEndpoint(m[1] ?? '', false);
      return;
    }
    if ((m = /^Endpoint request body after transformations:\s*([\s\S]*)$/i.exec(text))) {
      const body = m[1] ?? '';
      if (phase === 'integration' && /"resource"\s*:/.test(body) && /"httpMethod"\s*:/.test(body)) {
        const path = /"path"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(body)?.[1];
        if (path !== undefined) proxyEventPath = path.replace(/\\\//g, '/');
      }
      return;
    }
    if ((m = /^Received response\.(?:\s*Status:\s*(\d{3}),?)?\s*Integration latency:\s*(\d+)\s*ms/i.exec(text))) {
      const status = toInt(m[1]);
      const latency = toInt(m[2]);
      if (phase === 'authorizer') {
        if (status !== undefined) authorizer().integrationStatus = status;
        if (latency !== undefined) authorizer().integrationLatencyMs = latency;
      } else {
        if (status !== undefined) facts.integrationStatus = status;
        if (latency !== undefined) facts.integrationLatencyMs = latency;
      }
      return;
    }
    if ((m = /^Endpoint response headers:\s*([\s\S]*)$/i.exec(text))) {
      const headers = m[1] ?? '';
      const requestId = headerValue(headers, 'x-amzn-RequestId');
      const functionError = headerValue(headers, 'X-Amz-Function-Error');
      if (phase === 'authorizer') {
        if (requestId !== undefined) authorizer().lambdaRequestId ??= requestId;
        if (functionError !== undefined) authorizer().functionErrorHeader = functionError;
      } else {
        if (requestId !== undefined) facts.integrationRequestId ??= requestId;
        if (functionError !== undefined) facts.functionErrorHeader = functionError;
        const errorType = headerValue(headers, 'x-amzn-ErrorType');
        if (errorType !== undefined) facts.endpointErrorType = errorType.split(':')[0] ?? errorType;
        traceFromResponseHeaders ??= traceIdFrom(headers);
      }
      return;
    }
    if ((m = /^Endpoint response body before transformations:\s*([\s\S]*)$/i.exec(text))) {
      if (phase === 'authorizer') return;
      const body = m[1] ?? '';
      facts.endpointResponseBody = body;
      const error = errorFromBody(body);
      if (error.statusCode !== undefined) facts.proxyStatusCode = error.statusCode;
      if (error.type !== undefined || error.message !== undefined || error.reason !== undefined) {
        const named: { type?: string; message?: string; reason?: string } = {};
        if (error.type !== undefined) named.type = error.type;
        if (error.message !== undefined) named.message = error.message;
        if (error.reason !== undefined) named.reason = error.reason;
        facts.endpointResponseError = named;
        if (looksLikeAwsError(body)) pendingServiceError = { order, text, timestamp: line.timestamp };
      }
      return;
    }
    if ((m = /^Method response body after transformations:\s*([\s\S]*)$/i.exec(text))) {
      facts.methodResponseBody = m[1] ?? '';
      return;
    }
    if ((m = /^Method response headers:\s*([\s\S]*)$/i.exec(text))) {
      traceFromResponseHeaders ??= traceIdFrom(m[1] ?? '');
      return;
    }
    if (/^Successfully completed execution/i.test(text)) {
      facts.succeeded = true;
      return;
    }
    if ((m = /^Method completed with status:\s*(\d{3})/i.exec(text))) {
      const status = toInt(m[1]);
      if (status !== undefined) facts.status = status;
      facts.completed = true;
      return;
    }
    if ((m = /^AWS Integration Endpoint RequestId\s*:\s*(\S+)/i.exec(text))) {
      if (m[1] !== undefined && m[1] !== '-') facts.integrationRequestId ??= m[1];
      return;
    }
    if ((m = /^X-ray Tracing ID\s*:\s*(\S+)/i.exec(text))) {
      traceFromXrayLine ??= TRACE_ID.exec(m[1] ?? '')?.[0];
      return;
    }
    if ((m = /^Gateway response type:\s*(\S+)\s+with status code:\s*(\d{3})/i.exec(text))) {
      if (m[1] !== undefined) facts.gatewayResponseType = m[1];
      const status = toInt(m[2]);
      if (status !== undefined) facts.gatewayResponseStatus = status;
      return;
    }

    const failure = classifyExecutionFailure(text);
    if (!failure) return;
    const record: ExecutionFailure = { kind: failure.kind, text, timestamp: line.timestamp, phase };
    if (failure.lambdaRequestId !== undefined) record.lambdaRequestId = failure.lambdaRequestId;
    if (failure.status !== undefined) record.status = failure.status;
    facts.failures.push(record);
    failureOrder.push(order);

    if (phase === 'authorizer') {
      if (failure.kind !== 'unauthorized') authorizer().outcome = 'error';
      else authorizer().outcome = 'unauthorized';
      if (failure.lambdaRequestId !== undefined) authorizer().lambdaRequestId ??= failure.lambdaRequestId;
      return;
    }
    if (failure.kind === 'lambda-function-error') {
      const message = /customer function error:\s*([\s\S]*?)(?:\.?\s*Lambda request id:\s*[A-Za-z0-9-]+\s*)?$/i.exec(text)?.[1];
      if (message !== undefined && message.length > 0) facts.functionErrorMessage = message;
      if (failure.lambdaRequestId !== undefined) facts.lambdaRequestId = failure.lambdaRequestId;
    }
    if (failure.kind === 'lambda-invocation-failed') {
      if (failure.status !== undefined) facts.lambdaInvocationStatus = failure.status;
      if (failure.lambdaRequestId !== undefined) facts.lambdaRequestId ??= failure.lambdaRequestId;
    }
    if (failure.kind === 'authorizer-error') authorizer().outcome = 'error';
    if (failure.kind === 'unauthorized') authorizer().outcome ??= 'unauthorized';
  });

  function setEndpoint(uri: string, authoritative: boolean): void {
    if (uri.length === 0) return;
    if (phase === 'authorizer') {
      const run = authorizer();
      if (run.endpointUri !== undefined && !authoritative) return;
      run.endpointUri = uri;
      const lambda = lambdaTargetFromUri(uri);
      if (lambda) {
        run.functionArn = lambda.functionArn;
        run.functionName = lambda.functionName;
        if (lambda.qualifier !== undefined) run.qualifier = lambda.qualifier;
      }
      return;
    }
    if (facts.endpointUri !== undefined && !authoritative) return;
    facts.endpointUri = uri;
    const target = integrationTargetFromUri(uri);
    if (!target) return;
    facts.integrationKind = target.kind;
    if (target.awsService !== undefined) facts.awsService = target.awsService;
    if (target.awsAction !== undefined) facts.awsAction = target.awsAction;
    if (target.lambda) {
      facts.functionArn = target.lambda.functionArn;
      facts.functionName = target.lambda.functionName;
      if (target.lambda.qualifier !== undefined) facts.qualifier = target.lambda.qualifier;
      if (target.lambda.qualifierEmpty) facts.functionQualifierEmpty = true;
      if (target.lambda.region !== undefined) facts.functionRegion = target.lambda.region;
      if (target.lambda.accountId !== undefined) facts.functionAccountId = target.lambda.accountId;
    }
  }

  // A failure before an authorizer error, with no method execution started, belongs to the authorizer
  // (execution logs do not always print "Starting authorizer").
  const authorizerErrorAt = facts.failures.findLastIndex((failure) => failure.kind === 'authorizer-error');
  if (authorizerErrorAt >= 0 && !executionStarted) {
    for (let i = 0; i <= authorizerErrorAt; i++) {
      const failure = facts.failures[i];
      if (failure) failure.phase = 'authorizer';
    }
  }

  if (facts.integrationKind === 'lambda' || facts.lambdaRequestId !== undefined) {
    facts.lambdaRequestId ??= facts.integrationRequestId;
  }
  if (facts.integrationKind === 'lambda' && facts.endpointResponseError) {
    if (facts.functionErrorHeader !== undefined || facts.endpointResponseError.type !== undefined) {
      if (facts.endpointResponseError.type !== undefined) facts.functionErrorType ??= facts.endpointResponseError.type;
      if (facts.endpointResponseError.message !== undefined && facts.functionErrorHeader !== undefined) {
        facts.functionErrorMessage ??= facts.endpointResponseError.message;
      }
    }
  }
  const serviceError: PendingServiceError | undefined = pendingServiceError;
  if (
    serviceError !== undefined &&
    (facts.integrationKind === 'aws-service' || facts.integrationKind === undefined)
  ) {
    const at = failureOrder.findIndex((order) => order > serviceError.order);
    const record: ExecutionFailure = {
      kind: 'aws-service-error',
      text: serviceError.text,
      timestamp: serviceError.timestamp,
      phase: 'integration',
    };
    if (at < 0) facts.failures.push(record);
    else facts.failures.splice(at, 0, record);
  }

  if (facts.resourcePath !== undefined) {
    facts.path = proxyEventPath ?? fillPath(facts.resourcePath, facts.pathParameters);
  } else if (proxyEventPath !== undefined) {
    facts.path = proxyEventPath;
  }
  const traceId = traceFromXrayLine ?? traceFromRequestHeaders ?? traceFromResponseHeaders;
  if (traceId !== undefined) facts.traceId = traceId;
  facts.stageVariablesReferenced = [...stageVariables];
  facts.timedOut = facts.failures.some((failure) => failure.kind === 'timeout');
  return facts;
}

/** An AWS service's own error shape: "__type":"...#XException", "x-amzn-ErrorType", or an XML <Error><Code>. */
function looksLikeAwsError(body: string): boolean {
  return /"__type"\s*:\s*"[^"]*(?:#|Exception|Error)/.test(body) || /<Error>\s*(?:<Type>[^<]*<\/Type>\s*)?<Code>/.test(body) || /<ErrorResponse/.test(body);
}

/** "/orders/{id}" + {id: "42"} → "/orders/42"; undefined when a parameter has no value. */
function fillPath(resourcePath: string, parameters: Record<string, string> | undefined): string | undefined {
  if (!resourcePath.includes('{')) return resourcePath;
  if (!parameters) return undefined;
  let complete = true;
  const filled = resourcePath.replace(/\{([^}+]+)\+?\}/g, (_whole, name: string) => {
    const value = parameters[name];
    if (value === undefined) {
      complete = false;
      return `{${name}}`;
    }
    return value;
  });
  return complete ? filled : undefined;
}
