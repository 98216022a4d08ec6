/**
 * Parsed evidence records: what the parsers make of one log event. Plain data, no behaviour.
 * Field names say what a value is in API Gateway's or Lambda's own terms.
 */

/** One REST API execution log line: "(<requestId>) <text>". */
export interface ExecutionLogLine {
  requestId: string;
  timestamp: number;
  text: string;
  logGroup?: string;
  file: string;
}

/** One access log record, whatever format (JSON with any field names, CLF, XML, CSV) it was written in. */
export interface AccessLogRecord {
  requestId: string;
  timestamp: number;
  status?: number;
  integrationStatus?: number;
  /** $context.integration.status for HTTP APIs / $context.integrationStatus for REST. */
  integrationError?: string;
  /** $context.integrationErrorMessage or $context.integration.error */
  integrationErrorMessage?: string;
  /** $context.error.message */
  errorMessage?: string;
  /** $context.error.responseType (e.g. INTEGRATION_TIMEOUT, AUTHORIZER_FAILURE) */
  errorResponseType?: string;
  authorizerError?: string;
  authorizerStatus?: number;
  responseLatencyMs?: number;
  integrationLatencyMs?: number;
  xrayTraceId?: string;
  /** $context.integration.requestId / $context.awsEndpointRequestId: the Lambda request id for Lambda integrations. */
  integrationRequestId?: string;
  extendedRequestId?: string;
  /** HTTP APIs: "GET /orders/{id}" or "$default". */
  routeKey?: string;
  /** REST: "/orders/{id}". */
  resourcePath?: string;
  path?: string;
  httpMethod?: string;
  ip?: string;
  apiId?: string;
  stage?: string;
  protocol?: string;
  logGroup?: string;
  file: string;
}

export type LambdaLogRecord =
  | { kind: 'start'; requestId: string; version?: string }
  | { kind: 'end'; requestId: string }
  | {
      kind: 'report';
      requestId: string;
      durationMs?: number;
      billedDurationMs?: number;
      memorySizeMb?: number;
      maxMemoryUsedMb?: number;
      initDurationMs?: number;
      /** "Status: timeout" / "Status: error" in REPORT (newer runtimes) or platform.report status. */
      status?: string;
      errorType?: string;
      xrayTraceId?: string;
    }
  | {
      /** INIT_START / INIT_REPORT / platform.initStart / platform.initReport */
      kind: 'init';
      phase: 'start' | 'report';
      status?: string;
      errorType?: string;
      durationMs?: number;
      runtimeVersion?: string;
      /** Lambda's own "Phase: init|invoke" (invoke = the init was re-run inside an invocation after a failed init),
       * "snap-start", or "restore" for SnapStart RESTORE_* lines. */
      lambdaPhase?: string;
    }
  | {
      /** Lines the Lambda platform writes about an invocation: "Task timed out after 3.00 seconds",
       * "RequestId: x Error: Runtime exited with error: signal: killed", "Runtime.ExitError". */
      kind: 'platform';
      requestId?: string;
      text: string;
      timeoutSeconds?: number;
      errorType?: string;
    }
  | {
      /** A line the function's own code or runtime wrote. */
      kind: 'app';
      requestId?: string;
      level?: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
      text: string;
      errorType?: string;
      errorMessage?: string;
      stackTrace?: string[];
    };

/** A normalised X-Ray (sub)segment, flattened from a trace document. */
export interface TraceSegment {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  origin?: string;
  startTime: number;
  endTime?: number;
  fault?: boolean;
  error?: boolean;
  throttle?: boolean;
  httpStatus?: number;
  /** aws.api_gateway.request_id on the API Gateway segment. */
  apiGatewayRequestId?: string;
  /** aws.request_id on Lambda and AWS SDK subsegments. */
  awsRequestId?: string;
  awsOperation?: string;
  namespace?: string;
  resourceArn?: string;
  url?: string;
  exceptions: { type?: string; message?: string; remote?: boolean }[];
  cause?: string;
}

export interface TraceSummaryRecord {
  traceId: string;
  hasFault?: boolean;
  hasError?: boolean;
  hasThrottle?: boolean;
  httpStatus?: number;
  httpMethod?: string;
  url?: string;
  /** FaultRootCauses flattened: "service-name: ExceptionName: message" */
  faultRootCauses: string[];
  errorRootCauses: string[];
  startTime?: number;
}
