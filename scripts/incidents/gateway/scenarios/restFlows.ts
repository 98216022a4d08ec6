/** Request flows through a REST API that several scenarios share: healthy Lambda proxy calls, HTTP proxy calls. */
import type { GatewayRequest } from '../gatewayRequest.ts';
import type { Invocation } from '../lambdaLogs.ts';
import { REGION } from '../logFiles.ts';
import type { Random } from '../random.ts';
import {
  ExecBuilder,
  httpRequestLines,
  httpResponseLines,
  lambdaInvokeUri,
  lambdaRequestLines,
  lambdaResponseLines,
  restPreamble,
} from '../restExecution.ts';
import { finishExec, functionArn, restShape, type Api, type LambdaPool } from '../traffic.ts';

export interface LambdaCallOptions {
  functionName: string;
  pool: LambdaPool;
  durationMs: number;
  /** Status the function's proxy response carries. */
  functionStatus: number;
  responseLength: number;
  app?: Invocation['app'];
  authorizer?: (b: ExecBuilder) => boolean;
}

/** A REST AWS_PROXY call that the function answered in time. */
export function restLambdaProxyOk(rng: Random, api: Api, req: GatewayRequest, options: LambdaCallOptions): Invocation {
  const shape = restShape(api);
  const b = new ExecBuilder();
  restPreamble(b, req, shape, options.authorizer);
  const uri = lambdaInvokeUri(REGION, functionArn(options.functionName));
  lambdaRequestLines(b, req, shape, uri);
  const invokeAt = req.start + b.now + rng.int(1, 3);
  const inv = options.pool.invoke(invokeAt, options.durationMs, req.traceId);
  inv.app = options.app ?? [];
  const latency = Math.round(inv.start + inv.durationMs - invokeAt + rng.int(3, 12));
  const contentLength = options.responseLength + rng.int(30, 60);
  lambdaResponseLines(b, req, shape, {
    lambdaRequestId: inv.requestId,
    latency,
    contentLength,
    traceParent: inv.segmentId,
    body: `{"statusCode":${options.functionStatus},"headers":{"Content-Type":"application/json"},"body":"..."}`,
  }, options.functionStatus);
  finishExec(req, b);
  req.status = options.functionStatus;
  req.responseLength = options.responseLength;
  req.integrationLatency = latency;
  req.integrationStatus = 200;
  req.integrationBackendStatus = options.functionStatus;
  req.integrationRequestId = inv.requestId;
  req.responseLatency = b.now + rng.int(1, 4);
  return inv;
}

export interface HttpCallOptions {
  uri: string;
  status: number;
  latency: number;
  contentType: string;
  responseLength: number;
  server?: string;
  body?: string;
  authorizer?: (b: ExecBuilder) => boolean;
}

/** A REST HTTP_PROXY call that the backend answered; API Gateway passes the status through. */
export function restHttpProxyAnswered(rng: Random, api: Api, req: GatewayRequest, options: HttpCallOptions): boolean {
  const shape = restShape(api);
  const b = new ExecBuilder();
  if (!restPreamble(b, req, shape, options.authorizer)) {
    finishExec(req, b);
    return false;
  }
  httpRequestLines(b, req, shape, options.uri);
  httpResponseLines(b, req, shape, {
    status: options.status,
    latency: options.latency,
    contentType: options.contentType,
    contentLength: options.responseLength,
    ...(options.server ? { server: options.server } : {}),
    ...(options.body ? { body: options.body } : {}),
  });
  finishExec(req, b);
  req.status = options.status;
  req.responseLength = options.responseLength;
  req.integrationLatency = options.latency;
  req.integrationStatus = options.status;
  req.integrationBackendStatus = options.status;
  req.responseLatency = b.now + rng.int(1, 4);
  return true;
}

/** Fill a request's response side for an API Gateway generated error (gateway response). */
export function gatewayError(req: GatewayRequest, status: number, message: string, responseType: string, responseLatency: number): void {
  req.status = status;
  req.errorMessage = message;
  req.errorResponseType = responseType;
  // {"message": "<message>"} is what the default gateway responses send back.
  req.responseLength = `{"message": "${message}"}`.length;
  req.responseLatency = responseLatency;
}

/** Same for HTTP APIs, whose default bodies have no space after the colon ({"message":"Service Unavailable"}). */
export function httpGatewayError(req: GatewayRequest, status: number, message: string, responseLatency: number): void {
  req.status = status;
  req.errorMessage = message;
  req.responseLength = `{"message":"${message}"}`.length;
  req.responseLatency = responseLatency;
}

export interface HttpFailureOptions {
  uri: string;
  /** The "Execution failed due to ..." text. */
  failure: string;
  status: number;
  /** Time between "Sending request to" and the failure line. */
  afterMs: number;
  /** Gateway response the access log shows: message and type. */
  message: string;
  responseType: string;
  /** Set when API Gateway measured an integration latency for the failed call. */
  integrationLatency?: number;
  authorizer?: (b: ExecBuilder) => boolean;
}

/** A REST HTTP/HTTP_PROXY call that failed inside API Gateway (connection, TLS, configuration). */
export function restHttpProxyFailed(rng: Random, api: Api, req: GatewayRequest, options: HttpFailureOptions): void {
  const shape = restShape(api);
  const b = new ExecBuilder();
  restPreamble(b, req, shape, options.authorizer);
  httpRequestLines(b, req, shape, options.uri);
  b.jump(b.now + options.afterMs);
  b.add(options.failure);
  b.add(`Method completed with status: ${options.status}`, 0);
  if (shape.tracing && req.traceId) b.add(`X-ray Tracing ID : Root=${req.traceId};Sampled=1`, 0);
  finishExec(req, b);
  gatewayError(req, options.status, options.message, options.responseType, b.now + rng.int(1, 4));
  if (options.integrationLatency !== undefined) req.integrationLatency = options.integrationLatency;
}
