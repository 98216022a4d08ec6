/** The simulated world a bundle is rendered from: API requests and the Lambda invocations behind them. */

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

export interface ErrorInfo {
  /** errorType as the runtime reports it: "TypeError", "KeyError", "java.lang.OutOfMemoryError". */
  type: string;
  message: string;
  /** Stack as the runtime prints it: Node "TypeError: ...", "    at ..."; Python "  File ..., line n, in f\n    code\n"; Java "java.base/...". */
  stack: string[];
  /** Python: the exception's qualified name on the traceback's last line ("botocore.exceptions.ClientError"). */
  qualifiedType?: string;
  /** Node: err.code, which the runtime prints when set ("ECONNREFUSED"). */
  code?: string;
  /** Node: the error's own enumerable properties, as util.inspect prints them after the stack. */
  props?: Record<string, string | number>;
}

/** One line the function's own code (or its runtime on its behalf) writes. */
export interface AppLog {
  /** Milliseconds after START. */
  offsetMs: number;
  level: LogLevel;
  text: string;
  /** An exception logged with the line (Python logger.exception, Node console.error(msg, err)). */
  error?: ErrorInfo;
  /** print()/process.stdout.write: no level, no request id (text formats). */
  raw?: boolean;
}

/** How an invocation ended, from the Lambda platform's point of view. */
export type InvocationEnd =
  | { kind: 'success' }
  | { kind: 'timeout' }
  | { kind: 'unhandled'; error: ErrorInfo }
  /** The sandbox was killed for memory: REPORT Status: error, Error Type: Runtime.OutOfMemory. */
  | { kind: 'oom-killed' }
  /** The runtime could not load the handler (suppressed init in the invoke phase). */
  | { kind: 'init-error'; error: ErrorInfo };

/** What Lambda's Invoke API answered. */
export type InvokeResponse =
  /** 200 without a function error: the handler's return value as JSON (may be a malformed proxy response). */
  | { kind: 'payload'; payload: string }
  /** 200 with X-Amz-Function-Error: Unhandled and an error document. */
  | { kind: 'function-error'; payload: string; errorMessage: string };

export interface Invocation {
  requestId: string;
  functionName: string;
  /** Epoch ms of START. */
  start: number;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Set on a cold start. */
  initDurationMs?: number;
  /** Epoch ms of INIT_START, on a cold start. */
  initStart?: number;
  /** Init errors: how long the failed init-phase attempt took before the invoke-phase retry. */
  initPhaseDurationMs?: number;
  logStream: string;
  /** The function's log group, /aws/lambda/<name> unless configured otherwise. */
  logGroup: string;
  traceId?: string;
  /** Segment id of the AWS::Lambda::Function segment (REPORT's XRAY SegmentId). */
  segmentId?: string;
  appLogs: AppLog[];
  end: InvocationEnd;
  response: InvokeResponse;
  /** Who invoked: the API, or a schedule (not an API request). */
  trigger: 'api' | 'schedule';
  runtimeVersion: string;
  version: string;
}

export interface ApiIdentity {
  id: string;
  name: string;
  type: 'REST' | 'HTTP';
  stage: string;
  region: string;
  account: string;
}

/** What happened between API Gateway and Lambda for one request. */
export type IntegrationOutcome =
  | { kind: 'invoked'; latencyMs: number }
  /** Lambda refused the Invoke call itself (429 throttle, 404 not found). */
  | { kind: 'invoke-rejected'; httpStatus: number; errorType: string; body: string; lambdaRequestId: string; latencyMs: number; configErrorText: string }
  /** API Gateway may not invoke the function. */
  | { kind: 'permission-denied' }
  /** No integration call (the request was answered by API Gateway itself). */
  | { kind: 'none' };

export interface ApiRequest {
  api: ApiIdentity;
  requestId: string;
  extendedRequestId: string;
  /** Epoch ms when API Gateway received the request. */
  time: number;
  httpMethod: string;
  /** REST resource path template, "/orders/{id}". */
  resourcePath: string;
  /** The concrete path, "/orders/81723". */
  path: string;
  /** Path parameters as API Gateway prints them, "{id=81723}". */
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** HTTP APIs: "GET /orders/{id}". */
  routeKey: string;
  sourceIp: string;
  userAgent: string;
  traceId: string;
  /** Segment id of API Gateway's segment. */
  gatewaySegmentId: string;
  /** Function ARN the integration invoked (with :alias when qualified). */
  functionArn?: string;
  status: number;
  responseLength: number;
  responseLatencyMs: number;
  integration: IntegrationOutcome;
  invocation?: Invocation;
  /** Request body the client sent (for data-trace lines). */
  body?: string;
}

/** One CloudWatch Logs event before it is written in some file format. */
export interface RawLogEvent {
  timestamp: number;
  message: string;
  logGroup: string;
  logStream: string;
  /** Milliseconds between the event and its ingestion. */
  ingestionDelayMs?: number;
}
