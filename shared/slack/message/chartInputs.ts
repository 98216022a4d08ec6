/**
 * What the message's chart needs from a bundle: the API's 5xx count per minute (AWS/ApiGateway 5XXError for REST,
 * 5xx for HTTP APIs, from get-metric-data) and the times of deployments and suspect changes in the window.
 */
import type { BundleContext } from '../../model/context.ts';
import type { Diagnosis } from '../../model/diagnosis.ts';

export interface ChartInputs {
  metricSeries?: { time: string; value: number }[];
  deployments: string[];
}

export function chartInputs(context: BundleContext, diagnosis: Diagnosis): ChartInputs {
  const series = context.metrics.find((m) => m.metricName === '5XXError' || m.metricName === '5xx');
  const start = Date.parse(diagnosis.window.start);
  const end = Date.parse(diagnosis.window.end);
  const inWindow = (ms: number): boolean => Number.isFinite(ms) && !Number.isNaN(start) && !Number.isNaN(end) && ms >= start && ms <= end;
  const times = new Set<number>();
  for (const deployment of context.deployments) if (inWindow(deployment.createdDate)) times.add(deployment.createdDate);
  for (const change of diagnosis.suspectChanges) {
    const ms = Date.parse(change.time);
    if (inWindow(ms)) times.add(ms);
  }
  const inputs: ChartInputs = { deployments: [...times].sort((a, b) => a - b).map((ms) => new Date(ms).toISOString()) };
  if (series && series.points.length > 0) {
    inputs.metricSeries = [...series.points].sort((a, b) => a.timestamp - b.timestamp).map((p) => ({ time: new Date(p.timestamp).toISOString(), value: p.value }));
  }
  return inputs;
}
