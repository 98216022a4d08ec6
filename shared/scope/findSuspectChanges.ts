import type { SuspectChange } from '../model/diagnosis.ts';
import type { BundleContext } from '../model/context.ts';
import type { RequestEvidence } from '../correlate/requestEvidence.ts';

/** How far before the onset a change is a suspect. */
export const SUSPECT_LOOKBACK_MS = 2 * 60 * 60_000;
/** Changes just after the first failure can still be the cause of most of them (clock skew, gradual rollouts). */
const AFTER_ONSET_MS = 2 * 60_000;

/**
 * Changes that happened shortly before the onset to the API or to the functions behind it: CloudTrail
 * write events, API deployments, and function configurations modified in that span. Closest first.
 */
export function findSuspectChanges(context: BundleContext, onset: number | undefined, requests: readonly RequestEvidence[]): SuspectChange[] {
  if (onset === undefined) return [];
  const from = onset - SUSPECT_LOOKBACK_MS;
  const to = onset + AFTER_ONSET_MS;
  const functions = new Set(requests.map((r) => r.functionName).filter((f): f is string => Boolean(f)));
  for (const i of context.api?.integrations ?? []) if (i.functionName) functions.add(i.functionName);
  const out: SuspectChange[] = [];

  for (const c of context.changes) {
    if (c.time < from || c.time > to) continue;
    const change: SuspectChange = { time: new Date(c.time).toISOString(), what: c.what, who: c.who, source: 'cloudtrail' };
    const resource = c.resources[0];
    if (resource) change.resource = resource;
    out.push(change);
  }
  for (const d of context.deployments) {
    if (d.createdDate < from || d.createdDate > to) continue;
    const covered = out.some((c) => /CreateDeployment|UpdateStage/i.test(c.what) && Math.abs(Date.parse(c.time) - d.createdDate) < 60_000);
    if (covered) continue;
    out.push({
      time: new Date(d.createdDate).toISOString(),
      what: `API deployment ${d.id}${d.description ? ` ("${d.description}")` : ''}${context.stage?.deploymentId === d.id ? ` — the deployment stage ${context.stage.stageName ?? ''} now serves` : ''}`,
      who: 'unknown (see CloudTrail CreateDeployment)',
      source: 'deployment',
    });
  }
  for (const f of context.functions) {
    if (f.lastModified === undefined || f.lastModified < from || f.lastModified > to) continue;
    if (functions.size > 0 && !functions.has(f.name)) continue;
    const covered = out.some((c) => c.what.includes(f.name) && Math.abs(Date.parse(c.time) - (f.lastModified ?? 0)) < 120_000);
    if (covered) continue;
    out.push({
      time: new Date(f.lastModified).toISOString(),
      what: `Lambda function ${f.name} was modified (LastModified)${f.lastUpdateStatus && f.lastUpdateStatus !== 'Successful' ? `, last update ${f.lastUpdateStatus}` : ''}`,
      who: 'unknown (see CloudTrail UpdateFunctionCode / UpdateFunctionConfiguration)',
      source: 'function-config',
      resource: f.arn ?? f.name,
    });
  }
  return out.sort((a, b) => Math.abs(Date.parse(a.time) - onset) - Math.abs(Date.parse(b.time) - onset));
}
