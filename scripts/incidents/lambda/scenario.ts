import { type AlarmSpec } from './context.ts';
import { alarmSpecFor, alarmTransition, failingInWindow, incidentWindow, inScope } from './kit.ts';
import type { ApiIdentity, ApiRequest, Invocation, InvokeResponse } from './model.ts';
import type { Rng } from './rng.ts';
import { type EnvironmentPool, type FunctionSpec, type InvocationPlan, type RequestShell, type RouteSpec, arrivals, invoke, invokedRequest, requestShell } from './simulate.ts';
import { MINUTE } from './time.ts';

/** The loop every scenario runs: traffic over time, each request handled by its route, then the alarm and the window. */

export interface HandleContext {
  rng: Rng;
  time: number;
  shell: RequestShell;
}

export interface RouteHandler {
  route: RouteSpec;
  weight: number;
  handle: (ctx: HandleContext) => ApiRequest;
}

export function simulateTraffic(rng: Rng, api: ApiIdentity, range: { from: number; to: number; perMinute: number | ((t: number) => number) }, routes: RouteHandler[]): ApiRequest[] {
  const out: ApiRequest[] = [];
  const weighted = routes.map((r) => [r, r.weight] as const);
  // Rate may vary over time: draw per minute.
  for (let m = range.from; m < range.to; m += MINUTE) {
    const rate = typeof range.perMinute === 'function' ? range.perMinute(m) : range.perMinute;
    for (const t of arrivals(rng, m, Math.min(m + MINUTE, range.to), rate)) {
      const handler = rng.weighted(weighted);
      out.push(handler.handle({ rng, time: t, shell: requestShell(rng, api, handler.route, t) }));
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

/** Runs the function for a request and assembles the API request around the invocation. */
export function viaLambda(ctx: HandleContext, fn: FunctionSpec, pool: EnvironmentPool, plan: InvocationPlan, functionArn = fn.arn): ApiRequest {
  const arrival = ctx.time + ctx.rng.int(6, 18);
  const inv = invoke(ctx.rng, fn, pool, arrival, plan, ctx.shell.traceId);
  return invokedRequest(ctx.rng, ctx.shell, inv, functionArn);
}

export function invocationsOf(requests: ApiRequest[]): Invocation[] {
  return requests.flatMap((r) => (r.invocation ? [r.invocation] : []));
}

export interface IncidentFrame {
  stateChange: number;
  /** When the bundle was recorded: nothing later is in it. */
  cutoff: number;
  window: { start: number; end: number };
  requests: ApiRequest[];
  failing: ApiRequest[];
  alarm: AlarmSpec;
}

/**
 * Finds when the 5xx alarm fired, drops what happened after the bundle was recorded (4-5 min after the alarm), and
 * checks that every failure of this incident lies in the contract's window even when the alarm's evaluation periods
 * are unknown (EventBridge events do not carry them): the engine may assume one period.
 */
export function frameIncident(rng: Rng, api: ApiIdentity, requests: ApiRequest[], p: { threshold: number; evaluationPeriods: number; onset: number; alarmName: string; description: string; topic: string; incidentStart?: number }): IncidentFrame {
  const { stateChange, datapoints } = alarmTransition(rng, requests, api, p.threshold, p.evaluationPeriods, p.onset);
  const cutoff = stateChange + 4 * MINUTE + rng.int(5_000, 40_000);
  const kept = requests.filter((r) => r.time + r.responseLatencyMs <= cutoff);
  const window = incidentWindow(stateChange, 60, p.evaluationPeriods);
  const narrow = incidentWindow(stateChange, 60, 1);
  const failing = failingInWindow(kept, api, window);
  const incidentStart = p.incidentStart ?? narrow.start;
  for (const r of kept) {
    if (!inScope(r, api) || r.status < 500 || r.time < incidentStart) continue;
    if (r.time < narrow.start) throw new Error(`${api.name}: a failure at ${new Date(r.time).toISOString()} is outside the one-period window`);
  }
  const alarm = alarmSpecFor(api, { threshold: p.threshold, evaluationPeriods: p.evaluationPeriods, stateChange, datapoints, alarmName: p.alarmName, description: p.description, topic: p.topic });
  return { stateChange, cutoff, window, requests: kept, failing, alarm };
}

/** A successful proxy response payload. */
export function payloadResponse(payload: string): InvokeResponse {
  return { kind: 'payload', payload };
}
