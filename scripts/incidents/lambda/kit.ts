import type { AlarmSpec, MetricQuery } from './context.ts';
import type { ApiIdentity, ApiRequest, Invocation } from './model.ts';
import type { Rng } from './rng.ts';
import { MINUTE } from './time.ts';

/** Helpers every scenario uses: per-minute metrics from the simulated requests, the alarm they trip, the window. */

export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

export function inScope(req: ApiRequest, api: ApiIdentity): boolean {
  return req.api.id === api.id && req.api.stage === api.stage;
}

/** Counts per minute (by the time API Gateway answered) of requests that match. */
export function perMinute(requests: ApiRequest[], match: (r: ApiRequest) => boolean): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of requests) {
    if (!match(r)) continue;
    const m = minuteOf(r.time + r.responseLatencyMs);
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return counts;
}

/**
 * When an alarm on the stage's 5xx sum (period 60 s, N of N) first goes to ALARM: the minute that completes N
 * breaching minutes, plus the 20-70 s CloudWatch takes to evaluate a closed period.
 */
export function alarmTransition(rng: Rng, requests: ApiRequest[], api: ApiIdentity, threshold: number, evaluationPeriods: number, after: number): { stateChange: number; datapoints: [number, number][] } {
  const counts = perMinute(requests, (r) => inScope(r, api) && r.status >= 500);
  const first = minuteOf(after);
  for (let m = first; m < first + 120 * MINUTE; m += MINUTE) {
    const window: [number, number][] = [];
    for (let k = evaluationPeriods - 1; k >= 0; k--) {
      const t = m - k * MINUTE;
      window.push([t, counts.get(t) ?? 0]);
    }
    if (window.every(([, v]) => v >= threshold)) {
      return { stateChange: m + MINUTE + rng.int(20_000, 70_000), datapoints: window };
    }
  }
  throw new Error(`the ${api.name}/${api.stage} failures never reach ${threshold} a minute for ${evaluationPeriods} minutes`);
}

/** The contract's window: period x evaluation periods + 15 min before the state change, to 5 min after. */
export function incidentWindow(stateChange: number, periodSeconds: number, evaluationPeriods: number): { start: number; end: number } {
  return { start: stateChange - periodSeconds * 1000 * evaluationPeriods - 15 * MINUTE, end: stateChange + 5 * MINUTE };
}

export function failingInWindow(requests: ApiRequest[], api: ApiIdentity, window: { start: number; end: number }): ApiRequest[] {
  return requests.filter((r) => inScope(r, api) && r.status >= 500 && r.time >= window.start && r.time <= window.end);
}

/** API Gateway stage metrics (REST: ApiName+Stage dimensions; HTTP: ApiId+Stage) from the requests. */
export function apiGatewayMetrics(requests: ApiRequest[], api: ApiIdentity, from: number, to: number): MetricQuery[] {
  const scoped = requests.filter((r) => inScope(r, api));
  const dims: Record<string, string> = api.type === 'REST' ? { ApiName: api.name, Stage: api.stage } : { ApiId: api.id, Stage: api.stage };
  const minutes: number[] = [];
  for (let m = minuteOf(from); m <= minuteOf(to); m += MINUTE) minutes.push(m);
  const count = perMinute(scoped, () => true);
  const fives = perMinute(scoped, (r) => r.status >= 500);
  const fours = perMinute(scoped, (r) => r.status >= 400 && r.status < 500);
  const latencySum = new Map<number, number>();
  for (const r of scoped) {
    const m = minuteOf(r.time + r.responseLatencyMs);
    latencySum.set(m, (latencySum.get(m) ?? 0) + r.responseLatencyMs);
  }
  const names = api.type === 'REST' ? { five: '5XXError', four: '4XXError' } : { five: '5xx', four: '4xx' };
  return [
    { id: 'm5xx', label: names.five, namespace: 'AWS/ApiGateway', metricName: names.five, dimensions: dims, stat: 'Sum', periodSeconds: 60, points: minutes.map((m) => [m, fives.get(m) ?? 0]) },
    { id: 'm4xx', label: names.four, namespace: 'AWS/ApiGateway', metricName: names.four, dimensions: dims, stat: 'Sum', periodSeconds: 60, points: minutes.map((m) => [m, fours.get(m) ?? 0]) },
    { id: 'mcount', label: 'Count', namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: dims, stat: 'Sum', periodSeconds: 60, points: minutes.map((m) => [m, count.get(m) ?? 0]) },
    {
      id: 'mlatency', label: 'Latency', namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensions: dims, stat: 'Average', periodSeconds: 60,
      points: minutes.filter((m) => (count.get(m) ?? 0) > 0).map((m) => [m, Math.round(((latencySum.get(m) ?? 0) / (count.get(m) ?? 1)) * 100) / 100]),
    },
  ];
}

/** AWS/Lambda metrics of one function from its invocations (and throttled attempts, which never ran). */
export function lambdaMetrics(fn: string, invocations: Invocation[], throttledAt: number[], from: number, to: number): MetricQuery[] {
  const minutes: number[] = [];
  for (let m = minuteOf(from); m <= minuteOf(to); m += MINUTE) minutes.push(m);
  const mine = invocations.filter((i) => i.functionName === fn);
  const inv = new Map<number, number>();
  const errors = new Map<number, number>();
  const maxDuration = new Map<number, number>();
  for (const i of mine) {
    const m = minuteOf(i.start);
    inv.set(m, (inv.get(m) ?? 0) + 1);
    if (i.end.kind !== 'success') errors.set(m, (errors.get(m) ?? 0) + 1);
    maxDuration.set(m, Math.max(maxDuration.get(m) ?? 0, i.durationMs));
  }
  const throttles = new Map<number, number>();
  for (const t of throttledAt) throttles.set(minuteOf(t), (throttles.get(minuteOf(t)) ?? 0) + 1);
  const dims = { FunctionName: fn };
  const q = (id: string, name: string, stat: string, map: Map<number, number>, sparse = false): MetricQuery => ({
    id, label: name, namespace: 'AWS/Lambda', metricName: name, dimensions: dims, stat, periodSeconds: 60,
    points: (sparse ? minutes.filter((m) => map.has(m)) : minutes).map((m) => [m, map.get(m) ?? 0]),
  });
  return [
    q('linvocations', 'Invocations', 'Sum', inv),
    q('lerrors', 'Errors', 'Sum', errors),
    q('lthrottles', 'Throttles', 'Sum', throttles),
    q('lduration', 'Duration', 'Maximum', maxDuration, true),
  ];
}

export function alarmSpecFor(api: ApiIdentity, p: { threshold: number; evaluationPeriods: number; stateChange: number; datapoints: [number, number][]; alarmName: string; description: string; topic: string }): AlarmSpec {
  return {
    account: api.account,
    region: api.region,
    alarmName: p.alarmName,
    description: p.description,
    metricName: api.type === 'REST' ? '5XXError' : '5xx',
    namespace: 'AWS/ApiGateway',
    dimensions: api.type === 'REST' ? { ApiName: api.name, Stage: api.stage } : { ApiId: api.id, Stage: api.stage },
    periodSeconds: 60,
    evaluationPeriods: p.evaluationPeriods,
    threshold: p.threshold,
    stateChange: p.stateChange,
    previousStateChange: p.stateChange - 3 * 86_400_000 - 4_513_000,
    datapoints: p.datapoints,
    snsTopicArn: `arn:aws:sns:${api.region}:${api.account}:${p.topic}`,
  };
}
