import type { EvidenceItem } from '../model/diagnosis.ts';
import type { BundleContext } from '../model/context.ts';
import type { RootCauseId } from '../model/rootCauses.ts';
import { round2 } from './classifyRequest.ts';

/**
 * Evidence that is not a log line of one request: the function's configuration, metrics around the
 * window, and the alarm. Only what bears on the finding's cause is quoted.
 */
export function contextEvidence(
  id: RootCauseId,
  functions: readonly string[],
  context: BundleContext,
  window: { start: number; end: number } | undefined,
): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  for (const name of functions.slice(0, 2)) {
    const cfg = context.functions.find((f) => f.name === name);
    if (!cfg) continue;
    const relevant: string[] = [];
    if (['lambda-timeout', 'integration-timeout', 'downstream-dependency-failure'].includes(id) && cfg.timeoutSeconds !== undefined) relevant.push(`Timeout=${cfg.timeoutSeconds}s`);
    if (id === 'lambda-out-of-memory' && cfg.memorySizeMb !== undefined) relevant.push(`MemorySize=${cfg.memorySizeMb}MB`);
    if (id === 'lambda-throttled' && cfg.reservedConcurrency !== undefined) relevant.push(`ReservedConcurrentExecutions=${cfg.reservedConcurrency}`);
    if (id === 'lambda-init-error') {
      if (cfg.handler) relevant.push(`Handler=${cfg.handler}`);
      if (cfg.runtime) relevant.push(`Runtime=${cfg.runtime}`);
    }
    if (cfg.lastModified !== undefined && ['lambda-init-error', 'lambda-unhandled-error', 'lambda-timeout', 'lambda-out-of-memory', 'function-error-response'].includes(id)) {
      relevant.push(`LastModified=${new Date(cfg.lastModified).toISOString()}`);
    }
    if (relevant.length === 0) continue;
    items.push({ source: 'config', functionName: name, excerpt: `${name}: ${relevant.join(', ')}`, file: cfg.file });
  }
  const metricNames: Partial<Record<RootCauseId, RegExp>> = {
    'lambda-throttled': /^Throttles$/,
    'lambda-timeout': /^Duration$/,
    'lambda-unhandled-error': /^Errors$/,
    'lambda-out-of-memory': /^Errors$/,
    'lambda-init-error': /^Errors$/,
    'integration-timeout': /^(IntegrationLatency|Latency)$/,
  };
  const wanted = metricNames[id];
  if (wanted) {
    for (const series of context.metrics) {
      if (!series.metricName || !wanted.test(series.metricName)) continue;
      const fn = series.dimensions['FunctionName'];
      if (fn && functions.length > 0 && !functions.includes(fn)) continue;
      const points = series.points.filter((p) => !window || (p.timestamp >= window.start && p.timestamp <= window.end));
      if (points.length === 0) continue;
      const peak = points.reduce((a, b) => (b.value > a.value ? b : a));
      const total = points.reduce((s, p) => s + p.value, 0);
      const stat = series.stat ?? '';
      const value = /Sum|SampleCount/i.test(stat) || /Throttles|Errors/.test(series.metricName) ? `sum ${round2(total)}, peak ${round2(peak.value)}` : `peak ${round2(peak.value)}`;
      items.push({
        source: 'metrics',
        timestamp: new Date(peak.timestamp).toISOString(),
        excerpt: `${series.namespace ?? ''} ${series.metricName}${fn ? ` (${fn})` : ''} ${stat}: ${value} over the window`.trim(),
        file: series.file,
      });
      if (items.filter((i) => i.source === 'metrics').length >= 2) break;
    }
  }
  return items;
}
