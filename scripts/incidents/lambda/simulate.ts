import { extendedRequestId, lambdaLogStream, segmentId, traceId, uuid, clientIp } from './ids.ts';
import type { ApiIdentity, ApiRequest, AppLog, IntegrationOutcome, Invocation, InvocationEnd, InvokeResponse } from './model.ts';
import type { Rng } from './rng.ts';

/** Building blocks that turn a scenario's plan into requests and invocations with coherent ids and times. */

export interface FunctionSpec {
  name: string;
  arn: string;
  runtime: string;
  /** INIT_START's runtime version, "nodejs:20.v40". */
  runtimeVersion: string;
  handler: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  logGroup: string;
  tracing: boolean;
  /** Cold start init duration range, ms. */
  initMs: readonly [number, number];
  /** Memory used by a normal invocation, MB. */
  memoryUsedMb: readonly [number, number];
  version?: string;
}

interface Environment {
  createdAt: number;
  stream: string;
  busyUntil: number;
  /** The next invocation must initialise (new sandbox, or the runtime was restarted after a crash). */
  needsInit: boolean;
  memoryUsedMb: number;
}

/** Lambda execution environments of one function: a request takes a free one or starts a new one (cold start). */
export class EnvironmentPool {
  private readonly envs: Environment[] = [];
  /** Times when a code or configuration update replaced every environment. */
  private readonly recycles: number[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly fn: FunctionSpec,
    /** Environments already warm when the bundle's time range starts. */
    warm: number,
    startTime: number,
  ) {
    for (let i = 0; i < warm; i++) {
      const createdAt = startTime - rng.int(5, 50) * 60_000;
      this.envs.push({ createdAt, stream: lambdaLogStream(rng, createdAt, fn.version ?? '$LATEST'), busyUntil: 0, needsInit: false, memoryUsedMb: rng.int(fn.memoryUsedMb[0], fn.memoryUsedMb[1]) });
    }
  }

  /** After an update, invocations run in new environments (new log streams, cold starts). */
  recycleAt(time: number): void {
    this.recycles.push(time);
  }

  acquire(time: number): Environment {
    const lastRecycle = Math.max(-Infinity, ...this.recycles.filter((r) => r <= time));
    const free = this.envs.filter((e) => e.busyUntil <= time && e.createdAt >= lastRecycle);
    if (free.length > 0) return this.rng.pick(free);
    const env: Environment = {
      createdAt: time,
      stream: lambdaLogStream(this.rng, time, this.fn.version ?? '$LATEST'),
      busyUntil: 0,
      needsInit: true,
      memoryUsedMb: this.rng.int(this.fn.memoryUsedMb[0], this.fn.memoryUsedMb[1]),
    };
    this.envs.push(env);
    return env;
  }

  streams(): string[] {
    return this.envs.map((e) => e.stream);
  }
}

/** Arrival times with exponential gaps, `perMinute` on average. */
export function arrivals(rng: Rng, from: number, to: number, perMinute: number): number[] {
  const out: number[] = [];
  let t = from;
  const meanGap = 60_000 / perMinute;
  for (;;) {
    t += Math.max(1, Math.round(-Math.log(1 - rng.next()) * meanGap));
    if (t >= to) return out;
    out.push(t);
  }
}

export interface InvocationPlan {
  durationMs: number;
  end: InvocationEnd;
  appLogs: AppLog[];
  /** What Invoke answers; a function of the Lambda request id and the end time when the payload names them. */
  response: InvokeResponse | ((lambdaRequestId: string, endTime: number) => InvokeResponse);
  /** Overrides the environment's memory use (OOM: the memory size). */
  maxMemoryUsedMb?: number;
  trigger?: 'api' | 'schedule';
  /** Forces a cold start (init errors re-initialise on every invocation). */
  forceInit?: boolean;
  /** Fixed init duration (init errors: the invoke-phase retry). */
  initDurationMs?: number;
  /** Init errors: the failed init-phase attempt before the retry. */
  initPhaseDurationMs?: number;
}

/** Runs one invocation in an environment of the pool; `arrival` is when Lambda received the Invoke call. */
export function invoke(rng: Rng, fn: FunctionSpec, pool: EnvironmentPool, arrival: number, plan: InvocationPlan, trace?: string): Invocation {
  const env = pool.acquire(arrival);
  const cold = env.needsInit || plan.forceInit === true;
  const initDurationMs = cold ? (plan.initDurationMs ?? round2(rng.float(fn.initMs[0], fn.initMs[1]))) : undefined;
  const initStart = cold ? arrival + rng.int(1, 4) : undefined;
  const initFailed = plan.end.kind === 'init-error';
  // A failed init is retried inside the invocation: START follows the init-phase attempt, Duration covers the retry.
  const start = initFailed
    ? (initStart ?? arrival) + Math.ceil(plan.initPhaseDurationMs ?? 150) + rng.int(2, 5)
    : arrival + (initDurationMs !== undefined ? Math.ceil(initDurationMs) + rng.int(2, 6) : rng.int(1, 4));
  const durationMs = plan.durationMs;
  const end = start + Math.ceil(durationMs);
  // A timeout or a crash resets the runtime: the next invocation in this sandbox initialises again.
  env.needsInit = plan.end.kind !== 'success' && plan.end.kind !== 'unhandled';
  env.busyUntil = end + rng.int(1, 5);
  // Since August 2025 the init phase of on-demand functions is billed and shows in Billed Duration.
  const billedDurationMs = Math.ceil(durationMs) + (initDurationMs !== undefined && !initFailed ? Math.ceil(initDurationMs) : 0);
  const lambdaRequestId = uuid(rng);
  const response = typeof plan.response === 'function' ? plan.response(lambdaRequestId, end) : plan.response;
  const invocation: Invocation = {
    requestId: lambdaRequestId,
    functionName: fn.name,
    start,
    durationMs,
    billedDurationMs,
    memorySizeMb: fn.memorySizeMb,
    maxMemoryUsedMb: plan.maxMemoryUsedMb ?? Math.min(fn.memorySizeMb, env.memoryUsedMb + rng.int(0, 3)),
    logStream: env.stream,
    logGroup: fn.logGroup,
    appLogs: plan.appLogs,
    end: plan.end,
    response,
    trigger: plan.trigger ?? 'api',
    runtimeVersion: fn.runtimeVersion,
    version: fn.version ?? '$LATEST',
  };
  if (initDurationMs !== undefined) invocation.initDurationMs = initDurationMs;
  if (initStart !== undefined) invocation.initStart = initStart;
  if (initFailed) invocation.initPhaseDurationMs = plan.initPhaseDurationMs ?? 150;
  if (fn.tracing && trace !== undefined) {
    invocation.traceId = trace;
    invocation.segmentId = segmentId(rng);
  }
  return invocation;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export interface RouteSpec {
  method: string;
  /** REST resource path template. */
  resourcePath: string;
  /** Makes a concrete path and its parameters. */
  makePath: (rng: Rng) => { path: string; params: Record<string, string> };
  body?: (rng: Rng) => string;
  query?: (rng: Rng) => Record<string, string>;
}

export const staticPath = (path: string) => (): { path: string; params: Record<string, string> } => ({ path, params: {} });

export function idPath(prefix: string, param: string, make: (rng: Rng) => string) {
  return (rng: Rng): { path: string; params: Record<string, string> } => {
    const value = make(rng);
    return { path: `${prefix}/${value}`, params: { [param]: value } };
  };
}

const USER_AGENTS = [
  'okhttp/4.12.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'axios/1.6.8',
  'python-requests/2.31.0',
  'Amazon CloudFront',
];

/** The parts of a request that do not depend on its outcome. */
export function requestShell(rng: Rng, api: ApiIdentity, route: RouteSpec, time: number) {
  const { path, params } = route.makePath(rng);
  const trace = traceId(rng, time);
  const shell = {
    api,
    requestId: api.type === 'REST' ? uuid(rng) : extendedRequestId(rng),
    extendedRequestId: extendedRequestId(rng),
    time,
    httpMethod: route.method,
    resourcePath: route.resourcePath,
    path,
    pathParameters: params,
    query: route.query ? route.query(rng) : {},
    routeKey: `${route.method} ${route.resourcePath}`,
    sourceIp: clientIp(rng),
    userAgent: rng.pick(USER_AGENTS),
    traceId: trace,
    gatewaySegmentId: segmentId(rng),
  };
  return route.body ? { ...shell, body: route.body(rng) } : shell;
}

export type RequestShell = ReturnType<typeof requestShell>;

const REST_INTERNAL_ERROR = '{"message": "Internal server error"}';
const HTTP_INTERNAL_ERROR = '{"message":"Internal Server Error"}';

/** The client's status and body length for a request whose integration ended as given. */
export function gatewayAnswer(api: ApiIdentity, integration: IntegrationOutcome, invocation: Invocation | undefined): { status: number; responseLength: number } {
  const internal = api.type === 'REST' ? REST_INTERNAL_ERROR : HTTP_INTERNAL_ERROR;
  if (integration.kind === 'permission-denied' || integration.kind === 'invoke-rejected') {
    return { status: 500, responseLength: internal.length };
  }
  if (invocation === undefined) return { status: 500, responseLength: internal.length };
  if (invocation.response.kind === 'function-error') {
    return { status: api.type === 'REST' ? 502 : 500, responseLength: internal.length };
  }
  const proxy = parseProxyResponse(invocation.response.payload);
  if (proxy === null) return { status: api.type === 'REST' ? 502 : 500, responseLength: internal.length };
  return { status: proxy.statusCode, responseLength: Buffer.byteLength(proxy.body, 'utf8') };
}

/** A well-formed proxy response (statusCode number, body string), or null. */
export function parseProxyResponse(payload: string): { statusCode: number; body: string } | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const statusCode: unknown = Reflect.get(value, 'statusCode');
  const body: unknown = Reflect.get(value, 'body');
  if (typeof statusCode !== 'number') return null;
  if (body !== undefined && typeof body !== 'string') return null;
  return { statusCode, body: typeof body === 'string' ? body : '' };
}

/** Assembles a request whose integration invoked the function. */
export function invokedRequest(rng: Rng, shell: RequestShell, invocation: Invocation, functionArn: string): ApiRequest {
  const integrationLatencyMs = invocation.start + Math.ceil(invocation.durationMs) - shell.time + rng.int(8, 30);
  const integration: IntegrationOutcome = { kind: 'invoked', latencyMs: integrationLatencyMs };
  const answer = gatewayAnswer(shell.api, integration, invocation);
  return {
    ...shell,
    functionArn,
    status: answer.status,
    responseLength: answer.responseLength,
    responseLatencyMs: integrationLatencyMs + rng.int(2, 9),
    integration,
    invocation,
  };
}

/** Assembles a request that never reached a function run. */
export function uninvokedRequest(rng: Rng, shell: RequestShell, integration: IntegrationOutcome, functionArn: string): ApiRequest {
  const answer = gatewayAnswer(shell.api, integration, undefined);
  const latency = integration.kind === 'invoke-rejected' ? integration.latencyMs : rng.int(4, 12);
  return { ...shell, functionArn, status: answer.status, responseLength: answer.responseLength, responseLatencyMs: latency + rng.int(2, 8), integration };
}

/** A JSON proxy response as Node's JSON.stringify writes it. */
export function nodeProxyResponse(statusCode: number, body: unknown, extraHeaders: Record<string, string> = {}): string {
  return JSON.stringify({ statusCode, headers: { 'Content-Type': 'application/json', ...extraHeaders }, body: JSON.stringify(body) });
}

/** A JSON proxy response as the Python runtime (simplejson, default separators) writes it. */
export function pythonProxyResponse(statusCode: number, body: unknown, extraHeaders: Record<string, string> = {}): string {
  return pythonJson({ statusCode, headers: { 'Content-Type': 'application/json', ...extraHeaders }, body: pythonJson(body) });
}

/** JSON with Python's default separators (", " and ": "). */
export function pythonJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}
