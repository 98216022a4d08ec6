import type { ConsoleLink, Finding } from '../model/diagnosis.ts';
import type { BundleContext } from '../model/context.ts';
import { lambdaFunctionLink, logsInsightsLink, xrayTraceLink } from './consoleLinks.ts';

export interface LinkScope {
  region?: string;
  apiId?: string;
  stage?: string;
  apiType: 'REST' | 'HTTP' | 'UNKNOWN';
  window?: { start: number; end: number };
  context: BundleContext;
}

/**
 * The links an engineer opens next: the failing requests' lines in Logs Insights over the window,
 * the first decisive trace, the functions involved. Nothing without a region (a link to the wrong
 * region is worse than none).
 */
export function findingLinks(finding: Finding, scope: LinkScope): ConsoleLink[] {
  const region = scope.region;
  if (!region) return [];
  const links: ConsoleLink[] = [];
  const groups: string[] = [];
  if (scope.apiType !== 'HTTP' && scope.apiId && scope.stage) groups.push(`API-Gateway-Execution-Logs_${scope.apiId}/${scope.stage}`);
  for (const fn of finding.functions.slice(0, 3)) {
    const cfg = scope.context.functions.find((f) => f.name === fn);
    groups.push(cfg?.logGroup ?? `/aws/lambda/${fn}`);
  }
  const ids = [
    ...new Set([...finding.sampledRequestIds.slice(0, 5), ...finding.evidence.map((e) => e.lambdaRequestId).filter((x): x is string => Boolean(x))]),
  ]
    .slice(0, 10)
    .map((id) => id.replace(/[^A-Za-z0-9_=+-]/g, ''));
  if (groups.length > 0 && ids.length > 0 && scope.window) {
    const query = `fields @timestamp, @log, @message\n| filter @message like /${ids.join('|')}/\n| sort @timestamp asc\n| limit 1000`;
    links.push({ label: 'Logs Insights (sampled requests)', url: logsInsightsLink(region, groups, query, scope.window.start, scope.window.end) });
  }
  const traceId = finding.evidence.find((e) => e.traceId)?.traceId;
  if (traceId) links.push({ label: 'X-Ray trace', url: xrayTraceLink(region, traceId) });
  for (const fn of finding.functions.slice(0, 2)) links.push({ label: `Lambda ${fn}`, url: lambdaFunctionLink(region, fn) });
  return links;
}
