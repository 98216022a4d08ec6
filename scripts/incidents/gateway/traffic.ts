/** Building blocks the scenarios share: APIs, requests, traffic timing, and turning requests into log lines. */
import { renderAccessLog, type GatewayRequest } from './gatewayRequest.ts';
import { invocationLines, type FunctionShape, type Invocation } from './lambdaLogs.ts';
import { ACCOUNT_ID, REGION, type LogLine } from './logFiles.ts';
import { apigwStreamName, clientIp, extendedRequestId, lambdaStreamName, segmentId, traceId, type Random } from './random.ts';
import { ExecBuilder, execMessage, type RestApiShape } from './restExecution.ts';
import type { TraceSpec } from './traces.ts';

export interface Api {
  type: 'REST' | 'HTTP';
  apiId: string;
  apiName: string;
  stage: string;
  tracing: boolean;
  rest?: RestApiShape;
}

export function restApi(apiId: string, apiName: string, stage: string, options: { usagePlan: boolean; dataTrace: boolean; tracing: boolean }): Api {
  return { type: 'REST', apiId, apiName, stage, tracing: options.tracing, rest: { apiId, stage, ...options } };
}

export function httpApi(apiId: string, apiName: string, stage = '$default'): Api {
  return { type: 'HTTP', apiId, apiName, stage, tracing: false };
}

export function restShape(api: Api): RestApiShape {
  if (!api.rest) throw new Error(`${api.apiName} is not a REST API`);
  return api.rest;
}

export function domainOf(api: Api): string {
  return `${api.apiId}.execute-api.${REGION}.amazonaws.com`;
}

export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`;
}

export const USER_AGENTS = [
  'okhttp/4.12.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'python-requests/2.32.3',
  'axios/1.7.2',
  'Amazon CloudFront',
];

export interface RouteDef {
  method: string;
  resourcePath: string;
  /** Makes a concrete path for one request. */
  path: (rng: Random) => string;
}

export function newRequest(rng: Random, api: Api, start: number, route: RouteDef): GatewayRequest {
  const path = route.path(rng);
  return {
    requestId: rng.uuid(),
    extendedRequestId: extendedRequestId(rng),
    traceId: api.tracing ? traceId(rng, start) : undefined,
    start,
    ip: clientIp(rng),
    userAgent: rng.pick(USER_AGENTS),
    httpMethod: route.method,
    resourcePath: route.resourcePath,
    path,
    routeKey: `${route.method} ${route.resourcePath}`,
    stage: api.stage,
    apiId: api.apiId,
    domainName: domainOf(api),
    protocol: 'HTTP/1.1',
    status: 200,
    responseLength: 0,
    responseLatency: 0,
    exec: [],
  };
}

/** n sorted times in [from, to), loosely clustered like real traffic. */
export function spread(rng: Random, from: number, to: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push(Math.floor(from + rng.next() * (to - from)));
  return out.sort((a, b) => a - b);
}

export function finishExec(req: GatewayRequest, b: ExecBuilder): void {
  req.exec = b.steps;
}

/** Execution log lines for REST requests, each request on one of a few log streams. */
export function execLines(rng: Random, api: Api, requests: readonly GatewayRequest[], streamCount = 4): LogLine[] {
  const group = `API-Gateway-Execution-Logs_${api.apiId}/${api.stage}`;
  const streams = Array.from({ length: streamCount }, () => apigwStreamName(rng));
  const lines: LogLine[] = [];
  for (const req of requests) {
    const stream = rng.pick(streams);
    for (const step of req.exec) lines.push({ timestamp: req.start + step.at, message: execMessage(req, step.text), group, stream });
  }
  return lines;
}

/** Access log lines: logged when the response is sent. */
export function accessLines(rng: Random, group: string, format: string, requests: readonly GatewayRequest[], streamCount = 3): LogLine[] {
  const streams = Array.from({ length: streamCount }, () => apigwStreamName(rng));
  return requests.map((req) => ({
    timestamp: req.start + req.responseLatency + rng.int(0, 3),
    message: renderAccessLog(format, req),
    group,
    stream: rng.pick(streams),
  }));
}

/** A pool of warm execution environments: each new environment starts cold on its own log stream. */
export class LambdaPool {
  private readonly envs: { stream: string; busyUntil: number }[] = [];

  constructor(private readonly rng: Random, private readonly fn: FunctionShape, private readonly coldStartRange: [number, number]) {}

  /** Picks a free environment (or a new cold one) and returns the invocation shell. */
  invoke(start: number, durationMs: number, traceIdValue?: string): Invocation {
    const free = this.envs.find((env) => env.busyUntil < start);
    const cold = free === undefined;
    const env = free ?? { stream: lambdaStreamName(this.rng, start), busyUntil: 0 };
    if (cold) this.envs.push(env);
    const coldStartMs = cold ? this.rng.int(this.coldStartRange[0] * 100, this.coldStartRange[1] * 100) / 100 : undefined;
    const actualStart = start + (coldStartMs ?? 0);
    env.busyUntil = actualStart + durationMs + 50;
    return {
      requestId: this.rng.uuid(),
      start: actualStart,
      durationMs,
      maxMemoryMb: this.rng.int(Math.floor(this.fn.memoryMb * 0.15), Math.floor(this.fn.memoryMb * 0.35)),
      ...(coldStartMs !== undefined ? { coldStartMs } : {}),
      stream: env.stream,
      ...(traceIdValue ? { traceId: traceIdValue, segmentId: segmentId(this.rng) } : {}),
      app: [],
    };
  }
}

export function lambdaLines(rng: Random, fn: FunctionShape, invocations: readonly Invocation[]): LogLine[] {
  return invocations.flatMap((inv) => invocationLines(fn, inv, rng));
}

export function traceUrl(req: GatewayRequest): string {
  return `https://${req.domainName}${req.stage === '$default' ? '' : `/${req.stage}`}${req.path}`;
}

/** The X-Ray trace of one request, with its integration call when there was one. */
export function baseTrace(api: Api, req: GatewayRequest): TraceSpec {
  if (!req.traceId) throw new Error('request has no trace id');
  return {
    traceId: req.traceId,
    apiType: api.type,
    apiId: api.apiId,
    stage: api.stage,
    apiName: api.apiName,
    apiGatewayRequestId: req.requestId,
    start: req.start,
    end: req.start + req.responseLatency,
    method: req.httpMethod,
    url: traceUrl(req),
    resourcePath: req.resourcePath,
    status: req.status,
    clientIp: req.ip,
  };
}

/** Distinct ids appear once: a guard for generator mistakes. */
export function assertUnique(values: readonly string[], what: string): void {
  if (new Set(values).size !== values.length) throw new Error(`duplicate ${what}`);
}
