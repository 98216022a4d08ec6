import { planLiveDiagnosis, type DiagnoseLiveOptions, type LiveTarget } from '../live/diagnoseLive.ts';
import { callsMadeBy } from '../live/AwsCallLog.ts';
import { LiveEvidenceSource } from '../live/LiveEvidenceSource.ts';
import type { Incident, ScopeSummary } from './stepPayloads.ts';
import { evidenceKey } from './evidenceKeys.ts';
import type { StoredScope } from './storedScope.ts';
import { liveOptionsOf, type WorkflowDeps } from './WorkflowDeps.ts';

/**
 * ResolveScope: the alarm (or the request) resolved to an API, stage and window, then the API's stage,
 * integrations and functions read. Stores scope.json; an API that does not exist throws (the state machine's
 * Catch then lets Classify say so).
 */
export async function resolveScopeStep(input: { incident: Incident }, deps: WorkflowDeps): Promise<ScopeSummary> {
  const { incident } = input;
  const t = incident.target;
  const target: LiveTarget = t.kind === 'alarm-event' ? { kind: 'alarm-event', event: t.event } : { kind: 'api', api: t.api, stage: t.stage };
  const options: DiagnoseLiveOptions = {
    ...liveOptionsOf(deps),
    ...(t.kind === 'api' && t.from !== undefined && t.to !== undefined ? { from: t.from, to: t.to } : {}),
    ...(t.kind === 'api' && t.since !== undefined ? { since: t.since } : {}),
  };
  const { result, calls } = await callsMadeBy(async () => {
    const plan = await planLiveDiagnosis(deps.clients, target, options);
    const source = new LiveEvidenceSource(deps.clients, plan.request, liveOptionsOf(deps));
    return { plan, source, scope: await source.gatherScope() };
  });
  const { plan, source, scope } = result;
  const engineOptions = { ...plan.engineOptions, apiId: scope.apiId, stage: scope.stage };
  const stored: StoredScope = { snapshot: source.snapshot(calls), engineOptions };
  const ref = await deps.store.putJson(evidenceKey(incident.diagnosisId, 'scope.json'), stored);
  return {
    ref,
    apiId: scope.apiId,
    ...(scope.apiName !== undefined ? { apiName: scope.apiName } : {}),
    apiType: scope.apiType,
    stage: scope.stage,
    ...(scope.region !== undefined ? { region: scope.region } : {}),
    window: plan.request.window,
  };
}
