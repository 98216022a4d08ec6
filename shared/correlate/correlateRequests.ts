import type { BundleContext, FunctionInfo, IntegrationInfo } from '../model/context.ts';
import type { TraceSegment, TraceSummaryRecord } from '../model/records.ts';
import { extractExecutionFacts } from '../parsers/executionLogFacts.ts';
import type { CollectedEvidence } from './EvidenceCollector.ts';
import { customLogGroups, functionNameOfInvocation, invocationFailed, type Invocation } from './invocation.ts';
import type { RequestEvidence } from './requestEvidence.ts';

export interface TraceIndex {
  byTrace: Map<string, TraceSegment[]>;
  byApiRequest: Map<string, string>;
  byLambdaRequest: Map<string, string>;
  summaries: Map<string, TraceSummaryRecord>;
}

export function indexTraces(segments: readonly TraceSegment[], summaries: readonly TraceSummaryRecord[]): TraceIndex {
  const index: TraceIndex = { byTrace: new Map(), byApiRequest: new Map(), byLambdaRequest: new Map(), summaries: new Map() };
  for (const seg of segments) {
    const list = index.byTrace.get(seg.traceId) ?? [];
    list.push(seg);
    index.byTrace.set(seg.traceId, list);
    if (seg.apiGatewayRequestId) index.byApiRequest.set(seg.apiGatewayRequestId, seg.traceId);
    if (seg.awsRequestId && /Lambda/i.test(`${seg.origin ?? ''} ${seg.namespace ?? ''}`)) index.byLambdaRequest.set(seg.awsRequestId, seg.traceId);
  }
  for (const s of summaries) index.summaries.set(s.traceId, s);
  return index;
}

/** A Lambda segment of a trace (AWS::Lambda, AWS::Lambda::Function) that names the invocation's request id. */
export function isLambdaSegmentWithRequestId(seg: TraceSegment): seg is TraceSegment & { awsRequestId: string } {
  return Boolean(seg.awsRequestId) && /Lambda/i.test(seg.origin ?? '');
}

/** "Root=1-5f84c3a2-...;Parent=...;Sampled=1" or a bare id -> "1-5f84c3a2-..." */
export function normaliseTraceId(raw: string | undefined): string | undefined {
  if (!raw || raw === '-') return undefined;
  const m = /1-[0-9a-f]{8}-[0-9a-f]{24}/i.exec(raw);
  return m ? m[0].toLowerCase() : undefined;
}

/**
 * "GET /orders/{id}" from whatever the logs say about the route. Execution logs print the concrete
 * path ("Resource Path: /orders/123"): it is mapped back to the export's route template, so that
 * requests group by route, not by id.
 */
function routeOf(r: RequestEvidence, context: BundleContext): string | undefined {
  const a = r.access;
  if (a?.routeKey && a.routeKey !== '-') return a.routeKey;
  const method = a?.httpMethod ?? r.facts?.httpMethod;
  const path = a?.resourcePath ?? r.facts?.resourcePath ?? a?.path ?? r.facts?.path;
  if (!path) return undefined;
  const template = path.includes('{') ? undefined : templateOf(method, path, context);
  if (template) return template;
  return method ? `${method} ${path}` : path;
}

function templateOf(method: string | undefined, path: string, context: BundleContext): string | undefined {
  for (const i of context.api?.integrations ?? []) {
    const [m, p] = i.route.split(' ');
    if (!p || !p.includes('{') || (m !== 'ANY' && method && m !== method)) continue;
    const pattern = new RegExp(
      `^${p.split(/(\{[^}]+\})/).map((part) => (/^\{[^}]+\+\}$/.test(part) ? '.+' : /^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('')}$`,
    );
    if (pattern.test(path)) return method && m === 'ANY' ? `${method} ${p}` : i.route;
  }
  return undefined;
}

/** The integration of a route in the export: exact route, then ANY on the path, then $default. */
export function integrationForRoute(route: string | undefined, context: BundleContext): IntegrationInfo | undefined {
  const integrations = context.api?.integrations ?? [];
  if (integrations.length === 0) return undefined;
  if (route) {
    const exact = integrations.find((i) => i.route === route);
    if (exact) return exact;
    const path = route.split(' ')[1];
    const any = integrations.find((i) => i.route === `ANY ${path}`);
    if (any) return any;
  }
  const def = integrations.find((i) => i.route === '$default' || i.route.endsWith(' $default'));
  if (def) return def;
  // One integration behind every route is common (a single proxy function).
  const distinct = new Set(integrations.map((i) => i.functionName ?? i.uri));
  return distinct.size === 1 ? integrations[0] : undefined;
}

/**
 * Ties every failing API request to its pieces in the other layers: execution lines, the Lambda
 * invocation (by the Lambda request id API Gateway logged, by the trace, or else by time and function),
 * and the X-Ray trace. Unmatched pieces stay where they are, to be reported.
 */
export function correlateRequests(
  collected: CollectedEvidence,
  traces: TraceIndex,
  context: BundleContext,
): { requests: RequestEvidence[]; claimed: Set<string> } {
  const customGroups = customLogGroups(context.functions);
  const configs = new Map<string, FunctionInfo>(context.functions.map((f) => [f.name, f]));
  const ids = new Set<string>([...collected.failingAccess.keys(), ...collected.failingExecution.keys()]);
  const requests: RequestEvidence[] = [];
  const claimed = new Set<string>();

  for (const id of ids) {
    const access = collected.failingAccess.get(id);
    const execution = collected.failingExecution.get(id);
    const r: RequestEvidence = { requestId: id, time: access?.timestamp ?? execution?.first ?? 0, segments: [] };
    if (access) r.access = access;
    if (execution) {
      r.execution = execution;
      r.facts = extractExecutionFacts(execution.lines);
    }
    const status = access?.status ?? execution?.status ?? r.facts?.status;
    if (status !== undefined) r.status = status;
    const route = routeOf(r, context);
    if (route) r.route = route;
    const integration = integrationForRoute(route, context);
    if (integration) r.integration = integration;

    r.traceId = normaliseTraceId(access?.xrayTraceId) ?? normaliseTraceId(r.facts?.traceId) ?? traces.byApiRequest.get(id);
    if (!r.traceId) delete r.traceId;
    // $context.awsEndpointRequestId / integration.requestId is the Lambda request id only for Lambda
    // integrations; for an AWS service or HTTP integration it is that service's own id.
    const notLambda =
      (integration !== undefined && !integration.functionName && !/lambda|:function:/i.test(integration.uri ?? '')) ||
      r.facts?.integrationKind === 'aws-service' ||
      r.facts?.integrationKind === 'http';
    const accessLambdaId = !notLambda && access?.integrationRequestId && access.integrationRequestId !== '-' ? access.integrationRequestId : undefined;
    const lambdaId = r.facts?.lambdaRequestId ?? accessLambdaId;
    if (lambdaId) r.lambdaRequestId = lambdaId;
    if (r.traceId) {
      r.segments = traces.byTrace.get(r.traceId) ?? [];
      const summary = traces.summaries.get(r.traceId);
      if (summary) r.traceSummary = summary;
      if (!r.lambdaRequestId) {
        const fromTrace = r.segments.find(isLambdaSegmentWithRequestId)?.awsRequestId;
        if (fromTrace) r.lambdaRequestId = fromTrace;
      }
    }
    if (r.lambdaRequestId) {
      const inv = collected.invocations.get(r.lambdaRequestId);
      if (inv) {
        r.invocation = inv;
        r.invocationMatch = r.facts?.lambdaRequestId || accessLambdaId ? 'request-id' : 'trace';
        claimed.add(inv.requestId);
      }
    }
    linkTrace(r, traces);
    const fnName =
      r.facts?.functionName ?? integration?.functionName ?? functionNameOfInvocation(r.invocation, customGroups);
    if (fnName && !fnName.includes('${')) r.functionName = fnName;
    const cfg = r.functionName ? configs.get(r.functionName) : undefined;
    if (cfg) r.functionConfig = cfg;
    requests.push(r);
  }

  // Authorizers first: a request whose authorizer failed never reached its integration.
  matchAuthorizersByTime(requests, collected, claimed, customGroups, context);
  matchByTime(requests, traces, collected, claimed, customGroups, configs);
  return { requests, claimed };
}

/**
 * Requests whose logs name no Lambda request id (HTTP API access logs without
 * $context.integration.requestId, REST without execution logs) get the failing invocation of their
 * function that ran when they did, if exactly one fits; confidence for such matches is lower.
 */
function matchByTime(
  requests: RequestEvidence[],
  traces: TraceIndex,
  collected: CollectedEvidence,
  claimed: Set<string>,
  customGroups: ReadonlyMap<string, string>,
  configs: ReadonlyMap<string, FunctionInfo>,
): void {
  // A request Lambda refused (403, 404, 408, 429 from Invoke) ran no code: no invocation to look for.
  const pending = requests.filter(
    (r) => !r.invocation && r.facts?.lambdaInvocationStatus === undefined && (r.functionName || r.integration?.functionName || !r.integration),
  );
  if (pending.length === 0) return;
  const byFunction = new Map<string, Invocation[]>();
  for (const inv of collected.invocations.values()) {
    // Only an invocation that failed by its own account can explain a 5xx by time alone.
    if (!inv.notable || !invocationFailed(inv) || claimed.has(inv.requestId)) continue;
    const fn = functionNameOfInvocation(inv, customGroups) ?? '?';
    const list = byFunction.get(fn) ?? [];
    list.push(inv);
    byFunction.set(fn, list);
  }
  for (const list of byFunction.values()) list.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  for (const r of pending.sort((a, b) => a.time - b.time)) {
    const pools = r.functionName ? [byFunction.get(r.functionName) ?? []] : [...byFunction.values()];
    const latency = r.access?.responseLatencyMs ?? r.access?.integrationLatencyMs ?? 30_000;
    // The record's time is the request's start (requestTime) or the log write at its end: allow both.
    const from = r.time - latency - 3_000;
    const to = r.time + latency + 3_000;
    let best: { inv: Invocation; fn: string; distance: number } | undefined;
    for (const pool of pools) {
      for (const inv of pool) {
        if (claimed.has(inv.requestId)) continue;
        const start = inv.start ?? inv.end ?? 0;
        if (start < from || start > to) continue;
        const distance = Math.min(Math.abs(start - r.time), Math.abs(start - (r.time - latency)));
        if (!best || distance < best.distance) best = { inv, fn: functionNameOfInvocation(inv, customGroups) ?? '', distance };
      }
    }
    if (!best) continue;
    r.invocation = best.inv;
    r.invocationMatch = 'time';
    r.lambdaRequestId ??= best.inv.requestId;
    claimed.add(best.inv.requestId);
    linkTrace(r, traces);
    if (!r.functionName && best.fn) r.functionName = best.fn;
    const cfg = r.functionName ? configs.get(r.functionName) : undefined;
    if (cfg) r.functionConfig = cfg;
  }
}

/**
 * A request whose API logs name no trace (HTTP APIs are not traced by X-Ray) can still have the
 * function's own trace: through the REPORT line's XRAY TraceId, or the Lambda segment's request id.
 */
function linkTrace(r: RequestEvidence, traces: TraceIndex): void {
  if (r.segments.length > 0) return;
  const id =
    r.traceId ??
    normaliseTraceId(r.invocation?.report?.xrayTraceId) ??
    (r.lambdaRequestId ? traces.byLambdaRequest.get(r.lambdaRequestId) : undefined);
  if (!id) return;
  r.traceId = id;
  r.segments = traces.byTrace.get(id) ?? [];
  const summary = traces.summaries.get(id);
  if (summary) r.traceSummary = summary;
}

/**
 * A route's Lambda authorizer writes to its own function's log, and nothing in API Gateway's logs
 * names that invocation: a failed invocation of the authorizer's function at the time of the request
 * is its authorizer run.
 */
function matchAuthorizersByTime(
  requests: RequestEvidence[],
  collected: CollectedEvidence,
  claimed: Set<string>,
  customGroups: ReadonlyMap<string, string>,
  context: BundleContext,
): void {
  const authorizerFunctions = new Map((context.api?.authorizers ?? []).filter((a) => a.functionName).map((a) => [a.name, a.functionName as string]));
  if (authorizerFunctions.size === 0) return;
  const pending = requests.filter((r) => r.integration?.authorizer && authorizerFunctions.has(r.integration.authorizer));
  if (pending.length === 0) return;
  const wanted = new Set(authorizerFunctions.values());
  const pool = [...collected.invocations.values()].filter(
    (inv) => inv.notable && invocationFailed(inv) && !claimed.has(inv.requestId) && wanted.has(functionNameOfInvocation(inv, customGroups) ?? ''),
  );
  for (const r of pending.sort((a, b) => a.time - b.time)) {
    const fn = authorizerFunctions.get(r.integration?.authorizer ?? '');
    const latency = r.access?.responseLatencyMs ?? 30_000;
    let best: { inv: Invocation; distance: number } | undefined;
    for (const inv of pool) {
      if (claimed.has(inv.requestId) || functionNameOfInvocation(inv, customGroups) !== fn) continue;
      const start = inv.start ?? inv.end ?? 0;
      if (start < r.time - latency - 3_000 || start > r.time + latency + 3_000) continue;
      const distance = Math.min(Math.abs(start - r.time), Math.abs(start - (r.time - latency)));
      if (!best || distance < best.distance) best = { inv, distance };
    }
    if (!best || !fn) continue;
    r.authorizerInvocation = best.inv;
    r.authorizerFunction = fn;
    claimed.add(best.inv.requestId);
  }
}
